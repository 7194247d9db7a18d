"""T-rules: the arithmetic identities the tables must satisfy, inside one table and across tables.

Every comparison is a sum of displayed figures against a displayed total. Each figure printed with d
decimals stands for ±0.5·10^-d, so Σ of n terms may differ from the printed total by up to (n+1)·half-ulp:
within that the difference is rounding (尾差) and is reported once per table at ``info``; beyond it is an
error. Rows whose cells could not all be placed (``partial``) are skipped.
"""

from __future__ import annotations

from collections.abc import Iterable

import regex as re

from ..catalogue import total_column
from ..tables.model import Row
from ..tables.reliability import CODED, ECON, econ_identities
from ..tables.reliability import ROW_IDENTITIES as _TABLE_ROW_IDENTITIES
from .base import Context, Finding, Msg, Rule
from .tableutil import FUND_TYPES, YEAR_EXPENDITURE, YEAR_INCOME, _Book, _data_rows, _is, _side_rows, _v

# ------------------------------------------------------------------------------------------------


class TotalEqualsClasses(Rule):
    """合计 row equals the sum of the 类 rows, in every value column of a coded table.

    Bad:  合计 449.76 with 类 rows 318.99 + 13.21 + 7.78 + 9.79 + 110.00 (= 459.77).
    Good: 合计 449.76 with 类 rows 318.99 + 13.21 + 7.78 + 9.79 + 100.00 (= 449.77, 尾差 0.01).
    """

    id = "T001"
    group = "table_identities"
    severity = "error"
    summary = "合计 = Σ 类 rows in every value column"

    def check(self, ctx: Context) -> Iterable[Finding]:
        book = _Book(self)
        for t in ctx.doc.tables:
            if t.kind not in CODED:
                continue
            total = t.total_row()
            if total is None or total.partial:
                continue
            classes = [r for r in t.rows if r.level == "类"]
            if not classes or any(r.partial for r in classes):
                continue  # a partial 类 row: its cells are not all known
            book.rows_sum(t, total, classes, "Σ 类")
        return book.done()


class HierarchySums(Rule):
    """A 类 row equals the sum of its 款 rows, and a 款 row the sum of its 项 rows.

    Bad:  201 一般公共服务支出 318.99; 20103 313.99 + 20113 15.00.
    Good: 201 一般公共服务支出 318.99; 20103 313.99 + 20113 5.00.
    """

    id = "T002"
    group = "table_identities"
    severity = "error"
    summary = "类 = Σ 款 and 款 = Σ 项 per value column"

    def check(self, ctx: Context) -> Iterable[Finding]:
        book = _Book(self)
        for t in ctx.doc.tables:
            if t.kind not in CODED:
                continue
            rows = [r for r in t.rows if r.code.isdigit()]
            for parent in rows:
                if parent.partial or parent.level not in ("类", "款"):
                    continue
                n = len(parent.code) + 2
                kids = [r for r in rows if len(r.code) == n and r.code.startswith(parent.code)]
                if not kids or any(k.partial for k in kids):
                    continue
                book.rows_sum(t, parent, kids, "Σ 款" if parent.level == "类" else "Σ 项")
        return book.done()


ROW_IDENTITIES = {**_TABLE_ROW_IDENTITIES, "fiscal_total": (total_column("fiscal_total"), list(FUND_TYPES))}  # one vocabulary with T010


class RowColumnsSum(Rule):
    """In every row, the total column equals the sum of its part columns.

    支出决算表: 本年支出合计 = 基本支出 + 项目支出 + 上缴上级支出 + 经营支出 + 对附属单位补助支出; 收入决算表:
    本年收入合计 = Σ income sources; 财政拨款总表 支出: 合计 = 一般公共预算 + 政府性基金 + 国有资本经营.

    Bad:  合计 449.76 = 基本支出 176.37 + 项目支出 237.39.
    Good: 合计 449.76 = 基本支出 176.37 + 项目支出 273.39.
    """

    id = "T003"
    group = "table_identities"
    severity = "error"
    summary = "合计 = 基本 + 项目 (+ 上缴 + 经营 + 对附属) per row; 财政拨款 合计 = 一般 + 基金 + 国资"

    def check(self, ctx: Context) -> Iterable[Finding]:
        book = _Book(self)
        for t in ctx.doc.tables:
            spec = ROW_IDENTITIES.get(t.kind)
            if not spec:
                continue
            tot, parts = spec
            parts = [p for p in parts if p in t.columns]
            if tot not in t.columns or len(parts) < 2:
                continue
            for r in _data_rows(t):
                if r.values.get(tot) is None or all(r.values.get(p) is None for p in parts):
                    continue
                book.sum_check(t, r, tot, r.values[tot], [(p, _v(r, p)) for p in parts], " + ".join(parts))
        return book.done()


class EconomicClassification(Rule):
    """基本支出 经济分类: a class row (301, 302 …) equals Σ its 款 rows; 人员经费合计 = Σ 301 + 303;
    公用经费合计 = Σ the other classes.

    Bad:  301 工资福利支出 171.07 while its 款 rows add up to 181.08.
    Good: 301 工资福利支出 171.07 while its 款 rows add up to 171.08 (尾差).
    """

    id = "T004"
    group = "table_identities"
    severity = "error"
    summary = "经济分类: class = Σ 款; 人员经费合计 = Σ 301+303; 公用经费合计 = Σ other classes"

    def check(self, ctx: Context) -> Iterable[Finding]:
        book = _Book(self)
        for kind in ECON:
            t = ctx.table(kind)
            if t is None:
                continue
            rows = t.rows
            for ch in econ_identities(t):
                (i, col), terms = ch.total, ch.terms
                if any(k[0] == i for k in terms):
                    continue  # a row's own 合计 = 人员经费 + 公用经费: T003
                if rows[i].partial or rows[i].values.get(col) is None or any(rows[k].partial for k, _ in terms):
                    continue
                what = f"Σ {rows[i].code} 款" if rows[i].code else f"Σ {'+'.join(rows[k].code for k, _ in terms)}"
                book.rows_sum(t, rows[i], [rows[k] for k, _ in terms], what, [col])
        return book.done()


class SummaryTableTotals(Rule):
    """收入支出决算总表 / 财政拨款收入支出决算总表: 本年收入合计 = Σ income lines; 总计 = 本年收入合计 +
    使用结余 + 年初结转和结余; the same on the 支出 side; 收入总计 = 支出总计.

    Bad:  本年收入合计 449.76 with lines 349.76 + 10.00; 总计 收入 449.76 vs 总计 支出 459.76.
    Good: 本年收入合计 449.76 with lines 349.76 + 100.00; 总计 449.76 on both sides.
    """

    id = "T005"
    group = "table_identities"
    severity = "error"
    summary = "总表: 本年合计 = Σ lines; 总计 = 本年合计 + 结余 + 结转; 收入总计 = 支出总计"

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

RULES = [
    TotalEqualsClasses,
    HierarchySums,
    RowColumnsSum,
    EconomicClassification,
    SummaryTableTotals,
]  # T006–T009: table_cross, table_sangong, table_carryover, table_projects
