"""Test ``extends`` overlays, ``letters build`` / ``--check`` / ``--diff`` and the build config."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from conftest import REPO

from letters.cli import main
from letters.config import load_config

CODE = "91330106MA2H3K7P6X"  # the provider's valid credit code in the acceptance spec
BAD_CODE = "91330106MA2H3K7P6Y"  # same code, wrong check character

# ------------------------------------------------------------------------------------ build


Run = Callable[..., tuple[int, str, str]]


@pytest.fixture
def letters(capsys: pytest.CaptureFixture[str]) -> Run:
    """Return a runner: ``letters(*args)`` → (exit code, stdout, stderr), in this process."""

    def run(*args: str) -> tuple[int, str, str]:
        capsys.readouterr()
        code = main(list(args))
        out, err = capsys.readouterr()
        return code, out, err

    return run


def edit(path: Path, old: str, new: str) -> None:
    """Replace the one occurrence of *old* in the file at *path*."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")


def snapshot(folder: Path) -> dict[str, bytes]:
    """Return every file under *folder* by relative path."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def test_build_then_check_is_clean(project: Path, letters: Run) -> None:
    code, _, err = letters("build", "--jobs", "1")
    assert code == 0, err
    files = sorted(snapshot(project / "build" / "letters"))
    assert files == sorted(
        [
            "continuity.docx",
            "continuity.md",
            "sla-response.docx",
            "sla-response.md",
            *(
                f"clients/{n}"
                for n in (
                    "YQ-CN-2026-0117-浙江明远商业银行股份有限公司.docx",
                    "YQ-CN-2026-0117-浙江明远商业银行股份有限公司.md",
                    "YQ-CN-2026-0201-宁波海曙精密制造集团有限公司.docx",
                    "YQ-CN-2026-0201-宁波海曙精密制造集团有限公司.md",
                    "YQ-CN-2026-0233-温州康宁医院.docx",
                    "YQ-CN-2026-0233-温州康宁医院.md",
                    "YQ-CN-2026-0250-嘉兴禾润物流有限公司.docx",
                    "YQ-CN-2026-0250-嘉兴禾润物流有限公司.md",
                )
            ),
        ]
    )
    code, out, err = letters("build", "--check")
    assert (code, err) == (0, ""), err
    assert out.startswith("全部 12 个文件都是最新的")  # the summary is on stdout
    before = {p: p.stat().st_mtime_ns for p in (project / "build").rglob("*")}
    assert letters("build", "--jobs", "2")[0] == 0  # a rebuild rewrites nothing
    assert {p: p.stat().st_mtime_ns for p in (project / "build").rglob("*")} == before


def test_check_names_exactly_the_letters_that_would_change(project: Path, letters: Run) -> None:
    assert letters("build")[0] == 0
    edit(project / "contracts" / "continuity.yaml", "latency: 50ms", "latency: 40ms")
    edit(project / "batches" / "clients.csv", "380000.00", "390000.00")
    before = snapshot(project / "build")
    code, out, _ = letters("build", "--check")
    assert code == 1
    *lines, summary = out.splitlines()
    assert summary.startswith("4 个文件不是最新（运行 letters build 更新），用时 ")
    assert sorted(lines) == sorted(
        [
            "需要更新：build/letters/continuity.docx",
            "需要更新：build/letters/continuity.md",
            "需要更新：build/letters/clients/YQ-CN-2026-0233-温州康宁医院.docx",
            "需要更新：build/letters/clients/YQ-CN-2026-0233-温州康宁医院.md",
        ]
    )
    assert snapshot(project / "build") == before  # --check writes nothing
    assert letters("build")[0] == 0
    assert letters("build", "--check")[0] == 0


def test_check_in_github_format_annotates_each_file(project: Path, letters: Run) -> None:
    code, out, _ = letters("build", "--check", "--format", "github")
    assert code == 1
    lines = out.splitlines()
    assert len(lines) == 12 and all(
        line.startswith("::error file=build/letters/") for line in lines
    )


def test_diff_shows_the_changed_markdown_line(project: Path, letters: Run) -> None:
    assert letters("build")[0] == 0
    edit(project / "contracts" / "continuity.yaml", "latency: 50ms", "latency: 40ms")
    before = snapshot(project / "build")
    code, out, _ = letters("build", "--diff")
    assert code == 1
    lines = out.splitlines()
    assert "--- a/build/letters/continuity.md" in lines
    assert "+++ b/build/letters/continuity.md" in lines
    minus = [line for line in lines if line.startswith("-") and not line.startswith("---")]
    plus = [line for line in lines if line.startswith("+") and not line.startswith("+++")]
    assert len(minus) == len(plus) == 1
    assert "50毫秒" in minus[0] and "40毫秒" in plus[0]
    assert "DOCX 不同：build/letters/continuity.docx" in lines
    assert snapshot(project / "build") == before


def test_stale_outputs_are_reported_then_removed(project: Path, letters: Run) -> None:
    assert letters("build")[0] == 0
    out_dir = project / "build" / "letters"
    (out_dir / "old.md").write_text("旧文书\n", encoding="utf-8")
    (out_dir / "gone").mkdir()
    (out_dir / "gone" / "x.docx").write_bytes(b"PK")
    (out_dir / "notes.txt").write_text("not ours\n", encoding="utf-8")
    code, out, _ = letters("build", "--check")
    assert code == 1
    assert sorted(out.splitlines()[:-1]) == [
        "多余：build/letters/gone/x.docx",
        "多余：build/letters/old.md",
    ]
    assert letters("build")[0] == 0
    assert not (out_dir / "old.md").exists() and not (out_dir / "gone").exists()
    assert (out_dir / "notes.txt").exists()
    assert letters("build", "--check")[0] == 0


def test_spec_without_template_is_reported(project: Path, letters: Run) -> None:
    (project / "contracts" / "notes.yaml").write_text("letter:\n  number: X\n", encoding="utf-8")
    code, out, _ = letters("build")
    assert code == 1
    assert "contracts/notes.yaml:1:1: error[unknown-template]" in out
    assert (project / "build" / "letters" / "continuity.md").exists()  # the others are built


def test_bases_are_not_rendered_alone(project: Path, letters: Run) -> None:
    import re

    contracts = project / "contracts"
    text = (contracts / "sla-response.yaml").read_text(encoding="utf-8")
    partial, n = re.subn(r"(?m)^client:.*\n(?:  .*\n)*", "", text)  # no client: cannot render alone
    assert n == 1
    (contracts / "base").mkdir()
    (contracts / "base" / "common.yaml").write_text(partial, encoding="utf-8")
    (contracts / "east.yaml").write_text(
        "extends: base/common.yaml\nclient:\n  name: 东部客户有限公司\n", encoding="utf-8"
    )
    code, _, err = letters("build")
    assert code == 0, err
    built = snapshot(project / "build" / "letters")
    assert "东部客户有限公司" in built["east.md"].decode("utf-8")
    assert not any(k.startswith("base/") for k in built)


def test_build_errors_in_a_batch_keep_its_old_outputs(project: Path, letters: Run) -> None:
    assert letters("build")[0] == 0
    edit(project / "batches" / "clients.csv", "agreement.total", "agreement.totl")
    code, out, _ = letters("build", "--check")
    assert code == 1
    assert "clients.csv:1:4: error[unknown-column]" in out
    assert "多余" not in out  # the batch's old letters are not called stale


def test_config_defaults_and_errors(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, letters: Run
) -> None:
    monkeypatch.chdir(tmp_path)
    cfg = load_config()
    assert (cfg.sources, cfg.output, cfg.formats) == (
        (Path("contracts"),),
        Path("build/letters"),
        ("docx", "md"),
    )
    py = tmp_path / "pyproject.toml"
    py.write_text('[tool.letters]\nsource = ["x"]\n', encoding="utf-8")
    assert "sources" in load_config().warnings[0]
    py.write_text(
        '[tool.letters]\nbatches = [{ base = "a.yaml", clients = "c.csv", output = "../x" }]\n',
        encoding="utf-8",
    )
    code, _, err = letters("build")
    assert code == 2 and "output" in err
    py.write_text(
        '[tool.letters]\nbatches = [{ base = "a.yaml", client = "c.csv" }]\n', encoding="utf-8"
    )
    code, _, err = letters("build")
    assert code == 2 and "clients" in err
    code, _, err = letters("build", "--config", "nowhere.toml")
    assert code == 2 and "nowhere.toml" in err


def test_repository_config_loads() -> None:
    cfg = load_config(REPO / "pyproject.toml")
    assert cfg.output.parent == REPO and cfg.sources == (REPO / "contracts",)
    assert not cfg.warnings


def test_pre_commit_hooks() -> None:
    hooks = {
        h["id"]: h for h in yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text("utf-8"))
    }
    assert hooks["letters-check"]["entry"] == "letters check --force-exclude"
    assert hooks["letters-check"]["files"] == r"\.(ya?ml)$"
    assert hooks["letters-build-check"]["entry"] == "letters build --check"
    assert hooks["letters-build-check"]["pass_filenames"] is False


def test_build_skips_what_check_skips(project: Path, letters: Run) -> None:
    """Hidden folders, virtualenvs and [tool.letters] exclude are left out of build too."""
    src = project / "contracts" / "sla-response.yaml"
    for folder in (".drafts", "venv", "node_modules", "old"):
        (project / "contracts" / folder).mkdir()
        shutil.copy(src, project / "contracts" / folder / "copy.yaml")
    (project / "contracts" / "venv" / "pyvenv.cfg").write_text("home = /usr\n", encoding="utf-8")
    edit(
        project / "pyproject.toml",
        "[tool.letters]\n",
        '[tool.letters]\nexclude = ["contracts/old/"]\n',
    )
    code, _, err = letters("build", "--jobs", "1")
    assert code == 0, err
    built = snapshot(project / "build" / "letters")
    assert not [name for name in built if "copy" in name], sorted(built)
    assert letters("check", "contracts")[0] == 0
