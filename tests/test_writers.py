"""The registry of output formats (letters/writers/__init__.py): one module + one line per format."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import REPO, cli_env

from letters import writers
from letters.cli_common import formats_arg
from letters.config import load_config
from letters.diagnostics import UsageError
from letters.document import Document
from letters.rendering import produce

SPEC = REPO / "contracts" / "continuity.yaml"


def test_the_built_in_formats_in_default_order() -> None:
    assert writers.names() == ("docx", "md", "pdf")
    assert writers.defaults() == ("docx", "md")  # PDF needs LibreOffice: only when asked for
    assert writers.suffixes() == (".docx", ".md", ".pdf")
    assert writers.get("md").text and not writers.get("docx").text
    assert writers.for_file("a.b.docx") is writers.get("docx")
    assert writers.for_file("notes.txt") is None
    assert formats_arg(None) == ("docx", "md")


def test_check_imports_no_writer_and_no_jinja() -> None:
    code = (
        "import sys\n"
        "from letters.cli import main\n"
        f"main(['check', {str(SPEC)!r}])\n"
        "print(sorted(m for m in sys.modules if m == 'jinja2' or m.startswith('letters.writers.')"
        " or m.startswith('letters.compose')))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, env=cli_env(), capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "[]"


def write_title(doc: Document) -> bytes:
    """Write a document's title: the whole of a toy format."""
    return f"TOY {doc.meta.title}\n".encode()


@pytest.fixture
def toy() -> Iterator[writers.Writer]:
    """Register a ``toy`` format (this module's :func:`write_title`) for one test."""
    writer = writers.Writer("toy", ".toy", "TOY", f"{__name__}:write_title", text=True)
    writers.register(writer)
    try:
        yield writer
    finally:
        del writers._WRITERS["toy"], writers._BY_SUFFIX[".toy"]


def test_a_registered_format_is_known_everywhere(toy: writers.Writer, tmp_path: Path) -> None:
    assert formats_arg("md,toy") == ("md", "toy")
    (tmp_path / "pyproject.toml").write_text(
        '[tool.letters]\nformats = ["toy"]\n', encoding="utf-8"
    )
    assert load_config(tmp_path / "pyproject.toml").formats == ("toy",)
    done = produce(SPEC, ("toy",), folder=tmp_path, mode="write")
    assert done.ok and done.files == [("continuity.toy", "written")]
    assert (tmp_path / "continuity.toy").read_text(encoding="utf-8").startswith("TOY ")
    assert produce(SPEC, ("toy",), folder=tmp_path, mode="check").files == [
        ("continuity.toy", "same")
    ]


def test_unknown_formats_are_refused_with_the_registered_ones(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="可选 docx、md、pdf"):
        formats_arg("odt")
    (tmp_path / "pyproject.toml").write_text(
        '[tool.letters]\nformats = ["odt"]\n', encoding="utf-8"
    )
    with pytest.raises(UsageError, match="只能包含 docx、md"):
        load_config(tmp_path / "pyproject.toml")


def test_a_name_or_suffix_is_registered_once() -> None:
    with pytest.raises(ValueError, match="already registered"):
        writers.register(writers.Writer("markdown", ".md", "Markdown", "x:y"))
