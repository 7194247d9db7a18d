"""C003: claims whose subject could not be resolved are listed as unverifiable."""

from __future__ import annotations

from collections.abc import Iterable

from ...base import Context, Finding, Join, Location, Msg, Rule, no_rule


class Unresolved(Rule):
    """Claims that no rule could check (subject not resolved, no table, no companion statement) are listed as
    unverifiable with the reason.

    Bad:  a claim silently dropped from the report.
    Good: "C003 info: 12 claims unverifiable — 政府采购 (no procurement table) …".
    """

    id = "C003"
    severity = "info"
    summary = "claims whose subject could not be resolved are listed as unverifiable"
    phase = "after_verdicts"  # reads what the other rules decided
    compares = "narrative_tables"
    decides_verdicts = False
    reports_unchecked = True

    def check(self, ctx: Context) -> Iterable[Finding]:
        left = [c for i, c in enumerate(ctx.claims) if i not in ctx.verified and i not in ctx.contradicted]
        if not left:
            return []
        reasons: dict[Msg | str, int] = {}
        for c in left:
            r = ctx.unverifiable.get(ctx.idx(c)) or c.ref_reason or no_rule(c)
            reasons[r] = reasons.get(r, 0) + 1
        top = sorted(reasons.items(), key=lambda kv: -kv[1])[:6]
        c = left[0]
        return [Finding(
            rule=self.id, severity="",
            message=Msg("rule.C003.tally", n=len(left), reasons=Join(Msg("rule.C003.reason", reason=r, n=n) for r, n in top)),
            text=c.text, location=Location(part=c.part_name, section=c.section, page=c.page, line=c.line),
            claims=[ctx.idx(x) for x in left])]
