"""X033: template residue (增加（减少）, drafting instructions, XXX placeholders)."""

from __future__ import annotations

from collections.abc import Iterable

from ....claims.mentions import Slip
from ...base import Context, Finding, Join, Msg, Rule
from ...slip_helpers import _corrected, _loc


class TemplateResidue(Rule):
    """Template residue left in the published text: both alternatives in brackets, drafting instructions,
    placeholders for figures. One finding per sentence.

    Bad:  "无政府性基金预算财政拨款收入支出的，仍保留该表格式，并在本表下方作下述说明：" under a table;
          "收入支出总计增加（减少）90.09 万元" (expected "增加 或 减少").
    Good: "说明：…本年度没有政府性基金预算财政拨款收入和支出，故本表无数据。"
    """

    id = "X033"
    severity = "warning"
    summary = "template residue (增加（减少）, drafting instructions, XXX placeholders)"
    compares = "narrative"
    one_finding_per_document = True

    def check(self, ctx: Context) -> Iterable[Finding]:
        groups: dict[tuple, list[Slip]] = {}
        for s in ctx.facts.slips:
            if s.kind == "residue":
                groups.setdefault((s.text, s.page, s.line if s.where != "narrative" else None), []).append(s)
        out = []
        for (text, _, _), ss in groups.items():
            first = ss[0]
            stated = "、".join(dict.fromkeys(s.stated for s in ss))
            fixes = [f"{s.stated} → {s.expected or '（删除）'}" for s in {s.stated: s for s in ss}.values()]
            msg = Msg("rule.X033.residue", fixes=Join(
                Msg("rule.X033.fix", stated=s.stated, fix=s.expected) if s.expected else Msg("rule.X033.delete", stated=s.stated)
                for s in {s.stated: s for s in ss}.values()))
            out.append(Finding(self.id, "", msg, text, stated=stated,
                               expected=_corrected(first) if len(ss) == 1 else "; ".join(fixes),
                               location=_loc(ctx, first)))
        return out
