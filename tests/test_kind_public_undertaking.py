"""Check the ``public-undertaking`` kind (公开承诺书): its rules on mutated specs, its derived
figures against hand-computed values, and the DOCX and Markdown it writes, read back."""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from kindkit import docx_text, editor_view, findings, line_of, open_docx, write_mutant

import letters
from letters import explain
from letters.checks import RULES
from letters.contract import load
from letters.diagnostics import dotted
from letters.json_schema import schema
from letters.kinds import get
from letters.kinds.public_undertaking.figures import cycles, hms_text
from letters.scaffold import scaffold_text

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "contracts" / "public-undertaking.yaml"
KIND = "public-undertaking"
OWN = [r.code for r in get(KIND).rules]


def _text() -> str:
    return EXAMPLE.read_text(encoding="utf-8")


def _write(tmp_path: Path, *changes: tuple[str, str], text: str | None = None) -> Path:
    base = _text() if text is None else text
    return write_mutant(tmp_path, base, *changes, name="spec.yaml")[0]


# ----------------------------------------------------------------------------- the rules


@dataclass(frozen=True)
class Case:
    code: str
    id: str
    changes: tuple[tuple[str, str], ...]
    path: str  # where the finding stands
    anchor: str  # the text on the finding's line (after the changes)
    severity: str = "error"
    quotes: tuple[str, ...] = ()
    extra: frozenset[str] = field(default_factory=frozenset)  # other codes the change sets off


