"""X031: doubled punctuation."""

from __future__ import annotations

from ...slip_helpers import _SlipRule


class DoubledPunctuation(_SlipRule):
    """A punctuation mark doubled, or two sentence marks in a row.

    Bad:  "主要原因是节约开支，，部分经费未支付。" (expected "，").
    Good: "主要原因是节约开支，部分经费未支付。"; "……" and "——" are single marks.
    """

    id = "X031"
    severity = "info"
    summary = "doubled punctuation"
    compares = "narrative"
    kind = "punctuation"
    what = "rule.X031.what"
