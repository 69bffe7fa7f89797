"""End-to-end rendering: reopen each DOCX with python-docx and read back what it says."""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from docx.oxml.ns import qn
from docx.shared import Mm
from kindkit import all_text, open_docx

import letters
from letters.diagnostics import SpecError

ROOT = Path(__file__).resolve().parents[1]
CONTRACTS = ROOT / "contracts"
_SHARED = ROOT.parent / "shared" / "acceptance"
ACCEPTANCE = _SHARED if _SHARED.is_dir() else ROOT / "tests" / "fixtures" / "acceptance"
SPECS = [
    CONTRACTS / "sla-response.yaml",
    CONTRACTS / "continuity.yaml",
    ACCEPTANCE / "sla-response.yaml",
    ACCEPTANCE / "continuity.yaml",
]


@pytest.mark.parametrize("path", SPECS, ids=lambda p: f"{p.parent.name}-{p.stem}")
def test_page_fonts_footer_and_properties(path: Path) -> None:
    d = open_docx(path)
    section = d.sections[0]
    assert (section.page_width, section.page_height) == (Mm(210), Mm(297)) or (
        abs(section.page_width - Mm(210)) < Mm(1) and abs(section.page_height - Mm(297)) < Mm(1)
    )
    assert abs(section.top_margin - Mm(37)) < Mm(0.5)
    assert abs(section.left_margin - Mm(28)) < Mm(0.5)
    normal = d.styles["Normal"].element
    fonts = normal.rPr.rFonts if normal.rPr is not None else None
    east = fonts.get(qn("w:eastAsia")) if fonts is not None else None
    if east is None:  # the font may live in the document defaults
        defaults = d.styles.element.find(qn("w:docDefaults"))
        east = defaults.find(".//" + qn("w:rFonts")).get(qn("w:eastAsia"))
    assert east in ("宋体", "SimSun", "仿宋", "FangSong")
    footer_xml = section.footer._element.xml
    assert "PAGE" in footer_xml and "NUMPAGES" in footer_xml
    assert "第" in footer_xml and "共" in footer_xml
    props = d.core_properties
    model = letters.load(path).model
    assert props.subject == model.client.name
    assert props.author == model.provider.name
    assert props.title and "承诺" in props.title


def test_sla_tier_table_and_derived_figures_read_back() -> None:
    d = open_docx(CONTRACTS / "sla-response.yaml")
    tier_table = next(t for t in d.tables if t.rows[0].cells[0].text == "级别")
    rows = [[c.text for c in r.cells] for r in tier_table.rows]
    assert rows[0] == [
        "级别",
        "问题类别及典型场景",
        "预计占比",
        "响应时效",
        "处理时限",
        "超时违约金",
    ]
    assert rows[1] == [
        "L1\n一般咨询",
        "常规咨询类问题：需求咨询、流程指导、文档查阅",
        "60%",
        "15分钟\n（工作日9:00至18:00）",
        "4小时内提供书面解决方案",
        "合同总额的0.3%，\n即3,600.00元/小时",
    ]
    assert rows[2][5] == "合同总额的0.5%，\n即6,000.00元/小时"
    assert rows[3][5] == "合同总额的1%，\n即12,000.00元/小时"
    assert rows[3][3] == "1分钟\n（7×24小时）"
    # the header row repeats on every page and no row splits
    assert tier_table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert all(r._tr.trPr.find(qn("w:cantSplit")) is not None for r in tier_table.rows)
    text = all_text(d)
    for figure in (
        "壹佰贰拾万元整",
        "1,200,000.00元",
        "180,000.00元（大写：人民币壹拾捌万元整）",  # cap 15%
        "60,000.00元（大写：人民币陆万元整）",  # deposit 5%
        "91330106MA2H3K7P6X",
        "浙江明远商业银行股份有限公司",
        "杭州云栖数据服务有限公司",
        "服务质量KPI考核表",
        "2026年11月22日",
    ):
        assert figure in text, figure
    for name in ("王建国", "李明", "陈静"):
        assert name in text
    assert "承诺方（盖章）" in text and "签字" in text and "日期" in text


def test_continuity_figures_read_back() -> None:
    d = open_docx(CONTRACTS / "continuity.yaml")
    text = all_text(d)
    for figure in (
        "31日的月份3小时43分12秒",  # monthly downtime budgets, on each month's actual days
        "28日的月份3小时21分36秒",
        "4,250.00元（大写：人民币肆仟贰佰伍拾元整）",
        "8,500.00元",
        "306,000.00元",
        "壹佰零贰万元整",
        "91110108MA01R8QW4R",
        "91330106MA2H3K7P6X",
        "刘晓东",
        "北京市海淀区中关村大街27号",
        "接收方（盖章）",
        "第一阶段：至2027年1月31日",
    ):
        assert figure in text, figure


def test_signature_block_never_splits() -> None:
    d = open_docx(CONTRACTS / "continuity.yaml")
    sig = d.tables[-1]
    assert len(sig.rows) == 1
    assert sig.rows[0]._tr.trPr.find(qn("w:cantSplit")) is not None
    cells = [c.text for c in sig.rows[0].cells]
    assert "承诺方（盖章）" in cells[0] and "接收方（盖章）" in cells[1]


@pytest.mark.parametrize("to", ["docx", "md"])
def test_rendering_twice_gives_identical_bytes(to: str) -> None:
    a = letters.render(CONTRACTS / "sla-response.yaml", to=to)
    b = letters.render(letters.load(CONTRACTS / "sla-response.yaml"), to=to)
    assert a == b


