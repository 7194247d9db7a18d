"""X050: a 预算's comparison base is the year before the budget year."""

from __future__ import annotations

from collections.abc import Iterable

from ...base import Context, Finding, Msg, Rule
from ...budget_changes import _budget
from ...claimutil import claim_finding


class BaseYear(Rule):
    """A 预算 is compared with the year before its budget year: "2025年…比2024年预算增加". A base of the budget
    year itself (or later) compares the budget with itself.

    Bad:  (2026年部门预算) "财政拨款支出预算 9,101.68 万元，比2026年预算减少 2,389.52 万元".
    Good: (2026年部门预算) "…，比2025年预算减少 2,389.52 万元".
    """

    id = "X050"
    severity = "error"
    summary = "a 预算's comparison base is the year before the budget year"
    compares = "narrative"

    def check(self, ctx: Context) -> Iterable[Finding]:
        year = ctx.doc.year
        if not _budget(ctx) or not year:
            return []
        out = []
        for c in ctx.claims:
            if c.kind != "change" or c.basis_year is None:
                continue
            if c.basis_year == year - 1:
                continue  # the year is right; the change itself is another rule's (no claim is confirmed by its year)
            sev = "error" if c.basis_year >= year else "warning"
            out.append(claim_finding(
                self, ctx, c, Msg("rule.X050.year", year=year, base_year=c.basis_year, basis=c.basis or "", expected=year - 1),
                stated=f"{c.basis_year}年", expected=f"{year - 1}年", severity=sev))
        return out
