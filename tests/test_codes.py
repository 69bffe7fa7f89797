"""Every finding code the program can emit is explained by ``letters rules CODE`` and the README.

The codes are collected from the source, not from a list kept by hand: an AST scan of
``letters/**/*.py`` finds every call that makes a finding and takes the code it is given.

How a code is produced: a finding is a ``Diagnostic``, a model problem an ``Issue`` (turned
into a ``Diagnostic`` with its code), a consistency rule a ``Rule`` (registered by ``@rule``).
Any function that passes its own ``code`` parameter on to one of those (``SpecError.single``,
``Contract.diag``, the loader's ``_fail``, the model builder's ``fail`` …) produces codes too;
the scan finds those helpers itself, transitively.  A producing call whose code is neither a
string literal, nor the ``code`` parameter of such a helper, nor the ``.code`` of an existing
finding (re-located or re-worded) would hide a code from the scan, and fails the test.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import REPO

from letters import explain
from letters.cli import main

PACKAGE = REPO / "letters"
ROOTS = ("Diagnostic", "Issue", "Rule")  # the classes that hold a finding's code


def _trees() -> dict[Path, ast.Module]:
    return {p: ast.parse(p.read_text(encoding="utf-8")) for p in sorted(PACKAGE.rglob("*.py"))}


def _callee(call: ast.Call) -> str | None:
    f = call.func
    return f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else None


def _params(fn: ast.FunctionDef | ast.AsyncFunctionDef) -> list[str]:
    names = [a.arg for a in (*fn.args.posonlyargs, *fn.args.args)]
    return names[1:] if names[:1] in (["self"], ["cls"]) else names


def _code_arg(call: ast.Call, position: int) -> ast.expr | None:
    for k in call.keywords:
        if k.arg == "code":
            return k.value
    return call.args[position] if position < len(call.args) else None


def _functions(tree: ast.Module) -> Iterator[ast.FunctionDef | ast.AsyncFunctionDef]:
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            yield node


def producers(trees: dict[Path, ast.Module]) -> dict[str, int]:
    """Return {callable name: position of its code argument} for every way a code is produced."""
    found: dict[str, int] = {}
    for tree in trees.values():
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef) and node.name in ROOTS:
                fields = [
                    s.target.id
                    for s in node.body
                    if isinstance(s, ast.AnnAssign) and isinstance(s.target, ast.Name)
                ]
                found[node.name] = fields.index("code")
    assert set(found) == set(ROOTS), "a class that holds codes was renamed: update ROOTS"
    grew = True
    while grew:  # helpers that hand their ``code`` parameter to a producer produce codes too
        grew = False
        for tree in trees.values():
            for fn in _functions(tree):
                params = _params(fn)
                if fn.name in found or "code" not in params:
                    continue
                for call in ast.walk(fn):
                    if not isinstance(call, ast.Call) or _callee(call) not in found:
                        continue
                    arg = _code_arg(call, found[_callee(call)])  # type: ignore[index]
                    if isinstance(arg, ast.Name) and arg.id == "code":
                        found[fn.name] = params.index("code")
                        grew = True
                        break
    return found


def emitted_codes(
    trees: dict[Path, ast.Module] | None = None,
) -> tuple[dict[str, list[str]], list[str]]:
    """Return {code: [file:line, …]} of every code literal, and the producing calls not understood."""
    trees = _trees() if trees is None else trees
    made = producers(trees)
    codes: dict[str, list[str]] = {}
    unclear: list[str] = []
    for path, tree in trees.items():
        helpers = {fn for fn in _functions(tree) if fn.name in made and "code" in _params(fn)}
        forwarding = {id(n) for fn in helpers for n in ast.walk(fn)}
        for call in ast.walk(tree):
            if not isinstance(call, ast.Call) or _callee(call) not in made:
                continue
            arg = _code_arg(call, made[_callee(call)])  # type: ignore[index]
            if arg is None:
                continue
            where = f"{path.relative_to(REPO)}:{call.lineno}"
            literals = [
                c.value
                for c in ast.walk(arg)
                # "" is Contract.finding's placeholder: the rule stamps its own code on it
                if isinstance(c, ast.Constant) and isinstance(c.value, str) and c.value
            ]
            for code in literals:
                codes.setdefault(code, []).append(where)
            if literals or (isinstance(arg, ast.Constant) and arg.value == ""):
                continue
            passed_on = isinstance(arg, ast.Name) and arg.id == "code" and id(call) in forwarding
            copied = isinstance(arg, ast.Attribute) and arg.attr == "code"  # d.code, i.code
            if not (passed_on or copied):
                unclear.append(f"{where}: {ast.unparse(arg)}")
    return codes, unclear


CODES, UNCLEAR = emitted_codes()


def test_the_scan_finds_every_way_of_producing_a_code() -> None:
    assert UNCLEAR == [], "give codes as string literals so that this test can see them"
    made = producers(_trees())
    assert {"Diagnostic", "Issue", "Rule", "rule", "single", "diag", "fail", "_fail"} <= set(made)
    # one code of each producer: a rule, the loader, the model builder, the batch, the build
    assert {"tier-order", "yaml-syntax", "unknown-field", "unknown-column"} <= set(CODES)
    assert {"duplicate-letter-number", "malformed-table", "extra-output"} <= set(CODES)


def test_the_scan_sees_helpers_and_flags_a_code_it_cannot_read() -> None:
    source = """
