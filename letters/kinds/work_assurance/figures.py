"""Compute the figures a 工作保障承诺书 prints: cycles, counts, deadlines, who does what.

A recurring measure happens at least once in each cycle of its cadence.  Cycles are counted
from the first day of the assurance period (7 days, 1, 3, 6 or 12 months); days left over at
the end, too few for a whole cycle, join the last cycle.  So the number of times a measure is
due over the period is the number of whole cycles (at least one), and each is due by the last
day of its cycle; a report on a cycle is due a set number of days after the cycle ends.

The duty rota is staffed round the clock: 168 hours a week times the staff on each shift, shared
among people who each work at most 40 hours a week (《国务院关于职工工作时间的规定》第三条), so
the rota needs at least ⌈168 × staff per shift ÷ 40⌉ people.
"""

from __future__ import annotations

import calendar
import datetime as _dt
from dataclasses import dataclass
from decimal import Decimal
from typing import ClassVar

from ...diagnostics import Path_
from ...i18n import N_
from .model import Daily, Member, Recurring, Report, WorkAssuranceSpec, duties

WEEK_HOURS = 168  # hours in a week: the rota covers all of them
MAX_WEEKLY_HOURS = 40  # hours one person works in a week at most (standard working time)

# cadence → (order, text in the letter, length of one cycle in the letter, months; 0 = a week)
CADENCES: dict[str, tuple[int, str, str, int]] = {
    "week": (0, N_("每周"), "7日", 0),
    "month": (1, N_("每月"), "1个月", 1),
    "quarter": (2, N_("每季度"), "3个月", 3),
    "half_year": (3, N_("每半年"), "6个月", 6),
    "year": (4, N_("每年"), "12个月", 12),
}


def rank(cadence: str) -> int:
    """Return the order of *cadence*, shortest first (week 0 … year 4)."""
    return CADENCES[cadence][0]


def _add_months(d: _dt.date, months: int) -> _dt.date:
    y, m = divmod(d.month - 1 + months, 12)
    year, month = d.year + y, m + 1
    return _dt.date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def cycle_start(start: _dt.date, cadence: str, k: int) -> _dt.date:
    """Return the first day of cycle *k* (0-based) of *cadence* counted from *start*."""
    months = CADENCES[cadence][3]
    if months == 0:
        return start + _dt.timedelta(days=7 * k)
    return _add_months(start, months * k)


@dataclass(frozen=True)
class Cycle:
    """One cycle of a recurring measure: the measure is due at least once between its dates."""

    start: _dt.date
    end: _dt.date  # the deadline


def cycles(start: _dt.date, end: _dt.date, cadence: str) -> tuple[Cycle, ...]:
    """Return the cycles of *cadence* in the period *start*–*end* (both days included).

    Whole cycles only; the days after the last whole cycle join it.  A period shorter than one
    cycle (or ending before it starts) is a single cycle ending on *end*.
    """
    out: list[Cycle] = []
    k = 0
    while True:
        nxt = cycle_start(start, cadence, k + 1)
        if nxt - _dt.timedelta(days=1) > end:
            break
        out.append(Cycle(cycle_start(start, cadence, k), nxt - _dt.timedelta(days=1)))
        k += 1
    if not out:
        return (Cycle(start, end),)
    last = out[-1]
    out[-1] = Cycle(last.start, end)
    return tuple(out)


def fits(start: _dt.date, end: _dt.date, cadence: str) -> bool:
    """Return True if the period *start*–*end* holds at least one whole cycle of *cadence*."""
    return cycle_start(start, cadence, 1) - _dt.timedelta(days=1) <= end


@dataclass(frozen=True)
class Task:
    """Hold the derived figures of one measure that names an owner."""

    SCOPE: ClassVar[str] = "path"  # the spec path of the measure (letters verify names it)

    path: Path_
    title: str  # 压力测试
    owner: str
    owner_role: str | None  # the owner's role in the team; None if no member has that name
    cadence: str | None  # week … year for a recurring measure, None otherwise
    cadence_text: str  # 每季度 / 每日3次 / 7×24小时
    count: int | None  # times due over the period; None when not counted (值班, 故障处置)
    cycles: tuple[Cycle, ...]  # recurring measures only
    due: tuple[
        _dt.date, ...
    ] = ()  # the deadline for each cycle: its last day, or after it (reports)


