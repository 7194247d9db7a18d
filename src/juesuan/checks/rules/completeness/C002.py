"""C002: narrative, claims or standard tables not found (never report clean)."""

from __future__ import annotations

from collections.abc import Iterable

from ....claims.budget import document_kind
from ...base import Context, Finding, Location, Msg, Rule, kind_name

STANDARD = ("income_expense_total", "income", "expense", "fiscal_total", "gpb_expense", "gpb_basic", "fund", "soe", "sangong")


# a 预算 prints this year's tables only and the families differ (江苏 has no 国有资本经营 table, 上海 prints "无" for an
# empty fund): the tables every 预算 of both families prints; 收入预算总表 is ``income`` or the list ``income_sources``
BUDGET_STANDARD = ("income_expense_total", "income", "expense", "fiscal_total", "gpb_expense", "gpb_basic", "sangong")


SAME_ROLE = {"income": ("income", "income_sources")}


class NotFound(Rule):
    """The narrative, the claims, or standard tables were not found: the report says so and is never clean.

    Bad:  a document whose 第三部分 could not be located reported as "0 findings".
    Good: "C002 error: the narrative (第三部分 决算情况说明) was not found; nothing was reconciled".
    """

    id = "C002"
    severity = "error"
    summary = "narrative, claims or standard tables not found (never report clean)"
    compares = "narrative_tables"
    decides_verdicts = False
    reports_unchecked = True

    def check(self, ctx: Context) -> Iterable[Finding]:
        out = []
        doc = ctx.doc
        here = Location(part=None, section=None, table=None, page=None, line=1)
        if not ctx.tables:
            out.append(Finding(self.id, "", Msg("rule.C002.no_tables"), doc.path, location=here))
        if not doc.narrative(3):
            key = "rule.C002.no_narrative_budget" if document_kind(doc) == "预算" else "rule.C002.no_narrative"
            out.append(Finding(self.id, "", Msg(key), doc.path, location=here))
        err = ctx.extraction_error
        if err:
            out.append(Finding(self.id, "", Msg("rule.C002.extraction_failed", error=err), doc.path, location=here))
        elif doc.narrative(3) and not ctx.claims:
            out.append(Finding(self.id, "", Msg("rule.C002.no_claims"), doc.path, location=here))
        budget = document_kind(doc) == "预算"
        missing = [k for k in (BUDGET_STANDARD if budget else STANDARD)
                   if all(ctx.as_read(x) is None for x in SAME_ROLE.get(k, (k,)))]
        if ctx.tables and missing:
            dk = "预算" if budget else "决算"
            out.append(Finding(self.id, "warning", Msg("rule.C002.missing_tables", kinds=", ".join(missing),
                                                   names="、".join(kind_name(k, dk) for k in missing)),
                               doc.path, location=here))
        return out
