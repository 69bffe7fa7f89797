"""Blank forms (letters/blank.py): every kind's letter with every value of the spec a blank.

What a form must never hold: a value of the starting spec or a figure computed from it (the
form is the letter of nobody yet), template leftovers ("None", "{{", the private marks that
carry a value through the template), a blank split across two lines of the PDF.  What it must
hold: dates as ____年__月__日, amounts as ____元, the same sections and tables as a letter, and
what only optional fields produce marked 可选 — a section, an item, a clause in a sentence.
"""

from __future__ import annotations

import io
import itertools
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import REPO

from letters import blank, kinds, writers
from letters.compose import compose
from letters.document import Heading, ListBlock, Paragraph, Table, Text, plain

KINDS = kinds.names()
MARKS = re.compile("[\ue000-\uf8ff]")
LOCALES = ("zh-Hans-CN", "zh-Hant-TW", "zh-Hant-HK")


def _plain(doc) -> str:  # type: ignore[no-untyped-def]
    out = []
    for b in doc.blocks:
        if isinstance(b, (Heading, Paragraph)):
            out.append(plain(b.inlines))
        elif isinstance(b, ListBlock):
            out += [plain(i.inlines) for i in b.items]
        elif isinstance(b, Table):
            out += [plain(c) for row in (b.header, *b.rows) for c in row]
        else:
            out.append(repr(b))
    return "\n".join(out)


def _template_text(kind: str) -> str:
    """Return every template the kind's letter uses (its own and the shared partials)."""
    folders = [kinds.get(kind).templates, REPO / "templates" / "partials"]
    return "".join(p.read_text(encoding="utf-8") for f in folders for p in f.glob("*.j2"))


def _values(data: object) -> list[str]:
    if isinstance(data, dict):
        return [v for x in data.values() for v in _values(x)]
    if isinstance(data, list):
        return [v for x in data for v in _values(x)]
    return [] if data is None or isinstance(data, bool) else [str(data)]


@pytest.fixture(scope="module")
def forms() -> dict[tuple[str, str], str]:
    return {(k, loc): _plain(blank.compose_blank(k, locale=loc)) for k in KINDS for loc in LOCALES}


@pytest.mark.parametrize("kind", KINDS)
def test_no_value_of_the_spec_or_its_figures_is_left(
    forms: dict[tuple[str, str], str], kind: str
) -> None:
    text = forms[kind, "zh-Hans-CN"]
    assert "None" not in text and "{{" not in text and "{%" not in text
    assert not MARKS.search(text)
    contract = blank.scaffold(kind)
    words = _template_text(kind)
    leaks = {
        v for v in _values(contract.source.data) if len(v) >= 3 and v in text and v not in words
    }
    assert leaks == set()
    # the figures: every amount, 大写, date, percentage and duration the filled letter prints
    letter = _plain(compose(contract))
    figures = set(
        re.findall(
            r"[\d,]+\.\d\d元|人民币[零壹贰叁肆伍陆柒捌玖拾佰仟万亿元角分整]{3,}|\d{4}年\d{1,2}月\d{1,2}日"
            r"|\d[\d.]*%|\d+(?:个工作日|小时|分钟)",
            letter,
        )
    )
    assert figures, "the filled letter prints figures"
    assert {f for f in figures if f in text and f not in words} == set()


@pytest.mark.parametrize("kind", KINDS)
def test_the_form_has_the_letters_shape(forms: dict[tuple[str, str], str], kind: str) -> None:
    contract = blank.scaffold(kind)
    filled = compose(contract)
    form = blank.compose_blank(kind)
    # the same layout, and the wording a letter uses when an option is not agreed added after
    kinds_of = [
        type(b).__name__
        for b in form.blocks
        if not (isinstance(b, Paragraph) and plain(b.inlines).startswith(blank._DEFAULT))
    ]
    assert kinds_of == [type(b).__name__ for b in filled.blocks]
    text = forms[kind, "zh-Hans-CN"]
    assert "____年__月__日" in text  # the date under the signatures at least
    if re.search(r"\d\.\d\d元", _plain(filled)):  # the letter's amounts are blanks with 元
        assert re.search(r"_{6,}元", text)
    tables = zip(
        [b for b in form.blocks if isinstance(b, Table)],
        [b for b in filled.blocks if isinstance(b, Table)],
        strict=True,
    )
    for a, b in tables:
        assert len(a.rows) == len(b.rows) and len(a.header) == len(b.header)
    assert form.meta.status == "blank" and form.meta.author == "" and form.meta.created == ""
    assert blank.minimal(contract) is not None  # the optional parts are known for every kind
    assert "可选" in text


