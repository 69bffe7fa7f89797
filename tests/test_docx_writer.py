"""Test the DOCX writer by reading what it writes back with python-docx."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
import sys
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Twips
from docx.table import Table as DocxTable
from lxml import etree

from letters.document import (
    Document,
    Heading,
    ListBlock,
    ListItem,
    Meta,
    Paragraph,
    SignatureBlock,
    SignatureParty,
    Signer,
    Table,
    Text,
)
from letters.writers.docx import TEXT_W, write_docx

CLIENT = "A|B *星* <甲> & _乙_ 𠮷有限公司"
PROVIDER = "杭州云栖数据服务有限公司"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def t(text: str, bold: bool = False) -> tuple[Text, ...]:
    """Return one run of *text*."""
    return (Text(text, bold),)


def letter() -> Document:
    """Build a realistic letter: sections, subsections, lists, a tier table and signatures."""
    blocks = (
        Heading(1, t("服务等级承诺函")),
        Paragraph(t(f"致：{CLIENT}"), align="left", indent=False),
        Paragraph(t("根据双方签订的《数据平台运维服务协议》，承诺方就服务等级作出如下承诺：")),
        Heading(2, t("服务范围"), "一、"),
        Heading(3, t("数据托管"), "（一）"),
        Paragraph(
            (
                Text("承诺方提供"),
                Text("7×24小时", bold=True),
                Text("监控，并在“双活”机房部署客户的生产系统。"),
            )
        ),
        ListBlock(
            (
                ListItem("1.", t("每日全量备份，保留期不少于30日；")),
                ListItem(
                    "2.",
                    t("实时增量复制："),
                    (
                        ListBlock(
                            (
                                ListItem("（1）", t("恢复点目标不超过15分钟；")),
                                ListItem("（2）", t("恢复时间目标不超过4小时。")),
                            ),
                            depth=1,
                        ),
                    ),
                ),
                ListItem("3.", t("每季度进行一次恢复演练。")),
            )
        ),
        Heading(3, t("安全保障"), "（二）"),
        Paragraph(t("承诺方按照等级保护三级的要求保护客户数据。")),
        Heading(2, t("服务等级与赔偿"), "二、"),
        Heading(3, t("分级"), "（一）"),
        Paragraph(t("各等级的响应时间与赔偿如下表：")),
        Table(
            header=(t("等级"), t("定义"), t("响应时间"), t("服务赔偿")),
            rows=(
                (t("P1"), t("核心业务中断\n（含数据不可访问）"), t("15分钟"), t("月费的10%")),
                (t("P2"), t("部分功能不可用"), t("1小时"), t("月费的5%")),
                (t("P3"), t("一般问题，不影响业务连续性"), t("1个工作日"), t("不适用")),
            ),
            align=("center", "left", "center", "right"),
        ),
        Heading(3, t("赔偿上限"), "（二）"),
        Paragraph(t(f"赔偿总额不超过当月服务费用的30%，由承诺方支付给{CLIENT}。")),
        Paragraph(t("特此承诺。")),
        SignatureBlock(
            (
                SignatureParty("承诺方（盖章）", PROVIDER, (Signer("法定代表人", "王建国"),)),
                SignatureParty(
                    "客户（盖章）",
                    CLIENT,
                    (Signer("授权代表", "李明"), Signer("经办人", "陈静")),
                ),
            )
        ),
    )
    meta = Meta(
        title="服务等级承诺函",
        subject=CLIENT,
        author=PROVIDER,
        keywords="HT-2026-0117",
        created="2026-11-22",
    )
    return Document(meta, blocks)


@pytest.fixture(scope="module")
def data() -> bytes:
    """Return the letter written as DOCX bytes."""
    return write_docx(letter())


@pytest.fixture(scope="module")
def read(data: bytes) -> Any:
    """Return the written letter reopened with python-docx."""
    return docx.Document(io.BytesIO(data))


def _body_tables(read: Any) -> tuple[DocxTable, DocxTable]:
    """Return the tier table and the signature table."""
    tier, signature = read.tables
    return tier, signature


def _body_paragraphs(read: Any) -> list[Any]:
    """Return the body paragraphs, without the tiny one that closes a final table."""
    paras = list(read.paragraphs)
    assert paras[-1].text == ""
    return paras[:-1]


# ------------------------------------------------------------------------- text and structure


def test_paragraph_texts_read_back(read: Any) -> None:
    """Check every body paragraph's text, numbers and list labels included."""
    texts = [p.text for p in _body_paragraphs(read)]
    assert texts == [
        "服务等级承诺函",
        f"致：{CLIENT}",
        "根据双方签订的《数据平台运维服务协议》，承诺方就服务等级作出如下承诺：",
        "一、服务范围",
        "（一）数据托管",
        "承诺方提供7×24小时监控，并在“双活”机房部署客户的生产系统。",
        "1.\t每日全量备份，保留期不少于30日；",
        "2.\t实时增量复制：",
        "（1）\t恢复点目标不超过15分钟；",
        "（2）\t恢复时间目标不超过4小时。",
        "3.\t每季度进行一次恢复演练。",
        "（二）安全保障",
        "承诺方按照等级保护三级的要求保护客户数据。",
        "二、服务等级与赔偿",
        "（一）分级",
        "各等级的响应时间与赔偿如下表：",
        "（二）赔偿上限",
        f"赔偿总额不超过当月服务费用的30%，由承诺方支付给{CLIENT}。",
        "特此承诺。",
    ]


