"""The continuity kind's issue-11 additions: fault ladder, exclusions, remedies, confidentiality,
legal basis and counterparts.

Every new rule fires at the right path and line on a one-place mutation of the project's own
example (``contracts/continuity.yaml``, warning-free) and is silent on it and on the acceptance
spec; the new derived figures are checked against hand-computed values; the DOCX the pipeline
writes is read back with python-docx.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import kindkit
import pytest
from kindkit import docx_text, findings, line_of

import letters
from letters.contract import load
from letters.diagnostics import dotted

REPO = Path(__file__).resolve().parents[1]
OWN = REPO / "contracts" / "continuity.yaml"
ACCEPTANCE = Path(__file__).resolve().parents[2] / "shared" / "acceptance" / "continuity.yaml"
if not ACCEPTANCE.is_file():
    ACCEPTANCE = REPO / "tests" / "fixtures" / "acceptance" / "continuity.yaml"

NEW_CODES = {
    "fault-ladder",
    "fault-level-order",
    "exclusion-maintenance",
    "maintenance-budget",
    "force-majeure-notice",
    "remedy-reference",
    "remedy-exclusive",
    "confidentiality-date",
    "repealed-law",
    "core-scope",
}


def write_mutant(tmp_path: Path, *changes: tuple[str, str]) -> tuple[Path, str]:
    """Write the project's example with each (old, new) applied once; return the file and its text."""
    return kindkit.write_mutant(
        tmp_path, OWN.read_text(encoding="utf-8"), *changes, name="continuity.yaml"
    )


@dataclass(frozen=True)
class Case:
    id: str
    code: str
    changes: tuple[tuple[str, str], ...]
    path: str
    anchor: str  # unique text of the mutant on the line the finding points at
    quotes: tuple[str, ...] = ()
    extra: frozenset[str] = frozenset()  # other codes the mutation may also raise


