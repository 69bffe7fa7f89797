"""Define the house layout: page setup, typography and the static styles, settings and footer."""

# Layout follows GB/T 9704 where it applies to a firm's letter: A4, margins 37/35/28/26 mm
# (top/bottom/left/right), 宋体 小四 body on an exact 22 pt line pitch, 黑体 headings, a 宋体
# 二号 bold centred title and Times New Roman for Latin text.

from __future__ import annotations

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

# The section properties that close ``word/document.xml``: page size, margins and the footer
# (``rId4`` is the footer's id in the document relationships, see ``package.py``).
SECT_PR = (
    '<w:sectPr><w:footerReference w:type="default" r:id="rId4"/>'
    f'<w:pgSz w:w="{PAGE_W}" w:h="{PAGE_H}"/>'
    f'<w:pgMar w:top="{MARGIN_TOP}" w:right="{MARGIN_RIGHT}" w:bottom="{MARGIN_BOTTOM}"'
    f' w:left="{MARGIN_LEFT}" w:header="{HEADER_DIST}" w:footer="{FOOTER_DIST}" w:gutter="0"/>'
    '<w:cols w:space="425"/><w:docGrid w:linePitch="312"/></w:sectPr>'
)

# --------------------------------------------------------------------------------------------
# Typography

LATIN_FONT = "Times New Roman"
BODY_FONT = "宋体"  # SimSun
HEADING_FONT = "黑体"  # SimHei

# The East Asian fonts and language of each locale: (body font, heading font, w:lang).  A
# Traditional letter asks for 新細明體 (PMingLiU) in Taiwan and 細明體_HKSCS (MingLiU_HKSCS, with
# the Hong Kong characters) in Hong Kong, headings in 微軟正黑體 (Microsoft JhengHei): the fonts
# Windows and Office install.  Where they are missing (Linux, LibreOffice), the w:lang of the
# text makes LibreOffice fall back to a Traditional Chinese font it has (Noto Serif/Sans CJK TC
# or HK from fonts-noto-cjk), never to a Simplified or Japanese one.
FONTS = {
    "zh-Hans-CN": (BODY_FONT, HEADING_FONT, "zh-CN"),
    "zh-Hant-TW": ("新細明體", "微軟正黑體", "zh-TW"),
    "zh-Hant-HK": ("細明體_HKSCS", "微軟正黑體", "zh-HK"),
}

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
# Static parts of ``word/``: the same for every letter

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
NS = f'xmlns:w="{_W}" xmlns:r="{_R}"'


def _lang(east_asia: str) -> str:
    return f'<w:lang w:val="en-US" w:eastAsia="{east_asia}" w:bidi="ar-SA"/>'


def _fonts(east_asia: str) -> str:
    """Return a ``w:rFonts`` element with *east_asia* for CJK and Times New Roman for Latin."""
    return (
        f'<w:rFonts w:ascii="{LATIN_FONT}" w:eastAsia="{east_asia}" '
        f'w:hAnsi="{LATIN_FONT}" w:cs="{LATIN_FONT}"/>'
    )


def _style_rpr(east_asia: str, sz: int, bold: bool = False, lang: str = "zh-CN") -> str:
    """Return a style's ``w:rPr``: fonts, optional bold, size and languages."""
    b = "<w:b/><w:bCs/>" if bold else ""
    return (
        f'<w:rPr>{_fonts(east_asia)}{b}<w:sz w:val="{sz}"/><w:szCs w:val="{sz}"/>'
        f"{_lang(lang)}</w:rPr>"
    )


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


def styles_xml(locale: str = "zh-Hans-CN") -> str:
    """Build ``word/styles.xml`` with only the styles the writer uses, in *locale*'s fonts."""
    body_font, heading_font, lang = FONTS[locale]

    def _rpr(east_asia: str, sz: int, bold: bool = False) -> str:
        face = {BODY_FONT: body_font, HEADING_FONT: heading_font}[east_asia]
        return _style_rpr(face, sz, bold, lang)

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
    return f"{DECL}<w:styles {NS}>{''.join(styles)}</w:styles>"


def _field(instr: str, shown: int) -> str:
    """Return the runs of a complex field showing *shown* until the application updates it."""
    return (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r><w:instrText xml:space="preserve"> {instr} \\* MERGEFORMAT </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        f"<w:r><w:t>{shown}</w:t></w:r>"
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )


def footer_xml(pages: int = 1, locale: str = "zh-Hans-CN") -> str:
    """Build ``word/footer1.xml``: a centred ``第1页 共7页`` with PAGE and NUMPAGES fields.

    The digits sit next to 第 and 页 as in the body text (Word and LibreOffice add the usual
    quarter-em between Chinese and Latin text themselves).  The cached results, shown by a
    reader that does not update fields, are page 1 and the page count the writer estimated.
    """
    page = "页" if locale == "zh-Hans-CN" else "頁"
    return (
        f'{DECL}<w:ftr {NS}><w:p><w:pPr><w:pStyle w:val="Footer"/></w:pPr>'
        "<w:r><w:t>第</w:t></w:r>"
        f"{_field('PAGE', 1)}"
        f'<w:r><w:t xml:space="preserve">{page} 共</w:t></w:r>'
        f"{_field('NUMPAGES', pages)}"
        f"<w:r><w:t>{page}</w:t></w:r>"
        "</w:p></w:ftr>"
    )


