"""Render one letter per client: a base spec overlaid with the rows of a CSV or XLSX table.

The table's first row holds column headers; each header is a spec path (``client.name``,
``agreement.total``, ``tiers[0].share``) and each further row gives one client's values for
those paths.  A row is laid over the plain data of the base spec (mappings along the path are
copied, nothing of the base is changed), loaded with :func:`letters.spec.from_source` and checked
like any spec.  Every overridden path carries the mark ``(table, row, column)`` as a spreadsheet
shows them (header row 1, first column 1), so a finding in a cell reads
``clients.csv:3:4: error[invalid-value] agreement.total: …``.

Rules:

* an empty cell keeps the base value (a row cannot delete a field);
* cell text is put into the data as written (trimmed) and converted by the field's own type,
  exactly like YAML text; XLSX numbers become their exact decimal text (``1200000``,
  ``560000.5``), a cell formatted as a percentage in Excel (``0.003`` shown as ``0.3%``)
  becomes ``0.3%``; other percentages should be typed as text (``0.3%``);
* a column must name a single value of the base's letter kind; ``template`` and ``extends``
  cannot vary per row; list items addressed by index must exist in the base;
* every letter has its own number: rows with the same ``letter.number`` (typed, or kept from
  the base by an empty cell) each get a ``duplicate-letter-number`` finding and are not
  rendered;
* a table whose content is bad (not UTF-8, malformed, too large) is a finding and exit 1, a
  missing or unreadable one a ``file-missing``/``file-unreadable`` finding and exit 2, exactly
  as for a spec;
* output names come from a pattern over spec paths (default ``{letter.number}-{client.name}``),
  made safe with :func:`letters.output.safe_stem` and unique within the run (``-2``, ``-3`` … in
  row order, case-insensitively).  Names are given to every row, failing or not, so a row's
  file name never depends on whether another row is valid.

Rows are rendered in worker processes (``fork`` where available); each worker is initialised
once with the base and writes its outputs atomically itself, so only small results travel back.
"""

from __future__ import annotations

import csv
import datetime as _dt
import difflib
import io
import itertools
import os
import re
import typing
from collections.abc import Callable, Generator, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from .diagnostics import (
    Diagnostic,
    LettersError,
    Mark,
    Path_,
    SpecError,
    UsageError,
    dotted,
    sort_key,
)
from .i18n import N_, _, ngettext
from .source import ILLEGAL_XML, Source  # the characters a spec (and a DOCX) cannot hold

DEFAULT_PATTERN = "{letter.number}-{client.name}"
LETTER_NUMBER: Path_ = ("letter", "number")  # unique within a batch
MAX_TABLE_BYTES = 64 * 1024 * 1024
XLSX_SUFFIXES = (".xlsx", ".xlsm")
_FIXED = {"template": N_("每行不能更换文书类型"), "extends": N_("extends 只能写在规格文件里")}
_SEGMENT = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)((?:\[\d+\])*)")
_INDEX = re.compile(r"\[(\d+)\]")
_PLACEHOLDER = re.compile(r"\{\{|\}\}|\{([^{}]*)\}|[{}]")

# ------------------------------------------------------------------------------------ tables


Rows = Generator[tuple[int, list[str | None]], None, None]  # (spreadsheet row, cell texts)


class Table:
    """Hold a client table: its display name, its header, and a way to read its rows again.

    Rows are read on demand, one pass at a time, so a batch never holds all of them.
    """

    def __init__(
        self,
        file: str,
        header: list[str | None],
        reader: Callable[[], Iterator[tuple[int, list[str | None]]]],
    ) -> None:
        self.file = file
        self.header = header
        self._reader = reader

    def rows(self) -> Iterator[tuple[int, list[str | None]]]:
        """Yield every data row (the rows after the header), empty ones included."""
        return self._reader()


def read_table(path: Path) -> Table:
    """Open the CSV or XLSX table at *path*.

    Problems are reported as a spec's are: a missing or unreadable table is a ``file-missing``
    or ``file-unreadable`` finding with exit 2, bad content (not UTF-8, malformed, too large) a
    finding with exit 1 (SpecError).  An unsupported kind of file (``.xls``) is a UsageError.
    """
    name = str(path)
    suffix = path.suffix.lower()
    if suffix == ".xls":
        raise UsageError(
            _("letters: 不支持旧版 Excel 文件 {file}；请另存为 .xlsx 或 CSV UTF-8").format(
                file=name
            )
        )
    if not path.exists():
        raise SpecError.single(name, "file-missing", _("找不到文件"), exit_code=2)
    if not path.is_file():
        raise SpecError.single(
            name,
            "file-unreadable",
            _("不是普通文件（文件夹、设备等），无法作为客户表读取"),
            exit_code=2,
        )
    reader = _xlsx_reader(path, name) if suffix in XLSX_SUFFIXES else _csv_reader(path, name)
    rows = reader()
    first = next(rows, None)
    rows.close()
    header = first[1] if first else []
    return Table(name, header, lambda: itertools.islice(reader(), 1, None))


