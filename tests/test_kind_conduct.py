"""The ``conduct`` kind (服务行为规范承诺书): rules, figures, letter, schema and rule docs.

Every rule of the kind fails on a one-place mutation of ``contracts/conduct.yaml`` at the
expected path and source line, and is silent on the example and on near misses; the derived
figures are checked against hand-computed values; the DOCX written by ``letters render`` is
read back with python-docx; the JSON Schema accepts the example.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator
from kindkit import editor_view, findings, line_of, write_mutant

from letters import explain
from letters import json_schema as js
from letters.checks import RULES
from letters.contract import load
from letters.diagnostics import dotted
from letters.kinds.conduct import KIND
from letters.kinds.conduct.figures import figures
from letters.kinds.conduct.model import ConductSpec
from letters.scaffold import scaffold_text
from letters.units import Duration

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "contracts" / "conduct.yaml"
Run = Callable[..., subprocess.CompletedProcess[str]]
CODES = [r.code for r in KIND.rules]


def write(tmp_path: Path, *changes: tuple[str, str], name: str = "conduct.yaml") -> Path:
    """Write the example with each (old, new) applied; each *old* occurs exactly once."""
    return write_mutant(tmp_path, EXAMPLE.read_text(encoding="utf-8"), *changes, name=name)[0]


def plain(message: str) -> str:
    return re.sub(r"(?<=\d),(?=\d{3})", "", message)


# ----------------------------------------------------------------------------- the example


def test_rules_are_registered_for_the_kind() -> None:
    assert len(CODES) >= 3
    assert CODES == [
        "conduct-id-unique",
        "breach-refers-defined",
        "conduct-item-covered",
        "breach-overlap",
        "cure-on-act",
        "conduct-penalty-range",
        "conduct-penalty-cap",
        "inspection-in-term",
        "private-fine-wording",
        "rectify-before-next-check",
    ]
    for code in CODES:
        assert RULES[code].kinds == ("conduct",)


def test_example_and_scaffold_are_clean() -> None:
    assert [d.text() for d in findings(EXAMPLE)] == []
    assert explain.findings(scaffold_text("conduct")) == []


def test_example_passes_strict_check(cli: Run) -> None:
    done = cli("check", "--strict", EXAMPLE)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 个错误，0 个警告" in done.stdout + done.stderr


# ----------------------------------------------------------------------------- failing cases


@dataclass(frozen=True)
class Case:
    id: str
    code: str
    changes: tuple[tuple[str, str], ...]
    path: str
    anchor: str  # text unique in the mutant that starts the expected line
    quotes: tuple[str, ...] = ()
    extra: frozenset[str] = field(default_factory=frozenset)  # other codes allowed alongside


CASES = [
    Case(
        "act-twice",
        "conduct-id-unique",
        (("  - id: sabotage", "  - id: leak"),),
        "prohibited.3.id",
        "  - id: leak\n    text: 故意",
        ("leak", "prohibited[1].id"),
        frozenset({"breach-refers-defined"}),
    ),
    Case(
        "duty-as-act",
        "conduct-id-unique",
        (("  - id: uptime", "  - id: interrupt"),),
        "duties.0.id",
        "  - id: interrupt\n    text: 建立",
        ("interrupt",),
        frozenset({"breach-refers-defined"}),
    ),
    Case(
        "undefined-ref",
        "breach-refers-defined",
        (("refers: [maintenance, team]", "refers: [maintenance, teams]"),),
        "liability.breaches.2.refers.1",
        "      refers: [maintenance, teams]",
        ("teams", "逾期未改正"),
        frozenset({"conduct-item-covered"}),
    ),
    Case(
        "undefined-not-covered",
        "breach-refers-defined",
        (
            (
                "not_covered: [other, feedback, assessment]",
                "not_covered: [other, feedback, assessment, audit]",
            ),
        ),
        "liability.not_covered.3",
        "  not_covered:",
        ("audit",),
    ),
    Case(
        "empty-refers",
        "breach-refers-defined",
        (("refers: [leak, illegal, sabotage]", "refers: []"),),
        "liability.breaches.0.refers",
        "      refers: []",
        ("严重违约",),
        frozenset({"conduct-item-covered"}),
    ),
    Case(
        "uncovered-duty",
        "conduct-item-covered",
        (("not_covered: [other, feedback, assessment]", "not_covered: [other, feedback]"),),
        "duties.4.id",
        "  - id: assessment",
        ("assessment",),
    ),
    Case(
        "uncovered-act",
        "conduct-item-covered",
        (("refers: [leak, illegal, sabotage]", "refers: [leak, sabotage]"),),
        "prohibited.2.id",
        "  - id: illegal",
        ("illegal",),
    ),
    Case(
        "two-breaches",
        "breach-overlap",
        (("refers: [interrupt, uptime]", "refers: [interrupt, uptime, leak]"),),
        "liability.breaches.1.refers.2",
        "      refers: [interrupt, uptime, leak]",
        ("leak", "严重违约", "一般违约"),
    ),
    Case(
        "breach-and-excluded",
        "breach-overlap",
        (
            (
                "not_covered: [other, feedback, assessment]",
                "not_covered: [other, feedback, assessment, uptime]",
            ),
        ),
        "liability.not_covered.3",
        "  not_covered:",
        ("uptime", "一般违约"),
    ),
    Case(
        "cure-for-an-act",
        "cure-on-act",
        (
            ("refers: [interrupt, uptime]", "refers: [uptime]"),
            ("refers: [maintenance, team]", "refers: [maintenance, team, interrupt]"),
        ),
        "liability.breaches.2.refers.2",
        "      refers: [maintenance, team, interrupt]",
        ("逾期未改正", "7日", "interrupt"),
    ),
    Case(
        "min-above-max",
        "conduct-penalty-range",
        (("      maximum: 80000.00", "      maximum: 8000.00"),),
        "liability.breaches.1.minimum",
        "      minimum: 20000.00",
        ("20000.00元", "8000.00元", "一般违约"),
    ),
    Case(
        "max-above-cap",
        "conduct-penalty-cap",
        (("  cap: 1000000.00", "  cap: 400000.00"),),
        "liability.breaches.0.maximum",
        "      maximum: 500000.00",
        ("500000.00元", "400000.00元", "严重违约"),
    ),
    Case(
        "special-beyond-term",
        "inspection-in-term",
        (("  special_check_interval: 90d", "  special_check_interval: 732d"),),
        "supervision.special_check_interval",
        "  special_check_interval",
        ("732日", "731", "2027-01-01", "2028-12-31"),
    ),
    Case(
        "full-beyond-term-hours",
        "inspection-in-term",
        (("  full_check_interval: 30d", "  full_check_interval: 17568h"),),
        "supervision.full_check_interval",
        "  full_check_interval",
        ("17568小时", "731"),
    ),
    Case(
        "fine-in-name",
        "private-fine-wording",
        (("    - name: 一般违约", "    - name: 一般违约罚款"),),
        "liability.breaches.1.name",
        "    - name: 一般违约罚款",
        ("罚款", "一般违约罚款"),
    ),
    Case(
        "sanction-in-example",
        "private-fine-wording",
        (("[网络诈骗, 传播违法信息]", "[网络诈骗, 传播违法信息, 逃避行政处罚]"),),
        "prohibited.2.examples.2",
        "    examples: [网络诈骗",
        ("行政处罚",),
    ),
    Case(
        "rectify-too-long",
        "rectify-before-next-check",
        (("  rectify_days: 15", "  rectify_days: 31"),),
        "supervision.rectify_days",
        "  rectify_days: 31",
        ("31日", "30日"),
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[f"{k.code}:{k.id}" for k in CASES])
def test_rule_fails_on_its_mutation(tmp_path: Path, case: Case) -> None:
    path = write(tmp_path, *case.changes)
    text = path.read_text(encoding="utf-8")
    found = findings(path)
    assert {d.code for d in found} <= {case.code} | case.extra, [d.text() for d in found]
    mine = [d for d in found if d.code == case.code and dotted(d.path) == dotted(_path(case.path))]
    assert mine, f"no {case.code} at {case.path}: {[d.text() for d in found]}"
    d = mine[0]
    assert d.severity == RULES[case.code].severity
    assert d.mark.file == str(path)
    assert d.mark.line == line_of(text, case.anchor), d.text()
    for q in case.quotes:
        assert q in plain(d.message), f"{q!r} not quoted in {d.message!r}"
    for _related_path, mark in d.related:
        assert mark.line >= 1


def _path(text: str) -> tuple[str | int, ...]:
    return tuple(int(p) if p.isdigit() else p for p in text.split("."))


def test_every_rule_has_a_failing_case() -> None:
    assert {k.code for k in CASES} == set(CODES)


NEAR_MISSES = [
    ("special-equals-term", (("  special_check_interval: 90d", "  special_check_interval: 731d"),)),
    ("rectify-equals-cycle", (("  rectify_days: 15", "  rectify_days: 30"),)),
    ("max-equals-cap", (("  cap: 1000000.00", "  cap: 500000.00"),)),
    ("fixed-amount", (("      maximum: 80000.00", "      maximum: 20000.00"),)),
    ("no-cap", (("  cap: 1000000.00\n", ""),)),
    (
        "duty-and-act-in-one-breach",
        (
            ("refers: [leak, illegal, sabotage]", "refers: [leak, illegal]"),
            ("refers: [interrupt, uptime]", "refers: [interrupt, uptime, sabotage]"),
        ),
    ),
    ("no-repeat-period", (("  repeat_days: 30", "  # repeat_days: 30"),)),
    (
        "act-without-cure-beside-a-cured-breach",
        (
            ("refers: [interrupt, uptime]", "refers: [uptime]"),
            ("refers: [leak, illegal, sabotage]", "refers: [leak, illegal, sabotage, interrupt]"),
        ),
    ),
    (
        "handling-is-no-sanction",
        (
            (
                "    text: 故意干扰平台的正常运行",
                "    text: 故意干扰平台的正常运行或者拖延处理用户投诉",
            ),
        ),
    ),
]


@pytest.mark.parametrize("name, changes", NEAR_MISSES, ids=[n for n, _ in NEAR_MISSES])
def test_near_misses_pass(tmp_path: Path, name: str, changes: tuple[tuple[str, str], ...]) -> None:
    assert [d.text() for d in findings(write(tmp_path, *changes))] == []


# ----------------------------------------------------------------------------- shared legal rules


DISPUTES = "signatories:"


def test_one_sided_letter_cannot_bind_the_client_to_a_forum(tmp_path: Path) -> None:
    path = write(tmp_path, (DISPUTES, "disputes:\n  - forum: 南京仲裁委员会\n\nsignatories:"))
    found = findings(path)
    assert [(d.code, dotted(d.path)) for d in found] == [("one-sided-binding", "disputes[0].forum")]
    assert found[0].severity == "warning"


def test_acknowledged_letter_binds_both_and_says_so(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        (DISPUTES, "disputes:\n  - forum: 南京仲裁委员会\n\nacknowledgement: true\n\nsignatories:"),
    )
    assert findings(path) == []
    from letters.rendering import render

    md = render(path, to="md")
    assert isinstance(md, str)
    assert "双方应首先友好协商解决" in md and "提交南京仲裁委员会" in md
    assert "接收方（盖章）" in md and "一式两份" in md
    assert "以后签署一方的签署日期为生效日期" in md


def test_unilateral_letter_binds_only_the_provider() -> None:
    from letters.rendering import render

    md = render(EXAMPLE, to="md")
    assert isinstance(md, str)
    assert "双方" not in md
    assert "接收方（盖章）" not in md and "一式两份" not in md
    assert "承诺方愿首先与接收方友好协商解决" in md and "按照主协议约定的争议解决方式处理" in md
    for word in ("罚款", "罚金", "处罚"):
        assert word not in md
    assert md.index("特此承诺。") < md.index("附件：") < md.index("承诺方（盖章）")


# ----------------------------------------------------------------------------- derived figures


def model(path: Path = EXAMPLE) -> ConductSpec:
    m = load(path).model
    assert isinstance(m, ConductSpec)
    return m


def test_figures_of_the_example() -> None:
    fig = figures(model())
    # 2027 has 365 days, 2028 is a leap year with 366: the term has 731 days.
    assert fig.term_days == 731
    # 731 // 30 = 24 complete 30-day cycles, 731 // 90 = 8 complete 90-day cycles.
    assert fig.full.count == 24 and fig.special.count == 8
    # the first cycles end on day 30 and day 90 of the term: 30 January and 31 March 2027
    assert fig.full.first_end == dt.date(2027, 1, 30)
    assert fig.special.first_end == dt.date(2027, 3, 31)
    # prohibited: interrupt 1, leak 2, illegal 3, sabotage 4, other 5;
    # duties: uptime 1, maintenance 2, team 3, feedback 4, assessment 5
    serious, general, late = fig.breaches
    assert (serious.acts, serious.duties) == ((2, 3, 4), ())
    assert (general.acts, general.duties) == ((1,), (1,))
    assert (late.acts, late.duties) == ((), (2, 3))
    assert late.breach.cure_days == 7 and general.breach.cure_days is None
    assert (fig.uncovered_acts, fig.uncovered_duties) == ((5,), (4, 5))
    assert fig.cap == Decimal("1000000.00")
    assert fig.ranged  # 200,000–500,000 and 20,000–80,000 are ranges
    assert serious.breach.minimum == Decimal("200000.00") and serious.breach.maximum == Decimal(
        "500000.00"
    )


def test_cycles_in_hours_and_working_days(tmp_path: Path) -> None:
    m = model(
        write(
            tmp_path,
            ("  full_check_interval: 30d", "  full_check_interval: 36h"),
            ("  special_check_interval: 90d", "  special_check_interval: 20workday"),
        )
    )
    fig = figures(m)
    # 731 days × 24 h = 17,544 h; 17,544 // 36 = 487 complete cycles; 36 h is no whole day
    assert fig.full.count == 487 and fig.full.first_end is None
    assert fig.full.interval == Duration(Decimal("36"), "h")
    # working days are not counted against calendar days: no count, no date
    assert fig.special.count is None and fig.special.first_end is None


def test_fixed_amounts_print_one_figure_and_no_range_clause(tmp_path: Path) -> None:
    from letters.rendering import render

    path = write(
        tmp_path,
        ("      maximum: 500000.00", "      maximum: 200000.00"),
        ("      maximum: 80000.00", "      maximum: 20000.00"),
        ("      maximum: 50000.00", "      maximum: 10000.00"),
    )
    assert findings(path) == []
    assert figures(model(path)).ranged is False
    md = render(path, to="md")
    assert isinstance(md, str)
    assert "| 200,000.00元<br>（大写：人民币贰拾万元整） |" in md
    assert "| 20,000.00元<br>（大写：人民币贰万元整） |" in md
    assert "| 10,000.00元<br>（大写：人民币壹万元整） |" in md
    assert "数额的确定" not in md and "区间" not in md


def test_references_follow_the_order_of_the_lists(tmp_path: Path) -> None:
    """Moving an item moves its printed number in every breach that refers to it."""
    text = EXAMPLE.read_text(encoding="utf-8")
    block = (
        "  - id: interrupt\n    text: 无正当理由中断或者停止提供服务，致使用户无法正常使用平台\n"
    )
    assert text.count(block) == 1
    moved = text.replace(block, "").replace("  - id: other\n", block + "  - id: other\n")
    path = tmp_path / "moved.yaml"
    path.write_text(moved, encoding="utf-8")
    fig = figures(model(path))
    # leak 1, illegal 2, sabotage 3, interrupt 4, other 5
    assert fig.breaches[0].acts == (1, 2, 3) and fig.breaches[1].acts == (4,)


# ----------------------------------------------------------------------------- the DOCX letter


@pytest.fixture(scope="module")
def letter(tmp_path_factory: pytest.TempPathFactory, cli: Run) -> Any:
    from docx import Document

    out = tmp_path_factory.mktemp("conduct-out")
    done = cli("render", EXAMPLE, "-o", out)
    assert done.returncode == 0, done.stderr
    return Document(str(out / "conduct.docx"))


def _text(doc: Any) -> str:
    return "\n".join(p.text for p in doc.paragraphs)


def test_docx_names_the_parties_and_the_agreement(letter: Any) -> None:
    body = _text(letter)
    spec = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    assert "服务行为规范承诺书" in body
    for role in ("provider", "client"):
        assert spec[role]["name"] in body
        assert spec[role]["credit_code"] in body
        assert spec[role]["legal_representative"] in body
    assert "《汇联商城平台运维服务协议》（编号：HL-YW-2026-0117" in body
    assert "自2027年1月1日起至2028年12月31日止，共731日" in body
    assert (
        "《中华人民共和国民法典》《中华人民共和国网络安全法》《中华人民共和国个人信息保护法》《中华人民共和国电子商务法》"
        in body
    )


def test_docx_lists_every_act_and_duty(letter: Any) -> None:
    body = _text(letter)
    spec = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    for act in spec["prohibited"]:
        assert act["text"] in body
        if act.get("examples"):
            assert "包括但不限于" + "、".join(act["examples"]) in body
    for duty in spec["duties"]:
        assert duty["text"] in body


def test_docx_prints_the_inspection_figures(letter: Any) -> None:
    body = _text(letter)
    assert "合规与风险管理部" in body
    assert "每30日为一个全面检查周期，每90日为一个专项检查周期" in body
    assert "服务期限内全面检查不少于24次、专项检查不少于8次" in body
    assert "首个全面检查周期至2027年1月30日届满，首个专项检查周期至2027年3月31日届满" in body
    assert "专项检查针对用户个人信息保护、系统安全漏洞、应急处置等事项进行" in body
    assert "15日内完成整改" in body and "5日内，将检查结果以书面形式告知接收方" in body


def test_docx_table_gives_each_breach_its_items_and_range(letter: Any) -> None:
    tables = [t for t in letter.tables if t.rows[0].cells[0].text == "违约情形"]
    assert len(tables) == 1
    rows = [[c.text.replace("\n", "") for c in row.cells] for row in tables[0].rows]
    assert rows[0] == ["违约情形", "构成条件", "每次违约的违约金"]
    assert rows[1] == [
        "严重违约",
        "从事本承诺书“禁止行为”第2、3、4项所列行为之一",
        "200,000.00元（大写：人民币贰拾万元整）至500,000.00元（大写：人民币伍拾万元整）",
    ]
    assert rows[2] == [
        "一般违约",
        "从事本承诺书“禁止行为”第1项所列行为，或者未履行本承诺书“承诺方的义务”第1项所列义务",
        "20,000.00元（大写：人民币贰万元整）至80,000.00元（大写：人民币捌万元整）",
    ]
    assert rows[3] == [
        "逾期未改正",
        "未履行本承诺书“承诺方的义务”第2、3项所列义务之一，"
        "且自承诺方发现或者收到接收方书面通知之日起（以较早者为准）7日内仍未改正",
        "10,000.00元（大写：人民币壹万元整）至50,000.00元（大写：人民币伍万元整）",
    ]
    body = _text(letter)
    assert (
        "“禁止行为”第5项所列行为，或者未履行本承诺书“承诺方的义务”第4、5项所列义务的，不适用上表所列违约金"
        in body
    )
    assert "累计不超过1,000,000.00元（大写：人民币壹佰万元整）" in body
    assert "发生上表“严重违约”情形的，接收方有权解除主协议" in body


def test_docx_answers_the_review(letter: Any) -> None:
    body = _text(letter)
    assert "强制要求" not in body and "承诺方的义务" in body
    assert (
        "7×24小时不间断运行" not in body and "每月可用率不低于99.9%（按主协议约定的方法计算" in body
    )
    # 次 is defined, a continuing breach counts again every 30 days
    assert "上表所称“每次违约”，指每一违约行为或者每一项义务的每一次未履行" in body
    assert "同一违约行为持续的，自构成违约之日起每持续满30日另计一次违约" in body
    # the amount is the recipient's to claim within the range; no attempt to bind a tribunal
    assert "接收方有权在上表所列区间内" in body and "受理争议的机构" not in body
    # sub-processing of personal information needs the recipient's consent (PIPL art. 21(3))
    assert (
        "未经接收方书面同意，不得转委托第三方处理（《中华人民共和国个人信息保护法》第二十一条第三款）"
        in body
    )
    # counts and the cap restart in each renewal period
    assert "每一续展期间视为一个新的服务期限" in body and "违约金累计上限在该期间单独适用" in body
    assert "服务期限内（主协议续展的，每一续展期间分别计算）" in body
    # one cure clock, and a consequence for missed rectification
    assert "以该改正期限为准，该期限同样自承诺方发现之日起计算" in body
    assert "承诺方逾期未完成整改的，依本承诺书“违约责任”部分承担责任" in body


def test_cure_period_is_split_off_from_the_acts(tmp_path: Path) -> None:
    from letters.rendering import render

    path = write(
        tmp_path,
        ("refers: [interrupt, uptime]", "refers: [uptime]"),
        ("refers: [maintenance, team]", "refers: [maintenance, team, interrupt]"),
    )
    assert [d.code for d in findings(path)] == ["cure-on-act"]
    md = render(path, to="md")
    assert isinstance(md, str)
    assert (
        "（1）从事本承诺书“禁止行为”第1项所列行为；<br>（2）未履行本承诺书“承诺方的义务”第2、3项所列义务之一，"
        "且自承诺方发现或者收到接收方书面通知之日起（以较早者为准）7日内仍未改正。<br>改正期限只适用于第（2）项"
    ) in md


def test_without_repeat_days_a_continuing_breach_counts_once(tmp_path: Path) -> None:
    from letters.rendering import render

    md = render(write(tmp_path, ("  repeat_days: 30", "  # repeat_days: 30")), to="md")
    assert isinstance(md, str)
    assert "同一违约行为持续的，无论持续多久均计为一次违约" in md


def test_docx_is_signed_by_the_provider_alone(letter: Any) -> None:
    body = _text(letter)
    signature = [t for t in letter.tables if "承诺方（盖章）" in _cells(t)]
    assert len(signature) == 1
    sig = _cells(signature[0])
    assert "苏州澄湖网络科技有限公司" in sig and "法定代表人" in sig and "沈嘉禾" in sig
    assert "接收方（盖章）" not in sig + body
    assert body.index("特此承诺。") < body.index("附件：")
    assert "用户个人信息保护管理制度" in body and "汇联商城平台应急预案" in body
    # the signature block follows the annex list and precedes the date of the letter
    children = list(letter.element.body.iterchildren())
    annex = next(
        i for i, el in enumerate(children) if "汇联商城平台应急预案" in "".join(el.itertext())
    )
    table = children.index(signature[0]._tbl)
    assert annex < table
    assert body.rstrip().endswith("2026年12月15日")


def _cells(table: Any) -> str:
    return "\n".join(cell.text for row in table.rows for cell in row.cells)


# ----------------------------------------------------------------------------- schema and docs


def test_schema_accepts_the_example_and_refuses_a_stray_field() -> None:
    v = Draft202012Validator(
        js.schema("conduct"), format_checker=Draft202012Validator.FORMAT_CHECKER
    )
    data = editor_view(EXAMPLE.read_text(encoding="utf-8"))
    assert [e.message for e in v.iter_errors(data)] == []
    assert [e.message for e in v.iter_errors(editor_view(scaffold_text("conduct")))] == []
    data["liability"]["breaches"][0]["penalty"] = 1
    assert list(v.iter_errors(data))


def test_schema_command_prints_the_kind(cli: Run) -> None:
    done = cli("schema", "conduct")
    assert done.returncode == 0, done.stderr
    schema = json.loads(done.stdout)
    assert "服务行为规范承诺书" in json.dumps(schema, ensure_ascii=False)
    assert "not_covered" in done.stdout and "special_check_interval" in done.stdout


@pytest.mark.parametrize("code", CODES)
def test_rule_doc_example_fires(code: str) -> None:
    info = explain.info(code)
    assert info.doc.base == "conduct" and re.search(r"[\u4e00-\u9fff]", info.doc.why)
    ex = explain.example(code)
    assert ex is not None and ex.found
    assert {d.severity for d in ex.found} == {info.severity}


def test_rules_command_explains_a_code(cli: Run) -> None:
    done = cli("rules", "breach-overlap")
    assert done.returncode == 0, done.stderr
    assert "error[breach-overlap] liability.breaches[1].refers[2]" in done.stdout
