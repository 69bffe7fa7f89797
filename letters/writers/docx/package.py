"""Assemble the DOCX package: content types, relationships, core properties and the zip."""

from __future__ import annotations

import functools
import re
from typing import Any, NamedTuple

from letters.document import BLANK, DRAFT, FINAL, Document, localize

from .body import document_xml
from .inline import FORM, REVISIONS, Revisions, escape
from .styles import (
    DECL,
    font_table_xml,
    footer_xml,
    settings_xml,
    styles_xml,
    watermark_header_xml,
)
from .xmlchars import encode

# --------------------------------------------------------------------------------------------
# Parts and relationships: the same for every letter but the body and the core properties

_CT = "application/vnd.openxmlformats-officedocument"

_CONTENT_TYPES = (
    f'{DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels"'
    ' ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml"'
    f' ContentType="{_CT}.wordprocessingml.document.main+xml"/>'
    f'<Override PartName="/word/styles.xml" ContentType="{_CT}.wordprocessingml.styles+xml"/>'
    f'<Override PartName="/word/settings.xml" ContentType="{_CT}.wordprocessingml.settings+xml"/>'
    f'<Override PartName="/word/fontTable.xml" ContentType="{_CT}.wordprocessingml.fontTable+xml"/>'
    f'<Override PartName="/word/footer1.xml" ContentType="{_CT}.wordprocessingml.footer+xml"/>'
    '<Override PartName="/docProps/core.xml"'
    ' ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
    f'<Override PartName="/docProps/app.xml" ContentType="{_CT}.extended-properties+xml"/>'
    "</Types>"
)

_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_RELS = (
    f'{DECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="word/document.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/'
    'metadata/core-properties" Target="docProps/core.xml"/>'
    f'<Relationship Id="rId3" Type="{_REL}/extended-properties" Target="docProps/app.xml"/>'
    "</Relationships>"
)
_DOC_RELS = (
    f'{DECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    f'<Relationship Id="rId1" Type="{_REL}/styles" Target="styles.xml"/>'
    f'<Relationship Id="rId2" Type="{_REL}/settings" Target="settings.xml"/>'
    f'<Relationship Id="rId3" Type="{_REL}/fontTable" Target="fontTable.xml"/>'
    f'<Relationship Id="rId4" Type="{_REL}/footer" Target="footer1.xml"/>'
    "</Relationships>"
)
_APP = (
    f"{DECL}<Properties"
    ' xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"'
    ' xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    "<Application>letters</Application><DocSecurity>0</DocSecurity></Properties>"
)

# Member order of the package.
_ORDER = (
    "[Content_Types].xml",
    "_rels/.rels",
    "docProps/core.xml",
    "docProps/app.xml",
    "word/document.xml",
    "word/_rels/document.xml.rels",
    "word/styles.xml",
    "word/settings.xml",
    "word/fontTable.xml",
    "word/footer1.xml",
)


@functools.cache
def _static_parts(locale: str = "zh-Hans-CN") -> dict[str, bytes]:
    """Return the parts that are the same for every letter of *locale*, encoded once per
    process."""
    return {
        "[Content_Types].xml": _CONTENT_TYPES.encode(),
        "_rels/.rels": _PKG_RELS.encode(),
        "docProps/app.xml": _APP.encode(),
        "word/_rels/document.xml.rels": _DOC_RELS.encode(),
        "word/styles.xml": styles_xml(locale).encode(),
        "word/settings.xml": settings_xml(locale).encode(),
        "word/fontTable.xml": font_table_xml(locale).encode(),
    }


# --------------------------------------------------------------------------------------------
# Core properties: the only part besides the body that differs from letter to letter

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z")


def _w3cdtf(created: str) -> str:
    """Return *created* (an ISO date) as a W3CDTF timestamp, or raise ``ValueError``."""
    if _DATE.fullmatch(created):
        return f"{created}T00:00:00Z"
    if _DATETIME.fullmatch(created):
        return created
    raise ValueError(f"meta.created must be an ISO date like 2026-11-22, got {created!r}")


_STATUS = {"draft": DRAFT, "final": FINAL, "blank": BLANK}  # cp:contentStatus by Meta.status


