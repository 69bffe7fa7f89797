"""Write a :class:`~letters.document.Document` as a DOCX package, fast and byte-reproducibly.

Nothing here uses the python-docx API at render time.  ``word/document.xml`` and
``docProps/core.xml`` are generated as strings for each letter; every other part of the package
(content types, relationships, a lean ``styles.xml``, settings, the font table and the
``第 X 页 共 Y 页`` footer) is static, built once per process and cached.  The parts are zipped in
a fixed order with a fixed timestamp and fixed attributes, so the same document always yields
the same bytes.

Layout follows GB/T 9704 where it applies to a firm's letter: A4, margins 37/35/28/26 mm
(top/bottom/left/right), 宋体 小四 body on an exact 22 pt line pitch, 黑体 headings, a 宋体
二号 bold centred title and Times New Roman for Latin text.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import Any, NamedTuple, NoReturn

from letters.document import (
    Align,
    Block,
    Document,
    Heading,
    Inlines,
    ListBlock,
    Paragraph,
    SignatureBlock,
    Table,
    Text,
)

__all__ = ["write_docx"]

# --------------------------------------------------------------------------------------------
# Page geometry (twips: 1/20 pt, 1 mm = 1440 / 25.4 ≈ 56.69 twips)


def _mm(mm: float) -> int:
    """Convert millimetres to whole twips."""
    return round(mm * 1440 / 25.4)


PAGE_W = 11906  # A4 210 mm
PAGE_H = 16838  # A4 297 mm
MARGIN_TOP = _mm(37)
MARGIN_BOTTOM = _mm(35)
MARGIN_LEFT = _mm(28)
MARGIN_RIGHT = _mm(26)
HEADER_DIST = _mm(15)
FOOTER_DIST = _mm(24)  # page number sits ~7 mm below the text block, as in GB/T 9704
TEXT_W = PAGE_W - MARGIN_LEFT - MARGIN_RIGHT

# --------------------------------------------------------------------------------------------
# Typography

LATIN_FONT = "Times New Roman"
BODY_FONT = "宋体"  # SimSun
HEADING_FONT = "黑体"  # SimHei

BODY_SZ = 24  # half-points: 小四 12 pt
TITLE_SZ = 44  # 二号 22 pt
H1_SZ = 28  # 四号 14 pt
H2_SZ = 24  # 小四 12 pt
TABLE_SZ = 21  # 五号 10.5 pt
FOOTER_SZ = 18  # 小五 9 pt

BODY_LINE = 440  # exact 22 pt line pitch (≈ 1.5 lines of 宋体 小四, same in Word and LibreOffice)
TABLE_LINE = 320  # exact 16 pt inside tables
CHAR = BODY_SZ * 10  # width of one CJK character of body text, in twips (240)
TABLE_HALF = TABLE_SZ * 5  # width of one half-width character of table text (105)
CELL_MAR = 108  # left/right cell margin (Word's default)

# --------------------------------------------------------------------------------------------
# Static parts

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_NS = f'xmlns:w="{_W}" xmlns:r="{_R}"'
_LANG = '<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/>'


def _fonts(east_asia: str) -> str:
    """Return a ``w:rFonts`` element with *east_asia* for CJK and Times New Roman for Latin."""
    return (
        f'<w:rFonts w:ascii="{LATIN_FONT}" w:eastAsia="{east_asia}" '
        f'w:hAnsi="{LATIN_FONT}" w:cs="{LATIN_FONT}"/>'
    )


def _rpr(east_asia: str, sz: int, bold: bool = False) -> str:
    """Return a style's ``w:rPr``: fonts, optional bold, size and languages."""
    b = "<w:b/><w:bCs/>" if bold else ""
    return f'<w:rPr>{_fonts(east_asia)}{b}<w:sz w:val="{sz}"/><w:szCs w:val="{sz}"/>{_LANG}</w:rPr>'


def _spacing(before: int, after: int, line: int, rule: str = "exact") -> str:
    """Return a ``w:spacing`` element (twips; *line* in twips for exact rules)."""
    return f'<w:spacing w:before="{before}" w:after="{after}" w:line="{line}" w:lineRule="{rule}"/>'


def _style(
    sid: str,
    name: str,
    ppr: str,
    rpr: str,
    *,
    based_on: str = "Normal",
    next_: str = "",
    priority: int = 0,
) -> str:
    """Return one paragraph ``w:style`` element."""
    based = f'<w:basedOn w:val="{based_on}"/>' if based_on else ""
    nxt = f'<w:next w:val="{next_}"/>' if next_ else ""
    prio = f'<w:uiPriority w:val="{priority}"/>' if priority else ""
    return (
        f'<w:style w:type="paragraph" w:styleId="{sid}"><w:name w:val="{name}"/>{based}{nxt}'
        f"{prio}<w:qFormat/><w:pPr>{ppr}</w:pPr>{rpr}</w:style>"
    )


