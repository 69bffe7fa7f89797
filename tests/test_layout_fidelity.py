"""Check the DOCX layout with real clients, none of them ours: LibreOffice, pandoc, docx2python.

The example letter of every kind (contracts/*.yaml; and a few synthetic ones built from them)
is written once, converted to PDF by LibreOffice in one batch, and read back as text with
``pdftotext -layout``:

* every code and number (contract, letter and standard numbers, phone numbers, credit codes)
  is on one line, and pandoc, docx2python and python-docx read it with plain ASCII hyphens;
* in the tables, level names, units (元/小时) and the other short phrases never wrap;
* a sentence that introduces a list stays on the page of the list's first item;
* （以下无正文） and （本页无正文，为《…》之签署页） appear exactly when the signature block begins
  a page, and the signature block, date line included, is never split across pages;
* the page count the footer caches is LibreOffice's, give or take a page.

Nothing here depends on today's wording: the codes, level names and units are whatever the
examples render.  LibreOffice, poppler and pandoc are system programs: without them the tests
skip, and ``.ci/run`` installs them so that CI never does.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.oxml.ns import qn

import letters
from letters.compose import compose
from letters.document import (
    Document,
    Heading,
    ListBlock,
    ListItem,
    Meta,
    Paragraph,
    SignatureBlock,
    Table,
    Text,
)
from letters.writers.docx import write_docx
from letters.writers.docx.body import NO_MORE_TEXT, SIGNATURE_PAGE

REPO = Path(__file__).resolve().parents[1]
# The example letter of every kind (contracts/ holds one per kind).
EXAMPLES = {p.stem: p for p in sorted((REPO / "contracts").glob("*.yaml"))}

# The Windows fonts the letters name, mapped to the installed faces as scripts/preview does.
FONTS_CONF = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <alias binding="same"><family>宋体</family><prefer><family>Noto Serif CJK SC</family></prefer></alias>
  <alias binding="same"><family>SimSun</family><prefer><family>Noto Serif CJK SC</family></prefer></alias>
  <alias binding="same"><family>黑体</family><prefer><family>Noto Sans CJK SC</family></prefer></alias>
  <alias binding="same"><family>SimHei</family><prefer><family>Noto Sans CJK SC</family></prefer></alias>
  <alias binding="same"><family>Times New Roman</family><prefer><family>Liberation Serif</family></prefer></alias>
</fontconfig>
"""

# Codes and numbers: hyphenated or slashed (HT-2026-0388, 0571-88886666, YQ-CN-2026-0117),
# standard numbers (ISO/IEC 20000-1:2018) and the 18 characters of a credit code.
CODE = re.compile(
    r"[A-Z]+(?:/[A-Z]+)*[ \u00a0\u202f]\d+(?:[-:.]\d+)+"
    r"|[A-Za-z0-9]+(?:[-/][A-Za-z0-9]+)+"
    r"|\b[0-9A-Z]{18}\b"
)
UNIT = re.compile(r"[\u4e00-\u9fff]{1,2}/[\u4e00-\u9fff]{1,2}")  # 元/小时, 次/年
SPACES = re.compile(r"[\s\u00a0\u202f\u3000]+")
FILLER = "本段为检验版式而加入的补充文字，内容无实际含义，仅用于占据行数。"


def _tool(*names: str) -> str:
    for name in names:
        found = shutil.which(name)
        if found:
            return found
    pytest.skip(f"{names[0]} is not installed (.ci/run installs it)")


def _flat(text: str) -> str:
    """Return *text* without any whitespace (pdftotext spaces Latin from CJK text)."""
    return SPACES.sub("", text)


