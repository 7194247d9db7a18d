"""Exact numbers: normalisation of printed figures, amounts as Decimal, rounding intervals.

Every displayed figure is rounded: a value printed with d decimals stands for the interval
[v − 0.5·10^-d, v + 0.5·10^-d]. :class:`Interval` carries that interval through sums and ratios so a
recomputed figure is judged against what its rounded inputs allow, never against a fixed epsilon.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation, localcontext

import regex as re

# Full-width digits and the few full-width signs that belong to numbers. "，" is deliberately absent:
# it is a clause separator in prose, never a decimal or thousands separator.
_FULLWIDTH = str.maketrans(
    {**{chr(0xFF10 + i): str(i) for i in range(10)}, "％": "%", "．": ".", "－": "-", "＋": "+", "\u3000": " "}
)


def normalize(text: str) -> str:
    """Full-width digits, ％ and ． to ASCII; nothing else (not NFKC: "，" stays a comma)."""
    return text.translate(_FULLWIDTH)


_AMOUNT_RE = re.compile(r"^[-−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")


def parse_amount(text: str | None) -> Decimal | None:
    """A printed table amount ("1,511.90", "0", "-3.20", "") → Decimal, or None for a blank cell.

    Raises ValueError on anything that is not a number (callers decide whether that is a label).
    """
    if text is None:
        return None
    t = normalize(text).replace(" ", "").replace("\n", "").replace("−", "-")
    if t in ("", "-", "—", "--", "－"):
        return None
    if not _AMOUNT_RE.match(t):
        raise ValueError(f"not an amount: {text!r}")
    try:
        return Decimal(t.replace(",", ""))
    except InvalidOperation as exc:  # pragma: no cover - regex guards this
        raise ValueError(f"not an amount: {text!r}") from exc


def is_amount(text: str | None) -> bool:
    try:
        return parse_amount(text) is not None
    except ValueError:
        return False


def decimals_of(value: Decimal) -> int:
    exp = value.as_tuple().exponent
    return -exp if isinstance(exp, int) and exp < 0 else 0


def half_ulp(value: Decimal) -> Decimal:
    """Half a unit of the last displayed digit: the rounding radius of a printed figure."""
    return Decimal(5).scaleb(-decimals_of(value) - 1)


def round_to(value: Decimal, places: int) -> Decimal:
    """``value`` rounded half up to ``places`` decimals, exactly however many digits it has (the default context's
    28 digits made quantize fail on a figure of 27+ digits: a fuzzed text's ratio of two huge figures)."""
    digits = value.adjusted() + places + 2 if value.is_finite() and value else 0
    with localcontext() as ctx:
        ctx.prec = max(ctx.prec, digits)
        return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Interval:
    """A closed interval of exact values: what a rounded figure (or a computation on them) may be."""

    lo: Decimal
    hi: Decimal

    @classmethod
    def of(cls, value: Decimal, exact: bool = False) -> Interval:
        """The interval a displayed value stands for (exact=True: no rounding, e.g. a count)."""
        if exact:
            return cls(value, value)
        r = half_ulp(value)
        return cls(value - r, value + r)

    @classmethod
    def point(cls, value: Decimal) -> Interval:
        return cls(value, value)

    def __add__(self, other: Interval) -> Interval:
        return Interval(self.lo + other.lo, self.hi + other.hi)

    def __sub__(self, other: Interval) -> Interval:
        return Interval(self.lo - other.hi, self.hi - other.lo)

    def scale(self, k: Decimal) -> Interval:
        a, b = self.lo * k, self.hi * k
        return Interval(min(a, b), max(a, b))

    def __truediv__(self, other: Interval) -> Interval | None:
        """Quotient interval; None when the divisor interval contains zero (ratio undefined)."""
        if other.lo <= 0 <= other.hi:
            return None
        cands = [self.lo / other.lo, self.lo / other.hi, self.hi / other.lo, self.hi / other.hi]
        return Interval(min(cands), max(cands))

    def contains(self, value: Decimal) -> bool:
        return self.lo <= value <= self.hi

    def overlaps(self, other: Interval) -> bool:
        return self.lo <= other.hi and other.lo <= self.hi

    @property
    def mid(self) -> Decimal:
        return (self.lo + self.hi) / 2


def interval_sum(values: list[Decimal]) -> Interval:
    total = Interval.point(Decimal(0))
    for v in values:
        total = total + Interval.of(v)
    return total


def fmt_amount(value: Decimal | None, places: int = 2) -> str:
    if value is None:
        return "—"
    return f"{round_to(value, places):,.{places}f}".replace(",", "") if places else str(value)


def fmt_percent(value: Decimal, places: int = 2) -> str:
    return f"{round_to(value, places):.{places}f}%"


# ---- Chinese numerals ------------------------------------------------------------------------

_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000, "万": 10000}
CN_NUMERAL_CHARS = "".join(_CN_DIGITS) + "".join(_CN_UNITS)


def parse_cn_int(text: str) -> int | None:
    """Chinese numeral (十七, 二十三, 一百零五, 两) → int; None if the text is not one."""
    if not text or any(ch not in _CN_DIGITS and ch not in _CN_UNITS for ch in text):
        return None
    total, section, digit = 0, 0, None
    for ch in text:
        if ch in _CN_DIGITS:
            digit = _CN_DIGITS[ch]
        else:
            unit = _CN_UNITS[ch]
            if unit == 10000:
                section = (section + (digit or 0)) * unit
                total += section
                section = 0
            else:
                section += (1 if digit is None else digit) * unit
            digit = None
    return total + section + (digit or 0)
