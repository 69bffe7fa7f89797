"""Render the body of ``word/document.xml``: paragraphs, headings, lists and signatures."""

from __future__ import annotations

from letters.document import (
    Block,
    Heading,
    ListBlock,
    Paragraph,
    SignatureBlock,
    Table,
)

from .inline import jc_element, run, runs, text_width
from .styles import BODY_LINE, CELL_MAR, CHAR, DECL, NS, SECT_PR, TEXT_W
from .tables import NO_BORDERS, table

_BODY_IND = f'<w:ind w:firstLineChars="200" w:firstLine="{2 * CHAR}"/>'
_KEEP = "<w:keepNext/>"
_AFTER_TABLE = '<w:spacing w:before="120"/>'
_AFTER_SIGNATURE = '<w:spacing w:before="360"/>'


def _paragraph(p: Paragraph, keep: bool, after_table: bool, spacing: str = "") -> str:
    """Return a body paragraph; one right after a table gets a little space above."""
    k = _KEEP if keep or p.keep_with_next else ""
    sp = spacing or (_AFTER_TABLE if after_table else "")
    ind = _BODY_IND if p.indent else ""
    return f"<w:p><w:pPr>{k}{sp}{ind}{jc_element(p.align)}</w:pPr>{runs(p.inlines)}</w:p>"


_HEADING_STYLE = {1: "Title", 2: "Heading1", 3: "Heading2"}


def _heading(h: Heading) -> str:
    """Return a heading paragraph: the title, ``一、`` (Heading1) or ``（一）`` (Heading2)."""
    style = _HEADING_STYLE.get(h.level, "Title" if h.level < 1 else "Heading2")
    number = run(h.number)
    return f'<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr>{number}{runs(h.inlines)}</w:p>'


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
            f"{run(item.label)}<w:r><w:tab/></w:r>{runs(item.inlines)}</w:p>"
        )
        for j, child in enumerate(item.children):
            child_keep = keep_last and i == last and j == len(item.children) - 1
            _list(child, out, left, child_keep)


def _hanging(labels: tuple[str, ...]) -> int:
    """Return the hanging indent (twips) for labels: the widest plus half a character."""
    widest = max((text_width(label) for label in labels), default=0)
    halves = max(4, widest + 1)  # in half-characters; at least two characters
    return halves * CHAR // 2


_SIG_BLANK = "＿" * 10
_SIG_DATE = "日期：　　　　年　　月　　日"


def _sig_par(text: str, before: int) -> str:
    """Return one paragraph of a signature cell, kept with the next one."""
    return (
        f'<w:p><w:pPr><w:pStyle w:val="LetterSignature"/><w:keepNext/><w:keepLines/>'
        f'<w:spacing w:before="{before}"/></w:pPr>{run(text)}</w:p>'
    )


def _signature(s: SignatureBlock) -> str:
    """Return the signature block: a borderless one-row table, one cell per party."""
    parties = s.parties
    if not parties:
        return ""
    right_pad = 2 * CELL_MAR
    if len(parties) == 1:
        p = parties[0]
        need = (text_width(p.label) + 2 + text_width(p.name)) * CHAR // 2 + right_pad + CHAR
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
        f'<w:tblInd w:w="0" w:type="dxa"/>{NO_BORDERS}<w:tblLayout w:type="fixed"/>'
        f'<w:tblCellMar><w:left w:w="0" w:type="dxa"/><w:right w:w="{right_pad}" w:type="dxa"/>'
        '</w:tblCellMar><w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0"'
        f' w:lastColumn="0" w:noHBand="1" w:noVBand="1"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>'
        "<w:tr><w:trPr><w:cantSplit/></w:trPr>"
    ]
    for p, w in zip(parties, widths, strict=True):
        label = p.label if p.label.endswith(("：", ":")) else f"{p.label}："
        # A name that does not fit after its label starts a line of its own rather than
        # breaking mid-word.
        fits = (text_width(label) + text_width(p.name)) * CHAR // 2 <= w - right_pad
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


# A one-twip-high paragraph after a final table, so Word does not add a full-height one
# (which could spill onto a blank page after a signature block at the foot of a page).
_END_PAR = (
    '<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="20" w:lineRule="exact"/>'
    '<w:rPr><w:sz w:val="2"/><w:szCs w:val="2"/></w:rPr></w:pPr></w:p>'
)


def document_xml(blocks: tuple[Block, ...]) -> str:
    """Return ``word/document.xml`` for *blocks*."""
    out = [f"{DECL}<w:document {NS}><w:body>"]
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
            out.append(table(block))
        elif isinstance(block, SignatureBlock):
            out.append(_signature(block))
        else:  # pragma: no cover - the node set is closed
            raise TypeError(f"unknown block type {type(block).__name__}")
    if blocks and isinstance(blocks[-1], Table | SignatureBlock):
        out.append(_END_PAR)
    out.append(f"{SECT_PR}</w:body></w:document>")
    return "".join(out)
