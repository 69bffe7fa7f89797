"""Hold what the command modules share: printing findings and reading ``--to``.

``letters.cli`` (check, render) and ``letters.cli_batch`` (batch, build) both import from here,
so neither imports the other for these.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from . import i18n
from .diagnostics import Diagnostic, UsageError, format_all
from .i18n import _

LOCALES = ("zh-Hans-CN", "zh-Hant-TW", "zh-Hant-HK")  # letters.script.LOCALES (not imported here)


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

    return _("输出格式，逗号分隔：{formats}（默认全部）").format(formats=",".join(writers.names()))


def formats_arg(text: str | None) -> tuple[str, ...]:
    """Parse a ``--to docx,md`` value (None: every format); raise UsageError for unknown ones."""
    return _formats(text)


def _formats(text: str | None) -> tuple[str, ...]:
    from . import writers

    if text is None:
        return writers.names()
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
