"""Check the ``sla-annex`` kind (服务水平协议, an annex of the main agreement): its rules on
mutants of ``contracts/sla-annex.yaml``, its derived figures by hand, and the DOCX it writes."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path

import kindkit
import pytest
import yaml
from kindkit import findings, line_of

from letters import load, render
from letters.diagnostics import dotted
from letters.formatting import ordinal_cn
from letters.kinds import get
from letters.kinds.sla_annex.figures import budgets, continuous, windows
from letters.kinds.sla_annex.terms import plain, references, template_terms, unbalanced
from letters.units import Duration, Percent

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "contracts" / "sla-annex.yaml"
TEXT = EXAMPLE.read_text(encoding="utf-8")
CODES = [r.code for r in get("sla-annex").rules]


def mutate(tmp_path: Path, *changes: tuple[str, str], base: str = TEXT) -> tuple[Path, str]:
    """Write the example with each (old, new) applied once; return the file and its text."""
    return kindkit.write_mutant(tmp_path, base, *changes, name="sla-annex.yaml")


# ------------------------------------------------------------------ the example is clean


def test_example_has_no_findings() -> None:
    assert [d.text() for d in findings(EXAMPLE)] == []


def test_kind_has_its_own_rules() -> None:
    assert CODES == [
        "defined-term-missing",
        "defined-term-unused",
        "defined-term-duplicate",
        "response-before-repair",
        "severity-ladder",
        "availability-ceiling",
        "credit-window",
        "credit-ladder",
        "party-labels",
        "annex-forum",
        "annex-self-name",
    ]


# ------------------------------------------------------------------ every rule fails where it should

# (id, code, changes, expected path, the line the finding points at: a needle in the mutant)
CASES = [
    (
        "template-term-undefined",
        "defined-term-missing",
        [("  - term: 修复时间\n", "  - term: 恢复时长\n")],
        "severities",
        "severities:",
    ),
    (
        "marked-term-undefined",
        "defined-term-missing",
        [("三个模块均发生「服务中断」", "三个模块均发生「系统中断」")],
        "severities[0].description",
        "三个模块均发生「系统中断」",
    ),
    (
        "mark-unbalanced",
        "defined-term-missing",
        [("及时通过「技术支持」渠道报告", "及时通过「技术支持渠道报告")],
        "cooperation[1]",
        "及时通过「技术支持渠道报告",
    ),
    (
        "maintenance-undefined",
        "defined-term-missing",
        [("  - term: 计划性维护\n", "  - term: 例行维护\n")],
        "exclusions.planned_maintenance",
        "  planned_maintenance:",
    ),
    (
        "definition-unused",
        "defined-term-unused",
        [
            (
                "  - term: 技术支持\n",
                "  - term: 服务水平\n    text: 本服务水平协议约定的各项服务指标\n  - term: 技术支持\n",
            )
        ],
        "definitions[5].term",
        "  - term: 服务水平",
    ),
    (
        "definition-duplicate",
        "defined-term-duplicate",
        [("  - term: 计划性维护\n", "  - term: 服务中断\n")],
        "definitions[4].term",
        "  - term: 服务中断\n    text: 服务提供方为",
    ),
    (
        "repair-not-after-response",
        "response-before-repair",
        [("    response: 2h\n    repair: 24h", "    response: 2h\n    repair: 1h")],
        "severities[2].repair",
        "    repair: 1h",
    ),
    (
        "lighter-responds-faster",
        "severity-ladder",
        [("    response: 4h\n", "    response: 1h\n")],
        "severities[3].response",
        "    response: 1h",
    ),
    (
        "level-twice",
        "severity-ladder",
        [("  - level: P2", "  - level: P1\n  # was P2")],
        "severities[1].level",
        "  - level: P1\n  # was P2",
    ),
    (
        "hundred-percent",
        "availability-ceiling",
        [("  target: 99.9%", "  target: 100%")],
        "availability.target",
        "  target: 100%",
    ),
    (
        "credit-by-quarter",
        "credit-window",
        [("  period: month ", "  period: quarter ")],
        "credits.period",
        "  period: quarter",
    ),
    (
        "first-band-below-target",
        "credit-ladder",
        [("    - below: 99.9%", "    - below: 99.8%")],
        "credits.tiers[0].below",
        "    - below: 99.8%",
    ),
    (
        "bands-not-falling",
        "credit-ladder",
        [("    - below: 99%", "    - below: 99.6%")],
        "credits.tiers[2].below",
        "    - below: 99.6%",
    ),
    (
        "rates-not-rising",
        "credit-ladder",
        [("      rate: 10%", "      rate: 4%")],
        "credits.tiers[1].rate",
        "      rate: 4%",
    ),
    (
        "cap-below-worst-band",
        "credit-ladder",
        [("  cap: 15%", "  cap: 1%")],
        "credits.cap",
        "  cap: 1%",
    ),
    (
        "labels-equal",
        "party-labels",
        [("  client: 服务接受方", "  client: 服务提供方")],
        "party_labels.client",
        "  client: 服务提供方",
    ),
    (
        "labels-contain",
        "party-labels",
        [("  client: 服务接受方", "  client: 服务提供方代表")],
        "party_labels.client",
        "  client: 服务提供方代表",
    ),
    (
        "foreign-label-in-text",
        "party-labels",
        [("指定专人负责与服务提供方对接", "指定专人负责与甲方对接")],
        "cooperation[0]",
        "指定专人负责与甲方对接",
    ),
    (
        "annex-has-own-forum",
        "annex-forum",
        [("annexes:\n", "disputes:\n  - forum: 上海国际仲裁中心\n\nannexes:\n")],
        "disputes",
        "disputes:",
    ),
    (
        "text-names-the-letter-otherwise",
        "annex-self-name",
        [("并按本服务水平协议约定提前书面通知", "并按本承诺书约定提前书面通知")],
        "definitions[4].text",
        "并按本承诺书约定提前书面通知",
    ),
]


def test_every_rule_of_the_kind_has_a_case() -> None:
    assert {code for _id, code, *_rest in CASES} == set(CODES)


@pytest.mark.parametrize(
    ("code", "changes", "path", "needle"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_rule_fails_at_its_path_and_line(
    tmp_path: Path, code: str, changes: list[tuple[str, str]], path: str, needle: str
) -> None:
    spec, text = mutate(tmp_path, *changes)
    fired = [d for d in findings(spec) if d.code == code]
    assert [(dotted(d.path), d.mark.line) for d in fired] == [(path, line_of(text, needle))]
    assert re.search(r"[\u4e00-\u9fff]", fired[0].message)
    severity = next(r.severity for r in get("sla-annex").rules if r.code == code)
    assert fired[0].severity == severity


def test_related_paths_point_at_the_other_side(tmp_path: Path) -> None:
    spec, text = mutate(tmp_path, ("  period: month ", "  period: year "))
    (d,) = [d for d in findings(spec) if d.code == "credit-window"]
    assert [(dotted(p), m.line) for p, m in d.related] == [
        ("availability.window", line_of(text, "  window: month"))
    ]
    assert "服务年度" in d.message and "自然月" in d.message


def test_shared_legal_rules_apply(tmp_path: Path) -> None:
    spec, _ = mutate(
        tmp_path, ("annexes:\n", "disputes:\n  - forum: 双方认可的第三方仲裁机构\n\nannexes:\n")
    )
    assert {"forum-arbitration-body", "annex-forum"} <= {d.code for d in findings(spec)}
    spec, _ = mutate(
        tmp_path, ("  credit_code: 91320505MA1Y7K3C8E", "  credit_code: 91320505MA1Y7K3C8F")
    )
    assert "credit-code" in {d.code for d in findings(spec)}
    spec, _ = mutate(tmp_path, ("  expires: 2028-12-31", "  expires: 2026-12-31"))
    assert "date-order" in {d.code for d in findings(spec)}


def test_annex_follows_the_main_agreements_forum(tmp_path: Path) -> None:
    """Both parties sign, so a forum would bind them, but an inseparable annex takes none of
    its own: a forum in the spec is an error (and related to each band), never printed."""
    contract = load(EXAMPLE)
    assert contract.model.both_sign and not contract.model.disputes
    spec, text = mutate(
        tmp_path,
        (
            "annexes:\n",
            "disputes:\n  - up_to: 50000\n    forum: 杭州仲裁委员会\n"
            "  - forum: 上海国际仲裁中心\n\nannexes:\n",
        ),
    )
    fired = [d for d in findings(spec) if d.code in ("annex-forum", "one-sided-binding")]
    assert [d.code for d in fired] == ["annex-forum"]
    assert "“杭州仲裁委员会”“上海国际仲裁中心”" in fired[0].message
    assert [(dotted(p), m.line) for p, m in fired[0].related] == [
        ("disputes[0].forum", line_of(text, "    forum: 杭州仲裁委员会")),
        ("disputes[1].forum", line_of(text, "  - forum: 上海国际仲裁中心")),
    ]
    md = str(render(EXAMPLE, to="md"))
    assert "按照主协议约定的争议解决方式解决；本服务水平协议不另行约定争议解决方式。" in md
    assert "仲裁" not in md


# ------------------------------------------------------------------ the terms


def test_marks() -> None:
    assert references("报告「服务中断」或者「技术支持」") == ["服务中断", "技术支持"]
    assert plain("报告「服务中断」后") == "报告服务中断后"
    assert unbalanced("报告「服务中断") and unbalanced("「」") and unbalanced("服务」")
    assert not unbalanced("报告「服务中断」后")


def test_template_terms_follow_the_optional_parts(tmp_path: Path) -> None:
    full = {t for t, _p, required in template_terms(load(EXAMPLE).model) if required}
    assert full == {"服务可用性", "服务中断", "故障响应时间", "修复时间", "计划性维护", "技术支持"}
    spec = minimal_spec(tmp_path)
    bare = {t for t, _p, required in template_terms(load(spec).model) if required}
    assert bare == {"服务可用性", "服务中断", "故障响应时间", "修复时间"}


def test_every_term_the_rules_count_is_in_the_body() -> None:
    """terms.template_terms declares the template's words: each must really be in the body,
    after the definitions (the rule and the template cannot drift apart)."""
    md = str(render(EXAMPLE, to="md"))
    body = md.split("## 三、服务可用性", 1)[1]
    for term, _path, _required in template_terms(load(EXAMPLE).model):
        assert term in body, term
    for term, _text in load(EXAMPLE).figures.definitions:
        assert term in body, term


# ------------------------------------------------------------------ derived figures, by hand


def test_continuous_limits_print_in_hours() -> None:
    """A limit counted continuously is printed in hours, not days: “3日” could be read as three
    calendar days counted from the next day (民法典 第二百零一条)."""
    assert continuous(Duration(Decimal(3), "d")) == "72小时"
    assert continuous(Duration(Decimal("1.5"), "d")) == "36小时"
    assert continuous(Duration(Decimal(15), "min")) == "15分钟"
    assert continuous(Duration(Decimal(4), "h")) == "4小时"


def test_windows_of_the_example_term() -> None:
    found = windows("month", dt.date(2027, 1, 1), dt.date(2028, 12, 31))
    assert len(found) == 24
    assert [w.days for w in found[:3]] == [31, 28, 31]
    assert found[13].days == 29  # February 2028, a leap year
    b = budgets(found, Percent(Decimal("99.9")))
    assert [(x.label, x.hours, x.downtime) for x in b] == [
        ("31日的考核周期", Decimal(744), Decimal("0.744")),  # 44分38.4秒
        ("30日的考核周期", Decimal(720), Decimal("0.720")),  # 43分12秒
        ("29日的考核周期", Decimal(696), Decimal("0.696")),  # 41分45.6秒
        ("28日的考核周期", Decimal(672), Decimal("0.672")),  # 40分19.2秒
    ]
    assert all(isinstance(x.downtime, Decimal) for x in b)


def test_windows_cut_to_the_term() -> None:
    found = windows("month", dt.date(2027, 1, 15), dt.date(2027, 3, 10))
    assert [(w.start, w.end, w.days) for w in found] == [
        (dt.date(2027, 1, 15), dt.date(2027, 1, 31), 17),
        (dt.date(2027, 2, 1), dt.date(2027, 2, 28), 28),
        (dt.date(2027, 3, 1), dt.date(2027, 3, 10), 10),
    ]
    quarters = windows("quarter", dt.date(2027, 1, 1), dt.date(2027, 12, 31))
    assert [w.days for w in quarters] == [90, 91, 92, 92]
    years = windows("year", dt.date(2028, 1, 1), dt.date(2029, 12, 31))
    assert [w.days for w in years] == [366, 365]
    b = budgets(years, Percent(Decimal("99.5")))
    assert [(x.hours, x.uptime, x.downtime) for x in b] == [
        (Decimal(8784), Decimal("8740.08"), Decimal("43.92")),  # 43小时55分12秒
        (Decimal(8760), Decimal("8716.2"), Decimal("43.8")),  # 43小时48分钟
    ]


def test_example_figures() -> None:
    fig = load(EXAMPLE).figures
    assert (fig.provider_label, fig.client_label) == ("服务提供方", "服务接受方")
    assert len(fig.windows) == 24 and not fig.partial
    assert [c.amount for c in fig.credits] == [
        Decimal("7500.00"),
        Decimal("15000.00"),
        Decimal("30000.00"),
    ]
    assert [str(c.floor) if c.floor else None for c in fig.credits] == ["99.5%", "99%", None]
    assert fig.year_fee == Decimal("1800000.00")  # 150,000.00 × 12
    assert fig.cap_amount == Decimal("270000.00")  # 15%
    assert all(isinstance(c.amount, Decimal) for c in fig.credits)
    assert "「" not in "".join(text for _t, text in fig.definitions)


def test_partial_windows_are_said_in_the_letter(tmp_path: Path) -> None:
    spec, _ = mutate(tmp_path, ("  effective: 2027-01-01", "  effective: 2027-01-15"))
    md = str(render(spec, to="md"))
    assert "不足一个完整自然月的，以其在服务期限内的实际日历天数为该考核周期" in md
    # 15 to 31 January: 17 days, 408 hours, 0.1% of them is 0.408 h = 24 min 28.8 s
    assert "17日的考核周期（共408小时）为24分28秒" in md
    assert "实际应付的服务费为基数" in md


# ------------------------------------------------------------------ the letter


def minimal_spec(tmp_path: Path) -> Path:
    """Write the example without its optional parts (and the definitions only they use)."""
    data = yaml.safe_load(TEXT)
    for key in ("party_labels", "exclusions", "support", "cooperation", "credits", "annexes"):
        del data[key]
    del data["agreement"]["annex_no"]
    data["definitions"] = [
        d for d in data["definitions"] if d["term"] not in ("计划性维护", "技术支持")
    ]
    path = tmp_path / "minimal.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def docx_text(spec: Path) -> tuple[str, list[list[list[str]]]]:
    """Return the DOCX letter's paragraphs (one a line) and its tables, as python-docx reads them."""
    paragraphs, tables = kindkit.docx_text(spec)
    return "\n".join(paragraphs), tables


