"""Hold what the command modules share: printing findings and reading ``--to``.

``letters.cli`` (check, render) and ``letters.cli_batch`` (batch, build) both import from here,
so neither imports the other for these.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from . import i18n
from .diagnostics import Diagnostic, UsageError, format_all
from .i18n import _

LOCALES = ("zh-Hans-CN", "zh-Hant-TW", "zh-Hant-HK")  # letters.script.LOCALES (not imported here)


def format_arg(parser: Any) -> None:
    """Add ``--format`` (how findings are printed: text, json or github)."""
    parser.add_argument(
        "--format", choices=("text", "json", "github"), default="text", help=_("诊断输出格式")
    )


def templates_arg(parser: Any) -> None:
    """Add ``--templates DIR`` (repeatable: custom template folders before the built-in ones)."""
    parser.add_argument(
        "--templates",
        action="append",
        default=[],
        metavar="DIR",
        help=_("自定义模板文件夹（优先于内置模板）"),
    )


def locale_arg(parser: Any) -> None:
    """Add ``--locale`` (the letter's script and region, over the spec's ``locale``)."""
    parser.add_argument(
        "--locale",
        choices=LOCALES,
        default=None,
        help=_(
            "承诺函的语言区域，优先于规格的 locale：zh-Hans-CN（简体）、zh-Hant-TW（繁体，台湾）、"
            "zh-Hant-HK（繁体，香港）"
        ),
    )


def formats_help() -> str:
    """Return the help of ``--to``: the registered formats (:mod:`letters.writers`)."""
    from . import writers

    return _("输出格式，逗号分隔：{formats}（默认 {defaults}）").format(
        formats=",".join(writers.names()), defaults=",".join(writers.defaults())
    )


def formats_arg(text: str | None) -> tuple[str, ...]:
    """Parse a ``--to docx,md`` value (None: the default formats); raise UsageError for unknown
    ones, and for one this machine cannot write (PDF without LibreOffice)."""
    from . import writers

    formats = _formats(text)
    writers.require(formats)
    return formats


def draft_arg(parser: Any) -> None:
    """Add ``--draft`` (every letter a draft, as ``status: draft`` in the spec)."""
    parser.add_argument(
        "--draft",
        action="store_true",
        help=_("生成草稿：每页加“草稿”水印，文档属性与 Markdown 标明草稿，落款日期留空"),
    )


def pdf_a_arg(parser: Any) -> None:
    """Add ``--pdf-a`` (PDF files as PDF/A-2b, for archiving)."""
    parser.add_argument("--pdf-a", action="store_true", help=_("PDF 输出为 PDF/A-2b（归档用）"))


@contextmanager
def pdf_a(enabled: bool) -> Iterator[None]:
    """Make the PDF writer export PDF/A-2b while the block runs (worker processes too)."""
    from .writers.pdf import PDF_A_ENV

    before = os.environ.get(PDF_A_ENV)
    if enabled:
        os.environ[PDF_A_ENV] = "1"
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(PDF_A_ENV, None)
        else:
            os.environ[PDF_A_ENV] = before


def _formats(text: str | None) -> tuple[str, ...]:
    from . import writers

    if text is None:
        return writers.defaults()
    formats = tuple(x.strip() for x in text.split(",") if x.strip())
    bad = [x for x in formats if x not in writers.names()]
    if bad or not formats:
        raise UsageError(
            _("letters: 不支持的输出格式：{formats}（可选 {choices}）").format(
                formats=", ".join(bad) or text, choices=i18n.join(writers.names())
            )
        )
    return formats


def emit(diags: Sequence[Diagnostic], fmt: str) -> None:
    """Print *diags* to stdout in *fmt* (text, json or github)."""
    if fmt == "json":
        print(format_all(diags, "json"))
    elif diags:
        print(format_all(diags, fmt))
