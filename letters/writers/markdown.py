"""Write the document tree as GitHub-flavoured Markdown (for review and diffs)."""

from __future__ import annotations

import re

from ..document import (
    Block,
    Document,
    Heading,
    Inlines,
    ListBlock,
    Paragraph,
    SignatureBlock,
    Table,
    signer_line,
)

# Characters that could start or change markup anywhere in a line, and the empty position just
# before each: splitting there and joining with "\" escapes them all in C (re.sub with the
# template r"\\\1" runs Python code for every match).
_ALWAYS = re.compile(r"[\\`*_\[\]<>|~]")
_BEFORE_ALWAYS = re.compile(r"(?=[\\`*_\[\]<>|~])")
# Characters that only matter at the start of a line.
_LEAD = re.compile(r"(\s*)(\d{0,9})([#+\-=.)](?=\s|$)|>)")


def escape(text: str) -> str:
    """Escape *text* so that GFM shows it literally."""
    if _ALWAYS.search(text):  # most runs hold none
        text = "\\".join(_BEFORE_ALWAYS.split(text))
    if "&" in text:
        text = text.replace("&", "&amp;")
    m = _LEAD.match(text)  # at the start of the text only
    return _lead(m) + text[m.end() :] if m else text


def _lead(m: re.Match[str]) -> str:
    digits, mark = m.group(2), m.group(3)
    if digits and mark not in ".)":
        return m.group(0)
    if not digits and mark in ".)":
        return m.group(0)
    return m.group(1) + digits + "\\" + mark


def _inline(inlines: Inlines, *, cell: bool = False) -> str:
    out = []
    for run in inlines:
        lines = [escape(part) for part in run.text.split("\n")]
        # a line break is CommonMark's hard break (a backslash at the end of the line); a table
        # cell is one line, so it keeps <br>, as does a paragraph with an empty line in it
        if cell or any(not line.strip() for line in lines[1:]):
            text = ("<br>" if cell else "<br>\n").join(lines)
        else:
            text = "\\\n".join(lines)
        if run.bold and text.strip():
            text = f"**{text}**"
        out.append(text)
    return "".join(out)


def _list(block: ListBlock) -> list[str]:
    """Return list lines: ``1. …`` / ``- …`` at depth 0, ``   - （1）…`` nested."""
    out = []
    for item in block.items:
        text = _inline(item.inlines)
        if block.depth:
            label = f"{item.label}" if block.ordered else ""
            out.append(f"   - {label}{text}")
        else:
            out.append(f"{item.label if block.ordered else '-'} {text}")
        for child in item.children:
            out.extend(_list(child))
    return out


def _table(block: Table) -> list[str]:
    head = "| " + " | ".join(_inline(c, cell=True) for c in block.header) + " |"
    marks = {"center": ":---:", "right": "---:"}
    aligns = list(block.align) or ["left"] * len(block.header)
    sep = "| " + " | ".join(marks.get(a, "---") for a in aligns) + " |"
    rows = ["| " + " | ".join(_inline(c, cell=True) for c in row) + " |" for row in block.rows]
    return [head, sep, *rows]


def _signature(block: SignatureBlock) -> list[str]:
    out: list[str] = []
    for party in block.parties:
        out.append(f"{escape(party.label)}：{escape(party.name)}")
        out.append("")
        for s in party.signers:
            out.append(signer_line(escape(s.role), escape(s.name)))
            out.append("")
    return out[:-1] if out else out


def _block(block: Block) -> list[str]:
    if isinstance(block, Heading):
        text = _inline(block.inlines)
        return [f"{'#' * block.level} {block.number}{text}"]
    if isinstance(block, Paragraph):
        return [_inline(block.inlines)]
    if isinstance(block, ListBlock):
        return _list(block)
    if isinstance(block, Table):
        return _table(block)
    return _signature(block)


def write_markdown(doc: Document) -> str:
    """Return *doc* as GitHub-flavoured Markdown text (UTF-8, LF line ends, final newline)."""
    parts = ["\n".join(_block(b)) for b in doc.blocks]
    return "\n\n".join(parts) + "\n"


def write_markdown_bytes(doc: Document) -> bytes:
    """Return *doc* as Markdown encoded in UTF-8 (the registered writer of the ``md`` format)."""
    return write_markdown(doc).encode("utf-8")
