"""The ``project`` kind (项目服务水平连续性承诺书): rules, figures, template, DOCX, schema, docs.

Every rule of the kind fails at its path and line on a one-place mutation of the example
``contracts/project.yaml`` and is silent on the example; the derived figures (stage periods,
drill dates, evaluation and filing deadlines, the drill penalty total) are checked against
hand-computed values; the DOCX written by the pipeline is reopened with python-docx and must say
what the spec says.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft202012Validator
from kindkit import docx_text, editor_view, findings, line_of, mutate, write_spec

from letters import explain, json_schema
from letters.checks import RULES
from letters.contract import load
from letters.diagnostics import dotted
from letters.kinds import get
from letters.kinds.project import EXAMPLES, KIND
from letters.kinds.project.figures import whole_days
from letters.rendering import render
from letters.scaffold import scaffold_text
from letters.units import parse_duration

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "contracts" / "project.yaml"
OWN_CODES = (
    "project-period",
    "gate-dates",
    "incident-recovery",
    "project-drill-count",
    "evaluation-deadline",
    "must-forbid-conflict",
    "forbid-negative",
)
SEVERITY = {code: "error" for code in OWN_CODES} | {"forbid-negative": "warning"}


def _text() -> str:
    return EXAMPLE.read_text(encoding="utf-8")


def _write(tmp_path: Path, text: str, name: str = "project.yaml") -> Path:
    return write_spec(tmp_path, text, name)


# ----------------------------------------------------------------------------- the kind


def test_kind_is_registered_with_its_rules() -> None:
    kind = get("project")
    assert kind is KIND
    assert tuple(r.code for r in kind.rules) == OWN_CODES
    for code in OWN_CODES:
        assert RULES[code].kinds == ("project",)
    assert kind.templates.joinpath("project.md.j2").is_file()
    assert kind.scaffold.is_file()


def test_example_and_scaffold_have_no_findings(tmp_path: Path) -> None:
    assert [d.text() for d in findings(EXAMPLE)] == []
    assert [d.text() for d in findings(_write(tmp_path, scaffold_text("project")))] == []


# ----------------------------------------------------------------------------- the rules


@dataclass(frozen=True)
class Case:
    id: str
    code: str
    changes: tuple[tuple[str, str], ...]
    path: str
    anchor: str  # unique text of the mutant on the finding's line
    quotes: tuple[str, ...]  # values the message names
    extra: frozenset[str] = frozenset()  # other codes the mutation may also trigger
    severity: str = "error"


CASES = [
    Case(
        "start-after-end",
        "project-period",
        (("start: 2027-04-01", "start: 2028-04-01"),),
        "project.end",
        "end: 2028-03-31",
        ("2028-03-31", "2028-04-01"),
        frozenset({"gate-dates"}),
    ),
    Case(
        "effective-before-letter",
        "project-period",
        (("effective: 2027-03-15", "effective: 2027-03-05"),),
        "effective",
        "effective: 2027-03-05",
        ("2027-03-05", "2027-03-10"),
    ),
    Case(
        "effective-on-start",
        "project-period",
        (("effective: 2027-03-15", "effective: 2027-04-01"),),
        "effective",
        "effective: 2027-04-01",
        ("2027-04-01",),
        frozenset({"gate-dates"}),
    ),
    Case(
        "gate-backwards",
        "gate-dates",
        (("by: 2027-03-29", "by: 2027-03-20"),),
        "preparation.must[2].by",
        "by: 2027-03-20",
        ("2027-03-20", "2027-03-25", "前期准备", "第3项", "第2项"),
    ),
    Case(
        "gate-before-effective",
        "gate-dates",
        (("by: 2027-03-18 ", "by: 2027-03-12 "),),
        "preparation.must[0].by",
        "by: 2027-03-12",
        ("2027-03-12", "2027-03-15"),
    ),
    # a gate on the effective date falls due the day the letter takes effect: breached on day one
    Case(
        "gate-on-effective",
        "gate-dates",
        (("by: 2027-03-18 ", "by: 2027-03-15 "),),
        "preparation.must[0].by",
        "by: 2027-03-15 ",
        ("2027-03-15", "不晚于承诺生效日"),
    ),
    Case(
        "gate-on-start",
        "gate-dates",
        (("by: 2027-03-29", "by: 2027-04-01"),),
        "preparation.must[2].by",
        "by: 2027-04-01",
        ("2027-04-01", "项目启动日"),
    ),
    Case(
        "gate-after-end",
        "gate-dates",
        (("by: 2027-09-30", "by: 2028-04-10"),),
        "implementation.must[3].by",
        "by: 2028-04-10",
        ("2028-04-10", "2027-04-01", "2028-03-31"),
    ),
    Case(
        "gate-after-evaluation",
        "gate-dates",
        (("by: 2028-04-15", "by: 2028-05-10"),),
        "evaluation.must[0].by",
        "by: 2028-05-10",
        ("2028-05-10", "2028-04-30"),
    ),
    Case(
        "recovery-not-after-response",
        "incident-recovery",
        (("initial_recovery: 4h", "initial_recovery: 30min"),),
        "implementation.incident.initial_recovery",
        "initial_recovery: 30min",
        ("30分钟",),
    ),
    Case(
        "drill-interval-longer-than-project",
        "project-drill-count",
        (("interval: 60d", "interval: 400d"),),
        "implementation.drills.interval",
        "interval: 400d",
        ("400日", "366"),
    ),
    Case(
        "drill-interval-in-workdays",
        "project-drill-count",
        (("interval: 60d", "interval: 60workday"),),
        "implementation.drills.interval",
        "interval: 60workday",
        ("60个工作日",),
    ),
    Case(
        "evaluation-in-hours",
        "evaluation-deadline",
        (("within: 30d", "within: 12h"),),
        "evaluation.within",
        "within: 12h",
        ("12小时",),
        frozenset({"gate-dates"}),
    ),
    Case(
        "filing-in-workdays",
        "evaluation-deadline",
        (("within: 15d", "within: 10workday"),),
        "evaluation.filing.within",
        "within: 10workday",
        ("10个工作日",),
    ),
    Case(
        "forbid-what-must-be-done",
        "must-forbid-conflict",
        (
            (
                "    - 隐瞒服务水平未达标的事实",
                "    - 建立实时监控机制 对关键服务指标进行不间断监测,发现异常立即启动应急预案。",
            ),
        ),
        "evaluation.forbid[0]",
        "    - 建立实时监控机制 对关键",
        ("建立实时监控机制", "后期评估", "实施过程"),
    ),
    Case(
        "forbid-double-negative",
        "forbid-negative",
        (
            (
                "    - 删除、篡改监控日志、工单记录及演练记录",
                "    - 在服务中断期间不按应急预案处置，导致问题扩大",
            ),
        ),
        "implementation.forbid[0]",
        "    - 在服务中断期间不按",
        ("在服务中断期间不按应急预案处置，导致问题扩大", "实施过程"),
        severity="warning",
    ),
    Case(
        "forbid-not-on-time",
        "forbid-negative",
        (("    - 隐瞒服务水平未达标的事实", "    - 未按期提交评估报告。"),),
        "evaluation.forbid[0]",
        "    - 未按期提交评估报告",
        ("“未按期提交评估报告”", "后期评估", "承诺方不得未按期提交评估报告"),
        severity="warning",
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_rule_fails_at_its_path_and_line(case: Case, tmp_path: Path) -> None:
    text = mutate(_text(), *case.changes)
    path = _write(tmp_path, text)
    found = findings(path)
    codes = {d.code for d in found}
    assert codes - case.extra == {case.code}, [d.text() for d in found]
    hits = [d for d in found if d.code == case.code and dotted(d.path) == case.path]
    assert hits, [d.text() for d in found]
    d = hits[0]
    assert d.severity == case.severity == SEVERITY[case.code]
    assert d.mark.line == line_of(text, case.anchor)
    assert d.mark.file == str(path)
    for q in case.quotes:
        assert q in d.message, (q, d.message)
    if case.severity == "error":
        with pytest.raises(Exception, match=case.code):  # an error refuses the render
            render(path, to="md")


def test_every_rule_of_the_kind_has_a_case() -> None:
    assert {c.code for c in CASES} == set(OWN_CODES)


def test_conflict_names_the_must_item_it_repeats(tmp_path: Path) -> None:
    text = mutate(
        _text(),
        (
            "    - 隐瞒服务水平未达标的事实",
            "    - 组建专门的服务水平连续性保障团队，明确各岗位职责及协作机制，并将团队成员名单书面告知接收方",
        ),
    )
    (d,) = [d for d in findings(_write(tmp_path, text)) if d.code == "must-forbid-conflict"]
    assert [dotted(p) for p, _mark in d.related] == ["preparation.must[0].text"]
    assert "前期准备" in d.message


@pytest.mark.parametrize(
    "changes",
    [
        (("by: 2027-03-29", "by: 2027-03-31"),),  # the last day before the start
        (("by: 2027-03-18 ", "by: 2027-03-16 "),),  # the day after the effective date
        (("by: 2027-09-30", "by: 2028-03-31"),),  # on the end date
        (("by: 2028-04-15", "by: 2028-04-30"),),  # on the evaluation due date
        (("interval: 60d", "interval: 366d"),),  # exactly one drill
        (("interval: 60d", "interval: 1440h"),),  # 60 days written in hours
        (("initial_recovery: 4h", "initial_recovery: 31min"),),
        (
            ("effective: 2027-03-15", "effective: 2027-03-10"),
            ("by: 2027-03-18 ", "by: 2027-03-11 "),
        ),  # effective on the letter date
        # prohibitions that merely contain a negation, or start with 未经, are not double negatives
        (("    - 隐瞒服务水平未达标的事实", "    - 未经接收方书面同意，向第三方提供评估报告"),),
        (("    - 隐瞒服务水平未达标的事实", "    - 在评估报告中隐瞒服务水平未达标的事实"),),
    ],
)
def test_near_misses_pass(changes: tuple[tuple[str, str], ...], tmp_path: Path) -> None:
    path = _write(tmp_path, mutate(_text(), *changes))
    assert [d.text() for d in findings(path)] == []


def test_shared_rules_apply(tmp_path: Path) -> None:
    # a zero duration is the shared rule's, not the kind's
    text = mutate(_text(), ("interval: 60d", "interval: 0d"))
    found = findings(_write(tmp_path, text))
    assert {d.code for d in found} == {"positive"}
    # a forum in a letter only the provider signs binds nobody
    text = mutate(_text(), ("signatories:", "disputes:\n  - forum: 宁波仲裁委员会\n\nsignatories:"))
    found = findings(_write(tmp_path, text, "forum.yaml"))
    assert {d.code for d in found} == {"one-sided-binding"}
    # with the client's acknowledgement it does
    text = mutate(
        _text(),
        (
            "signatories:",
            "disputes:\n  - forum: 宁波仲裁委员会\nacknowledgement: true\n\nsignatories:",
        ),
    )
    assert findings(_write(tmp_path, text, "both.yaml")) == []


# ----------------------------------------------------------------------------- figures


def test_whole_days() -> None:
    assert whole_days(parse_duration("30d")) == 30
    assert whole_days(parse_duration("48h")) == 2
    assert whole_days(parse_duration("12h")) is None
    assert whole_days(parse_duration("1workday")) is None
    assert whole_days(parse_duration("0d")) is None


def test_figures_of_the_example_across_29_february() -> None:
    fig = load(EXAMPLE).figures
    d = dt.date
    # 2027-04-01 .. 2028-03-31: 275 days in 2027 (Apr–Dec) + 91 in 2028 (31 + 29 + 31)
    assert fig.implementation_days == 366
    assert fig.drill_interval_days == 60
    assert fig.drill_count == 6  # 366 // 60
    assert fig.uncovered_days == 6  # 2028-03-26 .. 2028-03-31
    assert [(x.number, x.first, x.last) for x in fig.drills] == [
        (1, d(2027, 4, 1), d(2027, 5, 30)),
        (2, d(2027, 5, 31), d(2027, 7, 29)),
        (3, d(2027, 7, 30), d(2027, 9, 27)),
        (4, d(2027, 9, 28), d(2027, 11, 26)),
        (5, d(2027, 11, 27), d(2028, 1, 25)),
        (6, d(2028, 1, 26), d(2028, 3, 25)),  # through 29 February
    ]
    assert fig.evaluation_days == 30
    assert fig.evaluation_due == d(2028, 4, 30)  # 31 March + 30 days
    assert fig.filing_due == d(2028, 5, 15)  # + 15 days
    assert [(s.label, s.first, s.last, s.days) for s in fig.stages] == [
        ("前期准备", d(2027, 3, 15), d(2027, 3, 31), 17),
        ("实施过程", d(2027, 4, 1), d(2028, 3, 31), 366),
        ("后期评估", d(2028, 4, 1), d(2028, 5, 15), 45),  # to the filing deadline
    ]
    assert [len(s.gates) for s in fig.stages] == [3, 1, 1]
    assert fig.drill_penalty_total == Decimal("45000.00")  # 7,500.00 × 6
    assert isinstance(fig.drill_penalty_total, Decimal)


def test_figures_of_the_scaffold(tmp_path: Path) -> None:
    fig = load(_write(tmp_path, scaffold_text("project"))).figures
    d = dt.date
    assert fig.implementation_days == 306  # 2027-03-01 .. 2027-12-31
    assert fig.drill_count == 3 and fig.uncovered_days == 36
    assert [x.last for x in fig.drills] == [d(2027, 5, 29), d(2027, 8, 27), d(2027, 11, 25)]
    assert fig.evaluation_due == d(2028, 1, 30)
    assert fig.filing_due == d(2028, 2, 9)
    assert fig.stages[0].days == 28  # 2027-02-01 .. 2027-02-28
    assert (fig.stages[2].last, fig.stages[2].days) == (
        d(2028, 2, 9),
        40,
    )  # 2028-01-01 .. filing due


def test_figures_without_filing_and_liability(tmp_path: Path) -> None:
    spec = yaml.safe_load(_text())
    del spec["evaluation"]["filing"]
    del spec["liability"]
    text = yaml.safe_dump(spec, allow_unicode=True, sort_keys=False)
    fig = load(_write(tmp_path, text)).figures
    assert fig.filing_due is None and fig.drill_penalty_total is None
    assert fig.evaluation_due == dt.date(2028, 4, 30)
    # without a filing the evaluation stage ends with the report's due date
    assert (fig.stages[2].last, fig.stages[2].days) == (dt.date(2028, 4, 30), 30)


# ----------------------------------------------------------------------------- the letter


def test_docx_says_what_the_spec_says() -> None:
    data = render(EXAMPLE, to="docx")
    assert isinstance(data, bytes)
    paragraphs, tables = docx_text(data)
    body = "\n".join(paragraphs)
    spec = yaml.safe_load(_text())
    assert paragraphs[0] == "关于港城智慧园区综合管理平台运维保障项目的服务水平连续性承诺书"
    assert "编号：GC-CN-2027-0016" in paragraphs
    # the party block names both parties once; no separate 致 line repeats the recipient
    assert not any(p.startswith("致：") for p in paragraphs)
    for party in ("provider", "client"):
        assert spec[party]["name"] in body and spec[party]["credit_code"] in body
    assert (
        body.count("宁波港城智慧园区管理有限公司") == 1
    )  # the signature block names the provider only
    assert (
        "《港城智慧园区综合管理平台运维保障服务合同》（编号：GC-FW-2027-016，以下简称“主协议”）"
        in body
    )
    # the terms are defined where the dates are first given, before any use
    assert (
        "项目实施期自2027年4月1日（以下简称“项目启动日”）起至2028年3月31日（以下简称“服务结束日”）止"
        in body
    )
    for term in ("项目启动日", "服务结束日"):
        assert body.index(term) == body.index(f"以下简称“{term}”") + len("以下简称“")
    assert "承诺方承接接收方的港城智慧园区综合管理平台运维保障项目" in body
    assert "以下简称“承诺方”" not in body  # the party block labels the parties
    # no 必须 or 严禁 in the letter: duties read 应当, prohibitions 不得
    assert "必须" not in body and "严禁" not in body
    # the duties of each stage, with their gates
    for stage in ("preparation", "implementation", "evaluation"):
        for duty in spec[stage]["must"]:
            assert duty["text"] in body
        for text in spec[stage]["forbid"]:
            assert f"承诺方不得{text}。" in body
    assert "承诺方应当于2027年3月25日前完成服务水平协议（SLA）的制定" in body
    # a late signature moves the preparation gates with it instead of breaching them on day one
    assert "前期准备各节点的完成期限按生效推迟的日数相应顺延" in body
    # the provider's start does not wait for an act of the client
    assert "经接收方确认" not in body
    # both incident clocks start at one observable moment; the terms are defined before use
    assert (
        "承诺方应当自接收方报告或者承诺方监测发现该服务中断或者功能劣化之时起（以较早者为准）"
        "30分钟内启动应急响应，并自同一时点起4小时内完成初步恢复"
    ) in body
    for term in ("服务中断", "功能劣化", "初步恢复"):
        assert body.index(term) == body.index(f"“{term}”，指") + 1  # first used where it is defined
    assert "以每60日为一个演练周期" in body and "项目实施期共366日，含6个完整的演练周期" in body
    assert "至少开展6次演练" in body and "剩余的6日不足一个周期" in body
    assert "承诺方应当于演练结束之日起5日内将该记录送交接收方" in body
    assert "服务结束日（2028年3月31日）后30日内，即2028年4月30日前" in body
    assert "评估报告应当包括服务达标情况、服务中断事件的复盘及改进措施。" in body
    # filing only with the client's written consent, and of the report (one term: 评估报告)
    assert (
        "接收方于2028年4月30日前书面同意将评估报告提交港城新区数据资源管理局备案的，"
        "承诺方应当在2028年4月30日后15日内，即2028年5月15日前，完成备案"
    ) in body
    assert (
        "该部门要求公示的，承诺方应当事先取得接收方的书面同意，并不得公示涉及接收方商业秘密、个人信息的内容"
        in body
    )
    assert "未经接收方书面同意，承诺方不得向任何第三方提供评估报告" in body
    assert "评估结果" not in body
    # every amount payable with its 大写
    assert "接收方有权要求承诺方支付违约金7,500.00元（大写：人民币柒仟伍佰元整）" in body
    assert "承诺方向" not in body and "方应向" not in body  # no 承诺/方向 misparse
    assert "合计不超过45,000.00元（大写：人民币肆万伍仟元整）" in body
    assert "违约金2,000.00元（大写：人民币贰仟元整）" in body
    assert "不超过80,000.00元（大写：人民币捌万元整）" in body
    # effective date, closing, annexes after 特此承诺 and before the signature
    assert "自2027年3月15日起生效" in body
    # an early end of the main agreement ends the remaining stages, not accrued liability or the evaluation
    assert (
        "主协议在服务结束日前解除或者终止的，自主协议解除或者终止之日起，承诺方不再承担本承诺书项下尚未履行的前期准备与实施过程义务"
        in body
    )
    assert "但该日以前已经发生的违约责任不受影响" in body
    assert "对已经完成的工作，承诺方仍应当履行本承诺书“后期评估”部分约定的义务" in body
    closing = paragraphs.index("特此承诺。")
    assert paragraphs[closing + 1] == "附件："
    assert paragraphs[closing + 2 : closing + 4] == [
        f"{k}.\t{a}" for k, a in enumerate(spec["annexes"], 1)
    ]
    assert paragraphs[-1] == "2027年3月10日"
    # the tables: stages, drills, the signature block
    stages, drills, signature = tables
    assert stages == [
        ["阶段", "起始日", "结束日", "共计", "节点"],
        [
            "前期准备",
            "2027年3月15日",
            "2027年3月31日",
            "17日",
            "2027年3月18日\n2027年3月25日\n2027年3月29日",
        ],
        ["实施过程", "2027年4月1日", "2028年3月31日", "366日", "2027年9月30日"],
        ["后期评估", "2028年4月1日", "2028年5月15日", "45日", "2028年4月15日"],
    ]
    assert drills[0] == ["演练次序", "周期起始日", "最迟完成日期"]
    assert [row[0] for row in drills[1:]] == [f"第{k}次" for k in range(1, 7)]
    assert drills[-1] == ["第6次", "2028年1月26日", "2028年3月25日"]
    cell = "\n".join(c for row in signature for c in row)
    assert "承诺方（盖章）：杭州衡信数智科技有限公司" in cell and "法定代表人：陈立峰" in cell
    # signed by the provider alone: nothing binds the client
    assert "接收方（盖章）" not in cell
    assert "双方应" not in body and "一式两份" not in body
    assert "承诺方愿首先与接收方友好协商解决；协商不成的，按照主协议约定的争议解决方式处理" in body


def test_both_parties_sign_with_acknowledgement(tmp_path: Path) -> None:
    text = mutate(
        _text(),
        (
            "signatories:",
            "disputes:\n  - forum: 宁波仲裁委员会\nacknowledgement: true\n\nsignatories:",
        ),
    )
    data = render(_write(tmp_path, text), to="docx")
    assert isinstance(data, bytes)
    paragraphs, tables = docx_text(data)
    body = "\n".join(paragraphs)
    cell = "\n".join(c for row in tables[-1] for c in row)
    assert "承诺方（盖章）" in cell and "接收方（盖章）" in cell
    assert "宁波港城智慧园区管理有限公司" in cell and "法定代表人或授权代表" in cell
    assert "双方应首先友好协商解决" in body and "宁波仲裁委员会" in body
    assert "本承诺书一式两份，双方各执一份" in body
    assert "经双方加盖公章" in body


def test_optional_parts_leave_no_gaps(tmp_path: Path) -> None:
    # no preparation duties, no filing, no liability, no annexes
    spec = yaml.safe_load(_text())
    spec["preparation"] = {"must": [], "forbid": []}
    del spec["evaluation"]["filing"]
    del spec["liability"]
    del spec["annexes"]
    path = _write(tmp_path, yaml.safe_dump(spec, allow_unicode=True, sort_keys=False))
    assert [d.text() for d in findings(path)] == []
    md = render(path, to="md")
    assert isinstance(md, str)
    headings = [line for line in md.splitlines() if line.startswith("## ")]
    assert headings == [
        "## 一、阶段与期限",
        "## 二、实施过程",
        "## 三、后期评估",
        "## 四、违约责任",
        "## 五、争议解决",
        "## 六、通知与送达",
        "## 七、附则",
    ]
    assert "港城新区数据资源管理局" not in md and "大写" not in md and "附件" not in md
    assert "顺延" not in md  # no preparation gate to move
    assert "后期评估阶段自服务结束日的次日起至2028年4月30日止，即评估报告送交的最迟日期" in md
    assert "依照主协议的约定承担违约责任；主协议没有约定的" in md
    # the stage table still lists the preparation stage, with no gate
    assert "| 前期准备 | 2027年3月15日 | 2027年3月31日 | 17日 | 无 |" in md


def test_markdown_and_docx_come_from_one_rendering() -> None:
    md = render(EXAMPLE, to="md")
    assert isinstance(md, str)
    assert md.startswith("# 关于港城智慧园区综合管理平台运维保障项目的服务水平连续性承诺书\n")
    assert "| 第6次 | 2028年1月26日 | 2028年3月25日 |" in md
    assert "天" not in md  # legal text counts days in 日
    assert render(EXAMPLE, to="docx") == render(EXAMPLE, to="docx")  # deterministic


# ----------------------------------------------------------------------------- schema, docs


def test_generated_schema_validates_the_example_and_the_scaffold() -> None:
    schema = json_schema.schema("project")
    Draft202012Validator.check_schema(schema)
    v = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    for text in (_text(), scaffold_text("project")):
        assert [e.message for e in v.iter_errors(editor_view(text))] == []
    bad = editor_view(mutate(_text(), ("interval: 60d", "interval: 60 weeks")))
    assert list(v.iter_errors(bad))
    assert json.loads(json_schema.schema_text("project"))["title"].endswith("（template: project）")


@pytest.mark.parametrize("code", OWN_CODES)
def test_rules_explains_each_code_with_a_verified_example(code: str) -> None:
    info = explain.info(code)
    assert info.doc.base == "project" and info.doc.why
    base = scaffold_text("project")
    assert explain.findings(base) == []
    fired = [d for d in explain.findings(explain.mutate(base, info.doc.changes)) if d.code == code]
    assert fired and {d.severity for d in fired} == {SEVERITY[code]}
    ex = explain.example(code)
    assert ex is not None and ex.found and ex.passing != ex.failing


def test_offered_example_of_a_shared_rule_fires() -> None:
    base = scaffold_text("project")
    for code, doc in EXAMPLES.items():
        fired = [d for d in explain.findings(explain.mutate(base, doc.changes)) if d.code == code]
        assert fired, code


def test_rules_command_explains_a_project_rule(cli) -> None:
    done = cli("rules", "project-drill-count")
    assert done.returncode == 0, done.stderr
    assert "适用于：project" in done.stdout
    assert "interval: 400d" in done.stdout
    assert "error[project-drill-count] implementation.drills.interval" in done.stdout
