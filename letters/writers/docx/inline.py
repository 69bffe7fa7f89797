"""Render inline text as ``w:r`` runs: escaping, widths, breaks and paragraph alignment."""

from __future__ import annotations

import re

from letters.document import Align, Inlines


class Revisions:
    """Hold what a redline's tracked changes need while one document is written.

    ``letters.redline`` sets one with :func:`tracking`; without one (every ``render``), the
    change and note fields of the tree are ignored and nothing here runs.  *block* is the
    change of the paragraph, list item or table row being written ("ins", "del" or "");
    *signature_page* forces the 以下无正文 / 签署页 markers to what the old and the new letter
    each had; *comments* collects ``(id, text)`` in document order.
    """

    def __init__(
        self, author: str, date: str, signature_page: tuple[bool, bool] | None = None
    ) -> None:
        self.author = author
        self.attrs = f'w:author="{escape(author)}" w:date="{escape(date)}"'
        self.block = ""
        self.next_id = 1
        self.signature_page = signature_page
        self.comments: list[tuple[int, str]] = []

    def ident(self) -> int:
        """Return a new id (tracked changes and comments share one sequence)."""
        n = self.next_id
        self.next_id += 1
        return n

    def wrap(self, xml: str, change: str) -> str:
        """Return the runs of *xml* each inside ``w:ins`` or ``w:del`` (fields stay outside)."""
        if change == "del":
            xml = xml.replace("<w:t ", "<w:delText ").replace("</w:t>", "</w:delText>")
        tag = "w:del" if change == "del" else "w:ins"
        return _RUN.sub(
            lambda m: f'<{tag} w:id="{self.ident()}" {self.attrs}>{m.group()}</{tag}>', xml
        )

    def mark(self) -> str:
        """Return the ``w:rPr`` marking the paragraph mark inserted or deleted (or "")."""
        if not self.block:
            return ""
        tag = "w:del" if self.block == "del" else "w:ins"
        return f'<w:rPr><{tag} w:id="{self.ident()}" {self.attrs}/></w:rPr>'

    def comment(self, xml: str, text: str) -> str:
        """Return *xml* as the range of a new comment saying *text*, with its reference."""
        n = self.ident()
        self.comments.append((n, text))
        return (
            f'<w:commentRangeStart w:id="{n}"/>{xml}<w:commentRangeEnd w:id="{n}"/>'
            f'<w:r><w:commentReference w:id="{n}"/></w:r>'
        )


_RUN = re.compile(r"<w:r>.*?</w:r>", re.S)


class _Slot:
    """Hold the redline being written, with ContextVar's get / set / reset (a plain slot:
    letters writes in one thread per process, and contextvars would be one more import)."""

    value: Revisions | None = None

    def get(self) -> Revisions | None:
        return self.value

    def set(self, value: Revisions | None) -> Revisions | None:
        """Set *value*; return the token (the value before) for :meth:`reset`."""
        token, self.value = self.value, value
        return token

    def reset(self, token: Revisions | None) -> None:
        self.value = token


REVISIONS = _Slot()


class _Form:
    """Say whether the document being written is a blank form (see :data:`_BLANK`)."""

    value = False


FORM = _Form()


def mark() -> str:
    """Return the paragraph-mark change of the block being written in a redline (or "")."""
    rev = REVISIONS.get()
    return rev.mark() if rev is not None else ""


def tab_run() -> str:
    """Return a run holding a tab (inside the block's tracked change in a redline)."""
    rev = REVISIONS.get()
    xml = "<w:r><w:tab/></w:r>"
    return rev.wrap(xml, rev.block) if rev is not None and rev.block else xml


# Punctuation whose width Word decides by font: hint East Asian so it takes the 宋体 glyph.
_AMBIGUOUS = re.compile(r"[\u00b7\u2014\u2018\u2019\u201c\u201d\u2022\u2026]")

# Where a code or number would otherwise break: after a hyphen or slash between two letters or
# digits (HT-2026-0388, 0571-88886666, 2026-11-22, ISO/IEC).  The text keeps the plain ASCII
# characters, so every reader (python-docx, pandoc, docx2python) and every search finds
# "HT-2026-0388".  What glues them is a WORD JOINER (U+2060: zero width, no break on either
# side) inserted as a SYMBOL field with no cached result: LibreOffice turns the field into the
# character, Word does once fields are updated (F9, printing), and readers, which take a field's
# cached result, see nothing.  A w:noBreakHyphen would not do: LibreOffice sets U+2011 as East
# Asian text and breaks the code anywhere (HT-2026-0 / 388), pandoc returns U+2011 and
# docx2python drops it; a literal U+2060 or U+2011 in the text would reach every reader too.
_GLUE = re.compile(r"(?<=[0-9A-Za-z])[-/](?=[0-9A-Za-z])")
_JOINER = '<w:fldSimple w:instr=" SYMBOL 8288 \\u "/>'
# The space between a standards body and its number (ISO/IEC 20000-1:2018, GB/T 9704-2012)
# becomes a NARROW NO-BREAK SPACE (U+202F, a space of 0.2 em in Times New Roman): LibreOffice
# breaks at an ASCII space whatever joins it, and breaks a code anywhere after a U+00A0.
_STANDARD_SPACE = re.compile(r"([A-Z]{2,}(?:/[A-Z]+)*|[A-Z]+(?:/[A-Z]+)+) (?=[0-9])")

