"""Run the consistency rules: every number of a spec checked against every other.

Each rule is a small named function registered with :func:`rule`; it receives the loaded
:class:`~letters.spec.Contract` and yields :class:`~letters.diagnostics.Diagnostic` objects.
Findings are data: a rule never raises for a bad spec.  The code of a rule is a stable English
slug; its messages quote the numbers involved and are Chinese by default (English with
``--lang en``, see :mod:`letters.i18n`).  A rule's ``summary`` is the Chinese source text (a
message id): show it with ``_(rule.summary)``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from .diagnostics import Diagnostic, Path_, sort_key
from .i18n import N_, _, join
from .models import ContinuitySpec, SlaSpec
from .spec import Contract
from .units import Duration, Percent

Finding = Iterator[Diagnostic]
RuleFn = Callable[[Contract], Finding]


@dataclass(frozen=True)
class Rule:
    """Describe one consistency rule: its code, severity, kinds it applies to and summary."""

    code: str
    severity: str
    templates: tuple[str, ...]
    summary: str
    fn: RuleFn


RULES: dict[str, Rule] = {}
BOTH = ("sla-response", "continuity")


def rule(code: str, severity: str, summary: str, templates: tuple[str, ...] = BOTH) -> Callable[[RuleFn], RuleFn]:
    """Register the decorated function as the rule *code*."""

    def register(fn: RuleFn) -> RuleFn:
        RULES[code] = Rule(code, severity, templates, summary, fn)
        return fn

    return register


def check(contract: Contract) -> list[Diagnostic]:
    """Return every finding for *contract*: its load findings and those of every rule, sorted."""
    found = list(contract.diagnostics)
    for r in RULES.values():
        if contract.template in r.templates:
            found.extend(r.fn(contract))
    return sorted(found, key=sort_key)


def _money(value: Decimal) -> str:
    from .fmt import amount

    return _("{amount}元").format(amount=amount(value))


def _sla(c: Contract) -> SlaSpec:
    assert isinstance(c.model, SlaSpec)
    return c.model


def _cont(c: Contract) -> ContinuitySpec:
    assert isinstance(c.model, ContinuitySpec)
    return c.model


# ------------------------------------------------------------------ generic value rules


# How the model walk treats a value of each type: 0 a leaf, 1 a model (its fields), 2 a tuple
# (its items).  Percent and Duration are dataclasses but leaves.
_SHAPES: dict[type, tuple[int, tuple[str, ...]]] = {}
_NUMBERS = (Percent, Duration, Decimal, int)
_last_numbers: tuple[Any, tuple[tuple[Path_, Any], ...]] | None = None


def _shape(value: Any) -> tuple[int, tuple[str, ...]]:
    """Return how the walk treats *value* (cached per type) and a model's field names."""
    cls = type(value)
    shape = _SHAPES.get(cls)
    if shape is None:
        if dataclasses.is_dataclass(value) and not isinstance(value, (Percent, Duration)):
            shape = (1, tuple(fld.name for fld in dataclasses.fields(value)))
        else:
            shape = (2 if isinstance(value, tuple) else 0, ())
        if not isinstance(value, type):  # for a class, is_dataclass depends on the class itself
            _SHAPES[cls] = shape
    return shape


def _collect(value: Any, path: Path_, out: list[tuple[Path_, Any]]) -> None:
    """Append the number leaves of *value* and their paths to *out*, depth first in field order."""
    kind, names = _shape(value)
    if kind == 1:
        for name in names:
            _collect(getattr(value, name), (*path, name), out)
    elif kind == 2:
        for i, item in enumerate(value):
            _collect(item, (*path, i), out)
    elif isinstance(value, _NUMBERS):
        out.append((path, value))


def _numbers(model: Any) -> tuple[tuple[Path_, Any], ...]:
    """Return the Percent, Duration, Decimal and int leaves of *model* with their paths.

    ``percent-range`` and ``positive`` both need them: the walk is done once per model (the
    last model's leaves are kept; a model is immutable) instead of once per rule.
    """
    global _last_numbers
    last = _last_numbers
    if last is not None and last[0] is model:
        return last[1]
    out: list[tuple[Path_, Any]] = []
    _collect(model, (), out)
    leaves = tuple(out)
    _last_numbers = (model, leaves)
    return leaves


# Percentages that are multipliers of a standard time, not shares: they may exceed 100%.
_MULTIPLIERS = {"adjustments"}


