"""The ``letters blank`` command and ``[tool.letters] blanks``: files, refusals, exit codes,
and a build that keeps the forms current when a template changes."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from letters import compose, kinds
from letters.cli import main

REPO = Path(__file__).resolve().parents[1]


def test_writes_docx_and_markdown(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["blank", "sla-response", "work-assurance", "-o", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == [
        "sla-response-blank.docx",
        "sla-response-blank.md",
        "work-assurance-blank.docx",
        "work-assurance-blank.md",
    ]
    assert out.count("已生成") == 4
    md = (tmp_path / "sla-response-blank.md").read_text(encoding="utf-8")
    assert md.startswith("# 关于\\_\\_") and "\\_\\_\\_\\_年\\_\\_月\\_\\_日" in md


def test_an_unknown_kind_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["blank", "sla-response", "sla-respons", "-o", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert code == 2
    assert "未知的文书类型“sla-respons”" in err and "您是否想写“sla-response”" in err
    assert not (tmp_path / "out").exists()


def test_locale_and_format(tmp_path: Path) -> None:
    assert (
        main(["blank", "continuity", "-o", str(tmp_path), "--locale", "zh-Hant-HK", "--to", "md"])
        == 0
    )
    md = (tmp_path / "continuity-blank.md").read_text(encoding="utf-8")
    assert "服務水平連續性保證承諾書" in md and "可選" in md and "可选" not in md
    assert sorted(p.name for p in tmp_path.iterdir()) == ["continuity-blank.md"]


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Path]:
    """A project with one spec, a firm's own sla-response template and two blank forms."""
    (tmp_path / "contracts").mkdir()
    shutil.copy(REPO / "contracts" / "sla-response.yaml", tmp_path / "contracts")
    tpl = tmp_path / "tpl"
    tpl.mkdir()
    shutil.copy(kinds.get("sla-response").templates / "sla-response.md.j2", tpl)
    (tmp_path / "pyproject.toml").write_text(
        '[tool.letters]\nsources = ["contracts"]\noutput = "out"\ntemplates = ["tpl"]\n'
        'blanks = ["sla-response", "conduct"]\n',
        encoding="utf-8",
    )
    here = Path.cwd()
    os.chdir(tmp_path)
    try:
        yield tmp_path
    finally:
        os.chdir(here)


def test_build_keeps_the_forms_current(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["build"]) == 0
    forms = sorted(p.name for p in (project / "out" / "blanks").iterdir())
    assert forms == [
        "conduct-blank.docx",
        "conduct-blank.md",
        "sla-response-blank.docx",
        "sla-response-blank.md",
    ]
    assert main(["build", "--check"]) == 0
    capsys.readouterr()
    # the firm changes its template: the letter and its blank form are out of date
    tpl = project / "tpl" / "sla-response.md.j2"
    tpl.write_text(
        tpl.read_text(encoding="utf-8").replace("### 除外情形", "### 免责情形"), encoding="utf-8"
    )
    compose.environment.cache_clear()  # a process reads each template once; the next run anew
    assert main(["build", "--check", "--format", "json"]) == 1
    out = capsys.readouterr().out
    assert "out/blanks/sla-response-blank.md" in out and "outdated-output" in out
    assert "conduct-blank" not in out
    assert main(["blank", "sla-response", "-o", "elsewhere"]) == 0  # the project's template
    assert "免责情形" in (project / "elsewhere" / "sla-response-blank.md").read_text("utf-8")
    assert main(["build"]) == 0
    assert "免责情形" in (project / "out/blanks/sla-response-blank.md").read_text("utf-8")
    # a kind taken off the list: its form is stale, then removed
    py = project / "pyproject.toml"
    py.write_text(py.read_text("utf-8").replace(', "conduct"', ""), encoding="utf-8")
    assert main(["build", "--check"]) == 1
    assert "多余：out/blanks/conduct-blank.md" in capsys.readouterr().out
    assert main(["build"]) == 0
    assert not (project / "out/blanks/conduct-blank.md").exists()


def test_an_unknown_kind_in_the_config(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    py = project / "pyproject.toml"
    py.write_text(py.read_text("utf-8").replace('"conduct"', '"conduc"'), encoding="utf-8")
    assert main(["build"]) == 2
    err = capsys.readouterr().err
    assert "blanks" in err and "“conduc”" in err
    assert not (project / "out").exists()
