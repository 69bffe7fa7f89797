"""letters.modeling and letters.contract: typed models from plain data, with every problem located."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest

from letters import kinds, parts
from letters.checks import check
from letters.contract import from_data, load
from letters.diagnostics import SpecError, dotted
from letters.kinds.continuity.model import ContinuitySpec, Staffing
from letters.kinds.sla_response.model import SlaSpec, Tier
from letters.modeling import Issue, Model, build, describe, f
from letters.units import Duration, Percent

TIER = {
    "level": "L1",
    "name": "基础服务",
    "category": "常规咨询类问题",
    "share": "60%",
    "scenarios": ["需求咨询"],
    "coverage": "business_hours",
    "response": "15min",
    "resolve": "4h",
    "resolve_action": "提供书面解决方案",
    "penalty_per_hour": "0.3%",
}


def codes(issues: list[Issue]) -> list[tuple[str, str]]:
    return [(i.code, dotted(i.path)) for i in issues]


def load_fails(path: Path) -> list:
    with pytest.raises(SpecError) as exc:
        load(path)
    assert exc.value.diagnostics, "a SpecError must carry at least one diagnostic"
    return exc.value.diagnostics


# ----------------------------------------------------------------------------- building


def test_build_converts_text_to_typed_values() -> None:
    tier, issues = build(Tier, TIER, ("tiers", 0))
    assert issues == []
    assert tier is not None
    assert tier.share == Percent(Decimal("60"))
    assert tier.response == Duration(Decimal("15"), "min")
    assert tier.scenarios == ("需求咨询",)
    assert tier.coverage == "business_hours"


def test_acceptance_specs_build_to_typed_models(mutant) -> None:
    sla = load(mutant("sla-response.yaml")).model
    assert isinstance(sla, SlaSpec)
    assert sla.letter.date == dt.date(2026, 11, 22)
    assert sla.business_hours.start == dt.time(9) and sla.business_hours.end == dt.time(18)
    assert [t.level for t in sla.tiers] == ["L1", "L2", "L3"]
    assert sla.disputes[-1].up_to is None and sla.disputes[0].up_to == Decimal(50000)
    cont = load(mutant("continuity.yaml")).model
    assert isinstance(cont, ContinuitySpec)
    assert cont.support.escalation == Duration(Decimal(1), "workday")
    assert cont.performance is not None and cont.performance.latency.seconds == Decimal("0.050")
    assert cont.staffing.total == 20


@pytest.mark.parametrize(
    "coverage, expected",
    [("7x24", "7x24"), ("7×24", "7x24"), ("7*24", "7x24"), (" business_hours ", "business_hours")],
)
def test_choices_are_normalised(coverage: str, expected: str) -> None:
    tier, issues = build(Tier, {**TIER, "coverage": coverage})
    assert issues == [] and tier is not None and tier.coverage == expected


def test_invalid_choice_lists_the_choices() -> None:
    _, issues = build(Tier, {**TIER, "coverage": "24x7"})
    assert codes(issues) == [("invalid-choice", "coverage")]
    assert "business_hours" in issues[0].message and "7x24" in issues[0].message


# ----------------------------------------------------------------------------- unknown keys


def test_unknown_key_suggests_the_close_one() -> None:
    party, issues = build(parts.Party, {"name": "甲", "adress": "杭州"}, ("client",))
    assert codes(issues) == [("unknown-field", "client.adress")]
    assert "adress" in issues[0].message and "您是否想写“address”" in issues[0].message
    assert party is not None  # an unknown key alone does not stop the model


def test_unknown_key_without_a_close_match_lists_the_allowed_keys() -> None:
    _, issues = build(
        Staffing, {"total": "1", "technical": "1", "operations": "0", "support": "0", "zzzzzz": "1"}
    )
    assert codes(issues) == [("unknown-field", "zzzzzz")]
    for name in ("total", "technical", "operations", "support"):
        assert name in issues[0].message


def test_misspelt_spec_field_is_located_and_suggested(mutant) -> None:
    path = mutant("sla-response.yaml", ("  region: 浙江省", "  regoin: 浙江省"))
    contract = load(path)  # still loads: the checks run too
    (d,) = contract.diagnostics
    assert (d.code, dotted(d.path), d.mark.line) == ("unknown-field", "service.regoin", 32)
    assert "region" in d.message


def test_nested_unknown_key_does_not_hide_the_consistency_findings(mutant) -> None:
    path = mutant(
        "sla-response.yaml",
        ("  region: 浙江省", "  regoin: 浙江省"),
        ("share: 10%", "share: 15%"),
    )
    found = {(d.code, dotted(d.path)) for d in check(load(path)) if d.severity == "error"}
    assert found == {("unknown-field", "service.regoin"), ("share-sum", "tiers")}


def test_a_misspelt_required_field_is_one_finding_at_the_key() -> None:
    raw = {k: v for k, v in TIER.items() if k != "penalty_per_hour"}
    tier, issues = build(Tier, {**raw, "penalty_per_hr": "0.3%"}, ("tiers", 0))
    assert tier is None  # the required field is still missing: nothing is built from it
    assert codes(issues) == [("unknown-field", "tiers[0].penalty_per_hr")]
    assert "您是否想写“penalty_per_hour”" in issues[0].message


def test_a_misspelling_in_another_case_is_still_one_finding() -> None:
    raw = {k: v for k, v in TIER.items() if k != "response"}
    _, issues = build(Tier, {**raw, "Respones": "15min"}, ("tiers", 0))
    assert codes(issues) == [("unknown-field", "tiers[0].Respones")]
    assert "response" in issues[0].message


def test_two_misspellings_of_two_fields_are_two_findings() -> None:
    raw = {k: v for k, v in TIER.items() if k not in ("response", "resolve")}
    _, issues = build(Tier, {**raw, "respons": "15min", "resolv": "4h"}, ("tiers", 0))
    assert sorted(codes(issues)) == [
        ("unknown-field", "tiers[0].resolv"),
        ("unknown-field", "tiers[0].respons"),
    ]


def test_a_misspelt_required_spec_field_points_at_the_key(mutant, find_line) -> None:
    text_line = "    penalty_per_hour: 0.3%"
    path = mutant("sla-response.yaml", (text_line, "    penalty_per_hr: 0.3%"))
    (d,) = load_fails(path)
    line = find_line(path.read_text(encoding="utf-8"), "penalty_per_hr")
    assert (d.code, dotted(d.path), d.mark.line, d.mark.column) == (
        "unknown-field",
        "tiers[0].penalty_per_hr",
        line,
        5,
    )
    assert "penalty_per_hour" in d.message


# ----------------------------------------------------------------------------- missing keys


def test_missing_required_key_names_its_path() -> None:
    raw = {k: v for k, v in TIER.items() if k != "response"}
    tier, issues = build(Tier, raw, ("tiers", 1))
    assert tier is None
    assert codes(issues) == [("missing-field", "tiers[1].response")]
    assert "response" in issues[0].message and "响应时效" in issues[0].message
    assert "时长" in issues[0].message  # and what it should be


def test_missing_key_in_a_spec_is_marked_at_its_parent(mutant) -> None:
    path = mutant(
        "sla-response.yaml", ("  total: 1200000.00                # 合同总额（人民币元）\n", "")
    )
    (d,) = load_fails(path)
    assert (d.code, dotted(d.path), d.mark.line) == ("missing-field", "agreement.total", 21)
    assert "total" in d.message and "金额" in d.message


def test_optional_keys_may_be_left_out_or_empty(mutant) -> None:
    path = mutant(
        "sla-response.yaml",
        ("  region: 浙江省", "  region:"),
        ("  industry: 金融", "  industry: ~"),
        ("  - up_to: 500000", "  - up_to: null"),
        (
            "  - forum: 向服务所在地人民法院提起诉讼",
            "  - forum: 向服务所在地人民法院提起诉讼\n    up_to:",
        ),
    )
    contract = load(path)
    m = contract.model
    assert m.service.region is None and m.client.industry is None
    assert m.disputes[1].up_to is None and m.disputes[2].up_to is None
    # the band without a limit before the last one is a finding, not a load error
    assert {d.code for d in check(contract) if d.severity == "error"} == {"dispute-bands"}


@pytest.mark.parametrize("value", ["", "~", "null", '""', "''"])
def test_required_text_may_not_be_empty(mutant, value: str) -> None:
    path = mutant("sla-response.yaml", ("  name: 数据平台运维服务协议", f"  name: {value}"))
    (d,) = load_fails(path)
    assert (d.code, dotted(d.path), d.mark.line) == ("missing-value", "agreement.name", 22)


# ----------------------------------------------------------------------------- wrong types


@pytest.mark.parametrize(
    "old, new, path, expected, actual",
    [
        (
            "scenarios: [需求咨询, 流程指导, 文档查阅]",
            "scenarios: 需求咨询",
            "tiers[0].scenarios",
            "列表",
            "需求咨询",
        ),
        ("  name: 数据平台运维服务协议", "  name: [a, b]", "agreement.name", "文字", "列表"),
        ("  name: 数据平台运维服务协议", "  name: {a: b}", "agreement.name", "文字", "映射"),
        (
            "  name: 数据平台运维服务\n",
            "  name: [数据平台运维服务]\n",
            "service.name",
            "文字",
            "列表",
        ),
        ("  holiday: 80%", "  holiday: [80%]", "adjustments.holiday", "百分比", "列表"),
        ("  total: 1200000.00  ", "  total: {yuan: 1200000}  ", "agreement.total", "金额", "映射"),
    ],
)
def test_wrong_type_says_what_was_expected(mutant, old, new, path, expected, actual) -> None:
    diags = load_fails(mutant("sla-response.yaml", (old, new)))
    (d,) = [d for d in diags if dotted(d.path) == path]
    assert d.code == "wrong-type"
    assert f"应为{expected}" in d.message and actual in d.message


def test_wrong_type_for_a_section(mutant) -> None:
    text_old = 'business_hours:                    # "工作日"的含义\n'
    path = mutant("sla-response.yaml", (text_old, "business_hours: 9-18\nold_business_hours:\n"))
    diags = load_fails(path)
    d = next(d for d in diags if dotted(d.path) == "business_hours")
    assert d.code == "wrong-type" and "映射" in d.message and d.mark.line == 37


@pytest.mark.parametrize(
    "old, new, path, hint",
    [
        ("response: 15min ", "response: fast ", "tiers[0].response", "15min"),
        ("share: 60% ", "share: 60 ", "tiers[0].share", "60%"),
        ("  date: 2026-11-22 ", "  date: 2026-02-30 ", "letter.date", "有效日期"),
        ("  total: 1200000.00 ", "  total: 1200000.001 ", "agreement.total", "两位小数"),
        ("stages: 12", "stages: twelve", "service.stages", "整数"),
        ('  end: "18:00"', '  end: "6pm"', "business_hours.end", "09:00"),
    ],
)
def test_invalid_values_are_explained(mutant, old, new, path, hint) -> None:
    (d,) = load_fails(mutant("sla-response.yaml", (old, new)))
    assert (d.code, dotted(d.path)) == ("invalid-value", path)
    assert hint in d.message


def test_every_problem_is_reported_at_once(mutant) -> None:
    path = mutant(
        "continuity.yaml",
        ("  total: 20", "  total: twenty"),
        ("  core: 4h ", "  core: soon "),
        ("  effective: 2027-01-01", "  effective: 2027-02-30"),
    )
    found = {dotted(d.path) for d in load_fails(path)}
    assert found == {"staffing.total", "recovery.core", "agreement.effective"}


def test_start_of_business_hours_cannot_be_end_of_day(mutant) -> None:
    """24:00 means "end of day": fine for ``end``, but a required start needs a real time."""
    (d,) = load_fails(mutant("sla-response.yaml", ('  start: "09:00"', '  start: "24:00"')))
    assert (d.code, dotted(d.path), d.mark.line) == ("invalid-value", "business_hours.start", 39)
    contract = load(mutant("sla-response.yaml", ('  end: "18:00"', '  end: "24:00"')))
    assert contract.model.business_hours.end is None
    assert [d for d in check(contract) if d.severity == "error"] == []
    assert (
        load(mutant("sla-response.yaml", ('  end: "18:00"', "  end:"))).model.business_hours.end
        is None
    )


@dataclass(frozen=True)
class Clock(Model):
    """A model of the test's own, so that the engine is tested whatever parts.py declares."""

    start: dt.time = f("开始")  # noqa: RUF009 - modeling.f is a field specifier
    end: dt.time | None = f("结束")  # noqa: RUF009 - required; "24:00" means none
    on: bool = f("开关", default=False)
    note: str | None = f("备注", default=None)


