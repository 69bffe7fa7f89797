"""letters.source: safe YAML loading, exact scalars, marks, and clear errors for bad files."""

from __future__ import annotations

import datetime as dt
import time
import tracemalloc
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

import letters.source as source
from letters.contract import load
from letters.diagnostics import Diagnostic, SpecError
from letters.source import decode, load_path, load_text


def only(exc: pytest.ExceptionInfo[SpecError]) -> Diagnostic:
    """Return the single diagnostic a SpecError carries, checking its mark is usable."""
    (d,) = exc.value.diagnostics
    assert d.severity == "error"
    assert d.mark.line >= 1 and d.mark.column >= 1
    assert "\n" not in d.text()
    return d


def fail(text: str, name: str = "spec.yaml") -> Diagnostic:
    with pytest.raises(SpecError) as exc:
        load_text(text, name)
    return only(exc)


def fail_bytes(raw: bytes, tmp_path: Path) -> Diagnostic:
    path = tmp_path / "spec.yaml"
    path.write_bytes(raw)
    with pytest.raises(SpecError) as exc:
        load_path(path)
    return only(exc)


def col(line: str, needle: str) -> int:
    return line.index(needle) + 1


# ----------------------------------------------------------------------------- marks


def test_marks_of_keys_items_and_nested_values(base_texts) -> None:
    text = base_texts["sla-response.yaml"]
    lines = text.splitlines()
    src = load_text(text, "sla.yaml")

    def at(path: tuple, line: int, needle: str) -> None:
        m = src.marks[path]
        assert (m.file, m.line, m.column) == ("sla.yaml", line, col(lines[line - 1], needle)), path

    at(("template",), 3, "sla-response")  # a scalar value: the value's own position
    at(("agreement",), 21, "agreement")  # a mapping: its key
    at(("agreement", "total"), 24, "1200000.00")
    at(("letter", "date"), 8, "2026-11-22")
    at(("service", "standards"), 33, "standards")  # a list: its key
    at(("service", "standards", 1), 35, "ITIL 4")  # a block list item
    at(("tiers",), 42, "tiers")
    at(("tiers", 0), 43, "level")  # a list item that is a mapping: its first key
    at(("tiers", 1), 53, "level")
    at(("tiers", 0, "share"), 46, "60%")
    at(("tiers", 0, "scenarios", 1), 47, "流程指导")  # a flow list item; columns count characters
    at(("tiers", 2, "penalty_per_hour"), 72, "1%")
    at(("disputes", 2, "forum"), 96, "向服务所在地")
    at(("signatories", 2, "name"), 111, "陈静")
    assert src.mark(()).line == 1


def test_mark_falls_back_to_the_nearest_ancestor(base_texts) -> None:
    src = load_text(base_texts["sla-response.yaml"], "sla.yaml")
    assert src.mark(("tiers", 1, "no_such_field")) == src.marks[("tiers", 1)]
    assert src.mark(("nothing", "here")).line == 1


def test_mark_of_a_key_with_an_empty_value_is_the_key() -> None:
    src = load_text("a:\n  b:\n  c: 1\n", "x.yaml")
    assert src.data == {"a": {"b": None, "c": "1"}}
    assert (src.marks[("a", "b")].line, src.marks[("a", "b")].column) == (2, 3)


def test_marks_survive_spec_loading(mutant, base_texts) -> None:
    contract = load(mutant("continuity.yaml"))
    assert contract.mark(("staffing", "total")).line == 57
    assert contract.mark(("recovery", "core")).line == 48
    assert contract.file.endswith("continuity.yaml")


# ----------------------------------------------------------------------------- duplicate keys


def test_duplicate_key_is_an_error_at_the_second_key() -> None:
    d = fail("template: x\na: 1\nb: 2\na: 3\n")
    assert d.code == "duplicate-key"
    assert (d.mark.line, d.mark.column) == (4, 1)
    assert d.path == ("a",)
    assert "第 2 行" in d.message  # names the first occurrence
    assert d.related[0][1].line == 2


def test_duplicate_nested_key_in_a_spec(mutant) -> None:
    path = mutant("sla-response.yaml", ("  currency: CNY\n", "  currency: CNY\n  total: 5\n"))
    with pytest.raises(SpecError) as exc:
        load(path)
    d = only(exc)
    assert d.code == "duplicate-key"
    assert d.path == ("agreement", "total")
    assert d.mark.line == 26


