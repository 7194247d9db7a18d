"""X030: opposite direction words fused (增加减少, 大于小于)."""

from __future__ import annotations

from ...slip_helpers import _SlipRule


class FusedDirectionWords(_SlipRule):
    """Two opposite direction words fused into one phrase.

    Bad:  "与 2024 年度相比，收入支出总计增加减少 90.09 万元" (expected: "增加 或 减少", as the figures say).
    Good: "收入支出总计增加 90.09 万元".
    """

    id = "X030"
    severity = "warning"
    summary = "opposite direction words fused (增加减少, 大于小于)"
    compares = "narrative"
    kind = "fused"
    what = "rule.X030.what"
