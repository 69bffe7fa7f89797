"""Declare the consistency rules of the 公开承诺书 (``public-undertaking``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...i18n import N_, _, join
from ...rules import Finding, RuleSet, example
from .figures import CYCLE_MONTHS, schedule
from .model import PublicSpec

if TYPE_CHECKING:
    from ...contract import Contract

RULES = RuleSet("public-undertaking")

# the fewest days a calendar cycle of publication can have (February, Q1 of a common year …)
_SHORTEST_CYCLE_DAYS = {1: 28, 3: 90, 6: 181, 12: 365}
_CYCLE_NAME = {
    "month": N_("自然月"),
    "quarter": N_("自然季度"),
    "half_year": N_("自然半年"),
    "year": N_("自然年度"),
}


def _m(c: Contract) -> PublicSpec:
    assert isinstance(c.model, PublicSpec)
    return c.model


@RULES.rule(
    "undertaking-period",
    "error",
    N_("承诺期间的起始日期不晚于截止日期，出具日期不晚于截止日期"),
    why=N_(
        "公开承诺书的各项指标都在承诺期间内考核，可用性的不可用时间上限也按期间内的实际日历天数计算；截止日期早于起始日期，或承诺书在期间结束后才出具，承诺就没有可以履行的期间，通常是年份写错了。"
    ),
    example=example(("  end: 2027-12-31", "  end: 2026-06-30")),
)
def undertaking_period(c: Contract) -> Finding:
    m = _m(c)
    p = m.period
    if p.end < p.start:
        yield c.finding(
            ("period", "end"),
            _("承诺期间截止日期 {end} 早于起始日期 {start}").format(end=p.end, start=p.start),
            (("period", "start"),),
        )
    if m.letter.date > p.end:
        yield c.finding(
            ("letter", "date"),
            _("出具日期 {date} 晚于承诺期间截止日期 {end}，承诺已无从履行").format(
                date=m.letter.date, end=p.end
            ),
            (("period", "end"),),
        )


@RULES.rule(
    "fault-timeline",
    "error",
    N_("重大故障时限依次递进：响应时限短于恢复时限，向监管机构首次报告不早于响应时限"),
    why=N_(
        "重大故障的处置是递进的：先启动应急响应，再恢复服务；响应时限不短于恢复时限，两个承诺无法同时兑现。向监管机构的首次报告应说明故障影响和已经采取的处置措施（《网络安全法》要求发生危害网络安全的事件时立即启动应急预案、采取补救措施，并按照规定向有关主管部门报告），报告时限早于响应时限，报告时尚无处置措施可报。"
    ),
    example=example(("  response: 30min", "  response: 6h")),
)
def fault_timeline(c: Contract) -> Finding:
    m = _m(c)
    f, r = m.major_fault, m.regulator
    if f.response.seconds >= f.recovery.seconds:
        yield c.finding(
            ("major_fault", "response"),
            _("重大故障响应时限 {response} 不短于恢复服务时限 {recovery}").format(
                response=f.response.text(), recovery=f.recovery.text()
            ),
            (("major_fault", "recovery"),),
        )
    if r.initial.seconds < f.response.seconds:
        yield c.finding(
            ("regulator", "initial"),
            _(
                "向监管机构首次报告的时限 {initial} 早于重大故障响应时限 {response}，报告时尚未启动处置"
            ).format(initial=r.initial.text(), response=f.response.text()),
            (("major_fault", "response"),),
        )


@RULES.rule(
    "fault-report-timing",
    "warning",
    N_("重大故障应在恢复时限届满前报告监管机构、公告用户"),
    why=N_(
        "重大故障的报告和公告是为了让监管机构和用户在故障持续期间知情、采取应对措施；首次报告或用户公告的时限长于恢复时限，承诺方可以等服务恢复后再报告，监管机构和用户在故障期间一无所知，容易被认为迟报、瞒报。"
    ),
    example=example(("  initial: 1h", "  initial: 6h")),
)
def fault_report_timing(c: Contract) -> Finding:
    m = _m(c)
    f, r = m.major_fault, m.regulator
    if r.initial.seconds > f.recovery.seconds:
        yield c.finding(
            ("regulator", "initial"),
            _(
                "向监管机构首次报告的时限 {initial} 长于恢复服务时限 {recovery}：故障可能恢复后才报告"
            ).format(initial=r.initial.text(), recovery=f.recovery.text()),
            (("major_fault", "recovery"),),
        )
    if f.user_notice is not None and f.user_notice.seconds > f.recovery.seconds:
        yield c.finding(
            ("major_fault", "user_notice"),
            _(
                "向用户发布故障公告的时限 {notice} 长于恢复服务时限 {recovery}：用户可能在故障恢复后才得到通知"
            ).format(notice=f.user_notice.text(), recovery=f.recovery.text()),
            (("major_fault", "recovery"),),
        )


@RULES.rule(
    "complaint-reply",
    "error",
    N_("投诉答复时限不得长于投诉办结时限"),
    why=N_(
        "答复是办结之前的一步：先告知用户受理结果和处理安排，再在办结时限内处理完毕。答复时限长于办结时限，投诉办结了还没有答复，两个承诺自相矛盾。"
    ),
    example=example(("  reply: 24h", "  reply: 20d")),
)
def complaint_reply(c: Contract) -> Finding:
    cp = _m(c).complaints
    if cp.reply.seconds > cp.resolve.seconds:
        yield c.finding(
            ("complaints", "reply"),
            _("投诉答复时限 {reply} 长于办结时限 {resolve}").format(
                reply=cp.reply.text(), resolve=cp.resolve.text()
            ),
            (("complaints", "resolve"),),
        )


@RULES.rule(
    "disclosure-interval",
    "error",
    N_("信息公开的周期须落在承诺期间之内，发布期限须短于公开周期"),
    why=N_(
        "“每季度公开一次”要求承诺期间内至少有一个完整的自然季度，否则这项公开在承诺期间内一次也不会完整发生；每期的发布期限（周期结束后若干日内）不短于周期本身时，上一期还未发布下一期已经结束，公开永远滞后。"
    ),
    example=example(("    within: 15d", "    within: 120d")),
)
def disclosure_interval(c: Contract) -> Finding:
    m = _m(c)
    p = m.period
    if p.end < p.start:
        return  # undertaking-period reports it
    for i, d in enumerate(m.disclosures):
        s = schedule(d, p.start, p.end)
        if s.complete == 0:
            yield c.finding(
                ("disclosures", i, "every"),
                _(
                    "承诺期间 {start} 至 {end} 内没有一个完整的{cycle}，这项公开无法按周期进行"
                ).format(start=p.start, end=p.end, cycle=_(_CYCLE_NAME[d.every])),
                (("period", "start"), ("period", "end")),
            )
        shortest = _SHORTEST_CYCLE_DAYS[CYCLE_MONTHS[d.every]]
        if d.within.seconds >= shortest * 86400:
            yield c.finding(
                ("disclosures", i, "within"),
                _("发布期限 {within} 不短于公开周期（{cycle}，最短 {days} 日）").format(
                    within=d.within.text(), cycle=_(_CYCLE_NAME[d.every]), days=shortest
                ),
                (("disclosures", i, "every"),),
            )


@RULES.rule(
    "uptime-target",
    "warning",
    N_("公开承诺的服务可用性应低于 100%"),
    why=N_(
        "100% 的可用性意味着考核周期内不得有任何停机，连提前公告的计划性维护也不行，实际上无法做到；向用户或社会公开作出无法兑现的承诺，还可能被认为是对服务质量的虚假或引人误解的宣传（《消费者权益保护法》第二十条）。"
    ),
    example=example(("  target: 99.9%", "  target: 100%")),
)
def uptime_target(c: Contract) -> Finding:
    av = _m(c).availability.target
    if av.value >= 100:
        yield c.finding(
            ("availability", "target"),
            _("可用性 {target} 意味着不得有任何停机（含计划性维护），公开承诺无法兑现").format(
                target=av
            ),
        )


_CONTACT = (("phone", N_("联系电话")), ("email", N_("电子邮箱")), ("address", N_("通讯地址")))


@RULES.rule(
    "department-contact",
    "error",
    N_("负责部门须写明联系电话、电子邮箱和通讯地址"),
    why=N_(
        "公开承诺书没有对方当事人，用户和监管机构只能通过负责部门询问、投诉和送达文书；联系方式不全，承诺书所说的“负责落实”就找不到人。"
    ),
    example=example(("  email: quality@example.cn", "  # email: quality@example.cn")),
)
def department_contact(c: Contract) -> Finding:
    d = _m(c).department
    missing = [_(zh) for key, zh in _CONTACT if getattr(d, key) is None]
    if missing:
        yield c.finding(
            ("department",),
            _("负责部门“{name}”缺少{missing}").format(name=d.name, missing=join(missing)),
        )


@RULES.rule(
    "public-signers",
    "error",
    N_("公开承诺书只由承诺方签署，致送对象不签署、不确认"),
    why=N_(
        "公开承诺书是承诺方向用户、监管机构或社会公众作出的单方承诺，致送对象不是合同相对方，不会在承诺书上签字盖章；列出致送对象的签署人或确认栏，既与文书性质不符，也会让人误以为用户或监管机构接受了其中的条款（包括争议解决条款）。"
    ),
    example=example(
        (
            "signatories:                       # 签署人；只列承诺方的签署人",
            "acknowledgement: true\nsignatories:",
        )
    ),
)
def public_signers(c: Contract) -> Finding:
    m = _m(c)
    if m.acknowledgement:
        yield c.finding(
            ("acknowledgement",),
            _("公开承诺书不设致送对象确认栏；请删去 acknowledgement"),
        )
    for i, s in enumerate(m.signatories):
        if s.party == "client":
            yield c.finding(
                ("signatories", i, "party"),
                _("签署人“{name}”属于致送对象（client）；公开承诺书只由承诺方签署").format(
                    name=s.name
                ),
            )


_SANCTIONS = ("行政处罚", "罚款", "处罚")


@RULES.rule(
    "liability-wording",
    "warning",
    N_("责任条款不得自设行政处罚或罚款"),
    why=N_(
        "行政处罚只能由行政机关依照《行政处罚法》设定和实施，企业不能在承诺书中“承担行政处罚”或自定“罚款”；这样写既无法律效果，又显得不懂法。应写成“接受监管部门依法作出的处理”，对用户的责任写成赔偿损失或服务费抵扣。"
    ),
    example=example(("  - 依法赔偿用户因本公司违反本承诺而遭受的损失", "  - 承担行政处罚")),
)
def liability_wording(c: Contract) -> Finding:
    for i, text in enumerate(_m(c).liabilities):
        word = next((w for w in _SANCTIONS if w in text), None)
        if word is not None:
            yield c.finding(
                ("liabilities", i),
                _("“{text}”自设“{word}”；请改为“接受监管部门依法作出的处理”").format(
                    text=text, word=word
                ),
            )


@RULES.rule(
    "credit-bands",
    "error",
    N_("服务费抵扣档位：可用性阈值不高于承诺值且逐档递减，抵扣比例逐档递增"),
    why=N_(
        "抵扣档位描述的是可用性越低、抵扣越多：第一档的阈值高于承诺的可用性，达标的服务也要抵扣；阈值不递减，同一可用性落入两档；抵扣比例不递增，可用性越差抵扣反而越少。"
    ),
    example=example(("    credit: 25%", "    credit: 5%")),
)
def credit_bands(c: Contract) -> Finding:
    m = _m(c)
    target = m.availability.target
    bands = m.service_credits
    for i, b in enumerate(bands):
        if i == 0 and b.below.value > target.value:
            yield c.finding(
                ("service_credits", 0, "below"),
                _("第1档阈值 {below} 高于可用性承诺 {target}，达标的服务也要抵扣").format(
                    below=b.below, target=target
                ),
                (("availability", "target"),),
            )
        if i and b.below.value >= bands[i - 1].below.value:
            yield c.finding(
                ("service_credits", i, "below"),
                _("第{n}档阈值 {below} 不低于第{prev}档的 {prev_below}，阈值应逐档递减").format(
                    n=i + 1, below=b.below, prev=i, prev_below=bands[i - 1].below
                ),
                (("service_credits", i - 1, "below"),),
            )
        if i and b.credit.value <= bands[i - 1].credit.value:
            yield c.finding(
                ("service_credits", i, "credit"),
                _(
                    "第{n}档抵扣比例 {credit} 不高于第{prev}档的 {prev_credit}，可用性越低抵扣应越多"
                ).format(n=i + 1, credit=b.credit, prev=i, prev_credit=bands[i - 1].credit),
                (("service_credits", i - 1, "credit"),),
            )
