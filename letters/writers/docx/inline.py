"""Render inline text as ``w:r`` runs: escaping, widths, breaks and paragraph alignment."""

from __future__ import annotations

import re

from letters.document import Align, Inlines

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


def run(text: str, bold: bool = False) -> str:
    """Return the ``w:r`` run of *text* (nothing if empty); ``\\n`` becomes ``w:br``, ``\\t``
    ``w:tab``; codes and numbers are glued so that they never break across lines."""
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
    return f'<w:r>{rpr}<w:t xml:space="preserve">{body}</w:t></w:r>'


def runs(inlines: Inlines, bold: bool = False) -> str:
    """Return the ``w:r`` runs of *inlines*, all bold if *bold*."""
    if len(inlines) == 1:  # most paragraphs and cells are one run
        only = inlines[0]
        return run(only.text, only.bold or bold)
    return "".join([run(r.text, r.bold or bold) for r in inlines])


_JC = {"left": "left", "center": "center", "right": "right", "justify": "both"}


def jc_element(align: Align) -> str:
    """Return the ``w:jc`` element for *align*."""
    return f'<w:jc w:val="{_JC.get(align, "both")}"/>'