CASES = [
    Case(
        "diagnose-before-respond",
        "fault-ladder",
        (("    diagnose: 1h", "    diagnose: 10min"),),
        "fault_levels[0].diagnose",
        "    diagnose: 10min",
        ("一级故障", "10分钟", "15分钟"),
    ),
    Case(
        "diagnose-equals-respond",
        "fault-ladder",
        (("    diagnose: 4h", "    diagnose: 30min"),),
        "fault_levels[1].diagnose",
        "    diagnose: 30min",
        ("二级故障", "30分钟"),
        frozenset({"fault-level-order"}),
    ),
    Case(
        "workaround-before-diagnose",
        "fault-ladder",
        (("    workaround: 12h", "    workaround: 3h"),),
        "fault_levels[1].workaround",
        "    workaround: 3h",
        ("3小时", "4小时"),
        frozenset({"fault-level-order"}),
    ),
    Case(
        "workaround-after-full-recovery",
        "fault-ladder",
        (("    workaround: 24h", "    workaround: 36h"),),
        "fault_levels[2].workaround",
        "    workaround: 36h",
        ("三级故障", "36小时", "24小时"),
    ),
    Case(
        "milder-level-faster",
        "fault-level-order",
        (("    respond: 2h", "    respond: 10min"),),
        "fault_levels[2].respond",
        "    respond: 10min",
        ("三级故障", "10分钟", "二级故障", "30分钟"),
    ),
    Case(
        "level-name-repeated",
        "fault-level-order",
        (("  - level: 三级故障", "  - level: 二级故障  # 重复"),),
        "fault_levels[2].level",
        "  - level: 二级故障  # 重复",
        ("二级故障",),
    ),
    Case(
        "maintenance-excluded-without-cap",
        "exclusion-maintenance",
        (
            (
                "  maintenance_allowance: 2h        # 每月经通知的计划性维护不超过2小时的部分不计入不可用时间\n",
                "",
            ),
        ),
        "availability.exclusions[0]",
        "    - planned_maintenance",
        ("maintenance_allowance",),
    ),
    Case(
        "maintenance-excluded-without-notice",
        "exclusion-maintenance",
        (("  maintenance_notice: 48h          # 计划性维护提前通知\n", ""),),
        "availability.exclusions[0]",
        "    - planned_maintenance",
        ("maintenance_notice",),
    ),
    Case(
        "cap-without-maintenance-exclusion",
        "exclusion-maintenance",
        (
            (
                "    - planned_maintenance          # 经通知的计划性维护，以 maintenance_allowance 为上限\n",
                "",
            ),
        ),
        "availability.maintenance_allowance",
        "  maintenance_allowance: 2h",
        ("2小时", "planned_maintenance"),
    ),
    Case(
        "maintenance-swallows-budget",
        "maintenance-budget",
        (("maintenance_allowance: 2h", "maintenance_allowance: 4h"),),
        "availability.maintenance_allowance",
        "  maintenance_allowance: 4h",
        ("4小时", "99.5%", "3小时21分36秒"),
    ),
    Case(
        "force-majeure-without-notice",
        "force-majeure-notice",
        (("  force_majeure_notice: 24h        # 不可抗力发生后通知接收方的期限\n", ""),),
        "availability.exclusions[1]",
        "    - force_majeure",
        ("force_majeure_notice",),
    ),
    Case(
        "termination-without-count",
        "remedy-reference",
        (("    occurrences: 3\n", ""),),
        "remedies[2]",
        "  - type: termination",
        ("重大违约", "occurrences"),
    ),
    Case(
        "termination-repeats-persistent",
        "remedy-reference",
        (
            (
                "    breaches: [major]\n    occurrences: 3",
                "    breaches: [persistent]\n    occurrences: 3",
            ),
        ),
        "remedies[2].breaches[0]",
        "    breaches: [persistent]",
        ("持续违约",),
    ),
    Case(
        "remedy-twice",
        "remedy-reference",
        (("  - type: substitute", "  - type: credit #dup"),),
        "remedies[1].type",
        "  - type: credit #dup",
        ("服务费抵扣",),
    ),
    Case(
        "count-on-credit",
        "remedy-reference",
        (
            (
                "    breaches: [minor, major, persistent]",
                "    breaches: [minor, major, persistent]\n    occurrences: 2",
            ),
        ),
        "remedies[0].occurrences",
        "    occurrences: 2",
        ("服务费抵扣",),
    ),
    Case(
        "persistent-undefined",
        "remedy-reference",
        (
            (
                "  persistent:                      # 连续 months 个月未达标\n    months: 3\n"
                "    rate: 30%                      # 年度服务总额的比例\n",
                "",
            ),
            ("    breaches: [minor, major, persistent]", "    breaches: [minor, persistent]"),
        ),
        "remedies[0].breaches[1]",
        "    breaches: [minor, persistent]",
        ("服务费抵扣", "penalties.persistent"),
    ),
    Case(
        "exclusive-with-substitute",
        "remedy-exclusive",
        (("  cap: 40%", "  exclusive: true\n  cap: 40%"),),
        "remedies[1].type",
        "  - type: substitute",
        ("exclusive",),
    ),
    Case(
        "signed-after-letter",
        "confidentiality-date",
        (("  signed: 2026-11-15", "  signed: 2026-11-30"),),
        "confidentiality.signed",
        "  signed: 2026-11-30",
        ("2026-11-30", "2026-11-22"),
    ),
    Case(
        "sign-by-after-effective",
        "confidentiality-date",
        (("  signed: 2026-11-15", "  sign_by: 2027-02-01"),),
        "confidentiality.sign_by",
        "  sign_by: 2027-02-01",
        ("2027-02-01", "2027-01-01"),
    ),
    Case(
        "sign-by-before-letter",
        "confidentiality-date",
        (("  signed: 2026-11-15", "  sign_by: 2026-11-01"),),
        "confidentiality.sign_by",
        "  sign_by: 2026-11-01",
        ("2026-11-01", "2026-11-22"),
    ),
    Case(
        "signed-and-sign-by",
        "confidentiality-date",
        (("  signed: 2026-11-15", "  signed: 2026-11-15\n  sign_by: 2026-12-15"),),
        "confidentiality.sign_by",
        "  sign_by: 2026-12-15",
        ("2026-11-15", "2026-12-15"),
    ),
    Case(
        "contract-law",
        "repealed-law",
        (("  - 中华人民共和国网络安全法", "  - 中华人民共和国合同法"),),
        "legal_basis[0]",
        "  - 中华人民共和国合同法",
        ("中华人民共和国合同法",),
    ),
    Case(
        "guarantee-law-in-brackets",
        "repealed-law",
        (("  - 中华人民共和国数据安全法", "  - 《担保法》"),),
        "legal_basis[1]",
        "  - 《担保法》",
        ("担保法",),
    ),
    Case(
        "core-outside-scope",
        "core-scope",
        (("  core: [云主机托管, 数据库运维]", "  core: [云主机托管, 网络接入]"),),
        "service.core[1]",
        "  core: [云主机托管, 网络接入]",
        ("网络接入", "云主机托管、数据库运维、备份与恢复、安全监控"),
    ),
    Case(
        "core-repeated",
        "core-scope",
        (("  core: [云主机托管, 数据库运维]", "  core: [云主机托管, 云主机托管]"),),
        "service.core[1]",
        "  core: [云主机托管, 云主机托管]",
        ("云主机托管",),
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[f"{k.code}:{k.id}" for k in CASES])
def test_rule_fires_at_path_and_line(tmp_path: Path, case: Case) -> None:
    path, text = write_mutant(tmp_path, *case.changes)
    found = findings(path)
    mine = [d for d in found if d.code == case.code]
    assert [dotted(d.path) for d in mine] == [case.path], [d.text() for d in found]
    (d,) = mine
    assert d.mark.line == line_of(text, case.anchor, skip_blank=True)
    for q in case.quotes:
        assert q in d.message, (q, d.message)
    assert {x.code for x in found} - {case.code} <= case.extra, [x.text() for x in found]


def test_every_new_rule_has_a_case() -> None:
    assert {k.code for k in CASES} == NEW_CODES


def test_example_and_acceptance_are_silent() -> None:
    assert findings(OWN) == []
    acc = findings(ACCEPTANCE)
    assert [(d.code, dotted(d.path)) for d in acc] == [  # its findings as written, nothing new
        ("penalty-window", "penalties.minor.rate"),
        ("penalty-window", "penalties.persistent.quarters"),
    ]


NEAR_MISSES = [
    ("allowance-within-budget", (("maintenance_allowance: 2h", "maintenance_allowance: 3h"),)),
    ("workaround-equals-full", (("    workaround: 24h", "    workaround: 1d"),)),
    ("equal-times-across-levels", (("    respond: 2h", "    respond: 30min"),)),
    ("civil-code-listed", (("  - 中华人民共和国网络安全法", "  - 中华人民共和国民法典"),)),
    ("sign-by-on-effective-day", (("  signed: 2026-11-15", "  sign_by: 2027-01-01"),)),
    ("signed-on-letter-day", (("  signed: 2026-11-15", "  signed: 2026-11-22"),)),
    (
        "no-exclusion-list",
        (
            (
                "  exclusions:                      # 不计入不可用时间的情形（其余中断一律计入）\n"
                "    - planned_maintenance          # 经通知的计划性维护，以 maintenance_allowance 为上限\n"
                "    - force_majeure                # 不可抗力\n"
                "    - client_caused                # 接收方原因\n",
                "",
            ),
        ),
    ),
]


@pytest.mark.parametrize(("name", "changes"), NEAR_MISSES, ids=[n for n, _ in NEAR_MISSES])
def test_near_misses_pass(tmp_path: Path, name: str, changes: tuple[tuple[str, str], ...]) -> None:
    path, _text = write_mutant(tmp_path, *changes)
    assert [d.text() for d in findings(path)] == []


# ---------------------------------------------------------------- derived figures


def test_figures_of_the_example() -> None:
    fig = load(OWN).figures
    # 99.5% of a month leaves 0.5% of its hours; plus the 2 hours of maintenance that do not count
    assert fig.maintenance_hours == Decimal(2)
    limits = {b.label: limit for b, limit in fig.stop_limits}
    assert limits == {
        "31日的月份": Decimal("5.72"),  # 744h × 0.5% = 3.72h, + 2h
        "30日的月份": Decimal("5.6"),  # 720h × 0.5% = 3.6h
        "29日的月份": Decimal("5.48"),  # 696h × 0.5%
        "28日的月份": Decimal("5.36"),  # 672h × 0.5%
    }
    assert fig.confidential_until == _dt.date(2032, 12, 31)  # expires 2029-12-31 + 3 years
    assert (fig.copies, fig.copies_provider, fig.copies_client) == (4, 2, 2)


def test_figures_per_year_and_leap_day(tmp_path: Path) -> None:
    path, _ = write_mutant(
        tmp_path,
        ("  period: month", "  period: year"),
        ("  expires: 2029-12-31", "  expires: 2028-02-29"),
        ("  survival_years: 3", "  survival_years: 1"),
        (
            "counterparts:                      # 份数：一式四份，双方各执两份\n  provider: 2\n  client: 2\n",
            "",
        ),
    )
    fig = load(path).figures
    limits = [(b.label, limit) for b, limit in fig.stop_limits]
    # 2027: 8,760h × 0.5% = 43.8h + 2h; 2028-01-01..02-29: 60 days = 1,440h × 0.5% = 7.2h + 2h
    assert limits == [("2027年度", Decimal("45.8")), ("2028年度", Decimal("9.2"))]
    assert fig.confidential_until == _dt.date(2029, 2, 28)  # no 29 February in 2029
    assert (fig.copies, fig.copies_provider, fig.copies_client) == (2, 1, 1)  # the default


def test_figures_without_the_new_parts() -> None:
    fig = load(ACCEPTANCE).figures
    assert fig.stop_limits is None and fig.maintenance_hours is None
    assert fig.confidential_until is None
    assert fig.copies == 2


# ---------------------------------------------------------------- the letter


def test_docx_says_what_the_spec_says() -> None:
    paras, tables = docx_text(OWN)
    text = "\n".join(paras)
    ladder = next(t for t in tables if t[0][0] == "故障等级")
    assert ladder == [
        ["故障等级", "判定标准", "故障响应时间", "初步诊断时限", "临时解决方案时限"],
        ["一级故障", "核心服务中断，或者核心功能不可用", "15分钟内", "1小时内", "4小时内"],
        [
            "二级故障",
            "核心服务性能明显下降，或者非核心功能不可用",
            "30分钟内",
            "4小时内",
            "12小时内",
        ],
        ["三级故障", "个别功能异常，不影响业务连续运行", "2小时内", "8小时内", "24小时内"],
    ]
    headings = [p for p in paras if re.match(r"^[一二三四五六七八九十]+、", p)]
    assert headings == [
        "一、承诺背景",
        "二、承诺内容",
        "三、故障分级处理",
        "四、实施计划",
        "五、保障措施",
        "六、违约责任",
        "七、争议解决",
        "八、通知与送达",
        "九、附则",
    ]
    for phrase in (
        "依据《中华人民共和国民法典》《中华人民共和国网络安全法》《中华人民共和国数据安全法》及主协议的约定",
        "不可用时间，指核心服务不能正常访问或者使用的累计时间",
        "除下列时间外，核心服务不能正常访问或者使用的时间均计入不可用时间",
        "累计不超过2小时的部分（据此，不可用时间与该部分维护合计，31日的月份不超过5小时43分12秒，"
        "30日的月份不超过5小时36分钟，29日的月份不超过5小时28分48秒，28日的月份不超过5小时21分36秒）；",
        "自不可抗力发生之时起24小时内书面通知接收方",
        "并在合理期限内提供证明",
        "因接收方原因造成的中断",
        "具体按双方于2026年11月15日签订的《数据保密协议》（编号：BM-2026-0107）执行",
        "自主协议终止（含提前终止）之日起3年内持续有效（按主协议约定的期满日计，至2032年12月31日）",
        "分3级处理服务故障",
        "先按其中较严重的等级处理",
        "提供临时解决方案不免除承诺方彻底排除故障的义务",
        "承诺方因轻微违约、重大违约或者持续违约应支付的违约金，接收方有权从应付承诺方的服务费中直接抵扣",
        "发生重大违约，承诺方自收到接收方书面催告之日起合理期限内仍未恢复服务的",
        "该费用不是违约金，不计入违约金的累计上限",
        "一个服务年度内发生重大违约累计达到3次的，接收方有权书面通知承诺方解除主协议",
        "本承诺书一式四份，双方各执两份，具有同等法律效力。",
        "4,250.00元（大写：人民币肆仟贰佰伍拾元整）",
    ):
        assert phrase in text, phrase
    # the exclusions are a nested list (（1）…（3）) inside item 1; the outer numbering continues
    joined = "\n".join(paras)
    assert "因承诺方原因不能正常访问" not in joined  # the exclusions are the exhaustive list now
    sig = tables[-1]
    assert "承诺方（盖章）" in sig[0][0] and "杭州云栖数据服务有限公司" in sig[0][0]
    assert "接收方（盖章）" in sig[0][1] and "刘晓东" in sig[0][1]


def test_markdown_numbering_and_nesting() -> None:
    md = letters.render(OWN, to="md")
    assert isinstance(md, str)
    content = md.split("## 二、承诺内容")[1].split("## 三、")[0]
    items = re.findall(r"^(\d+)\. \*\*(.+?)\*\*", content, re.M)
    assert items == [
        ("1", "服务可用性"),
        ("2", "性能指标"),
        ("3", "数据安全"),
        ("4", "保密义务"),
        ("5", "故障恢复"),
        ("6", "客户支持"),
    ]
    nested = re.findall(r"^\s+- （(\d)）(.{6})", content, re.M)
    assert nested == [("1", "按约定通知的"), ("2", "因不可抗力造"), ("3", "因接收方原因")]
    remedies = md.split("## 六、违约责任")[1].split("## 七、")[0]
    labels = re.findall(r"^\d+\. \*\*(.+?)\*\*", remedies, re.M)
    assert labels == [
        "轻微违约",
        "重大违约",
        "持续违约",
        "累计上限",
        "服务费抵扣",
        "替代履行",
        "解除主协议",
        "违约金的性质",
    ]


def test_acceptance_letter_keeps_its_shape() -> None:
    md = letters.render(ACCEPTANCE, to="md")
    assert isinstance(md, str)
    for gone in (
        "故障分级处理",
        "保密义务",
        "服务费抵扣",
        "替代履行",
        "除下列时间外",
        "网络安全法",
    ):
        assert gone not in md, gone
    assert "指核心服务因承诺方原因不能正常访问或者使用的累计时间" in md
    assert "本承诺书一式两份，双方各执一份，具有同等法律效力。" in md


def test_single_level_and_unsigned_confidentiality(tmp_path: Path) -> None:
    """One fault level reads as one ladder; an agreement still to be signed gets a deadline."""
    text = OWN.read_text(encoding="utf-8")
    start = text.index("  - level: 二级故障")
    end = text.index("\nsupport:")
    path = tmp_path / "one.yaml"
    text = text[:start] + text[end + 1 :]
    text = text.replace("  signed: 2026-11-15", "  sign_by: 2026-12-31")
    for line in (
        "    - force_majeure                # 不可抗力\n",
        "  force_majeure_notice: 24h        # 不可抗力发生后通知接收方的期限\n",
    ):
        assert text.count(line) == 1
        text = text.replace(line, "")
    path.write_text(text, encoding="utf-8")
    assert findings(path) == []
    md = letters.render(path, to="md")
    assert isinstance(md, str)
    assert "承诺方处理服务故障的时限如下表所示：" in md and "分1级" not in md
    assert "双方应于2026年12月31日前签订《数据保密协议》" in md
    assert "不可抗力" not in md.split("## 三、")[0].split("除下列时间外")[1]
    assert "（2）因接收方原因造成的中断" in md


# ---------------------------------------------------------------- the lawyer's review (2026-11-30)


def _md(path: Path) -> str:
    md = letters.render(path, to="md")
    assert isinstance(md, str)
    return md


def _section(md: str, heading: str) -> str:
    return md.split(heading)[1].split("\n## ")[0]


def test_terms_are_defined_before_use() -> None:
    md = _md(OWN)
    content = _section(md, "、承诺内容")
    for term in (
        "核心服务",
        "非核心服务",
        "服务年度",
        "故障",
        "服务中断",
        "受理渠道",
        "故障发生时间",
        "考核周期",
    ):
        defined = re.search(f"(所称|“){term}”", content)
        assert defined, term
        before = md[: md.index("## 二、承诺内容")] + content[: defined.start()]
        # nothing before the definition uses the term on its own (核心服务 inside 非核心服务 is fine)
        assert not re.search(
            f"(?<![非“]){term}(?![”])",
            before.split("## 一、承诺背景")[1].replace("核心业务系统", ""),
        ), term
    assert (
        "本承诺书所称“核心服务”，指云主机托管、数据库运维；“非核心服务”，指服务范围内核心服务以外的其他服务，即备份与恢复、安全监控。"
        in content
    )
    assert "核心服务在每个自然月（以下简称“考核周期”）的可用性不低于99.5%" in content
    assert "复杂问题" not in md and "首次响应" not in md


def test_one_clock_and_named_channels() -> None:
    md = _md(OWN)
    content = _section(md, "、承诺内容")
    assert (
        "接收方可以通过工单系统（support.yunqi-data.example.cn）、服务热线0571-88886688（以下简称“受理渠道”）"
        in content
    )
    assert "电话报告的以接通之时为准" in content
    assert (
        "监控系统未记录该故障，或者记录的时间晚于接收方通过受理渠道报告该故障之时的，以报告之时为准。"
        "本承诺书约定的故障与服务中断的各项时限，均自故障发生时间起算。"
    ) in content
    assert "自故障发生时间起算至服务恢复之时止" in content
    assert (
        "承诺方应自故障发生时间起30分钟内启动应急预案，4小时内恢复核心功能，24小时内全面恢复服务"
        in content
    )
    assert "表中各项时限，均自故障发生时间起算。" in _section(md, "、故障分级处理")
    for old in ("以较早者为准", "自中断发生之时", "启动应急响应"):
        assert old not in md, old


def test_response_standards_are_distinct_and_named_in_the_minor_breach() -> None:
    md = _md(OWN)
    content = _section(md, "、承诺内容")
    assert (
        "非核心服务的业务响应时间不超过2小时；业务响应时间，指非核心服务自收到接收方的业务请求之时起"
        in content
    )
    assert (
        "首次答复时间不超过15分钟；首次答复时间，指自接收方通过受理渠道提出技术咨询或者服务请求之时起，"
        "至承诺方技术人员（而非系统自动回复）首次答复接收方之时止的时间"
    ) in content
    assert "故障报告按本承诺书“故障分级处理”部分约定的故障响应时间处理" in content
    assert (
        "自接收方提出该问题之时起1个工作日内将其升级至高级技术人员处理，并告知接收方；工作日，指国家规定的工作日。"
        in content
    )
    assert (
        "数据传输延迟控制在50毫秒以内；数据传输延迟，指自接收方北京数据中心出口至核心服务接入点的网络往返时延，"
        "由承诺方监控系统每分钟测量一次，按每个考核周期内全部测量值的第95百分位数计。"
    ) in content
    penalties = _section(md, "、违约责任")
    assert (
        "一个考核周期内发生下列情形之一的，构成轻微违约：（1）核心服务的可用性低于99.5%；"
        "（2）非核心服务的业务响应时间超过2小时；（3）首次答复时间超过15分钟；"
        "（4）故障响应时间超过本承诺书“故障分级处理”部分所列时限。"
    ) in penalties
    assert "按一次计算" in penalties


def test_loss_share_cap_and_persistent_breach_cohere() -> None:
    penalties = _section(_md(OWN), "、违约责任")
    assert "并赔偿接收方因该次服务中断遭受的直接经济损失的50%。" in penalties
    assert "另行赔偿" not in penalties
    assert "该上限仅适用于违约金，不适用于本条约定的损失赔偿。" in penalties
    assert (
        "重大违约适用本条“重大违约”项的专门约定：承诺方支付该项违约金并赔偿直接经济损失的50%后，"
        "接收方不得就同一次服务中断另行要求赔偿损失，但本条“替代履行”项约定的费用以及承诺方故意或者重大过失造成的损失除外。"
    ) in penalties
    assert (
        "核心服务的可用性连续3个月低于本承诺书“服务可用性”项约定的99.5%的，承诺方应按年度服务总额的30%"
        in penalties
    )
    assert "接收方不论是否解除主协议，均有权要求支付该违约金" in penalties
    assert "已计入一次持续违约的考核周期，不再计入另一次持续违约" in penalties


def test_early_termination_is_covered() -> None:
    md = _md(OWN)
    assert (
        "本承诺书有效期至主协议终止（含提前终止）之日止；主协议按约定期满终止的，即至2029年12月31日止。"
        in md
    )
    assert "（即至" not in md and "终止之日（" not in md


def test_fallbacks_without_the_new_fields() -> None:
    """The acceptance spec has no core list, channels or latency measure: the letter still defines its terms."""
    md = _md(ACCEPTANCE)
    content = _section(md, "、承诺内容")
    assert "本承诺书所称“核心服务”与“非核心服务”，按主协议的约定划分。" in content
    assert (
        "接收方可以通过承诺方的联系电话0571-88886666或者本承诺书“通知与送达”部分所列联系方式（以下简称“受理渠道”）"
        in content
    )
    assert "核心服务在每一服务年度（以下简称“考核周期”）" in content
    assert "数据传输延迟控制在50毫秒以内。" in content
    penalties = _section(md, "、违约责任")
    assert "（3）首次答复时间超过15分钟。" in penalties  # no fault table: three cases
    assert "故障分级处理" not in md
    assert "核心服务的可用性连续3个季度低于" in penalties
    assert "。重大违约适用" in penalties and "替代履行" not in penalties


def test_exclusive_and_business_hours(tmp_path: Path) -> None:
    path, _ = write_mutant(
        tmp_path,
        ("  cap: 40%", "  exclusive: true\n  cap: 40%"),
        (
            "  - type: substitute               # 替代履行：接收方可委托第三方补救，合理费用由承诺方承担\n"
            "    breaches: [major]\n",
            "",
        ),
        ("  coverage: 7x24", "  coverage: business_hours"),
    )
    assert findings(path) == []
    md = _md(path)
    assert (
        "违约金及本条“重大违约”项约定的损失赔偿是接收方就服务未达标可获得的全部救济，解除权除外。"
        in md
    )
    content = _section(md, "、承诺内容")
    assert "在国家规定的工作日9:00至18:00通过受理渠道受理" in content
    assert "在上述时段以外提出的，自其后第一个工作日9:00起算" in content
    assert "工作日，指国家规定的工作日" not in content  # said once, in the support hours
