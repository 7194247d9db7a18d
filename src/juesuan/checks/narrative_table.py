"""N-rules: every figure of the narrative against the tables.

Amounts are compared in 万元 over rounding intervals (a stated 449.76 is [449.755, 449.765]; a table cell
likewise, at the table's printed precision); shares, growth rates and completion rates are recomputed
from the rounded inputs as intervals and must overlap the stated percentage's interval.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

import regex as re

from ..claims.budget import document_kind
from ..numbers import round_to
from .base import HUNDRED, ZERO, Cell, Context, Evidence, Finding, Msg, Rule, claim_evidence, fmt, fmt_pct, table_places
from .claimutil import (
    base_evidence,
    base_of,
    claim_finding,
    current_amount,
    lookback,
    money,
    percent,
    previous_interval,
    sign,
    squash,
)


def _ev(src, role=None) -> Evidence:
    if isinstance(src, Cell):
        return src.evidence()
    return claim_evidence(src, role or "amount")


class AmountMatchesTable(Rule):
    """A stated amount equals the table cell its subject refers to (compared in 万元, within the rounding
    of both figures).

    Bad:  "基本支出 176.73 万元" while 公开03表 合计·基本支出 prints 176.37.
    Good: "基本支出 176.37 万元".
    """

    id = "N001"
    group = "narrative_table"
    severity = "error"
    summary = "a stated amount equals its referenced table cell (万元, rounding of both)"

    def check(self, ctx: Context) -> Iterable[Finding]:
        out = []
        for c in ctx.claims:
            if c.ref is None or c.headline is not None:
                continue  # a 预算 item's 预算安排 figure is its headline's (X051), which is checked here
            roles = [r for r in ("amount", "actual") if money(c, r)]
            budget_col = None
            if money(c, "budget") and c.ref.column and c.ref.column.startswith("决算数|"):
                budget_col = "预算数|" + c.ref.column.split("|", 1)[1]
                roles.append("budget")
            if not roles:
                continue
            ok = True
            for role in roles:
                cell, why = ctx.cell(c.ref, budget_col if role == "budget" else None)
                if cell is None and _zero_of_empty(ctx, c, role):
                    continue  # a 预算 table printed empty ("本表为空表") and a stated 0: they agree
                if cell is None:
                    ctx.cannot(c, why or Msg("reason.cell.not_found"))
                    ok = False
                    continue
                m = money(c, role)
                assert m is not None  # roles hold only stated figures
                iv = m[1]
                if iv.overlaps(cell.interval):
                    if _two_prints(c.values[role], cell):  # one figure printed two ways (issue 18, family 4)
                        ok = False
                        out.append(claim_finding(
                            self, ctx, c,
                            Msg("rule.N001.two_prints", subject=c.subject or "金额", stated=c.values[role].raw,
                                table=cell.table.label, row=cell.row.name, column=cell.column, printed=fmt(cell.value),
                                unit=cell.table.unit),
                            stated=c.values[role].raw, expected=f"{fmt(cell.wan)} 万元",
                            evidence=[cell.evidence(), claim_evidence(c, role)], table=cell.table.label,
                            severity="warning"))
                    continue
                ok = False
                # a 预算 table prints nothing for 0, and a cell lost by the reader prints nothing too: a blank cell
                # against a stated amount is a warning there, never an error resting on what may be a misreading
                blank = document_kind(ctx.doc) == "预算" and cell.row.values.get(cell.column) is None
                out.append(claim_finding(
                    self, ctx, c,
                    Msg("rule.N001.amount", subject=c.subject or "金额", stated=c.values[role].raw, table=cell.table.label,
                        row=cell.row.name, column=cell.column, printed=fmt(cell.value), unit=cell.table.unit),
                    stated=c.values[role].raw, expected=f"{fmt(cell.wan)} 万元",
                    evidence=[cell.evidence(), claim_evidence(c, role)], table=cell.table.label,
                    severity="warning" if blank else ""))
            if ok:
                ctx.verify(c, self.id)
        return out


def _two_prints(v, cell: Cell) -> bool:
    """A stated figure in the cell's unit, to its decimals, one unit of the last place off it: the same figure
    printed two ways (not a rounding: neither is derived from the other)."""
    unit = cell.table.unit or "万元"
    return ((v.unit or "万元") == unit and v.places == table_places(cell.table) and v.value != cell.value)


def _zero_of_empty(ctx: Context, c, role: str) -> bool:
    """A 预算 states 0 for a table printed empty (its figure is 0 by the table's own note)."""
    if document_kind(ctx.doc) != "预算" or c.ref is None:
        return False
    t = ctx.table(c.ref.table)
    v = c.values.get(role)
    return t is not None and t.empty and v is not None and v.value == 0


class _RatioRule(Rule):
    """A stated percentage (``role``) against the claim's current amount over its resolved base; the rule
    says why a claim lacking either is unverifiable and which evidence its numerator has."""

    role = ""
    label = ""

    def missing(self, c, num, den) -> Msg:
        raise NotImplementedError

    def num_evidence(self, c, num) -> Evidence:
        raise NotImplementedError

    def check(self, ctx: Context) -> Iterable[Finding]:
        out = []
        for c in ctx.claims:
            if percent(c, self.role) is None:
                continue
            num, den = current_amount(ctx, c), base_of(ctx, c)
            if num is None or den is None:
                ctx.cannot(c, self.missing(c, num, den))
                continue
            out.extend(_ratio_recomputes(
                self, ctx, c, self.role, num, den, self.label, Msg(f"rule.{self.id}.zero_base"),
                lambda c=c, num=num, den=den: [self.num_evidence(c, num), base_evidence(c, den[2]),
                                               claim_evidence(c, self.role)]))
        return out


class ShareRecomputes(_RatioRule):
    """A stated share (占 …%) equals amount / base recomputed over rounding intervals.

    Bad:  "项目支出 273.39 万元，占 62.79%" of 支出合计 449.76 (273.39/449.76 = 60.79%).
    Good: "项目支出 273.39 万元，占 60.79%".
    """

    id = "N002"
    group = "narrative_table"
    severity = "error"
    summary = "a share (占 …%) recomputes as amount / base"

    role = "share"
    label = "占比"

    def missing(self, c, cur, base) -> Msg:
        return Msg("rule.N002.no_amount") if cur is None else (c.base_reason or Msg("rule.N002.no_base"))

    def num_evidence(self, c, cur) -> Evidence:
        return _ev(cur[2])


def _ratio_recomputes(rule: Rule, ctx: Context, claim, role: str, num, den, label: str, undefined: Msg,
                      evidence) -> list[Finding]:
    """A stated percentage (``role``) against num / den, both (value, Interval, source) from the rounded
    figures: verified when the quotient interval overlaps the stated one, a finding otherwise."""
    stated = claim.values[role]
    q = num[1] / den[1]
    if q is None:
        ctx.cannot(claim, undefined)
        return []
    p = percent(claim, role)
    assert p is not None  # the rule only recomputes a stated percentage
    if q.overlaps(p[1]):
        ctx.verify(claim, rule.id)
        return []
    exp = num[0] / den[0]
    soft = _last_place(ctx, claim, role, q)
    return [claim_finding(
        rule, ctx, claim,
        Msg(_SOFT.get(soft or "", "check.ratio.recomputed"), subject=claim.subject or label, label=label, stated=stated.raw,
            num=fmt(num[0]), den=fmt(den[0]), expected=fmt_pct(exp),
            base=(Msg("check.ratio.base", what=_base_what(claim.base.what), how=claim.base.how)
                  if getattr(claim, "base", None) is not None and role != "rate" else "")),
        stated=stated.raw, expected=fmt_pct(exp), evidence=evidence(), severity="warning" if soft else "")]


_SOFT = {"forced": "check.ratio.forced", "truncated": "check.ratio.truncated"}


def _last_place(ctx: Context, claim, role: str, q) -> str | None:
    """Why a stated percentage one unit of its last place off its recomputed value is a warning, not an error
    (issue 18, family 11): "forced" — a share of a list whose stated shares add to exactly 100 while the
    recomputed ones, rounded, do not (the list was forced to 100.00%: 尾差调整); "truncated" — the figure is
    the recomputed value cut off, not rounded. None: neither (an error)."""
    v = claim.values[role]
    ulp = Decimal(1).scaleb(-v.places)
    qp = q.scale(HUNDRED)
    if not (qp.lo - ulp <= v.value <= qp.hi + ulp):
        return None  # more than one unit of the last place off
    if role == "share" and _forced_list(ctx, claim, v.places):
        return "forced"
    if v.value >= 0 and qp.lo < v.value + ulp and qp.hi >= v.value:
        return "truncated"  # some value the figures allow cuts off to the stated one
    return None


def _forced_list(ctx: Context, claim, places: int) -> bool:
    """The claim's list (the shares of the same base in its section) states shares adding to exactly 100 while
    the recomputed shares, rounded to the stated places, do not."""
    b = claim.base
    if b is None:
        return False
    same = [c for c in ctx.claims if c.kind == claim.kind and c.section == claim.section and c.base is not None
            and "share" in c.values and (c.base.what, c.base.value) == (b.what, b.value)]
    if len(same) < 2 or sum(c.values["share"].value for c in same) != HUNDRED:
        return False
    rounded = ZERO
    for c in same:
        num, den = current_amount(ctx, c), base_of(ctx, c)
        if num is None or den is None or not den[0] or c.values["share"].places != places:
            return False
        rounded += round_to(num[0] / den[0] * HUNDRED, places)
    return rounded != HUNDRED


def _base_what(what: str):
    """The base's name for a message: claims/bases.py names an item's own budget "预算数 of ITEM" (kept so in
    the JSON ``base``), which a Chinese message says as "ITEM预算数"."""
    m = re.match(r"预算数 of (.+)$", what or "")
    return Msg("check.ratio.budget_of", item=m.group(1)) if m else what


class GrowthRecomputes(Rule):
    """A growth rate equals change / previous-year value, where previous = current − change (增加) or
    current + change (减少).

    Bad:  "基本支出 176.37 万元 … 减少 135.56 万元，下降 76.86%" (135.56 / 311.93 = 43.46%).
    Good: "… 减少 135.56 万元，下降 43.46%".
    """

    id = "N003"
    group = "narrative_table"
    severity = "error"
    summary = "a growth rate recomputes as change / (current ∓ change)"

    def check(self, ctx: Context) -> Iterable[Finding]:
        out = []
        for c in ctx.claims:
            ch, rate = money(c, "change"), percent(c, "rate")
            if ch is None or rate is None:
                continue
            cur = current_amount(ctx, c)
            if cur is None:
                ctx.cannot(c, Msg("rule.N003.no_current"))
                continue
            prev = previous_interval(c, cur[1], ch[1])
            if prev is None or prev.hi <= 0:
                ctx.cannot(c, Msg("rule.N003.zero_base"))
                continue
            q = ch[1] / prev
            if q is None:
                ctx.cannot(c, Msg("rule.N003.zero_base"))
                continue
            if q.overlaps(rate[1]):
                ctx.verify(c, self.id)
                continue
            d = c.direction if c.direction is not None else 1
            pv = cur[0] - d * ch[0]
            exp = ch[0] / pv
            f = claim_finding(
                self, ctx, c,
                Msg("rule.N003.rate", subject=c.subject or "变动", stated=c.values["rate"].raw, change=fmt(ch[0]),
                    previous=fmt(pv), current=fmt(cur[0]), op="−" if d > 0 else "+", expected=fmt_pct(exp)),
                stated=c.values["rate"].raw, expected=fmt_pct(exp),
                evidence=[_ev(cur[2]), claim_evidence(c, "change"), claim_evidence(c, "rate")])
            if cur[2] is not c and not isinstance(cur[2], Cell):
                # the previous year was derived from an amount stated by another claim (current − change): that
                # amount is part of the inconsistency, so the quoted span runs from it to the rate
                f.text = span_through(ctx, cur[2], c)
            out.append(f)
        return out


def span_through(ctx: Context, first, last) -> str:
    """The document's text from claim ``first`` through claim ``last`` when both lie in one paragraph (``first``
    before ``last``), else ``last``'s own text."""
    pf, pl = ctx.paragraph_of(first), ctx.paragraph_of(last)
    if pf is None or pf is not pl:
        return last.text
    i = pf.text.find(first.text)
    j = pf.text.find(last.text, i + len(first.text)) if i >= 0 else -1
    if i < 0 or j < 0:
        return last.text
    return pf.text[i:j + len(last.text)]


class CompletionRecomputes(_RatioRule):
    """A completion rate (完成年初预算的 …%, 预算执行率) equals actual / budget.

    Bad:  "全年预算资金总额 2485.35 万元 … 执行数 449.76 万元，预算执行率为 18.01%" (= 18.10%).
    Good: "… 预算执行率为 18.10%".
    """

    id = "N004"
    group = "narrative_table"
    severity = "error"
    summary = "a completion rate recomputes as actual / budget"

    role = "completion"
    label = "完成率"

    def missing(self, c, actual, budget) -> Msg:
        return (c.base_reason or Msg("rule.N004.no_budget")) if budget is None else Msg("rule.N004.no_actual")

    def num_evidence(self, c, actual) -> Evidence:
        return _ev(actual[2], "actual" if money(c, "actual") else "amount")


class DirectionMatchesSign(Rule):
    """A direction word (增加/减少/持平, 超/未完成) matches the sign of the figures: a change's amount word and its
    rate word agree ("减少 8.11 万元，下降 2.27%"), and "决算数大于/小于/等于（年初/全年）预算数" fits the item's stated
    决算 and the budget it names (or, when it names none, at least one budget the item states).

    Bad:  "决算数 56.94 万元，比年初预算 50.67 万元减少"; "减少 8.11 万元，增长 2.27%";
          "全年预算为 52.00 万元，支出决算为 51.32 万元 … 决算数大于全年预算数的主要原因…".
    Good: "决算数 56.94 万元，比年初预算 50.67 万元增加 6.27 万元"; "… 决算数小于全年预算数的主要原因…".
    """

    id = "N005"
    group = "narrative_table"
    severity = "error"
    summary = "direction words (增加/减少/持平) match the sign of the figures"

    def check(self, ctx: Context) -> Iterable[Finding]:
        out = []
        for c in ctx.claims:
            if c.direction is None:
                continue
            if c.kind == "reason":
                out.extend(_variance_word(self, ctx, c))
                continue
            rd = c.rate_direction
            if c.kind == "change" and rd is not None and c.direction and rd and rd != c.direction and "rate" in c.values:
                # "减少 8.11 万元，增长 2.27%": the two direction words of one change contradict each other
                word = {1: "增长", -1: "下降"}[rd]
                out.append(claim_finding(
                    self, ctx, c,
                    Msg("rule.N005.rate_word", subject=c.subject or "", amount_word="增加" if c.direction > 0 else "减少",
                        word=word),
                    stated=f"{word} {c.values['rate'].raw}", expected={1: "增长", -1: "下降"}[c.direction],
                    evidence=[claim_evidence(c, "change"), claim_evidence(c, "rate")]))
                continue
            pairs = []
            prev = money(c, "previous")
            if prev:
                cur = current_amount(ctx, c)
                if cur:
                    pairs.append((cur[0] - prev[0], cur[1] - prev[1], Msg("rule.N005.current_minus_previous")))
            a, b = money(c, "actual"), money(c, "budget")
            if c.kind != "change" and b and a:
                pairs.append((a[0] - b[0], a[1] - b[1], Msg("rule.N005.actual_minus_budget")))
            ch = money(c, "change")
            if ch is not None and ch[0] < 0:
                pairs.append((ch[0] * c.direction, ch[1], Msg("rule.N005.signed_change")))
            for diff, iv, what in pairs:
                # two figures printed to the same place order as their values do (round-half-up intervals only
                # touch): 688.28 after 688.27 is an increase, however small — the difference's interval ends at 0
                touches = diff and ZERO in (iv.lo, iv.hi)
                s = sign(diff) if touches or not iv.contains(ZERO) else 0
                if s == c.direction or (s == 0 and c.direction == 0):
                    ctx.verify(c, self.id)
                    continue
                word = {1: "增加", -1: "减少", 0: "持平"}.get(c.direction, "?")
                out.append(claim_finding(
                    self, ctx, c, Msg("rule.N005.sign", subject=c.subject or "", word=word, what=what, diff=fmt(diff)),
                    stated=word, expected={1: "增加", -1: "减少", 0: "持平"}[s]))
        return out


_CMP_WORD = {1: "大于", -1: "小于", 0: "等于"}


def _variance_word(rule: Rule, ctx: Context, reason) -> list[Finding]:
    """"决算数大于/小于/等于（年初/全年）预算数的主要原因…" against the budget and actual stated for the item it
    explains. The budget meant is the one the words name (年初/全年); when they name none, every budget the
    item states is a candidate and the word is contradicted only if it fits none of them."""
    about = reason.about
    target = ctx.claims[about] if isinstance(about, int) and 0 <= about < len(ctx.claims) else None
    if target is None:
        target = lookback(ctx, reason, lambda x: x.kind == "completion", limit=4)
    if target is None or target.kind != "completion":
        return []
    a = money(target, "actual") or money(target, "amount")
    text = squash(reason.text)
    roles = ["budget_initial"] if "年初预算" in text else ["budget_annual"] if "全年预算" in text else []
    roles = [r for r in roles if money(target, r)] or [r for r in ("budget", "budget_initial", "budget_annual") if money(target, r)]
    if a is None or not roles:
        return []
    signs = {}
    for r in roles:  # printed figures order as their values do (round-half-up intervals are disjoint);
        b = money(target, r)  # "等于" also fits figures whose rounding intervals touch
        assert b is not None  # roles hold only stated budgets
        signs[r] = (sign(a[0] - b[0]), b, (a[1] - b[1]).contains(ZERO))
    if any(s == reason.direction or (reason.direction == 0 and near) for s, _, near in signs.values()):
        ctx.verify(reason, rule.id)
        return []
    r, (s, b, _) = next(iter(signs.items()))
    return [claim_finding(
        rule, ctx, reason,
        Msg("rule.N005.compare", subject=target.subject or "", word=_CMP_WORD[reason.direction],
            actual=target.values["actual" if "actual" in target.values else "amount"].raw, budget=target.values[r].raw),
        stated=_CMP_WORD[reason.direction], expected=_CMP_WORD[s],
        evidence=[claim_evidence(target, "actual" if "actual" in target.values else "amount"), claim_evidence(target, r)],
        extra_claims=[target])]


RULES = [
    AmountMatchesTable,
    ShareRecomputes,
    GrowthRecomputes,
    CompletionRecomputes,
    DirectionMatchesSign,
]  # N006–N010: narrative_zero, narrative_sangong, narrative_lists, narrative_projects
