"""Compute the figures a 服务响应时间承诺函 prints: hourly amounts, cap, deposit, coverage."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import ClassVar

from ...figures import hhmm as _hhmm
from ...units import Duration, Percent
from .model import SlaSpec, Tier


@dataclass(frozen=True)
class TierFigures:
    """Hold the derived figures of one response tier."""

    tier: Tier
    amount_per_hour: Decimal  # contract total × penalty_per_hour
    coverage_text: str  # 工作日9:00至18:00 or 7×24小时
    vip_response: Duration | None  # response time through the VIP channel
    holiday_response: Duration | None
    cross_region_response: Duration | None


@dataclass(frozen=True)
class SlaFigures:
    """Hold the derived figures of a 服务响应时间承诺函."""

    SOURCES: ClassVar[dict[str, str]] = {  # the spec path each derived figure is computed from
        "total": "agreement.total",
        "cap_amount": "compensation.cap",
        "deposit_amount": "compensation.deposit",
        "event_amount_per_hour": "compensation.event_rate_per_hour",
        "minimum_hourly": "tiers",
    }

    total: Decimal
    tiers: tuple[TierFigures, ...]
    cap_amount: Decimal
    deposit_amount: Decimal | None
    event_amount_per_hour: Decimal | None
    top_level: str  # the gravest tier's level (L3); "" without tiers
    top_tier: Tier | None  # the gravest tier itself (None only for a spec without tiers)
    vip_levels: tuple[str, ...]  # the tiers the VIP channel applies to (all but the gravest)
    business_hours_text: str  # 9:00至18:00
    minimum_hourly: Decimal | None  # the smallest hourly amount (one hour of the lightest tier)


def figures(spec: SlaSpec) -> SlaFigures:
    """Return the derived figures of an sla-response spec."""
    total = spec.agreement.total
    bh = spec.business_hours
    span = f"{_hhmm(bh.start)}至{_hhmm(bh.end)}"
    hours = f"工作日{span}"
    adj = spec.adjustments
    top = max(spec.tiers, key=lambda t: t.penalty_per_hour.value) if spec.tiers else None
    vip_levels = tuple(t.level for t in spec.tiers if t is not top)

    def scaled(t: Tier, pct: Percent | None, applies: bool = True) -> Duration | None:
        return t.response.scaled(pct) if pct is not None and applies else None

    tiers = tuple(
        TierFigures(
            t,
            t.penalty_per_hour.of(total),
            hours if t.coverage == "business_hours" else "7×24小时",
            scaled(t, adj.vip if adj else None, t.level in vip_levels),
            scaled(t, adj.holiday if adj else None),
            scaled(t, adj.cross_region if adj else None),
        )
        for t in spec.tiers
    )
    comp = spec.compensation
    return SlaFigures(
        total=total,
        tiers=tiers,
        cap_amount=comp.cap.of(total),
        deposit_amount=comp.deposit.of(total) if comp.deposit else None,
        event_amount_per_hour=comp.event_rate_per_hour.of(total)
        if comp.event_rate_per_hour
        else None,
        top_level=top.level if top is not None else "",
        minimum_hourly=min((t.amount_per_hour for t in tiers), default=None),
        top_tier=top,
        vip_levels=vip_levels,
        business_hours_text=span,
    )
