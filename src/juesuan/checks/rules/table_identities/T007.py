"""T007: the 三公 table's 合计 and 小计 are the sums of their items."""

from __future__ import annotations

from collections.abc import Iterable

from ....catalogue import sangong_grand, sangong_item_parts
from ...base import Context, Finding, Rule
from ...tableutil import _Book, sangong_cells


class SangongParts(Rule):
    """三公 table: 合计 = 因公出国（境）费 + 公务用车购置及运行维护费 + 公务接待费, and 小计 = 购置费 + 运行维护费,
    for both 预算数 and 决算数.

    Bad:  决算数 合计 5.00 with 出国 0, 车 3.00, 接待 1.00.
    Good: 决算数 合计 4.00 with 出国 0, 车 3.00, 接待 1.00.
    """

    id = "T007"
    severity = "error"
    summary = "三公 合计 = 出国 + 车 + 接待; 小计 = 购置 + 运行 (预算数 and 决算数)"
    compares = "tables"

    def check(self, ctx: Context) -> Iterable[Finding]:
        book = _Book(self)
        t = ctx.table("sangong")
        cells = sangong_cells(t)
        for kind in ("预算数", "决算数"):
            def g(item, kind=kind):
                return cells.get((kind, item))

            for total, parts in sangong_item_parts():
                tc = g(total)
                pcs = [g(p) for p in parts]
                if tc is None or any(p is None for p in pcs):
                    continue
                book.sum_check(t, tc.row, tc.column, tc.value, [(p.column, p.value) for p in pcs], " + ".join(parts))
        grand = sangong_grand()  # 江苏 预算: 合计 = 三公 + 会议费 + 培训费
        if grand:
            def at(col: str):  # "预算数|会议费" → the cell of (预算数, 会议费)
                kind, _, item = col.partition("|")
                return cells.get((kind, item))

            tc = at(grand[0])
            pcs = [at(p) for p in grand[1]]
            if tc is not None and all(p is not None for p in pcs):
                book.sum_check(t, tc.row, tc.column, tc.value, [(p.column, p.value) for p in pcs if p is not None],
                               " + ".join(p.split("|", 1)[1] for p in grand[1]))
        return book.done()
