"""X007: the budget totals the narrative states (年初预算, 全年预算, 决算) agree with one another and with their parts."""

from __future__ import annotations

from collections.abc import Iterable

import regex as re

from ....numbers import Interval
from ...base import ZERO, Context, Finding, Msg, Rule, claim_evidence, fmt
from ...claimutil import _budget_kind, claim_finding, money, squash


def _budget_role(c) -> str | None:
    for role in ("budget_initial", "budget"):
        if money(c, role):
            return role
    if money(c, "amount") and "预算" in squash(c.subject):
        return "amount"
    return None


def _budget(c):
    r = _budget_role(c)
    return money(c, r) if r else None


def _budget_role_k(c, kind: str) -> str | None:
    """The role holding the claim's budget of ``kind`` (年初 / 全年), or None."""
    own = "budget_initial" if kind == "年初" else "budget_annual"
    if money(c, own):
        return own
    if _budget_kind(c) == kind:
        if money(c, "budget"):
            return "budget"
        if money(c, "amount") and "预算" in squash(c.subject):
            return "amount"
    return None


def _budget_k(c, kind: str):
    r = _budget_role_k(c, kind)
    return money(c, r) if r else None


def _is_dept_wide(c) -> bool:
    return (c.part_name or "").startswith("部门整体") or bool(re.search(r"^(?:部门|单位|我单位|本部门|整体)", squash(c.subject or "")))


class BudgetTotals(Rule):
    """Stated budgets add up: the 年初预算 of the listed 项 items (plus budgets stated as 未形成支出) equals the
    stated total (and their 全年预算 the stated 全年预算, as 上海 items state it), and a department-wide 年初预算 is not smaller than the 一般公共预算 and 政府性基金 年初预算
    it contains.

    Bad:  "我单位年初预算资金 948.39 万元" while 第三部分 gives 一般公共预算 年初预算 985.35 and 政府性基金 1500.00.
    Good: department 年初预算 2485.35 = 985.35 + 1500.00.
    """

    id = "X007"
    severity = "error"
    summary = "budget totals ≥ / = the budgets of their parts (items, fund types, department)"
    compares = "narrative"

    def check(self, ctx: Context) -> Iterable[Finding]:
        out = []
        buds = [c for c in ctx.claims if _budget(c) and _budget_kind(c) == "年初"]
        gpb = next((c for c in buds if "一般公共预算" in squash(c.subject) and not re.search("（项）|\\(项\\)", c.text + (c.subject or "")) and not _is_dept_wide(c)), None)
        fund = next((c for c in buds if "政府性基金" in squash(c.subject) and not _is_dept_wide(c)), None)
        soe = next((c for c in buds if "国有资本" in squash(c.subject) and not _is_dept_wide(c)), None)
        # (a) items of the 具体情况 list against the total, 年初 against 年初 and 全年 against 全年
        for kind in ("年初", "全年"):
            out.extend(self._items(ctx, kind, gpb if kind == "年初" else None))
        # (b) department-wide 年初预算 ≥ Σ fund-type 年初预算
        dept = next((c for c in buds if _is_dept_wide(c)), None)
        parts = [c for c in (gpb, fund, soe) if c is not None]
        if dept is not None and parts:
            s_iv = Interval.point(ZERO)
            s = ZERO
            for c in parts:
                m = _budget(c)
                s_iv, s = s_iv + m.interval, s + m.value
            d = _budget(dept)
            if d.interval.hi >= s_iv.lo:
                ctx.verify(dept, self.id)
            else:
                out.append(claim_finding(
                    self, ctx, dept,
                    Msg("rule.X007.department", budget=fmt(d.value),
                        terms=" + ".join(f"{c.subject} {fmt(_budget(c).value)}" for c in parts), sum=fmt(s)),
                    stated=fmt(d.value), expected=f"≥ {fmt(s)}",
                    evidence=[claim_evidence(c, _budget_role(c)) for c in parts] + [claim_evidence(dept, _budget_role(dept))]))
        return out


    def _items(self, ctx: Context, kind: str, gpb) -> list[Finding]:
        """The 项 items' budgets of one kind (年初 or 全年) against the 一般公共预算 total of that kind."""
        out: list[Finding] = []
        if gpb is None:
            gpb = next((c for c in ctx.claims if _budget_k(c, kind) and "一般公共预算" in squash(c.subject)
                        and not re.search("（项）|\\(项\\)", c.text + (c.subject or "")) and not _is_dept_wide(c)), None)
        if gpb is None:
            return out
        items = []
        for c in ctx.claims[ctx.idx(gpb) + 1 :]:
            if c.part != gpb.part or (c.section and gpb.section and not c.section.startswith(gpb.section.split(" > ")[0])):
                break
            if _budget_k(c, kind) and c is not gpb and re.search("（项）|\\(项\\)", c.text + (c.subject or "")):
                items.append(c)  # 年初 against 年初: items stating only 全年预算 are another quantity
        if len(items) >= 2:
            tot = _budget_k(gpb, kind)
            s_iv = Interval.point(ZERO)
            s = ZERO
            for c in items:
                m = _budget_k(c, kind)
                s_iv, s = s_iv + m.interval, s + m.value
            unspent = next((c for c in ctx.claims[ctx.idx(items[-1]) + 1 : ctx.idx(items[-1]) + 8]
                            if c.unspent and (money(c, "budget") or money(c, "amount"))), None)
            if s_iv.overlaps(tot.interval):
                ctx.verify(gpb, self.id)
            else:
                u = (money(unspent, "budget") or money(unspent, "amount")) if unspent else None
                if unspent is not None and u is not None and (s_iv + u.interval).overlaps(tot.interval):
                    ctx.verify(gpb, self.id)
                    ctx.verify(unspent, self.id)
                else:
                    out.append(claim_finding(
                        self, ctx, gpb,
                        Msg("rule.X007.items", kind=kind, total=fmt(tot.value), n=len(items), sum=fmt(s),
                            unspent=(Msg("rule.X007.unspent", unspent=fmt(u.value), sum=fmt(s + u.value)) if u else "")),
                        stated=fmt(tot.value), expected=fmt(s + (u.value if u else 0)),
                        evidence=[claim_evidence(c, _budget_role_k(c, kind)) for c in items[:10]], severity="warning"))
        return out
