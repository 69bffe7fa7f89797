"""Compare two versions of a spec: the letter of NEW with every difference from OLD tracked.

:func:`redline` composes both letters into document trees, aligns them block by block (a
paragraph, a list item, a table row), diffs the text of each pair by tokens and returns the tree
of NEW with the differences marked on the nodes (``change`` = ``"ins"`` / ``"del"`` on runs,
paragraphs, list items, table rows and the signature block).  The ordinary writers turn that
tree into a DOCX with ``w:ins`` / ``w:del`` (styles, numbering and layout as ``render`` makes
them) and a Markdown file with ``<ins>`` / ``<del>``.

Granularity.  Text is cut into tokens: a number, amount, date part, code, e-mail or Latin word
(``3,600.00``, ``HT-2026-0388``, ``0.5%``) is one token, an amount in 大写 (壹佰贰拾万元整) is
one token, every other character (a CJK character, a punctuation mark) is a token of its own.
The tokens are diffed with :mod:`difflib`; two changes separated by at most one unchanged
character are merged into one, so a changed phrase reads as one deletion and one insertion; a
paragraph that shares less than a third of its tokens is replaced whole.

Comments (批注).  Every change that holds a figure (an Arabic digit or a 大写 numeral) gets a
comment naming the spec paths that explain it.  The spec data of OLD and NEW are flattened to
``path → value``; the changed paths are those whose value differs (or exists on one side only).
A changed path explains a figure *directly* when a number of its old value is among the numbers
the change deletes and a number of its new value among those it inserts (``0.5%`` → ``0.6%``
explains ``0.5%`` → ``0.6%``; ``1200000.00`` explains ``1,200,000.00``).  A figure that no
path explains directly is *derived* — an hourly amount, a cap, a 大写, a downtime budget — and
its comment names every changed path with a number as what it was computed from (``由
agreement.total: 1200000.00 → 1500000.00 推算``): only a changed input can change a computed
figure.  Renumbered labels (``3.`` → ``4.``, ``五、`` → ``四、``) are not figures of the spec
and carry no comment.
"""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Any

from .document import (
    Block,
    Document,
    Heading,
    Inlines,
    ListBlock,
    ListItem,
    Paragraph,
    SignatureBlock,
    SignatureParty,
    Signer,
    Table,
    Text,
    plain,
)
from .i18n import _

# ------------------------------------------------------------------ tokens and text diff

_DAXIE = "零壹贰叁肆伍陆柒捌玖"
_TOKEN = re.compile(
    r"[A-Za-z0-9](?:[A-Za-z0-9.,:%‰/\-_@+]*[A-Za-z0-9%‰])?"  # numbers, amounts, codes, words
    rf"|[{_DAXIE}][{_DAXIE}拾佰仟万亿元角分整]*"  # an amount in 大写
    r"|\s+|.",
    re.S,
)
_FIGURE = re.compile(rf"[0-9{_DAXIE}]")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
MERGE_GAP = 1  # unchanged characters between two changes that are merged into one
WHOLE_BELOW = 0.34  # token similarity under which a paragraph is replaced whole


def tokens(text: str) -> list[str]:
    """Return the tokens of *text* (see the module docstring); they join back to *text*."""
    return _TOKEN.findall(text)


Segment = tuple[str, str, str]  # ("equal", text, text) or ("change", old text, new text)


Opcode = tuple[str, int, int, int, int]


@lru_cache(maxsize=4096)
def _tokens(text: str) -> tuple[str, ...]:
    return tuple(_TOKEN.findall(text))


