"""Render the built-in letter templates and check the result from the parsed Markdown.

Every spec (the two full examples under ``contracts/`` and the two acceptance specs) goes through
``compose`` and the Markdown writer; the Markdown is then parsed with markdown-it-py and the
assertions look at tokens (headings, table cells, list items, paragraphs), never at raw text,
except for the few "must never appear anywhere" strings.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from markdown_it import MarkdownIt
from markdown_it.token import Token

from letters.compose import compose
from letters.contract import from_data, load
from letters.source import load_path
from letters.writers.markdown import write_markdown

REPO = Path(__file__).resolve().parents[1]
CONTRACTS = REPO / "contracts"


def _acceptance_dir() -> Path:
    """Return tests/fixtures/acceptance when present, else the shared acceptance folder."""
    local = REPO / "tests" / "fixtures" / "acceptance"
    if (local / "sla-response.yaml").is_file():
        return local
    return Path(__file__).resolve().parents[2] / "shared" / "acceptance"


ACCEPTANCE = _acceptance_dir()


def _spec_param(folder: Path, name: str, tag: str) -> Any:
    path = folder / name
    return pytest.param(path, id=f"{tag}-{name.removesuffix('.yaml')}")


FULL_SLA = CONTRACTS / "sla-response.yaml"
FULL_CONT = CONTRACTS / "continuity.yaml"
ACC_SLA = ACCEPTANCE / "sla-response.yaml"
ACC_CONT = ACCEPTANCE / "continuity.yaml"

ALL_SPECS = [
    _spec_param(CONTRACTS, "sla-response.yaml", "contracts"),
    _spec_param(CONTRACTS, "continuity.yaml", "contracts"),
    _spec_param(ACCEPTANCE, "sla-response.yaml", "acceptance"),
    _spec_param(ACCEPTANCE, "continuity.yaml", "acceptance"),
]
SLA_SPECS = [p for p in ALL_SPECS if "sla" in p.id]
CONT_SPECS = [p for p in ALL_SPECS if "continuity" in p.id]

# ---------------------------------------------------------------- parsing helpers

_MD = MarkdownIt("commonmark").enable("table")


def plain(inline: Token) -> str:
    """Return the literal text of an inline token (escapes resolved, <br> as a newline)."""
    out: list[str] = []
    for child in inline.children or []:
        if child.type in ("text", "text_special", "code_inline"):
            out.append(child.content)
        elif child.type in ("hardbreak",) or (
            child.type == "html_inline" and child.content.lower().startswith("<br")
        ):
            out.append("\n")
        elif child.type == "softbreak":
            out.append("")  # CJK prose: a source line break is no space
    return "".join(out)


@dataclass
class Block:
    """One top-level block of the letter: its kind and its text (or rows for a table)."""

    kind: str  # heading2, heading3, heading1, paragraph, list, table
    text: str = ""
    items: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()


@dataclass
class Letter:
    """A rendered letter: its Markdown text and its parsed blocks."""

    markdown: str
    blocks: list[Block]

    def headings(self, level: int) -> list[str]:
        return [b.text for b in self.blocks if b.kind == f"heading{level}"]

    def section(self, title: str) -> list[Block]:
        """Return the blocks under the heading whose text (without its number) is *title*."""
        for i, b in enumerate(self.blocks):
            if b.kind.startswith("heading") and _unnumbered(b.text) == title:
                level = int(b.kind[-1])
                out = []
                for nxt in self.blocks[i + 1 :]:
                    if nxt.kind.startswith("heading") and int(nxt.kind[-1]) <= level:
                        break
                    out.append(nxt)
                return out
        raise AssertionError(
            f"no heading “{title}” in {[b.text for b in self.blocks if b.kind.startswith('heading')]}"
        )

    def texts(self, title: str | None = None) -> list[str]:
        """Return paragraph texts and list items (of one section, or of the whole letter)."""
        blocks = self.blocks if title is None else self.section(title)
        out: list[str] = []
        for b in blocks:
            if b.kind == "paragraph":
                out.append(b.text)
            elif b.kind == "list":
                out.extend(b.items)
        return out

    def annexes(self) -> list[str]:
        """Return the annex list after 特此承诺 (empty when the letter has none)."""
        return [item for b in self.blocks if b.kind == "annexes" for item in b.items]

    def closing(self) -> list[str]:
        """Return the date line and the signature lines."""
        return [b.text for b in self.blocks if b.kind == "closing"]

    def tables(self) -> list[Block]:
        return [b for b in self.blocks if b.kind == "table"]

    def titles(self) -> set[str]:
        return {_unnumbered(b.text) for b in self.blocks if b.kind in ("heading2", "heading3")}


_DATE_LINE = re.compile(r"^\d{4}年\d{1,2}月\d{1,2}日$")
_NUMBER = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)")


def _unnumbered(text: str) -> str:
    return _NUMBER.sub("", text)


def parse(markdown: str) -> Letter:
    """Parse the letter's Markdown into top-level blocks."""
    tokens = _MD.parse(markdown)
    blocks: list[Block] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok.type == "heading_open":
            blocks.append(Block(f"heading{int(tok.tag[1])}", plain(tokens[i + 1])))
            i += 3
        elif tok.type == "paragraph_open" and tok.level == 0:
            blocks.append(Block("paragraph", plain(tokens[i + 1])))
            i += 3
        elif tok.type in ("ordered_list_open", "bullet_list_open") and tok.level == 0:
            items: list[str] = []
            depth = 0
            while True:
                t = tokens[i]
                if t.type in ("ordered_list_open", "bullet_list_open"):
                    depth += 1
                elif t.type in ("ordered_list_close", "bullet_list_close"):
                    depth -= 1
                    if depth == 0:
                        break
                elif t.type == "inline":
                    items.append(plain(t))
                i += 1
            blocks.append(Block("list", items=tuple(items)))
            i += 1
        elif tok.type == "table_open":
            rows: list[tuple[str, ...]] = []
            row: list[str] = []
            while tokens[i].type != "table_close":
                t = tokens[i]
                if t.type == "tr_open":
                    row = []
                elif t.type == "inline":
                    row.append(plain(t))
                elif t.type == "tr_close":
                    rows.append(tuple(row))
                i += 1
            blocks.append(Block("table", rows=tuple(rows)))
            i += 1
        else:
            i += 1
    # 特此承诺 closes the body; then the annex list (附件：), the signature block and the date
    # line: they belong to no section
    last_heading = max(n for n, b in enumerate(blocks) if b.kind.startswith("heading"))
    for n in range(last_heading + 1, len(blocks)):
        if blocks[n].kind == "paragraph" and blocks[n].text == "特此承诺。":
            rest = blocks[n + 1 :]
            if rest and rest[0].text == "附件：" and len(rest) > 1 and rest[1].kind == "list":
                rest[0].kind, rest[1].kind = "annex-label", "annexes"
                rest = rest[2:]
            for b in rest:
                b.kind = "closing"
            blocks[n].kind = "formula"
            break
    return Letter(markdown, blocks)