@rule("percent-range", "error", N_("占比、费率、可用性等百分比必须在 0% 到 100% 之间（时效调整倍率除外）"))
def percent_range(c: Contract) -> Finding:
    for path, value in _numbers(c.model):
        if isinstance(value, Percent) and path[0] not in _MULTIPLIERS and not (0 <= value.value <= 100):
            yield c.diag("percent-range", "error", path, _("百分比 {value} 超出 0%–100% 的范围").format(value=value))


@rule("positive", "error", N_("时长、次数、天数等必须大于零，人数不能为负"))
def positive(c: Contract) -> Finding:
    for path, value in _numbers(c.model):
        if isinstance(value, Duration) and value.amount <= 0:
            yield c.diag("positive", "error", path, _("时长 {value} 必须大于零").format(value=value.text()))
        elif isinstance(value, Percent) and path[0] in _MULTIPLIERS and value.value <= 0:
            yield c.diag("positive", "error", path, _("时效倍率 {value} 必须大于零").format(value=value))
        elif isinstance(value, Decimal) and value <= 0 and path[-1] not in ("up_to",):
            yield c.diag("positive", "error", path, _("金额 {value} 必须大于零").format(value=_money(value)))
        elif (
            isinstance(value, int)
            and not isinstance(value, bool)
            and value <= 0
            and path[-1] not in ("technical", "operations", "support")
        ):
            yield c.diag("positive", "error", path, _("数值 {value} 必须大于零").format(value=value))


# ------------------------------------------------------------------ parties and dates


def _credit_code_problem(code: str) -> str | None:
    """Return why *code* is not a valid GB 32100-2015 unified social credit code, or None."""
    alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    weights = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
    if len(code) != 18:
        return _("应为 18 位，实际 {count} 位").format(count=len(code))
    bad = [ch for ch in code if ch not in alphabet]
    if bad:
        return _("含有不允许的字符“{char}”（代码只用数字和除 I、O、S、V、Z 以外的大写字母）").format(char=bad[0])
    total = sum(alphabet.index(ch) * w for ch, w in zip(code[:17], weights, strict=True))
    expected = alphabet[(31 - total % 31) % 31]
    if code[17] != expected:
        return _("校验位应为“{expected}”，实际为“{actual}”").format(expected=expected, actual=code[17])
    return None


@rule("credit-code", "error", N_("统一社会信用代码须符合 GB 32100-2015：18 位、字符集正确、校验位正确"))
def credit_code(c: Contract) -> Finding:
    for role in ("provider", "client"):
        party = getattr(c.model, role)
        if party.credit_code is None:
            continue
        problem = _credit_code_problem(party.credit_code)
        if problem:
            code = party.credit_code
            if role == "provider":
                msg = _("承诺方统一社会信用代码 {code} 无效：{problem}").format(code=code, problem=problem)
            else:
                msg = _("接收方统一社会信用代码 {code} 无效：{problem}").format(code=code, problem=problem)
            yield c.diag("credit-code", "error", (role, "credit_code"), msg)


_PARTY_DETAILS = (
    ("credit_code", N_("统一社会信用代码")),
    ("legal_representative", N_("法定代表人")),
    ("address", N_("住所")),
)


@rule("party-details", "warning", N_("双方均具名的承诺书，接收方应写明统一社会信用代码、法定代表人和住所"), ("continuity",))
def party_details(c: Contract) -> Finding:
    client = c.model.client
    missing = [_(zh) for key, zh in _PARTY_DETAILS if getattr(client, key) is None]
    if missing:
        yield c.diag(
            "party-details", "warning", ("client",),
            _("接收方缺少{missing}，双方身份应完整载明").format(missing=join(missing)),
        )



@rule("date-order", "error", N_("协议生效日不晚于终止日；出具日期不晚于协议终止日"))
def date_order(c: Contract) -> Finding:
    a = c.model.agreement
    if a.expires < a.effective:
        yield c.diag(
            "date-order",
            "error",
            ("agreement", "expires"),
            _("协议终止日 {expires} 早于生效日 {effective}").format(expires=a.expires, effective=a.effective),
            (("agreement", "effective"),),
        )
    if c.model.letter.date > a.expires:
        yield c.diag(
            "date-order",
            "error",
            ("letter", "date"),
            _("出具日期 {date} 晚于协议终止日 {expires}，承诺已无从履行").format(date=c.model.letter.date, expires=a.expires),
            (("agreement", "expires"),),
        )


