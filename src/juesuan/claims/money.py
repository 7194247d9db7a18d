"""Figures of money and rates: completions (budget / actual / rate), changes versus the previous year, shares,
amounts, and leftover percentages stated as bounds (see extract.py for the order they run in)."""

from __future__ import annotations

from typing import Any

import regex as re

from ..patterns import compiled
from .budget import change_rx, name_base, split_basis
from .clauses import (
    Clause,
    _basis_name,
    _clean,
    _Ctx,
    _direction,
    _fig_at,
    _recent_subject,
    _v,
    _words_start,
)
from .model import Value
from .patterns import Figure, rx

# ---- completion --------------------------------------------------------------------------------


def _completions(ctx: _Ctx) -> None:
    """Budget / actual / completion rate in consecutive clauses → one completion claim.

    "年初预算数为 50.67 万元，决算数 56.94 万元,完成年初预算的 112.37%": values budget_initial (and budget),
    actual, completion; basis "年初预算". A run needs two of the three (a lone budget is an amount).
    The subject is the words before the first figure, else the bare clause before ("1.因公出国（境）费，
    全年预算为…"), else the numbered item heading of the section ("1.一般公共服务支出（类）…（项）。").
    """
    bre, are, rre = rx("completion", "budget"), rx("completion", "actual"), rx("completion", "rate")
    cls = ctx.clauses
    i = 0
    while i < len(cls):
        run: list[tuple[str, Clause, re.Match]] = []
        j = i
        while j < len(cls):
            c = cls[j]
            if run and c.seg != run[-1][1].seg:
                break
            m = None
            for kind, pat in (("B", bre), ("A", are), ("R", rre)):
                m = pat.search(c.text)
                if m and (kind != "B" or not any(k == "A" or k == "R" for k, _, _ in run)):
                    break
                m = None
            if not m:
                break
            fig = _fig_at(c, c.start + m.start("v"))
            if fig is None or fig.start in ctx.taken:
                break
            run.append((kind, c, m))
            j += 1
        kinds = [k for k, _, _ in run]
        if len(run) >= 2 and ("A" in kinds or "R" in kinds) and kinds.count("A") <= 1 and kinds.count("R") <= 1:
            values: dict[str, Value] = {}
            budgets: dict[str, Value] = {}
            basis = None
            for k, c, m in run:
                fig = _fig_at(c, c.start + m.start("v"))
                assert fig is not None  # the run was built of clauses whose figure was found
                ctx.taken.add(fig.start)
                if k == "B":
                    role = "budget_initial" if m.group("k") == "年初" else "budget_annual"
                    budgets[m.group("k")] = values[role] = _v(fig, role)
                elif k == "A":
                    values["actual"] = _v(fig, "actual")
                else:
                    values["completion"] = _v(fig, "completion")
                    if m.group("k"):
                        basis = m.group("k") + "预算"
            if basis is None and budgets:
                basis = ("年初" if "年初" in budgets and "全年" not in budgets else "全年") + "预算"
            if basis and basis[:2] in budgets:
                b = budgets[basis[:2]]
                values["budget"] = Value(b.raw, b.value, b.unit, "budget")
            elif len(budgets) == 1:
                b = next(iter(budgets.values()))
                values["budget"] = Value(b.raw, b.value, b.unit, "budget")
            first = run[0][1]
            start = first.start
            pre = run[0][2].group("pre") if run[0][0] != "R" else ""
            subject = _clean(compiled(r"(?:支出)?决算(?:数)?$").sub("", pre), ctx.doc)
            how = "text"
            if not subject:
                fi = cls.index(first)
                prev = cls[fi - 1] if fi > 0 else None
                if prev is not None and not ctx.lead_item and not prev.figs and prev.seg == first.seg and len(prev.text) <= 40 and not re.search(r"相比|原因|^(?:主要)?用于", prev.text):
                    subject = _clean(re.sub(r"(?:支出)?决算(?:数)?中?$", "", prev.text), ctx.doc)
                    start = prev.start
                if not subject:
                    subject = ctx.heading_subject() or ""
                    how = "heading" if subject else "none"
                if not subject and ctx.sent.paragraph.part_name == "部门整体绩效自评":
                    subject, how = "部门整体", "part"
            last = run[-1][1]
            ctx.claim("completion", start, last.end, subject, values, basis=basis, subject_from=how)
            i = j
        else:
            i += 1


# ---- change ------------------------------------------------------------------------------------


