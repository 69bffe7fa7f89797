"""Declare the consistency rules of the 服务水平连续性保证承诺书 (``continuity``)."""

from __future__ import annotations

from itertools import pairwise
from typing import TYPE_CHECKING

from ...i18n import N_, _, join
from ...rules import Finding, RuleSet, example, money, repeats
from ...units import clock_text
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
    why=N_(
        "连续性保证承诺书由双方具名签署，接收方的统一社会信用代码、法定代表人和住所是确定合同主体、送达文书和日后主张权利的基础。"
    ),
    example=example(
        ("  address: 浙江省杭州市示例大道100号", "  # address: 浙江省杭州市示例大道100号")
    ),
)
def party_details(c: Contract) -> Finding:
    client = c.model.client
    missing = [_(zh) for key, zh in _PARTY_DETAILS if getattr(client, key) is None]
    if missing:
        yield c.finding(
            ("client",),
            _("接收方缺少{missing}，双方身份应完整载明").format(missing=join(missing)),
        )


@RULES.rule(
    "phase-order",
    "error",
    N_("实施阶段的截止日期依次递增，且落在出具日期与协议终止日之间"),
    why=N_(
        "实施计划的各阶段应依次完成；截止日期倒序、早于出具日期或晚于协议终止日的阶段无法按约履行。"
    ),
    example=example(("until: 2027-06-30", "until: 2027-02-28")),
)
def phase_order(c: Contract) -> Finding:
    m = _m(c)
    for i, ph in enumerate(m.phases):
        p = ("phases", i, "until")
        if i and ph.until <= m.phases[i - 1].until:
            yield c.finding(
                p,
                _("第{n}阶段截止日 {until} 不晚于第{prev}阶段截止日 {prev_until}").format(
                    n=i + 1, until=ph.until, prev=i, prev_until=m.phases[i - 1].until
                ),
                (("phases", i - 1, "until"),),
            )
        if ph.until < m.letter.date:
            yield c.finding(
                p,
                _("阶段截止日 {until} 早于出具日期 {date}").format(
                    until=ph.until, date=m.letter.date
                ),
                (("letter", "date"),),
            )
        if ph.until > m.agreement.expires:
            yield c.finding(
                p,
                _("阶段截止日 {until} 晚于协议终止日 {expires}").format(
                    until=ph.until, expires=m.agreement.expires
                ),
                (("agreement", "expires"),),
            )


