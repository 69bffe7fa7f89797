"""Verify a letter that came back: compare what a DOCX or Markdown letter says with its spec.

The spec is rendered afresh (checked first, refused as ``letters render`` refuses it) and both
letters — the one that came back and the fresh one — are read by the same extractor
(:func:`extract`), so whatever the extractor leaves out or normalises is left out on both
sides.  What is compared, as text:

* the body, block by block: paragraphs (headings and list items are paragraphs) and tables,
  aligned in order so that a deleted or inserted paragraph is one finding, not a cascade;
* inside a paragraph or a table cell, the shortest differing span, where whole numbers,
  amounts, dates, codes and runs of 大写 digits are single tokens;
* table rows (a removed or inserted row is one finding) and cells by row and column;
* the text of headers and footers (field results such as page numbers are not text);
* the core properties title, subject, creator, keywords, content status (草稿 / 定稿) and the
  date of ``created``.

Unaccepted tracked changes (``w:ins``, ``w:del``, ``w:moveFrom``, ``w:moveTo``) and comments
are findings of their own; the text is compared as if the changes were accepted.

Not a difference, because Word, WPS and LibreOffice rewrite it when they only save: how text
is split into runs, rsids, proofing marks, bookmarks, fonts and other formatting, the zip
itself, field results, the empty SYMBOL fields (word joiners) of our writer, U+2060, U+200B,
U+FEFF and U+00AD, U+202F and U+00A0 (read as a space), and ``w:br`` / ``w:cr`` (a line break).

Only :mod:`zipfile` and :mod:`xml.etree.ElementTree` (the standard library) read a DOCX, and
only when a letter is verified.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from .diagnostics import Diagnostic, Mark, Path_, UsageError
from .i18n import _

if TYPE_CHECKING:
    from xml.etree.ElementTree import Element

    from .contract import Contract

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_MAX_PART = 64 * 1024 * 1024  # uncompressed bytes of one part: a letter is a few hundred KB

# --------------------------------------------------------------------------------------------
# What a letter says


@dataclass
class Para:
    """Hold one body paragraph: its text, its position (block ordinal, source line)."""

    text: str
    line: int  # 1-based: block ordinal in a DOCX body, source line in a Markdown file
    where: str = ""  # section label, filled in by :func:`_label`


@dataclass
class Tbl:
    """Hold one table: rows of cell texts."""

    rows: list[list[str]]
    line: int
    number: int = 0  # 1-based table number in the letter
    row_lines: list[int] = field(default_factory=list)  # Markdown: the source line of each row


Block = Para | Tbl


@dataclass
class Revision:
    """Hold an unaccepted tracked change or a comment, and the block it is in."""

    comment: bool  # a comment, else a tracked change
    message: str
    line: int


@dataclass
class Letter:
    """Hold what a letter says, as :func:`extract` reads it."""

    blocks: list[Block]
    headers: list[str] = field(default_factory=list)
    footers: list[str] = field(default_factory=list)
    properties: dict[str, str] = field(default_factory=dict)
    revisions: list[Revision] = field(default_factory=list)


# --------------------------------------------------------------------------------------------
# Normalising text

_DROP = dict.fromkeys(map(ord, "\u2060\u200b\ufeff\u00ad\u200d\u200c"))
_SPACE = {ord("\u202f"): " ", ord("\u00a0"): " ", ord("\t"): " ", ord("\v"): "\n", ord("\r"): "\n"}
_TABLE = {**_DROP, **_SPACE}


def norm(text: str) -> str:
    """Return *text* as it is compared: invisible joiners dropped, narrow and no-break spaces
    and tabs as a space, any line break as ``\\n``, spaces at either end stripped."""
    text = text.replace("\r\n", "\n").translate(_TABLE)
    if "  " in text:
        text = re.sub(" {2,}", " ", text)
    return text.strip(" \n")


# --------------------------------------------------------------------------------------------
# Reading a DOCX


def _skip(tag: str) -> bool:
    return tag in _SKIP


_SKIP = frozenset(
    _W + t
    for t in (
        "pPr",
        "rPr",
        "del",
        "moveFrom",
        "fldSimple",
        "drawing",
        "pict",
        "object",
        "footnoteReference",
        "endnoteReference",
        "instrText",
        "delText",
        "delInstrText",
    )
) | {"{http://schemas.openxmlformats.org/markup-compatibility/2006}AlternateContent"}


class _Text:
    """Collect the text of a paragraph, leaving out field results (complex fields too)."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.fields: list[bool] = []  # per open complex field: in its result?

    def walk(self, el: Element) -> None:
        for child in el:
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIP:
                continue
            if tag == _W + "t":
                if child.text and not any(self.fields):
                    self.parts.append(child.text)
            elif tag == _W + "tab":
                if not any(self.fields):
                    self.parts.append(" ")
            elif tag in (_W + "br", _W + "cr"):
                if child.get(_W + "type") not in ("page", "column") and not any(self.fields):
                    self.parts.append("\n")
            elif tag == _W + "noBreakHyphen":
                self.parts.append("-")
            elif tag == _W + "sym":
                self.parts.append(_sym(child.get(_W + "char", "")))
            elif tag == _W + "fldChar":
                kind = child.get(_W + "fldCharType")
                if kind == "begin":
                    self.fields.append(False)
                elif kind == "separate" and self.fields:
                    self.fields[-1] = True
                elif kind == "end" and self.fields:
                    self.fields.pop()
            else:
                self.walk(child)


