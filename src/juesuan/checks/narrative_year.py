"""X006: the year and the department the narrative names are the document's own (narrative_narrative group)."""

from __future__ import annotations

from collections.abc import Iterable

import regex as re

from ..patterns import load
from .base import (
    Context,
    Finding,
    Location,
    Msg,
    Rule,
)
from .claimutil import _claims_in_sentence, _sentence_location

_YEAR_RE = re.compile(r"(20\d\d)\s*年\s*(?:度|期末|末)")


class YearDepartment(Rule):
    """The narrative names the document's year, and the tables and the narrative name one department (a
    sentence whose actor — "X局2024年度无…", "X局内设机构 2 个" — is another department, or a near-variant).

    Bad:  a 2023 document whose 第三部分 says "2022 年度收、支总计…"; tables headed by two department names;
          "中共上海市静安区委社会工作部2024年度无政府性基金…" in a document of 中共上海市普陀区委社会工作部.
    Good: every "XXXX 年度" is 2023; one 部门名称 throughout.
    """

    id = "X006"
    group = "narrative_narrative"
    severity = "warning"
    summary = "the year and the department are named consistently"

    def _narrative_departments(self, ctx: Context) -> list[Finding]:
        """A narrative sentence that names another department as the actor of the document's own facts."""
        dept = re.sub(r"\s+", "", ctx.doc.department or "")
        if len(dept) < 4 or re.search("XX|××", dept):
            return []
        out = []
        for i, s in enumerate(ctx.doc.sentences):
            if s.part in (2, 4):
                continue
            for m in _DEPT_MENTION.finditer(re.sub(r"\s+", "", s.text)):
                name = m.group("name")
                if same_department(name, dept):
                    continue
                out.append(Finding(
                    rule=self.id, severity="", message=Msg("rule.X006.department", name=name, dept=dept),
                    text=s.text, stated=name, expected=dept, location=_sentence_location(s),
                    claims=[ctx.idx(c) for c in _claims_in_sentence(ctx, i)]))
                break
        return out

    def check(self, ctx: Context) -> Iterable[Finding]:
        out = []
        doc = ctx.doc
        if doc.year:
            for i, s in enumerate(doc.sentences):
                if s.part in (1, 2, 4):
                    continue
                for m in _YEAR_RE.finditer(s.text):
                    y = int(m.group(1))
                    # the previous year as the comparison basis ("与 2022 年度相比", "比2022年增加") and the
                    # next year in the publication date ("2024年6月13日") are no inconsistency
                    before, after = s.text[max(0, m.start() - 3) : m.start()], s.text[m.end() : m.end() + 8]
                    if y == doc.year - 1 and (re.search("[与比较]", before) or "相比" in after):
                        continue
                    if y == doc.year + 1 and re.match(r"\s*年?\s*\d{1,2}\s*月", after):
                        continue
                    if y != doc.year:
                        out.append(Finding(
                            rule=self.id, severity="", message=Msg("rule.X006.year", year=y, doc_year=doc.year),
                            text=s.text, stated=str(y), expected=str(doc.year), location=_sentence_location(s),
                            claims=[ctx.idx(c) for c in _claims_in_sentence(ctx, i)]))
                        break
        out.extend(self._narrative_departments(ctx))
        dept_re = re.compile(load("layout")["meta"]["department_line"])
        names: dict[str, object] = {}
        for ln in doc.lines:
            m = dept_re.search(ln.text)
            if m and m.group("dept") and not re.fullmatch(r"(?:万元|元|千元|亿元)", m.group("dept")):
                names.setdefault(m.group("dept"), ln)
        if len(names) > 1:
            first = next(iter(names))
            for name, ln in list(names.items())[1:]:
                out.append(Finding(
                    rule=self.id, severity="", message=Msg("rule.X006.header", name=name, first=first),
                    text=ln.text, stated=name, expected=first,
                    location=Location(part="决算表", section=None, table=None, page=ln.page, line=ln.line)))
        return out


# A department named as the actor of the document's own facts: "X局2024年度无…", "X局内设机构 2 个", "截至…，X局共有车辆…".
_DEPT_MENTION = re.compile(r"(?P<name>[\p{Han}（）()“”]{4,30}?(?:局|部|委员会|办公室|中心|委))"
                           r"(?=(?:20\d\d年度?|内设机构|共有|部门决算|所属|本级|无))")


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


RULES = [YearDepartment]
