"""Lay out tables: column widths shared from the content, borders and the bordered table."""

from __future__ import annotations

from letters.document import Table, Text

from .inline import jc_element, runs, text_width
from .styles import CELL_MAR, TABLE_HALF, TEXT_W


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
                units = text_width(line)
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
# The signature block is a table too, without borders.
NO_BORDERS = (
    "<w:tblBorders>" + "".join(f'<w:{side} w:val="nil"/>' for side in _SIDES) + "</w:tblBorders>"
)


def table(t: Table) -> str:
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
                f"{runs(cell, bold=True)}</w:p></w:tc>"
            )
        out.append("</w:tr>")
    aligns = [
        jc_element(t.align[c]) if c < len(t.align) else '<w:jc w:val="left"/>' for c in range(ncols)
    ]
    for row in rows:
        out.append("<w:tr><w:trPr><w:cantSplit/></w:trPr>")
        for c, cell in enumerate(row):
            out.append(
                f'<w:tc><w:tcPr><w:tcW w:w="{widths[c]}" w:type="dxa"/><w:vAlign w:val="center"/>'
                f'</w:tcPr><w:p><w:pPr><w:pStyle w:val="TableText"/>{aligns[c]}</w:pPr>'
                f"{runs(cell)}</w:p></w:tc>"
            )
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)
