"""Add the ``verify`` sub-command: does a letter that came back still say what its spec says?

:func:`register` only adds the parser; the handler imports :mod:`letters.verify` (and through
it zipfile and ElementTree) when it runs, so ``letters check`` never loads them.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .cli_common import templates_arg
from .i18n import _, ngettext

Handler = Callable[[argparse.Namespace], int]


def register(sub: Any) -> dict[str, Handler]:
    """Add ``verify`` to *sub*; return its handler."""
    v = sub.add_parser(
        "verify",
        help=_("核对一份承诺函（DOCX / Markdown）是否仍与规格一致"),
        description=_(
            "先像 letters render 一样校验并重新生成规格，再逐段、逐个单元格比对 LETTER 与新生成的承诺函："
            "正文段落、表格、页眉页脚和文档属性。每处不同、每个未接受的修订和每条批注各输出一行；"
            "完全一致时退出码为 0。"
        ),
    )
    v.add_argument("letter", metavar="LETTER", help=_("要核对的承诺函（.docx 或 .md）"))
    v.add_argument("spec", metavar="SPEC", help=_("生成该承诺函的规格文件"))
    v.add_argument(
        "--format", choices=("text", "json", "github"), default="text", help=_("输出格式")
    )
    templates_arg(v)
    return {"verify": cmd_verify}


def cmd_verify(args: argparse.Namespace) -> int:
    """Verify one letter against its spec; print the findings; return 0, 1 or 2."""
    from .cli_common import emit
    from .diagnostics import UsageError
    from .verify import verify

    spec = Path(args.spec)
    if not spec.is_file():
        raise UsageError(_("letters: 找不到 {path}").format(path=args.spec))
    templates = args.templates or _configured_templates()
    done = verify(Path(args.letter), spec, templates)
    emit(done.diagnostics, args.format)
    if args.format == "text":
        if done.exit_code == 0:
            print(_("{letter} 与 {spec} 一致。").format(letter=args.letter, spec=args.spec))
        elif done.diagnostics and all(d.mark.where for d in done.diagnostics):
            n = len(done.diagnostics)
            print(
                ngettext(
                    "{letter} 与 {spec} 有 {count} 处不一致。",
                    "{letter} 与 {spec} 有 {count} 处不一致。",
                    n,
                ).format(letter=args.letter, spec=args.spec, count=n)
            )
        else:
            print(_("规格存在错误，无法核对承诺函。"), file=sys.stderr)
    return done.exit_code


def _configured_templates() -> list[str]:
    from .config import load_config

    return [str(p) for p in load_config().templates]
