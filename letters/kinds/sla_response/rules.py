"""Declare the consistency rules of the 服务响应时间承诺函 (``sla-response``)."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from ...i18n import N_, _
from ...rules import Finding, RuleSet, example, money, repeats
from ...units import Percent
from .model import SlaSpec

if TYPE_CHECKING:
    from ...contract import Contract

RULES = RuleSet("sla-response")


def _m(c: Contract) -> SlaSpec:
    assert isinstance(c.model, SlaSpec)
    return c.model


@RULES.rule(
    "share-sum",
    "error",
    N_("各响应级别的预计占比合计必须恰好为 100%"),
    why=N_(
        "各响应级别的预计占比描述的是全部服务请求的划分，合计必须恰好为 100%；否则占比与违约金测算都失去依据。"
    ),
    example=example(("share: 60%", "share: 65%")),
)
def share_sum(c: Contract) -> Finding:
    tiers = _m(c).tiers
    if not tiers:
        yield c.finding(("tiers",), _("至少需要一个响应级别"))
        return
    total = sum((t.share.value for t in tiers), Decimal(0))
    if total != 100:
        parts = " + ".join(str(t.share) for t in tiers)
        yield c.finding(
            ("tiers",),
            _("各级占比合计 {total}（{parts}），应恰好为 100%").format(
                total=Percent(total), parts=parts
            ),
            tuple(("tiers", i, "share") for i in range(len(tiers))),
        )


@RULES.rule(
    "tier-level-unique",
    "error",
    N_("响应级别代号不得重复"),
    why=N_(
        "级别代号（如 L1、L2）在正文、违约金条款和退出机制中被引用；代号重复时，引用指向哪一级就说不清了。"
    ),
    example=example(("level: L3", "level: L2")),
)
def tier_level_unique(c: Contract) -> Finding:
    tiers = _m(c).tiers
    for i, first in repeats(t.level for t in tiers):
        yield c.finding(
            ("tiers", i, "level"),
            _("级别代号“{level}”重复（另见第{other}级）").format(
                level=tiers[i].level, other=first + 1
            ),
            (("tiers", first, "level"),),
        )


@RULES.rule(
    "tier-order",
    "error",
    N_("级别从轻到重：响应时效严格缩短，每小时违约金比例严格递增"),
    why=N_(
        "级别越重，问题越紧急：响应时效应越短、每小时违约金应越高。顺序颠倒会让重大故障得到比常规咨询更慢的响应。"
    ),
    example=example(("response: 15min", "response: 45min")),
)
def tier_order(c: Contract) -> Finding:
    tiers = _m(c).tiers
    for i in range(1, len(tiers)):
        a, b = tiers[i - 1], tiers[i]
        if b.response.seconds >= a.response.seconds:
            yield c.finding(
                ("tiers", i, "response"),
                _(
                    "{level} 的响应时效 {response} 不快于 {prev} 的 {prev_response}；级别越重，响应应越快"
                ).format(
                    level=b.level,
                    response=b.response.text(),
                    prev=a.level,
                    prev_response=a.response.text(),
                ),
                (("tiers", i - 1, "response"),),
            )
        if b.penalty_per_hour.value <= a.penalty_per_hour.value:
            yield c.finding(
                ("tiers", i, "penalty_per_hour"),
                _(
                    "{level} 的每小时违约金 {rate} 不高于 {prev} 的 {prev_rate}；级别越重，违约金应越高"
                ).format(
                    level=b.level,
                    rate=b.penalty_per_hour,
                    prev=a.level,
                    prev_rate=a.penalty_per_hour,
                ),
                (("tiers", i - 1, "penalty_per_hour"),),
            )


@RULES.rule(
    "tier-resolve",
    "error",
    N_("处理时限不得短于响应时效"),
    why=N_(
        "处理时限从报障开始计算，必然包含响应时间；比响应时效还短的处理时限自相矛盾，无法履行。"
    ),
    example=example(("resolve: 1h", "resolve: 3min")),
)
def tier_resolve(c: Contract) -> Finding:
    for i, t in enumerate(_m(c).tiers):
        if t.resolve.seconds < t.response.seconds:
            yield c.finding(
                ("tiers", i, "resolve"),
                _("{level} 的处理时限 {resolve} 短于其响应时效 {response}").format(
                    level=t.level, resolve=t.resolve.text(), response=t.response.text()
                ),
                (("tiers", i, "response"),),
            )


@RULES.rule(
    "compensation-cap",
    "error",
    N_("单次最低违约金不得高于累计违约金上限（上限比例 × 合同总额）"),
    why=N_("单次最低违约金高于累计违约金上限时，第一次超时就会突破上限，两个条款无法同时成立。"),
    example=example(("minimum: 2000", "minimum: 200000")),
)
def compensation_cap(c: Contract) -> Finding:
    m = _m(c)
    cap = c.figures.cap_amount  # the cap the letter prints
    if m.compensation.minimum is not None and m.compensation.minimum > cap:
        yield c.finding(
            ("compensation", "minimum"),
            _(
                "单次最低违约金 {minimum} 高于累计违约金上限 {cap}（{rate} × 合同总额 {total}）"
            ).format(
                minimum=money(m.compensation.minimum),
                cap=money(cap),
                rate=m.compensation.cap,
                total=money(m.agreement.total),
            ),
            (("compensation", "cap"), ("agreement", "total")),
        )


@RULES.rule(
    "event-rate",
    "warning",
    N_("重大活动期间的每小时违约金比例不应低于最重级别的违约金比例"),
    why=N_(
        "重大活动期间是重点保障时段，每小时违约金比例低于最重级别，意味着越重要的时段违约代价越小。"
    ),
    example=example(("event_rate_per_hour: 1%", "event_rate_per_hour: 0.2%")),
)
def event_rate(c: Contract) -> Finding:
    m = _m(c)
    rate = m.compensation.event_rate_per_hour
    top = c.figures.top_tier  # the gravest tier, as the letter names it
    if rate is None or top is None:
        return
    if rate.value < top.penalty_per_hour.value:
        i = m.tiers.index(top)
        yield c.finding(
            ("compensation", "event_rate_per_hour"),
            _(
                "重大活动期间每小时违约金 {rate} 低于 {level} 的 {level_rate}，重点保障反而违约金更少"
            ).format(rate=rate, level=top.level, level_rate=top.penalty_per_hour),
            (("tiers", i, "penalty_per_hour"),),
        )


@RULES.rule(
    "business-hours",
    "error",
    N_("工作时间的开始时刻须早于结束时刻"),
    why=N_("工作时间的开始时刻不早于结束时刻，“工作时间内响应”就没有可计时的区间。"),
    example=example(('end: "18:00"', 'end: "08:00"')),
)
def business_hours(c: Contract) -> Finding:
    bh = _m(c).business_hours
    if bh.end is not None and bh.start >= bh.end:
        yield c.finding(
            ("business_hours", "end"),
            _("工作时间结束 {end} 不晚于开始 {start}").format(
                end=f"{bh.end:%H:%M}", start=f"{bh.start:%H:%M}"
            ),
            (("business_hours", "start"),),
        )


@RULES.rule(
    "adjustments",
    "error",
    N_("VIP 通道时效须短于标准时效"),
    why=N_(
        "VIP 通道的意义在于比标准更快；时效倍率不低于 100% 的 VIP 通道名不副实，承诺的优先服务并不存在。"
    ),
    example=example(("vip: 50%", "vip: 120%")),
)
def adjustments(c: Contract) -> Finding:
    adj = _m(c).adjustments
    if adj is not None and adj.vip is not None and adj.vip.value >= 100:
        yield c.finding(
            ("adjustments", "vip"),
            _("VIP 通道时效为标准值的 {vip}，并不比标准更快；应低于 100%").format(vip=adj.vip),
        )


@RULES.rule(
    "holiday-time",
    "warning",
    N_("法定节假日时效不应长于标准时效"),
    why=N_(
        "节假日时效长于标准时效是在节假日放宽承诺；这可能是有意的安排，但应当确认，并在承诺函中写明。"
    ),
    example=example(("holiday: 100%", "holiday: 130%")),
)
def holiday_time(c: Contract) -> Finding:
    adj = _m(c).adjustments
    if adj is not None and adj.holiday is not None and adj.holiday.value > 100:
        yield c.finding(
            ("adjustments", "holiday"),
            _("法定节假日时效为标准值的 {holiday}，长于标准时效；请确认是否有意放宽").format(
                holiday=adj.holiday
            ),
        )


@RULES.rule(
    "termination",
    "error",
    N_("退出机制：连续未达标次数至少为 1，降级比例为正"),
    why=N_("降级条款约定投诉率超标后响应时效延长的比例；为 0% 时降级毫无效果，条款形同虚设。"),
    example=example(("complaint_rate: 1%", "complaint_rate: 1%\n  degradation: 0%")),
)
def termination(c: Contract) -> Finding:
    t = _m(c).termination
    if t is not None and t.degradation is not None and t.degradation.value == 0:
        yield c.finding(
            ("termination", "degradation"),
            _("降级后响应时效延长比例为 0%，降级条款形同虚设"),
        )


@RULES.rule(
    "dispute-deadlines",
    "error",
    N_("简易争议的处理时限须短于标准争议"),
    why=N_("简易争议程序的意义在于更快；简易争议的时限不短于标准争议，分流就失去了作用。"),
    example=example(("simple: 5workday", "simple: 30d")),
)
def dispute_deadlines(c: Contract) -> Finding:
    dd = _m(c).dispute_deadlines
    if dd and dd.simple and dd.standard and dd.simple.seconds >= dd.standard.seconds:
        yield c.finding(
            ("dispute_deadlines", "simple"),
            _("简易争议时限 {simple} 不短于标准争议时限 {standard}").format(
                simple=dd.simple.text(), standard=dd.standard.text()
            ),
            (("dispute_deadlines", "standard"),),
        )


@RULES.rule(
    "minimum-bite",
    "warning",
    N_("单次最低违约金应介于各级别每小时违约金之间，既不吞没费率，也不形同虚设"),
    why=N_(
        "超时不足1小时按1小时计，所以一次超时至少产生最轻级别1小时的违约金。最低额不高于这个数时永远用不上；高于最重级别1小时的违约金时，每次超时都按最低额支付，各级别的费率就失去了意义。两种情形都说明数字需要重新核对，批量生成小额客户的函时尤其常见。"
    ),
    example=example(("minimum: 2000", "minimum: 1000")),
)
def minimum_bite(c: Contract) -> Finding:
    spec = _m(c)
    comp = spec.compensation
    hourly = [f.amount_per_hour for f in c.figures.tiers]
    if comp.minimum is None or not hourly:
        return
    low, high = min(hourly), max(hourly)
    if comp.minimum > high:
        yield c.finding(
            ("compensation", "minimum"),
            _(
                "单次最低违约金 {minimum} 高于每一级别每小时的违约金（最高 {high}），各级费率不起作用"
            ).format(minimum=money(comp.minimum), high=money(high)),
            (("agreement", "total"),),
        )
    elif comp.minimum <= low:
        yield c.finding(
            ("compensation", "minimum"),
            _("单次最低违约金 {minimum} 不高于最轻级别1小时的违约金 {low}，永远不会适用").format(
                minimum=money(comp.minimum), low=money(low)
            ),
            (("agreement", "total"),),
        )


@RULES.rule(
    "degradation-rewards",
    "warning",
    N_("服务降级不应延长承诺方的响应时效"),
    why=N_(
        "投诉率超标说明承诺方服务不好；此时“降级”把响应时效延长，等于因违约而给违约方更宽松的标准，接收方的法务会删去这一条。投诉率超标的后果应当是整改、违约金或解除权，而不是放宽时效。"
    ),
    example=example(("complaint_rate: 1%", "complaint_rate: 1%\n  degradation: 20%")),
)
def degradation_rewards(c: Contract) -> Finding:
    t = _m(c).termination
    if t is not None and t.degradation is not None and t.degradation.value > 0:
        yield c.finding(
            ("termination", "degradation"),
            _("投诉率超标后响应时效延长 {degradation}，等于因服务不达标而放宽承诺方的标准").format(
                degradation=t.degradation
            ),
        )


@RULES.rule(
    "workday-definition",
    "warning",
    N_("“工作日”应按国家规定（含调休上班日），而不是“周一至周五”"),
    why=N_(
        "国务院每年安排的节假日调休会让某些周六、周日成为工作日、某些周一至周五成为休息日。写成“周一至周五（法定节假日除外）”时，调休上班的周末不算工作日，标注工作日时段的级别在这些日子无人受理，响应时效也无从起算。写成“国家规定的工作日”即可。"
    ),
    example=example(("days: 国家规定的工作日", "days: 周一至周五（法定节假日除外）")),
)
def workday_definition(c: Contract) -> Finding:
    days = _m(c).business_hours.days
    weekdays = any(
        w in days for w in ("周一至周五", "星期一至星期五", "周一到周五", "星期一到星期五")
    )
    if weekdays and "调休" not in days:
        yield c.finding(
            ("business_hours", "days"),
            _("“{days}”不含调休上班的周末；请写成“国家规定的工作日”").format(days=days),
        )
