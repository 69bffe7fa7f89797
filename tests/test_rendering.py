"""The one production path (letters.rendering.produce): load → check → render → store."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from conftest import REPO

import letters
from letters.contract import load
from letters.diagnostics import Diagnostic, Mark
from letters.rendering import produce

SPEC = REPO / "contracts" / "continuity.yaml"
INVALID = REPO / "tests" / "fixtures" / "acceptance" / "invalid" / "shares-sum.yaml"


def test_a_checked_spec_is_stored_in_every_format(tmp_path: Path) -> None:
    done = produce(SPEC, folder=tmp_path)
    assert done.ok and done.error is None
    assert done.files == [("continuity.docx", "written"), ("continuity.md", "written")]
    assert produce(SPEC, folder=tmp_path).files == [
        ("continuity.docx", "unchanged"),
        ("continuity.md", "unchanged"),
    ]
    assert (tmp_path / "continuity.md").read_text(encoding="utf-8") == letters.render(SPEC, to="md")


def test_without_a_folder_the_bytes_are_returned(tmp_path: Path) -> None:
    done = produce(load(SPEC), ("md",))
    assert done.files == [] and list(done.outputs) == ["md"]
    assert done.outputs["md"].decode("utf-8") == letters.render(SPEC, to="md")
    assert list(tmp_path.iterdir()) == []


def test_a_spec_with_errors_is_refused_and_nothing_is_written(tmp_path: Path) -> None:
    done = produce(INVALID, folder=tmp_path)
    assert done.exit_code == 1 and not done.ok
    assert any(d.is_error for d in done.diagnostics)
    assert done.files == [] and list(tmp_path.iterdir()) == []


def test_a_missing_spec_is_exit_2(tmp_path: Path) -> None:
    done = produce(tmp_path / "nowhere.yaml", folder=tmp_path)
    assert done.exit_code == 2
    assert [d.code for d in done.diagnostics] == ["file-missing"]


def test_blockers_refuse_a_valid_spec_and_relabel_rewrites_its_findings(tmp_path: Path) -> None:
    blocker = Diagnostic("duplicate-letter-number", "error", (), "重复", Mark("t.csv", 3, 1))
    done = produce(SPEC, folder=tmp_path, blockers=[blocker])
    assert done.exit_code == 1 and blocker in done.diagnostics
    assert list(tmp_path.iterdir()) == []
    seen: list[str] = []

    def relabel(d: Diagnostic) -> Diagnostic:
        seen.append(d.code)
        return replace(d, message=d.message + "（第 3 行）")

    done = produce(INVALID, relabel=relabel)
    assert seen and all(d.message.endswith("（第 3 行）") for d in done.diagnostics)
