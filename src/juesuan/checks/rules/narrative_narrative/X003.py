"""X003: changes imply consistent previous-year values (same subject; 基本 = 人员 + 公用)."""

from __future__ import annotations

from collections.abc import Iterable

import regex as re

from ....claims.model import Amount
from ....numbers import Interval
from ...base import ZERO, Context, Finding, Msg, Rule, claim_evidence, fmt
from ...claimutil import claim_finding, current_amount, money, previous_interval, subject_key

_YEAR_BASIS = re.compile(r"上年|上一?年度|\d{4}\s*年")


def _level_with_last_year(c) -> bool:
    """A 持平 / 基本持平 claim against the year before (not against a budget), without a change figure."""
    return (c.kind == "change" and c.direction == 0 and "change" not in c.values and not c.approx
            and bool(_YEAR_BASIS.search(c.basis or "")) and "预算" not in (c.basis or ""))


class ChangeImpliesPrevious(Rule):
    """A change (amount, rate) implies a previous-year value; statements of the same subject must imply the
    same one, and 基本支出's previous value must equal 人员经费's plus 公用经费's. "与上年持平" implies the previous
    value is the current one, so a 持平 and a stated change of the same subject contradict each other.

    Bad:  "基本支出 176.37 万元，减少 135.56 万元" (previous 311.93) while 人员经费 157.71 + 公用经费 54.21.
    Bad:  "因公出国（境）费支出决算 3.00 万元，与 2024 年持平" and elsewhere "因公出国（境）费支出决算增加 1.00 万元"
          (previous 3.00 vs 2.00).
    Good: 人员经费 previous 157.71 + 公用经费 previous 154.21 = 311.92 (rounding).
    """

    id = "X003"
    severity = "error"
    summary = "changes imply consistent previous-year values (same subject; 基本 = 人员 + 公用)"
    compares = "narrative"

    def check(self, ctx: Context) -> Iterable[Finding]:
        prevs: list[tuple] = []
        for c in ctx.claims:
            ch = money(c, "change")
            if ch is None and _level_with_last_year(c):
                ch = Amount(ZERO, Interval.point(ZERO))  # 持平 with the year before: previous = current
            if ch is None:
                continue
            cur = current_amount(ctx, c)
            if cur is None:
                continue
            pv = previous_interval(c, cur.interval, ch.interval)
            d = c.direction if c.direction is not None else 1
            prevs.append((c, pv, cur.value - d * ch.value))
        out = []
        by_key: dict[str, tuple] = {}
        for c, pv, p in prevs:
            k = subject_key(c)
            if not k:
                continue
            if k in by_key and not by_key[k][1].overlaps(pv):
                o = by_key[k]
                out.append(claim_finding(
                    self, ctx, c, Msg("rule.X003.previous", subject=c.subject, previous=fmt(p), line=o[0].line,
                                      other=fmt(o[2])),
                    stated=fmt(p), expected=fmt(o[2]), extra_claims=[o[0]]))
            by_key.setdefault(k, (c, pv, p))

        def find(word, exclude=None):
            for c, pv, p in prevs:
                k = subject_key(c)
                if word in k and (exclude is None or exclude not in k):
                    return c, pv, p
            return None

        basic, pers, pub = find("基本支出"), find("人员经费"), find("公用经费")
        if basic and pers and pub and any("change" not in x[0].values for x in (basic, pers, pub)):
            basic = None  # a member stated by its word only (持平): X045 quotes that statement
        if basic and pers and pub:
            s = pers[1] + pub[1]
            if s.overlaps(basic[1]):
                for x in (basic, pers, pub):
                    ctx.verify(x[0], self.id)
            else:
                out.append(claim_finding(
                    self, ctx, basic[0],
                    Msg("rule.X003.basic", basic=fmt(basic[2]), personnel=fmt(pers[2]), public=fmt(pub[2]),
                        sum=fmt(pers[2] + pub[2])),
                    stated=fmt(basic[2]), expected=fmt(pers[2] + pub[2]), extra_claims=[pers[0], pub[0]],
                    evidence=[claim_evidence(basic[0], "change"), claim_evidence(pers[0], "change"), claim_evidence(pub[0], "change")]))
        return out