# A blank of a form (letters.blank; only in a form: a letter's "HT__01" stays one run):
# LibreOffice takes a low line for East Asian text after a
# Chinese character, and East Asian text may break between any two characters, word joiner or
# not: ____ split into __ / __.  After a Latin letter the low lines are Latin text, which never
# breaks inside a word; so each short blank (a date's, an amount's, a name's: up to 12) follows
# a hidden (w:vanish) "x": not shown, not printed, not in the PDF's text.  Measured on 30
# justified paragraphs of blanks: 67 blanks split before, none after (a line may still break
# between a blank and 年, as between 2026 and 年).  A longer blank is a line to write on and may
# break: kept whole it would leave a line stretched wide before it.
_BLANK = re.compile(r"(?<!_)(_{2,12}(?!_)%?)")
_LATIN = "<w:r><w:rPr><w:vanish/></w:rPr><w:t>x</w:t></w:r>"

_T_BREAK = '</w:t><w:br/><w:t xml:space="preserve">'
_T_TAB = '</w:t><w:tab/><w:t xml:space="preserve">'


def escape(text: str) -> str:
    """Escape ``& < > "`` for XML character data and attribute values."""
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    if '"' in text:
        text = text.replace('"', "&quot;")
    return text


def text_width(text: str) -> int:
    """Return the width of *text* in half-width units: CJK and full-width count 2, others 1."""
    return len(text) + sum(1 for ch in text if ch >= "\u1100")


def run(text: str, bold: bool = False, change: str = "", note: str = "") -> str:
    """Return the ``w:r`` run of *text* (nothing if empty); ``\\n`` becomes ``w:br``, ``\\t``
    ``w:tab``; codes and numbers are glued so that they never break across lines.

    In a redline (:data:`REVISIONS` set) the run is inside the tracked *change* (or the
    block's) and carries the comment *note*."""
    if not text:
        return ""
    if FORM.value and "__" in text and REVISIONS.get() is None:
        return "".join(
            _blank(piece, bold) if i % 2 else _run(piece, bold, change, note)
            for i, piece in enumerate(_BLANK.split(text))
        )
    return _run(text, bold, change, note)


def _blank(text: str, bold: bool) -> str:
    """Return the runs of a short blank (``____`` or ``____%``): Latin text that keeps its %."""
    if text.endswith("%"):  # a line may break between a Latin word and % unless joined
        return _LATIN + _run(text[:-1], bold) + _JOINER + _run("%", bold)
    return _LATIN + _run(text, bold)


def _run(text: str, bold: bool = False, change: str = "", note: str = "") -> str:
    if not text:
        return ""
    hint = '<w:rFonts w:hint="eastAsia"/>' if _AMBIGUOUS.search(text) else ""
    b = "<w:b/><w:bCs/>" if bold else ""
    rpr = f"<w:rPr>{hint}{b}</w:rPr>" if hint or b else ""
    body = escape(text)
    if " " in body:
        body = _STANDARD_SPACE.sub("\\1\u202f", body)
    if ("-" in body or "/" in body) and _GLUE.search(body):
        reopen = f'</w:t></w:r>{_JOINER}<w:r>{rpr}<w:t xml:space="preserve">'
        body = _GLUE.sub(lambda m: m.group() + reopen, body)
    if "\n" in body or "\r" in body or "\t" in body:
        body = (
            body.replace("\r\n", "\n")
            .replace("\r", "\n")
            .replace("\n", _T_BREAK)
            .replace("\t", _T_TAB)
        )
    xml = f'<w:r>{rpr}<w:t xml:space="preserve">{body}</w:t></w:r>'
    rev = REVISIONS.get()
    if rev is None:
        return xml
    change = change or rev.block
    if change:
        xml = rev.wrap(xml, change)
    return rev.comment(xml, note) if note else xml


def runs(inlines: Inlines, bold: bool = False) -> str:
    """Return the ``w:r`` runs of *inlines*, all bold if *bold*."""
    if len(inlines) == 1:  # most paragraphs and cells are one run
        only = inlines[0]
        return run(only.text, only.bold or bold, only.change, only.note)
    return "".join([run(r.text, r.bold or bold, r.change, r.note) for r in inlines])


_JC = {"left": "left", "center": "center", "right": "right", "justify": "both"}


def jc_element(align: Align) -> str:
    """Return the ``w:jc`` element for *align*."""
    return f'<w:jc w:val="{_JC.get(align, "both")}"/>'