def test_special_characters_survive(data: bytes, read: Any) -> None:
    """Check that markup-like characters are escaped and 𠮷 survives."""
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    assert "A|B *星* &lt;甲&gt; &amp; _乙_ 𠮷有限公司" in xml
    assert read.paragraphs[1].text == f"致：{CLIENT}"
    assert "\U00020bb7" in read.paragraphs[1].text


def test_heading_styles_and_outline(read: Any) -> None:
    """Check the title and heading styles, their outline levels and sizes."""
    paras = _body_paragraphs(read)
    styles = {p.text: p.style.name for p in paras}
    assert styles["服务等级承诺函"] == "Title"
    assert styles["一、服务范围"] == "Heading 1"
    assert styles["二、服务等级与赔偿"] == "Heading 1"
    assert styles["（一）数据托管"] == "Heading 2"
    outline = {
        s.name: s.element.pPr.find(qn("w:outlineLvl")).get(qn("w:val"))
        for s in read.styles
        if s.name in ("Heading 1", "Heading 2")
    }
    assert outline == {"Heading 1": "0", "Heading 2": "1"}
    for name in ("Title", "Heading 1", "Heading 2"):
        assert read.styles[name].paragraph_format.keep_with_next is True
    title = read.styles["Title"]
    assert title.font.size.pt == 22
    assert title.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert read.styles["Heading 1"].font.size.pt == 14
    assert read.styles["Heading 2"].font.size.pt == 12


def test_body_indent_and_alignment(read: Any) -> None:
    """Check the two-character first-line indent and the alignments."""
    paras = _body_paragraphs(read)
    to_line, body = paras[1], paras[2]
    assert to_line.paragraph_format.first_line_indent is None
    assert to_line.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.LEFT
    assert body.paragraph_format.first_line_indent == Twips(480)
    assert body.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    ind = body._p.pPr.find(qn("w:ind"))
    assert ind.get(qn("w:firstLineChars")) == "200"


def test_bold_run(read: Any) -> None:
    """Check that a bold run reads back bold and its neighbours do not."""
    runs = _body_paragraphs(read)[5].runs
    assert [(r.text, r.bold) for r in runs] == [
        ("承诺方提供", None),
        ("7×24小时", True),
        ("监控，并在“双活”机房部署客户的生产系统。", None),
    ]


def test_lists_hang_and_nest(read: Any) -> None:
    """Check hanging indents and that a nested list starts at its parent's text."""
    paras = {p.text.split("\t")[0]: p for p in _body_paragraphs(read) if "\t" in p.text}
    top, nested = paras["1."].paragraph_format, paras["（1）"].paragraph_format
    assert top.first_line_indent < 0  # hanging: wrapped lines align with the text
    assert top.left_indent + top.first_line_indent == Twips(480)  # label at two characters
    assert nested.first_line_indent < 0
    assert nested.left_indent + nested.first_line_indent == top.left_indent
    assert nested.left_indent > top.left_indent
    assert paras["2."].paragraph_format.left_indent == top.left_indent


# ------------------------------------------------------------------------------------ tables


def test_tier_table_cells(read: Any) -> None:
    """Check the table's cell texts, line break included."""
    tier, _ = _body_tables(read)
    cells = [[c.text for c in row.cells] for row in tier.rows]
    assert cells == [
        ["等级", "定义", "响应时间", "服务赔偿"],
        ["P1", "核心业务中断\n（含数据不可访问）", "15分钟", "月费的10%"],
        ["P2", "部分功能不可用", "1小时", "月费的5%"],
        ["P3", "一般问题，不影响业务连续性", "1个工作日", "不适用"],
    ]