def test_optional_sections_items_and_clauses_are_marked() -> None:
    text = _plain(blank.compose_blank("sla-response"))
    lines = text.splitlines()
    assert "增值服务（可选）" in lines and "服务保证金（可选）" in lines  # whole sections
    assert "服务承诺总则" in lines and "违约责任" in lines  # required ones are not marked
    assert any(line.startswith("〔可选〕最低额：") for line in lines)  # a list item
    assert "提供的________________〔可选：，涵盖该服务全周期的____个服务环节" in text  # a clause
    # a clause the letter words otherwise without the option says how
    assert re.search(
        r"〔可选：地址：_+，联系人：_+，电话：_+，电子邮箱：_+〕〔未约定时为“主协议载明的通讯地址”〕",
        text,
    )
    # the sub-items of an optional section are not marked again
    assert not any(line.startswith("〔可选〕风险预警") for line in lines)
    # a party's optional lines, each
    assert "〔可选〕统一社会信用代码：__________________" in text


def test_marks_follow_the_script(forms: dict[tuple[str, str], str]) -> None:
    for kind in KINDS:
        for loc in ("zh-Hant-TW", "zh-Hant-HK"):
            text = forms[kind, loc]
            assert "可選" in text and "可选" not in text, (kind, loc)
            assert not MARKS.search(text) and "None" not in text
    assert "未約定時為" in forms["sla-response", "zh-Hant-TW"]


def test_blank_shapes() -> None:
    assert blank.blank("2026年11月22日") == r"\_\_\_\_年\_\_月\_\_日"
    assert blank.blank("1,200,000.00元").endswith("元")
    assert blank.blank("0.3%") == r"\_\_\_\_%"
    assert blank.blank("8") == r"\_" * 4
    assert blank.blank("示例") == r"\_" * 6  # never narrower than a short name
    assert blank.blank("示" * 20) == r"\_" * 40  # a clause: a long line
    assert blank.blank("北京市海淀区") == r"\_" * 12  # about as wide as the value


def test_a_template_leftover_is_caught() -> None:
    """The taint survives what templates do with text: ~, join, a macro, endswith."""
    t = blank.taint(["甲方", "乙方"])
    assert t[0] == "甲方" and t[0].endswith("方") and len(t[0]) == 2 and "甲" in t[0]
    assert {t[0]: 1}["甲方"] == 1 and "甲方" in t
    joined = "、".join(t) + "合作"
    assert blank.fill(joined) == r"\_" * 6 + "、" + r"\_" * 6 + "合作"
    assert blank.fill(str(blank.taint(12))) == r"\_" * 4


def test_what_a_template_does_with_a_value_stays_blank(tmp_path: Path) -> None:
    """A firm's template may cut, convert or compute with a value: the form still shows a
    blank, never the starting spec's value; what cannot stay blank is a template error."""
    from letters.compose import TemplateError, environment

    source = kinds.get("sla-response").templates / "sla-response.md.j2"
    exprs = (
        "provider.name[:4]",
        "provider.name | first",
        "provider.name | reverse",
        "provider.name.split('信息')[0]",
        "provider.name.upper()",
        "provider.name | length",
        "agreement.total | string",
        "agreement.total | int",
        "(tiers | length) + 0",
        "letter.date.year",
        "letter.date.isoformat()",
        "tiers[0].response.zh()",
        "tiers[0].share | string",
        "business_hours.start | string",
        "fig.cap_amount | string",
    )
    probe = "探针：" + "／".join("{{ " + e + " }}" for e in exprs) + "。\n\n"
    folder = tmp_path / "tpl"
    folder.mkdir()
    text = source.read_text(encoding="utf-8")
    (folder / "sla-response.md.j2").write_text(
        text.replace("## 服务承诺总则", probe + "## 服务承诺总则"), encoding="utf-8"
    )
    form = _plain(blank.compose_blank("sla-response", [folder]))
    line = next(x for x in form.splitlines() if x.startswith("探针："))
    parts = line[len("探针：") : -1].split("／")
    assert len(parts) == len(exprs) and all(re.fullmatch("_{4,}%?", p) for p in parts), line
    (folder / "sla-response.md.j2").write_text(
        text.replace(
            "## 服务承诺总则", '{{ ("%s" | format(provider.name))[:3] }}\n\n## 服务承诺总则'
        ),
        encoding="utf-8",
    )
    environment.cache_clear()
    with pytest.raises(TemplateError, match="无法留空"):
        blank.compose_blank("sla-response", [folder])