def render(path: Path) -> Letter:
    return parse(write_markdown(compose(load(path))))


def render_data(data: dict[str, Any], name: str = "mutant.yaml") -> Letter:
    return parse(write_markdown(compose(from_data(data, name))))


def spec_data(path: Path) -> dict[str, Any]:
    """Return the spec at *path* as plain (text-valued) data, for mutation."""
    return copy.deepcopy(load_path(path).data)


@pytest.fixture(scope="module")
def letters() -> Callable[[Path], Letter]:
    cache: dict[Path, Letter] = {}

    def get(path: Path) -> Letter:
        if path not in cache:
            cache[path] = render(path)
        return cache[path]

    return get


def needs(path: Path) -> None:
    assert path.is_file(), f"{path} is missing"


# ---------------------------------------------------------------- structure, for every letter

CN = "一二三四五六七八九十"


def _cn(n: int) -> str:
    return CN[n - 1] if n <= 10 else "十" + CN[n - 11]


@pytest.mark.parametrize("path", ALL_SPECS)
def test_sections_numbered_without_gaps(path: Path, letters: Callable[[Path], Letter]) -> None:
    letter = letters(path)
    assert len(letter.headings(1)) == 1
    h2 = letter.headings(2)
    assert len(h2) >= 6
    assert [h.split("、", 1)[0] for h in h2] == [_cn(n) for n in range(1, len(h2) + 1)]
    # （一）（二）… restart in every section
    expected = 0
    for b in letter.blocks:
        if b.kind == "heading2":
            expected = 0
        elif b.kind == "heading3":
            expected += 1
            assert b.text.startswith(f"（{_cn(expected)}）"), b.text


@pytest.mark.parametrize("path", ALL_SPECS)
def test_no_dangling_headings(path: Path, letters: Callable[[Path], Letter]) -> None:
    blocks = letters(path).blocks
    for i, b in enumerate(blocks):
        if b.kind in ("heading2", "heading3"):
            assert i + 1 < len(blocks), f"“{b.text}” ends the letter"
            nxt = blocks[i + 1]
            if nxt.kind.startswith("heading"):
                assert int(nxt.kind[-1]) > int(b.kind[-1]), f"“{b.text}” has no content"


@pytest.mark.parametrize("path", ALL_SPECS)
def test_no_placeholders_or_debris(path: Path, letters: Callable[[Path], Letter]) -> None:
    md = letters(path).markdown
    for bad in ("XXX", "None", "{{", "}}", "{%", "字）", "__"):
        assert bad not in md, bad