def test_tier_table_layout(read: Any) -> None:
    """Check header repeat, unsplittable rows, widths, borders, shading, alignment."""
    tier, _ = _body_tables(read)
    rows = tier.rows
    assert rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert all(r._tr.trPr.find(qn("w:tblHeader")) is None for r in rows[1:])
    assert all(r._tr.trPr.find(qn("w:cantSplit")) is not None for r in rows)
    grid = [int(g.get(qn("w:w"))) for g in tier._tbl.tblGrid.findall(qn("w:gridCol"))]
    assert sum(grid) == TEXT_W
    assert grid[1] > grid[0] and grid[1] > grid[2]  # the long 定义 column is the widest
    assert min(grid) >= 600
    for row in rows:
        widths = [int(c._tc.tcPr.find(qn("w:tcW")).get(qn("w:w"))) for c in row.cells]
        assert widths == grid
    header = rows[0].cells
    assert all(run.bold for c in header for run in c.paragraphs[0].runs)
    assert all(c._tc.tcPr.find(qn("w:shd")).get(qn("w:fill")) == "D9D9D9" for c in header)
    aligns = [c.paragraphs[0].alignment for c in rows[1].cells]
    assert aligns == [
        WD_ALIGN_PARAGRAPH.CENTER,
        WD_ALIGN_PARAGRAPH.LEFT,
        WD_ALIGN_PARAGRAPH.CENTER,
        WD_ALIGN_PARAGRAPH.RIGHT,
    ]
    body_cell = rows[1].cells[1].paragraphs[0]
    assert body_cell.style.name == "Table Text"
    assert body_cell.style.font.size.pt == 10.5
    assert body_cell.paragraph_format.first_line_indent is None
    borders = tier._tbl.tblPr.find(qn("w:tblBorders"))
    assert {b.get(qn("w:val")) for b in borders} == {"single"}
    assert {b.get(qn("w:sz")) for b in borders} == {"4"}


def test_keep_with_next_is_honoured() -> None:
    """Check that a paragraph marked keep_with_next is kept with the next one."""
    doc = Document(Meta("t"), (Paragraph(t("a"), keep_with_next=True), Paragraph(t("b"))))
    first, second = docx.Document(io.BytesIO(write_docx(doc))).paragraphs
    assert first.paragraph_format.keep_with_next is True
    assert second.paragraph_format.keep_with_next is None


def test_table_intro_is_kept_with_table(read: Any) -> None:
    """Check that the paragraph before a table stays with it."""
    intro = next(p for p in read.paragraphs if p.text.startswith("各等级"))
    assert intro.paragraph_format.keep_with_next is True


def test_ragged_table_without_header_is_padded() -> None:
    """Check that short rows are padded and no header row is invented."""
    doc = Document(Meta("t"), (Table(header=(), rows=((t("a"), t("b")), (t("c"),))),))
    table = docx.Document(io.BytesIO(write_docx(doc))).tables[0]
    assert [[c.text for c in r.cells] for r in table.rows] == [["a", "b"], ["c", ""]]
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is None


# ---------------------------------------------------------------------------- signature block


def test_signature_block(read: Any) -> None:
    """Check the signature table: one unsplittable row, every line kept together."""
    _, sig = _body_tables(read)
    assert len(sig.rows) == 1
    assert sig.rows[0]._tr.trPr.find(qn("w:cantSplit")) is not None
    left, right = sig.rows[0].cells
    # Beside another party neither name fits after its label, so each starts a new line.
    assert [p.text for p in left.paragraphs] == [
        f"承诺方（盖章）：\n{PROVIDER}",
        "法定代表人：王建国",
        "签字：＿＿＿＿＿＿＿＿＿＿",
        "日期：　　　　年　　月　　日",
    ]
    assert [p.text for p in right.paragraphs] == [
        f"客户（盖章）：\n{CLIENT}",
        "授权代表：李明",
        "签字：＿＿＿＿＿＿＿＿＿＿",
        "日期：　　　　年　　月　　日",
        "经办人：陈静",
        "签字：＿＿＿＿＿＿＿＿＿＿",
        "日期：　　　　年　　月　　日",
    ]
    for cell in (left, right):
        for p in cell.paragraphs:
            assert p.paragraph_format.keep_with_next is True
    borders = sig._tbl.tblPr.find(qn("w:tblBorders"))
    assert {b.get(qn("w:val")) for b in borders} == {"nil"}
    before = _body_paragraphs(read)[-1]
    assert before.text == "特此承诺。"
    assert before.paragraph_format.keep_with_next is True


