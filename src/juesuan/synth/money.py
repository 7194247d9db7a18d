"""Integer money / percentage helpers.  Money is always an int of hundredths of 万元."""
from __future__ import annotations


def fmt_money(c: int, thousands: bool = False) -> str:
    """Format hundredths as 'x.yy' (optionally '1,511.90')."""
    sign = "-" if c < 0 else ""
    c = abs(c)
    whole, frac = divmod(c, 100)
    w = f"{whole:,}" if thousands else str(whole)
    return f"{sign}{w}.{frac:02d}"


def pct(num: int, den: int) -> int | None:
    """num/den*100 in hundredths of a percent, rounded half-up (away from zero)."""
    if den == 0:
        return None
    n = num * 10000
    sign = -1 if (n < 0) != (den < 0) else 1
    n, d = abs(n), abs(den)
    q = (2 * n + d) // (2 * d)
    return sign * q


def fmt_pct(p: int) -> str:
    """hundredths of percent -> 'x.yy' (no % sign)."""
    return fmt_money(p)


def split(rng, total: int, weights: list[float]) -> list[int]:
    """Split an integer total into len(weights) non-negative ints summing exactly to total."""
    s = sum(weights)
    if s <= 0 or total == 0:
        return [0] * len(weights)
    raw = [total * w / s for w in weights]  # float only for proportions, result is exact ints
    parts = [int(x) for x in raw]
    rest = total - sum(parts)
    order = sorted(range(len(weights)), key=lambda i: -(raw[i] - parts[i]))
    i = 0
    while rest > 0:
        j = order[i % len(order)]
        if weights[j] > 0:
            parts[j] += 1
            rest -= 1
        i += 1
    return parts


def scale(rng, amount: int, lo: float, hi: float) -> int:
    """amount * U(lo, hi), as int hundredths."""
    f = rng.randint(int(lo * 1000), int(hi * 1000))
    return amount * f // 1000