_CJK = r"[\u3400-\u4dbf\u4e00-\u9fff\U00020000-\U0003134f]"
_ASCII_NEAR_CJK = re.compile(rf"{_CJK}[,;:()]|[,;:()]{_CJK}")


@pytest.mark.parametrize("path", ALL_SPECS)
def test_prose_uses_full_width_punctuation(path: Path, letters: Callable[[Path], Letter]) -> None:
    letter = letters(path)
    texts = (
        letter.texts()
        + letter.closing()
        + [c for t in letter.tables() for row in t.rows for c in row]
    )
    texts += [b.text for b in letter.blocks if b.kind.startswith("heading")]
    for text in texts:
        assert not _ASCII_NEAR_CJK.search(text), text


# ---------------------------------------------------------------- sla-response

TIER_HEADER = ("级别", "问题类别及典型场景", "预计占比", "响应时效", "处理时限", "超时违约金")


def tier_rows(path: Path) -> tuple[tuple[str, ...], ...]:
    """Return the tier rows of the sla letter at *path*: the project's example renames the levels
    (“重大服务” is no name for a class of faults) and adds the missing 的."""
    own = path == FULL_SLA
    return (
        (
            "L1\n一般咨询" if own else "L1\n基础服务",
            "常规咨询类问题：需求咨询、流程指导、文档查阅",
            "60%",
            "15分钟\n（工作日9:00至18:00）",
            "4小时内提供书面解决方案",
            "合同总额的0.3%，\n即3,600.00元/小时",
        ),
        (
            "L2\n系统异常" if own else "L2\n核心服务",
            "系统运行异常：系统报错、接口异常、数据同步故障",
            "30%",
            "5分钟\n（7×24小时）",
            "2小时内定位问题根源",
            "合同总额的0.5%，\n即6,000.00元/小时",
        ),
        (
            "L3\n重大故障" if own else "L3\n重大服务",
            ("影响业务连续性的故障" if own else "影响业务连续性故障")
            + "：服务器宕机、核心功能失效、数据丢失风险",
            "10%",
            "1分钟\n（7×24小时）",
            "30分钟内启动应急响应预案",
            "合同总额的1%，\n即12,000.00元/小时",
        ),
    )


SLA_SECTIONS = ["服务承诺总则", "分级响应承诺", "违约责任", "争议解决", "通知与送达", "签署与生效"]


@pytest.mark.parametrize("path", SLA_SPECS)
def test_sla_tier_table(path: Path, letters: Callable[[Path], Letter]) -> None:
    (table,) = letters(path).tables()
    assert table.rows[0] == TIER_HEADER
    assert table.rows[1:] == tier_rows(path)


