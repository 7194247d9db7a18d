"""C-rules: what could not be checked, and rates that are ill-defined.

A report must never look clean because nothing was read: a missing narrative or missing tables is an error,
and every claim that could not be resolved is listed with its reason.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..claims.budget import document_kind
from .base import ZERO, Context, Finding, Join, Location, Msg, Rule, claim_evidence, fmt, kind_name, no_rule
from .claimutil import budget_of, claim_finding, current_amount, money, percent

STANDARD = ("income_expense_total", "income", "expense", "fiscal_total", "gpb_expense", "gpb_basic", "fund", "soe", "sangong")


class ZeroBase(Rule):
    """A completion or growth rate (or a share) stated against a zero base is undefined.

    Bad:  "年初预算数为 0.00 万元，决算数 5.00 万元，完成年初预算的 0.00%"; "增长 100.00%" from 0.
    Good: "年初预算数为 0.00 万元，决算数 5.00 万元，为年中追加预算" (no rate).
    """

    id = "C001"
    group = "completeness"
    severity = "warning"
    summary = "a completion/growth rate or share stated against a zero base"

    def check(self, ctx: Context) -> Iterable[Finding]:
        out, zeros = [], []
        for c in ctx.claims:
            rate_role, base, num = None, None, None
            if percent(c, "completion"):
                rate_role = "completion"
                b = budget_of(ctx, c)
                cur = current_amount(ctx, c)
                base, num = (b[0] if b else None), (cur[0] if cur else None)
            elif percent(c, "rate") and (ch := money(c, "change")):
                rate_role = "rate"
                cur = current_amount(ctx, c)
                if cur is not None:
                    d = c.direction if c.direction is not None else 1
                    base, num = cur[0] - d * ch[0], ch[0]
            if rate_role is None or base is None or base != ZERO:
                continue
            ctx.cannot(c, Msg("rule.C001.completion_undefined" if rate_role == "completion" else "rule.C001.growth_undefined"))
            p = percent(c, rate_role)
            if num == 0 and p is not None and p[0] == 0:
                zeros.append(c)
                continue
            out.append(claim_finding(
                self, ctx, c,
                Msg("rule.C001.zero_base", rate=c.values[rate_role].raw, num=fmt(num) if num is not None else "?"),
                stated=c.values[rate_role].raw, expected="无定义（基数为 0）", evidence=[claim_evidence(c, rate_role)]))
        if zeros:
            c = zeros[0]
            out.append(Finding(
                rule=self.id, severity="info",
                message=Msg("rule.C001.zero_zero", n=len(zeros), lines=Join((str(z.line) for z in zeros[:12]), "enum")),
                text=c.text, stated=c.values["completion" if "completion" in c.values else "rate"].raw, expected="无定义（0/0）",
                location=Location(part=c.part_name, section=c.section, page=c.page, line=c.line),
                claims=[ctx.idx(z) for z in zeros]))
        return out


class NotFound(Rule):
    """The narrative, the claims, or standard tables were not found: the report says so and is never clean.

    Bad:  a document whose 第三部分 could not be located reported as "0 findings".
    Good: "C002 error: the narrative (第三部分 决算情况说明) was not found; nothing was reconciled".
    """

    id = "C002"
    group = "completeness"
    severity = "error"
    summary = "narrative, claims or standard tables not found (never report clean)"

    def check(self, ctx: Context) -> Iterable[Finding]:
        out = []
        doc = ctx.doc
        here = Location(part=None, section=None, table=None, page=None, line=1)
        if not doc.tables:
            out.append(Finding(self.id, "", Msg("rule.C002.no_tables"), doc.path, location=here))
        if not doc.narrative(3):
            key = "rule.C002.no_narrative_budget" if document_kind(doc) == "预算" else "rule.C002.no_narrative"
            out.append(Finding(self.id, "", Msg(key), doc.path, location=here))
        err = ctx.extraction_error
        if err:
            out.append(Finding(self.id, "", Msg("rule.C002.extraction_failed", error=err), doc.path, location=here))
        elif doc.narrative(3) and not ctx.claims:
            out.append(Finding(self.id, "", Msg("rule.C002.no_claims"), doc.path, location=here))
        missing = [k for k in STANDARD if doc.table(k) is None]
        if doc.tables and missing:
            out.append(Finding(self.id, "warning", Msg("rule.C002.missing_tables", kinds=", ".join(missing),
                                                   names="、".join(kind_name(k) for k in missing)),
                               doc.path, location=here))
        return out


class Unresolved(Rule):
    """Claims that no rule could check (subject not resolved, no table, no companion statement) are listed as
    unverifiable with the reason.

    Bad:  a claim silently dropped from the report.
    Good: "C003 info: 12 claims unverifiable — 政府采购 (no procurement table) …".
    """

    id = "C003"
    group = "completeness"
    severity = "info"
    summary = "claims whose subject could not be resolved are listed as unverifiable"
    phase = "after_verdicts"  # reads what the other rules decided

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


RULES = [ZeroBase, NotFound, Unresolved]
