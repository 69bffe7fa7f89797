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
    assert install_and_run.startswith("pip install . && letters ")
    assert install_and_test.startswith("pip install '.[test]' && ")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    test_command = install_and_test.replace("pip install", "pip install -q", 1)
    assert test_command in ci or install_and_test in ci


def test_every_rule_code_is_documented_with_an_example() -> None:
    section = README[README.index("## Consistency rules") : README.index("## Performance")]
    rows = {m.group(1): m.group(0) for m in re.finditer(r"^\| `([a-z0-9-]+)` \|.*$", section, re.M)}
    assert sorted(rows) == sorted(RULES)
    for code, row in rows.items():
        assert row.count("|") == 6, code  # code, severity, kinds, rule, example
        assert row.rstrip(" |").endswith("`"), code  # the example finding
        assert RULES[code].severity in row, code


def test_every_command_is_in_the_command_table() -> None:
    from letters.cli import build_parser

    parser = build_parser()
    sub = next(a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction")
    table = README[README.index("## Commands") : README.index("### `letters check`")]
    for name in sub.choices:  # type: ignore[union-attr]
        assert f"`letters {name}" in table, name