@pytest.mark.parametrize("path", SLA_SPECS)
def test_sla_front_matter_and_figures(path: Path, letters: Callable[[Path], Letter]) -> None:
    letter = letters(path)
    own = path == FULL_SLA
    assert letter.headings(1) == ["关于数据平台运维服务响应时间的专项承诺函"]
    paras = [b.text for b in letter.blocks if b.kind == "paragraph"]
    assert "编号：YQ-CN-2026-0117" in paras
    assert "致：浙江明远商业银行股份有限公司" in paras
    assert (
        "承诺方：杭州云栖数据服务有限公司\n统一社会信用代码：91330106MA2H3K7P6X\n"
        "法定代表人：王建国\n住所：浙江省杭州市西湖区文三路100号\n联系电话：0571-88886666"
    ) in "\n".join(paras)
    preamble = next(p for p in paras if p.startswith("杭州云栖数据服务有限公司（以下简称“我方”）"))
    assert "《数据平台运维服务协议》（编号：HT-2026-0117" in preamble
    assert "1,200,000.00元（大写：人民币壹佰贰拾万元整）" in preamble
    assert "民法典" in preamble
    assert [_unnumbered(h) for h in letter.headings(2)][:2] == SLA_SECTIONS[:2]
    for title in SLA_SECTIONS:
        assert title in letter.titles()

    # one definition of 处理时限: the table's own column
    defs = " ".join(letter.texts("标准响应时效"))
    assert "至我方完成表中该级别“处理时限”一栏所列事项之时止" in defs
    assert "工单系统" in defs and "而非系统自动回复" in defs
    assert "只在该时段内计算" in defs and "连续计算" not in defs
    # one legal vocabulary: 超时违约金, stated to be 违约金, with the cap's reach
    comp = letter.texts("超时违约金")
    assert any("超时违约金＝合同总额×该级别每小时违约金比例×超时小时数" in t for t in comp)
    assert any("或依本承诺函“特殊场景响应”部分调整后的时效" in t for t in comp)
    assert any("不足1小时的部分按1小时计" in t for t in comp)
    assert any(
        "L1级每超时1小时为3,600.00元，L2级每超时1小时为6,000.00元，L3级每超时1小时为12,000.00元"
        in t
        for t in comp
    )
    assert any("不超过合同总额的15%，即180,000.00元（大写：人民币壹拾捌万元整）" in t for t in comp)
    assert any("该上限仅适用于本承诺函约定的超时违约金" in t for t in comp)
    assert any("第五百八十五条所称的违约金" in t and "不足部分" in t for t in comp)
    assert any("合同总额的2%计，即每超时1小时24,000.00元" in t for t in comp)
    assert "补偿" not in letter.markdown
    assert any(
        "合同总额的5%，即60,000.00元（大写：人民币陆万元整）" in t
        for t in letter.texts("服务保证金")
    )
    exit_ = letter.texts("退出机制")
    assert any("连续3个L3级" in t and "均未在适用的响应时效或处理时限内履行" in t for t in exit_)
    assert any(
        "年度投诉率（经核实的有效投诉次数占当年服务请求总数的比例）超过0.5%" in t for t in exit_
    )
    assert ("延长30%" in " ".join(exit_)) is not own  # the example drops the perverse degradation

    special = letter.texts("特殊场景响应")
    assert any("80%执行，即L1级12分钟、L2级4分钟、L3级48秒，处理时限不变" in t for t in special)
    assert any("节假日当日9:00至18:00受理" in t for t in special)
    assert any(
        "浙江省以外" in t
        and "120%执行，即L1级18分钟、L2级6分钟、L3级1分12秒" in t
        and "境外的服务请求不适用" in t
        for t in special
    )
    assert any("至少提前72小时书面告知" in t for t in special)
    assert any("50%，即L1级7分30秒、L2级2分30秒" in t for t in special)
    assert any("各项比例不连乘" in t for t in special)
    assert not re.search(r"\d+\.\d+(分钟|小时)", letter.markdown)  # no decimal minutes or hours
    assert "–" not in letter.markdown  # 9:00至18:00, never an en dash
    assert not re.search(r"\d天", letter.markdown)  # 日, not 天, in deadlines

    effect = " ".join(letter.texts("签署与生效"))
    assert "2027年11月30日" in effect and "主协议的附件" in effect
    assert any("送达" in t and "0571-88886666" in t for t in letter.texts("通知与送达"))
    assert letter.blocks[[b.kind for b in letter.blocks].index("formula")].text == "特此承诺。"
    sig = letter.closing()
    if own:
        assert letter.texts("争议解决") == [
            "因本承诺函引起的或者与本承诺函有关的任何争议，双方应首先友好协商解决；自一方书面提出协商之日起30日内协商不成的，"
            "任何一方均可提交杭州仲裁委员会，按照申请仲裁时该机构现行有效的仲裁规则进行仲裁，仲裁裁决是终局的，对双方均有约束力。"
            "事实清楚、争议金额不大的争议，我方应自贵方书面提出之日起5个工作日内提出书面解决方案。"
            "本条约定同样适用于主协议项下与本承诺函有关的争议；主协议的争议解决条款与本条不一致的，上述争议以本条约定为准。"
        ]
        assert "双方签署日期不一致的，以后签署一方的签署日期为生效日期" in effect
        assert "一式两份" in effect
        assert letter.annexes() == ["服务响应时效计算细则（V2.3）", "服务质量KPI考核表"]
        # the provider's signers, then the client's acknowledgement with a blank for its signer
        assert [s.split("：")[0] for s in sig] == [
            "承诺方（盖章）",
            "法定代表人",
            "技术总监",
            "客户服务总监",
            "接收方（盖章）",
            "法定代表人或授权代表签字",
            "2026年11月22日",
        ]
    else:
        # signed by the provider alone: nothing binds the client but the forum (which warns)
        assert letter.texts("争议解决")[0].startswith(
            "因本承诺函引起的或者与本承诺函有关的任何争议，我方愿首先与贵方友好协商解决"
        )
        assert letter.texts("争议解决")[1:4] == [
            "争议金额不超过50,000.00元的，由客户服务总监与技术总监组成仲裁组现场裁决；",
            "争议金额超过50,000.00元但不超过500,000.00元的，提交双方共同认可的第三方仲裁机构；",
            "争议金额超过500,000.00元的，向服务所在地人民法院提起诉讼。",
        ]
        assert "双方" not in " ".join(letter.texts("服务保证金") + letter.texts("签署与生效"))
        assert "其他签署人签字确认各自负责的事项，不影响本承诺函的生效" in effect
        assert "一式两份" not in effect
        assert len(letter.annexes()) == 5
        assert [s.split("：")[0] for s in sig] == [
            "承诺方（盖章）",
            "法定代表人",
            "技术总监",
            "客户服务总监",
            "2026年11月22日",
        ]


