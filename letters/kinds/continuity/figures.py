"""Compute the figures a 服务水平连续性保证承诺书 prints: uptime, downtime, penalty amounts."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ...figures import Budget, availability_budgets
from .model import ContinuitySpec


@dataclass(frozen=True)
class ContinuityFigures:
    """Hold the derived figures of a 服务水平连续性保证承诺书."""

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


def figures(spec: ContinuitySpec) -> ContinuityFigures:
    """Return the derived figures of a continuity spec."""
    a = spec.agreement
    p = spec.penalties
    av = spec.availability
    budgets = availability_budgets(av.period, a.effective, a.expires, av.core.value)
    per = p.persistent
    periods = None if per is None else per.months if per.months is not None else per.quarters
    years = max(1, round((a.expires - a.effective).days / 365))
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
    )