def test_single_party_sits_on_the_right() -> None:
    """Check that a single party sits in one cell on the right."""
    party = SignatureParty("承诺方（盖章）", PROVIDER, (Signer("法定代表人", "王建国"),))
    doc = Document(Meta("t"), (Paragraph(t("特此承诺。")), SignatureBlock((party,))))
    sig = docx.Document(io.BytesIO(write_docx(doc))).tables[0]
    assert len(sig.rows[0].cells) == 1
    assert sig._tbl.tblPr.find(qn("w:jc")).get(qn("w:val")) == "right"
    width = int(sig._tbl.tblPr.find(qn("w:tblW")).get(qn("w:w")))
    assert TEXT_W // 2 <= width < TEXT_W
    assert sig.rows[0].cells[0].paragraphs[0].text == f"承诺方（盖章）：{PROVIDER}"


# ------------------------------------------------------------------------- page, fonts, footer


def test_a4_page_and_margins(read: Any) -> None:
    """Check A4 and the GB/T 9704 margins."""
    (section,) = read.sections
    assert section.page_width == Twips(11906)
    assert section.page_height == Twips(16838)
    for got, mm in (
        (section.top_margin, 37),
        (section.bottom_margin, 35),
        (section.left_margin, 28),
        (section.right_margin, 26),
    ):
        assert abs(got.mm - mm) < 0.05, (got.mm, mm)
    assert 10 < section.header_distance.mm < 20
    assert 15 < section.footer_distance.mm < section.bottom_margin.mm - 5


def _east_asia(style: Any) -> str:
    """Return the East Asian font a style names."""
    return style.element.rPr.rFonts.get(qn("w:eastAsia"))


def test_chinese_fonts_in_styles(data: bytes, read: Any) -> None:
    """Check the Chinese fonts and languages in the defaults and the styles."""
    normal = read.styles["Normal"]
    assert _east_asia(normal) == "宋体"
    assert normal.element.rPr.rFonts.get(qn("w:ascii")) == "Times New Roman"
    assert normal.element.rPr.rFonts.get(qn("w:hAnsi")) == "Times New Roman"
    assert normal.font.size.pt == 12
    lang = normal.element.rPr.find(qn("w:lang"))
    assert (lang.get(qn("w:val")), lang.get(qn("w:eastAsia"))) == ("en-US", "zh-CN")
    assert _east_asia(read.styles["Heading 1"]) == "黑体"
    assert _east_asia(read.styles["Heading 2"]) == "黑体"
    assert _east_asia(read.styles["Title"]) == "宋体"
    assert _east_asia(read.styles["Table Text"]) == "宋体"
    styles = etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/styles.xml"))
    defaults = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}rFonts")
    assert defaults.get(f"{W}eastAsia") == "宋体"


def test_footer_has_page_fields(read: Any) -> None:
    """Check the 第X页 共Y页 footer with PAGE and NUMPAGES fields."""
    footer = read.sections[0].footer
    assert not footer.is_linked_to_previous
    xml = footer._element.xml
    instr = [el.text.split()[0] for el in footer._element.iter(qn("w:instrText"))]
    assert instr == ["PAGE", "NUMPAGES"]
    kinds = [el.get(qn("w:fldCharType")) for el in footer._element.iter(qn("w:fldChar"))]
    assert kinds == ["begin", "separate", "end"] * 2
    assert "第" in xml and "页" in xml and "共" in xml
    para = footer.paragraphs[0]
    # No spaces around the digits, as in the body; until the application lays the pages out
    # the fields show page 1 and the page count the writer estimated (this letter takes two).
    assert para.text == "第1页 共2页"
    assert para.style.name == "Footer"
    assert para.style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER


# -------------------------------------------------------------------------- package and meta


def test_core_properties(data: bytes, read: Any) -> None:
    """Check the core properties and that no clock or user name leaks in."""
    core = read.core_properties
    assert core.title == "服务等级承诺函"
    assert core.subject == CLIENT
    assert core.author == PROVIDER
    assert core.keywords == "HT-2026-0117"
    assert core.created == dt.datetime(2026, 11, 22, tzinfo=dt.UTC)
    assert core.modified == core.created
    assert core.last_modified_by == ""
    xml = zipfile.ZipFile(io.BytesIO(data)).read("docProps/core.xml").decode()
    assert "2026-11-22T00:00:00Z" in xml
    assert "lastModifiedBy" not in xml and "revision" not in xml