@dataclass(frozen=True)
class MemberFigures:
    """Hold one team member and the measures the member is responsible for."""

    member: Member
    is_lead: bool
    duties: tuple[str, ...]  # titles, in the letter's order


@dataclass(frozen=True)
class WorkAssuranceFigures:
    """Hold the derived figures of a 工作保障承诺书."""

    SOURCES: ClassVar[dict[str, str]] = {  # the spec path each derived figure is computed from
        "days": "work.end",
        "shift_length": "duty.shifts_per_day",
        "safety_per_shift": "checks.safety.per_day",
        "inspection_per_shift": "checks.inspection.per_day",
        "roster_needed": "duty.staff_per_shift",
    }

    days: int  # calendar days of the assurance period, both ends included
    tasks: tuple[Task, ...]  # every measure with an owner, in the letter's order
    counted: tuple[Task, ...]  # the tasks with a count (the plan table)
    by_path: dict[str, Task]  # "technical.stress_test" → its task
    members: tuple[MemberFigures, ...]
    shift_length: Decimal | None  # hours of one shift (24 ÷ shifts); None unless whole minutes
    safety_per_shift: int  # checks every shift carries at least (per day ÷ shifts, rounded down)
    inspection_per_shift: int
    cadences: tuple[tuple[str, str], ...]  # (每季度, 3个月) of the cadences used, shortest first
    roster_needed: int  # the fewest people who can staff the 7×24 rota at 40 hours a week each


def _role(spec: WorkAssuranceSpec, name: str) -> str | None:
    return next((m.role for m in spec.organisation.members if m.name == name), None)


def figures(spec: WorkAssuranceSpec) -> WorkAssuranceFigures:
    """Return the derived figures of a work-assurance spec."""
    w = spec.work
    days = max(0, (w.end - w.start).days + 1)
    shifts = spec.duty.shifts_per_day
    tasks: list[Task] = []
    for path, title, part in duties(spec):
        owner: str = part.owner  # type: ignore[attr-defined]
        role = _role(spec, owner)
        if isinstance(part, Recurring):
            cs = cycles(w.start, w.end, part.every)
            lag = _dt.timedelta(days=part.due_days if isinstance(part, Report) else 0)
            due = tuple(cy.end + lag for cy in cs)
            tasks.append(
                Task(
                    path, title, owner, role, part.every, CADENCES[part.every][1], len(cs), cs, due
                )
            )
        elif isinstance(part, Daily):
            tasks.append(
                Task(
                    path, title, owner, role, None, f"每日{part.per_day}次", part.per_day * days, ()
                )
            )
        else:
            tasks.append(
                Task(
                    path,
                    title,
                    owner,
                    role,
                    None,
                    "7×24小时" if path == ("duty",) else "随时",
                    None,
                    (),
                )
            )
    members = tuple(
        MemberFigures(
            m,
            m.name == spec.organisation.lead,
            tuple(t.title for t in tasks if t.owner == m.name),
        )
        for m in spec.organisation.members
    )
    used = sorted({t.cadence for t in tasks if t.cadence is not None}, key=rank)
    return WorkAssuranceFigures(
        days=days,
        tasks=tuple(tasks),
        counted=tuple(t for t in tasks if t.count is not None),
        by_path={".".join(map(str, t.path)): t for t in tasks},
        members=members,
        shift_length=Decimal(24) / shifts if shifts > 0 and 1440 % shifts == 0 else None,
        safety_per_shift=spec.checks.safety.per_day // shifts if shifts > 0 else 0,
        inspection_per_shift=spec.checks.inspection.per_day // shifts if shifts > 0 else 0,
        cadences=tuple((CADENCES[c][1], CADENCES[c][2]) for c in used),
        roster_needed=rota_size(spec.duty.staff_per_shift),
    )


def rota_size(staff_per_shift: int) -> int:
    """Return the fewest people who can staff a 7×24 rota of *staff_per_shift* people on every
    shift when nobody works more than 40 hours a week: ⌈168 × staff ÷ 40⌉ (3 → 13)."""
    return max(0, -(-WEEK_HOURS * staff_per_shift // MAX_WEEKLY_HOURS))