SLA_OPTIONAL = {
    "服务保障体系",
    "技术支撑体系",
    "人员配置",
    "质量监控",
    "增值服务",
}


def test_sla_optional_sections_present_in_full_example(letters: Callable[[Path], Letter]) -> None:
    letter = letters(FULL_SLA)
    assert letter.titles() >= SLA_OPTIONAL
    assert any("实时采集不少于200项系统指标" in t for t in letter.texts("技术支撑体系"))
    assert any(
        "每班次配置工程师不少于5名、高级专家不少于2名" in t for t in letter.texts("人员配置")
    )
    assert any("在机动小组覆盖的城市内" in t for t in letter.texts("人员配置"))
    assert any("CCNP、HCIP" in t and "不少于120小时" in t for t in letter.texts("人员配置"))
    assert any(
        "每90日由独立第三方机构开展一次服务合规性审查" in t for t in letter.texts("质量监控")
    )
    assert any("录制前告知贵方相关人员" in t for t in letter.texts("质量监控"))
    assert any("连续3个月满意度评分低于90%" in t for t in letter.texts("质量监控"))
    assert len(letter.texts("增值服务")) == 5


def test_sla_optional_sections_absent_from_acceptance(letters: Callable[[Path], Letter]) -> None:
    needs(ACC_SLA)
    letter = letters(ACC_SLA)
    assert not (SLA_OPTIONAL & letter.titles())
    assert letter.annexes()  # the acceptance spec has annexes


def _strip_sla(data: dict[str, Any]) -> dict[str, Any]:
    for key in (
        "adjustments",
        "termination",
        "support_system",
        "staffing",
        "quality",
        "value_added",
        "dispute_deadlines",
        "annexes",
    ):
        data.pop(key, None)
    for key in (
        "credit_code",
        "legal_representative",
        "address",
        "phone",
        "contact",
        "email",
        "industry",
    ):
        data["provider"].pop(key, None)
        data["client"].pop(key, None)
    data["service"].pop("stages", None)
    data["service"].pop("region", None)
    data["service"].pop("standards", None)
    data["compensation"].pop("event_rate_per_hour", None)
    data["compensation"].pop("deposit", None)
    return data


def test_sla_minimal_spec_leaves_no_trace_of_absent_blocks() -> None:
    letter = render_data(_strip_sla(spec_data(FULL_SLA)))
    titles = letter.titles()
    assert not (titles & (SLA_OPTIONAL | {"特殊场景响应", "退出机制", "服务保证金"}))
    assert not letter.annexes()
    assert [_unnumbered(h) for h in letter.headings(2)] == SLA_SECTIONS
    text = "\n".join(letter.texts())
    for gone in (
        "统一社会信用代码",
        "法定代表人：王建国\n",
        "住所",
        "VIP",
        "保证金",
        "重大活动",
        "行业的业务特点",
        "服务区域",
        "个服务环节",
        "附件：",
        "文末所列附件",
        "最低额",
    ):
        assert gone not in text, gone
    assert "承诺方：杭州云栖数据服务有限公司" in text
    comp = letter.texts("超时违约金")
    assert len(comp) == 3 and "（含重大活动专项违约金）" not in comp[1]
    assert letter.texts("服务范围") == ["本承诺函适用于我方依主协议为贵方提供的数据平台运维服务。"]
    # without contact details the notices go to the addresses of the main agreement
    assert any("我方——主协议载明的通讯地址" in t for t in letter.texts("通知与送达"))
    assert letter.texts("争议解决")[0].startswith("因本承诺函引起的")
    (table,) = letter.tables()
    assert table.rows[1:] == tier_rows(FULL_SLA)


def test_sla_without_disputes_follows_the_main_agreement() -> None:
    data = spec_data(FULL_SLA)
    data.pop("disputes")
    data.pop("dispute_deadlines")
    data.pop("acknowledgement")
    letter = render_data(data)
    assert letter.texts("争议解决") == [
        "因本承诺函引起的或者与本承诺函有关的任何争议，我方愿首先与贵方友好协商解决；"
        "协商不成的，按照主协议约定的争议解决方式处理。"
    ]
    assert "接收方（盖章）：浙江明远商业银行股份有限公司" not in letter.closing()


