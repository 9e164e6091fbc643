"""Number parsing: Arabic/Chinese numerals, units, placeholders kept apart from 0, precision intervals."""

from __future__ import annotations

from decimal import Decimal

import pytest

from gkreview.numbers import format_interval, interval_sum, intervals_meet, parse_cn_int, parse_number, parse_year_token


@pytest.mark.parametrize(("text", "value"), [
    ("3119", 3119), ("3,119", 3119), ("３１１９", 3119), ("1 234", 1234), ("-8", -8), ("－8", -8), ("+3", 3),
    ("96171.6", Decimal("96171.6")), ("十二", 12), ("两", 2), ("二〇一九", 2019), ("一百二十三", 123),
    ("两千零五", 2005), ("12件", 12), ("50%", 50), ("300元", 300),
])
def test_numbers_parse(text: str, value: object) -> None:
    n = parse_number(text)
    assert n.kind == "number"
    assert n.value == Decimal(str(value))


@pytest.mark.parametrize("text", ["/", "／", "-", "—", "－", "——", "无", "不适用"])
def test_placeholders_are_not_zero(text: str) -> None:
    n = parse_number(text)
    assert n.kind == "placeholder" and n.value is None and not n.is_number


def test_blank_and_garbage() -> None:
    assert parse_number("").kind == "blank"
    assert parse_number("  ").kind == "blank"
    assert parse_number("见附件").kind == "invalid"
    assert parse_number("0").kind == "number" and parse_number("0").value == 0


def test_units_scale_and_precision() -> None:
    n = parse_number("12.3万元")
    assert n.unit == "元" and n.value == Decimal("123000")
    assert (n.low, n.high) == (Decimal("122500"), Decimal("123500"))
    exact = parse_number("447228")
    assert exact.is_exact and exact.low == exact.high == 447228
    dec = parse_number("7730.28")
    assert not dec.is_exact and dec.low < Decimal("7730.28") < dec.high and not dec.is_integer


def test_interval_arithmetic_follows_calc_1_1() -> None:
    parts = [parse_number("1.2万"), parse_number("0.3万")]
    total = interval_sum(parts)
    assert total is not None
    assert intervals_meet(total, (Decimal(15000), Decimal(15000)))
    assert intervals_meet(total, (Decimal(15900), Decimal(15900)))  # within the rounding of the parts
    assert not intervals_meet(total, (Decimal(17000), Decimal(17000)))
    assert interval_sum([parse_number("1"), parse_number("/")]) is None
    assert format_interval(Decimal(3), Decimal(3)) == "3"


def test_cn_int_and_year_token() -> None:
    assert parse_cn_int("十") == 10 and parse_cn_int("二十八") == 28 and parse_cn_int("abc") is None
    assert parse_year_token("二〇一七") == 2017 and parse_year_token("1800") is None
