"""X055: an item's rate recomputes as (B − A) / A."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from ....numbers import Interval
from ...base import Context, Finding, Msg, Rule, claim_evidence, fmt, fmt_pct
from ...budget_changes import _budget, _provable_sign, stray_digit
from ...claimutil import claim_finding, money, percent


class ItemRate(Rule):
    """The item form's rate: "2023年当年预算执行数为A万元，2024年预算安排B万元，比2023年预算执行数增加P%" — P equals
    (B − A) / A (an amount instead of P equals B − A). When it does not, the finding says why if the figures tell:
    the rate works with one digit of A removed (a stray digit in the base), or it repeats the item above.

    Bad:  "2023年当年预算执行数为154.60万元，2024年预算安排53.84万元，比2023年预算执行数减少1.39%"
          ((53.84 − 154.60) / 154.60 = −65.17%; with 54.60, one digit removed: −1.39%).
    Good: "2023年当年预算执行数为54.60万元，2024年预算安排53.84万元，比2023年预算执行数减少1.39%".
    """

    id = "X055"
    severity = "error"
    summary = "an item's rate recomputes as (B − A) / A"
    compares = "narrative"

    def check(self, ctx: Context) -> Iterable[Finding]:
        if not _budget(ctx):
            return []
        out = []
        items = [c for c in ctx.claims if c.kind == "change" and money(c, "previous") and money(c, "amount")]
        for k, c in enumerate(items):
            a, b = money(c, "previous"), money(c, "amount")
            assert a is not None and b is not None
            d = c.direction if c.direction in (1, -1) else 1
            ch, rate = money(c, "change"), percent(c, "rate")
            if ch is not None:
                if (b[1] - a[1]).overlaps(ch[1].scale(Decimal(d))):
                    ctx.verify(c, self.id)
                else:
                    out.append(claim_finding(
                        self, ctx, c, Msg("rule.X055.change", subject=c.subject or "", stated=c.values["change"].raw,
                                          previous=c.values["previous"].raw, current=c.values["amount"].raw,
                                          expected=fmt(b[0] - a[0])),
                        stated=c.values["change"].raw, expected=fmt(b[0] - a[0]),
                        evidence=[claim_evidence(c, "previous"), claim_evidence(c, "amount"), claim_evidence(c, "change")]))
            if rate is None or _provable_sign(b[1] - a[1]) not in (None, d):
                continue  # a direction against the figures: X052
            signed = rate[1].scale(Decimal(d))
            q = (b[1] - a[1]) / a[1]
            if a[1].lo <= 0 or q is None:
                ctx.cannot(c, Msg("rule.N003.zero_base"))
                continue
            if q.overlaps(signed):
                ctx.verify(c, self.id)
                continue
            out.append(self._finding(ctx, c, a, b, signed, items[k - 1] if k else None))
        return out

    def _finding(self, ctx: Context, c, a, b, signed: Interval, above) -> Finding:
        exp = fmt_pct((b[0] - a[0]) / a[0]) if a[0] else "—"
        params = {"subject": c.subject or "", "stated": c.values["rate"].raw, "previous": c.values["previous"].raw,
                      "current": c.values["amount"].raw, "expected": exp}
        fixed = stray_digit(c.values["previous"].raw, b[1], signed)
        if fixed is not None:
            msg = Msg("rule.X055.stray", **params, fixed=fixed)
        elif above is not None and "rate" in above.values and above.values["rate"].value == c.values["rate"].value:
            msg = Msg("rule.X055.copied", **params, line=above.line)
        else:
            msg = Msg("rule.X055.rate", **params)
        return claim_finding(self, ctx, c, msg, stated=c.values["rate"].raw, expected=exp,
                             evidence=[claim_evidence(c, "previous"), claim_evidence(c, "amount"), claim_evidence(c, "rate")])