@pytest.mark.parametrize(
    "raw, expected, found",
    [
        ({"start": "9:00", "end": "18:00"}, Clock(dt.time(9), dt.time(18)), []),
        ({"start": "9:00", "end": "24:00"}, Clock(dt.time(9), None), []),
        ({"start": "9:00", "end": "24:00", "on": "true"}, Clock(dt.time(9), None, True), []),
        ({"start": "24:00", "end": "18:00"}, None, [("invalid-value", "start")]),
        ({"start": "9:00", "end": None}, None, [("missing-value", "end")]),
        ({"start": "9:00"}, None, [("missing-field", "end")]),
        ({"start": "9:00", "end": "18:00", "on": "yes"}, None, [("wrong-type", "on")]),
        ({"start": "9:00", "end": "18:00", "note": ""}, None, [("missing-value", "note")]),
        ({"start": "9:00", "end": "18:00", "note": None}, Clock(dt.time(9), dt.time(18)), []),
    ],
)
def test_engine_on_a_model_of_its_own(raw, expected, found) -> None:
    model, issues = build(Clock, raw)
    assert model == expected
    assert codes(issues) == found
    assert all(i.message for i in issues)


# ----------------------------------------------------------------------------- templates


def test_unknown_template_lists_the_available_ones(mutant) -> None:
    (d,) = load_fails(mutant("sla-response.yaml", ("template: sla-response", "template: receipt")))
    assert (d.code, dotted(d.path), d.mark.line) == ("unknown-template", "template", 3)
    assert "receipt" in d.message
    for name in kinds.names():
        assert name in d.message


