"""X042: 三公 parts' year-on-year changes add up to the total's change."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from ....numbers import Interval
from ...base import Context, Finding, Msg, Rule, claim_evidence, fmt
from ...claimutil import claim_finding, sangong_part_changes, sangong_total
from ...claimutil import signed_change as _signed_change
from ...restatement_helpers import _sentence


class SangongChangesAddUp(Rule):
    """The year-on-year changes of the three 三公 parts (因公出国, 公务用车购置及运行维护, 公务接待; 持平 = 0) add up
    to the change of the 三公 total stated with them.

    Bad:  "三公经费支出决算数比 2024 年度减少 19.66 万元，其中：因公出国（境）费与 2024 年持平；公务用车购置及运行维护费
          减少 20.06 万元；公务接待费增加 4.00 万元" (0 − 20.06 + 4.00 = −16.06 ≠ −19.66).
    Good: "… 公务接待费增加 0.40 万元" (0 − 20.06 + 0.40 = −19.66).
    """

    id = "X042"
    severity = "error"
    summary = "三公 parts' year-on-year changes add up to the total's change"
    compares = "narrative"

    def check(self, ctx: Context) -> Iterable[Finding]:
        out = []
        changes = [c for c in ctx.claims if c.kind == "change"]
        for total in changes:
            if not sangong_total(total):
                continue
            tc = _signed_change(total)
            if tc is None:
                continue
            later = [c for c in changes if ctx.paragraph_of(c) is ctx.paragraph_of(total) and ctx.idx(c) > ctx.idx(total)]
            parts = sangong_part_changes(later)
            if not parts:
                continue
            s_val = sum((v for _, (v, _) in parts), Decimal(0))
            s_iv = Interval.point(Decimal(0))
            for _, (_, iv) in parts:
                s_iv = s_iv + iv
            part_claims = [c for found, _ in parts for c in found]
            if s_iv.overlaps(tc.interval):
                for c in (total, *part_claims):
                    ctx.verify(c, self.id)
                continue
            terms = " + ".join(f"({fmt(v)})" for _, (v, _) in parts)
            out.append(claim_finding(
                self, ctx, total,
                Msg("rule.X042.changes", terms=terms, sum=fmt(s_val), total=fmt(tc.value)),
                stated=f"{fmt(tc.value)} 万元", expected=f"{fmt(s_val)} 万元",
                evidence=[claim_evidence(total, "change")] + [claim_evidence(c, "change") for c in part_claims if "change" in c.values],
                extra_claims=part_claims))
            quoted = []  # the total's sentence and the parts' (they may follow in the next sentence)
            for c in (total, *part_claims):
                if _sentence(ctx, c) not in quoted:
                    quoted.append(_sentence(ctx, c))
            out[-1].text = "".join(quoted)
        return out
