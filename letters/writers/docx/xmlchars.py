"""Encode a part as UTF-8, refusing the characters XML 1.0 forbids and saying where they are."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NoReturn

from letters.document import Document, Heading, ListBlock, Paragraph, SignatureBlock, Table

# What XML 1.0 forbids, searched text by text only once the fast guard has hit.
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

# C0 controls other than tab, newline and carriage return, as UTF-8 bytes: they only ever occur
# as themselves in UTF-8, so deleting them from the encoded part and comparing lengths finds them.
_C0_BYTES = bytes([*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20)])


def encode(xml: str, doc: Document) -> bytes:
    """Return *xml* as UTF-8; raise ``ValueError`` if it holds a character XML 1.0 forbids.

    The spec loader already refuses control characters, but a Document built in Python never
    passes it, so one fast guard stays: the strict encoder refuses lone surrogates, deleting the
    C0 bytes shows a control character, and ``in`` finds U+FFFE/U+FFFF (a regular expression
    over the whole part costs several times more).  Only on a hit is the document scanned text
    by text, for a message naming the character and where it is.
    """
    try:
        data = xml.encode("utf-8")
    except UnicodeEncodeError:
        _reject_illegal(doc)
    if len(data.translate(None, _C0_BYTES)) != len(data) or "\ufffe" in xml or "\uffff" in xml:
        _reject_illegal(doc)
    return data


def _texts(doc: Document) -> Iterator[str]:
    """Yield every string of *doc* that ends up in the package."""
    m = doc.meta
    yield from (m.title, m.subject, m.author, m.keywords, m.created)

    def lists(block: ListBlock) -> Iterator[str]:
        """Yield the labels and texts of *block* and of its nested lists."""
        for item in block.items:
            yield item.label
            yield from (run.text for run in item.inlines)
            for child in item.children:
                yield from lists(child)

    for block in doc.blocks:
        if isinstance(block, Heading):
            yield block.number
            yield from (run.text for run in block.inlines)
        elif isinstance(block, Paragraph):
            yield from (run.text for run in block.inlines)
        elif isinstance(block, ListBlock):
            yield from lists(block)
        elif isinstance(block, Table):
            for row in (block.header, *block.rows):
                for cell in row:
                    yield from (run.text for run in cell)
        elif isinstance(block, SignatureBlock):
            for party in block.parties:
                yield from (party.label, party.name)
                for signer in party.signers:
                    yield from (signer.role, signer.name)


def _reject_illegal(doc: Document) -> NoReturn:
    """Raise ``ValueError`` naming the first character of *doc* that XML 1.0 forbids."""
    for text in _texts(doc):
        m = _ILLEGAL.search(text)
        if m:
            ch = m.group()
            start = text[:30] + ("…" if len(text) > 30 else "")
            raise ValueError(
                f"character U+{ord(ch):04X} ({ch!r}) is not allowed in XML 1.0; "
                f"it occurs in the text starting {start!r}"
            )
    raise ValueError("text contains a character that XML 1.0 does not allow")  # pragma: no cover
