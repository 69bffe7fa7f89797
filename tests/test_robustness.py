"""Hostile command lines and inputs end in a clear message and the right exit code.

Each case comes from an adversarial review: none may print a traceback or "内部错误".
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SLA = ROOT / "contracts" / "sla-response.yaml"


def run(
    *args: str, cwd: Path = ROOT, stdout: int | None = None
) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "LETTERS_LANG"}
    done = subprocess.run(
        [sys.executable, "-m", "letters", *args],
        capture_output=stdout is None,
        stdout=stdout,
        text=True,
        cwd=cwd,
        env={**env, "PYTHONPATH": str(ROOT)},
        timeout=60,
    )
    both = (done.stdout or "") + (done.stderr or "")
    assert "Traceback" not in both and "内部错误" not in both, both
    return done


def _spec(tmp_path: Path, old: str, new: str, name: str = "s.yaml") -> Path:
    text = SLA.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / name
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def test_missing_template_folder_is_an_error_not_the_builtin_wording(tmp_path: Path) -> None:
    done = run("render", str(SLA), "-o", str(tmp_path / "o"), "--templates", str(tmp_path / "nope"))
    assert done.returncode == 2
    assert "找不到模板文件夹" in done.stderr
    assert not (tmp_path / "o").exists()


def test_amount_beyond_chinese_capitals_is_a_check_error_at_its_line(tmp_path: Path) -> None:
    spec = _spec(tmp_path, "total: 1200000.00", "total: 1000000000000")
    done = run("check", str(spec))
    assert done.returncode == 1
    line = next(
        n
        for n, x in enumerate(spec.read_text(encoding="utf-8").splitlines(), 1)
        if "total: 1000000000000" in x
    )
    assert f":{line}:10:" in done.stdout and "error[invalid-value] agreement.total" in done.stdout


def test_unwritable_output_folder_is_a_usage_error(tmp_path: Path) -> None:
    done = run("render", str(SLA), "-o", "/proc/self")
    assert done.returncode == 2


def test_output_files_are_readable_by_others(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        run("render", str(SLA), "-o", str(tmp_path), "--to", "md")
    finally:
        os.umask(old)
    mode = stat.S_IMODE((tmp_path / "sla-response.md").stat().st_mode)
    assert mode == 0o644


def test_symlink_loop_in_extends_is_an_extends_error(tmp_path: Path) -> None:
    (tmp_path / "l1.yaml").symlink_to(tmp_path / "l2.yaml")
    (tmp_path / "l2.yaml").symlink_to(tmp_path / "l1.yaml")
    child = tmp_path / "child.yaml"
    child.write_text("extends: l1.yaml\n", encoding="utf-8")
    done = run("check", str(child))
    assert done.returncode == 1
    assert "error[extends]" in done.stdout


def test_bad_layout_name_is_reported_by_check(tmp_path: Path) -> None:
    spec = tmp_path / "s.yaml"
    spec.write_text(
        SLA.read_text(encoding="utf-8") + "\nlayout: ../../etc/passwd\n", encoding="utf-8"
    )
    done = run("check", str(spec))
    assert done.returncode == 1
    assert "error[invalid-value] layout" in done.stdout


def test_pyproject_with_a_non_table_tool_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("tool = 5\n", encoding="utf-8")
    done = run("build", cwd=tmp_path)
    assert done.returncode == 2


def test_a_pipe_is_not_read_as_a_spec(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo.yaml"
    os.mkfifo(fifo)
    done = run("check", str(fifo))
    assert done.returncode == 2
    assert "file-unreadable" in done.stdout + done.stderr


@pytest.mark.parametrize(
    ("body", "expect"),
    [
        ('{% include "sla-response.md.j2" %}\n', "RecursionError"),
        ('# 题\n\n{{ "\\x01" }}\n', "U+0001"),
    ],
    ids=["recursion", "control-character"],
)
def test_broken_custom_templates_fail_cleanly_and_write_nothing(
    tmp_path: Path, body: str, expect: str
) -> None:
    tpl = tmp_path / "tpl"
    tpl.mkdir()
    (tpl / "sla-response.md.j2").write_text(body, encoding="utf-8")
    out = tmp_path / "o"
    done = run("render", str(SLA), "-o", str(out), "--templates", str(tpl))
    assert done.returncode == 2
    assert expect in done.stderr
    assert not out.exists() or not any(out.iterdir())


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_full_stdout_is_an_io_error() -> None:
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [sys.executable, "-m", "letters", "rules"],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            timeout=60,
        )
    assert done.returncode == 2
    assert "Traceback" not in done.stderr and "内部错误" not in done.stderr


def test_unknown_field_points_at_the_key_not_its_value(tmp_path: Path) -> None:
    spec = _spec(tmp_path, "    penalty_per_hour: 0.5%", "    penalty_per_hr: 0.5%")
    done = run("check", "--format", "json", str(spec))
    import json

    found = [d for d in json.loads(done.stdout) if d["code"] == "unknown-field"]
    assert [(d["path"], d["column"]) for d in found] == [("tiers[1].penalty_per_hr", 5)]


def test_build_with_a_bad_batch_name_pattern_writes_nothing(tmp_path: Path) -> None:
    import shutil

    shutil.copytree(ROOT / "contracts", tmp_path / "contracts")
    shutil.copytree(ROOT / "batches", tmp_path / "batches")
    (tmp_path / "pyproject.toml").write_text(
        '[tool.letters]\nsources = ["contracts"]\noutput = "out"\n'
        'batches = [{ base = "batches/sla-base.yaml", clients = "batches/clients.csv", name = "{bogus}" }]\n',
        encoding="utf-8",
    )
    done = run("build", cwd=tmp_path)
    assert done.returncode == 2
    assert "bogus" in done.stderr
    assert not (tmp_path / "out").exists()
