"""Compute the figures a 服务水平连续性保证承诺书 prints: uptime, downtime, penalty amounts."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ...figures import HOURS_PER_YEAR
from .model import ContinuitySpec


@dataclass(frozen=True)
class ContinuityFigures:
    """Hold the derived figures of a 服务水平连续性保证承诺书."""

    monthly_fee: Decimal
    annual_total: Decimal
    uptime_hours: Decimal  # availability × 8,760 h
    downtime_hours: Decimal  # the annual downtime budget
    minor_amount: Decimal  # minor.rate × monthly fee
    major_amount: Decimal  # major.rate × monthly fee
    persistent_amount: Decimal | None  # persistent.rate × annual total
    investment_amount: Decimal | None  # investment × annual total
    term_years: int  # whole years the agreement runs (at least 1)


def figures(spec: ContinuitySpec) -> ContinuityFigures:
    """Return the derived figures of a continuity spec."""
    a = spec.agreement
    p = spec.penalties
    uptime = spec.availability.core.of(HOURS_PER_YEAR)
    years = max(1, round((a.expires - a.effective).days / 365))
    return ContinuityFigures(
        monthly_fee=a.monthly_fee,
        annual_total=a.annual_total,
        uptime_hours=uptime,
        downtime_hours=HOURS_PER_YEAR - uptime,
        minor_amount=p.minor.rate.of(a.monthly_fee),
        major_amount=p.major.rate.of(a.monthly_fee),
        persistent_amount=p.persistent.rate.of(a.annual_total) if p.persistent else None,
        investment_amount=spec.investment.of(a.annual_total) if spec.investment else None,
        term_years=years,
    )
