"""Tests for the restricted Markdown parser (letters.markup) and the Markdown writer."""

from __future__ import annotations

import pytest
from markdown_it import MarkdownIt

from letters.document import (
    Heading,
    ListBlock,
    Paragraph,
    SignatureBlock,
    Table,
    plain,
)
from letters.markup import MarkupError, cn_ordinal, escape, inlines, parse
from letters.writers.markdown import write_markdown

HOSTILE = "A|B *星* <甲> & _乙_ 𠮷 \\ # 1. - :::"


def test_escape_round_trips_every_hostile_text() -> None:
    for text in (HOSTILE, "0571-88886666", "ISO/IEC 20000-1:2018", "**x**", "<br>", "a\nb"):
        runs = inlines(escape(text))
        assert plain(runs) == text
        assert all(not r.bold for r in runs)


def test_headings_are_numbered_without_gaps_and_restart_per_section() -> None:
    blocks = parse("# 题\n\n## 甲\n\n### 子\n\n### 子\n\n## 乙\n\n### 子\n")
    heads = [(b.level, b.number) for b in blocks if isinstance(b, Heading)]
    assert heads == [(1, ""), (2, "一、"), (3, "（一）"), (3, "（二）"), (2, "二、"), (3, "（一）")]


@pytest.mark.parametrize(
    ("n", "text"), [(1, "一"), (10, "十"), (11, "十一"), (20, "二十"), (23, "二十三")]
)
def test_cn_ordinal(n: int, text: str) -> None:
    assert cn_ordinal(n) == text


def test_lists_number_themselves_and_nest() -> None:
    (lst,) = parse("1. 甲\n   1. 子甲\n   1. 子乙\n1. 乙\n")
    assert isinstance(lst, ListBlock)
    assert [i.label for i in lst.items] == ["1.", "2."]
    child = lst.items[0].children[0]
    assert [i.label for i in child.items] == ["（1）", "（2）"]
    assert plain(child.items[1].inlines) == "子乙"


def test_table_with_escaped_pipe_keeps_its_columns() -> None:
    text = f"| 甲 | 乙 |\n|---|:---:|\n| {escape(HOSTILE)} | x |\n"
    (table,) = parse(text)
    assert isinstance(table, Table)
    assert table.align == ("left", "center")
    assert plain(table.rows[0][0]) == HOSTILE


def test_bad_table_is_a_markup_error_with_a_line() -> None:
    with pytest.raises(MarkupError) as exc:
        parse("段落\n\n| a | b |\n| x | y |\n")
    assert exc.value.line == 4


def test_containers_set_alignment_and_signature_block() -> None:
    blocks = parse(
        "::: noindent\n致：某公司\n:::\n\n::: right\n2026年11月22日\n:::\n\n正文\n\n"
        "::: signature\nparty: 承诺方（盖章） | 甲公司\nsigner: 法定代表人 | 王建国\n:::\n"
    )
    p1, p2, p3, sig = blocks
    assert isinstance(p1, Paragraph) and not p1.indent
    assert isinstance(p2, Paragraph) and p2.align == "right"
    assert isinstance(p3, Paragraph) and p3.indent
    assert isinstance(sig, SignatureBlock)
    assert sig.parties[0].name == "甲公司"
    assert sig.parties[0].signers[0].name == "王建国"


def test_unknown_container_is_refused() -> None:
    with pytest.raises(MarkupError):
        parse("::: sidebar\nx\n:::\n")


def test_markdown_writer_output_parses_back_to_the_same_text() -> None:
    src = (
        f"# 题 {escape(HOSTILE)}\n\n## 节\n\n{escape(HOSTILE)}，**加粗**\n\n"
        f"1. {escape('0.3%')}\n   1. {escape(HOSTILE)}\n\n"
        f"| 列一 | 列二 |\n|---|---|\n| {escape(HOSTILE)} | {escape('1. x')} |\n"
    )
    from letters.document import Document, Meta

    md = write_markdown(Document(Meta("t"), tuple(parse(src))))
    tokens = MarkdownIt("commonmark").enable("table").parse(md)
    inline_text = [
        "".join(c.content for c in t.children or [] if c.type in ("text", "code_inline"))
        for t in tokens
        if t.type == "inline"
    ]
    assert f"题 {HOSTILE}" in inline_text
    assert "0.3%" in inline_text
    assert "1. x" in inline_text
    assert [t.type for t in tokens].count("td_open") == 2
    children = [c for t in tokens if t.type == "inline" for c in t.children or []]
    strong = [i for i, c in enumerate(children) if c.type == "strong_open"]
    assert strong and children[strong[0] + 1].content == "加粗"


@pytest.mark.parametrize(
    ("src", "line", "problem"),
    [
        ("::: signature\nparty: 甲 | 乙\n", 1, "没有以 ::: 结束"),
        ("::: signature\nwitness: 丙\n:::\n", 2, "party: 标签"),
    ],
)
def test_bad_signature_block_is_a_markup_error(src: str, line: int, problem: str) -> None:
    """A malformed signature block raises MarkupError (the parser's own ``_`` once hid gettext)."""
    with pytest.raises(MarkupError, match=problem) as info:
        parse(src)
    assert info.value.line == line
