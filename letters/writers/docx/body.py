"""Render the body of ``word/document.xml``: paragraphs, headings, lists and signatures.

Each paragraph and table is written together with its size as pagination sees it
(:mod:`.layout`), so the writer knows where the pages break: the footer's page count comes from
it, and so does the signature page.  When the signature block does not fit under the last
line of the body, it goes to a page of its own: the body ends with （以下无正文） and the
signature page opens with （本页无正文，为《…》之签署页）.  When it fits, neither appears.
"""

from __future__ import annotations

import re

from letters.document import (
    SIGN_BLANK,
    SIGN_DATE,
    Align,
    Block,
    Heading,
    Inlines,
    ListBlock,
    Paragraph,
    SignatureBlock,
    Table,
    Text,
    plain,
)

from .inline import REVISIONS, jc_element, mark, run, runs, tab_run, text_width
from .layout import BODY_H, Item, Par, Rows, count_lines, paginate
from .styles import (
    BODY_LINE,
    BODY_SZ,
    CELL_MAR,
    CHAR,
    DECL,
    H1_SZ,
    H2_SZ,
    NS,
    SECT_PR,
    TEXT_W,
    TITLE_SZ,
)
from .tables import NO_BORDERS, table

_BODY_IND = f'<w:ind w:firstLineChars="200" w:firstLine="{2 * CHAR}"/>'
_KEEP = "<w:keepNext/>"
_AFTER_TABLE = 120  # space above a paragraph or list right after a table (twips)
_AFTER_SIGNATURE = 360  # space above the date line under the signatures

# The signature page convention.
NO_MORE_TEXT = "（以下无正文）"
SIGNATURE_PAGE = "（本页无正文，为《{title}》之签署页）"
# Room the signature block must have to spare under the body before it may share its page: the
# layout is an estimate (see tests/test_layout_fidelity.py for how close it comes), and when in
# doubt the block goes to a page of its own, which is right whatever the body does.
SIGNATURE_MARGIN = 2 * BODY_LINE


class _Body:
    """Collect the XML of the body and, item by item, its layout."""

    def __init__(self) -> None:
        self.xml: list[str] = []
        self.items: list[Item] = []

    def par(self, xml: str, item: Par) -> None:
        self.xml.append(xml)
        self.items.append(item)


# An e-mail address or a web address cannot break; in a justified paragraph the line before it
# would be stretched into wide gaps (LibreOffice and Word both do), so such a paragraph is set
# ragged right.
_UNBREAKABLE_ADDRESS = re.compile(
    r"[!-~]+@[!-~]+\.[A-Za-z]{2,}|https?://[!-~]+|(?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,}[!-~]*"
)
_LONG_ADDRESS = 12  # characters: a bare domain (support.example.cn), not 1.2ms or V2.3


def _jc(align: Align, text: str) -> str:
    """Return the ``w:jc`` of a body paragraph: left instead of justified around an address."""
    if (
        align == "justify"
        and "." in text
        and any(len(m.group()) >= _LONG_ADDRESS for m in _UNBREAKABLE_ADDRESS.finditer(text))
    ):
        return jc_element("left")
    return jc_element(align)


def _paragraph(
    out: _Body, p: Paragraph, keep: bool, before: int = 0, page_break: bool = False
) -> None:
    """Append a body paragraph; *before* is the space above it (twips)."""
    keep = keep or p.keep_with_next
    k = _KEEP if keep else ""
    pb = "<w:pageBreakBefore/>" if page_break else ""
    sp = f'<w:spacing w:before="{before}"/>' if before else ""
    ind = _BODY_IND if p.indent else ""
    lines = count_lines(plain(p.inlines), TEXT_W, BODY_SZ, 2 * CHAR if p.indent else 0)
    out.par(
        f"<w:p><w:pPr>{k}{pb}{sp}{ind}{_jc(p.align, plain(p.inlines))}{mark()}</w:pPr>"
        f"{runs(p.inlines)}</w:p>",
        Par(lines, BODY_LINE, before, keep_next=keep, page_break=page_break),
    )