def _sym(code: str) -> str:
    try:
        return chr(int(code, 16))
    except ValueError:
        return ""


def _para_text(p: Element) -> str:
    t = _Text()
    t.walk(p)
    return norm("".join(t.parts))


def _cell_text(tc: Element) -> str:
    texts = [_para_text(p) for p in _descend(tc, _W + "p", stop=_W + "tbl")]
    return "\n".join(x for x in texts if x)


def _descend(el: Element, tag: str, stop: str | None = None) -> Iterator[Element]:
    """Yield the descendants of *el* named *tag*, not looking inside *tag* or *stop*."""
    for child in el:
        if child.tag == tag:
            yield child
        elif child.tag != stop and child.tag not in _SKIP:
            yield from _descend(child, tag, stop)


def _body_blocks(body: Element) -> Iterator[Element]:
    """Yield the paragraphs and tables of the body, looking into content controls."""
    for child in body:
        if child.tag in (_W + "p", _W + "tbl"):
            yield child
        elif child.tag in (_W + "sdt", _W + "sdtContent", _W + "customXml"):
            yield from _body_blocks(child)


def _table(tbl: Element, line: int) -> Tbl:
    rows = []
    for tr in _descend(tbl, _W + "tr", stop=_W + "tbl"):
        rows.append([_cell_text(tc) for tc in _descend(tr, _W + "tc", stop=_W + "tbl")])
    return Tbl(rows, line)


def _revisions(el: Element, line: int, out: list[Revision]) -> None:
    """Collect the tracked changes and comment references under *el* (block *line*)."""
    for node in el.iter():
        tag = node.tag
        if tag in (_W + "ins", _W + "moveTo"):
            text = "".join(t.text or "" for t in node.iter(_W + "t"))
            msg = (
                _("未接受的修订：插入“{text}”").format(text=_short(norm(text)))
                if text
                else _("未接受的修订：插入段落")
            )
            out.append(Revision(False, msg, line))
        elif tag in (_W + "del", _W + "moveFrom"):
            text = "".join(t.text or "" for t in node.iter() if t.tag in (_W + "delText", _W + "t"))
            msg = (
                _("未接受的修订：删除“{text}”").format(text=_short(norm(text)))
                if text
                else _("未接受的修订：删除段落")
            )
            out.append(Revision(False, msg, line))
        elif tag == _W + "commentReference":
            out.append(Revision(True, node.get(_W + "id", ""), line))


def _read_zip(data: bytes, name: str) -> dict[str, bytes]:
    """Return the XML parts of the DOCX *data*; raise UsageError if it is not one."""
    import io
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            parts: dict[str, bytes] = {}
            for info in z.infolist():
                n = info.filename
                if not n.endswith((".xml", ".rels")):
                    continue
                if info.file_size > _MAX_PART:
                    raise UsageError(
                        _("letters: {path} 不是有效的 DOCX 文件（{error}）").format(
                            path=name, error=_("{part} 过大").format(part=n)
                        )
                    )
                parts[n] = z.read(info)
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        EOFError,
        ValueError,
        NotImplementedError,
        RuntimeError,
        OSError,
    ) as exc:
        raise UsageError(
            _("letters: {path} 不是有效的 DOCX 文件（{error}）").format(path=name, error=exc)
        ) from None
    if "word/document.xml" not in parts:
        raise UsageError(
            _("letters: {path} 不是有效的 DOCX 文件（{error}）").format(
                path=name, error=_("缺少 word/document.xml")
            )
        )
    return parts


def _parse(data: bytes, part: str, name: str) -> Element:
    from xml.etree import ElementTree as ET

    if b"<!DOCTYPE" in data[:2048] or b"<!ENTITY" in data:
        raise UsageError(
            _("letters: {path} 不是有效的 DOCX 文件（{error}）").format(
                path=name, error=_("{part} 含有 DTD").format(part=part)
            )
        )
    try:
        return ET.fromstring(data)
    except ET.ParseError as exc:
        raise UsageError(
            _("letters: {path} 不是有效的 DOCX 文件（{error}）").format(
                path=name, error=f"{part}: {exc}"
            )
        ) from None


