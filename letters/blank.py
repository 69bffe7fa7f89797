"""Blank forms: the letter of a kind with every value the spec gives left to be filled in.

``letters blank KIND`` renders the kind's own template — the same one its letters use, or a
project's override — over the kind's starting spec (``scaffold.yaml``), with every value that
comes from the spec or its derived figures *tainted*: the template runs exactly as for a real
letter (its conditions, loops and tables see the real values), but every tainted value prints
as a span between two private-use marks, and :func:`fill` turns each span into a blank of
fitting length before the text is parsed:

* a date → ``____年__月__日``; an amount → ``__________元``; a percentage → ``____%``;
* a name, a number, a duration, a 大写 amount → low lines about as wide as the example value;
  a clause (a list item of the spec) → a long line;
* a list of the spec → as many numbered empty lines as the starting spec has items.

Optional sections: the same form is composed a second time over the starting spec stripped of
every optional field (:func:`minimal_data`); what only the full form has is marked — a heading
with （可选）, a paragraph or list item with 〔可选〕, a clause inside a sentence with
〔可选：…〕; what only the stripped form says (the wording a letter uses when the option is
not agreed) follows as 〔未约定时为“…”〕, or as a paragraph 〔可选内容未约定时为：“…”〕.

The form is a :class:`~letters.document.Document` like any letter, written by every writer
(DOCX, Markdown, PDF) with the same layout; its status is ``blank`` (core properties 空白表单).
"""

from __future__ import annotations

import dataclasses
import difflib
import os
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from . import modeling
from .contract import Contract
from .diagnostics import LettersError
from .document import Block, Heading, ListBlock, Paragraph, Table, Text, plain
from .formatting import display_width
from .i18n import _

OPEN, CLOSE = "\ue0f0", "\ue0f1"  # around a tainted value in the rendered text
_SPAN = re.compile(OPEN + "([^" + OPEN + CLOSE + "]*)" + CLOSE)
OPTIONAL = "（可选）"  # after the heading of an optional section
OPTIONAL_MARK = "〔可选〕"  # before an optional paragraph or list item
_ROLE_WIDTH = (6, 24)  # the narrowest and widest blank of a short value (half-width cells)
_CLAUSE = 40  # the blank of a clause (a value wider than the widest short blank)


# ------------------------------------------------------------------ tainted values


class _Str(str):
    """A text of the spec, held between the two marks so that every way a template combines
    it (``~``, ``join``, a macro, ``|tojson``) carries the marks along; compares, hashes,
    measures and tests (``startswith``, ``in``) as the text itself, and what a template cuts
    out of it (``[:-2]``, ``split``, ``|first``, ``upper``) is a text of the spec too."""

    __slots__ = ("real",)
    real: str

    def __new__(cls, real: str) -> _Str:
        obj = super().__new__(cls, OPEN + real + CLOSE)
        obj.real = real
        return obj

    def __eq__(self, other: object) -> bool:
        return self.real == (other.real if isinstance(other, _Str) else other)

    def __ne__(self, other: object) -> bool:
        return not self == other

    def __hash__(self) -> int:
        return hash(self.real)

    def __len__(self) -> int:
        return len(self.real)

    def __contains__(self, part: object) -> bool:
        return isinstance(part, str) and part in self.real

    def __getitem__(self, key: Any) -> Any:
        return _Str(self.real[key])

    def __iter__(self) -> Any:
        return iter([_Str(c) for c in self.real])


def _through(name: str) -> Callable[..., Any]:
    def method(self: _Str, *args: Any, **kwargs: Any) -> Any:
        return taint(getattr(self.real, name)(*args, **kwargs))

    method.__name__ = name
    return method


for _name in [
    "startswith",
    "endswith",
    "split",
    "rsplit",
    "splitlines",
    "partition",
    "rpartition",
    "strip",
    "lstrip",
    "rstrip",
    "replace",
    "removeprefix",
    "removesuffix",
    "upper",
    "lower",
    "title",
    "capitalize",
    "casefold",
    "swapcase",
    "zfill",
    "center",
    "ljust",
    "rjust",
    "expandtabs",
    "count",
    "find",
    "rfind",
    "index",
    "rindex",
]:
    setattr(_Str, _name, _through(_name))