@rule("letter-date", "warning", N_("承诺函一般在主协议生效前或生效当日出具"))
def letter_date(c: Contract) -> Finding:
    a = c.model.agreement
    if a.effective < c.model.letter.date <= a.expires:
        yield c.diag(
            "letter-date",
            "warning",
            ("letter", "date"),
            _("出具日期 {date} 晚于协议生效日 {effective}；请确认承诺是否需要追溯适用").format(
                date=c.model.letter.date, effective=a.effective
            ),
            (("agreement", "effective"),),
        )


@rule("phase-order", "error", N_("实施阶段的截止日期依次递增，且落在出具日期与协议终止日之间"), ("continuity",))
def phase_order(c: Contract) -> Finding:
    m = _cont(c)
    for i, ph in enumerate(m.phases):
        p = ("phases", i, "until")
        if i and ph.until <= m.phases[i - 1].until:
            yield c.diag(
                "phase-order", "error", p,
                _("第{n}阶段截止日 {until} 不晚于第{prev}阶段截止日 {prev_until}").format(
                    n=i + 1, until=ph.until, prev=i, prev_until=m.phases[i - 1].until
                ),
                (("phases", i - 1, "until"),),
            )
        if ph.until < m.letter.date:
            yield c.diag(
                "phase-order", "error", p,
                _("阶段截止日 {until} 早于出具日期 {date}").format(until=ph.until, date=m.letter.date),
                (("letter", "date"),),
            )
        if ph.until > m.agreement.expires:
            yield c.diag(
                "phase-order", "error", p,
                _("阶段截止日 {until} 晚于协议终止日 {expires}").format(until=ph.until, expires=m.agreement.expires),
                (("agreement", "expires"),),
            )


# ------------------------------------------------------------------ signatories, disputes


@rule("signatories", "error", N_("须有承诺方签署人；法定代表人签署时姓名须与当事人信息一致"))
def signatories(c: Contract) -> Finding:
    sigs = c.model.signatories
    if not any(s.party == "provider" for s in sigs):
        yield c.diag("signatories", "error", ("signatories",), _("没有承诺方（provider）的签署人，承诺函无人签署"))
    for i, s in enumerate(sigs):
        party = getattr(c.model, s.party)
        rep = party.legal_representative
        if s.role == "法定代表人" and rep is not None and s.name != rep:
            if s.party == "provider":
                msg = _("签署人“{name}”以法定代表人身份签署，但承诺方的法定代表人是“{rep}”").format(name=s.name, rep=rep)
            else:
                msg = _("签署人“{name}”以法定代表人身份签署，但接收方的法定代表人是“{rep}”").format(name=s.name, rep=rep)
            yield c.diag("signatories", "error", ("signatories", i, "name"), msg, ((s.party, "legal_representative"),))
    seen: dict[tuple[str, str], int] = {}
    for i, s in enumerate(sigs):
        key = (s.party, s.role)
        if key in seen:
            yield c.diag(
                "signatories", "error", ("signatories", i, "role"),
                _("同一方的职务“{role}”重复出现（另见第{other}位签署人）").format(role=s.role, other=seen[key] + 1),
                (("signatories", seen[key], "role"),),
            )
        seen[key] = i


@rule("dispute-bands", "error", N_("争议分档按金额严格递增，只有最后一档不设上限"))
def dispute_bands(c: Contract) -> Finding:
    bands = c.model.disputes
    if not bands:
        yield c.diag("dispute-bands", "error", ("disputes",), _("至少需要一种争议解决方式"))
        return
    prev: Decimal | None = None
    for i, band in enumerate(bands):
        last = i == len(bands) - 1
        if band.up_to is None and not last:
            yield c.diag(
                "dispute-bands", "error", ("disputes", i),
                _("第{n}档没有金额上限，但其后还有档位；只有最后一档可以不设上限").format(n=i + 1),
            )
        if band.up_to is not None and last:
            yield c.diag(
                "dispute-bands", "error", ("disputes", i, "up_to"),
                _("最后一档设了上限 {up_to}，超过该金额的争议将无处可诉；最后一档应不写 up_to").format(
                    up_to=_money(band.up_to)
                ),
            )
        if band.up_to is not None:
            if prev is not None and band.up_to <= prev:
                yield c.diag(
                    "dispute-bands", "error", ("disputes", i, "up_to"),
                    _("第{n}档上限 {up_to} 不高于第{prev}档上限 {prev_up_to}，分档应按金额递增").format(
                        n=i + 1, up_to=_money(band.up_to), prev=i, prev_up_to=_money(prev)
                    ),
                    (("disputes", i - 1, "up_to"),),
                )
            prev = band.up_to


