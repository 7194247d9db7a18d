"""X024: a table declared blank while the narrative states its figures."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from ...base import Context, Evidence, Finding, Location, Msg, Rule


class BlankTableStated(Rule):
    """A table the document declares blank ("本表无数据") is not given figures by the narrative.

    Bad:  政府性基金预算财政拨款收入支出决算表 "说明：…本年度没有政府性基金预算财政拨款收入和支出，故本表无数据。" while
          第三部分 states "政府性基金预算财政拨款支出 2.80 万元".
    Good: the narrative says "本年度无政府性基金预算财政拨款收入和支出".
    """

    id = "X024"
    severity = "error"
    summary = "a table declared blank while the narrative states its figures"
    compares = "narrative"

    def check(self, ctx: Context) -> Iterable[Finding]:
        facts = ctx.facts
        blank = {t.kind: t for t in facts.tables if t.declared_blank}
        out: list[Finding] = []
        if not blank:
            return out
        stated: dict[str, list] = {}
        for c in ctx.claims:
            if c.ref is None or c.ref.table not in blank or c.kind in ("zero", "reason", "list"):
                continue
            nz = [v for r, v in c.values.items() if v.unit in ("万元", "元") and v.value != Decimal(0)]
            if nz:
                stated.setdefault(c.ref.table, []).append((c, nz[0]))
        # one finding per declared-blank table, quoting its note: which side is wrong (the note or the figures)
        # only the reviewer can tell, so the note is the span and every narrative figure is evidence
        for kind, items in stated.items():
            t = blank[kind]
            first = items[0][1].raw
            more = Msg("rule.X024.more", n=len(items)) if len(items) > 1 else ""
            out.append(Finding(
                self.id, "", Msg("rule.X024.blank", table=t.label, first=first, more=more),
                t.note.strip(), stated="0 (本表无数据)", expected=first,
                location=Location(part="决算表", table=t.label, page=t.page, line=t.line),
                evidence=[Evidence("narrative", v.raw, None, c.subject, f"line {c.line}") for c, v in items[:12]],
                claims=[ctx.idx(c) for c, _ in items]))
        return out
