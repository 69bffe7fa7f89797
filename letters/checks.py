"""Run the consistency rules: every number of a spec checked against every other.

Each rule is a small named function registered with :func:`rule`; it receives the loaded
:class:`~letters.spec.Contract` and yields :class:`~letters.diagnostics.Diagnostic` objects.
Findings are data: a rule never raises for a bad spec.  The code of a rule is a stable English
slug; its messages are Chinese and quote the numbers involved.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from .diagnostics import Diagnostic, Path_, sort_key
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
    from .fmt import money

    return money(value)


def _sla(c: Contract) -> SlaSpec:
    assert isinstance(c.model, SlaSpec)
    return c.model


def _cont(c: Contract) -> ContinuitySpec:
    assert isinstance(c.model, ContinuitySpec)
    return c.model


# ------------------------------------------------------------------ generic value rules


def _walk(value: Any, path: Path_) -> Iterator[tuple[Path_, Any]]:
    if dataclasses.is_dataclass(value) and not isinstance(value, (Percent, Duration)):
        for fld in dataclasses.fields(value):
            yield from _walk(getattr(value, fld.name), (*path, fld.name))
    elif isinstance(value, tuple):
        for i, item in enumerate(value):
            yield from _walk(item, (*path, i))
    else:
        yield path, value


# Percentages that are multipliers of a standard time, not shares: they may exceed 100%.
_MULTIPLIERS = {"adjustments"}


@rule("percent-range", "error", "占比、费率、可用性等百分比必须在 0% 到 100% 之间（时效调整倍率除外）")
def percent_range(c: Contract) -> Finding:
    for path, value in _walk(c.model, ()):
        if isinstance(value, Percent) and path[0] not in _MULTIPLIERS and not (0 <= value.value <= 100):
            yield c.diag("percent-range", "error", path, f"百分比 {value} 超出 0%–100% 的范围")


@rule("positive", "error", "时长、次数、天数等必须大于零，人数不能为负")
def positive(c: Contract) -> Finding:
    for path, value in _walk(c.model, ()):
        if isinstance(value, Duration) and value.amount <= 0:
            yield c.diag("positive", "error", path, f"时长 {value} 必须大于零")
        elif isinstance(value, Percent) and path[0] in _MULTIPLIERS and value.value <= 0:
            yield c.diag("positive", "error", path, f"时效倍率 {value} 必须大于零")
        elif isinstance(value, Decimal) and value <= 0 and path[-1] not in ("up_to",):
            yield c.diag("positive", "error", path, f"金额 {_money(value)} 必须大于零")
        elif (
            isinstance(value, int)
            and not isinstance(value, bool)
            and value <= 0
            and path[-1] not in ("technical", "operations", "support")
        ):
            yield c.diag("positive", "error", path, f"数值 {value} 必须大于零")


# ------------------------------------------------------------------ parties and dates


def _credit_code_problem(code: str) -> str | None:
    """Return why *code* is not a valid GB 32100-2015 unified social credit code, or None."""
    alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    weights = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
    if len(code) != 18:
        return f"应为 18 位，实际 {len(code)} 位"
    bad = [ch for ch in code if ch not in alphabet]
    if bad:
        return f"含有不允许的字符“{bad[0]}”（代码只用数字和除 I、O、S、V、Z 以外的大写字母）"
    total = sum(alphabet.index(ch) * w for ch, w in zip(code[:17], weights, strict=True))
    expected = alphabet[(31 - total % 31) % 31]
    if code[17] != expected:
        return f"校验位应为“{expected}”，实际为“{code[17]}”"
    return None


@rule("credit-code", "error", "统一社会信用代码须符合 GB 32100-2015：18 位、字符集正确、校验位正确")
def credit_code(c: Contract) -> Finding:
    for role in ("provider", "client"):
        party = getattr(c.model, role)
        if party.credit_code is None:
            continue
        problem = _credit_code_problem(party.credit_code)
        if problem:
            name = "承诺方" if role == "provider" else "接收方"
            yield c.diag(
                "credit-code",
                "error",
                (role, "credit_code"),
                f"{name}统一社会信用代码 {party.credit_code} 无效：{problem}",
            )


@rule("party-details", "warning", "双方均具名的承诺书，接收方应写明统一社会信用代码、法定代表人和住所", ("continuity",))
def party_details(c: Contract) -> Finding:
    client = c.model.client
    missing = [zh for key, zh in (("credit_code", "统一社会信用代码"), ("legal_representative", "法定代表人"), ("address", "住所")) if getattr(client, key) is None]
    if missing:
        yield c.diag("party-details", "warning", ("client",), "接收方缺少" + "、".join(missing) + "，双方身份应完整载明")


@rule("date-order", "error", "协议生效日不晚于终止日；出具日期不晚于协议终止日")
def date_order(c: Contract) -> Finding:
    a = c.model.agreement
    if a.expires < a.effective:
        yield c.diag(
            "date-order",
            "error",
            ("agreement", "expires"),
            f"协议终止日 {a.expires} 早于生效日 {a.effective}",
            (("agreement", "effective"),),
        )
    if c.model.letter.date > a.expires:
        yield c.diag(
            "date-order",
            "error",
            ("letter", "date"),
            f"出具日期 {c.model.letter.date} 晚于协议终止日 {a.expires}，承诺已无从履行",
            (("agreement", "expires"),),
        )


@rule("letter-date", "warning", "承诺函一般在主协议生效前或生效当日出具")
def letter_date(c: Contract) -> Finding:
    a = c.model.agreement
    if a.effective < c.model.letter.date <= a.expires:
        yield c.diag(
            "letter-date",
            "warning",
            ("letter", "date"),
            f"出具日期 {c.model.letter.date} 晚于协议生效日 {a.effective}；请确认承诺是否需要追溯适用",
            (("agreement", "effective"),),
        )


@rule("phase-order", "error", "实施阶段的截止日期依次递增，且落在出具日期与协议终止日之间", ("continuity",))
def phase_order(c: Contract) -> Finding:
    m = _cont(c)
    for i, ph in enumerate(m.phases):
        p = ("phases", i, "until")
        if i and ph.until <= m.phases[i - 1].until:
            yield c.diag(
                "phase-order", "error", p,
                f"第{i + 1}阶段截止日 {ph.until} 不晚于第{i}阶段截止日 {m.phases[i - 1].until}",
                (("phases", i - 1, "until"),),
            )
        if ph.until < m.letter.date:
            yield c.diag("phase-order", "error", p, f"阶段截止日 {ph.until} 早于出具日期 {m.letter.date}", (("letter", "date"),))
        if ph.until > m.agreement.expires:
            yield c.diag(
                "phase-order", "error", p,
                f"阶段截止日 {ph.until} 晚于协议终止日 {m.agreement.expires}",
                (("agreement", "expires"),),
            )


# ------------------------------------------------------------------ signatories, disputes


@rule("signatories", "error", "须有承诺方签署人；法定代表人签署时姓名须与当事人信息一致")
def signatories(c: Contract) -> Finding:
    sigs = c.model.signatories
    if not any(s.party == "provider" for s in sigs):
        yield c.diag("signatories", "error", ("signatories",), "没有承诺方（provider）的签署人，承诺函无人签署")
    for i, s in enumerate(sigs):
        party = getattr(c.model, s.party)
        rep = party.legal_representative
        if s.role == "法定代表人" and rep is not None and s.name != rep:
            yield c.diag(
                "signatories", "error", ("signatories", i, "name"),
                f"签署人“{s.name}”以法定代表人身份签署，但{ '承诺方' if s.party == 'provider' else '接收方'}的法定代表人是“{rep}”",
                ((s.party, "legal_representative"),),
            )
    seen: dict[tuple[str, str], int] = {}
    for i, s in enumerate(sigs):
        key = (s.party, s.role)
        if key in seen:
            yield c.diag(
                "signatories", "error", ("signatories", i, "role"),
                f"同一方的职务“{s.role}”重复出现（另见第{seen[key] + 1}位签署人）",
                (("signatories", seen[key], "role"),),
            )
        seen[key] = i


@rule("dispute-bands", "error", "争议分档按金额严格递增，只有最后一档不设上限")
def dispute_bands(c: Contract) -> Finding:
    bands = c.model.disputes
    if not bands:
        yield c.diag("dispute-bands", "error", ("disputes",), "至少需要一种争议解决方式")
        return
    prev: Decimal | None = None
    for i, band in enumerate(bands):
        last = i == len(bands) - 1
        if band.up_to is None and not last:
            yield c.diag(
                "dispute-bands", "error", ("disputes", i),
                f"第{i + 1}档没有金额上限，但其后还有档位；只有最后一档可以不设上限",
            )
        if band.up_to is not None and last:
            yield c.diag(
                "dispute-bands", "error", ("disputes", i, "up_to"),
                f"最后一档设了上限 {_money(band.up_to)}，超过该金额的争议将无处可诉；最后一档应不写 up_to",
            )
        if band.up_to is not None:
            if prev is not None and band.up_to <= prev:
                yield c.diag(
                    "dispute-bands", "error", ("disputes", i, "up_to"),
                    f"第{i + 1}档上限 {_money(band.up_to)} 不高于第{i}档上限 {_money(prev)}，分档应按金额递增",
                    (("disputes", i - 1, "up_to"),),
                )
            prev = band.up_to


@rule("annexes-unique", "warning", "附件清单中不应有重复的附件")
def annexes_unique(c: Contract) -> Finding:
    seen: dict[str, int] = {}
    for i, name in enumerate(c.model.annexes):
        if name in seen:
            yield c.diag("annexes-unique", "warning", ("annexes", i), f"附件“{name}”重复（另见第{seen[name] + 1}项）", (("annexes", seen[name]),))
        seen.setdefault(name, i)


# ------------------------------------------------------------------ sla-response


@rule("share-sum", "error", "各响应级别的预计占比合计必须恰好为 100%", ("sla-response",))
def share_sum(c: Contract) -> Finding:
    tiers = _sla(c).tiers
    if not tiers:
        yield c.diag("share-sum", "error", ("tiers",), "至少需要一个响应级别")
        return
    total = sum((t.share.value for t in tiers), Decimal(0))
    if total != 100:
        parts = " + ".join(str(t.share) for t in tiers)
        yield c.diag(
            "share-sum", "error", ("tiers",),
            f"各级占比合计 {Percent(total)}（{parts}），应恰好为 100%",
            tuple(("tiers", i, "share") for i in range(len(tiers))),
        )


@rule("tier-level-unique", "error", "响应级别代号不得重复", ("sla-response",))
def tier_level_unique(c: Contract) -> Finding:
    seen: dict[str, int] = {}
    for i, t in enumerate(_sla(c).tiers):
        if t.level in seen:
            yield c.diag(
                "tier-level-unique", "error", ("tiers", i, "level"),
                f"级别代号“{t.level}”重复（另见第{seen[t.level] + 1}级）", (("tiers", seen[t.level], "level"),),
            )
        seen.setdefault(t.level, i)


@rule("tier-order", "error", "级别从轻到重：响应时效严格缩短，每小时补偿比例严格递增", ("sla-response",))
def tier_order(c: Contract) -> Finding:
    tiers = _sla(c).tiers
    for i in range(1, len(tiers)):
        a, b = tiers[i - 1], tiers[i]
        if b.response.seconds >= a.response.seconds:
            yield c.diag(
                "tier-order", "error", ("tiers", i, "response"),
                f"{b.level} 的响应时效 {b.response} 不快于 {a.level} 的 {a.response}；级别越重，响应应越快",
                (("tiers", i - 1, "response"),),
            )
        if b.penalty_per_hour.value <= a.penalty_per_hour.value:
            yield c.diag(
                "tier-order", "error", ("tiers", i, "penalty_per_hour"),
                f"{b.level} 的每小时补偿 {b.penalty_per_hour} 不高于 {a.level} 的 {a.penalty_per_hour}；级别越重，补偿应越高",
                (("tiers", i - 1, "penalty_per_hour"),),
            )


@rule("tier-resolve", "error", "处理时限不得短于响应时效", ("sla-response",))
def tier_resolve(c: Contract) -> Finding:
    for i, t in enumerate(_sla(c).tiers):
        if t.resolve.seconds < t.response.seconds:
            yield c.diag(
                "tier-resolve", "error", ("tiers", i, "resolve"),
                f"{t.level} 的处理时限 {t.resolve} 短于其响应时效 {t.response}",
                (("tiers", i, "response"),),
            )


@rule("compensation-cap", "error", "单次最低补偿不得高于累计补偿上限（上限比例 × 合同总额）", ("sla-response",))
def compensation_cap(c: Contract) -> Finding:
    m = _sla(c)
    cap = m.compensation.cap.of(m.agreement.total)
    if m.compensation.minimum > cap:
        yield c.diag(
            "compensation-cap", "error", ("compensation", "minimum"),
            f"单次最低补偿 {_money(m.compensation.minimum)} 高于累计补偿上限 {_money(cap)}"
            f"（{m.compensation.cap} × 合同总额 {_money(m.agreement.total)}）",
            (("compensation", "cap"), ("agreement", "total")),
        )


@rule("event-rate", "warning", "重大活动期间的每小时补偿比例不应低于最重级别的补偿比例", ("sla-response",))
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
            f"重大活动期间每小时补偿 {rate} 低于 {top.level} 的 {top.penalty_per_hour}，重点保障反而补偿更少",
            (("tiers", i, "penalty_per_hour"),),
        )


@rule("business-hours", "error", "工作时间的开始时刻须早于结束时刻", ("sla-response",))
def business_hours(c: Contract) -> Finding:
    bh = _sla(c).business_hours
    if bh.end is not None and bh.start >= bh.end:
        yield c.diag(
            "business-hours", "error", ("business_hours", "end"),
            f"工作时间结束 {bh.end:%H:%M} 不晚于开始 {bh.start:%H:%M}",
            (("business_hours", "start"),),
        )


@rule("adjustments", "error", "VIP 通道时效须短于标准时效；节假日时效不应长于标准时效（警告）", ("sla-response",))
def adjustments(c: Contract) -> Finding:
    adj = _sla(c).adjustments
    if adj is None:
        return
    if adj.vip is not None and adj.vip.value >= 100:
        yield c.diag(
            "adjustments", "error", ("adjustments", "vip"),
            f"VIP 通道时效为标准值的 {adj.vip}，并不比标准更快；应低于 100%",
        )
    if adj.holiday is not None and adj.holiday.value > 100:
        yield c.diag(
            "adjustments", "warning", ("adjustments", "holiday"),
            f"法定节假日时效为标准值的 {adj.holiday}，长于标准时效；请确认是否有意放宽",
        )


@rule("termination", "error", "退出机制：连续未达标次数至少为 1，降级比例为正", ("sla-response",))
def termination(c: Contract) -> Finding:
    t = _sla(c).termination
    if t is not None and t.degradation is not None and t.degradation.value == 0:
        yield c.diag("termination", "error", ("termination", "degradation"), "降级后响应时效延长比例为 0%，降级条款形同虚设")


# ------------------------------------------------------------------ continuity


@rule("annual-total", "error", "年度服务总额必须等于月度服务费 × 12", ("continuity",))
def annual_total(c: Contract) -> Finding:
    a = _cont(c).agreement
    expected = a.monthly_fee * 12
    if a.annual_total != expected:
        yield c.diag(
            "annual-total", "error", ("agreement", "annual_total"),
            f"年度服务总额 {_money(a.annual_total)} 不等于月度服务费 {_money(a.monthly_fee)} × 12 = {_money(expected)}",
            (("agreement", "monthly_fee"),),
        )


@rule("staffing-sum", "error", "专业人员总数必须等于技术、运维、客户支持三个团队人数之和", ("continuity",))
def staffing_sum(c: Contract) -> Finding:
    s = _cont(c).staffing
    parts = s.technical + s.operations + s.support
    if s.total != parts:
        yield c.diag(
            "staffing-sum", "error", ("staffing", "total"),
            f"专业人员总数 {s.total} 人不等于技术团队 {s.technical} + 运维团队 {s.operations} + 客户支持团队 {s.support} = {parts} 人",
            (("staffing", "technical"), ("staffing", "operations"), ("staffing", "support")),
        )


@rule("recovery-order", "error", "恢复承诺依次递进：启动应急响应 < 恢复核心功能 < 全面恢复服务", ("continuity",))
def recovery_order(c: Contract) -> Finding:
    r = _cont(c).recovery
    if r.core.seconds <= r.start.seconds:
        yield c.diag(
            "recovery-order", "error", ("recovery", "core"),
            f"恢复核心功能时限 {r.core} 不长于启动应急响应时限 {r.start}",
            (("recovery", "start"),),
        )
    if r.full.seconds <= r.core.seconds:
        yield c.diag(
            "recovery-order", "error", ("recovery", "core"),
            f"恢复核心功能时限 {r.core} 不短于全面恢复服务时限 {r.full}：核心功能不能晚于全面恢复",
            (("recovery", "full"),),
        )


@rule("outage-threshold", "error", "重大违约的中断时长阈值不得短于全面恢复服务的承诺时限", ("continuity",))
def outage_threshold(c: Contract) -> Finding:
    m = _cont(c)
    over, full = m.penalties.major.outage_over, m.recovery.full
    if over.seconds < full.seconds:
        yield c.diag(
            "outage-threshold", "error", ("penalties", "major", "outage_over"),
            f"中断超过 {over} 即构成重大违约，但承诺的全面恢复时限是 {full}：按时恢复也会构成重大违约",
            (("recovery", "full"),),
        )


@rule("penalty-order", "error", "违约责任随严重程度递增：轻微违约比例低于重大违约，持续违约金额最高", ("continuity",))
def penalty_order(c: Contract) -> Finding:
    m = _cont(c)
    p = m.penalties
    if p.minor.rate.value >= p.major.rate.value:
        yield c.diag(
            "penalty-order", "error", ("penalties", "major", "rate"),
            f"重大违约的违约金比例 {p.major.rate} 不高于轻微违约的 {p.minor.rate}",
            (("penalties", "minor", "rate"),),
        )
    if p.persistent is not None:
        major = p.major.rate.of(m.agreement.monthly_fee)
        persistent = p.persistent.rate.of(m.agreement.annual_total)
        if persistent <= major:
            yield c.diag(
                "penalty-order", "warning", ("penalties", "persistent", "rate"),
                f"持续违约违约金 {_money(persistent)}（年度总额的 {p.persistent.rate}）不高于单次重大违约的 {_money(major)}",
                (("penalties", "major", "rate"),),
            )


@rule("support-order", "error", "客户支持的首次响应时间不得长于复杂问题升级处理时限", ("continuity",))
def support_order(c: Contract) -> Finding:
    s = _cont(c).support
    if s.escalation is not None and s.first_response.seconds > s.escalation.seconds:
        yield c.diag(
            "support-order", "error", ("support", "escalation"),
            f"升级处理时限 {s.escalation} 短于首次响应时间 {s.first_response}",
            (("support", "first_response"),),
        )


@rule("availability", "warning", "核心服务可用性应低于 100%（否则不允许任何停机，含计划维护）", ("continuity",))
def availability(c: Contract) -> Finding:
    av = _cont(c).availability.core
    if av.value == 100:
        yield c.diag("availability", "warning", ("availability", "core"), "可用性 100% 意味着全年不得有任何停机（含计划性维护），请确认")


@rule("backup-retention", "error", "备份保留期限不得短于备份周期", ("continuity",))
def backup_retention(c: Contract) -> Finding:
    sec = _cont(c).security
    if sec and sec.backup_interval and sec.backup_retention and sec.backup_retention.seconds < sec.backup_interval.seconds:
        yield c.diag(
            "backup-retention", "error", ("security", "backup_retention"),
            f"备份保留期限 {sec.backup_retention} 短于备份周期 {sec.backup_interval}，两次备份之间将无备份可用",
            (("security", "backup_interval"),),
        )


@rule("dispute-deadlines", "error", "简易争议的处理时限须短于标准争议", ("sla-response",))
def dispute_deadlines(c: Contract) -> Finding:
    dd = _sla(c).dispute_deadlines
    if dd and dd.simple and dd.standard and dd.simple.seconds >= dd.standard.seconds:
        yield c.diag(
            "dispute-deadlines", "error", ("dispute_deadlines", "simple"),
            f"简易争议时限 {dd.simple} 不短于标准争议时限 {dd.standard}",
            (("dispute_deadlines", "standard"),),
        )
