"""X022: the year in headings, titles, 截至…12月31日 and 比YYYY年度 agrees with the document's year."""

from __future__ import annotations

from collections.abc import Iterable

from ....claims.budget import document_kind
from ...base import Context, Finding, Msg, Rule
from ...coherence_helpers import _where, mention_location


class YearConsistent(Rule):
    """The year is the document's year in the cover, the 目录, part headings, table titles and headers and in
    "截至YYYY年12月31日"; a year-on-year comparison ("比YYYY年度增加", "与YYYY年度相比") names the year before.

    Bad:  "第三部分 上海市普陀区生态环境局 202 年度部门决算情况说明" (目录 of a 2025 document);
          "截至2023年12月31日，…共有车辆 9 辆" and "比2022年度增加 4.68 万元" in a 2024 document.
    Good: "截至2024年12月31日"; "比2023年度增加 4.68 万元" in a 2024 document.
    """

    id = "X022"
    severity = "error"
    summary = "the year in headings, titles, 截至…12月31日 and 比YYYY年度 agrees with the document's year"
    compares = "narrative"

    def check(self, ctx: Context) -> Iterable[Finding]:
        facts = ctx.facts
        if not facts.year:
            return []
        out = []
        for m in facts.of("year"):
            if m.role not in ("current", "as_of", "comparison") or m.expected is None or m.value == m.expected:
                continue
            what = Msg(f"rule.X022.{m.role}", where=_where(m), value=m.value)
            key = "rule.X022.year_budget" if document_kind(ctx.doc) == "预算" else "rule.X022.year"
            out.append(Finding(self.id, "", Msg(key, what=what, year=facts.year), m.text, stated=m.value,
                               expected=m.expected, location=mention_location(ctx, m)))
        return out
