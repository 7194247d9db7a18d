"""Helpers shared by the rules N001, N002, N003, N004, N005 (and by what imports them from here)."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from ..numbers import round_to
from .base import HUNDRED, ZERO, Cell, Context, Evidence, Finding, Msg, Rule, claim_evidence, fmt, fmt_pct
from .claimutil import base_evidence, base_of, claim_finding, current_amount, percent


def _ev(src, role=None) -> Evidence:
    if isinstance(src, Cell):
        return src.evidence()
    return claim_evidence(src, role or "amount")


class _RatioRule(Rule):
    """A stated percentage (``role``) against the claim's current amount over its resolved base; the rule
    says why a claim lacking either is unverifiable and which evidence its numerator has."""

    role = ""
    label = ""

    def missing(self, ctx: Context, c, num, den) -> Msg | str:
        raise NotImplementedError

    def num_evidence(self, c, num) -> Evidence:
        raise NotImplementedError

    def check(self, ctx: Context) -> Iterable[Finding]:
        out = []
        for c in ctx.claims:
            if percent(c, self.role) is None:
                continue
            num, den = current_amount(ctx, c), base_of(ctx, c)
            if num is None or den is None:
                ctx.cannot(c, self.missing(ctx, c, num, den))
                continue
            out.extend(_ratio_recomputes(
                self, ctx, c, self.role, num, den, self.label, Msg(f"rule.{self.id}.zero_base"),
                lambda c=c, num=num, den=den: [self.num_evidence(c, num), base_evidence(c, den.source),
                                               claim_evidence(c, self.role)]))
        return out


def _ratio_recomputes(rule: Rule, ctx: Context, claim, role: str, num, den, label: str, undefined: Msg,
                      evidence) -> list[Finding]:
    """A stated percentage (``role``) against num / den, both a :class:`~juesuan.claims.model.Quantity` (value,
    interval, source) from the rounded figures: verified when the quotient interval overlaps the stated one, a finding otherwise."""
    stated = claim.values[role]
    q = num.interval / den.interval
    if q is None:
        ctx.cannot(claim, undefined)
        return []
    p = percent(claim, role)
    assert p is not None  # the rule only recomputes a stated percentage
    if q.overlaps(p.interval):
        ctx.verify(claim, rule.id)
        return []
    exp = num.value / den.value
    soft = _last_place(ctx, claim, role, q)
    return [claim_finding(
        rule, ctx, claim,
        Msg(_SOFT.get(soft or "", "check.ratio.recomputed"), subject=claim.subject or label, label=label, stated=stated.raw,
            num=fmt(num.value), den=fmt(den.value), expected=fmt_pct(exp),
            base=(Msg("check.ratio.base", what=_base_what(claim.base), how=claim.base.how)
                  if getattr(claim, "base", None) is not None and role != "rate" else "")),
        stated=stated.raw, expected=fmt_pct(exp), evidence=evidence(), severity="warning" if soft else "")]


_SOFT = {"forced": "check.ratio.forced", "truncated": "check.ratio.truncated"}


def _last_place(ctx: Context, claim, role: str, q) -> str | None:
    """Why a stated percentage one unit of its last place off its recomputed value is a warning, not an error
    (issue 18, family 11): "forced" — a share of a list whose stated shares add to exactly 100 while the
    recomputed ones, rounded, do not (the list was forced to 100.00%: 尾差调整); "truncated" — the figure is
    the recomputed value cut off, not rounded. None: neither (an error)."""
    v = claim.values[role]
    ulp = Decimal(1).scaleb(-v.places)
    qp = q.scale(HUNDRED)
    if not (round_to(qp.lo, v.places) - ulp <= v.value <= round_to(qp.hi, v.places) + ulp):
        return None  # more than one unit of the last place off the recomputed value as rounded
    if role == "share" and _forced_list(ctx, claim, v.places, None if truncated(v, q) else q):
        return "forced"
    return "truncated" if truncated(v, q) else None


def truncated(v, q) -> bool:
    """The stated percentage ``v`` (a Value: ``value`` in %, ``places``) is some value of the ratio interval ``q``
    (a fraction) cut off at its last place rather than rounded: 2915.22 / 7968.14 = 36.586% printed 36.58%
    (issue 18, family 11: a warning that says so, not an error). Read for the shares (N002), the completion rates
    (N004), the growth rates (N003) and the changes against last year (Y001)."""
    ulp = Decimal(1).scaleb(-v.places)
    qp = q.scale(HUNDRED)
    return v.value >= 0 and qp.lo < v.value + ulp and qp.hi >= v.value


def _forced_list(ctx: Context, claim, places: int, q=None) -> bool:
    """The claim's list (the shares of the same base in its section) states shares adding to exactly 100 while
    the recomputed shares, rounded to the stated places, do not; or (``q``: the claim's own ratio, given when its
    share is no truncation) while its recomputed share with the others as stated does not — the share is the
    complement the list was forced to after another was cut off (js-jianchayuan-2018 p25: 10.8768% printed 10.87%,
    基本支出 13994.31 / 21955.35 = 63.74% printed 63.75% = 100 − 25.38 − 10.87)."""
    b = claim.base
    if b is None:
        return False
    same = [c for c in ctx.claims if c.kind == claim.kind and c.section == claim.section and c.base is not None
            and "share" in c.values and (c.base.what, c.base.value) == (b.what, b.value)]
    if len(same) < 2 or sum(c.values["share"].value for c in same) != HUNDRED:
        return False
    rounded = ZERO
    for c in same:
        num, den = current_amount(ctx, c), base_of(ctx, c)
        if num is None or den is None or not den.value or c.values["share"].places != places:
            return False
        rounded += round_to(num.value / den.value * HUNDRED, places)
    if rounded != HUNDRED:
        return True
    if q is None:
        return False
    others = sum((c.values["share"].value for c in same if c is not claim), ZERO)
    return not any(round_to(x * HUNDRED, places) + others == HUNDRED for x in (q.lo, q.hi))


def _base_what(b):
    """The base's name for a message: an item's own budget (``BaseRef.item``; "预算数 of ITEM" in the JSON
    ``base``) is said "ITEM预算数"."""
    return Msg("check.ratio.budget_of", item=b.item) if b.item is not None else b.what
