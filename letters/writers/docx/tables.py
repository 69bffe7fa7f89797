"""Lay out tables: column widths shared from the content, borders and the bordered table."""

from __future__ import annotations

import functools
import re

from letters.document import Table, Text

from .inline import REVISIONS, Revisions, jc_element, mark, runs
from .layout import Rows, count_lines, measure
from .styles import CELL_MAR, TABLE_LINE, TABLE_SZ, TEXT_W

# A line of a cell at most this wide (about nine characters of table text) is a short phrase
# (a level name, 15分钟, （7×24小时）, 即3,600.00元/小时): it should never wrap, and a column is
# made wide enough for all of its short lines whenever the table can afford it.
SHORT = 9 * TABLE_SZ * 10
# What a column holds beyond the measured text: estimates of glyph widths are never exact.
SLACK = 40
# What a wrapped short phrase costs, in twips of table height, when the widths are shared: in a
# body cell (a level name, a unit) as much as four lines, in the header row (which can take a
# second line more gracefully) two.
_WRAPPED_CELL = 4 * TABLE_LINE
_WRAPPED_HEADER = 2 * TABLE_LINE
# A cell paragraph: 2 pt above and below its lines (see the TableText style), plus the border.
_CELL_PAD = 80 + 10

# Inside a longer line, what must not be cut: an amount or count with its unit
# (3,600.00元/小时, 15分钟), a unit of the form 元/小时, a short bracketed phrase.
_PHRASE = re.compile(
    r"[0-9][0-9,.]*(?:[%‰]|[\u4e00-\u9fff]{1,2}(?:/[\u4e00-\u9fff]{1,2})?)"
    r"|[\u4e00-\u9fff]{1,2}/[\u4e00-\u9fff]{1,2}"
    r"|（[^（）]{1,6}）"
)


def _pieces(line: str, bold: bool) -> int:
    """Return the width of the widest piece of a long *line* that must stay on one line."""
    widest = 2 * TABLE_SZ * 10  # at least two characters
    for m in _PHRASE.finditer(line):
        widest = max(widest, measure(m.group(), TABLE_SZ, bold))
    for word in re.findall(r"[!-~\u00d7\u2013\u2060]+", line):  # Latin words and glued codes
        widest = max(widest, measure(word, TABLE_SZ, bold))
    return widest


class _Column:
    """The lines of one column and what they need."""

    def __init__(self, cells: list[str], header: bool) -> None:
        self.cells = cells
        self.bold = [header and k == 0 for k in range(len(cells))]
        self.lines: list[tuple[int, int]] = []  # (width, cost if it wraps) of every line
        floor = 0  # the narrowest width that cuts nothing that must stay whole
        for text, bold in zip(cells, self.bold, strict=True):
            for line in text.split("\n"):
                width = measure(line, TABLE_SZ, bold) if line else 0
                cost = 0 if width > SHORT else _WRAPPED_HEADER if bold else _WRAPPED_CELL
                self.lines.append((width, cost))
                floor = max(floor, min(width, _pieces(line, bold)))
        self.floor = floor + SLACK
        self.natural = max([w for w, _ in self.lines] + [floor]) + SLACK
        self.phrases = max([w for w, cost in self.lines if cost] + [floor]) + SLACK
        # The widths worth trying: where a line stops wrapping, or takes one line fewer.
        self.targets = sorted(
            {
                w // k + SLACK + (TABLE_SZ * 10 if k > 1 else 0)
                for w, _ in self.lines
                for k in range(1, 7)
            }
            | {self.floor}
        )
        # The widths at which a short phrase stops wrapping: always worth trying, however many
        # narrower targets come first.
        self.fits = {w + SLACK for w, cost in self.lines if cost}
        self._seen: dict[int, tuple[list[int], int]] = {}

    def at(self, width: int) -> tuple[list[int], int]:
        """Return the cells' heights and the cost of the short phrases that wrap when the
        column's text is *width* twips wide."""
        got = self._seen.get(width)
        if got is None:
            heights = [
                count_lines(text, width, TABLE_SZ, bold=bold, hang=False) * TABLE_LINE
                for text, bold in zip(self.cells, self.bold, strict=True)
            ]
            wrapped = sum(cost for w, cost in self.lines if cost and w + SLACK > width)
            got = self._seen[width] = (heights, wrapped)
        return got


def _cost(cols: list[_Column], widths: list[int]) -> int:
    """Return the table's height plus what its wrapped short phrases cost."""
    evaluated = [col.at(w) for col, w in zip(cols, widths, strict=True)]
    rows = zip(*(heights for heights, _ in evaluated), strict=True)
    return sum(map(max, rows)) + sum(wrapped for _, wrapped in evaluated)