def test_docx_zip_has_fixed_timestamps() -> None:
    data = letters.render(CONTRACTS / "continuity.yaml", to="docx")
    assert isinstance(data, bytes)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_inconsistent_spec_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        (ACCEPTANCE / "sla-response.yaml")
        .read_text(encoding="utf-8")
        .replace("share: 10%", "share: 15%"),
        encoding="utf-8",
    )
    with pytest.raises(SpecError) as exc:
        letters.render(bad)
    assert any(d.code == "share-sum" for d in exc.value.diagnostics)
    out = tmp_path / "out"
    done = subprocess.run(
        [sys.executable, "-m", "letters", "render", str(bad), "-o", str(out)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert done.returncode == 1
    assert "error[share-sum]" in done.stdout
    assert not out.exists() or not any(out.iterdir())


def test_cli_render_writes_both_formats_atomically(tmp_path: Path) -> None:
    out = tmp_path / "out"
    done = subprocess.run(
        [sys.executable, "-m", "letters", "render", str(CONTRACTS), "-o", str(out)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr
    names = sorted(p.name for p in out.iterdir())
    stems = sorted(p.stem for p in CONTRACTS.glob("*.yaml"))
    assert len(stems) == 9  # one example per kind
    assert names == sorted(f"{stem}.{ext}" for stem in stems for ext in ("docx", "md"))
    assert (out / "sla-response.md").read_bytes() == letters.render(
        CONTRACTS / "sla-response.yaml", to="md"
    ).encode()
    only_md = tmp_path / "md"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "letters",
            "render",
            str(CONTRACTS / "continuity.yaml"),
            "-o",
            str(only_md),
            "--to",
            "md",
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert done.returncode == 0
    assert [p.name for p in only_md.iterdir()] == ["continuity.md"]


def test_cli_render_bad_format_is_usage_error(tmp_path: Path) -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "letters",
            "render",
            str(CONTRACTS),
            "-o",
            str(tmp_path),
            "--to",
            "odt",
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert done.returncode == 2
    assert "Traceback" not in done.stderr


def test_hostile_text_survives_into_docx(tmp_path: Path) -> None:
    hostile = "A|B *星* <甲> & _乙_ 𠮷"
    spec = tmp_path / "hostile.yaml"
    spec.write_text(
        (CONTRACTS / "sla-response.yaml")
        .read_text(encoding="utf-8")
        .replace("name: 浙江明远商业银行股份有限公司", f'name: "{hostile}"'),
        encoding="utf-8",
    )
    d = open_docx(spec)
    assert hostile in all_text(d)
    md = letters.render(spec, to="md")
    assert isinstance(md, str)
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark").enable("table").parse(md)
    texts = [
        "".join(c.content for c in t.children or [] if c.type == "text")
        for t in tokens
        if t.type == "inline"
    ]
    assert any(hostile in t for t in texts)


def test_control_character_is_refused_at_its_line(tmp_path: Path) -> None:
    spec = tmp_path / "ctl.yaml"
    spec.write_text(
        (CONTRACTS / "sla-response.yaml")
        .read_text(encoding="utf-8")
        .replace("name: 浙江明远商业银行股份有限公司", "name: 浙江明远\x07银行"),
        encoding="utf-8",
    )
    with pytest.raises(SpecError) as exc:
        letters.load(spec)
    (d,) = exc.value.diagnostics
    assert d.code == "control-character"
    assert (
        d.mark.line
        == spec.read_text(encoding="utf-8").splitlines().index("  name: 浙江明远\x07银行") + 1
    )


def test_layout_renders_a_firm_template(tmp_path: Path) -> None:
    folder = tmp_path / "tpl"
    folder.mkdir()
    (folder / "brief.md.j2").write_text(
        "# {{ provider.name }}简要承诺\n\n## 承诺\n\n合同总额{{ agreement.total | money }}。\n\n"
        '{% set sign_both = false %}{% include "partials/signature.md.j2" %}\n',
        encoding="utf-8",
    )
    spec = tmp_path / "brief.yaml"
    spec.write_text(
        (CONTRACTS / "sla-response.yaml").read_text(encoding="utf-8") + "\nlayout: brief\n",
        encoding="utf-8",
    )
    md = letters.render(spec, to="md", templates=[folder])
    assert isinstance(md, str)
    assert md.startswith("# 杭州云栖数据服务有限公司简要承诺")
    assert "合同总额1,200,000.00元。" in md
    assert "承诺方（盖章）：杭州云栖数据服务有限公司" in md


def test_missing_template_variable_names_file_and_line(tmp_path: Path) -> None:
    from letters.compose import TemplateError

    folder = tmp_path / "tpl"
    folder.mkdir()
    (folder / "sla-response.md.j2").write_text(
        "# 题\n\n{{ provider.nickname }}\n", encoding="utf-8"
    )
    with pytest.raises(TemplateError) as exc:
        letters.render(CONTRACTS / "sla-response.yaml", to="md", templates=[folder])
    assert "sla-response.md.j2:3" in str(exc.value)
    assert "nickname" in str(exc.value)


def test_render_status_lines_go_to_stdout_like_every_summary(tmp_path: Path, capsys) -> None:
    from letters.cli import main

    spec = Path(__file__).resolve().parents[1] / "contracts" / "sla-response.yaml"
    assert main(["render", str(spec), "-o", str(tmp_path), "--to", "md"]) == 0
    out, err = capsys.readouterr()
    assert f"已生成 {tmp_path / 'sla-response.md'}" in out and err == ""
    assert main(["render", str(spec), "-o", str(tmp_path), "--to", "md", "--format", "json"]) == 0
    out, err = capsys.readouterr()
    assert out.strip() == "[]" and "已生成" in err  # json: only JSON on stdout
