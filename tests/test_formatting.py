"""Test the pure formatters of letters.formatting: money, 人民币大写, dates, percentages, numerals."""

from __future__ import annotations

import datetime
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from letters import formatting as fmt

ROOT = Path(__file__).resolve().parents[1]

# ---------------------------------------------------------------- rmb_upper

PBOC_EXAMPLES = [
    ("1680.32", "壹仟陆佰捌拾元零叁角贰分"),
    ("107000.53", "壹拾万柒仟元零伍角叁分"),
    ("1409.50", "壹仟肆佰零玖元伍角整"),
    ("6007.14", "陆仟零柒元壹角肆分"),
    ("325.04", "叁佰贰拾伍元零肆分"),
    ("1200000", "壹佰贰拾万元整"),
    ("10005", "壹万零伍元整"),
    ("0.04", "肆分"),
    ("0", "零元整"),
    ("10", "壹拾元整"),
    ("100000000", "壹亿元整"),
    ("1000010000", "壹拾亿零壹万元整"),
    ("1010000", "壹佰零壹万元整"),
    ("30000.70", "叁万元零柒角整"),
]

EDGE_CASES = [
    ("0.01", "壹分"),
    ("0.10", "壹角整"),
    ("0.1", "壹角整"),
    ("0.34", "叁角肆分"),
    ("1.00", "壹元整"),
    ("1", "壹元整"),
    ("100.00", "壹佰元整"),
    ("1000.05", "壹仟元零伍分"),
    ("1680.04", "壹仟陆佰捌拾元零肆分"),
    ("100000.00", "壹拾万元整"),
    ("100005", "壹拾万零伍元整"),
    ("110", "壹佰壹拾元整"),
    ("1001", "壹仟零壹元整"),
    ("1010", "壹仟零壹拾元整"),
    ("100010", "壹拾万零壹拾元整"),
    ("12000000", "壹仟贰佰万元整"),
    ("100007000", "壹亿零柒仟元整"),
    ("120007000", "壹亿贰仟万柒仟元整"),
    ("101000000", "壹亿零壹佰万元整"),
    ("123456789012.34", "壹仟贰佰叁拾肆亿伍仟陆佰柒拾捌万玖仟零壹拾贰元叁角肆分"),
    ("999999999999.99", "玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分"),
    # ROUND_HALF_UP to 0.01 first
    ("0.005", "壹分"),
    ("0.004", "零元整"),
    ("2.665", "贰元陆角柒分"),
    ("999999999999.994", "玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分"),
    # negatives
    ("-1680.32", "负壹仟陆佰捌拾元零叁角贰分"),
    ("-0.50", "负伍角整"),
    ("-0.001", "零元整"),
    ("-0", "零元整"),
]


@pytest.mark.parametrize(("value", "expected"), PBOC_EXAMPLES + EDGE_CASES)
def test_rmb_upper(value: str, expected: str) -> None:
    assert fmt.rmb_upper(Decimal(value)) == expected


def test_rmb_upper_accepts_int() -> None:
    assert fmt.rmb_upper(1200000) == "壹佰贰拾万元整"  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "value",
    ["1000000000000", "999999999999.995", "-1000000000000", "1E+12", "1E+200", "NaN", "Infinity"],
)
def test_rmb_upper_out_of_range(value: str) -> None:
    with pytest.raises(ValueError):
        fmt.rmb_upper(Decimal(value))


@pytest.mark.parametrize("func", [fmt.rmb_upper, fmt.money, fmt.amount, fmt.number, fmt.percent])
@pytest.mark.parametrize("value", [0.1, 1200000.0, "1.00", True, None])
def test_inexact_input_raises_type_error(func: object, value: object) -> None:
    with pytest.raises(TypeError):
        func(value)  # type: ignore[operator]


# A decoder written independently of the encoder: it reads the 大写 back into a Decimal.
_DIGIT = {c: i for i, c in enumerate("零壹贰叁肆伍陆柒捌玖")}
_UNIT = {"拾": 10, "佰": 100, "仟": 1000}
_ALLOWED = set("零壹贰叁肆伍陆柒捌玖拾佰仟万亿元角分整负")


def _decode_section(text: str) -> int:
    total = digit = 0
    for ch in text:
        if ch in _DIGIT:
            digit = _DIGIT[ch]
        else:
            total += digit * _UNIT[ch]
            digit = 0
    return total + digit


