"""X040: 政府采购 货物 + 工程 + 服务 = the stated total."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from ....claims.budget import document_kind
from ....claims.model import Claim
from ....numbers import Interval
from ...base import Context, Finding, Msg, Rule, claim_evidence, fmt, interval_of
from ...claimutil import claim_finding, each_once
from ...claimutil import subject_is as _is
from ...claimutil import vocabulary as _voc
from ...restatement_helpers import _amount, _amount_claims, _sentence


def _nonneg(iv: Interval) -> Interval:
    """A 政府采购 amount's interval without its negative part: a "0万元" stands for [0, 0.5], not [−0.5, 0.5] (no
    procurement is negative), so "0万元，其中：…工程0.76万元" is shown wrong."""
    return Interval(max(iv.lo, Decimal(0)), max(iv.hi, Decimal(0)))


def _only(found: list):
    return found[0] if len(found) == 1 else None


class ProcurementParts(Rule):
    """政府采购 货物 + 工程 + 服务 = the total stated with them (same sentence, or the next one opening with 其中).

    Bad:  "政府采购金额为 372.34 万元，其中：货物采购金额 8.57 万元、工程采购金额 0.00 万元、服务采购金额 336.77 万元"
          (8.57 + 0.00 + 336.77 = 345.34 ≠ 372.34).
    Good: "… 服务采购金额 363.77 万元" (8.57 + 0.00 + 363.77 = 372.34).
    """

    id = "X040"
    severity = "error"
    summary = "政府采购 货物 + 工程 + 服务 = the stated total"
    compares = "narrative"

    def check(self, ctx: Context) -> Iterable[Finding]:
        voc = _voc("procurement")
        out = []
        claims = _amount_claims(ctx)
        for total in claims:
            if not _is(total, voc["total"]):
                continue
            sent = [c for c in claims if c.sentence_index == total.sentence_index and ctx.idx(c) > ctx.idx(total)]
            if not any(_is(c, voc[k]) for c in sent for k in ("goods", "works", "services")):
                # the parts in a sentence of their own that opens with 其中 ("政府采购预算总金额为 4641.62 万元。其中
                # 拟购买货物 962.86 万元；…"): the claims linked to the total as its parts
                sent = [c for c in claims if c.parts_of == ctx.idx(total)]
            parts = each_once(("goods", "works", "services"), lambda key, sent=sent: _only([c for c in sent if _is(c, voc[key])]))
            partial = False
            if not parts and document_kind(ctx.doc) == "预算":
                # a 预算 may state two of the three ("拟采购货物 268 万元、拟购买服务 2,828.24 万元"): their sum cannot
                # exceed the total, and equal to it they confirm it
                found = [_only([c for c in sent if _is(c, voc[k])]) for k in ("goods", "works", "services")]
                parts, partial = [p for p in found if p is not None], True
                if len(parts) < 2:
                    continue
            if not parts:
                continue
            s_val, s_iv = Decimal(0), Interval.point(Decimal(0))
            for p in parts:
                v, iv = _amount(p)
                s_val, s_iv = s_val + v, s_iv + _nonneg(iv)
            t_iv = _narrowed_by_cell(ctx, total, _amount(total)[1])
            if s_iv.overlaps(_nonneg(t_iv)):
                if not _coarse_total_differs(total, parts, s_iv):
                    for c in (total, *parts):
                        ctx.verify(c, self.id)
                    continue
                key, severity = "rule.X040.coarse", "warning"  # within the whole number's rounding: not provable
            elif partial and s_iv.hi < t_iv.lo:
                continue  # the part not stated may make up the rest
            else:
                key, severity = "rule.X040.parts", ""
            out.append(self._finding(ctx, total, parts, s_val, key, severity))
        return out

    def _finding(self, ctx: Context, total: Claim, parts: list[Claim], s_val: Decimal, key: str, severity: str) -> Finding:
        terms = " + ".join(p.values["amount"].raw for p in parts)
        f = claim_finding(
            self, ctx, total, Msg(key, terms=terms, sum=fmt(s_val), total=total.values["amount"].raw),
            stated=total.values["amount"].raw, expected=f"{fmt(s_val)} 万元", severity=severity,
            evidence=[claim_evidence(total, "amount")] + [claim_evidence(p, "amount") for p in parts],
            extra_claims=parts)
        # the sentence of the total and, when the parts follow in their own, that one too
        f.text = "".join(_sentence(ctx, c) for c in {c.sentence_index: c for c in (total, *parts)}.values())
        return f


def _coarse_total_differs(total: Claim, parts: list[Claim], s_iv: Interval) -> bool:
    """A total printed as a whole number ("0 万元", trailing zeros dropped) whose parts print cents, and the parts'
    sum lies outside the total read at the cent: within the whole number's rounding, so no error, but a reviewer
    reads "0 万元" as nothing (a warning)."""
    if "." in total.values["amount"].raw:
        return False
    places = max((p.values["amount"].raw.split(".")[1].rstrip(" 万元") for p in parts if "." in p.values["amount"].raw),
                 key=len, default="")
    if not places:
        return False
    return not s_iv.overlaps(_nonneg(interval_of(Decimal(total.values["amount"].value), len(places))))


def _narrowed_by_cell(ctx: Context, claim: Claim, iv: Interval) -> Interval:
    """A stated total's interval narrowed by the table cell it names when the two agree: "政府采购支出预算总额 0 万元"
    where the 政府采购 table prints 0.00 is 0.00 (±0.005), not anything up to 0.5 万元."""
    if claim.ref is None:
        return iv
    cell, _ = ctx.cell(claim.ref)
    if cell is None:
        return iv
    lo, hi = max(iv.lo, cell.interval.lo), min(iv.hi, cell.interval.hi)
    return Interval(lo, hi) if lo <= hi else iv
