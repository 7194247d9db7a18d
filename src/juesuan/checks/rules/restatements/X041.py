"""X041: 政府采购 awarded ≤ reserved (中小/小微 企业); reserved for 小微 ≤ for 中小; granted to 小微 ≤ to 中小 ≤ the total."""

from __future__ import annotations

from collections.abc import Iterable

from ...base import Context, Finding, Msg, Rule, claim_evidence
from ...claimutil import claim_finding
from ...claimutil import subject_is as _is
from ...claimutil import vocabulary as _voc
from ...restatement_helpers import _amount, _amount_claims


class ProcurementAwarded(Rule):
    """Amounts awarded within the projects reserved for SMEs (micro enterprises) do not exceed the amounts
    reserved; contracts granted to micro enterprises do not exceed those granted to SMEs, nor these the whole
    政府采购. A warning: the reserved amount is a budget and the awarded one a contract sum, which the narrative only
    implies are of the same projects.

    Bad:  "面向小微企业预留政府采购项目预算金额 152.92 万元 … 由小微企业供应商中标或成交的，采购金额 182.92 万元".
    Good: "… 采购金额 152.92 万元" (152.92 ≤ 152.92).

    A 预算's part reserved for micro enterprises is of the amount reserved for SMEs ("面向中小企业预留政府采购项目
    预算金额34万元，其中，预留给小型和微型企业的政府采购项目预算为34万元"): more than it is an error (both are the
    same budget's figures).
    """

    id = "X041"
    severity = "warning"
    summary = "政府采购 awarded ≤ reserved (中小/小微 企业); reserved for 小微 ≤ for 中小; granted to 小微 ≤ to 中小 ≤ the total"
    compares = "narrative"

    def check(self, ctx: Context) -> Iterable[Finding]:
        voc = _voc("procurement")
        claims = _amount_claims(ctx)

        def one(key):
            found = [c for c in claims if _is(c, voc[key])]
            vals = {_amount(c)[0] for c in found}
            return found[0] if found and len(vals) == 1 else None  # stated twice differently: X001's business

        out = []
        for small, big, what in (("reserved_micro_part", "reserved_sme", Msg("rule.X041.reserved_micro")),
                                 ("awarded_sme", "reserved_sme", Msg("rule.X041.awarded_sme")),
                                 ("awarded_micro", "reserved_micro", Msg("rule.X041.awarded_micro")),
                                 ("granted_micro", "granted_sme", Msg("rule.X041.granted_micro")),
                                 ("granted_sme", "total", Msg("rule.X041.granted_sme"))):
            a, b = one(small), one(big)
            if a is None or b is None:
                continue
            (_av, aiv), (_bv, biv) = _amount(a), _amount(b)
            if aiv.lo <= biv.hi:
                ctx.verify(a, self.id)
                ctx.verify(b, self.id)
                continue
            out.append(claim_finding(
                self, ctx, a,
                Msg("rule.X041.exceeds", what=what, amount=a.values["amount"].raw, subject=b.subject,
                    other=b.values["amount"].raw),
                stated=a.values["amount"].raw, expected=f"≤ {b.values['amount'].raw}",
                evidence=[claim_evidence(a, "amount"), claim_evidence(b, "amount")], extra_claims=[b],
                # a part of a reserved amount is of the same budget (its 其中): more than the whole is wrong
                severity="error" if small == "reserved_micro_part" else ""))
        return out
