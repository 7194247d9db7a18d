"""N011: 绩效目标 funds ≤ the 项目支出 of the 预算."""

from __future__ import annotations

from collections.abc import Iterable

import regex as re

from ....claims.model import TableRef
from ...base import Context, Finding, Msg, Rule, claim_evidence, fmt
from ...budget_changes import _budget, _voc
from ...claimutil import claim_finding, money, subject_key


class PerformanceCoverage(Rule):
    """The funds of the projects given 绩效目标 ("编报绩效目标的项目共25个，涉及项目预算资金11381.60万元") are part of the
    budget's 项目支出 (支出预算总表 合计·项目支出): never more.

    Bad:  "…涉及项目预算资金 36,381.60 万元" with 项目支出 35,168.40 万元.
    Good: "…涉及项目预算资金 11,381.60 万元".
    """

    id = "N011"
    severity = "error"
    summary = "绩效目标 funds ≤ the 项目支出 of the 预算"
    compares = "narrative_tables"

    def check(self, ctx: Context) -> Iterable[Finding]:
        if not _budget(ctx):
            return []
        voc = _voc()
        funds_re, goals_re = re.compile(voc["performance_funds"]), re.compile(voc["performance_goals"])
        out = []
        for c in ctx.claims:
            m = money(c, "amount")
            if c.kind != "amount" or m is None or not funds_re.search(subject_key(c)):
                continue
            if not any(goals_re.search(subject_key(o)) or goals_re.search(o.text) for o in ctx.neighbours(c) if o is not c):
                continue
            cell, why = ctx.cell(TableRef("expense", column="项目支出", row="合计"))
            if cell is None:
                ctx.cannot(c, why or Msg("reason.cell.not_found"))
                continue
            if m[1].lo <= cell.interval.hi:
                ctx.verify(c, self.id)
                continue
            # over by less than one unit of the stated figure's last place: the projects' amounts rounded one by
            # one and added (尾差), an info; more: the funds exceed the 项目支出
            residue = m[1].lo - cell.interval.hi <= m[1].hi - m[1].lo
            f = claim_finding(
                self, ctx, c, Msg("rule.N011.rounding" if residue else "rule.N011.exceeds", subject=c.subject or "",
                                  stated=c.values["amount"].raw, projects=fmt(cell.wan), table=cell.table.label),
                stated=c.values["amount"].raw, expected=f"≤ {fmt(cell.wan)} 万元",
                evidence=[claim_evidence(c, "amount"), cell.evidence()], table=cell.table.label)
            if residue:
                f.severity = "info"
            out.append(f)
        return out