def _changes(ctx: _Ctx) -> None:
    """Changes versus the previous year (basis "上年度" or the year named), direction +1/−1/0.

    "与上年度相比，收、支总计各增加 91.89 万元，增长 25.68%" → values change, rate; "机关运行经费较上年度
    下降 4.07万元， 下降 79.80%"; "同比下降 5%" (rate only); "与上年度持平" (direction 0, no values);
    "…，上年无此项支出，增长率无可比性" → rate_incomparable.
    """
    bc, am, rt, inc, flat, slight = (change_rx(ctx, k) for k in ("basis_clause", "amount", "rate", "incomparable", "flat",
                                                                  "slight"))
    cls = ctx.clauses
    pending: tuple[Clause, str] | None = None
    i = 0
    while i < len(cls):
        c = cls[i]
        mb = bc.match(c.text)
        if mb:
            pending = (c, mb.group("b"))
            i += 1
            continue
        m = am.match(c.text)
        fig = _fig_at(c, c.start + m.start("v")) if m else None
        if m and fig is not None and fig.start not in ctx.taken:
            i = _change_amount(ctx, i, m, fig, pending, rt, inc)
            pending = None
            continue
        if _change_without_figure(ctx, c, pending, flat, slight):
            pending = None
        i += 1


def _change_amount(ctx: _Ctx, i: int, m: re.Match, fig: Figure, pending: tuple[Clause, str] | None,
                   rt: re.Pattern, inc: re.Pattern) -> int:
    """The change stated with its amount or rate in clause ``i`` (its rate and 无可比性 in the clauses that
    follow); returns the index of the first clause after it."""
    cls = ctx.clauses
    c = cls[i]
    ctx.taken.add(fig.start)
    direction = _direction(m.group("verb"))
    values = {("rate" if fig.kind == "pct" else "change"): _v(fig, "rate" if fig.kind == "pct" else "change")}
    basis = _basis_name(m.group("basis") or m.groupdict().get("basis2")) or (_basis_name(pending[1]) if pending else None)
    start = pending[0].start if pending and not m.group("basis") else c.start
    end = c.end
    extra: dict[str, Any] = {}
    if m.group("each"):
        extra["each"] = True
    k = i + 1
    if fig.kind != "pct" and k < len(cls) and cls[k].seg == c.seg:
        mr = rt.match(cls[k].text)
        rf = _fig_at(cls[k], cls[k].start + mr.start("v")) if mr else None
        if mr and rf is not None and rf.start not in ctx.taken:
            ctx.taken.add(rf.start)
            values["rate"] = _v(rf, "rate")
            rd = _direction(mr.group("verb"))
            if rd != direction:
                extra["rate_direction"] = rd
            end = cls[k].end
            k += 1
    for kk in range(k, min(k + 2, len(cls))):
        if inc.search(cls[kk].text):
            extra["rate_incomparable"] = True
            end = cls[kk].end
            k = kk + 1
            break
    pre = m.group("pre")
    if ctx.budget and not basis:  # "与上年相比收、支预算总计各增加 …": the basis opens the words before the verb
        pre, basis = split_basis(pre)
    subject = _clean(pre, ctx.doc)
    if not subject:
        subject = _recent_subject(ctx, c.start)
    if basis and basis != "上年度":
        extra["basis_year"] = int(re.sub(r"\D", "", basis) or 0) or None
    made = ctx.claim("change", start, end, subject, values, basis=basis or "上年度", direction=direction, **extra)
    if ctx.budget:
        name_base(made)
    return k


def _change_without_figure(ctx: _Ctx, c: Clause, pending: tuple[Clause, str] | None, flat: re.Pattern,
                           slight: re.Pattern) -> bool:
    """持平 ("与上年度持平") or a slight change without its figure ("略有增加") in clause ``c``; True when
    a claim was made."""
    mf = flat.match(c.text)
    against_budget = bool(_AGAINST_BUDGET.search(c.text))  # "决算数与预算数持平": a nil variance, not a change
    made_any = False
    if mf and not against_budget:
        basis = _basis_name(mf.group("basis")) or (_basis_name(pending[1]) if pending else "上年度")
        subject = _clean(mf.group("pre"), ctx.doc) or _recent_subject(ctx, c.start)
        start = pending[0].start if pending and not mf.group("basis") else c.start
        # 基本持平: about the same, no threshold defined
        made = ctx.claim("change", start, c.end, subject, {}, basis=basis, direction=0, approx=bool(mf.group("approx")))
        if ctx.budget:
            if basis and basis != "上年度":
                made.basis_year = int(re.sub(r"\D", "", basis) or 0) or None
            name_base(made)
        made_any = True
    ms = slight.match(c.text) if not mf else None
    if ms and not against_budget:
        basis = _basis_name(ms.group("basis")) or (_basis_name(pending[1]) if pending else "上年度")
        subject = _clean(ms.group("pre"), ctx.doc) or _recent_subject(ctx, c.start)
        start = pending[0].start if pending and not ms.group("basis") else c.start
        # 略有增加 / 小幅下降: a direction without its figure
        ctx.claim("change", start, c.end, subject, {}, basis=basis, direction=_direction(ms.group("verb")), slight=True)
        made_any = True
    return made_any