def _unreadable(name: str, exc: OSError) -> SpecError:
    """Return the ``file-unreadable`` error (exit 2, as for a spec) for a table *name*."""
    return SpecError.single(
        name, "file-unreadable", _("无法读取文件：{error}").format(error=exc.strerror or exc), exit_code=2
    )


def _csv_reader(path: Path, name: str) -> Callable[[], Rows]:
    from .source import decode

    try:
        with path.open("rb") as fh:
            raw = fh.read(MAX_TABLE_BYTES + 1)  # never read more than the limit allows
    except OSError as exc:
        raise _unreadable(name, exc) from None
    if len(raw) > MAX_TABLE_BYTES:  # a finding (exit 1), like a spec that is too large
        raise SpecError.single(
            name,
            "file-too-large",
            _("文件过大（{size} 字节，上限 {limit} 字节）").format(
                size=path.stat().st_size, limit=MAX_TABLE_BYTES
            ),
        )
    if raw.startswith(b"PK\x03\x04"):
        raise SpecError.single(
            name,
            "malformed-table",
            _("这是 Excel（.xlsx）文件，不是 CSV；请把扩展名改为 .xlsx"),
        )
    try:
        text = decode(raw, name)
    except SpecError as exc:  # a GBK table is a finding at its first bad byte (exit 1)
        diags = [
            Diagnostic(d.code, d.severity, d.path, _excel_hint(d.message), d.mark)
            for d in exc.diagnostics
        ]
        raise SpecError(diags) from None
    del raw
    end = text.find("\n")
    first = text[: end if end >= 0 else len(text)]
    delimiter = max((",", ";", "\t"), key=first.count)

    def rows() -> Rows:
        records = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        try:
            for i, rec in enumerate(records, start=1):
                yield i, [_cell_text(c) for c in rec]
        except csv.Error as exc:  # bad content: a finding at its line (exit 1), like bad YAML
            raise SpecError.single(
                name,
                "malformed-table",
                _("无法解析 CSV：{error}").format(error=exc),
                line=max(records.line_num, 1),
            ) from None

    return rows


def _excel_hint(message: str) -> str:
    """Add to a CSV encoding problem how Excel saves a table as UTF-8."""
    return _("{message}（Excel：文件 → 另存为 →“CSV UTF-8（逗号分隔）”）").format(message=message)


def _cell_text(text: str) -> str | None:
    text = text.strip()
    return text or None


def _xlsx_reader(path: Path, name: str) -> Callable[[], Rows]:
    try:
        import openpyxl
    except ImportError:  # pragma: no cover - openpyxl is a dependency
        raise UsageError(_("letters: 读取 .xlsx 需要 openpyxl（pip install openpyxl）")) from None

    def open_book() -> Any:
        try:
            return openpyxl.load_workbook(path, read_only=True, data_only=True)
        except OSError as exc:  # the file cannot be read at all: exit 2, as for a spec
            raise _unreadable(name, exc) from None
        except Exception as exc:  # BadZipFile, KeyError, InvalidFileException: bad content
            raise SpecError.single(
                name,
                "malformed-table",
                _("不是有效的 Excel（.xlsx）文件：{error}").format(
                    error=str(exc) or type(exc).__name__
                ),
            ) from None

    open_book().close()  # fail now, not in the middle of a run

    def rows() -> Rows:
        wb = open_book()
        try:
            if not wb.worksheets:
                raise SpecError.single(name, "malformed-table", _("Excel 文件没有工作表"))
            ws = wb.worksheets[0]
            for i, row in enumerate(ws.iter_rows(min_row=1, min_col=1), start=1):
                yield i, [xlsx_text(c.value, getattr(c, "number_format", None)) for c in row]
        finally:
            wb.close()

    return rows