def _styles_xml() -> str:
    """Build ``word/styles.xml`` with only the styles the writer uses."""
    body_rpr = _rpr(BODY_FONT, BODY_SZ)
    styles = [
        f"<w:docDefaults><w:rPrDefault>{body_rpr}</w:rPrDefault>"
        f"<w:pPrDefault><w:pPr>{_spacing(0, 0, BODY_LINE)}</w:pPr></w:pPrDefault></w:docDefaults>",
        '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/>'
        f'<w:qFormat/><w:pPr><w:widowControl/>{_spacing(0, 0, BODY_LINE)}<w:jc w:val="both"/>'
        f"</w:pPr>{body_rpr}</w:style>",
        '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
        '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/>'
        "<w:unhideWhenUsed/></w:style>",
        '<w:style w:type="table" w:default="1" w:styleId="TableNormal">'
        '<w:name w:val="Normal Table"/><w:uiPriority w:val="99"/><w:semiHidden/>'
        "<w:unhideWhenUsed/><w:tblPr>"
        '<w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/>'
        f'<w:left w:w="{CELL_MAR}" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/>'
        f'<w:right w:w="{CELL_MAR}" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>',
        _style(
            "Title",
            "Title",
            f'<w:keepNext/><w:keepLines/>{_spacing(0, 480, 720)}<w:jc w:val="center"/>',
            _rpr(BODY_FONT, TITLE_SZ, bold=True),
            next_="Normal",
            priority=10,
        ),
        _style(
            "Heading1",
            "heading 1",
            f"<w:keepNext/><w:keepLines/>{_spacing(240, 120, 480)}"
            '<w:jc w:val="left"/><w:outlineLvl w:val="0"/>',
            _rpr(HEADING_FONT, H1_SZ, bold=True),
            next_="Normal",
            priority=9,
        ),
        _style(
            "Heading2",
            "heading 2",
            f"<w:keepNext/><w:keepLines/>{_spacing(120, 60, BODY_LINE)}"
            f'<w:ind w:firstLineChars="200" w:firstLine="{2 * CHAR}"/>'
            '<w:jc w:val="left"/><w:outlineLvl w:val="1"/>',
            _rpr(HEADING_FONT, H2_SZ, bold=True),
            next_="Normal",
            priority=9,
        ),
        _style(
            "TableText",
            "Table Text",
            f'{_spacing(40, 40, TABLE_LINE)}<w:jc w:val="left"/>',
            _rpr(BODY_FONT, TABLE_SZ),
        ),
        _style(
            "TableHeading",
            "Table Heading",
            '<w:keepNext/><w:jc w:val="center"/>',
            _rpr(BODY_FONT, TABLE_SZ, bold=True),
            based_on="TableText",
        ),
        _style(
            "LetterSignature",
            "Letter Signature",
            f'<w:keepNext/><w:keepLines/>{_spacing(0, 0, BODY_LINE)}<w:jc w:val="left"/>',
            body_rpr,
        ),
        _style(
            "Footer",
            "footer",
            f'{_spacing(0, 0, 240, "auto")}<w:jc w:val="center"/>',
            _rpr(BODY_FONT, FOOTER_SZ),
        ),
    ]
    return f"{_DECL}<w:styles {_NS}>{''.join(styles)}</w:styles>"


def _field(instr: str) -> str:
    """Return the runs of a complex field showing ``1`` until the application updates it."""
    return (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r><w:instrText xml:space="preserve"> {instr} \\* MERGEFORMAT </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        "<w:r><w:t>1</w:t></w:r>"
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )


def _footer_xml() -> str:
    """Build ``word/footer1.xml``: a centred ``第 X 页 共 Y 页`` with PAGE and NUMPAGES fields."""
    return (
        f'{_DECL}<w:ftr {_NS}><w:p><w:pPr><w:pStyle w:val="Footer"/></w:pPr>'
        '<w:r><w:t xml:space="preserve">第 </w:t></w:r>'
        f"{_field('PAGE')}"
        '<w:r><w:t xml:space="preserve"> 页 共 </w:t></w:r>'
        f"{_field('NUMPAGES')}"
        '<w:r><w:t xml:space="preserve"> 页</w:t></w:r>'
        "</w:p></w:ftr>"
    )


def _settings_xml() -> str:
    """Build ``word/settings.xml``: Chinese punctuation handling and Word 2013+ layout."""
    return (
        f'{_DECL}<w:settings {_NS}><w:zoom w:percent="100"/>'
        f'<w:defaultTabStop w:val="{2 * CHAR}"/>'
        '<w:characterSpacingControl w:val="compressPunctuation"/>'
        # doNotExpandShiftReturn: a justified line that ends in a line break is not stretched
        "<w:compat><w:doNotExpandShiftReturn/>"
        '<w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word"'
        ' w:val="15"/>'
        '<w:compatSetting w:name="overrideTableStyleFontSizeAndJustification"'
        ' w:uri="http://schemas.microsoft.com/office/word" w:val="1"/>'
        '<w:compatSetting w:name="enableOpenTypeFeatures"'
        ' w:uri="http://schemas.microsoft.com/office/word" w:val="1"/>'
        '<w:compatSetting w:name="doNotFlipMirrorIndents"'
        ' w:uri="http://schemas.microsoft.com/office/word" w:val="1"/>'
        "</w:compat>"
        '<w:themeFontLang w:val="en-US" w:eastAsia="zh-CN"/>'
        '<w:decimalSymbol w:val="."/><w:listSeparator w:val=","/></w:settings>'
    )