@rule("annexes-unique", "warning", N_("附件清单中不应有重复的附件"))
def annexes_unique(c: Contract) -> Finding:
    seen: dict[str, int] = {}
    for i, name in enumerate(c.model.annexes):
        if name in seen:
            yield c.diag(
                "annexes-unique", "warning", ("annexes", i),
                _("附件“{name}”重复（另见第{other}项）").format(name=name, other=seen[name] + 1),
                (("annexes", seen[name]),),
            )
        seen.setdefault(name, i)


# ------------------------------------------------------------------ sla-response


@rule("share-sum", "error", N_("各响应级别的预计占比合计必须恰好为 100%"), ("sla-response",))
def share_sum(c: Contract) -> Finding:
    tiers = _sla(c).tiers
    if not tiers:
        yield c.diag("share-sum", "error", ("tiers",), _("至少需要一个响应级别"))
        return
    total = sum((t.share.value for t in tiers), Decimal(0))
    if total != 100:
        parts = " + ".join(str(t.share) for t in tiers)
        yield c.diag(
            "share-sum", "error", ("tiers",),
            _("各级占比合计 {total}（{parts}），应恰好为 100%").format(total=Percent(total), parts=parts),
            tuple(("tiers", i, "share") for i in range(len(tiers))),
        )


@rule("tier-level-unique", "error", N_("响应级别代号不得重复"), ("sla-response",))
def tier_level_unique(c: Contract) -> Finding:
    seen: dict[str, int] = {}
    for i, t in enumerate(_sla(c).tiers):
        if t.level in seen:
            yield c.diag(
                "tier-level-unique", "error", ("tiers", i, "level"),
                _("级别代号“{level}”重复（另见第{other}级）").format(level=t.level, other=seen[t.level] + 1),
                (("tiers", seen[t.level], "level"),),
            )
        seen.setdefault(t.level, i)


@rule("tier-order", "error", N_("级别从轻到重：响应时效严格缩短，每小时补偿比例严格递增"), ("sla-response",))
def tier_order(c: Contract) -> Finding:
    tiers = _sla(c).tiers
    for i in range(1, len(tiers)):
        a, b = tiers[i - 1], tiers[i]
        if b.response.seconds >= a.response.seconds:
            yield c.diag(
                "tier-order", "error", ("tiers", i, "response"),
                _("{level} 的响应时效 {response} 不快于 {prev} 的 {prev_response}；级别越重，响应应越快").format(
                    level=b.level, response=b.response.text(), prev=a.level, prev_response=a.response.text()
                ),
                (("tiers", i - 1, "response"),),
            )
        if b.penalty_per_hour.value <= a.penalty_per_hour.value:
            yield c.diag(
                "tier-order", "error", ("tiers", i, "penalty_per_hour"),
                _("{level} 的每小时补偿 {rate} 不高于 {prev} 的 {prev_rate}；级别越重，补偿应越高").format(
                    level=b.level, rate=b.penalty_per_hour, prev=a.level, prev_rate=a.penalty_per_hour
                ),
                (("tiers", i - 1, "penalty_per_hour"),),
            )


@rule("tier-resolve", "error", N_("处理时限不得短于响应时效"), ("sla-response",))
def tier_resolve(c: Contract) -> Finding:
    for i, t in enumerate(_sla(c).tiers):
        if t.resolve.seconds < t.response.seconds:
            yield c.diag(
                "tier-resolve", "error", ("tiers", i, "resolve"),
                _("{level} 的处理时限 {resolve} 短于其响应时效 {response}").format(
                    level=t.level, resolve=t.resolve.text(), response=t.response.text()
                ),
                (("tiers", i, "response"),),
            )


@rule("compensation-cap", "error", N_("单次最低补偿不得高于累计补偿上限（上限比例 × 合同总额）"), ("sla-response",))
def compensation_cap(c: Contract) -> Finding:
    m = _sla(c)
    cap = m.compensation.cap.of(m.agreement.total)
    if m.compensation.minimum > cap:
        yield c.diag(
            "compensation-cap", "error", ("compensation", "minimum"),
            _("单次最低补偿 {minimum} 高于累计补偿上限 {cap}（{rate} × 合同总额 {total}）").format(
                minimum=_money(m.compensation.minimum),
                cap=_money(cap),
                rate=m.compensation.cap,
                total=_money(m.agreement.total),
            ),
            (("compensation", "cap"), ("agreement", "total")),
        )