def xlsx_text(value: Any, number_format: str | None = None) -> str | None:
    """Return the text a CSV export would give for an XLSX cell *value* (None when empty).

    Numbers keep their exact decimal text (``str(Decimal(repr(value)))``, never exponent form);
    a number formatted as a percentage becomes ``0.3%`` (Excel stores 0.3% as 0.003); dates
    become ``2026-11-22``, times ``09:00``, booleans ``true``/``false``.
    """
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, _dt.datetime):
        if value.time() == _dt.time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, _dt.time):
        return value.strftime("%H:%M") if not value.second else value.isoformat()
    if isinstance(value, (int, float, Decimal)):
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
        if number_format and "%" in number_format:
            return format((number * 100).normalize(), "f") + "%"
        return format(number, "f")
    return _cell_text(str(value))


# ------------------------------------------------------------------------------------ paths


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


def _model_class(base: Source) -> type:
    from . import kinds

    kind = kinds.find(base.data.get("template"))
    if kind is None:
        from .spec import from_source

        from_source(base)  # raises the unknown-template error with its mark
        raise AssertionError("unreachable")  # pragma: no cover
    return kind.model


def path_problem(cls: type, path: Path_) -> str | None:
    """Return why *path* does not name a single value of model *cls* (None when it does)."""
    from .schema import Model, fields_of

    if path and path[0] in _FIXED:
        return _(_FIXED[str(path[0])])
    tp: Any = cls
    for i, part in enumerate(path):
        tp = _unwrap(tp)
        # TRANSLATORS: the whole spec, where a column's path starts ("the spec has no field …")
        here = dotted(path[:i]) or _("规格")
        if isinstance(part, str):
            if not (isinstance(tp, type) and issubclass(tp, Model)):
                return _("{where} 不是映射，不能再写 .{key}").format(where=here, key=part)
            fields = {name: t for name, t, _default in fields_of(typing.cast(Any, tp))}
            if part not in fields:
                close = difflib.get_close_matches(part, sorted(fields), n=1, cutoff=0.6)
                if close:
                    return _("{where} 没有字段“{key}”。您是否想写“{match}”？").format(
                        where=here, key=part, match=dotted((*path[:i], close[0]))
                    )
                return _("{where} 没有字段“{key}”。").format(where=here, key=part)
            tp = fields[part]
        else:
            if typing.get_origin(tp) is not list:
                return _("{where} 不是列表，不能写 [{index}]").format(where=here, index=part)
            tp = typing.get_args(tp)[0]
    tp = _unwrap(tp)
    if isinstance(tp, type) and issubclass(tp, Model):
        return _("{path} 是一个映射；每列只能填一个值，如 {example}").format(
            path=dotted(path), example=dotted((*path, "name"))
        )
    if typing.get_origin(tp) is list:
        return _("{path} 是一个列表；请按项填写，如 {example}").format(
            path=dotted(path), example=dotted((*path, 0))
        )
    return None


def _unwrap(tp: Any) -> Any:
    import types

    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        return args[0] if len(args) == 1 else tp
    return tp


# ------------------------------------------------------------------------------------ names


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


def _value_at(data: Any, path: Path_) -> Any:
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


def fill_pattern(parts: Sequence[str | Path_], data: Any) -> str:
    """Return the file stem of *data* under a parsed pattern, made safe for any file system."""
    from .output import safe_stem

    out = []
    for part in parts:
        if isinstance(part, tuple):
            value = _value_at(data, part)
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


# ------------------------------------------------------------------------------------ overlay


@dataclass(frozen=True)
class Column:
    """Hold one usable column of the table: where its cells are and which path they set."""

    index: int  # 0-based position in a row
    path: Path_


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


# ------------------------------------------------------------------------------------ plan


@dataclass
class RowResult:
    """Hold what happened to one row: its findings and the status of each output file."""

    index: int
    row: int
    stem: str
    diagnostics: list[Diagnostic] = field(default_factory=list)
    files: list[tuple[str, str]] = field(default_factory=list)  # (file name, status)
    diffs: list[tuple[str, str, str]] = field(default_factory=list)  # (md name, old, new)
    failure: str | None = None  # a non-spec error (template), already a message
    exit_code: int = 0

    @property
    def ok(self) -> bool:
        """Tell whether the row's letter was produced."""
        return self.exit_code == 0


@dataclass
class Plan:
    """Hold what a worker needs for every row (sent to each worker once)."""

    overlay: Overlay
    outdir: Path
    formats: tuple[str, ...] = ("docx", "md")
    templates: tuple[str, ...] = ()
    mode: str = "write"  # write | check | diff | none
    duplicates: dict[int, Diagnostic] = field(default_factory=dict)  # row → duplicate number


