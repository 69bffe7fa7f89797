"""Format numbers, money, dates and punctuation for Chinese legal letters.

Every function here is pure and takes exact values: money, percentages and hours are
:class:`decimal.Decimal` (a plain ``int`` is accepted too, being exact); a ``float`` (or a
``bool``) raises :class:`TypeError`, and a NaN or infinity raises :class:`ValueError`.

Importing this module only needs :mod:`decimal`; :mod:`re` (for :func:`full_width`) is loaded
on first use, so ``import letters.formatting`` stays cheap.  Amounts are grouped as Babel's zh_CN
``#,##0.00`` pattern does, without loading Babel (see :func:`amount`).

Money and 人民币大写
--------------------
Amounts are first quantised to 0.01 with ``ROUND_HALF_UP`` (``0.005`` → ``0.01``), never
``ROUND_HALF_EVEN`` (Babel's default), and a value that rounds to zero loses its sign.

:func:`rmb_upper` follows 中国人民银行《支付结算办法》附一《正确填写票据和结算凭证的基本规定》.
Where those rules allow a choice, this module picks one and sticks to it:

* ``元`` position 0 with 角/分 after a non-zero higher part: write ``零`` after ``元``
  (1,680.32 → 壹仟陆佰捌拾元零叁角贰分, 107,000.53 → 壹拾万柒仟元零伍角叁分,
  30,000.70 → 叁万元零柒角整); 角 0 and 分 not 0: also ``元零`` (325.04 → 叁佰贰拾伍元零肆分).
  In both cases exactly one ``零``.
* Ends with 角: always ``角整`` (1,409.50 → 壹仟肆佰零玖元伍角整); ends with 分: no ``整``;
  no 角分: ``元整``.
* A run of zeros inside the integer part is one ``零``, also across 万/亿
  (1,000,010,000 → 壹拾亿零壹万元整, 10,005 → 壹万零伍元整); trailing zeros write nothing.
* A leading 1 in the tens place is ``壹拾`` (10 → 壹拾元整, 100,000 → 壹拾万元整).
* Less than one yuan has no ``零元`` prefix (0.04 → 肆分, 0.10 → 壹角整); 0 → 零元整.
* Negative amounts are prefixed ``负``; the range is ``|value| < 10**12`` (up to 9999亿…),
  checked after rounding, beyond which :class:`ValueError` is raised.

The conversion is written here rather than taken from ``cn2an`` (0.5.24): ``cn2an.an2cn(x,
"rmb")`` fails 4 of the 14 reference examples (it omits the ``零`` after a ``元`` whose units
digit is 0 — 1,680.32 → 壹仟陆佰捌拾元叁角贰分 — and the ``整`` after ``角`` — 30,000.70 →
叁万元柒角) and its import takes about 75 ms, against a budget of 10 ms.

Small numbers in prose
----------------------
:func:`count_cn` writes counts (``连续三个季度``): 2 alone is ``两`` (两个), but inside a larger
number the digit is ``二`` (十二, 二十, 二百 — the formal written form). :func:`ordinal_cn`
numbers sections (一、二、…), where 2 is ``二``.
"""

from __future__ import annotations

import functools
from decimal import ROUND_HALF_UP, Context, Decimal, InvalidOperation
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import datetime
    import re

__all__ = [
    "amount",
    "count_cn",
    "date_cn",
    "full_width",
    "money",
    "number",
    "ordinal_cn",
    "percent",
    "rmb_upper",
]

_CENT = Decimal("0.01")
_RMB_LIMIT = 10**12  # 壹万亿: rmb_upper writes amounts strictly below this
# Quantising only needs enough precision for the digits of a (bounded) amount; 120 digits is
# far beyond any real amount and independent of whatever context the caller has set.
_CTX = Context(prec=120, rounding=ROUND_HALF_UP)

_UPPER = "零壹贰叁肆伍陆柒捌玖"
_UPPER_UNITS = ("仟", "佰", "拾", "")
_UPPER_SECTIONS = ("亿", "万", "")
_LOWER = "零一二三四五六七八九"


# ---------------------------------------------------------------- input checking


def _exact(value: object, what: str) -> Decimal:
    """Return *value* as a finite Decimal, refusing floats, bools and other types."""
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, int) and not isinstance(value, bool):
        result = Decimal(value)
    elif isinstance(value, float):
        raise TypeError(f"{what}必须是 Decimal，不能是 float（{value!r}）：浮点数会丢失精度")
    else:
        raise TypeError(f"{what}必须是 Decimal，而不是 {type(value).__name__}（{value!r}）")
    if not result.is_finite():
        raise ValueError(f"{what}必须是有限的数，而不是 {value}")
    return result


