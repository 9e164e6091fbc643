"""Number parsing for Chinese reports (extended by the number checker).

Kept dependency-free so that segmentation and year detection can use it early.
"""

from __future__ import annotations

CN_DIGITS: dict[str, int] = {
    "〇": 0, "○": 0, "零": 0, "0": 0, "O": 0, "o": 0,
    "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
}


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