def test_created_is_left_out_when_empty() -> None:
    """Check that an empty created date writes no date at all."""
    data = write_docx(Document(Meta("t"), (Paragraph(t("x")),)))
    xml = zipfile.ZipFile(io.BytesIO(data)).read("docProps/core.xml").decode()
    assert "created" not in xml and "modified" not in xml
    assert docx.Document(io.BytesIO(data)).core_properties.created is None


def test_created_must_be_a_date() -> None:
    """Check that a malformed created date is refused."""
    with pytest.raises(ValueError, match="ISO date"):
        write_docx(Document(Meta("t", created="22/11/2026")))


def test_output_is_byte_identical(data: bytes) -> None:
    """Check that the same document always gives the same bytes."""
    assert write_docx(letter()) == data
    assert write_docx(letter()) == write_docx(letter())


def test_zip_members_are_fixed(data: bytes) -> None:
    """Check the member order, timestamps and compression; parse every part."""
    infos = zipfile.ZipFile(io.BytesIO(data)).infolist()
    assert [i.filename for i in infos] == [
        "[Content_Types].xml",
        "_rels/.rels",
        "docProps/core.xml",
        "docProps/app.xml",
        "word/document.xml",
        "word/_rels/document.xml.rels",
        "word/styles.xml",
        "word/settings.xml",
        "word/fontTable.xml",
        "word/footer1.xml",
    ]
    assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}
    assert {i.compress_type for i in infos} == {zipfile.ZIP_DEFLATED}
    assert {(i.create_system, i.external_attr >> 16) for i in infos} == {(3, 0o100644)}
    for info in infos:  # every part is well-formed XML
        etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read(info))


# ------------------------------------------------------------------- codes, lists, signature page


def _paragraph_xml(doc: Document, index: int = 0) -> str:
    """Return the XML of body paragraph *index* of *doc* written as DOCX."""
    body = docx.Document(io.BytesIO(write_docx(doc))).element.body
    paragraphs = body.findall(qn("w:p"))
    return etree.tostring(paragraphs[index], encoding="unicode")


def test_codes_keep_ascii_hyphens_and_are_glued() -> None:
    """A code keeps its ASCII hyphens (every reader finds it) and word joiners glue it."""
    text = "合同编号：HT-2026-0388，电话0571-88886666，标准ISO/IEC 20000-1:2018及GB/T 9704-2012。"
    doc = Document(Meta("t"), (Paragraph(t(text)),))
    para = docx.Document(io.BytesIO(write_docx(doc))).paragraphs[0]
    assert para.text == text.replace("IEC 2", "IEC\u202f2").replace("GB/T 9", "GB/T\u202f9")
    xml = _paragraph_xml(doc)
    assert "noBreakHyphen" not in xml and "\u2011" not in xml and "\u2060" not in xml
    joiners = xml.count('<w:fldSimple w:instr=" SYMBOL 8288 \\u "/>')
    # one after each hyphen or slash between letters or digits: 2 + 1 + 2 + 2
    assert joiners == 7


def test_plain_hyphens_and_spaces_are_left_alone() -> None:
    """Only hyphens inside codes are glued; a dash between words or a space stays as it is."""
    xml = _paragraph_xml(Document(Meta("t"), (Paragraph(t("甲 - 乙，a -b, ITIL ok")),)))
    assert "fldSimple" not in xml
    assert "甲 - 乙，a -b, ITIL ok" in xml


def test_list_intro_and_parent_items_keep_with_next() -> None:
    """A sentence ending in a colon keeps with the list it introduces, an item with the
    nested list under it; other paragraphs do not."""
    item = ListItem("1.", t("包括："), (ListBlock((ListItem("（1）", t("甲")),), depth=1),))
    doc = Document(
        Meta("t"),
        (
            Paragraph(t("承诺方提交下列文件：")),
            ListBlock((item, ListItem("2.", t("乙")))),
            Paragraph(t("下列内容不是清单")),
            Paragraph(t("正文。")),
        ),
    )
    paras = docx.Document(io.BytesIO(write_docx(doc))).paragraphs
    keep = {p.text: p.paragraph_format.keep_with_next for p in paras}
    assert keep["承诺方提交下列文件："] is True
    assert keep["1.\t包括："] is True
    assert keep["（1）\t甲"] is None
    assert keep["2.\t乙"] is None
    assert keep["下列内容不是清单"] is None


def _letter_with_body(lines: int) -> Document:
    """Return the test letter with a paragraph of about *lines* lines before 特此承诺。."""
    blocks = list(letter().blocks)
    at = next(i for i, b in enumerate(blocks) if b == Paragraph(t("特此承诺。")))
    filler = Paragraph(t("补" * (34 + 36 * (lines - 1))))
    return Document(letter().meta, (*blocks[:at], filler, *blocks[at:]))


