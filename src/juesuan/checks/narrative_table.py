"""N-rules: every figure of the narrative against the tables.

Amounts are compared in 万元 over rounding intervals (a stated 449.76 is [449.755, 449.765]; a table cell
likewise, at the table's printed precision); shares, growth rates and completion rates are recomputed
from the rounded inputs as intervals and must overlap the stated percentage's interval.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Iterable

import regex as re

from ..numbers import Interval
from ..patterns import load
from .base import (
    ZERO,
    Cell,
    Context,
    Evidence,
    Finding,
    Join,
    Msg,
    Rule,
    claim_evidence,
    kind_name,
    claim_location,
    fmt,
    fmt_pct,
    norm_name,
    row_location,
    row_text,
    table_places,
    wan,
)
from .claimutil import (
    base_evidence,
    claim_finding,
    base_of,
    clause_of,
    current_amount,
    grade_in,
    grade_of,
    lookback,
    money,
    percent,
    previous_interval,
    sign,
    squash,
    subject_key,
)
from .tableutil import sangong_cells


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
            if c.ref is None:
                continue
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
                if cell is None:
                    ctx.cannot(c, why or Msg("reason.cell.not_found"))
                    ok = False
                    continue
                stated, iv = money(c, role)
                if iv.overlaps(cell.interval):
                    continue
                ok = False
                out.append(claim_finding(
                    self, ctx, c,
                    Msg("rule.N001.amount", subject=c.subject or "金额", stated=c.values[role].raw, table=cell.table.label,
                        row=cell.row.name, column=cell.column, printed=fmt(cell.value), unit=cell.table.unit),
                    stated=c.values[role].raw, expected=f"{fmt(cell.wan)} 万元",
                    evidence=[cell.evidence(), claim_evidence(c, role)], table=cell.table.label))
            if ok:
                ctx.verify(c, self.id)
        return out


class ShareRecomputes(Rule):
    """A stated share (占 …%) equals amount / base recomputed over rounding intervals.

    Bad:  "项目支出 273.39 万元，占 62.79%" of 支出合计 449.76 (273.39/449.76 = 60.79%).
    Good: "项目支出 273.39 万元，占 60.79%".
    """

    id = "N002"
    group = "narrative_table"
    severity = "error"
    summary = "a share (占 …%) recomputes as amount / base"

    def check(self, ctx: Context) -> Iterable[Finding]:
        out = []
        for c in ctx.claims:
            p = percent(c, "share")
            if p is None:
                continue
            cur = current_amount(ctx, c)
            base = base_of(ctx, c)
            if cur is None or base is None:
                ctx.cannot(c, Msg("rule.N002.no_amount") if cur is None
                           else (c.base_reason or Msg("rule.N002.no_base")))
                continue
            out.extend(_ratio_recomputes(
                self, ctx, c, "share", cur, base, "占比", Msg("rule.N002.zero_base"),
                lambda: [_ev(cur[2]), base_evidence(c, base[2]), claim_evidence(c, "share")]))
        return out


def _ratio_recomputes(rule: Rule, ctx: Context, claim, role: str, num, den, label: str, undefined: Msg,
                      evidence) -> list[Finding]:
    """A stated percentage (``role``) against num / den, both (value, Interval, source) from the rounded
    figures: verified when the quotient interval overlaps the stated one, a finding otherwise."""
    stated = claim.values[role]
    q = num[1] / den[1]
    if q is None:
        ctx.cannot(claim, undefined)
        return []
    if q.overlaps(percent(claim, role)[1]):
        ctx.verify(claim, rule.id)
        return []
    exp = num[0] / den[0]
    return [claim_finding(
        rule, ctx, claim,
        Msg("check.ratio.recomputed", subject=claim.subject or label, label=label, stated=stated.raw, num=fmt(num[0]),
            den=fmt(den[0]), expected=fmt_pct(exp),
            base=(Msg("check.ratio.base", what=_base_what(claim.base.what), how=claim.base.how)
                  if getattr(claim, "base", None) is not None and role != "rate" else "")),
        stated=stated.raw, expected=fmt_pct(exp), evidence=evidence())]


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
            out.append(claim_finding(
                self, ctx, c,
                Msg("rule.N003.rate", subject=c.subject or "变动", stated=c.values["rate"].raw, change=fmt(ch[0]),
                    previous=fmt(pv), current=fmt(cur[0]), op="−" if d > 0 else "+", expected=fmt_pct(exp)),
                stated=c.values["rate"].raw, expected=fmt_pct(exp),
                evidence=[_ev(cur[2]), claim_evidence(c, "change"), claim_evidence(c, "rate")]))
        return out


class CompletionRecomputes(Rule):
    """A completion rate (完成年初预算的 …%, 预算执行率) equals actual / budget.

    Bad:  "全年预算资金总额 2485.35 万元 … 执行数 449.76 万元，预算执行率为 18.01%" (= 18.10%).
    Good: "… 预算执行率为 18.10%".
    """

    id = "N004"
    group = "narrative_table"
    severity = "error"
    summary = "a completion rate recomputes as actual / budget"

    def check(self, ctx: Context) -> Iterable[Finding]:
        out = []
        for c in ctx.claims:
            rate = percent(c, "completion")
            if rate is None:
                continue
            budget = base_of(ctx, c)
            actual = current_amount(ctx, c)
            if budget is None or actual is None:
                ctx.cannot(c, (c.base_reason or Msg("rule.N004.no_budget")) if budget is None
                           else Msg("rule.N004.no_actual"))
                continue
            out.extend(_ratio_recomputes(
                self, ctx, c, "completion", actual, budget, "完成率", Msg("rule.N004.zero_base"),
                lambda: [_ev(actual[2], "actual" if money(c, "actual") else "amount"),
                         base_evidence(c, budget[2]), claim_evidence(c, "completion")]))
        return out


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
            rd = c.context.get("rate_direction") if c.context else None
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
            if money(c, "previous"):
                cur = current_amount(ctx, c)
                if cur:
                    pairs.append((cur[0] - money(c, "previous")[0], cur[1] - money(c, "previous")[1], Msg("rule.N005.current_minus_previous")))
            if c.kind != "change" and money(c, "budget") and money(c, "actual"):
                a, b = money(c, "actual"), money(c, "budget")
                pairs.append((a[0] - b[0], a[1] - b[1], Msg("rule.N005.actual_minus_budget")))
            ch = money(c, "change")
            if ch is not None and ch[0] < 0:
                pairs.append((ch[0] * c.direction, ch[1], Msg("rule.N005.signed_change")))
            for diff, iv, what in pairs:
                s = 0 if iv.contains(ZERO) else sign(diff)
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
    about = reason.context.get("about") if reason.context else None
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


def _absence_target(c) -> dict | None:
    hay = squash(f"{c.subject or ''}{c.qualifier or ''}{c.text}")
    for a in load("rules").get("absence", []):
        if re.search(a["pattern"], hay):
            return a
    return None


_FIGURE = re.compile(r"(?<![\d.])\d[\d,]*\.\d+(?![\d.])")


def _unplaced_figures(t) -> list[tuple]:
    """(row, [figures]) for rows whose cells could not be placed (``partial``) that print a non-zero amount."""
    out = []
    for r in t.rows if t is not None else []:
        if r.partial:
            figs = [f for f in _FIGURE.findall(r.text or "") if Decimal(f.replace(",", "")) != ZERO]
            if figs:
                out.append((r, figs))
    return out


def _nonzero_cells(t) -> list[Cell]:
    out = []
    for r in t.rows:
        for col, v in r.values.items():
            if v not in (None, ZERO):
                out.append(Cell(t, r, col, v))
    return out


class ZeroMatchesEmpty(Rule):
    """A statement of absence ("没有…支出", "本表无数据") matches a table with no non-zero cells; a table
    whose note says 本表无数据 has no figures.

    Bad:  "本部门没有国有资本经营预算财政拨款支出" while 公开08表 prints 合计 12.00.
    Good: the same sentence with an empty 公开08表 ("本表无数据").
    """

    id = "N006"
    group = "narrative_table"
    severity = "error"
    summary = "zero/absence statements match empty tables (国资/基金/三公/采购 …)"

    def check(self, ctx: Context) -> Iterable[Finding]:
        out = []
        empty_re = re.compile(load("tables")["notes"]["empty"])
        for t in ctx.doc.tables:
            if t.note and empty_re.search(squash(t.note)) and not t.empty:
                nz = _nonzero_cells(t)
                out.append(Finding(
                    rule=self.id, severity="", text=t.note.splitlines()[-1],
                    message=Msg("rule.N006.note_nonzero", table=t.label, n=len(nz)),
                    stated="本表无数据", expected=f"{fmt(nz[0].value)} in {nz[0].row.name} [{nz[0].column}]",
                    location=row_location(t, nz[0].row), evidence=[x.evidence() for x in nz[:6]]))
        for i, c in enumerate(ctx.claims):
            if c.kind != "zero":
                continue
            if c.qualifier == "差异":
                out.extend(_nil_variance(self, ctx, i, c))
                continue
            target = _absence_target(c)
            if c.ref is not None:
                t = ctx.table(c.ref.table)
                cell, _ = ctx.cell(c.ref)
                cells = [cell] if cell else (_nonzero_cells(t) if t is not None and not c.ref.code and not c.ref.row else [])
                if cell is None and t is None:
                    ctx.cannot(c, Msg("reason.cell.no_table", table=c.ref.table, name=kind_name(c.ref.table)))
                    continue
            elif target is not None:
                t = ctx.table(target["table"])
                cells = _nonzero_cells(t) if t is not None else []
                ft = ctx.table("fiscal_total")
                if t is None and target.get("fiscal_column") and ft is not None:
                    cells = [x for x in _nonzero_cells(ft) if x.column == target["fiscal_column"]]
                    t = ft
                if t is None:
                    ctx.cannot(c, Msg("rule.N006.no_table", table=target["table"], name=kind_name(target["table"])))
                    continue
            else:
                ctx.cannot(c, Msg("rule.N006.unresolved"))
                continue
            nz = [x for x in cells if x.value != ZERO]
            whole = t is not None and (c.ref is None or (cell is None and not c.ref.code and not c.ref.row))
            printed = _unplaced_figures(t) if whole and not nz else []
            if printed:
                # a row whose blank cells vanished (上海 text) holds non-zero figures: the table is not empty,
                # whichever columns they belong to
                r, figs = printed[0]
                out.append(claim_finding(
                    self, ctx, c, Msg("rule.N006.printed_row", table=t.label, figures="、".join(figs[:4]), row=r.name or r.text),
                    stated="0 / 无", expected=figs[0],
                    evidence=[Evidence("table", figs[0], t.label, r.name or r.text[:20], None)], table=t.label))
                continue
            if not nz:
                ctx.verify(c, self.id)
                continue
            out.append(claim_finding(
                self, ctx, c,
                Msg("rule.N006.printed", table=nz[0].table.label, row=nz[0].row.name, column=nz[0].column,
                    printed=fmt(nz[0].value)),
                stated="0 / 无", expected=fmt(nz[0].value), evidence=[x.evidence() for x in nz[:6]], table=nz[0].table.label))
        return out


SANGONG_WORDS = [
    ("公务用车购置及运行", "公务用车购置及运行维护费"),
    ("公务用车购置", "公务用车购置费"),
    ("公务用车运行", "公务用车运行维护费"),
    ("因公出国", "因公出国（境）费"),
    ("公务接待", "公务接待费"),
    ("三公", "合计"),
]


def _sangong_item(text: str) -> str | None:
    t = squash(text)
    for word, item in SANGONG_WORDS:
        if word in t:
            return item
    return None


class SangongMatches(Rule):
    """三公 narrative amounts equal the 三公 table; counts of 团组/人次/车辆 are zero exactly when the matching
    三公 amount is zero.

    Bad:  "公务接待费支出决算 1.20 万元" with the 三公 table's 公务接待费 决算数 0; "接待国内来访团组 3 个" with 0 万元.
    Good: "公务接待费支出决算 0.00 万元 … 接待国内来访团组 0 个".
    """

    id = "N007"
    group = "narrative_table"
    severity = "error"
    summary = "三公 narrative amounts/counts match the 三公 table"

    def check(self, ctx: Context) -> Iterable[Finding]:
        out = []
        t = ctx.table("sangong")
        if t is None:
            return out
        cells = sangong_cells(t)  # may be {} (an empty table, or a text row whose cells were not placed)
        for c in ctx.claims:
            if c.ref is not None and c.ref.table == "sangong":
                continue  # N001 compares it
            if c.section is None or "三公" not in (c.section or "") and "三公" not in squash(c.text):
                continue
            if c.kind == "count":
                hay = squash(f"{c.subject or ''}{c.text}")
                item = ("公务接待费" if re.search("接待|来访|来宾", hay) else "因公出国（境）费" if re.search("出国|团组", hay)
                        else "公务用车运行维护费" if "车" in hay else None)
                cnt = c.value("count")
                part = cnt == 0 and re.search("外宾|其中", squash(clause_of(c, "count")))
                cell = cells.get(("决算数", item)) if item else None
                if cell is None and item and cnt is not None:
                    # the table's cell was not read (a 上海 text row whose blank cells vanished): the item's
                    # amount stated just before ("1、因公出国（境）费支出 0.00 万元。…团组 2 个")
                    prev = lookback(ctx, c, lambda x: x.kind == "amount" and money(x, "amount") is not None
                                    and _sangong_item(clause_of(x, "amount")) == item, limit=4, same_section=False)
                    if prev is not None:
                        amt = money(prev, "amount")
                        if part and amt[0] != 0:
                            ctx.cannot(c, "a zero count of a part (外宾/其中) says nothing about the item's amount")
                            continue
                        if (cnt == 0) == (amt[0] == 0) or (cnt == 0 and "车" in hay):
                            ctx.verify(c, self.id)
                        else:
                            out.append(claim_finding(
                                self, ctx, c, Msg("rule.N007.count_stated", count=fmt(cnt), item=item,
                                                  amount=prev.values["amount"].raw),
                                stated=fmt(cnt), expected="0" if amt[0] == 0 else "> 0",
                                evidence=[claim_evidence(prev, "amount")], severity="warning"))
                        continue
                if cell is None or cnt is None:
                    continue
                if part and cell.value != 0:
                    # "其中：接待外宾 0 批次": a part may be zero while the item is not
                    ctx.cannot(c, "a zero count of a part (外宾/其中) says nothing about the item's amount")
                    continue
                if (cnt == 0) == (cell.value == 0) or (cnt == 0 and "车" in hay):
                    ctx.verify(c, self.id)
                    continue
                out.append(claim_finding(
                    self, ctx, c, Msg("rule.N007.count_table", count=fmt(cnt), item=item, printed=fmt(cell.value)),
                    stated=fmt(cnt), expected="0" if cell.value == 0 else "> 0", evidence=[cell.evidence()],
                    table=t.label, severity="warning"))
                continue
            for role, kind in (("amount", "决算数"), ("actual", "决算数"), ("budget", "预算数")):
                m = money(c, role)
                if m is None:
                    continue
                item = _sangong_item(clause_of(c, role)) or _sangong_item(c.subject or "") or _sangong_item(c.text)
                if re.search("外宾|国内公务接待|其他国内", squash(clause_of(c, role))):
                    continue  # parts of 公务接待费 the table does not print
                cell = cells.get((kind, item)) if item else None
                if cell is None:
                    continue
                if m[1].overlaps(cell.interval):
                    ctx.verify(c, self.id)
                    continue
                out.append(claim_finding(
                    self, ctx, c, Msg("rule.N007.amount", item=item, kind=kind, stated=c.values[role].raw,
                                      printed=fmt(cell.value)),
                    stated=c.values[role].raw, expected=f"{fmt(cell.wan)} 万元", evidence=[cell.evidence(), claim_evidence(c, role)],
                    table=t.label))
        return out


def _list_group(c) -> str | None:
    s = squash(f"{c.subject or ''}")
    if "人员经费" in s and "公用经费" in s:
        return None  # a 项's purpose ("支付在职人员经费、公用经费的支出，包括…"), not one group's list
    if "人员经费" in s:
        return "人员经费"
    if "公用经费" in s:
        return "公用经费"
    if c.ref is not None and c.ref.table == "gpb_basic":
        return c.ref.row if c.ref.row in ("人员经费", "公用经费") else None
    return None


_LIST_TAIL = re.compile(r"(?:等(?:经费)?(?:支出)?|支出)$")


def _econ_aliases() -> list[tuple]:
    return [(re.compile(a["name"]), tuple(a.get("codes", [])), tuple(norm_name(n) for n in a.get("rows", [])))
            for a in load("econ").get("alias", [])]


def list_item_rows(item: str, rows: list) -> list | None:
    """The 经济分类 rows a list item names: its own row (by name), or the rows of its alias in
    patterns/econ.toml ("社保" → the social-insurance 款; "设备购置费" → 办公/专用设备购置). None: unknown."""
    it = norm_name(item)
    for cand in dict.fromkeys([it, _LIST_TAIL.sub("", it)]):
        if not cand:
            continue
        hit = [r for r in rows if norm_name(r.name) == cand]
        if hit:
            return hit
        for pat, codes, names in _econ_aliases():
            if pat.fullmatch(cand):
                hit = [r for r in rows if r.code in codes or norm_name(r.name) in names]
                if hit:
                    return hit
        hit = [r for r in rows if len(cand) >= 3 and len(norm_name(r.name)) >= 3
               and (cand in norm_name(r.name) or norm_name(r.name) in cand)]
        if hit:
            return hit[:1]
    return None


class ListMatchesRows(Rule):
    """A "主要包括 …" list names the main 款 rows of its group in the 基本支出 table (人员经费: 301/303;
    公用经费: the other classes). A list names *main* items, it does not promise completeness: a named item
    that is zero in the table, or a non-zero 款 left out, is a warning, never an error. Items are matched by
    name, then through the synonyms and groups of patterns/econ.toml (社保, 公积金, 饭贴, 办公经费 …); an item
    that matches neither leaves the list unverifiable (the tool does not know the word — not "no such row").

    Bad:  "公用经费 … 主要包括：办公费、差旅费" while 邮电费 0.59 is also non-zero (missing), or naming 会议费 (0).
    Good: "主要包括：办公费、邮电费、差旅费、维修（护）费、福利费"; "主要包括：基本工资、社保、公积金".
    """

    id = "N008"
    group = "narrative_table"
    severity = "warning"
    summary = "主要包括 lists name the non-zero 款 rows (人员经费 / 公用经费); zero or missing items are warnings"

    def check(self, ctx: Context) -> Iterable[Finding]:
        out = []
        t = ctx.table("gpb_basic")
        personnel = tuple(load("econ").get("personnel_prefixes", ["301", "303"]))
        for c in ctx.claims:
            if c.kind != "list" or not c.items:
                continue
            g = _list_group(c)
            if g is None:
                ctx.cannot(c, Msg("rule.N008.not_econ"))
                continue
            if t is None:
                ctx.cannot(c, Msg("rule.N008.no_table"))
                continue
            col = t.columns[0]
            coded = [r for r in t.rows if r.code.isdigit()]
            mine = [r for r in coded if r.code.startswith(personnel) == (g == "人员经费")]
            kuan = [r for r in mine if len(r.code) == 5 and (r.values.get(col) or ZERO) != 0]
            matched_rows, zero, unknown = set(), [], []
            for it in c.items:
                hit = list_item_rows(it, mine) or list_item_rows(it, coded)
                if not hit:
                    unknown.append(it)
                    continue
                matched_rows.update(r.code for r in hit)
                if all((r.values.get(col) or ZERO) == 0 for r in hit):
                    zero.append((it, hit[0]))
            missing = [r for r in kuan if r.code not in matched_rows and r.code[:3] not in matched_rows]
            if not missing and not zero:
                if unknown:
                    ctx.cannot(c, Msg("rule.N008.unknown", items="、".join(unknown)))
                else:
                    ctx.verify(c, self.id)
                continue
            parts = []
            if missing:
                parts.append(Msg("rule.N008.missing", rows="、".join(f"{r.name} {fmt(r.values.get(col))}" for r in missing)))
            if zero:
                parts.append(Msg("rule.N008.zero", items="、".join(f"{i} 0" for i, _ in zero)))
            ev = [Cell(t, r, col, r.values.get(col) or ZERO).evidence() for r in missing[:8]]
            ev += [Cell(t, r, col, r.values.get(col) or ZERO).evidence() for _, r in zero][:4]
            out.append(claim_finding(
                self, ctx, c, Msg("rule.N008.list", group=g, table=t.label, parts=Join(parts)),
                stated="、".join(c.items), expected="、".join(r.name for r in kuan), evidence=ev, table=t.label))
        return out


def _project_rows(t):
    return [r for r in t.rows if not r.partial and r.values.get("自评得分") is not None] if t is not None else []


class SelfEvaluation(Rule):
    """Self-evaluation counts and grades match the project table (bands: 优 ≥ 90, 良 80–90, 中 60–80, 差 < 60;
    number of projects = rows; 存在偏差 = rows marked 是).

    Bad:  "9 个项目自评等级为优，6 个项目自评为良" while the 自评得分 column has 10 scores ≥ 90 and 5 in 80–90.
    Good: "10 个项目自评等级为优，5 个项目自评为良，2 个项目自评为差".
    """

    id = "N009"
    group = "narrative_table"
    severity = "error"
    summary = "self-evaluation counts and grades match the project table's scores"

    def check(self, ctx: Context) -> Iterable[Finding]:
        out = []
        t = ctx.table("project_eval")
        rows = _project_rows(t)
        bands: dict[str, list] = {}
        for r in rows:
            bands.setdefault(grade_of(r.values["自评得分"]), []).append(r)
        dev = [r for r in rows if (r.group or "").strip() == "是"]
        nodev = [r for r in rows if (r.group or "").strip() == "否"]
        for c in ctx.claims:
            # a score with a grade: the grade must be the score's band; a named project's score must match
            if c.kind == "score" and c.value("score") is not None:
                s = c.value("score")
                g = grade_in(c.text)
                if g and grade_of(s) != g:
                    out.append(claim_finding(self, ctx, c, Msg("rule.N009.grade", score=fmt(s), grade=grade_of(s), stated=g),
                                             stated=g, expected=grade_of(s)))
                    continue
                named = [r for r in rows if norm_name(r.name) and norm_name(r.name) in squash(c.text)]
                if named:
                    r = max(named, key=lambda r: len(r.name))
                    cell = Cell(t, r, "自评得分", r.values["自评得分"])
                    if not Interval.of(s).overlaps(Interval.of(cell.value)):
                        out.append(claim_finding(self, ctx, c, Msg("rule.N009.score", project=r.name, stated=fmt(s),
                                                                   printed=fmt(cell.value)),
                                                 stated=fmt(s), expected=fmt(cell.value), evidence=[cell.evidence()], table=t.label))
                        continue
                if g or named:
                    ctx.verify(c, self.id)
                continue
            if c.kind != "count" or c.value("count") is None or not rows:
                continue
            clause = clause_of(c, "count")
            hay = squash(f"{clause}")
            if "自评" not in squash(c.text) and "自评" not in squash(c.subject) and "偏差" not in squash(c.text) and "绩效指标" not in squash(c.text):
                continue
            n = c.value("count")
            g = grade_in(hay) or (re.search(r"(优|良|中|差)$", hay) or [None, None])[1] if re.search("评|等级", hay) else None
            if g:
                expected, what = bands.get(g, []), Msg("rule.N009.what_band", grade=g)
            elif "偏差" in hay:
                expected, what = dev, Msg("rule.N009.what_deviation")
            elif re.search("完成所有|全部完成", hay):
                expected, what = nodev, Msg("rule.N009.what_no_deviation")
            elif re.search("需.*自评|实际自评|自评项目", hay):
                expected, what = rows, Msg("rule.N009.what_all")
            else:
                continue
            if Decimal(len(expected)) == n:
                ctx.verify(c, self.id)
                continue
            out.append(claim_finding(
                self, ctx, c, Msg("rule.N009.count", stated=fmt(n), n=len(expected), what=what,
                                  projects=(Msg("rule.N009.projects", projects="、".join(
                                      f"{r.name} {fmt(r.values.get('自评得分'))}" for r in expected[:10])) if expected else "")),
                stated=fmt(n), expected=str(len(expected)),
                evidence=[Cell(t, r, "自评得分", r.values["自评得分"]).evidence() for r in expected[:10]], table=t.label))
        return out


class ProjectTotals(Rule):
    """A stated total of the projects' budget or spending (项目全年预算合计, 支出合计) equals the sum of the
    project self-evaluation table's 全年预算数 / 全年执行数 columns.

    Bad:  "本部门项目全年预算合计 273.39 万元" while the 17 projects' 全年预算数 add up to 757.11.
    Good: "本部门项目全年预算合计 757.11 万元".
    """

    id = "N010"
    group = "narrative_table"
    severity = "warning"
    summary = "project budget/spending totals match the project self-evaluation table"

    def check(self, ctx: Context) -> Iterable[Finding]:
        out = []
        t = ctx.table("project_eval")
        rows = [r for r in t.rows if not r.partial] if t is not None else []
        if not rows:
            return out
        places = table_places(t)
        for c in ctx.claims:
            subj = squash(c.subject)
            if not (subj.startswith("项目") or subj.endswith("项目")) or "项目支出" in subj:
                continue
            if not re.search("项目(?:全年)?预算(?:合计|总额)", squash(c.text)):
                continue
            bad, ev = [], []
            for role, col in (("budget", "全年预算数"), ("budget_annual", "全年预算数"), ("actual", "全年执行数")):
                m = money(c, role)
                if m is None or (role == "budget_annual" and "budget" in c.values):
                    continue
                vals = [r.values.get(col) or ZERO for r in rows]
                s_iv = Interval.point(ZERO)
                for v in vals:
                    s_iv = s_iv + Interval(v - Decimal(5).scaleb(-places - 1), v + Decimal(5).scaleb(-places - 1))
                if t.unit == "元":  # the narrative states 万元
                    s_iv = s_iv.scale(Decimal(1) / Decimal(10000))
                total = wan(sum(vals, ZERO), t.unit)
                if s_iv.overlaps(m[1]):
                    continue
                bad.append((role, col, total))
                ev += [Evidence("table", fmt(total), t.label, f"Σ {len(rows)} projects", col), claim_evidence(c, role)]
            if not bad:
                continue
            out.append(claim_finding(
                self, ctx, c,
                Join(Msg("rule.N010.total", stated=c.values[role].raw, column=col, n=len(rows), table=t.label,
                         total=fmt(total)) for role, col, total in bad),
                stated="; ".join(c.values[role].raw for role, _, _ in bad),
                expected="; ".join(f"{fmt(total)} 万元" for _, _, total in bad), evidence=ev, table=t.label))
        return out


RULES = [
    AmountMatchesTable,
    ShareRecomputes,
    GrowthRecomputes,
    CompletionRecomputes,
    DirectionMatchesSign,
    ZeroMatchesEmpty,
    SangongMatches,
    ListMatchesRows,
    SelfEvaluation,
    ProjectTotals,
]


def _nil_variance(rule: Rule, ctx: Context, index: int, claim) -> list[Finding]:
    """"决算数与预算数无差异/持平": the completion figures stated just before must be equal."""
    comp = next(
        (o for o in reversed(ctx.claims[:index]) if o.kind == "completion" and o.subject == claim.subject),
        None,
    )
    budget = comp.values.get("budget") if comp else None
    actual = comp.values.get("actual") if comp else None
    if budget is None or actual is None:
        ctx.cannot(claim, Msg("rule.N006.nil_variance_unstated"))
        return []
    if Interval.of(budget.value).overlaps(Interval.of(actual.value)):
        ctx.verify(claim, rule.id)
        return []
    return [claim_finding(
        rule, ctx, claim,
        Msg("rule.N006.nil_variance", budget=budget.raw, actual=actual.raw),
        stated="无差异", expected=f"{budget.raw} ≠ {actual.raw}",
    )]
