"""Check ``letters rules``: every code documented, every example verified against the checker."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from letters import explain
from letters.checks import RULES
from letters.scaffold import scaffold_text

REPO = Path(__file__).resolve().parents[1]
Run = Callable[..., subprocess.CompletedProcess[str]]
WITH_EXAMPLE = [
    c
    for c in explain.all_codes()
    if explain.info(c).doc.base is not None and explain.info(c).doc.table is None
]
WITH_TABLE = [c for c in explain.all_codes() if explain.info(c).doc.table is not None]


@pytest.mark.parametrize("code", list(RULES))
def test_every_rule_has_a_reason_and_an_example(code: str) -> None:
    """A rule carries its why; its example is its kind's, or a kind offers one (shared rules)."""
    doc = explain.info(code).doc
    assert re.search(r"[\u4e00-\u9fff]", doc.why)
    assert doc.base is not None and RULES[code].applies_to(doc.base)
    assert doc.changes


def _load_codes_in_source() -> set[str]:
    """Return the codes the loader and the model layer can report (scanned from the source)."""
    found: set[str] = set()
    call = re.compile(
        r"(?:single|fail|Diagnostic)\((?:[^()\"]|\([^()]*\))*?\"([a-z]+(?:-[a-z]+)*)\""
    )
    for name in ("source.py", "contract.py", "modeling.py"):
        text = (REPO / "letters" / name).read_text(encoding="utf-8")
        found.update(call.findall(text))
    return found - {"error", "warning"}  # severities, not codes


def test_every_load_code_is_documented() -> None:
    codes = _load_codes_in_source()
    assert {"yaml-syntax", "unknown-field", "missing-field", "extends"} <= codes  # the scan works
    missing = sorted(codes - set(explain.LOAD_CODES))
    assert missing == [], "document new load-problem codes in letters/explain.py LOAD_CODES"


def test_readme_load_codes_are_documented() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    m = re.search(r"Loading\s+problems have codes too:(.*?)\n\n", readme, re.S)
    assert m is not None, "README must list the load-problem codes"
    listed = set(re.findall(r"`([a-z-]+)`", m.group(1)))
    assert listed and listed <= set(explain.LOAD_CODES)


@pytest.mark.parametrize("kind", ["sla-response", "continuity"])
def test_bases_have_no_findings(kind: str) -> None:
    assert explain.findings(scaffold_text(kind)) == []


@pytest.mark.parametrize("code", WITH_EXAMPLE)
def test_example_fires_its_rule(code: str) -> None:
    info = explain.info(code)
    base = scaffold_text(info.doc.base)
    assert code not in {d.code for d in explain.findings(base)}
    after = explain.mutate(base, info.doc.changes)
    fired = [d for d in explain.findings(after) if d.code == code]
    assert fired, f"the example of {code} does not trigger it"
    assert {d.severity for d in fired} == {info.doc.severity or info.severity}


@pytest.mark.parametrize("code", WITH_EXAMPLE)
def test_example_snippets_show_the_change(code: str) -> None:
    ex = explain.example(code)
    assert ex is not None and ex.found
    assert ex.passing != ex.failing
    assert ex.passing and ex.failing


def test_table_examples_exist() -> None:
    assert {"unknown-column", "duplicate-column", "missing-item", "duplicate-letter-number"} <= set(
        WITH_TABLE
    )


@pytest.mark.parametrize("code", WITH_TABLE)
def test_table_example_fires_its_code(code: str) -> None:
    """A batch code's example is a client table: it fires the code, the passing one nothing."""
    info = explain.info(code)
    assert info.doc.base is not None and info.doc.table is not None
    failing, passing = info.doc.table
    assert explain.table_findings(info.doc.base, passing) == []
    fired = [d for d in explain.table_findings(info.doc.base, failing) if d.code == code]
    assert fired, f"the example table of {code} does not trigger it"
    assert {d.severity for d in fired} == {info.severity}
    assert all(d.mark.file == explain.TABLE_NAME for d in fired)  # no temporary path shown
    ex = explain.example(code)
    assert ex is not None and ex.table and ex.found == fired
    assert ex.failing == failing.splitlines() and ex.passing == passing.splitlines()


def test_rules_explains_a_batch_code_with_its_table(cli: Run) -> None:
    done = cli("rules", "duplicate-letter-number")
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert (
        "客户表与输出问题" in out and explain.BATCH_CODES["duplicate-letter-number"].summary in out
    )
    failing = out.index("不通过的客户表 clients.csv")
    passing = out.index("通过的客户表：")
    shown = out[failing:passing]
    assert "→ clients.csv:2:2: error[duplicate-letter-number] letter.number:" in shown
    assert "→ clients.csv:3:2: error[duplicate-letter-number] letter.number:" in shown
    assert "乙有限公司,SL-2027-0002" in out[passing:]


def test_mutation_must_match_once() -> None:
    with pytest.raises(ValueError, match="occurs 0 times"):
        explain.mutate("a: 1\n", (("b: 2", "b: 3"),))


def test_rules_lists_every_code(cli: Run) -> None:
    done = cli("rules")
    assert done.returncode == 0, done.stderr
    for code in explain.all_codes():
        assert re.search(rf"^\s+{re.escape(code)}\s", done.stdout, re.M), code
    line = next(ln for ln in done.stdout.splitlines() if ln.split()[:1] == ["tier-order"])
    assert "error" in line and "sla-response" in line and RULES["tier-order"].summary in line


def test_rules_explains_one_rule(cli: Run) -> None:
    done = cli("rules", "tier-order")
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert RULES["tier-order"].summary in out
    assert RULES["tier-order"].doc.why in out
    assert "错误" in out and "sla-response" in out
    failing = out.index("不通过")
    passing = out.index("\n通过的写法")
    assert failing < out.index("→ error[tier-order] tiers[1].response:") < passing
    assert "response: 45min" in out[failing:passing]
    assert "response: 15min" in out[passing:]
    assert "- level: L2" in out


def test_rules_explains_a_warning_and_a_load_code(cli: Run) -> None:
    done = cli("rules", "availability")
    assert done.returncode == 0
    assert "警告" in done.stdout and "→ warning[availability]" in done.stdout
    load = cli("rules", "unknown-field")
    assert load.returncode == 0
    assert "penalty_per_hr" in load.stdout and "→ error[unknown-field]" in load.stdout


def test_rules_without_example(cli: Run) -> None:
    done = cli("rules", "encoding")
    assert done.returncode == 0
    assert "UTF-8" in done.stdout and "→" not in done.stdout


def test_rules_unknown_code_suggests(cli: Run) -> None:
    done = cli("rules", "tier-ordr")
    assert done.returncode == 2
    assert "tier-order" in done.stderr and "您是否想写" in done.stderr
    assert "Traceback" not in done.stderr
    nothing = cli("rules", "zzzz")
    assert nothing.returncode == 2 and "letters rules" in nothing.stderr