# Cell margins, left and right: Word's default, or narrower when that keeps the short phrases
# of a crowded table whole.
_MARGINS = (CELL_MAR, 90, 72)


def _margin(cols: list[_Column]) -> int:
    """Return the widest cell margin with which every column's short phrases fit."""
    for margin in _MARGINS:
        if sum(c.phrases for c in cols) <= TEXT_W - 2 * margin * len(cols):
            return margin
    return CELL_MAR


def _column_widths(cols: list[_Column], margin: int = CELL_MAR) -> list[int]:
    """Return text widths (twips, without cell margins) that share the table's width.

    When every line fits, the columns get their natural widths and share the spare room in
    proportion.  Otherwise every column starts at its floor (its longest code or amount with
    its unit, at least two characters) and the rest of the room goes where it lowers the
    table most: the rows' heights plus a heavy cost for each short phrase that wraps, so the
    level names, units and short phrases are kept whole before a long description column is
    made wider.  A greedy pass gives the room away step by step; moves of room from one
    column to another then undo its short-sighted choices.
    """
    room = TEXT_W - 2 * margin * len(cols)
    natural = [c.natural for c in cols]
    if sum(natural) <= room:
        widths = [n * room // sum(natural) for n in natural]
        widths[-1] += room - sum(widths)
        return widths
    widths = [c.floor for c in cols]
    if sum(widths) > room:  # even the floors do not fit: share in proportion to them
        total = sum(widths)
        widths = [w * room // total for w in widths]
        widths[-1] += room - sum(widths)
        return widths
    current = _cost(cols, widths)
    while True:  # greedy: the best gain per twip that the spare room affords
        spare = room - sum(widths)
        best: tuple[float, int, int] | None = None
        evals = [col.at(w) for col, w in zip(cols, widths, strict=True)]
        for c, col in enumerate(cols):
            # the rows' heights without this column, and the other columns' wrapped phrases
            others = [
                max(row)
                for row in zip(*(e[0] for k, e in enumerate(evals) if k != c), strict=False)
            ]
            rest = current - sum(map(max, zip(others, evals[c][0], strict=True))) - evals[c][1]
            near = [t for t in col.targets if widths[c] < t <= widths[c] + spare][:4]
            fits = [t for t in col.fits if widths[c] < t <= widths[c] + spare]
            for target in sorted({*near, *fits}):
                heights, wrapped = col.at(target)
                trial = rest + sum(map(max, zip(others, heights, strict=True))) + wrapped
                gain = (current - trial) / (target - widths[c])
                if gain > 0 and (best is None or gain > best[0]):
                    best = (gain, c, target)
        if best is None:
            break
        widths[best[1]] = best[2]
        current = _cost(cols, widths)
    for _ in range(4 * len(cols)):  # moves: one column gives room, another takes it
        spare = room - sum(widths)
        move: tuple[int, list[int]] | None = None
        for b, taker in enumerate(cols):
            wrapped = taker.at(widths[b])[1]
            if not wrapped:  # moves are for short phrases that still wrap
                continue
            near = [t for t in taker.targets if t > widths[b]][:4]
            for target in sorted({*near, *(t for t in taker.fits if t > widths[b])}):
                if taker.at(target)[1] >= wrapped:
                    continue
                need = target - widths[b] - spare
                for a, giver in enumerate(cols):
                    if a == b or need <= 0:
                        continue
                    smaller = [t for t in giver.targets if giver.floor <= t <= widths[a] - need]
                    if not smaller:
                        continue
                    trial_widths = list(widths)
                    trial_widths[a], trial_widths[b] = smaller[-1], target
                    trial = _cost(cols, trial_widths)
                    if trial < current and (move is None or trial < move[0]):
                        move = (trial, trial_widths)
        if move is None:
            break
        current, widths = move
    # What is left goes to the columns that still wrap, in proportion to what they lack.
    spare = room - sum(widths)
    lack = [max(0, n - w) for n, w in zip(natural, widths, strict=True)]
    weights = lack if sum(lack) else widths
    widths = [w + spare * x // sum(weights) for w, x in zip(widths, weights, strict=True)]
    widths[-1] += room - sum(widths)
    return widths


_SIDES = ("top", "left", "bottom", "right", "insideH", "insideV")
_BORDER = '<w:{0} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
_TABLE_BORDERS = (
    "<w:tblBorders>" + "".join(_BORDER.format(side) for side in _SIDES) + "</w:tblBorders>"
)
# The signature block is a table too, without borders.
NO_BORDERS = (
    "<w:tblBorders>" + "".join(f'<w:{side} w:val="nil"/>' for side in _SIDES) + "</w:tblBorders>"
)


_DIGITS = re.compile(r"[0-9]")


@functools.lru_cache(maxsize=256)
def _layout(
    key: tuple[tuple[str, ...], ...], header: bool
) -> tuple[int, tuple[int, ...], tuple[int, ...]]:
    """Return the cell margin, the columns' text widths and the rows' heights of a table
    whose cells' texts are *key*, column by column."""
    cols = [_Column(list(column), header) for column in key]
    margin = _margin(cols)
    text_widths = _column_widths(cols, margin)
    heights = [c.at(w)[0] for c, w in zip(cols, text_widths, strict=True)]
    rows = tuple(max(cell) + _CELL_PAD for cell in zip(*heights, strict=True))
    return margin, tuple(text_widths), rows


def _enter(rev: Revisions | None, change: str) -> str:
    """Make *change* the tracked change of the row written next (in a redline)."""
    if rev is None:
        return ""
    saved, rev.block = rev.block, change
    return saved


def _leave(rev: Revisions | None, saved: str) -> None:
    if rev is not None:
        rev.block = saved


def _row_mark(rev: Revisions | None) -> str:
    """Return the ``w:ins``/``w:del`` of the row's properties in a redline (or "")."""
    if rev is None or not rev.block:
        return ""
    tag = "w:del" if rev.block == "del" else "w:ins"
    return f'<{tag} w:id="{rev.ident()}" {rev.attrs}/>'


def table(t: Table) -> tuple[str, Rows]:
    """Return a bordered full-width table whose header row repeats on each page, and its rows'
    heights for pagination."""
    ncols = max([len(t.header), *(len(row) for row in t.rows)], default=0)
    if ncols == 0:
        return "", Rows([])
    empty: tuple[Text, ...] = ()
    header = tuple(t.header) + (empty,) * (ncols - len(t.header)) if t.header else None
    rows = [tuple(row) + (empty,) * (ncols - len(row)) for row in t.rows]
    all_rows = ([header] if header else []) + rows
    # (a redline lays its table out as the new letter: deleted text takes no room)
    rev = REVISIONS.get()
    if rev is None:
        texts = tuple(
            tuple("".join(r.text for r in row[c]) for row in all_rows) for c in range(ncols)
        )
    else:
        texts = tuple(
            tuple("".join(r.text for r in row[c] if r.change != "del") for row in all_rows)
            for c in range(ncols)
        )
    # Every digit is 1/2 em wide: letters that differ only in their figures share a layout.
    key = tuple(tuple(_DIGITS.sub("0", text) for text in column) for column in texts)
    margin, text_widths, row_heights = _layout(key, header is not None)
    widths = [w + 2 * margin for w in text_widths]
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    out = [
        f'<w:tbl><w:tblPr><w:tblW w:w="{TEXT_W}" w:type="dxa"/>'
        f'<w:tblInd w:w="0" w:type="dxa"/>{_TABLE_BORDERS}<w:tblLayout w:type="fixed"/>'
        f'<w:tblCellMar><w:left w:w="{margin}" w:type="dxa"/>'
        f'<w:right w:w="{margin}" w:type="dxa"/></w:tblCellMar>'
        f'<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="0"'
        f' w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>'
    ]
    if header:
        saved = _enter(rev, t.header_change)
        out.append(f"<w:tr><w:trPr><w:cantSplit/><w:tblHeader/>{_row_mark(rev)}</w:trPr>")
        for c, cell in enumerate(header):
            out.append(
                f'<w:tc><w:tcPr><w:tcW w:w="{widths[c]}" w:type="dxa"/>'
                '<w:shd w:val="clear" w:color="auto" w:fill="D9D9D9"/><w:vAlign w:val="center"/>'
                f'</w:tcPr><w:p><w:pPr><w:pStyle w:val="TableHeading"/>{mark()}</w:pPr>'
                f"{runs(cell, bold=True)}</w:p></w:tc>"
            )
        out.append("</w:tr>")
        _leave(rev, saved)
    aligns = [
        jc_element(t.align[c]) if c < len(t.align) else '<w:jc w:val="left"/>' for c in range(ncols)
    ]
    for r, row in enumerate(rows):
        saved = _enter(rev, t.row_changes[r] if r < len(t.row_changes) else "")
        out.append(f"<w:tr><w:trPr><w:cantSplit/>{_row_mark(rev)}</w:trPr>")
        for c, cell in enumerate(row):
            out.append(
                f'<w:tc><w:tcPr><w:tcW w:w="{widths[c]}" w:type="dxa"/><w:vAlign w:val="center"/>'
                f'</w:tcPr><w:p><w:pPr><w:pStyle w:val="TableText"/>{aligns[c]}'
                f"{mark() if rev is not None else ''}</w:pPr>"
                f"{runs(cell)}</w:p></w:tc>"
            )
        out.append("</w:tr>")
        _leave(rev, saved)
    out.append("</w:tbl>")
    return "".join(out), Rows(list(row_heights), header=1 if header else 0)