def test_misspelt_template_gets_a_suggestion(mutant) -> None:
    (d,) = load_fails(
        mutant("sla-response.yaml", ("template: sla-response", "template: sla-respons"))
    )
    assert "您是否想写“sla-response”" in d.message


@pytest.mark.parametrize("new", ["", "template: [sla-response]", "template:", "template: {a: b}"])
def test_missing_or_odd_template(mutant, new: str) -> None:
    (d,) = load_fails(mutant("sla-response.yaml", ("template: sla-response", new)))
    assert d.code == "unknown-template"
    assert "continuity" in d.message and "sla-response" in d.message


def test_template_decides_the_model(mutant) -> None:
    """A continuity spec relabelled as sla-response is checked against the sla-response model."""
    diags = load_fails(
        mutant("continuity.yaml", ("template: continuity", "template: sla-response"))
    )
    found = {(d.code, dotted(d.path)) for d in diags}
    assert ("missing-field", "tiers") in found
    assert ("unknown-field", "recovery") in found


# ----------------------------------------------------------------------------- other entry points


def test_from_data_builds_a_contract(base_texts) -> None:
    from letters.source import load_text

    data = load_text(base_texts["continuity.yaml"], "x.yaml").data
    contract = from_data(data, "from-python")
    assert contract.template == "continuity"
    assert contract.file == "from-python"
    assert contract.mark(("staffing", "total")).line == 1  # no source text: the top mark


