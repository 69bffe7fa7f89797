"""Keep ARCHITECTURE.md true, and the house rules of the package's structure."""

from __future__ import annotations

import ast
import re

from conftest import REPO

DOC = (REPO / "ARCHITECTURE.md").read_text(encoding="utf-8")


def test_every_path_the_map_names_exists() -> None:
    text = DOC[: DOC.index("The custom kind in `examples/custom-kind/`")]
    named = set(re.findall(r"`((?:letters|templates|examples|scripts|tests)/[^`*<>…]+?)`", text))
    assert len(named) > 20
    missing = [p for p in sorted(named) if not (REPO / p.split(":")[0].split(" ")[0]).exists()]
    assert missing == []


def test_the_custom_kind_took_the_files_the_map_lists() -> None:
    section = DOC[DOC.index("The custom kind in `examples/custom-kind/`") :]
    listed = set(re.findall(r"`([\w./-]+\.(?:py|toml|j2|yaml))`", section))
    root = REPO / "examples" / "custom-kind"
    files = {
        p.relative_to(root).as_posix()
        for p in root.rglob("*")
        if p.is_file()
        and "build" not in p.parts
        and ".egg-info" not in str(p)
        and "__pycache__" not in p.parts
    }
    shown = {
        name if "/" in name or name == "pyproject.toml" else f"letters_confidentiality/{name}"
        for name in listed
    }
    shown = {
        s
        if s.startswith(("letters_confidentiality/", "pyproject"))
        else f"letters_confidentiality/{s}"
        for s in shown
    }
    assert files == shown


def test_only_the_cli_prints() -> None:
    printing = []
    for path in sorted((REPO / "letters").rglob("*.py")):
        if path.name.startswith("cli") or path.name == "__main__.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "print"
            ):
                printing.append(f"{path.relative_to(REPO)}:{node.lineno}")
    assert printing == []


def test_heavy_libraries_are_imported_where_they_belong() -> None:
    """Only source imports yaml, only compose imports jinja2 (the design notes)."""
    owners = {"yaml": {"letters/source.py"}, "jinja2": {"letters/compose.py"}}
    for path in sorted((REPO / "letters").rglob("*.py")):
        rel = path.relative_to(REPO).as_posix()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name.split(".")[0] for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module.split(".")[0]]
            for name in names:
                if name in owners:
                    assert rel in owners[name], f"{rel} imports {name}"


def test_test_files_mirror_the_modules() -> None:
    """A newcomer finds the tests of a module by its name."""
    modules = {p.stem for p in (REPO / "letters").glob("*.py") if not p.name.startswith("_")} - {
        "argparse_i18n",
        "cli",
        "cli_authoring",
        "cli_batch",
        "cli_common",
        "diagnostics",
        "document",
        "output",
        "parts",
        "rules",
        "figures",
    }
    missing = [m for m in sorted(modules) if not (REPO / "tests" / f"test_{m}.py").is_file()]
    assert missing == []


def test_every_package_and_kind_folder_ships_in_the_wheel() -> None:
    """pyproject lists packages explicitly: a kind folder left out would vanish from a wheel."""
    import tomllib

    tool = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"][
        "setuptools"
    ]
    listed = set(tool["packages"])
    found = {
        ".".join(p.parent.relative_to(REPO).parts) for p in (REPO / "letters").rglob("__init__.py")
    }
    assert found <= listed, f"add to [tool.setuptools] packages: {sorted(found - listed)}"
    for kind in (REPO / "letters" / "kinds").iterdir():
        if (kind / "__init__.py").is_file():
            data = tool["package-data"].get(f"letters.kinds.{kind.name}", [])
            assert "scaffold.yaml" in data and "templates/*.md.j2" in data, kind.name
