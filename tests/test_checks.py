"""letters.checks: every rule in RULES fails on a one-place mutation and passes on the valid specs.

Each case changes the text of a valid acceptance spec with ``str.replace`` (the old text must occur
exactly once), writes it to a temporary file and loads it with ``letters.contract.load``: the rule's
code, severity, dotted path and source line are asserted, and the message must quote the values
involved.  A rule added to RULES without a case here makes ``test_every_rule_has_a_failing_case``
fail.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from letters import kinds
from letters.checks import RULES, _numbers, check
from letters.contract import load
from letters.diagnostics import Diagnostic, dotted
from letters.units import Duration, Percent

SLA = "sla-response.yaml"
CONT = "continuity.yaml"
OWN_SLA = "contracts/sla-response.yaml"  # the project's corrected examples: warning-free
OWN_CONT = "contracts/continuity.yaml"
# The legal-soundness warnings the acceptance specs carry as written (issue 10): they stay
# accepted (no error, exit 0); a mutation case on them looks past these codes.
ACCEPTED_WARNINGS = {
    SLA: {
        "minimum-bite",
        "degradation-rewards",
        "forum-amount-bands",
        "forum-internal-body",
        "workday-definition",
        "one-sided-binding",
        "forum-arbitration-body",
        "forum-court-venue",
        "forum-either",
    },
    CONT: {"penalty-window"},
    OWN_SLA: set(),
    OWN_CONT: set(),
}


@dataclass(frozen=True)
class Case:
    """One mutation that must trigger exactly the rule *code*."""

    id: str
    code: str
    base: str
    changes: tuple[tuple[str, str], ...]
    path: str
    severity: str
    quotes: tuple[str, ...]  # values the message must name (commas in money are ignored)
    anchor: str = ""  # text (unique in the mutant) that starts the expected line; default: 1st new
    extra: frozenset[str] = field(default_factory=frozenset)  # other codes allowed alongside


def c(
    id_: str,
    code: str,
    base: str,
    old: str,
    new: str,
    path: str,
    severity: str,
    *quotes: str,
    anchor: str = "",
    more: tuple[tuple[str, str], ...] = (),
) -> Case:
    return Case(id_, code, base, ((old, new), *more), path, severity, quotes, anchor)


CASES: list[Case] = [
    # ------------------------------------------------------------------ generic rules
    c(
        "investment-over-100",
        "percent-range",
        CONT,
        "investment: 10%",
        "investment: 120%",
        "investment",
        "error",
        "120%",
    ),
    c(
        "deposit-over-100",
        "percent-range",
        SLA,
        "deposit: 5%",
        "deposit: 105%",
        "compensation.deposit",
        "error",
        "105%",
    ),
    c("zero-stages", "positive", SLA, "stages: 12", "stages: 0", "service.stages", "error", "0"),
    c(
        "zero-latency",
        "positive",
        CONT,
        "latency: 50ms",
        "latency: 0ms",
        "performance.latency",
        "error",
        "0毫秒",
    ),
    c(
        "zero-minimum",
        "positive",
        SLA,
        "minimum: 1000",
        "minimum: 0",
        "compensation.minimum",
        "error",
        "0",
    ),
    c(
        "zero-multiplier",
        "positive",
        SLA,
        "cross_region: 120%",
        "cross_region: 0%",
        "adjustments.cross_region",
        "error",
        "0%",
    ),
    c(
        "zero-quarters",
        "positive",
        CONT,
        "quarters: 3",
        "quarters: 0",
        "penalties.persistent.quarters",
        "error",
        "0",
    ),
    # ------------------------------------------------------------------ parties and dates
    c(
        "check-digit",
        "credit-code",
        SLA,
        "91330106MA2H3K7P6X",
        "91330106MA2H3K7P6Y",
        "provider.credit_code",
        "error",
        "91330106MA2H3K7P6Y",
        "“X”",
        "“Y”",
    ),
    c(
        "short-code",
        "credit-code",
        CONT,
        "91110108MA01R8QW4R",
        "91110108MA01R8QW4",
        "client.credit_code",
        "error",
        "18",
        "17",
    ),
    c(
        "letter-I-in-code",
        "credit-code",
        CONT,
        "91110108MA01R8QW4R",
        "91110108MA01R8QWIR",
        "client.credit_code",
        "error",
        "“I”",
    ),
    c(
        "client-without-address",
        "party-details",
        CONT,
        "  address: 北京市海淀区中关村大街27号\n",
        "",
        "client",
        "warning",
        "住所",
        anchor="client:",
    ),
    c(
        "expires-before-effective",
        "date-order",
        SLA,
        "expires: 2027-11-30",
        "expires: 2026-11-30",
        "agreement.expires",
        "error",
        "2026-11-30",
        "2026-12-01",
    ),
    c(
        "letter-after-expiry",
        "date-order",
        SLA,
        "date: 2026-11-22 ",
        "date: 2028-01-01 ",
        "letter.date",
        "error",
        "2028-01-01",
        "2027-11-30",
    ),
    c(
        "letter-after-effective",
        "letter-date",
        SLA,
        "date: 2026-11-22 ",
        "date: 2026-12-05 ",
        "letter.date",
        "warning",
        "2026-12-05",
        "2026-12-01",
    ),
    c(
        "phase-backwards",
        "phase-order",
        CONT,
        "until: 2027-04-30",
        "until: 2027-01-15",
        "phases[1].until",
        "error",
        "2027-01-15",
        "2027-01-31",
    ),
    c(
        "phase-after-expiry",
        "phase-order",
        CONT,
        "until: 2027-06-30",
        "until: 2030-06-30",
        "phases[2].until",
        "error",
        "2030-06-30",
        "2029-12-31",
    ),
    c(
        "phase-before-letter",
        "phase-order",
        CONT,
        "until: 2027-01-31",
        "until: 2026-11-01",
        "phases[0].until",
        "error",
        "2026-11-01",
        "2026-11-22",
    ),
    # ------------------------------------------------------------------ signatories, disputes
    c(
        "wrong-legal-rep",
        "signatories",
        SLA,
        "    name: 王建国",
        "    name: 张三",
        "signatories[0].name",
        "error",
        "张三",
        "王建国",
    ),
    c(
        "duplicate-role",
        "signatories",
        SLA,
        "  - role: 技术总监",
        "  - role: 客户服务总监",
        "signatories[2].role",
        "error",
        "客户服务总监",
        "2",
        anchor="  - role: 客户服务总监\n    name: 陈静",
    ),
    c(
        "no-provider-signs",
        "signatories",
        CONT,
        "  - party: provider\n    role: 法定代表人",
        "  - party: client\n    role: 总经理",
        "signatories",
        "error",
        "provider",
        anchor="signatories:",
    ),
    c(
        "bands-not-increasing",
        "dispute-bands",
        SLA,
        "up_to: 500000",
        "up_to: 40000",
        "disputes[1].up_to",
        "error",
        "40000",
        "50000",
    ),
    c(
        "last-band-capped",
        "dispute-bands",
        SLA,
        "  - forum: 向服务所在地人民法院提起诉讼",
        "  - forum: 向服务所在地人民法院提起诉讼\n    up_to: 900000",
        "disputes[2].up_to",
        "error",
        "900000",
        anchor="    up_to: 900000",
    ),
    c(
        "open-band-in-the-middle",
        "dispute-bands",
        SLA,
        "  - up_to: 500000\n    forum: 提交",
        "  - forum: 提交",
        "disputes[1]",
        "error",
        "2",
    ),
    c(
        "duplicate-annex",
        "annexes-unique",
        SLA,
        "  - 服务质量KPI考核表",
        "  - 第三方审计机构资质证明",
        "annexes[4]",
        "warning",
        "第三方审计机构资质证明",
        "3",
        anchor="  - 第三方审计机构资质证明\n\nsignatories",
    ),
    c(
        "traditional-clause-in-a-simplified-letter",
        "script-mismatch",
        SLA,
        "scenarios: [系统报错, 接口异常, 数据同步故障]",
        "scenarios: [系統報錯, 接口异常, 数据同步故障]",
        "tiers[1].scenarios[0]",
        "warning",
        "系統報錯",
        "zh-Hans-CN",
    ),
    c(
        "simplified-names-kept-in-a-traditional-letter",
        "script-mismatch",
        SLA,
        "locale: zh_CN",
        "locale: zh-Hant-TW",
        "provider.name",
        "warning",
        "杭州云栖数据服务有限公司",
        "zh-Hant-TW",
        anchor="  name: 杭州云栖数据服务有限公司",
    ),
    # ------------------------------------------------------------------ sla-response
    c(
        "shares-105",
        "share-sum",
        SLA,
        "share: 10%",
        "share: 15%",
        "tiers",
        "error",
        "105%",
        "60%",
        "30%",
        "15%",
        anchor="tiers:",
    ),
    c(
        "shares-95",
        "share-sum",
        SLA,
        "share: 30%",
        "share: 25%",
        "tiers",
        "error",
        "95%",
        "25%",
        anchor="tiers:",
    ),
    c(
        "duplicate-level",
        "tier-level-unique",
        SLA,
        "level: L2",
        "level: L1",
        "tiers[1].level",
        "error",
        "L1",
        "1",
        anchor="level: L1\n    name: 核心服务",
    ),
    c(
        "slower-l2",
        "tier-order",
        SLA,
        "response: 5min",
        "response: 20min",
        "tiers[1].response",
        "error",
        "20分钟",
        "15分钟",
        "L1",
        "L2",
    ),
    c(
        "equal-response",
        "tier-order",
        SLA,
        "response: 1min",
        "response: 5min",
        "tiers[2].response",
        "error",
        "5分钟",
        "L3",
        "L2",
        anchor="response: 5min\n    resolve: 30min",
    ),
    c(
        "cheaper-l2",
        "tier-order",
        SLA,
        "penalty_per_hour: 0.5%",
        "penalty_per_hour: 0.2%",
        "tiers[1].penalty_per_hour",
        "error",
        "0.2%",
        "0.3%",
    ),
    c(
        "resolve-before-response",
        "tier-resolve",
        SLA,
        "resolve: 2h",
        "resolve: 3min",
        "tiers[1].resolve",
        "error",
        "3分钟",
        "5分钟",
    ),
    c(
        "minimum-over-cap",
        "compensation-cap",
        SLA,
        "minimum: 1000",
        "minimum: 200000",
        "compensation.minimum",
        "error",
        "200000",
        "180000",
        "15%",
        "1200000",
    ),
    c(
        "cheap-events",
        "event-rate",
        SLA,
        "event_rate_per_hour: 2%",
        "event_rate_per_hour: 0.5%",
        "compensation.event_rate_per_hour",
        "warning",
        "0.5%",
        "1%",
    ),
    c(
        "end-before-start",
        "business-hours",
        SLA,
        'end: "18:00"',
        'end: "08:00"',
        "business_hours.end",
        "error",
        "08:00",
        "09:00",
    ),
    c("slow-vip", "adjustments", SLA, "vip: 50%", "vip: 100%", "adjustments.vip", "error", "100%"),
    c(
        "slow-holiday",
        "holiday-time",
        SLA,
        "holiday: 80%",
        "holiday: 130%",
        "adjustments.holiday",
        "warning",
        "130%",
    ),
    c(
        "no-degradation",
        "termination",
        SLA,
        "degradation: 30%",
        "degradation: 0%",
        "termination.degradation",
        "error",
        "0%",
    ),
    # ------------------------------------------------------------------ continuity
    c(
        "annual-not-12-months",
        "annual-total",
        CONT,
        "annual_total: 1020000.00",
        "annual_total: 1000000.00",
        "agreement.annual_total",
        "error",
        "1000000",
        "85000",
        "1020000",
        "12",
    ),
    c(
        "staff-21",
        "staffing-sum",
        CONT,
        "total: 20",
        "total: 21",
        "staffing.total",
        "error",
        "21",
        "8",
        "7",
        "5",
        "20",
    ),
    c(
        "core-after-full",
        "recovery-order",
        CONT,
        "core: 4h",
        "core: 48h",
        "recovery.core",
        "error",
        "48小时",
        "24小时",
    ),
    c(
        "core-before-start",
        "recovery-order",
        CONT,
        "start: 30min",
        "start: 5h",
        "recovery.core",
        "error",
        "4小时",
        "5小时",
        anchor="core: 4h",
    ),
    c(
        "outage-shorter-than-full",
        "outage-threshold",
        CONT,
        "outage_over: 24h",
        "outage_over: 12h",
        "penalties.major.outage_over",
        "error",
        "12小时",
        "24小时",
    ),
    c(
        "minor-above-major",
        "penalty-order",
        CONT,
        "    rate: 5%",
        "    rate: 15%",
        "penalties.major.rate",
        "error",
        "10%",
        "15%",
        anchor="    rate: 10%",
    ),
    c(
        "persistent-too-cheap",
        "persistent-penalty",
        CONT,
        "rate: 30%",
        "rate: 0.5%",
        "penalties.persistent.rate",
        "warning",
        "0.5%",
        "5100",
        "8500",
    ),
    c(
        "escalation-before-first-response",
        "support-order",
        CONT,
        "escalation: 1workday",
        "escalation: 10min",
        "support.escalation",
        "error",
        "10分钟",
        "15分钟",
    ),
    c(
        "availability-100",
        "availability",
        CONT,
        "core: 99.5%",
        "core: 100%",
        "availability.core",
        "warning",
        "100%",
    ),
    c(
        "retention-shorter-than-interval",
        "backup-retention",
        CONT,
        "auditor: 中国质量认证中心\n",
        "auditor: 中国质量认证中心\nsecurity:\n  backup_interval: 24h\n  backup_retention: 12h\n",
        "security.backup_retention",
        "error",
        "12小时",
        "24小时",
        anchor="  backup_retention: 12h",
    ),
    c(
        "simple-dispute-slower",
        "dispute-deadlines",
        SLA,
        "annexes:\n",
        "dispute_deadlines:\n  simple: 30d\n  standard: 5workday\n\nannexes:\n",
        "dispute_deadlines.simple",
        "error",
        "30日",
        "5个工作日",
        anchor="  simple: 30d",
    ),
    # ------------------------------------------------------------------ legal soundness (issue 10),
    # on the project's corrected examples, which carry no warning
    c(
        "arbitration-unnamed",
        "forum-arbitration-body",
        OWN_CONT,
        "  - forum: 北京仲裁委员会",
        "  - forum: 提交双方共同认可的第三方仲裁机构",
        "disputes[0].forum",
        "warning",
        "第三方仲裁机构",
    ),
    c(
        "staff-arbitration",
        "forum-internal-body",
        OWN_CONT,
        "  - forum: 北京仲裁委员会",
        "  - forum: 由客户服务总监与技术总监组成仲裁组现场裁决",
        "disputes[0].forum",
        "warning",
        "仲裁组",
    ),
    c(
        "court-without-venue",
        "forum-court-venue",
        OWN_CONT,
        "  - forum: 北京仲裁委员会",
        "  - forum: 向服务所在地人民法院提起诉讼",
        "disputes[0].forum",
        "warning",
        "服务所在地",
    ),
    c(
        "arbitration-or-court",
        "forum-either",
        OWN_CONT,
        "  - forum: 北京仲裁委员会",
        "  - forum: 提交北京仲裁委员会仲裁或者向被告住所地人民法院起诉",
        "disputes[0].forum",
        "warning",
        "被告住所地",
    ),
    c(
        "bands-by-amount",
        "forum-amount-bands",
        OWN_CONT,
        "  - forum: 北京仲裁委员会",
        "  - up_to: 100000\n    forum: 由双方项目负责人协商解决\n  - forum: 北京仲裁委员会",
        "disputes[0].forum",
        "warning",
        "2",
        anchor="    forum: 由双方项目负责人协商解决",
    ),
    c(
        "provider-alone-names-a-forum",
        "one-sided-binding",
        OWN_SLA,
        "acknowledgement: true",
        "acknowledgement: false",
        "disputes[0].forum",
        "warning",
        anchor="  - forum: 杭州仲裁委员会",
    ),
    c(
        "minimum-never-applies",
        "minimum-bite",
        OWN_SLA,
        "  cap: 15%",
        "  minimum: 1000\n  cap: 15%",
        "compensation.minimum",
        "warning",
        "1000",
        "3600",
        anchor="  minimum: 1000",
    ),
    c(
        "minimum-swallows-rates",
        "minimum-bite",
        OWN_SLA,
        "  cap: 15%",
        "  minimum: 20000\n  cap: 15%",
        "compensation.minimum",
        "warning",
        "20000",
        "12000",
        anchor="  minimum: 20000",
    ),
    c(
        "degradation-extends-times",
        "degradation-rewards",
        OWN_SLA,
        "  complaint_rate: 0.5%",
        "  complaint_rate: 0.5%\n  degradation: 30%",
        "termination.degradation",
        "warning",
        "30%",
        anchor="  degradation: 30%",
    ),
    c(
        "weekdays-without-adjusted-workdays",
        "workday-definition",
        OWN_SLA,
        "  days: 国家规定的工作日（含调休上班日，不含法定节假日）",
        "  days: 周一至周五（法定节假日除外）",
        "business_hours.days",
        "warning",
        "周一至周五",
    ),
    c(
        "annual-availability-monthly-penalty",
        "penalty-window",
        OWN_CONT,
        "  period: month",
        "  period: year",
        "penalties.minor.rate",
        "warning",
        anchor="    rate: 5%",
    ),
    c(
        "persistent-without-count",
        "persistent-count",
        OWN_CONT,
        "    months: 3\n    rate: 30%",
        "    rate: 30%",
        "penalties.persistent",
        "error",
        anchor="  persistent:",
    ),
]

# Mutations that come close to a rule but must not trigger anything.
NEAR_MISSES: list[tuple[str, str, tuple[tuple[str, str], ...]]] = [
    ("shares-still-100", SLA, (("share: 60%", "share: 55%"), ("share: 10%", "share: 15%"))),
    ("shares-decimal-100", SLA, (("share: 60%", "share: 59.9%"), ("share: 10%", "share: 10.1%"))),
    ("same-day-agreement", SLA, (("expires: 2027-11-30", "expires: 2026-12-01"),)),
    ("letter-on-effective-day", SLA, (("date: 2026-11-22 ", "date: 2026-12-01 "),)),
    ("resolve-equals-response", SLA, (("resolve: 2h", "resolve: 5min"),)),
    ("minimum-equals-cap", SLA, (("minimum: 1000", "minimum: 180000"),)),
    ("events-equal-top-tier", SLA, (("event_rate_per_hour: 2%", "event_rate_per_hour: 1%"),)),
    ("holiday-100", SLA, (("holiday: 80%", "holiday: 100%"),)),
    ("business-hours-to-midnight", SLA, (('end: "18:00"', 'end: "24:00"'),)),
    ("team-of-zero", CONT, (("total: 20", "total: 12"), ("technical: 8", "technical: 0"))),
    ("outage-equals-full", CONT, (("outage_over: 24h", "outage_over: 1d"),)),
    ("escalation-equals-first-response", CONT, (("escalation: 1workday", "escalation: 15min"),)),
    ("availability-99.99", CONT, (("core: 99.5%", "core: 99.99%"),)),
    ("money-with-commas", CONT, (("annual_total: 1020000.00", "annual_total: 1,020,000"),)),
    ("full-width-percent", SLA, (("share: 60%", "share: 60％"),)),
    # legal soundness: the valid forms
    (
        "no-disputes-follow-the-main-agreement",
        OWN_SLA,
        (
            (
                "disputes:                          # 一种争议解决方式：一家具体的仲裁委员会\n  - forum: 杭州仲裁委员会\n",
                "",
            ),
        ),
    ),
    (
        "court-at-defendant-domicile",
        OWN_CONT,
        (("  - forum: 北京仲裁委员会", "  - forum: 被告住所地人民法院"),),
    ),
    (
        "named-court",
        OWN_CONT,
        (("  - forum: 北京仲裁委员会", "  - forum: 向北京市海淀区人民法院提起诉讼"),),
    ),
    ("cietac", OWN_CONT, (("  - forum: 北京仲裁委员会", "  - forum: 中国国际经济贸易仲裁委员会"),)),
    (
        "client-signatory-instead-of-acknowledgement",
        OWN_SLA,
        (
            ("acknowledgement: true", "acknowledgement: false"),
            (
                "  - role: 客户服务总监\n    name: 陈静",
                "  - role: 客户服务总监\n    name: 陈静\n  - role: 授权代表\n    name: 周宁\n    party: client",
            ),
        ),
    ),
    (
        "weekdays-with-adjusted-workdays",
        OWN_SLA,
        (
            (
                "  days: 国家规定的工作日（含调休上班日，不含法定节假日）",
                "  days: 周一至周五及国家调休上班日（法定节假日除外）",
            ),
        ),
    ),
    ("minimum-between-rates", OWN_SLA, (("  cap: 15%", "  minimum: 5000\n  cap: 15%"),)),
    (
        "chinese-durations",
        SLA,
        (("response: 15min", "response: 15分钟"), ("resolve: 4h", "resolve: 4小时")),
    ),
    (
        "security-consistent",
        CONT,
        (
            (
                "auditor: 中国质量认证中心\n",
                "auditor: 中国质量认证中心\nsecurity:\n  backup_interval: 24h\n"
                "  backup_retention: 30d\n",
            ),
        ),
    ),
    (
        "dispute-deadlines-consistent",
        SLA,
        (("annexes:\n", "dispute_deadlines:\n  simple: 5workday\n  standard: 30d\n\nannexes:\n"),),
    ),
]


def expected_line(text: str, anchor: str) -> int:
    assert text.count(anchor) == 1, f"anchor {anchor!r} occurs {text.count(anchor)} times"
    at = text.index(anchor) + len(anchor) - len(anchor.lstrip())
    return text[:at].count("\n") + 1


def run(path: Path) -> list[Diagnostic]:
    return check(load(path))


def plain(message: str) -> str:
    return re.sub(r"(?<=\d)[,，](?=\d{3})", "", message)


# ----------------------------------------------------------------------------- failing cases


@pytest.mark.parametrize("case", CASES, ids=[f"{k.code}:{k.id}" for k in CASES])
def test_rule_fails_on_its_mutation(mutant, case: Case) -> None:
    path = mutant(case.base, *case.changes)
    text = path.read_text(encoding="utf-8")
    known = ACCEPTED_WARNINGS[case.base] - {case.code}
    findings = [d for d in run(path) if d.code not in known]
    assert {d.code for d in findings} == {case.code} | case.extra, [d.text() for d in findings]
    mine = [d for d in findings if d.code == case.code and dotted(d.path) == case.path]
    assert mine, f"no {case.code} at {case.path}: {[d.text() for d in findings]}"
    d = mine[0]
    assert d.severity == case.severity
    assert all(f.severity == RULES[f.code].severity for f in findings if f.code in RULES), (
        "a rule yields only its own severity: one that needs two is two rules"
    )
    assert d.mark.file == str(path)
    assert d.mark.line == expected_line(text, case.anchor or case.changes[0][1]), d.text()
    assert d.mark.column >= 1
    for q in case.quotes:
        assert q in plain(d.message), f"{q!r} not quoted in {d.message!r}"
    for related_path, related_mark in d.related:
        assert related_mark.line >= 1, related_path


def _kind_test_file(kind: str) -> Path:
    return Path(__file__).with_name(f"test_kind_{kind.replace('-', '_')}.py")


def test_every_rule_has_a_failing_case() -> None:
    """Shared rules and the first two kinds' rules have their case here; a kind's own rules
    have theirs in tests/test_kind_<kind>.py, whose CASES list must name them (each such file
    asserts in turn that every rule of its kind has a case)."""
    covered = {k.code for k in CASES}
    missing = []
    for code in sorted(set(RULES) - covered):
        own = RULES[code].kinds
        files = [_kind_test_file(k) for k in own or ()]
        if not files or not all(f.is_file() and f'"{code}"' in f.read_text("utf-8") for f in files):
            missing.append(code)
    assert not missing, f"rules without a failing case: {missing}"
    assert not covered - set(RULES), f"cases for unknown rules: {sorted(covered - set(RULES))}"


def test_every_case_changes_its_spec() -> None:
    for k in CASES:
        for old, new in k.changes:
            assert old != new, k.id


# ----------------------------------------------------------------------------- passing cases


@pytest.mark.parametrize("code", sorted(RULES))
@pytest.mark.parametrize("base", [SLA, CONT, OWN_SLA, OWN_CONT])
def test_valid_spec_has_no_finding_of_rule(mutant, base: str, code: str) -> None:
    if code in ACCEPTED_WARNINGS[base]:
        return  # asserted exactly by test_acceptance_specs_carry_only_their_legal_warnings
    findings = run(mutant(base))
    assert [d.text() for d in findings if d.code == code] == []


@pytest.mark.parametrize("base", [OWN_SLA, OWN_CONT])
def test_valid_specs_are_clean(mutant, base: str) -> None:
    assert run(mutant(base)) == []


@pytest.mark.parametrize("base", [SLA, CONT])
def test_acceptance_specs_carry_only_their_legal_warnings(mutant, base: str) -> None:
    findings = run(mutant(base))
    assert all(d.severity == "warning" for d in findings), [d.text() for d in findings]
    assert {d.code for d in findings} == ACCEPTED_WARNINGS[base]


@pytest.mark.parametrize("name, base, changes", NEAR_MISSES, ids=[n for n, _, _ in NEAR_MISSES])
def test_near_misses_pass(mutant, name: str, base: str, changes) -> None:
    found = run(mutant(base, *changes))
    assert [d.text() for d in found if d.code not in ACCEPTED_WARNINGS[base]] == []


# ----------------------------------------------------------------------------- the registry


@pytest.mark.parametrize("code", sorted(RULES))
def test_rule_is_well_formed(code: str) -> None:
    r = RULES[code]
    assert r.code == code
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", code)
    assert r.severity in ("error", "warning")
    assert r.kinds is None or (r.kinds and set(r.kinds) <= set(kinds.names()))
    assert r.summary.strip()


def test_findings_are_sorted_and_keep_load_findings(mutant) -> None:
    path = mutant(
        SLA,
        ("  region: 浙江省", "  regoin: 浙江省"),  # a load finding (unknown field)
        ("share: 10%", "share: 15%"),
        ("vip: 50%", "vip: 100%"),
    )
    findings = run(path)
    assert [d.code for d in findings if d.code not in ACCEPTED_WARNINGS[SLA]] == [
        "unknown-field",
        "share-sum",
        "adjustments",
    ]
    assert [d.mark.line for d in findings] == sorted(d.mark.line for d in findings)


def _walk(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], Any]]:
    """Yield every leaf of a model with its path: the plain walk the shared one must equal."""
    if dataclasses.is_dataclass(value) and not isinstance(value, (Percent, Duration)):
        for fld in dataclasses.fields(value):
            yield from _walk(getattr(value, fld.name), (*path, fld.name))
    elif isinstance(value, tuple):
        for i, item in enumerate(value):
            yield from _walk(item, (*path, i))
    else:
        yield path, value


@pytest.mark.parametrize("base", [SLA, CONT])
def test_shared_walk_finds_every_number_once(mutant, base: str) -> None:
    """Check the walk shared by percent-range and positive against a plain walk of the model."""
    model = load(mutant(base)).model
    numbers = tuple(
        (p, v) for p, v in _walk(model) if isinstance(v, (Percent, Duration, Decimal, int))
    )
    assert _numbers(model) == numbers
    assert _numbers(model) is _numbers(model)  # walked once, kept for the second rule
    other = load(mutant(base)).model
    assert _numbers(other) == numbers and _numbers(other) is not _numbers(model)


def test_repeats_points_each_repeat_at_the_first_occurrence() -> None:
    from letters.rules import repeats

    assert list(repeats(["L1", "L2", "L1", "L3", "L1", "L2"])) == [(2, 0), (4, 0), (5, 1)]
    assert list(repeats([])) == []
    assert list(repeats(x for x in ("a", "b"))) == []