def test_a_sentence_keeps_its_words_either_way() -> None:
    runs = (Text("维护____（以下简称“用户”）的合法权益"),)
    marked = plain(blank._inline(runs, "维护用户的合法权益"))
    assert marked == "维护〔可选：____（以下简称“用户”）〕〔未约定时为“用户”〕的合法权益"
    # a number that follows from the items chosen is no option
    runs = (Text("本部分第4项约定的维护，计入中断时长"),)
    assert blank._inline(runs, "本部分第3项约定的维护，计入中断时长") == runs
    # worded otherwise: read with and without the option, the marked text says each wording
    for full, bare in (
        ("甲方负责事项甲，乙方负责事项乙，丙方负责事项丙。", "甲方、乙方、丙方按“主协议”分工。"),
        ("甲指A；乙指B；丙指C；丁指D。", "甲乙丙丁按约定划分。"),
        (
            "核心服务为甲，非核心服务为乙，备用服务为丙，其余按主协议。",
            "核心服务与非核心服务按主协议。",
        ),
    ):
        marked = plain(blank._inline((Text(full),), bare))
        assert _with_options(marked) == full and _without_options(marked) == bare, marked


def test_only_a_form_gets_latin_blanks(tmp_path: Path) -> None:
    """A letter whose values hold low lines (HT__2026_01) is written as it always was."""
    import zipfile

    from letters.contract import load
    from letters.rendering import render_contract

    text = (REPO / "contracts" / "sla-response.yaml").read_text(encoding="utf-8")
    spec = tmp_path / "sla.yaml"
    spec.write_text(re.sub(r"number: HT-\S+", "number: HT__2026_01", text, count=1), "utf-8")
    data = render_contract(load(spec), ["docx"])["docx"]
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    assert "HT__2026_01" in xml and "<w:vanish/>" not in xml


def test_same_bytes_twice() -> None:
    for kind in ("sla-response", "service-agreement"):
        one = blank.render_blank(kind, ["docx", "md"])
        assert one == blank.render_blank(kind, ["docx", "md"])


def test_docx_holds_the_blanks_of_the_markdown() -> None:
    from docx import Document as Docx

    out = blank.render_blank("continuity", ["docx", "md"])
    md = out["md"].decode().replace("\\_", "_")
    document = Docx(io.BytesIO(out["docx"]))
    paragraphs = [*document.paragraphs]
    for table in document.tables:
        paragraphs += [p for row in table.rows for cell in row.cells for p in cell.paragraphs]
    shown = "\n".join("".join(r.text for r in p.runs if not r.font.hidden) for p in paragraphs)
    blanks = re.compile(r"_{2,}")
    assert len(blanks.findall(md)) > 100
    assert sorted(blanks.findall(shown)) == sorted(blanks.findall(md))
    import zipfile

    xml = zipfile.ZipFile(io.BytesIO(out["docx"])).read("word/document.xml").decode()
    assert "<w:vanish/>" in xml  # short blanks are Latin text (letters/writers/docx/inline.py)


needs_tools = pytest.mark.skipif(
    not all(shutil.which(t) for t in ("soffice", "pdffonts", "pdftotext")),
    reason="LibreOffice and poppler are not installed",
)


def _run(*args: str | Path) -> str:
    return subprocess.run(list(map(str, args)), capture_output=True, text=True, check=True).stdout


