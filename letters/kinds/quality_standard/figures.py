"""Compute the figures a 质量标准承诺书 prints: targets in words, the self-check calendar,
report deadlines, the commitment period in months or days, the copies each party keeps, and the
违约金 (per 不符合项, per day of late rectification, the day a per-item cap is reached)."""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal
from typing import ClassVar

from ...i18n import N_
from .model import Indicator, QualityStandardSpec

MAX_PERIODS = 1200  # a hundred years of monthly self-checks: beyond that a spec is a typo
MONTHS = {"month": 1, "quarter": 3, "half_year": 6, "year": 12}  # months of a self-check interval
INTERVAL_TEXT = {
    "month": N_("每月"),
    "quarter": N_("每季度"),
    "half_year": N_("每半年"),
    "year": N_("每年"),
}
PERIOD_TEXT = {"month": "月", "quarter": "季度", "half_year": "半年", "year": "年度"}

# A standard number with its year: GB/T 19001-2016, GB 4943.1-2022, GB/Z 41275-2022, YD/T 1171-2015.
STANDARD_CODE = re.compile(
    r"(GB(?:/[TZ])?|[A-Z]{2}(?:/[TZ])?) ([0-9]{1,5}(?:\.[0-9]+)*)-((?:19|20)[0-9]{2})"
)

# A target: a comparator, a number, a unit (≥99.5%, ≤ 2小时, 不低于4.5分).
_COMPARATORS = {
    "≥": "≥",
    ">=": "≥",
    "不低于": "≥",
    "不少于": "≥",
    "不小于": "≥",
    "≤": "≤",
    "<=": "≤",
    "不高于": "≤",
    "不超过": "≤",
    "不大于": "≤",
    "不多于": "≤",
    ">": ">",
    "＞": ">",
    "高于": ">",
    "大于": ">",
    "<": "<",
    "＜": "<",
    "低于": "<",
    "小于": "<",
    "=": "=",
    "＝": "=",
    "为": "=",
}
_WORDS = {"≥": "不低于", "≤": "不超过", ">": "高于", "<": "低于", "=": "为"}
_TARGET = re.compile(
    r"^\s*(" + "|".join(sorted(map(re.escape, _COMPARATORS), key=len, reverse=True)) + r")?"
    r"\s*([0-9]+(?:\.[0-9]+)?)\s*(\S.*?)?\s*$"
)


@dataclass(frozen=True)
class Target:
    """Hold a parsed indicator target: ``≥99.5%`` is ("≥", Decimal("99.5"), "%")."""

    comparator: str  # ≥ ≤ > < =, "" when none was written
    value: Decimal
    unit: str  # % or a natural unit (小时, 分, 次); "" when none was written

    @property
    def words(self) -> str:
        """Return the target as the letter prints it: 不低于99.5%、不超过2小时."""
        return f"{_WORDS.get(self.comparator, '')}{_plain(self.value)}{self.unit}"


def _plain(value: Decimal) -> str:
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def parse_target(text: str) -> Target | None:
    """Return the parsed *text* (comparator, value, unit), or None if it is not a number at all."""
    m = _TARGET.match(text.replace("％", "%"))
    if not m:
        return None
    comparator = _COMPARATORS[m.group(1)] if m.group(1) else ""
    return Target(comparator, Decimal(m.group(2)), (m.group(3) or "").replace(" ", ""))


def add_months(d: _dt.date, n: int) -> _dt.date:
    """Return *d* moved by *n* calendar months, on the last day of a shorter month (1月31日 + 1 → 2月28日)."""
    y, m = divmod(d.month - 1 + n, 12)
    year, month = d.year + y, m + 1
    for day in (d.day, 30, 29, 28):
        try:
            return _dt.date(year, month, min(d.day, day))
        except ValueError:
            continue
    raise AssertionError(d)


@dataclass(frozen=True)
class Period:
    """Hold one self-check period: its number, first and last day, and the report deadline."""

    number: int
    start: _dt.date
    end: _dt.date
    report_due: _dt.date  # end + report_days
    full: bool  # a whole interval (False for a shorter last period)

    @property
    def days(self) -> int:
        """Return the calendar days of the period, both ends included."""
        return (self.end - self.start).days + 1


@dataclass(frozen=True)
class IndicatorFigures:
    """Hold one indicator with its standard's title and its target in words."""

    indicator: Indicator
    standard_title: str | None  # None when the indicator cites an undeclared standard
    target: Target | None


