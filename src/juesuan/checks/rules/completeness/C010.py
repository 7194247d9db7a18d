"""C010: a table printed without any figure while the narrative states its figures."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

import regex as re

from ...base import ZERO, Context, Evidence, Finding, Location, Msg, Rule

_FIGURE = re.compile(r"(?<![\d.])\d[\d,]*(?:\.\d+)?(?![\d.])")


def _has_figure(row) -> bool:
    """A row prints a figure other than 0: a value read, or a figure of its printed text (a row whose blank cells
    vanished keeps its figures unplaced) other than its code."""
    if any(v for v in row.values.values() if v is not None):
        return True
    text = (row.text or "").replace(row.code or "\0", " ", 1)
    return any(Decimal(m.group(0).replace(",", "")) != 0 for m in _FIGURE.finditer(text))


class BlankTableFiguresStated(Rule):
    """A table the document prints (and does not declare blank) has no figure at all, while the narrative states
    figures that are its cells: the table promised by the 目录 and the text is empty. (A table declared blank by its
    note is X024's.)

    Bad:  财政拨款“三公”经费支出决算表 printed with every cell empty while 第三部分 states "“三公”经费财政拨款支出
          年初预算为 12.00 万元，支出决算为 10.50 万元".
    Good: the table prints the 12.00 and 10.50; or the narrative says "本年度无“三公”经费财政拨款支出".
    """

    id = "C010"
    severity = "warning"
    summary = "a table printed without any figure while the narrative states its figures"
    compares = "narrative_tables"
    decides_verdicts = False
    reports_unchecked = True

    def check(self, ctx: Context) -> Iterable[Finding]:
        declared = {t.kind for t in ctx.facts.tables if t.declared_blank}
        out = []
        for t in ctx.tables:
            if t.kind in declared or ctx.table(t.kind) is not t:
                continue  # declared blank (X024), or a table the engine cannot read reliably
            if any(_has_figure(r) for r in t.rows):
                continue
            items = []
            for c in ctx.claims:
                if c.ref is None or c.ref.table != t.kind or c.kind in ("zero", "reason", "list"):
                    continue
                nz = [v for v in c.values.values() if v.unit in ("万元", "元") and v.value != ZERO]
                if nz:
                    items.append((c, nz[0]))
            if not items:
                continue
            more = Msg("rule.X024.more", n=len(items)) if len(items) > 1 else ""
            out.append(Finding(
                self.id, "", Msg("rule.C010.blank", table=t.label, first=items[0][1].raw, more=more),
                t.title or t.label, stated="（空表）", expected=items[0][1].raw,
                location=Location(part="决算表", section=None, table=t.label, page=t.page, line=t.line),
                evidence=[Evidence("narrative", v.raw, None, c.subject, f"line {c.line}") for c, v in items[:12]],
                claims=[ctx.idx(c) for c, _ in items]))
        return out