def settings_xml(locale: str = "zh-Hans-CN") -> str:
    """Build ``word/settings.xml``: Chinese punctuation handling and Word 2013+ layout."""
    return (
        f'{DECL}<w:settings {NS}><w:zoom w:percent="100"/>'
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
        f'<w:themeFontLang w:val="en-US" w:eastAsia="{FONTS[locale][2]}"/>'
        '<w:decimalSymbol w:val="."/><w:listSeparator w:val=","/></w:settings>'
    )


_TRADITIONAL_FACES = {  # name: (other name, panose, charset 88 = Big5, family, pitch, signature)
    "新細明體": ("PMingLiU", "02020500000000000000", "88", "roman", "variable"),
    "細明體_HKSCS": ("MingLiU_HKSCS", "02020509000000000000", "88", "modern", "fixed"),
    "微軟正黑體": ("Microsoft JhengHei", "020B0604030504040204", "88", "swiss", "variable"),
}
_BIG5_SIG = (
    '<w:sig w:usb0="A00002FF" w:usb1="28CFFCFA" w:usb2="00000016" w:usb3="00000000"'
    ' w:csb0="00100001" w:csb1="00000000"/>'
)


def font_table_xml(locale: str = "zh-Hans-CN") -> str:
    """Build ``word/fontTable.xml`` so Word can substitute the fonts on any system."""
    body_font, heading_font, _lang_tag = FONTS[locale]
    traditional = tuple(
        (name, *_TRADITIONAL_FACES[name], _BIG5_SIG)
        for name in dict.fromkeys((body_font, heading_font))
        if name in _TRADITIONAL_FACES
    )
    fonts = (
        *traditional,
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
    if traditional:  # the Simplified faces are not asked for by a Traditional letter
        fonts = fonts[: len(traditional)] + fonts[-1:]
    out = [f"{DECL}<w:fonts {NS}>"]
    for name, alt, panose, charset, family, pitch, sig in fonts:
        alt_el = f'<w:altName w:val="{alt}"/>' if alt else ""
        out.append(
            f'<w:font w:name="{name}">{alt_el}<w:panose1 w:val="{panose}"/>'
            f'<w:charset w:val="{charset}"/><w:family w:val="{family}"/>'
            f'<w:pitch w:val="{pitch}"/>{sig}</w:font>'
        )
    out.append("</w:fonts>")
    return "".join(out)


def watermark_header_xml() -> str:
    """Build ``word/header1.xml`` of a draft: a large diagonal 草稿 behind the text of every
    page, as Word's own watermarks are made (a VML text path in the header), which Word, WPS
    and LibreOffice all show and print."""
    v = "urn:schemas-microsoft-com:vml"
    o = "urn:schemas-microsoft-com:office:office"
    w10 = "urn:schemas-microsoft-com:office:word"
    style = (
        "position:absolute;margin-left:0;margin-top:0;width:420pt;height:210pt;rotation:315;"
        "z-index:-251657216;mso-position-horizontal:center;mso-position-horizontal-relative:margin;"
        "mso-position-vertical:center;mso-position-vertical-relative:margin"
    )
    return (
        f'{DECL}<w:hdr {NS} xmlns:v="{v}" xmlns:o="{o}" xmlns:w10="{w10}">'
        '<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
        "<w:r><w:pict>"
        '<v:shapetype id="_x0000_t136" coordsize="21600,21600" o:spt="136" adj="10800"'
        ' path="m@7,l@8,m@5,21600l@6,21600e">'
        '<v:formulas><v:f eqn="sum #0 0 10800"/><v:f eqn="prod #0 2 1"/>'
        '<v:f eqn="sum 21600 0 @1"/><v:f eqn="sum 0 0 @2"/><v:f eqn="sum 21600 0 @3"/>'
        '<v:f eqn="if @0 @3 0"/><v:f eqn="if @0 21600 @1"/><v:f eqn="if @0 0 @2"/>'
        '<v:f eqn="if @0 @4 21600"/><v:f eqn="mid @5 @6"/><v:f eqn="mid @8 @5"/>'
        '<v:f eqn="mid @7 @8"/><v:f eqn="mid @6 @7"/><v:f eqn="sum @6 0 @5"/></v:formulas>'
        '<v:path textpathok="t" o:connecttype="custom"'
        ' o:connectlocs="@9,0;@10,10800;@11,21600;@12,10800" o:connectangles="270,180,90,0"/>'
        '<v:textpath on="t" fitshape="t"/><o:lock v:ext="edit" text="t" shapetype="t"/>'
        "</v:shapetype>"
        f'<v:shape id="PowerPlusWaterMarkObject1" o:spid="_x0000_s1025" type="#_x0000_t136"'
        f' style="{style}" o:allowincell="f" fillcolor="#c8c8c8" stroked="f">'
        '<v:fill opacity=".5"/>'
        f'<v:textpath style="font-family:&quot;{HEADING_FONT}&quot;;font-size:1pt" string="草稿"/>'
        '<w10:wrap anchorx="margin" anchory="margin"/></v:shape>'
        "</w:pict></w:r></w:p></w:hdr>"
    )