# ----------------------------------------------------------------------------- alias bombs

LAUGHS = (
    "a0: &a0 ["
    + ", ".join(["lol"] * 9)
    + "]\n"
    + "".join(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]\n" for i in range(1, 10))
)


def test_billion_laughs_fails_fast() -> None:
    assert LAUGHS.count("*a8") == 9  # 9 levels of 9 aliases: 9**9 leaves if expanded
    start = time.process_time()
    with pytest.raises(SpecError) as exc:
        load_text(LAUGHS, "bomb.yaml")
    elapsed = time.process_time() - start
    d = only(exc)
    assert d.code == "yaml-too-large"
    assert "别名" in d.message
    assert elapsed < 1.0, f"alias bomb took {elapsed:.2f} s"


def test_billion_laughs_stays_small_in_memory() -> None:
    tracemalloc.start()
    try:
        with pytest.raises(SpecError):
            load_text(LAUGHS, "bomb.yaml")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 100 * 1024 * 1024, f"peak {peak / 1e6:.0f} MB"


@pytest.mark.parametrize(
    "text",
    ["a: &a [*a]\n", "a: &a {b: *a}\n"],
    ids=["self-seq", "self-map"],
)
def test_an_anchor_that_contains_itself_is_a_clear_error(text: str, loader) -> None:
    start = time.process_time()
    d = fail(text)
    assert (d.code, d.mark.line, d.mark.column) == ("yaml-too-deep", 1, 4)
    assert "锚点引用了自身" in d.message and "64" in d.message
    assert time.process_time() - start < 1.0


def _flow(depth: int) -> str:
    return "a: " + "[" * depth + "]" * depth + "\n"


def _block(depth: int) -> str:
    return "".join("  " * i + f"k{i}:\n" for i in range(depth)) + "  " * depth + "end: 1\n"


# 65 levels is one past MAX_DEPTH; 1,001 is past libyaml's own limit (0.2.5+, PyYAML 6.0.4's
# wheels), 3,000 past the pure-Python composer's recursion.  Whatever stops the text first, the
# finding is ours: the first node past 64 levels, the same line and column for every loader.
@pytest.mark.parametrize("depth", [65, 100, 1001, 3000])
@pytest.mark.parametrize("shape", ["flow", "block"])
def test_deep_nesting_is_too_deep_at_the_first_node_past_the_limit(
    shape: str, depth: int, loader
) -> None:
    text = _flow(depth) if shape == "flow" else _block(depth)
    start = time.process_time()
    d = fail(text)
    assert time.process_time() - start < 1.0
    assert d.code == "yaml-too-deep"
    assert d.message == "嵌套超过 64 层"
    if shape == "flow":  # "a: " then the 65th "[" (path a, 0, 0, …)
        assert (d.mark.line, d.mark.column) == (1, 4 + 64)
        assert d.path == ("a",) + (0,) * 7
    else:  # the mapping under k64 holds the first value past 64 levels
        assert (d.mark.line, d.mark.column) == (66, 2 * 65 + 1)
        assert d.path == tuple(f"k{i}" for i in range(8))


def test_sixty_four_levels_are_allowed(loader) -> None:
    assert load_text(_flow(63), "x.yaml").data["a"]  # a, then 63 lists: path length 64


class _Limited:
    """A loader whose parser has its own nesting limit, as libyaml >= 0.2.5 has."""

    def __init__(self, text: str) -> None:
        self.text = text

    def get_single_node(self) -> None:
        mark = yaml.Mark("<unicode string>", 0, 0, 1002, None, None)
        raise yaml.scanner.ScannerError(
            "while increasing flow level", mark, "exceeded maximum nesting depth", mark
        )

    def dispose(self) -> None:
        pass


def test_a_parsers_own_nesting_limit_reads_as_too_deep(monkeypatch) -> None:
    monkeypatch.setattr(source, "_loader_class", lambda: _Limited)
    d = fail(_flow(1500))
    assert (d.code, d.mark.line, d.mark.column) == ("yaml-too-deep", 1, 68)


def test_a_parsers_own_error_in_shallow_text_stays_a_syntax_error(monkeypatch) -> None:
    monkeypatch.setattr(source, "_loader_class", lambda: _Limited)
    d = fail("a: [1, 2]\n")
    assert d.code == "yaml-syntax" and "exceeded maximum nesting depth" in d.message


