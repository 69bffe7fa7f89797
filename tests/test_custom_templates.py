"""Check custom template folders: searched before the built-ins, built-in partials still resolve."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

from letters.compose import builtin_folders, search_path
from letters.scaffold import scaffold_text

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "examples" / "custom-templates"
Run = Callable[..., subprocess.CompletedProcess[str]]


def _render(cli: Run, spec: Path, out: Path, *templates: Path) -> str:
    args: list[str | Path] = ["render", spec, "-o", out, "--to", "md"]
    for t in templates:
        args += ["--templates", t]
    done = cli(*args)
    assert done.returncode == 0, done.stdout + done.stderr
    return (out / f"{spec.stem}.md").read_text(encoding="utf-8")


def test_user_folders_come_first() -> None:
    path = search_path([EXAMPLE])
    assert path[0] == str(EXAMPLE) and path[1:] == builtin_folders()


def test_custom_wording_replaces_the_builtin(cli: Run, tmp_path: Path) -> None:
    spec = REPO / "contracts" / "sla-response.yaml"
    builtin = _render(cli, spec, tmp_path / "builtin")
    custom = _render(cli, spec, tmp_path / "custom", EXAMPLE)
    title = custom.splitlines()[0]
    assert title == "# 杭州云栖数据服务有限公司服务等级承诺函"
    assert "服务费抵扣" in custom and "服务费抵扣" not in builtin
    assert "在下一期服务费中直接抵扣" in custom
    assert builtin.splitlines()[0] != title


def test_builtin_partials_still_resolve(cli: Run, tmp_path: Path) -> None:
    spec = REPO / "contracts" / "sla-response.yaml"
    custom = _render(cli, spec, tmp_path, EXAMPLE)
    # parties, disputes, notices, annexes and signature partials come from templates/partials
    assert "统一社会信用代码：91330106MA2H3K7P6X" in custom
    assert "争议解决" in custom and "提交杭州仲裁委员会" in custom
    assert "通知与送达" in custom and "service@yunqi-data.example.cn" in custom
    assert "附件：" in custom and "服务质量KPI考核表" in custom
    assert custom.index("特此承诺。") < custom.index("附件：") < custom.index("承诺方（盖章）")
    assert custom.count("服务质量KPI考核表") == 1  # the signature partial lists the annexes once
    assert not (EXAMPLE / "partials").exists()  # nothing copied from the built-ins


def test_other_kinds_keep_the_builtin_template(cli: Run, tmp_path: Path) -> None:
    spec = REPO / "contracts" / "continuity.yaml"
    assert _render(cli, spec, tmp_path / "a", EXAMPLE) == _render(cli, spec, tmp_path / "b")


def test_custom_template_renders_the_scaffold_and_docx(cli: Run, tmp_path: Path) -> None:
    spec = tmp_path / "mine.yaml"
    spec.write_text(scaffold_text("sla-response"), encoding="utf-8")
    done = cli("render", spec, "-o", tmp_path / "out", "--templates", EXAMPLE)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "out" / "mine.docx").stat().st_size > 0
    md = (tmp_path / "out" / "mine.md").read_text(encoding="utf-8")
    assert md.startswith("# 示例信息技术有限公司服务等级承诺函")


def test_a_spec_with_errors_is_still_refused(cli: Run, tmp_path: Path) -> None:
    spec = tmp_path / "bad.yaml"
    spec.write_text(
        scaffold_text("sla-response").replace("share: 60%", "share: 65%"), encoding="utf-8"
    )
    done = cli("render", spec, "-o", tmp_path / "out", "--templates", EXAMPLE)
    assert done.returncode == 1
    assert "share-sum" in done.stdout
    assert not (tmp_path / "out" / "bad.md").exists()


def test_overriding_only_a_partial(cli: Run, tmp_path: Path) -> None:
    folder = tmp_path / "firm"
    (folder / "partials").mkdir(parents=True)
    builtin = (REPO / "templates" / "partials" / "signature.md.j2").read_text(encoding="utf-8")
    (folder / "partials" / "signature.md.j2").write_text(
        builtin.replace("特此承诺。", "特此承诺，谨请贵方查收。"), encoding="utf-8"
    )
    md = _render(cli, REPO / "contracts" / "sla-response.yaml", tmp_path / "out", folder)
    assert "特此承诺，谨请贵方查收。" in md
    assert "关于" in md.splitlines()[0]  # the built-in letter itself


def test_templates_command_lists_kinds(cli: Run) -> None:
    done = cli("templates")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    # by name, the same order whether letters runs from a checkout or an installed wheel
    names = [line.split()[0] for line in lines]
    assert names == [
        "conduct",
        "continuity",
        "project",
        "public-undertaking",
        "quality-standard",
        "service-agreement",
        "sla-annex",
        "sla-response",
        "work-assurance",
    ]
    titles = dict(zip(names, lines, strict=True))
    assert "服务水平连续性保证承诺书" in titles["continuity"]
    assert "服务响应时间承诺函" in titles["sla-response"]
    assert "自定义" not in done.stdout


def test_templates_command_marks_custom_templates(cli: Run, tmp_path: Path) -> None:
    (tmp_path / "nda.md.j2").write_text(
        "{#- 保密承诺函（试用） -#}\n# 保密承诺函\n", encoding="utf-8"
    )
    done = cli("templates", "--templates", EXAMPLE, "--templates", tmp_path)
    assert done.returncode == 0, done.stderr
    lines = {ln.split()[0]: ln for ln in done.stdout.splitlines()}
    assert "自定义模板" in lines["sla-response"] and "custom-templates" in lines["sla-response"]
    assert "自定义" not in lines["continuity"]
    assert "保密承诺函（试用）" in lines["nda"] and "nda.md.j2" in lines["nda"]


def test_templates_command_reads_pyproject(cli: Run, tmp_path: Path) -> None:
    (tmp_path / "firm").mkdir()
    (tmp_path / "firm" / "memo.md.j2").write_text("# 备忘\n", encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text(
        '[tool.letters]\ntemplates = ["firm"]\n', encoding="utf-8"
    )
    done = cli("templates", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert any(ln.startswith("memo") and "自定义" in ln for ln in done.stdout.splitlines())


def test_templates_command_missing_folder(cli: Run, tmp_path: Path) -> None:
    done = cli("templates", "--templates", tmp_path / "nope")
    assert done.returncode == 2
    assert "找不到模板文件夹" in done.stderr
