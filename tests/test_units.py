"""letters.units: durations, percentages, money, dates, times and whole numbers."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from letters.units import (
    Duration,
    Percent,
    UnitError,
    parse_date,
    parse_duration,
    parse_int,
    parse_money,
    parse_percent,
    parse_time,
)

# ----------------------------------------------------------------------------- durations


@pytest.mark.parametrize(
    "text, amount, unit, seconds, zh",
    [
        ("15min", "15", "min", 900, "15分钟"),
        ("4h", "4", "h", 14400, "4小时"),
        ("72h", "72", "h", 259200, "72小时"),
        ("30d", "30", "d", 2592000, "30日"),
        ("1workday", "1", "workday", 86400, "1个工作日"),
        ("2workdays", "2", "workday", 172800, "2个工作日"),
        ("15分钟", "15", "min", 900, "15分钟"),
        ("4小时", "4", "h", 14400, "4小时"),
        ("30天", "30", "d", 2592000, "30日"),
        ("1个工作日", "1", "workday", 86400, "1个工作日"),
        ("1工作日", "1", "workday", 86400, "1个工作日"),
        ("50ms", "50", "ms", Decimal("0.05"), "50毫秒"),
        ("50毫秒", "50", "ms", Decimal("0.05"), "50毫秒"),
        ("10s", "10", "s", 10, "10秒"),
        ("10秒", "10", "s", 10, "10秒"),
        ("1.5h", "1.5", "h", 5400, "1.5小时"),
        ("3hr", "3", "h", 10800, "3小时"),
        (" 4 h ", "4", "h", 14400, "4小时"),
        ("4 小时", "4", "h", 14400, "4小时"),
        ("2个小时", "2", "h", 7200, "2小时"),
        ("1日", "1", "d", 86400, "1日"),
        ("0min", "0", "min", 0, "0分钟"),  # zero parses; the "positive" rule rejects it
    ],
)
def test_parse_duration(text: str, amount: str, unit: str, seconds, zh: str) -> None:
    d = parse_duration(text)
    assert d == Duration(Decimal(amount), unit)
    assert d.seconds == Decimal(seconds)
    assert d.zh() == zh == str(d)
    assert isinstance(d.amount, Decimal)


@pytest.mark.parametrize(
    "text",
    [
        "",
        " ",
        "15",
        "h",
        "min",
        "-1h",
        "+1h",
        "1e3h",
        "4h30min",
        "4hours",
        "15 minutes",
        "4H",
        "1.5.2h",
        ".5h",
        "5.h",
        "十五分钟",
        "15 分 钟",
        "15min!",
        "15min 15min",
        "1 week",
        "1y",
        "15mins",
        "nan h",
        "inf h",
        "Infinity h",
        "4,5h",
    ],
)
def test_bad_durations(text: str) -> None:
    with pytest.raises(UnitError) as exc:
        parse_duration(text)
    msg = str(exc.value)
    assert f"“{text}”" in msg
    assert "15min" in msg and "1个工作日" in msg  # it says what is expected


def test_duration_ordering_counts_a_workday_as_a_day() -> None:
    assert parse_duration("1workday").seconds == parse_duration("24h").seconds
    assert parse_duration("1workday").seconds > parse_duration("23h").seconds
    assert parse_duration("50ms").seconds < parse_duration("1s").seconds
    assert parse_duration("1d").hours == 24
    assert parse_duration("90min").hours == Decimal("1.5")


@pytest.mark.parametrize(
    "duration, pct, expected",
    [
        ("15min", "80%", "12分钟"),
        ("15min", "120%", "18分钟"),
        ("15min", "50%", "7分30秒"),
        ("1min", "120%", "1分12秒"),
        ("1min", "80%", "48秒"),
        ("5min", "50%", "2分30秒"),
        ("3h", "50%", "90分钟"),
        ("1h", "101%", "1小时36秒"),
        ("4h", "50%", "2小时"),
        ("1min", "50%", "30秒"),
        ("15min", "33%", "4分57秒"),
        ("1workday", "50%", "0.5个工作日"),
        ("72h", "100%", "72小时"),
    ],
)
def test_scaled_duration_reads_well(duration: str, pct: str, expected: str) -> None:
    assert parse_duration(duration).scaled(parse_percent(pct)).zh() == expected


@pytest.mark.parametrize("duration", ["9" * 40 + "h", "0.0000000000000000000000001h", "1e0h"])
def test_scaled_never_raises_on_extreme_amounts(duration: str) -> None:
    try:
        d = parse_duration(duration)
    except UnitError:
        return
    for pct in ("50%", "0.0001%", "99999%"):
        out = d.scaled(parse_percent(pct))
        assert isinstance(out, Duration)
        assert out.zh()


# ----------------------------------------------------------------------------- percentages


@pytest.mark.parametrize(
    "text, value, shown",
    [
        ("60%", "60", "60%"),
        ("0.3%", "0.3", "0.3%"),
        ("0.3％", "0.3", "0.3%"),  # full-width percent sign
        ("100%", "100", "100%"),
        ("99.5%", "99.5", "99.5%"),
        ("150%", "150", "150%"),  # range is a rule's job, not the parser's
        ("5 %", "5", "5%"),
        ("0%", "0", "0%"),
        ("10.50%", "10.50", "10.5%"),
    ],
)
def test_parse_percent(text: str, value: str, shown: str) -> None:
    p = parse_percent(text)
    assert p == Percent(Decimal(value))
    assert str(p) == shown


@pytest.mark.parametrize(
    "text", ["60", "-5%", "%", "1e2%", "60%%", "sixty%", "", "0.3 percent", "6 0%"]
)
def test_bad_percentages(text: str) -> None:
    with pytest.raises(UnitError, match="百分比"):
        parse_percent(text)


def test_percent_arithmetic_is_exact() -> None:
    p = parse_percent("0.3%")
    assert p.fraction == Decimal("0.003")
    assert p.of(Decimal("1200000.00")) == Decimal("3600")
    assert parse_percent("15%").of(Decimal("1200000.00")) == Decimal("180000")
    assert parse_percent("33.33%").of(Decimal("100")) == Decimal("33.33")


# ----------------------------------------------------------------------------- money


@pytest.mark.parametrize(
    "text, value",
    [
        ("1200000.00", "1200000.00"),
        ("1200000", "1200000"),
        ("1,200,000", "1200000"),
        ("1，200，000.50", "1200000.50"),
        ("85000.00", "85000.00"),
        ("0", "0"),
        ("0.5", "0.5"),
        (" 1000 ", "1000"),
    ],
)
def test_parse_money(text: str, value: str) -> None:
    m = parse_money(text)
    assert isinstance(m, Decimal)
    assert m.as_tuple() == Decimal(value).as_tuple()  # exact, trailing zeros kept


@pytest.mark.parametrize(
    "text",
    [
        "1200000.001",
        "-5",
        "1e5",
        "12,00",
        "1,2000",
        "",
        "¥100",
        "100元",
        "NaN",
        "Infinity",
        "1.2.3",
    ],
)
def test_bad_money(text: str) -> None:
    with pytest.raises(UnitError, match="金额"):
        parse_money(text)


# ----------------------------------------------------------------------------- dates and times


@pytest.mark.parametrize(
    "text, value",
    [
        ("2026-11-22", dt.date(2026, 11, 22)),
        ("2024-02-29", dt.date(2024, 2, 29)),
        (" 2027-01-01 ", dt.date(2027, 1, 1)),
    ],
)
def test_parse_date(text: str, value: dt.date) -> None:
    assert parse_date(text) == value


@pytest.mark.parametrize(
    "text", ["2026-02-30", "2026-02-29", "2026-04-31", "2026-13-01", "2026-00-10"]
)
def test_impossible_dates(text: str) -> None:
    with pytest.raises(UnitError, match="不是有效日期"):
        parse_date(text)


@pytest.mark.parametrize(
    "text", ["2026-2-3", "2026/11/22", "22.11.2026", "2026年11月22日", "", "2026-11-22T00:00"]
)
def test_badly_written_dates(text: str) -> None:
    with pytest.raises(UnitError, match="2026-11-22"):
        parse_date(text)


@pytest.mark.parametrize(
    "text, value",
    [
        ("09:00", dt.time(9)),
        ("9:00", dt.time(9)),
        ("9：30", dt.time(9, 30)),
        ("18:00", dt.time(18)),
        ("00:00", dt.time(0)),
        ("24:00", None),
    ],
)
def test_parse_time(text: str, value: dt.time | None) -> None:
    assert parse_time(text) == value


@pytest.mark.parametrize("text", ["24:30", "25:00", "9:60", "9", "9am", "09-00", "", "540"])
def test_bad_times(text: str) -> None:
    with pytest.raises(UnitError, match="时刻"):
        parse_time(text)


# ----------------------------------------------------------------------------- whole numbers


@pytest.mark.parametrize("text, value", [("12", 12), (" 3 ", 3), ("0", 0), ("007", 7)])
def test_parse_int(text: str, value: int) -> None:
    assert parse_int(text) == value


@pytest.mark.parametrize("text", ["1.5", "-1", "十", "", "1e3", "12人", "9" * 5000])
def test_bad_ints(text: str) -> None:
    with pytest.raises(UnitError):
        parse_int(text)


def test_unit_error_is_a_value_error() -> None:
    assert issubclass(UnitError, ValueError)
