"""Parse the restricted Markdown that templates render into the document tree.

The language is line-based and small (one pass, no backtracking):

* ``# 标题`` — the letter title; ``## 节`` and ``### 小节`` — sections, numbered here
  (一、二、… and （一）（二）…; the numbers restart in every section), so an optional section
  that is left out never leaves a gap in the numbering;
* ``1. 项`` — an ordered list item (numbered 1. 2. …); indented by two or more spaces, a nested
  item (numbered （1）（2）…); ``- 项`` — a bullet;
* ``| a | b |`` rows with a ``|---|:---:|`` separator after the header — a table;
* ``::: noindent`` / ``::: right`` / ``::: center`` … ``:::`` — paragraphs without first-line
  indent or aligned; ``::: signature`` … ``:::`` with ``party: 标签 | 名称`` and
  ``signer: 职务 | 姓名`` lines — the signature block;
* inline: ``**粗体**``, ``<br>`` (a line break), and ``\\X`` escapes of any ASCII punctuation.

Template variables are escaped by :func:`escape` before they reach this parser, so user text can
never open a table cell, a heading or a list.
"""

from __future__ import annotations

import re

from .document import (
    Align,
    Block,
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
)
from .formatting import ordinal_cn as cn_ordinal  # 一、二、… 十一: the one Chinese-numeral helper
from .i18n import _