@dataclass(frozen=True)
class QualityFigures:
    """Hold the derived figures of a 质量标准承诺书."""

    SOURCES: ClassVar[dict[str, str]] = {  # the spec path each derived figure is computed from
        "periods": "self_check.interval",
        "shortest_period_days": "self_check.interval",
        "validity_days": "validity.end",
        "validity_months": "validity.end",
        "validity_text": "validity.end",
        "provider_copies": "copies",
        "client_copies": "copies",
        "penalty_per_item": "penalty.per_item",
        "penalty_per_day": "penalty.per_day",
        "penalty_late_cap": "penalty.late_cap",
        "penalty_late_cap_days": "penalty.late_cap",
        "penalty_cap": "penalty.cap",
    }

    indicators: tuple[IndicatorFigures, ...]
    interval_text: str  # 每季度
    period_text: str  # 季度
    periods: tuple[Period, ...]  # the self-check periods of the validity, in order
    shortest_period_days: int  # the shortest whole self-check period (or the only period)
    validity_days: int  # both ends included
    validity_months: int | None  # whole calendar months when the validity is exactly that
    validity_text: str  # 24个月 / 200日
    signing_parties: int  # 2 when the client signs too, else 1
    provider_copies: int
    client_copies: int
    penalty_per_item: Decimal | None  # per 不符合项 (an indicator missed in one self-check period)
    penalty_per_day: Decimal | None  # per 不符合项 and day of late rectification
    penalty_late_cap: Decimal | None  # cap of the per-day amounts of one 不符合项
    penalty_late_cap_days: (
        int | None
    )  # days of delay at which late_cap is reached: ⌈late_cap ÷ per_day⌉
    penalty_cap: Decimal | None  # all 违约金 over the commitment period


def periods(start: _dt.date, end: _dt.date, months: int, report_days: int) -> tuple[Period, ...]:
    """Return the self-check periods from *start* to *end*, each *months* long (the last may be shorter)."""
    out: list[Period] = []
    k = 0
    while k < MAX_PERIODS:
        try:
            first = add_months(start, k * months)
        except (ValueError, OverflowError):
            break
        if first > end:
            break
        try:
            natural = add_months(start, (k + 1) * months) - _dt.timedelta(days=1)
        except (ValueError, OverflowError):  # beyond 9999-12-31
            natural = end
        last = min(natural, end)
        try:
            due = last + _dt.timedelta(days=report_days)
        except OverflowError:
            due = _dt.date.max
        out.append(Period(k + 1, first, last, due, last == natural))
        k += 1
    return tuple(out)


def whole_months(start: _dt.date, end: _dt.date) -> int | None:
    """Return n when *start*..*end* (both included) is exactly n calendar months, else None."""
    n = 1
    while n <= MAX_PERIODS:
        try:
            last = add_months(start, n) - _dt.timedelta(days=1)
        except (ValueError, OverflowError):
            return None
        if last == end:
            return n
        if last > end:
            return None
        n += 1
    return None


def figures(spec: QualityStandardSpec) -> QualityFigures:
    """Return the derived figures of a quality-standard spec."""
    titles = {s.code: s.title for s in spec.standards}
    inds = tuple(
        IndicatorFigures(
            i,
            titles.get(i.standard) if i.standard else None,
            parse_target(i.target) if i.target else None,
        )
        for i in spec.indicators
    )
    v = spec.validity
    sc = spec.self_check
    months = MONTHS[sc.interval]
    ps = periods(v.start, v.end, months, sc.report_days) if v.end >= v.start else ()
    whole = [p.days for p in ps if p.full] or [p.days for p in ps] or [0]
    days = (v.end - v.start).days + 1
    n_months = whole_months(v.start, v.end) if v.end >= v.start else None
    signing = 2 if spec.both_sign else 1
    # both sign: the promisor keeps the odd copy; a one-sided letter: the odd copy goes to the client
    half = spec.copies // 2
    client_copies = half if spec.both_sign else spec.copies - half
    pen = spec.penalty
    per_day = pen.per_day if pen else None
    late_cap = pen.late_cap if pen else None
    late_days = None
    if per_day and late_cap and per_day > 0 and late_cap >= per_day:
        late_days = int((late_cap / per_day).to_integral_value(rounding=ROUND_CEILING))
    return QualityFigures(
        indicators=inds,
        interval_text=INTERVAL_TEXT[sc.interval],
        period_text=PERIOD_TEXT[sc.interval],
        periods=ps,
        shortest_period_days=min(whole),
        validity_days=days,
        validity_months=n_months,
        validity_text=f"{n_months}个月" if n_months else f"{days}日",
        signing_parties=signing,
        provider_copies=spec.copies - client_copies,
        client_copies=client_copies,
        penalty_per_item=pen.per_item if pen else None,
        penalty_per_day=per_day,
        penalty_late_cap=late_cap,
        penalty_late_cap_days=late_days,
        penalty_cap=pen.cap if pen else None,
    )