@needs_tools
def test_every_kind_as_pdf(tmp_path: Path) -> None:
    from letters.cli import main

    assert main(["blank", *KINDS, "-o", str(tmp_path), "--to", "pdf,md"]) == 0
    for kind in KINDS:
        pdf = tmp_path / f"{kind}-blank.pdf"
        rows = _run("pdffonts", pdf).splitlines()[2:]
        assert rows and all(r.split()[-5] == "yes" for r in rows), rows  # every font embedded
        assert any("CJK" in r for r in rows)
        text = _run("pdftotext", pdf, "-")
        md = (tmp_path / f"{kind}-blank.md").read_text(encoding="utf-8")

        def chars(s: str) -> set[str]:
            return set(
                re.sub(
                    r"[^\u4e00-\u9fff0-9A-Za-z%_〔〕]", "", s.replace("\\", "").replace("<br>", "")
                )
            )

        assert chars(md) <= chars(text), (kind, chars(md) - chars(text))
        assert "x" not in chars(text) - chars(md)  # the hidden x before a blank is not printed


@needs_tools
def test_no_short_blank_is_split_across_lines(tmp_path: Path) -> None:
    """LibreOffice breaks East Asian text anywhere; a short blank is kept whole."""
    from letters.document import Document, Meta

    paras = tuple(
        Paragraph(
            (
                Text(
                    "甲" * k
                    + "服务期限自____年__月__日起，金额为__________元，比例____%，名称____________乙"
                    * 2
                ),
            )
        )
        for k in range(24)
    )
    data = writers.get("pdf").render(Document(Meta(title="x", status="blank"), paras))
    path = tmp_path / "b.pdf"
    path.write_bytes(data)
    lines = [line.strip() for line in _run("pdftotext", path, "-").splitlines() if line.strip()]
    split = [
        (a[-8:], b[:8])
        for a, b in itertools.pairwise(lines)
        if (a.endswith("_") and b.startswith(("_", "%")))
    ]
    assert len(lines) > 60 and split == []


# ---------------------------------------------------------------- reading the marks back

_OPTION = re.compile(r"〔可选：(.*?)〕(?:〔未约定时为“(.*?)”〕)?")
_HERE = re.compile(r"〔未约定时为“(.*?)”〕")
_DEFAULT = re.compile(r"〔可选内容未约定时为：“(.*)”〕$")


def _units_of(blocks) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    """Return (kind, text) of each paragraph, list item and heading of *blocks*."""
    out = []
    for b in blocks:
        if isinstance(b, Heading):
            out.append(("h", plain(b.inlines)))
        elif isinstance(b, Paragraph):
            out.append(("p", plain(b.inlines)))
        elif isinstance(b, ListBlock):
            out += [("p", plain(i.inlines)) for i in b.items]
    return out


def _unquote(text: str) -> str:
    return text.replace("‘", "“").replace("’", "”")


def _with_options(text: str) -> str:
    """Read a marked unit as the letter reads with every option agreed."""
    text = _DEFAULT.sub("", text)
    text = _HERE.sub("", _OPTION.sub(lambda m: m.group(1), text))
    return text.replace("〔可选〕", "").replace("（可选）", "")


def _without_options(text: str) -> str | None:
    """Read a marked unit as the letter reads with no option agreed (None: not there)."""
    default = _DEFAULT.search(text)
    if default:
        return _unquote(default.group(1))
    if text.startswith("〔可选〕") and "\n" not in text:
        return None
    lines = [line for line in text.split("\n") if not line.startswith("〔可选〕")]
    text = "\n".join(lines)
    text = _OPTION.sub(lambda m: _unquote(m.group(2) or ""), text)
    return _HERE.sub(lambda m: _unquote(m.group(1)), text)


def _digits(text: str) -> str:
    return re.sub(r"[0-9]+", "#", text)


@pytest.mark.parametrize("kind", KINDS)
def test_the_marks_read_back_as_both_letters(kind: str) -> None:
    """With every option agreed, the marked form reads as the form over the whole starting
    spec; with none, every sentence of the form without the optional fields is there."""
    contract = blank.scaffold(kind)
    marked = _units_of(blank.compose_blank(kind).blocks)
    full = _units_of(blank._fitted(b) for b in compose(contract, blank=True).blocks)
    bare_contract = blank.minimal(contract)
    assert bare_contract is not None
    bare = _units_of(compose(bare_contract, blank=True).blocks)
    readings = [_with_options(t) for _k, t in marked if not t.startswith(blank._DEFAULT)]
    # with every option agreed the form says what the full letter says, word for word
    assert [_digits(r) for r in readings] == [_digits(t) for _k, t in full]
    without = {_digits(w) for _k, t in marked if (w := _without_options(t)) is not None}
    lost = [t for k, t in bare if k == "p" and _digits(t) not in without]
    assert lost == []
