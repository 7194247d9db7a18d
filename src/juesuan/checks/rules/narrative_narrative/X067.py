"""X067: 持平 said of a total whose change is stated elsewhere under another name of the same quantity."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

import regex as re

from ....patterns import load
from ...base import ZERO, Context, Finding, Msg, Rule, claim_evidence, fmt
from ...change_words_helpers import WORDS, _previous, figureless
from ...claimutil import claim_finding, current_amount, money, previous_interval, subject_key


def quantity_key(c) -> str:
    """The subject without the words that name no other quantity (决算, 决算数, 金额 …: [flat_same] noise)."""
    return re.sub(load("rules")["flat_same"]["noise"], "", subject_key(c))


class FlatAgainstSameQuantity(Rule):
    """A 持平 against last year said of a total whose change another statement gives with its figure, the two
    subjects differing only by words naming no other quantity (决算, 决算数): last year = current ∓ change must equal
    the current figure within rounding.

    Bad:  "一般公共预算财政拨款支出 3716.29 万元 … 比上年减少 973.66 万元" and elsewhere "一般公共预算财政拨款支出决算
          3716.29 万元，与上年持平" (last year 4689.95).
    Good: the same with a change of 0.00; "财政拨款收、支总计各与上年持平" (another quantity: not compared).
    """

    id = "X067"
    severity = "error"
    summary = "持平 said of a total whose change is stated elsewhere under another name of the same quantity"
    compares = "narrative"

    def check(self, ctx: Context) -> Iterable[Finding]:
        out: list[Finding] = []
        changes = [c for c in ctx.claims if c.kind == "change"]
        stated = [c for c in changes if c.direction in (1, -1) and money(c, "change") and self._current(ctx, c)]
        for c in changes:
            if not (figureless(c) and c.direction == 0):
                continue
            key, qk = subject_key(c), quantity_key(c)
            if not qk or any(o is not c and subject_key(o) == key and _previous(ctx, o) for o in changes):
                continue  # the same subject's change: X003 / X045
            cur = current_amount(ctx, c)
            other = next((o for o in stated if quantity_key(o) == qk and subject_key(o) != key), None)
            if cur is None or other is None:
                continue
            ocur = self._current(ctx, other)
            ch = money(other, "change")
            assert ocur is not None and ch is not None and other.direction is not None  # chosen for having them
            pv, p, osrc = previous_interval(other, ocur[1], ch[1]), ocur[0] - other.direction * ch[0], ocur[2]
            if not ocur[1].overlaps(cur[1]):
                continue  # the two currents differ: not shown to be one quantity
            if (cur[1] - pv).contains(ZERO):
                ctx.verify(c, self.id)
                continue
            out.append(self._finding(ctx, c, other, cur, p, osrc))
        return out

    @staticmethod
    def _current(ctx: Context, c):
        """A change claim's current figure: its own or its subject's (current_amount), else the one figure every
        statement of the same quantity prints (an amount claim whose subject differs only by [flat_same] noise)."""
        cur = current_amount(ctx, c)
        if cur is not None:
            return cur
        qk = quantity_key(c)
        found = [(m, a) for a in ctx.claims if a.kind in ("amount", "share", "completion") and quantity_key(a) == qk
                 for m in [money(a, "amount") or money(a, "actual")] if m]
        if not found or any(not m[1].overlaps(found[0][0][1]) for m, _ in found):
            return None  # none, or two different figures: not one quantity
        return found[0][0][0], found[0][0][1], found[0][1]

    def _finding(self, ctx: Context, c, other, cur, p: Decimal, osrc) -> Finding:
        printed = hasattr(cur[2], "values") and hasattr(osrc, "values")  # both figures printed in the text
        same_cell = (c.ref is not None and other.ref is not None and ctx.cell(c.ref)[0] is not None
                     and ctx.cell(c.ref)[0] is ctx.cell(other.ref)[0])
        real = cur[0] - p
        word = WORDS[1 if real > 0 else -1]
        ev = [claim_evidence(x, "amount") for x in (c, other) if "amount" in x.values] + [claim_evidence(other, "change")]
        return claim_finding(
            self, ctx, c,
            Msg("rule.X067.flat", subject=c.subject or "", current=fmt(cur[0]), previous=fmt(p), change=fmt(real),
                line=other.line, other=other.subject or "",
                how=Msg("rule.X067.printed" if printed or same_cell else "rule.X067.assumed")),
            stated=WORDS[0], expected=f"{word} {fmt(abs(real))} 万元", evidence=ev, extra_claims=[other],
            severity="" if printed or same_cell else "warning")
