"""A letter kind from outside letters: examples/custom-kind, after a real ``pip install``.

The package is installed (with pip, into a folder of its own) and put on the path of a fresh
``letters`` process; it registers its kind only through its ``letters.kinds`` entry point.
Every command then knows the kind: templates, new, check (its own rule at file:line:column),
render (DOCX and Markdown in the house layout), schema and rules.  Nothing in ``letters/``
names it.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO, cli_env

EXAMPLE = REPO / "examples" / "custom-kind"


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Install examples/custom-kind with pip into a folder of its own; return the folder."""
    work = tmp_path_factory.mktemp("custom-kind")
    source = work / "src"  # a copy: building leaves build/ and *.egg-info beside the sources
    shutil.copytree(
        EXAMPLE, source, ignore=shutil.ignore_patterns("build", "*.egg-info", "__pycache__")
    )
    target = work / "site"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "--disable-pip-version-check",
            "--target",
            str(target),
            str(source),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert (target / "letters_confidentiality").is_dir()
    return target


def run(installed: Path, *args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = cli_env()
    env["PYTHONPATH"] = os.pathsep.join((str(installed), env["PYTHONPATH"]))
    return subprocess.run(
        [sys.executable, "-m", "letters", *map(str, args)],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )


def test_the_kind_is_listed_scaffolded_checked_rendered_and_explained(
    installed: Path, tmp_path: Path
) -> None:
    listed = run(installed, "templates", cwd=tmp_path)
    assert listed.returncode == 0, listed.stderr
    assert re.search(r"^confidentiality\s+保密承诺函", listed.stdout, re.M)

    assert run(installed, "new", "confidentiality", "-o", "nda.yaml", cwd=tmp_path).returncode == 0
    spec = tmp_path / "nda.yaml"
    clean = run(installed, "check", spec, cwd=tmp_path)
    assert clean.returncode == 0, clean.stdout + clean.stderr

    text = spec.read_text(encoding="utf-8")
    bad = tmp_path / "bad.yaml"
    bad.write_text(text.replace("  maximum: 500000.00", "  maximum: 5000.00"), encoding="utf-8")
    line = text.splitlines().index("  minimum: 50000.00") + 1
    found = run(installed, "check", bad, cwd=tmp_path)
    assert found.returncode == 1
    assert (
        f"bad.yaml:{line}:12: error[penalty-range] penalty.minimum: 违约金下限 50,000.00元 高于上限 5,000.00元"
        in found.stdout
    )

    out = tmp_path / "out"
    rendered = run(installed, "render", spec, "-o", out, cwd=tmp_path)
    assert rendered.returncode == 0, rendered.stderr
    md = (out / "nda.md").read_text(encoding="utf-8")
    assert md.startswith("# 保密承诺函\n")
    assert (
        "不低于50,000.00元（大写：人民币伍万元整），不高于500,000.00元（大写：人民币伍拾万元整）"
        in md
    )
    assert "## 六、争议解决" in md and "特此承诺。" in md  # the shared partials
    # in Traditional script too, with no change to the kind's template (letters/script.py)
    hant = run(
        installed, "render", spec, "-o", tmp_path / "hk", "--locale", "zh-Hant-HK", cwd=tmp_path
    )
    assert hant.returncode == 0, hant.stderr
    hk = (tmp_path / "hk" / "nda.md").read_text(encoding="utf-8")
    assert hk.startswith("# 保密承諾函\n") and "（大寫：人民幣伍萬元整）" in hk
    # and as a blank form (letters/blank.py): the amounts are blanks, optional parts marked
    form = run(installed, "blank", "confidentiality", "-o", tmp_path / "forms", cwd=tmp_path)
    assert form.returncode == 0, form.stderr
    blank = (tmp_path / "forms" / "confidentiality-blank.md").read_text(encoding="utf-8")
    assert "50,000.00" not in blank and "元（大写：人民币\\_\\_" in blank
    assert "None" not in blank and "{{" not in blank

    from docx import Document

    doc = Document(str(out / "nda.docx"))
    assert doc.paragraphs[0].text == "保密承诺函"
    section = doc.sections[0]
    assert (section.page_width.mm, section.page_height.mm) == pytest.approx((210, 297), abs=0.5)
    rpr = doc.styles["Normal"].element.rPr
    assert rpr is not None and "eastAsia" in rpr.xml  # the house fonts

    schema = run(installed, "schema", cwd=tmp_path)
    assert "confidentiality" in json.loads(schema.stdout)["properties"]["template"]["enum"]
    one = run(installed, "schema", "confidentiality", cwd=tmp_path)
    assert json.loads(one.stdout)["title"].startswith("letters 规格：保密承诺函")

    rules = run(installed, "rules", cwd=tmp_path)
    assert re.search(r"^\s*penalty-range\b.*confidentiality", rules.stdout, re.M)
    explained = run(installed, "rules", "penalty-range", cwd=tmp_path)
    assert explained.returncode == 0
    assert "→ error[penalty-range] penalty.minimum" in explained.stdout


def test_without_the_package_the_kind_is_unknown(tmp_path: Path) -> None:
    spec = tmp_path / "nda.yaml"
    spec.write_text(
        (EXAMPLE / "letters_confidentiality" / "scaffold.yaml").read_text("utf-8"), "utf-8"
    )
    done = subprocess.run(
        [sys.executable, "-m", "letters", "check", str(spec)],
        cwd=tmp_path,
        env=cli_env(),
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )
    assert done.returncode == 1 and "unknown-template" in done.stdout


def test_letters_names_no_kind_outside_the_kind_folders() -> None:
    pattern = re.compile(r"sla.response|SlaSpec|[Cc]ontinuity|confidentiality")
    hits = []
    for path in sorted((REPO / "letters").rglob("*")):
        rel = path.relative_to(REPO).as_posix()
        if (
            not path.is_file()
            or path.suffix not in (".py", ".j2")
            or rel.startswith("letters/kinds/")
        ):
            continue
        hits += [
            f"{rel}:{i}"
            for i, line in enumerate(path.read_text("utf-8").splitlines(), 1)
            if pattern.search(line)
        ]
    for path in sorted((REPO / "templates").rglob("*.j2")):
        text = path.read_text("utf-8")
        hits += [f"{path.relative_to(REPO)}" for _ in [1] if pattern.search(text)]
    assert hits == []


def _broken_kind(tmp_path: Path, body: str, name: str = "broken") -> Path:
    """Install (by hand, as pip would) a package whose entry point registers kind *name*."""
    site = tmp_path / "site"
    pkg = site / f"{name}_pkg"
    pkg.mkdir(parents=True)
    (pkg / "__init__.py").write_text(body, encoding="utf-8")
    info = site / f"{name}_pkg-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        f"Metadata-Version: 2.1\nName: {name}-pkg\nVersion: 0.1\n", encoding="utf-8"
    )
    (info / "entry_points.txt").write_text(
        f"[letters.kinds]\n{name} = {name}_pkg:KIND\n", encoding="utf-8"
    )
    return site