# style, size, line pitch, space before and after, first-line indent (see styles.py)
_HEADING = {
    1: ("Title", TITLE_SZ, 720, 0, 480, 0),
    2: ("Heading1", H1_SZ, 480, 240, 120, 0),
    3: ("Heading2", H2_SZ, BODY_LINE, 120, 60, 2 * CHAR),
}


def _heading(out: _Body, h: Heading) -> None:
    """Append a heading paragraph: the title, ``一、`` (Heading1) or ``（一）`` (Heading2)."""
    style, sz, line, before, after, first = _HEADING[max(1, min(h.level, 3))]
    number = run(h.number)
    lines = count_lines(h.number + plain(h.inlines), TEXT_W, sz, first, bold=True)
    out.par(
        f'<w:p><w:pPr><w:pStyle w:val="{style}"/>{mark()}</w:pPr>{number}{runs(h.inlines)}</w:p>',
        Par(lines, line, before, after, keep_next=True, keep_lines=True),
    )


def _list(
    out: _Body, block: ListBlock, start: int, keep_last: bool, after_table: bool = False
) -> None:
    """Append the items of *block* (and their nested lists) as hanging-indent paragraphs.

    Labels start at *start* (twips): a top-level label sits at the body's first-line indent
    of two characters, a nested one where its parent item's text starts.  The text starts
    half a character after the widest label and at least two characters after the label
    start, so wrapped lines align with the first line's text.  *keep_last* keeps the last
    paragraph with the next block; an item with a nested list stays with its first item;
    *after_table* puts a little space above the first item.
    """
    hanging = _hanging(tuple(item.label for item in block.items))
    left = start + hanging
    ppr_head = f'<w:tabs><w:tab w:val="left" w:pos="{left}"/></w:tabs>'
    ppr_tail = f'<w:ind w:left="{left}" w:hanging="{hanging}"/><w:jc w:val="both"/>'
    last = len(block.items) - 1
    for i, item in enumerate(block.items):
        keep = bool(item.children) or (keep_last and i == last)
        before = _AFTER_TABLE if after_table and i == 0 else 0
        sp = f'<w:spacing w:before="{before}"/>' if before else ""
        lines = count_lines(plain(item.inlines), TEXT_W - left, BODY_SZ)
        saved = _enter(item.change)
        label = runs(item.label_runs) if item.label_runs else run(item.label)
        out.par(
            f"<w:p><w:pPr>{_KEEP if keep else ''}{ppr_head}{sp}{ppr_tail}{mark()}</w:pPr>"
            f"{label}{tab_run()}{runs(item.inlines)}</w:p>",
            Par(lines, BODY_LINE, before, keep_next=keep),
        )
        _leave(saved)
        for j, child in enumerate(item.children):
            child_keep = keep_last and i == last and j == len(item.children) - 1
            _list(out, child, left, child_keep)


def _hanging(labels: tuple[str, ...]) -> int:
    """Return the hanging indent (twips) for labels: the widest plus half a character."""
    widest = max((text_width(label) for label in labels), default=0)
    halves = max(4, widest + 1)  # in half-characters; at least two characters
    return halves * CHAR // 2


def _sig_par(text: str | Inlines, before: int, change: str = "") -> str:
    """Return one paragraph of a signature cell, kept with the next one; *change* is a
    redline's tracked change of the whole paragraph."""
    saved = _enter(change) if change else None
    xml = (
        f'<w:p><w:pPr><w:pStyle w:val="LetterSignature"/><w:keepNext/><w:keepLines/>'
        f'<w:spacing w:before="{before}"/>{mark()}</w:pPr>'
        f"{run(text) if isinstance(text, str) else runs(text)}</w:p>"
    )
    _leave(saved)
    return xml


def _accepted(text: str | Inlines) -> str:
    """Return the text of a signature line as the new letter reads it (for its height)."""
    if isinstance(text, str):
        return text
    return "".join(r.text for r in text if r.change != "del")


def _joined(*parts: str | Inlines) -> str | Inlines:
    """Return *parts* as one string, or as runs when a redline gave runs for any of them."""
    if all(isinstance(p, str) for p in parts):
        return "".join(parts)  # type: ignore[arg-type]
    return tuple(r for p in parts for r in ((Text(p),) if isinstance(p, str) else p) if r.text)


