"""N010: project budget/spending totals match the project self-evaluation table."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

import regex as re

from ....numbers import Interval
from ...base import ZERO, Context, Evidence, Finding, Join, Msg, Rule, claim_evidence, fmt, table_places, wan
from ...claimutil import claim_finding, money, squash
from ...tableutil import PROJECT_ACTUAL, PROJECT_BUDGET


class ProjectTotals(Rule):
    """A stated total of the projects' budget or spending (项目全年预算合计, 支出合计) equals the sum of the
    project self-evaluation table's 全年预算数 / 全年执行数 columns.

    Bad:  "本部门项目全年预算合计 273.39 万元" while the 17 projects' 全年预算数 add up to 757.11.
    Good: "本部门项目全年预算合计 757.11 万元".
    """

    id = "N010"
    severity = "warning"
    summary = "project budget/spending totals match the project self-evaluation table"
    compares = "narrative_tables"

    def check(self, ctx: Context) -> Iterable[Finding]:
        out: list[Finding] = []
        t = ctx.table("project_eval")
        rows = [r for r in t.rows if not r.partial] if t is not None else []
        if t is None or not rows:
            return out
        places = table_places(t)
        for c in ctx.claims:
            subj = squash(c.subject)
            if not (subj.startswith("项目") or subj.endswith("项目")) or "项目支出" in subj:
                continue
            if not re.search("项目(?:全年)?预算(?:合计|总额)", squash(c.text)):
                continue
            bad, ev = [], []
            for role, col in (("budget", PROJECT_BUDGET), ("budget_annual", PROJECT_BUDGET), ("actual", PROJECT_ACTUAL)):
                m = money(c, role)
                if m is None or (role == "budget_annual" and "budget" in c.values):
                    continue
                vals = [r.values.get(col) or ZERO for r in rows]
                s_iv = Interval.point(ZERO)
                for v in vals:
                    s_iv = s_iv + Interval(v - Decimal(5).scaleb(-places - 1), v + Decimal(5).scaleb(-places - 1))
                if t.unit == "元":  # the narrative states 万元
                    s_iv = s_iv.scale(Decimal(1) / Decimal(10000))
                total = wan(sum(vals, ZERO), t.unit)
                if s_iv.overlaps(m.interval):
                    continue
                bad.append((role, col, total))
                ev += [Evidence("table", fmt(total), t.label, f"Σ {len(rows)} 个项目", col), claim_evidence(c, role)]
            if not bad:
                continue
            out.append(claim_finding(
                self, ctx, c,
                Join(Msg("rule.N010.total", stated=c.values[role].raw, column=col, n=len(rows), table=t.label,
                         total=fmt(total)) for role, col, total in bad),
                stated="; ".join(c.values[role].raw for role, _, _ in bad),
                expected="; ".join(f"{fmt(total)} 万元" for _, _, total in bad), evidence=ev, table=t.label))
        return out
