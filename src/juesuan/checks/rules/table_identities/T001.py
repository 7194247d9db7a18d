"""T001: 合计 = Σ 类 rows in every value column."""

from __future__ import annotations

from collections.abc import Iterable

from ....tables.reliability import CODED
from ...base import Context, Finding, Rule
from ...tableutil import _Book


class TotalEqualsClasses(Rule):
    """合计 row equals the sum of the 类 rows, in every value column of a coded table.

    Bad:  合计 449.76 with 类 rows 318.99 + 13.21 + 7.78 + 9.79 + 110.00 (= 459.77).
    Good: 合计 449.76 with 类 rows 318.99 + 13.21 + 7.78 + 9.79 + 100.00 (= 449.77, 尾差 0.01).
    """

    id = "T001"
    severity = "error"
    summary = "合计 = Σ 类 rows in every value column"
    compares = "tables"

    def check(self, ctx: Context) -> Iterable[Finding]:
        book = _Book(self)
        for t in ctx.tables:
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