def _decode_integer(text: str) -> int:
    total = 0
    for unit, scale in (("亿", 10**8), ("万", 10**4)):
        if unit in text:
            head, text = text.split(unit)
            assert head, f"{unit} without digits"
            total += _decode_section(head) * scale
    return total + _decode_section(text)


def decode_rmb(text: str) -> Decimal:
    sign = 1
    if text.startswith("负"):
        sign, text = -1, text[1:]
    yuan = 0
    if "元" in text:
        head, text = text.split("元")
        yuan = _decode_integer(head)
    text = text.removesuffix("整").removeprefix("零")
    cents = 0
    for unit, scale in (("角", 10), ("分", 1)):
        if unit in text:
            head, text = text.split(unit)
            assert len(head) == 1 and head != "零", f"bad {unit}: {head!r}"
            cents += _DIGIT[head] * scale
    assert text == "", f"left over: {text!r}"
    return sign * (Decimal(yuan) + Decimal(cents).scaleb(-2))


@pytest.mark.parametrize(("value", "text"), PBOC_EXAMPLES + EDGE_CASES[:21])
def test_decoder_reads_examples(value: str, text: str) -> None:
    assert decode_rmb(text) == Decimal(value)


cents_values = st.integers(min_value=0, max_value=10**14 - 1).map(lambda c: Decimal(c).scaleb(-2))


@given(cents_values, st.booleans())
def test_rmb_upper_round_trips(value: Decimal, negative: bool) -> None:
    if negative:
        value = -value
    text = fmt.rmb_upper(value)
    assert set(text) <= _ALLOWED
    assert text.endswith(("整", "分"))
    if text.endswith("整"):
        assert text.endswith(("元整", "角整"))
    assert decode_rmb(text) == value
    # canonical form: one 零 per gap, never before a unit, never leading
    assert "零零" not in text
    for unit in "元万亿整角分":
        assert "零" + unit not in text or text == "零元整"
    assert "负" not in text[1:]
    assert not text.lstrip("负").startswith("零") or text == "零元整"
    assert text.startswith("负") == (value < 0)
    if Decimal(1) <= abs(value) < 20 or 10**5 <= abs(value) < 2 * 10**5:
        assert "拾" not in text or "壹拾" in text  # a leading 1 in the tens is 壹拾


# ---------------------------------------------------------------- money and amount


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Decimal("1200000"), "1,200,000.00元"),
        (Decimal("1200000.00"), "1,200,000.00元"),
        (Decimal("-1000"), "-1,000.00元"),
        (Decimal("0"), "0.00元"),
        (Decimal("0.1"), "0.10元"),
        (Decimal("999.999"), "1,000.00元"),
        (Decimal("2.665"), "2.67元"),  # ROUND_HALF_UP; Babel's HALF_EVEN would give 2.66
        (Decimal("0.005"), "0.01元"),
        (Decimal("0.125"), "0.13元"),
        (Decimal("-0.001"), "0.00元"),  # no "-0.00"
        (Decimal("1E+3"), "1,000.00元"),
        (Decimal("1234567890123456.78"), "1,234,567,890,123,456.78元"),
        (Decimal("1E+30"), "1" + ",000" * 10 + ".00元"),
        (1200000, "1,200,000.00元"),
    ],
)
def test_money(value: Decimal, expected: str) -> None:
    assert fmt.money(value) == expected
    assert fmt.amount(value) == expected.removesuffix("元")


@pytest.mark.parametrize("value", ["NaN", "-Infinity", "1E+500"])
def test_money_rejects_non_finite_and_huge(value: str) -> None:
    with pytest.raises(ValueError):
        fmt.money(Decimal(value))


def _babel_amount(value: Decimal) -> str:
    """Format *value* as letters.formatting.amount did with Babel: round half up, then ``#,##0.00``."""
    from decimal import ROUND_HALF_UP, Context, localcontext

    from babel.numbers import format_decimal

    q = value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP, context=Context(prec=120))
    q = q.copy_abs() if q.is_zero() else q
    with localcontext(Context(prec=120, rounding=ROUND_HALF_UP)):
        return format_decimal(q, format="#,##0.00", locale="zh_CN", decimal_quantization=True)


money_values = st.one_of(
    st.integers(min_value=-(10**40), max_value=10**40).flatmap(
        lambda n: st.integers(min_value=-6, max_value=8).map(lambda e: Decimal(n).scaleb(-e))
    ),
    st.decimals(allow_nan=False, allow_infinity=False, min_value=-(10**15), max_value=10**15),
)