@RULES.rule(
    "annual-total",
    "error",
    N_("年度服务总额必须等于月度服务费 × 12"),
    why=N_(
        "年度服务总额与月度服务费同时出现在承诺书中，并分别作为不同违约金的计算基数；两者对不上，违约金就有两种算法。"
    ),
    example=example(("annual_total: 1020000.00", "annual_total: 1000000.00")),
)
def annual_total(c: Contract) -> Finding:
    a = _m(c).agreement
    expected = a.monthly_fee * 12
    if a.annual_total != expected:
        yield c.finding(
            ("agreement", "annual_total"),
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
        yield c.finding(
            ("staffing", "total"),
            _(
                "专业人员总数 {total} 人不等于技术团队 {technical} + 运维团队 {operations} + 客户支持团队 {support} = {parts} 人"
            ).format(
                total=s.total,
                technical=s.technical,
                operations=s.operations,
                support=s.support,
                parts=parts,
            ),
            (("staffing", "technical"), ("staffing", "operations"), ("staffing", "support")),
        )


@RULES.rule(
    "recovery-order",
    "error",
    N_("恢复承诺依次递进：启动应急预案 < 恢复核心功能 < 全面恢复服务"),
    why=N_(
        "故障恢复是递进的：先启动应急预案，再恢复核心功能，最后全面恢复；顺序颠倒的时限无法同时兑现。"
    ),
    example=example(("  core: 4h", "  core: 48h")),
)
def recovery_order(c: Contract) -> Finding:
    r = _m(c).recovery
    if r.core.seconds <= r.start.seconds:
        yield c.finding(
            ("recovery", "core"),
            _("恢复核心功能时限 {core} 不长于启动应急预案时限 {start}").format(
                core=r.core.text(), start=r.start.text()
            ),
            (("recovery", "start"),),
        )
    if r.full.seconds <= r.core.seconds:
        yield c.finding(
            ("recovery", "core"),
            _(
                "恢复核心功能时限 {core} 不短于全面恢复服务时限 {full}：核心功能不能晚于全面恢复"
            ).format(core=r.core.text(), full=r.full.text()),
            (("recovery", "full"),),
        )


@RULES.rule(
    "outage-threshold",
    "error",
    N_("重大违约的中断时长阈值不得短于全面恢复服务的承诺时限"),
    why=N_(
        "若“中断超过 X 即重大违约”的 X 短于承诺的全面恢复时限，即使按时恢复也已构成重大违约，承诺方必然违约。"
    ),
    example=example(("outage_over: 24h", "outage_over: 12h")),
)
def outage_threshold(c: Contract) -> Finding:
    m = _m(c)
    over, full = m.penalties.major.outage_over, m.recovery.full
    if over.seconds < full.seconds:
        yield c.finding(
            ("penalties", "major", "outage_over"),
            _(
                "中断超过 {over} 即构成重大违约，但承诺的全面恢复时限是 {full}：按时恢复也会构成重大违约"
            ).format(over=over.text(), full=full.text()),
            (("recovery", "full"),),
        )


@RULES.rule(
    "penalty-order",
    "error",
    N_("重大违约的违约金比例须高于轻微违约"),
    why=N_(
        "违约责任应与严重程度相称：重大违约的违约金比例不高于轻微违约时，违约越重反而赔得不多，条款自相矛盾。"
    ),
    example=example(("    rate: 10%", "    rate: 5%")),
)
def penalty_order(c: Contract) -> Finding:
    p = _m(c).penalties
    if p.minor.rate.value >= p.major.rate.value:
        yield c.finding(
            ("penalties", "major", "rate"),
            _("重大违约的违约金比例 {major} 不高于轻微违约的 {minor}").format(
                major=p.major.rate, minor=p.minor.rate
            ),
            (("penalties", "minor", "rate"),),
        )


@RULES.rule(
    "persistent-penalty",
    "warning",
    N_("持续违约的违约金应高于单次重大违约的违约金"),
    why=N_(
        "持续违约按年度总额计，是最严重的违约情形；其违约金若不高于单次重大违约，持续违约反而比一次重大违约便宜，需要确认是否有意为之。"
    ),
    example=example(("    rate: 20%", "    rate: 0.5%")),
)
def persistent_penalty(c: Contract) -> Finding:
    p = _m(c).penalties
    fig = c.figures  # the amounts the letter prints
    if p.persistent is not None and fig.persistent_amount <= fig.major_amount:
        yield c.finding(
            ("penalties", "persistent", "rate"),
            _(
                "持续违约违约金 {persistent}（年度总额的 {rate}）不高于单次重大违约的 {major}"
            ).format(
                persistent=money(fig.persistent_amount),
                rate=p.persistent.rate,
                major=money(fig.major_amount),
            ),
            (("penalties", "major", "rate"),),
        )


@RULES.rule(
    "support-order",
    "error",
    N_("客户支持的首次答复时间不得长于升级处理时限"),
    why=N_(
        "两项时限都自接收方提出问题之时起算，升级处理发生在首次答复之后；升级时限比首次答复时间还短，两个承诺无法同时做到。"
    ),
    example=example(("escalation: 1workday", "escalation: 10min")),
)
def support_order(c: Contract) -> Finding:
    s = _m(c).support
    if s.escalation is not None and s.first_response.seconds > s.escalation.seconds:
        yield c.finding(
            ("support", "escalation"),
            _("升级处理时限 {escalation} 短于首次答复时间 {first_response}").format(
                escalation=s.escalation.text(), first_response=s.first_response.text()
            ),
            (("support", "first_response"),),
        )


@RULES.rule(
    "availability",
    "warning",
    N_("核心服务可用性应低于 100%（否则不允许任何停机，含计划维护）"),
    why=N_(
        "100% 的年度可用性意味着全年不得有任何停机，包括提前通知的计划性维护，实际上无法做到，通常应为 99.x%。"
    ),
    example=example(("core: 99.5%", "core: 100%")),
)
def availability(c: Contract) -> Finding:
    av = _m(c).availability.core
    if av.value == 100:
        yield c.finding(
            ("availability", "core"),
            _("可用性 100% 意味着全年不得有任何停机（含计划性维护），请确认"),
        )


@RULES.rule(
    "backup-retention",
    "error",
    N_("备份保留期限不得短于备份周期"),
    why=N_(
        "备份保留期限短于备份周期时，上一份备份在下一份生成之前就被删除，中间会有无备份可用的时段。"
    ),
    example=example(("backup_retention: 30d", "backup_retention: 12h")),
)
def backup_retention(c: Contract) -> Finding:
    sec = _m(c).security
    if (
        sec
        and sec.backup_interval
        and sec.backup_retention
        and sec.backup_retention.seconds < sec.backup_interval.seconds
    ):
        yield c.finding(
            ("security", "backup_retention"),
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
    why=N_(
        "可用性按年度考核，违约金却按“当月服务费”计，年中某个月是否违约就无从判断；“连续若干个季度未达标”也要求指标按季度考核。考核周期（availability.period）与违约金的周期不一致时，违约是否成立、从何时起算都会有争议。"
    ),
    example=example(("period: month", "period: year")),
)
def penalty_window(c: Contract) -> Finding:
    spec = _m(c)
    period = spec.availability.period
    if period != "month":
        yield c.finding(
            ("penalties", "minor", "rate"),
            _(
                "轻微违约的违约金按当月服务费计，而可用性{period}考核；请把 availability.period 设为 month"
            ).format(period=_(_PERIOD[period])),
            (("availability", "period"),),
        )
    p = spec.penalties.persistent
    if p is None:
        return
    if p.quarters is not None and period != "quarter":
        yield c.finding(
            ("penalties", "persistent", "quarters"),
            _(
                "持续违约以连续未达标的季度计，而可用性{period}考核；请改用与考核周期一致的计数"
            ).format(period=_(_PERIOD[period])),
            (("availability", "period"),),
        )
    if p.months is not None and period != "month":
        yield c.finding(
            ("penalties", "persistent", "months"),
            _(
                "持续违约以连续未达标的月数计，而可用性{period}考核；请改用与考核周期一致的计数"
            ).format(period=_(_PERIOD[period])),
            (("availability", "period"),),
        )


@RULES.rule(
    "persistent-count",
    "error",
    N_("持续违约须写明连续未达标的季度数或月数，二者只写一个"),
    why=N_(
        "持续违约的触发条件是“连续若干个考核周期未达标”；周期数必须有，且只能有一种计法，否则解除权何时产生说不清。"
    ),
    example=example(("    months: 3", "    months: 3\n    quarters: 1")),
)
def persistent_count(c: Contract) -> Finding:
    p = _m(c).penalties.persistent
    if p is None:
        return
    if (p.quarters is None) == (p.months is None):
        yield c.finding(
            ("penalties", "persistent"),
            _("持续违约须写明 quarters（季度数）或 months（月数）之一，且只写一个"),
        )


# ---------------------------------------------------------------- fault ladder, exclusions, remedies

_STEPS = (("respond", N_("响应")), ("diagnose", N_("初步诊断")), ("workaround", N_("临时解决方案")))


@RULES.rule(
    "fault-ladder",
    "error",
    N_("每一故障等级依次递进：响应 < 初步诊断 < 临时解决方案 ≤ 全面恢复服务"),
    why=N_(
        "故障处理是递进的：先响应，再初步诊断，再提供临时解决方案；临时解决方案又是全面恢复之前的过渡措施。后一步的时限不长于前一步，或者临时解决方案晚于全面恢复服务的时限，几项承诺就无法同时兑现，违约从哪一时点起算也说不清。"
    ),
    example=example(("    diagnose: 1h", "    diagnose: 10min")),
)
def fault_ladder(c: Contract) -> Finding:
    m = _m(c)
    for i, lv in enumerate(m.fault_levels):
        for (a, a_zh), (b, b_zh) in pairwise(_STEPS):
            first, then = getattr(lv, a), getattr(lv, b)
            if then.seconds <= first.seconds:
                yield c.finding(
                    ("fault_levels", i, b),
                    _("{level}的{then_step}时限 {then} 不长于{first_step}时限 {first}").format(
                        level=lv.level,
                        then_step=_(b_zh),
                        then=then.text(),
                        first_step=_(a_zh),
                        first=first.text(),
                    ),
                    (("fault_levels", i, a),),
                )
        if lv.workaround.seconds > m.recovery.full.seconds:
            yield c.finding(
                ("fault_levels", i, "workaround"),
                _(
                    "{level}的临时解决方案时限 {workaround} 长于全面恢复服务时限 {full}：临时措施不能晚于全面恢复"
                ).format(
                    level=lv.level, workaround=lv.workaround.text(), full=m.recovery.full.text()
                ),
                (("recovery", "full"),),
            )


@RULES.rule(
    "fault-level-order",
    "error",
    N_("故障等级从最严重的写起，越严重的等级各项时限越短，等级名称不得重复"),
    why=N_(
        "故障分级的意义在于越严重的故障处理越快；后一等级（较轻）的某项时限反而短于前一等级（较重）时，轻故障比重故障处理得快，表格自相矛盾。重复的等级名称则让同一故障适用两套时限。"
    ),
    example=example(("    respond: 2h", "    respond: 5min")),
)
def fault_level_order(c: Contract) -> Finding:
    levels = _m(c).fault_levels
    for i, first in repeats(lv.level for lv in levels):
        yield c.finding(
            ("fault_levels", i, "level"),
            _("故障等级“{level}”重复").format(level=levels[i].level),
            (("fault_levels", first, "level"),),
        )
    for i in range(1, len(levels)):
        lv, prev = levels[i], levels[i - 1]
        for key, zh in _STEPS:
            now, before = getattr(lv, key), getattr(prev, key)
            if now.seconds < before.seconds:
                yield c.finding(
                    ("fault_levels", i, key),
                    _("{level}的{step}时限 {now} 短于更严重的{prev}的 {before}").format(
                        level=lv.level,
                        step=_(zh),
                        now=now.text(),
                        prev=prev.level,
                        before=before.text(),
                    ),
                    (("fault_levels", i - 1, key),),
                )


@RULES.rule(
    "exclusion-maintenance",
    "error",
    N_(
        "排除计划性维护的，须有提前通知期限和每个考核周期的上限；写了上限的，排除清单中须有计划性维护"
    ),
    why=N_(
        "计划性维护不计入不可用时间，是可用性承诺最大的例外：没有上限，承诺方把任何停机称为维护即可不计；没有通知期限，“按约定通知的维护”无从判断。反过来，写了不计入的上限（maintenance_allowance），排除清单（exclusions）却没有计划性维护，两处约定相互矛盾。"
    ),
    example=example(("  maintenance_notice: 48h", "  # maintenance_notice: 48h")),
)
def exclusion_maintenance(c: Contract) -> Finding:
    av = _m(c).availability
    if not av.exclusions:
        return
    listed = "planned_maintenance" in av.exclusions
    at = (
        ("availability", "exclusions", av.exclusions.index("planned_maintenance"))
        if listed
        else None
    )
    if listed and at is not None and av.maintenance_allowance is None:
        yield c.finding(
            at,
            _("计划性维护不计入不可用时间，但没有每个考核周期的上限（maintenance_allowance）"),
        )
    if listed and at is not None and av.maintenance_notice is None:
        yield c.finding(
            at,
            _("计划性维护不计入不可用时间，但没有写明提前通知期限（maintenance_notice）"),
        )
    if not listed and av.maintenance_allowance is not None:
        yield c.finding(
            ("availability", "maintenance_allowance"),
            _(
                "写了计划性维护不计入的上限 {allowance}，但排除清单（exclusions）中没有 planned_maintenance"
            ).format(allowance=av.maintenance_allowance.text()),
            (("availability", "exclusions"),),
        )


@RULES.rule(
    "maintenance-budget",
    "warning",
    N_("不计入不可用时间的计划性维护不应超过可用性本身允许的不可用时间"),
    why=N_(
        "接收方实际能用上服务的时间，是可用性承诺允许的不可用时间再加上不计入的计划性维护。不计入的维护比可用性允许的停机还长，可用性数字就主要由例外决定：99.5% 按月考核只允许约3.6小时停机，再排除4小时维护，接收方实际可能每月停机7小时以上。请缩短上限，或者确认这是有意的约定。"
    ),
    example=example(("maintenance_allowance: 2h", "maintenance_allowance: 8h")),
)
def maintenance_budget(c: Contract) -> Finding:
    av = _m(c).availability
    if av.maintenance_allowance is None:
        return
    shortest = min(c.figures.budgets, key=lambda b: b.downtime)
    if av.maintenance_allowance.hours > shortest.downtime:
        yield c.finding(
            ("availability", "maintenance_allowance"),
            _(
                "每个考核周期不计入的计划性维护 {allowance} 超过了可用性 {core} 允许的不可用时间（{label}{downtime}）"
            ).format(
                allowance=av.maintenance_allowance.text(),
                core=av.core,
                label=shortest.label,
                downtime=clock_text(shortest.downtime * 3600),
            ),
            (("availability", "core"),),
        )


@RULES.rule(
    "force-majeure-notice",
    "warning",
    N_("不可抗力不计入不可用时间的，应写明承诺方通知接收方的期限"),
    why=N_(
        "因不可抗力不能履行的，应当及时通知对方以减轻损失，并在合理期限内提供证明（《中华人民共和国民法典》第五百九十条）。把不可抗力排除在可用性之外而不约定通知期限，承诺方事后才主张不可抗力，接收方无从及时应对。写明如 force_majeure_notice: 24h。"
    ),
    example=example(("  force_majeure_notice: 24h", "  # force_majeure_notice: 24h")),
)
def force_majeure_notice(c: Contract) -> Finding:
    av = _m(c).availability
    if "force_majeure" in av.exclusions and av.force_majeure_notice is None:
        yield c.finding(
            ("availability", "exclusions", av.exclusions.index("force_majeure")),
            _("不可抗力不计入不可用时间，但没有写明通知接收方的期限（force_majeure_notice）"),
        )


_BREACH = {"minor": N_("轻微违约"), "major": N_("重大违约"), "persistent": N_("持续违约")}
_REMEDY = {
    "credit": N_("服务费抵扣"),
    "substitute": N_("替代履行"),
    "termination": N_("解除主协议"),
}


@RULES.rule(
    "remedy-reference",
    "error",
    N_("救济方式引用的违约情形须已在违约责任中约定；每种救济只写一次；解除须写明触发次数"),
    why=N_(
        "救济方式是对违约责任中某种违约情形的补充：引用未约定的情形（如没有 penalties.persistent 却引用 persistent），救济就没有触发条件；同一救济写两次会有两种条件；解除主协议必须说清一个服务年度内发生几次才可解除，而持续违约本身已经带有解除权，不应再写一次。"
    ),
    example=example(("    occurrences: 2", "    # occurrences: 2")),
)
def remedy_reference(c: Contract) -> Finding:
    m = _m(c)
    for i, first in repeats(r.type for r in m.remedies):
        yield c.finding(
            ("remedies", i, "type"),
            _("救济方式“{remedy}”重复").format(remedy=_(_REMEDY[m.remedies[i].type])),
            (("remedies", first, "type"),),
        )
    for i, r in enumerate(m.remedies):
        for j, b in enumerate(r.breaches):
            if b == "persistent" and m.penalties.persistent is None:
                yield c.finding(
                    ("remedies", i, "breaches", j),
                    _(
                        "“{remedy}”引用了持续违约，但违约责任中没有约定持续违约（penalties.persistent）"
                    ).format(remedy=_(_REMEDY[r.type])),
                )
            elif b == "persistent" and r.type == "termination":
                yield c.finding(
                    ("remedies", i, "breaches", j),
                    _("持续违约本身已约定接收方可以解除主协议，不应在救济方式中再写一次"),
                    (("penalties", "persistent"),),
                )
        if r.type == "termination" and r.occurrences is None:
            yield c.finding(
                ("remedies", i),
                _("解除主协议须写明一个服务年度内发生{breaches}的次数（occurrences）").format(
                    breaches=join([_(_BREACH[b]) for b in r.breaches])
                ),
            )
        if r.type != "termination" and r.occurrences is not None:
            yield c.finding(
                ("remedies", i, "occurrences"),
                _("触发次数只用于解除主协议，“{remedy}”不用写").format(remedy=_(_REMEDY[r.type])),
            )


@RULES.rule(
    "remedy-exclusive",
    "error",
    N_("违约金约定为唯一救济的，不得再约定替代履行"),
    why=N_(
        "penalties.exclusive: true 表示违约金是接收方就服务未达标可得的全部救济（解除权除外）；同时又约定接收方可委托第三方补救、由承诺方承担费用，两条约定相互矛盾，发生争议时哪一条优先说不清。"
    ),
    example=example(("  exclusive: false", "  exclusive: true")),
)
def remedy_exclusive(c: Contract) -> Finding:
    m = _m(c)
    if not m.penalties.exclusive:
        return
    for i, r in enumerate(m.remedies):
        if r.type == "substitute":
            yield c.finding(
                ("remedies", i, "type"),
                _(
                    "违约金约定为唯一救济（penalties.exclusive: true），却又约定替代履行的费用由承诺方承担"
                ),
                (("penalties", "exclusive"),),
            )


@RULES.rule(
    "confidentiality-date",
    "error",
    N_(
        "保密协议已签订的，签订日不晚于出具日期；尚未签订的，最迟签订日落在出具日期与主协议生效日之间"
    ),
    why=N_(
        "本承诺书引用的保密协议，要么已经签订（签订日不能晚于本承诺书的出具日期），要么在服务开始、承诺方接触接收方数据之前签订（最迟签订日不能晚于主协议生效日，也不能早于出具日期）；两个日期都写，则协议是否已经签订自相矛盾。"
    ),
    example=example(("  sign_by: 2026-12-31", "  sign_by: 2027-03-31")),
)
def confidentiality_date(c: Contract) -> Finding:
    m = _m(c)
    conf = m.confidentiality
    if conf is None:
        return
    if conf.signed is not None and conf.sign_by is not None:
        yield c.finding(
            ("confidentiality", "sign_by"),
            _("保密协议同时写了签订日期 {signed} 与最迟签订日期 {sign_by}，只能写一个").format(
                signed=conf.signed, sign_by=conf.sign_by
            ),
            (("confidentiality", "signed"),),
        )
    if conf.signed is not None and conf.signed > m.letter.date:
        yield c.finding(
            ("confidentiality", "signed"),
            _("保密协议的签订日期 {signed} 晚于出具日期 {date}").format(
                signed=conf.signed, date=m.letter.date
            ),
            (("letter", "date"),),
        )
    if conf.sign_by is not None and conf.sign_by > m.agreement.effective:
        yield c.finding(
            ("confidentiality", "sign_by"),
            _(
                "保密协议的最迟签订日期 {sign_by} 晚于主协议生效日 {effective}：服务开始时尚无保密约定"
            ).format(sign_by=conf.sign_by, effective=m.agreement.effective),
            (("agreement", "effective"),),
        )
    if conf.sign_by is not None and conf.sign_by < m.letter.date:
        yield c.finding(
            ("confidentiality", "sign_by"),
            _(
                "保密协议的最迟签订日期 {sign_by} 早于出具日期 {date}；已经签订的，请改写 signed"
            ).format(sign_by=conf.sign_by, date=m.letter.date),
            (("letter", "date"),),
        )


# Laws repealed by 《中华人民共和国民法典》第一千二百六十条 on 1 January 2021.
_REPEALED = (
    "婚姻法",
    "继承法",
    "民法通则",
    "收养法",
    "担保法",
    "合同法",
    "物权法",
    "侵权责任法",
    "民法总则",
)


@RULES.rule(
    "repealed-law",
    "warning",
    N_("依据的法律不得是已废止的法律（如《合同法》已由《民法典》取代）"),
    why=N_(
        "《中华人民共和国民法典》自2021年1月1日起施行，《合同法》《担保法》《民法通则》《民法总则》等同时废止（《民法典》第一千二百六十条）。承诺书以已废止的法律为依据，既不准确，也让对方质疑文书的专业性。请改引《中华人民共和国民法典》（本承诺书已默认引用）或现行有效的法律。"
    ),
    example=example(("  - 中华人民共和国数据安全法", "  - 中华人民共和国合同法")),
)
def repealed_law(c: Contract) -> Finding:
    for i, law in enumerate(_m(c).legal_basis):
        name = law.strip("《》 ").removeprefix("中华人民共和国")
        if name in _REPEALED:
            yield c.finding(
                ("legal_basis", i),
                _(
                    "《{law}》已于2021年1月1日废止，请改引《中华人民共和国民法典》或现行有效的法律"
                ).format(law=law.strip("《》 ")),
            )


@RULES.rule(
    "core-scope",
    "error",
    N_("核心服务须是服务范围中列明的项目，且不得重复"),
    why=N_(
        "承诺书以核心服务计算可用性，非核心服务则是服务范围中核心服务以外的各项。核心服务写了服务范围（service.scope）中没有的项目，可用性承诺的对象就不在主协议约定的服务之内，非核心服务也无从划分；同一项写两次则说明列表有误。"
    ),
    example=example(("  core: [云主机托管, 数据库运维]", "  core: [云主机托管, 网络接入]")),
)
def core_scope(c: Contract) -> Finding:
    s = _m(c).service
    seen: set[str] = set()
    for i, item in enumerate(s.core):
        if item in seen:
            yield c.finding(
                ("service", "core", i),
                _("核心服务“{item}”重复").format(item=item),
            )
        elif item not in s.scope:
            yield c.finding(
                ("service", "core", i),
                _("核心服务“{item}”不在服务范围（{scope}）中").format(
                    item=item, scope=join(list(s.scope)) if s.scope else _("未写")
                ),
                (("service", "scope"),),
            )
        seen.add(item)
