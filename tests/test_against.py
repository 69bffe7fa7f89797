"""``letters build --against REV`` and ``letters batch … --against REV``: redlines of a project's
letters against the project as it stood at a git revision.

Each test makes a small git repository (two specs, a batch with a client table, a custom
template folder), commits it, changes the working tree and checks what the command writes:
a redline for exactly the letters whose text changed, whose accepted text is the letter of the
working tree (``letters verify`` finds only tracked changes in it, no hand edit) and, read by
pandoc with ``--track-changes=reject``, the letter of the revision.
"""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import REPO

from letters.cli import main
from letters.verify import verify

BASE = "contracts/sla-response.yaml"
TEMPLATE = REPO / "letters" / "kinds" / "sla_response" / "templates" / "sla-response.md.j2"
CLIENTS = "batches/clients.csv"
ENV = {
    "GIT_AUTHOR_NAME": "t",
    "GIT_AUTHOR_EMAIL": "t@example.com",
    "GIT_COMMITTER_NAME": "t",
    "GIT_COMMITTER_EMAIL": "t@example.com",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
}


def _git(root: Path, *args: str) -> None:
    subprocess.run(
        ["git", *args], cwd=root, check=True, capture_output=True, env={**os.environ, **ENV}
    )


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A committed project: sla-response and continuity, a batch of four clients, templates."""
    root = tmp_path / "proj"
    (root / "contracts").mkdir(parents=True)
    for name in ("sla-response", "continuity"):
        shutil.copy(REPO / "contracts" / f"{name}.yaml", root / "contracts")
    shutil.copytree(REPO / "batches", root / "batches")
    (root / "tpl").mkdir()
    shutil.copy(TEMPLATE, root / "tpl")
    (root / "pyproject.toml").write_text(
        "[tool.letters]\n"
        'sources = ["contracts"]\n'
        'output = "out"\n'
        'formats = ["docx", "md"]\n'
        'templates = ["tpl"]\n'
        'batches = [{ base = "batches/sla-base.yaml", clients = "batches/clients.csv", '
        'output = "clients" }]\n',
        encoding="utf-8",
    )
    _git(root, "init", "-q")
    _git(root, "add", "-A")
    _git(root, "commit", "-qm", "letters as approved")
    monkeypatch.chdir(root)
    return root


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _rows(root: Path) -> list[list[str]]:
    with (root / CLIENTS).open(encoding="utf-8", newline="") as f:
        return list(csv.reader(f))


def _write_rows(root: Path, rows: list[list[str]]) -> None:
    with (root / CLIENTS).open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)


def _written(root: Path) -> list[str]:
    folder = root / "redlines"
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def test_nothing_changed_writes_nothing(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["build", "--against", "HEAD"]) == 0
    out = capsys.readouterr().out
    assert "与 HEAD 相比：0 份有变化，6 份未变，新增 0 份，删除 0 份" in out
    assert _written(project) == []


def test_a_spec_a_client_row_and_a_template_change(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # the continuity letter's total, one client's amount, and the wording of every sla letter
    _edit(project / "contracts/continuity.yaml", "core: 99.5%", "core: 99.6%")
    rows = _rows(project)
    total = rows[0].index("agreement.total")
    rows[2][total] = "580000.00"
    rows[1], rows[3] = rows[3], rows[1]  # a row that moves is still the same client's letter
    _write_rows(project, rows)
    _edit(project / "tpl/sla-response.md.j2", "服务期限自{{", "服务期间自{{")
    assert main(["build", "--against", "HEAD"]) == 0
    out = capsys.readouterr().out
    assert "与 HEAD 相比：6 份有变化，0 份未变" in out
    names = _written(project)
    assert "continuity-redline.docx" in names and "sla-response-redline.md" in names
    assert len([n for n in names if n.startswith("clients/")]) == 8  # four clients × two formats
    md = (project / "redlines/sla-response-redline.md").read_text(encoding="utf-8")
    assert "服务期<del>限</del><ins>间</ins>自" in md
    continuity = (project / "redlines/continuity-redline.md").read_text(encoding="utf-8")
    assert "<del>99.5%</del><ins>99.6%</ins>" in continuity
    # accepted, the redline says what the spec of the working tree says: only tracked changes
    checked = verify(
        project / "redlines/continuity-redline.docx", project / "contracts/continuity.yaml"
    )
    assert checked.diagnostics
    assert {d.code for d in checked.diagnostics} <= {"tracked-change", "comment"}


def test_only_the_changed_row_of_a_batch(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = _rows(project)
    total = rows[0].index("agreement.total")
    rows[4][total] = "470000.00"
    rows[1], rows[2] = rows[2], rows[1]
    _write_rows(project, rows)
    code = main(
        ["batch", "batches/sla-base.yaml", "--clients", CLIENTS, "-o", "rl", "--against", "HEAD"]
    )
    assert code == 0
    out = capsys.readouterr().out
    assert "与 HEAD 相比：1 份有变化，3 份未变" in out
    (name,) = {p.stem for p in (project / "rl").iterdir()}
    assert name.endswith(rows[4][0] + "-redline")
    md = (project / "rl" / f"{name}.md").read_text(encoding="utf-8")
    assert "<ins>470,000.00</ins>" in md


@pytest.mark.skipif(shutil.which("pandoc") is None, reason="pandoc is not installed")
def test_rejected_redline_is_the_letter_at_the_revision(project: Path, tmp_path: Path) -> None:
    assert main(["build"]) == 0  # the letters as committed
    before = project / "out" / "continuity.docx"
    _edit(project / "contracts/continuity.yaml", "core: 99.5%", "core: 99.6%")
    assert main(["build", "--against", "HEAD"]) == 0

    def plain(path: Path, *mode: str) -> str:
        args = ["pandoc", "-f", "docx", "-t", "plain", "--columns=10000", *mode, str(path)]
        return subprocess.run(args, check=True, capture_output=True, text=True).stdout

    redline = project / "redlines" / "continuity-redline.docx"
    assert plain(redline, "--track-changes=reject") == plain(before)
    assert main(["build"]) == 0
    assert plain(redline, "--track-changes=accept") == plain(project / "out" / "continuity.docx")


def test_added_removed_and_stale_redlines(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _edit(project / "contracts/continuity.yaml", "core: 99.5%", "core: 99.6%")
    assert main(["build", "--against", "HEAD"]) == 0
    assert "continuity-redline.docx" in _written(project)
    capsys.readouterr()
    _git(project, "checkout", "--", "contracts/continuity.yaml")
    shutil.copy(REPO / "contracts" / "conduct.yaml", project / "contracts")
    (project / "contracts" / "continuity.yaml").unlink()
    assert main(["build", "--against", "HEAD"]) == 0
    out = capsys.readouterr().out
    assert "新增：conduct（HEAD 中没有这份承诺函）" in out
    assert "删除：continuity（只在 HEAD 中有）" in out
    assert "已删除过期的修订稿 redlines/continuity-redline.docx" in out
    assert _written(project) == []  # the folder holds exactly this comparison
    # a batch whose base is gone fails as a whole: its letters are not reported as removed
    (project / "contracts" / "sla-response.yaml").unlink()
    assert main(["build", "--against", "HEAD"]) == 1
    out = capsys.readouterr().out
    assert "error[extends]" in out and "删除：clients/" not in out
    assert "删除：sla-response（只在 HEAD 中有）" in out


def test_an_error_in_the_new_spec_refuses_that_letter_only(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _edit(project / "contracts/continuity.yaml", "core: 99.5%", "core: 120%")
    _edit(project / "tpl/sla-response.md.j2", "服务期限自{{", "服务期间自{{")
    assert main(["build", "--against", "HEAD"]) == 1
    out = capsys.readouterr().out
    assert "contracts/continuity.yaml:" in out and "error[" in out
    assert "sla-response-redline.docx" in _written(project)
    assert "continuity-redline.docx" not in _written(project)


def test_usage_errors(
    project: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert main(["build", "--against", "no-such-rev"]) == 2
    assert "git 中找不到修订版本 no-such-rev" in capsys.readouterr().err
    assert main(["build", "--against", "--output=x"]) == 2
    capsys.readouterr()
    assert main(["build", "--check", "--against", "HEAD"]) == 2
    assert "--against 不能与 --check 或 --diff 同用" in capsys.readouterr().err
    assert main(["build", "--redlines", "r"]) == 2
    assert "--redlines 只能与 --against 同用" in capsys.readouterr().err
    assert main(["build", "--against", "HEAD", "--redlines", "contracts/r"]) == 2
    assert "在规格源文件夹中" in capsys.readouterr().err
    elsewhere = tmp_path / "not-a-repo"
    elsewhere.mkdir()
    shutil.copy(project / "pyproject.toml", elsewhere)
    shutil.copytree(project / "contracts", elsewhere / "contracts")
    monkeypatch.chdir(elsewhere)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    assert main(["build", "--against", "HEAD"]) == 2
    assert "不在 git 仓库中" in capsys.readouterr().err
