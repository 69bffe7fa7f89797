"""Test ``extends`` overlays, ``letters build`` / ``--check`` / ``--diff`` and the build config."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from conftest import REPO, line_of

from letters.cli import main
from letters.config import load_config
from letters.diagnostics import SpecError
from letters.spec import load

CODE = "91330106MA2H3K7P6X"  # the provider's valid credit code in the acceptance spec
BAD_CODE = "91330106MA2H3K7P6Y"  # same code, wrong check character

# ------------------------------------------------------------------------------------ extends


@pytest.fixture
def base_file(tmp_path: Path, base_texts: dict[str, str]) -> Path:
    """Write the acceptance sla-response spec as ``base.yaml``."""
    path = tmp_path / "base.yaml"
    path.write_text(base_texts["sla-response.yaml"], encoding="utf-8")
    return path


def child(tmp_path: Path, text: str, name: str = "child.yaml") -> Path:
    """Write a spec *text* next to the base and return its path."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_mappings_merge_and_lists_replace(base_file: Path, tmp_path: Path) -> None:
    c = child(
        tmp_path,
        "extends: base.yaml\n"
        "client:\n  name: 新客户有限公司\n"
        "annexes:\n  - 唯一附件\n"
        "disputes:\n  - forum: 向服务所在地人民法院提起诉讼\n",
    )
    model = load(c).model
    assert model.client.name == "新客户有限公司"
    assert model.client.industry == "金融"  # merged from the base's client mapping
    assert model.provider.name == "杭州云栖数据服务有限公司"  # untouched mapping kept
    assert model.annexes == ("唯一附件",)  # the base's five annexes are replaced, not extended
    assert len(model.disputes) == 1 and model.disputes[0].up_to is None
    assert len(model.tiers) == 3


def test_bad_value_in_the_base_points_at_the_base(base_file: Path, tmp_path: Path) -> None:
    from letters.checks import check

    text = base_file.read_text(encoding="utf-8").replace(CODE, BAD_CODE)
    base_file.write_text(text, encoding="utf-8")
    c = child(tmp_path, "extends: base.yaml\nclient:\n  name: 新客户有限公司\n")
    found = [d for d in check(load(c)) if d.code == "credit-code"]
    assert len(found) == 1
    assert found[0].mark.file == str(base_file)
    assert found[0].mark.line == line_of(text, BAD_CODE)


def test_bad_value_in_the_child_points_at_the_child(base_file: Path, tmp_path: Path) -> None:
    from letters.checks import check

    text = f"extends: base.yaml\n\nprovider:\n  credit_code: {BAD_CODE}\n"
    c = child(tmp_path, text)
    found = [d for d in check(load(c)) if d.code == "credit-code"]
    assert len(found) == 1
    assert (found[0].mark.file, found[0].mark.line) == (str(c), 4)


def test_unparsable_value_points_at_whichever_file_holds_it(
    base_file: Path, tmp_path: Path
) -> None:
    text = base_file.read_text(encoding="utf-8").replace("total: 1200000.00", "total: 一百二十万")
    base_file.write_text(text, encoding="utf-8")
    with pytest.raises(SpecError) as exc:
        load(child(tmp_path, "extends: base.yaml\nclient:\n  name: 甲\n"))
    (d,) = [d for d in exc.value.diagnostics if d.path == ("agreement", "total")]
    assert (d.mark.file, d.mark.line) == (str(base_file), line_of(text, "一百二十万"))
    # the child overrides the bad total: now the error is gone, and a new bad one is the child's
    c = child(tmp_path, "extends: base.yaml\nagreement:\n  total: 九十万\n")
    with pytest.raises(SpecError) as exc:
        load(c)
    (d,) = [d for d in exc.value.diagnostics if d.path == ("agreement", "total")]
    assert (d.mark.file, d.mark.line) == (str(c), 3)


def test_extends_chains_of_three(base_file: Path, tmp_path: Path) -> None:
    child(tmp_path, "extends: base.yaml\nclient:\n  name: 中间层\n", "mid.yaml")
    top = child(tmp_path, "extends: mid.yaml\nclient:\n  industry: 医疗\n", "top.yaml")
    model = load(top).model
    assert (model.client.name, model.client.industry) == ("中间层", "医疗")


@pytest.mark.parametrize("layout", ["self", "pair", "triangle"])
def test_extends_cycles_are_an_error(tmp_path: Path, layout: str) -> None:
    names = {"self": ["a"], "pair": ["a", "b"], "triangle": ["a", "b", "c"]}[layout]
    for i, n in enumerate(names):
        nxt = names[(i + 1) % len(names)]
        child(tmp_path, f"template: sla-response\nextends: {nxt}.yaml\n", f"{n}.yaml")
    with pytest.raises(SpecError) as exc:
        load(tmp_path / "a.yaml")
    (d,) = exc.value.diagnostics
    assert d.code == "extends" and "循环" in d.message
    assert d.mark.line == 2


def test_missing_base_is_an_error_at_extends(tmp_path: Path) -> None:
    c = child(tmp_path, "template: sla-response\nextends: nowhere.yaml\n")
    with pytest.raises(SpecError) as exc:
        load(c)
    (d,) = exc.value.diagnostics
    assert (d.code, d.mark.file, d.mark.line) == ("extends", str(c), 2)


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
    edit(project / "pyproject.toml", "[tool.letters]\n", '[tool.letters]\nexclude = ["contracts/old/"]\n')
    code, _, err = letters("build", "--jobs", "1")
    assert code == 0, err
    built = snapshot(project / "build" / "letters")
    assert not [name for name in built if "copy" in name], sorted(built)
    assert letters("check", "contracts")[0] == 0


def test_a_base_below_the_current_folder_is_named_relative_to_it(
    base_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Findings in a base name it as the user would (GitHub annotations need relative paths)."""
    from letters.checks import check

    text = base_file.read_text(encoding="utf-8").replace(CODE, BAD_CODE)
    base_file.write_text(text, encoding="utf-8")
    c = child(tmp_path, "extends: base.yaml\nclient:\n  name: 新客户有限公司\n")
    monkeypatch.chdir(tmp_path)
    (found,) = [d for d in check(load(c.name)) if d.code == "credit-code"]
    assert found.mark.file == "base.yaml"
