"""X062: an item's purpose text copied from another item (住房公积金 … 主要用于医疗保险)."""

from __future__ import annotations

from collections.abc import Iterable

from ...base import Context, Finding, Msg, Rule
from ...slip_helpers import _loc


class PurposeOfAnotherItem(Rule):
    """An item's purpose text ("主要用于…") names what another 项 pays for and nothing of its own: copied from
    another item (``[purpose]`` of patterns/slips.toml).

    Bad:  "住房保障支出（类）住房改革支出（款）住房公积金（项），主要用于支付机关事业单位基本医疗保险支出"
          (expected: a purpose about 住房公积金).
    Good: "…住房公积金（项），主要用于支付住房公积金。"
    """

    id = "X062"
    severity = "warning"
    summary = "an item's purpose text copied from another item (住房公积金 … 主要用于医疗保险)"
    compares = "narrative"

    def check(self, ctx: Context) -> Iterable[Finding]:
        out = []
        for s in ctx.facts.slips:
            if s.kind == "purpose":
                out.append(Finding(self.id, "", Msg("rule.X062.purpose", item=s.note, stated=s.stated, own=s.expected),
                                   s.text, stated=s.stated, expected=s.expected, location=_loc(ctx, s)))
        return out