def _font_table_xml() -> str:
    """Build ``word/fontTable.xml`` so Word can substitute the fonts on any system."""
    fonts = (
        (
            BODY_FONT,
            "SimSun",
            "02010600030101010101",
            "86",
            "auto",
            "variable",
            '<w:sig w:usb0="00000003" w:usb1="288F0000" w:usb2="00000016" w:usb3="00000000"'
            ' w:csb0="00040001" w:csb1="00000000"/>',
        ),
        (
            HEADING_FONT,
            "SimHei",
            "02010609060101010101",
            "86",
            "modern",
            "fixed",
            '<w:sig w:usb0="800002BF" w:usb1="38CF7CFA" w:usb2="00000016" w:usb3="00000000"'
            ' w:csb0="00040001" w:csb1="00000000"/>',
        ),
        (
            LATIN_FONT,
            "",
            "02020603050405020304",
            "00",
            "roman",
            "variable",
            '<w:sig w:usb0="E0002EFF" w:usb1="C000785B" w:usb2="00000009" w:usb3="00000000"'
            ' w:csb0="000001FF" w:csb1="00000000"/>',
        ),
    )
    out = [f"{_DECL}<w:fonts {_NS}>"]
    for name, alt, panose, charset, family, pitch, sig in fonts:
        alt_el = f'<w:altName w:val="{alt}"/>' if alt else ""
        out.append(
            f'<w:font w:name="{name}">{alt_el}<w:panose1 w:val="{panose}"/>'
            f'<w:charset w:val="{charset}"/><w:family w:val="{family}"/>'
            f'<w:pitch w:val="{pitch}"/>{sig}</w:font>'
        )
    out.append("</w:fonts>")
    return "".join(out)


_CT = "application/vnd.openxmlformats-officedocument"

_CONTENT_TYPES = (
    f'{_DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels"'
    ' ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml"'
    f' ContentType="{_CT}.wordprocessingml.document.main+xml"/>'
    f'<Override PartName="/word/styles.xml" ContentType="{_CT}.wordprocessingml.styles+xml"/>'
    f'<Override PartName="/word/settings.xml" ContentType="{_CT}.wordprocessingml.settings+xml"/>'
    f'<Override PartName="/word/fontTable.xml" ContentType="{_CT}.wordprocessingml.fontTable+xml"/>'
    f'<Override PartName="/word/footer1.xml" ContentType="{_CT}.wordprocessingml.footer+xml"/>'
    '<Override PartName="/docProps/core.xml"'
    ' ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
    f'<Override PartName="/docProps/app.xml" ContentType="{_CT}.extended-properties+xml"/>'
    "</Types>"
)

_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_RELS = (
    f'{_DECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="word/document.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/'
    'metadata/core-properties" Target="docProps/core.xml"/>'
    f'<Relationship Id="rId3" Type="{_REL}/extended-properties" Target="docProps/app.xml"/>'
    "</Relationships>"
)
_DOC_RELS = (
    f'{_DECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    f'<Relationship Id="rId1" Type="{_REL}/styles" Target="styles.xml"/>'
    f'<Relationship Id="rId2" Type="{_REL}/settings" Target="settings.xml"/>'
    f'<Relationship Id="rId3" Type="{_REL}/fontTable" Target="fontTable.xml"/>'
    f'<Relationship Id="rId4" Type="{_REL}/footer" Target="footer1.xml"/>'
    "</Relationships>"
)
_APP = (
    f"{_DECL}<Properties"
    ' xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"'
    ' xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    "<Application>letters</Application><DocSecurity>0</DocSecurity></Properties>"
)

# Member order of the package; None marks the per-letter parts.
_ORDER = (
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
)


@functools.cache
def _static_parts() -> dict[str, bytes]:
    """Return the parts that are the same for every letter, encoded once per process."""
    return {
        "[Content_Types].xml": _CONTENT_TYPES.encode(),
        "_rels/.rels": _PKG_RELS.encode(),
        "docProps/app.xml": _APP.encode(),
        "word/_rels/document.xml.rels": _DOC_RELS.encode(),
        "word/styles.xml": _styles_xml().encode(),
        "word/settings.xml": _settings_xml().encode(),
        "word/fontTable.xml": _font_table_xml().encode(),
        "word/footer1.xml": _footer_xml().encode(),
    }


# --------------------------------------------------------------------------------------------
# Text helpers