class _Int(int):
    """A count of the spec (or the length of one of its lists): prints as a marked span, and
    what a template computes from it (``n + 1``) is a count of the spec too."""

    def __str__(self) -> str:
        return OPEN + int.__repr__(self) + CLOSE

    def __format__(self, spec: str) -> str:
        return str(self)


def _arithmetic(name: str) -> Callable[..., Any]:
    def method(self: _Int, *args: Any) -> Any:
        return taint(getattr(int, name)(self, *args))

    method.__name__ = name
    return method


for _name in [
    "__add__",
    "__radd__",
    "__sub__",
    "__rsub__",
    "__mul__",
    "__rmul__",
    "__floordiv__",
    "__rfloordiv__",
    "__mod__",
    "__rmod__",
    "__pow__",
    "__rpow__",
    "__neg__",
    "__pos__",
    "__abs__",
]:
    setattr(_Int, _name, _arithmetic(_name))


class _List(list):
    """A list of the spec: its length is a value of the spec too."""


class _View:
    """A value of the spec that is not text or a count — a model, the figures, an amount, a
    date, a percentage, a duration — whose every attribute and method result is tainted on the
    way out; it compares as the value and prints (``|string``) as a marked span.  The blank
    filters take the value itself out of it."""

    __slots__ = ("_of",)

    def __init__(self, of: Any) -> None:
        object.__setattr__(self, "_of", of)

    def __getattr__(self, name: str) -> Any:
        return taint(getattr(self._of, name))

    def __str__(self) -> str:
        return OPEN + str(self._of) + CLOSE

    def __eq__(self, other: object) -> bool:
        return bool(self._of == _unwrap(other))

    def __lt__(self, other: object) -> bool:
        return bool(self._of < _unwrap(other))

    def __le__(self, other: object) -> bool:
        return bool(self._of <= _unwrap(other))

    def __gt__(self, other: object) -> bool:
        return bool(self._of > _unwrap(other))

    def __ge__(self, other: object) -> bool:
        return bool(self._of >= _unwrap(other))

    def __hash__(self) -> int:
        return hash(self._of)

    def __bool__(self) -> bool:
        return bool(self._of)


def _unwrap(value: Any) -> Any:
    return value._of if isinstance(value, _View) else value


_TAINTED = (_Str, _Int, _View, _List)


def taint(value: Any) -> Any:
    """Return *value* marked as coming from the spec, the same for every test a template makes."""
    if value is None or value is NotImplemented or isinstance(value, (bool, *_TAINTED)):
        return value
    if isinstance(value, str):
        return _Str(value)
    if isinstance(value, int):
        return _Int(value)
    if isinstance(value, (list, tuple)):
        return _List(taint(v) for v in value)
    if isinstance(value, dict):
        return {k: taint(v) for k, v in value.items()}
    if callable(value) and not isinstance(value, type):
        fn = value
        return lambda *a, **k: taint(fn(*a, **k))
    if isinstance(value, float):
        return value  # never printed: the template would fail (money is Decimal)
    return _View(value)


def _tainted(value: Any) -> bool:
    return isinstance(value, _TAINTED)


def _mark(text: str) -> str:
    return text if OPEN in text else OPEN + text + CLOSE


def _always(fn: Callable[..., str]) -> Callable[..., str]:
    """Wrap a filter whose input is always a value of the spec (an amount, a date, a span)."""

    def blanked(value: Any, *args: Any) -> str:
        return _mark(fn(_unwrap(value), *args))

    return blanked