@given(money_values)
def test_amount_equals_babel_zh_cn(value: Decimal) -> None:
    """Check the ``,.2f`` fast path against Babel's zh_CN ``#,##0.00`` for many values."""
    assert fmt.amount(value) == _babel_amount(value)


def test_amount_equals_babel_on_a_grid() -> None:
    """Check every magnitude and sign, and the halves that ROUND_HALF_UP rounds away from zero."""
    values = [
        Decimal(sign * digits).scaleb(-shift)
        for sign in (1, -1)
        for digits in (0, 1, 5, 9, 10, 12345, 999999, 10**12 - 1, 10**25 + 5)
        for shift in range(-4, 6)
    ]
    for value in values:
        assert fmt.amount(value) == _babel_amount(value), value


# ---------------------------------------------------------------- date_cn


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (datetime.date(2026, 11, 22), "2026年11月22日"),
        (datetime.date(2027, 1, 1), "2027年1月1日"),
        (datetime.date(2026, 3, 5), "2026年3月5日"),
        (datetime.datetime(2026, 12, 31, 23, 59), "2026年12月31日"),
    ],
)
def test_date_cn(value: datetime.date, expected: str) -> None:
    assert fmt.date_cn(value) == expected


def test_date_cn_rejects_strings() -> None:
    with pytest.raises(TypeError):
        fmt.date_cn("2026-11-22")  # type: ignore[arg-type]


# ---------------------------------------------------------------- percent and number


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Decimal("0.3"), "0.3"),
        (Decimal("60"), "60"),
        (Decimal("0.50"), "0.5"),
        (Decimal("100"), "100"),
        (Decimal("100.00"), "100"),
        (Decimal("1E+2"), "100"),
        (Decimal("100").normalize(), "100"),
        (Decimal("99.990"), "99.99"),
        (Decimal("99.95"), "99.95"),
        (Decimal("0"), "0"),
        (Decimal("0.00"), "0"),
        (Decimal("-0.0"), "0"),
        (Decimal("1E-7"), "0.0000001"),
        (Decimal("43.8"), "43.8"),
        (Decimal("43.80"), "43.8"),
        (Decimal("8760"), "8760"),
        (Decimal("1234567"), "1234567"),  # no grouping
        (Decimal("-2.50"), "-2.5"),
        (8760, "8760"),
    ],
)
def test_number_and_percent(value: Decimal, expected: str) -> None:
    assert fmt.number(value) == expected
    assert fmt.percent(value) == expected + "%"


@pytest.mark.parametrize("func", [fmt.number, fmt.percent])
def test_number_rejects_nan(func: object) -> None:
    with pytest.raises(ValueError):
        func(Decimal("NaN"))  # type: ignore[operator]


# ---------------------------------------------------------------- count_cn and ordinal_cn


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (0, "零"),
        (1, "一"),
        (2, "两"),
        (3, "三"),
        (9, "九"),
        (10, "十"),
        (11, "十一"),
        (12, "十二"),
        (20, "二十"),
        (21, "二十一"),
        (22, "二十二"),
        (99, "九十九"),
        (100, "一百"),
        (101, "一百零一"),
        (110, "一百一十"),
        (112, "一百一十二"),
        (120, "一百二十"),
        (200, "二百"),
        (202, "二百零二"),
        (999, "九百九十九"),
    ],
)
def test_count_cn(n: int, expected: str) -> None:
    assert fmt.count_cn(n) == expected


@pytest.mark.parametrize(
    ("n", "expected"),
    [(1, "一"), (2, "二"), (3, "三"), (10, "十"), (11, "十一"), (12, "十二"), (20, "二十"),
     (21, "二十一"), (99, "九十九")],
)  # fmt: skip
def test_ordinal_cn(n: int, expected: str) -> None:
    assert fmt.ordinal_cn(n) == expected


@pytest.mark.parametrize(("func", "n"), [(fmt.count_cn, -1), (fmt.count_cn, 1000),
                                         (fmt.ordinal_cn, 0), (fmt.ordinal_cn, 100)])  # fmt: skip
def test_small_numerals_out_of_range(func: object, n: int) -> None:
    with pytest.raises(ValueError):
        func(n)  # type: ignore[operator]


