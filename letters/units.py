"""Parse and print the units a spec uses: percentages, durations, money, dates, times.

Every parser takes the scalar's own text and returns an exact value (``Decimal`` for numbers,
never float) or raises :class:`UnitError` explaining what was expected (in the language of
:mod:`letters.i18n`).
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from .i18n import _, language


class UnitError(ValueError):
    """Raise when a scalar is not a valid value of the expected unit."""


_D = "[0-9０-９]"  # ASCII or full-width digits, never other Unicode digits (٣, ३, 𝟑)
_NUM = rf"({_D}+(?:\.{_D}+)?)"


def _decimal(text: str) -> Decimal:
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise UnitError(_("“{text}”不是数字").format(text=text)) from None
    if not value.is_finite():
        raise UnitError(_("“{text}”不是有限的数字").format(text=text))
    return value


@dataclass(frozen=True, order=False)
class Percent:
    """Hold a percentage as written: ``Percent(Decimal("0.3"))`` is 0.3%."""

    value: Decimal

    @property
    def fraction(self) -> Decimal:
        """Return the share as a fraction of one (0.3% → 0.003)."""
        return self.value / 100

    def of(self, amount: Decimal) -> Decimal:
        """Return this share of *amount*, exact (no rounding)."""
        return amount * self.value / 100

    def __str__(self) -> str:
        return f"{_plain(self.value)}%"


_PERCENT = re.compile(r"^\s*" + _NUM + r"\s*[%％]\s*$")


def parse_percent(text: str) -> Percent:
    """Parse ``60%`` / ``0.3%`` / ``0.3％`` into a :class:`Percent`."""
    m = _PERCENT.match(text)
    if not m:
        raise UnitError(_("“{text}”不是百分比；应写成如 60% 或 0.3% 的形式").format(text=text))
    return Percent(_decimal(m.group(1)))


_UNITS: dict[str, tuple[str, Decimal]] = {}
for _names, _unit, _secs in (
    (("ms", "毫秒"), "ms", Decimal("0.001")),
    (("s", "sec", "秒", "秒钟"), "s", Decimal(1)),
    (("min", "m", "分钟", "分"), "min", Decimal(60)),
    (("h", "hr", "小时", "个小时"), "h", Decimal(3600)),
    (("d", "day", "days", "天", "日"), "d", Decimal(86400)),
    (("workday", "workdays", "工作日", "个工作日"), "workday", Decimal(86400)),
):
    for _n in _names:
        _UNITS[_n] = (_unit, _secs)

_DURATION = re.compile(r"^\s*" + _NUM + r"\s*([a-z]+|[\u4e00-\u9fff]+)\s*$")
# Legal text counts days in 日, as the 民法典 does ("7日内", "提前30日").
_ZH_UNIT = {"ms": "毫秒", "s": "秒", "min": "分钟", "h": "小时", "d": "日", "workday": "个工作日"}


def clock_text(seconds: Decimal) -> str:
    """Return *seconds* in exact natural units: ``1分12秒``, ``7分30秒``, ``43小时48分钟``,
    ``3小时21分36秒``, ``48秒`` — never a decimal fraction of a minute or an hour.

    Hours are grouped by thousands (``8,716小时12分钟``); a remainder below one second (which
    no derived figure of a letter has) is kept as a decimal of seconds.
    """
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    parts = []
    if hours:
        parts.append(f"{int(hours):,}小时")
    if minutes:
        parts.append(f"{int(minutes)}分" if secs else f"{int(minutes)}分钟")
    if secs or not parts:
        parts.append(f"{_plain(secs)}秒")
    return "".join(parts)


@dataclass(frozen=True)
class Duration:
    """Hold a duration as written (amount and unit), comparable through ``seconds``.

    A working day counts as a calendar day for ordering: a deadline of one working day is never
    shorter than 24 hours of calendar time.
    """

    amount: Decimal
    unit: str  # ms, s, min, h, d, workday

    @property
    def seconds(self) -> Decimal:
        """Return the length in seconds, for comparisons."""
        for _unit, secs in _UNITS.values():
            if _unit == self.unit:
                return self.amount * secs
        raise AssertionError(self.unit)

    @property
    def hours(self) -> Decimal:
        """Return the length in hours."""
        return self.seconds / 3600

    def zh(self) -> str:
        """Return the Chinese form as written: ``15分钟``, ``4小时``, ``30日``, ``1个工作日``;
        seconds of a minute or more read in natural units (``72s`` → ``1分12秒``)."""
        if self.unit == "s" and self.amount >= 60:
            return clock_text(self.amount)
        return f"{_plain(self.amount)}{_ZH_UNIT[self.unit]}"

    def __str__(self) -> str:
        return self.zh()

    def text(self) -> str:
        """Return the duration for a message: Chinese (``15分钟``) or, in English, the spec's
        own notation (``15min``, ``4h``, ``30d``, ``1workday``, ``2workdays``)."""
        if language() != "en":
            return self.zh()
        unit = "workdays" if self.unit == "workday" and self.amount != 1 else self.unit
        return f"{_plain(self.amount)}{unit}"

    def scaled(self, pct: Percent) -> Duration:
        """Return this duration times *pct*, exactly: in the same unit when that is a whole
        number, else in the largest smaller unit that is, else in seconds, which print in
        natural units (15min × 50% → 7分30秒, 1min × 120% → 1分12秒, never 7.5分钟)."""
        same = self.amount * pct.value / 100
        if self.unit == "workday" or (same >= 1 and same == same.to_integral_value()):
            return Duration(Decimal(_plain(same)), self.unit)
        seconds = self.seconds * pct.value / 100
        for unit, secs in (("h", 3600), ("min", 60)):
            q = seconds / secs
            if q >= 1 and q == q.to_integral_value():
                return Duration(Decimal(_plain(q)), unit)
        return Duration(Decimal(_plain(seconds)), "s")


def parse_duration(text: str) -> Duration:
    """Parse ``15min``, ``4h``, ``30d``, ``1workday``, ``15分钟``, ``1个工作日`` …"""
    m = _DURATION.match(text)
    if not m or m.group(2) not in _UNITS:
        raise UnitError(
            _(
                "“{text}”不是时长；应写成如 15min、4h、30d、1workday 或 15分钟、4小时、30天、1个工作日"
            ).format(text=text)
        )
    amount = _decimal(m.group(1))
    unit = _UNITS[m.group(2)][0]
    return Duration(amount, unit)


_MONEY = re.compile(rf"^\s*({_D}{{1,3}}(?:,{_D}{{3}})+|{_D}+)(\.{_D}{{1,2}})?\s*$")


def parse_money(text: str) -> Decimal:
    """Parse an amount of yuan such as ``1200000.00`` or ``1,200,000`` into a Decimal."""
    m = _MONEY.match(text.replace("，", ","))
    if not m:
        raise UnitError(
            _("“{text}”不是金额；应写成以元为单位的数字，如 1200000.00，最多两位小数").format(
                text=text
            )
        )
    value = Decimal(m.group(1).replace(",", "") + (m.group(2) or ""))
    if value >= MAX_MONEY:
        raise UnitError(
            _("“{text}”超出可处理的金额范围（人民币大写最多到玖仟玖佰玖拾玖亿…元）").format(
                text=text
            )
        )
    return value


MAX_MONEY = Decimal(10) ** 12  # 人民币大写 stops below 一万亿


def parse_date(text: str) -> _dt.date:
    """Parse an ISO date ``2026-11-22``."""
    if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text.strip()):
        raise UnitError(_("“{text}”不是日期；应写成 ISO 格式，如 2026-11-22").format(text=text))
    try:
        return _dt.date.fromisoformat(text.strip())
    except ValueError:
        raise UnitError(_("“{text}”不是有效日期（该月没有这一天）").format(text=text)) from None


_TIME = re.compile(rf"^\s*([01]?{_D}|2[0-4])[:：]([0-5]{_D})\s*$")


def parse_time(text: str) -> _dt.time | None:
    """Parse a clock time ``09:00`` or ``9:00``; ``24:00`` is returned as None (end of day)."""
    m = _TIME.match(text)
    if not m:
        raise UnitError(
            _('“{text}”不是时刻；应写成如 "09:00" 的形式（建议加引号）').format(text=text)
        )
    hour, minute = int(m.group(1)), int(m.group(2))
    if hour == 24:
        if minute:
            raise UnitError(_("“{text}”不是有效时刻").format(text=text))
        return None
    return _dt.time(hour, minute)


def parse_int(text: str) -> int:
    """Parse a non-negative whole number."""
    if not re.fullmatch(rf"\s*{_D}+\s*", text):
        raise UnitError(_("“{text}”不是整数").format(text=text))
    try:
        return int(text)
    except ValueError:  # more digits than int() accepts (sys.get_int_max_str_digits)
        raise UnitError(_("“{text}…”位数过多，不是合理的整数").format(text=text[:20])) from None


def _plain(value: Decimal) -> str:
    """Return *value* without exponent and without trailing zeros: 60, 0.3, 43.8."""
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text or "0"
