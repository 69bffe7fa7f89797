"""The ``quality-standard`` kind (质量标准承诺书): rules, derived figures, the letter it writes.

Every rule of the kind fails at its path and line on a one-place mutation of the example
``contracts/quality-standard.yaml`` and is silent on the example and the scaffold; the figures
are checked against hand-computed values; the DOCX is reopened with python-docx and must say
what the spec says (parties, standards, indicators, the self-check calendar, amounts with 大写,
counterparts, signatures), with every standard number kept in one unbreakable piece.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import zipfile
from decimal import Decimal
from pathlib import Path

import docx
import pytest
import yaml
from jsonschema import Draft202012Validator
from kindkit import editor_view, findings, line_of, write_mutant

import letters
from letters import explain, json_schema
from letters.contract import load
from letters.diagnostics import dotted
from letters.kinds import get
from letters.kinds.quality_standard.figures import add_months, figures, parse_target, periods
from letters.scaffold import scaffold_text

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "contracts" / "quality-standard.yaml"
TEXT = EXAMPLE.read_text(encoding="utf-8")
KIND = get("quality-standard")
CODES = [r.code for r in KIND.rules]


def write(tmp_path: Path, *changes: tuple[str, str], base: str = TEXT) -> tuple[Path, str]:
    """Write the example with each (old, new) applied; *old* must occur exactly once."""
    return write_mutant(tmp_path, base, *changes, name="quality-standard.yaml")


# ------------------------------------------------------------------ the example and the scaffold


def test_example_is_clean() -> None:
    assert [d.text() for d in findings(EXAMPLE)] == []


def test_scaffold_is_clean(tmp_path: Path) -> None:
    path = tmp_path / "s.yaml"
    path.write_text(scaffold_text("quality-standard"), encoding="utf-8")
    assert [d.text() for d in findings(path)] == []


def test_kind_has_at_least_three_rules_of_its_own() -> None:
    assert len(CODES) >= 3
    assert CODES == [
        "standard-code",
        "indicator-standard",
        "standard-unused",
        "indicator-target",
        "indicator-maintenance",
        "self-check-interval",
        "rectification-period",
        "quality-validity",
        "quality-counterparts",
        "quality-penalty-terms",
        "quality-penalty-cap",
    ]


# ------------------------------------------------------------------ every rule fails where it should

# (id, code, changes, dotted path, anchor of the expected line, severity, quoted values, other codes)
CASES = [
    (
        "no-year",
        "standard-code",
        (
            ("  - code: GB 50174-2017\n", "  - code: GB 50174\n"),
            ("    standard: GB 50174-2017", "    standard: GB 50174"),
        ),
        "standards[4].code",
        "  - code: GB 50174\n",
        "error",
        ("GB 50174",),
        set(),
    ),
    (
        "lower-case",
        "standard-code",
        (
            ("  - code: GB 50174-2017\n", "  - code: gb 50174-2017\n"),
            ("    standard: GB 50174-2017", "    standard: gb 50174-2017"),
        ),
        "standards[4].code",
        "  - code: gb 50174-2017\n",
        "error",
        ("gb 50174-2017",),
        set(),
    ),
    (
        "future-year",
        "standard-code",
        (
            ("  - code: GB 50174-2017\n", "  - code: GB 50174-2027\n"),
            ("    standard: GB 50174-2017", "    standard: GB 50174-2027"),
        ),
        "standards[4].code",
        "  - code: GB 50174-2027\n",
        "error",
        ("GB 50174-2027", "2027", "2026-12-15"),
        set(),
    ),
    (
        "undeclared",
        "indicator-standard",
        (("    standard: GB 50174-2017", "    standard: GB 50174-2018"),),
        "indicators[6].standard",
        "    standard: GB 50174-2018",
        "error",
        ("机房环境", "GB 50174-2018"),
        {"standard-unused"},
    ),
    (
        "declared-twice",
        "indicator-standard",
        (
            (
                "\nindicators:\n",
                "  - code: GB/T 19001-2016\n    title: 质量管理体系 要求（重复）\n\nindicators:\n",
            ),
        ),
        "standards[5].code",
        "  - code: GB/T 19001-2016\n    title: 质量管理体系 要求（重复）",
        "error",
        ("GB/T 19001-2016", "第1项"),
        set(),
    ),
    (
        "unused",
        "standard-unused",
        (("    standard: GB 50174-2017", "    standard: GB/T 22239-2019"),),
        "standards[4].code",
        "  - code: GB 50174-2017",
        "warning",
        ("GB 50174-2017", "数据中心设计规范"),
        set(),
    ),
    (
        "over-100",
        "indicator-target",
        (("    target: ≥99.9%", "    target: ≥199.9%"),),
        "indicators[0].target",
        "",
        "error",
        ("服务可用率", "≥199.9%", "100%"),
        set(),
    ),
    (
        "no-comparator",
        "indicator-target",
        (("    target: ≥85%", "    target: 85%"),),
        "indicators[3].target",
        "",
        "error",
        ("工单一次解决率", "85%"),
        set(),
    ),
    (
        "no-unit",
        "indicator-target",
        (("    target: ≤4小时", "    target: ≤4"),),
        "indicators[2].target",
        "",
        "error",
        ("故障恢复时间", "≤4"),
        set(),
    ),
    (
        "not-a-number",
        "indicator-target",
        (("    target: ≤15分钟", "    target: 尽快"),),
        "indicators[1].target",
        "",
        "error",
        ("故障响应时间", "尽快"),
        set(),
    ),
    (
        "no-standard-no-target",
        "indicator-target",
        (("    standard: GB/T 22239-2019\n", ""),),
        "indicators[5].name",
        "  - name: 网络安全等级保护（第三级）",
        "error",
        ("网络安全等级保护（第三级）", "standard", "target"),
        {"standard-unused"},
    ),
    (
        "maintenance-without-notice",
        "indicator-maintenance",
        (("计划性维护应至少提前72小时书面通知接收方，经如此通知的", "经通知的"),),
        "indicators[0].method",
        "    method: 按自然月统计，服务可用率",
        "warning",
        ("服务可用率", "提前通知的期限", "经通知的计划性维护时间"),
        set(),
    ),
    (
        "maintenance-without-cap",
        "indicator-maintenance",
        (("每月累计不超过4小时的部分不计入不可用时间，超过部分以及", "不计入不可用时间，"),),
        "indicators[0].method",
        "    method: 按自然月统计，服务可用率",
        "warning",
        ("服务可用率", "每个统计周期不计入的上限"),
        set(),
    ),
    (
        "interval-as-long-as-validity",
        "self-check-interval",
        (("  interval: quarter", "  interval: year"), ("  end: 2028-12-31", "  end: 2027-12-31")),
        "self_check.interval",
        "",
        "error",
        ("每年", "2027-01-01", "2027-12-31", "12个月"),
        set(),
    ),
    (
        "report-after-next-period",
        "self-check-interval",
        (("  report_days: 10", "  report_days: 95"),),
        "self_check.report_days",
        "",
        "error",
        ("95日", "每季度", "90日"),
        set(),
    ),
    (
        "rectify-a-whole-quarter",
        "rectification-period",
        (("  days: 15", "  days: 90"),),
        "rectification.days",
        "",
        "error",
        ("90日", "每季度", "90日"),
        set(),
    ),
    (
        "ends-before-start",
        "quality-validity",
        (("  end: 2028-12-31", "  end: 2026-12-31"),),
        "validity.end",
        "",
        "error",
        ("2026-12-31", "2027-01-01"),
        set(),
    ),
    (
        "starts-before-agreement",
        "quality-validity",
        (("  start: 2027-01-01", "  start: 2026-12-01"),),
        "validity.start",
        "",
        "error",
        ("2026-12-01", "2027-01-01"),
        set(),
    ),
    (
        "ends-after-agreement",
        "quality-validity",
        (("  end: 2028-12-31", "  end: 2029-06-30"),),
        "validity.end",
        "",
        "error",
        ("2029-06-30", "2028-12-31"),
        set(),
    ),
    (
        "dated-after-validity",
        "quality-validity",
        (("  date: 2026-12-15", "  date: 2029-01-05"),),
        "letter.date",
        "",
        "error",
        ("2029-01-05", "2028-12-31"),
        {"date-order"},
    ),
    (
        "one-copy-two-signers",
        "quality-counterparts",
        (("copies: 2", "copies: 1"),),
        "copies",
        "",
        "error",
        ("2 方", "1 份"),
        set(),
    ),
    (
        "per-day-without-cap",
        "quality-penalty-terms",
        (("  late_cap: 30000.00", "  # late_cap: 30000.00"),),
        "penalty.per_day",
        "  per_day: 1000.00",
        "error",
        ("1,000.00元", "late_cap"),
        set(),
    ),
    (
        "cap-without-per-day",
        "quality-penalty-terms",
        (("  per_day: 1000.00", "  # per_day: 1000.00"),),
        "penalty.late_cap",
        "  late_cap: 30000.00",
        "error",
        ("30,000.00元", "per_day"),
        set(),
    ),
    (
        "no-amount",
        "quality-penalty-terms",
        (
            ("  per_item: 10000.00", "  # per_item: 10000.00"),
            ("  per_day: 1000.00", "  # per_day: 1000.00"),
            ("  late_cap: 30000.00", "  # late_cap: 30000.00"),
        ),
        "penalty",
        "penalty:\n",
        "error",
        ("per_item", "per_day"),
        set(),
    ),
    (
        "cap-below-item",
        "quality-penalty-cap",
        (("  cap: 200000.00", "  cap: 5000.00"),),
        "penalty.cap",
        "",
        "error",
        ("5,000.00元", "10,000.00元"),
        set(),
    ),
    (
        "cap-below-late-cap",
        "quality-penalty-cap",
        (("  cap: 200000.00", "  cap: 20000.00"),),
        "penalty.cap",
        "",
        "error",
        ("20,000.00元", "30,000.00元"),
        set(),
    ),
    (
        "late-cap-below-day",
        "quality-penalty-cap",
        (("  late_cap: 30000.00", "  late_cap: 500.00"),),
        "penalty.late_cap",
        "",
        "error",
        ("500.00元", "1,000.00元"),
        set(),
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[f"{c[1]}:{c[0]}" for c in CASES])
def test_rule_fails_at_its_path_and_line(tmp_path: Path, case: tuple) -> None:
    _id, code, changes, path_, anchor, severity, quotes, extra = case
    path, text = write(tmp_path, *changes)
    found = findings(path)
    assert {d.code for d in found} == {code} | extra, [d.text() for d in found]
    mine = [d for d in found if d.code == code and dotted(d.path) == path_]
    assert mine, [d.text() for d in found]
    d = mine[0]
    assert d.severity == severity
    assert d.mark.file == str(path)
    assert d.mark.line == line_of(text, anchor or changes[0][1], skip_blank=True), d.text()
    for q in quotes:
        assert q in d.message, (q, d.message)
    for _p, mark in d.related:
        assert mark.line >= 1


def test_every_rule_has_a_failing_case() -> None:
    assert {c[1] for c in CASES} == set(CODES)


@pytest.mark.parametrize(
    "changes",
    [
        (
            ("  days: 15", "  days: 89"),
        ),  # one day shorter than the shortest quarter (2027 Q1: 90 days)
        (("  report_days: 10", "  report_days: 89"),),
        (("  end: 2028-12-31", "  end: 2027-06-30"),),  # two quarters: two self-checks
        (("    target: ≥99.9%", "    target: ≤100%"),),
        (("    target: ≥99.9%", "    target: 不低于99.9%"),),
        (
            ("  - code: GB 50174-2017\n", "  - code: GB 50174-2026\n"),
            ("    standard: GB 50174-2017", "    standard: GB 50174-2026"),
        ),
        (
            ("  cap: 200000.00", "  cap: 30000.00"),
        ),  # cap equal to one item's late cap (and above per_item)
        (("  late_cap: 30000.00", "  late_cap: 1000.00"),),  # late cap equal to one day
        (("  per_item: 10000.00", "  # per_item: 10000.00"),),  # per-day only
        (
            ("  per_day: 1000.00", "  # per_day: 1000.00"),
            ("  late_cap: 30000.00", "  # late_cap: 30000.00"),
        ),  # per item only
        (
            ("至少提前72小时", "至少提前3个工作日"),
            ("每月累计不超过4小时的部分", "每月累计4小时以内的部分"),
        ),
        (
            ("    standard: GB/T 22239-2019\n", "    target: ≥1次\n"),
            ("  - code: GB/T 22239-2019\n    title: 信息安全技术 网络安全等级保护基本要求\n", ""),
        ),
    ],
    ids=[
        "rectify-89",
        "report-89",
        "two-quarters",
        "le-100",
        "words",
        "year-of-letter",
        "cap-equal",
        "late-cap-equal",
        "per-day-only",
        "per-item-only",
        "maintenance-other-words",
        "no-standard-with-target",
    ],
)
def test_near_misses_pass(tmp_path: Path, changes: tuple) -> None:
    path, _text = write(tmp_path, *changes)
    assert [d.text() for d in findings(path)] == []


def test_one_sided_letter_without_agreement_or_disputes_is_clean(tmp_path: Path) -> None:
    """Seed letter (4) as signed: the promisor alone, no main agreement, one copy to the client."""
    path, _text = write(
        tmp_path,
        ("  - role: 法定代表人\n    name: 沈国华\n    party: client\n", ""),
        ("disputes:\n  - forum: 宁波仲裁委员会\n", ""),
        (
            "agreement:\n  name: 数据中心托管与运行维护服务协议\n  number: HT-2026-1107\n"
            "  effective: 2027-01-01\n  expires: 2028-12-31\n",
            "",
        ),
        ("copies: 2", "copies: 1"),
    )
    assert [d.text() for d in findings(path)] == []
    md = letters.render(path, to="md")
    assert "主协议" not in md
    assert "双方应" not in md and "对双方均有约束力" not in md  # binds the promisor only
    assert "本承诺书是承诺方单方作出的承诺" in md
    assert "本承诺书一式一份，由接收方收执。" in md
    assert "接收方（盖章）" not in md
    assert "## 七、通知与送达" in md  # both parties gave contacts: numbering has no gap
    assert "争议解决" not in md


def test_one_sided_letter_with_disputes_is_warned(tmp_path: Path) -> None:
    path, _text = write(
        tmp_path, ("  - role: 法定代表人\n    name: 沈国华\n    party: client\n", "")
    )
    assert {d.code for d in findings(path)} == {"one-sided-binding"}


@pytest.mark.parametrize("code", CODES)
def test_rule_is_explained_with_a_verified_example(code: str) -> None:
    info = explain.info(code)
    assert info.doc.why and info.doc.base == "quality-standard"
    ex = explain.example(code)
    assert ex is not None and ex.found and {d.code for d in ex.found} >= {code}
    assert code not in {d.code for d in explain.findings(scaffold_text("quality-standard"))}


# ------------------------------------------------------------------ derived figures, by hand


def test_targets_in_words() -> None:
    t = parse_target("≥99.5%")
    assert t is not None and (t.comparator, t.value, t.unit, t.words) == (
        "≥",
        Decimal("99.5"),
        "%",
        "不低于99.5%",
    )
    t = parse_target(" ≤ 2 小时")
    assert t is not None and t.words == "不超过2小时"
    t = parse_target("不少于3次")
    assert t is not None and (t.comparator, t.words) == ("≥", "不低于3次")
    t = parse_target("＜0.5％")
    assert t is not None and (t.comparator, t.unit, t.words) == ("<", "%", "低于0.5%")
    assert parse_target("尽快") is None


def test_add_months_keeps_month_ends() -> None:
    assert add_months(dt.date(2027, 1, 31), 1) == dt.date(2027, 2, 28)
    assert add_months(dt.date(2028, 1, 31), 1) == dt.date(2028, 2, 29)
    assert add_months(dt.date(2027, 11, 15), 3) == dt.date(2028, 2, 15)


def test_example_figures() -> None:
    fig = figures(load(EXAMPLE).model)
    # 8 quarters from 2027-01-01; each report is due 10 days after its quarter
    assert len(fig.periods) == 8
    assert [(p.start, p.end, p.report_due) for p in fig.periods[:2]] == [
        (dt.date(2027, 1, 1), dt.date(2027, 3, 31), dt.date(2027, 4, 10)),
        (dt.date(2027, 4, 1), dt.date(2027, 6, 30), dt.date(2027, 7, 10)),
    ]
    assert fig.periods[-1].end == dt.date(2028, 12, 31)
    assert fig.periods[-1].report_due == dt.date(2029, 1, 10)
    assert all(p.full for p in fig.periods)
    # 2027 Q1 = 31 + 28 + 31 = 90 days; 2028 Q1 (leap) = 91; Q3 = 92
    assert [p.days for p in fig.periods] == [90, 91, 92, 92, 91, 91, 92, 92]
    assert fig.shortest_period_days == 90
    assert fig.validity_months == 24 and fig.validity_text == "24个月"
    assert fig.validity_days == 731  # 365 + 366
    assert (fig.signing_parties, fig.provider_copies, fig.client_copies) == (2, 1, 1)
    assert fig.penalty_per_item == Decimal("10000.00") and fig.penalty_cap == Decimal("200000.00")
    assert fig.penalty_per_day == Decimal("1000.00") and fig.penalty_late_cap == Decimal("30000.00")
    assert fig.penalty_late_cap_days == 30  # 30,000 ÷ 1,000
    assert [f.target.words if f.target else None for f in fig.indicators] == [
        "不低于99.9%",
        "不超过15分钟",
        "不超过4小时",
        "不低于85%",
        "不低于90分",
        None,
        None,
    ]
    assert fig.indicators[4].standard_title == "质量管理体系 要求"


def test_a_short_last_period_and_month_ends() -> None:
    ps = periods(dt.date(2027, 1, 31), dt.date(2027, 6, 30), 1, 5)
    assert [(p.start, p.end) for p in ps] == [
        (dt.date(2027, 1, 31), dt.date(2027, 2, 27)),
        (dt.date(2027, 2, 28), dt.date(2027, 3, 30)),
        (dt.date(2027, 3, 31), dt.date(2027, 4, 29)),
        (dt.date(2027, 4, 30), dt.date(2027, 5, 30)),
        (dt.date(2027, 5, 31), dt.date(2027, 6, 29)),
        (dt.date(2027, 6, 30), dt.date(2027, 6, 30)),
    ]
    assert [p.full for p in ps] == [True] * 5 + [False]
    assert ps[-1].report_due == dt.date(2027, 7, 5)


def test_validity_in_days_and_odd_copies(tmp_path: Path) -> None:
    path, _text = write(
        tmp_path, ("  end: 2028-12-31", "  end: 2027-07-15"), ("copies: 2", "copies: 3")
    )
    c = load(path)
    fig = c.figures
    # 181 days to 30 June (31+28+31+30+31+30) + 15 = 196
    assert fig.validity_months is None and fig.validity_text == "196日"
    assert [p.full for p in fig.periods] == [True, True, False]
    assert (fig.provider_copies, fig.client_copies) == (
        2,
        1,
    )  # both sign: the promisor keeps the odd one
    md = letters.render(path, to="md")
    assert "共196日" in md
    assert "2027年7月1日至2027年7月15日（不足一个季度）" in md
    assert "本承诺书一式三份，承诺方执两份，接收方执一份" in md


def test_an_indicator_without_a_standard(tmp_path: Path) -> None:
    """A figure the parties chose, with no standard behind it: the basis column prints a dash."""
    path, _text = write(
        tmp_path,
        ("    standard: GB/T 19001-2016\n    clause: 9.1.2\n", ""),
        ("  - code: GB/T 19001-2016\n    title: 质量管理体系 要求\n", ""),
    )
    assert [d.text() for d in findings(path)] == []
    md = letters.render(path, to="md")
    assert "| 5 | 客户满意度 | 不低于90分 | — |" in md
    assert "未参照标准或者所参照标准未规定检验方法的" in md


@pytest.mark.parametrize(
    ("changes", "present", "absent"),
    [
        (
            (
                ("  per_day: 1000.00", "  # per_day: 1000.00"),
                ("  late_cap: 30000.00", "  # late_cap: 30000.00"),
            ),
            (
                "每发生一项不符合项，承诺方应向接收方支付违约金10,000.00元（大写：人民币壹万元整）。",
                "承诺期间内承诺方依本条支付的违约金合计不超过200,000.00元（大写：人民币贰拾万元整）。",
            ),
            ("每逾期一日", "可以同时适用"),
        ),
        (
            (
                ("  per_item: 10000.00", "  # per_item: 10000.00"),
                ("  late_cap: 30000.00", "  late_cap: 25500.00"),
            ),
            (
                "每逾期一日，承诺方应向接收方支付违约金1,000.00元（大写：人民币壹仟元整）；"
                "每一项不符合项的逾期整改违约金累计不超过25,500.00元（大写：人民币贰万伍仟伍佰元整），即逾期满26日时达到上限。",
                "合计不超过200,000.00元",
            ),
            ("每发生一项不符合项", "可以同时适用"),
        ),
    ],
    ids=["per-item-only", "per-day-only"],
)
def test_penalty_variants(tmp_path: Path, changes: tuple, present: tuple, absent: tuple) -> None:
    path, _text = write(tmp_path, *changes)
    assert [d.text() for d in findings(path)] == []
    md = letters.render(path, to="md")
    for text in present:
        assert text in md, text
    for text in absent:
        assert text not in md, text


def test_letter_dated_inside_the_period(tmp_path: Path) -> None:
    """Signed after the period began: the promisor also answers for the days before signature."""
    path, _text = write(tmp_path, ("  date: 2026-12-15", "  date: 2027-01-05"))
    assert {d.code for d in findings(path)} == {
        "letter-date"
    }  # the shared warning: applied retroactively
    md = letters.render(path, to="md")
    assert (
        "本承诺书生效之日晚于承诺期间起始日的，承诺方对起始日至生效之日的本服务同样作出本承诺书所载的保证。"
        in md
    )


# ------------------------------------------------------------------ the DOCX says what the spec says


def _norm(text: str) -> str:
    return text.replace("\u202f", " ")


@pytest.fixture(scope="module")
def document() -> tuple[docx.document.Document, str]:
    data = letters.render(EXAMPLE, to="docx")
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode("utf-8")
    return docx.Document(io.BytesIO(data)), xml


def test_docx_parties_standards_and_close(document: tuple) -> None:
    d, _xml = document
    body = _norm("\n".join(p.text for p in d.paragraphs))
    spec = yaml.safe_load(TEXT)
    for role in ("provider", "client"):
        for key in ("name", "credit_code", "legal_representative", "address"):
            assert spec[role][key] in body, (role, key)
    assert d.paragraphs[0].text == "质量标准承诺书"
    for s in spec["standards"]:
        assert f"{s['code']}《{s['title']}》" in body
    assert (
        "每发生一项不符合项，承诺方应向接收方支付违约金10,000.00元（大写：人民币壹万元整）。"
        in body
    )
    assert "每逾期一日，承诺方应向接收方支付违约金1,000.00元（大写：人民币壹仟元整）" in body
    assert "累计不超过30,000.00元（大写：人民币叁万元整），即逾期满30日时达到上限。" in body
    assert "合计不超过200,000.00元（大写：人民币贰拾万元整）" in body
    assert "（以下简称“不符合项”），按每一指标、每一自查期间计为一项" in body
    assert body.index("（以下简称“不符合项”）") < body.index("不符合项无论")
    assert "自发现之日或者收到通知之日起（以较早者为准）15日内整改完毕" in body
    assert "只计一次" not in body
    assert "每季度至少开展1次质量自查" in body
    assert "届满之日起10日内" in body
    # the letter takes effect on signature; the obligations run over the 承诺期间, defined first
    assert "自2027年1月1日起至2028年12月31日止（共24个月，以下简称“承诺期间”）" in body
    assert "有效期" not in body
    assert "本承诺书按“附则”部分的约定生效" in body
    assert "生效之日晚于承诺期间起始日" not in body  # dated before the period starts
    assert "承诺方向" not in body and "及主协议的有关规定" not in body
    assert "由承诺方为接收方提供" in body
    assert "提交宁波仲裁委员会" in body
    assert "本承诺书一式两份，承诺方执一份，接收方执一份" in body
    assert (
        body.index("特此承诺。") < body.index("附件：") < body.index("不符合项整改通知书（样式）")
    )
    assert "天内" not in body and "双方各执" not in body
    assert (
        "至少提前72小时书面通知接收方，经如此通知的计划性维护时间每月累计不超过4小时的部分不计入不可用时间"
        in body
    )
    assert body.count("自接收方报障或者承诺方监测发现故障之时起（以较早者为准）") == 2
    assert "接收方有相反证据的除外" in body and "“一次解决”是指" in body


def test_docx_indicator_table(document: tuple) -> None:
    d, _xml = document
    table = d.tables[0]
    rows = [[_norm(c.text) for c in r.cells] for r in table.rows]
    assert rows[0] == ["序号", "指标", "指标要求", "参照标准及条款"]
    assert rows[1][:4] == ["1", "服务可用率", "不低于99.9%", "GB/T 33850-2017"]
    assert rows[5][1:4] == ["客户满意度", "不低于90分", "GB/T 19001-2016第9.1.2条"]
    assert rows[6][1:4] == [
        "网络安全等级保护（第三级）",
        "符合所参照条款的要求",
        "GB/T 22239-2019第8章",
    ]
    assert rows[7][3] == "GB 50174-2017附录A（B级）"
    assert len(rows) == 1 + 7


def test_docx_self_check_table(document: tuple) -> None:
    d, _xml = document
    rows = [[c.text for c in r.cells] for r in d.tables[1].rows]
    assert rows[0] == ["期次", "自查期间", "自查报告提交截止日"]
    assert len(rows) == 1 + 8
    assert rows[4] == ["第4期", "2027年10月1日至2027年12月31日", "2028年1月10日"]
    assert rows[8] == ["第8期", "2028年10月1日至2028年12月31日", "2029年1月10日"]


def test_docx_signature_block(document: tuple) -> None:
    d, _xml = document
    sig = _norm("\n".join(c.text for t in d.tables[2:] for r in t.rows for c in r.cells))
    for text in (
        "承诺方（盖章）",
        "苏州恒信数据技术有限公司",
        "顾承泽",
        "接收方（盖章）",
        "宁波甬江智造股份有限公司",
        "沈国华",
    ):
        assert text in sig


def test_docx_standard_numbers_never_break(document: tuple) -> None:
    """Each hyphen and slash of a code is followed by a word joiner, its space is a no-break space."""
    _d, xml = document
    joiner = '<w:fldSimple w:instr=" SYMBOL 8288 \\u "/>'
    piece = (
        r"</w:t></w:r>"
        + re.escape(joiner)
        + r'<w:r>(?:<w:rPr>.*?</w:rPr>)?<w:t xml:space="preserve">'
    )
    for code in ("GB/T 19001-2016", "GB/T 28827.1-2022", "GB 50174-2017"):
        body, year = code.rsplit("-", 1)
        if "/" in body:
            head, tail = body.split("/")
            pattern = (
                re.escape(head + "/")
                + piece
                + re.escape(tail.replace(" ", "\u202f") + "-")
                + piece
                + year
            )
        else:
            pattern = re.escape(body.replace(" ", "\u202f") + "-") + piece + year
        assert len(re.findall(pattern, xml)) >= 2, code  # in the standards list and the table
    assert "GB/T 19001" not in xml and "GB 50174-" not in xml  # no breakable ASCII space


# ------------------------------------------------------------------ JSON Schema


def test_schema_validates_the_example_and_the_scaffold() -> None:
    schema = json_schema.schema("quality-standard")
    v = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)

    for text in (TEXT, scaffold_text("quality-standard")):
        assert [e.message for e in v.iter_errors(editor_view(text))] == []
    bad = editor_view(TEXT)
    assert isinstance(bad, dict)
    bad["self_check"]["interval"] = "weekly"
    assert list(v.iter_errors(bad))
    assert json.loads(json_schema.schema_text("quality-standard"))["title"].startswith(
        "letters 规格"
    )
