"""T002: 类 = Σ 款 and 款 = Σ 项 per value column."""

from __future__ import annotations

from collections.abc import Iterable

from ....tables.reliability import CODED
from ...base import Context, Finding, Rule
from ...tableutil import _Book


class HierarchySums(Rule):
    """A 类 row equals the sum of its 款 rows, and a 款 row the sum of its 项 rows.

    Bad:  201 一般公共服务支出 318.99; 20103 313.99 + 20113 15.00.
    Good: 201 一般公共服务支出 318.99; 20103 313.99 + 20113 5.00.
    """

    id = "T002"
    severity = "error"
    summary = "类 = Σ 款 and 款 = Σ 项 per value column"
    compares = "tables"

    def check(self, ctx: Context) -> Iterable[Finding]:
        book = _Book(self)
        for t in ctx.tables:
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
