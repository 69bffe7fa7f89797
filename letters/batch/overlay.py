"""Lay a table row over the base spec's data, marking every value the row sets with its cell."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..diagnostics import Diagnostic, Mark, Path_, dotted
from ..i18n import _, ngettext
from ..source import ILLEGAL_XML, Source  # the characters a spec (and a DOCX) cannot hold
from .columns import Column


class Overlay:
    """Lay table rows over a base source, keeping the base's marks for untouched paths."""

    def __init__(self, base: Source, columns: Sequence[Column], file: str) -> None:
        self.base = base
        self.columns = tuple(columns)
        self.file = file
        self._below = {
            c.path: tuple(q for q in base.marks if q[: len(c.path)] == c.path) for c in columns
        }

    def data(self, cells: Sequence[str | None]) -> dict[str, Any]:
        """Return the base data with the row's values set, ignoring cells that cannot be set."""
        return self._apply(cells, 0)[0]

    def source(
        self, row: int, cells: Sequence[str | None]
    ) -> tuple[Source | None, list[Diagnostic]]:
        """Return the row's source (or None) and the problems of cells that cannot be set."""
        data, problems = self._apply(cells, row)
        if problems:
            return None, problems
        marks = dict(self.base.marks)
        for c in self.columns:
            if c.index < len(cells) and cells[c.index] is not None:
                mark = Mark(self.file, row, c.index + 1)
                for q in self._below[c.path]:
                    marks[q] = mark
                marks[c.path] = mark
        return Source(self.base.file, data, marks, self.base.text, self.base.key_marks), []

    def _apply(
        self, cells: Sequence[str | None], row: int
    ) -> tuple[dict[str, Any], list[Diagnostic]]:
        data = dict(self.base.data)
        copied = {id(data)}
        problems: list[Diagnostic] = []
        for c in self.columns:
            value = cells[c.index] if c.index < len(cells) else None
            if value is None:
                continue
            bad = ILLEGAL_XML.search(value)
            if bad:
                mark = Mark(self.file, row, c.index + 1)
                msg = _("含有不可见的控制字符 {char}，无法写入文书；请删除该字符").format(
                    char=f"U+{ord(bad.group()):04X}"
                )
                problems.append(Diagnostic("control-character", "error", c.path, msg, mark))
                continue
            problem = _assign(data, c.path, value, copied)
            if problem:
                mark = Mark(self.file, row, c.index + 1)
                problems.append(Diagnostic("missing-item", "error", c.path, problem, mark))
        return data, problems


def _assign(root: dict[str, Any], path: Path_, value: str, copied: set[int]) -> str | None:
    """Set *path* of *root* to *value*, copying every container on the way (copy on write)."""
    node: Any = root
    for i, part in enumerate(path):
        last = i == len(path) - 1
        if isinstance(part, int):
            if not isinstance(node, list):
                return _("基础规格中的 {path} 不是列表").format(path=dotted(path[:i]))
            if part >= len(node):
                return ngettext(
                    "基础规格的 {path} 只有 {count} 项，没有 {item}；表格只能修改基础规格中已有的列表项",
                    "基础规格的 {path} 只有 {count} 项，没有 {item}；表格只能修改基础规格中已有的列表项",
                    len(node),
                ).format(path=dotted(path[:i]), count=len(node), item=dotted(path[: i + 1]))
        elif not isinstance(node, dict):
            return _("基础规格中的 {path} 不是映射").format(path=dotted(path[:i]))
        if last:
            node[part] = value
            return None
        child = node[part] if isinstance(part, int) else node.get(part)
        if child is None and isinstance(part, str):
            if isinstance(path[i + 1], int):
                return _("基础规格中没有 {path} 列表；表格只能修改已有的列表项").format(
                    path=dotted(path[: i + 1])
                )
            child = {}
        elif isinstance(child, dict | list) and id(child) not in copied:
            child = dict(child) if isinstance(child, dict) else list(child)
        elif not isinstance(child, dict | list):
            return _("基础规格中的 {path} 是单个值，不能再往下填写").format(
                path=dotted(path[: i + 1])
            )
        copied.add(id(child))
        node[part] = child
        node = child
    return None  # pragma: no cover - the loop always returns at the last part
