"""N004: a completion rate recomputes as actual / budget."""

from __future__ import annotations

from ...base import Context, Evidence, Msg
from ...claimutil import base_reason, money
from ...ratios import _ev, _RatioRule


class CompletionRecomputes(_RatioRule):
    """A completion rate (完成年初预算的 …%, 预算执行率) equals actual / budget.

    Bad:  "全年预算资金总额 2485.35 万元 … 执行数 449.76 万元，预算执行率为 18.01%" (= 18.10%).
    Good: "… 预算执行率为 18.10%".
    """

    id = "N004"
    severity = "error"
    summary = "a completion rate recomputes as actual / budget"
    compares = "narrative_tables"

    role = "completion"
    label = "完成率"

    def missing(self, ctx: Context, c, actual, budget) -> Msg | str:
        return (base_reason(ctx, c) or Msg("rule.N004.no_budget")) if budget is None else Msg("rule.N004.no_actual")

    def num_evidence(self, c, actual) -> Evidence:
        return _ev(actual.source, "actual" if money(c, "actual") else "amount")