def _core_xml(doc: Document) -> str:
    """Return ``docProps/core.xml`` from the document's meta (no clock, no user name)."""
    m = doc.meta
    out = [
        f"{DECL}<cp:coreProperties"
        ' xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"'
        ' xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"'
        ' xmlns:dcmitype="http://purl.org/dc/dcmitype/"'
        ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
    ]
    for tag, value in (
        ("dc:title", m.title),
        ("dc:subject", m.subject),
        ("dc:creator", m.author),
        ("cp:keywords", m.keywords),
        ("cp:contentStatus", localize(_STATUS.get(m.status, FINAL), m.locale)),
    ):
        if value:
            out.append(f"<{tag}>{escape(value)}</{tag}>")
    if m.created:
        stamp = _w3cdtf(m.created)
        out.append(f'<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>')
        out.append(f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified>')
    out.append("</cp:coreProperties>")
    return "".join(out)


# --------------------------------------------------------------------------------------------
# Zip
#
# The zip is written by hand rather than with :mod:`zipfile`: seven of the ten parts are the
# same for every letter, so their deflated bytes, CRC-32 and local records are made once per
# process, the footer once per page count, and only ``docProps/core.xml`` and
# ``word/document.xml`` are deflated per letter.
# The bytes are exactly those ``zipfile.ZipFile.writestr`` gives for members with
# ``date_time=(1980, 1, 1, 0, 0, 0)``, ``create_system=3`` (Unix), ``external_attr`` a regular
# file of mode 0644 and deflate level 6: a plain ZIP 2.0 archive
# without data descriptors, extra fields, comments or zip64 records, which Word, LibreOffice and
# python-docx open.  ``tests/test_docx_writer.py`` compares the bytes with zipfile's.

_LEVEL = 6  # deflate level of every member
_VERSION = 20  # ZIP 2.0: "version made by" and "version needed to extract" (deflate)
_DEFLATED = 8
_SYSTEM = 3  # "version made by" host system: Unix, so that unzip and bsdtar apply the mode
_EXTERNAL_ATTR = 0o100644 << 16  # a regular file, rw-r--r--
_DOS_TIME = 0  # 00:00:00
_DOS_DATE = 1 << 5 | 1  # 1980-01-01


class _Member(NamedTuple):
    """Hold one zip member: its local record (header + name + deflated data) and its sums."""

    name: bytes
    record: bytes
    crc: int
    compressed: int
    size: int


@functools.cache
def _structs() -> tuple[Any, Any, Any]:
    """Return the local header, central directory header and end record structs (lazily)."""
    import struct

    return (
        struct.Struct("<4s2B4HL2L2H"),  # zipfile.structFileHeader
        struct.Struct("<4s4B4HL2L5H2L"),  # zipfile.structCentralDir
        struct.Struct("<4s4H2LH"),  # zipfile.structEndArchive
    )


def _member(name: str, data: bytes) -> _Member:
    """Deflate *data* (raw deflate, as zipfile) and return the member named *name*."""
    import zlib

    packed = zlib.compress(data, _LEVEL, -15)
    crc = zlib.crc32(data)
    raw = name.encode("ascii")
    header = _structs()[0].pack(
        b"PK\x03\x04",
        _VERSION,  # version needed to extract
        0,  # (its "system" byte)
        0,  # general purpose flags: sizes in the header, no data descriptor
        _DEFLATED,
        _DOS_TIME,
        _DOS_DATE,
        crc,
        len(packed),
        len(data),
        len(raw),
        0,  # no extra field
    )
    return _Member(raw, header + raw + packed, crc, len(packed), len(data))


@functools.cache
def _static_members(locale: str = "zh-Hans-CN") -> dict[str, _Member]:
    """Return the members of the static parts, deflated once per process."""
    return {name: _member(name, data) for name, data in _static_parts(locale).items()}


@functools.lru_cache(maxsize=64)
def _footer_member(pages: int, locale: str = "zh-Hans-CN") -> _Member:
    """Return the footer member showing *pages* as its cached page count."""
    return _member("word/footer1.xml", footer_xml(pages, locale).encode())


def _central_entry(m: _Member, offset: int) -> bytes:
    """Return the central directory entry of member *m*, whose local record is at *offset*."""
    return (
        _structs()[1].pack(
            b"PK\x01\x02",
            _VERSION,  # version made by
            _SYSTEM,  # its host system
            _VERSION,  # version needed to extract
            0,  # (its "system" byte)
            0,  # general purpose flags
            _DEFLATED,
            _DOS_TIME,
            _DOS_DATE,
            m.crc,
            m.compressed,
            m.size,
            len(m.name),
            0,  # no extra field
            0,  # no comment
            0,  # disk number
            0,  # internal attributes
            _EXTERNAL_ATTR,
            offset,
        )
        + m.name
    )


def _zip(members: dict[str, _Member], order: tuple[str, ...]) -> bytes:
    """Return the zip of *members* in *order*: local records, central directory, end."""
    out: list[bytes] = []
    directory: list[bytes] = []
    offset = 0
    for name in order:
        m = members[name]
        directory.append(_central_entry(m, offset))
        out.append(m.record)
        offset += len(m.record)
    size = sum(map(len, directory))
    count = len(directory)
    out += directory
    out.append(_structs()[2].pack(b"PK\x05\x06", 0, 0, count, count, size, offset, 0))
    return b"".join(out)


# --------------------------------------------------------------------------------------------
# The writer


def write_docx(doc: Document) -> bytes:
    """Render *doc* as the bytes of a complete .docx package.

    The output depends only on *doc*: writing the same document twice gives identical bytes.
    Raise ``ValueError`` if any text holds a character XML 1.0 forbids (C0 controls other than
    tab, newline and carriage return, U+FFFE, U+FFFF, lone surrogates) or if
    ``meta.created`` is not an ISO date.
    """
    FORM.value = doc.meta.status == "blank"
    try:
        document, pages = document_xml(doc.blocks, doc.meta.title)
    finally:
        FORM.value = False
    locale = doc.meta.locale
    if locale != "zh-Hans-CN":  # the writer's own words (签字, 以下无正文) in the letter's script
        document = localize(document, locale)
    core = _core_xml(doc)  # before the guard: a bad meta.created is reported first
    members = dict(_static_members(locale))
    members["word/footer1.xml"] = _footer_member(pages, locale)
    members["word/document.xml"] = _member("word/document.xml", encode(document, doc))
    members["docProps/core.xml"] = _member("docProps/core.xml", encode(core, doc))
    extra: dict[str, tuple[str, str, bytes]] = {}  # part → (content type, relationship, bytes)
    rev = REVISIONS.get()
    if rev is not None and rev.comments:  # a redline's comments
        extra[_COMMENTS] = (_COMMENTS_CT, _COMMENTS_REL, _comments_xml(rev))
    if doc.meta.status == "draft":  # the 草稿 watermark, in the header of every page
        extra[_HEADER] = (_HEADER_CT, _HEADER_REL, watermark_header_xml().encode())
        members["word/document.xml"] = _member(
            "word/document.xml",
            encode(document.replace(_FOOTER_REF, _HEADER_REF + _FOOTER_REF, 1), doc),
        )
    if not extra:  # every final letter
        return _zip(members, _ORDER)
    members.update(_extra_members(extra))
    return _zip(members, (*_ORDER, *extra))


_HEADER = "word/header1.xml"
_HEADER_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"
_HEADER_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/header"
_FOOTER_REF = '<w:footerReference w:type="default" r:id="rId4"/>'
_HEADER_REF = '<w:headerReference w:type="default" r:id="rIdHeader1"/>'
_REL_IDS = {"word/comments.xml": "rIdComments", _HEADER: "rIdHeader1"}


def _extra_members(extra: dict[str, tuple[str, str, bytes]]) -> dict[str, _Member]:
    """Return the members of the extra parts, with the content types and relationships that
    name them."""
    types = _CONTENT_TYPES.replace(
        "</Types>",
        "".join(
            f'<Override PartName="/{name}" ContentType="{ct}"/>'
            for name, (ct, _r, _b) in extra.items()
        )
        + "</Types>",
    )
    rels = _DOC_RELS.replace(
        "</Relationships>",
        "".join(
            f'<Relationship Id="{_REL_IDS[name]}" Type="{rel}" Target="{name.removeprefix("word/")}"/>'
            for name, (_ct, rel, _b) in extra.items()
        )
        + "</Relationships>",
    )
    out = {
        "[Content_Types].xml": _member("[Content_Types].xml", types.encode()),
        "word/_rels/document.xml.rels": _member("word/_rels/document.xml.rels", rels.encode()),
    }
    out.update((name, _member(name, data)) for name, (_ct, _rel, data) in extra.items())
    return out


_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_COMMENTS = "word/comments.xml"
_COMMENTS_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"
_COMMENTS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"


def _comments_xml(rev: Revisions) -> bytes:
    """Return the comments part of a redline (批注)."""
    initials = escape(rev.author[:2])
    body = "".join(
        f'<w:comment w:id="{n}" {rev.attrs} w:initials="{initials}">'
        + "".join(
            f'<w:p><w:r><w:t xml:space="preserve">{escape(line)}</w:t></w:r></w:p>'
            for line in text.split("\n")
        )
        + "</w:comment>"
        for n, text in rev.comments
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<w:comments xmlns:w="{_W}">{body}</w:comments>'
    ).encode()


def same_parts(a: bytes, b: bytes) -> bool:
    """Tell whether two DOCX files hold the same parts with the same uncompressed bytes.

    Another zlib build deflates the same parts into other bytes: ``letters build --check``
    counts such a file as current.  Anything that is not a readable zip is not the same.
    """
    import io
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(a)) as za, zipfile.ZipFile(io.BytesIO(b)) as zb:
            names = za.namelist()
            return names == zb.namelist() and all(za.read(n) == zb.read(n) for n in names)
    except (zipfile.BadZipFile, OSError, ValueError):
        return False
