"""T008: the carry-over of the 政府性基金 / 国有资本经营 tables adds up (年初结转和结余 + 本年收入 − 本年支出 = 年末结转和结余)."""

from __future__ import annotations

from collections.abc import Iterable

from ....catalogue import carry_over, total_column
from ...base import Context, Finding, Rule
from ...tableutil import _Book, _data_rows, _v


class CarryOver(Rule):
    """政府性基金 / 国有资本经营 tables: 年初结转和结余 + 本年收入 − 本年支出 = 年末结转和结余, per row.

    Bad:  年初 0, 本年收入 100.00, 本年支出 100.00, 年末 20.00.
    Good: 年初 0, 本年收入 100.00, 本年支出 100.00, 年末 0.
    """

    id = "T008"
    severity = "error"
    summary = "年初结转 + 本年收入 − 本年支出 = 年末结转 (基金/国资 rows)"
    compares = "tables"

    def check(self, ctx: Context) -> Iterable[Finding]:
        book = _Book(self)
        for kind in ("fund", "soe"):
            t, cols, total = ctx.table(kind), carry_over(kind), total_column(kind)
            if t is None or cols is None or total is None:
                continue
            begin, income, end = cols["begin"], cols["income"], cols["end"]
            if any(c not in t.columns for c in (begin, income, total, end)):
                continue
            for r in _data_rows(t):
                v_end = r.values.get(end)
                if v_end is None:
                    continue
                # 年末 = 年初 + 收入 − 支出; written as a sum with a negated term
                terms = [(begin, _v(r, begin)), (income, _v(r, income)), (f"−{total}", -_v(r, total))]
                book.sum_check(t, r, end, v_end, terms, "年初 + 本年收入 − 本年支出")
        return book.done()
