"""Compute the figures an sla-annex letter prints: measurement windows on their actual days,
the downtime each allows, the availability credits and their cap, and the plain texts."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from decimal import Decimal
from typing import ClassVar

from ...figures import Budget
from ...units import Duration, Percent, clock_text
from .model import AnnexCreditTier, AnnexExclusions, AnnexSeverity, SlaAnnexSpec
from .terms import normal, plain

WINDOW_TEXT = {"month": "自然月", "quarter": "自然季度", "year": "服务年度"}
_STEP = {"month": 1, "quarter": 3}
PER_YEAR = {"month": 12, "quarter": 4, "year": 1}


@dataclass(frozen=True)
class Window:
    """Hold one measurement window of the term: its first and last day (inclusive)."""

    start: _dt.date
    end: _dt.date

    @property
    def days(self) -> int:
        """Return the window's calendar days."""
        return (self.end - self.start).days + 1


@dataclass(frozen=True)
class CreditFigure:
    """Hold one availability credit band: its bounds and the amount it costs."""

    tier: AnnexCreditTier
    floor: Percent | None  # the next band's threshold: the band covers [floor, tier.below)
    amount: Decimal  # tier.rate × period fee


@dataclass(frozen=True)
class SeverityFigure:
    """Hold a severity with its criteria and its time limits as printed (marks removed; limits
    counted continuously, so days are printed as hours: 3d → 72小时)."""

    severity: AnnexSeverity
    description: str
    response: str
    repair: str


@dataclass(frozen=True)
class AnnexFigures:
    """Hold the derived figures of an sla-annex letter."""

    SOURCES: ClassVar[dict[str, str]] = {  # the spec path each derived figure is computed from
        "windows": "availability.window",
        "budgets": "availability.target",
        "year_fee": "credits.period_fee",
        "cap_amount": "credits.cap",
    }

    provider_label: str
    client_label: str
    window_text: str  # 自然月 / 自然季度 / 服务年度
    windows: tuple[Window, ...]  # the measurement windows of the term, clipped to it
    partial: bool  # the first or last window is cut short by the term
    budgets: tuple[Budget, ...]  # one per distinct window length, longest first
    definitions: tuple[tuple[str, str], ...]  # (term, text as printed)
    severities: tuple[SeverityFigure, ...]
    exclusions: AnnexExclusions  # as written, or the default (force majeure, client's cause)
    other_exclusions: tuple[str, ...]  # as printed
    maintenance_slot: str | None  # as printed
    cooperation: tuple[str, ...]  # as printed
    credits: tuple[CreditFigure, ...]
    year_fee: Decimal | None  # the fees of a full service year: period fee × windows a year
    cap_amount: Decimal | None  # credits.cap × year_fee


def _add_months(d: _dt.date, n: int) -> _dt.date:
    y, m = divmod(d.month - 1 + n, 12)
    return _dt.date(d.year + y, m + 1, 1)


def _add_year(d: _dt.date) -> _dt.date:
    try:
        return d.replace(year=d.year + 1)
    except ValueError:  # 29 February: the next service year starts on 1 March
        return _dt.date(d.year + 1, 3, 1)


def windows(window: str, effective: _dt.date, expires: _dt.date) -> tuple[Window, ...]:
    """Return the measurement windows from *effective* to *expires* (inclusive).

    ``month`` / ``quarter``: calendar months or quarters, the first and last cut to the term;
    ``year``: service years counted from *effective*, the last cut to the term.
    """
    out: list[Window] = []
    last = expires + _dt.timedelta(days=1)
    if window == "year":
        start = effective
        while start < last:
            end = min(_add_year(start), last)
            out.append(Window(start, end - _dt.timedelta(days=1)))
            start = end
        return tuple(out)
    step = _STEP[window]
    first = _dt.date(effective.year, (effective.month - 1) // step * step + 1, 1)
    while first < last:
        nxt = _add_months(first, step)
        out.append(Window(max(first, effective), min(nxt, last) - _dt.timedelta(days=1)))
        first = nxt
    return tuple(out)


def budgets(found: tuple[Window, ...], target: Percent) -> tuple[Budget, ...]:
    """Return the availability budget of each distinct window length, longest first."""
    out = []
    for days in sorted({w.days for w in found}, reverse=True):
        hours = Decimal(days * 24)
        uptime = target.of(hours)
        out.append(Budget(f"{days}日的考核周期", hours, uptime, hours - uptime))
    return tuple(out)


def _full(w: Window, window: str) -> bool:
    if window == "year":
        return _add_year(w.start) == w.end + _dt.timedelta(days=1)
    return (
        w.start.day == 1
        and w.start.month % _STEP[window] == 1 % _STEP[window]
        and (_add_months(w.start, _STEP[window]) == w.end + _dt.timedelta(days=1))
    )


def continuous(d: Duration) -> str:
    """Return a time limit that runs continuously (holidays and nights included) as printed:
    whole days in hours (``3d`` → ``72小时``, ``1.5d`` → ``36小时``), so that no one reads
    “3日” as three calendar days counted from the next day; other units as written."""
    if d.unit == "d":
        return clock_text(d.seconds)
    return d.zh()


def _clause(text: str) -> str:
    """Return a free-text clause as printed: marks removed, without its closing punctuation
    (the template ends each clause itself)."""
    return plain(text).strip().rstrip("。；;，,. ")


def figures(spec: SlaAnnexSpec) -> AnnexFigures:
    """Return the derived figures of an sla-annex spec."""
    labels = spec.party_labels
    a = spec.agreement
    av = spec.availability
    found = windows(av.window, a.effective, a.expires)
    ex = spec.exclusions if spec.exclusions is not None else AnnexExclusions()
    pm = ex.planned_maintenance
    cr = spec.credits
    credits: tuple[CreditFigure, ...] = ()
    year_fee = cr.period_fee * PER_YEAR[cr.period] if cr is not None else None
    if cr is not None:
        tiers = cr.tiers
        credits = tuple(
            CreditFigure(
                t, tiers[i + 1].below if i + 1 < len(tiers) else None, t.rate.of(cr.period_fee)
            )
            for i, t in enumerate(tiers)
        )
    return AnnexFigures(
        provider_label=labels.provider if labels else "服务提供方",
        client_label=labels.client if labels else "服务接受方",
        window_text=WINDOW_TEXT[av.window],
        windows=found,
        partial=any(not _full(w, av.window) for w in found),
        budgets=budgets(found, av.target),
        definitions=tuple((normal(d.term), _clause(d.text)) for d in spec.definitions),
        severities=tuple(
            SeverityFigure(s, _clause(s.description), continuous(s.response), continuous(s.repair))
            for s in spec.severities
        ),
        exclusions=ex,
        other_exclusions=tuple(_clause(t) for t in ex.others),
        maintenance_slot=_clause(pm.slot) if pm is not None and pm.slot else None,
        cooperation=tuple(_clause(t) for t in spec.cooperation),
        credits=credits,
        year_fee=year_fee,
        cap_amount=cr.cap.of(year_fee)
        if cr is not None and cr.cap is not None and year_fee is not None
        else None,
    )
