"""X021: the department is named as on the cover (not another government's or department's name)."""

from __future__ import annotations

from collections.abc import Iterable

import regex as re

from ...base import Context, Evidence, Finding, Msg, Rule
from ...coherence_helpers import is_placeholder, mention_location

# head nouns of government bodies (a subordinate unit ends in 中心, 站, 队, 所 …: named differently on purpose)
_ADMIN = re.compile(r"(?:局|委员会|委|办公室|办|部|厅)$")


class DepartmentNamedConsistently(Rule):
    """Where the document names its own department (before its year, 部门决算, 内设机构, 概况 …) it uses the
    department's name or a part of it; another government's body or another department is wrong.

    Bad:  "中共上海市静安区委社会工作部2024年度无政府性基金预算财政拨款收入" in a document of
          中共上海市普陀区委社会工作部 (error: another government); "洛阳市西工区住房和城乡建设局内设机构 2 个"
          in a document of 洛阳市西工区政务服务和大数据管理局 (warning: another department's name).
    Good: "西工区政务服务和大数据管理局部门整体自评报告" (a short form); "根据西工区财政局…的要求" (cited).
    """

    id = "X021"
    severity = "warning"
    summary = "the department is named as on the cover (not another government's or department's name)"
    compares = "narrative"

    def check(self, ctx: Context) -> Iterable[Finding]:
        facts = ctx.facts
        dept = facts.department
        if not dept or is_placeholder(dept):
            return []
        out = []
        for m in facts.of("department"):
            if not m.self_ref or m.status not in ("other_government", "other", "variant"):
                continue
            if m.status == "other_government":
                sev, msg = "error", Msg("rule.X021.other_government", value=m.value, region=m.region, dept=dept)
            elif m.status == "variant" and m.value[-1:] != dept[-1:] and _ADMIN.search(m.value) and _ADMIN.search(dept):
                # another kind of government body (a 委 for a 局): not a short form, not a subordinate unit
                sev, msg = "error", Msg("rule.X021.other_body", value=m.value, dept=dept)
            else:
                sev, msg = "", Msg("rule.X021.variant", value=m.value, dept=dept)
            out.append(Finding(self.id, sev, msg, m.text, stated=m.value, expected=dept, location=mention_location(ctx, m),
                               evidence=[Evidence("narrative", dept, None, "部门名称", None)]))
        return out
