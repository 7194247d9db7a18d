"""X043: 基本支出 三公 lines (30212/30217/30231) ≤ the 三公 table's 决算数."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

import regex as re

from ....claims.budget import document_kind
from ...base import Context, Evidence, Finding, Msg, Rule, fmt, interval_of, row_location, row_text, table_places
from ...claimutil import squash
from ...claimutil import vocabulary as _voc


class SangongBasicLines(Rule):
    """The 三公 lines of the 一般公共预算财政拨款基本支出决算表 (30212 因公出国（境）费用, 30217 公务接待费, 30231 公务用车
    运行维护费) do not exceed the 三公 table's 决算数 of the same part. The 三公 table covers all 财政拨款 (一般公共预算
    and 政府性基金, 基本 and 项目 支出), the 基本支出 table only 一般公共预算 基本支出: the two are equal only when the
    department's 三公 is all 基本支出 from 一般公共预算, which the tables do not state — so only the inequality is
    checked, and as a warning (a line may be booked under another code than the 三公 statistics use).

    Bad:  基本支出决算表 30217 公务接待费 2.40 while the 三公 table's 决算数·公务接待费 is 0.40.
    Good: 30217 公务接待费 0.40, 三公 决算数·公务接待费 0.40.
    """

    id = "X043"
    severity = "warning"
    summary = "基本支出 三公 lines (30212/30217/30231) ≤ the 三公 table's 决算数"
    compares = "narrative"

    def check(self, ctx: Context) -> Iterable[Finding]:
        basic, sg = ctx.table("gpb_basic"), ctx.table("sangong")
        if basic is None or sg is None:
            return []
        if any(t.title in ctx.unreliable or t.name in ctx.unreliable or t.kind in ctx.unreliable for t in (basic, sg)):
            return []
        sg_rows = [r for r in sg.rows if any(v is not None for v in r.values.values()) or r.extra.get("placements")]
        if len(sg_rows) != 1:
            return []
        srow = sg_rows[0]
        budget = document_kind(ctx.doc) == "预算"  # a 预算's tables: 预算数 columns, 基本支出 by 合计, often in 元
        total_col = "预算数|合计" if budget else "决算数|合计"
        bcol = basic.columns[0] if len(basic.columns) == 1 else ("决算数" if "决算数" in basic.columns else
                                                                ("合计" if budget and "合计" in basic.columns else None))
        if bcol is None:
            return []
        bp, sp = table_places(basic), table_places(sg)
        bk = Decimal("0.0001") if basic.unit == "元" else Decimal(1)  # to 万元
        sk = Decimal("0.0001") if sg.unit == "元" else Decimal(1)
        out = []
        for line in _voc("sangong")["basic_line"]:
            column = re.sub("^决算数", "预算数", line["column"]) if budget else line["column"]
            brow = next((r for r in basic.rows if r.code == line["code"]), None)
            if brow is None or brow.values.get(bcol) is None:
                continue
            if budget and column.split("|")[-1][:4] not in squash(brow.name):
                continue  # a 预算's own 经济分类 may give the code another line (上海 30212 退休人员活动费)
            sv = srow.values.get(column)
            if srow.partial:  # figures not placed uniquely: the greatest value the part takes in any placement
                bounds = srow.bounds(column)
                if bounds is None:
                    continue
                sv = bounds[1]
            if sv is None:  # a blank part in a printed 三公 row is 0 (layouts that print 0 as blank); else unknown
                if srow.values.get(total_col) is None or column not in sg.columns:
                    continue
                sv = Decimal(0)
            bv = brow.values[bcol]
            if bv is None:
                continue
            if interval_of(bv, bp).scale(bk).lo <= interval_of(sv, sp).scale(sk).hi:
                continue
            out.append(Finding(
                self.id, "",
                Msg("rule.X043.exceeds", code=line["code"], row=brow.name, value=fmt(bv), column=column,
                    sangong=fmt(sv)),
                row_text(brow), stated=fmt(bv), expected=f"≤ {fmt(sv)}",
                location=row_location(basic, brow),
                evidence=[Evidence("table", fmt(bv), basic.title, f"{brow.code} {brow.name}", bcol),
                          Evidence("table", fmt(sv), sg.title, srow.name, column)]))
        return out
