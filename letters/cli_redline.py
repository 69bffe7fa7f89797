"""Add the ``redline`` sub-command: the letter of NEW with its differences from OLD tracked.

:func:`register` only adds the parser (the CLI calls it on every run); the handler imports
what it needs when it runs.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .cli_common import emit, format_arg, formats_arg, formats_help, locale_arg, templates_arg
from .i18n import _

Handler = Callable[[argparse.Namespace], int]

SUFFIX = "-redline"  # DIR/<NEW stem>-redline.docx and .md


def register(sub: Any) -> dict[str, Handler]:
    """Add ``redline`` to *sub*; return its handler."""
    r = sub.add_parser(
        "redline",
        help=_("生成修订稿：新规格的承诺函，标出与旧规格的每处差异"),
        description=_(
            "先按 render 的规则校验两份规格，再生成新规格的承诺函：与旧规格承诺函的每处差异"
            "都是修订（DOCX 的修订标记、Markdown 的 <ins>/<del>），每个改动的数字附批注，"
            "写明产生它的规格字段及新旧值。"
        ),
    )
    r.add_argument("old", metavar="OLD", help=_("旧版本的规格文件"))
    r.add_argument("new", metavar="NEW", help=_("新版本的规格文件"))
    r.add_argument("-o", "--output", required=True, metavar="DIR", help=_("输出文件夹"))
    r.add_argument("--to", default=None, help=formats_help())
    r.add_argument(
        "--author", default=None, metavar="NAME", help=_("修订与批注的作者（默认：新规格的承诺方）")
    )
    format_arg(r)
    templates_arg(r)
    locale_arg(r)
    return {"redline": cmd_redline}


def cmd_redline(args: argparse.Namespace) -> int:
    """Check both specs, then write ``DIR/<NEW stem>-redline.<suffix>``; return 0, 1 or 2."""
    from . import writers
    from .checks import check
    from .contract import load
    from .diagnostics import Diagnostic, SpecError, UsageError
    from .output import write_atomic

    formats = formats_arg(args.to)
    if "pdf" in formats:  # a PDF cannot carry tracked changes
        raise UsageError(_("letters: redline 只能生成 docx 与 md（PDF 无法显示修订）"))
    templates = args.templates
    if not templates:
        from .cli_authoring import configured_templates

        templates = configured_templates()
    found: list[Diagnostic] = []
    worst = 0
    contracts = []
    for raw in (args.old, args.new):
        path = Path(raw)
        if path.is_dir():
            raise UsageError(
                _("letters: {path} 是文件夹；redline 需要两份规格文件").format(path=raw)
            )
        try:
            contract = load(path).with_locale(args.locale)
        except SpecError as exc:
            found += exc.diagnostics
            worst = max(worst, 1, exc.exit_code)
            continue
        diags = check(contract)
        found += diags
        if any(d.is_error for d in diags):
            worst = max(worst, 1)
        contracts.append(contract)
    emit(found, args.format)
    status = sys.stdout if args.format == "text" else sys.stderr
    if worst:
        print(_("存在错误的规格，未生成修订稿。"), file=status)
        return worst
    from .redline import redline

    old, new = contracts
    result = redline(old, new, formats, args.author, templates)
    outdir = Path(args.output)
    for fmt in formats:
        name = f"{new.stem}{SUFFIX}{writers.get(fmt).suffix}"
        write_atomic(outdir, name, result.outputs[fmt])
        print(_("已生成 {path}").format(path=outdir / name), file=status)
    if result.identical:
        print(_("两份规格生成的承诺函内容相同：修订稿中没有修订标记。"), file=status)
    else:
        print(
            _("修订：{inserted} 处插入，{deleted} 处删除，{notes} 条批注。").format(
                inserted=result.inserted, deleted=result.deleted, notes=len(result.notes)
            ),
            file=status,
        )
    return 0
