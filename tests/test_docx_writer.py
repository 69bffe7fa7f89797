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
    """Check the 第 X 页 共 Y 页 footer with PAGE and NUMPAGES fields."""
    footer = read.sections[0].footer
    assert not footer.is_linked_to_previous
    xml = footer._element.xml
    instr = [el.text.split()[0] for el in footer._element.iter(qn("w:instrText"))]
    assert instr == ["PAGE", "NUMPAGES"]
    kinds = [el.get(qn("w:fldCharType")) for el in footer._element.iter(qn("w:fldChar"))]
    assert kinds == ["begin", "separate", "end"] * 2
    assert "第" in xml and "页" in xml and "共" in xml
    para = footer.paragraphs[0]
    assert para.text == "第 1 页 共 1 页"  # field placeholders until the pages are laid out
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
    for info in infos:  # every part is well-formed XML
        etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read(info))


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
    layers = ["body", "inline", "package", "styles", "tables", "xmlchars"]
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
    """Re-zip the parts of *data* with zipfile (fixed date, attributes, deflate level 6)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(buf, "w") as zf:
        for name in src.namelist():
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0
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