def test_an_ordinary_syntax_error_is_not_read_twice(monkeypatch) -> None:
    """Only an error about nesting is worth the second reading that looks for the depth."""

    def never(text: str, name: str) -> None:
        raise AssertionError("a syntax error must not trigger the nesting search")

    monkeypatch.setattr(source, "_too_deep", never)
    big = "".join(f"k{i}: v\n" for i in range(20_000)) + "bad: [\n"
    d = fail(big)
    assert d.code == "yaml-syntax" and d.mark.line >= 20_000


def test_a_deep_complex_key_is_named_by_a_question_mark(monkeypatch) -> None:
    """A list used as a key has no name: the path past the limit starts with "?"."""
    monkeypatch.setattr(source, "_LOADER", source.make_loader(yaml.SafeLoader))  # composes 66 deep
    d = fail("template: x\n? " + "[" * 100 + "]" * 100 + "\n: v\n")
    assert d.code == "yaml-too-deep" and d.path[0] == "?"


def test_reasonable_aliases_are_followed() -> None:
    src = load_text("base: &b {x: '1'}\ncopy: *b\nlist: [&v 5, *v]\n", "x.yaml")
    assert src.data == {"base": {"x": "1"}, "copy": {"x": "1"}, "list": ["5", "5"]}


# ----------------------------------------------------------------------------- exact scalars


def test_no_yaml_11_guessing() -> None:
    text = (
        "t: 9:00\nu: 09:00\nb1: yes\nb2: no\nb3: on\nb4: off\nb5: true\nb6: False\n"
        "o: 012\nh: 0x1F\ne: 1e3\ni: .inf\nn: .nan\nd: 2026-11-22\nm: 1200000.00\n"
        "n1: null\nn2: ~\nn3:\nq1: ''\nq2: \"null\"\n"
    )
    data = load_text(text, "x.yaml").data
    assert data["t"] == "9:00" and data["u"] == "09:00"
    assert [data[k] for k in ("b1", "b2", "b3", "b4", "b5", "b6")] == [
        "yes",
        "no",
        "on",
        "off",
        "true",
        "False",
    ]
    assert [data[k] for k in ("o", "h", "e", "i", "n", "d", "m")] == [
        "012",
        "0x1F",
        "1e3",
        ".inf",
        ".nan",
        "2026-11-22",
        "1200000.00",
    ]
    assert data["n1"] is None and data["n2"] is None and data["n3"] is None
    assert data["q1"] == "" and data["q2"] == "null"
    assert all(isinstance(k, str) for k in data)


def test_unquoted_nine_oclock_reaches_the_model_as_0900(mutant) -> None:
    path = mutant("sla-response.yaml", ('  start: "09:00"', "  start: 9:00"))
    contract = load(path)
    assert contract.source.data["business_hours"]["start"] == "9:00"
    assert contract.model.business_hours.start == dt.time(9, 0)
    assert contract.diagnostics == []


@pytest.mark.parametrize("word", ["yes", "no", "on", "off", "y", "n", "true"])
def test_yes_no_words_stay_text_in_the_model(mutant, word: str) -> None:
    path = mutant("sla-response.yaml", ("  industry: 金融", f"  industry: {word}"))
    assert load(path).model.client.industry == word


def test_money_is_an_exact_decimal_through_the_model(mutant) -> None:
    contract = load(mutant("sla-response.yaml"))
    total = contract.model.agreement.total
    assert isinstance(total, Decimal)
    assert str(total) == "1200000.00"
    assert total.as_tuple() == Decimal("1200000.00").as_tuple()
    cont = load(mutant("continuity.yaml"))
    assert str(cont.model.agreement.monthly_fee) == "85000.00"
    assert cont.model.agreement.monthly_fee * 12 == cont.model.agreement.annual_total


# ----------------------------------------------------------------------------- encodings


