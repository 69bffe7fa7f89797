"""Acceptance: the reference specs pass ``letters check``; each invalid one fails where expected."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2] / "shared" / "acceptance"
COPY = Path(__file__).resolve().parent / "fixtures" / "acceptance"
ROOT = SHARED if (SHARED / "invalid" / "expected.json").is_file() else COPY
REPO = Path(__file__).resolve().parents[1]
EXPECTED: dict[str, dict] = json.loads((ROOT / "invalid" / "expected.json").read_text("utf-8"))
VALID = ("sla-response.yaml", "continuity.yaml")


def test_acceptance_folder_is_found() -> None:
    assert (ROOT / "sla-response.yaml").is_file()
    assert (ROOT / "continuity.yaml").is_file()
    assert len(EXPECTED) >= 7


def test_fixture_copy_matches_shared_folder() -> None:
    """The copy CI falls back on must not drift from the shared acceptance folder."""
    if not SHARED.is_dir():  # CI: only the copy exists; it must be complete
        assert (COPY / "invalid" / "expected.json").is_file()
        return
    for src in SHARED.rglob("*"):
        if src.is_file():
            dst = COPY / src.relative_to(SHARED)
            assert dst.is_file(), f"missing copy {dst}"
            assert dst.read_bytes() == src.read_bytes(), f"{dst} differs from {src}"


@pytest.mark.parametrize("name", VALID)
@pytest.mark.parametrize("where", ["acceptance", "contracts"])
def test_valid_spec_passes(cli, where: str, name: str) -> None:
    path = (ROOT if where == "acceptance" else REPO / "contracts") / name
    assert path.is_file(), path
    proc = cli("check", path, "--format", "json")
    assert "Traceback" not in proc.stderr + proc.stdout
    assert proc.returncode == 0, proc.stdout + proc.stderr
    diags = json.loads(proc.stdout)
    assert [d for d in diags if d["severity"] == "error"] == []


def test_whole_acceptance_folder_passes_when_copied_without_invalid(cli, tmp_path: Path) -> None:
    for name in VALID:
        shutil.copy(ROOT / name, tmp_path / name)
    proc = cli("check", tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_invalid_spec_fails_at_expected_place(cli, name: str) -> None:
    expected = EXPECTED[name]
    proc = cli("check", ROOT / "invalid" / name, "--format", "json")
    assert "Traceback" not in proc.stderr + proc.stdout
    assert proc.returncode == 1, proc.stdout + proc.stderr
    diags = json.loads(proc.stdout)
    assert diags, "no diagnostics"
    paths: dict[str, list[int]] = expected["paths"]
    hits = [d for d in diags if d["path"] in paths and d["line"] in paths[d["path"]]]
    assert hits, f"{expected['why']}: no diagnostic at {paths}; got {diags}"
    assert any(d["severity"] == "error" for d in hits)
    assert all(d["file"].endswith(name) for d in diags)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_invalid_spec_differs_from_its_base_in_one_line(name: str) -> None:
    """Guard the test data itself: one changed line, the one expected.json names."""
    cases = {c["name"] + ".yaml": c for c in json.loads((ROOT / "invalid-cases.json").read_text())}
    base = (ROOT / cases[name]["base"]).read_text("utf-8").splitlines()
    bad = (ROOT / "invalid" / name).read_text("utf-8").splitlines()
    changed = [i + 1 for i, (a, b) in enumerate(zip(base, bad, strict=True)) if a != b]
    assert changed == [EXPECTED[name]["changed_line"]]
