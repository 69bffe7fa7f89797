"""Compute what letters share in their derived figures; each kind computes its own.

Templates print derived numbers (amounts, caps, deposits, downtime, 大写); they never compute
them.  Each kind's ``figures.py`` computes its figures with exact ``Decimal`` arithmetic on the
spec's own values; rounding to the fen happens only when printing.  The helpers here serve
every kind.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from decimal import Decimal

HOURS_PER_YEAR = Decimal(8760)  # 365 × 24: a common year; leap years have 8,784 hours


@dataclass(frozen=True)
class Budget:
    """Hold the availability budget of one measurement period: its calendar hours, the least
    available time and the most unavailable time an availability share allows in it."""

    label: str  # 2027年度 / 第一服务年度（…） / 31日的月份 / 92日的季度
    hours: Decimal  # the period's calendar hours: actual days × 24
    uptime: Decimal  # hours × availability
    downtime: Decimal  # hours − uptime


def _add_years(d: _dt.date, n: int) -> _dt.date:
    try:
        return d.replace(year=d.year + n)
    except ValueError:  # 29 February in a common year
        return d.replace(year=d.year + n, day=28)


def _budget(label: str, days: int, share: Decimal) -> Budget:
    hours = Decimal(days * 24)
    uptime = hours * share / 100
    return Budget(label, hours, uptime, hours - uptime)


def availability_budgets(
    period: str, effective: _dt.date, expires: _dt.date, share: Decimal
) -> tuple[Budget, ...]:
    """Return the budget of each measurement period of a term, on its actual calendar days.

    *period* ``year``: one budget per service year from *effective* (a calendar year, labelled
    ``2027年度``, when the term starts on 1 January), the last one as long as the term leaves;
    ``month`` / ``quarter``: one budget per distinct length (31日的月份, 92日的季度) among the
    calendar months or quarters the term touches, longest first.
    """
    last = expires + _dt.timedelta(days=1)
    if period == "year":
        out = []
        start, k = effective, 0
        calendar = effective.month == 1 and effective.day == 1
        while start < last:
            end = min(_add_years(effective, k + 1), last)
            if calendar:
                label = f"{start.year}年度"
            else:
                from .formatting import date_cn, ordinal_cn

                label = f"第{ordinal_cn(k + 1)}服务年度（{date_cn(start)}至{date_cn(end - _dt.timedelta(days=1))}）"
            out.append(_budget(label, (end - start).days, share))
            start, k = end, k + 1
        return tuple(out)
    step = 1 if period == "month" else 3
    lengths: set[int] = set()
    y, m = effective.year, (effective.month - 1) // step * step + 1
    while _dt.date(y, m, 1) < last:
        ny, nm = (y + 1, m + step - 12) if m + step > 12 else (y, m + step)
        lengths.add((_dt.date(ny, nm, 1) - _dt.date(y, m, 1)).days)
        y, m = ny, nm
    unit = "月份" if period == "month" else "季度"
    return tuple(_budget(f"{d}日的{unit}", d, share) for d in sorted(lengths, reverse=True))


def hhmm(t: object) -> str:
    """Return a clock time as 9:00 (no leading zero); None, the end of the day, as 24:00."""
    if t is None:
        return "24:00"
    return f"{t.hour}:{t.minute:02d}"  # type: ignore[attr-defined]
