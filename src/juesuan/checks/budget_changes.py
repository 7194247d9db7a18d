"""X-rules of the 预算 narrative: what a budget is compared with, the item form, and changes that add up.

* X050 the base year of a 预算's comparison is the year before the budget year ("2026年预算…比2026年预算增加");
* X051 an item's headline figure equals its "预算安排" figure (the item form of the 上海 family);
* X052 a statement impossible on its face (a 0 budget "比上年增加 X"; B < A said to have increased);
* X053 the changes of the classes (功能分类 类; 基本 / 项目 / 预留) add up to the total's change, when their
  amounts prove the list complete (Σ class amounts = the total's amount);
* X054 a 三公 part's share is of the 三公 total (Σ of the three parts), not of a total that also holds 会议费 and
  培训费, and the three parts' shares add up to 100%;
* X055 the item form's rate recomputes as (B − A) / A; when it does not, the finding says whether the rate only
  works with one digit of A removed (a stray digit) or repeats the item above.
* X056 a total's 其中 amounts add up to it; the three 三公 parts add up to the 三公 total.

Every comparison is interval arithmetic on the figures as printed. The rules read claims of a 预算 document only
(``claims.budget.document_kind``); vocabulary in ``patterns/rules.toml`` [budget].

Helpers shared by the rules X050, X051, X052, X053, X054, X055, X056, N011 (and by what imports them from here).
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

import regex as re

from ..claims.budget import document_kind
from ..numbers import Interval
from ..patterns import load
from .base import Context

ZERO = Decimal(0)


def _budget(ctx: Context) -> bool:
    return document_kind(ctx.doc) == "预算"


def _voc() -> dict:
    return load("rules")["budget"]


def _sum(items: Sequence[tuple[Decimal, Interval]]) -> tuple[Decimal, Interval]:
    v, iv = ZERO, Interval.point(ZERO)
    for x, i in items:
        v, iv = v + x, iv + i
    return v, iv


def _provable_sign(d: Interval) -> int | None:
    """+1 / −1 when every value of ``d`` is above / below 0, else None (0 within rounding)."""
    return 1 if d.lo > 0 else -1 if d.hi < 0 else None


def stray_digit(raw: str, current: Interval, signed_rate: Interval) -> str | None:
    """The base figure as printed ("154.60万元") with one digit removed such that (current − base') / base'
    fits the stated rate, when exactly one such reading exists ("54.60"); else None."""
    m = re.match(r"^\s*([\d,]+(?:\.\d+)?)", raw)
    if not m:
        return None
    digits = m.group(1).replace(",", "")
    found = set()
    for i, ch in enumerate(digits):
        if not ch.isdigit():
            continue
        t = digits[:i] + digits[i + 1:]
        if not t or t.startswith(".") or (len(t) > 1 and t[0] == "0" and t[1] != "."):
            continue
        v = Decimal(t)
        if v <= 0 or v == Decimal(digits):
            continue  # a trailing 0 of the decimals: the same figure
        iv = Interval.of(v)
        q = (current - iv) / iv
        if q is not None and q.overlaps(signed_rate):
            found.add(t)
    return found.pop() if len(found) == 1 else None