@rule("event-rate", "warning", N_("重大活动期间的每小时补偿比例不应低于最重级别的补偿比例"), ("sla-response",))
def event_rate(c: Contract) -> Finding:
    m = _sla(c)
    rate = m.compensation.event_rate_per_hour
    if rate is None or not m.tiers:
        return
    top = max(m.tiers, key=lambda t: t.penalty_per_hour.value)
    if rate.value < top.penalty_per_hour.value:
        i = m.tiers.index(top)
        yield c.diag(
            "event-rate", "warning", ("compensation", "event_rate_per_hour"),
            _("重大活动期间每小时补偿 {rate} 低于 {level} 的 {level_rate}，重点保障反而补偿更少").format(
                rate=rate, level=top.level, level_rate=top.penalty_per_hour
            ),
            (("tiers", i, "penalty_per_hour"),),
        )


@rule("business-hours", "error", N_("工作时间的开始时刻须早于结束时刻"), ("sla-response",))
def business_hours(c: Contract) -> Finding:
    bh = _sla(c).business_hours
    if bh.end is not None and bh.start >= bh.end:
        yield c.diag(
            "business-hours", "error", ("business_hours", "end"),
            _("工作时间结束 {end} 不晚于开始 {start}").format(end=f"{bh.end:%H:%M}", start=f"{bh.start:%H:%M}"),
            (("business_hours", "start"),),
        )


@rule("adjustments", "error", N_("VIP 通道时效须短于标准时效；节假日时效不应长于标准时效（警告）"), ("sla-response",))
def adjustments(c: Contract) -> Finding:
    adj = _sla(c).adjustments
    if adj is None:
        return
    if adj.vip is not None and adj.vip.value >= 100:
        yield c.diag(
            "adjustments", "error", ("adjustments", "vip"),
            _("VIP 通道时效为标准值的 {vip}，并不比标准更快；应低于 100%").format(vip=adj.vip),
        )
    if adj.holiday is not None and adj.holiday.value > 100:
        yield c.diag(
            "adjustments", "warning", ("adjustments", "holiday"),
            _("法定节假日时效为标准值的 {holiday}，长于标准时效；请确认是否有意放宽").format(holiday=adj.holiday),
        )


@rule("termination", "error", N_("退出机制：连续未达标次数至少为 1，降级比例为正"), ("sla-response",))
def termination(c: Contract) -> Finding:
    t = _sla(c).termination
    if t is not None and t.degradation is not None and t.degradation.value == 0:
        yield c.diag(
            "termination", "error", ("termination", "degradation"),
            _("降级后响应时效延长比例为 0%，降级条款形同虚设"),
        )


# ------------------------------------------------------------------ continuity


@rule("annual-total", "error", N_("年度服务总额必须等于月度服务费 × 12"), ("continuity",))
def annual_total(c: Contract) -> Finding:
    a = _cont(c).agreement
    expected = a.monthly_fee * 12
    if a.annual_total != expected:
        yield c.diag(
            "annual-total", "error", ("agreement", "annual_total"),
            _("年度服务总额 {total} 不等于月度服务费 {monthly} × 12 = {expected}").format(
                total=_money(a.annual_total), monthly=_money(a.monthly_fee), expected=_money(expected)
            ),
            (("agreement", "monthly_fee"),),
        )


@rule("staffing-sum", "error", N_("专业人员总数必须等于技术、运维、客户支持三个团队人数之和"), ("continuity",))
def staffing_sum(c: Contract) -> Finding:
    s = _cont(c).staffing
    parts = s.technical + s.operations + s.support
    if s.total != parts:
        yield c.diag(
            "staffing-sum", "error", ("staffing", "total"),
            _(
                "专业人员总数 {total} 人不等于技术团队 {technical} + 运维团队 {operations} + 客户支持团队 {support} = {parts} 人"
            ).format(
                total=s.total, technical=s.technical, operations=s.operations, support=s.support, parts=parts
            ),
            (("staffing", "technical"), ("staffing", "operations"), ("staffing", "support")),
        )


