"""X051: an item's headline figure equals its 预算安排 figure."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from ...base import Context, Finding, Msg, Rule, claim_evidence
from ...budget_changes import _budget
from ...claimutil import claim_finding, money


class ItemHeadline(Rule):
    """An item of the 上海 form states its figure twice: the headline ("1.“…（项）”53.84万元") and "2024年预算安排
    53.84万元". They are one quantity. When they differ and one of them repeats the item above, it was copied.

    Bad:  "2.“…机关事业单位基本养老保险缴费支出（项）”76.76万元。2023年当年预算执行数为70.70万元，2024年预算安排
          67.76万元，…".
    Good: "… 2024年预算安排76.76万元 …".
    """

    id = "X051"
    severity = "error"
    summary = "an item's headline figure equals its 预算安排 figure"
    compares = "narrative"

    def check(self, ctx: Context) -> Iterable[Finding]:
        if not _budget(ctx):
            return []
        out = []
        items = [c for c in ctx.claims if c.kind == "change" and c.headline is not None and money(c, "amount")]
        for k, c in enumerate(items):
            head = ctx.claims[c.headline] if c.headline is not None and c.headline < len(ctx.claims) else None
            hm, bm = (money(head, "amount") if head is not None else None), money(c, "amount")
            if head is None or hm is None or bm is None:
                continue
            if hm[1].overlaps(bm[1]):
                ctx.verify(c, self.id)
                ctx.verify(head, self.id)
                continue
            above = items[k - 1] if k > 0 else None
            key = "copied" if above is not None and self._repeats(ctx, above, hm[0], bm[0]) else "differs"
            out.append(claim_finding(
                self, ctx, c, Msg(f"rule.X051.{key}", subject=c.subject or "", headline=head.values["amount"].raw,
                                  stated=c.values["amount"].raw, line=head.line),
                stated=c.values["amount"].raw, expected=head.values["amount"].raw,
                evidence=[claim_evidence(head, "amount"), claim_evidence(c, "amount")], extra_claims=[head]))
        return out


    @staticmethod
    def _repeats(ctx: Context, above, headline: Decimal, stated: Decimal) -> bool:
        """One of the item's two figures is the item above's (its 预算安排 or its headline): copied from it."""
        figs = {m[0] for m in (money(above, "amount"),) if m is not None}
        if above.headline is not None and 0 <= above.headline < len(ctx.claims):
            hm = money(ctx.claims[above.headline], "amount")
            if hm is not None:
                figs.add(hm[0])
        return headline in figs or stated in figs