@lru_cache(maxsize=1024)
def _diff(old: str, new: str) -> tuple[tuple[Opcode, ...], float]:
    """Return the token opcodes of *old* → *new* and their similarity ratio (as difflib's).

    The common head and tail are cut off first and only the middle goes to difflib: a letter's
    paragraph changes in a figure or a phrase, and difflib's cost grows with the square of what
    it is given."""
    a, b = _tokens(old), _tokens(new)
    n = min(len(a), len(b))
    head = 0
    while head < n and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < n - head and a[-1 - tail] == b[-1 - tail]:
        tail += 1
    ops: list[Opcode] = [("equal", 0, head, 0, head)] if head else []
    matched = head + tail
    if head + tail < len(a) or head + tail < len(b):
        mid = difflib.SequenceMatcher(
            None, a[head : len(a) - tail], b[head : len(b) - tail], autojunk=False
        )
        for tag, i1, i2, j1, j2 in mid.get_opcodes():
            ops.append((tag, i1 + head, i2 + head, j1 + head, j2 + head))
            if tag == "equal":
                matched += i2 - i1
    if tail:
        ops.append(("equal", len(a) - tail, len(a), len(b) - tail, len(b)))
    total = len(a) + len(b)
    return tuple(ops), 2 * matched / total if total else 1.0


def segments(old: str, new: str) -> list[Segment]:
    """Return the diff of *old* and *new* as equal and changed segments, merged for reading."""
    a, b = _tokens(old), _tokens(new)
    ops, ratio = _diff(old, new)
    if old and new and ratio < WHOLE_BELOW:
        return [("change", old, new)]
    out: list[Segment] = []
    for tag, i1, i2, j1, j2 in ops:
        x, y = "".join(a[i1:i2]), "".join(b[j1:j2])
        if tag == "equal" and out and out[-1][0] == "equal":
            out[-1] = ("equal", out[-1][1] + x, out[-1][2] + y)
        elif tag == "equal":
            out.append(("equal", x, y))
        elif out and out[-1][0] == "change":
            out[-1] = ("change", out[-1][1] + x, out[-1][2] + y)
        else:
            out.append(("change", x, y))
    merged: list[Segment] = []
    i = 0
    while i < len(out):
        seg = out[i]
        if (
            seg[0] == "equal"
            and merged
            and merged[-1][0] == "change"
            and i + 1 < len(out)
            and len(seg[1]) <= MERGE_GAP
        ):
            nxt = out[i + 1]
            prev = merged.pop()
            merged.append(("change", prev[1] + seg[1] + nxt[1], prev[2] + seg[2] + nxt[2]))
            i += 2
            continue
        merged.append(seg)
        i += 1
    return merged


def _chars(inlines: Inlines) -> list[bool]:
    """Return the bold flag of every character of *inlines*."""
    return [run.bold for run in inlines for _ch in run.text]


def _runs(text: str, bolds: list[bool], change: str) -> list[Text]:
    """Return *text* as runs split where the bold flag changes."""
    out: list[Text] = []
    start = 0
    for k in range(1, len(text) + 1):
        if k == len(text) or bolds[k] != bolds[start]:
            out.append(Text(text[start:k], bolds[start], change))
            start = k
    return out


def _join(runs: list[Text]) -> Inlines:
    """Return *runs* with neighbours of the same kind merged (none carrying a note)."""
    out: list[Text] = []
    for r in runs:
        if not r.text:
            continue
        last = out[-1] if out else None
        if last and not last.note and not r.note and (last.bold, last.change) == (r.bold, r.change):
            out[-1] = Text(last.text + r.text, r.bold, r.change)
        else:
            out.append(r)
    return tuple(out)


# ------------------------------------------------------------------ spec paths


@dataclass(frozen=True)
class Change:
    """Hold one spec path whose value differs between OLD and NEW ("" where it is absent)."""

    path: str
    old: str
    new: str

    def text(self) -> str:
        """Return ``path: old → new``."""
        return f"{self.path}: {_shown(self.old)} → {_shown(self.new)}"


def _shown(value: str) -> str:
    if not value:
        return _("（无）")
    return value if len(value) <= 40 else value[:39] + "…"