def test_sla_partial_blocks() -> None:
    """Only some fields of an optional block: each present one shows, the others vanish."""
    data = spec_data(FULL_SLA)
    data["adjustments"] = {"vip": "50%"}
    data["termination"] = {"l3_consecutive_failures": "2"}
    data["quality"] = {"auditor": "某认证机构"}
    data["value_added"] = {"dashboard": "true"}
    data["support_system"] = {}
    data["client"]["contact"] = "张三"
    data.pop("acknowledgement")
    data["signatories"].append({"party": "client", "role": "采购负责人", "name": "赵敏"})
    letter = render_data(data)
    titles = letter.titles()
    assert "技术支撑体系" not in titles
    assert [t.split("：")[0] for t in letter.texts("特殊场景响应")] == ["VIP响应通道"]
    assert letter.texts("退出机制") == [
        "连续2个L3级（重大故障）服务请求，我方均未在适用的响应时效或处理时限内履行的，贵方有权单方解除主协议。"
    ]
    assert letter.texts("质量监控") == [
        "合规审查：定期由某认证机构开展一次服务合规性审查，审查结果书面告知贵方。"
    ]
    assert len(letter.texts("增值服务")) == 1
    assert "接收方：浙江明远商业银行股份有限公司\n联系人：张三" in letter.texts()
    assert letter.closing()[-3] == "接收方（盖章）：浙江明远商业银行股份有限公司"
    assert letter.closing()[-2].startswith("采购负责人：赵敏")
    assert "双方加盖公章" in " ".join(letter.texts("签署与生效"))


# ---------------------------------------------------------------- continuity

CONT_SECTIONS = [
    "承诺背景",
    "承诺内容",
    "实施计划",
    "保障措施",
    "违约责任",
    "争议解决",
    "通知与送达",
    "附则",
]


@pytest.mark.parametrize("path", CONT_SPECS)
def test_continuity_content(path: Path, letters: Callable[[Path], Letter]) -> None:
    letter = letters(path)
    assert letter.headings(1) == ["服务水平连续性保证承诺书"]
    own = path == FULL_CONT
    sections = [_unnumbered(h) for h in letter.headings(2)]
    if own:  # the full example has the optional fault-level section (tests/test_kind_continuity.py)
        sections.remove("故障分级处理")
    assert sections[: len(CONT_SECTIONS)] == CONT_SECTIONS
    paras = "\n".join(b.text for b in letter.blocks if b.kind == "paragraph")
    assert (
        "承诺方：杭州云栖数据服务有限公司\n统一社会信用代码：91330106MA2H3K7P6X\n"
        "法定代表人：王建国\n住所：浙江省杭州市西湖区文三路100号\n联系电话：0571-88886666"
    ) in paras
    assert (
        "接收方：北京华信智联科技有限公司\n统一社会信用代码：91110108MA01R8QW4R\n"
        "法定代表人：刘晓东\n住所：北京市海淀区中关村大街27号\n联系电话：010-62558899"
    ) in paras
    background = " ".join(letter.texts("承诺背景"))
    assert "85,000.00元（大写：人民币捌万伍仟元整）" in background
    assert "1,020,000.00元（大写：人民币壹佰零贰万元整）" in background

    content = letter.texts("承诺内容")
    if own:  # measured per month, on each month's actual days
        assert any(
            "核心服务在每个自然月（以下简称“考核周期”）的可用性不低于99.5%" in t
            and "31日的月份3小时43分12秒，30日的月份3小时36分钟，29日的月份3小时28分48秒，28日的月份3小时21分36秒"
            in t
            for t in content
        )
        assert any("累计不超过2小时的部分" in t for t in content)
    else:  # per service year: 2028 is a leap year of 8,784 hours
        assert any(
            "核心服务在每一服务年度（以下简称“考核周期”）的可用性不低于99.5%" in t
            and "2027年度共8,760小时，可用时间不少于8,716小时12分钟、不可用时间不超过43小时48分钟；"
            in t
            and "2028年度共8,784小时，可用时间不少于8,740小时4分48秒、不可用时间不超过43小时55分12秒；"
            in t
            and "计划性维护的时间计入不可用时间" in t
            for t in content
        )
    assert any("提前48小时书面通知" in t for t in content)
    assert any("非核心服务的业务响应时间不超过2小时" in t and "50毫秒以内" in t for t in content)
    assert any(
        "30分钟内启动应急预案，4小时内恢复核心功能，24小时内全面恢复服务" in t for t in content
    )
    assert any("7×24小时" in t and "不超过15分钟" in t and "1个工作日" in t for t in content)

    plan = letter.texts("实施计划")[1:]
    assert [p.split("，")[0] for p in plan[:3]] == [
        "第一阶段：至2027年1月31日",
        "第二阶段：至2027年4月30日",
        "第三阶段：至2027年6月30日",
    ]

    assert "各阶段的安排不影响本承诺书“承诺内容”部分的服务标准" in letter.texts("实施计划")[0]

    measures = letter.texts("保障措施")
    assert any("共20名" in t and "技术团队8名、运维团队7名、客户支持团队5名" in t for t in measures)
    assert any(
        "年度服务总额的10%，即不少于102,000.00元（大写：人民币壹拾万贰仟元整），并于每一服务年度结束后30日内"
        in t
        for t in measures
    )

    penalties = letter.texts("违约责任")
    assert any(
        "7日内完成整改" in t and "当月服务费的5%，即4,250.00元（大写：人民币肆仟贰佰伍拾元整）" in t
        for t in penalties
    )
    assert any(
        "超过24小时" in t
        and "当月服务费的10%，即8,500.00元（大写：人民币捌仟伍佰元整）" in t
        and "赔偿接收方因该次服务中断遭受的直接经济损失的50%" in t
        and "不重复计算" in t
        for t in penalties
    )
    persistent = "连续3个月" if own else "连续3个季度"
    assert any(
        persistent in t and "年度服务总额的30%，即306,000.00元（大写：人民币叁拾万陆仟元整）" in t
        for t in penalties
    )
    assert any("第五百八十五条所称的违约金" in t for t in penalties)
    assert any("年度服务总额的40%，即408,000.00元" in t for t in penalties) is own

    assert any("北京仲裁委员会" in t and "仲裁" in t for t in letter.texts("争议解决"))
    assert any("送达" in t and "010-62558899" in t for t in letter.texts("通知与送达"))
    annex = letter.texts("附则")
    assert any("2029年12月31日" in t and "以后签署一方的签署日期为生效日期" in t for t in annex)
    assert any("提前30日书面通知" in t for t in annex)
    assert any("以本承诺书为准" in t for t in annex)
    assert any(("一式四份，双方各执两份" if own else "一式两份，双方各执一份") in t for t in annex)
    assert not re.search(r"\d天", letter.markdown) and "–" not in letter.markdown

    assert letter.closing() == [
        "承诺方（盖章）：杭州云栖数据服务有限公司",
        "法定代表人：王建国　　签字：＿＿＿＿＿＿＿＿＿＿　　日期：　　　　年　　月　　日",
        "接收方（盖章）：北京华信智联科技有限公司",
        "法定代表人：刘晓东　　签字：＿＿＿＿＿＿＿＿＿＿　　日期：　　　　年　　月　　日",
        "2026年11月22日",
    ]