def test_describe_says_what_is_expected() -> None:
    assert describe(str) == "文字"
    assert "时长" in describe(Duration)
    assert "百分比" in describe(Percent | None)
    assert describe(list[str]).startswith("列表")
    assert "映射" in describe(Tier)
    assert "business_hours" in describe(parts.Coverage)


@pytest.mark.parametrize("value", ["a" * 300 + ".yaml", "a/" * 3000 + "x.yaml", '"a\\tb.yaml"'])
def test_overlong_or_odd_extends_is_a_diagnostic(tmp_path: Path, value: str) -> None:
    """Regression: an overlong name made Path.is_file() raise OSError (ENAMETOOLONG)."""
    spec = tmp_path / "child.yaml"
    spec.write_text(f"extends: {value}\ntemplate: sla-response\n", encoding="utf-8")
    (d,) = load_fails(spec)
    assert d.code == "extends" and d.mark.line == 1


def test_extends_overlays_a_base_spec(base_texts, tmp_path: Path) -> None:
    (tmp_path / "base.yaml").write_text(base_texts["sla-response.yaml"], encoding="utf-8")
    child = tmp_path / "child.yaml"
    child.write_text("extends: base.yaml\nletter:\n  number: X-1\n", encoding="utf-8")
    contract = load(child)
    assert contract.model.letter.number == "X-1"
    assert contract.model.letter.date == dt.date(2026, 11, 22)
    assert contract.mark(("letter", "number")).file.endswith("child.yaml")
    assert contract.mark(("agreement", "total")).file.endswith("base.yaml")


