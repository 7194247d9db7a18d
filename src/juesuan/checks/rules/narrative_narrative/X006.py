"""X006: the year and the department the narrative names are the document's own.

The years and department names come from the claims layer (:mod:`juesuan.claims.sentence_facts`, through
``Context.facts``); the rule only judges them against the document's year and department.
"""

from __future__ import annotations

from collections.abc import Iterable

import regex as re

from ...base import Context, Finding, Location, Msg, Rule
from ...claimutil import _claims_in_sentence, _sentence_location


class YearDepartment(Rule):
    """The narrative names the document's year, and the tables and the narrative name one department (a
    sentence whose actor — "X局2024年度无…", "X局内设机构 2 个" — is another department, or a near-variant).

    Bad:  a 2023 document whose 第三部分 says "2022 年度收、支总计…"; tables headed by two department names;
          "中共上海市静安区委社会工作部2024年度无政府性基金…" in a document of 中共上海市普陀区委社会工作部.
    Good: every "XXXX 年度" is 2023; one 部门名称 throughout.
    """

    id = "X006"
    severity = "warning"
    summary = "the year and the department are named consistently"
    compares = "narrative"

    def _narrative_departments(self, ctx: Context) -> list[Finding]:
        """A narrative sentence that names another department as the actor of the document's own facts."""
        dept = re.sub(r"\s+", "", ctx.doc.department or "")
        if len(dept) < 4 or re.search("XX|××", dept):
            return []
        out = []
        reported: set[int] = set()  # one finding per sentence
        for d in ctx.facts.departments_named:
            if d.index in reported or same_department(d.name, dept):
                continue
            reported.add(d.index)
            s = d.sentence
            out.append(Finding(
                rule=self.id, severity="", message=Msg("rule.X006.department", name=d.name, dept=dept),
                text=s.text, stated=d.name, expected=dept, location=_sentence_location(s),
                claims=[ctx.idx(c) for c in _claims_in_sentence(ctx, d.index)]))
        return out

    def check(self, ctx: Context) -> Iterable[Finding]:
        out = []
        doc = ctx.doc
        facts = ctx.facts
        if doc.year:
            reported: set[int] = set()  # one finding per sentence
            for ys in facts.years_stated:
                y = ys.year
                # the previous year as the comparison basis ("与 2022 年度相比", "比2022年增加") and the
                # next year in the publication date ("2024年6月13日") are no inconsistency
                if ys.index in reported or (y == doc.year - 1 and ys.comparison) or (y == doc.year + 1 and ys.date):
                    continue
                if y != doc.year:
                    reported.add(ys.index)
                    s = ys.sentence
                    out.append(Finding(
                        rule=self.id, severity="", message=Msg("rule.X006.year", year=y, doc_year=doc.year),
                        text=s.text, stated=str(y), expected=str(doc.year), location=_sentence_location(s),
                        claims=[ctx.idx(c) for c in _claims_in_sentence(ctx, ys.index)]))
        out.extend(self._narrative_departments(ctx))
        headers = facts.header_departments
        if len(headers) > 1:
            first = headers[0].name
            for h in headers[1:]:
                name, ln = h.name, h.line
                if same_department(name, first):
                    continue  # a name cut by its cell's wrap ("中国共产党江苏省委员会办" | "公厅")
                out.append(Finding(
                    rule=self.id, severity="", message=Msg("rule.X006.header", name=name, first=first),
                    text=ln.text, stated=name, expected=first,
                    location=Location(part="决算表", section=None, table=None, page=ln.page, line=ln.line)))
        return out


_PLACE = re.compile(r"[省市区县州旗]")


def same_department(name: str, dept: str) -> bool:
    """A mention names the document's department: it contains it or is contained in it, or it shares a tail
    of ≥ 4 characters with it and what precedes that tail names no other place ("无西工区…管理局" is the
    department; "中共上海市静安区委社会工作部" is not "中共上海市普陀区委社会工作部")."""
    if dept in name or name in dept:
        return True
    k = 0
    while k < min(len(name), len(dept)) and name[-1 - k] == dept[-1 - k]:
        k += 1
    return k >= 4 and not _PLACE.search(name[: len(name) - k])