def _filler(lines: int) -> Paragraph:
    """Return a body paragraph of about *lines* lines."""
    chars = 34 + 36 * (lines - 1)
    return Paragraph((Text((FILLER * (chars // len(FILLER) + 1))[: chars - 1] + "。"),))


# --------------------------------------------------------------------------------------------
# The documents and their one LibreOffice conversion


def _examples() -> dict[str, Document]:
    return {name: compose(letters.load(path)) for name, path in EXAMPLES.items()}


def _markers(doc: Document) -> bool:
    """Tell whether the writer gives *doc* a signature page of its own."""
    xml = zipfile.ZipFile(io.BytesIO(write_docx(doc))).read("word/document.xml").decode()
    return NO_MORE_TEXT in xml


def _signature_edges(base: Document) -> dict[str, Document]:
    """Return versions of *base* padded at the top so that the signature block lands right
    on either side of the writer's decision: the last fit and the first no-fit, both ways."""
    blocks = list(base.blocks)
    variants = [
        Document(base.meta, (blocks[0], _filler(n), *blocks[1:])) if n else base
        for n in range(0, 30)
    ]
    marked = [_markers(d) for d in variants]
    chosen: dict[str, Document] = {}
    for n in range(1, len(variants)):
        if marked[n] != marked[n - 1]:
            chosen[f"edge-{n - 1:02d}"] = variants[n - 1]
            chosen[f"edge-{n:02d}"] = variants[n]
    assert any(marked) and not all(marked), "the padding never moved the signature block"
    return chosen


def _list_intros() -> dict[str, Document]:
    """Return letters where a sentence introducing a list falls at the foot of page 1."""
    out = {}
    for n in range(20, 27):
        blocks = (
            Heading(1, (Text("版式检验函"),)),
            _filler(n),
            Paragraph((Text("承诺方提交下列文件："),)),
            ListBlock(tuple(ListItem(f"{k}.", (Text(f"第{k}份文件"),)) for k in (1, 2, 3))),
            _filler(3),
        )
        out[f"intro-{n}"] = Document(Meta("版式检验函"), blocks)
    return out


def _tables(examples: dict[str, Document]) -> Document:
    """Return a document holding only the examples' tables (laid out as in the letters)."""
    blocks = [b for doc in examples.values() for b in doc.blocks if isinstance(b, Table)]
    spaced: list[Any] = []
    for table in blocks:
        spaced += [Paragraph((Text("表格"),)), table]
    return Document(Meta("tables"), (*spaced, Paragraph((Text("完"),))))


class Converted:
    """One written letter: its DOCX bytes, its document tree and LibreOffice's PDF text."""

    def __init__(self, doc: Document, path: Path) -> None:
        self.doc = doc
        self.path = path
        self.data = path.read_bytes()
        self.pages: list[str] = []

    def read(self, pdftotext: str) -> None:
        pdf = self.path.with_suffix(".pdf")
        text = subprocess.run(
            [pdftotext, "-layout", str(pdf), "-"],
            capture_output=True,
            text=True,
            encoding="utf-8",
            check=True,
            timeout=60,
        ).stdout
        self.pages = text.split("\f")[:-1]


@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Converted]:
    """Write every letter of this module and convert them all with LibreOffice, once."""
    soffice = _tool("soffice", "libreoffice")
    pdftotext = _tool("pdftotext")
    work = tmp_path_factory.mktemp("fidelity")
    examples = _examples()
    docs: dict[str, Document] = dict(examples)
    docs["tables"] = _tables(examples)
    for name, doc in examples.items():
        docs.update({f"{name}-{k}": v for k, v in _signature_edges(doc).items()})
    docs.update(_list_intros())
    out = {}
    for name, doc in docs.items():
        path = work / f"{name}.docx"
        path.write_bytes(write_docx(doc))
        out[name] = Converted(doc, path)
    (work / "fonts.conf").write_text(FONTS_CONF, encoding="utf-8")
    env = {**os.environ, "FONTCONFIG_FILE": str(work / "fonts.conf")}

    def convert(paths: list[Path]) -> None:
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation={(work / 'profile').as_uri()}",
                "--headless",
                "--norestore",
                "--convert-to",
                "pdf",
                "--outdir",
                str(work),
                *map(str, paths),
            ],
            env=env,
            capture_output=True,
            timeout=600,
            check=False,
        )

    convert([c.path for c in out.values()])
    for _ in range(2):  # a long batch sometimes stops early: convert what is missing again
        missing = [c.path for c in out.values() if not c.path.with_suffix(".pdf").exists()]
        if missing:
            convert(missing)
    for c in out.values():
        assert c.path.with_suffix(".pdf").exists(), f"LibreOffice did not convert {c.path.name}"
        c.read(pdftotext)
    return out


def _docx_text(data: bytes) -> str:
    """Return all the text python-docx reads: paragraphs, then table cells."""
    d = docx.Document(io.BytesIO(data))
    parts = [p.text for p in d.paragraphs]
    parts += [cell.text for t in d.tables for row in t.rows for cell in row.cells]
    return "\n".join(parts)


def _codes(data: bytes) -> list[str]:
    return CODE.findall(_docx_text(data))


def _count(pages: list[str], needle: str) -> int:
    """Return how often *needle* occurs within one line of the PDF text (spacing ignored)."""
    flat = _flat(needle)
    return sum(_flat(line).count(flat) for page in pages for line in page.splitlines())


# --------------------------------------------------------------------------------------------
# Codes and numbers


@pytest.mark.parametrize("name", list(EXAMPLES))
def test_codes_never_break_in_libreoffice(converted: dict[str, Converted], name: str) -> None:
    letter = converted[name]
    codes = _codes(letter.data)
    assert any("-" in c for c in codes), "the example should have hyphenated codes"
    for code in set(codes):
        expected = sum(1 for c in codes if c == code)
        assert _count(letter.pages, code) >= expected, f"{code} breaks across lines"


def test_codes_never_break_at_a_line_end(converted: dict[str, Converted]) -> None:
    """The padded letters push every code through many line positions."""
    for name, letter in converted.items():
        if name.startswith(tuple(f"{e}-edge" for e in EXAMPLES)):
            for code in set(_codes(letter.data)):
                expected = _codes(letter.data).count(code)
                assert _count(letter.pages, code) >= expected, f"{name}: {code} breaks"


@pytest.mark.parametrize("name", list(EXAMPLES))
def test_codes_read_back_with_ascii_hyphens(converted: dict[str, Converted], name: str) -> None:
    """python-docx, docx2python and pandoc all read the codes as they were written."""
    from docx2python import docx2python

    pandoc = _tool("pandoc")
    letter = converted[name]
    codes = {SPACES.sub(" ", c) for c in _codes(letter.data)}
    plain = subprocess.run(
        [pandoc, "-f", "docx", "-t", "plain", "--wrap=none", str(letter.path)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=True,
        timeout=60,
    ).stdout
    with docx2python(io.BytesIO(letter.data)) as extracted:
        d2p = extracted.text
    source = "\n".join(_plain_texts(letter.doc))
    for reader, text in (
        ("python-docx", _docx_text(letter.data)),
        ("pandoc", plain),
        ("docx2python", d2p),
    ):
        assert "\u2011" not in text and "\u2060" not in text, reader
        spaced = SPACES.sub(" ", text)
        for code in codes:
            assert code in spaced, f"{reader} does not read {code}"
        for code in {c for c in CODE.findall(source) if "-" in c}:
            assert code in spaced, f"{reader} does not read {code} as the letter has it"


def _plain_texts(doc: Document) -> Iterator[str]:
    """Yield the texts of *doc*'s paragraphs, headings, list items and cells."""
    for block in doc.blocks:
        if isinstance(block, Paragraph | Heading):
            yield "".join(t.text for t in block.inlines)
        elif isinstance(block, ListBlock):
            for item in block.items:
                yield "".join(t.text for t in item.inlines)
        elif isinstance(block, Table):
            for row in (block.header, *block.rows):
                for cell in row:
                    yield "".join(t.text for t in cell)


# --------------------------------------------------------------------------------------------
# Tables


def _table_phrases(doc: Document) -> tuple[list[str], list[str], list[str]]:
    """Return the level names (first column), the units and the short phrases (every cell
    line the writer keeps whole) of the tables in *doc*, and the lines they must stay in."""
    from letters.writers.docx.layout import measure
    from letters.writers.docx.styles import TABLE_SZ
    from letters.writers.docx.tables import SHORT

    levels, units, whole = [], [], []  # units: wherever they are; the others: whole lines
    for table in (b for b in doc.blocks if isinstance(b, Table)):
        for k, row in enumerate((table.header, *table.rows)):
            for c, cell in enumerate(row):
                for line in "".join(t.text for t in cell).split("\n"):
                    if not line:
                        continue
                    if c == 0 and k > 0:
                        levels.append(line)
                    units += UNIT.findall(line)
                    if (c == 0 and k > 0) or measure(line, TABLE_SZ, bold=k == 0) <= SHORT:
                        whole.append(line)
    return levels, units, whole


def test_table_phrases_never_wrap(converted: dict[str, Converted]) -> None:
    """Level names, units and every short cell line of the examples' tables stay whole."""
    tables = converted["tables"]
    levels, units, whole = _table_phrases(tables.doc)
    assert levels and units, "the examples should have a tier table with units"
    assert "元/小时" in units
    lines = [
        line
        for table in (b for b in tables.doc.blocks if isinstance(b, Table))
        for row in (table.header, *table.rows)
        for cell in row
        for line in "".join(t.text for t in cell).split("\n")
    ]
    for phrase in {*levels, *whole}:
        expected = sum(line.count(phrase) for line in whole)
        assert _count(tables.pages, phrase) >= expected, f"{phrase!r} wraps in its cell"
    for unit in set(units):
        expected = sum(line.count(unit) for line in lines)
        assert _count(tables.pages, unit) >= expected, f"{unit!r} is cut in a cell"


@pytest.mark.parametrize("name", list(EXAMPLES))
def test_table_phrases_whole_in_the_letter(converted: dict[str, Converted], name: str) -> None:
    letter = converted[name]
    levels, units, _ = _table_phrases(letter.doc)
    for phrase in {*levels, *units}:
        assert _count(letter.pages, phrase) >= 1, f"{phrase!r} wraps"


# --------------------------------------------------------------------------------------------
# Pages


def _page_of(pages: list[str], needle: str, start: int = 0) -> int:
    """Return the first page at or after *start* whose text holds *needle* (spacing ignored)."""
    flat = _flat(needle)
    for k in range(start, len(pages)):
        if flat in _flat(pages[k]):
            return k
    raise AssertionError(f"{needle!r} is not in the PDF")


def test_list_intro_stays_with_the_first_item(converted: dict[str, Converted]) -> None:
    moved = 0
    for name, letter in converted.items():
        if not name.startswith("intro-"):
            continue
        intro = _page_of(letter.pages, "承诺方提交下列文件：")
        first = _page_of(letter.pages, "第1份文件", intro)
        assert intro == first, f"{name}: the sentence and the list's first item are parted"
        body = [line for line in letter.pages[intro].splitlines() if line.strip()]
        moved += _flat(body[0]).startswith("承诺方提交下列文件")
    assert moved, "no padding put the introducing sentence at the foot of a page"


def _signature_lines(letter: Converted) -> list[str]:
    """Return the signature block's lines and the lines after it (the date), as written."""
    d = docx.Document(io.BytesIO(letter.data))
    table = d.tables[-1]
    lines = [
        line
        for cell in table.rows[0].cells
        for p in cell.paragraphs
        for line in p.text.split("\n")
        if line.strip("＿ ")
    ]
    body = list(d.element.body)
    after = body[body.index(table._tbl) + 1 :]
    lines += ["".join(t.text or "" for t in el.iter(qn("w:t"))) for el in after]
    return [line for line in lines if line.strip()]


def _check_signature_page(name: str, letter: Converted) -> bool:
    """Assert the signature page convention on *letter*; return whether it has the markers."""
    lines = _signature_lines(letter)
    page = _page_of(letter.pages, lines[0])
    text = _flat(letter.pages[page])
    for line in lines:  # the whole block, date line included, on one page
        assert _flat(line) in text, f"{name}: {line!r} is not on the signature page {page + 1}"
    before = text[: text.index(_flat(lines[0]))]
    title = next(
        "".join(t.text for t in b.inlines)
        for b in letter.doc.blocks
        if isinstance(b, Heading) and b.level <= 1
    )
    opener = _flat(SIGNATURE_PAGE.format(title=title))
    begins = before in ("", opener)
    markers = NO_MORE_TEXT in "".join(letter.pages)
    assert markers == begins, (
        f"{name}: the signature block {'begins' if begins else 'shares'} page {page + 1}, "
        f"but the markers are {'present' if markers else 'absent'}"
    )
    if markers:
        assert before == opener, f"{name}: the signature page opens with {before!r}"
        previous = [_flat(x) for x in letter.pages[page - 1].splitlines() if x.strip()]
        assert NO_MORE_TEXT in previous[-2:], f"{name}: the body does not end with {NO_MORE_TEXT}"
    else:
        assert opener not in _flat("".join(letter.pages))
    return markers


def test_signature_page_convention(converted: dict[str, Converted]) -> None:
    """Markers iff the signature block begins a page; the block never splits.

    The padded letters sit right on both sides of the writer's decision, where an error of
    its page estimate would show first.
    """
    seen = set()
    for name, letter in converted.items():
        if any(s in name for s in ("tables", "intro-")):
            continue
        seen.add(_check_signature_page(name, letter))
    assert seen == {True, False}, "the letters should land both ways"


def test_cached_page_count_is_libreoffices(converted: dict[str, Converted]) -> None:
    """The footer's cached 共Y页 is the writer's estimate: LibreOffice's count, give or take
    one page, and exact for the examples."""
    for name, letter in converted.items():
        footer = zipfile.ZipFile(io.BytesIO(letter.data)).read("word/footer1.xml").decode()
        shown = [int(x) for x in re.findall(r"<w:t>(\d+)</w:t>", footer)]
        assert shown[0] == 1
        assert abs(shown[1] - len(letter.pages)) <= 1, (name, shown, len(letter.pages))
        if name in EXAMPLES:
            assert shown[1] == len(letter.pages), (name, shown, len(letter.pages))
            assert f"第1页共{len(letter.pages)}页" in _flat(letter.pages[0])


def test_signature_block_is_last(converted: dict[str, Converted]) -> None:
    """The examples end with their signature block (the checks above rely on it)."""
    for name in EXAMPLES:
        blocks = converted[name].doc.blocks
        assert any(isinstance(b, SignatureBlock) for b in blocks[-3:]), name