def _signature_page(doc: Document) -> tuple[bool, str]:
    """Return whether *doc* has the signature page markers, and the text of the body."""
    data = write_docx(doc)
    d = docx.Document(io.BytesIO(data))
    texts = [p.text for p in d.paragraphs]
    has = "（以下无正文）" in texts
    opener = [p for p in d.paragraphs if p.text.startswith("（本页无正文")]
    assert has == bool(opener)
    if has:
        assert texts[texts.index("（以下无正文）") - 1] == "特此承诺。"
        assert opener[0].text == "（本页无正文，为《服务等级承诺函》之签署页）"
        assert opener[0]._p.pPr.find(qn("w:pageBreakBefore")) is not None
        assert opener[0].paragraph_format.keep_with_next is True
    return has, "\n".join(texts)


def test_signature_page_markers_follow_the_layout() -> None:
    """The markers appear when the signature block no longer fits under the body, and the
    body and the block never change otherwise (tests/test_layout_fidelity.py checks the
    decision against LibreOffice)."""
    seen = {n: _signature_page(_letter_with_body(n))[0] for n in range(1, 40, 3)}
    assert set(seen.values()) == {True, False}
    assert _signature_page(letter())[0] is False  # the test letter shares its last page
    flips = [n for n in seen if n > 1 and seen[n] != seen[n - 3]]
    assert flips  # as the body grows the block goes to a page of its own, then back


def test_markers_are_not_written_without_a_signature_block() -> None:
    doc = Document(Meta("t"), tuple(Paragraph(t("字" * 400)) for _ in range(12)))
    texts = [p.text for p in docx.Document(io.BytesIO(write_docx(doc))).paragraphs]
    assert not any("无正文" in x for x in texts)


def test_short_table_phrases_get_room() -> None:
    """The tier table of the letters: level names and amounts with their units fit their
    columns (the estimate LibreOffice is checked against in test_layout_fidelity.py)."""
    from letters.writers.docx.layout import measure
    from letters.writers.docx.styles import TABLE_SZ

    header = (
        t("级别"),
        t("问题类别及典型场景"),
        t("预计占比"),
        t("响应时效"),
        t("处理时限"),
        t("超时违约金"),
    )
    rows = (
        (t("L1\n一般咨询"), t("常规咨询类问题：需求咨询、流程指导、文档查阅"), t("60%"),
         t("15分钟\n（工作日9:00至18:00）"), t("4小时内提供书面解决方案"),
         t("合同总额的0.3%，\n即3,600.00元/小时")),
        (t("L2\n系统异常"), t("系统运行异常：系统报错、接口异常、数据同步故障"), t("30%"),
         t("5分钟\n（7×24小时）"), t("2小时内定位问题根源"), t("合同总额的0.5%，\n即6,000.00元/小时")),
        (t("L3\n重大故障"), t("影响业务连续性的故障：服务器宕机、核心功能失效、数据丢失风险"),
         t("10%"), t("1分钟\n（7×24小时）"), t("30分钟内启动应急响应预案"),
         t("合同总额的1%，\n即12,000.00元/小时")),
    )  # fmt: skip
    doc = Document(Meta("t"), (Table(header, rows),))
    tbl = docx.Document(io.BytesIO(write_docx(doc))).tables[0]
    grid = [int(g.get(qn("w:w"))) for g in tbl._tbl.tblGrid.findall(qn("w:gridCol"))]
    margin = int(tbl._tbl.tblPr.find(qn("w:tblCellMar")).find(qn("w:left")).get(qn("w:w")))
    assert sum(grid) == TEXT_W and margin >= 72
    room = [g - 2 * margin for g in grid]
    for c, phrases in enumerate(
        (["一般咨询", "系统异常", "重大故障"], [], ["预计占比"], ["（7×24小时）"], [],
         ["即12,000.00元/小时", "合同总额的0.3%，"])
    ):  # fmt: skip
        for phrase in phrases:
            assert measure(phrase, TABLE_SZ) < room[c], (phrase, room[c])


# ------------------------------------------------------------------------ the layout estimate


