"""T008: the carry-over of the 政府性基金 / 国有资本经营 tables adds up (年初结转和结余 + 本年收入 − 本年支出 = 年末结转和结余)
(table_identities group)."""

from __future__ import annotations

from collections.abc import Iterable

from .base import Context, Finding, Rule
from .tableutil import YEAR_EXPENDITURE, _Book, _data_rows, _v


class CarryOver(Rule):
    """政府性基金 / 国有资本经营 tables: 年初结转和结余 + 本年收入 − 本年支出 = 年末结转和结余, per row.

    Bad:  年初 0, 本年收入 100.00, 本年支出 100.00, 年末 20.00.
    Good: 年初 0, 本年收入 100.00, 本年支出 100.00, 年末 0.
    """

    id = "T008"
    group = "table_identities"
    severity = "error"
    summary = "年初结转 + 本年收入 − 本年支出 = 年末结转 (基金/国资 rows)"

    def check(self, ctx: Context) -> Iterable[Finding]:
        book = _Book(self)
        need = ("年初结转和结余", "本年收入", YEAR_EXPENDITURE, "年末结转和结余")
        for kind in ("fund", "soe"):
            t = ctx.table(kind)
            if t is None or any(c not in t.columns for c in need):
                continue
            for r in _data_rows(t):
                if r.values.get("年末结转和结余") is None:
                    continue
                # 年末 = 年初 + 收入 − 支出; written as a sum with a negated term
                terms = [("年初结转和结余", _v(r, need[0])), ("本年收入", _v(r, need[1])), ("−本年支出合计", -_v(r, need[2]))]
                book.sum_check(t, r, "年末结转和结余", r.values["年末结转和结余"], terms, "年初 + 本年收入 − 本年支出")
        return book.done()


RULES = [CarryOver]
