"""Helpers shared by the rules X030, X031, X032, X033, X034, X060, X061, X062, X064 (and by what imports them from
here)."""

from __future__ import annotations

from collections.abc import Iterable

from ..claims.mentions import Slip
from .base import Context, Finding, Location, Msg, Rule, place_location


def _loc(ctx: Context, s) -> Location:
    return place_location(ctx, s.where, s.line, s.page)


def _corrected(s: Slip) -> str:
    """The sentence with the slip replaced by its correction (alternatives: the first one shown)."""
    fix = s.expected
    if s.kind == "residue" and fix.startswith(("(", "（")):  # a placeholder: the correction is the real figure
        return fix
    if " 或 " in fix:
        return fix
    return s.text.replace(s.stated, fix, 1) or "（删除）"


class _SlipRule(Rule):
    kind = ""
    what = ""  # catalogue key of the slip's name (patterns/messages.*.toml)

    def check(self, ctx: Context) -> Iterable[Finding]:
        out, seen = [], set()
        for s in ctx.facts.slips:
            if s.kind != self.kind:
                continue
            key = (s.line, s.page, s.text, s.stated)
            if key in seen:
                continue
            seen.add(key)
            out.append(Finding(self.id, "", Msg("check.slip.found", what=Msg(self.what), stated=s.stated), s.text, stated=s.stated, expected=_corrected(s),
                               location=_loc(ctx, s)))
        return out
