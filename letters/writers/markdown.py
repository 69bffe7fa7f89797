"""Write the document tree as GitHub-flavoured Markdown (for review and diffs)."""

from __future__ import annotations

import re

from ..document import (
    DRAFT,
    DRAFT_NOTE,
    Block,
    Document,
    Heading,
    Inlines,
    ListBlock,
    Paragraph,
    SignatureBlock,
    Table,
    Text,
    localize,
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


# A redline's comments, numbered as GFM footnotes in the order they appear (None: no redline).
_NOTES: list[list[str]] = []  # a stack: the innermost write_markdown's notes on top
_CHANGE = {"ins": ("<ins>", "</ins>"), "del": ("<del>", "</del>")}


def _inline(inlines: Inlines, *, cell: bool = False) -> str:
    out = []
    for run in inlines:
        if run.change or run.note:
            out.append(_changed(run.text, run.bold, run.change, run.note, cell))
            continue
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


def _changed(text: str, bold: bool, change: str, note: str, cell: bool) -> str:
    """Return a redline's run: inside ``<ins>``/``<del>`` (GitHub shows them underlined and
    struck through), followed by the footnote of its comment."""
    body = _inline((Text(text, bold),), cell=cell)
    if change in _CHANGE and body:
        first, last = _CHANGE[change]
        parts = body.split("\\\n")
        body = "\\\n".join(f"{first}{part}{last}" if part else "" for part in parts)
        body = body.replace("<br>", f"{last}<br>{first}") if "<br>" in body else body
    notes = _NOTES[-1] if _NOTES else None
    if note and notes is not None:
        notes.append(note)
        body += f"[^{len(notes)}]"
    return body


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
    first, last = _CHANGE.get(block.change, ("", ""))
    for party in block.parties:
        name = _inline(party.name_runs) if party.name_runs else escape(party.name)
        out.append(f"{first}{escape(party.label)}：{name}{last}")
        out.append("")
        for s in party.signers:
            role = _inline(s.role_runs) if s.role_runs else escape(s.role)
            who = _inline(s.name_runs) if s.name_runs else escape(s.name)
            one, end = _CHANGE.get(s.change, (first, last))
            out.append(f"{one}{signer_line(role, who)}{end}")
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
    """Return *doc* as GitHub-flavoured Markdown text (UTF-8, LF line ends, final newline).

    A redline's comments (runs with a ``note``) become GFM footnotes at the end.
    """
    notes: list[str] = []
    _NOTES.append(notes)
    try:
        parts = ["\n".join(_block(b)) for b in doc.blocks]
    finally:
        _NOTES.pop()
    parts += [f"[^{n}]: {escape(text)}" for n, text in enumerate(notes, 1)]
    if doc.meta.status == "draft":  # first, where nobody can miss it
        parts.insert(0, f"> **{DRAFT}**：{DRAFT_NOTE}")
    text = "\n\n".join(parts) + "\n"
    if doc.meta.locale != "zh-Hans-CN":  # the writer's own words in the letter's script
        text = localize(text, doc.meta.locale)
    return text


def write_markdown_bytes(doc: Document) -> bytes:
    """Return *doc* as Markdown encoded in UTF-8 (the registered writer of the ``md`` format)."""
    return write_markdown(doc).encode("utf-8")
