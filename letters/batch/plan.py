"""Prepare a batch: read the table's header and rows, plan each row's task and output name."""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .. import writers
from ..diagnostics import Diagnostic, Mark, Path_
from ..i18n import _, ngettext
from .columns import header_columns, model_class, parse_path, value_at
from .naming import DEFAULT_PATTERN, UniqueNames, fill_pattern, parse_pattern
from .overlay import Overlay
from .readers import Table, read_table

LETTER_NUMBER: Path_ = ("letter", "number")  # unique within a batch


@dataclass
class Plan:
    """Hold what a worker needs for every row (sent to each worker once)."""

    overlay: Overlay
    outdir: Path
    formats: tuple[str, ...] = field(default_factory=writers.defaults)  # letters.writers names
    templates: tuple[str, ...] = ()
    mode: str = "write"  # write | check | diff | none
    locale: str | None = None  # --locale: every row's letter in this locale
    draft: bool = False  # --draft: every row's letter a draft
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
        suffixes = [writers.get(fmt).suffix for fmt in self.plan.formats]
        for task in self.tasks():
            for suffix in suffixes:
                yield task[3] + suffix


def prepare(
    base: Path,
    clients: Path,
    outdir: Path,
    pattern: str = DEFAULT_PATTERN,
    formats: Sequence[str] | None = None,
    templates: Sequence[str | os.PathLike[str]] = (),
    mode: str = "write",
    locale: str | None = None,
    draft: bool = False,
) -> Batch:
    """Load the base, validate the name pattern, check the table's header and count its rows.

    Nothing is written.  Raise UsageError for a bad pattern or a missing or unreadable table,
    SpecError if the base cannot be read or the table's content is bad.  Problems of the
    header (unknown columns …) are returned in ``Batch.problems``; rows that share a letter
    number get a ``duplicate-letter-number`` finding each in ``Plan.duplicates``.  *formats*
    default to every registered writer (:mod:`letters.writers`).
    """
    from ..contract import load_source

    source = load_source(base)
    cls = model_class(source)
    parts = parse_pattern(pattern, cls)
    table = read_table(clients)
    number_at = next(
        (i for i, h in enumerate(table.header) if h and parse_path(h) == LETTER_NUMBER), None
    )
    base_number = value_at(source.data, LETTER_NUMBER)
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
    columns, problems = header_columns(table, cls, used)
    overlay = Overlay(source, columns, table.file)
    chosen = writers.defaults() if formats is None else tuple(formats)
    plan = Plan(
        overlay, outdir, chosen, tuple(str(t) for t in templates), mode, locale=locale, draft=draft
    )
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
    from ..i18n import join

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
                shown = ngettext("第 {rows} 行", "第 {rows} 行", len(others)).format(rows=listed)
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