def test_line_breaking_follows_libreoffice() -> None:
    """Lines as LibreOffice breaks them (each case checked against its PDF): 34 characters on
    an indented first line of 12 pt text and 36 on the others; ，。、： hang in the margin in
    body text but not in a table cell; ） pulls the character before it down, （ goes down."""
    from letters.writers.docx.layout import count_lines, measure

    def lines(text: str, **kw: Any) -> int:
        return count_lines(text, TEXT_W, 24, 480, **kw)

    full = "甲" * 34 + "乙" * 36
    assert lines(full) == 2
    assert lines(full + "丙") == 3
    assert lines(full + "，") == 2  # hangs
    assert lines(full + "，", hang=False) == 3
    assert lines(full + "）") == 3
    assert lines("甲" * 34 + "乙" * 35 + "（丙") == 3
    assert lines("甲" * 34 + "a b") == 2
    assert lines("a\nb\nc") == 3
    # Latin widths are Times New Roman's and 1/5 em separates Latin from CJK text.
    assert measure("1234", 24) == 480
    assert measure("甲1234甲", 24) == 240 + 480 + 240 + 2 * 48
    assert measure("基础服务", 21) == 4 * 210


def test_pagination_follows_libreoffice() -> None:
    """Page breaks as LibreOffice makes them: 28 lines of 22 pt on a page, the larger of two
    paragraph spacings, no space before at the top of a flowed-onto page, two lines at least
    on each side of a break, and a run kept with the next item moves as one."""
    from letters.writers.docx.layout import Par, Rows, paginate

    line = 440
    assert paginate([Par(28, line)]).pages == 1
    assert paginate([Par(29, line)]).pages == 2
    placed = paginate([Par(1, line, after=120), Par(1, line, before=240)])
    assert placed.starts[1] == (1, 440 + 240)
    placed = paginate([Par(27, line), Par(3, line, before=240)])
    assert placed.starts[1] == (2, 0) and placed.end == 3 * line  # widow control, no space
    placed = paginate([Par(26, line), Par(4, line)])
    assert placed.starts[1] == (1, 26 * line) and placed.end == 2 * line  # split 2 + 2
    placed = paginate([Par(26, line), Par(1, 480, keep_next=True, keep_lines=True), Par(3, line)])
    assert placed.starts[1] == (2, 0)  # the heading goes with its paragraph
    placed = paginate([Par(20, line), Rows([410, 2000, 2000, 2000], header=1)])
    assert placed.pages == 2 and placed.end == 410 + 2 * 2000  # the header row comes back


# ----------------------------------------------------------------------------------- safety


def _with_text(text: str) -> Iterator[Document]:
    """Yield documents that carry *text* in each kind of place."""
    yield Document(Meta("t"), (Paragraph(t(f"前文{text}后文")),))
    yield Document(Meta(f"标题{text}"))
    yield Document(Meta("t"), (Table(header=(t("h"),), rows=((t(text),),)),))
    party = SignatureParty("承诺方", "公司", (Signer("代表", f"张{text}"),))
    yield Document(Meta("t"), (SignatureBlock((party,)),))
    item = ListItem("1.", t("a"), (ListBlock((ListItem("（1）", t(text)),), depth=1),))
    yield Document(Meta("t"), (ListBlock((item,)),))


@pytest.mark.parametrize("bad", ["\x01", "\x0b", "\x1f", "\ufffe", "\uffff", "\ud800", "\udfff"])
def test_illegal_xml_characters_are_refused(bad: str) -> None:
    """Check that characters XML 1.0 forbids are refused wherever they occur."""
    for doc in _with_text(bad):
        with pytest.raises(ValueError, match=f"U\\+{ord(bad):04X}"):
            write_docx(doc)


def test_illegal_character_message_names_the_text() -> None:
    """Check that the error names the character and the text it is in."""
    doc = Document(Meta("t"), (Paragraph(t("承诺方\x01将按时响应")),))
    with pytest.raises(ValueError, match="承诺方") as info:
        write_docx(doc)
    assert "U+0001" in str(info.value)


def test_tab_newline_and_carriage_return_are_allowed() -> None:
    """Check that tab and line ends become w:tab and w:br."""
    doc = Document(Meta("t"), (Paragraph(t("甲\t乙\n丙\r\n丁")),))
    para = docx.Document(io.BytesIO(write_docx(doc))).paragraphs[0]
    assert para.text == "甲\t乙\n丙\n丁"