Task = tuple[int, int, tuple[str | None, ...], str]  # (index, row, cells, stem)


class Batch:
    """Hold a prepared batch: the plan, the table, the name pattern and the header's problems.

    Tasks (one per non-empty row, named in row order) are produced on demand by :meth:`tasks`.
    """

    def __init__(
        self,
        plan: Plan,
        table: Table,
        pattern: Sequence[str | Path_],
        count: int,
        problems: list[Diagnostic],
    ) -> None:
        self.plan = plan
        self.table_file = table.file
        self._table = table
        self._pattern = tuple(pattern)
        self.count = count
        self.problems = problems

    def __len__(self) -> int:
        return self.count

    def tasks(self) -> Iterator[Task]:
        """Yield ``(index, row, cells, stem)`` for every non-empty row, in row order."""
        if self.problems:
            return
        names = UniqueNames()
        index = 0
        for row, cells in self._table.rows():
            if any(c is not None for c in cells):
                data = self.plan.overlay.data(cells)
                yield index, row, tuple(cells), names.take(fill_pattern(self._pattern, data))
                index += 1

    def names(self) -> Iterator[str]:
        """Yield every output file name the batch produces (failing rows included)."""
        for task in self.tasks():
            for ext in self.plan.formats:
                yield f"{task[3]}.{ext}"


def prepare(
    base: Path,
    clients: Path,
    outdir: Path,
    pattern: str = DEFAULT_PATTERN,
    formats: Sequence[str] = ("docx", "md"),
    templates: Sequence[str | os.PathLike[str]] = (),
    mode: str = "write",
) -> Batch:
    """Load the base, validate the name pattern, check the table's header and count its rows.

    Nothing is written.  Raise UsageError for a bad pattern or a missing or unreadable table,
    SpecError if the base cannot be read or the table's content is bad.  Problems of the
    header (unknown columns …) are returned in ``Batch.problems``; rows that share a letter
    number get a ``duplicate-letter-number`` finding each in ``Plan.duplicates``.
    """
    from .spec import load_source

    source = load_source(base)
    cls = _model_class(source)
    parts = parse_pattern(pattern, cls)
    table = read_table(clients)
    number_at = next(
        (i for i, h in enumerate(table.header) if h and parse_path(h) == LETTER_NUMBER), None
    )
    base_number = _value_at(source.data, LETTER_NUMBER)
    numbers: dict[str, list[tuple[int, bool]]] = {}  # number → (row, typed in the row)
    count, used = 0, set()
    for row, cells in table.rows():
        filled = [i for i, c in enumerate(cells) if c is not None]
        if not filled:
            continue
        count += 1
        used.update(filled)
        cell = cells[number_at] if number_at is not None and number_at < len(cells) else None
        number = cell if cell is not None else base_number
        if isinstance(number, str):
            numbers.setdefault(number, []).append((row, cell is not None))
    columns, problems = _columns(table, cls, used)
    overlay = Overlay(source, columns, table.file)
    plan = Plan(overlay, outdir, tuple(formats), tuple(str(t) for t in templates), mode)
    plan.duplicates = _duplicates(numbers, table.file, number_at)
    return Batch(plan, table, parts, count, problems)


def _duplicates(
    numbers: dict[str, list[tuple[int, bool]]], file: str, column: int | None
) -> dict[int, Diagnostic]:
    """Return a ``duplicate-letter-number`` finding for every row whose number another row has.

    The finding points at the row's ``letter.number`` cell (at its first column when the table
    has no such column) and names the other rows; a row that left the cell empty is told that it
    took the base spec's number.
    """
    from .i18n import join

    found: dict[int, Diagnostic] = {}
    for number, rows in numbers.items():
        if len(rows) < 2:
            continue
        for row, typed in rows:
            others = [r for r, _typed in rows if r != row]
            listed = join(str(r) for r in others[:5])
            if len(others) > 5:
                shown = ngettext(
                    "第 {rows} 等共 {count} 行", "第 {rows} 等共 {count} 行", len(others)
                ).format(rows=listed, count=len(others))
            else:
                shown = _("第 {rows} 行").format(rows=listed)
            if typed:
                text = _(
                    "承诺函编号“{number}”与{rows}重复；同一批次中每份承诺函的编号必须不同"
                ).format(number=number, rows=shown)
            else:
                text = _(
                    "本行沿用了基础规格的承诺函编号“{number}”，与{rows}重复；"
                    "请在 letter.number 列为每行填写不同的编号"
                ).format(number=number, rows=shown)
            mark = Mark(file, row, 1 if column is None else column + 1)
            found[row] = Diagnostic(
                "duplicate-letter-number",
                "error",
                LETTER_NUMBER,
                text,
                mark,
            )
    return found