_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# Punctuation whose width Word decides by font: hint East Asian so it takes the 宋体 glyph.
_AMBIGUOUS = re.compile(r"[\u00b7\u2014\u2018\u2019\u201c\u201d\u2022\u2026]")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z")
_T_NB_HYPHEN = '</w:t><w:noBreakHyphen/><w:t xml:space="preserve">'
_T_BREAK = '</w:t><w:br/><w:t xml:space="preserve">'
_T_TAB = '</w:t><w:tab/><w:t xml:space="preserve">'


def _esc(text: str) -> str:
    """Escape ``& < > "`` for XML character data and attribute values."""
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    if '"' in text:
        text = text.replace('"', "&quot;")
    return text


def _units(text: str) -> int:
    """Return the width of *text* in half-width units: CJK and full-width count 2, others 1."""
    return len(text) + sum(1 for ch in text if ch >= "\u1100")


def _run(text: str, bold: bool = False) -> str:
    """Return one ``w:r`` run of *text* (nothing if empty); ``\\n`` becomes ``w:br``, ``\\t`` ``w:tab``."""
    if not text:
        return ""
    body = _esc(text)
    if "-" in body:  # codes and numbers (HT-2026-0388, 0571-88886666) never break at "-"
        body = body.replace("-", _T_NB_HYPHEN)
    if "\n" in body or "\r" in body or "\t" in body:
        body = (
            body.replace("\r\n", "\n")
            .replace("\r", "\n")
            .replace("\n", _T_BREAK)
            .replace("\t", _T_TAB)
        )
    hint = '<w:rFonts w:hint="eastAsia"/>' if _AMBIGUOUS.search(text) else ""
    b = "<w:b/><w:bCs/>" if bold else ""
    rpr = f"<w:rPr>{hint}{b}</w:rPr>" if hint or b else ""
    return f'<w:r>{rpr}<w:t xml:space="preserve">{body}</w:t></w:r>'


def _runs(inlines: Inlines, bold: bool = False) -> str:
    """Return the ``w:r`` runs of *inlines*, all bold if *bold*."""
    if len(inlines) == 1:  # most paragraphs and cells are one run
        run = inlines[0]
        return _run(run.text, run.bold or bold)
    return "".join([_run(run.text, run.bold or bold) for run in inlines])


_JC = {"left": "left", "center": "center", "right": "right", "justify": "both"}


def _jc(align: Align) -> str:
    """Return the ``w:jc`` element for *align*."""
    return f'<w:jc w:val="{_JC.get(align, "both")}"/>'


# --------------------------------------------------------------------------------------------
# Blocks

_BODY_IND = f'<w:ind w:firstLineChars="200" w:firstLine="{2 * CHAR}"/>'
_KEEP = "<w:keepNext/>"


_AFTER_TABLE = '<w:spacing w:before="120"/>'


_AFTER_SIGNATURE = '<w:spacing w:before="360"/>'


def _paragraph(p: Paragraph, keep: bool, after_table: bool, spacing: str = "") -> str:
    """Return a body paragraph; one right after a table gets a little space above."""
    k = _KEEP if keep or p.keep_with_next else ""
    sp = spacing or (_AFTER_TABLE if after_table else "")
    ind = _BODY_IND if p.indent else ""
    return f"<w:p><w:pPr>{k}{sp}{ind}{_jc(p.align)}</w:pPr>{_runs(p.inlines)}</w:p>"


_HEADING_STYLE = {1: "Title", 2: "Heading1", 3: "Heading2"}


def _heading(h: Heading) -> str:
    """Return a heading paragraph: the title, ``一、`` (Heading1) or ``（一）`` (Heading2)."""
    style = _HEADING_STYLE.get(h.level, "Title" if h.level < 1 else "Heading2")
    number = _run(h.number)
    return f'<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr>{number}{_runs(h.inlines)}</w:p>'


def _list(
    block: ListBlock, out: list[str], start: int, keep_last: bool, after_table: bool = False
) -> None:
    """Append the items of *block* (and their nested lists) as hanging-indent paragraphs.

    Labels start at *start* (twips): a top-level label sits at the body's first-line indent
    of two characters, a nested one where its parent item's text starts.  The text starts
    half a character after the widest label and at least two characters after the label
    start, so wrapped lines align with the first line's text.  *keep_last* keeps the last
    paragraph with the next block; *after_table* puts a little space above the first item.
    """
    hanging = _hanging(tuple(item.label for item in block.items))
    left = start + hanging
    ppr_head = f'<w:tabs><w:tab w:val="left" w:pos="{left}"/></w:tabs>'
    ppr_tail = f'<w:ind w:left="{left}" w:hanging="{hanging}"/><w:jc w:val="both"/></w:pPr>'
    last = len(block.items) - 1
    for i, item in enumerate(block.items):
        keep = _KEEP if keep_last and i == last and not item.children else ""
        sp = _AFTER_TABLE if after_table and i == 0 else ""
        out.append(
            f"<w:p><w:pPr>{keep}{ppr_head}{sp}{ppr_tail}"
            f"{_run(item.label)}<w:r><w:tab/></w:r>{_runs(item.inlines)}</w:p>"
        )
        for j, child in enumerate(item.children):
            child_keep = keep_last and i == last and j == len(item.children) - 1
            _list(child, out, left, child_keep)


