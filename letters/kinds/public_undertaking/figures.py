"""Compute the figures a 公开承诺书 prints: downtime budgets over the actual days of the period,
the downtime each service-credit band stands for, and the publication schedule of each disclosure.

The letter measures downtime in whole seconds (a part of a second counts as a full second), so a
budget is the availability share's downtime floored to a whole second: with downtime counted that
way, "不超过22分19秒" says exactly what "可用性不低于99.95%" says on a 31-day month (1,339.2 s).
The budgets are printed as 小时/分/秒 throughout (``3小时36分``, ``3小时43分12秒``), so one table
never mixes ``分钟`` and ``分…秒``."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from decimal import ROUND_FLOOR, Decimal
from typing import ClassVar

from ...figures import Budget, availability_budgets
from .model import CreditBand, Disclosure, PublicSpec

# months in one publication cycle, and how the letter names the cycle
CYCLE_MONTHS = {"month": 1, "quarter": 3, "half_year": 6, "year": 12}
# how the letter names the cycle: 每月公开一次 … 于每月结束后
CYCLE_TEXT = {"month": "月", "quarter": "季度", "half_year": "半年", "year": "年"}
CYCLE_END = {"month": "月", "quarter": "季度", "half_year": "半年度", "year": "年度"}


def hms_text(seconds: int) -> str:
    """Return whole *seconds* as ``3小时43分12秒``, ``3小时36分``, ``22分19秒``, ``7小时``, ``0秒``.

    Unlike ``units.clock_text`` a whole number of minutes ends in ``分``, never ``分钟``, so the
    figures of one table read alike; hours are grouped by thousands (``8,779小时36分29秒``).
    """
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    parts = [f"{hours:,}小时"] if hours else []
    if minutes:
        parts.append(f"{minutes}分")
    if secs or not parts:
        parts.append(f"{secs}秒")
    return "".join(parts)


@dataclass(frozen=True)
class Allowance:
    """Hold the downtime budget of one measurement period in whole seconds."""

    label: str  # 31日的月份 / 第一服务年度（…）
    hours: Decimal  # the period's calendar hours: actual days × 24
    downtime: int  # most downtime the share allows, floored to a whole second

    @property
    def uptime(self) -> int:
        """Return the least available time, in seconds: the period less the downtime budget."""
        return int(self.hours * 3600) - self.downtime

    @property
    def downtime_text(self) -> str:
        return hms_text(self.downtime)

    @property
    def uptime_text(self) -> str:
        return hms_text(self.uptime)


def allowance(b: Budget) -> Allowance:
    """Return *b* with its downtime floored to a whole second (downtime is counted in whole seconds)."""
    return Allowance(
        b.label, b.hours, int((b.downtime * 3600).to_integral_value(rounding=ROUND_FLOOR))
    )


@dataclass(frozen=True)
class Schedule:
    """Hold the publication schedule of one disclosure over the undertaking period."""

    disclosure: Disclosure
    cycle_text: str  # 每{月 / 季度 / 半年 / 年}公开一次
    cycle_end: str  # 于每{月 / 季度 / 半年度 / 年度}结束后
    count: int  # publications the period calls for: one per calendar cycle it touches
    complete: int  # calendar cycles that lie wholly inside the period
    first_due: _dt.date | None  # last day to publish the first one (None: deadline in workdays)
    last_due: _dt.date | None  # last day to publish the last one


@dataclass(frozen=True)
class CreditFigures:
    """Hold one service-credit band with the downtime its availability threshold stands for."""

    SOURCES: ClassVar[dict[str, str]] = {  # the spec path each derived figure is computed from
        "budgets": ".below",  # relative to the credit band beside it
    }

    band: CreditBand
    budgets: tuple[Allowance, ...]  # per measurement period: downtime beyond which the band applies


@dataclass(frozen=True)
class PublicFigures:
    """Hold the derived figures of a 公开承诺书."""

    SOURCES: ClassVar[dict[str, str]] = {  # the spec path each derived figure is computed from
        "period_days": "period.end",
        "budgets": "availability.target",
    }

    period_days: int  # calendar days of the undertaking period, both ends included
    budgets: tuple[Allowance, ...]  # downtime budget of each measurement period, actual days
    schedules: tuple[Schedule, ...]
    credits: tuple[CreditFigures, ...]


def _month_start(d: _dt.date, months: int) -> _dt.date:
    """Return the first day of the calendar cycle of *months* months that holds *d*."""
    return _dt.date(d.year, (d.month - 1) // months * months + 1, 1)


def _add_months(d: _dt.date, months: int) -> _dt.date:
    y, m = divmod(d.month - 1 + months, 12)
    return _dt.date(d.year + y, m + 1, 1)


def cycles(start: _dt.date, end: _dt.date, months: int) -> list[tuple[_dt.date, _dt.date, bool]]:
    """Return the calendar cycles of *months* months that [start, end] touches.

    Each is (first day, last day) clipped to the period, and whether it lies wholly inside it.
    """
    out = []
    c = _month_start(start, months)
    while c <= end:
        nxt = _add_months(c, months)
        last = nxt - _dt.timedelta(days=1)
        out.append((max(c, start), min(last, end), c >= start and last <= end))
        c = nxt
    return out


def schedule(d: Disclosure, start: _dt.date, end: _dt.date) -> Schedule:
    """Return the publication schedule of *d* over the period [start, end]."""
    found = cycles(start, end, CYCLE_MONTHS[d.every])
    days = None
    if d.within.unit in ("d", "h", "min", "s", "ms"):
        whole = d.within.seconds / 86400
        days = int(whole.to_integral_value(rounding="ROUND_CEILING"))
    first = found[0][1] + _dt.timedelta(days=days) if found and days is not None else None
    last = found[-1][1] + _dt.timedelta(days=days) if found and days is not None else None
    return Schedule(
        d,
        CYCLE_TEXT[d.every],
        CYCLE_END[d.every],
        len(found),
        sum(1 for *_, ok in found if ok),
        first,
        last,
    )


def figures(spec: PublicSpec) -> PublicFigures:
    """Return the derived figures of a public-undertaking spec."""
    p = spec.period
    av = spec.availability
    end = max(p.end, p.start)  # a reversed period is an undertaking-period finding, not a crash
    budgets = tuple(
        allowance(b) for b in availability_budgets(av.period, p.start, end, av.target.value)
    )
    credits = tuple(
        CreditFigures(
            c,
            tuple(
                allowance(b) for b in availability_budgets(av.period, p.start, end, c.below.value)
            ),
        )
        for c in spec.service_credits
    )
    return PublicFigures(
        period_days=(end - p.start).days + 1,
        budgets=budgets,
        schedules=tuple(schedule(d, p.start, end) for d in spec.disclosures),
        credits=credits,
    )
