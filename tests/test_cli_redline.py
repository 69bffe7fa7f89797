"""The ``letters redline`` command: outputs, identical specs, refusal and exit codes."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from letters.cli import main
from letters.contract import load
from letters.rendering import render_contract

REPO = Path(__file__).resolve().parents[1]
BASES = ("contracts/sla-response.yaml", "contracts/continuity.yaml")


def test_cli_redline_writes_both_formats(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    new = tmp_path / "sla-response.yaml"
    text = (REPO / BASES[0]).read_text(encoding="utf-8")
    new.write_text(
        text.replace("penalty_per_hour: 0.5%", "penalty_per_hour: 0.6%"), encoding="utf-8"
    )
    code = main(["redline", str(REPO / BASES[0]), str(new), "-o", str(tmp_path / "out")])
    out = capsys.readouterr().out
    assert code == 0
    assert (tmp_path / "out" / "sla-response-redline.docx").is_file()
    assert (tmp_path / "out" / "sla-response-redline.md").is_file()
    assert "处插入" in out


def test_cli_identical_specs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    spec = str(REPO / BASES[1])
    assert main(["redline", spec, spec, "-o", str(tmp_path), "--to", "docx"]) == 0
    assert "没有修订标记" in capsys.readouterr().out
    data = (tmp_path / "continuity-redline.docx").read_bytes()
    assert data == render_contract(load(spec), ["docx"])["docx"]
    assert b"<w:ins " not in zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml")


def test_cli_refuses_a_spec_with_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = REPO / "tests/fixtures/acceptance/invalid/response-order.yaml"
    code = main(["redline", str(REPO / BASES[0]), str(bad), "-o", str(tmp_path / "out")])
    out = capsys.readouterr().out
    assert code == 1
    assert "error[tier-order]" in out and "未生成修订稿" in out
    assert not (tmp_path / "out").exists()


def test_cli_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    spec = str(REPO / BASES[0])
    assert main(["redline", spec, str(tmp_path / "nope.yaml"), "-o", str(tmp_path)]) == 2
    assert main(["redline", spec, "-o", str(tmp_path)]) == 2  # NEW missing: usage
    assert main(["redline", spec, spec, "-o", str(tmp_path), "--to", "pdf"]) == 2
    assert main(["redline", spec, str(REPO / "contracts"), "-o", str(tmp_path)]) == 2
    capsys.readouterr()
