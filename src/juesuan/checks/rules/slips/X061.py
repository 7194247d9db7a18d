"""X061: a character dropped from a fixed phrase (一般公共预算财政款)."""

from __future__ import annotations

from collections.abc import Iterable

from ...base import Context, Finding, Msg, Rule
from ...slip_helpers import _loc


class DroppedCharacter(Rule):
    """A character dropped from a fixed phrase of the genre (``[dropped]`` of patterns/slips.toml).

    Bad:  "一般公共预算财政款支出 307.82 万元" (expected "一般公共预算财政拨款").
    Good: "一般公共预算财政拨款支出 307.82 万元"; "年初结转结余" (a form of its own).
    """

    id = "X061"
    severity = "warning"
    summary = "a character dropped from a fixed phrase (一般公共预算财政款)"
    compares = "narrative"

    def check(self, ctx: Context) -> Iterable[Finding]:
        out, seen = [], set()
        for s in ctx.facts.slips:
            # one finding per sentence: a phrase dropped twice in it ("计入机关运行费支出中，…未纳入机关运行费统计")
            # is one slip repeated, its correction both places
            if s.kind != "dropped" or (s.text, s.stated) in seen:
                continue
            seen.add((s.text, s.stated))
            out.append(Finding(self.id, "", Msg("rule.X061.dropped", stated=s.stated, phrase=s.expected), s.text,
                               stated=s.stated, expected=s.text.replace(s.stated, s.expected), location=_loc(ctx, s)))
        return out
