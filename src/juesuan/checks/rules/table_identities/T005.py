"""T005: 总表: 本年合计 = Σ lines; 总计 = 本年合计 + 结余 + 结转; 收入总计 = 支出总计."""

from __future__ import annotations

from collections.abc import Iterable

import regex as re

from ....tables.model import Row
from ...base import Context, Finding, Msg, Rule
from ...tableutil import FUND_TYPES, YEAR_EXPENDITURE, YEAR_INCOME, _Book, _is, _side_rows, _v


class SummaryTableTotals(Rule):
    """收入支出决算总表 / 财政拨款收入支出决算总表: 本年收入合计 = Σ income lines; 总计 = 本年收入合计 +
    使用结余 + 年初结转和结余; the same on the 支出 side; 收入总计 = 支出总计.

    Bad:  本年收入合计 449.76 with lines 349.76 + 10.00; 总计 收入 449.76 vs 总计 支出 459.76.
    Good: 本年收入合计 449.76 with lines 349.76 + 100.00; 总计 449.76 on both sides.
    """

    id = "T005"
    severity = "error"
    summary = "总表: 本年合计 = Σ lines; 总计 = 本年合计 + 结余 + 结转; 收入总计 = 支出总计"
    compares = "tables"

    def check(self, ctx: Context) -> Iterable[Finding]:
        book = _Book(self)
        for kind in ("income_expense_total", "fiscal_total"):
            t = ctx.table(kind)
            if t is None:
                continue
            if t.extra.get("doc_kind") == "预算":
                _budget_sides(book, t)
                continue
            for side, year_total in (("收入", YEAR_INCOME), ("支出", YEAR_EXPENDITURE)):
                rows = _side_rows(t, side)
                yt = next((i for i, r in enumerate(rows) if _is(r, year_total)), None)
                gt = next((i for i, r in enumerate(rows) if _is(r, "总计")), None)
                cols = [c for c in t.columns if any(r.values.get(c) is not None for r in rows)]
                if yt is not None and not any(r.partial for r in rows[:yt]):
                    lines = rows[:yt]
                    for col in cols:
                        tv = rows[yt].values.get(col)
                        if tv is None or not lines:
                            continue
                        book.sum_check(t, rows[yt], col, tv, [(r.name, _v(r, col)) for r in lines], Msg("check.what.side_lines", side=side))
                if yt is not None and gt is not None:
                    carry: tuple | None
                    between, carry, unknown = [], None, False
                    for r in rows[yt + 1 : gt]:
                        if r.partial:
                            # a term whose blank cells vanished: the columns of its figures are unknown, so
                            # 总计 = 本年合计 + … has an unknown term (上海 text: "年末结转和结余 483.53 483.53")
                            unknown = unknown or any(v is not None for v in r.values.values())
                            continue
                        if carry is not None and _is(r, *FUND_TYPES):
                            carry[1].append(r)
                            continue
                        between.append(r)
                        if "结转" in r.name:
                            carry = (r, [])
                    for col in cols if not unknown else ():
                        tv = rows[gt].values.get(col)
                        if tv is None:
                            continue
                        terms = [(rows[yt].name, _v(rows[yt], col))] + [(r.name, _v(r, col)) for r in between]
                        book.sum_check(t, rows[gt], col, tv, terms, f"{year_total} + " + " + ".join(r.name for r in between))
                        if carry and carry[1] and carry[0].values.get(col) is not None:
                            book.sum_check(t, carry[0], col, carry[0].values[col], [(r.name, _v(r, col)) for r in carry[1]], Msg("check.what.by_fund_type"))
            inc = next((r for r in _side_rows(t, "收入") if _is(r, "总计")), None)
            exp = next((r for r in _side_rows(t, "支出") if _is(r, "总计")), None)
            if inc is not None and exp is not None:
                ic = next((c for c in t.columns if inc.values.get(c) is not None), None)
                ec = next((c for c in t.columns if exp.values.get(c) is not None), None)
                if ic and ec:
                    book.sum_check(t, inc, ic, inc.values[ic], [("总计 (支出)", exp.values[ec])], Msg("check.what.expense_total"))
        return book.done()


_TOP_LINE = re.compile(r"^[一二三四五六七八九十]+、")  # a side's top-level line ("一、财政拨款"); "1.一般公共预算" is a part of one


_SUBTOTAL = re.compile(r"(?:小计|合计|总计)$")


def _budget_sides(book: _Book, t) -> None:
    """A 预算 总表 (either family): on each side, the top-level lines (一、二、…) add up to the side's first
    total row (当年收入小计, 收入总计 …); the 支出用途 side (江苏) adds up to the 支出 side's; 收入 and 支出 totals agree."""
    totals: dict[str, Row] = {}
    for side in ("收入", "支出", "支出用途"):
        rows = [r for r in t.rows if r.side == side]
        k = next((i for i, r in enumerate(rows) if _SUBTOTAL.search(r.name.replace(" ", ""))), None)
        if k is not None:
            totals[side] = rows[k]
        total = rows[k] if k is not None else totals.get("支出") if side == "支出用途" else None
        lines = [r for r in (rows[:k] if k is not None else rows) if _TOP_LINE.match(r.name)]
        if total is None or not lines or any(r.partial for r in lines) or total.partial:
            continue
        tcol = next((c for c in t.columns if total.values.get(c) is not None), None)
        tv = total.values.get(tcol) if tcol is not None else None
        if tcol is None or tv is None:
            continue
        terms = [(r.name, _v(r, tcol)) for r in lines]
        book.sum_check(t, total, tcol, tv, terms, Msg("check.what.side_lines", side=side))
    inc, exp = totals.get("收入"), totals.get("支出")
    if inc is not None and exp is not None and not (inc.partial or exp.partial):
        ic = next((c for c in t.columns if inc.values.get(c) is not None), None)
        ec = next((c for c in t.columns if exp.values.get(c) is not None), None)
        iv, ev = (inc.values.get(ic) if ic else None), (exp.values.get(ec) if ec else None)
        if ic and iv is not None and ev is not None:
            book.sum_check(t, inc, ic, iv, [(exp.name, ev)], Msg("check.what.expense_total"))