@pytest.mark.parametrize(
    "value, needle",
    [("child.yaml", "循环"), ("[a]", "路径"), ("missing.yaml", "找不到")],
)
def test_bad_extends_is_a_diagnostic(tmp_path: Path, value: str, needle: str) -> None:
    child = tmp_path / "child.yaml"
    child.write_text(f"extends: {value}\ntemplate: sla-response\n", encoding="utf-8")
    (d,) = load_fails(child)
    assert d.code == "extends" and needle in d.message and d.mark.line == 1


# ----------------------------------------------------------------------------- the walk


@dataclass(frozen=True)
class _Node(Model):
    """A model that contains itself, with a number, a choice and an optional list."""

    label: str = f("名称")
    weight: Percent | None = f("权重", default=None)  # noqa: RUF009 - modeling.f is a field specifier
    side: parts.Coverage = f("覆盖", default="7x24")  # noqa: RUF009 - modeling.f is a field specifier
    children: list[_Node] | None = f("下级", default=None)  # noqa: RUF009 - modeling.f is a field specifier


def test_shape_says_how_each_declared_type_decomposes() -> None:
    from letters.modeling import CHOICE, LEAF, LIST, MODEL, OPTIONAL, shape

    sh = shape(_Node)
    assert sh.kind == MODEL and [fl.name for fl in sh.fields] == [
        "label",
        "weight",
        "side",
        "children",
    ]
    assert [fl.required for fl in sh.fields] == [True, False, False, False]
    weight, side, children = (
        sh.by_name["weight"].shape,
        sh.by_name["side"].shape,
        sh.by_name["children"].shape,
    )
    assert weight.kind == OPTIONAL and weight.bare.kind == LEAF and weight.bare.unit == "percent"
    assert side.kind == CHOICE and side.choices == ("business_hours", "7x24")
    assert children.bare.kind == LIST and children.bare.inner is sh  # one object per type
    assert shape(Percent | None) is weight
    with pytest.raises(TypeError):
        shape(int | str)
    with pytest.raises(TypeError):
        shape(float)


def test_follow_goes_along_a_path_as_far_as_the_types_allow() -> None:
    from letters.modeling import LEAF, LIST, MODEL, follow

    sh, n = follow(_Node, ("children", 0, "children", 1, "weight"))
    assert (sh.kind, sh.unit, n) == (LEAF, "percent", 5)
    assert follow(_Node, ())[0].kind == MODEL
    assert follow(_Node, ("children",))[0].kind == LIST
    assert follow(_Node, ("children", 0, "wieght"))[1] == 2  # no such field
    assert follow(_Node, ("label", "x"))[1] == 1  # text is not a mapping
    assert follow(_Node, ("weight", 0))[1] == 1  # a percentage is not a list


def test_leaves_finds_values_of_the_given_types_in_field_order() -> None:
    from letters.modeling import leaves

    tree = _Node(
        "a",
        Percent(Decimal(1)),
        children=(
            _Node("b", None, children=(_Node("c", Percent(Decimal(3))),)),
            _Node("d", Percent(Decimal(4))),
        ),
    )
    assert leaves(tree, (Percent,)) == [
        (("weight",), Percent(Decimal(1))),
        (("children", 0, "children", 0, "weight"), Percent(Decimal(3))),
        (("children", 1, "weight"), Percent(Decimal(4))),
    ]
    assert [p for p, _v in leaves(tree, (str,))] == [
        ("label",),
        ("side",),
        ("children", 0, "label"),
        ("children", 0, "side"),
        ("children", 0, "children", 0, "label"),
        ("children", 0, "children", 0, "side"),
        ("children", 1, "label"),
        ("children", 1, "side"),
    ]
    assert leaves(tree, (Duration,)) == []