def flatten(data: Any, prefix: str = "") -> dict[str, str]:
    """Return the scalars of *data* by path (``tiers[1].penalty_per_hour``)."""
    out: dict[str, str] = {}
    if isinstance(data, dict):
        for key, value in data.items():
            out.update(flatten(value, f"{prefix}.{key}" if prefix else str(key)))
    elif isinstance(data, list):
        for k, value in enumerate(data):
            out.update(flatten(value, f"{prefix}[{k}]"))
    elif data is not None:
        out[prefix] = str(data)
    return out


def spec_changes(old: Any, new: Any) -> list[Change]:
    """Return the paths whose values differ between the spec data *old* and *new*."""
    a, b = flatten(old), flatten(new)
    keys = list(a) + [k for k in b if k not in a]
    return [Change(k, a.get(k, ""), b.get(k, "")) for k in keys if a.get(k) != b.get(k)]


_DAXIE_UNIT = {"拾": 10, "佰": 100, "仟": 1000}
_DAXIE_BIG = {"万": 10**4, "亿": 10**8}
_DAXIE_AMOUNT = re.compile(rf"[{_DAXIE}][{_DAXIE}拾佰仟万亿元角分整]*")


def daxie(text: str) -> Decimal:
    """Return the value of an amount in 大写 (壹佰贰拾万元整 → 1200000)."""
    total, section, num = Decimal(0), Decimal(0), Decimal(0)
    for ch in text:
        if ch in _DAXIE:
            num = Decimal(_DAXIE.index(ch))
        elif ch in _DAXIE_UNIT:
            section += (num or 1) * _DAXIE_UNIT[ch]
            num = Decimal(0)
        elif ch in _DAXIE_BIG:
            total = (total + section + num) * _DAXIE_BIG[ch]
            section = num = Decimal(0)
        elif ch == "元":
            total += section + num
            section = num = Decimal(0)
        elif ch in "角分":
            total += num * (Decimal("0.1") if ch == "角" else Decimal("0.01"))
            num = Decimal(0)
    return (total + section + num).normalize()


def numbers(text: str) -> set[Decimal]:
    """Return the numbers written in *text* (thousands separators ignored, 大写 read)."""
    out: set[Decimal] = {daxie(m.group()) for m in _DAXIE_AMOUNT.finditer(text)}
    for m in _NUMBER.finditer(text):
        raw = m.group()
        try:
            out.add(Decimal(raw.replace(",", "")).normalize())
        except InvalidOperation:  # pragma: no cover - the pattern only matches numbers
            continue
    return out


class Explainer:
    """Name the spec paths behind a changed figure (the rule is in the module docstring)."""

    def __init__(self, changes: list[Change]) -> None:
        self.changes = changes
        self.nums = [(c, numbers(c.old), numbers(c.new)) for c in changes]
        self.numeric = [c for c, x, y in self.nums if x or y]

    def __call__(self, old: str, new: str) -> str:
        """Return the comment of a change from *old* to *new*, or "" (no spec change)."""
        deleted, inserted = numbers(old), numbers(new)
        direct = [
            c
            for c, x, y in self.nums
            if (x or y)
            and (not deleted or not x or deleted & x)
            and (not inserted or not y or inserted & y)
            and (deleted & x or inserted & y)
        ]
        if direct:
            return "\n".join(c.text() for c in direct[:6])
        causes = self._ratio(deleted, inserted) or self.numeric or self.changes
        if not causes:
            return ""
        listed = "；".join(c.text() for c in causes[:4])
        if len(causes) > 4:
            listed += _("；以及另外 {count} 项").format(count=len(causes) - 4)
        return _("派生数字，由 {changes} 推算").format(changes=listed)

    def _ratio(self, deleted: set[Decimal], inserted: set[Decimal]) -> list[Change]:
        """Return the one or two changed inputs whose ratios multiply to the figure's ratio
        (a product of the contract total and a rate), or []."""
        if len(deleted) != 1 or len(inserted) != 1:
            return []
        (x,), (y,) = deleted, inserted
        if not x or not y:
            return []
        target = y / x
        ratios = [
            (c, next(iter(b)) / next(iter(a)))
            for c, a, b in self.nums
            if len(a) == 1 and len(b) == 1 and next(iter(a)) and next(iter(b))
        ]
        for c, r in ratios:
            if abs(r - target) < Decimal("1e-9"):
                return [c]
        for k, (c, r) in enumerate(ratios):
            for c2, r2 in ratios[k + 1 :]:
                if abs(r * r2 - target) < Decimal("1e-9"):
                    return [c, c2]
        return []