CASES = [
    Case(
        "undertaking-period",
        "end-before-start",
        (("  end: 2028-02-29", "  end: 2027-02-28"),),
        "period.end",
        "  end: 2027-02-28",
        quotes=("2027-02-28", "2027-03-01"),
    ),
    Case(
        "undertaking-period",
        "letter-after-end",
        (("  date: 2027-02-20", "  date: 2028-03-01"),),
        "letter.date",
        "  date: 2028-03-01",
        quotes=("2028-03-01", "2028-02-29"),
    ),
    Case(
        "fault-timeline",
        "response-not-before-recovery",
        (("  response: 1h", "  response: 6h"),),
        "major_fault.response",
        "  response: 6h",
        quotes=("6小时",),
    ),
    Case(
        "fault-timeline",
        "report-before-response",
        (("  initial: 2h", "  initial: 30min"),),
        "regulator.initial",
        "  initial: 30min",
        quotes=("30分钟", "1小时"),
    ),
    Case(
        "fault-report-timing",
        "report-after-recovery",
        (("  initial: 2h", "  initial: 8h"),),
        "regulator.initial",
        "  initial: 8h",
        "warning",
        ("8小时", "6小时"),
    ),
    Case(
        "fault-report-timing",
        "notice-after-recovery",
        (("  user_notice: 2h", "  user_notice: 12h"),),
        "major_fault.user_notice",
        "  user_notice: 12h",
        "warning",
        ("12小时", "6小时"),
    ),
    Case(
        "complaint-reply",
        "reply-after-resolve",
        (("  reply: 48h", "  reply: 20d"),),
        "complaints.reply",
        "  reply: 20d",
        quotes=("20日", "15日"),
    ),
    Case(
        "disclosure-interval",
        "no-whole-year",
        (("    every: quarter", "    every: year"),),
        "disclosures[1].every",
        "    every: year",
        quotes=("自然年度",),
    ),
    Case(
        "disclosure-interval",
        "within-too-long",
        (("    within: 10d", "    within: 31d"),),
        "disclosures[0].within",
        "    within: 31d",
        quotes=("31日", "28"),
    ),
    Case(
        "uptime-target",
        "hundred",
        (("  target: 99.95%", "  target: 100%"),),
        "availability.target",
        "  target: 100%",
        "warning",
        ("100%",),
    ),
    Case(
        "department-contact",
        "no-phone",
        (("  phone: 0571-86001888\n", ""),),
        "department",
        "department:",
        quotes=("联系电话", "服务质量与合规部"),
    ),
    Case(
        "public-signers",
        "client-signs",
        (
            (
                "    name: 陈思远\n",
                "    name: 陈思远\n  - role: 局长\n    name: 王明\n    party: client\n",
            ),
        ),
        "signatories[1].party",
        "    party: client",
        quotes=("王明",),
    ),
    Case(
        "public-signers",
        "acknowledgement",
        (("addressee: regulator", "addressee: regulator\nacknowledgement: true"),),
        "acknowledgement",
        "acknowledgement: true",
    ),
    Case(
        "liability-wording",
        "administrative-penalty",
        (
            (
                "  - 依法赔偿用户因本公司违反本承诺而遭受的损失",
                "  - 依法赔偿用户因本公司违反本承诺而遭受的损失\n  - 承担经济赔偿、行政处罚等法律责任",
            ),
        ),
        "liabilities[1]",
        "  - 承担经济赔偿、行政处罚等法律责任",
        "warning",
        ("行政处罚", "接受监管部门依法作出的处理"),
    ),
    Case(
        "credit-bands",
        "credit-not-rising",
        (("    credit: 25%", "    credit: 5%"),),
        "service_credits[1].credit",
        "    credit: 5%",
        quotes=("5%", "10%"),
    ),
    Case(
        "credit-bands",
        "first-above-target",
        (("  - below: 99.95%", "  - below: 99.99%"),),
        "service_credits[0].below",
        "  - below: 99.99%",
        quotes=("99.99%", "99.95%"),
    ),
    Case(
        "credit-bands",
        "below-not-falling",
        (("  - below: 99%", "  - below: 99.6%"),),
        "service_credits[2].below",
        "  - below: 99.6%",
        quotes=("99.6%", "99.5%"),
    ),
    # the shared legal rule: a forum in a letter only the undertaker signs binds no user
    Case(
        "one-sided-binding",
        "public-forum",
        (("signatories:\n", "disputes:\n  - forum: 杭州仲裁委员会\nsignatories:\n"),),
        "disputes[0].forum",
        "  - forum: 杭州仲裁委员会",
        "warning",
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[f"{k.code}:{k.id}" for k in CASES])
def test_rule_fails_at_its_path_and_line(tmp_path: Path, case: Case) -> None:
    path = _write(tmp_path, *case.changes)
    text = path.read_text(encoding="utf-8")
    found = findings(path)
    assert {d.code for d in found} == {case.code} | case.extra, [d.text() for d in found]
    mine = [d for d in found if d.code == case.code and dotted(d.path) == case.path]
    assert mine, [d.text() for d in found]
    d = mine[0]
    assert d.severity == case.severity == RULES[case.code].severity
    assert d.mark.file == str(path)
    assert d.mark.line == line_of(text, case.anchor, skip_blank=True), d.text()
    assert d.mark.column >= 1
    assert re.search(r"[\u4e00-\u9fff]", d.message)
    for q in case.quotes:
        assert q in d.message, (q, d.message)


def test_every_own_rule_has_a_failing_case() -> None:
    assert len(OWN) >= 3
    assert set(OWN) <= {k.code for k in CASES}


def test_example_and_scaffold_are_clean(tmp_path: Path) -> None:
    assert findings(EXAMPLE) == []
    path = tmp_path / "new.yaml"
    path.write_text(scaffold_text(KIND), encoding="utf-8")
    assert findings(path) == []


@pytest.mark.parametrize("code", OWN)
def test_rule_documentation_example_fires(code: str) -> None:
    """``letters rules CODE`` shows a verified example on the kind's starting spec."""
    info = explain.info(code)
    assert info.doc.base == KIND and re.search(r"[\u4e00-\u9fff]", info.doc.why)
    base = scaffold_text(KIND)
    assert explain.findings(base) == []
    after = explain.mutate(base, info.doc.changes)
    fired = [d for d in explain.findings(after) if d.code == code]
    assert fired and {d.severity for d in fired} == {info.severity}


def test_near_misses_pass(tmp_path: Path) -> None:
    """Boundaries that are allowed: report at the response time, reply equal to the resolve time,
    a first credit band at the target, a half-year cycle with one whole half inside the period."""
    path = _write(
        tmp_path,
        ("  initial: 2h", "  initial: 1h"),
        ("  reply: 48h", "  reply: 15d"),
        ("    within: 10d", "    within: 27d"),
        ("    every: quarter", "    every: half_year"),
    )
    assert findings(path) == []


# ----------------------------------------------------------------------------- derived figures


def test_availability_budgets_over_the_actual_days() -> None:
    fig = load(EXAMPLE).figures
    # 2027-03-01 … 2028-02-29: 2028 is a leap year, so the period has 366 days and a 29-day month
    assert fig.period_days == 366
    got = [(b.label, b.hours, b.downtime) for b in fig.budgets]
    # 744 h × 0.05% = 1,339.2 s, floored to whole seconds (downtime is counted in whole seconds)
    assert got == [
        ("31日的月份", Decimal(744), 1339),
        ("30日的月份", Decimal(720), 1296),  # 1,296 s exactly
        ("29日的月份", Decimal(696), 1252),  # 1,252.8 s
    ]
    assert all(type(b.downtime) is int for b in fig.budgets)
    assert [b.downtime_text for b in fig.budgets] == ["22分19秒", "21分36秒", "20分52秒"]


def test_yearly_budget_counts_the_leap_day(tmp_path: Path) -> None:
    path = _write(tmp_path, ("  period: month", "  period: year"))
    (b,) = load(path).figures.budgets
    assert b.label == "第一服务年度（2027年3月1日至2028年2月29日）"
    assert (b.hours, b.downtime) == (Decimal(8784), 15811)  # 366 × 24 h × 0.05% = 15,811.2 s
    assert (b.downtime_text, b.uptime_text) == ("4小时23分31秒", "8,779小时36分29秒")


def test_credit_bands_stand_for_downtime() -> None:
    credits = load(EXAMPLE).figures.credits
    assert [c.band.credit.value for c in credits] == [10, 25, 50]
    assert [b.downtime for b in credits[1].budgets] == [
        13392,
        12960,
        12528,
    ]  # 3.72 h, 3.6 h, 3.48 h
    assert [b.downtime for b in credits[2].budgets] == [26784, 25920, 25056]


def test_hms_text_reads_alike() -> None:
    assert [hms_text(s) for s in (12960, 13392, 1339, 25200, 0, 31606589)] == [
        "3小时36分",
        "3小时43分12秒",
        "22分19秒",
        "7小时",
        "0秒",
        "8,779小时36分29秒",
    ]


def test_disclosure_schedules() -> None:
    monthly, quarterly = load(EXAMPLE).figures.schedules
    assert (monthly.count, monthly.complete) == (12, 12)
    assert (monthly.first_due, monthly.last_due) == (dt.date(2027, 4, 10), dt.date(2028, 3, 10))
    # March 2027 and January–February 2028 are the broken quarters at either end
    assert (quarterly.count, quarterly.complete) == (5, 3)
    assert (quarterly.first_due, quarterly.last_due) == (dt.date(2027, 4, 15), dt.date(2028, 3, 15))


def test_cycles_clip_to_the_period() -> None:
    got = cycles(dt.date(2027, 3, 15), dt.date(2027, 12, 31), 6)
    assert got == [
        (dt.date(2027, 3, 15), dt.date(2027, 6, 30), False),
        (dt.date(2027, 7, 1), dt.date(2027, 12, 31), True),
    ]


# ----------------------------------------------------------------------------- schema


def test_example_validates_against_the_kind_schema() -> None:
    kind_schema = schema(KIND)
    json.dumps(kind_schema, ensure_ascii=False)
    v = Draft202012Validator(kind_schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    for text in (_text(), scaffold_text(KIND)):
        assert [e.message for e in v.iter_errors(editor_view(text))] == []
    wrong = editor_view(_text())
    assert isinstance(wrong, dict)
    wrong["complaints"] = {**wrong["complaints"], "reply": "soon"}
    assert list(v.iter_errors(wrong))


# ----------------------------------------------------------------------------- the letter


def test_docx_says_what_the_spec_says() -> None:
    d = open_docx(EXAMPLE)
    paras, tables = docx_text(d)
    body = "\n".join(paras)
    assert paras[0] == "服务水平公开承诺书"
    assert "承诺方：杭州澄湖云算科技有限公司" in body
    assert "91330110MA2KC7H3LA" in body
    assert "致：浙江省通信管理局" in paras
    assert paras.index("致：浙江省通信管理局") < next(
        i for i, p in enumerate(paras) if p.startswith("承诺方：")
    )
    assert (
        "承诺方杭州澄湖云算科技有限公司（以下简称“本公司”）为规范本公司提供政务云及公共云服务的行为"
        in body
    )
    assert (
        "消费者权益保护法" not in body
        and "《中华人民共和国数据安全法》《中华人民共和国个人信息保护法》" in body
    )
    assert "2027年3月1日至2028年2月29日" in body
    # availability and its downtime budgets over the actual days
    assert "可用性均不低于99.95%" in body
    # 考核周期 is defined where it is first used
    assert body.index("考核周期") == body.index("（每个自然月以下简称“考核周期”）") + len(
        "（每个自然月以下简称“"
    )
    assert "（考核周期的总时长－不可用时间）÷考核周期的总时长" in body and "日历小时数" not in body
    assert "本公司原因" not in body and "基础电信业务经营者" in body and "不可抗力" in body
    assert "依前款公告的计划性维护" in body and "按约定" not in body
    assert (
        "31日的月份22分19秒，30日的月份21分36秒，29日的月份20分52秒（不可用时间的上限按整秒取值，不足1秒的尾数舍去）"
        in body
    )
    assert not re.search(r"\d\.\d+秒", body) and "分钟" not in "".join(
        c for t in tables for r in t for c in r
    )
    # major fault, regulator, complaints
    assert "1小时内启动应急响应，6小时内恢复服务" in body
    assert "2小时内向浙江省通信管理局报告" in body and "10日内提交书面处置报告" in body
    assert "自收到投诉之时起48小时内答复" in body and "自收到投诉之日起15日内办结" in body
    # responsible department with complete contact
    assert "询问和意见；负责人：周雅琴，联系电话：0571-86001888，电子邮箱：" in body
    assert "compliance@chenghu-cloud.example.cn" in body
    # disclosures with their computed schedules
    assert (
        "就承诺期间内的各月共公开12次，首次不迟于2027年4月10日发布，末次不迟于2028年3月10日发布"
        in body
    )
    assert (
        "就承诺期间内的各季度及上述不足一个完整季度的期间共公开5次，首次不迟于2027年4月15日发布，"
        "末次不迟于2028年3月15日发布"
    ) in body
    # the last disclosures fall due after the period ends: the letter says they survive it
    assert "承诺期间届满后，本公司就承诺期间内发生的事项，仍按本承诺书" in body
    assert "在承诺期间届满后才到期的信息公开和书面报告，本公司仍按期发布、提交" in body
    assert "本公司未履行本承诺书所作承诺的，承担下列责任：" in body
    # the credit table
    table, signature = tables  # the signature block is laid out as a table
    assert table[0] == ["当期服务可用性", "对应的不可用时间", "抵扣比例"]
    assert [row[0] for row in table[1:]] == [
        "低于99.95%\n但不低于99.5%",
        "低于99.5%\n但不低于99%",
        "低于99%",
    ]
    assert [row[2] for row in table[1:]] == ["10%", "25%", "50%"]
    # both bounds of downtime in every band but the last, in whole seconds
    assert table[1][1].splitlines()[0] == "31日的月份：超过22分19秒，不超过3小时43分12秒"
    assert "30日的月份：超过3小时36分，不超过7小时12分" in table[2][1]
    assert table[3][1].splitlines()[2] == "29日的月份：超过6小时57分36秒"
    # liabilities: the regulator's handling, never a self-imposed penalty
    assert "接受浙江省通信管理局等监管部门依法作出的处理。" in body
    assert "行政处罚" not in body and "罚款" not in body
    # a unilateral letter: nothing binds the addressee, no forum
    assert "双方" not in body and "仲裁" not in body and "接收方" not in body
    # 特此承诺 closes the body, then the annexes, then the undertaker's signature alone
    close, annex = paras.index("特此承诺。"), paras.index("附件：")
    assert close < annex
    assert any("澄湖云平台服务等级说明" in p for p in paras[annex:])
    (cell,) = [c for row in signature for c in row]
    assert cell.startswith("承诺方（盖章）：杭州澄湖云算科技有限公司")
    assert "法定代表人：陈思远" in cell and "签字：" in cell
    assert cell.count("（盖章）") == 1  # the addressee neither seals nor signs
    assert "2027年2月20日" in paras[annex:]
    assert d.core_properties.subject == "浙江省通信管理局"
    assert d.core_properties.author == "杭州澄湖云算科技有限公司"


def _markdown(path: Path) -> str:
    out = letters.render(path, to="md")
    assert isinstance(out, str)
    return out


def test_optional_parts_leave_no_gaps(tmp_path: Path) -> None:
    text = _text()
    lean = re.sub(r"\nservice_credits:\n(?:  .*\n)+", "\n", text)
    lean = re.sub(r"\nliabilities:\n(?:  .*\n)+", "\n", lean)
    lean = re.sub(r"\nannexes:\n(?:  .*\n)+", "\n", lean)
    lean = re.sub(r"\nbasis:\n(?:  .*\n)+", "\n", lean)
    lean = lean.replace("  user_notice: 2h\n", "").replace("  head: 周雅琴\n", "")
    lean = lean.replace("  maintenance_allowance: 2h\n", "").replace(
        "  users: 澄湖云平台注册用户\n", ""
    )
    path = tmp_path / "lean.yaml"
    path.write_text(lean, encoding="utf-8")
    assert findings(path) == []
    md = _markdown(path)
    headings = re.findall(r"^## (.+)$", md, re.M)
    assert [h.split("、")[0] for h in headings] == ["一", "二", "三", "四", "五", "六"]
    assert "抵扣" not in md and "附件" not in md and "依据" not in md and "负责人" not in md
    assert "计划性维护的时间计入不可用时间" in md
    lines = [ln for ln in md.splitlines() if ln.strip()]
    for here, after in zip(lines, [*lines[1:], ""], strict=True):  # no heading without a body
        if here.startswith("## "):
            assert after and not after.startswith("## "), here
        elif here.startswith("### "):
            assert after and not after.startswith("#"), here
    items = re.findall(r"^(\d+)\. ", md.split("## 五、")[1].split("## 六、")[0], re.M)
    assert items == ["1"]  # only the regulator's handling is left, numbered from 1
    assert "特此承诺。" in md and md.index("特此承诺。") < md.index("承诺方（盖章）")


def test_markdown_typography() -> None:
    md = _markdown(EXAMPLE)
    assert not re.search(r"[\u4e00-\u9fff][,;:()?!]|[,;:()?!][\u4e00-\u9fff]", md)
    assert not re.search(r"\d天", md)  # 日, not 天
    assert "–" not in md
    assert "（以下简称“用户”）" in md and md.count("以下简称“用户”") == 1
