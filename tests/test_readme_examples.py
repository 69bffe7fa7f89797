"""Every command the README shows runs as shown, in a fresh copy of the repository.

``text`` blocks that start with ``$ letters …`` are transcripts: the command is run and its
output (stdout and stderr, as a terminal shows them) must be exactly what the README prints.
``sh`` blocks are commands to type: each one is run in order and must succeed.  A few commands
are not run here, each for the reason given in NOT_RUN (they install packages, run this very
suite, or need a program that is not a Python package); .ci/run covers the first two.
Afterwards the copy must still pass ``letters check`` and ``letters build --check``: following
the README never leaves a broken repository behind.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")

NOT_RUN = {
    r"^(PIP_CONSTRAINT=\S+ )?pip install ": "installs packages: the Quick start and .ci/run run these lines as written",
    r"^python -m pytest\b": "this suite itself (.ci/run runs it)",
    r"^(ruff|mypy) ": "development tools from the dev extra (.ci/run runs them)",
    r"^scripts/preview ": "needs LibreOffice and poppler from Debian (README says so)",
    r"^python bench/run\.py": "a benchmark of several minutes (tests/test_bench_smoke.py runs it small)",
    r"^scripts/(i18n|gen-schema)\b": "tested by tests/test_i18n.py and tests/test_json_schema.py",
}


def _blocks(lang: str) -> list[tuple[int, str]]:
    out = []
    for m in re.finditer(r"^```" + lang + r"\n(.*?)^```", README, re.S | re.M):
        out.append((README[: m.start()].count("\n") + 1, m.group(1)))
    return out


def _transcripts() -> list[tuple[int, str, str]]:
    found = []
    for line, body in _blocks("text"):
        if not body.startswith("$ "):
            continue
        parts = re.split(r"^\$ (.*)\n", body, flags=re.M)[1:]
        for command, output in zip(parts[::2], parts[1::2], strict=True):
            found.append((line, command, output))
    return found


def _commands() -> list[tuple[int, str]]:
    found = []
    for line, body in _blocks("sh"):
        for i, text in enumerate(body.splitlines()):
            command = re.sub(r"\s+#.*$", "", text).strip()
            if command and not command.startswith("#"):
                found.append((line + 1 + i, command))
    return found


def _not_run(command: str) -> str | None:
    return next((why for pattern, why in NOT_RUN.items() if re.search(pattern, command)), None)


@pytest.fixture(scope="module")
def clone(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """Copy the files of the repository (tracked and new, not ignored) and set up `letters`."""
    root = tmp_path_factory.mktemp("readme") / "repo"
    listed = (
        subprocess.run(
            ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
            cwd=REPO,
            capture_output=True,
            check=True,
        )
        .stdout.decode("utf-8")
        .split("\0")
    )
    for name in filter(None, listed):
        src = REPO / name
        if src.is_file():
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, root / name)
    shutil.rmtree(root / "out", ignore_errors=True)
    # a repository of its own, the copy committed: `letters build --against HEAD` reads it
    identity = {
        "GIT_AUTHOR_NAME": "readme",
        "GIT_AUTHOR_EMAIL": "readme@example.com",
        "GIT_COMMITTER_NAME": "readme",
        "GIT_COMMITTER_EMAIL": "readme@example.com",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "the README's project"]):
        subprocess.run(["git", *args], cwd=root, check=True, env={**os.environ, **identity})
    bin_dir = root.parent / "bin"
    bin_dir.mkdir()
    for name, module in (("letters", "-m letters"), ("python", "")):
        shim = bin_dir / name
        shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" {module} "$@"\n', encoding="utf-8")
        shim.chmod(0o755)
    env = {k: v for k, v in os.environ.items() if not k.startswith("LETTERS_")}
    env.update(
        PATH=f"{bin_dir}{os.pathsep}{env.get('PATH', '')}",
        PYTHONPATH=str(REPO),  # the code of this checkout; the data of the copy
        PYTHONUNBUFFERED="1",  # stdout and stderr interleave as on a terminal
        PYTHONIOENCODING="utf-8",
    )
    return root, env


def _run(command: str, clone: tuple[Path, dict[str, str]]) -> subprocess.CompletedProcess[str]:
    root, env = clone
    return subprocess.run(
        ["bash", "-c", command + " 2>&1"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=300,
        check=False,
    )


def test_the_readme_shows_commands_and_transcripts() -> None:
    shown = [command for _, command, _ in _transcripts()]
    for start in ("letters check ", "letters render ", "letters rules ", "letters templates "):
        assert any(c.startswith(start) for c in shown), start
    run = [c for _, c in _commands() if not _not_run(c)]
    for start in ("letters new ", "letters batch ", "letters build", "letters render "):
        assert any(c.startswith(start) for c in run), start


@pytest.mark.parametrize(
    ("line", "command", "expected"),
    _transcripts(),
    ids=[f"L{line}: {command}" for line, command, _ in _transcripts()],
)
def test_transcript_output_is_what_the_readme_shows(
    line: int, command: str, expected: str, clone: tuple[Path, dict[str, str]]
) -> None:
    done = _run(command, clone)
    got = [x.rstrip() for x in done.stdout.rstrip("\n").splitlines()]
    assert got == [x.rstrip() for x in expected.rstrip("\n").splitlines()], (
        f"README.md:{line}: `{command}` printed:\n{done.stdout}"
    )


def test_every_shell_example_runs_and_leaves_a_passing_repository(
    clone: tuple[Path, dict[str, str]],
) -> None:
    ran = []
    for line, command in _commands():
        if _not_run(command):
            continue
        done = _run(command, clone)
        assert done.returncode == 0, (
            f"README.md:{line}: `{command}` exited {done.returncode}:\n{done.stdout}"
        )
        ran.append(command)
    assert any(c.startswith("letters new ") for c in ran)
    for command in ("letters check", "letters build --check"):
        done = _run(command, clone)
        assert done.returncode == 0, (
            f"after the README's commands, `{command}` fails:\n{done.stdout}"
        )
