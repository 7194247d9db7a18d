"""X060: a character confused with a look-alike in a fiscal term (年未 for 年末, 己 for 已)."""

from __future__ import annotations

from ...slip_helpers import _SlipRule


class LookalikeCharacter(_SlipRule):
    """A character confused with a look-alike inside a fiscal term (``[lookalike]`` of patterns/slips.toml).

    Bad:  "年未结转和结余 120.00 万元" (expected "年末结转和结余"); "项目己完成验收" (expected "已完成").
    Good: "年末结转和结余 120.00 万元"; "全年未发生公务接待" (未 is no misprint there).
    """

    id = "X060"
    severity = "warning"
    summary = "a character confused with a look-alike in a fiscal term (年未 for 年末, 己 for 已)"
    compares = "narrative"
    kind = "lookalike"
    what = "rule.X060.what"