def _enter(change: str) -> str | None:
    """Make *change* the tracked change of what is written next (in a redline); return the
    one it replaces, for :func:`_leave` (None outside a redline)."""
    rev = REVISIONS.get()
    if rev is None:
        return None
    saved, rev.block = rev.block, change
    return saved


def _leave(saved: str | None) -> None:
    """Restore the tracked change that :func:`_enter` replaced."""
    rev = REVISIONS.get()
    if rev is not None and saved is not None:
        rev.block = saved


def _signature(s: SignatureBlock) -> tuple[str, Rows]:
    """Return the signature block, a borderless one-row table with one cell per party, and
    its height."""
    parties = s.parties
    if not parties:
        return "", Rows([])
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
        f"<w:tr><w:trPr><w:cantSplit/>{_row_change(s.change)}</w:trPr>"
    ]
    tallest = 0
    for p, w in zip(parties, widths, strict=True):
        label = p.label if p.label.endswith(("：", ":")) else f"{p.label}："
        # A name that does not fit after its label starts a line of its own rather than
        # breaking mid-word.
        fits = (text_width(label) + text_width(p.name)) * CHAR // 2 <= w - right_pad
        sep = "" if fits else "\n"
        name = p.name_runs or p.name
        lines: list[tuple[str | Inlines, int, str]] = [
            (_joined(f"{label}{sep}", name), 2 * BODY_LINE, "")
        ]
        # Room for the seal below the party's name, for a handwritten signature above each
        # 签字 line, and a little air between signers.  A signer without a name leaves the
        # line to be filled in by hand.
        for k, signer in enumerate(p.signers):
            gap = 360 if k == 0 else 240
            role, ch = signer.role_runs or signer.role, signer.change
            if signer.name:
                lines.append((_joined(role, "：", signer.name_runs or signer.name), gap, ch))
                lines.append((f"签字：{SIGN_BLANK}", 240, ch))
            else:
                lines.append((_joined(role, "签字："), gap, ch))
                lines.append((SIGN_BLANK, 240, ch))
            lines.append((SIGN_DATE, 60, ch))
        if not p.signers:
            lines.append((SIGN_DATE, 360, ""))
        out.append(
            f'<w:tc><w:tcPr><w:tcW w:w="{w}" w:type="dxa"/></w:tcPr>'
            + "".join(_sig_par(text, before, ch) for text, before, ch in lines)
            + "</w:tc>"
        )
        height = sum(
            before + count_lines(_accepted(text), w - right_pad, BODY_SZ, hang=False) * BODY_LINE
            for text, before, _ch in lines
        )
        tallest = max(tallest, height)
    out.append("</w:tr></w:tbl>")
    # Its paragraphs keep with the next one, which Word honours for the date line under the
    # block; LibreOffice does not, so pagination does not count on it.
    return "".join(out), Rows([tallest])


# A one-twip-high paragraph after a final table, so Word does not add a full-height one
# (which could spill onto a blank page after a signature block at the foot of a page).
_END_PAR = (
    '<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="20" w:lineRule="exact"/>'
    '<w:rPr><w:sz w:val="2"/><w:szCs w:val="2"/></w:rPr></w:pPr></w:p>'
)


def _row_change(change: str) -> str:
    """Return the ``w:ins``/``w:del`` of a table row's properties in a redline (or "")."""
    rev = REVISIONS.get()
    if rev is None or not change:
        return ""
    tag = "w:del" if change == "del" else "w:ins"
    return f'<{tag} w:id="{rev.ident()}" {rev.attrs}/>'


def _blocks(out: _Body, blocks: tuple[Block, ...], keep_last: bool) -> None:
    """Append *blocks*; the last one keeps with what follows if *keep_last*."""
    if REVISIONS.get() is None:  # every render
        for i in range(len(blocks)):
            _block(out, blocks, i, keep_last)
        return
    for i, block in enumerate(blocks):
        saved = _enter(getattr(block, "change", ""))
        _block(out, blocks, i, keep_last)
        _leave(saved)