@rule("recovery-order", "error", N_("恢复承诺依次递进：启动应急响应 < 恢复核心功能 < 全面恢复服务"), ("continuity",))
def recovery_order(c: Contract) -> Finding:
    r = _cont(c).recovery
    if r.core.seconds <= r.start.seconds:
        yield c.diag(
            "recovery-order", "error", ("recovery", "core"),
            _("恢复核心功能时限 {core} 不长于启动应急响应时限 {start}").format(core=r.core.text(), start=r.start.text()),
            (("recovery", "start"),),
        )
    if r.full.seconds <= r.core.seconds:
        yield c.diag(
            "recovery-order", "error", ("recovery", "core"),
            _("恢复核心功能时限 {core} 不短于全面恢复服务时限 {full}：核心功能不能晚于全面恢复").format(
                core=r.core.text(), full=r.full.text()
            ),
            (("recovery", "full"),),
        )


@rule("outage-threshold", "error", N_("重大违约的中断时长阈值不得短于全面恢复服务的承诺时限"), ("continuity",))
def outage_threshold(c: Contract) -> Finding:
    m = _cont(c)
    over, full = m.penalties.major.outage_over, m.recovery.full
    if over.seconds < full.seconds:
        yield c.diag(
            "outage-threshold", "error", ("penalties", "major", "outage_over"),
            _("中断超过 {over} 即构成重大违约，但承诺的全面恢复时限是 {full}：按时恢复也会构成重大违约").format(
                over=over.text(), full=full.text()
            ),
            (("recovery", "full"),),
        )


@rule("penalty-order", "error", N_("违约责任随严重程度递增：轻微违约比例低于重大违约，持续违约金额最高"), ("continuity",))
def penalty_order(c: Contract) -> Finding:
    m = _cont(c)
    p = m.penalties
    if p.minor.rate.value >= p.major.rate.value:
        yield c.diag(
            "penalty-order", "error", ("penalties", "major", "rate"),
            _("重大违约的违约金比例 {major} 不高于轻微违约的 {minor}").format(major=p.major.rate, minor=p.minor.rate),
            (("penalties", "minor", "rate"),),
        )
    if p.persistent is not None:
        major = p.major.rate.of(m.agreement.monthly_fee)
        persistent = p.persistent.rate.of(m.agreement.annual_total)
        if persistent <= major:
            yield c.diag(
                "penalty-order", "warning", ("penalties", "persistent", "rate"),
                _("持续违约违约金 {persistent}（年度总额的 {rate}）不高于单次重大违约的 {major}").format(
                    persistent=_money(persistent), rate=p.persistent.rate, major=_money(major)
                ),
                (("penalties", "major", "rate"),),
            )


@rule("support-order", "error", N_("客户支持的首次响应时间不得长于复杂问题升级处理时限"), ("continuity",))
def support_order(c: Contract) -> Finding:
    s = _cont(c).support
    if s.escalation is not None and s.first_response.seconds > s.escalation.seconds:
        yield c.diag(
            "support-order", "error", ("support", "escalation"),
            _("升级处理时限 {escalation} 短于首次响应时间 {first_response}").format(
                escalation=s.escalation.text(), first_response=s.first_response.text()
            ),
            (("support", "first_response"),),
        )


@rule("availability", "warning", N_("核心服务可用性应低于 100%（否则不允许任何停机，含计划维护）"), ("continuity",))
def availability(c: Contract) -> Finding:
    av = _cont(c).availability.core
    if av.value == 100:
        yield c.diag(
            "availability", "warning", ("availability", "core"),
            _("可用性 100% 意味着全年不得有任何停机（含计划性维护），请确认"),
        )


@rule("backup-retention", "error", N_("备份保留期限不得短于备份周期"), ("continuity",))
def backup_retention(c: Contract) -> Finding:
    sec = _cont(c).security
    if sec and sec.backup_interval and sec.backup_retention and sec.backup_retention.seconds < sec.backup_interval.seconds:
        yield c.diag(
            "backup-retention", "error", ("security", "backup_retention"),
            _("备份保留期限 {retention} 短于备份周期 {interval}，两次备份之间将无备份可用").format(
                retention=sec.backup_retention.text(), interval=sec.backup_interval.text()
            ),
            (("security", "backup_interval"),),
        )


@rule("dispute-deadlines", "error", N_("简易争议的处理时限须短于标准争议"), ("sla-response",))
def dispute_deadlines(c: Contract) -> Finding:
    dd = _sla(c).dispute_deadlines
    if dd and dd.simple and dd.standard and dd.simple.seconds >= dd.standard.seconds:
        yield c.diag(
            "dispute-deadlines", "error", ("dispute_deadlines", "simple"),
            _("简易争议时限 {simple} 不短于标准争议时限 {standard}").format(
                simple=dd.simple.text(), standard=dd.standard.text()
            ),
            (("dispute_deadlines", "standard"),),
        )
