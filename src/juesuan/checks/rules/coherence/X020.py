"""X020: a template placeholder (XX局, XX单位, 20XX年) instead of the department's name or the year."""

from __future__ import annotations

from collections.abc import Iterable

from ...base import Context, Finding, Msg, Rule
from ...coherence_helpers import _where, is_placeholder, mention_location


class TemplatePlaceholder(Rule):
    """A template placeholder stands where the department's name or the year belongs.

    Bad:  "上海市XX局2024年度部门决算", "截至2024年12月31日，XX部门（单位）共有车辆…", "20XX年度".
    Good: "中共上海市普陀区委社会工作部2024年度部门决算".
    """

    id = "X020"
    severity = "error"
    summary = "a template placeholder (XX局, XX单位, 20XX年) instead of the department's name or the year"
    compares = "narrative"

    def check(self, ctx: Context) -> Iterable[Finding]:
        facts = ctx.facts
        out, seen = [], set()
        for m in facts.mentions:
            if not ((m.kind == "department" and m.status == "placeholder") or (m.kind == "year" and m.role == "placeholder")):
                continue
            key = (m.line, m.page, m.value)
            if key in seen:
                continue
            seen.add(key)
            what = Msg("rule.X020.department" if m.kind == "department" else "rule.X020.year")
            real = facts.department if m.kind == "department" else (str(facts.year) + "年" if facts.year else None)
            if m.kind == "department" and real and is_placeholder(real):
                real = None  # the document names itself by a placeholder everywhere: nothing to propose
            out.append(Finding(self.id, "", Msg("rule.X020.placeholder", value=m.value, where=_where(m), what=what),
                               m.text, stated=m.value, expected=real, location=mention_location(ctx, m)))
        return out
