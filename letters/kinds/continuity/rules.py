"""Declare the consistency rules of the 服务水平连续性保证承诺书 (``continuity``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...i18n import N_, _, join
from ...rules import Finding, RuleSet, example, money
from .model import ContinuitySpec

if TYPE_CHECKING:
    from ...contract import Contract

RULES = RuleSet("continuity")


def _m(c: Contract) -> ContinuitySpec:
    assert isinstance(c.model, ContinuitySpec)
    return c.model


_PARTY_DETAILS = (
    ("credit_code", N_("统一社会信用代码")),
    ("legal_representative", N_("法定代表人")),
    ("address", N_("住所")),
)


@RULES.rule(
    "party-details",
    "warning",
    N_("双方均具名的承诺书，接收方应写明统一社会信用代码、法定代表人和住所"),
    why=N_("连续性保证承诺书由双方具名签署，接收方的统一社会信用代码、法定代表人和住所是确定合同主体、送达文书和日后主张权利的基础。"),
    example=example(("  address: 浙江省杭州市示例大道100号", "  # address: 浙江省杭州市示例大道100号")),
)
def party_details(c: Contract) -> Finding:
    client = c.model.client
    missing = [_(zh) for key, zh in _PARTY_DETAILS if getattr(client, key) is None]
    if missing:
        yield c.finding(("client",),
            _("接收方缺少{missing}，双方身份应完整载明").format(missing=join(missing)),
        )


@RULES.rule(
    "phase-order",
    "error",
    N_("实施阶段的截止日期依次递增，且落在出具日期与协议终止日之间"),
    why=N_("实施计划的各阶段应依次完成；截止日期倒序、早于出具日期或晚于协议终止日的阶段无法按约履行。"),
    example=example(("until: 2027-06-30", "until: 2027-02-28")),
)
def phase_order(c: Contract) -> Finding:
    m = _m(c)
    for i, ph in enumerate(m.phases):
        p = ("phases", i, "until")
        if i and ph.until <= m.phases[i - 1].until:
            yield c.finding(p,
                _("第{n}阶段截止日 {until} 不晚于第{prev}阶段截止日 {prev_until}").format(
                    n=i + 1, until=ph.until, prev=i, prev_until=m.phases[i - 1].until
                ),
                (("phases", i - 1, "until"),),
            )
        if ph.until < m.letter.date:
            yield c.finding(p,
                _("阶段截止日 {until} 早于出具日期 {date}").format(until=ph.until, date=m.letter.date),
                (("letter", "date"),),
            )
        if ph.until > m.agreement.expires:
            yield c.finding(p,
                _("阶段截止日 {until} 晚于协议终止日 {expires}").format(until=ph.until, expires=m.agreement.expires),
                (("agreement", "expires"),),
            )


@RULES.rule(
    "annual-total",
    "error",
    N_("年度服务总额必须等于月度服务费 × 12"),
    why=N_("年度服务总额与月度服务费同时出现在承诺书中，并分别作为不同违约金的计算基数；两者对不上，违约金就有两种算法。"),
    example=example(("annual_total: 1020000.00", "annual_total: 1000000.00")),
)
def annual_total(c: Contract) -> Finding:
    a = _m(c).agreement
    expected = a.monthly_fee * 12
    if a.annual_total != expected:
        yield c.finding(("agreement", "annual_total"),
            _("年度服务总额 {total} 不等于月度服务费 {monthly} × 12 = {expected}").format(
                total=money(a.annual_total), monthly=money(a.monthly_fee), expected=money(expected)
            ),
            (("agreement", "monthly_fee"),),
        )


@RULES.rule(
    "staffing-sum",
    "error",
    N_("专业人员总数必须等于技术、运维、客户支持三个团队人数之和"),
    why=N_("专业人员总数是对外承诺的数字，必须与各团队人数之和一致，否则人员承诺本身就自相矛盾。"),
    example=example(("  total: 20", "  total: 21")),
)
def staffing_sum(c: Contract) -> Finding:
    s = _m(c).staffing
    parts = s.technical + s.operations + s.support
    if s.total != parts:
        yield c.finding(("staffing", "total"),
            _(
                "专业人员总数 {total} 人不等于技术团队 {technical} + 运维团队 {operations} + 客户支持团队 {support} = {parts} 人"
            ).format(
                total=s.total, technical=s.technical, operations=s.operations, support=s.support, parts=parts
            ),
            (("staffing", "technical"), ("staffing", "operations"), ("staffing", "support")),
        )


@RULES.rule(
    "recovery-order",
    "error",
    N_("恢复承诺依次递进：启动应急响应 < 恢复核心功能 < 全面恢复服务"),
    why=N_("故障恢复是递进的：先启动应急响应，再恢复核心功能，最后全面恢复；顺序颠倒的时限无法同时兑现。"),
    example=example(("  core: 4h", "  core: 48h")),
)
def recovery_order(c: Contract) -> Finding:
    r = _m(c).recovery
    if r.core.seconds <= r.start.seconds:
        yield c.finding(("recovery", "core"),
            _("恢复核心功能时限 {core} 不长于启动应急响应时限 {start}").format(core=r.core.text(), start=r.start.text()),
            (("recovery", "start"),),
        )
    if r.full.seconds <= r.core.seconds:
        yield c.finding(("recovery", "core"),
            _("恢复核心功能时限 {core} 不短于全面恢复服务时限 {full}：核心功能不能晚于全面恢复").format(
                core=r.core.text(), full=r.full.text()
            ),
            (("recovery", "full"),),
        )


@RULES.rule(
    "outage-threshold",
    "error",
    N_("重大违约的中断时长阈值不得短于全面恢复服务的承诺时限"),
    why=N_("若“中断超过 X 即重大违约”的 X 短于承诺的全面恢复时限，即使按时恢复也已构成重大违约，承诺方必然违约。"),
    example=example(("outage_over: 24h", "outage_over: 12h")),
)
def outage_threshold(c: Contract) -> Finding:
    m = _m(c)
    over, full = m.penalties.major.outage_over, m.recovery.full
    if over.seconds < full.seconds:
        yield c.finding(("penalties", "major", "outage_over"),
            _("中断超过 {over} 即构成重大违约，但承诺的全面恢复时限是 {full}：按时恢复也会构成重大违约").format(
                over=over.text(), full=full.text()
            ),
            (("recovery", "full"),),
        )


@RULES.rule(
    "penalty-order",
    "error",
    N_("重大违约的违约金比例须高于轻微违约"),
    why=N_("违约责任应与严重程度相称：重大违约的违约金比例不高于轻微违约时，违约越重反而赔得不多，条款自相矛盾。"),
    example=example(("    rate: 10%", "    rate: 5%")),
)
def penalty_order(c: Contract) -> Finding:
    p = _m(c).penalties
    if p.minor.rate.value >= p.major.rate.value:
        yield c.finding(("penalties", "major", "rate"),
            _("重大违约的违约金比例 {major} 不高于轻微违约的 {minor}").format(major=p.major.rate, minor=p.minor.rate),
            (("penalties", "minor", "rate"),),
        )


@RULES.rule(
    "persistent-penalty",
    "warning",
    N_("持续违约的违约金应高于单次重大违约的违约金"),
    why=N_("持续违约按年度总额计，是最严重的违约情形；其违约金若不高于单次重大违约，持续违约反而比一次重大违约便宜，需要确认是否有意为之。"),
    example=example(("    rate: 20%", "    rate: 0.5%")),
)
def persistent_penalty(c: Contract) -> Finding:
    p = _m(c).penalties
    fig = c.figures  # the amounts the letter prints
    if p.persistent is not None and fig.persistent_amount <= fig.major_amount:
        yield c.finding(("penalties", "persistent", "rate"),
            _("持续违约违约金 {persistent}（年度总额的 {rate}）不高于单次重大违约的 {major}").format(
                persistent=money(fig.persistent_amount), rate=p.persistent.rate, major=money(fig.major_amount)
            ),
            (("penalties", "major", "rate"),),
        )


@RULES.rule(
    "support-order",
    "error",
    N_("客户支持的首次响应时间不得长于复杂问题升级处理时限"),
    why=N_("升级处理发生在首次响应之后；升级时限比首次响应还短，两个承诺无法同时做到。"),
    example=example(("escalation: 1workday", "escalation: 10min")),
)
def support_order(c: Contract) -> Finding:
    s = _m(c).support
    if s.escalation is not None and s.first_response.seconds > s.escalation.seconds:
        yield c.finding(("support", "escalation"),
            _("升级处理时限 {escalation} 短于首次响应时间 {first_response}").format(
                escalation=s.escalation.text(), first_response=s.first_response.text()
            ),
            (("support", "first_response"),),
        )


@RULES.rule(
    "availability",
    "warning",
    N_("核心服务可用性应低于 100%（否则不允许任何停机，含计划维护）"),
    why=N_("100% 的年度可用性意味着全年不得有任何停机，包括提前通知的计划性维护，实际上无法做到，通常应为 99.x%。"),
    example=example(("core: 99.5%", "core: 100%")),
)
def availability(c: Contract) -> Finding:
    av = _m(c).availability.core
    if av.value == 100:
        yield c.finding(("availability", "core"),
            _("可用性 100% 意味着全年不得有任何停机（含计划性维护），请确认"),
        )


@RULES.rule(
    "backup-retention",
    "error",
    N_("备份保留期限不得短于备份周期"),
    why=N_("备份保留期限短于备份周期时，上一份备份在下一份生成之前就被删除，中间会有无备份可用的时段。"),
    example=example(("backup_retention: 30d", "backup_retention: 12h")),
)
def backup_retention(c: Contract) -> Finding:
    sec = _m(c).security
    if sec and sec.backup_interval and sec.backup_retention and sec.backup_retention.seconds < sec.backup_interval.seconds:
        yield c.finding(("security", "backup_retention"),
            _("备份保留期限 {retention} 短于备份周期 {interval}，两次备份之间将无备份可用").format(
                retention=sec.backup_retention.text(), interval=sec.backup_interval.text()
            ),
            (("security", "backup_interval"),),
        )


_PERIOD = {"month": N_("按月"), "quarter": N_("按季度"), "year": N_("按服务年度")}


@RULES.rule(
    "penalty-window",
    "warning",
    N_("违约金的计算周期应与所罚指标的考核周期一致"),
    why=N_("可用性按年度考核，违约金却按“当月服务费”计，年中某个月是否违约就无从判断；“连续若干个季度未达标”也要求指标按季度考核。考核周期（availability.period）与违约金的周期不一致时，违约是否成立、从何时起算都会有争议。"),
    example=example(("period: month", "period: year")),
)
def penalty_window(c: Contract) -> Finding:
    spec = _m(c)
    period = spec.availability.period
    if period != "month":
        yield c.finding(("penalties", "minor", "rate"),
            _("轻微违约的违约金按当月服务费计，而可用性{period}考核；请把 availability.period 设为 month").format(
                period=_(_PERIOD[period])
            ),
            (("availability", "period"),),
        )
    p = spec.penalties.persistent
    if p is None:
        return
    if p.quarters is not None and period != "quarter":
        yield c.finding(("penalties", "persistent", "quarters"),
            _("持续违约以连续未达标的季度计，而可用性{period}考核；请改用与考核周期一致的计数").format(
                period=_(_PERIOD[period])
            ),
            (("availability", "period"),),
        )
    if p.months is not None and period != "month":
        yield c.finding(("penalties", "persistent", "months"),
            _("持续违约以连续未达标的月数计，而可用性{period}考核；请改用与考核周期一致的计数").format(
                period=_(_PERIOD[period])
            ),
            (("availability", "period"),),
        )


@RULES.rule(
    "persistent-count",
    "error",
    N_("持续违约须写明连续未达标的季度数或月数，二者只写一个"),
    why=N_("持续违约的触发条件是“连续若干个考核周期未达标”；周期数必须有，且只能有一种计法，否则解除权何时产生说不清。"),
    example=example(("    months: 3", "    months: 3\n    quarters: 1")),
)
def persistent_count(c: Contract) -> Finding:
    p = _m(c).penalties.persistent
    if p is None:
        return
    if (p.quarters is None) == (p.months is None):
        yield c.finding(("penalties", "persistent"),
            _("持续违约须写明 quarters（季度数）或 months（月数）之一，且只写一个"),
        )
