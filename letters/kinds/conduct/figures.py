"""Compute the figures a 服务行为规范承诺书 prints: the term, the inspection cycles and counts,
and where each breach's items stand in the letter (their printed numbers)."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from decimal import Decimal
from typing import ClassVar

from ...units import Duration
from .model import Breach, ConductSpec

_DAY = Decimal(86400)


@dataclass(frozen=True)
class Cycle:
    """Hold the inspection cycles of one kind of check over the service term."""

    interval: Duration
    count: (
        int | None
    )  # complete cycles in the term = the least number of checks (None: working days)
    first_end: _dt.date | None  # the last day of the first cycle (None unless whole calendar days)


@dataclass(frozen=True)
class BreachFigures:
    """Hold one breach with the printed numbers of the items it refers to."""

    breach: Breach
    acts: tuple[int, ...]  # 1-based numbers of the prohibited acts, in the letter's order
    duties: tuple[int, ...]  # 1-based numbers of the duties


@dataclass(frozen=True)
class ConductFigures:
    """Hold the derived figures of a 服务行为规范承诺书."""

    SOURCES: ClassVar[dict[str, str]] = {  # the spec path each derived figure is computed from
        "term_days": "agreement.expires",
        "full": "supervision.full_check_interval",
        "special": "supervision.special_check_interval",
        "cap": "liability.cap",
    }

    term_days: int  # calendar days of the service term, both ends included
    full: Cycle
    special: Cycle
    breaches: tuple[BreachFigures, ...]
    uncovered_acts: tuple[int, ...]  # numbers of the prohibited acts in liability.not_covered
    uncovered_duties: tuple[int, ...]
    cap: Decimal | None
    ranged: bool  # some breach has a range (minimum below maximum), not a fixed amount


def _cycle(interval: Duration, start: _dt.date, days: int) -> Cycle:
    if interval.unit == "workday" or interval.seconds <= 0:
        return Cycle(interval, None, None)
    count = int(Decimal(days) * _DAY // interval.seconds)
    whole = interval.seconds % _DAY == 0
    first_end = start + _dt.timedelta(days=int(interval.seconds / _DAY) - 1) if whole else None
    return Cycle(interval, count, first_end)


def _numbers(ids: tuple[str, ...] | list[str], order: dict[str, int]) -> tuple[int, ...]:
    return tuple(sorted({order[i] for i in ids if i in order}))


def figures(spec: ConductSpec) -> ConductFigures:
    """Return the derived figures of a conduct spec."""
    a = spec.agreement
    days = (a.expires - a.effective).days + 1
    acts: dict[str, int] = {}
    for n, act in enumerate(spec.prohibited, 1):
        acts.setdefault(act.id, n)
    duties: dict[str, int] = {}
    for n, duty in enumerate(spec.duties, 1):
        duties.setdefault(duty.id, n)
    sv = spec.supervision
    lia = spec.liability
    return ConductFigures(
        term_days=days,
        full=_cycle(sv.full_check_interval, a.effective, days),
        special=_cycle(sv.special_check_interval, a.effective, days),
        breaches=tuple(
            BreachFigures(b, _numbers(b.refers, acts), _numbers(b.refers, duties))
            for b in lia.breaches
        ),
        uncovered_acts=_numbers(lia.not_covered, acts),
        uncovered_duties=_numbers(lia.not_covered, duties),
        cap=lia.cap,
        ranged=any(b.minimum < b.maximum for b in lia.breaches),
    )
