"""Address spec values by header paths (``tiers[0].share``): parse, check against a model, read."""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..diagnostics import Diagnostic, Mark, Path_, dotted
from ..i18n import N_, _

if TYPE_CHECKING:
    from ..source import Source
    from .readers import Table

_FIXED = {"template": N_("每行不能更换文书类型"), "extends": N_("extends 只能写在规格文件里")}
_SEGMENT = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)((?:\[\d+\])*)")
_INDEX = re.compile(r"\[(\d+)\]")


def parse_path(text: str) -> Path_ | None:
    """Return the path tuple of ``tiers[0].share`` (``("tiers", 0, "share")``), or None."""
    parts: list[str | int] = []
    for segment in text.strip().split("."):
        m = _SEGMENT.fullmatch(segment)
        if not m:
            return None
        parts.append(m.group(1))
        parts.extend(int(i) for i in _INDEX.findall(m.group(2)))
    return tuple(parts)


def model_class(base: Source) -> type:
    """Return the model class of the letter kind *base* names (raise its SpecError if none)."""
    from .. import kinds

    kind = kinds.find(base.data.get("template"))
    if kind is None:
        from ..contract import from_source

        from_source(base)  # raises the unknown-template error with its mark
        raise AssertionError("unreachable")  # pragma: no cover
    return kind.model


def path_problem(cls: type, path: Path_) -> str | None:
    """Return why *path* does not name a single value of model *cls* (None when it does)."""
    from ..modeling import LIST, MODEL, follow

    if path and path[0] in _FIXED:
        return _(_FIXED[str(path[0])])
    sh, i = follow(cls, path)  # sh: the shape reached; path[i] the first part that does not fit
    if i < len(path):
        part = path[i]
        # TRANSLATORS: the whole spec, where a column's path starts ("the spec has no field …")
        here = dotted(path[:i]) or _("规格")
        if not isinstance(part, str):
            return _("{where} 不是列表，不能写 [{index}]").format(where=here, index=part)
        if sh.kind != MODEL:
            return _("{where} 不是映射，不能再写 .{key}").format(where=here, key=part)
        close = _closest(part, sh.by_name)
        if close:
            whole = _corrected(cls, path)  # Letter.Number → letter.number
            match = dotted(whole) if whole else dotted((*path[:i], close))
            if i == 0:
                return _("规格没有字段“{key}”。您是否想写“{match}”？").format(key=part, match=match)
            return _("{where} 没有字段“{key}”。您是否想写“{match}”？").format(
                where=here, key=part, match=match
            )
        if i == 0:
            return _("规格没有字段“{key}”。").format(key=part)
        return _("{where} 没有字段“{key}”。").format(where=here, key=part)
    if sh.kind == MODEL:
        return _("{path} 是一个映射；每列只能填一个值，如 {example}").format(
            path=dotted(path), example=dotted((*path, "name"))
        )
    if sh.kind == LIST:
        return _("{path} 是一个列表；请按项填写，如 {example}").format(
            path=dotted(path), example=dotted((*path, 0))
        )
    return None


def _closest(part: str, fields: Mapping[str, Any]) -> str | None:
    """Return the field *part* most likely means: the same name in another case, or a close one."""
    same = [name for name in fields if name.lower() == part.lower()]
    if same:
        return same[0]
    close = difflib.get_close_matches(part, sorted(fields), n=1, cutoff=0.6)
    return close[0] if close else None


def _corrected(cls: type, path: Path_) -> Path_ | None:
    """Return *path* with every misspelt field replaced by its closest field, if all resolve."""
    from ..modeling import LIST, MODEL, shape

    sh = shape(cls)
    out: list[str | int] = []
    for part in path:
        sh = sh.bare
        if isinstance(part, str):
            name = None
            if sh.kind == MODEL:
                name = part if part in sh.by_name else _closest(part, sh.by_name)
            if name is None:
                return None
            out.append(name)
            sh = sh.by_name[name].shape
        else:
            if sh.kind != LIST:
                return None
            out.append(part)
            assert sh.inner is not None
            sh = sh.inner
    return tuple(out)


def value_at(data: Any, path: Path_) -> Any:
    """Return the value at *path* of plain *data* (None where the path leads nowhere)."""
    node = data
    for part in path:
        if isinstance(part, int):
            if not isinstance(node, list) or part >= len(node):
                return None
            node = node[part]
        else:
            if not isinstance(node, dict):
                return None
            node = node.get(part)
    return node


@dataclass(frozen=True)
class Column:
    """Hold one usable column of the table: where its cells are and which path they set."""

    index: int  # 0-based position in a row
    path: Path_


def header_columns(
    table: Table, cls: type, used: set[int]
) -> tuple[list[Column], list[Diagnostic]]:
    """Return the usable columns of *table*'s header and the problems of the others.

    *used* holds the indices of the columns that have data in some row: a column without a
    title is a problem only then.
    """
    columns: list[Column] = []
    problems: list[Diagnostic] = []
    seen: dict[Path_, int] = {}
    if not table.header and not used:  # nothing at all: not even a header row
        msg = _("客户表为空：第 1 行应为列标题（规格路径，如 client.name），其后每行一位客户")
        return [], [Diagnostic("empty-file", "error", (), msg, Mark(table.file, 1, 1))]
    if not table.header or all(h is None for h in table.header):
        msg = _("第 1 行应为列标题（规格路径，如 client.name、agreement.total）")
        return [], [Diagnostic("unknown-column", "error", (), msg, Mark(table.file, 1, 1))]
    for i, text in enumerate(table.header):
        mark = Mark(table.file, 1, i + 1)
        if text is None:
            if i in used:
                msg = _(
                    "第 {column} 列没有标题，但有数据；标题应为规格路径，如 client.name"
                ).format(column=i + 1)
                problems.append(Diagnostic("unknown-column", "error", (), msg, mark))
            continue
        path = parse_path(text)
        problem = (
            _("不是规格路径（应写成 client.name、tiers[0].share 的形式）") if path is None else None
        )
        if path is not None:
            problem = path_problem(cls, path)
        if problem or path is None:
            msg = _("未知的列“{column}”：{problem}").format(column=text, problem=problem)
            problems.append(Diagnostic("unknown-column", "error", (), msg, mark))
            continue
        if path in seen:
            msg = _("列“{column}”重复（第 {first} 列已有）").format(
                column=text, first=seen[path] + 1
            )
            problems.append(Diagnostic("duplicate-column", "error", path, msg, mark))
            continue
        seen[path] = i
        columns.append(Column(i, path))
    for i in sorted(i for i in used if i >= len(table.header)):
        msg = _("第 {column} 列没有标题，但有数据；标题应为规格路径，如 client.name").format(
            column=i + 1
        )
        problems.append(Diagnostic("unknown-column", "error", (), msg, Mark(table.file, 1, i + 1)))
    return columns, problems
