"""Each package is declared where it is used: the runtime list is exactly what letters/ imports."""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
OWN = {"letters", "conftest", "kindkit"}  # kindkit: the helpers in tests/kindkit.py


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~\[ ;]", requirement, maxsplit=1)[0].lower().replace("_", "-")


def _imported_distributions(folder: Path) -> dict[str, set[str]]:
    """Return {distribution: files importing it} for the third-party imports under *folder*."""
    modules: dict[str, set[str]] = {}
    for path in sorted(folder.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                if top not in sys.stdlib_module_names and top not in OWN:
                    modules.setdefault(top, set()).add(str(path.relative_to(ROOT)))
    mapping = packages_distributions()
    out: dict[str, set[str]] = {}
    for module, files in modules.items():
        assert module in mapping, f"{module} (imported by {sorted(files)}) is not installed"
        for dist in mapping[module]:
            out.setdefault(dist.lower().replace("_", "-"), set()).update(files)
    return out


def test_runtime_dependencies_are_exactly_what_the_package_imports() -> None:
    declared = {_name(r) for r in PROJECT["dependencies"]}
    imported = _imported_distributions(ROOT / "letters")
    assert set(imported) == declared, (
        f"imported by letters/: {sorted(imported)}; declared in [project] dependencies: "
        f"{sorted(declared)}"
    )


def test_the_tests_import_only_runtime_and_test_dependencies() -> None:
    allowed = {_name(r) for r in PROJECT["dependencies"]}
    allowed |= {_name(r) for r in PROJECT["optional-dependencies"]["test"]}
    imported = _imported_distributions(ROOT / "tests")
    extra = {dist: files for dist, files in imported.items() if dist not in allowed}
    assert not extra, f"declare these in the test extra: {extra}"


def test_linters_and_lock_tools_stay_out_of_the_runtime_and_test_installs() -> None:
    dev = {_name(r) for r in PROJECT["optional-dependencies"]["dev"]}
    assert {"ruff", "mypy", "pip-tools"} <= dev
    others = {_name(r) for r in PROJECT["dependencies"]}
    others |= {_name(r) for r in PROJECT["optional-dependencies"]["test"]}
    assert not dev & others