def test_continuity_optional_blocks_full_vs_acceptance(letters: Callable[[Path], Letter]) -> None:
    full = letters(FULL_CONT)
    assert full.annexes() == [
        "服务水平协议（SLA）",
        "应急预案",
    ]
    measures = full.texts("保障措施")
    assert any("每30日向接收方提交一次服务报告" in t for t in measures)
    assert any("每年演练不少于2次" in t for t in measures)
    assert any("满意度低于90%" in t for t in measures)
    assert any(
        "每24小时至少完成一次数据备份" in t and "不少于2次安全审计" in t
        for t in full.texts("承诺内容")
    )
    assert any(
        t.startswith("后续阶段：") and "每年至少进行1次服务能力升级" in t
        for t in full.texts("实施计划")
    )

    needs(ACC_CONT)
    acc = letters(ACC_CONT)
    assert not acc.annexes()
    text = "\n".join(acc.texts())
    for gone in ("服务报告：", "每年演练", "满意度", "数据备份", "后续阶段"):
        assert gone not in text, gone


def test_continuity_minimal_spec() -> None:
    data = spec_data(FULL_CONT)
    for key in (
        "performance",
        "investment",
        "auditor",
        "phases",
        "amendment_notice",
        "security",
        "reporting",
        "annexes",
        "fault_levels",
        "remedies",
        "confidentiality",
        "legal_basis",
        "counterparts",
    ):
        data.pop(key, None)
    for party in ("provider", "client"):
        for key in (
            "credit_code",
            "legal_representative",
            "address",
            "phone",
            "contact",
            "email",
            "industry",
        ):
            data[party].pop(key, None)
    data["penalties"].pop("persistent")
    data["penalties"]["major"].pop("loss_share")
    data["availability"].pop("maintenance_notice")
    for key in ("exclusions", "force_majeure_notice"):
        data["availability"].pop(key)
    data["support"].pop("escalation")
    data["service"]["scope"] = []
    data["service"].pop("region")
    data["signatories"] = [s for s in data["signatories"] if s["party"] == "provider"]
    letter = render_data(data)
    assert [_unnumbered(h) for h in letter.headings(2)] == [
        s for s in CONT_SECTIONS if s != "实施计划"
    ]
    text = "\n".join(letter.texts())
    for gone in (
        "统一社会信用代码",
        "住所",
        "性能指标",
        "技术投入",
        "第三方监督",
        "持续违约",
        "直接经济损失",
        "提前48小时",
        "升级处理",
        "服务范围包括",
        "服务区域",
        "调整服务策略",
    ):
        assert gone not in text, gone
    assert "承诺方：杭州云栖数据服务有限公司" in text
    assert "接收方：北京华信智联科技有限公司" in text
    # a two-party letter keeps the recipient's seal line even without a named signatory, with a
    # blank line for whoever signs for it
    assert letter.closing()[-3] == "接收方（盖章）：北京华信智联科技有限公司"
    assert letter.closing()[-2].startswith("法定代表人或授权代表签字：＿＿＿＿＿＿＿＿＿＿")
    assert len(letter.texts("违约责任")) == 5  # intro, minor, major, cap, nature of the 违约金
    assert len(letter.texts("附则")) == 3  # effect, precedence, counterparts