def _block(out: _Body, blocks: tuple[Block, ...], i: int, keep_last: bool) -> None:
    """Append block *i* of *blocks*."""
    last = len(blocks) - 1
    block = blocks[i]
    nxt = blocks[i + 1] if i < last else None
    prev = blocks[i - 1] if i else None
    # The block just before a signature block stays on the signature's page, the paragraph
    # introducing a table stays with the table's first rows, and a sentence introducing a
    # list (ending in a colon) with the list's first item.
    keep = isinstance(nxt, SignatureBlock | Table) or (keep_last and i == last)
    if isinstance(block, Paragraph):
        if isinstance(nxt, ListBlock) and plain(block.inlines).rstrip().endswith(("：", ":")):
            keep = True
        if isinstance(prev, SignatureBlock):  # the date line under the signatures
            _paragraph(out, block, keep, _AFTER_SIGNATURE)
        else:
            _paragraph(out, block, keep, _AFTER_TABLE if isinstance(prev, Table) else 0)
    elif isinstance(block, Heading):
        _heading(out, block)
    elif isinstance(block, ListBlock):
        # A list that is not nested in an item but has depth 1 still indents further.
        start = (2 + 2 * block.depth) * CHAR
        _list(out, block, start, keep, isinstance(prev, Table))
    elif isinstance(block, Table):
        xml, rows = table(block)  # a table does not keep with what follows it
        out.xml.append(xml)
        out.items.append(rows)
    elif isinstance(block, SignatureBlock):
        xml, rows = _signature(block)
        out.xml.append(xml)
        out.items.append(rows)
    else:  # pragma: no cover - the node set is closed
        raise TypeError(f"unknown block type {type(block).__name__}")


def _signature_fits(body: list[Item], signature: list[Item]) -> tuple[bool, int]:
    """Tell whether the signature block and what follows it (the date line) fit, with the
    margin to spare, on the page where the body ends, without moving any of the body; and how
    many pages the letter takes if they do."""
    placed = paginate(body)
    pages = paginate([*body, *signature]).pages
    if pages > placed.pages:
        return False, pages
    return placed.end + _height(signature) + SIGNATURE_MARGIN <= BODY_H, pages


def _height(items: list[Item]) -> int:
    """Return the height of *items* laid one under the other (spacing included)."""
    total = 0
    for item in items:
        if isinstance(item, Par):
            total += item.before + item.height() + item.after
        else:
            total += sum(item.heights)
    return total


def document_xml(blocks: tuple[Block, ...], title: str = "") -> tuple[str, int]:
    """Return ``word/document.xml`` for *blocks* and the number of pages it should take.

    A signature page of its own names the letter by its first level-1 heading, or *title*.
    """
    sig = max((i for i, b in enumerate(blocks) if isinstance(b, SignatureBlock)), default=-1)
    out = _Body()
    pages = 0
    if sig < 0:
        _blocks(out, blocks, False)
    else:
        head, tail = blocks[:sig], blocks[sig:]
        _blocks(out, head, True)  # the end of the body keeps with what follows it
        signature = _Body()
        _blocks(signature, tail, False)
        fits, pages = _signature_fits(out.items, signature.items) if head else (True, 0)
        rev = REVISIONS.get()
        change = ""
        if rev is not None and rev.signature_page is not None and head:
            # a redline: the markers the old and the new letter had, as tracked changes
            had, has = rev.signature_page
            fits, pages = not (had or has), 0
            change = "" if had == has else "ins" if has else "del"
        if not fits:
            pages = 0
            after_table = _AFTER_TABLE if isinstance(head[-1], Table) else 0
            saved = _enter(change)
            _paragraph(out, Paragraph((Text(NO_MORE_TEXT),)), False, after_table)
            name = next(
                (plain(b.inlines) for b in blocks if isinstance(b, Heading) and b.level <= 1),
                title,
            )
            marker = Paragraph((Text(SIGNATURE_PAGE.format(title=name)),), "left", indent=False)
            _paragraph(out, marker, True, page_break=True)
            _leave(saved)
        out.xml += signature.xml
        out.items += signature.items
    if blocks and isinstance(blocks[-1], Table | SignatureBlock):
        out.par(_END_PAR, Par(1, 20))
    if not pages:
        pages = paginate(out.items).pages if out.items else 1
    xml = f"{DECL}<w:document {NS}><w:body>{''.join(out.xml)}{SECT_PR}</w:body></w:document>"
    return xml, pages
