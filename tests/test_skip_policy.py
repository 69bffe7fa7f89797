"""Under CI=true a skipped test fails the run unless pyproject.toml lists it with its reason."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from conftest import REPO, TESTS, allowed_skips

PYPROJECT = """\
[tool.pytest.ini_options]
allowed_skips = [
    "test_x.py::test_listed: a reason written down",
]
"""

TESTS_TEXT = """\
import pytest

def test_runs():
    assert True

def test_listed():
    pytest.skip("optional tool missing")

def test_unlisted():
    pytest.skip("hides a regression")
"""


def _run(
    tmp_path: Path, ci: str | None, tests: str = TESTS_TEXT
) -> subprocess.CompletedProcess[str]:
    shutil.copy(TESTS / "conftest.py", tmp_path / "conftest.py")
    (tmp_path / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    (tmp_path / "test_x.py").write_text(tests, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    env["PYTHONPATH"] = str(REPO)
    if ci is not None:
        env["CI"] = ci
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", "-rs", str(tmp_path)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_an_unlisted_skip_fails_the_run_under_ci(tmp_path: Path) -> None:
    done = _run(tmp_path, "true")
    assert done.returncode == 1, done.stdout
    assert "test_x.py::test_unlisted: hides a regression" in done.stdout
    assert "test_x.py::test_listed:" not in done.stdout.split("not listed in allowed_skips")[1]


def test_listed_skips_pass_under_ci(tmp_path: Path) -> None:
    done = _run(tmp_path, "true", TESTS_TEXT.split("def test_unlisted")[0])
    assert done.returncode == 0, done.stdout


def test_a_module_skipped_at_collection_fails_the_run_under_ci(tmp_path: Path) -> None:
    done = _run(tmp_path, "true", 'import pytest\npytest.importorskip("no_such_module_zz")\n')
    assert done.returncode == 1, done.stdout
    assert "test_x.py: could not import 'no_such_module_zz'" in done.stdout


def test_skips_are_only_reported_outside_ci(tmp_path: Path) -> None:
    done = _run(tmp_path, None)
    assert done.returncode == 0, done.stdout
    assert "2 skipped" in done.stdout


def test_the_allowed_skips_of_this_project_have_reasons_and_name_real_tests() -> None:
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    lines = config["tool"]["pytest"]["ini_options"]["allowed_skips"]

    class _Config:
        def getini(self, name: str) -> list[str]:
            assert name == "allowed_skips"
            return lines

    allowed = allowed_skips(_Config())  # type: ignore[arg-type]
    assert allowed and all(reason for reason in allowed.values())
    import fnmatch

    for pattern in allowed:
        file = pattern.partition("::")[0]
        assert (REPO / file).is_file(), pattern
        collected = subprocess.run(
            [
                sys.executable,
                "-m",
                "pytest",
                "--collect-only",
                "-q",
                "-o",
                "addopts=",
                "-p",
                "no:cacheprovider",
                file,
            ],
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        ).stdout.splitlines()
        assert any(fnmatch.fnmatchcase(nodeid, pattern) for nodeid in collected), pattern


@pytest.mark.parametrize("value", ["true", "TRUE", "1"])
def test_ci_is_recognised(value: str, monkeypatch) -> None:
    import conftest

    monkeypatch.setenv("CI", value)
    assert conftest.is_ci()
