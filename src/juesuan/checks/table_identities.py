"""T-rules: the arithmetic identities the tables must satisfy, inside one table and across tables.

Every comparison is a sum of displayed figures against a displayed total. Each figure printed with d
decimals stands for ±0.5·10^-d, so Σ of n terms may differ from the printed total by up to (n+1)·half-ulp:
within that the difference is rounding (尾差) and is reported once per table at ``info``; beyond it is an
error. Rows whose cells could not all be placed (``partial``) are skipped.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Iterable

from ..numbers import Interval
from ..patterns import load
from ..tables.reliability import CODED
from ..tables.reliability import ROW_IDENTITIES as _TABLE_ROW_IDENTITIES
from .base import (
    ZERO,
    Cell,
    Context,
    Evidence,
    Finding,
    Join,
    Msg,
    Rule,
    fmt,
    interval_of,
    norm_name,
    row_location,
    row_text,
    table_places,
    wan,
)
from .tableutil import SANGONG_ITEMS, sangong_cells  # noqa: F401  (SANGONG_ITEMS: kept importable here)

FUND_TYPES = ("一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款")


def _v(row, col) -> Decimal:
    v = row.values.get(col)
    return ZERO if v is None else v


class _Book:
    """Collects the outcome of sum checks for one rule: errors at once, rounding grouped per table."""

    def __init__(self, rule: Rule):
        self.rule = rule
        self.findings: list[Finding] = []
        self.rounding: dict[str, list[tuple]] = {}
        self.tables: dict[str, object] = {}

    def rows_sum(self, table, parent, kids: list, what: str, columns: list[str] | None = None) -> None:
        """``parent`` against Σ of the coded ``kids`` rows in each column the parent prints."""
        for col in columns if columns is not None else table.columns:
            if parent.values.get(col) is not None:
                kid_terms = [(f"{k.code} {k.name}", _v(k, col)) for k in kids]
                self.sum_check(table, parent, col, parent.values[col], kid_terms, what)

    def sum_check(self, table, row, column: str, total: Decimal, terms: list[tuple[str, Decimal]], what: str,
                  term_table=None) -> None:
        """``total`` (printed in ``table``) against Σ ``terms`` (printed in ``term_table`` or ``table``)."""
        tt = term_table or table
        p_total, p_terms = table_places(table), table_places(tt)
        t_iv = interval_of(total, p_total)
        if table.unit == "元":
            t_iv = t_iv.scale(Decimal(1) / Decimal(10000))
        s_iv = Interval.point(ZERO)
        s = ZERO
        for _, v in terms:
            iv = interval_of(v, p_terms)
            if tt.unit == "元":
                iv = iv.scale(Decimal(1) / Decimal(10000))
            s_iv = s_iv + iv
            s += wan(v, tt.unit)
        tw = wan(total, table.unit)
        if s == tw:
            return None
        if t_iv.overlaps(s_iv):
            self.rounding.setdefault(table.label, []).append((row, column, total, s, what))
            self.tables[table.label] = (table, row)
            return None
        terms_txt = " + ".join(f"{fmt(v)}" for _, v in terms[:12]) + (" + …" if len(terms) > 12 else "")
        ev = [Cell(table, row, column, total).evidence()]
        for name, v in terms[:12]:
            ev.append(Evidence("table", fmt(v), tt.label, name, column if tt is table else None))
        allowed = (t_iv.hi - t_iv.lo + s_iv.hi - s_iv.lo) / 2
        f = Finding(
                rule=self.rule.id,
                severity="",
                message=Msg("check.sum.mismatch", table=table.label, row=row.name or row.code, column=column,
                            total=fmt(total), what=what, sum=fmt(s), terms=terms_txt, diff=fmt(tw - s),
                            allowed=fmt(allowed)),
                text=row_text(row),
                stated=fmt(total),
                expected=fmt(s),
                location=row_location(table, row),
                evidence=ev,
            )
        self.findings.append(f)
        return f

    def equal_check(self, a: Cell, b: Cell, what: str) -> None:
        f = self.sum_check(a.table, a.row, a.column, a.value, [(f"{b.row.code} {b.row.name}".strip(), b.value)],
                           Msg("check.sum.equal_what", what=what, table=b.table.label, row=b.row.name, column=b.column),
                           term_table=b.table)
        if f is not None:
            f.evidence[1:] = [b.evidence()]
            f.set_message(Msg("check.sum.equal", a_table=a.table.label, a_row=a.row.name, a_column=a.column,
                              a=fmt(a.value), b_table=b.table.label, b_row=b.row.name, b_column=b.column,
                              b=fmt(b.value), what=what))

    def done(self) -> list[Finding]:
        out = list(self.findings)
        for label, items in self.rounding.items():
            table, row = self.tables[label]
            parts = [Msg("check.sum.rounding_item", row=r.name or r.code, column=c, total=fmt(t), sum=fmt(s))
                     for r, c, t, s, _ in items[:8]]
            more = Msg("check.sum.rounding_more", n=len(items) - 8) if len(items) > 8 else ""
            out.append(
                Finding(
                    rule=self.rule.id,
                    severity="info",
                    message=Msg("check.sum.rounding", table=label, n=len(items), items=Join(parts), more=more),
                    text=row_text(items[0][0]),
                    stated=fmt(items[0][2]),
                    expected=fmt(items[0][3]),
                    location=row_location(table, items[0][0]),
                    evidence=[Cell(table, r, c, t).evidence() for r, c, t, _, _ in items[:8]],
                )
            )
        return out


def _data_rows(table):
    return [r for r in table.rows if not r.partial]


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


ROW_IDENTITIES = {**_TABLE_ROW_IDENTITIES, "fiscal_total": ("合计", list(FUND_TYPES))}  # one vocabulary with T010


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
        t = ctx.table("gpb_basic")
        if t is None:
            return []
        personnel = tuple(load("econ").get("personnel_prefixes", ["301", "303"]))
        col = t.columns[0] if t.columns else "决算数"
        rows = _data_rows(t)
        classes = [r for r in rows if r.code.isdigit() and len(r.code) == 3]
        for c in classes:
            kids = [r for r in rows if r.code.isdigit() and len(r.code) == 5 and r.code.startswith(c.code)]
            if kids:
                book.rows_sum(t, c, kids, f"Σ {c.code} 款", [col])
        for r in rows:
            n = r.name.replace(" ", "")
            if r.code or r.values.get(col) is None:
                continue
            if n.startswith("人员经费"):
                terms = [c for c in classes if c.code.startswith(personnel)]
            elif n.startswith("公用经费"):
                terms = [c for c in classes if not c.code.startswith(personnel)]
            else:
                continue
            if terms:
                book.rows_sum(t, r, terms, f"Σ {'+'.join(c.code for c in terms)}", [col])
        return book.done()


def _side_rows(t, side):
    return [r for r in t.rows if r.side == side]


def _is(r, *names) -> bool:
    n = norm_name(r.name)
    return any(n == x for x in names)


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
            for side, year_total in (("收入", "本年收入合计"), ("支出", "本年支出合计")):
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


def _find(t, name, side=None):
    if t is None:
        return None
    key = norm_name(name)
    for r in t.rows:
        if (side is None or r.side == side) and norm_name(r.name) == key and not r.partial:
            return r
    return None


def _cell(t, row, col) -> Cell | None:
    if t is None or row is None or col not in t.columns:
        return None
    v = row.values.get(col)
    if v is None:
        return None
    return Cell(t, row, col, v)


def _total_cell(t, col) -> Cell | None:
    if t is None:
        return None
    r = t.total_row()
    if r is None:
        if t.empty and col in t.columns:  # an empty table ("本表无数据") stands for zeros
            from ..tables.model import Row

            return Cell(t, Row(code="", name="合计", values={col: ZERO}, line=t.line, page=t.page), col, ZERO)
        return None
    return _cell(t, r, col)


class CrossTableAgreement(Rule):
    """The same figure printed in two tables agrees.

    收入决算表 合计 = 总表 本年收入合计; 支出决算表 合计 = 总表 本年支出合计 (and by 类); 一般公共预算财政拨款
    支出决算表 = 财政拨款总表 一般公共预算 column (合计 and by 类); 政府性基金表 / 国有资本经营表 = 财政拨款总表
    基金 / 国资 columns; 一般公共预算 基本支出 = 人员经费合计 + 公用经费合计 of the 基本支出明细表.

    Bad:  公开05表 合计 349.76 but 公开04表 一般公共预算财政拨款 本年支出合计 394.76.
    Good: both print 349.76.
    Bad:  公开05表 2010101 行政运行 180.00 but 公开03表 2010101 行政运行 150.00 (the 财政拨款 part of a 项
          exceeds the whole; equal is required when the department spends only 财政拨款).
    Good: 公开05表 140.00 ≤ 公开03表 150.00 in a department with 事业收入.
    """

    id = "T006"
    group = "table_identities"
    severity = "error"
    summary = "the same figure in two tables agrees (收入/支出/财政拨款/基金/国资/基本支出)"

    def check(self, ctx: Context) -> Iterable[Finding]:
        book = _Book(self)
        doc = ctx.doc
        iet, inc, exp = doc.table("income_expense_total"), doc.table("income"), doc.table("expense")
        ft, gpb, basic = doc.table("fiscal_total"), doc.table("gpb_expense"), doc.table("gpb_basic")
        fund, soe = doc.table("fund"), doc.table("soe")

        def pair(a: Cell | None, b: Cell | None, what: str) -> None:
            if a is not None and b is not None:
                book.equal_check(a, b, what)

        if iet is not None:
            c = iet.columns[0]
            r = _find(iet, "本年收入合计", "收入")
            pair(_total_cell(inc, "本年收入合计"), _cell(iet, r, c), "总表 本年收入合计")
            r = _find(iet, "本年支出合计", "支出")
            pair(_total_cell(exp, "本年支出合计"), _cell(iet, r, c), "总表 本年支出合计")
            if exp is not None:
                for row in exp.rows:
                    if row.level == "类" and not row.partial:
                        pair(_cell(exp, row, "本年支出合计"), _cell(iet, _find(iet, row.name, "支出"), c), Msg("check.what.by_class", what="总表 支出"))
            if ft is not None:
                for name in FUND_TYPES:
                    a = next((r for r in _side_rows(iet, "收入") if norm_name(r.name).startswith(name)), None)
                    b = next((r for r in _side_rows(ft, "收入") if norm_name(r.name) == name), None)
                    pair(_cell(iet, a, c), _cell(ft, b, ft.columns[0]), "财政拨款总表 收入")
        if ft is not None:
            yt = _find(ft, "本年支出合计", "支出")
            yi = _find(ft, "本年收入合计", "收入")
            pair(_total_cell(inc, "财政拨款收入"), _cell(ft, yi, ft.columns[0]), "财政拨款总表 本年收入合计")
            pair(_total_cell(gpb, "合计"), _cell(ft, yt, "一般公共预算财政拨款"), "财政拨款总表 一般公共预算 本年支出合计")
            pair(_total_cell(fund, "本年支出合计"), _cell(ft, yt, "政府性基金预算财政拨款"), "财政拨款总表 政府性基金 本年支出合计")
            pair(_total_cell(soe, "本年支出合计"), _cell(ft, yt, "国有资本经营预算财政拨款"), "财政拨款总表 国有资本经营 本年支出合计")
            if gpb is not None:
                for row in gpb.rows:
                    if row.level == "类" and not row.partial:
                        pair(_cell(gpb, row, "合计"), _cell(ft, _find(ft, row.name, "支出"), "一般公共预算财政拨款"), Msg("check.what.by_class", what="财政拨款总表 一般公共预算"))
            if fund is not None:
                for row in fund.rows:
                    if row.level == "类" and not row.partial:
                        pair(_cell(fund, row, "本年支出合计"), _cell(ft, _find(ft, row.name, "支出"), "政府性基金预算财政拨款"), Msg("check.what.by_class", what="财政拨款总表 政府性基金"))
        if gpb is not None and exp is not None:
            self._xiang(book, doc, gpb, exp, ft, fund, soe)
        if gpb is not None and basic is not None:
            a = _total_cell(gpb, "基本支出")
            col = basic.columns[0] if basic.columns else "决算数"
            parts = [r for r in basic.rows if not r.code and (r.name.startswith("人员经费") or r.name.startswith("公用经费"))]
            if a is not None and len(parts) == 2:
                book.sum_check(gpb, a.row, a.column, a.value, [(f"{basic.label} {r.name}", _v(r, col)) for r in parts],
                               "人员经费合计 + 公用经费合计", term_table=basic)
        return book.done()


    @staticmethod
    def _xiang(book: _Book, doc, gpb, exp, ft, fund, soe) -> None:
        """表五 项 rows against 表三 rows of the same code. 表五 is the 一般公共预算财政拨款 part of 表三, so
        表五 ≤ 表三 always; they are equal when the department spends only 财政拨款 (表三 本年支出合计 =
        表四 本年支出合计) and the code is not also a 政府性基金/国有资本经营 科目 (fund-specific 款)."""
        # the 支出 side's first figure is its 合计 (also on a text row whose blank cells vanished)
        yt = next((r for r in _side_rows(ft, "支出") if _is(r, "本年支出合计")), None) if ft is not None else None
        fis = _cell(ft, yt, "合计") if yt is not None else None
        tr = exp.total_row()
        only_fiscal = (fis is not None and tr is not None and tr.values.get("本年支出合计") is not None
                       and fis.wan == wan(tr.values["本年支出合计"], exp.unit))
        other_codes = {r.code for t in (fund, soe) if t is not None for r in t.rows if r.code}
        by_code = {r.code: r for r in exp.rows if r.code}
        # only 项 whose 款 adds up in both tables: a 项 column shifted by a misread (figures printed on the
        # line of a wrapped name) breaks its 款 = Σ 项, while a 项 printed wrong with its parents does not
        sound = _adding_xiang(gpb, "合计") & _adding_xiang(exp, "本年支出合计")
        for row in gpb.rows:
            if row.level != "项" or not row.code or row.code not in by_code or row.code not in sound:
                continue
            twin = by_code[row.code]
            for ca, cb in (("合计", "本年支出合计"), ("基本支出", "基本支出"), ("项目支出", "项目支出")):
                if (row.partial or twin.partial) and ca != "合计":
                    break  # a row whose blank cells vanished: only its first figure has a known column
                a, b = _cell(gpb, row, ca), _cell(exp, twin, cb)
                if a is None or b is None:
                    continue
                if only_fiscal and row.code not in other_codes:
                    book.equal_check(a, b, "项: 只有财政拨款支出")
                else:
                    _at_most(book, a, b, "项: 财政拨款支出 ≤ 本年支出")


def _adding_xiang(t, col: str) -> set[str]:
    """Codes of the 项 rows of ``t`` whose 款 prints ``col`` equal to Σ of its 项 and whose 类 prints it equal
    to Σ of its 款 (over rounding intervals); a partial row still places its first figure."""
    places = table_places(t)

    def adds(parent, kids) -> bool:
        if parent is None or parent.values.get(col) is None or any(r.values.get(col) is None for r in kids):
            return False
        s = Interval.point(ZERO)
        for r in kids:
            s = s + interval_of(r.values[col], places)
        return s.overlaps(interval_of(parent.values[col], places))

    by = {r.code: r for r in t.rows if r.level in ("类", "款")}
    kids: dict[str, list] = {}
    for r in t.rows:
        if r.level in ("款", "项"):
            kids.setdefault(r.code[: len(r.code) - 2], []).append(r)
    ok = {c for c, rows in kids.items() if adds(by.get(c), rows)}
    return {r.code for r in t.rows if r.level == "项" and r.code[:5] in ok and r.code[:3] in ok}


def _at_most(book: _Book, a: Cell, b: Cell, what: str) -> None:
    """``a`` ≤ ``b`` (both printed figures), contradicted only when a's whole rounding interval exceeds b's."""
    ia, ib = interval_of(a.value, table_places(a.table)), interval_of(b.value, table_places(b.table))
    if a.table.unit == "元":
        ia = ia.scale(Decimal(1) / Decimal(10000))
    if b.table.unit == "元":
        ib = ib.scale(Decimal(1) / Decimal(10000))
    if ia.lo <= ib.hi:
        return
    book.findings.append(Finding(
        rule=book.rule.id, severity="",
        message=Msg("rule.T006.part_exceeds", a_table=a.table.label, a_code=a.row.code, a_row=a.row.name,
                    a_column=a.column, a=fmt(a.value), b_table=b.table.label, b_row=b.row.name, b_column=b.column,
                    b=fmt(b.value), what=what),
        text=row_text(a.row), stated=fmt(a.value), expected=f"≤ {fmt(b.value)}",
        location=row_location(a.table, a.row), evidence=[a.evidence(), b.evidence()]))


class SangongParts(Rule):
    """三公 table: 合计 = 因公出国（境）费 + 公务用车购置及运行维护费 + 公务接待费, and 小计 = 购置费 + 运行维护费,
    for both 预算数 and 决算数.

    Bad:  决算数 合计 5.00 with 出国 0, 车 3.00, 接待 1.00.
    Good: 决算数 合计 4.00 with 出国 0, 车 3.00, 接待 1.00.
    """

    id = "T007"
    group = "table_identities"
    severity = "error"
    summary = "三公 合计 = 出国 + 车 + 接待; 小计 = 购置 + 运行 (预算数 and 决算数)"

    def check(self, ctx: Context) -> Iterable[Finding]:
        book = _Book(self)
        t = ctx.table("sangong")
        cells = sangong_cells(t)
        for kind in ("预算数", "决算数"):
            def g(item):
                return cells.get((kind, item))

            for total, parts in (
                ("合计", ("因公出国（境）费", "公务用车购置及运行维护费", "公务接待费")),
                ("公务用车购置及运行维护费", ("公务用车购置费", "公务用车运行维护费")),
            ):
                tc = g(total)
                pcs = [g(p) for p in parts]
                if tc is None or any(p is None for p in pcs):
                    continue
                book.sum_check(t, tc.row, tc.column, tc.value, [(p.column, p.value) for p in pcs], " + ".join(parts))
        return book.done()


class CarryOver(Rule):
    """政府性基金 / 国有资本经营 tables: 年初结转和结余 + 本年收入 − 本年支出 = 年末结转和结余, per row.

    Bad:  年初 0, 本年收入 100.00, 本年支出 100.00, 年末 20.00.
    Good: 年初 0, 本年收入 100.00, 本年支出 100.00, 年末 0.
    """

    id = "T008"
    group = "table_identities"
    severity = "error"
    summary = "年初结转 + 本年收入 − 本年支出 = 年末结转 (基金/国资 rows)"

    def check(self, ctx: Context) -> Iterable[Finding]:
        book = _Book(self)
        need = ("年初结转和结余", "本年收入", "本年支出合计", "年末结转和结余")
        for kind in ("fund", "soe"):
            t = ctx.table(kind)
            if t is None or any(c not in t.columns for c in need):
                continue
            for r in _data_rows(t):
                if r.values.get("年末结转和结余") is None:
                    continue
                # 年末 = 年初 + 收入 − 支出; written as a sum with a negated term
                terms = [("年初结转和结余", _v(r, need[0])), ("本年收入", _v(r, need[1])), ("−本年支出合计", -_v(r, need[2]))]
                book.sum_check(t, r, "年末结转和结余", r.values["年末结转和结余"], terms, "年初 + 本年收入 − 本年支出")
        return book.done()


class ProjectExecutionRate(Rule):
    """项目绩效自评表: 预算执行率 = 全年执行数 / 全年预算数.

    Bad:  全年预算数 15, 全年执行数 7.55, 预算执行率 75.33%.
    Good: 全年预算数 15, 全年执行数 7.55, 预算执行率 50.33%.
    """

    id = "T009"
    group = "table_identities"
    severity = "error"
    summary = "项目自评表: 预算执行率 = 全年执行数 / 全年预算数"

    def check(self, ctx: Context) -> Iterable[Finding]:
        t = ctx.table("project_eval")
        out: list[Finding] = []
        if t is None or "预算执行率" not in t.columns:
            return out
        places = table_places(t)
        for r in _data_rows(t):
            b, a, rate = r.values.get("全年预算数"), r.values.get("全年执行数"), r.values.get("预算执行率")
            if b is None or a is None or rate is None or b == 0:
                continue
            q = interval_of(a, places) / interval_of(b, places)
            stated = Interval.of(rate).scale(Decimal("0.01"))
            if q is None or q.overlaps(stated):
                continue
            exp = a / b * 100
            out.append(
                Finding(
                    rule=self.id,
                    severity="",
                    message=Msg("rule.T009.rate", table=t.label, row=r.name, rate=fmt(rate), actual=fmt(a), budget=fmt(b),
                                expected=fmt(exp)),
                    text=row_text(r),
                    stated=f"{fmt(rate)}%",
                    expected=f"{fmt(exp)}%",
                    location=row_location(t, r),
                    evidence=[Cell(t, r, "全年预算数", b).evidence(), Cell(t, r, "全年执行数", a).evidence(),
                              Cell(t, r, "预算执行率", rate).evidence()],
                )
            )
        return out


RULES = [
    TotalEqualsClasses,
    HierarchySums,
    RowColumnsSum,
    EconomicClassification,
    SummaryTableTotals,
    CrossTableAgreement,
    SangongParts,
    CarryOver,
    ProjectExecutionRate,
]
