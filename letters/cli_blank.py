"""Add the ``blank`` sub-command: the letter of a kind as a form to be filled in by hand.

:func:`register` only adds the parser (the CLI calls it on every run); the handler imports
what it needs when it runs.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .cli_common import formats_arg, formats_help, locale_arg, pdf_a, pdf_a_arg, templates_arg
from .i18n import _

Handler = Callable[[argparse.Namespace], int]


def register(sub: Any) -> dict[str, Handler]:
    """Add ``blank`` to *sub*; return its handler."""
    b = sub.add_parser(
        "blank",
        help=_("生成空白表单：某类文书的承诺函，规格给出的内容都留空待填"),
        description=_(
            "用该类文书的模板（或 --templates / [tool.letters] templates 中的自定义模板）生成"
            "空白表单：规格给出的每个值都是长度合适的空格线（日期为 ____年__月__日，金额为 ____元），"
            "算出的数字同样留空，列表按起始规格的条数留出编号空行，可选的章节、条目与语句标明“可选”；"
            "版式与填好的承诺函相同。写出 DIR/<KIND>-blank.docx 等文件。"
        ),
    )
    b.add_argument(
        "kinds", nargs="+", metavar="KIND", help=_("文书类型（letters templates 列出全部）")
    )
    b.add_argument("-o", "--output", required=True, metavar="DIR", help=_("输出文件夹"))
    b.add_argument("--to", default=None, help=formats_help())
    templates_arg(b)
    locale_arg(b)
    pdf_a_arg(b)
    return {"blank": cmd_blank}


def cmd_blank(args: argparse.Namespace) -> int:
    """Write ``DIR/<KIND>-blank.<suffix>`` for every KIND; return 0 or 2."""
    from .blank import known, produce_blank

    kinds = [known(k) for k in dict.fromkeys(args.kinds)]  # every name checked before writing
    formats = formats_arg(args.to)
    templates = args.templates
    if not templates:
        from .cli_authoring import configured_templates

        templates = configured_templates()
    outdir = Path(args.output)
    with pdf_a(args.pdf_a):
        for kind in kinds:
            files, _diffs = produce_blank(
                kind, formats, templates, outdir, "overwrite", args.locale
            )
            for name, _status in files:
                print(_("已生成 {path}").format(path=outdir / name), file=sys.stdout)
    return 0
