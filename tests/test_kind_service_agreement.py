"""Check the ``service-agreement`` kind (服务协议): its rules, figures, schema and letter."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from kindkit import cells, editor_view, findings, line_of, mutate, open_docx, write_spec

from letters import json_schema as js
from letters import kinds
from letters.contract import load
from letters.diagnostics import SpecError, dotted
from letters.kinds.service_agreement.figures import add_months, term_end
from letters.rendering import render
from letters.scaffold import scaffold_text

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "contracts" / "service-agreement.yaml"
KIND = "service-agreement"
CODES = (
    "party-particulars",
    "instalment-sum",
    "instalment-schedule",
    "acceptance-period",
    "late-fee-cap",
    "late-fee-ceiling",
    "late-fee-rate",
    "termination-notice",
    "termination-compensation",
    "service-penalty-cap",
    "counterparts",
    "agreement-forum",
    "service-hours",
    "term-start",
)


def write(tmp_path: Path, text: str, name: str = "agreement.yaml") -> Path:
    return write_spec(tmp_path, text, name)


# ------------------------------------------------------------------ the kind is registered


def test_kind_is_registered_with_its_rules() -> None:
    kind = kinds.get(KIND)
    assert kind.name == KIND
    assert kind.short_title() == "服务协议"
    assert tuple(r.code for r in kind.rules) == CODES
    assert all(r.kinds == (KIND,) for r in kind.rules)
    assert kind.model.BILATERAL


def test_rule_codes_are_unique() -> None:
    assert len(set(CODES)) == len(CODES)


# ------------------------------------------------------------------ clean specs


def test_example_is_clean() -> None:
    assert [d.text() for d in findings(EXAMPLE)] == []


def test_scaffold_is_clean(tmp_path: Path) -> None:
    path = write(tmp_path, scaffold_text(KIND))
    assert [d.text() for d in findings(path)] == []


# ------------------------------------------------------------------ every rule fails where it should

# (code, severity, changes on the example, dotted path of the finding, anchor of its line, quotes)
CASES: list[tuple[str, str, tuple[tuple[str, str], ...], str, str, tuple[str, ...]]] = [
    (
        "party-particulars",
        "error",
        (
            ("  legal_representative: 林振宇\n", ""),
            ("  phone: 021-50801234\n", ""),
            ("  email: huang.kai@example.cn\n", ""),
        ),
        "provider",
        "\nprovider:",
        ("乙方", "法定代表人", "联系电话或电子邮箱"),
    ),
    (
        "party-particulars",
        "error",
        (("  credit_code: 91330106MA2KD7QX5D\n", ""),),
        "client",
        "\nclient:",
        ("甲方", "统一社会信用代码"),
    ),
    (
        "instalment-sum",
        "error",
        (
            (
                "    - amount: 192000.00\n      due: 2027-07-31",
                "    - amount: 180000.00\n      due: 2027-07-31",
            ),
        ),
        "fees.total",
        "  total: 960000.00",
        ("948000.00元", "960000.00元", "12000.00元"),
    ),
    (
        "instalment-schedule",
        "error",
        (("      due: 2028-01-31", "      due: 2027-05-20"),),
        "fees.instalments[2].due",
        "      due: 2027-05-20",
        ("第3期", "2027-05-20", "2027-07-31"),
    ),
    (
        "instalment-schedule",
        "error",
        (("      due: 2027-01-20", "      due: 2026-12-10"),),
        "fees.instalments[0].due",
        "      due: 2026-12-10",
        ("第1期", "2026-12-10", "2026-12-18"),
    ),
    (
        "instalment-schedule",
        "error",
        (
            ("      due: 2029-01-31", "      due: 2029-03-02"),
        ),  # the term ends 2028-12-31; 60 days later
        "fees.instalments[4].due",
        "      due: 2029-03-02",
        ("第5期", "2029-03-02", "2028-12-31", "2029-03-01"),
    ),
    (
        "acceptance-period",
        "warning",
        (("  acceptance: 10个工作日\n", ""),),
        "fees.instalments[1].condition",
        "      condition: 2027年1月至6月的服务经甲方书面确认后",
        ("第2期", "2027年1月至6月的服务经甲方书面确认后", "fees.acceptance"),
    ),
    (
        "late-fee-cap",
        "error",
        (("  cap: 10%", "  cap: 0.02%"),),
        "late_payment.cap",
        "  cap: 0.02%",
        ("0.02%", "0.03%"),
    ),
    (
        "late-fee-ceiling",
        "warning",
        (("  cap: 10%", "  cap: 35%"),),
        "late_payment.cap",
        "  cap: 35%",
        ("35%", "30%"),
    ),
    (
        "late-fee-rate",
        "warning",
        (("  daily_rate: 0.03%", "  daily_rate: 0.05%"),),
        "late_payment.daily_rate",
        "  daily_rate: 0.05%",
        ("0.05%", "18.25%", "12%"),
    ),
    (
        "late-fee-rate",
        "warning",  # the LPR of the spec counts: 0.03% a day is 10.95% a year
        (("  lpr: 3%", "  lpr: 2.5%"),),
        "late_payment.daily_rate",
        "  daily_rate: 0.03%",
        ("10.95%", "2.5%", "10%"),
    ),
    (
        "termination-notice",
        "error",
        (("  notice: 60d", "  notice: 731d"),),
        "termination.notice",
        "  notice: 731d",
        ("731日", "731 日"),
    ),
    (
        "termination-notice",
        "error",
        (("  payment_default_days: 60", "  payment_default_days: 800"),),
        "termination.payment_default_days",
        "  payment_default_days: 800",
        ("800", "731"),
    ),
    (
        "termination-notice",
        "error",
        (("  demand_days: 15", "  demand_days: 731"),),
        "termination.demand_days",
        "  demand_days: 731",
        ("催告期限", "731"),
    ),
    (
        "termination-compensation",
        "warning",
        (("  compensation: 20%\n", ""),),
        "termination.notice",
        "  notice: 60d",
        ("60日", "termination.compensation"),
    ),
    (
        "termination-compensation",
        "warning",
        (("  notice: 60d\n", ""),),
        "termination.compensation",
        "  compensation: 20%",
        ("20%", "termination.notice"),
    ),
    (
        "service-penalty-cap",
        "error",
        (("  cap: 5%", "  cap: 0.1%"),),  # 960.00元 against 4,000.00元 a month
        "quality_penalty.cap",
        "  cap: 0.1%",
        ("960.00元", "0.1%", "4000.00元", "10%"),
    ),
    (
        "counterparts",
        "error",
        (("copies: 2", "copies: 5"),),
        "copies",
        "copies: 5",
        ("5",),
    ),
    (
        "agreement-forum",
        "error",
        (("disputes:\n  - forum: 甲方住所地人民法院\n", ""),),
        "disputes",
        "# 供应链管理系统运维服务协议",
        ("没有约定争议解决方式",),  # no such key: the file's start
    ),
    (
        "agreement-forum",
        "error",
        (
            (
                "  - forum: 甲方住所地人民法院",
                "  - up_to: 100000\n    forum: 甲方住所地人民法院\n  - forum: 甲方住所地人民法院",
            ),
        ),
        "disputes",
        "\ndisputes:",
        ("2 种",),
    ),
    (
        "service-hours",
        "error",
        (("    coverage: 7x24", "    coverage: business_hours"),),
        "service.hours",
        "  hours:",
        ("start", "end"),
    ),
    (
        "service-hours",
        "error",
        (
            (
                "    coverage: 7x24",
                '    coverage: business_hours\n    start: "18:00"\n    end: "09:00"',
            ),
        ),
        "service.hours.end",
        '    end: "09:00"',
        ("09:00", "18:00"),
    ),
    (
        "service-hours",
        "error",
        (("    coverage: 7x24", '    coverage: 7x24\n    start: "09:00"'),),
        "service.hours",
        "  hours:",
        ("7x24",),
    ),
    (
        "term-start",
        "warning",
        (("  date: 2026-12-18", "  date: 2027-01-05"),),
        "term.start",
        "  start: 2027-01-01",
        ("2027-01-01", "2027-01-05"),
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[f"{c[0]}:{c[3]}:{i}" for i, c in enumerate(CASES)])
def test_rule_fails_on_its_mutation(tmp_path: Path, case: tuple[Any, ...]) -> None:
    code, severity, changes, path, anchor, quotes = case
    text = mutate(EXAMPLE.read_text(encoding="utf-8"), *changes)
    file = write(tmp_path, text)
    found = findings(file)
    assert {d.code for d in found} == {code}, [d.text() for d in found]
    mine = [d for d in found if dotted(d.path) == path]
    assert mine, [d.text() for d in found]
    d = mine[0]
    assert d.severity == severity
    assert d.mark.file == str(file)
    assert d.mark.line == line_of(text, anchor, skip_blank=True), d.text()
    assert d.mark.column >= 1
    message = re.sub(r"(?<=\d),(?=\d{3})", "", d.message)
    for q in quotes:
        assert q in message, (q, d.message)


def test_every_rule_has_a_case() -> None:
    assert {c[0] for c in CASES} == set(CODES)


def test_near_misses_pass(tmp_path: Path) -> None:
    """Values right at the limits of the rules are accepted."""
    text = mutate(
        EXAMPLE.read_text(encoding="utf-8"),
        ("  cap: 10%", "  cap: 30%"),  # the ceiling itself
        ("  daily_rate: 0.03%", "  daily_rate: 0.0328%"),  # 11.972% a year, under 4 × 3%
        (
            "      due: 2029-01-31",
            "      due: 2029-03-01",
        ),  # 60 days after the last day of the term
        ("      due: 2027-01-20", "      due: 2027-01-01"),  # the signing day …
        ("  date: 2026-12-18", "  date: 2027-01-01"),  # … which is the first day of the term
        ("  notice: 60d", "  notice: 730d"),  # one day shorter than the term
        ("  demand_days: 15", "  demand_days: 730"),
        ("  monthly_rate: 10%", "  monthly_rate: 12%"),  # 4,800.00元 a month …
        ("  cap: 5%", "  cap: 0.5%"),  # … and a cap of 4,800.00元: the first month reaches it
        ("copies: 2", "copies: 4"),
    )
    assert [d.text() for d in findings(write(tmp_path, text))] == []


def test_rule_examples_fire_on_the_scaffold() -> None:
    from letters import explain

    base = scaffold_text(KIND)
    for code in CODES:
        info = explain.info(code)
        assert info.doc.base == KIND and re.search(r"[\u4e00-\u9fff]", info.doc.why)
        fired = [
            d for d in explain.findings(explain.mutate(base, info.doc.changes)) if d.code == code
        ]
        assert fired and {d.severity for d in fired} == {info.severity}, code


def test_rules_command_explains_a_rule(cli: Callable[..., Any]) -> None:
    done = cli("rules", "late-fee-rate")
    assert done.returncode == 0, done.stderr
    assert "LPR" in done.stdout and "warning[late-fee-rate] late_payment.daily_rate" in done.stdout


# ------------------------------------------------------------------ loading problems


def test_misspelt_field_points_at_its_line(tmp_path: Path) -> None:
    text = mutate(
        EXAMPLE.read_text(encoding="utf-8"), ("  daily_rate: 0.03%", "  daily_rat: 0.03%")
    )
    with pytest.raises(SpecError) as err:
        load(write(tmp_path, text))
    (d,) = err.value.diagnostics
    assert d.code == "unknown-field" and "daily_rate" in d.message
    assert (d.mark.line, d.mark.column) == (line_of(text, "  daily_rat:", skip_blank=True), 3)


def test_money_is_decimal_and_wrong_units_are_reported(tmp_path: Path) -> None:
    model = load(EXAMPLE).model
    assert isinstance(model.fees.total, Decimal) and model.fees.total == Decimal("960000.00")
    text = mutate(EXAMPLE.read_text(encoding="utf-8"), ("  cap: 10%", "  cap: 10"))
    with pytest.raises(SpecError) as err:
        load(write(tmp_path, text))
    (d,) = err.value.diagnostics
    assert d.code == "invalid-value" and dotted(d.path) == "late_payment.cap"
    assert d.mark.line == line_of(text, "  cap: 10", skip_blank=True)


# ------------------------------------------------------------------ derived figures


def test_figures_of_the_example() -> None:
    c = load(EXAMPLE)
    fig = c.figures
    assert fig.end == dt.date(2028, 12, 31)  # 24 months from 2027-01-01
    assert fig.term_days == 731  # 365 + 366 (2028 is a leap year)
    assert fig.hours_text == "7×24小时"
    assert fig.instalment_sum == Decimal("960000.00")
    assert [r.share for r in fig.instalments] == [Decimal(20)] * 5
    # 0.03% a day and a 10% cap of each instalment
    assert [r.late_per_day for r in fig.instalments] == [Decimal("57.60")] * 5
    assert [r.late_cap for r in fig.instalments] == [Decimal("19200.00")] * 5
    assert fig.last_due_limit == dt.date(2029, 3, 1)  # 60 days after 2028-12-31
    # quality 违约金: 10% of 960,000 ÷ 24 a month, at most 5% of the total
    assert (fig.monthly_fee, fig.monthly_fee_exact) == (Decimal("40000.00"), True)
    assert fig.quality_per_month == Decimal("4000.00")
    assert fig.quality_cap == Decimal("48000.00")
    assert fig.quality_cap_months == 12
    assert fig.late_per_day_total == Decimal("288.00")
    assert fig.late_cap_total == Decimal("96000.00")
    assert fig.cap_days == 334  # 10% ÷ 0.03% = 333.3…: the cap is reached on day 334
    assert fig.annual_rate == Decimal("10.95")
    assert fig.copies_each == 1
    assert all(
        isinstance(v, Decimal) for r in fig.instalments for v in (r.late_per_day, r.late_cap)
    )


def test_business_hours_and_inexact_shares(tmp_path: Path) -> None:
    text = mutate(
        EXAMPLE.read_text(encoding="utf-8"),
        (
            "    coverage: 7x24",
            '    coverage: business_hours\n    start: "08:30"\n    end: "17:30"',
        ),
        ("  total: 960000.00", "  total: 900000.00"),
        (
            "    - amount: 192000.00\n      due: 2027-01-20",
            "    - amount: 132000.00\n      due: 2027-01-20",
        ),
        ("  months: 24", "  months: 23"),
    )
    fig = load(write(tmp_path, text)).figures
    assert fig.hours_text == "国家规定的工作日8:30至17:30"
    # 132,000 ÷ 900,000 = 14.666…%: no exact share, so the table leaves the column out
    assert fig.instalments[0].share is None
    assert fig.instalments[1].share is None  # 192,000 ÷ 900,000 = 21.333…%
    # 900,000 ÷ 23 = 39,130.434…: the monthly fee is rounded to the cent, and the letter says so
    assert (fig.monthly_fee, fig.monthly_fee_exact) == (Decimal("39130.43"), False)
    assert fig.quality_per_month == Decimal("3913.04")
    assert fig.quality_cap == Decimal("45000.00")
    assert fig.quality_cap_months == 12  # 45,000 ÷ 3,913.04 = 11.5…


@pytest.mark.parametrize(
    "start, months, end",
    [
        (dt.date(2027, 1, 1), 12, dt.date(2027, 12, 31)),
        (dt.date(2027, 1, 31), 1, dt.date(2027, 2, 27)),  # 2027-02-28 is the corresponding day
        (dt.date(2027, 3, 15), 6, dt.date(2027, 9, 14)),
        (dt.date(2028, 2, 29), 12, dt.date(2029, 2, 27)),  # no 29 February in 2029: the 28th
        (dt.date(2027, 11, 1), 3, dt.date(2028, 1, 31)),
    ],
)
def test_term_end(start: dt.date, months: int, end: dt.date) -> None:
    assert term_end(start, months) == end


def test_add_months_clamps_to_the_month_end() -> None:
    assert add_months(dt.date(2027, 1, 31), 1) == dt.date(2027, 2, 28)
    assert add_months(dt.date(2028, 1, 31), 1) == dt.date(2028, 2, 29)
    assert add_months(dt.date(2027, 12, 15), 1) == dt.date(2028, 1, 15)
    assert add_months(dt.date(2027, 1, 1), 10**6) == dt.date.max


# ------------------------------------------------------------------ JSON Schema


def _schema_errors(template: str | None, data: Any) -> list[str]:
    v = Draft202012Validator(
        js.schema(template), format_checker=Draft202012Validator.FORMAT_CHECKER
    )
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in v.iter_errors(data)]


@pytest.mark.parametrize("source", ["example", "scaffold"])
def test_specs_validate_against_the_schema(source: str) -> None:
    text = EXAMPLE.read_text(encoding="utf-8") if source == "example" else scaffold_text(KIND)
    data = editor_view(text)
    assert _schema_errors(KIND, data) == []
    assert _schema_errors(None, data) == []


def test_schema_rejects_a_misspelt_field_and_the_command_prints_it(cli: Callable[..., Any]) -> None:
    data = editor_view(EXAMPLE.read_text(encoding="utf-8"))
    data["late_payment"]["daily_rat"] = data["late_payment"].pop("daily_rate")
    assert any(e.startswith("late_payment") for e in _schema_errors(KIND, data))
    done = cli("schema", KIND)
    assert done.returncode == 0, done.stderr
    printed = json.loads(done.stdout)
    assert printed == js.schema(KIND)
    assert (
        printed["$defs"]["ServiceAgreementSpec"]["properties"]["late_payment"]["title"]
        == "逾期付款违约金"
    )


# ------------------------------------------------------------------ the letter


@pytest.fixture(scope="module")
def document() -> Any:
    return open_docx(EXAMPLE)


def _texts(doc: Any) -> list[str]:
    return [p.text for p in doc.paragraphs]


def test_docx_title_and_parties(document: Any) -> None:
    texts = _texts(document)
    assert texts[0] == "供应链管理系统运维服务协议"
    body = "\n".join(texts)
    assert "协议编号：QH-FW-2026-0208" in body
    assert "签订地点：浙江省杭州市西湖区" in body
    client = body.index("甲方（服务接受方）：杭州青禾供应链管理有限公司")
    provider = body.index("乙方（服务提供方）：上海启衡信息技术有限公司")
    assert client < provider
    for value in ("91330106MA2KD7QX5D", "91310115MA1HB3RT0H", "陈立群", "林振宇", "文一西路588号"):
        assert value in body
    assert "供应链信息系统运维领域" in body


def test_docx_says_what_the_spec_says(document: Any) -> None:
    body = "\n".join(_texts(document))
    for phrase in (
        "服务时间为7×24小时",
        "应至少提前72小时书面通知甲方",
        "服务期限为24个月，自2027年1月1日起至2028年12月31日止",
        "服务费总额为960,000.00元（大写：人民币玖拾陆万元整），含增值税（税率为6%）",
        "税额按开具发票时适用的税率相应调整",
        "应自收到服务报告之日起10个工作日内书面确认",
        "甲方在该期限内未书面提出异议的，视为确认",
        "不迟于每期最迟付款日前5个工作日，向甲方开具与该期金额相等的增值税专用发票",
        "顺延至乙方开具发票之日起5个工作日届满之日",
        "账号：31050000000000000001",
        "按逾期未付金额的0.03%向乙方支付违约金",
        "不超过该笔逾期未付金额的10%，即逾期满334日时达到上限",
        "应至少提前60日书面通知对方",
        "的20%向对方支付补偿",
        "自收到乙方书面催告之日起15日内仍未支付",
        "要求相应减少该部分服务的服务费",
        "应按月均服务费的10%向甲方支付违约金，即每月4,000.00元（大写：人民币肆仟元整）",
        "即40,000.00元。",
        "不超过服务费总额的5%，即48,000.00元（大写：人民币肆万捌仟元整），累计满12个月时达到上限",
        "双方依照《中华人民共和国个人信息保护法》第二十一条约定如下",
        "甲方客户联系人的姓名、联系电话；收货人的姓名、联系电话和收货地址；甲方系统用户的账号信息",
        "未经甲方书面同意，乙方不得转委托他人处理个人信息",
        "自解除或者终止之日起15日内将个人信息返还甲方或者按甲方的要求予以删除",
        "双方有意在供应链信息系统运维领域开展合作",
        "并至少提前3个工作日将系统变更书面告知乙方",
        "每月5日前（含当日）",
        "服务期限总日数（731日）",
        "经对方书面通知后15日内仍未纠正",
        "逾期超过60日",
        "任何一方均可向甲方住所地人民法院提起诉讼",
        "本协议一式两份，甲乙双方各执一份",
        "甲方应指定一名项目联系人",
        "乙方应派驻1名驻场工程师",
        "在合理期限内提供",
    ):
        assert phrase in body, phrase
    # an agreement, not a letter: no 承诺 closing, no main agreement to refer to, 日 not 天
    for absent in (
        "特此承诺",
        "主协议",
        "承诺方",
        "接收方",
        "天内",
        "None",
        "建立了合作关系",
        "LPR",
        "四舍五入",
        "另行书面约定委托处理",
    ):
        assert absent not in body, absent


def test_docx_tables(document: Any) -> None:
    schedule, late, signature = (cells(t) for t in document.tables)
    assert schedule[0] == ["期次", "付款条件", "最迟付款日", "金额", "占总额比例"]
    assert schedule[1] == [
        "第1期",
        "本协议生效后",
        "2027年1月20日",
        "192,000.00元\n（大写：人民币壹拾玖万贰仟元整）",
        "20%",
    ]
    assert [row[2] for row in schedule[1:]] == [
        "2027年1月20日",
        "2027年7月31日",
        "2028年1月31日",
        "2028年7月31日",
        "2029年1月31日",
    ]
    assert (
        schedule[5][1] == "2028年7月至12月的服务经甲方书面确认后"
    )  # paid after the service, not before
    assert schedule[2][3] == "192,000.00元\n（大写：人民币壹拾玖万贰仟元整）"
    assert late[0] == ["期次", "每逾期一日的违约金", "违约金累计上限"]
    assert late[1] == [
        "第1期",
        "57.60元\n（大写：人民币伍拾柒元陆角整）",
        "19,200.00元\n（大写：人民币壹万玖仟贰佰元整）",
    ]
    assert late[2][1] == "57.60元\n（大写：人民币伍拾柒元陆角整）"
    assert len(late) == 6
    signed = "\n".join("\n".join(row) for row in signature)
    assert signed.index("甲方（盖章）") < signed.index("乙方（盖章）")
    for name in ("杭州青禾供应链管理有限公司", "上海启衡信息技术有限公司", "陈立群", "林振宇"):
        assert name in signed


def test_markdown_sections_are_numbered_without_gaps() -> None:
    md = render(EXAMPLE, to="md")
    assert isinstance(md, str)
    heads = re.findall(r"^## (\S+?)、", md, re.M)
    assert heads == ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一"]
    assert "## 五、个人信息的委托处理" in md
    assert "### （一）甲方的权利和义务" in md and "### （二）乙方的权利和义务" in md
    assert not re.search(r"[\u4e00-\u9fff][,;:()]|[,;:()][\u4e00-\u9fff]", md)
    # the annexes follow the body, the signatures follow the annexes
    assert md.index("本协议一式两份") < md.index("附件：") < md.index("甲方（盖章）")


def test_optional_parts_leave_no_gaps(tmp_path: Path) -> None:
    """Without account, conditions, duties, place, field, annexes or payment default the letter
    still reads: no empty item, no dash column, no dangling reference."""
    text = EXAMPLE.read_text(encoding="utf-8")
    text = re.sub(r"      condition: .*\n", "", text)
    text = re.sub(r"  account:\n(    .*\n)+", "", text)
    text = re.sub(r"duties:\n(  .*\n)+", "", text)
    text = re.sub(r"annexes:\n(  .*\n)+", "", text)
    text = re.sub(r"quality_penalty:\n(  .*\n)+", "", text)
    text = re.sub(r"personal_information:\n(  .*\n)+", "", text)
    text = mutate(
        text,
        ("cooperation: 供应链信息系统运维\n", ""),
        ("signing_place: 浙江省杭州市西湖区\n", ""),
        ("  payment_default_days: 60\n", ""),
        ("  demand_days: 15\n", ""),
        ("  notice: 60d\n", ""),
        ("  compensation: 20%\n", ""),
        ("  vat_rate: 6%\n", ""),
        ("  invoice: special\n", ""),
        ("  invoice_lead: 5个工作日\n", ""),
        ("  acceptance: 10个工作日\n", ""),
        ("  tax_included: true", "  tax_included: false"),
        (
            "本协议附件1《运维服务质量标准》",
            "GB/T 28827.1-2022《信息技术服务 运行维护 第1部分：通用要求》",
        ),
    )
    path = write(tmp_path, text)
    assert [d.text() for d in findings(path)] == []
    md = render(path, to="md")
    assert isinstance(md, str)
    for absent in (
        "付款条件",
        "收款账户",
        "签订地点",
        "附件",
        "领域",
        "逾期超过",
        "| — |",
        "甲方应指定",
        "服务确认",
        "服务质量违约金",
        "个人信息的委托处理",
        "补偿",
        "提前解除",
        "税率",
        "None",
    ):
        assert absent not in md, absent
    assert "不含增值税。" in md
    assert "向甲方开具与该期金额相等的合法有效的发票。" in md
    # without the entrusted-processing part, the fixed wording of 个人信息保护法第二十一条
    assert (
        "双方应当事先依照《中华人民共和国个人信息保护法》第二十一条另行书面约定委托处理的目的" in md
    )
    assert "| 期次 | 最迟付款日 | 金额 | 占总额比例 |" in md
    items = re.findall(r"^(\d+)\. ", md.split("## 六、协议的解除")[1].split("##")[0], re.M)
    assert items == ["1", "2", "3"]  # 协商一致, 违约 and the closing item: no gap where notice was


def test_alternative_wording(tmp_path: Path) -> None:
    """Tax added on top, the invoice before payment, a reasonable period after the demand,
    and a monthly fee that needs rounding."""
    text = mutate(
        EXAMPLE.read_text(encoding="utf-8"),
        ("  tax_included: true", "  tax_included: false"),
        ("  invoice_lead: 5个工作日\n", ""),
        ("  demand_days: 15\n", ""),
        ("  total: 960000.00", "  total: 960000.10"),
        (
            "    - amount: 192000.00\n      due: 2027-01-20",
            "    - amount: 192000.10\n      due: 2027-01-20",
        ),
    )
    path = write(tmp_path, text)
    assert [d.text() for d in findings(path)] == []
    md = render(path, to="md")
    assert isinstance(md, str)
    assert (
        "不含增值税；增值税由甲方按开具发票时适用的税率（现行税率为6%）与各期服务费一并另行支付。"
        in md
    )
    assert "税额按开具发票时适用的税率相应调整" not in md
    assert "乙方应在甲方支付每期款项之前，向甲方开具与该期金额相等的增值税专用发票。" in md
    assert "经乙方书面催告后在合理期限内仍未支付的" in md
    # 960,000.10 ÷ 24 = 40,000.004 1…: printed rounded, and said to be
    assert "即40,000.00元（四舍五入至分）。" in md


def test_signature_without_client_signers_leaves_a_blank_line(tmp_path: Path) -> None:
    text = mutate(
        EXAMPLE.read_text(encoding="utf-8"),
        ("  - role: 法定代表人\n    name: 陈立群\n    party: client\n", ""),
    )
    path = write(tmp_path, text)
    assert [d.text() for d in findings(path)] == []
    md = render(path, to="md")
    assert isinstance(md, str)
    client_block = md[md.index("甲方（盖章）") : md.index("乙方（盖章）")]
    assert "法定代表人或授权代表" in client_block and "陈立群" not in client_block