def _columns(table: Table, cls: type, used: set[int]) -> tuple[list[Column], list[Diagnostic]]:
    columns: list[Column] = []
    problems: list[Diagnostic] = []
    seen: dict[Path_, int] = {}
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


# ------------------------------------------------------------------------------------ rows


def process(plan: Plan, task: Task) -> RowResult:
    """Load, check, render and store one row; return its result (never raise for bad input)."""
    from .checks import check
    from .diagnostics import has_errors
    from .rendering import render_contract
    from .spec import from_source

    index, row, cells, stem = task
    result = RowResult(index, row, stem)
    duplicate = plan.duplicates.get(row)  # the row is checked, but never rendered
    source, problems = plan.overlay.source(row, cells)
    contract = None
    if source is None:
        result.diagnostics, result.exit_code = problems, 1
    else:
        try:
            contract = from_source(source)
        except SpecError as exc:
            result.diagnostics = [_in_row(d, plan.overlay.file, row) for d in exc.diagnostics]
            result.exit_code = max(1, exc.exit_code)
        else:
            result.diagnostics = [_in_row(d, plan.overlay.file, row) for d in check(contract)]
    if duplicate is not None:
        result.diagnostics = sorted([*result.diagnostics, duplicate], key=sort_key)
    if contract is None or has_errors(result.diagnostics):
        result.exit_code = max(1, result.exit_code)
        return result
    try:
        outputs = render_contract(contract, plan.formats, plan.templates)
    except LettersError as exc:
        result.failure, result.exit_code = str(exc), exc.exit_code
        return result
    except Exception as exc:  # a bug: report it for this row, keep rendering the others
        if os.environ.get("LETTERS_DEBUG"):
            raise
        result.failure = _("内部错误（{error}）；请设置 LETTERS_DEBUG=1 重试并报告此问题").format(
            error=f"{type(exc).__name__}: {exc}"
        )
        result.exit_code = 2
        return result
    for ext in plan.formats:
        name = f"{stem}.{ext}"
        try:
            result.files.append(
                (name, store(plan.outdir, name, outputs.pop(ext), plan.mode, result.diffs))
            )
        except LettersError as exc:
            result.failure, result.exit_code = str(exc), exc.exit_code
            return result
    return result


def _in_row(d: Diagnostic, table: str, row: int) -> Diagnostic:
    """Name the table row in a finding that points into the base (it concerns one client)."""
    if d.mark.file == table:
        return d
    message = _("{message}（{table} 第 {row} 行）").format(message=d.message, table=table, row=row)
    return Diagnostic(d.code, d.severity, d.path, message, d.mark, d.related)


def store(
    folder: Path, name: str, data: bytes, mode: str, diffs: list[tuple[str, str, str]]
) -> str:
    """Write or compare ``folder/name`` by *mode*; return the file's status.

    ``write`` writes atomically unless the file already holds *data* (``written`` /
    ``unchanged``); ``check`` and ``diff`` only compare (``same`` / ``differs`` / ``missing``),
    and ``diff`` appends ``(name, old, new)`` to *diffs* for Markdown that differs.
    """
    from .output import write_atomic

    if mode == "none":
        return "skipped"
    target = folder / name
    old: bytes | None
    try:
        docx = name.endswith(".docx")
        same_size = target.stat().st_size == len(data)
        old = target.read_bytes() if same_size or docx or mode == "diff" else b""
    except (FileNotFoundError, NotADirectoryError):
        old = None
    except OSError as exc:
        raise UsageError(
            _("letters: 无法读取 {path}：{error}").format(path=target, error=exc.strerror)
        ) from None
    if old is not None and old != data and name.endswith(".docx") and _same_parts(old, data):
        old = data  # same parts, other deflate bytes (another zlib build): the letter is the same
    if mode == "write":
        if old == data:
            return "unchanged"
        write_atomic(folder, name, data)
        return "written"
    if old == data:
        return "same"
    if mode == "diff" and name.endswith(".md"):
        before = "" if old is None else old.decode("utf-8", "replace")
        diffs.append((name, before, data.decode("utf-8")))
    return "missing" if old is None else "differs"


