"""Compute the figures a 项目服务水平连续性承诺书 prints: stage periods, drill dates, deadlines.

Periods follow 《民法典》第二百零一条: a period counted in days from a day starts on the next
day, so "服务结束后30日内" ends 30 days after the end date.  Every date here is computed, never
typed; the template prints them.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from decimal import Decimal
from typing import ClassVar

from ...units import Duration
from .model import Duty, ProjectSpec

DAY = 86400


def whole_days(d: Duration) -> int | None:
    """Return *d* as a whole number of calendar days, or None (working days, hours that are not
    whole days, or a duration that is not positive): only calendar days make a date."""
    if d.unit == "workday":
        return None
    secs = d.seconds
    if secs <= 0 or secs % DAY:
        return None
    return int(secs // DAY)


def _days(d: Duration) -> int:
    """Return *d* in days for computing dates, at least 0 (rounded down; the rules report a
    duration :func:`whole_days` refuses before a letter is rendered)."""
    if d.unit == "workday":
        return max(0, int(d.amount))
    return max(0, int(d.seconds // DAY))


@dataclass(frozen=True)
class Stage:
    """Hold one stage of the project: its label, first and last day, length and gates."""

    label: str  # 前期准备 / 实施过程 / 后期评估
    first: _dt.date
    last: _dt.date
    days: int  # calendar days from first to last, both included
    gates: tuple[Duty, ...]  # the dated duties of the stage


@dataclass(frozen=True)
class Drill:
    """Hold one required drill: its number and the cycle it must fall in."""

    number: int
    first: _dt.date  # first day of the cycle
    last: _dt.date  # last day of the cycle: the drill is due by then


@dataclass(frozen=True)
class ProjectFigures:
    """Hold the derived figures of a 项目服务水平连续性承诺书."""

    SOURCES: ClassVar[dict[str, str]] = {  # the spec path each derived figure is computed from
        "stages": "project",
        "implementation_days": "project.end",
        "drill_interval_days": "implementation.drills.interval",
        "drill_count": "implementation.drills.interval",
        "drills": "implementation.drills.interval",
        "uncovered_days": "implementation.drills.interval",
        "evaluation_days": "evaluation.within",
        "evaluation_due": "evaluation.within",
        "filing_due": "evaluation.filing.within",
        "drill_penalty_total": "liability.missed_drill",
    }

    stages: tuple[
        Stage, ...
    ]  # preparation, implementation, evaluation (to the filing deadline, if any)
    implementation_days: int  # project.start to project.end, both included
    drill_interval_days: int  # the drill cycle in days
    drill_count: int  # whole cycles in the implementation stage: drills at least required
    drills: tuple[Drill, ...]  # the cycles, with the last day of each
    uncovered_days: int  # days after the last whole cycle (no drill required in them)
    evaluation_days: int
    evaluation_due: _dt.date  # project.end + evaluation.within
    filing_due: (
        _dt.date | None
    )  # evaluation_due + filing.within (filing only with the client's consent)
    drill_penalty_total: Decimal | None  # missed_drill × drill_count: the most drills can cost


def _gates(duties: tuple[Duty, ...] | list[Duty]) -> tuple[Duty, ...]:
    return tuple(d for d in duties if d.by is not None)


def figures(spec: ProjectSpec) -> ProjectFigures:
    """Return the derived figures of a project spec."""
    p = spec.project
    one = _dt.timedelta(days=1)
    impl_days = max(0, (p.end - p.start).days + 1)
    interval = _days(spec.implementation.drills.interval)
    count = impl_days // interval if interval else 0
    drills = tuple(
        Drill(
            k,
            p.start + _dt.timedelta(days=(k - 1) * interval),
            p.start + _dt.timedelta(days=k * interval) - one,
        )
        for k in range(1, count + 1)
    )
    ev = spec.evaluation
    ev_days = _days(ev.within)
    due = p.end + _dt.timedelta(days=ev_days)
    filing_due = due + _dt.timedelta(days=_days(ev.filing.within)) if ev.filing else None
    last = filing_due or due  # the evaluation stage ends with the last deadline of the stage
    stages = (
        Stage(
            "前期准备",
            spec.effective,
            p.start - one,
            max(0, (p.start - spec.effective).days),
            _gates(spec.preparation.must),
        ),
        Stage("实施过程", p.start, p.end, impl_days, _gates(spec.implementation.must)),
        Stage("后期评估", p.end + one, last, (last - p.end).days, _gates(ev.must)),
    )
    li = spec.liability
    return ProjectFigures(
        stages=stages,
        implementation_days=impl_days,
        drill_interval_days=interval,
        drill_count=count,
        drills=drills,
        uncovered_days=impl_days - count * interval if interval else impl_days,
        evaluation_days=ev_days,
        evaluation_due=due,
        filing_due=filing_due,
        drill_penalty_total=li.missed_drill * count if li is not None else None,
    )
