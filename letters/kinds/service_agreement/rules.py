"""Declare the consistency rules of the 服务协议 (``service-agreement``)."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from ...formatting import number
from ...i18n import N_, _, join
from ...rules import Finding, RuleSet, example, money
from .model import ServiceAgreementSpec

if TYPE_CHECKING:
    from ...contract import Contract

RULES = RuleSet("service-agreement")

# 《最高人民法院关于审理民间借贷案件适用法律若干问题的规定》第二十五条: the interest a court protects is at most four times the one-year LPR.
LPR_MULTIPLE = 4
# 法释〔2023〕13号 第六十五条第二款: a 违约金 more than 30% above the loss is generally excessive.
EXCESS_SHARE = Decimal(30)


def _m(c: Contract) -> ServiceAgreementSpec:
    assert isinstance(c.model, ServiceAgreementSpec)
    return c.model


def _pct(value: Decimal) -> str:
    return number(value.quantize(Decimal("0.01")).normalize()) + "%"


_PARTY_ROLES = (("client", N_("甲方")), ("provider", N_("乙方")))
_PARTICULARS = (
    ("credit_code", N_("统一社会信用代码")),
    ("legal_representative", N_("法定代表人")),
    ("address", N_("住所")),
)


@RULES.rule(
    "party-particulars",
    "error",
    N_("服务协议双方都须写明统一社会信用代码、法定代表人、住所和至少一种联系方式"),
    why=N_(
        "服务协议由双方签署并相互负有义务：统一社会信用代码确定合同主体，法定代表人关系到签署权限，住所是送达和“被告住所地”管辖的依据，联系方式用于通知与催告。任何一方缺少这些内容，主张权利时就要先证明“对方是谁、通知送到哪里”。"
    ),
    example=example(
        ("  address: 浙江省杭州市西湖区示例路1号", "  # address: 浙江省杭州市西湖区示例路1号")
    ),
)
def party_particulars(c: Contract) -> Finding:
    m = _m(c)
    for role, label in _PARTY_ROLES:
        party = getattr(m, role)
        missing = [_(zh) for key, zh in _PARTICULARS if getattr(party, key) is None]
        if party.phone is None and party.email is None:
            missing.append(_("联系电话或电子邮箱"))
        if missing:
            yield c.finding(
                (role,),
                _("{party}“{name}”缺少{missing}").format(
                    party=_(label), name=party.name, missing=join(missing)
                ),
            )


@RULES.rule(
    "instalment-sum",
    "error",
    N_("各期服务费之和必须等于服务费总额"),
    why=N_(
        "服务费总额与分期付款表同时写进协议；两者对不上时，甲方到底应付多少、最后一期是否付清，就有两种读法，逾期付款违约金的基数也随之不确定。"
    ),
    example=example(("  total: 480000.00", "  total: 490000.00")),
)
def instalment_sum(c: Contract) -> Finding:
    fees = _m(c).fees
    paid = sum((i.amount for i in fees.instalments), Decimal(0))
    if fees.instalments and paid != fees.total:
        yield c.finding(
            ("fees", "total"),
            _("各期服务费之和 {sum} 不等于服务费总额 {total}（相差 {diff}）").format(
                sum=money(paid), total=money(fees.total), diff=money(abs(paid - fees.total))
            ),
            tuple(("fees", "instalments", i, "amount") for i in range(len(fees.instalments))),
        )


@RULES.rule(
    "instalment-schedule",
    "error",
    N_("各期付款期限依次递增，且不早于签订日期、不晚于服务期限届满后60日"),
    why=N_(
        "付款期限倒序时，后一期先到期，逾期从哪天起算说不清；早于签订日期的期限在协议成立时已经逾期。最后一期通常在最后一段服务经确认后支付，可以晚于服务期限届满日，但乙方为中小企业的，《保障中小企业款项支付条例》要求机关、事业单位自服务交付之日起最长60日内付款，大型企业原则上也应在60日内付款；期限晚于届满后60日的，多半是年份写错，也让乙方长期垫付服务成本。"
    ),
    example=example(("    due: 2027-07-31", "    due: 2027-01-10")),
)
def instalment_schedule(c: Contract) -> Finding:
    m = _m(c)
    end, limit = c.figures.end, c.figures.last_due_limit
    rows = m.fees.instalments
    for i, inst in enumerate(rows):
        p = ("fees", "instalments", i, "due")
        if i and inst.due <= rows[i - 1].due:
            yield c.finding(
                p,
                _("第{n}期付款期限 {due} 不晚于第{prev}期的 {prev_due}").format(
                    n=i + 1, due=inst.due, prev=i, prev_due=rows[i - 1].due
                ),
                (("fees", "instalments", i - 1, "due"),),
            )
        if inst.due < m.letter.date:
            yield c.finding(
                p,
                _("第{n}期付款期限 {due} 早于签订日期 {date}").format(
                    n=i + 1, due=inst.due, date=m.letter.date
                ),
                (("letter", "date"),),
            )
        if inst.due > limit:
            yield c.finding(
                p,
                _("第{n}期付款期限 {due} 晚于服务期限届满日 {end} 后60日（{limit}）").format(
                    n=i + 1, due=inst.due, end=end, limit=limit
                ),
                (("term", "months"),),
            )


@RULES.rule(
    "acceptance-period",
    "warning",
    N_("付款条件以甲方确认或验收为前提的，须约定确认期限"),
    why=N_(
        "付款条件写成“服务经甲方书面确认后”而没有确认期限时，甲方不确认、也不提出异议，付款条件就始终不成就，乙方无从主张逾期付款。约定甲方收到服务报告后若干个工作日内书面确认或提出异议、逾期未提出异议的视为确认（fees.acceptance），付款期限才有确定的起点。"
    ),
    example=example(("  acceptance: 10个工作日", "  # acceptance: 10个工作日")),
)
def acceptance_period(c: Contract) -> Finding:
    fees = _m(c).fees
    if fees.acceptance is not None:
        return
    rows = [
        i
        for i, inst in enumerate(fees.instalments)
        if inst.condition and ("确认" in inst.condition or "验收" in inst.condition)
    ]
    if rows:
        first = rows[0]
        yield c.finding(
            ("fees", "instalments", first, "condition"),
            _(
                "第{n}期的付款条件“{condition}”以甲方确认为前提，但没有约定确认期限（fees.acceptance）：甲方不确认时付款条件始终不成就"
            ).format(n=first + 1, condition=fees.instalments[first].condition),
            tuple(("fees", "instalments", i, "condition") for i in rows[1:]),
        )


@RULES.rule(
    "late-fee-cap",
    "error",
    N_("逾期付款违约金的上限不得低于每日违约金比例"),
    why=N_(
        "上限低于一日的违约金比例时，逾期第一日就已封顶，“按日计收”形同虚设，两个数字必有一个写错（常见的是把 10% 写成 0.01%）。"
    ),
    example=example(("  cap: 10%", "  cap: 0.01%")),
)
def late_fee_cap(c: Contract) -> Finding:
    late = _m(c).late_payment
    if late.cap.value < late.daily_rate.value:
        yield c.finding(
            ("late_payment", "cap"),
            _("违约金上限 {cap} 低于每日违约金比例 {rate}：逾期第一日即已封顶").format(
                cap=late.cap, rate=late.daily_rate
            ),
            (("late_payment", "daily_rate"),),
        )


@RULES.rule(
    "late-fee-ceiling",
    "warning",
    N_("逾期付款违约金的上限不宜超过逾期金额的 30%"),
    why=N_(
        "逾期付款给收款方造成的损失主要是资金占用的利息损失。约定的违约金超过造成损失的百分之三十的，人民法院一般可以认定为过分高于造成的损失，并依对方请求予以减少（《最高人民法院关于适用〈中华人民共和国民法典〉合同编通则若干问题的解释》（法释〔2023〕13号）第六十五条）。上限超过逾期金额的 30% 时，超出部分很可能被调减，写进协议反而引起争议。"
    ),
    example=example(("  cap: 10%", "  cap: 50%")),
)
def late_fee_ceiling(c: Contract) -> Finding:
    late = _m(c).late_payment
    if late.cap.value > EXCESS_SHARE:
        yield c.finding(
            ("late_payment", "cap"),
            _(
                "违约金上限为逾期金额的 {cap}，超过 30%，超出部分可能被认定为过分高于损失而调减"
            ).format(cap=late.cap),
        )


@RULES.rule(
    "late-fee-rate",
    "warning",
    N_("每日违约金比例折合年利率不宜超过一年期 LPR 的四倍"),
    why=N_(
        "逾期付款的损失通常按资金占用利息计算：买卖合同没有约定逾期付款违约金的，以一年期贷款市场报价利率（LPR）为基础加计30%至50%计算逾期付款损失（《最高人民法院关于审理买卖合同纠纷案件适用法律问题的解释》第十八条第四款）；违约金超过损失的百分之三十一般可认定为过分高于损失（法释〔2023〕13号第六十五条）；即使借款利息，人民法院保护的上限也只是一年期 LPR 的四倍（《最高人民法院关于审理民间借贷案件适用法律若干问题的规定》第二十五条）。每日比例乘以365超过四倍 LPR 的（LPR 为3%时约为每日0.0329%），很可能被对方主张过分高于损失而调减。"
    ),
    example=example(("  daily_rate: 0.03%", "  daily_rate: 0.05%")),
)
def late_fee_rate(c: Contract) -> Finding:
    fig = c.figures
    limit = fig.lpr.value * LPR_MULTIPLE
    if fig.annual_rate > limit:
        yield c.finding(
            ("late_payment", "daily_rate"),
            _("每日 {rate} 折合年利率 {annual}，超过一年期 LPR {lpr} 的四倍（{limit}）").format(
                rate=_m(c).late_payment.daily_rate,
                annual=_pct(fig.annual_rate),
                lpr=fig.lpr,
                limit=_pct(limit),
            ),
            (("late_payment", "lpr"),) if _m(c).late_payment.lpr else (),
        )


@RULES.rule(
    "termination-notice",
    "error",
    N_("提前解除的通知期、违约纠正期限、逾期付款解除期限和催告期限都须短于服务期限"),
    why=N_(
        "通知期不短于服务期限时，任何一方发出解除通知，协议到期前都不会解除，约定的解除权落空；纠正期限、逾期付款期限或催告期限不短于服务期限时，服务结束前守约方都无法解除，同样形同虚设。"
    ),
    example=example(("  notice: 30d", "  notice: 400d")),
)
def termination_notice(c: Contract) -> Finding:
    t = _m(c).termination
    days = c.figures.term_days
    if t.notice is not None and t.notice.seconds >= days * 86400:
        yield c.finding(
            ("termination", "notice"),
            _("提前解除通知期 {notice} 不短于服务期限的 {days} 日").format(
                notice=t.notice.text(), days=days
            ),
            (("term", "months"),),
        )
    for key, value, what in (
        ("cure_days", t.cure_days, N_("违约纠正期限")),
        ("payment_default_days", t.payment_default_days, N_("逾期付款解除期限")),
        ("demand_days", t.demand_days, N_("催告期限")),
    ):
        if value is not None and value >= days:
            yield c.finding(
                ("termination", key),
                _("{what} {value} 日不短于服务期限的 {days} 日").format(
                    what=_(what), value=value, days=days
                ),
                (("term", "months"),),
            )


@RULES.rule(
    "termination-compensation",
    "warning",
    N_("约定任意解除的，须约定解除方对另一方的补偿"),
    why=N_(
        "任何一方提前通知即可解除、又不承担任何代价的，约定的服务期限对双方都没有约束力：乙方为长期服务投入的人员和设备可能在通知期满后落空，甲方也可能在服务期间突然失去运维保障。约定解除方按剩余服务期限对应服务费的一定比例补偿对方（termination.compensation），或者不约定任意解除（删去 termination.notice）。"
    ),
    example=example(("  compensation: 20%", "  # compensation: 20%")),
)
def termination_compensation(c: Contract) -> Finding:
    t = _m(c).termination
    if t.notice is not None and t.compensation is None:
        yield c.finding(
            ("termination", "notice"),
            _(
                "任何一方提前 {notice} 通知即可解除，但没有约定解除方的补偿（termination.compensation）：服务期限形同虚设"
            ).format(notice=t.notice.text()),
        )
    elif t.notice is None and t.compensation is not None:
        yield c.finding(
            ("termination", "compensation"),
            _(
                "约定了提前解除补偿 {compensation}，但没有约定提前解除通知期（termination.notice）：补偿无从适用"
            ).format(compensation=t.compensation),
        )


@RULES.rule(
    "service-penalty-cap",
    "error",
    N_("服务质量违约金的上限不得低于一个月的违约金"),
    why=N_(
        "服务质量违约金按月计收、累计不超过服务费总额的一定比例；上限低于一个月的违约金时，第一个不达标的月份就已封顶，“按月计收”形同虚设，两个比例必有一个写错。"
    ),
    example=example(("  cap: 5%", "  cap: 0.5%")),
)
def quality_penalty_cap(c: Contract) -> Finding:
    fig = c.figures
    qp = _m(c).quality_penalty
    if qp is None or fig.quality_per_month is None or fig.quality_cap is None:
        return
    if fig.quality_cap < fig.quality_per_month:
        yield c.finding(
            ("quality_penalty", "cap"),
            _(
                "服务质量违约金上限 {cap}（服务费总额的 {cap_rate}）低于一个月的违约金 {month}（月均服务费的 {rate}）"
            ).format(
                cap=money(fig.quality_cap),
                cap_rate=qp.cap,
                month=money(fig.quality_per_month),
                rate=qp.monthly_rate,
            ),
            (("quality_penalty", "monthly_rate"),),
        )


@RULES.rule(
    "counterparts",
    "error",
    N_("协议份数应为不少于 2 的偶数，双方各执一半"),
    why=N_(
        "双方签署的协议应当每方至少持有一份原件，才能各自举证；份数为奇数时“双方各执一半”无法做到，须另写明多出的一份由谁持有。"
    ),
    example=example(("copies: 2", "copies: 3")),
)
def counterparts(c: Contract) -> Finding:
    n = _m(c).copies
    if n > 0 and (n < 2 or n % 2):
        yield c.finding(
            ("copies",),
            _("协议一式 {n} 份，无法由双方各执相同份数").format(n=n),
        )


@RULES.rule(
    "agreement-forum",
    "error",
    N_("服务协议须约定且只约定一种争议解决方式"),
    why=N_(
        "服务协议是独立的合同，没有可以援引的主协议：不约定争议解决方式，协议就要依法定管辖，双方事先无从知道在哪里解决争议；按争议金额分档约定多种方式的，争议金额由请求方决定，易生管辖争议。写一项，如“甲方住所地人民法院”或“杭州仲裁委员会”。"
    ),
    example=example(
        (
            "  - forum: 甲方住所地人民法院",
            "  - up_to: 50000\n    forum: 杭州仲裁委员会\n  - forum: 甲方住所地人民法院",
        )
    ),
)
def agreement_forum(c: Contract) -> Finding:
    bands = _m(c).disputes
    if not bands:
        yield c.finding(
            ("disputes",), _("没有约定争议解决方式；服务协议没有主协议可依，请写明一种")
        )
    elif len(bands) > 1:
        yield c.finding(
            ("disputes",),
            _("约定了 {n} 种争议解决方式；服务协议只应约定一种").format(n=len(bands)),
            tuple(("disputes", i, "forum") for i in range(len(bands))),
        )


@RULES.rule(
    "service-hours",
    "error",
    N_("工作时间服务须写明开始和结束时刻，且开始早于结束"),
    why=N_(
        "服务时间决定乙方何时必须在岗、暂停服务从何时起算；只写“工作时间”而没有时刻，或开始晚于结束，服务时间就无法确定。全天候服务写 coverage: 7x24，不写时刻。"
    ),
    example=example(('  end: "18:00"', '  end: "08:00"')),
)
def service_hours(c: Contract) -> Finding:
    h = _m(c).service.hours
    p = ("service", "hours")
    if h.coverage == "7x24":
        if h.start is not None or h.end is not None:
            yield c.finding(p, _("全天候（7x24）服务不应写工作时间的开始或结束时刻"))
        return
    if h.start is None or h.end is None:
        yield c.finding(p, _("工作时间服务须写明开始时刻 start 和结束时刻 end"))
    elif h.start >= h.end:
        yield c.finding(
            (*p, "end"),
            _("结束时刻 {end} 不晚于开始时刻 {start}").format(
                end=h.end.strftime("%H:%M"), start=h.start.strftime("%H:%M")
            ),
            ((*p, "start"),),
        )


@RULES.rule(
    "term-start",
    "warning",
    N_("服务期限一般不早于协议签订日期开始"),
    why=N_(
        "服务开始日早于签订日期时，签订前已经提供的服务是否适用本协议的价格、质量标准和违约责任，容易引起争议；确属补签的，应在协议中写明追溯适用。"
    ),
    example=example(("  start: 2027-01-01", "  start: 2026-12-10")),
)
def term_start(c: Contract) -> Finding:
    m = _m(c)
    if m.term.start < m.letter.date:
        yield c.finding(
            ("term", "start"),
            _("服务开始日 {start} 早于签订日期 {date}；请确认是否有意追溯适用").format(
                start=m.term.start, date=m.letter.date
            ),
            (("letter", "date"),),
        )
