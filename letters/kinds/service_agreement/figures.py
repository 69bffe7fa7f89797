"""Compute the figures a 服务协议 prints: the term's end, instalment shares, late-payment amounts."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal
from typing import ClassVar

from ...figures import hhmm
from ...units import Percent
from .model import FeeInstalment, ServiceAgreementSpec

DAYS_PER_YEAR = Decimal(365)
CENT = Decimal("0.01")
# The last instalment may fall due after the term, when the last period's services have been
# confirmed; 《保障中小企业款项支付条例》（2025年修订） sets 60 days from delivery as the limit
# for organs and public institutions paying an SME, and as the rule for large enterprises.
AFTER_END_DAYS = 60
# The one-year Loan Prime Rate (一年期贷款市场报价利率) published on 20 May 2025 and unchanged
# since; a spec states the rate of its own signing day in ``late_payment.lpr``.
DEFAULT_LPR = Percent(Decimal("3.0"))


@dataclass(frozen=True)
class InstalmentFigures:
    """Hold the derived figures of one instalment of the fee."""

    number: int  # 1, 2, …
    instalment: FeeInstalment
    share: Decimal | None  # amount ÷ total as a percentage; None unless exact to 0.01%
    late_per_day: Decimal  # daily_rate × amount
    late_cap: Decimal  # cap × amount


@dataclass(frozen=True)
class ServiceAgreementFigures:
    """Hold the derived figures of a 服务协议."""

    SOURCES: ClassVar[dict[str, str]] = {  # the spec path each derived figure is computed from
        "end": "term.months",
        "hours_text": "service.hours",
        "term_days": "term.months",
        "instalment_sum": "fees.instalments",
        "late_per_day_total": "late_payment.daily_rate",
        "late_cap_total": "late_payment.cap",
        "cap_days": "late_payment.cap",
        "annual_rate": "late_payment.daily_rate",
        "lpr": "late_payment.lpr",
        "copies_each": "copies",
        "last_due_limit": "term.months",
        "monthly_fee": "fees.total",
        "quality_per_month": "quality_penalty.monthly_rate",
        "quality_cap": "quality_penalty.cap",
        "quality_cap_months": "quality_penalty.cap",
    }

    end: _dt.date  # the last day of the term: start + months − 1 day
    term_days: int  # calendar days from start to end, both included
    hours_text: str  # 7×24小时 / 国家规定的工作日9:00至18:00
    instalments: tuple[InstalmentFigures, ...]
    instalment_sum: Decimal  # Σ instalment amounts (the rules compare it with the total)
    late_per_day_total: Decimal  # daily_rate × total fee: one day's 违约金 if the whole fee is late
    late_cap_total: Decimal  # cap × total fee: the most 违约金 the whole fee can carry
    cap_days: int  # days of delay after which the cap is reached (cap ÷ daily rate, rounded up)
    annual_rate: Decimal  # daily_rate × 365, as a percentage
    lpr: Percent  # the LPR the rate is compared with
    copies_each: int  # counterparts each party holds
    last_due_limit: _dt.date  # the latest due date the schedule rule accepts: end + AFTER_END_DAYS
    monthly_fee: Decimal  # total ÷ months, rounded to 0.01 (ROUND_HALF_UP)
    monthly_fee_exact: bool  # whether total ÷ months needed no rounding
    quality_per_month: Decimal | None  # monthly_rate × monthly_fee: one failing month's 违约金
    quality_cap: Decimal | None  # cap × total: the most quality 违约金 the term can carry
    quality_cap_months: int | None  # failing months after which the cap is reached (rounded up)


def add_months(d: _dt.date, months: int) -> _dt.date:
    """Return the date *months* calendar months after *d* (the month's last day if it has fewer days).

    As 《民法典》第二百零二条 reads a period in months: the corresponding day of the last month,
    or that month's last day when it has no such day.
    """
    y, m = divmod(d.month - 1 + months, 12)
    year, month = d.year + y, m + 1
    if year >= _dt.MAXYEAR:  # a term of thousands of years: the positive rules' business
        return _dt.date.max
    nxt = _dt.date(year + month // 12, month % 12 + 1, 1)
    last = (nxt - _dt.timedelta(days=1)).day
    return _dt.date(year, month, min(d.day, last))


def term_end(start: _dt.date, months: int) -> _dt.date:
    """Return the last day of a term of *months* months that begins on *start* (start included)."""
    return add_months(start, months) - _dt.timedelta(days=1)


def _share(amount: Decimal, total: Decimal) -> Decimal | None:
    """Return *amount* as a percentage of *total* when that is exact to 0.01%, else None."""
    if total <= 0:
        return None
    share = amount * 100 / total
    exact = share.quantize(Decimal("0.01"))
    return exact.normalize() if exact == share else None


def figures(spec: ServiceAgreementSpec) -> ServiceAgreementFigures:
    """Return the derived figures of a service-agreement spec."""
    fees, late = spec.fees, spec.late_payment
    total = fees.total
    end = term_end(spec.term.start, spec.term.months)
    if end < spec.term.start:  # months 0 (the positive rule reports it): a term of one day
        end = spec.term.start
    hours = spec.service.hours
    if hours.coverage == "7x24":
        hours_text = "7×24小时"
    else:
        hours_text = f"国家规定的工作日{hhmm(hours.start)}至{hhmm(hours.end)}"
    rows = tuple(
        InstalmentFigures(
            i + 1,
            inst,
            _share(inst.amount, total),
            late.daily_rate.of(inst.amount),
            late.cap.of(inst.amount),
        )
        for i, inst in enumerate(fees.instalments)
    )
    rate = late.daily_rate.value
    months = spec.term.months
    exact_monthly = total / months if months > 0 else total
    monthly_fee = exact_monthly.quantize(CENT, rounding=ROUND_HALF_UP)
    grace = _dt.timedelta(days=AFTER_END_DAYS)
    qp = spec.quality_penalty
    per_month = (
        qp.monthly_rate.of(monthly_fee).quantize(CENT, rounding=ROUND_HALF_UP) if qp else None
    )
    q_cap = qp.cap.of(total).quantize(CENT, rounding=ROUND_HALF_UP) if qp else None
    cap_months = (
        int((q_cap / per_month).to_integral_value(ROUND_CEILING))
        if per_month and q_cap is not None
        else None
    )
    cap_days = int((late.cap.value / rate).to_integral_value(ROUND_CEILING)) if rate > 0 else 0
    return ServiceAgreementFigures(
        end=end,
        term_days=(end - spec.term.start).days + 1,
        hours_text=hours_text,
        instalments=rows,
        instalment_sum=sum((inst.amount for inst in fees.instalments), Decimal(0)),
        late_per_day_total=late.daily_rate.of(total),
        late_cap_total=late.cap.of(total),
        cap_days=cap_days,
        annual_rate=rate * DAYS_PER_YEAR,
        lpr=late.lpr or DEFAULT_LPR,
        copies_each=spec.copies // 2,
        last_due_limit=end + grace if end <= _dt.date.max - grace else _dt.date.max,
        monthly_fee=monthly_fee,
        monthly_fee_exact=monthly_fee == exact_monthly,
        quality_per_month=per_month,
        quality_cap=q_cap,
        quality_cap_months=cap_months,
    )