# ------------------------------------------------------------------ the tree


@dataclass
class _Diff:
    """Carry the explainer and count what was marked."""

    explain: Explainer
    inserted: int = 0
    deleted: int = 0
    notes: list[str] = field(default_factory=list)

    def note(self, old: str, new: str) -> str:
        if not _FIGURE.search(old + new):
            return ""
        text = self.explain(old, new)
        if text:
            self.notes.append(text)
        return text


def _mark_inlines(inlines: Inlines, change: str) -> Inlines:
    return tuple(Text(r.text, r.bold, change) for r in inlines if r.text)


def _inline_diff(a: Inlines, b: Inlines, d: _Diff, comment: bool = True) -> Inlines:
    """Return the runs of *b* with the differences from *a* marked."""
    if a == b:
        return b
    old, new = plain(a), plain(b)
    ab, bb = _chars(a), _chars(b)
    out: list[Text] = []
    i = j = 0
    for tag, x, y in segments(old, new):
        if tag == "equal":
            out += _runs(y, bb[j : j + len(y)], "")
        else:
            dels = _runs(x, ab[i : i + len(x)], "del")
            ins = _runs(y, bb[j : j + len(y)], "ins")
            d.deleted += bool(x)
            d.inserted += bool(y)
            note = d.note(x, y) if comment else ""
            if note:
                target = ins if ins else dels
                target[-1] = replace(target[-1], note=note)
            out += dels + ins
        i += len(x)
        j += len(y)
    return _join(out)


def _whole(block: Block, change: str, d: _Diff) -> Block:
    """Return *block* inserted or deleted as a whole."""
    if change == "ins":
        d.inserted += 1
    else:
        d.deleted += 1
    if isinstance(block, Heading):
        inlines = _heading_inlines(block)
        return Heading(block.level, _noted(inlines, change, d), "", change)
    if isinstance(block, Paragraph):
        return replace(block, inlines=_noted(block.inlines, change, d), change=change)
    if isinstance(block, ListBlock):
        return replace(block, items=tuple(_whole_item(it, change, d) for it in block.items))
    if isinstance(block, Table):
        return replace(
            block,
            header=tuple(_mark_inlines(c, change) for c in block.header),
            rows=tuple(tuple(_noted(c, change, d) for c in row) for row in block.rows),
            row_changes=(change,) * len(block.rows),
            header_change=change if block.header else "",
        )
    return replace(block, change=change)


def _noted(inlines: Inlines, change: str, d: _Diff) -> Inlines:
    """Return *inlines* marked as *change*, with a comment when they hold a figure."""
    marked = list(_mark_inlines(inlines, change))
    text = plain(inlines)
    note = d.note("", text) if change == "ins" else d.note(text, "")
    if note and marked:
        marked[-1] = replace(marked[-1], note=note)
    return tuple(marked)


def _whole_item(item: ListItem, change: str, d: _Diff) -> ListItem:
    return replace(
        item,
        inlines=_noted(item.inlines, change, d),
        change=change,
        label_runs=(Text(item.label, False, change),),
        children=tuple(_whole(c, change, d) for c in item.children),  # type: ignore[misc]
    )


def _heading_inlines(h: Heading) -> Inlines:
    """Return the heading's number and text as one run sequence (the writer's output is the
    same: the number is a plain run before the text)."""
    return ((Text(h.number),) if h.number else ()) + h.inlines