@pytest.mark.parametrize("func", [fmt.count_cn, fmt.ordinal_cn])
@pytest.mark.parametrize("n", [True, 2.0, Decimal("2"), "2"])
def test_small_numerals_need_int(func: object, n: object) -> None:
    with pytest.raises(TypeError):
        func(n)  # type: ignore[operator]


# ---------------------------------------------------------------- full_width


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("你好,世界", "你好，世界"),
        ("你好, 世界", "你好，世界"),
        ("甲方;乙方", "甲方；乙方"),
        ("承诺如下:", "承诺如下："),
        ("是否达标?", "是否达标？"),
        ("特此承诺!", "特此承诺！"),
        ("甲方(以下简称“甲方”)", "甲方（以下简称“甲方”）"),
        ("通过认证(ISO 9001)。", "通过认证（ISO 9001）。"),
        ("ISO 9001 (第三版)", "ISO 9001（第三版）"),
        ("(1)服务可用性", "（1）服务可用性"),
        ("  (1)服务", "  （1）服务"),  # indentation kept
        ("如下:(1)服务", "如下：（1）服务"),
        ("“ABC”,以及", "“ABC”，以及"),
        ("时间: 9:00", "时间：9:00"),
        ("符合ISO/IEC 20000-1:2018标准", "符合ISO/IEC 20000-1:2018标准"),
        ("ISO/IEC 20000-1:2018", "ISO/IEC 20000-1:2018"),
        ("每日9:00至18:00", "每日9:00至18:00"),
        ("金额为1,200,000.00元", "金额为1,200,000.00元"),
        ("网址:https://example.com/a?b=1&c=2,谢谢", "网址：https://example.com/a?b=1&c=2，谢谢"),
        ("见(https://example.com/x)", "见（https://example.com/x）"),
        ("Hello, world! (ok?)", "Hello, world! (ok?)"),
        ("party: 标签 | 名称", "party: 标签 | 名称"),
        ("转义\\(甲\\)", "转义\\(甲\\)"),
        ("第一行,\n第二行", "第一行，\n第二行"),
        ("结尾,  \n", "结尾，  \n"),  # trailing blanks (a Markdown hard break) kept
        ("结果)。", "结果）。"),
        ("::中", ":：中"),
        ("认证（ISO）,and", "认证（ISO）,and"),  # full-width punctuation is not CJK
        ("", ""),
        ("中文", "中文"),
    ],
)
def test_full_width(text: str, expected: str) -> None:
    assert fmt.full_width(text) == expected


@given(st.text(alphabet=st.characters(max_codepoint=127)))
def test_full_width_leaves_ascii_alone(text: str) -> None:
    assert fmt.full_width(text) == text


@given(st.text(alphabet="中文,;:?!() a1\n"))
def test_full_width_is_idempotent_and_only_changes_marks(text: str) -> None:
    once = fmt.full_width(text)
    assert fmt.full_width(once) == once
    table = str.maketrans("，；：？！（）", ",;:?!()")
    assert once.translate(table).replace(" ", "") == text.replace(" ", "")


# ---------------------------------------------------------------- import cost


def _python(code: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )


def test_import_does_not_load_babel() -> None:
    code = (
        "import sys\n"
        "import letters.formatting\n"
        "assert 'babel' not in sys.modules, 'babel imported at module import'\n"
        "assert 'cn2an' not in sys.modules\n"
        "from decimal import Decimal\n"
        "assert letters.formatting.money(Decimal('1')) == '1.00元'\n"
        "assert 'babel' not in sys.modules, 'money formatting needs no Babel'\n"
    )
    result = _python(code)
    assert result.returncode == 0, result.stderr


def test_module_alone_imports_only_decimal() -> None:
    """Load formatting.py by itself, so the check does not depend on the rest of the package."""
    code = (
        "import importlib.util, sys\n"
        "before = set(sys.modules)\n"
        f"spec = importlib.util.spec_from_file_location('fmt_alone', {str(ROOT / 'letters' / 'formatting.py')!r})\n"
        "mod = importlib.util.module_from_spec(spec)\n"
        "spec.loader.exec_module(mod)\n"
        "new = {m.split('.')[0] for m in set(sys.modules) - before}\n"
        # only the standard library (what it pulls in varies with the interpreter's start-up)
        "assert new - {'fmt_alone'} <= set(sys.stdlib_module_names), new\n"
        "assert not new & {'babel', 'cn2an', 'letters', 'jinja2', 'yaml'}, new\n"
    )
    result = _python(code)
    assert result.returncode == 0, result.stderr
