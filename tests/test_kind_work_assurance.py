"""The ``work-assurance`` kind (工作保障承诺书): rules, derived figures, the DOCX read back, schema.

Every rule of the kind fails at the right path and line on a one-place mutation of the example
``contracts/work-assurance.yaml`` and is silent on the example; the figures (cycles, counts,
deadlines, who does what) are checked against hand-computed values; the DOCX the pipeline
writes is reopened with python-docx and must say what the spec says.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import docx
import pytest
from jsonschema import Draft202012Validator
from kindkit import all_text, cells, editor_view, line_of, open_docx, write_mutant

import letters
from letters import explain, kinds
from letters.checks import check
from letters.contract import load
from letters.diagnostics import dotted
from letters.json_schema import schema
from letters.kinds.work_assurance.figures import Cycle, cycles, figures, fits, rota_size
from letters.kinds.work_assurance.model import WorkAssuranceSpec
from letters.scaffold import scaffold_text

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "contracts" / "work-assurance.yaml"
TEXT = EXAMPLE.read_text(encoding="utf-8")
KIND = "work-assurance"
OWN_CODES = [
    "assurance-period",
    "cadence-fits-period",
    "drill-cadence-order",
    "incident-time-order",
    "recovery-target",
    "checks-per-shift",
    "duty-roster",
    "duty-owner",
    "idle-member",
]


def _write(tmp_path: Path, *changes: tuple[str, str], text: str = TEXT) -> Path:
    return write_mutant(tmp_path, text, *changes, name="work-assurance.yaml")[0]


def _spec(path: Path = EXAMPLE) -> WorkAssuranceSpec:
    model = load(path).model
    assert isinstance(model, WorkAssuranceSpec)
    return model


# ------------------------------------------------------------------ the example and the kind


def test_the_kind_is_registered_with_its_rules() -> None:
    kind = kinds.get(KIND)
    assert kind.model is WorkAssuranceSpec
    assert [r.code for r in kind.rules] == OWN_CODES
    assert all(r.severity in ("error", "warning") for r in kind.rules)


def test_example_has_no_findings_at_all() -> None:
    assert check(load(EXAMPLE)) == []


def test_scaffold_has_no_findings_at_all(tmp_path: Path) -> None:
    path = tmp_path / "s.yaml"
    path.write_text(scaffold_text(KIND), encoding="utf-8")
    assert check(load(path)) == []
    assert explain.findings(scaffold_text(KIND)) == []


def test_cli_check_strict_passes_on_the_example(cli) -> None:  # type: ignore[no-untyped-def]
    done = cli("check", "--strict", EXAMPLE)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 个错误，0 个警告" in done.stdout


# ------------------------------------------------------------------ every rule: path and line

# (id, code, severity, changes, expected path, text (unique in the mutant) on the expected line,
#  values the message must quote)
CASES = [
    (
        "end-before-start",
        "assurance-period",
        "error",
        (("  end: 2027-12-31", "  end: 2026-12-31"),),
        "work.end",
        "  end: 2026-12-31",
        ("2026-12-31", "2027-01-01"),
    ),
    (
        "letter-after-end",
        "assurance-period",
        "error",
        (("  date: 2026-12-15", "  date: 2028-01-05"),),
        "letter.date",
        "  date: 2028-01-05",
        ("2028-01-05", "2027-12-31"),
    ),
    (
        "yearly-review-in-a-quarter",
        "cadence-fits-period",
        "error",
        (("  end: 2027-12-31", "  end: 2027-03-31"),),
        "supervision.review.every",
        "    every: year",
        ("保障方案更新", "每年", "90"),
    ),
    (
        "drills-rarer-than-stress-tests",
        "drill-cadence-order",
        "warning",
        (("    every: week", "    every: half_year\n    # 演练改为每半年"),),
        "technical.restore_drill.every",
        "    every: half_year\n    # 演练改为每半年",
        ("每半年", "每季度"),
    ),
    (
        "stress-rarer-than-review",
        "drill-cadence-order",
        "warning",
        (
            ("    every: quarter\n    owner: 许晓峰", "    every: year\n    owner: 许晓峰"),
            ("    every: year\n    owner: 周明远", "    every: half_year\n    owner: 周明远"),
        ),
        "technical.stress_test.every",
        "    every: year\n    owner: 许晓峰",
        ("每年", "每半年"),
    ),
    (
        "respond-not-after-detect",
        "incident-time-order",
        "error",
        (("  respond: 15min", "  respond: 5min"),),
        "incident.respond",
        "  respond: 5min",
        ("5分钟",),
    ),
    (
        "recover-not-after-respond",
        "incident-time-order",
        "error",
        (
            ("  recover: 4h", "  recover: 10min"),
            ("  supplier_response: 4h", "  supplier_response: 10min"),
        ),
        "incident.recover",
        "  recover: 10min",
        ("10分钟", "15分钟"),
    ),
    (
        "recover-over-a-day",
        "recovery-target",
        "warning",
        (
            ("  recover: 4h", "  recover: 48h"),
            ("  supplier_response: 4h", "  supplier_response: 24h"),
        ),
        "incident.recover",
        "  recover: 48h",
        ("48小时",),
    ),
    (
        "supplier-slower-than-recovery",
        "recovery-target",
        "warning",
        (("  supplier_response: 4h", "  supplier_response: 8h"),),
        "resources.supplier_response",
        "  supplier_response: 8h",
        ("8小时", "4小时"),
    ),
    (
        "safety-checks-fewer-than-shifts",
        "checks-per-shift",
        "error",
        (("    per_day: 3", "    per_day: 2"),),
        "checks.safety.per_day",
        "    per_day: 2",
        ("安全检查", "2", "3"),
    ),
    (
        "inspections-fewer-than-shifts",
        "checks-per-shift",
        "error",
        (("  shifts_per_day: 3", "  shifts_per_day: 8"),),
        "checks.safety.per_day",
        "    per_day: 3",
        ("8",),
    ),
    (
        "rota-too-small",
        "duty-roster",
        "warning",
        (("  roster: 14", "  roster: 12"),),
        "duty.roster",
        "  roster: 12",
        ("12", "168", "3", "40", "13"),
    ),
    (
        "owner-not-a-member",
        "duty-owner",
        "error",
        (
            (
                "  stress_test:\n    every: quarter\n    owner: 许晓峰",
                "  stress_test:\n    every: quarter\n    owner: 许小峰",
            ),
        ),
        "technical.stress_test.owner",
        "    owner: 许小峰",
        ("压力测试", "许小峰"),
    ),
    (
        "lead-not-a-member",
        "duty-owner",
        "error",
        (("  lead: 周明远", "  lead: 周名远"),),
        "organisation.lead",
        "  lead: 周名远",
        ("周名远",),
    ),
    (
        "two-members-one-name",
        "duty-owner",
        "error",
        (
            (
                "    - name: 方磊\n      role: 资源保障负责人",
                "    - name: 方磊\n      role: 资源保障负责人\n    - name: 顾婷\n      role: 安全专员",
            ),
        ),
        "organisation.members[5].name",
        "    - name: 顾婷\n      role: 安全专员",
        ("顾婷",),
    ),
    (
        "member-without-duty",
        "idle-member",
        "warning",
        (
            (
                "    - name: 方磊\n      role: 资源保障负责人",
                "    - name: 方磊\n      role: 资源保障负责人\n    - name: 钱多多\n      role: 安全专员",
            ),
        ),
        "organisation.members[5]",
        "    - name: 钱多多",
        ("钱多多", "安全专员"),
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_rule_fires_at_its_path_and_line(case: tuple, tmp_path: Path) -> None:  # type: ignore[type-arg]
    _id, code, severity, changes, path, anchor, quotes = case
    spec = _write(tmp_path, *changes)
    found = check(load(spec))
    mine = [d for d in found if d.code == code]
    assert mine, [d.text() for d in found]
    d = next((d for d in mine if dotted(d.path) == path), None)
    assert d is not None, [d.text() for d in mine]
    assert d.severity == severity
    text = spec.read_text(encoding="utf-8")
    assert d.mark.line == line_of(text, anchor), d.text()
    assert d.mark.file.endswith("work-assurance.yaml")
    for q in quotes:
        assert q in d.message, (q, d.message)
    # a single mutation never trips another rule of this kind (the shared rules may react to
    # a date or a name, but no other code here)
    others = {x.code for x in found} - {code} - {"cadence-fits-period", "idle-member"}
    assert not others & set(OWN_CODES), others


def test_every_own_rule_has_a_case() -> None:
    assert {c[1] for c in CASES} == set(OWN_CODES)


def test_duty_owner_names_the_related_members_list(tmp_path: Path) -> None:
    spec = _write(tmp_path, ("  owner: 林志强\n  dual_review", "  owner: 林志刚\n  dual_review"))
    (d,) = [d for d in check(load(spec)) if d.code == "duty-owner"]
    assert dotted(d.path) == "incident.owner"
    assert [dotted(p) for p, _m in d.related] == ["organisation.members"]


@pytest.mark.parametrize("code", OWN_CODES)
def test_rule_is_documented_with_a_verified_example(code: str, cli) -> None:  # type: ignore[no-untyped-def]
    info = explain.info(code)
    assert info.doc.base == KIND and info.doc.why
    ex = explain.example(code)
    assert ex is not None and ex.found
    assert {d.code for d in ex.found} == {code}
    assert {d.severity for d in ex.found} == {info.severity}
    done = cli("rules", code)
    assert done.returncode == 0, done.stderr
    assert info.summary in done.stdout and "work-assurance" in done.stdout


def test_duty_roster_is_silent_without_a_roster_and_at_the_minimum(tmp_path: Path) -> None:
    assert [rota_size(n) for n in (1, 2, 3, 5)] == [5, 9, 13, 21]  # ⌈168 × n ÷ 40⌉
    at_minimum = _write(tmp_path, ("  roster: 14", "  roster: 13"))
    assert [d.code for d in check(load(at_minimum)) if d.code == "duty-roster"] == []
    without = _write(
        tmp_path,
        (
            "  roster: 14                       # 168小时 × 3名 ÷ 每人每周40小时 = 12.6，至少13名\n",
            "",
        ),
    )
    assert check(load(without)) == []
    md = letters.render(without, to="md")
    assert isinstance(md, str) and "参与轮班" not in md


def test_report_is_due_after_each_cycle_and_outlives_the_period(tmp_path: Path) -> None:
    fig = figures(_spec())
    report = fig.by_path["supervision.report"]
    assert report.due[0] == dt.date(2027, 2, 10)  # January's report, 10 days after January ends
    assert report.due[-1] == dt.date(2028, 1, 10)
    # other measures are due on the last day of their cycle
    assert fig.by_path["organisation.meeting"].due[0] == dt.date(2027, 1, 31)
    spec = _write(tmp_path, ("    due_days: 10", "    due_days: 0"))
    assert [dotted(d.path) for d in check(load(spec)) if d.code == "positive"] == [
        "supervision.report.due_days"
    ]


def test_shared_positive_rule_covers_zero_counts(tmp_path: Path) -> None:
    spec = _write(tmp_path, ("    per_day: 6", "    per_day: 0"))
    found = [d for d in check(load(spec)) if d.code == "positive"]
    assert [dotted(d.path) for d in found] == ["checks.inspection.per_day"]


def test_disputes_in_a_one_sided_letter_warn(tmp_path: Path) -> None:
    spec = _write(
        tmp_path,
        ("amendment_notice: 15d", "amendment_notice: 15d\n\ndisputes:\n  - forum: 东岚仲裁委员会"),
    )
    codes = {d.code for d in check(load(spec))}
    assert "one-sided-binding" in codes


# ------------------------------------------------------------------ derived figures


def test_cycles_of_the_example_year() -> None:
    start, end = dt.date(2027, 1, 1), dt.date(2027, 12, 31)
    quarters = cycles(start, end, "quarter")
    assert [c.end for c in quarters] == [
        dt.date(2027, 3, 31),
        dt.date(2027, 6, 30),
        dt.date(2027, 9, 30),
        dt.date(2027, 12, 31),
    ]
    assert quarters[1].start == dt.date(2027, 4, 1)
    weeks = cycles(start, end, "week")
    # 365 days = 52 weeks + 1 day; the spare day joins the last week
    assert len(weeks) == 52
    assert weeks[0] == Cycle(dt.date(2027, 1, 1), dt.date(2027, 1, 7))
    assert weeks[-1] == Cycle(dt.date(2027, 12, 24), dt.date(2027, 12, 31))
    assert [c.end for c in cycles(start, end, "half_year")] == [
        dt.date(2027, 6, 30),
        dt.date(2027, 12, 31),
    ]
    assert len(cycles(start, end, "month")) == 12
    assert cycles(start, end, "year") == (Cycle(start, end),)


def test_cycles_from_a_month_end_and_leftover_days() -> None:
    # from 31 January: 1 month later is 28 February (2027 is a common year), then 31 March
    monthly = cycles(dt.date(2027, 1, 31), dt.date(2027, 5, 10), "month")
    assert [c.end for c in monthly] == [
        dt.date(2027, 2, 27),
        dt.date(2027, 3, 30),
        dt.date(2027, 5, 10),
    ]
    # 2028 is a leap year: 29 February exists
    assert cycles(dt.date(2028, 1, 31), dt.date(2028, 3, 30), "month")[0].end == dt.date(
        2028, 2, 28
    )
    # a period shorter than one cycle is one cycle, and does not fit
    assert cycles(dt.date(2027, 1, 1), dt.date(2027, 2, 15), "quarter") == (
        Cycle(dt.date(2027, 1, 1), dt.date(2027, 2, 15)),
    )
    assert not fits(dt.date(2027, 1, 1), dt.date(2027, 2, 15), "quarter")
    assert fits(dt.date(2027, 1, 1), dt.date(2027, 3, 31), "quarter")
    assert not fits(dt.date(2027, 1, 1), dt.date(2027, 3, 30), "quarter")


def test_example_figures_hand_computed() -> None:
    fig = figures(_spec())
    assert fig.days == 365
    by = fig.by_path
    assert by["checks.safety"].count == 3 * 365 == 1095
    assert by["checks.inspection"].count == 6 * 365 == 2190
    assert by["technical.stress_test"].count == 4
    assert [c.end for c in by["technical.stress_test"].cycles][-1] == dt.date(2027, 12, 31)
    assert by["technical.restore_drill"].count == 52
    assert by["technical.restore_drill"].cycles[0].end == dt.date(2027, 1, 7)
    assert by["resources.inventory"].count == 2
    assert by["supervision.review"].count == 1
    assert by["supervision.report"].count == 12
    assert by["organisation.meeting"].cadence_text == "每月"
    assert by["checks.safety"].cadence_text == "每日3次"
    assert by["duty"].count is None and by["incident"].count is None
    assert fig.shift_length == Decimal(8)
    assert (fig.safety_per_shift, fig.inspection_per_shift) == (1, 2)
    assert fig.cadences == (
        ("每周", "7日"),
        ("每月", "1个月"),
        ("每季度", "3个月"),
        ("每半年", "6个月"),
        ("每年", "12个月"),
    )
    duties = {m.member.name: (m.is_lead, m.duties) for m in fig.members}
    assert duties == {
        "周明远": (True, ("监督抽查", "保障方案更新")),
        "林志强": (False, ("工作例会", "故障应急处置", "履行情况报告")),
        "许晓峰": (False, ("压力测试", "备份恢复演练", "服务数据分析")),
        "顾婷": (False, ("值班安排", "安全检查", "核心设备巡检")),
        "方磊": (False, ("交叉培训", "应急物资盘点")),
    }
    assert len(fig.counted) == 11  # every measure except the duty rota and incident handling


def test_uneven_shifts_print_no_shift_length(tmp_path: Path) -> None:
    spec = _write(
        tmp_path,
        ("  shifts_per_day: 3", "  shifts_per_day: 7"),
        ("    per_day: 3", "    per_day: 7"),
        ("    per_day: 6", "    per_day: 15"),
    )
    fig = figures(_spec(spec))
    assert fig.shift_length is None  # 24 h / 7 is not a whole number of minutes
    assert (fig.safety_per_shift, fig.inspection_per_shift) == (1, 2)
    text = letters.render(spec, to="md")
    assert isinstance(text, str)
    assert "每日分7个班次轮换，每班次值班人员" in text


# ------------------------------------------------------------------ the letter read back


def _table(d: docx.document.Document, first: str) -> list[list[str]]:
    return cells(next(t for t in d.tables if t.rows[0].cells[0].text == first))


def test_docx_says_what_the_spec_says() -> None:
    d = open_docx(EXAMPLE)
    text = all_text(d)
    for expected in (
        "工作保障承诺书",
        "编号：DL-BZ-2026-0158",
        "致：东岚市数据资源管理局",
        "东岚数智运维科技有限公司",
        "91331202MA2KD7QX55",
        "收函单位",
        "自2027年1月1日起至2027年12月31日止（以下简称“保障期”，共365日）安全、稳定、连续运行",
        "本承诺书承诺按周期开展的事项",
        "我单位可以以具有同等资格和能力的人员替换上表所列人员",
        "我单位应自替换之日起3日内书面通知贵单位",
        "参与轮班的值班人员共不少于14名（不含备用技术人员）",
        "每日开展安全检查不少于3次，每个值班班次不少于1次，保障期内合计不少于1095次",
        "每日分3个班次轮换（每班次8小时），每班次值班人员不少于3名",
        "保障期内不少于4次，各次分别不迟于2027年3月31日、2027年6月30日、2027年9月30日、2027年12月31日完成",
        "保障期内不少于52次，首次不迟于2027年1月7日完成",
        "自监控告警或者接到故障报告之时（以较早者为准）起5分钟内确认故障，15分钟内启动应急响应，4小时内恢复服务",
        "异地存放于浙江省澜溪市政务云灾备中心",
        "确保供应商自接到我单位通知之时起4小时内到场",
        "配备备用技术人员不少于4名",
        "发现问题的，我单位应自发现之日起7日内完成整改",
        "每个周期（每月）结束后10日内，就该周期内本承诺书的履行情况向贵单位提交一次书面报告",
        "共应提交12次，首次不迟于2027年2月10日提交，最后一次不迟于2028年1月10日提交",
        "我单位未履行本承诺书所作承诺的，应自发现之日或者收到贵单位书面通知之日起7日内完成整改",
        "至少提前15日书面告知贵单位",
        "有效期至保障期截止日（2027年12月31日）止；保障期最后一个周期的履行情况报告，我单位仍应不迟于2028年1月10日提交",
        "政务云平台运行保障应急预案",
        "2026年12月15日",
    ):
        assert expected in text, expected
    members = _table(d, "姓名")
    assert members[0] == ["姓名", "小组职务", "负责事项"]
    assert members[1] == ["周明远", "组长", "统筹协调、监督抽查、保障方案更新"]
    assert members[5] == ["方磊", "资源保障负责人", "交叉培训、应急物资盘点"]
    plan = _table(d, "事项")
    assert plan[0] == ["事项", "频次", "保障期内不少于", "首次完成期限", "责任人"]
    rows = {r[0]: r[1:] for r in plan[1:]}
    assert rows["压力测试"] == ["每季度", "4次", "2027年3月31日", "许晓峰"]
    assert rows["备份恢复演练"] == ["每周", "52次", "2027年1月7日", "许晓峰"]
    assert rows["安全检查"] == ["每日3次", "1095次", "2027年1月1日", "顾婷"]
    assert rows["应急物资盘点"] == ["每半年", "2次", "2027年6月30日", "方磊"]
    assert rows["保障方案更新"] == ["每年", "1次", "2027年12月31日", "周明远"]
    assert rows["履行情况报告"] == ["每月", "12次", "2027年2月10日", "林志强"]
    sig = [c.text for c in d.tables[-1].rows[0].cells]
    assert any(
        "承诺方（盖章）" in c and "东岚数智运维科技有限公司" in c and "周明远" in c for c in sig
    )


def test_one_sided_letter_binds_only_the_provider() -> None:
    d = open_docx(EXAMPLE)
    text = all_text(d)
    assert "双方" not in text  # no clause binds the unit the letter is addressed to
    assert "致函单位" not in text  # 致函 is what the sender does: the addressee is the 收函单位
    assert "相关责任人" not in text and "故障发生之时" not in text and "约定" not in text
    assert "一式两份" not in text and "争议解决" not in text
    assert "接收方（盖章）" not in text
    for word in ("违约金", "服务费", "罚款", "赔偿"):
        assert word not in text, word
    # 特此承诺 closes the body before the annex list
    paras = [p.text for p in d.paragraphs]
    assert paras.index("特此承诺。") < paras.index("附件：")


def test_markdown_numbering_has_no_gaps_without_optional_parts(tmp_path: Path) -> None:
    text = TEXT
    for block in (
        "  report:\n    every: month\n    owner: 林志强\n    due_days: 10                   # 每月结束后10日内报告该月的履行情况\n",
        "amendment_notice: 15d\n",
    ):
        text = text.replace(block, "")
    spec = _write(
        tmp_path,
        ("  reserve_staff: 4\n  cross_training:\n    every: quarter\n    owner: 方磊\n", ""),
        text=text,
    )
    assert check(load(spec)) == []
    md = letters.render(spec, to="md")
    assert isinstance(md, str)
    assert "履行情况报告" not in md and "备用人员" not in md and "提前15日" not in md
    resources = md[md.index("### （四）资源保障") : md.index("## 四、监督与改进")]
    assert "1. **备品备件**" in resources and "2. **应急物资盘点**" in resources
    assert "## 八、附则" in md and "## 九、" not in md


# ------------------------------------------------------------------ JSON Schema


def test_schema_command_prints_a_schema_the_example_validates_against(cli) -> None:  # type: ignore[no-untyped-def]
    done = cli("schema", KIND)
    assert done.returncode == 0, done.stderr
    printed = json.loads(done.stdout)
    assert printed == schema(KIND)
    v = Draft202012Validator(printed, format_checker=Draft202012Validator.FORMAT_CHECKER)
    Draft202012Validator.check_schema(printed)
    for text in (TEXT, scaffold_text(KIND)):
        assert [e.message for e in v.iter_errors(editor_view(text))] == []
    bad = editor_view(TEXT.replace("    every: week", "    every: fortnight"))
    assert list(v.iter_errors(bad))
