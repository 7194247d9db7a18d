"""N006: a statement that something is zero or absent (无/为零/未发生) against the table it refers to."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

import regex as re

from ....catalogue import total_column
from ....claims.budget import document_kind
from ....numbers import Interval
from ....patterns import load
from ...base import ZERO, Cell, Context, Evidence, Finding, Msg, Rule, fmt, kind_name, row_location
from ...claimutil import claim_finding, squash


def _absence_target(c) -> dict | None:
    hay = squash(f"{c.subject or ''}{c.qualifier or ''}{c.text}")
    for a in load("rules").get("absence", []):
        if re.search(a["pattern"], hay):
            return a
    return None


_FUNDS = re.compile("一般公共预算|政府性基金|国有资本经营")


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
    severity = "error"
    summary = "zero/absence statements match empty tables (国资/基金/三公/采购 …)"
    compares = "narrative_tables"

    def check(self, ctx: Context) -> Iterable[Finding]:
        out = []
        empty_re = re.compile(load("tables")["notes"]["empty"])
        for tab in ctx.tables:
            if tab.note and empty_re.search(squash(tab.note)) and not tab.empty:
                nz = _nonzero_cells(tab)
                out.append(Finding(
                    rule=self.id, severity="", text=tab.note.splitlines()[-1],
                    message=Msg("rule.N006.note_nonzero", table=tab.label, n=len(nz)),
                    stated="本表无数据", expected=f"{fmt(nz[0].value)} in {nz[0].row.name} [{nz[0].column}]",
                    location=row_location(tab, nz[0].row), evidence=[x.evidence() for x in nz[:6]]))
        for i, c in enumerate(ctx.claims):
            if c.kind != "zero":
                continue
            if c.qualifier == "差异":
                out.extend(_nil_variance(self, ctx, i, c))
                continue
            target = _absence_target(c)
            if c.ref is not None:
                t = ctx.table(c.ref.table)
                cell, why = ctx.cell(c.ref)
                if cell is None and t is not None and c.ref.column and c.ref.column != total_column(t.kind) \
                        and _unplaced_figures(t):
                    # one column of a row whose figures are not placed (上海 三公 row also holding 机关运行经费, read
                    # from text): its figures may all be the other columns'
                    ctx.cannot(c, why or Msg("reason.cell.not_found"))
                    continue
                cells = [cell] if cell else (_nonzero_cells(t) if t is not None and not c.ref.code and not c.ref.row else [])
                if cell is None and t is None:
                    ctx.cannot(c, Msg("reason.cell.no_table", table=c.ref.table, name=kind_name(c.ref.table, ctx.doc.kind)))
                    continue
            elif target is not None:
                t = ctx.table(target["table"])
                cells = _nonzero_cells(t) if t is not None else []
                ft = ctx.table("fiscal_total")
                if t is None and target.get("fiscal_column") and ft is not None:
                    cells = [x for x in _nonzero_cells(ft) if x.column == target["fiscal_column"]]
                    if document_kind(ctx.doc) == "预算":
                        # a row that names another fund ("二、政府性基金预算") cannot hold this fund's figure: a cell the
                        # reader put in the wrong column, not a contradiction
                        cells = [x for x in cells if not (_FUNDS.search(squash(x.row.name))
                                                          and not re.search(target["pattern"], squash(x.row.name)))]
                    t = ft
                if t is None:
                    ctx.cannot(c, Msg("rule.N006.no_table", table=target["table"], name=kind_name(target["table"], ctx.doc.kind)))
                    continue
            else:
                ctx.cannot(c, Msg("rule.N006.unresolved"))
                continue
            nz = [x for x in cells if x.value != ZERO]
            whole = t is not None and (c.ref is None or (cell is None and not c.ref.code and not c.ref.row))
            printed = _unplaced_figures(t) if whole and not nz else []
            if printed and target is not None and document_kind(ctx.doc) == "预算":
                printed = [(r, f) for r, f in printed if not (_FUNDS.search(squash(r.name))
                                                              and not re.search(target["pattern"], squash(r.name)))]
            if printed:
                assert t is not None  # printed is read from t (whole needs it)
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
