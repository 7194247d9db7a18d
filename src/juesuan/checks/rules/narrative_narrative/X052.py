"""X052: a change impossible on its face (negative previous year; direction against the figures)."""

from __future__ import annotations

from collections.abc import Iterable

from ...base import Context, Finding, Msg, Rule, claim_evidence, fmt
from ...budget_changes import _budget, _provable_sign
from ...claimutil import claim_finding, current_amount, money, previous_interval


class ImpossibleChange(Rule):
    """A change that cannot be: the previous year would be negative ("预算0万元，比上年增加 5 万元"), or the two
    figures of an item contradict its direction word (B < A said to have increased).

    Bad:  "政府性基金拨款支出预算0万元，比2024年预算增加 12.00 万元" (previous = 0 − 12.00 < 0).
    Good: "政府性基金拨款支出预算0万元，比2024年预算减少 12.00 万元".
    """

    id = "X052"
    severity = "error"
    summary = "a change impossible on its face (negative previous year; direction against the figures)"
    compares = "narrative"

    def check(self, ctx: Context) -> Iterable[Finding]:
        if not _budget(ctx):
            return []
        out = []
        for c in ctx.claims:
            if c.kind != "change" or c.direction is None:
                continue
            prev, cur = money(c, "previous"), money(c, "amount")
            if prev is not None and cur is not None:  # the item form: both figures stated
                sign = _provable_sign(cur[1] - prev[1])
                if sign is not None and sign != c.direction:
                    out.append(self._item(ctx, c, prev, cur))
                continue
            ch = money(c, "change")
            if ch is None or c.direction != 1:
                continue
            now = current_amount(ctx, c)
            if now is None:
                continue
            pv = previous_interval(c, now[1], ch[1])
            if pv.hi < 0:
                out.append(claim_finding(
                    self, ctx, c, Msg("rule.X052.negative", subject=c.subject or "", current=fmt(now[0]),
                                      change=c.values["change"].raw, previous=fmt(now[0] - ch[0])),
                    stated=c.values["change"].raw, expected=f"≤ {fmt(now[0])} 万元",
                    evidence=[claim_evidence(c, "change")]))
        return out

    def _item(self, ctx: Context, c, prev, cur) -> Finding:
        word = {1: "增加", -1: "减少", 0: "持平"}[c.direction]
        return claim_finding(
            self, ctx, c, Msg("rule.X052.direction", subject=c.subject or "", previous=c.values["previous"].raw,
                              current=c.values["amount"].raw, word=word),
            stated=word, expected=fmt(cur[0] - prev[0]),
            evidence=[claim_evidence(c, "previous"), claim_evidence(c, "amount")])
