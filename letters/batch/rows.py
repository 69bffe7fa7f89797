"""Produce one row's letter through the one production path and report what happened to it."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import partial

from ..diagnostics import Diagnostic, sort_key
from ..i18n import _
from .plan import Plan, Task


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


def process(plan: Plan, task: Task) -> RowResult:
    """Load, check, render and store one row; return its result (never raise for bad input).

    The row is laid over the base, then :func:`letters.rendering.produce` does the rest: a
    row with an error, or whose letter number another row has, is refused.  A bug while
    producing it is reported for this row (set ``LETTERS_DEBUG=1`` to raise it instead), so the
    other rows are still produced.
    """
    from ..rendering import produce

    index, row, cells, stem = task
    result = RowResult(index, row, stem)
    duplicate = plan.duplicates.get(row)  # the row is checked, but never rendered
    source, problems = plan.overlay.source(row, cells)
    if source is None:
        result.diagnostics, result.exit_code = problems, 1
        if duplicate is not None:
            result.diagnostics = sorted([*problems, duplicate], key=sort_key)
        return result
    try:
        done = produce(
            source,
            plan.formats,
            plan.templates,
            folder=plan.outdir,
            stem=stem,
            mode=plan.mode,
            blockers=() if duplicate is None else (duplicate,),
            relabel=partial(_in_row, table=plan.overlay.file, row=row),
            locale=plan.locale,
            draft=plan.draft,
        )
    except Exception as exc:  # a bug: report it for this row, keep rendering the others
        if os.environ.get("LETTERS_DEBUG"):
            raise
        result.failure = _("内部错误（{error}）；请设置 LETTERS_DEBUG=1 重试并报告此问题").format(
            error=f"{type(exc).__name__}: {exc}"
        )
        result.exit_code = 2
        return result
    result.diagnostics, result.files, result.diffs = done.diagnostics, done.files, done.diffs
    result.exit_code = done.exit_code
    if done.error is not None:
        result.failure = str(done.error)
    return result


def _in_row(d: Diagnostic, table: str, row: int) -> Diagnostic:
    """Name the table row in a finding that points into the base (it concerns one client)."""
    if d.mark.file == table:
        return d
    message = _("{message}（{table} 第 {row} 行）").format(message=d.message, table=table, row=row)
    return Diagnostic(d.code, d.severity, d.path, message, d.mark, d.related)