def _targets(parts: dict[str, bytes], name: str) -> dict[str, list[str]]:
    """Return the header and footer parts the document's relationships name."""
    out: dict[str, list[str]] = {"header": [], "footer": []}
    rels = parts.get("word/_rels/document.xml.rels")
    if rels is None:
        return out
    for rel in _parse(rels, "word/_rels/document.xml.rels", name).iter(_REL_NS + "Relationship"):
        kind = rel.get("Type", "").rsplit("/", 1)[-1]
        if kind in out and rel.get("TargetMode") != "External":
            target = rel.get("Target", "").lstrip("/")
            out[kind].append(target if target.startswith("word/") else "word/" + target)
    return out


_CORE = {
    "title": "{http://purl.org/dc/elements/1.1/}title",
    "subject": "{http://purl.org/dc/elements/1.1/}subject",
    "creator": "{http://purl.org/dc/elements/1.1/}creator",
    "keywords": "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}keywords",
    "created": "{http://purl.org/dc/terms/}created",
    # 草稿 or 定稿: a draft coming back for signature is not the final letter
    "contentStatus": "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}contentStatus",
}


def extract_docx(data: bytes, name: str = "LETTER.docx") -> Letter:
    """Return what the DOCX *data* says; raise UsageError if it cannot be read."""
    return extract_parts(_read_zip(data, name), name)


def extract_parts(parts: dict[str, bytes], name: str = "LETTER.docx") -> Letter:
    """Return what the XML *parts* of a DOCX (``{part name: bytes}``) say."""
    root = _parse(parts["word/document.xml"], "word/document.xml", name)
    body = root.find(_W + "body")
    letter = Letter([])
    if body is None:
        return letter
    line = 0
    for el in _body_blocks(body):
        if el.tag == _W + "p":
            text = _para_text(el)
            if not text:
                _revisions(el, line + 1, letter.revisions)  # an empty inserted paragraph
                continue
            line += 1
            letter.blocks.append(Para(text, line))
        else:
            line += 1
            letter.blocks.append(_table(el, line))
        _revisions(el, line, letter.revisions)
    targets = _targets(parts, name)
    for kind, store in (("header", letter.headers), ("footer", letter.footers)):
        for target in targets[kind]:
            if target in parts:
                part = _parse(parts[target], target, name)
                for p in _descend(part, _W + "p"):
                    text = _para_text(p)
                    if text and text not in store:
                        store.append(text)
    core = parts.get("docProps/core.xml")
    if core is not None:
        props = _parse(core, "docProps/core.xml", name)
        for key, tag in _CORE.items():
            prop = props.find(tag)
            value = norm(prop.text or "") if prop is not None else ""
            letter.properties[key] = value[:10] if key == "created" else value
    _comments(parts, name, letter)
    return letter


def _comments(parts: dict[str, bytes], name: str, letter: Letter) -> None:
    """Turn the comment references into findings that quote each comment."""
    texts: dict[str, tuple[str, str]] = {}
    if "word/comments.xml" in parts:
        root = _parse(parts["word/comments.xml"], "word/comments.xml", name)
        for c in root.iter(_W + "comment"):
            body = "\n".join(t for t in (_para_text(p) for p in c.iter(_W + "p")) if t)
            texts[c.get(_W + "id", "")] = (c.get(_W + "author", ""), body)
    seen: set[str] = set()
    for r in letter.revisions:
        if r.comment:
            cid = r.message
            seen.add(cid)
            author, body = texts.get(cid, ("", ""))
            r.message = _comment_message(author, body)
    for cid, (author, body) in texts.items():  # comments no paragraph refers to
        if cid not in seen:
            letter.revisions.append(Revision(True, _comment_message(author, body), 0))


def _comment_message(author: str, body: str) -> str:
    return _("批注（{author}）：“{text}”").format(author=author or "?", text=_short(body))


# --------------------------------------------------------------------------------------------
# Reading a Markdown letter (as letters.writers.markdown writes it)

_MD_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])|\*\*")
_MD_TABLE_SEP = re.compile(r"^\|(\s*:?-+:?\s*\|)+\s*$")
_MD_LIST = re.compile(r"^(\d+\.|-|   - )\s?")


def _md_inline(text: str) -> str:
    text = _MD_ESCAPE.sub(lambda m: m.group(1) or "", text)
    return text.replace("&amp;", "&")


def _md_cells(line: str) -> list[str]:
    inner = line.strip()[1:]
    if inner.endswith("|") and not inner.endswith("\\|"):
        inner = inner[:-1]
    cells = re.split(r"(?<!\\)\|", inner)
    return [norm(_md_inline(c.strip().replace("<br>", "\n"))) for c in cells]