def _cents(value: object, what: str = "金额") -> Decimal:
    """Return *value* quantised to 0.01 with ROUND_HALF_UP; a rounded zero loses its sign."""
    exact = _exact(value, what)
    try:
        q = exact.quantize(_CENT, rounding=ROUND_HALF_UP, context=_CTX)
    except InvalidOperation:
        raise ValueError(f"{what}过大，无法格式化：{value}") from None
    return q.copy_abs() if q.is_zero() else q


def _count(n: object, what: str) -> int:
    """Return *n* if it is a plain int (not a bool), else raise TypeError."""
    if isinstance(n, bool) or not isinstance(n, int):
        raise TypeError(f"{what}必须是 int，而不是 {type(n).__name__}（{n!r}）")
    return n


# ---------------------------------------------------------------- money


def amount(value: Decimal) -> str:
    """Return *value* with grouping commas and exactly two decimals: ``1,200,000.00``.

    The value is rounded to 0.01 with ROUND_HALF_UP first.  Formatting the rounded Decimal with
    ``,.2f`` (exact, whatever the current decimal context) gives what Babel's ``#,##0.00`` gives
    for zh_CN (grouping by three with ``,``, decimal point ``.``, minus ``-``) at a tenth of the
    cost; ``tests/test_formatting.py`` checks the two agree.
    """
    return f"{_cents(value):,.2f}"


def money(value: Decimal) -> str:
    """Return *value* as an amount in yuan: ``1,200,000.00元``, ``-1,000.00元``."""
    return amount(value) + "元"


def _upper_integer(n: int) -> str:
    """Return the 大写 of the whole-yuan part ``0 < n < 10**12`` (without 元)."""
    digits = f"{n:012d}"
    out: list[str] = []
    zero = False  # a zero that needs a 零 has been passed since the last digit written
    for g, section_unit in enumerate(_UPPER_SECTIONS):
        section = digits[4 * g : 4 * g + 4]
        if section == "0000":
            zero = zero or bool(out)
            continue
        for k, ch in enumerate(section):
            if ch == "0":
                zero = zero or bool(out)
                continue
            if zero:
                out.append("零")
                zero = False
            out.append(_UPPER[int(ch)] + _UPPER_UNITS[k])
        out.append(section_unit)
        zero = False  # zeros closing a section are absorbed by its 万/亿: 壹拾万柒仟
    return "".join(out)


def rmb_upper(value: Decimal) -> str:
    """Return the 人民币大写 of *value*: ``壹仟陆佰捌拾元零叁角贰分``, ``壹佰贰拾万元整``.

    Rounds to 0.01 with ROUND_HALF_UP first; negative amounts are prefixed ``负``; raises
    ValueError unless ``|value| < 10**12`` after rounding.  See the module docstring for the
    PBOC conventions chosen.
    """
    q = _cents(value)
    if q.copy_abs() >= _RMB_LIMIT:
        raise ValueError(f"金额 {value} 超出大写范围（须小于 10^12，即最大 9999亿…）")
    if q.is_zero():
        return "零元整"
    sign = "负" if q.is_signed() else ""
    cents = int(q.copy_abs().scaleb(2))
    yuan, rest = divmod(cents, 100)
    jiao, fen = divmod(rest, 10)

    parts = [sign]
    if yuan:
        parts.append(_upper_integer(yuan) + "元")
        if not rest:
            return "".join(parts) + "整"
        if yuan % 10 == 0 or jiao == 0:
            parts.append("零")
    if jiao:
        parts.append(_UPPER[jiao] + "角")
    parts.append(_UPPER[fen] + "分" if fen else "整")
    return "".join(parts)


# ---------------------------------------------------------------- dates and plain numbers


def date_cn(d: datetime.date) -> str:
    """Return *d* as a Chinese date without zero padding: ``2027年1月1日``."""
    import datetime as _dt

    if not isinstance(d, _dt.date):
        raise TypeError(f"日期必须是 datetime.date，而不是 {type(d).__name__}（{d!r}）")
    return f"{d.year}年{d.month}月{d.day}日"


