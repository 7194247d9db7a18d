"""Helpers that read tables, shared by the rules (imports no rule module)."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from ..catalogue import column_of, fund_types, sangong_items, total_column
from ..numbers import Interval

if TYPE_CHECKING:  # pragma: no cover
    from ..tables.model import Row, Table
from . import base

# Canonical column/row names of the income and expenditure tables, one constant per term (patterns/tables.toml
# holds them as the tables' total columns, read through juesuan.catalogue).
YEAR_INCOME = total_column("income")  # 本年收入合计 (patterns/tables.toml)
YEAR_EXPENDITURE = total_column("expense")  # 本年支出合计
FUND_TYPES = tuple(fund_types())  # 一般公共预算财政拨款, 政府性基金预算财政拨款, 国有资本经营预算财政拨款
GPB_FUND, GOV_FUND, SOE_FUND = FUND_TYPES
# the project self-evaluation table's columns the rules read (T009, N009, N010)
PROJECT_BUDGET = column_of("project_eval", "budget")  # 全年预算数
PROJECT_ACTUAL = column_of("project_eval", "actual")  # 全年执行数
PROJECT_RATE = column_of("project_eval", "rate")  # 预算执行率
PROJECT_SCORE = column_of("project_eval", "score")  # 自评得分


def _v(row, col) -> Decimal:
    v = row.values.get(col)
    return base.ZERO if v is None else v


class _Book:
    """Collects the outcome of sum checks for one rule: errors at once, rounding grouped per table."""

    def __init__(self, rule: base.Rule):
        self.rule = rule
        self.findings: list[base.Finding] = []
        self.rounding: dict[str, list[tuple]] = {}
        self.tables: dict[str, tuple[Table, Row]] = {}

    def rows_sum(self, table, parent, kids: list, what: str | base.Msg, columns: list[str] | None = None) -> None:
        """``parent`` against Σ of the coded ``kids`` rows in each column the parent prints."""
        for col in columns if columns is not None else table.columns:
            if parent.values.get(col) is not None:
                kid_terms = [(f"{k.code} {k.name}", _v(k, col)) for k in kids]
                self.sum_check(table, parent, col, parent.values[col], kid_terms, what)

    def sum_check(self, table, row, column: str, total: Decimal, terms: list[tuple[str, Decimal]], what: str | base.Msg,
                  term_table=None) -> base.Finding | None:
        """``total`` (printed in ``table``) against Σ ``terms`` (printed in ``term_table`` or ``table``)."""
        tt = term_table or table
        p_total, p_terms = base.table_places(table), base.table_places(tt)
        t_iv = base.interval_of(total, p_total)
        if table.unit == "元":
            t_iv = t_iv.scale(Decimal(1) / Decimal(10000))
        s_iv = Interval.point(base.ZERO)
        s = base.ZERO
        for _, v in terms:
            iv = base.interval_of(v, p_terms)
            if tt.unit == "元":
                iv = iv.scale(Decimal(1) / Decimal(10000))
            s_iv = s_iv + iv
            s += base.wan(v, tt.unit)
        tw = base.wan(total, table.unit)
        if s == tw:
            return None
        if t_iv.overlaps(s_iv):
            self.rounding.setdefault(table.label, []).append((row, column, total, s, what))
            self.tables[table.label] = (table, row)
            return None
        terms_txt = " + ".join(f"{base.fmt(v)}" for _, v in terms[:12]) + (" + …" if len(terms) > 12 else "")
        ev = [base.Cell(table, row, column, total).evidence()]
        for name, v in terms:  # every term (the message shows the first dozen): the reviewer checks each
            ev.append(base.Evidence("table", base.fmt(v), tt.label, name, base.printed_column(tt, column) if tt is table else None))
        allowed = (t_iv.hi - t_iv.lo + s_iv.hi - s_iv.lo) / 2
        f = base.Finding(
                rule=self.rule.id,
                severity="",
                message=base.Msg("check.sum.mismatch", table=table.label, row=row.name or row.code, column=column,
                            total=base.fmt(total), what=what, sum=base.fmt(s), terms=terms_txt, diff=base.fmt(tw - s),
                            allowed=base.fmt(allowed)),
                text=base.row_text(row),
                stated=base.fmt(total),
                expected=base.fmt(s),
                location=base.row_location(table, row),
                evidence=ev,
            )
        self.findings.append(f)
        return f

    def equal_check(self, a: base.Cell, b: base.Cell, what: str | base.Msg) -> None:
        if self.two_prints(a, b, what):
            return
        f = self.sum_check(a.table, a.row, a.column, a.value, [(f"{b.row.code} {b.row.name}".strip(), b.value)],
                           base.Msg("check.sum.equal_what", what=what, table=b.table.label, row=b.row.name, column=b.column),
                           term_table=b.table)
        if f is not None:
            f.evidence[1:] = [b.evidence()]
            f.set_message(base.Msg("check.sum.equal", a_table=a.table.label, a_row=a.row.name, a_column=a.column,
                              a=base.fmt(a.value), b_table=b.table.label, b_row=b.row.name, b_column=b.column,
                              b=base.fmt(b.value), what=what))

    def two_prints(self, a: base.Cell, b: base.Cell, what: str | base.Msg) -> bool:
        """One figure printed two ways (1,234.56 in one table, 1,234.57 in another, both in the same unit to the
        same decimals): a warning naming both, not a 尾差 — no sum is rounded here (issue 18, family 4)."""
        pa, pb = base.table_places(a.table), base.table_places(b.table)
        if a.table.unit != b.table.unit or pa != pb or a.value == b.value or not a.interval.overlaps(b.interval):
            return False
        self.findings.append(base.Finding(
            rule=self.rule.id, severity="warning",
            message=base.Msg("check.sum.two_prints", a_table=a.table.label, a_row=a.row.name, a_column=a.column,
                             a=base.fmt(a.value), b_table=b.table.label, b_row=b.row.name, b_column=b.column,
                             b=base.fmt(b.value), what=what),
            text=base.row_text(a.row), stated=base.fmt(a.value), expected=base.fmt(b.value),
            location=base.row_location(a.table, a.row), evidence=[a.evidence(), b.evidence()]))
        return True

    def done(self) -> list[base.Finding]:
        out = list(self.findings)
        for label, items in self.rounding.items():
            table, _row = self.tables[label]
            parts = [base.Msg("check.sum.rounding_item", row=r.name or r.code, column=c, total=base.fmt(t), sum=base.fmt(s))
                     for r, c, t, s, _ in items[:8]]
            more = base.Msg("check.sum.rounding_more", n=len(items) - 8) if len(items) > 8 else ""
            out.append(
                base.Finding(
                    rule=self.rule.id,
                    severity="info",
                    message=base.Msg("check.sum.rounding", table=label, n=len(items), items=base.Join(parts), more=more),
                    text=base.row_text(items[0][0]),
                    stated=base.fmt(items[0][2]),
                    expected=base.fmt(items[0][3]),
                    location=base.row_location(table, items[0][0]),
                    evidence=[base.Cell(table, r, c, t).evidence() for r, c, t, _, _ in items[:8]],
                )
            )
        return out


def _data_rows(table):
    return [r for r in table.rows if not r.partial]


def _side_rows(t, side):
    return [r for r in t.rows if r.side == side]


def _is(r, *names) -> bool:
    n = base.norm_name(r.name)
    return any(n == x for x in names)


def sangong_cells(t) -> dict[tuple[str, str], base.Cell]:
    """(预算数|决算数, item) → cell, from either layout (items as columns, or items as rows). A text row whose blank
    cells vanished gives the cells every placement of its figures agrees on (:mod:`juesuan.tables.place`)."""
    out: dict[tuple[str, str], base.Cell] = {}
    if t is None:
        return out
    items = sangong_items()
    for r in t.rows:
        if r.partial:
            for col, v in (r.extra.get("agreed") or {}).items():
                if "|" in col:
                    out.setdefault(tuple(col.split("|", 1)), base.Cell(t, r, col, v or base.ZERO))  # type: ignore[arg-type]
            continue
        for col, v in r.values.items():
            if "|" in col:
                kind, item = col.split("|", 1)
                if v is not None:
                    out.setdefault((kind, item), base.Cell(t, r, col, v))
            else:
                item = next((i for i in items if base.norm_name(r.name).startswith(base.norm_name(i)[:4])), None)
                kind = "预算数" if "预算" in col else "决算数" if "决算" in col else None
                if item and kind and v is not None:
                    out.setdefault((kind, item), base.Cell(t, r, col, v))
    return out


def sangong_options(t) -> dict[tuple[str, str], list[base.Cell]]:
    """(预算数|决算数, item) → the cell's value in each satisfying placement (least first) of a 三公 text row whose
    blank cells vanished and whose figures fit several placements, for the cells they do not agree on."""
    out: dict[tuple[str, str], list[base.Cell]] = {}
    for r in t.rows if t is not None else []:
        for col in r.values:
            if "|" in col and (cells := base.option_cells(t, r, col)):
                kind, item = col.split("|", 1)
                out.setdefault((kind, item), cells)
    return out