def extract_markdown(text: str) -> Letter:
    """Return what the Markdown letter *text* says (blocks with their source lines)."""
    letter = Letter([])
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    i = 0
    while i < len(lines):
        line = lines[i]
        if not line.strip():
            i += 1
            continue
        start = i + 1
        if line.lstrip().startswith("|"):
            table = Tbl([], start)
            while i < len(lines) and lines[i].lstrip().startswith("|"):
                if not _MD_TABLE_SEP.match(lines[i].strip()):
                    table.rows.append(_md_cells(lines[i]))
                    table.row_lines.append(i + 1)
                i += 1
            letter.blocks.append(table)
            continue
        if line.startswith("#"):
            letter.blocks.append(Para(norm(_md_inline(line.lstrip("#").strip())), start))
            i += 1
            continue
        if _MD_LIST.match(line) and (line[0].isdigit() or line.startswith(("-", "   -"))):
            letter.blocks.append(Para(norm(_md_inline(line)), start))
            i += 1
            continue
        chunk: list[str] = []
        while i < len(lines) and lines[i].strip():
            nxt = lines[i]
            if chunk and (
                nxt.startswith(("#", "|")) or (_MD_LIST.match(nxt) and nxt[:1].isdigit())
            ):
                break
            chunk.append(nxt[:-1] if nxt.endswith("\\") and not nxt.endswith("\\\\") else nxt)
            i += 1
        joined = "\n".join(chunk).replace("<br>\n", "\n").replace("<br>", "\n")
        letter.blocks.append(Para(norm(_md_inline(joined)), start))
    return letter


# --------------------------------------------------------------------------------------------
# Where a block is: 二（一）¶2, 表1第2行第3列

_H2 = re.compile(r"^([一二三四五六七八九十百]+)、")
_H3 = re.compile(r"^（([一二三四五六七八九十百]+)）")


def _label(letter: Letter) -> None:
    """Fill in each paragraph's section label and number the tables."""
    h2 = h3 = ""
    n = 0
    tables = 0
    for b in letter.blocks:
        if isinstance(b, Tbl):
            tables += 1
            b.number = tables
            n += 1
            continue
        m2 = _H2.match(b.text)
        m3 = _H3.match(b.text) if not m2 else None
        if m2 and len(b.text) <= 40:
            h2, h3, n = m2.group(0), "", 0
            b.where = h2.rstrip("、")
            continue
        if m3 and len(b.text) <= 40 and h2:
            h3, n = m3.group(0), 0
            b.where = h2.rstrip("、") + h3
            continue
        n += 1
        b.where = f"{h2.rstrip('、')}{h3}¶{n}"


def _cell_where(table: int, row: int, col: int) -> str:
    return _("表{table}第{row}行第{column}列").format(table=table, row=row, column=col)


# --------------------------------------------------------------------------------------------
# Comparing: tokens and spans

_TOKEN = re.compile(
    r"\d{4}年\d{1,2}月\d{1,2}日"  # a date
    r"|[0-9A-Za-z]+(?:[.,:/\-][0-9A-Za-z]+)*%?"  # numbers, amounts, codes, words
    r"|[零壹贰叁肆伍陆柒捌玖拾佰仟万亿元角分整]{2,}"  # 大写 amounts
    r"|\s+|.",
    re.S,
)
_UNIT = frozenset("元%％个天日时小分钟秒年月次倍级项人")
_FIGURE = re.compile(r"[0-9零壹贰叁肆伍陆柒捌玖拾佰仟]")


def tokens(text: str) -> list[str]:
    """Split *text* into comparison tokens: numbers, amounts, dates, codes and 大写 runs are
    one token each, anything else one character."""
    return _TOKEN.findall(text)


@dataclass
class Span:
    """Hold one differing span of a text: what was expected, what was found, where."""

    expected: str
    found: str
    offset: int  # characters into the found text
    at: int = 0  # characters into the expected text


def spans(expected: str, found: str) -> list[Span]:
    """Return the shortest differing spans between *expected* and *found* (token-wise)."""
    import difflib

    a, b = tokens(expected), tokens(found)
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    groups: list[list[int]] = []  # [i1, i2, j1, j2]
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag == "equal":
            continue
        if groups and i1 - groups[-1][1] <= 1 and j1 - groups[-1][3] <= 1:
            groups[-1][1], groups[-1][3] = i2, j2  # one equal token between: one span
        else:
            groups.append([i1, i2, j1, j2])
    out = []
    for i1, i2, j1, j2 in groups:
        # a figure keeps its unit: 6,000.00元, 15分钟
        while (
            i2 < len(a)
            and j2 < len(b)
            and a[i2] == b[j2]
            and a[i2] in _UNIT
            and (
                _FIGURE.search(a[i2 - 1] if i2 > i1 else "")
                or _FIGURE.search(b[j2 - 1] if j2 > j1 else "")
            )
        ):
            i2, j2 = i2 + 1, j2 + 1
        out.append(
            Span("".join(a[i1:i2]), "".join(b[j1:j2]), sum(map(len, b[:j1])), sum(map(len, a[:i1])))
        )
    return out


