"""Estimate how a word processor lays a letter out: text widths, line counts and page breaks.

The estimate follows what LibreOffice does with the writer's DOCX (checked against its PDFs in
``tests/test_layout_fidelity.py``), which Word matches closely for this layout:

* a CJK or full-width character is one em wide; Latin text has the advance widths of Times New
  Roman (Liberation Serif has the same metrics), and 1/5 em of extra space separates Latin
  letters or digits from CJK text on either side;
* a line breaks between any two CJK characters, but never before a closing mark (in body
  text ，。、：；！？ may hang in the margin; ）》” and, in table cells, all of them pull the
  character before them down) and never after an opening one; Latin text breaks only at
  spaces and after an en dash (codes are glued by the inline layer, so HT-2026-0388 is one
  word), a Latin word longer than a line at its hyphens and slashes, or anywhere;
* every line of a paragraph has its exact pitch; between two paragraphs the larger of the
  space after the first and the space before the second applies; a paragraph's space before
  is dropped at the top of a page that the text flowed onto; widow and orphan control keep at
  least two lines together on either side of a break; "keep with next" chains move to the
  next page together; table rows never split and a repeated header row comes back on every
  page; a table does not keep with the paragraph after it.

The figures are estimates: callers leave a safety margin where a wrong guess would show.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from .styles import MARGIN_BOTTOM, MARGIN_TOP, PAGE_H

BODY_H = PAGE_H - MARGIN_TOP - MARGIN_BOTTOM  # height of the text block (twips)

# Advance widths (1/1000 em) of Times New Roman / Liberation Serif, U+0020 to U+007E.
_REGULAR = (
    250, 333, 408, 500, 500, 833, 778, 180, 333, 333, 500, 564, 250, 333, 250, 278,
    500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 278, 278, 564, 564, 564, 444,
    921, 722, 667, 667, 722, 611, 556, 722, 722, 333, 389, 722, 611, 889, 722, 722,
    556, 722, 667, 556, 611, 722, 722, 944, 722, 722, 611, 333, 278, 333, 469, 500,
    333, 444, 500, 444, 500, 444, 333, 500, 500, 278, 278, 500, 278, 778, 500, 500,
    500, 500, 333, 389, 278, 500, 500, 722, 500, 500, 444, 480, 200, 480, 541,
)  # fmt: skip
_BOLD = (
    250, 333, 555, 500, 500, 1000, 833, 278, 333, 333, 500, 570, 250, 333, 250, 278,
    500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 333, 333, 570, 570, 570, 500,
    930, 722, 667, 722, 722, 667, 611, 778, 778, 389, 500, 778, 667, 944, 722, 778,
    611, 778, 722, 556, 667, 722, 722, 1000, 722, 722, 667, 333, 278, 333, 581, 500,
    333, 500, 556, 444, 556, 444, 333, 500, 556, 278, 333, 556, 278, 833, 556, 500,
    556, 556, 444, 389, 333, 556, 500, 722, 500, 500, 444, 394, 220, 394, 520,
)  # fmt: skip
# Other narrow characters that occur in letters (× in 7×24, – in 9:00–18:00, the word joiner).
_NARROW = {
    "\u00d7": 564,
    "\u2013": 500,
    "\u00b0": 400,
    "\u00b1": 564,
    "\u2060": 0,
    "\u00a0": 250,
    "\u202f": 200,
}
_AUTOSPACE = 200  # extra space between Latin and CJK text, 1/1000 em

# Closing marks that may hang in the right margin rather than start a line, closing marks that
# pull the character before them onto the next line, and opening marks that never end a line.
_HANG = frozenset("、。，．：；！？")
_CLOSE = frozenset("）》」』】〕〗〉”’％‰…)]}%")
_OPEN = frozenset("（《「『【〔〖〈“‘([{")

# Token kinds of the line breaker.
_CJK, _LATIN, _SPACE, _HANGS, _CLOSES, _OPENS, _WEAK, _RUN = range(8)
_KIND = {ch: _HANGS for ch in _HANG} | {ch: _CLOSES for ch in _CLOSE} | {ch: _OPENS for ch in _OPEN}

# Advance widths by character, regular and bold; any other narrow character counts 1/2 em.
_WIDTHS = (
    {chr(32 + i): w for i, w in enumerate(_REGULAR)} | _NARROW,
    {chr(32 + i): w for i, w in enumerate(_BOLD)} | _NARROW,
)

# One em wide: from U+1100 up, but for the narrow characters above (en dash, word joiner,
# narrow no-break space).
_WIDE = "\u1100-\u2012\u2014-\u202e\u2030-\u205f\u2061-\U0010ffff"
_SCAN = re.compile(
    rf"(?P<space> )|(?P<wide>[{_WIDE}]+)|(?P<word>[0-9A-Za-z\u00c0-\u024f][^ {_WIDE}]*)|(?P<other>.)",
    re.S,
)
_EN_DASH = re.compile(r"(?<=\u2013)(?=.)")  # a break opportunity inside a Latin word
_JOINT = re.compile(r"(?<=[-/])|(?=\u202f)")  # where a word longer than a line is cut

Token = tuple[int, int, bool, str]


@functools.lru_cache(maxsize=4096)
def _tokens(text: str, bold: bool) -> tuple[Token, ...]:
    """Split one line of *text* into (kind, width in 1/1000 em, space before, text) tokens.

    A run of CJK text is one token, as wide as it has characters.  A Latin word starts at a
    letter or digit and runs over the narrow characters after it; it is split after an en
    dash, where LibreOffice may break.  Narrow punctuation that follows CJK text (the / of
    元/小时) is a token of its own, as breakable as a CJK character.  The flag says that the
    1/5 em between Latin and CJK text comes before the token.
    """
    widths = _WIDTHS[bold]
    out: list[Token] = []
    prev_latin = prev_wide = False
    for m in _SCAN.finditer(text):
        group = m.lastgroup
        chunk = m.group()
        if group == "wide":
            out.append((_RUN, 1000 * len(chunk), prev_latin and chunk[0] not in _HANG, chunk))
            prev_latin, prev_wide = False, True
        elif group == "word":
            parts = _EN_DASH.split(chunk) if "\u2013" in chunk else (chunk,)
            for part in parts:
                out.append((_LATIN, sum(widths.get(c, 500) for c in part), prev_wide, part))
                prev_wide = False
            prev_latin = True
        else:
            if group == "space":
                out.append((_SPACE, widths[" "], False, " "))
            else:  # narrow punctuation on its own
                kind = _KIND.get(chunk, _WEAK)
                out.append((kind, widths.get(chunk, 500), False, chunk))
            prev_latin = prev_wide = False
    return tuple(out)


def measure(text: str, sz: int, bold: bool = False) -> int:
    """Return the width (twips) of *text* set on one line at size *sz* (half-points)."""
    total = 0
    for _kind, width, space, _text in _tokens(text, bold):
        total += width + (_AUTOSPACE if space else 0)
    return -(-total * sz * 10 // 1000)


@functools.lru_cache(maxsize=8192)
def count_lines(
    text: str, width: int, sz: int, first: int = 0, bold: bool = False, hang: bool = True
) -> int:
    """Return how many lines *text* takes in a column *width* twips wide at size *sz*.

    ``\\n`` is a line break; *first* is the first-line indent of the paragraph.  *hang*: the
    closing marks that may hang in the margin do (LibreOffice lets them in body text, not in
    table cells, where they pull the character before them down as ）does).
    """
    total = 0
    for k, segment in enumerate(text.split("\n")):
        total += _lines(segment, width - (first if k == 0 else 0), width, sz, bold, hang)
    return total


def _lines(text: str, first_width: int, width: int, sz: int, bold: bool, hang: bool) -> int:
    """Return the lines of one segment (no ``\\n``): a greedy fill as LibreOffice does it."""
    if not text:
        return 1
    em = sz * 10
    limit = first_width * 1000 // em  # the line width in 1/1000 em
    full = width * 1000 // em
    lines = 1
    x = 0
    prev_width = 0
    prev_kind = -1
    at_start = True
    closers = _CLOSE if hang else _CLOSE | _HANG
    for kind, w, space, chunk in _tokens(text, bold):
        if space and not at_start:
            x += _AUTOSPACE
        if kind == _RUN:  # a run of CJK characters: one line break after another
            i, n = 0, len(chunk)
            start = -1 if x else 0  # where in the run the current line starts (-1: before it)
            while True:
                room = max(0, limit - x) // 1000
                if room >= n - i:
                    x += (n - i) * 1000
                    break
                j = i + room  # chunk[j] is the first character that does not fit
                if j == start:  # nothing fits on an empty line: the character goes anyway
                    j += 1
                carry = 0
                if j < n and hang and chunk[j] in _HANG:  # hangs in the margin
                    j += 1
                    if j == n:
                        x = limit + 1
                        break
                elif j < n and chunk[j] in closers:  # may not start a line: pull one down
                    if j - 1 > start:
                        j -= 1
                    elif j == i and start < 0 and prev_kind in (_CJK, _LATIN, _WEAK):
                        carry = prev_width
                if j - 1 > start and chunk[j - 1] in _OPEN:  # may not end a line
                    j -= 1
                elif j == i and start < 0 and prev_kind == _OPENS and not carry:
                    carry = prev_width
                if j >= n:
                    x = limit + 1
                    break
                lines += 1
                limit = full
                x = carry
                i = start = j
            last = chunk[-1]
            prev_kind = _KIND.get(last, _CJK)
            prev_width = 1000
            at_start = False
            continue
        if kind == _SPACE:
            if not at_start:
                x += w
            prev_kind = kind
            continue
        if x + w <= limit:
            x += w
        elif kind == _LATIN and w > full:  # longer than a line: cut at its joints, or anywhere
            if not at_start:
                lines += 1
            limit = full
            x = 0
            widths = _WIDTHS[bold]
            for piece in _JOINT.split(chunk):
                pw = sum(widths.get(c, 500) for c in piece)
                if x + pw > full and x:
                    lines += 1
                    x = 0
                extra, x = divmod(x + pw, full)
                lines += extra
        elif at_start:  # a long first piece on a narrower first line
            lines += 1
            limit = full
            x = w
        else:
            carry = 0
            if (kind == _CLOSES and prev_kind in (_CJK, _LATIN, _WEAK)) or prev_kind == _OPENS:
                carry = prev_width  # the character before comes down with it
            lines += 1
            limit = full
            x = carry + w - (_AUTOSPACE if space else 0)
        at_start = False
        prev_width, prev_kind = w + (_AUTOSPACE if space and not at_start else 0), kind
    return lines


# --------------------------------------------------------------------------------------------
# Pagination


@dataclass(slots=True)
class Par:
    """One paragraph as pagination sees it (twips)."""

    lines: int
    line: int
    before: int = 0
    after: int = 0
    keep_next: bool = False
    keep_lines: bool = False
    page_break: bool = False  # starts a new page

    def height(self) -> int:
        """Return the height of the whole paragraph without its spacing."""
        return self.lines * self.line


@dataclass(slots=True)
class Rows:
    """One table as pagination sees it: row heights (twips), the first *header* rows repeat."""

    heights: list[int]
    header: int = 0
    keep_next: bool = False


Item = Par | Rows


@dataclass(slots=True)
class Placement:
    """Where each item starts (page from 1, offset from the top of the text block in twips)."""

    starts: list[tuple[int, int]] = field(default_factory=list)
    pages: int = 1
    end: int = 0  # offset below the last item on the last page


class _Flow:
    """A cursor that lays items on pages."""

    def __init__(self) -> None:
        self.page = 1
        self.y = 0
        self.flowed = False  # the current page was reached by text flowing over, not a break
        self.last_after = 0

    def new_page(self, flowed: bool = True) -> None:
        """Go to the top of the next page (*flowed*: not after a page break)."""
        self.page += 1
        self.y = 0
        self.flowed = flowed
        self.last_after = 0

    def copy(self) -> _Flow:
        """Return a cursor at the same place, to try a layout out."""
        other = _Flow()
        other.page, other.y, other.flowed, other.last_after = (
            self.page,
            self.y,
            self.flowed,
            self.last_after,
        )
        return other

    def before(self, before: int) -> int:
        """Return the space the next item gets above it here: the larger of the space after
        the item above and its own space before, nothing at the top of a page flowed onto."""
        if self.y == 0 and self.flowed:
            return 0
        return max(self.last_after, before)

    def par(self, p: Par) -> tuple[int, int]:
        """Place paragraph *p*; return where its first line went."""
        if p.page_break and (self.y > 0 or self.page > 1):
            self.new_page(flowed=False)
        top = self.before(p.before)
        if self.y + top + p.height() <= BODY_H:
            start = (self.page, self.y + top)
            self.y += top + p.height()
            self.last_after = p.after
            return start
        room = (BODY_H - self.y - top) // p.line
        if not p.keep_lines and p.lines >= 4:
            room = min(room, p.lines - 2)  # widow control: two lines on the next page
        if p.keep_lines or room < 2 or p.lines < 4:
            if self.y > 0:
                self.new_page()
                return self.par(p)
            room = max(room, 1)  # taller than a page: it has to break somewhere
        start = (self.page, self.y + top)
        left = p.lines - room
        while left > 0:
            self.new_page()
            take = min(left, BODY_H // p.line)
            self.y = take * p.line
            left -= take
        self.last_after = p.after
        return start

    def rows(self, t: Rows) -> tuple[int, int]:
        """Place table *t*; return where its first row went (its header row and first body
        row are never parted)."""
        top = self.before(0)
        first = sum(t.heights[: t.header + 1])
        if self.y > 0 and self.y + top + first > BODY_H:
            self.new_page()
            top = 0
        start = (self.page, self.y + top)
        self.y += top
        header = sum(t.heights[: t.header])
        for k, h in enumerate(t.heights):
            if self.y + h > BODY_H and self.y > header and k > t.header:
                self.new_page()
                self.y = header
            self.y += h
        self.last_after = 0
        return start


def paginate(items: list[Item]) -> Placement:
    """Lay *items* on pages and return where each starts and how many pages there are.

    A run of items that keep with the next one moves to a new page together when the item
    after them (its first two lines, or its first table rows) does not fit on the page where
    the run starts; a run longer than a page is laid out as it comes.
    """
    out = Placement()
    flow = _Flow()
    i = 0
    n = len(items)
    while i < n:
        j = i
        while j < n - 1 and items[j].keep_next:
            j += 1
        if j > i:  # items[i:j] keep with the next one, down to items[j]
            trial = flow.copy()
            starts = [_place(trial, items[k]) for k in range(i, j)]
            after = trial.copy()
            _first_lines(after, items[j])
            if after.page != starts[0][0] and flow.y > 0:  # try the run on a page of its own
                moved = flow.copy()
                moved.new_page()
                moved_starts = [_place(moved, items[k]) for k in range(i, j)]
                after = moved.copy()
                _first_lines(after, items[j])
                if after.page == moved_starts[0][0]:
                    trial, starts = moved, moved_starts
            flow = trial
            out.starts += starts
            i = j
        out.starts.append(_place(flow, items[i]))
        i += 1
    out.pages = flow.page
    out.end = flow.y
    return out


def _place(flow: _Flow, item: Item) -> tuple[int, int]:
    """Place *item* with *flow*; return where it starts."""
    return flow.par(item) if isinstance(item, Par) else flow.rows(item)


def _first_lines(flow: _Flow, item: Item) -> None:
    """Place the part of *item* that must share a page with the items kept with it."""
    if isinstance(item, Par):
        head = Par(min(item.lines, 2), item.line, item.before, 0, keep_lines=True)
        head.page_break = item.page_break
        flow.par(head)
    else:
        flow.rows(Rows(item.heights[: item.header + 1], item.header))
