"""T006: the same figure printed in two tables agrees (收入支出决算总表 ↔ 收入决算表/支出决算表 ↔ 财政拨款 tables), and a part never exceeds
its whole."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from ....catalogue import total_column
from ....numbers import Interval
from ...base import (
    ZERO,
    Cell,
    Context,
    Finding,
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
from ...tableutil import (
    FUND_TYPES,
    GOV_FUND,
    GPB_FUND,
    SOE_FUND,
    YEAR_EXPENDITURE,
    YEAR_INCOME,
    _Book,
    _is,
    _side_rows,
    _v,
)


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
            from ....tables.model import Row

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
    severity = "error"
    summary = "the same figure in two tables agrees (收入/支出/财政拨款/基金/国资/基本支出)"
    compares = "tables"

    def check(self, ctx: Context) -> Iterable[Finding]:
        book = _Book(self)
        read = ctx.as_read
        iet, inc, exp = read("income_expense_total"), read("income"), read("expense")
        ft, gpb, basic = read("fiscal_total"), read("gpb_expense"), read("gpb_basic")
        fund, soe = read("fund"), read("soe")

        def pair(a: Cell | None, b: Cell | None, what: str | Msg) -> None:
            if a is not None and b is not None:
                book.equal_check(a, b, what)

        if iet is not None:
            c = iet.columns[0]
            r = _find(iet, YEAR_INCOME, "收入")
            pair(_total_cell(inc, YEAR_INCOME), _cell(iet, r, c), "总表 本年收入合计")
            r = _find(iet, YEAR_EXPENDITURE, "支出")
            pair(_total_cell(exp, YEAR_EXPENDITURE), _cell(iet, r, c), "总表 本年支出合计")
            if exp is not None:
                for row in exp.rows:
                    if row.level == "类" and not row.partial:
                        pair(_cell(exp, row, YEAR_EXPENDITURE), _cell(iet, _find(iet, row.name, "支出"), c), Msg("check.what.by_class", what="总表 支出"))
            if ft is not None:
                for name in FUND_TYPES:
                    a = next((r for r in _side_rows(iet, "收入") if norm_name(r.name).startswith(name)), None)
                    b = next((r for r in _side_rows(ft, "收入") if norm_name(r.name) == name), None)
                    pair(_cell(iet, a, c), _cell(ft, b, ft.columns[0]), "财政拨款总表 收入")
        if ft is not None:
            yt = _find(ft, YEAR_EXPENDITURE, "支出")
            yi = _find(ft, YEAR_INCOME, "收入")
            pair(_total_cell(inc, "财政拨款收入"), _cell(ft, yi, ft.columns[0]), "财政拨款总表 本年收入合计")
            pair(_total_cell(gpb, "合计"), _cell(ft, yt, GPB_FUND), "财政拨款总表 一般公共预算 本年支出合计")
            pair(_total_cell(fund, YEAR_EXPENDITURE), _cell(ft, yt, GOV_FUND), "财政拨款总表 政府性基金 本年支出合计")
            pair(_total_cell(soe, YEAR_EXPENDITURE), _cell(ft, yt, SOE_FUND), "财政拨款总表 国有资本经营 本年支出合计")
            if gpb is not None:
                for row in gpb.rows:
                    if row.level == "类" and not row.partial:
                        pair(_cell(gpb, row, "合计"), _cell(ft, _find(ft, row.name, "支出"), GPB_FUND), Msg("check.what.by_class", what="财政拨款总表 一般公共预算"))
            if fund is not None:
                for row in fund.rows:
                    if row.level == "类" and not row.partial:
                        pair(_cell(fund, row, YEAR_EXPENDITURE), _cell(ft, _find(ft, row.name, "支出"), GOV_FUND), Msg("check.what.by_class", what="财政拨款总表 政府性基金"))
        if gpb is not None and exp is not None:
            self._xiang(book, gpb, exp, ft, fund, soe)
        if gpb is not None and basic is not None:
            a = _total_cell(gpb, "基本支出")
            col = basic.columns[0] if basic.columns else "决算数"
            parts = [r for r in basic.rows if not r.code and (r.name.startswith("人员经费") or r.name.startswith("公用经费"))]
            if a is not None and len(parts) == 2:
                book.sum_check(gpb, a.row, a.column, a.value, [(f"{basic.label} {r.name}", _v(r, col)) for r in parts],
                               "人员经费合计 + 公用经费合计", term_table=basic)
        return book.done()


    @staticmethod
    def _xiang(book: _Book, gpb, exp, ft, fund, soe) -> None:
        """表五 项 rows against 表三 rows of the same code. 表五 is the 一般公共预算财政拨款 part of 表三, so
        表五 ≤ 表三 always; they are equal when the department spends only 财政拨款 (表三 本年支出合计 =
        表四 本年支出合计) and the code is not also a 政府性基金/国有资本经营 科目 (fund-specific 款)."""
        # the 支出 side's first figure is its 合计 (also on a text row whose blank cells vanished)
        yt = next((r for r in _side_rows(ft, "支出") if _is(r, YEAR_EXPENDITURE)), None) if ft is not None else None
        fis = _cell(ft, yt, "合计") if yt is not None else None
        tr = exp.total_row()
        only_fiscal = (fis is not None and tr is not None and tr.values.get(YEAR_EXPENDITURE) is not None
                       and fis.wan == wan(tr.values[YEAR_EXPENDITURE], exp.unit))
        other_codes = {r.code for t in (fund, soe) if t is not None for r in t.rows if r.code}
        by_code = {r.code: r for r in exp.rows if r.code}
        # only 项 whose 款 adds up in both tables: a 项 column shifted by a misread (figures printed on the
        # line of a wrapped name) breaks its 款 = Σ 项, while a 项 printed wrong with its parents does not
        sound = _adding_xiang(gpb, total_column("gpb_expense")) & _adding_xiang(exp, total_column("expense"))
        for row in gpb.rows:
            if row.level != "项" or not row.code or row.code not in by_code or row.code not in sound:
                continue
            twin = by_code[row.code]
            for ca, cb in ((total_column("gpb_expense"), total_column("expense")), ("基本支出", "基本支出"), ("项目支出", "项目支出")):
                if (row.partial or twin.partial) and ca != total_column("gpb_expense"):
                    break  # a row whose blank cells vanished: only its first figure has a known column
                a, b = _cell(gpb, row, ca), _cell(exp, twin, cb)
                if a is None or b is None:
                    continue
                if only_fiscal and row.code not in other_codes:
                    book.equal_check(a, b, "项: 只有财政拨款支出")
                else:
                    _at_most(book, a, b, "项: 财政拨款支出 ≤ 本年支出")


def _adding_xiang(t, col: str | None) -> set[str]:
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
