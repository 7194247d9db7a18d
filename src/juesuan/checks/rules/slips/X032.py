"""X032: a rate or share printed without %."""

from __future__ import annotations

from ...slip_helpers import _SlipRule


class RateWithoutPercent(_SlipRule):
    """A rate or share printed without its %.

    Bad:  "收入支出总计增加 90.09 万元，增长 1.94。" (expected "1.94%").
    Good: "增长 1.94%。"
    """

    id = "X032"
    severity = "warning"
    summary = "a rate or share printed without %"
    compares = "narrative"
    kind = "rate"
    what = "rule.X032.what"