@pytest.mark.parametrize(
    "body",
    ["raise ImportError('a dependency is missing')\n", "KIND = 42\n", "X = 1\n"],
    ids=["import-fails", "not-a-kind", "no-KIND"],
)
def test_a_broken_kind_never_stops_the_others(tmp_path: Path, body: str) -> None:
    site = _broken_kind(tmp_path, body)
    spec = REPO / "contracts" / "sla-response.yaml"
    for args in (
        ("check", spec),
        ("render", spec, "-o", tmp_path / "out"),
        ("templates",),
        ("rules",),
    ):
        done = run(site, *args, cwd=tmp_path)
        assert done.returncode == 0, (args, done.stderr)
        assert "内部错误" not in done.stderr and "Traceback" not in done.stderr
    listed = run(site, "templates", cwd=tmp_path)
    assert "文书类型“broken”（入口 broken_pkg:KIND）无法使用" in listed.stderr
    mine = tmp_path / "b.yaml"
    mine.write_text("template: broken\n", encoding="utf-8")
    done = run(site, "check", mine, cwd=tmp_path)
    assert (
        done.returncode == 2 and "文书类型“broken”" in done.stderr and "内部错误" not in done.stderr
    )


def test_a_kind_that_reuses_rule_codes_is_named_not_an_internal_error(tmp_path: Path) -> None:
    """Two kinds declaring one rule code: letters rules names both; other letters still render."""
    site = _broken_kind(
        tmp_path,
        "from letters.kinds.sla_response import KIND as K\n"
        "import dataclasses\nKIND = dataclasses.replace(K, name='other')\n",
        name="other",
    )
    spec = REPO / "contracts" / "sla-response.yaml"
    done = run(site, "render", spec, "-o", tmp_path / "out", "--to", "md", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    listed = run(site, "rules", cwd=tmp_path)
    assert listed.returncode == 2 and "同时由" in listed.stderr and "内部错误" not in listed.stderr