def _hanging(labels: tuple[str, ...]) -> int:
    """Return the hanging indent (twips) for labels: the widest plus half a character."""
    widest = max((_units(label) for label in labels), default=0)
    halves = max(4, widest + 1)  # in half-characters; at least two characters
    return halves * CHAR // 2


def _column_widths(cols: list[list[str]]) -> list[int]:
    """Return column widths (twips) that fill the text width, computed from the content.

    Each column has a natural width (its longest line) and a minimum (its header, its longest
    unbreakable Latin word, at least two characters).  Columns get their natural width when
    everything fits and the spare room is shared in proportion; otherwise each gets its
    minimum and the rest is shared in proportion to how much more each would like, as in the
    CSS automatic table layout.
    """
    pad = 2 * CELL_MAR + TABLE_HALF  # cell margins plus half a character of slack
    natural: list[int] = []
    minimum: list[int] = []
    for col in cols:
        widest = 4
        floor = 4
        for k, text in enumerate(col):
            for line in text.split("\n"):
                units = _units(line)
                widest = max(widest, units)
                if k == 0:  # the header should not wrap unless it is long
                    floor = max(floor, min(units, 16))
                for word in line.split():
                    if word.isascii():
                        floor = max(floor, min(len(word), 24))
        natural.append(widest * TABLE_HALF + pad)
        minimum.append(min(widest, floor) * TABLE_HALF + pad)
    total_nat = sum(natural)
    total_min = sum(minimum)
    if total_nat <= TEXT_W:
        widths = [w * TEXT_W / total_nat for w in natural]
    elif total_min >= TEXT_W:
        widths = [w * TEXT_W / total_min for w in minimum]
    else:
        widths = _share(natural, minimum)
    ints = [int(w) for w in widths]
    ints[-1] += TEXT_W - sum(ints)
    return ints


def _share(natural: list[int], minimum: list[int]) -> list[float]:
    """Share the text width when not everything fits on one line (water-filling).

    Every column starts at its minimum; the spare room is then poured in evenly, and a column
    stops growing once it reaches its natural width.  Short cells (a level, a share, an
    amount, a time) therefore never wrap while one long column is left to wrap.
    """
    widths = [float(m) for m in minimum]
    room = TEXT_W - sum(widths)
    active = [c for c in range(len(widths)) if widths[c] < natural[c]]
    while room > 1 and active:
        step = room / len(active)
        for c in list(active):
            grow = min(step, natural[c] - widths[c])
            widths[c] += grow
            room -= grow
            if widths[c] >= natural[c]:
                active.remove(c)
    total = sum(widths)
    return [w * TEXT_W / total for w in widths]


_SIDES = ("top", "left", "bottom", "right", "insideH", "insideV")
_BORDER = '<w:{0} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
_TABLE_BORDERS = (
    "<w:tblBorders>" + "".join(_BORDER.format(side) for side in _SIDES) + "</w:tblBorders>"
)


def _table(t: Table) -> str:
    """Return a bordered full-width table whose header row repeats on each page."""
    ncols = max([len(t.header), *(len(row) for row in t.rows)], default=0)
    if ncols == 0:
        return ""
    empty: tuple[Text, ...] = ()
    header = tuple(t.header) + (empty,) * (ncols - len(t.header)) if t.header else None
    rows = [tuple(row) + (empty,) * (ncols - len(row)) for row in t.rows]
    all_rows = ([header] if header else []) + rows
    cols = [["".join(r.text for r in row[c]) for row in all_rows] for c in range(ncols)]
    if not header:
        cols = [["", *col] for col in cols]  # no header: nothing sets a floor
    widths = _column_widths(cols)
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    out = [
        f'<w:tbl><w:tblPr><w:tblW w:w="{TEXT_W}" w:type="dxa"/>'
        f'<w:tblInd w:w="0" w:type="dxa"/>{_TABLE_BORDERS}<w:tblLayout w:type="fixed"/>'
        f'<w:tblCellMar><w:left w:w="{CELL_MAR}" w:type="dxa"/>'
        f'<w:right w:w="{CELL_MAR}" w:type="dxa"/></w:tblCellMar>'
        f'<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="0"'
        f' w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>'
    ]
    if header:
        out.append("<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>")
        for c, cell in enumerate(header):
            out.append(
                f'<w:tc><w:tcPr><w:tcW w:w="{widths[c]}" w:type="dxa"/>'
                '<w:shd w:val="clear" w:color="auto" w:fill="D9D9D9"/><w:vAlign w:val="center"/>'
                '</w:tcPr><w:p><w:pPr><w:pStyle w:val="TableHeading"/></w:pPr>'
                f"{_runs(cell, bold=True)}</w:p></w:tc>"
            )
        out.append("</w:tr>")
    aligns = [_jc(t.align[c]) if c < len(t.align) else '<w:jc w:val="left"/>' for c in range(ncols)]
    for row in rows:
        out.append("<w:tr><w:trPr><w:cantSplit/></w:trPr>")
        for c, cell in enumerate(row):
            out.append(
                f'<w:tc><w:tcPr><w:tcW w:w="{widths[c]}" w:type="dxa"/><w:vAlign w:val="center"/>'
                f'</w:tcPr><w:p><w:pPr><w:pStyle w:val="TableText"/>{aligns[c]}</w:pPr>'
                f"{_runs(cell)}</w:p></w:tc>"
            )
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


