"""N002: a share (占 …%) recomputes as amount / base."""

from __future__ import annotations

from ...base import Context, Evidence, Msg
from ...claimutil import base_reason
from ...ratios import _ev, _RatioRule


class ShareRecomputes(_RatioRule):
    """A stated share (占 …%) equals amount / base recomputed over rounding intervals.

    Bad:  "项目支出 273.39 万元，占 62.79%" of 支出合计 449.76 (273.39/449.76 = 60.79%).
    Good: "项目支出 273.39 万元，占 60.79%".
    """

    id = "N002"
    severity = "error"
    summary = "a share (占 …%) recomputes as amount / base"
    compares = "narrative_tables"

    role = "share"
    label = "占比"

    def missing(self, ctx: Context, c, cur, base) -> Msg | str:
        return Msg("rule.N002.no_amount") if cur is None else (base_reason(ctx, c) or Msg("rule.N002.no_base"))

    def num_evidence(self, c, cur) -> Evidence:
        return _ev(cur.source)