class MarkupError(ValueError):
    """Raise when the rendered template is not valid restricted Markdown (a template bug)."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(_("第 {line} 行：{problem}").format(line=line, problem=message))
        self.line = line


_SPECIALS = re.compile(r"[\\`*_\[\]<>|#+\-.!:~{}()]")
# The empty position just before each markup character: splitting there and joining with "\"
# escapes them all in C (re.sub with the template r"\\\1" runs Python code for every match).
_BEFORE_SPECIAL = re.compile(r"(?=[\\`*_\[\]<>|#+\-.!:~{}()])")


def escape(text: str) -> str:
    """Return *text* with every markup character escaped; newlines become ``<br>``."""
    text = text.strip("\n")
    if _SPECIALS.search(text):  # most printed values (names, dates) hold none
        text = "\\".join(_BEFORE_SPECIAL.split(text))
    if "\n" in text:
        text = text.replace("\r\n", "\n").replace("\n", "<br>")
    return text


_INLINE = re.compile(r"\\([!-/:-@\[-`{-~])|\*\*|<br>")


def inlines(text: str) -> Inlines:
    """Parse inline markup (``**bold**``, ``<br>``, escapes) into text runs."""
    if "\\" not in text and "*" not in text and "<" not in text:  # no markup: most lines
        return (Text(text, False),) if text else ()
    runs: list[Text] = []
    buf: list[str] = []
    bold = False
    pos = 0
    for m in _INLINE.finditer(text):
        buf.append(text[pos : m.start()])
        pos = m.end()
        token = m.group(0)
        if m.group(1) is not None:
            buf.append(m.group(1))
        elif token == "<br>":
            buf.append("\n")
        else:  # ** toggles bold
            if buf and "".join(buf):
                runs.append(Text("".join(buf), bold))
            buf = []
            bold = not bold
    buf.append(text[pos:])
    if "".join(buf):
        runs.append(Text("".join(buf), bold))
    return tuple(runs)


_HEADING = re.compile(r"^(#{1,3})\s+(.*)$")
_ORDERED = re.compile(r"^( *)\d+\.\s+(.*)$")
_BULLET = re.compile(r"^( *)-\s+(.*)$")
_SEP_CELL = re.compile(r"^\s*(:?)-{3,}(:?)\s*$")
_UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")


def _split_row(line: str) -> list[str]:
    body = line.strip()
    if body.startswith("|"):
        body = body[1:]
    if body.endswith("|") and not body.endswith("\\|"):
        body = body[:-1]
    return [cell.strip() for cell in _UNESCAPED_PIPE.split(body)]


def parse(text: str) -> list[Block]:
    """Parse rendered restricted Markdown *text* into blocks, numbering headings and lists."""
    lines = text.split("\n")
    blocks: list[Block] = []
    section = 0
    subsection = 0
    i = 0
    para: list[str] = []
    align: Align = "justify"
    indent = True

    def flush() -> None:
        if para:
            blocks.append(Paragraph(inlines("".join(para)), align, indent))
            para.clear()

    while i < len(lines):
        line = lines[i].rstrip()
        stripped = line.strip()
        if not stripped:
            flush()
            i += 1
            continue
        if stripped.startswith(":::"):
            flush()
            word = stripped[3:].strip()
            if word == "":
                align, indent = "justify", True
            elif word == "signature":
                i = _signature(lines, i + 1, blocks)
                continue
            elif word in ("noindent", "left"):
                # left, not justified: a justified line that ends in a line break is stretched
                # across the whole width by Word and LibreOffice (address blocks, 致 lines)
                align, indent = "left", False
            elif word in ("right", "center"):
                align, indent = word, False  # type: ignore[assignment]
            else:
                raise MarkupError(i + 1, _("未知的容器“::: {word}”").format(word=word))
            i += 1
            continue
        if line.startswith("#"):
            flush()
            m = _HEADING.match(line)
            if not m:
                raise MarkupError(i + 1, _("标题格式应为“## 标题”"))
            level = len(m.group(1))
            number = ""
            if level == 2:
                section += 1
                subsection = 0
                number = cn_ordinal(section) + "、"
            elif level == 3:
                subsection += 1
                number = f"（{cn_ordinal(subsection)}）"
            blocks.append(Heading(level, inlines(m.group(2).strip()), number))
            i += 1
            continue
        # A list item starts with a digit or "-" after its indent (checked first: cheaper than
        # the two patterns, which most lines would fail).
        first = stripped[0]
        if (first == "-" or first.isdecimal()) and (_ORDERED.match(line) or _BULLET.match(line)):
            flush()
            lst, i = _list(lines, i)
            blocks.append(lst)
            continue
        if stripped.startswith("|"):
            flush()
            table, i = _table(lines, i)
            blocks.append(table)
            continue
        para.append(stripped)
        i += 1
    flush()
    return blocks


def _list(lines: list[str], i: int) -> tuple[ListBlock, int]:
    """Parse a list starting at line *i*; nested items (indented) become child lists."""
    items: list[tuple[str, list[str], list[tuple[bool, str]]]] = []  # (kind, text, children)
    ordered = bool(_ORDERED.match(lines[i]))
    while i < len(lines):
        line = lines[i].rstrip()
        m = _ORDERED.match(line)
        is_ordered = m is not None
        if m is None:
            m = _BULLET.match(line)
        if not m:
            if line.strip() and not line.startswith((" ", "|", "#", ":::")) and items:
                # a lazy continuation line joins the previous item
                items[-1][1].append(line.strip())
                i += 1
                continue
            break
        nested = len(m.group(1)) >= 2
        if nested:
            if not items:
                raise MarkupError(i + 1, _("缩进的列表项前没有上一级列表项"))
            items[-1][2].append((is_ordered, m.group(2)))
        else:
            if is_ordered != ordered:
                break
            items.append(("o" if ordered else "b", [m.group(2)], []))
        i += 1
    out: list[ListItem] = []
    for n, (_kind, text, children) in enumerate(items, 1):
        label = f"{n}." if ordered else "•"
        kids: tuple[ListBlock, ...] = ()
        if children:
            child_ordered = children[0][0]
            kids = (
                ListBlock(
                    tuple(
                        ListItem(f"（{k}）" if child_ordered else "•", inlines(t))
                        for k, (_o, t) in enumerate(children, 1)
                    ),
                    child_ordered,
                    1,
                ),
            )
        out.append(ListItem(label, inlines("".join(text)), kids))
    return ListBlock(tuple(out), ordered, 0), i


def _table(lines: list[str], i: int) -> tuple[Table, int]:
    start = i
    rows: list[list[str]] = []
    while i < len(lines) and lines[i].strip().startswith("|"):
        rows.append(_split_row(lines[i]))
        i += 1
    if len(rows) < 2 or not all(_SEP_CELL.match(c) for c in rows[1]):
        raise MarkupError(start + 2, _("表格第二行应为分隔行，如 |---|---|"))
    width = len(rows[0])
    aligns: list[Align] = []
    for cell in rows[1]:
        m = _SEP_CELL.match(cell)
        assert m
        left, right = m.group(1), m.group(2)
        aligns.append("center" if left and right else "right" if right else "left")
    for n, row in enumerate(rows[2:], start + 3):
        if len(row) != width:
            raise MarkupError(
                n, _("表格行有 {cells} 列，表头有 {width} 列").format(cells=len(row), width=width)
            )
    return (
        Table(
            tuple(inlines(c) for c in rows[0]),
            tuple(tuple(inlines(c) for c in row) for row in rows[2:]),
            tuple(aligns),
        ),
        i,
    )


def _signature(lines: list[str], i: int, blocks: list[Block]) -> int:
    parties: list[SignatureParty] = []
    start = i
    while i < len(lines) and lines[i].strip() != ":::":
        line = lines[i].strip()
        i += 1
        if not line:
            continue
        key, _sep, rest = line.partition(":")
        cells = [plain_text(c.strip()) for c in _UNESCAPED_PIPE.split(rest)]
        if key == "party" and len(cells) == 2:
            parties.append(SignatureParty(cells[0], cells[1], ()))
        elif key == "signer" and len(cells) == 2 and parties:
            last = parties[-1]
            parties[-1] = SignatureParty(
                last.label, last.name, (*last.signers, Signer(cells[0], cells[1]))
            )
        else:
            raise MarkupError(i, _("签署栏的行应为“party: 标签 | 名称”或“signer: 职务 | 姓名”"))
    if i >= len(lines):
        raise MarkupError(start, _("::: signature 没有以 ::: 结束"))
    blocks.append(SignatureBlock(tuple(parties)))
    return i + 1


def plain_text(text: str) -> str:
    """Return the literal text of inline markup *text* (escapes resolved, no formatting)."""
    return "".join(run.text for run in inlines(text))
