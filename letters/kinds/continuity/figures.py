"""Compute the figures a 服务水平连续性保证承诺书 prints: uptime, downtime, penalty amounts."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from decimal import Decimal
from typing import ClassVar

from ...figures import Budget, availability_budgets
from .model import ContinuitySpec


@dataclass(frozen=True)
class ContinuityFigures:
    """Hold the derived figures of a 服务水平连续性保证承诺书."""

    SOURCES: ClassVar[dict[str, str]] = {  # the spec path each derived figure is computed from
        "monthly_fee": "agreement.monthly_fee",
        "annual_total": "agreement.annual_total",
        "budgets": "availability.core",
        "persistent_periods": "penalties.persistent",
        "cap_amount": "penalties.cap",
        "minor_amount": "penalties.minor.rate",
        "major_amount": "penalties.major.rate",
        "persistent_amount": "penalties.persistent.rate",
        "investment_amount": "investment",
        "term_years": "agreement.expires",
        "stop_limits": "availability.maintenance_allowance",
        "maintenance_hours": "availability.maintenance_allowance",
        "confidential_until": "confidentiality.survival_years",
        "copies": "counterparts",
        "copies_provider": "counterparts.provider",
        "copies_client": "counterparts.client",
    }

    monthly_fee: Decimal
    annual_total: Decimal
    budgets: tuple[Budget, ...]  # uptime and downtime of each measurement period, actual days
    persistent_periods: int | None  # the consecutive periods of a persistent breach
    persistent_unit: str  # 个月 / 个季度
    cap_amount: Decimal | None  # penalties.cap × annual total
    minor_amount: Decimal  # minor.rate × monthly fee
    major_amount: Decimal  # major.rate × monthly fee
    persistent_amount: Decimal | None  # persistent.rate × annual total
    investment_amount: Decimal | None  # investment × annual total
    term_years: int  # whole years the agreement runs (at least 1)
    # per budget: its downtime plus the planned maintenance that does not count (None: no allowance)
    stop_limits: tuple[tuple[Budget, Decimal], ...] | None
    maintenance_hours: Decimal | None  # the maintenance allowance in hours
    confidential_until: _dt.date | None  # agreement.expires + confidentiality.survival_years
    copies: int  # counterparts: provider's + client's
    copies_provider: int
    copies_client: int
    non_core: tuple[str, ...]  # service.scope less service.core (empty when core is not given)
    substitute_major: bool  # a substitute-performance remedy covers the major breach


def _years_after(d: _dt.date, n: int) -> _dt.date:
    """Return the day *n* years after *d* (28 February for a 29 February in a common year)."""
    try:
        return d.replace(year=d.year + n)
    except ValueError:
        return d.replace(year=d.year + n, day=28)


def figures(spec: ContinuitySpec) -> ContinuityFigures:
    """Return the derived figures of a continuity spec."""
    a = spec.agreement
    p = spec.penalties
    av = spec.availability
    budgets = availability_budgets(av.period, a.effective, a.expires, av.core.value)
    per = p.persistent
    periods = None if per is None else per.months if per.months is not None else per.quarters
    years = max(1, round((a.expires - a.effective).days / 365))
    allowance = av.maintenance_allowance.hours if av.maintenance_allowance else None
    stops = None if allowance is None else tuple((b, b.downtime + allowance) for b in budgets)
    conf = spec.confidentiality
    until = (
        _years_after(a.expires, conf.survival_years)
        if conf is not None and conf.survival_years is not None
        else None
    )
    cp = spec.counterparts
    mine, theirs = (cp.provider, cp.client) if cp is not None else (1, 1)
    return ContinuityFigures(
        monthly_fee=a.monthly_fee,
        annual_total=a.annual_total,
        budgets=budgets,
        persistent_periods=periods,
        persistent_unit="个月" if per is not None and per.months is not None else "个季度",
        cap_amount=p.cap.of(a.annual_total) if p.cap else None,
        minor_amount=p.minor.rate.of(a.monthly_fee),
        major_amount=p.major.rate.of(a.monthly_fee),
        persistent_amount=p.persistent.rate.of(a.annual_total) if p.persistent else None,
        investment_amount=spec.investment.of(a.annual_total) if spec.investment else None,
        term_years=years,
        stop_limits=stops,
        maintenance_hours=allowance,
        confidential_until=until,
        copies=mine + theirs,
        copies_provider=mine,
        copies_client=theirs,
        substitute_major=any(
            r.type == "substitute" and "major" in r.breaches for r in spec.remedies
        ),
        non_core=tuple(x for x in spec.service.scope if x not in spec.service.core)
        if spec.service.core
        else (),
    )
