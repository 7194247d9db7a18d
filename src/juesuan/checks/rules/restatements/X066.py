"""X066: SMEs' contracts counted twice in the 政府采购 statement (issue 18, family 9).

The contracts awarded to SMEs within the projects reserved for them ("在面向中小企业预留的政府采购项目中，由中小企业供应商
中标或成交的，采购金额 A") and in the other projects ("在其他政府采购项目中，由中小企业供应商中标或成交的，采购金额 O") are
contracts of disjoint sets of projects, both part of the 政府采购 total T (以合同签订为准): A + O ≤ T. When the reserved
projects already account for the whole total (A = T), any O > 0 is counted twice. Vocabulary: ``[procurement]`` of
patterns/restatements.toml.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from ...base import Context, Finding, Msg, Rule, claim_evidence, fmt
from ...claimutil import claim_finding, money
from ...claimutil import subject_is as _is
from ...claimutil import vocabulary as _voc


def _one(ctx: Context, pattern: str):
    """The one amount claim of this subject (stated twice differently: X001's business, not this rule's)."""
    found = [c for c in ctx.claims if c.kind == "amount" and money(c, "amount") is not None and _is(c, pattern)]
    vals = {c.values["amount"].value for c in found}
    return found[0] if found and len(vals) == 1 else None


class ProcurementDoubleCount(Rule):
    """SMEs' contracts in the reserved projects plus those in the other projects do not exceed the 政府采购 total.

    Bad:  "政府采购金额（以合同签订为准）为 372.34 万元 … 在面向中小企业预留的政府采购项目中，由中小企业供应商中标或成交的，
          采购金额 372.34 万元；…在其他政府采购项目中，由中小企业供应商中标或成交的，采购金额 20.00 万元" (372.34 + 20.00
          > 372.34: the reserved projects are the whole total, so the other projects' 20.00 is counted twice).
    Good: "… 在其他政府采购项目中，由中小企业供应商中标或成交的，采购金额 0 万元" (shanghai-putuo-shengtaihuanjing-2025).
    """

    id = "X066"
    severity = "warning"
    summary = "政府采购: SMEs' contracts in the reserved and the other projects add to no more than the total (counted twice)"
    compares = "narrative"

    def check(self, ctx: Context) -> Iterable[Finding]:
        voc = _voc("procurement")
        if "awarded_other" not in voc:
            return []
        total, reserved, other = (_one(ctx, voc[k]) for k in ("total", "awarded_sme", "awarded_other"))
        if total is None or reserved is None or other is None:
            return []
        (tv, tiv), (rv, riv), (ov, oiv) = (money(c, "amount") for c in (total, reserved, other))  # type: ignore[misc]
        if (riv + oiv).lo <= tiv.hi:
            for c in (total, reserved, other):
                ctx.verify(c, self.id)
            return []
        f = claim_finding(
            self, ctx, other,
            Msg("rule.X066.double", other=other.values["amount"].raw, reserved=reserved.values["amount"].raw,
                total=total.values["amount"].raw, sum=fmt(rv + ov)),
            stated=other.values["amount"].raw, expected=f"≤ {fmt(max(tv - rv, Decimal(0)))} 万元",
            evidence=[claim_evidence(c, "amount") for c in (other, reserved, total)])  # the other projects' figure is the one counted twice
        return [f]
