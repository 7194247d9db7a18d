"""N005: direction words (增加/减少/持平) match the sign of the figures."""

from __future__ import annotations

from collections.abc import Iterable

from ...base import ZERO, Context, Finding, Msg, Rule, claim_evidence, fmt
from ...claimutil import claim_finding, current_amount, lookback, money, sign, squash


class DirectionMatchesSign(Rule):
    """A direction word (增加/减少/持平, 超/未完成) matches the sign of the figures: a change's amount word and its
    rate word agree ("减少 8.11 万元，下降 2.27%"), and "决算数大于/小于/等于（年初/全年）预算数" fits the item's stated
    决算 and the budget it names (or, when it names none, at least one budget the item states).

    Bad:  "决算数 56.94 万元，比年初预算 50.67 万元减少"; "减少 8.11 万元，增长 2.27%";
          "全年预算为 52.00 万元，支出决算为 51.32 万元 … 决算数大于全年预算数的主要原因…".
    Good: "决算数 56.94 万元，比年初预算 50.67 万元增加 6.27 万元"; "… 决算数小于全年预算数的主要原因…".
    """

    id = "N005"
    severity = "error"
    summary = "direction words (增加/减少/持平) match the sign of the figures"
    compares = "narrative_tables"

    def check(self, ctx: Context) -> Iterable[Finding]:
        out = []
        for c in ctx.claims:
            if c.direction is None:
                continue
            if c.kind == "reason":
                out.extend(_variance_word(self, ctx, c))
                continue
            rd = c.rate_direction
            if c.kind == "change" and rd is not None and c.direction and rd and rd != c.direction and "rate" in c.values:
                # "减少 8.11 万元，增长 2.27%": the two direction words of one change contradict each other
                word = {1: "增长", -1: "下降"}[rd]
                out.append(claim_finding(
                    self, ctx, c,
                    Msg("rule.N005.rate_word", subject=c.subject or "", amount_word="增加" if c.direction > 0 else "减少",
                        word=word),
                    stated=f"{word} {c.values['rate'].raw}", expected={1: "增长", -1: "下降"}[c.direction],
                    evidence=[claim_evidence(c, "change"), claim_evidence(c, "rate")]))
                continue
            pairs = []
            prev = money(c, "previous")
            if prev:
                cur = current_amount(ctx, c)
                if cur:
                    pairs.append((cur.value - prev.value, cur.interval - prev.interval, Msg("rule.N005.current_minus_previous")))
            a, b = money(c, "actual"), money(c, "budget")
            if c.kind != "change" and b and a:
                pairs.append((a.value - b.value, a.interval - b.interval, Msg("rule.N005.actual_minus_budget")))
            ch = money(c, "change")
            if ch is not None and ch.value < 0:
                pairs.append((ch.value * c.direction, ch.interval, Msg("rule.N005.signed_change")))
            for diff, iv, what in pairs:
                # two figures printed to the same place order as their values do (round-half-up intervals only
                # touch): 688.28 after 688.27 is an increase, however small — the difference's interval ends at 0
                touches = diff and ZERO in (iv.lo, iv.hi)
                s = sign(diff) if touches or not iv.contains(ZERO) else 0
                if s == c.direction or (s == 0 and c.direction == 0):
                    ctx.verify(c, self.id)
                    continue
                word = {1: "增加", -1: "减少", 0: "持平"}.get(c.direction, "?")
                out.append(claim_finding(
                    self, ctx, c, Msg("rule.N005.sign", subject=c.subject or "", word=word, what=what, diff=fmt(diff)),
                    stated=word, expected={1: "增加", -1: "减少", 0: "持平"}[s]))
        return out


_CMP_WORD = {1: "大于", -1: "小于", 0: "等于"}


def _variance_word(rule: Rule, ctx: Context, reason) -> list[Finding]:
    """"决算数大于/小于/等于（年初/全年）预算数的主要原因…" against the budget and actual stated for the item it
    explains. The budget meant is the one the words name (年初/全年); when they name none, every budget the
    item states is a candidate and the word is contradicted only if it fits none of them."""
    about = reason.about
    target = ctx.claims[about] if isinstance(about, int) and 0 <= about < len(ctx.claims) else None
    if target is None:
        target = lookback(ctx, reason, lambda x: x.kind == "completion", limit=4)
    if target is None or target.kind != "completion":
        return []
    a = money(target, "actual") or money(target, "amount")
    text = squash(reason.text)
    roles = ["budget_initial"] if "年初预算" in text else ["budget_annual"] if "全年预算" in text else []
    roles = [r for r in roles if money(target, r)] or [r for r in ("budget", "budget_initial", "budget_annual") if money(target, r)]
    if a is None or not roles:
        return []
    signs = {}
    for r in roles:  # printed figures order as their values do (round-half-up intervals are disjoint);
        b = money(target, r)  # "等于" also fits figures whose rounding intervals touch
        assert b is not None  # roles hold only stated budgets
        signs[r] = (sign(a.value - b.value), b, (a.interval - b.interval).contains(ZERO))
    if any(s == reason.direction or (reason.direction == 0 and near) for s, _, near in signs.values()):
        ctx.verify(reason, rule.id)
        return []
    r, (s, b, _) = next(iter(signs.items()))
    return [claim_finding(
        rule, ctx, reason,
        Msg("rule.N005.compare", subject=target.subject or "", word=_CMP_WORD[reason.direction],
            actual=target.values["actual" if "actual" in target.values else "amount"].raw, budget=target.values[r].raw),
        stated=_CMP_WORD[reason.direction], expected=_CMP_WORD[s],
        evidence=[claim_evidence(target, "actual" if "actual" in target.values else "amount"), claim_evidence(target, r)],
        extra_claims=[target])]
