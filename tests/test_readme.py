"""Keep the README true: its Quick start, its rule table and its command table."""

from __future__ import annotations

import re
from pathlib import Path

from letters.checks import RULES

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _quick_start() -> list[str]:
    section = README[README.index("## Quick start") : README.index("## Commands")]
    block = re.search(r"```sh\n(.*?)```", section, re.S)
    assert block
    return [line for line in block.group(1).splitlines() if line.strip()]


def test_quick_start_has_exactly_two_commands_and_ci_runs_the_second() -> None:
    install_and_run, install_and_test = _quick_start()
    assert install_and_run.startswith("PIP_CONSTRAINT=constraints.txt pip install . && letters ")
    assert (
        install_and_test
        == "PIP_CONSTRAINT=constraints.txt pip install '.[test]' && python -m pytest"
    )
    assert install_and_test in _ci_commands()  # as written, not a variant of it


def _ci_commands() -> list[str]:
    lines = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    skip = ("#", "set ", "cd ", "export ")
    return [line for line in lines if line.strip() and not line.startswith(skip)]


def test_the_readme_lists_exactly_what_ci_runs() -> None:
    section = README[README.index("What `.ci/run` runs") :]
    block = re.search(r"```sh\n(.*?)```", section, re.S)
    assert block
    assert block.group(1).splitlines() == _ci_commands()


def test_the_lock_is_compiled_from_pyproject_and_says_how() -> None:
    lock = (ROOT / "constraints.txt").read_text(encoding="utf-8")
    command = re.search(r"^#\s+(pip-compile .*pyproject\.toml)$", lock, re.M)
    assert command, "constraints.txt must carry the command that regenerates it"
    assert command.group(1) in README
    pins = dict(re.findall(r"^([a-z0-9-]+)==(\S+)$", lock, re.M))
    import tomllib

    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    project = pyproject["project"]
    wanted = (
        list(pyproject["build-system"]["requires"])
        + list(project["dependencies"])
        + [dep for extra in project["optional-dependencies"].values() for dep in extra]
    )
    for dep in wanted:
        name = re.split(r"[<>=!~\[ ;]", dep, maxsplit=1)[0].lower().replace("_", "-")
        assert name in pins, f"{name} is declared in pyproject.toml but not locked"


def test_the_rule_table_is_generated_from_the_rule_objects() -> None:
    """The README's rule table is what scripts/gen-docs makes of the rules, to the byte."""
    from letters.explain import update_readme

    assert update_readme(README) == README, "run scripts/gen-docs"
    section = README[README.index("## Consistency rules") : README.index("## Performance")]
    rows = {m.group(1): m.group(0) for m in re.finditer(r"^\| `([a-z0-9-]+)` \|.*$", section, re.M)}
    assert sorted(rows) == sorted(RULES)
    for code, row in rows.items():
        assert row.rstrip(" |").endswith("`"), code  # the finding of its verified example
        assert RULES[code].severity in row, code


def test_every_command_is_in_the_command_table() -> None:
    from letters.cli import build_parser

    parser = build_parser()
    sub = next(a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction")
    table = README[README.index("## Commands") : README.index("### `letters check`")]
    for name in sub.choices:  # type: ignore[union-attr]
        assert f"`letters {name}" in table, name