# ---------------------------------------------------------------- hostile text

HOSTILE = "A|B *星* <甲> & _乙_ 𠮷"


def test_hostile_names_render_literally_sla() -> None:
    needs(ACC_SLA)
    data = spec_data(ACC_SLA)
    data["client"]["name"] = HOSTILE
    data["tiers"][0]["category"] = HOSTILE
    data["tiers"][1]["scenarios"] = [HOSTILE, "x|y"]
    letter = render_data(data)
    paras = [b.text for b in letter.blocks if b.kind == "paragraph"]
    assert f"致：{HOSTILE}" in paras
    (table,) = letter.tables()
    assert all(len(row) == len(TIER_HEADER) for row in table.rows)
    assert len(table.rows) == 1 + 3
    assert table.rows[1][1] == f"{HOSTILE}：需求咨询、流程指导、文档查阅"
    assert table.rows[2][1] == f"系统运行异常：{HOSTILE}、x|y"
    assert table.rows[1][5] == "合同总额的0.3%，\n即3,600.00元/小时"
    assert f"L1基础服务：{HOSTILE}。" in letter.texts("标准依据")


def test_hostile_names_render_literally_continuity() -> None:
    needs(ACC_CONT)
    data = spec_data(ACC_CONT)
    data["client"]["name"] = HOSTILE
    data["client"]["address"] = "#1 - 2. <b>路</b>"
    letter = render_data(data)
    paras = [b.text for b in letter.blocks if b.kind == "paragraph"]
    assert any(
        p.startswith(f"接收方：{HOSTILE}\n") and "住所：#1 - 2. <b>路</b>" in p for p in paras
    )
    assert f"接收方（盖章）：{HOSTILE}" in letter.closing()
    assert not any(b.kind.startswith("heading") and HOSTILE in b.text for b in letter.blocks)


# ---------------------------------------------------------------- the sandbox


SANDBOX_ESCAPES = [
    "{{ provider.__class__ }}",
    "{{ provider._x }}",
    "{{ client.name.__class__.__mro__ }}",
    "{% set l = [1] %}{{ l.append(2) }}",
    "{% set d = {} %}{{ d.update({'a': 1}) }}",
    "{{ tiers.__len__() }}",
    "{{ fig.tiers[0].tier.name.format.__globals__ }}",
    "{{ '{0.__class__}'.format(provider) }}",
]


@pytest.mark.parametrize("expr", SANDBOX_ESCAPES)
def test_sandbox_refuses_unsafe_attributes_every_time(expr: str, tmp_path: Path) -> None:
    """Unsafe attributes are refused, also after safe ones of the same types were read.

    The sandbox remembers its verdict per (type, attribute name); each template is rendered
    twice so the second pass runs with every verdict of the first one remembered.
    """
    from letters.compose import TemplateError, render_markup

    safe = "{% set l = [1] %}{{ l.index(1) }}{{ provider.name }}{{ client.name.upper() }}"
    (tmp_path / "sla-response.md.j2").write_text(f"# 题\n\n{safe}\n\n{expr}\n", encoding="utf-8")
    contract = load(FULL_SLA)
    for _ in range(2):
        with pytest.raises(TemplateError, match=r"unsafe|not safely callable|SecurityError"):
            render_markup(contract, [tmp_path])


@pytest.mark.parametrize(
    ("kind", "wanted"),
    [
        ("sla-response", "主协议载明的通讯地址"),  # a letter to a main agreement: its addresses
        ("work-assurance", "我单位登记的住所"),  # no main agreement: the registered domicile
        ("service-agreement", "甲方——其登记的住所；乙方——其登记的住所"),  # it is the agreement
    ],
)
def test_notices_without_contacts_name_an_address_that_exists(kind: str, wanted: str) -> None:
    from letters import kinds as registry
    from letters.contract import from_data, load
    from letters.rendering import render_contract

    data = copy.deepcopy(load(registry.get(kind).scaffold).source.data)
    for party in ("provider", "client"):
        for key in ("address", "contact", "phone", "email"):
            data.get(party, {}).pop(key, None)
    text = render_contract(from_data(data), ["md"])["md"].decode()
    notices = text[text.index("通知与送达") :]
    assert wanted in notices
    if kind != "sla-response":
        assert "主协议载明" not in notices