def _short(text: str, limit: int = 40) -> str:
    text = text.replace("\n", "↵")
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --------------------------------------------------------------------------------------------
# Spec paths of figures


def figure_paths(contract: Contract) -> dict[str, list[Path_]]:
    """Return {formatted figure: spec paths} for every number, amount, percentage, duration
    and date the letter prints, in each form a template prints it.

    The spec's own values carry their paths.  A derived figure (an hourly amount, a cap, a
    downtime budget) carries the path of what it was computed from: the spec object it sits
    beside in the kind's figures (a tier's figures hold the tier, so its hourly amount is
    ``tiers[1]``), or the path the figures class declares for the field in its ``SOURCES``
    (``cap_amount`` → ``compensation.cap``, or relative to the object beside it:
    ``.below``), or the spec path a figure holds in the field its class names as ``SCOPE``
    (a work-assurance task); a figure with none of these has no path."""
    import contextlib
    import dataclasses
    import datetime as dt
    from decimal import Decimal

    from . import formatting
    from .compose import FILTERS
    from .units import Duration, Percent

    out: dict[str, list[Path_]] = {}
    spec_objects: dict[int, Path_] = {}

    given: set[str] = set()  # the texts of the spec's own values: these explain a figure first

    def add(text: str, path: Path_) -> None:
        if not text or text in given:
            return
        known = out.setdefault(text, [])
        if any(p[: len(path)] == path for p in known):  # a more precise path holds it already
            return
        known[:] = [p for p in known if path[: len(p)] != p]  # a vaguer one gives way
        known.append(path)

    def leaf(value: Any, path: Path_) -> bool:
        """Add *value* under *path* when it is a figure; return whether it was a leaf."""
        if isinstance(value, bool) or value is None:
            return True
        if isinstance(value, Decimal):  # every form a template filter prints a number in
            for name in ("amount", "money", "num", "rmb", "hours", "clock", "clock_floor"):
                show = cast("Callable[[Decimal], str]", FILTERS[name])
                with contextlib.suppress(ValueError, ArithmeticError):
                    add(show(value), path)
            return True
        if isinstance(value, int):
            add(str(value), path)
            return True
        if isinstance(value, Percent | Duration):
            add(str(value), path)  # 0.5% / 15分钟; templates also print the bare number
            if isinstance(value, Duration):
                add(value.zh(), path)
            add(
                formatting.number(value.value if isinstance(value, Percent) else value.amount), path
            )
            return True
        if isinstance(value, dt.date):
            add(formatting.date_cn(value), path)
            add(value.isoformat(), path)
            return True
        return False

    def walk(value: Any, path: Path_) -> None:
        if leaf(value, path):
            return
        if isinstance(value, str):
            if 2 <= len(value) <= 40 and "\n" not in value:
                add(value, path)
            return
        if isinstance(value, list | tuple):
            for i, item in enumerate(value):
                walk(item, (*path, i))
            return
        if dataclasses.is_dataclass(value):
            spec_objects[id(value)] = path
            for fld in dataclasses.fields(value):
                walk(getattr(value, fld.name, None), (*path, fld.name))

    seen: set[int] = set()

    def printed(text: Any, path: Path_) -> None:
        if path and isinstance(text, str) and _FIGURE.search(text) and len(text) <= 40:
            add(text, path)

    def derived(value: Any, scope: Path_) -> None:
        if id(value) in spec_objects or isinstance(value, str):
            return
        if isinstance(value, list | tuple):
            for item in value:
                derived(item, scope)
            return
        if dataclasses.is_dataclass(value):
            if id(value) in seen:  # a figure held twice is explained where it first appears
                return
            seen.add(id(value))
            names = [f.name for f in dataclasses.fields(value)]
            beside = [
                spec_objects[id(v)] for n in names if id(v := getattr(value, n)) in spec_objects
            ]
            own = beside[0] if beside else scope
            scope_field = getattr(type(value), "SCOPE", None)
            if scope_field:  # the figure holds the spec path it stands for
                own = tuple(getattr(value, scope_field))
                for n in names:  # and its labels (压力测试) tell its table row apart
                    if isinstance(label := getattr(value, n), str) and 2 <= len(label) <= 20:
                        add(label, own)
            sources = getattr(type(value), "SOURCES", {})
            for n in names:
                src = sources.get(n)
                at = own if src is None else _spec_path(src, own)
                derived(getattr(value, n), at)
                if n.endswith("_text"):  # a figure the kind prints as text (24个月)
                    printed(getattr(value, n), at)
            for n, attr in vars(type(value)).items():  # and its printed properties (3小时43分)
                if isinstance(attr, property) and n.endswith("_text"):
                    printed(getattr(value, n), own)
            return
        if scope:
            leaf(value, scope)

    walk(contract.model, ())
    given.update(out)
    derived(contract.figures, ())
    return out


