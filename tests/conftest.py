"""Shared fixtures: where the acceptance specs are, spec mutants on disk, and a CLI runner."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent
SHARED_ACCEPTANCE = Path(__file__).resolve().parents[2] / "shared" / "acceptance"
FIXTURE_ACCEPTANCE = TESTS / "fixtures" / "acceptance"
VALID = ("sla-response.yaml", "continuity.yaml")

if importlib.util.find_spec("letters") is None:  # not installed and not run from the repo root
    sys.path.insert(0, str(REPO))

# The tests assert the default (Chinese) messages; a developer's LETTERS_LANG=en must not leak in.
os.environ.pop("LETTERS_LANG", None)


def acceptance_root() -> Path:
    """Return the shared acceptance folder, or the copy under tests/fixtures when it is absent."""
    if (SHARED_ACCEPTANCE / "invalid" / "expected.json").is_file():
        return SHARED_ACCEPTANCE
    return FIXTURE_ACCEPTANCE


def cli_env() -> dict[str, str]:
    """Return an environment in which ``python -m letters`` imports this checkout, in UTF-8."""
    env = {k: v for k, v in os.environ.items() if k not in ("LETTERS_DEBUG", "LETTERS_LANG")}
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO), env.get("PYTHONPATH", "")) if p)
    env["PYTHONIOENCODING"] = "utf-8"
    env["PYTHONUTF8"] = "1"
    return env


def run_letters(
    *args: str | os.PathLike[str], cwd: Path = REPO
) -> subprocess.CompletedProcess[str]:
    """Run ``python -m letters ARGS`` in a fresh interpreter and return the finished process."""
    return subprocess.run(
        [sys.executable, "-m", "letters", *map(str, args)],
        cwd=cwd,
        env=cli_env(),
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )


@pytest.fixture(scope="session")
def acceptance() -> Path:
    """Return the folder of the acceptance specs."""
    return acceptance_root()


@pytest.fixture(scope="session")
def clean() -> Path:
    """Return the folder of the project's own examples: valid and free of warnings (issue 10).

    The acceptance specs stay valid as written but carry legal-soundness warnings; a test that
    needs a spec with no finding at all uses these."""
    return REPO / "contracts"


@pytest.fixture(scope="session")
def base_texts(acceptance: Path) -> dict[str, str]:
    """Return the text of each valid acceptance spec, by file name, and of the project's own
    corrected examples, as ``contracts/<name>`` (warning-free: the base of the legal rules' cases)."""
    texts = {name: (acceptance / name).read_text(encoding="utf-8") for name in VALID}
    texts.update(
        {f"contracts/{n}": (REPO / "contracts" / n).read_text(encoding="utf-8") for n in VALID}
    )
    return texts


@pytest.fixture
def project(tmp_path: Path, acceptance: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Assemble a small project (two specs, one batch of four clients) and enter it."""
    import shutil

    root = tmp_path / "proj"
    (root / "contracts").mkdir(parents=True)
    (root / "batches").mkdir()
    for name in VALID:
        shutil.copy(REPO / "contracts" / name, root / "contracts" / name)
    # the batch base is the project's own example, as in this repository (the acceptance spec
    # would add its legal-soundness warnings to every row)
    shutil.copy(REPO / "contracts" / "sla-response.yaml", root / "batches" / "sla-base.yaml")
    shutil.copy(acceptance / "clients.csv", root / "batches" / "clients.csv")
    shutil.copy(TESTS / "fixtures" / "batch" / "pyproject.toml", root / "pyproject.toml")
    monkeypatch.chdir(root)
    return root


@pytest.fixture(scope="session")
def cli() -> Callable[..., subprocess.CompletedProcess[str]]:
    """Return :func:`run_letters`."""
    return run_letters


Mutant = Callable[..., Path]


@pytest.fixture
def mutant(base_texts: dict[str, str], tmp_path: Path) -> Mutant:
    """Return a factory: ``mutant(base, (old, new), ..., name=...)`` writes a changed copy.

    Each *old* must occur exactly once in the base text, so every mutation changes one place.
    """

    def make(base: str, *changes: tuple[str, str], name: str | None = None) -> Path:
        text = base_texts[base]
        for old, new in changes:
            assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {base}"
            text = text.replace(old, new)
        path = tmp_path / (name or base.replace("/", "-"))
        path.write_text(text, encoding="utf-8")
        return path

    return make


def line_of(text: str, needle: str) -> int:
    """Return the 1-based line on which *needle* (unique in *text*) stands."""
    assert text.count(needle) == 1, f"{needle!r} occurs {text.count(needle)} times"
    return text[: text.index(needle)].count("\n") + 1


@pytest.fixture(scope="session")
def find_line() -> Callable[[str, str], int]:
    """Return :func:`line_of`."""
    return line_of


# ------------------------------------------------------------------ no silent skips in CI
#
# A skip hides whatever the skipped test guards.  Under CI=true every skip fails the run unless
# the test is listed, with its reason, in ``allowed_skips`` of [tool.pytest.ini_options] in
# pyproject.toml (one place).  Locally, skips are reported as usual.

_SKIPPED: list[tuple[str, str]] = []


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addini(
        "allowed_skips",
        type="linelist",
        help="'NODEID-GLOB: reason' lines: the only tests that may be skipped under CI=true",
    )


def allowed_skips(config: pytest.Config) -> dict[str, str]:
    """Return ``{node id pattern: reason}`` from the ``allowed_skips`` setting."""
    out = {}
    for line in config.getini("allowed_skips"):
        pattern, sep, reason = line.partition(": ")
        if not sep or not reason.strip():
            raise pytest.UsageError(f"allowed_skips: {line!r} needs 'NODEID-GLOB: reason'")
        out[pattern.strip()] = reason.strip()
    return out


def is_ci() -> bool:
    """Return True when the CI variable says so (CI=true, as CI services and .ci/run's runner set)."""
    return os.environ.get("CI", "").strip().lower() in ("true", "1", "yes")


def unlisted_skips(
    skipped: list[tuple[str, str]], allowed: dict[str, str]
) -> list[tuple[str, str]]:
    """Return the (node id, reason) pairs of *skipped* that no allowed pattern covers."""
    import fnmatch

    return [(n, r) for n, r in skipped if not any(fnmatch.fnmatchcase(n, p) for p in allowed)]


def pytest_collectreport(report: pytest.CollectReport) -> None:
    """Record a whole module skipped at collection (``pytest.importorskip`` at module level)."""
    if report.skipped:
        longrepr = report.longrepr
        reason = longrepr[2] if isinstance(longrepr, tuple) else str(longrepr)
        _SKIPPED.append((report.nodeid, reason.removeprefix("Skipped: ")))


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.skipped and not hasattr(report, "wasxfail"):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        _SKIPPED.append((report.nodeid, reason.removeprefix("Skipped: ")))


def _unlisted(config: pytest.Config) -> list[tuple[str, str]]:
    return unlisted_skips(_SKIPPED, allowed_skips(config)) if is_ci() and _SKIPPED else []


def pytest_terminal_summary(terminalreporter: Any, exitstatus: int, config: pytest.Config) -> None:
    bad = _unlisted(config)
    if bad:
        terminalreporter.section("skips not allowed under CI=true", sep="=", red=True)
        terminalreporter.write_line(
            f"{len(bad)} skipped test(s) not listed in allowed_skips (pyproject.toml):"
        )
        for nodeid, reason in bad:
            terminalreporter.write_line(f"  {nodeid}: {reason}")


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if _unlisted(session.config) and session.exitstatus in (0, pytest.ExitCode.NO_TESTS_COLLECTED):
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
