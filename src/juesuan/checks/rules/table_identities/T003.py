"""T003: 合计 = 基本 + 项目 (+ 上缴 + 经营 + 对附属) per row; 财政拨款 合计 = 一般 + 基金 + 国资."""

from __future__ import annotations

from collections.abc import Iterable

from ....catalogue import total_column
from ....tables.reliability import ROW_IDENTITIES as _TABLE_ROW_IDENTITIES
from ...base import Context, Finding, Rule
from ...tableutil import FUND_TYPES, _Book, _data_rows, _v

ROW_IDENTITIES = {**_TABLE_ROW_IDENTITIES, "fiscal_total": (total_column("fiscal_total"), list(FUND_TYPES))}  # one vocabulary with T010


class RowColumnsSum(Rule):
    """In every row, the total column equals the sum of its part columns.

    支出决算表: 本年支出合计 = 基本支出 + 项目支出 + 上缴上级支出 + 经营支出 + 对附属单位补助支出; 收入决算表:
    本年收入合计 = Σ income sources; 财政拨款总表 支出: 合计 = 一般公共预算 + 政府性基金 + 国有资本经营.

    Bad:  合计 449.76 = 基本支出 176.37 + 项目支出 237.39.
    Good: 合计 449.76 = 基本支出 176.37 + 项目支出 273.39.
    """

    id = "T003"
    severity = "error"
    summary = "合计 = 基本 + 项目 (+ 上缴 + 经营 + 对附属) per row; 财政拨款 合计 = 一般 + 基金 + 国资"
    compares = "tables"

    def check(self, ctx: Context) -> Iterable[Finding]:
        book = _Book(self)
        for t in ctx.tables:
            spec = ROW_IDENTITIES.get(t.kind)
            if not spec:
                continue
            tot, parts = spec
            parts = [p for p in parts if p in t.columns]
            if tot not in t.columns or len(parts) < 2:
                continue
            for r in _data_rows(t):
                if r.values.get(tot) is None or all(r.values.get(p) is None for p in parts):
                    continue
                book.sum_check(t, r, tot, r.values[tot], [(p, _v(r, p)) for p in parts], " + ".join(parts))
        return book.done()
