"""X064: a clause that states a change and 持平 at once."""

from __future__ import annotations

from ...slip_helpers import _SlipRule


class SelfContradictoryClause(_SlipRule):
    """A clause that contradicts itself: a change stated with its figure and 持平 at once.

    Bad:  "公务用车购置费减少为0.00万元，与2024年持平" (expected "减少 或 持平": the figures decide);
          "增加 0.00 万元，与上年持平" (expected "持平").
    Good: "公务用车购置费 0.00 万元，与 2024 年持平"; "减少 3.00 万元，下降 12.00%".
    """

    id = "X064"
    severity = "warning"
    summary = "a clause that states a change and 持平 at once"
    compares = "narrative"
    kind = "selfcontra"
    what = "rule.X064.what"