_LABEL_NUMBER = re.compile(r"^[一二三四五六七八九十百（）()、.0-9 ]+")


def _key(block: Block) -> tuple[Any, ...]:
    """Return what aligns blocks: their kind and text without the assigned numbers."""
    if isinstance(block, Heading):
        return ("h", block.level, plain(block.inlines))
    if isinstance(block, Paragraph):
        return ("p", plain(block.inlines))
    if isinstance(block, ListBlock):
        return ("l", block.ordered, block.depth, tuple(_item_key(i) for i in block.items))
    if isinstance(block, Table):
        return (
            "t",
            tuple(map(plain, block.header)),
            tuple(tuple(map(plain, r)) for r in block.rows),
        )
    return ("s", block)


def _kind(block: Block) -> tuple[Any, ...]:
    """Return what may be paired with what: same node type (and level, list shape, columns)."""
    if isinstance(block, Heading):
        return ("h", block.level)
    if isinstance(block, ListBlock):
        return ("l", block.ordered, block.depth)
    if isinstance(block, Table):
        return ("t", len(block.header), tuple(map(plain, block.header)))
    return (type(block).__name__,)


def _item_key(item: ListItem) -> tuple[Any, ...]:
    return (plain(item.inlines), tuple(_key(c) for c in item.children))


def _similar(a: str, b: str) -> bool:
    return _diff(a, b)[1] >= WHOLE_BELOW


def align(
    old: Sequence[Any],
    new: Sequence[Any],
    key: Callable[[Any], Any],
    kind: Callable[[Any], Any],
    text: Callable[[Any], str],
) -> list[tuple[int | None, int | None]]:
    """Return the merged order of *old* and *new*: pairs ``(i, j)``, deletions ``(i, None)``
    and insertions ``(None, j)``; both sequences keep their order.

    Equal *key* pairs; in a changed range, items of the same *kind* whose *text* is similar
    pair, in order; the rest are deleted, then inserted.
    """
    out: list[tuple[int | None, int | None]] = []
    sm = difflib.SequenceMatcher(None, [key(x) for x in old], [key(x) for x in new], autojunk=False)
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag == "equal":
            out += [(i1 + k, j1 + k) for k in range(i2 - i1)]
            continue
        inner = difflib.SequenceMatcher(
            None, [kind(x) for x in old[i1:i2]], [kind(x) for x in new[j1:j2]], autojunk=False
        )
        for t2, a1, a2, b1, b2 in inner.get_opcodes():
            if t2 == "equal":
                for k in range(a2 - a1):
                    i, j = i1 + a1 + k, j1 + b1 + k
                    if _similar(text(old[i]), text(new[j])):
                        out.append((i, j))
                    else:
                        out += [(i, None), (None, j)]
            else:
                out += [(i1 + k, None) for k in range(a1, a2)]
                out += [(None, j1 + k) for k in range(b1, b2)]
    return out


def _text(block: Any) -> str:
    if isinstance(block, Heading | Paragraph):
        return plain(block.inlines)
    if isinstance(block, ListItem):
        return plain(block.inlines)
    if isinstance(block, tuple):  # a table row
        return "\t".join(map(plain, block))
    return ""  # a list, a table, a signature block: always paired with one of its kind


def diff_blocks(old: Sequence[Block], new: Sequence[Block], d: _Diff) -> list[Block]:
    """Return the blocks of *new* with the differences from *old* marked."""
    out: list[Block] = []
    for i, j in align(old, new, _key, _kind, _text):
        if i is None:
            out.append(_whole(new[j], "ins", d))  # type: ignore[index]
        elif j is None:
            out.append(_whole(old[i], "del", d))
        else:
            out += _pair(old[i], new[j], d)
    return out


