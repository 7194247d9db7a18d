"""N001: a stated amount equals its referenced table cell (万元, rounding of both)."""

from __future__ import annotations

from collections.abc import Iterable

from ....claims.budget import document_kind
from ...base import Cell, Context, Finding, Msg, Rule, claim_evidence, fmt, printed_column, table_places
from ...claimutil import against_placements, claim_finding, money


class AmountMatchesTable(Rule):
    """A stated amount equals the table cell its subject refers to (compared in 万元, within the rounding
    of both figures).

    Bad:  "基本支出 176.73 万元" while 公开03表 合计·基本支出 prints 176.37.
    Good: "基本支出 176.37 万元".
    """

    id = "N001"
    severity = "error"
    summary = "a stated amount equals its referenced table cell (万元, rounding of both)"
    compares = "narrative_tables"

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
                opts = ctx.cell_options(c.ref, budget_col if role == "budget" else None) if cell is None else []
                if opts:  # a row whose blank cells vanished, placed several ways (issue 18, family 3)
                    at = opts[0]
                    fits, f = against_placements(self, ctx, c, role, opts, "rule.N001.placements",
                                                 subject=c.subject or "金额", table=at.table.label, row=at.row.name,
                                                 column=printed_column(at.table, at.column))
                    ok = ok and fits
                    out.extend([f] if f is not None else [])
                    continue
                if cell is None:
                    ctx.cannot(c, why or Msg("reason.cell.not_found"))
                    ok = False
                    continue
                m = money(c, role)
                assert m is not None  # roles hold only stated figures
                iv = m.interval
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