def _same_parts(a: bytes, b: bytes) -> bool:
    """Tell whether two DOCX files hold the same parts with the same uncompressed bytes."""
    import io
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(a)) as za, zipfile.ZipFile(io.BytesIO(b)) as zb:
            names = za.namelist()
            return names == zb.namelist() and all(za.read(n) == zb.read(n) for n in names)
    except (zipfile.BadZipFile, OSError, ValueError):
        return False


_PLAN: Plan | None = None


def _init_worker(plan: Plan) -> None:
    """Set up a worker process once: keep the plan, leave Ctrl-C to the parent."""
    import signal

    global _PLAN
    _PLAN = plan
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _work(task: Task) -> RowResult:
    assert _PLAN is not None
    return process(_PLAN, task)


def sweep_temporaries(folder: Path) -> list[Path]:
    """Remove the temporary files an interrupted atomic write may leave in *folder*."""
    removed: list[Path] = []
    try:
        stray = list(folder.glob(".~*.tmp"))
    except OSError:
        return removed
    for p in stray:
        try:
            p.unlink()
            removed.append(p)
        except OSError:
            pass
    return removed


def default_jobs() -> int:
    """Return the default number of worker processes (the CPUs this process may use)."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def run(
    batch: Batch, jobs: int | None = None, chunksize: int | None = None
) -> Generator[RowResult, None, None]:
    """Yield the result of every row in row order, rendering with *jobs* processes.

    With one job (or one row) everything runs in this process.  Otherwise a ``fork`` pool is
    used where available; workers ignore SIGINT, so Ctrl-C reaches only this process, which
    terminates the pool and removes any temporary file before re-raising KeyboardInterrupt.
    Closing the generator early terminates the pool the same way.
    """
    plan = batch.plan
    if batch.problems or not len(batch):
        return
    jobs = max(1, min(jobs or default_jobs(), len(batch)))
    if jobs == 1:
        done = False
        try:
            for task in batch.tasks():
                yield process(plan, task)
            done = True
        finally:
            if not done:
                sweep_temporaries(plan.outdir)
        return
    chunksize = chunksize or max(1, min(8, len(batch) // (jobs * 4)))
    tasks = batch.tasks()
    first = next(tasks)
    pool = _start_pool(plan, jobs, first)
    done = False
    try:
        # the pool's feeder thread pulls tasks lazily (bounded by the pipe): rows are never all held
        yield from pool.imap(_work, itertools.chain([first], tasks), chunksize)
        done = True
    finally:
        if done:
            pool.close()
        else:
            pool.terminate()
        pool.join()
        if not done:
            sweep_temporaries(plan.outdir)


def _start_pool(plan: Plan, jobs: int, first: Task) -> Any:
    """Warm this process's caches (imports, compiled template), then fork *jobs* workers."""
    import contextlib
    import gc
    import multiprocessing
    import signal
    import threading
    from dataclasses import replace

    # a dry run of the first row imports the renderers and compiles the template once; the row
    # itself reports any problem later
    with contextlib.suppress(Exception):
        process(replace(plan, mode="none"), first)
    methods = multiprocessing.get_all_start_methods()
    ctx = multiprocessing.get_context("fork" if "fork" in methods else None)
    main = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN) if main else None
    gc.freeze()  # keep the inherited objects' pages shared (no refcount/GC writes to them)
    try:
        return ctx.Pool(jobs, initializer=_init_worker, initargs=(plan,))
    finally:
        gc.unfreeze()
        if main:
            signal.signal(signal.SIGINT, previous)


def render_batch(
    base: Path,
    clients: Path,
    outdir: Path,
    *,
    pattern: str = DEFAULT_PATTERN,
    formats: Sequence[str] = ("docx", "md"),
    templates: Sequence[str | os.PathLike[str]] = (),
    jobs: int | None = 1,
    on_result: Callable[[RowResult], None] | None = None,
) -> tuple[int, int, list[Diagnostic]]:
    """Render a whole batch; return (letters produced, rows failed, every finding).

    A convenience for Python callers and the benchmark; the CLI streams :func:`run` itself.
    """
    batch = prepare(base, clients, outdir, pattern, formats, templates)
    if batch.problems:
        return 0, len(batch), list(batch.problems)
    made = failed = 0
    found: list[Diagnostic] = []
    for r in run(batch, jobs):
        made += r.ok
        failed += not r.ok
        found.extend(r.diagnostics)
        if on_result is not None:
            on_result(r)
    return made, failed, found
