"""Name output files: parse a ``--name`` pattern, fill it from a row, keep names unique."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from ..diagnostics import Path_, UsageError
from ..i18n import _
from .columns import parse_path, path_problem, value_at

DEFAULT_PATTERN = "{letter.number}-{client.name}"
_PLACEHOLDER = re.compile(r"\{\{|\}\}|\{([^{}]*)\}|[{}]")


def parse_pattern(pattern: str, cls: type) -> list[str | Path_]:
    """Split a ``--name`` pattern into literal text and spec paths; raise UsageError if bad."""
    parts: list[str | Path_] = []
    pos = 0
    for m in _PLACEHOLDER.finditer(pattern):
        parts.append(pattern[pos : m.start()])
        pos = m.end()
        token = m.group(0)
        if token in ("{{", "}}"):
            parts.append(token[0])
            continue
        if m.group(1) is None:
            raise UsageError(
                _(
                    "letters: --name 中有不成对的花括号：{pattern}（字面花括号写作 {{{{ 或 }}}}）"
                ).format(pattern=pattern)
            )
        path = parse_path(m.group(1))
        problem = _("不是规格路径") if path is None else path_problem(cls, path)
        if problem:
            raise UsageError(
                _("letters: --name 中的 {placeholder} 无效：{problem}").format(
                    placeholder=m.group(0), problem=problem
                )
            )
        parts.append(path)  # type: ignore[arg-type]
    parts.append(pattern[pos:])
    if not any(isinstance(p, tuple) for p in parts) and not "".join(map(str, parts)).strip():
        raise UsageError(_("letters: --name 不能为空"))
    return [p for p in parts if p != ""]


def fill_pattern(parts: Sequence[str | Path_], data: Any) -> str:
    """Return the file stem of *data* under a parsed pattern, made safe for any file system."""
    from ..output import safe_stem

    out = []
    for part in parts:
        if isinstance(part, tuple):
            value = value_at(data, part)
            out.append(value if isinstance(value, str) else "")
        else:
            out.append(part)
    return safe_stem("".join(out))


class UniqueNames:
    """Hand out names unique within a run, case-insensitively: ``a``, ``a-2``, ``a-3`` …"""

    def __init__(self) -> None:
        self.used: set[str] = set()

    def take(self, stem: str) -> str:
        """Return *stem*, or *stem* with the first free ``-N`` suffix, and reserve it."""
        candidate, n = stem, 1
        while candidate.casefold() in self.used:
            n += 1
            candidate = f"{stem}-{n}"
        self.used.add(candidate.casefold())
        return candidate