def _pair(a: Block, b: Block, d: _Diff) -> list[Block]:
    """Return *b* with its differences from *a* (of the same kind) marked."""
    if a == b:
        return [b]
    if isinstance(a, Heading) and isinstance(b, Heading):
        return [Heading(b.level, _inline_diff(_heading_inlines(a), _heading_inlines(b), d), "")]
    if isinstance(a, Paragraph) and isinstance(b, Paragraph):
        return [replace(b, inlines=_inline_diff(a.inlines, b.inlines, d))]
    if isinstance(a, ListBlock) and isinstance(b, ListBlock):
        return [_pair_list(a, b, d)]
    if isinstance(a, Table) and isinstance(b, Table):
        return [_pair_table(a, b, d)]
    if (
        isinstance(a, SignatureBlock)
        and isinstance(b, SignatureBlock)
        and [p.label for p in a.parties] == [p.label for p in b.parties]
    ):
        return [
            replace(
                b,
                parties=tuple(
                    _pair_party(x, y, d) for x, y in zip(a.parties, b.parties, strict=True)
                ),
            )
        ]
    return [_whole(a, "del", d), _whole(b, "ins", d)]


def _runs_of(old: str, new: str, d: _Diff) -> Inlines:
    """Return the runs of *new* with its differences from *old* marked ("" when the same)."""
    return () if old == new else _inline_diff((Text(old),), (Text(new),), d)


def _pair_party(a: SignatureParty, b: SignatureParty, d: _Diff) -> SignatureParty:
    """Return the party *b* with its name and signers diffed against *a*."""
    signers: list[Signer] = []
    pairs = align(
        a.signers, b.signers, lambda s: (s.role, s.name), lambda _s: 0, lambda s: s.role + s.name
    )
    for i, j in pairs:
        if i is None:
            d.inserted += 1
            signers.append(replace(b.signers[j], change="ins"))  # type: ignore[index]
        elif j is None:
            d.deleted += 1
            signers.append(replace(a.signers[i], change="del"))
        else:
            x, y = a.signers[i], b.signers[j]
            signers.append(
                replace(
                    y, role_runs=_runs_of(x.role, y.role, d), name_runs=_runs_of(x.name, y.name, d)
                )
            )
    return replace(b, name_runs=_runs_of(a.name, b.name, d), signers=tuple(signers))


def _pair_list(a: ListBlock, b: ListBlock, d: _Diff) -> ListBlock:
    items: list[ListItem] = []
    for i, j in align(a.items, b.items, _item_key, lambda _i: 0, _text):
        if i is None:
            d.inserted += 1
            items.append(_whole_item(b.items[j], "ins", d))  # type: ignore[index]
        elif j is None:
            d.deleted += 1
            items.append(_whole_item(a.items[i], "del", d))
        else:
            x, y = a.items[i], b.items[j]
            label = (
                ()
                if x.label == y.label
                else _inline_diff((Text(x.label),), (Text(y.label),), d, False)
            )
            kids: list[ListBlock] = []
            for ci, cj in align(x.children, y.children, _key, _kind, _text):
                if ci is None:
                    kids.append(_whole(y.children[cj], "ins", d))  # type: ignore[index,arg-type]
                elif cj is None:
                    kids.append(_whole(x.children[ci], "del", d))  # type: ignore[arg-type]
                else:
                    kids.append(_pair_list(x.children[ci], y.children[cj], d))
            items.append(
                replace(
                    y,
                    inlines=_inline_diff(x.inlines, y.inlines, d),
                    label_runs=label,
                    children=tuple(kids),
                )
            )
    return replace(b, items=tuple(items))