_AGAINST_BUDGET = re.compile(r"(?:与|较|比|和|同)\s*(?:年初|全年|调整后?的?)?预算")


# ---- share -------------------------------------------------------------------------------------


def _shares(ctx: _Ctx) -> None:
    """Shares: "占 39.21%" (base: the head of the list it sits in) or "占支出合计的 77.77%" (named base).

    The part's own amount, when stated just before ("基本支出 176.37万元，占 39.21%"), is in the claim as
    value "amount" and the span starts at its subject; the base is resolved after linking (``Claim.base``,
    claims/bases.py; basis = the named base).
    """
    pat = rx("share", "clause")
    for k, c in enumerate(ctx.clauses):
        m = pat.match(c.text)
        if not m:
            continue
        fig = _fig_at(c, c.start + m.start("v"))
        if fig is None or fig.start in ctx.taken or fig.kind != "pct":
            continue
        ctx.taken.add(fig.start)
        values = {"share": _v(fig, "share")}
        start = c.start
        part_fig = None
        pre_figs = [f for f in c.figs if f.end <= c.start + m.start("v") and f.kind == "amount"]
        subject = ""
        if pre_figs:
            part_fig = pre_figs[-1]
            subject = _clean(ctx.subject_before(c, part_fig), ctx.doc)
        else:
            subject = _clean(m.group("pre"), ctx.doc)
            # walk back through this segment for the part's amount / subject
            for p in reversed(ctx.clauses[:k]):
                if p.seg != c.seg:
                    break
                amts = [f for f in p.figs if f.kind == "amount"]
                if amts:
                    part_fig = amts[-1]
                    subject = subject or _clean(ctx.subject_before(p, part_fig), ctx.doc)
                    start = p.start
                    break
                if not p.figs:
                    break
        if part_fig is not None:
            values["amount"] = _v(part_fig, "amount")
            subject = compiled(r"(?:支出)?决算(?:数)?$").sub("", subject)
        base = compiled(r"\s+").sub("", m.group("base") or "").rstrip("的") or None
        ctx.claim("share", start, c.end, subject, values, basis=base, base_subject=base)


# ---- amount ------------------------------------------------------------------------------------


def _amounts(ctx: _Ctx) -> None:
    """Every amount not explained above: "收、支总计均为 449.76 万元", "其中：人员经费 172.32 万元".

    The subject is the words from the clause start (or the previous figure) to the amount. A bound
    ("超过 100 万元") keeps its comparator.
    """
    comp = rx("bound", "comparator")
    for c in ctx.clauses:
        for f in ctx.untaken(c, "amount"):
            ctx.taken.add(f.start)
            start = _words_start(c, f)
            before = ctx.text[start : f.start]
            mc = comp.search(before.rstrip())
            subject = _clean(before, ctx.doc)
            claim = ctx.claim("amount", start, f.end, subject, {"amount": _v(f, "amount")})
            if mc:
                claim.comparator = mc.group("c")
                claim.subject = _clean(before[: before.rfind(mc.group("c"))], ctx.doc)


def _bounded(ctx: _Ctx) -> None:
    """Leftover percentages and scores: rates stated as bounds ("结转结余率超过 15%", "资金使用率未到达
    100%") or plain ("…率为 98%"). Kind share, no base; ``comparator`` when bounded."""
    comp = rx("bound", "comparator")
    for c in ctx.clauses:
        for f in ctx.untaken(c):
            ctx.taken.add(f.start)
            start = _words_start(c, f)
            before = ctx.text[start : f.start]
            mc = comp.search(before.rstrip())
            subj = before[: before.rfind(mc.group("c"))] if mc else before
            subject = _clean(re.sub(r"(?:为|是|达)\s*$", "", subj), ctx.doc)
            kind, role = ("score", "score") if f.kind == "score" else ("share", "share")
            ctx.claim(kind, start, f.end, subject, {role: _v(f, role)}, comparator=mc.group("c") if mc else None)