class Diagnostic:
    code: str
    severity: str

class Issue:
    path: tuple
    code: str

class Rule:
    code: str

def helper(path, code: str, message):
    return [Diagnostic(code, "error")]

def outer(self, code: str):
    return helper((), code, "m")

def caller(flag):
    flag.outer("via-two-helpers")
    helper((), "a-code" if flag else "b-code", "m")
    code = "hidden-code"
    return Diagnostic(code, "error")
"""
    codes, unclear = emitted_codes({PACKAGE / "fake.py": ast.parse(source)})
    assert set(codes) == {"via-two-helpers", "a-code", "b-code"}
    assert unclear == ["letters/fake.py:23: code"]  # the last line of the source


def test_every_emitted_code_is_documented_and_every_documented_code_is_emitted() -> None:
    documented = set(explain.all_codes())
    undocumented = {c: CODES[c] for c in sorted(set(CODES) - documented)}
    assert undocumented == {}, "explain these codes in letters/explain.py"
    assert sorted(documented - set(CODES)) == [], "documented codes nothing emits"
    assert all(re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", c) for c in CODES)


@pytest.mark.parametrize("code", sorted(CODES))
def test_letters_rules_explains_every_emitted_code(
    code: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["rules", code]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"{code}（")
    assert "为什么重要：" in out  # every code says why it matters


def _listed_by_rules(capsys: pytest.CaptureFixture[str]) -> list[str]:
    assert main(["rules"]) == 0
    out = capsys.readouterr().out
    return re.findall(r"^  ([a-z][a-z0-9-]*)\s+(?:error|warning)\s", out, re.M)


def _listed_by_readme() -> list[str]:
    """Return the codes of the README: the rules table and every "… have codes too:" list."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    codes = re.findall(r"^\| `([a-z][a-z0-9-]*)` \| (?:error|warning) \|", readme, re.M)
    lists = re.findall(r"problems have codes too:(.*?)\n\n", readme, re.S)
    assert len(lists) >= 3, "README lists the load, table and output codes"
    for text in lists:
        codes.extend(re.findall(r"`([a-z][a-z0-9-]*)`", text))
    return codes


def test_rules_and_readme_list_the_same_codes(capsys: pytest.CaptureFixture[str]) -> None:
    listed = _listed_by_rules(capsys)
    assert len(listed) == len(set(listed))
    assert set(listed) == set(explain.all_codes())
    readme = _listed_by_readme()
    assert sorted(set(readme) - set(listed)) == [], "the README lists codes letters rules does not"
    assert sorted(set(listed) - set(readme)) == [], "list these codes in the README"
