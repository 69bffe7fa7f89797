"""Property tests: whatever is done to a valid spec, loading and checking only ever yields findings.

The specs are mutated on three levels: the plain data (values replaced with random text, numbers,
units, empty values, lists or mappings; keys deleted, renamed or added; list items shuffled), the
text (lines deleted, duplicated, re-indented, values rewritten raw, truncation) and the bytes
(re-encoded as UTF-8 with BOM, GBK, UTF-16, random byte flips, truncation).  The only acceptable
outcomes are a list of diagnostics or a :class:`SpecError` whose diagnostics are all located.
"""

from __future__ import annotations

import copy
import datetime as dt
import itertools
import json
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from letters.checks import check
from letters.contract import load
from letters.diagnostics import Diagnostic, SpecError
from letters.modeling import build
from letters.source import load_text
from letters.units import (
    UnitError,
    parse_date,
    parse_duration,
    parse_int,
    parse_money,
    parse_percent,
    parse_time,
)

HERE = Path(__file__).resolve().parent
SHARED = Path(__file__).resolve().parents[2] / "shared" / "acceptance"
ROOT = SHARED if (SHARED / "sla-response.yaml").is_file() else HERE / "fixtures" / "acceptance"
# The two acceptance specs, and the example spec of every other kind (contracts/), so that each
# kind's model and rules are fuzzed.
SPECS = {name: ROOT / name for name in ("sla-response.yaml", "continuity.yaml")}
SPECS.update(
    (f"contracts/{p.name}", p)
    for p in sorted((HERE.parent / "contracts").glob("*.yaml"))
    if p.name not in SPECS
)
VALID = tuple(SPECS)
TEXTS = {name: path.read_text(encoding="utf-8") for name, path in SPECS.items()}
PLAIN = {name: load_text(text, name).data for name, text in TEXTS.items()}

