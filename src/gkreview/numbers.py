"""Number parsing for Chinese reports.

Table cells and prose use Arabic digits (half- or full-width, with thousands
separators), decimals, signed values (the 2019 ``本年增/减`` column), Chinese
numerals (``十二``, ``二〇一九``, ``两``) and multipliers/units (``万``, ``亿``,
``元``, ``万元``, ``件``, ``%``). Placeholders (``/ - — － 无 不适用``) and blanks are
kept apart from 0 (domain §2.7 D3): a sum that touches one is *unknown*, not zero.

A :class:`Number` carries its precision as an interval, following the Arelle
Calculation 1.1 rule: ``12.3万`` stands for any value in [122 500, 123 500), so a
computed total disagrees with a printed one only when the intervals do not meet.
Integers are exact. Kept dependency-free so segmentation and year detection can use
it early.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Literal

CN_DIGITS: dict[str, int] = {
    "〇": 0, "○": 0, "零": 0, "0": 0, "O": 0, "o": 0,
    "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
}
CN_SMALL_UNITS: dict[str, int] = {"十": 10, "百": 100, "千": 1000}
CN_BIG_UNITS: dict[str, int] = {"万": 10_000, "亿": 100_000_000}

# What a cell may print instead of a number (after NFKC and dash folding).
PLACEHOLDERS: frozenset[str] = frozenset({
    "/", "\\", "-", "--", "---", "—", "——", "－", "─", "无", "不适用", "暂无", "空", "N/A", "n/a", "NA", "×", "*",
})
# Units: multiplier words and the base unit they leave.
UNIT_WORDS: tuple[tuple[str, Decimal, str | None], ...] = (
    ("亿元", Decimal(100_000_000), "元"), ("万元", Decimal(10_000), "元"), ("元", Decimal(1), "元"),
    ("亿", Decimal(100_000_000), None), ("万", Decimal(10_000), None),
    ("人次", Decimal(1), "人次"), ("件", Decimal(1), "件"), ("条", Decimal(1), "条"), ("个", Decimal(1), "个"),
    ("%", Decimal(1), "%"), ("次", Decimal(1), "次"), ("篇", Decimal(1), "篇"), ("项", Decimal(1), "项"),
)

NumberKind = Literal["number", "blank", "placeholder", "invalid"]

_DASH_FOLD = str.maketrans({"\u2014": "-", "\u2013": "-", "\u2212": "-", "\u2012": "-", "\u2015": "-",
                            "\uff0d": "-", "\u2010": "-", "\u2011": "-", "\ufe63": "-", "\ufe58": "-"})
_ARABIC_RE = re.compile(r"^([+-]?)(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?$")
_CN_NUM_RE = re.compile(r"^[零〇○一二两三四五六七八九十百千万亿]+$")
_WS_RE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Number:
    """A parsed value as printed.

    ``kind`` tells numbers from blanks, placeholders and unparseable text;
    ``value`` is the scaled value (``12.3万`` → 123000) and ``low``/``high`` the
    interval it stands for (equal for exact integers); ``decimals`` counts printed
    decimal places; ``unit`` is the base unit left after scaling (``元``, ``件``,
    ``%``) when one was printed.
    """

    text: str
    kind: NumberKind
    value: Decimal | None = None
    low: Decimal | None = None
    high: Decimal | None = None
    decimals: int = 0
    unit: str | None = None
    integral: bool = False
    exact_int: int | None = None  # the value as an int when printed as an exact integer (fast sums)
    json: int | float | str | None = field(default=None, compare=False)  # as_json(), computed once per value

    def __post_init__(self) -> None:
        object.__setattr__(self, "json", self._json())

    @property
    def is_number(self) -> bool:
        """True for a real number (not blank, placeholder or garbage)."""
        return self.kind == "number"

    @property
    def is_exact(self) -> bool:
        """True when the interval is a single point (integers, unscaled)."""
        return self.is_number and self.low == self.high

    @property
    def is_integer(self) -> bool:
        """True when the value has no fractional part (set at parse time: checks ask this a lot)."""
        return self.integral

    def as_json(self) -> int | float | str | None:
        """Compact JSON form: ints stay ints, decimals become floats, others their text (blank → None)."""
        return self.json

    def _json(self) -> int | float | str | None:
        if self.kind == "number" and self.value is not None:
            return int(self.value) if self.integral else float(self.value)
        if self.kind == "blank":
            return None
        return self.text

    def __str__(self) -> str:
        return self.text


BLANK = Number("", "blank")


def _clean(text: str) -> str:
    """NFKC, dash folding and whitespace removal (a cell may print ``1 234`` or ``总 计``)."""
    s = unicodedata.normalize("NFKC", text).translate(_DASH_FOLD)
    return _WS_RE.sub("", s)


def parse_cn_int(token: str) -> int | None:
    """Chinese numerals to an integer: ``十二`` → 12, ``两千零五`` → 2005, ``二〇一九`` → 2019.

    >>> parse_cn_int("一百二十三")
    123
    >>> parse_cn_int("二〇一九")
    2019
    >>> parse_cn_int("十")
    10
    """
    if not token or not _CN_NUM_RE.match(token):
        return None
    if not any(ch in CN_SMALL_UNITS or ch in CN_BIG_UNITS for ch in token):
        digits = [CN_DIGITS.get(ch) for ch in token]
        if any(d is None for d in digits):
            return None
        return int("".join(str(d) for d in digits))
    total = section = 0
    digit: int | None = None
    for ch in token:
        if ch in CN_DIGITS:
            digit = CN_DIGITS[ch]
        elif ch in CN_SMALL_UNITS:
            section += (1 if digit is None else digit) * CN_SMALL_UNITS[ch]
            digit = None
        elif ch in CN_BIG_UNITS:
            section += digit or 0
            total += max(section, 1) * CN_BIG_UNITS[ch]
            section, digit = 0, None
        else:
            return None
    return total + section + (digit or 0)


def _split_unit(s: str) -> tuple[str, Decimal, str | None]:
    """Strip one trailing unit word: (rest, multiplier, base unit)."""
    for word, mult, base in UNIT_WORDS:
        if s.endswith(word) and len(s) > len(word):
            return s[: -len(word)], mult, base
    return s, Decimal(1), None


@lru_cache(maxsize=65536)
def parse_number(text: str | None) -> Number:
    """Parse one printed value (a table cell or a prose token). Cached: cells repeat (``0``, ``1``, ``/``).

    >>> parse_number("1,234").value
    Decimal('1234')
    >>> parse_number("12.3万").low, parse_number("12.3万").high
    (Decimal('122500.0'), Decimal('123500.0'))
    >>> parse_number("／").kind, parse_number("").kind, parse_number("0").kind
    ('placeholder', 'blank', 'number')
    >>> parse_number("-8").value
    Decimal('-8')
    """
    if text is None:
        return BLANK
    if text.isdigit() and text.isascii():  # the common cell "0", "12", "3119": what the full path gives, directly
        v = Decimal(text)
        return Number(text, "number", v, v, v, 0, None, True, int(text))
    raw = text
    s = _clean(text)
    if not s:
        return Number(raw, "blank")
    if s in PLACEHOLDERS or set(s) <= {"-", "/"}:
        return Number(raw, "placeholder")
    body, mult, unit = _split_unit(s)
    m = _ARABIC_RE.match(body)
    if m:
        sign, whole, frac = m.groups()
        digits = whole.replace(",", "")
        try:
            value = Decimal(f"{sign}{digits}.{frac}") if frac else Decimal(f"{sign}{digits}")
        except InvalidOperation:
            return Number(raw, "invalid")
        decimals = len(frac) if frac else 0
        return _scaled(raw, value, decimals, mult, unit)
    cn = parse_cn_int(body)
    if cn is not None:
        return _scaled(raw, Decimal(cn), 0, mult, unit)
    return Number(raw, "invalid")


def _scaled(raw: str, value: Decimal, decimals: int, mult: Decimal, unit: str | None) -> Number:
    """Apply a 万/亿 multiplier and derive the precision interval.

    Exact when printed as an integer without multiplier; otherwise the last
    printed digit is worth ``10^-decimals × multiplier`` and the interval is half
    of that on each side (Arelle Calc 1.1 "decimals" inference).
    """
    scaled = value * mult
    integral = scaled == scaled.to_integral_value()
    if decimals == 0 and mult == 1:
        return Number(raw, "number", scaled, scaled, scaled, 0, unit, integral, int(scaled) if integral else None)
    half = (Decimal(1).scaleb(-decimals) * mult) / 2
    return Number(raw, "number", scaled, scaled - half, scaled + half, decimals, unit, integral)


def interval_sum(numbers: list[Number]) -> tuple[Decimal, Decimal] | None:
    """Interval of the sum of numbers, or None when any of them is not a number."""
    if any(not n.is_number for n in numbers):
        return None
    low = sum((n.low for n in numbers if n.low is not None), Decimal(0))
    high = sum((n.high for n in numbers if n.high is not None), Decimal(0))
    return low, high


def intervals_meet(a: tuple[Decimal, Decimal], b: tuple[Decimal, Decimal]) -> bool:
    """True when two closed intervals overlap (the Calc 1.1 consistency test)."""
    return a[0] <= b[1] and b[0] <= a[1]


def format_decimal(value: Decimal | None) -> str:
    """A value as people write it: ``3119``, ``96171.6`` (no exponent, no trailing zeros)."""
    if value is None:
        return ""
    if value == value.to_integral_value():
        return str(int(value))
    return format(value.normalize(), "f")


def format_interval(low: Decimal, high: Decimal) -> str:
    """``3119`` for a point, ``[122950, 123050]`` for a range."""
    if low == high:
        return format_decimal(low)
    return f"[{format_decimal(low)}, {format_decimal(high)}]"


def parse_year_token(token: str) -> int | None:
    """``2017`` or ``二〇一七`` (digit by digit) → 2017; None when it is not a year.

    >>> parse_year_token("二〇一七")
    2017
    >>> parse_year_token("2009")
    2009
    """
    token = token.strip().rstrip("年")
    if token.isdigit():
        value = int(token)
    else:
        digits = [CN_DIGITS.get(ch) for ch in token]
        if any(d is None for d in digits) or not digits:
            return None
        value = int("".join(str(d) for d in digits))
    return value if 1949 <= value <= 2100 else None
