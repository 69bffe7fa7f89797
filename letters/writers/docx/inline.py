"""Render inline text as ``w:r`` runs: escaping, widths, breaks and paragraph alignment."""

from __future__ import annotations

import re

from letters.document import Align, Inlines

# Punctuation whose width Word decides by font: hint East Asian so it takes the 宋体 glyph.
_AMBIGUOUS = re.compile(r"[\u00b7\u2014\u2018\u2019\u201c\u201d\u2022\u2026]")
_T_NB_HYPHEN = '</w:t><w:noBreakHyphen/><w:t xml:space="preserve">'
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
    """Return one ``w:r`` run of *text* (nothing if empty); ``\\n`` becomes ``w:br``, ``\\t`` ``w:tab``."""
    if not text:
        return ""
    body = escape(text)
    if "-" in body:  # codes and numbers (HT-2026-0388, 0571-88886666) never break at "-"
        body = body.replace("-", _T_NB_HYPHEN)
    if "\n" in body or "\r" in body or "\t" in body:
        body = (
            body.replace("\r\n", "\n")
            .replace("\r", "\n")
            .replace("\n", _T_BREAK)
            .replace("\t", _T_TAB)
        )
    hint = '<w:rFonts w:hint="eastAsia"/>' if _AMBIGUOUS.search(text) else ""
    b = "<w:b/><w:bCs/>" if bold else ""
    rpr = f"<w:rPr>{hint}{b}</w:rPr>" if hint or b else ""
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