COMMON = settings(
    deadline=None,
    derandomize=True,
    database=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# ----------------------------------------------------------------------------- value strategies

UNITS = [
    "min",
    "h",
    "d",
    "workday",
    "workdays",
    "ms",
    "s",
    "分钟",
    "小时",
    "天",
    "个工作日",
    "%",
    "％",
    "",
    " ",
    "元",
    "hours",
    "H",
]
SPECIAL = [
    "",
    " ",
    "~",
    "null",
    "yes",
    "no",
    "on",
    "off",
    "true",
    "24:00",
    "9:00",
    "25:61",
    "2026-02-30",
    "2026-13-01",
    "0000-01-01",
    "0",
    "-0",
    "0%",
    "100%",
    "100.0001%",
    "1e9",
    "NaN",
    "Infinity",
    "7×24",
    "7*24",
    "business_hours",
    "L1",
    "provider",
    "client",
    "1,200,000.00",
    "1，200",
    "9" * 5000,
    "9" * 40 + "h",
    "0.0000001min",
    "'",
    '"',
    "[",
    "{",
    "- x",
    ": x",
    "#",
    "&a",
    "*a",
    "!!str",
    "%",
    "@",
    "`",
    "|",
    ">",
    "\t",
    "\\n",
    "\u3000",
    "\ufeff",
    "\u202e",
    "\U0001f600",
    "甲" * 300,
    "a\nb",
    "a\r\nb",
    "\u2028",
    "line one\n  line two\n",
]

scalar_text = st.one_of(
    st.text(max_size=24),
    st.sampled_from(SPECIAL),
    st.integers(-(10**6), 10**15).map(str),
    st.decimals(allow_nan=False, allow_infinity=False, places=4).map(str),
    st.builds(lambda n, u: f"{n}{u}", st.integers(-3, 10**7), st.sampled_from(UNITS)),
    st.builds(
        lambda n, u: f"{n}{u}", st.decimals("0", "1000", places=3).map(str), st.sampled_from(UNITS)
    ),
    st.dates().map(str),
    st.times().map(lambda t: t.strftime("%H:%M")),
)
values = st.one_of(
    scalar_text,
    st.none(),
    st.lists(scalar_text, max_size=4),
    st.dictionaries(scalar_text, scalar_text, max_size=3),
    st.lists(
        st.dictionaries(
            st.sampled_from(["level", "share", "up_to", "forum", "x"]), scalar_text, max_size=3
        ),
        max_size=3,
    ),
)
junk_keys = st.one_of(
    st.text(min_size=1, max_size=12),
    st.sampled_from(
        [
            "template",
            "locale",
            "tiers",
            "share",
            "total",
            "extends",
            "<<",
            "?",
            "-",
            "a b",
            "键",
            "1",
            "null",
            "a\nb",
            "c\rd",
            "e\u2028f",
            " ",
        ]
    ),
)


# ----------------------------------------------------------------------------- data mutations


def _paths(node: Any, path: tuple = ()) -> list[tuple]:
    out = [path]
    if isinstance(node, dict):
        for k, v in node.items():
            out += _paths(v, (*path, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out += _paths(v, (*path, i))
    return out


def _get(node: Any, path: tuple) -> Any:
    for part in path:
        node = node[part]
    return node


# Values of the same kind as the one replaced, so that the model still builds and the rules run.
KINDS = {
    r"\d+(\.\d+)?%": st.builds(
        lambda n: f"{n}%",
        st.sampled_from(
            [
                "0",
                "0.1",
                "1",
                "5",
                "10",
                "30",
                "50",
                "60",
                "99.5",
                "99.99",
                "100",
                "100.01",
                "120",
                "250",
            ]
        ),
    ),
    r"\d+(\.\d+)?[a-z]+": st.builds(
        lambda n, u: f"{n}{u}",
        st.sampled_from(["0", "1", "2", "5", "15", "24", "30", "48", "72", "0.5"]),
        st.sampled_from(["ms", "s", "min", "h", "d", "workday"]),
    ),
    r"\d{4}-\d{2}-\d{2}": st.dates(dt.date(2025, 1, 1), dt.date(2031, 12, 31)).map(str),
    r"\d+\.\d\d": st.decimals("0", "10000000", places=2).map(str),
    r"\d+": st.integers(0, 600000).map(str),
    r"\d\d:\d\d": st.times().map(lambda t: t.strftime("%H:%M")),
    r"9\w{17}": st.sampled_from(
        [
            "91330106MA2H3K7P6X",
            "91110108MA01R8QW4R",
            "91330106MA2H3K7P6Y",
            "91110108MA01R8QW4",
            "9133010 MA2H3K7P6X",
        ]
    ),
}


def _kind_of(value: Any) -> Any:
    for pattern, strategy in KINDS.items():
        if isinstance(value, str) and re.fullmatch(pattern, value):
            return strategy
    return None


@st.composite
def mutated_data(draw: st.DrawFn, name: str) -> Any:
    data = copy.deepcopy(PLAIN[name])
    for _ in range(draw(st.integers(1, 4))):
        paths = _paths(data)
        inner = [p for p in paths if p]
        typed = [p for p in inner if _kind_of(_get(data, p)) is not None]
        op = draw(
            st.sampled_from(
                ["typed"] * 4 + ["replace", "delete", "rename", "insert", "shuffle", "dup"]
            )
        )
        if op == "typed" and typed:
            path = draw(st.sampled_from(typed))
            parent = _get(data, path[:-1])
            parent[path[-1]] = draw(_kind_of(parent[path[-1]]))
        elif op in ("replace", "delete", "rename") and inner:
            path = draw(st.sampled_from(inner))
            parent, last = _get(data, path[:-1]), path[-1]
            if op == "replace":
                parent[last] = draw(values)
            elif op == "delete":
                del parent[last]
            elif isinstance(parent, dict):
                new = draw(
                    st.one_of(
                        junk_keys,
                        st.just(last + "x"),
                        st.just(last[:-1] or "_"),
                        st.just(last.upper()),
                    )
                )
                parent[new] = parent.pop(last)
        elif op == "insert":
            maps = [p for p in paths if isinstance(_get(data, p), dict)]
            if maps:
                _get(data, draw(st.sampled_from(maps)))[draw(junk_keys)] = draw(values)
        elif op in ("shuffle", "dup"):
            lists = [p for p in paths if isinstance(_get(data, p), list) and _get(data, p)]
            if lists:
                target = _get(data, draw(st.sampled_from(lists)))
                if op == "shuffle":
                    target[:] = draw(st.permutations(target))
                else:
                    target.append(copy.deepcopy(draw(st.sampled_from(target))))
    return data


def dump(data: Any) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)


# ----------------------------------------------------------------------------- text and bytes


@st.composite
def mutated_text(draw: st.DrawFn, text: str) -> str:
    lines = text.split("\n")
    for _ in range(draw(st.integers(0, 3))):
        i = draw(st.integers(0, len(lines) - 1))
        op = draw(st.sampled_from(["delete", "dup", "indent", "dedent", "tab", "value", "junk"]))
        line = lines[i]
        if op == "delete":
            del lines[i]
        elif op == "dup":
            lines.insert(i, line)
        elif op == "indent":
            lines[i] = " " * draw(st.integers(1, 3)) + line
        elif op == "dedent":
            lines[i] = line[draw(st.integers(1, 3)) :]
        elif op == "tab":
            lines[i] = "\t" + line.lstrip()
        elif op == "value" and ": " in line:
            key, _, _ = line.partition(": ")
            lines[i] = f"{key}: {draw(scalar_text)}"
        else:
            lines.insert(i, draw(st.text(max_size=30)))
        if not lines:
            lines = [""]
    out = "\n".join(lines)
    if draw(st.integers(0, 11)) == 0:
        out = out[: draw(st.integers(0, len(out)))]
    return out


# mostly UTF-8, so that most examples get past decoding and reach the model and the rules
ENCODINGS = ["utf-8"] * 20 + [
    "utf-8-sig",
    "gbk",
    "gb18030",
    "utf-16",
    "utf-16-le",
    "utf-16-be",
    "latin-1",
    "utf-32",
    "ascii",
    "cp1252",
]


@st.composite
def mutated_bytes(draw: st.DrawFn, text: str) -> bytes:
    raw = text.encode(draw(st.sampled_from(ENCODINGS)), errors="replace")
    if raw and draw(st.integers(0, 9)) == 0:
        buf = bytearray(raw)
        for _ in range(draw(st.integers(1, 8))):
            buf[draw(st.integers(0, len(buf) - 1))] = draw(st.integers(0, 255))
        raw = bytes(buf)
    if draw(st.integers(0, 11)) == 0:
        raw = raw[: draw(st.integers(0, len(raw)))]
    return raw


@st.composite
def mutated_spec(draw: st.DrawFn) -> bytes:
    name = draw(st.sampled_from(VALID))
    level = draw(st.sampled_from(["data", "data", "text", "both"]))
    text = TEXTS[name] if level == "text" else dump(draw(mutated_data(name)))
    if level in ("text", "both"):
        text = draw(mutated_text(text))
    return draw(mutated_bytes(text))


# ----------------------------------------------------------------------------- the properties


def assert_located(diags: list[Diagnostic], spec: Path | None = None) -> None:
    for d in diags:
        assert isinstance(d, Diagnostic)
        assert d.severity in ("error", "warning")
        assert d.code and d.message
        assert d.mark.file and d.mark.line >= 1 and d.mark.column >= 1, d
        for _, m in d.related:
            assert m.line >= 1 and m.column >= 1
        if spec is not None and d.mark.file == str(spec):
            raw = spec.read_bytes()  # YAML also breaks lines at a lone CR
            assert d.mark.line <= raw.count(b"\n") + raw.count(b"\r") + 1, d.text()
        assert len(d.text().splitlines()) == 1, d.text()
        json.dumps(d.as_json(), ensure_ascii=False)
        d.github()


def load_and_check(spec: Path) -> list[Diagnostic]:
    """Load and check *spec*: return findings, or the SpecError's; anything else propagates."""
    try:
        contract = load(spec)
    except SpecError as exc:
        assert exc.diagnostics, "a SpecError must carry at least one diagnostic"
        assert exc.exit_code in (1, 2)
        assert_located(exc.diagnostics, spec)
        return exc.diagnostics
    found = check(contract)
    assert_located(found, spec)
    return found


_counter = itertools.count()


@pytest.fixture(scope="module")
def fuzz_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


@settings(COMMON, max_examples=1000)
@given(raw=mutated_spec())
def test_mutated_specs_only_give_diagnostics(fuzz_dir: Path, raw: bytes) -> None:
    spec = fuzz_dir / f"spec-{next(_counter)}.yaml"
    spec.write_bytes(raw)
    found = load_and_check(spec)
    event("codes: " + (",".join(sorted({d.code for d in found}))[:60] or "clean"))


@settings(COMMON, max_examples=300)
@given(text=st.text(max_size=200))
def test_any_text_only_gives_diagnostics(text: str) -> None:
    try:
        source = load_text(text, "any.yaml")
    except SpecError as exc:
        assert exc.diagnostics
        assert_located(exc.diagnostics)
        return
    assert isinstance(source.data, dict)
    for path, mark in source.marks.items():
        assert mark.line >= 1 and mark.column >= 1, path


PARSERS = [parse_duration, parse_percent, parse_money, parse_date, parse_time, parse_int]


@settings(COMMON, max_examples=300)
@given(text=st.one_of(st.text(max_size=30), scalar_text))
def test_unit_parsers_only_raise_unit_errors(text: str) -> None:
    for parse in PARSERS:
        try:
            parse(text)
        except UnitError as exc:
            assert str(exc)


plain_values = st.recursive(
    st.one_of(st.none(), scalar_text),
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(junk_keys, inner, max_size=4)
    ),
    max_leaves=20,
)


@settings(COMMON, max_examples=200)
@given(data=st.data())
def test_models_build_from_any_plain_data(data: st.DataObject) -> None:
    from letters import kinds

    name = data.draw(st.sampled_from(VALID))
    raw = copy.deepcopy(PLAIN[name])
    for key in data.draw(st.lists(st.sampled_from(sorted(raw)), max_size=3, unique=True)):
        raw[key] = data.draw(plain_values)
    cls = kinds.get(PLAIN[name]["template"]).model  # the model of the base, whatever the data says
    model, issues = build(cls, raw)
    assert (model is None) == any(i.code != "unknown-field" for i in issues)
    for issue in issues:
        assert issue.code and issue.message and isinstance(issue.path, tuple)


# ----------------------------------------------------------------------------- through the CLI


@settings(COMMON, max_examples=20)
@given(raw=mutated_spec(), fmt=st.sampled_from(["text", "json", "github"]))
def test_cli_on_mutated_specs(cli, fuzz_dir: Path, raw: bytes, fmt: str) -> None:
    spec = fuzz_dir / f"cli-{next(_counter)}.yaml"
    spec.write_bytes(raw)
    proc: subprocess.CompletedProcess[str] = cli("check", spec, "--format", fmt)
    assert proc.returncode in (0, 1, 2), proc.stderr
    assert "Traceback" not in proc.stderr and "Traceback" not in proc.stdout
    assert "内部错误" not in proc.stderr, proc.stderr
    if fmt == "json":
        assert isinstance(json.loads(proc.stdout), list)