def signature_block(tables: list[list[list[str]]]) -> str:
    """Return the text of the signature block (the DOCX lays it out as a table)."""
    (table,) = [t for t in tables if any("（盖章）" in cell for row in t for cell in row)]
    return "\n".join(cell for row in table for cell in row)


def test_docx_says_what_the_spec_says() -> None:
    text, tables = docx_text(EXAMPLE)
    model = load(EXAMPLE).model
    # parties, with their labels
    for party in (model.provider, model.client):
        assert (
            party.name in text and party.credit_code in text and party.legal_representative in text
        )
    assert "服务提供方：苏州云衡信息技术有限公司" in text.replace("\n", "")
    assert text.startswith("服务水平协议\n")
    assert "《物流管理系统云服务协议》附件三" in text and "编号：YH-SLA-2026-0917" in text
    assert "承诺书" not in text and "承诺函" not in text
    # the definitions, marks removed, each term quoted once where it is defined
    for d in model.definitions:
        assert f"“{d.term}”，指{plain(d.text)}。" in text
    assert "「" not in text and "」" not in text
    # availability: target, window, and the allowed downtime of each window length
    assert "不低于99.9%" in text and "考核周期为每个自然月" in text
    for label in (
        "31日的考核周期（共744小时）为44分38秒",
        "30日的考核周期（共720小时）为43分12秒",
        "29日的考核周期（共696小时）为41分45秒",
        "28日的考核周期（共672小时）为40分19秒",
    ):
        assert label in text  # floored to whole seconds: a limit rounded up allows more
    assert "上述时长按整秒取值，不足1秒的尾数舍去。服务期限内共24个考核周期" in text
    assert "38.4秒" not in text
    assert (
        "至少提前72小时书面通知服务接受方计划性维护的时间及影响范围。计划性维护应当在每周六0:00至6:00实施。"
        in text
    )
    assert "符合本部分第3项约定的计划性维护，每个考核周期累计不超过4小时的部分" in text
    assert "扣除本部分第4项所列时间后的余额" in text
    # the severity table: one row per severity, response and repair as written
    (table,) = [t for t in tables if t[0][0] == "故障级别"]
    assert table[0] == ["故障级别", "认定标准", "故障响应时间", "修复时间"]
    rows = [(r[0].split("\n")[0], r[2], r[3]) for r in table[1:]]
    assert rows == [
        ("P1", "15分钟以内", "4小时以内"),
        ("P2", "30分钟以内", "8小时以内"),
        ("P3", "2小时以内", "24小时以内"),
        ("P4", "4小时以内", "72小时以内"),
    ]
    assert (
        table[1][1]
        == "订单管理、仓储管理、运输调度三个模块均发生服务中断，或者服务接受方存储于本服务中的业务数据丢失、损毁"
    )
    assert "不得超过下表所列时限" in text
    # credits, each amount with its 大写 in the strict form
    for amount in (
        "150,000.00元（大写：人民币壹拾伍万元整）",
        "7,500.00元（大写：人民币柒仟伍佰元整）",
        "15,000.00元（大写：人民币壹万伍仟元整）",
        "30,000.00元（大写：人民币叁万元整）",
        "1,800,000.00元（大写：人民币壹佰捌拾万元整）",
        "270,000.00元（大写：人民币贰拾柒万元整）",
    ):
        assert amount in text
    assert "低于99.9%但不低于99.5%的，为该考核周期服务费的5%" in text
    assert "自收到服务接受方书面通知之日起15日内支付" in text
    # missed times: an object and the main agreement's remedies, beside the availability credits
    assert (
        "未在本服务水平协议“故障分级与处理时限”部分所列时限内响应或者修复故障的，依照主协议的约定承担违约责任；"
        "该故障构成服务中断的，其时长仍计入服务中断时长，本条第1项的可用性违约金照常适用。"
    ) in text
    # no forum of its own, no 特此承诺 (an agreement of both, not a promise), the signatures of both
    assert "按照主协议约定的争议解决方式解决" in text and "仲裁" not in text
    assert "特此承诺" not in text
    assert text.index("一式两份") < text.index("附件：") < text.index("计划性维护通知单（格式）")
    sig = signature_block(tables)
    assert "服务提供方（盖章）" in sig and "服务接受方（盖章）" in sig
    assert sig.index("苏州云衡信息技术有限公司") < sig.index("深圳前湾物流股份有限公司")
    assert "韩明远" in sig and "黄志明" in sig
    assert "承诺方" not in text + sig and "接收方" not in text + sig
    assert "2026年12月15日" not in text + sig  # both date their signatures; no printed close date


