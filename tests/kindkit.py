"""Helpers shared by the per-kind tests (``tests/test_kind_*.py``), the schema and the render tests.

Spec mutants on disk, the source line of an anchor, the findings of a spec, the text of the
DOCX letter as python-docx reads it back, and the editor's view of a YAML spec for JSON Schema
validation.  Plain functions: each test module binds them to its own example.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any

import conftest
import docx
import docx.document
import yaml

import letters
from letters.checks import check
from letters.contract import load
from letters.diagnostics import Diagnostic

Change = tuple[str, str]
Table = list[list[str]]


# ------------------------------------------------------------------ spec mutants


def mutate(text: str, *changes: Change) -> str:
    """Return *text* with each (old, new) applied; each *old* must occur exactly once."""
    for old, new in changes:
        assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times"
        text = text.replace(old, new)
    return text


def write_spec(tmp_path: Path, text: str, name: str) -> Path:
    """Write *text* as ``tmp_path / name`` (UTF-8) and return the file."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def write_mutant(tmp_path: Path, base: str, *changes: Change, name: str) -> tuple[Path, str]:
    """Write *base* with each (old, new) applied once (see :func:`mutate`) as ``tmp_path / name``;
    return the file and its text."""
    text = mutate(base, *changes)
    return write_spec(tmp_path, text, name), text


def line_of(text: str, needle: str, *, skip_blank: bool = False) -> int:
    """Return the 1-based line on which *needle* (unique in *text*) starts (``conftest.line_of``).

    With *skip_blank*, count from the needle's first non-blank character instead, so that a
    needle written as ``"\\nclient:"`` names the line of ``client:``.
    """
    line = conftest.line_of(text, needle)
    if skip_blank:
        line += needle[: len(needle) - len(needle.lstrip())].count("\n")
    return line


def findings(path: Path) -> list[Diagnostic]:
    """Load the spec at *path*, check it and return every finding."""
    return check(load(path))


# ------------------------------------------------------------------ the DOCX letter read back


def open_docx(source: Path | bytes) -> docx.document.Document:
    """Open a DOCX letter with python-docx: *source* is its bytes, or a spec to render first."""
    if isinstance(source, Path):
        source = letters.render(source, to="docx")
        assert isinstance(source, bytes)
    return docx.Document(io.BytesIO(source))


def cells(table: Any) -> Table:
    """Return the text of each cell of a python-docx *table*, row by row."""
    return [[c.text for c in row.cells] for row in table.rows]


def docx_text(source: Path | bytes | docx.document.Document) -> tuple[list[str], list[Table]]:
    """Return the paragraphs' text and each table's cells of a DOCX letter.

    *source* is an open document, the DOCX bytes, or a spec rendered first (:func:`open_docx`).
    """
    d = source if isinstance(source, docx.document.Document) else open_docx(source)
    return [p.text for p in d.paragraphs], [cells(t) for t in d.tables]


def all_text(d: docx.document.Document) -> str:
    """Return every paragraph and then every table cell of *d*, one a line."""
    parts = [p.text for p in d.paragraphs]
    for t in d.tables:
        for row in t.rows:
            parts.extend(c.text for c in row.cells)
    return "\n".join(parts)


# ------------------------------------------------------------------ JSON Schema


def editor_data(x: Any) -> Any:
    """Return loaded YAML data as an editor's language server sees it: dates become strings."""
    if isinstance(x, dict):
        return {k: editor_data(v) for k, v in x.items()}
    if isinstance(x, list):
        return [editor_data(v) for v in x]
    if isinstance(x, (dt.date, dt.datetime)):
        return x.isoformat()
    return x


def editor_view(text: str) -> Any:
    """Load YAML as an editor's language server sees it: numbers are numbers, dates strings."""
    return editor_data(yaml.safe_load(text))