def _spec_path(dotted: str, own: Path_ = ()) -> Path_:
    """Return ``("tiers", 1, "level")`` for ``tiers[1].level``; a path that starts with a dot
    is relative to *own* (``.below`` beside ``service_credits[0]``)."""
    out: list[str | int] = list(own) if dotted.startswith(".") else []
    for part in dotted.lstrip(".").split("."):
        name, *indexes = part.split("[")
        if name:
            out.append(name)
        out.extend(int(i.rstrip("]")) for i in indexes)
    return tuple(out)


def _path_of(
    span: Span, paths: dict[str, list[Path_]], context: str = "", row: tuple[int, int] | None = None
) -> Path_:
    """Return the one spec path whose figure the expected span is, or ()."""
    text = span.expected.strip()
    if not text or not _FIGURE.search(text):
        return ()
    for candidate in (text, text.rstrip("".join(_UNIT))):
        found = paths.get(candidate)
        if found:
            return _choose(found, paths, context, candidate, row)
    return ()


def _choose(
    found: list[Path_],
    paths: dict[str, list[Path_]],
    context: str,
    text: str,
    row: tuple[int, int] | None = None,
) -> Path_:
    """Return the one path of *found*; when the same text comes from several fields (the same
    amount in five instalments), the one that shares the most with the fields the rest of the
    paragraph or table row names unambiguously (the instalment whose due date is in the row),
    else the list item of the table's body row (*row* = (index, count)); () when neither
    singles one out."""
    if len(found) == 1:
        return found[0]
    near = [
        ps[0]
        for value, ps in paths.items()
        if len(ps) == 1 and value != text and len(value) >= 2 and value in context
    ]

    def shared(p: Path_) -> int:
        return max((_common(p, q) for q in near), default=0)

    scores = sorted(((shared(p), p) for p in found), key=lambda x: -x[0])
    best, runner = scores[0][0], scores[1][0]
    if best > runner:
        return scores[0][1]
    return _by_row(found, row)


def _by_row(found: list[Path_], row: tuple[int, int] | None) -> Path_:
    """Return the path for body row *k* of *n* when *found* are the *n* items of one list in
    order (``fees.instalments[0]`` … ``[4]``: a table with a row per item), else ()."""
    if row is None:
        return ()
    k, n = row
    if len(found) != n or len({len(p) for p in found}) != 1:
        return ()
    varying = [i for i in range(len(found[0])) if len({p[i] for p in found}) > 1]
    if len(varying) != 1 or sorted(p[varying[0]] for p in found) != list(range(n)):
        return ()
    return next(p for p in found if p[varying[0]] == k)


def _common(p: Path_, q: Path_) -> int:
    n = 0
    for a, b in zip(p, q, strict=False):
        if a != b:
            break
        n += 1
    return n


# --------------------------------------------------------------------------------------------
# Comparing two letters


@dataclass
class _Out:
    file: str
    paths: dict[str, list[Path_]]
    found: list[Diagnostic] = field(default_factory=list)

    def report(
        self, code: str, where: str, line: int, column: int, message: str, path: Path_ = ()
    ) -> None:
        mark = Mark(self.file, max(line, 1), max(column, 1), where)
        self.found.append(Diagnostic(code, "error", path, message, mark))

    def text(
        self,
        where: str,
        line: int,
        expected: str,
        found: str,
        column0: int = 0,
        context: str = "",
        row: tuple[int, int] | None = None,
    ) -> None:
        """Report the differing spans of *expected* and *found*; *context* (the table row of a
        cell) and *row* (its body row index and count) tell apart fields printing one figure."""
        context = context or expected
        for s in spans(expected, found):
            path = _path_of(s, self.paths, context, row)
            if not path:
                s, path = _widen(s, expected, found, self.paths, context, row)
            self.report("hand-edit", where, line, column0 + s.offset + 1, _differs(s), path)


def _widen(
    s: Span,
    expected: str,
    found: str,
    paths: dict[str, list[Path_]],
    context: str = "",
    row: tuple[int, int] | None = None,
) -> tuple[Span, Path_]:
    """Return *s* widened to the whole spec text or figure it lies in (a name, a short phrase,
    ``20分52秒`` around ``52秒``) and that text's spec path (see :func:`_choose`)."""
    if not s.expected.strip() or len(s.expected) > 8:
        return s, ()
    figure = bool(_FIGURE.search(s.expected))
    hits: list[tuple[str, int]] = []
    for value in paths:
        if len(value) > 20 or bool(_FIGURE.search(value)) != figure or s.expected not in value:
            continue
        start = expected.find(value, max(0, s.at - len(value)))
        while 0 <= start <= s.at:
            if start + len(value) >= s.at + len(s.expected):
                hits.append((value, start))
                break
            start = expected.find(value, start + 1)
    if not hits:
        return s, ()
    value, start = max(hits, key=lambda h: len(h[0]))
    if any(not (start <= st and st + len(v) <= start + len(value)) for v, st in hits):
        return s, ()  # two values overlap here: which one was edited is not clear
    before = s.at - start
    after = start + len(value) - s.at - len(s.expected)
    f0, f1 = s.offset - before, s.offset + len(s.found) + after
    if f0 < 0 or f1 > len(found) or found[f0 : s.offset] != expected[start : s.at]:
        return s, ()
    if found[s.offset + len(s.found) : f1] != expected[s.at + len(s.expected) : start + len(value)]:
        return s, ()
    return Span(value, found[f0:f1], f0, start), _choose(paths[value], paths, context, value, row)