def test_headings_are_numbered_without_gaps(tmp_path: Path) -> None:
    for spec in (EXAMPLE, minimal_spec(tmp_path)):
        md = str(render(spec, to="md"))
        numbers = re.findall(r"^## (\S+?)、", md, re.M)
        assert numbers == [ordinal_cn(i) for i in range(1, len(numbers) + 1)]
        assert len(numbers) == (10 if spec == EXAMPLE else 8)  # no 技术支持, 配合事项
        assert "\n## " not in md.split("一式两份")[1]
        assert "特此承诺" not in md


def test_optional_parts_leave_no_trace(tmp_path: Path) -> None:
    spec = minimal_spec(tmp_path)
    assert [d.text() for d in findings(spec)] == []
    md = str(render(spec, to="md"))
    assert "技术支持" not in md and "配合事项" not in md and "附件：" not in md
    assert "违约金" not in md and "大写" not in md
    assert (
        "服务提供方未达到本服务水平协议约定的服务可用性，或者未在本服务水平协议“故障分级与处理时限”部分所列时限内"
        "响应或者修复故障的，依照主协议的约定承担违约责任。"
    ) in md
    assert "按照主协议约定的争议解决方式解决" in md
    assert "（《物流管理系统云服务协议》附件）" in md  # no annex number: still titled as an annex
    # without exclusions, force majeure and the client's cause are still left out, and listed
    assert "因不可抗力" in md and "因服务接受方原因" in md and "计划性维护" not in md
    assert re.search(r"^## [一二三四五六七八九]、故障分级与处理时限$", md, re.M)


def test_labels_are_configurable(tmp_path: Path) -> None:
    """Labels set to 甲方 / 乙方 name the parties everywhere: body, notices, signatures."""
    text = TEXT.replace("服务提供方", "乙方").replace("服务接受方", "甲方")
    spec, _ = mutate(tmp_path, base=text)
    assert [d.text() for d in findings(spec)] == []
    body, tables = docx_text(spec)
    sig = signature_block(tables)
    assert "服务提供方" not in body + sig and "服务接受方" not in body + sig
    assert "乙方（盖章）" in sig and "甲方（盖章）" in sig
    assert "乙方——地址：江苏省苏州市" in body and "乙方为甲方提供物流管理系统云服务" in body
    # the same letter with the default labels but 甲方 left in one text is inconsistent
    spec, _ = mutate(
        tmp_path,
        ("  provider: 乙方\n  client: 甲方", "  provider: 服务提供方\n  client: 服务接受方"),
        base=text,
    )
    assert "party-labels" in {d.code for d in findings(spec)}