def number(value: Decimal) -> str:
    """Return *value* in plain notation without grouping or trailing zeros: ``43.8``, ``8760``.

    Never uses an exponent: ``Decimal("1E+2")`` gives ``100``.
    """
    d = _exact(value, "数值")
    if d.is_zero():
        return "0"
    text = format(d, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def percent(value: Decimal) -> str:
    """Return *value* (the number written before %) as a percentage: ``0.3%``, ``100%``."""
    return number(value) + "%"


# ---------------------------------------------------------------- small Chinese numerals


def _lower(n: int) -> str:
    """Return ``0 <= n <= 999`` in lower-case Chinese numerals with 二 for 2."""
    if n < 10:
        return _LOWER[n]
    hundreds, rest = divmod(n, 100)
    tens, units = divmod(rest, 10)
    out = _LOWER[hundreds] + "百" if hundreds else ""
    if tens:
        if hundreds or tens != 1:  # 十二, but 一百一十二
            out += _LOWER[tens]
        out += "十"
    elif hundreds and units:
        out += "零"
    if units:
        out += _LOWER[units]
    return out


def count_cn(n: int) -> str:
    """Return the count *n* (0–999) in Chinese numerals for prose: 三, 两 (for 2 alone), 十二.

    2 alone is ``两`` (两个季度); inside a larger number the digit is ``二`` (十二, 二十, 二百).
    """
    n = _count(n, "数量")
    if not 0 <= n <= 999:
        raise ValueError(f"数量 {n} 超出范围（0–999）")
    return "两" if n == 2 else _lower(n)


def ordinal_cn(n: int) -> str:
    """Return the section number *n* (1–99) in Chinese numerals: 一, 二, 十一, 二十."""
    n = _count(n, "序号")
    if not 1 <= n <= 99:
        raise ValueError(f"序号 {n} 超出范围（1–99）")
    return _lower(n)


# ---------------------------------------------------------------- full-width punctuation

_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}
_BLANKS = " \t"


def _is_cjk(ch: str) -> bool:
    """Return whether *ch* is a CJK ideograph or kana (not punctuation: that keeps it idempotent)."""
    o = ord(ch)
    return (
        0x3005 <= o <= 0x3007  # 々〆〇
        or 0x3040 <= o <= 0x30FF  # hiragana, katakana
        or 0x3400 <= o <= 0x4DBF  # extension A
        or 0x4E00 <= o <= 0x9FFF  # unified ideographs
        or 0xF900 <= o <= 0xFAFF  # compatibility ideographs
        or 0x20000 <= o <= 0x3134F  # extensions B–G
    )


@functools.cache
def _url_re() -> re.Pattern[str]:
    """Compile the pattern of URLs (``scheme://…``), which full_width leaves alone."""
    import re

    # ASCII only, and not ending in punctuation: "见https://a.com，" or "(https://a.com)".
    return re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://[!-~]*[A-Za-z0-9/#=&_~%+-]")


def full_width(text: str) -> str:
    """Convert ``, ; : ? ! ( )`` to ``，；：？！（）`` where they touch a CJK character.

    A mark is converted when the character right before or right after it is CJK (a Chinese
    character or kana; punctuation such as ``。`` or ``，`` does not count, so converting twice
    changes nothing more); a matched pair of parentheses is converted
    together when either mark touches CJK or the text between them contains CJK.  Spaces and
    tabs between a converted mark and text on the same line are dropped (the full-width mark
    carries its own spacing).  Marks inside URLs and marks escaped with a backslash are left
    alone, so ``ISO/IEC 20000-1:2018``, ``9:00``, ``1,200,000.00`` and ASCII-only text never
    change.  Meant for prose, not for rendered markup lines.
    """
    if not isinstance(text, str):
        raise TypeError(f"文本必须是 str，而不是 {type(text).__name__}")
    if text.isascii():
        return text
    n = len(text)
    skip = bytearray(n)  # 1 where a mark must stay as it is
    for m in _url_re().finditer(text):
        skip[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
    for i in range(1, n):
        if text[i - 1] == "\\":
            skip[i] = 1

    def touches(i: int) -> bool:
        return (i > 0 and _is_cjk(text[i - 1])) or (i + 1 < n and _is_cjk(text[i + 1]))

    convert: set[int] = set()
    opened: list[int] = []
    for i, ch in enumerate(text):
        if ch not in _FULL or skip[i]:
            continue
        if ch == "(":
            opened.append(i)
        elif ch == ")" and opened:
            j = opened.pop()
            if touches(i) or touches(j) or any(_is_cjk(c) for c in text[j + 1 : i]):
                convert.update((j, i))
        elif touches(i):
            convert.add(i)
    convert.update(j for j in opened if touches(j))
    if not convert:
        return text

    drop: set[int] = set()
    for i in convert:
        k = i - 1
        while k >= 0 and text[k] in _BLANKS:
            k -= 1
        if k >= 0 and text[k] not in "\r\n":  # keep indentation at the start of a line
            drop.update(range(k + 1, i))
        k = i + 1
        while k < n and text[k] in _BLANKS:
            k += 1
        if k < n and text[k] not in "\r\n":  # keep blanks at the end of a line
            drop.update(range(i + 1, k))
    return "".join(_FULL[ch] if i in convert else ch for i, ch in enumerate(text) if i not in drop)


def display_width(text: str) -> int:
    """Return the width of *text* in half-width cells: a wide or full-width character (Chinese,
    ，。) takes two, every other one."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