def _if_tainted(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Wrap a filter that may format the template's own numbers (a loop index) as well."""

    def blanked(value: Any, *args: Any) -> Any:
        out = fn(_unwrap(value), *args)
        return _mark(str(out)) if _tainted(value) else out

    return blanked


def _length(value: Any) -> int:
    return _Int(len(value)) if isinstance(value, (_List, _Str)) else len(value)


def filters(base: dict[str, Callable[..., Any]]) -> dict[str, Callable[..., Any]]:
    """Return the blank form's filters: the letter's *base* filters, blanking spec values."""
    out = dict(base)
    for name in (
        "money",
        "amount",
        "rmb",
        "date",
        "pct",
        "dur",
        "num",
        "hours",
        "clock",
        "clock_floor",
    ):
        out[name] = _always(base[name])
    for name in ("cn", "ordinal"):
        out[name] = _if_tainted(base[name])
    out["length"] = out["count"] = _length
    to_int = base["int"]
    out["int"] = lambda value, *a, **k: (
        _Int(to_int(_unwrap(value), *a, **k)) if _tainted(value) else to_int(value, *a, **k)
    )
    return out


def context(ctx: dict[str, Any]) -> dict[str, Any]:
    """Return the template context *ctx* with every spec value and figure tainted."""
    plain_words = {"we", "you", "both_sign"}
    return {k: (v if k in plain_words else taint(v)) for k, v in ctx.items()}


# ------------------------------------------------------------------ spans → blanks

_DATE = re.compile(r"\d{4}年\d{1,2}月\d{1,2}日")
_MONEY = re.compile(r"[\d,]+(?:\.\d+)?元")
_PERCENT = re.compile(r"[\d.]+[%％]")
_NUMBER = re.compile(r"[\d,.]+")
_ESCAPE = re.compile(r"\\(.)")


def blank(text: str) -> str:
    """Return the blank that stands for the printed value *text* (see the module's list)."""
    text = _ESCAPE.sub(r"\1", text).replace("<br>", "")
    if _DATE.fullmatch(text):
        return r"\_\_\_\_年\_\_月\_\_日"
    if _MONEY.fullmatch(text):
        return r"\_" * max(10, display_width(text) - 2) + "元"
    if _PERCENT.fullmatch(text):
        return r"\_" * 4 + "%"
    if _NUMBER.fullmatch(text):
        return r"\_" * max(4, display_width(text) + 1)
    low, high = _ROLE_WIDTH
    size = display_width(text)
    return r"\_" * (_CLAUSE if size > high else max(low, size))


def fill(text: str) -> str:
    """Return the rendered markup *text* with every tainted span replaced by its blank."""
    return _SPAN.sub(lambda m: blank(m.group(1)), text)


# ------------------------------------------------------------------ the starting spec


def scaffold(kind: str) -> Contract:
    """Return the kind's starting spec (``scaffold.yaml``), loaded."""
    from . import kinds
    from .contract import load

    return load(kinds.get(kind).scaffold)


def minimal_data(cls: type, data: dict[str, Any]) -> dict[str, Any]:
    """Return *data* (a spec of model *cls*) without any optional field, at every depth."""
    sh = modeling.shape(cls)
    out: dict[str, Any] = {}
    for key, value in data.items():
        fl = sh.by_name.get(key)
        if fl is None:
            out[key] = value  # template, extends …: not a field of the model
            continue
        if not fl.required:
            continue
        out[key] = _minimal(fl.shape.bare, value)
    return out


def _minimal(sh: modeling.Shape, value: Any) -> Any:
    if sh.kind == modeling.MODEL and isinstance(value, dict):
        return minimal_data(sh.tp, value)
    if sh.kind == modeling.LIST and isinstance(value, list):
        return [_minimal(sh.inner.bare, v) for v in value]
    return value


def minimal(contract: Contract) -> Contract | None:
    """Return *contract* without its optional fields, or None when that is not a valid spec
    (a kind whose model asks for one of several optional fields)."""
    from .contract import from_source
    from .diagnostics import SpecError
    from .source import Source

    src = contract.source
    data = minimal_data(type(contract.model), src.data)
    try:
        bare = from_source(Source(src.file, data, src.marks, src.text))
    except SpecError:
        return None
    return bare.with_locale(contract.model.locale)


# ------------------------------------------------------------------ optional parts


def _units(blocks: Sequence[Block]) -> list[tuple[int, int, str]]:
    """Return (block index, item index or -1, comparison key) of each unit of *blocks*.

    The key of a paragraph or list item names its section (the heading above it): two lists of
    blanks in different sections (禁止行为 and 承诺方的义务) look alike and must not be paired.
    """
    out: list[tuple[int, int, str]] = []
    section = ""
    for i, b in enumerate(blocks):
        if isinstance(b, Heading):
            section = plain(b.inlines)
            out.append((i, -1, f"\x1fHeading:{section}"))
        elif isinstance(b, ListBlock):
            for j, item in enumerate(b.items):
                out.append((i, j, f"{section}\x1fli:{plain(item.inlines)}"))
        elif isinstance(b, Paragraph):
            out.append((i, -1, f"{section}\x1fParagraph:{plain(b.inlines)}"))
        elif isinstance(b, Table):
            out.append((i, -1, f"{section}\x1ftable:{b.header!r}"))
        else:
            out.append((i, -1, f"{section}\x1f{type(b).__name__}:"))
    return out


def _kind(key: str) -> str:
    return key.split("\x1f", 1)[1].split(":", 1)[0]


def _text(key: str) -> str:
    return key.split("\x1f", 1)[1].split(":", 1)[1]


def mark_optional(full: Sequence[Block], bare: Sequence[Block]) -> tuple[Block, ...]:
    """Return *full* (the form over the whole starting spec) with what *bare* (the form
    without the optional fields) lacks marked optional, and what only *bare* says (the
    wording a letter uses when an option is not agreed) added after the place it stands."""
    a, b = _units(full), _units(bare)
    matcher = difflib.SequenceMatcher(None, [k for *_r, k in a], [k for *_r, k in b], False)
    whole: set[tuple[int, int]] = set()  # units only the full form has
    inline: dict[tuple[int, int], str] = {}  # unit → its text without the optional fields
    extra: dict[int, list[str]] = {}  # block index → texts only the bare form has, after it
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        others = [b[j][2] for j in range(j1, j2)]
        for i in range(i1, i2):
            key = a[i][2]
            same = [o for o in others if _kind(o) == _kind(key)]
            best = max(same, key=lambda o: _kept(_text(key), _text(o)), default=None)
            if best is not None and _kept(_text(key), _text(best)) >= 0.7:
                inline[a[i][:2]] = _text(best)
                others.remove(best)
            else:
                whole.add(a[i][:2])
        texts = [_text(o) for o in others if _kind(o) in ("li", "Paragraph")]
        if texts:
            at = a[i2 - 1][0] if i2 > i1 else (a[i1 - 1][0] if i1 else -1)
            extra.setdefault(at, []).extend(texts)
    out: list[Block] = [_default(t) for t in extra.get(-1, [])]
    covered = 99  # the level of the optional heading whose section is being copied
    after_optional = False  # the block before was marked optional as a whole
    for i, block in enumerate(full):
        if isinstance(block, Heading) and block.level <= covered:
            covered = 99
        if covered != 99:
            out.append(block)
        elif isinstance(block, Heading) and (i, -1) in whole:
            out.append(dataclasses.replace(block, inlines=(*block.inlines, Text(OPTIONAL))))
            covered = block.level
        elif (
            isinstance(block, ListBlock)
            and after_optional
            and all((i, j) in whole for j in range(len(block.items)))
        ):
            out.append(block)  # the items of an optional paragraph (附件：)
        else:
            after_optional = isinstance(block, Paragraph) and (i, -1) in whole
            out.append(_marked(block, i, whole, inline))
        out += [_default(t) for t in extra.get(i, [])]
    return tuple(out)


_DEFAULT = "〔可选内容未约定时为：“"  # before the wording a letter uses without the option


def _default(text: str) -> Paragraph:
    """Return the paragraph of a clause a letter has only when an option is not agreed."""
    return Paragraph((Text(f"{_DEFAULT}{_quoted(text)}”〕"),))


def _quoted(text: str) -> str:
    """Return *text* for quoting inside “…”: its own double quotes become single ones."""
    return text.replace("“", "‘").replace("”", "’")


def _kept(x: str, y: str) -> float:
    """Return the share of *y* (a unit of the bare form) that *x* (of the full form) keeps,
    a blank counting as one character (two rows of blanks are not alike for their blanks)."""
    x, y = _BLANKS.sub("_", x), _BLANKS.sub("_", y)
    if not y:
        return 0.0
    blocks = difflib.SequenceMatcher(None, x, y, False).get_matching_blocks()
    return sum(m.size for m in blocks) / len(y)


_BLANKS = re.compile("_+")


def _marked(
    block: Block, i: int, whole: set[tuple[int, int]], inline: dict[tuple[int, int], str]
) -> Block:
    if isinstance(block, ListBlock):
        items = []
        for j, item in enumerate(block.items):
            if (i, j) in whole:
                item = dataclasses.replace(item, inlines=(Text(OPTIONAL_MARK), *item.inlines))
            elif (i, j) in inline:
                item = dataclasses.replace(item, inlines=_inline(item.inlines, inline[i, j]))
            items.append(item)
        return dataclasses.replace(block, items=tuple(items))
    if isinstance(block, Paragraph):
        if (i, -1) in whole:  # 〔可选〕 before each of its lines (a party's name, 住所 …)
            return dataclasses.replace(block, inlines=_insert(block.inlines, _line_starts(block)))
        if (i, -1) in inline:
            return dataclasses.replace(block, inlines=_inline(block.inlines, inline[i, -1]))
    return block


def _line_starts(block: Paragraph) -> list[tuple[int, int, str]]:
    marks, pos = [], 0
    for line in plain(block.inlines).split("\n"):
        marks.append((pos, 1, OPTIONAL_MARK))
        pos += len(line) + 1
    return marks


_PUNCT = "，、；。：（）"
_NOTE = "〔未约定时为“"  # after 〔可选：…〕, or alone: the wording without the option
_ADDED = (OPTIONAL, OPTIONAL_MARK, "〔可选：", "〕")
_NUMERAL = re.compile(r"[0-9一二三四五六七八九十百]*")


def _inline(runs: tuple[Text, ...], without: str) -> tuple[Text, ...]:
    """Return *runs* marked where the text *without* differs: a line of several (a party's
    住所, 联系电话 …) with 〔可选〕 before it; in a sentence, a stretch only the full form has
    wrapped in 〔可选：…〕 (with the wording used instead, where there is one), wording only
    the bare form has noted where it stands; a sentence worded differently in more than two
    places keeps its full wording and is followed by the whole wording without the option."""
    full = plain(runs)
    if "\n" in full:
        kept = set(without.split("\n"))
        marks, pos = [], 0
        for line in full.split("\n"):
            if line not in kept:
                marks.append((pos, 1, OPTIONAL_MARK))
            pos += len(line) + 1
        return _insert(runs, marks)
    matcher = difflib.SequenceMatcher(None, full, without, False)
    changes = [
        op
        for op in _merged(matcher.get_opcodes())
        if op[0] != "equal"
        # a number that follows from the items chosen (本部分第4项 / 第3项) is no option
        and not (
            _NUMERAL.fullmatch(full[op[1] : op[2]]) and _NUMERAL.fullmatch(without[op[3] : op[4]])
        )
    ]
    if len(changes) > 2:
        return (*runs, Text(f"{_DEFAULT}{_quoted(without)}”〕"))
    marks = []
    for op, i1, i2, j1, j2 in changes:
        gap = without[j1:j2]
        if op == "replace" and not gap.strip(_PUNCT + "。"):  # two deletes joined across a 。
            if full[i2 - len(gap) : i2] == gap:
                op, i2 = "delete", i2 - len(gap)
            elif full[i1 : i1 + len(gap)] == gap:
                op, i1 = "delete", i1 + len(gap)
        instead = _quoted(without[j1:j2]) if op != "delete" else ""
        note = f"{_NOTE}{instead}”〕" if instead.strip(_PUNCT) else ""
        if op == "insert":  # wording only the bare form has: say what stands here without it
            if note:
                marks.append((i1, 0, note))
            continue
        if op == "delete":
            i1, i2 = _slid(full, i1, i2)
        marks += [(i1, 1, "〔可选："), (i2, 0, "〕" + note)]
    return _insert(runs, marks)


def _slid(full: str, i1: int, i2: int) -> tuple[int, int]:
    """Return the stretch *full[i1:i2]* (text only the full form has) slid right along the
    text it repeats — to where it starts with a punctuation mark, or as far as it goes: “时效，
    或依…的时效” reads “时效〔可选：，或依…的时效〕”, “服务及接收方__业务” reads
    “服务〔可选：及接收方__业务〕”, not “服〔可选：务及接收方__业〕务”."""
    while i2 < len(full) and full[i1] == full[i2] and full[i1] not in _PUNCT:
        i1, i2 = i1 + 1, i2 + 1
    return i1, i2


def _merged(ops: Sequence[tuple[str, int, int, int, int]]) -> list[tuple[str, int, int, int, int]]:
    """Join changes next to each other, or separated by one or two unchanged characters (a
    的 or a comma between two optional words reads as one optional clause)."""
    out: list[tuple[str, int, int, int, int]] = []
    for op in ops:
        if op[0] != "equal" and out and out[-1][0] != "equal":
            prev = out.pop()
        elif (
            op[0] != "equal"
            and len(out) >= 2
            and out[-1][0] == "equal"
            and out[-1][2] - out[-1][1] <= 2
            and out[-2][0] != "equal"
        ):
            out.pop()
            prev = out.pop()
        else:
            out.append(op)
            continue
        # what the joined change keeps of each text decides its kind: the characters between
        # two changes belong to both texts (维护〔可选：__（以下简称“用户”）〕〔未约定时为“用户”〕)
        i1, i2, j1, j2 = prev[1], op[2], prev[3], op[4]
        kind = "replace" if i2 > i1 and j2 > j1 else ("delete" if i2 > i1 else "insert")
        out.append((kind, i1, i2, j1, j2))
    return out


def _insert(runs: tuple[Text, ...], marks: list[tuple[int, int, str]]) -> tuple[Text, ...]:
    """Return *runs* with the texts of *marks* — (position in the plain text, order among the
    marks at one position, text) — inserted as plain runs."""
    if not marks:
        return runs
    marks = sorted(marks)
    out: list[Text] = []
    pos = 0
    k = 0
    for run in runs:
        end = pos + len(run.text)
        cut = pos
        while k < len(marks) and marks[k][0] < end + (run is runs[-1]):
            at = marks[k][0]
            if at > cut:
                out.append(dataclasses.replace(run, text=run.text[cut - pos : at - pos]))
                cut = at
            out.append(Text(marks[k][2]))
            k += 1
        if end > cut:
            out.append(dataclasses.replace(run, text=run.text[cut - pos :]))
        pos = end
    return tuple(out)


# ------------------------------------------------------------------ the form


def compose_blank(
    kind: str,
    templates: Sequence[str | os.PathLike[str]] = (),
    locale: str | None = None,
) -> Any:
    """Return the blank form of *kind* as a :class:`~letters.document.Document`."""
    from .compose import compose

    full = scaffold(kind).with_locale(locale)
    doc = compose(full, templates, blank=True)
    doc = dataclasses.replace(doc, blocks=tuple(_fitted(b) for b in doc.blocks))
    bare = minimal(full)
    if bare is None:
        return doc
    try:
        stripped = compose(bare, templates, blank=True)
    except LettersError as exc:  # say which of the two compositions failed
        exc.args = (
            _("{problem}（空白表单：去掉起始规格的可选字段后再次生成时）").format(problem=exc),
        )
        raise
    blocks = mark_optional(doc.blocks, tuple(_fitted(b) for b in stripped.blocks))
    if doc.meta.locale != "zh-Hans-CN":  # the marks in the letter's script
        from .script import convert

        blocks = tuple(_localized(b, lambda t: convert(t, doc.meta.locale)) for b in blocks)
    return dataclasses.replace(doc, blocks=blocks)


_HEADING_BLANK = 12  # a blank in the title: the title stays on one line
_CELL_BLANK = 6  # a blank in a table cell: the columns stay as wide as the letter's


def _fitted(block: Block) -> Block:
    """Return *block* with its blanks shortened where a long one would not fit: in a heading
    and in a table cell."""

    def short(inlines: tuple[Text, ...], most: int) -> tuple[Text, ...]:
        cut = re.compile(f"_{{{most + 1},}}")
        return tuple(dataclasses.replace(r, text=cut.sub("_" * most, r.text)) for r in inlines)

    if isinstance(block, Heading):
        return dataclasses.replace(block, inlines=short(block.inlines, _HEADING_BLANK))
    if isinstance(block, Table):
        rows = tuple(tuple(short(c, _CELL_BLANK) for c in row) for row in block.rows)
        return dataclasses.replace(block, rows=rows)
    return block


def _localized(block: Block, convert: Callable[[str], str]) -> Block:
    """Return *block* with the marks this module adds (〔可选〕, （可选）, 未约定时为) converted."""

    def runs(inlines: tuple[Text, ...]) -> tuple[Text, ...]:
        return tuple(
            dataclasses.replace(r, text=convert(r.text))
            if r.text in _ADDED or r.text.startswith(("〕", _NOTE, _DEFAULT))
            else r
            for r in inlines
        )

    if isinstance(block, (Heading, Paragraph)):
        return dataclasses.replace(block, inlines=runs(block.inlines))
    if isinstance(block, ListBlock):
        items = tuple(dataclasses.replace(i, inlines=runs(i.inlines)) for i in block.items)
        return dataclasses.replace(block, items=items)
    return block


def render_blank(
    kind: str,
    formats: Sequence[str] | None = None,
    templates: Sequence[str | os.PathLike[str]] = (),
    locale: str | None = None,
) -> dict[str, bytes]:
    """Return ``{format: bytes}`` of the blank form of *kind* (default formats: DOCX, MD)."""
    from . import writers

    chosen = writers.chosen(formats)
    doc = compose_blank(kind, templates, locale)
    return {w.name: w.render(doc) for w in chosen}


def file_stem(kind: str) -> str:
    """Return the file name (without suffix) of the blank form of *kind*: ``<kind>-blank``."""
    return kind + "-blank"


def known(kind: str) -> str:
    """Return *kind* if it has a starting spec to make its form from; raise UsageError (exit 2)
    naming the kinds that do (:func:`letters.scaffold.unknown_kind`)."""
    from . import kinds
    from .scaffold import unknown_kind

    found = kinds.find(kind)  # imports this kind only
    if found is not None and found.scaffold.is_file():
        return kind
    raise unknown_kind(kind)


def produce_blank(
    kind: str,
    formats: Sequence[str],
    templates: Sequence[str | os.PathLike[str]],
    folder: Path,
    mode: str = "write",
    locale: str | None = None,
) -> tuple[list[tuple[str, str]], list[tuple[str, str, str]]]:
    """Write (or compare, by *mode*: see :func:`letters.output.store`) the blank form of *kind*
    as ``folder/<kind>-blank.<suffix>``; return ``[(file name, status)]`` and the text diffs."""
    from .output import store_all

    outputs = render_blank(kind, formats, templates, locale)
    diffs: list[tuple[str, str, str]] = []
    return store_all(folder, file_stem(kind), outputs, mode, diffs), diffs
