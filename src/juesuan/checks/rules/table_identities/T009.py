"""T009: the 项目绩效自评表's 预算执行率 recomputes as 全年执行数 / 全年预算数."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from ....numbers import Interval
from ...base import Cell, Context, Finding, Msg, Rule, fmt, interval_of, row_location, row_text, table_places
from ...tableutil import PROJECT_ACTUAL, PROJECT_BUDGET, PROJECT_RATE, _data_rows


class ProjectExecutionRate(Rule):
    """项目绩效自评表: 预算执行率 = 全年执行数 / 全年预算数.

    Bad:  全年预算数 15, 全年执行数 7.55, 预算执行率 75.33%.
    Good: 全年预算数 15, 全年执行数 7.55, 预算执行率 50.33%.
    """

    id = "T009"
    severity = "error"
    summary = "项目自评表: 预算执行率 = 全年执行数 / 全年预算数"
    compares = "tables"

    def check(self, ctx: Context) -> Iterable[Finding]:
        t = ctx.table("project_eval")
        out: list[Finding] = []
        if t is None or PROJECT_RATE not in t.columns:
            return out
        places = table_places(t)
        for r in _data_rows(t):
            b, a, rate = r.values.get(PROJECT_BUDGET), r.values.get(PROJECT_ACTUAL), r.values.get(PROJECT_RATE)
            if b is None or a is None or rate is None or b == 0:
                continue
            q = interval_of(a, places) / interval_of(b, places)
            stated = Interval.of(rate).scale(Decimal("0.01"))
            if q is None or q.overlaps(stated):
                continue
            exp = a / b * 100
            out.append(
                Finding(
                    rule=self.id,
                    severity="",
                    message=Msg("rule.T009.rate", table=t.label, row=r.name, rate=fmt(rate), actual=fmt(a), budget=fmt(b),
                                expected=fmt(exp)),
                    text=row_text(r),
                    stated=f"{fmt(rate)}%",
                    expected=f"{fmt(exp)}%",
                    location=row_location(t, r),
                    evidence=[Cell(t, r, PROJECT_BUDGET, b).evidence(), Cell(t, r, PROJECT_ACTUAL, a).evidence(),
                              Cell(t, r, PROJECT_RATE, rate).evidence()],
                )
            )
        return out