def test_utf8_with_bom_loads(base_texts, tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes(base_texts["sla-response.yaml"].encode("utf-8-sig"))
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    contract = load(path)
    assert contract.template == "sla-response"
    assert contract.mark(("agreement", "total")).line == 24
    assert contract.mark(("template",)).column == 11  # the BOM takes no column


def test_gbk_is_explained(base_texts, tmp_path: Path) -> None:
    d = fail_bytes(base_texts["sla-response.yaml"].encode("gbk"), tmp_path)
    assert d.code == "encoding"
    assert "GBK" in d.message and "UTF-8" in d.message
    assert (d.mark.line, d.mark.column) == (1, 3)  # "# 服务…": the first Chinese character


def test_encoding_error_position_counts_characters(tmp_path: Path) -> None:
    d = fail_bytes("template: x\nname: 中文\n".encode("gbk"), tmp_path)
    assert (d.mark.line, d.mark.column) == (2, 7)
    d = fail_bytes("a: 中文\nb: 甲".encode() + b"\xff\n", tmp_path)
    assert (d.mark.line, d.mark.column) == (2, 5)


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_utf16_is_a_clear_error(base_texts, tmp_path: Path, codec: str) -> None:
    d = fail_bytes(base_texts["continuity.yaml"].encode(codec), tmp_path)
    assert d.code == "encoding"
    assert "UTF-16" in d.message and "UTF-8" in d.message


def test_decode_accepts_plain_utf8() -> None:
    assert decode("a: 中\n".encode(), "x") == "a: 中\n"


# ----------------------------------------------------------------------------- file shapes


@pytest.mark.parametrize("raw", [b"", b"\n\n", b"   \n", b"# just a comment\n", b"\xef\xbb\xbf"])
def test_empty_file(tmp_path: Path, raw: bytes) -> None:
    assert fail_bytes(raw, tmp_path).code == "empty-file"


@pytest.mark.parametrize("text", ["- a\n- b\n", "[1, 2]\n", "just text\n", "'quoted'\n"])
def test_top_level_must_be_a_mapping(text: str) -> None:
    d = fail(text)
    assert d.code == "not-a-mapping"
    assert (d.mark.line, d.mark.column) == (1, 1)


def test_missing_file_and_folder_are_exit_2(tmp_path: Path) -> None:
    with pytest.raises(SpecError) as exc:
        load_path(tmp_path / "nope.yaml")
    assert only(exc).code == "file-missing" and exc.value.exit_code == 2
    with pytest.raises(SpecError) as exc:
        load_path(tmp_path)
    assert only(exc).code == "file-unreadable" and exc.value.exit_code == 2


def test_huge_file_is_refused(tmp_path: Path) -> None:
    raw = b"a: " + b"x" * source.MAX_BYTES + b"\n"
    d = fail_bytes(raw, tmp_path)
    assert d.code == "file-too-large"


# ----------------------------------------------------------------------------- syntax errors


def _bracket(t: str) -> str:
    return t.replace(
        "scenarios: [需求咨询, 流程指导, 文档查阅]", "scenarios: [需求咨询, 流程指导, 文档查阅"
    )


SYNTAX = {
    # name: (mutation of sla-response.yaml, lines the error may be reported on)
    "bad-indent": (lambda t: t.replace("  number: HT-2026-0117", "   number: HT-2026-0117"), {23}),
    "dedent": (lambda t: t.replace("  number: HT-2026-0117", " number: HT-2026-0117"), {23}),
    "tab-indent": (lambda t: t.replace("  number: HT-2026-0117", "\tnumber: HT-2026-0117"), {23}),
    "unclosed-bracket": (_bracket, {47, 48}),
    "unclosed-brace": (lambda t: t.replace('  start: "09:00"', "  start: {a: 1"), {39, 40}),
    "missing-colon": (lambda t: t.replace("  region: 浙江省", "  region 浙江省\n  x: 1"), {32, 33}),
    "second-document": (lambda t: t + "---\nb: 1\n", {112}),
    "undefined-alias": (lambda t: t.replace("  region: 浙江省", "  region: *nowhere"), {32}),
}


@pytest.fixture(params=["libyaml", "pure-python"])
def loader(request, monkeypatch):
    """Run a test with PyYAML's C loader (when present) and with its pure-Python loader."""
    if request.param == "pure-python":
        monkeypatch.setattr(source, "_LOADER", source.make_loader(yaml.SafeLoader))
    elif not hasattr(yaml, "CSafeLoader"):
        pytest.skip("PyYAML without libyaml")
    return request.param


@pytest.mark.parametrize("case", sorted(SYNTAX))
def test_malformed_yaml_is_a_syntax_error_on_the_right_line(base_texts, loader, case: str) -> None:
    mutate, lines = SYNTAX[case]
    text = mutate(base_texts["sla-response.yaml"])
    d = fail(text)
    assert d.code == "yaml-syntax"
    assert d.mark.line in lines, d.text()
    assert d.message.startswith("YAML 语法错误")


def test_tab_indentation_is_explained_in_chinese(base_texts, loader) -> None:
    d = fail(SYNTAX["tab-indent"][0](base_texts["sla-response.yaml"]))
    assert "制表符" in d.message


def test_unclosed_bracket_names_the_opening_line(base_texts, loader) -> None:
    d = fail(_bracket(base_texts["sla-response.yaml"]))
    assert d.mark.line == 47 or "第 47 行" in d.message


# ----------------------------------------------------------------------------- characters


@pytest.mark.parametrize(
    "char", ["\x07", "\x00", "\x1b", "\x0c", "\x7f", "\x85", "\x9f", "\ufffe", "\u2028", "\u2029"]
)
def test_control_character_is_reported_where_it_is(char: str) -> None:
    d = fail(f"template: x\nname: 甲乙{char}丙\n")
    assert d.code == "control-character"
    assert (d.mark.line, d.mark.column) == (2, 9)
    assert f"U+{ord(char):04X}" in d.message


def test_control_character_in_a_spec_file(base_texts, tmp_path: Path) -> None:
    raw = base_texts["continuity.yaml"].replace("王建国", "王\x07建国", 1).encode()
    d = fail_bytes(raw, tmp_path)
    assert d.code == "control-character" and d.mark.line == 13


@pytest.mark.parametrize("escaped", ["\\a", "\\x07", "\\0", "\\e", "\\x7f", "\\x85"])
def test_control_character_written_as_an_escape_is_refused(escaped: str) -> None:
    d = fail(f'template: x\nname: "甲{escaped}乙"\n')
    assert d.code == "control-character"
    assert (d.mark.line, d.path) == (2, ("name",))


def test_control_character_in_a_key_is_refused() -> None:
    assert fail('template: x\n"na\\x01me": 1\n').code == "control-character"


def test_error_at_end_of_file_stays_inside_the_file() -> None:
    d = fail("template: x\nl")  # no final newline: libyaml reports "end of file" one line further
    assert d.code == "yaml-syntax"
    assert (d.mark.line, d.mark.column) == (2, 2)


def test_tabs_and_crlf_inside_values_are_fine() -> None:
    src = load_text("a: 'x\ty'\r\nb: 2\r\n", "x.yaml")
    assert src.data == {"a": "x\ty", "b": "2"}
    assert src.marks[("b",)].line == 2


# ----------------------------------------------------------------------------- tags, keys


@pytest.mark.parametrize(
    "value",
    [
        "!!python/object:os.system x",
        "!!python/object/apply:os.system [echo hi]",
        "!!python/name:os.system ''",
        "!!binary aGVsbG8=",
        "!!timestamp 2026-11-22",
        "!custom x",
        "!<tag:example.com,2000:x> y",
    ],
)
def test_custom_and_python_tags_are_refused(value: str) -> None:
    d = fail(f"template: x\nvalue: {value}\n")
    assert d.code == "yaml-tag"
    assert d.mark.line == 2
    assert d.path == ("value",)


def test_standard_tags_are_allowed() -> None:
    data = load_text("a: !!str 9:00\nb: !!int 12\nc: !!map {x: '1'}\nd: !!seq [1]\n", "x").data
    assert data == {"a": "9:00", "b": "12", "c": {"x": "1"}, "d": ["1"]}


@pytest.mark.parametrize(
    "text, line",
    [
        ("base: &b {x: 1}\nother:\n  <<: *b\n  y: 2\n", 3),
        ("base: &b {x: 1}\nother: {<<: *b}\n", 2),
    ],
)
def test_merge_keys_are_refused(text: str, line: int) -> None:
    d = fail(text)
    assert d.code == "yaml-merge-key"
    assert d.mark.line == line
    assert "extends" in d.message


@pytest.mark.parametrize("text", ["? [a, b]\n: 1\n", "{a: 1}: 2\n"])
def test_non_scalar_keys_are_refused(text: str) -> None:
    assert fail(text).code in ("yaml-key", "yaml-syntax")


def test_a_load_error_never_leaks_a_yaml_exception(base_texts) -> None:
    text = base_texts["sla-response.yaml"]
    for cut in range(0, len(text), 97):
        try:
            load_text(text[:cut], "cut.yaml")
        except SpecError as exc:
            assert exc.diagnostics