def _pair_table(a: Table, b: Table, d: _Diff) -> Table:
    rows: list[tuple[Inlines, ...]] = []
    changes: list[str] = []
    width = len(b.header) or max((len(r) for r in b.rows), default=0)
    for i, j in align(a.rows, b.rows, lambda r: tuple(map(plain, r)), len, _text):
        if i is None:
            rows.append(tuple(_noted(c, "ins", d) for c in b.rows[j]))  # type: ignore[index]
            changes.append("ins")
            d.inserted += 1
        elif j is None:
            rows.append(tuple(_noted(c, "del", d) for c in a.rows[i]))
            changes.append("del")
            d.deleted += 1
        else:
            x, y = a.rows[i], b.rows[j]
            rows.append(tuple(_inline_diff(p, q, d) for p, q in zip(x, y, strict=True)))
            changes.append("")
    del width
    header = tuple(_inline_diff(p, q, d, False) for p, q in zip(a.header, b.header, strict=True))
    return replace(b, header=header, rows=tuple(rows), row_changes=tuple(changes))


# ------------------------------------------------------------------ the redline


@dataclass
class Redline:
    """Hold a redline: its tree, the counts and the comments, and its files by format."""

    document: Document
    changes: list[Change]
    inserted: int
    deleted: int
    notes: list[str]
    signature_page: tuple[bool, bool]
    identical: bool = False  # the two letters say the same: nothing is marked
    outputs: dict[str, bytes] = field(default_factory=dict)


def compare(old: Document, new: Document, changes: list[Change]) -> Redline:
    """Return the redline tree of *new* against *old* (not yet written)."""
    d = _Diff(Explainer(changes))
    blocks = diff_blocks(old.blocks, new.blocks, d)
    doc = Document(new.meta, tuple(blocks))
    same = old.blocks == new.blocks
    return Redline(doc, changes, d.inserted, d.deleted, d.notes, (False, False), same)


def _signature_page(doc: Document) -> bool:
    """Tell whether the DOCX writer puts *doc*'s signature block on a page of its own."""
    from .writers.docx.body import NO_MORE_TEXT, document_xml

    return NO_MORE_TEXT in document_xml(doc.blocks, doc.meta.title)[0]


def redline(
    old: Any,
    new: Any,
    formats: Sequence[str] = ("docx", "md"),
    author: str | None = None,
    templates: Sequence[str | os.PathLike[str]] = (),
    old_templates: Sequence[str | os.PathLike[str]] | None = None,
) -> Redline:
    """Return the redline of the checked contracts *old* and *new* in *formats*.

    *old* is composed with *old_templates* when given (the template folders as they were, for
    ``--against REV``), else with *templates* like *new*.  The DOCX's tracked changes and
    comments are by *author* (default: NEW's provider, the letter's author) and dated NEW's
    letter date, so the bytes depend only on the two specs.  Identical letters give NEW's
    letter as ``render`` writes it.
    """
    from .compose import compose

    a = compose(old, templates if old_templates is None else old_templates)
    b = compose(new, templates)
    result = compare(a, b, spec_changes(old.source.data, new.source.data))
    if result.identical:
        from . import writers

        result.document = b
        result.outputs = {f: writers.get(f).render(b) for f in formats}
        return result
    if "docx" in formats:
        result.signature_page = (_signature_page(a), _signature_page(b))
        result.outputs["docx"] = write_docx(
            result.document, author or b.meta.author, b.meta.created, result.signature_page
        )
    if "md" in formats:
        from .writers.markdown import write_markdown_bytes

        result.outputs["md"] = write_markdown_bytes(result.document)
    return result


# ------------------------------------------------------------------ DOCX with comments


def write_docx(doc: Document, author: str, date: str, signature_page: tuple[bool, bool]) -> bytes:
    """Write the redline tree *doc* as a DOCX with tracked changes and a comments part (the
    ordinary writer, with a :class:`~letters.writers.docx.inline.Revisions` in effect)."""
    from .writers.docx import write_docx as plain_docx
    from .writers.docx.inline import REVISIONS, Revisions

    stamp = f"{date}T00:00:00Z" if date else "1980-01-01T00:00:00Z"
    token = REVISIONS.set(Revisions(author, stamp, signature_page))
    try:
        return plain_docx(doc)
    finally:
        REVISIONS.reset(token)
