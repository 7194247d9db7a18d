"""X053: the classes' changes add up to the total's change (when the classes' amounts make up the total)."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

import regex as re

from ....numbers import Interval
from ...base import Context, Finding, Msg, Rule, claim_evidence, fmt
from ...budget_changes import ZERO, _budget, _sum, _voc
from ...claimutil import claim_finding, current_amount, money, subject_key


def _signed(c) -> tuple[Decimal, Interval] | None:
    """A change claim's signed change in 万元 (持平 = 0, 基本持平 none)."""
    if c.direction == 0 and "change" not in c.values:
        return None if c.approx else (ZERO, Interval.point(ZERO))
    m = money(c, "change")
    if m is None or c.direction not in (1, -1):
        return None
    return (m[0], m[1]) if c.direction == 1 else (-m[0], m[1].scale(Decimal(-1)))


class ClassChangesAddUp(Rule):
    """The changes of a total's classes add up to the total's change: the 功能分类 类 (公共安全, 社会保障和就业 …)
    and the split 基本支出 + 项目支出 (+ 单位预留机动经费). A list is checked only when it is complete, which its
    amounts prove: Σ class amounts = the total's amount.

    Bad:  "收、支预算总计 21,955.35 万元，…各增加 3,958.67 万元 … 公共安全（类）支出 16,458.75 万元 … 增加 2,802.41
          万元 … 社会保障和就业支出 1,836.22 万元 … 减少 184.96 万元 … 住房保障支出 3,660.38 万元 … 增加 1,314.22 万元"
          (2,802.41 − 184.96 + 1,314.22 = 3,931.67 ≠ 3,958.67).
    Good: "… 住房保障支出 … 增加 1,341.22 万元" (= 3,958.67).
    """

    id = "X053"
    severity = "error"
    summary = "the classes' changes add up to the total's change (when the classes' amounts make up the total)"
    compares = "narrative"

    def check(self, ctx: Context) -> Iterable[Finding]:
        if not _budget(ctx):
            return []
        sums = [(re.compile(e["total"]), [re.compile(p) for p in e["classes"]]) for e in _voc()["change_sums"]]
        out = []
        changes = [c for c in ctx.claims if c.kind == "change"]
        for t in changes:
            fam = next((f for total_re, f in sums if total_re.search(subject_key(t))), None)
            if fam is None:
                continue
            tc, tcur = _signed(t), current_amount(ctx, t)
            if tc is None or tcur is None:
                continue
            after = [c for c in changes if ctx.idx(c) > ctx.idx(t) and c.section == t.section and c.part == t.part]
            for pat in fam:
                members = self._members(ctx, after, pat)
                if members is None:
                    continue
                amounts = _sum([m[2][:2] for m in members])
                if not amounts[1].overlaps(tcur[1]):
                    continue  # the classes do not make up the total: the list may be partial
                s = _sum([m[1] for m in members])
                claims = [m[0] for m in members]
                if s[1].overlaps(tc[1]):
                    for c in (t, *claims):
                        ctx.verify(c, self.id)
                    continue
                terms = " + ".join(f"({fmt(v)})" for _, (v, _), _ in members)
                f = claim_finding(
                    self, ctx, t, Msg("rule.X053.changes", subject=t.subject or "", terms=terms, sum=fmt(s[0]), total=fmt(tc[0])),
                    stated=f"{fmt(tc[0])} 万元", expected=f"{fmt(s[0])} 万元",
                    evidence=[claim_evidence(t, "change")] + [claim_evidence(c, "change") for c in claims if "change" in c.values],
                    extra_claims=claims)
                out.append(f)
        return out

    def _members(self, ctx: Context, after: list, pat: re.Pattern) -> list | None:
        """The change claims of one family after the total, one per subject: (claim, signed change, current)."""
        seen: dict[str, tuple] = {}
        for c in after:
            key = subject_key(c)
            if not pat.search(key) or key in seen:
                continue
            sc, cur = _signed(c), current_amount(ctx, c)
            if sc is None or cur is None:
                return None
            seen[key] = (c, sc, cur)
        return list(seen.values()) if len(seen) >= 2 else None