def _differs(s: Span) -> str:
    if not s.found:
        return _("缺少“{expected}”").format(expected=_short(s.expected))
    if not s.expected:
        return _("多出“{found}”").format(found=_short(s.found))
    return _("应为“{expected}”，实为“{found}”").format(
        expected=_short(s.expected), found=_short(s.found)
    )


def _key(b: Block) -> object:
    return b.text if isinstance(b, Para) else ("table", tuple(map(tuple, b.rows)))


def _similar(x: Block, y: Block) -> float:
    import difflib

    if type(x) is not type(y):
        return 0.0
    if isinstance(x, Para) and isinstance(y, Para):
        return difflib.SequenceMatcher(None, x.text, y.text, autojunk=False).quick_ratio()
    return 1.0


def compare(
    expected: Letter, found: Letter, file: str, paths: dict[str, list[Path_]]
) -> list[Diagnostic]:
    """Return the findings of *found* (the letter) against *expected* (the fresh render)."""
    import difflib

    _label(expected)
    _label(found)
    out = _Out(file, paths)
    for r in found.revisions:
        block = next((b for b in found.blocks if b.line == r.line), None)
        if r.comment:
            out.report("comment", _where(block), r.line, 1, r.message)
        else:
            out.report("tracked-change", _where(block), r.line, 1, r.message)
    a = [_key(b) for b in expected.blocks]
    b = [_key(x) for x in found.blocks]
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag == "equal":
            continue
        exp, got = expected.blocks[i1:i2], found.blocks[j1:j2]
        pairs = _pair(exp, got)
        for x, y in pairs:
            if x is None and y is not None:
                out.report("hand-edit", _where(y), y.line, 1, _extra(y))
            elif y is None and x is not None:
                after = _after(found.blocks, j1)
                out.report("hand-edit", _where(x), after, 1, _missing(x))
            elif isinstance(x, Para) and isinstance(y, Para):
                out.text(x.where or y.where, y.line, x.text, y.text)
            elif isinstance(x, Tbl) and isinstance(y, Tbl):
                _compare_tables(out, x, y)
    for name, exp_list, got_list in (
        (_("页眉"), expected.headers, found.headers),
        (_("页脚"), expected.footers, found.footers),
    ):
        _compare_lines(out, name, exp_list, got_list)
    for key, value in expected.properties.items():
        actual = found.properties.get(key, "")
        if actual != value:
            where = _("文档属性 {name}").format(name=key)
            out.report(
                "hand-edit",
                where,
                1,
                1,
                _("应为“{expected}”，实为“{found}”").format(
                    expected=_short(value), found=_short(actual)
                ),
            )
    return sorted(out.found, key=lambda d: (d.mark.line, d.mark.column))


def _where(block: Block | None) -> str:
    if block is None:
        return _("批注")
    if isinstance(block, Tbl):
        return _("表{table}").format(table=block.number)
    return block.where or "¶"


def _after(blocks: Sequence[Block], j: int) -> int:
    """Return the line of the letter's block where a missing block would have been."""
    if j < len(blocks):
        return blocks[j].line
    return blocks[-1].line if blocks else 1


def _extra(y: Block) -> str:
    if isinstance(y, Para):
        return _("多出段落“{found}”").format(found=_short(y.text))
    return _("多出表格（{rows} 行）").format(rows=len(y.rows))


def _missing(x: Block) -> str:
    if isinstance(x, Para):
        return _("缺少段落“{expected}”").format(expected=_short(x.text))
    return _("缺少表格（{rows} 行）").format(rows=len(x.rows))


def _pair(exp: Sequence[Block], got: Sequence[Block]) -> list[tuple[Block | None, Block | None]]:
    """Pair the blocks of a replaced stretch: equal counts in order, otherwise each expected
    block with the most similar found block of the same kind, keeping the order."""
    if len(exp) == len(got) and all(type(x) is type(y) for x, y in zip(exp, got, strict=True)):
        return list(zip(exp, got, strict=True))
    out: list[tuple[Block | None, Block | None]] = []
    j = 0
    for x in exp:
        best, score = -1, 0.3
        for k in range(j, len(got)):
            s = _similar(x, got[k])
            if s > score:
                best, score = k, s
        if best < 0:
            out.append((x, None))
            continue
        out.extend((None, y) for y in got[j:best])
        out.append((x, got[best]))
        j = best + 1
    out.extend((None, y) for y in got[j:])
    return out


