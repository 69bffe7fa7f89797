"""Render one letter per client: a base spec overlaid with the rows of a CSV or XLSX table.

The table's first row holds column headers; each header is a spec path (``client.name``,
``agreement.total``, ``tiers[0].share``) and each further row gives one client's values for
those paths.  A row is laid over the plain data of the base spec (mappings along the path are
copied, nothing of the base is changed), loaded with :func:`letters.contract.from_source` and checked
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

Each row then takes the one production path, :func:`letters.rendering.produce`.  The modules,
each importing only those above it:

  readers   the CSV or XLSX table → rows of cell texts (a bad table is a finding)
  columns   header paths: parse, check against the kind's model (path_problem), read values
  naming    the ``--name`` pattern → safe, unique file names
  overlay   a row laid over the base spec's data, with the marks of its cells
  plan      prepare: the header's problems, duplicate letter numbers, one task per row
  rows      one row → its letter (through produce), as a RowResult
  pool      the rows in worker processes, in row order; Ctrl-C and early close clean up
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .columns import Column, model_class, parse_path, path_problem, value_at
    from .naming import DEFAULT_PATTERN, UniqueNames, fill_pattern, parse_pattern
    from .overlay import Overlay
    from .plan import LETTER_NUMBER, Batch, Plan, Task, prepare
    from .pool import default_jobs, render_batch, run, sweep_temporaries
    from .readers import MAX_TABLE_BYTES, XLSX_SUFFIXES, Table, read_table, xlsx_text
    from .rows import RowResult, process

# The public names and the module of each: imported on first use, so reading the default name
# pattern (``[tool.letters] batches``, on every ``letters check``) loads naming and columns only.
_MODULES = {
    "columns": ("Column", "model_class", "parse_path", "path_problem", "value_at"),
    "naming": ("DEFAULT_PATTERN", "UniqueNames", "fill_pattern", "parse_pattern"),
    "overlay": ("Overlay",),
    "plan": ("LETTER_NUMBER", "Batch", "Plan", "Task", "prepare"),
    "pool": ("default_jobs", "render_batch", "run", "sweep_temporaries"),
    "readers": ("MAX_TABLE_BYTES", "XLSX_SUFFIXES", "Table", "read_table", "xlsx_text"),
    "rows": ("RowResult", "process"),
}
_WHERE = {name: module for module, names in _MODULES.items() for name in names}
__all__ = [
    "DEFAULT_PATTERN",
    "LETTER_NUMBER",
    "MAX_TABLE_BYTES",
    "XLSX_SUFFIXES",
    "Batch",
    "Column",
    "Overlay",
    "Plan",
    "RowResult",
    "Table",
    "Task",
    "UniqueNames",
    "default_jobs",
    "fill_pattern",
    "model_class",
    "parse_path",
    "parse_pattern",
    "path_problem",
    "prepare",
    "process",
    "read_table",
    "render_batch",
    "run",
    "sweep_temporaries",
    "value_at",
    "xlsx_text",
]


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value
