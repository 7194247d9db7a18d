"""N007: the 三公 figures of the narrative against the 三公 table."""

from __future__ import annotations

from collections.abc import Iterable

import regex as re

from ....catalogue import sangong_counted, sangong_said
from ...base import Context, Finding, Msg, Rule, claim_evidence, fmt
from ...claimutil import against_placements, claim_finding, clause_of, lookback, money, squash
from ...tableutil import sangong_cells, sangong_options


def _sangong_item(text: str) -> str | None:
    """The 三公 item a clause names (patterns/tables.toml, sangong.said)."""
    t = squash(text)
    return next((item for word, item in sangong_said() if word in t), None)


class SangongMatches(Rule):
    """三公 narrative amounts equal the 三公 table; counts of 团组/人次/车辆 are zero exactly when the matching
    三公 amount is zero.

    Bad:  "公务接待费支出决算 1.20 万元" with the 三公 table's 公务接待费 决算数 0; "接待国内来访团组 3 个" with 0 万元.
    Good: "公务接待费支出决算 0.00 万元 … 接待国内来访团组 0 个".
    """

    id = "N007"
    severity = "error"
    summary = "三公 narrative amounts/counts match the 三公 table"
    compares = "narrative_tables"

    def check(self, ctx: Context) -> Iterable[Finding]:
        out: list[Finding] = []
        t = ctx.table("sangong")
        if t is None:
            return out
        cells = sangong_cells(t)  # may be {} (an empty table, or a text row whose cells were not placed)
        options = sangong_options(t)  # the cells a text row's placements do not agree on
        for c in ctx.claims:
            if c.ref is not None and c.ref.table == "sangong":
                continue  # N001 compares it
            if c.section is None or "三公" not in (c.section or "") and "三公" not in squash(c.text):
                continue
            if c.kind == "count":
                hay = squash(f"{c.subject or ''}{c.text}")
                item = next((it for rx, it in sangong_counted() if re.search(rx, hay)), None)
                cnt = c.value("count")
                part = cnt == 0 and re.search("外宾|其中", squash(clause_of(c, "count")))
                cell = cells.get(("决算数", item)) if item else None
                if cell is None and item and cnt is not None:
                    # the table's cell was not read (a 上海 text row whose blank cells vanished): the item's
                    # amount stated just before ("1、因公出国（境）费支出 0.00 万元。…团组 2 个")
                    prev = lookback(ctx, c, lambda x, item=item: x.kind == "amount" and money(x, "amount") is not None
                                    and _sangong_item(clause_of(x, "amount")) == item, limit=4, same_section=False)
                    if prev is not None:
                        amt = money(prev, "amount")
                        assert amt is not None  # the lookback's predicate
                        if part and amt.value != 0:
                            ctx.cannot(c, "a zero count of a part (外宾/其中) says nothing about the item's amount")
                            continue
                        if (cnt == 0) == (amt.value == 0) or (cnt == 0 and "车" in hay):
                            ctx.verify(c, self.id)
                        else:
                            out.append(claim_finding(
                                self, ctx, c, Msg("rule.N007.count_stated", count=fmt(cnt), item=item,
                                                  amount=prev.values["amount"].raw),
                                stated=fmt(cnt), expected="0" if amt.value == 0 else "> 0",
                                evidence=[claim_evidence(prev, "amount")], severity="warning"))
                        continue
                if cell is None or cnt is None:
                    continue
                if part and cell.value != 0:
                    # "其中：接待外宾 0 批次": a part may be zero while the item is not
                    ctx.cannot(c, "a zero count of a part (外宾/其中) says nothing about the item's amount")
                    continue
                if (cnt == 0) == (cell.value == 0) or (cnt == 0 and "车" in hay):
                    ctx.verify(c, self.id)
                    continue
                out.append(claim_finding(
                    self, ctx, c, Msg("rule.N007.count_table", count=fmt(cnt), item=item, printed=fmt(cell.value)),
                    stated=fmt(cnt), expected="0" if cell.value == 0 else "> 0", evidence=[cell.evidence()],
                    table=t.label, severity="warning"))
                continue
            for role, kind in (("amount", "决算数"), ("actual", "决算数"), ("budget", "预算数")):
                m = money(c, role)
                if m is None:
                    continue
                item = _sangong_item(clause_of(c, role)) or _sangong_item(c.subject or "") or _sangong_item(c.text)
                if re.search("外宾|国内公务接待|其他国内", squash(clause_of(c, role))):
                    continue  # parts of 公务接待费 the table does not print
                cell = cells.get((kind, item)) if item else None
                if cell is None and item and (opts := options.get((kind, item))):
                    fits, f = against_placements(self, ctx, c, role, opts, "rule.N007.placements", item=item,
                                                 kind=kind)  # vanished blank cells
                    if fits:
                        ctx.verify(c, self.id)
                    out.extend([f] if f is not None else [])
                    continue
                if cell is None:
                    continue
                if m.interval.overlaps(cell.interval):
                    ctx.verify(c, self.id)
                    continue
                out.append(claim_finding(
                    self, ctx, c, Msg("rule.N007.amount", item=item, kind=kind, stated=c.values[role].raw,
                                      printed=fmt(cell.value)),
                    stated=c.values[role].raw, expected=f"{fmt(cell.wan)} 万元", evidence=[cell.evidence(), claim_evidence(c, role)],
                    table=t.label))
        return out
