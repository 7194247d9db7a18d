"""C-rules: what could not be checked, and rates that are ill-defined.

A report must never look clean because nothing was read: a missing narrative or missing tables is an error,
and every claim that could not be resolved is listed with its reason.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

import regex as re

from ..claims.budget import document_kind
from .base import ZERO, Context, Evidence, Finding, Join, Location, Msg, Rule, claim_evidence, fmt, kind_name, no_rule
from .claimutil import budget_of, claim_finding, current_amount, money, percent

STANDARD = ("income_expense_total", "income", "expense", "fiscal_total", "gpb_expense", "gpb_basic", "fund", "soe", "sangong")
# a 预算 prints this year's tables only and the families differ (江苏 has no 国有资本经营 table, 上海 prints "无" for an
# empty fund): the tables every 预算 of both families prints; 收入预算总表 is ``income`` or the list ``income_sources``
BUDGET_STANDARD = ("income_expense_total", "income", "expense", "fiscal_total", "gpb_expense", "gpb_basic", "sangong")
SAME_ROLE = {"income": ("income", "income_sources")}


class ZeroBase(Rule):
    """A completion or growth rate (or a share) stated against a zero base is undefined. When the claim states
    another budget (年初 and 全年) and the rate fits it, the finding says which base the rate fits. A rate of 0%
    on a 0 base (0/0) is undefined too: one warning per claim.

    Bad:  "年初预算数为 0.00 万元，决算数 5.00 万元，完成年初预算的 0.00%"; "增长 100.00%" from 0;
          "年初预算为0万元，全年预算为321.02万元，支出决算为307.82万元，完成年初预算的95.89%" (307.82 / 321.02 =
          95.89%: the rate is of the 全年预算); "年初预算为 0 万元，决算为 0 万元，完成预算的 0%" (0/0).
    Good: "年初预算数为 0.00 万元，决算数 5.00 万元，为年中追加预算" (no rate).
    """

    id = "C001"
    group = "completeness"
    severity = "warning"
    summary = "a completion/growth rate or share stated against a zero base (and the base it fits)"

    def check(self, ctx: Context) -> Iterable[Finding]:
        out: list[Finding] = []
        zeros: dict[str, list] = {}
        for c in ctx.claims:
            rate_role, base, num = None, None, None
            if percent(c, "completion"):
                rate_role = "completion"
                b = budget_of(ctx, c)
                cur = current_amount(ctx, c)
                base, num = (b.value if b else None), (cur.value if cur else None)
            elif percent(c, "rate") and (ch := money(c, "change")):
                rate_role = "rate"
                cur = current_amount(ctx, c)
                if cur is not None:
                    d = c.direction if c.direction is not None else 1
                    base, num = cur.value - d * ch.value, ch.value
            if rate_role is None or base is None or base != ZERO:
                continue
            ctx.cannot(c, Msg("rule.C001.completion_undefined" if rate_role == "completion" else "rule.C001.growth_undefined"))
            p = percent(c, rate_role)
            raw = c.values[rate_role].raw
            if num == 0 and p is not None and p.value == 0:
                zeros.setdefault((c.section or "").split(" > ")[0], []).append(c)
                continue
            fits = _other_base(c, p, num) if rate_role == "completion" and p is not None and num is not None else None
            if fits is not None:
                role, value = fits
                msg = Msg("rule.C001.fits_other", rate=raw, num=fmt(num), other=Msg(f"rule.C001.{role}"),
                          base=fmt(value), stated_base=c.basis or Msg("rule.C001.budget_initial"))
                out.append(claim_finding(self, ctx, c, msg, stated=raw, expected=f"无定义（基数为 0）；按{_ROLE_ZH[role]} {fmt(value)} 计算相符",
                                         evidence=[claim_evidence(c, rate_role), claim_evidence(c, role)]))
                continue
            out.append(claim_finding(
                self, ctx, c,
                Msg("rule.C001.zero_base", rate=raw, num=fmt(num) if num is not None else "?"),
                stated=raw, expected="无定义（基数为 0）", evidence=[claim_evidence(c, rate_role)]))
        for cs in zeros.values():  # 0/0: one warning per section, naming every line
            c = cs[0]
            raw = c.values["completion" if "completion" in c.values else "rate"].raw
            msg = (Msg("rule.C001.zero_zero_one", rate=raw) if len(cs) == 1 else
                   Msg("rule.C001.zero_zero", n=len(cs), lines=Join((str(z.line) for z in cs[:12]), "enum")))
            out.append(claim_finding(self, ctx, c, msg, stated=raw, expected="无定义（0/0）", extra_claims=cs[1:],
                                     evidence=[claim_evidence(z, "completion" if "completion" in z.values else "rate")
                                               for z in cs[:12]]))
        return out


_ROLE_ZH = {"budget_annual": "全年预算", "budget_initial": "年初预算"}


def _other_base(c, p, num) -> tuple[str, Decimal] | None:
    """The other budget the claim states (全年 when the base was 年初, or the reverse) when the stated rate is the
    actual over it, within the rounding of every figure: (its role, its value)."""
    for role in ("budget_annual", "budget_initial"):
        m = money(c, role)
        if m is None or m.value == ZERO:
            continue
        cur = money(c, "actual") or money(c, "amount")
        num_iv = cur.interval if cur is not None else None
        if num_iv is None:
            continue
        q = num_iv / m.interval
        if q is not None and q.overlaps(p.interval):
            return role, m.value
    return None


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


_FIGURE = re.compile(r"(?<![\d.])\d[\d,]*(?:\.\d+)?(?![\d.])")


def _has_figure(row) -> bool:
    """A row prints a figure other than 0: a value read, or a figure of its printed text (a row whose blank cells
    vanished keeps its figures unplaced) other than its code."""
    if any(v for v in row.values.values() if v is not None):
        return True
    text = (row.text or "").replace(row.code or "\0", " ", 1)
    return any(Decimal(m.group(0).replace(",", "")) != 0 for m in _FIGURE.finditer(text))


class BlankTableFiguresStated(Rule):
    """A table the document prints (and does not declare blank) has no figure at all, while the narrative states
    figures that are its cells: the table promised by the 目录 and the text is empty. (A table declared blank by its
    note is X024's.)

    Bad:  财政拨款“三公”经费支出决算表 printed with every cell empty while 第三部分 states "“三公”经费财政拨款支出
          年初预算为 12.00 万元，支出决算为 10.50 万元".
    Good: the table prints the 12.00 and 10.50; or the narrative says "本年度无“三公”经费财政拨款支出".
    """

    id = "C010"
    group = "completeness"
    severity = "warning"
    summary = "a table printed without any figure while the narrative states its figures"

    def check(self, ctx: Context) -> Iterable[Finding]:
        declared = {t.kind for t in ctx.facts.tables if t.declared_blank}
        out = []
        for t in ctx.tables:
            if t.kind in declared or ctx.table(t.kind) is not t:
                continue  # declared blank (X024), or a table the engine cannot read reliably
            if any(_has_figure(r) for r in t.rows):
                continue
            items = []
            for c in ctx.claims:
                if c.ref is None or c.ref.table != t.kind or c.kind in ("zero", "reason", "list"):
                    continue
                nz = [v for v in c.values.values() if v.unit in ("万元", "元") and v.value != ZERO]
                if nz:
                    items.append((c, nz[0]))
            if not items:
                continue
            more = Msg("rule.X024.more", n=len(items)) if len(items) > 1 else ""
            out.append(Finding(
                self.id, "", Msg("rule.C010.blank", table=t.label, first=items[0][1].raw, more=more),
                t.title or t.label, stated="（空表）", expected=items[0][1].raw,
                location=Location(part="决算表", section=None, table=t.label, page=t.page, line=t.line),
                evidence=[Evidence("narrative", v.raw, None, c.subject, f"line {c.line}") for c, v in items[:12]],
                claims=[ctx.idx(c) for c, _ in items]))
        return out


RULES = [ZeroBase, NotFound, Unresolved, BlankTableFiguresStated]
