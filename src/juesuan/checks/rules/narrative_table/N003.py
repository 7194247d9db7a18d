"""N003: a growth rate recomputes as change / (current ∓ change)."""

from __future__ import annotations

from collections.abc import Iterable

from ...base import Cell, Context, Finding, Msg, Rule, claim_evidence, fmt, fmt_pct
from ...claimutil import claim_finding, current_amount, money, percent, previous_interval
from ...ratios import _ev, truncated


class GrowthRecomputes(Rule):
    """A growth rate equals change / previous-year value, where previous = current − change (增加) or
    current + change (减少).

    Bad:  "基本支出 176.37 万元 … 减少 135.56 万元，下降 76.86%" (135.56 / 311.93 = 43.46%).
    Good: "… 减少 135.56 万元，下降 43.46%".
    Warning: a rate that is the recomputed value cut off rather than rounded ("增加 2,915.22 万元，增长 36.58 %" with
          10883.36 this year: 2915.22 / 7968.14 = 36.586%), said so (issue 18, family 11).
    """

    id = "N003"
    severity = "error"
    summary = "a growth rate recomputes as change / (current ∓ change)"
    compares = "narrative_tables"

    def check(self, ctx: Context) -> Iterable[Finding]:
        out = []
        for c in ctx.claims:
            ch, rate = money(c, "change"), percent(c, "rate")
            if ch is None or rate is None:
                continue
            cur = current_amount(ctx, c)
            if cur is None:
                ctx.cannot(c, Msg("rule.N003.no_current"))
                continue
            prev = previous_interval(c, cur.interval, ch.interval)
            if prev is None or prev.hi <= 0:
                ctx.cannot(c, Msg("rule.N003.zero_base"))
                continue
            q = ch.interval / prev
            if q is None:
                ctx.cannot(c, Msg("rule.N003.zero_base"))
                continue
            if q.overlaps(rate.interval):
                ctx.verify(c, self.id)
                continue
            d = c.direction if c.direction is not None else 1
            pv = cur.value - d * ch.value
            exp = ch.value / pv
            cut = truncated(c.values["rate"], q)  # the rate cut off, not rounded: a warning that says so
            f = claim_finding(
                self, ctx, c,
                Msg("rule.N003.truncated" if cut else "rule.N003.rate", subject=c.subject or "变动",
                    stated=c.values["rate"].raw, change=fmt(ch.value), previous=fmt(pv), current=fmt(cur.value),
                    op="−" if d > 0 else "+", expected=fmt_pct(exp)),
                stated=c.values["rate"].raw, expected=fmt_pct(exp),
                evidence=[_ev(cur.source), claim_evidence(c, "change"), claim_evidence(c, "rate")],
                severity="warning" if cut else "")
            if cur.source is not c and not isinstance(cur.source, Cell):
                # the previous year was derived from an amount stated by another claim (current − change): that
                # amount is part of the inconsistency, so the quoted span runs from it to the rate
                f.text = span_through(ctx, cur.source, c)
            out.append(f)
        return out


def span_through(ctx: Context, first, last) -> str:
    """The document's text from claim ``first`` through claim ``last`` when both lie in one paragraph (``first``
    before ``last``), else ``last``'s own text."""
    pf, pl = ctx.paragraph_of(first), ctx.paragraph_of(last)
    if pf is None or pf is not pl:
        return last.text
    i = pf.text.find(first.text)
    j = pf.text.find(last.text, i + len(first.text)) if i >= 0 else -1
    if i < 0 or j < 0:
        return last.text
    return pf.text[i:j + len(last.text)]