_SIG_BLANK = "＿" * 10
_SIG_DATE = "日期：　　　　年　　月　　日"
_NO_BORDERS = (
    "<w:tblBorders>" + "".join(f'<w:{side} w:val="nil"/>' for side in _SIDES) + "</w:tblBorders>"
)


def _sig_par(text: str, before: int) -> str:
    """Return one paragraph of a signature cell, kept with the next one."""
    return (
        f'<w:p><w:pPr><w:pStyle w:val="LetterSignature"/><w:keepNext/><w:keepLines/>'
        f'<w:spacing w:before="{before}"/></w:pPr>{_run(text)}</w:p>'
    )


def _signature(s: SignatureBlock) -> str:
    """Return the signature block: a borderless one-row table, one cell per party."""
    parties = s.parties
    if not parties:
        return ""
    right_pad = 2 * CELL_MAR
    if len(parties) == 1:
        p = parties[0]
        need = (_units(p.label) + 2 + _units(p.name)) * CHAR // 2 + right_pad + CHAR
        width = min(TEXT_W, max(TEXT_W // 2, need))
        widths = [width]
        jc = '<w:jc w:val="right"/>'
    else:
        width = TEXT_W
        share = TEXT_W // len(parties)
        widths = [share] * len(parties)
        widths[-1] += TEXT_W - share * len(parties)
        jc = ""
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    out = [
        f'<w:tbl><w:tblPr><w:tblW w:w="{width}" w:type="dxa"/>{jc}'
        f'<w:tblInd w:w="0" w:type="dxa"/>{_NO_BORDERS}<w:tblLayout w:type="fixed"/>'
        f'<w:tblCellMar><w:left w:w="0" w:type="dxa"/><w:right w:w="{right_pad}" w:type="dxa"/>'
        '</w:tblCellMar><w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0"'
        f' w:lastColumn="0" w:noHBand="1" w:noVBand="1"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>'
        "<w:tr><w:trPr><w:cantSplit/></w:trPr>"
    ]
    for p, w in zip(parties, widths, strict=True):
        label = p.label if p.label.endswith(("：", ":")) else f"{p.label}："
        # A name that does not fit after its label starts a line of its own rather than
        # breaking mid-word.
        fits = (_units(label) + _units(p.name)) * CHAR // 2 <= w - right_pad
        sep = "" if fits else "\n"
        cell = [_sig_par(f"{label}{sep}{p.name}", 2 * BODY_LINE)]
        # Room for the seal below the party's name, for a handwritten signature above each
        # 签字 line, and a little air between signers.
        for k, signer in enumerate(p.signers):
            cell.append(_sig_par(f"{signer.role}：{signer.name}", 360 if k == 0 else 240))
            cell.append(_sig_par(f"签字：{_SIG_BLANK}", 240))
            cell.append(_sig_par(_SIG_DATE, 60))
        if not p.signers:
            cell.append(_sig_par(_SIG_DATE, 360))
        out.append(f'<w:tc><w:tcPr><w:tcW w:w="{w}" w:type="dxa"/></w:tcPr>{"".join(cell)}</w:tc>')
    out.append("</w:tr></w:tbl>")
    return "".join(out)


_SECT_PR = (
    '<w:sectPr><w:footerReference w:type="default" r:id="rId4"/>'
    f'<w:pgSz w:w="{PAGE_W}" w:h="{PAGE_H}"/>'
    f'<w:pgMar w:top="{MARGIN_TOP}" w:right="{MARGIN_RIGHT}" w:bottom="{MARGIN_BOTTOM}"'
    f' w:left="{MARGIN_LEFT}" w:header="{HEADER_DIST}" w:footer="{FOOTER_DIST}" w:gutter="0"/>'
    '<w:cols w:space="425"/><w:docGrid w:linePitch="312"/></w:sectPr>'
)
# A one-twip-high paragraph after a final table, so Word does not add a full-height one
# (which could spill onto a blank page after a signature block at the foot of a page).
_END_PAR = (
    '<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="20" w:lineRule="exact"/>'
    '<w:rPr><w:sz w:val="2"/><w:szCs w:val="2"/></w:rPr></w:pPr></w:p>'
)


def _document_xml(blocks: tuple[Block, ...]) -> str:
    """Return ``word/document.xml`` for *blocks*."""
    out = [f"{_DECL}<w:document {_NS}><w:body>"]
    last = len(blocks) - 1
    for i, block in enumerate(blocks):
        # The block just before a signature block stays on the signature's page, and the
        # paragraph introducing a table stays with the table's first rows.
        keep = i < last and isinstance(blocks[i + 1], SignatureBlock | Table)
        if isinstance(block, Paragraph):
            prev = blocks[i - 1] if i else None
            if isinstance(prev, SignatureBlock):  # the date line under the signatures
                out.append(_paragraph(block, keep, False, _AFTER_SIGNATURE))
            else:
                out.append(_paragraph(block, keep, isinstance(prev, Table)))
        elif isinstance(block, Heading):
            out.append(_heading(block))
        elif isinstance(block, ListBlock):
            # A list that is not nested in an item but has depth 1 still indents further.
            start = (2 + 2 * block.depth) * CHAR
            _list(block, out, start, keep, i > 0 and isinstance(blocks[i - 1], Table))
        elif isinstance(block, Table):
            out.append(_table(block))
        elif isinstance(block, SignatureBlock):
            out.append(_signature(block))
        else:  # pragma: no cover - the node set is closed
            raise TypeError(f"unknown block type {type(block).__name__}")
    if blocks and isinstance(blocks[-1], Table | SignatureBlock):
        out.append(_END_PAR)
    out.append(f"{_SECT_PR}</w:body></w:document>")
    return "".join(out)


def _w3cdtf(created: str) -> str:
    """Return *created* (an ISO date) as a W3CDTF timestamp, or raise ``ValueError``."""
    if _DATE.fullmatch(created):
        return f"{created}T00:00:00Z"
    if _DATETIME.fullmatch(created):
        return created
    raise ValueError(f"meta.created must be an ISO date like 2026-11-22, got {created!r}")


def _core_xml(doc: Document) -> str:
    """Return ``docProps/core.xml`` from the document's meta (no clock, no user name)."""
    m = doc.meta
    out = [
        f"{_DECL}<cp:coreProperties"
        ' xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"'
        ' xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"'
        ' xmlns:dcmitype="http://purl.org/dc/dcmitype/"'
        ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
    ]
    for tag, value in (
        ("dc:title", m.title),
        ("dc:subject", m.subject),
        ("dc:creator", m.author),
        ("cp:keywords", m.keywords),
    ):
        if value:
            out.append(f"<{tag}>{_esc(value)}</{tag}>")
    if m.created:
        stamp = _w3cdtf(m.created)
        out.append(f'<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>')
        out.append(f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified>')
    out.append("</cp:coreProperties>")
    return "".join(out)


# --------------------------------------------------------------------------------------------
# Safety


def _texts(doc: Document) -> Iterator[str]:
    """Yield every string of *doc* that ends up in the package."""
    m = doc.meta
    yield from (m.title, m.subject, m.author, m.keywords, m.created)

    def lists(block: ListBlock) -> Iterator[str]:
        """Yield the labels and texts of *block* and of its nested lists."""
        for item in block.items:
            yield item.label
            yield from (run.text for run in item.inlines)
            for child in item.children:
                yield from lists(child)

    for block in doc.blocks:
        if isinstance(block, Heading):
            yield block.number
            yield from (run.text for run in block.inlines)
        elif isinstance(block, Paragraph):
            yield from (run.text for run in block.inlines)
        elif isinstance(block, ListBlock):
            yield from lists(block)
        elif isinstance(block, Table):
            for row in (block.header, *block.rows):
                for cell in row:
                    yield from (run.text for run in cell)
        elif isinstance(block, SignatureBlock):
            for party in block.parties:
                yield from (party.label, party.name)
                for signer in party.signers:
                    yield from (signer.role, signer.name)


def _reject_illegal(doc: Document) -> NoReturn:
    """Raise ``ValueError`` naming the first character of *doc* that XML 1.0 forbids."""
    for text in _texts(doc):
        m = _ILLEGAL.search(text)
        if m:
            ch = m.group()
            start = text[:30] + ("…" if len(text) > 30 else "")
            raise ValueError(
                f"character U+{ord(ch):04X} ({ch!r}) is not allowed in XML 1.0; "
                f"it occurs in the text starting {start!r}"
            )
    raise ValueError("text contains a character that XML 1.0 does not allow")  # pragma: no cover


# --------------------------------------------------------------------------------------------
# Package
#
# The zip is written by hand rather than with :mod:`zipfile`: eight of the ten parts are the
# same for every letter, so their deflated bytes, CRC-32 and local records are made once per
# process, and only ``docProps/core.xml`` and ``word/document.xml`` are deflated per letter.
# The bytes are exactly those ``zipfile.ZipFile.writestr`` gives for members with
# ``date_time=(1980, 1, 1, 0, 0, 0)``, ``create_system=0`` and deflate level 6 (zipfile then
# stores the permissions ``0o600 << 16`` as external attributes): a plain ZIP 2.0 archive
# without data descriptors, extra fields, comments or zip64 records, which Word, LibreOffice and
# python-docx open.  ``tests/test_docx_writer.py`` compares the bytes with zipfile's.

_LEVEL = 6  # deflate level of every member
_VERSION = 20  # ZIP 2.0: "version made by" and "version needed to extract" (deflate)
_DEFLATED = 8
_EXTERNAL_ATTR = 0o600 << 16  # rw------- (what zipfile writes when none is given)
_DOS_TIME = 0  # 00:00:00
_DOS_DATE = 1 << 5 | 1  # 1980-01-01


class _Member(NamedTuple):
    """Hold one zip member: its local record (header + name + deflated data) and its sums."""

    name: bytes
    record: bytes
    crc: int
    compressed: int
    size: int


@functools.cache
def _structs() -> tuple[Any, Any, Any]:
    """Return the local header, central directory header and end record structs (lazily)."""
    import struct

    return (
        struct.Struct("<4s2B4HL2L2H"),  # zipfile.structFileHeader
        struct.Struct("<4s4B4HL2L5H2L"),  # zipfile.structCentralDir
        struct.Struct("<4s4H2LH"),  # zipfile.structEndArchive
    )


def _member(name: str, data: bytes) -> _Member:
    """Deflate *data* (raw deflate, as zipfile) and return the member named *name*."""
    import zlib

    packed = zlib.compress(data, _LEVEL, -15)
    crc = zlib.crc32(data)
    raw = name.encode("ascii")
    header = _structs()[0].pack(
        b"PK\x03\x04",
        _VERSION,  # version needed to extract
        0,  # (its "system" byte)
        0,  # general purpose flags: sizes in the header, no data descriptor
        _DEFLATED,
        _DOS_TIME,
        _DOS_DATE,
        crc,
        len(packed),
        len(data),
        len(raw),
        0,  # no extra field
    )
    return _Member(raw, header + raw + packed, crc, len(packed), len(data))


@functools.cache
def _static_members() -> dict[str, _Member]:
    """Return the members of the static parts, deflated once per process."""
    return {name: _member(name, data) for name, data in _static_parts().items()}


def _central_entry(m: _Member, offset: int) -> bytes:
    """Return the central directory entry of member *m*, whose local record is at *offset*."""
    return (
        _structs()[1].pack(
            b"PK\x01\x02",
            _VERSION,  # version made by
            0,  # system: MS-DOS (create_system=0)
            _VERSION,  # version needed to extract
            0,  # (its "system" byte)
            0,  # general purpose flags
            _DEFLATED,
            _DOS_TIME,
            _DOS_DATE,
            m.crc,
            m.compressed,
            m.size,
            len(m.name),
            0,  # no extra field
            0,  # no comment
            0,  # disk number
            0,  # internal attributes
            _EXTERNAL_ATTR,
            offset,
        )
        + m.name
    )


def _zip(members: dict[str, _Member]) -> bytes:
    """Return the zip of *members* in the fixed order: local records, central directory, end."""
    out: list[bytes] = []
    directory: list[bytes] = []
    offset = 0
    for name in _ORDER:
        m = members[name]
        directory.append(_central_entry(m, offset))
        out.append(m.record)
        offset += len(m.record)
    size = sum(map(len, directory))
    count = len(directory)
    out += directory
    out.append(_structs()[2].pack(b"PK\x05\x06", 0, 0, count, count, size, offset, 0))
    return b"".join(out)


# C0 controls other than tab, newline and carriage return, as UTF-8 bytes: they only ever occur
# as themselves in UTF-8, so deleting them from the encoded part and comparing lengths finds them.
_C0_BYTES = bytes([*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20)])


def _encode(xml: str, doc: Document) -> bytes:
    """Return *xml* as UTF-8; raise ``ValueError`` if it holds a character XML 1.0 forbids.

    The spec loader already refuses control characters, but a Document built in Python never
    passes it, so one fast guard stays: the strict encoder refuses lone surrogates, deleting the
    C0 bytes shows a control character, and ``in`` finds U+FFFE/U+FFFF (a regular expression
    over the whole part costs several times more).  Only on a hit is the document scanned text
    by text, for a message naming the character and where it is.
    """
    try:
        data = xml.encode("utf-8")
    except UnicodeEncodeError:
        _reject_illegal(doc)
    if len(data.translate(None, _C0_BYTES)) != len(data) or "\ufffe" in xml or "\uffff" in xml:
        _reject_illegal(doc)
    return data


def write_docx(doc: Document) -> bytes:
    """Render *doc* as the bytes of a complete .docx package.

    The output depends only on *doc*: writing the same document twice gives identical bytes.
    Raise ``ValueError`` if any text holds a character XML 1.0 forbids (C0 controls other than
    tab, newline and carriage return, U+FFFE, U+FFFF, lone surrogates) or if
    ``meta.created`` is not an ISO date.
    """
    document = _document_xml(doc.blocks)
    core = _core_xml(doc)  # before the guard: a bad meta.created is reported first
    members = dict(_static_members())
    members["word/document.xml"] = _member("word/document.xml", _encode(document, doc))
    members["docProps/core.xml"] = _member("docProps/core.xml", _encode(core, doc))
    return _zip(members)
