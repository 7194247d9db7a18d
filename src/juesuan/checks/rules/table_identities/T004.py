"""T004: 经济分类: class = Σ 款; 人员经费合计 = Σ 301+303; 公用经费合计 = Σ other classes."""

from __future__ import annotations

from collections.abc import Iterable

from ....tables.reliability import ECON, econ_identities
from ...base import Context, Finding, Rule
from ...tableutil import _Book


class EconomicClassification(Rule):
    """基本支出 经济分类: a class row (301, 302 …) equals Σ its 款 rows; 人员经费合计 = Σ 301 + 303;
    公用经费合计 = Σ the other classes.

    Bad:  301 工资福利支出 171.07 while its 款 rows add up to 181.08.
    Good: 301 工资福利支出 171.07 while its 款 rows add up to 171.08 (尾差).
    """

    id = "T004"
    severity = "error"
    summary = "经济分类: class = Σ 款; 人员经费合计 = Σ 301+303; 公用经费合计 = Σ other classes"
    compares = "tables"

    def check(self, ctx: Context) -> Iterable[Finding]:
        book = _Book(self)
        for kind in ECON:
            t = ctx.table(kind)
            if t is None:
                continue
            rows = t.rows
            for ch in econ_identities(t):
                (i, col), terms = ch.total, ch.terms
                if any(k[0] == i for k in terms):
                    continue  # a row's own 合计 = 人员经费 + 公用经费: T003
                if rows[i].partial or rows[i].values.get(col) is None or any(rows[k].partial for k, _ in terms):
                    continue
                what = f"Σ {rows[i].code} 款" if rows[i].code else f"Σ {'+'.join(rows[k].code for k, _ in terms)}"
                book.rows_sum(t, rows[i], [rows[k] for k, _ in terms], what, [col])
        return book.done()