def _compare_tables(out: _Out, x: Tbl, y: Tbl) -> None:
    import difflib

    a = [tuple(r) for r in x.rows]
    b = [tuple(r) for r in y.rows]
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag == "equal":
            continue
        if tag == "replace" and i2 - i1 == j2 - j1:
            for k in range(i2 - i1):
                _compare_rows(out, y, i1 + k, j1 + k, x.rows[i1 + k], y.rows[j1 + k])
            continue
        for i in range(i1, i2):
            line = y.row_lines[j1] if j1 < len(y.row_lines) else y.line
            where = _("表{table}第{row}行").format(table=y.number, row=i + 1)
            out.report(
                "hand-edit",
                where,
                line,
                1,
                _("缺少一行：“{expected}”").format(expected=_short(" | ".join(x.rows[i]))),
            )
        for j in range(j1, j2):
            line = y.row_lines[j] if j < len(y.row_lines) else y.line
            where = _("表{table}第{row}行").format(table=y.number, row=j + 1)
            out.report(
                "hand-edit",
                where,
                line,
                1,
                _("多出一行：“{found}”").format(found=_short(" | ".join(y.rows[j]))),
            )


def _compare_rows(out: _Out, y: Tbl, i: int, j: int, er: list[str], fr: list[str]) -> None:
    line = y.row_lines[j] if j < len(y.row_lines) else y.line
    for c in range(max(len(er), len(fr))):
        e = er[c] if c < len(er) else ""
        f = fr[c] if c < len(fr) else ""
        if e != f:
            out.text(
                _cell_where(y.number, j + 1, c + 1),
                line,
                e,
                f,
                context=" | ".join(er),
                row=(j - 1, len(y.rows) - 1) if j >= 1 else None,  # row 1 is the header
            )


def _compare_lines(out: _Out, name: str, exp: list[str], got: list[str]) -> None:
    for k in range(max(len(exp), len(got))):
        e = exp[k] if k < len(exp) else ""
        f = got[k] if k < len(got) else ""
        if e != f:
            out.text(f"{name}¶{k + 1}", 1, e, f)


# --------------------------------------------------------------------------------------------
# The command


def extract(data: bytes, suffix: str, name: str) -> Letter:
    """Return what the letter *data* says; *suffix* (``.docx`` or ``.md``) chooses the reader."""
    if suffix == ".docx":
        return extract_docx(data, name)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UsageError(
            _("letters: {path} 不是 UTF-8 编码的 Markdown 文件").format(path=name)
        ) from None
    return extract_markdown(text)


def read_letter(path: Path) -> tuple[bytes, str]:
    """Return the bytes and the suffix (``.docx`` / ``.md``) of the letter at *path*."""
    suffix = path.suffix.lower()
    if suffix not in (".docx", ".md"):
        raise UsageError(_("letters: {path} 不是 .docx 或 .md 文件").format(path=path))
    try:
        return path.read_bytes(), suffix
    except FileNotFoundError:
        raise UsageError(_("letters: 找不到 {path}").format(path=path)) from None
    except OSError as exc:
        raise UsageError(
            _("letters: 无法读取 {path}：{error}").format(path=path, error=exc.strerror or exc)
        ) from None


@dataclass
class Verified:
    """Hold the result of verifying one letter: findings and the exit code."""

    diagnostics: list[Diagnostic]
    exit_code: int


def verify_contract(
    data: bytes, suffix: str, name: str, contract: Contract, templates: Sequence[str] = ()
) -> list[Diagnostic]:
    """Return the findings of the letter *data* against the checked *contract*."""
    from .rendering import render_contract

    fmt = "docx" if suffix == ".docx" else "md"
    letter = extract(data, suffix, name)
    fresh = render_contract(contract, (fmt,), templates)[fmt]
    expected = extract(fresh, suffix, name)
    return compare(expected, letter, name, figure_paths(contract))


def verify(letter: Path, spec: Path, templates: Sequence[str] = ()) -> Verified:
    """Check *spec* as ``letters render`` does, then compare *letter* with its fresh render."""
    from .checks import check
    from .contract import load
    from .diagnostics import SpecError

    data, suffix = read_letter(letter)
    try:
        contract = load(spec)
    except SpecError as exc:
        return Verified(exc.diagnostics, max(1, exc.exit_code))
    found = check(contract)
    if any(d.is_error for d in found):
        return Verified(found, 1)
    diffs = verify_contract(data, suffix, str(letter), contract, templates)
    return Verified(diffs, 1 if diffs else 0)