def test_import_is_light() -> None:
    """Check that importing the writer loads nothing but its own modules."""
    # Importing the writer loads nothing but its own layers: no python-docx, lxml or zipfile
    # (not even struct or zlib, which the zip layer imports on the first write).
    code = (
        "import sys, letters.document; before = set(sys.modules); "
        "import letters.writers.docx; print(*sorted(set(sys.modules) - before))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    layers = ["body", "inline", "layout", "package", "styles", "tables", "xmlchars"]
    assert out.split() == [
        "letters.writers",
        "letters.writers.docx",
        *(f"letters.writers.docx.{layer}" for layer in layers),
    ]


# ------------------------------------------------------------------------------------ speed


def long_letter() -> Document:
    """Build a letter of about sixty blocks."""
    base = letter()
    body = [b for b in base.blocks if not isinstance(b, SignatureBlock)]
    blocks = [body[0]]
    while len(blocks) < 58:
        blocks.extend(body[1:])
    blocks = [*blocks[:59], base.blocks[-1]]
    return Document(base.meta, tuple(blocks))


def _zipfile_package(data: bytes) -> bytes:
    """Re-zip the parts of *data* with zipfile (fixed date, Unix mode 0644, deflate level 6)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(buf, "w") as zf:
        for name in src.namelist():
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o100644 << 16
            zf.writestr(info, src.read(name), compresslevel=6)
    return buf.getvalue()


@pytest.mark.parametrize("make", [letter, long_letter, lambda: Document(Meta("t"))])
def test_hand_written_zip_equals_zipfile(make: Any) -> None:
    """Check that the hand-written package is byte for byte what zipfile writes, and sound."""
    data = write_docx(make())
    assert data == _zipfile_package(data)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert z.testzip() is None  # every CRC matches
        assert all(i.flag_bits == 0 and not i.extra for i in z.infolist())


def test_write_is_fast() -> None:
    """Check that a sixty-block letter takes about a millisecond, far under 40 ms."""
    doc = long_letter()
    assert len(doc.blocks) == 60
    write_docx(doc)  # warm the static-part cache
    times = []
    for _ in range(50):
        start = time.perf_counter()
        write_docx(doc)
        times.append(time.perf_counter() - start)
    mean_ms = sum(times) / len(times) * 1000
    print(f"\nwrite_docx: {mean_ms:.2f} ms per 60-block letter (max {max(times) * 1000:.2f} ms)")
    assert mean_ms < 40


# ---------------------------------------------------------------------------------- preview


def test_preview_explains_missing_tools(tmp_path: Path) -> None:
    """Check that scripts/preview exits 2 with the apt-get hint when its tools are missing."""
    docx_file = tmp_path / "x.docx"
    docx_file.write_bytes(write_docx(letter()))
    script = Path(__file__).resolve().parents[1] / "scripts" / "preview"
    bash = shutil.which("bash")
    assert bash is not None
    done = subprocess.run(
        [bash, str(script), str(docx_file), str(tmp_path)],
        env={"PATH": str(tmp_path / "empty")},
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert "apt-get install -y libreoffice-writer-nogui fonts-noto-cjk poppler-utils" in done.stderr


def test_a_paragraph_with_an_address_is_ragged_right() -> None:
    """An e-mail or web address cannot break: a justified line before it would be stretched
    into wide gaps, so such a paragraph is set left; other paragraphs stay justified."""
    with_mail = "通知送达下列地址：地址：江苏省南京市鼓楼区中山北路219号，电子邮箱：it-vendor@huilian-ec.example.cn。"
    with_site = "接收方可以通过工单系统（support.yunqi-data.example.cn）报告故障。"
    plain_text = "时延不超过1.2ms，版本V2.3，其他正文照常两端对齐。"
    doc = Document(Meta("t"), tuple(Paragraph(t(x)) for x in (with_mail, with_site, plain_text)))
    assert '<w:jc w:val="left"/>' in _paragraph_xml(doc, 0)
    assert '<w:jc w:val="left"/>' in _paragraph_xml(doc, 1)
    assert '<w:jc w:val="both"/>' in _paragraph_xml(doc, 2)


def test_short_phrases_of_a_crowded_table_do_not_wrap() -> None:
    """The first column's names (逾期未改正) stay whole even when narrower targets come first
    and a long column wants the room."""
    from letters.writers.docx.layout import measure
    from letters.writers.docx.styles import TABLE_SZ
    from letters.writers.docx.tables import _layout

    names = ("违约情形", "严重违约", "一般违约", "逾期未改正")
    long = "未履行本承诺书“承诺方的义务”第2、3项所列义务之一，且自承诺方发现或者收到接收方书面通知之日起7日内仍未改正"
    amount = "200,000.00元\n（大写：人民币贰拾万元整）\n至500,000.00元\n（大写：人民币伍拾万元整）"
    key = (names, ("构成条件", long, long, long), ("每次违约的违约金", amount, amount, amount))
    _, widths, _ = _layout(key, True)
    assert widths[0] >= measure("逾期未改正", TABLE_SZ, False)
