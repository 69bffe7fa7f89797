"""Declare the consistency rules of the 质量标准承诺书 (``quality-standard``)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ...i18n import N_, _
from ...rules import Finding, RuleSet, example, money, repeats
from .figures import INTERVAL_TEXT, STANDARD_CODE, parse_target
from .model import QualityStandardSpec

if TYPE_CHECKING:
    from ...contract import Contract

RULES = RuleSet("quality-standard")


def _m(c: Contract) -> QualityStandardSpec:
    assert isinstance(c.model, QualityStandardSpec)
    return c.model


@RULES.rule(
    "standard-code",
    "error",
    N_("标准编号须带年代号（如 GB/T 19001-2016），且发布年份不晚于出具日期"),
    why=N_(
        "质量承诺以标准为准绳：不带年代号的编号指向“最新版本”，标准一经修订，承诺的内容便随之改变，承诺方与接收方各执一词；发布年份晚于出具日期的标准在出具时尚不存在，多半是编号抄错了。"
    ),
    example=example(("  - code: GB/T 19001-2016", "  - code: GB/T 19001")),
)
def standard_code(c: Contract) -> Finding:
    m = _m(c)
    for i, s in enumerate(m.standards):
        match = STANDARD_CODE.fullmatch(s.code)
        if match is None:
            yield c.finding(
                ("standards", i, "code"),
                _(
                    "标准编号“{code}”不是带年代号的标准编号；应写成如 GB/T 19001-2016（代号、空格、顺序号、连字符、四位年份）"
                ).format(code=s.code),
            )
        elif int(match.group(3)) > m.letter.date.year:
            yield c.finding(
                ("standards", i, "code"),
                _("标准 {code} 的发布年份 {year} 晚于出具日期 {date}").format(
                    code=s.code, year=match.group(3), date=m.letter.date
                ),
                (("letter", "date"),),
            )


@RULES.rule(
    "indicator-standard",
    "error",
    N_("每项指标引用的标准须在依据标准中声明，且每项标准只声明一次"),
    why=N_(
        "指标表中的“依据标准”一栏引用的是本承诺书声明的标准；引用了未声明的编号，指标的检验依据就落空了，同一编号声明两次则引用指向哪一条说不清。"
    ),
    example=example(("    standard: GB/T 28827.1-2022", "    standard: GB/T 28827.9-2022")),
)
def indicator_standard(c: Contract) -> Finding:
    m = _m(c)
    for i, first in repeats(s.code for s in m.standards):
        yield c.finding(
            ("standards", i, "code"),
            _("标准 {code} 重复声明（另见第{other}项）").format(
                code=m.standards[i].code, other=first + 1
            ),
            (("standards", first, "code"),),
        )
    seen = {s.code for s in m.standards}
    for i, ind in enumerate(m.indicators):
        if ind.standard is not None and ind.standard not in seen:
            yield c.finding(
                ("indicators", i, "standard"),
                _("指标“{name}”引用的标准 {code} 未在 standards 中声明").format(
                    name=ind.name, code=ind.standard
                ),
                (("standards",),),
            )


@RULES.rule(
    "standard-unused",
    "warning",
    N_("声明的每项标准都应至少被一项指标引用"),
    why=N_(
        "承诺书列出的标准即承诺方愿受其约束的标准；没有任何指标引用的标准要么是遗漏了指标，要么不该列出——留着它，接收方可以主张承诺方对该标准的全部要求都作了承诺。"
    ),
    example=example(("    standard: GB/T 28827.1-2022", "    standard: GB/T 19001-2016")),
)
def standard_unused(c: Contract) -> Finding:
    m = _m(c)
    used = {ind.standard for ind in m.indicators}
    for i, s in enumerate(m.standards):
        if s.code not in used:
            yield c.finding(
                ("standards", i, "code"),
                _("标准 {code}《{title}》没有被任何指标引用").format(code=s.code, title=s.title),
            )


@RULES.rule(
    "indicator-target",
    "error",
    N_("指标要求须写成“比较符 + 数值 + 单位”，百分比不超过 100%；不参照标准的指标须写明指标要求"),
    why=N_(
        "指标要求是检验是否达标的尺子：没有比较符就不知道是下限还是上限，没有单位就无法测量，超过 100% 的合格率或可用率不可能达到，承诺自始无法履行；既不参照标准又不写指标要求的指标，没有任何尺子可以检验。"
    ),
    example=example(("    target: ≥99.5%", "    target: ≥199.5%")),
)
def indicator_target(c: Contract) -> Finding:
    for i, ind in enumerate(_m(c).indicators):
        if ind.target is None:
            if ind.standard is None:
                yield c.finding(
                    ("indicators", i, "name"),
                    _(
                        "指标“{name}”既没有参照标准（standard），也没有指标要求（target），无从检验是否达标"
                    ).format(name=ind.name),
                )
            continue
        p = ("indicators", i, "target")
        t = parse_target(ind.target)
        if t is None:
            yield c.finding(
                p,
                _(
                    "指标“{name}”的要求“{target}”不是“比较符 + 数值 + 单位”的形式，如 ≥99.5%、≤2小时"
                ).format(name=ind.name, target=ind.target),
            )
        elif not t.comparator:
            yield c.finding(
                p,
                _(
                    "指标“{name}”的要求“{target}”缺少比较符（≥、≤、>、<、=），不知道是下限还是上限"
                ).format(name=ind.name, target=ind.target),
            )
        elif not t.unit:
            yield c.finding(
                p,
                _("指标“{name}”的要求“{target}”缺少单位").format(name=ind.name, target=ind.target),
            )
        elif t.unit == "%" and (t.value > 100 or (t.value == 100 and t.comparator == ">")):
            yield c.finding(
                p,
                _("指标“{name}”的要求“{target}”超过 100%，不可能达到").format(
                    name=ind.name, target=ind.target
                ),
            )


# A method that takes planned maintenance out of the downtime: 维护 with 不计入/除外/扣除/排除/不计.
_MAINTENANCE = re.compile(r"维护")
_EXCLUDED = re.compile(r"不计入|不计|除外|扣除|排除")
# a notice period: 提前72小时, 提前 3 个工作日, 提前2日
_NOTICE = re.compile(r"提前\s*[0-9]+\s*个?\s*(?:小时|日|天|工作日|周)")
# a cap per period: 不超过4小时, 至多30分钟, 上限为2小时, 4小时以内, 2小时为限
_CAP = re.compile(
    r"(?:不超过|不得超过|不多于|至多|最多|上限为?)\s*[0-9]+(?:\.[0-9]+)?\s*个?\s*(?:小时|分钟)"
    r"|[0-9]+(?:\.[0-9]+)?\s*个?\s*(?:小时|分钟)\s*(?:以内|为限)"
)


@RULES.rule(
    "indicator-maintenance",
    "warning",
    N_("检验方法把计划性维护排除在不可用时间之外的，应写明提前通知的期限和每个统计周期的上限"),
    why=N_(
        "“经提前通知的计划性维护不计入不可用时间”是可用率承诺最大的例外：没有通知期限，提前一分钟通知也算；没有每个统计周期的上限，承诺方把任何停机称为维护即可不计，99.9% 的承诺便形同虚设。"
    ),
    example=example(
        (
            "    method: 按自然月统计；经提前48小时书面通知接收方的计划性维护，每月累计不超过2小时的部分不计入不可用时间",
            "    method: 按自然月统计，计划性维护时间除外",
        )
    ),
)
def indicator_maintenance(c: Contract) -> Finding:
    for i, ind in enumerate(_m(c).indicators):
        method = ind.method or ""
        if not (_MAINTENANCE.search(method) and _EXCLUDED.search(method)):
            continue
        p = ("indicators", i, "method")
        if not _NOTICE.search(method):
            yield c.finding(
                p,
                _(
                    "指标“{name}”的检验方法把计划性维护排除在外，却没有写明提前通知的期限（如“提前72小时书面通知”）：“{method}”"
                ).format(name=ind.name, method=method),
            )
        if not _CAP.search(method):
            yield c.finding(
                p,
                _(
                    "指标“{name}”的检验方法把计划性维护排除在外，却没有写明每个统计周期不计入的上限（如“每月累计不超过4小时”）：“{method}”"
                ).format(name=ind.name, method=method),
            )


@RULES.rule(
    "self-check-interval",
    "error",
    N_("自查周期须短于承诺有效期，自查报告的提交期限须短于自查周期"),
    why=N_(
        "定期自查是承诺方证明持续达标的手段：自查周期不短于有效期时，有效期内至多在期满时自查一次，“定期”便落空；自查报告在下一期自查结束后才提交，报告就总是滞后一期，接收方无从及时监督。"
    ),
    example=example(("  interval: quarter", "  interval: year")),
)
def self_check_interval(c: Contract) -> Finding:
    m = _m(c)
    fig = c.figures
    v, sc = m.validity, m.self_check
    if v.end < v.start:
        return  # quality-validity reports it
    if len(fig.periods) < 2:
        yield c.finding(
            ("self_check", "interval"),
            _(
                "自查周期（{interval}）不短于承诺有效期（{start}至{end}，共{length}），有效期内只能自查一次"
            ).format(
                interval=_(INTERVAL_TEXT[sc.interval]),
                start=v.start,
                end=v.end,
                length=fig.validity_text,
            ),
            (("validity", "start"), ("validity", "end")),
        )
    elif sc.report_days >= fig.shortest_period_days:
        yield c.finding(
            ("self_check", "report_days"),
            _(
                "自查报告提交期限 {days}日 不短于自查周期（{interval}，最短的一期 {period}日），报告将晚于下一期自查"
            ).format(
                days=sc.report_days,
                interval=_(INTERVAL_TEXT[sc.interval]),
                period=fig.shortest_period_days,
            ),
            (("self_check", "interval"),),
        )


@RULES.rule(
    "rectification-period",
    "error",
    N_("整改期限须短于自查周期"),
    why=N_(
        "一期自查发现的问题应在下一期自查之前整改完毕，下一期自查才能检验整改的效果；整改期限不短于自查周期时，问题可以一期拖一期，限期整改形同虚设。"
    ),
    example=example(("  days: 15", "  days: 120")),
)
def rectification_period(c: Contract) -> Finding:
    m = _m(c)
    fig = c.figures
    days = m.rectification.days
    if m.validity.end >= m.validity.start and days >= fig.shortest_period_days:
        yield c.finding(
            ("rectification", "days"),
            _(
                "整改期限 {days}日 不短于自查周期（{interval}，最短的一期 {period}日），下一期自查前无法完成整改"
            ).format(
                days=days,
                interval=_(INTERVAL_TEXT[m.self_check.interval]),
                period=fig.shortest_period_days,
            ),
            (("self_check", "interval"),),
        )


@RULES.rule(
    "quality-validity",
    "error",
    N_("承诺有效期的起始日早于届满日，届满日不早于出具日期；有主协议的，有效期落在主协议期限之内"),
    why=N_(
        "有效期决定承诺方在哪段时间内受质量标准约束：届满日不晚于起始日，承诺没有可以履行的期间；超出主协议期限的部分没有交付可供检验，承诺在主协议终止后是否继续有效会起争议；出具日期已在有效期届满之后，承诺自始无从履行。"
    ),
    example=example(("  end: 2027-12-31", "  end: 2026-12-31")),
)
def quality_validity(c: Contract) -> Finding:
    m = _m(c)
    v = m.validity
    if v.end <= v.start:
        yield c.finding(
            ("validity", "end"),
            _("有效期届满日 {end} 不晚于起始日 {start}").format(end=v.end, start=v.start),
            (("validity", "start"),),
        )
    elif m.letter.date > v.end:
        yield c.finding(
            ("letter", "date"),
            _("出具日期 {date} 晚于有效期届满日 {end}，承诺已无从履行").format(
                date=m.letter.date, end=v.end
            ),
            (("validity", "end"),),
        )
    a = m.agreement
    if a is None:
        return
    if v.start < a.effective:
        yield c.finding(
            ("validity", "start"),
            _("有效期起始日 {start} 早于主协议生效日 {effective}").format(
                start=v.start, effective=a.effective
            ),
            (("agreement", "effective"),),
        )
    if v.end > a.expires:
        yield c.finding(
            ("validity", "end"),
            _("有效期届满日 {end} 晚于主协议终止日 {expires}").format(end=v.end, expires=a.expires),
            (("agreement", "expires"),),
        )


@RULES.rule(
    "quality-counterparts",
    "error",
    N_("份数不得少于签署方数：双方签署时至少一式两份"),
    why=N_(
        "每一签署方都应持有一份原件，才能在争议中举证；双方签署的承诺书只有一份原件时，另一方手中没有签署本，条款也无法写成“各执一份”。"
    ),
    example=example(
        ("# acknowledgement: true", "acknowledgement: true"), ("copies: 2", "copies: 1")
    ),
)
def quality_counterparts(c: Contract) -> Finding:
    m = _m(c)
    need = c.figures.signing_parties
    if m.copies < need:
        yield c.finding(
            ("copies",),
            _("本承诺书由 {parties} 方签署，却只一式 {copies} 份；每一签署方至少应持有一份").format(
                parties=need, copies=m.copies
            ),
            (("signatories",),),
        )


@RULES.rule(
    "quality-penalty-terms",
    "error",
    N_(
        "违约金须至少约定每项不符合项的违约金或逾期整改的每日违约金；按日计算的，须有每项不符合项的上限"
    ),
    why=N_(
        "违约金一段没有任何金额，承诺方无从支付；逾期整改违约金按日累计而没有每项上限时，一项长期未整改的不符合项可以吞掉全部累计上限，或在没有累计上限时无限增长，易被认定为过分高于损失而调减；只写上限不写每日金额，上限限制的是什么说不清。"
    ),
    example=example(("  late_cap: 15000.00", "  # late_cap: 15000.00")),
)
def quality_penalty_terms(c: Contract) -> Finding:
    p = _m(c).penalty
    if p is None:
        return
    if p.per_item is None and p.per_day is None:
        yield c.finding(
            ("penalty",),
            _(
                "违约金一段既没有每项不符合项的违约金（per_item），也没有逾期整改的每日违约金（per_day），承诺方无从支付"
            ),
        )
    if p.per_day is not None and p.late_cap is None:
        yield c.finding(
            ("penalty", "per_day"),
            _(
                "逾期整改违约金按日计算（每日 {per_day}），却没有每一项不符合项的累计上限（late_cap）"
            ).format(per_day=money(p.per_day)),
        )
    if p.late_cap is not None and p.per_day is None:
        yield c.finding(
            ("penalty", "late_cap"),
            _("写了逾期整改违约金的上限 {late_cap}，却没有每日违约金（per_day）").format(
                late_cap=money(p.late_cap)
            ),
        )


@RULES.rule(
    "quality-penalty-cap",
    "error",
    N_(
        "违约金上限不得低于它所限制的金额：累计上限不低于每项违约金和每项逾期整改上限，每项逾期整改上限不低于每日违约金"
    ),
    why=N_(
        "上限低于它所限制的单笔金额时，第一项不符合项或逾期第一日就触到上限，单笔金额的约定永远无法按约适用，两个数字自相矛盾。"
    ),
    example=example(("  cap: 100000.00", "  cap: 1000.00")),
)
def quality_penalty_cap(c: Contract) -> Finding:
    p = _m(c).penalty
    if p is None:
        return
    if p.cap is not None and p.per_item is not None and p.cap < p.per_item:
        yield c.finding(
            ("penalty", "cap"),
            _("违约金累计上限 {cap} 低于每项违约金 {per_item}").format(
                cap=money(p.cap), per_item=money(p.per_item)
            ),
            (("penalty", "per_item"),),
        )
    if p.cap is not None and p.late_cap is not None and p.cap < p.late_cap:
        yield c.finding(
            ("penalty", "cap"),
            _("违约金累计上限 {cap} 低于每一项不符合项的逾期整改违约金上限 {late_cap}").format(
                cap=money(p.cap), late_cap=money(p.late_cap)
            ),
            (("penalty", "late_cap"),),
        )
    elif p.cap is not None and p.late_cap is None and p.per_day is not None and p.cap < p.per_day:
        yield c.finding(
            ("penalty", "cap"),
            _("违约金累计上限 {cap} 低于逾期整改每日违约金 {per_day}").format(
                cap=money(p.cap), per_day=money(p.per_day)
            ),
            (("penalty", "per_day"),),
        )
    if p.late_cap is not None and p.per_day is not None and p.late_cap < p.per_day:
        yield c.finding(
            ("penalty", "late_cap"),
            _("每一项不符合项的逾期整改违约金上限 {late_cap} 低于每日违约金 {per_day}").format(
                late_cap=money(p.late_cap), per_day=money(p.per_day)
            ),
            (("penalty", "per_day"),),
        )
