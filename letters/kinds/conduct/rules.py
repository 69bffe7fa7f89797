"""Declare the consistency rules of the 服务行为规范承诺书 (``conduct``).

The prohibited acts and duties carry ids; the breaches refer to them.  The rules make the
references a closed system (every reference defined, every item given a consequence or
deliberately none, no item under two penalties), keep each penalty range a range inside the
cap, keep the inspection cycles inside the term, and keep the wording of a private undertaking
away from administrative sanctions.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from ...diagnostics import Path_, dotted
from ...i18n import N_, _
from ...rules import Finding, RuleSet, example, money
from .model import ConductSpec

if TYPE_CHECKING:
    from ...contract import Contract

RULES = RuleSet("conduct")


def _m(c: Contract) -> ConductSpec:
    assert isinstance(c.model, ConductSpec)
    return c.model


def _items(m: ConductSpec) -> Iterator[tuple[Path_, str]]:
    """Yield (path of the id, id) of every prohibited act, then every duty."""
    for i, act in enumerate(m.prohibited):
        yield ("prohibited", i, "id"), act.id
    for i, duty in enumerate(m.duties):
        yield ("duties", i, "id"), duty.id


@RULES.rule(
    "conduct-id-unique",
    "error",
    N_("禁止行为与义务的代号（id）在全文中不得重复"),
    why=N_(
        "违约情形以代号引用禁止行为或义务；两个条目共用一个代号时，违约情形指向哪一条就说不清，违约金可能落在当事人没有想到的行为上。"
    ),
    example=example(("  - id: sabotage", "  - id: leak")),
)
def conduct_id_unique(c: Contract) -> Finding:
    seen: dict[str, Path_] = {}
    for path, ident in _items(_m(c)):
        if ident in seen:
            yield c.finding(
                path,
                _("代号“{id}”重复（另见 {other}）").format(id=ident, other=dotted(seen[ident])),
                (seen[ident],),
            )
        else:
            seen[ident] = path


@RULES.rule(
    "breach-refers-defined",
    "error",
    N_("违约情形与不适用违约金的条目只能引用已定义的禁止行为或义务"),
    why=N_(
        "违约情形引用了不存在的条目，违约金就没有对应的行为，承诺方违反了什么无从认定；每一违约情形也至少要引用一个条目。"
    ),
    example=example(("      refers: [patching] ", "      refers: [patch] ")),
)
def breach_refers_defined(c: Contract) -> Finding:
    m = _m(c)
    known = {ident for _path, ident in _items(m)}
    for i, b in enumerate(m.liability.breaches):
        if not b.refers:
            yield c.finding(
                ("liability", "breaches", i, "refers"),
                _("违约情形“{name}”没有引用任何禁止行为或义务").format(name=b.name),
            )
        for j, ident in enumerate(b.refers):
            if ident not in known:
                yield c.finding(
                    ("liability", "breaches", i, "refers", j),
                    _("违约情形“{name}”引用的条目“{id}”未在禁止行为或义务中定义").format(
                        name=b.name, id=ident
                    ),
                )
    for j, ident in enumerate(m.liability.not_covered):
        if ident not in known:
            yield c.finding(
                ("liability", "not_covered", j),
                _("不适用违约金的条目“{id}”未在禁止行为或义务中定义").format(id=ident),
            )


@RULES.rule(
    "conduct-item-covered",
    "error",
    N_("每一禁止行为与义务都须有违约后果，或明确列为不适用违约金"),
    why=N_(
        "承诺书列出的禁止行为或义务没有任何违约情形引用、也没有明确排除时，违反它的后果是什么就悬而未决：接收方主张违约金没有依据，承诺方也不知道风险有多大。没有意为之的，请写入 liability.not_covered，正文会写明该条目依主协议及法律规定承担责任。"
    ),
    example=example(("  not_covered: [other, feedback]", "  not_covered: [other]")),
)
def conduct_item_covered(c: Contract) -> Finding:
    m = _m(c)
    if not m.prohibited and not m.duties:
        yield c.finding(("prohibited",), _("承诺书没有列出任何禁止行为或义务"))
        return
    covered = {ident for b in m.liability.breaches for ident in b.refers} | set(
        m.liability.not_covered
    )
    for path, ident in _items(m):
        if ident not in covered:
            if path[0] == "prohibited":
                msg = _("禁止行为“{id}”没有被任何违约情形引用，也未列入不适用违约金的条目").format(
                    id=ident
                )
            else:
                msg = _("义务“{id}”没有被任何违约情形引用，也未列入不适用违约金的条目").format(
                    id=ident
                )
            yield c.finding(path, msg, (("liability", "breaches"),))


@RULES.rule(
    "breach-overlap",
    "error",
    N_("同一条目只能适用一个违约情形，且不得同时列为不适用违约金"),
    why=N_(
        "一个条目被两个违约情形引用时，同一行为对应两个违约金区间，适用哪一个、是否叠加都会有争议；既被引用又被列为不适用违约金，条款自相矛盾。"
    ),
    example=example(
        ("      refers: [interrupt, uptime] ", "      refers: [interrupt, uptime, leak] ")
    ),
)
def breach_overlap(c: Contract) -> Finding:
    lia = _m(c).liability
    first: dict[str, tuple[int, int]] = {}
    for i, b in enumerate(lia.breaches):
        for j, ident in enumerate(b.refers):
            if ident in first:
                k, n = first[ident]
                other = lia.breaches[k].name
                yield c.finding(
                    ("liability", "breaches", i, "refers", j),
                    _("条目“{id}”已由违约情形“{other}”引用，不能再适用“{name}”").format(
                        id=ident, other=other, name=b.name
                    ),
                    (("liability", "breaches", k, "refers", n),),
                )
            else:
                first[ident] = (i, j)
    for j, ident in enumerate(lia.not_covered):
        if ident in first:
            k, n = first[ident]
            yield c.finding(
                ("liability", "not_covered", j),
                _("条目“{id}”已由违约情形“{other}”引用，不能同时列为不适用违约金").format(
                    id=ident, other=lia.breaches[k].name
                ),
                (("liability", "breaches", k, "refers", n),),
            )


@RULES.rule(
    "cure-on-act",
    "warning",
    N_("改正期限只适用于义务，不适用于禁止行为"),
    why=N_(
        "禁止行为一经发生就已完成：泄露的信息收不回来，已经发生的服务中断也无从“改正”。给引用禁止行为的违约情形设改正期限，等于允许承诺方先违反、再在期限内停止而不承担违约金，承诺落空。正文只对该情形所涉的义务适用改正期限；禁止行为请放入不设改正期限的违约情形。"
    ),
    example=example(
        ("      refers: [interrupt, uptime] ", "      refers: [uptime] "),
        ("      refers: [patching] ", "      refers: [patching, interrupt] "),
    ),
)
def cure_on_act(c: Contract) -> Finding:
    m = _m(c)
    acts = {act.id for act in m.prohibited}
    for i, b in enumerate(m.liability.breaches):
        if b.cure_days is None:
            continue
        for j, ident in enumerate(b.refers):
            if ident in acts:
                yield c.finding(
                    ("liability", "breaches", i, "refers", j),
                    _(
                        "违约情形“{name}”设有改正期限 {days}日，但引用了禁止行为“{id}”：禁止行为无从改正，改正期限对它不适用"
                    ).format(name=b.name, days=b.cure_days, id=ident),
                    (("liability", "breaches", i, "cure_days"),),
                )


@RULES.rule(
    "conduct-penalty-range",
    "error",
    N_("每一违约情形的违约金下限不得高于上限"),
    why=N_(
        "违约金以区间约定时，下限高于上限的区间是空的：无论情节轻重都定不出金额，条款形同虚设。"
    ),
    example=example(("    maximum: 50000.00", "    maximum: 5000.00")),
)
def conduct_penalty_range(c: Contract) -> Finding:
    for i, b in enumerate(_m(c).liability.breaches):
        if b.minimum > b.maximum:
            yield c.finding(
                ("liability", "breaches", i, "minimum"),
                _("违约情形“{name}”的违约金下限 {minimum} 高于上限 {maximum}").format(
                    name=b.name, minimum=money(b.minimum), maximum=money(b.maximum)
                ),
                (("liability", "breaches", i, "maximum"),),
            )


@RULES.rule(
    "conduct-penalty-cap",
    "error",
    N_("每一违约情形的违约金上限不得高于违约金累计上限"),
    why=N_(
        "单次违约的违约金上限高于服务期限内的累计上限时，一次违约就可能超过累计上限，两个数字必有一个不会兑现。"
    ),
    example=example(("  cap: 600000.00", "  cap: 200000.00")),
)
def conduct_penalty_cap(c: Contract) -> Finding:
    lia = _m(c).liability
    if lia.cap is None:
        return
    for i, b in enumerate(lia.breaches):
        if b.maximum > lia.cap:
            yield c.finding(
                ("liability", "breaches", i, "maximum"),
                _("违约情形“{name}”的违约金上限 {maximum} 高于累计上限 {cap}").format(
                    name=b.name, maximum=money(b.maximum), cap=money(lia.cap)
                ),
                (("liability", "cap"),),
            )


@RULES.rule(
    "inspection-in-term",
    "error",
    N_("全面检查与专项检查的周期不得长于服务期限"),
    why=N_(
        "检查周期长于服务期限时，服务期限内没有一个完整的检查周期，“每个周期至少检查一次”的承诺一次也不必履行，监督检查条款落空。"
    ),
    example=example(("  special_check_interval: 90d", "  special_check_interval: 400d")),
)
def inspection_in_term(c: Contract) -> Finding:
    m = _m(c)
    a = m.agreement
    days = (a.expires - a.effective).days + 1
    if days <= 0:
        return  # date-order reports the reversed term
    for name in ("full_check_interval", "special_check_interval"):
        interval = getattr(m.supervision, name)
        if interval.seconds > days * 86400:
            values = {
                "interval": interval.text(),
                "start": a.effective,
                "end": a.expires,
                "days": days,
            }
            if name == "full_check_interval":
                message = _(
                    "全面检查周期 {interval} 长于服务期限（{start}至{end}，共{days}日），服务期限内一次全面检查也不必进行"
                ).format(**values)
            else:
                message = _(
                    "专项检查周期 {interval} 长于服务期限（{start}至{end}，共{days}日），服务期限内一次专项检查也不必进行"
                ).format(**values)
            yield c.finding(
                ("supervision", name),
                message,
                (("agreement", "effective"), ("agreement", "expires")),
            )


# Words of public-law sanctions that a private undertaking cannot impose on anyone.
_SANCTION = re.compile(r"罚款|罚金|行政处罚|处罚")


def _texts(m: ConductSpec) -> Iterator[tuple[Path_, str]]:
    for i, act in enumerate(m.prohibited):
        yield ("prohibited", i, "text"), act.text
        for j, ex in enumerate(act.examples):
            yield ("prohibited", i, "examples", j), ex
    for i, duty in enumerate(m.duties):
        yield ("duties", i, "text"), duty.text
    for i, b in enumerate(m.liability.breaches):
        yield ("liability", "breaches", i, "name"), b.name


@RULES.rule(
    "private-fine-wording",
    "warning",
    N_("承诺书约定的是违约金，不得称为罚款、罚金或处罚"),
    why=N_(
        "罚款是行政处罚（《行政处罚法》第九条），罚金是刑罚，只能由行政机关或者人民法院依法作出；企业之间的承诺书只能约定违约金（《民法典》第五百八十五条）。把违约金写成“罚款”，对方可以主张该条款不是违约金约定，或者在调整违约金时引起争议。违法行为依法应受的处罚不因承诺书而增减，正文已写明“不影响有关主管部门依法作出的处理”。"
    ),
    example=example(("  - name: 一般违约", "  - name: 一般违约罚款")),
)
def private_fine_wording(c: Contract) -> Finding:
    for path, text in _texts(_m(c)):
        found = _SANCTION.search(text)
        if found:
            yield c.finding(
                path,
                _(
                    "“{text}”使用了“{word}”：承诺书只能约定违约金，罚款、罚金与处罚只能由国家机关依法作出"
                ).format(text=text, word=found.group(0)),
            )


@RULES.rule(
    "rectify-before-next-check",
    "warning",
    N_("检查发现问题的整改期限不宜长于全面检查周期"),
    why=N_(
        "整改期限长于全面检查周期时，上一次检查发现的问题到下一次全面检查时仍在整改期内，下一次检查无从核实整改结果，问题可以一直“整改中”。"
    ),
    example=example(("  rectify_days: 15", "  rectify_days: 45")),
)
def rectify_before_next_check(c: Contract) -> Finding:
    sv = _m(c).supervision
    interval = sv.full_check_interval
    if sv.rectify_days * 86400 > interval.seconds:
        yield c.finding(
            ("supervision", "rectify_days"),
            _(
                "整改期限 {days}日 长于全面检查周期 {interval}，下一次全面检查时问题仍可处于整改期内"
            ).format(days=sv.rectify_days, interval=interval.text()),
            (("supervision", "full_check_interval"),),
        )
