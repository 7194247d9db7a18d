"""Document coherence: the department's name and the year agree on the cover, in the 目录, in every part
heading, table title and table header and in the narrative; the 目录's tables exist; a table the document
declares blank is not given figures by the narrative.

The rules read the document facts of :mod:`juesuan.claims.mentions` (mentions with their spans, 目录 entries,
blank-table notes), never raw text.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

import regex as re

from ..claims.budget import document_kind
from ..claims.mentions import Mention
from .base import Context, Evidence, Finding, Location, Msg, Rule, place_location

GROUP = "coherence"
# head nouns of government bodies (a subordinate unit ends in 中心, 站, 队, 所 …: named differently on purpose)
_ADMIN = re.compile(r"(?:局|委员会|委|办公室|办|部|厅)$")
def mention_location(ctx: Context, m: Mention) -> Location:
    return place_location(ctx, m.where, m.line, m.page)


def _where(m: Mention) -> Msg:
    """Where a mention is (cover, 目录, part heading, table title/header, narrative), as a catalogued phrase."""
    return Msg(f"check.where.{m.where}")


def is_placeholder(name: str) -> bool:
    """A department's name that is a template placeholder (XX局, 某某单位)."""
    return bool(re.search(r"[XxＸｘ×]{2,}|某某", name))


class TemplatePlaceholder(Rule):
    """A template placeholder stands where the department's name or the year belongs.

    Bad:  "上海市XX局2024年度部门决算", "截至2024年12月31日，XX部门（单位）共有车辆…", "20XX年度".
    Good: "中共上海市普陀区委社会工作部2024年度部门决算".
    """

    id = "X020"
    group = GROUP
    severity = "error"
    summary = "a template placeholder (XX局, XX单位, 20XX年) instead of the department's name or the year"

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



class DepartmentNamedConsistently(Rule):
    """Where the document names its own department (before its year, 部门决算, 内设机构, 概况 …) it uses the
    department's name or a part of it; another government's body or another department is wrong.

    Bad:  "中共上海市静安区委社会工作部2024年度无政府性基金预算财政拨款收入" in a document of
          中共上海市普陀区委社会工作部 (error: another government); "洛阳市西工区住房和城乡建设局内设机构 2 个"
          in a document of 洛阳市西工区政务服务和大数据管理局 (warning: another department's name).
    Good: "西工区政务服务和大数据管理局部门整体自评报告" (a short form); "根据西工区财政局…的要求" (cited).
    """

    id = "X021"
    group = GROUP
    severity = "warning"
    summary = "the department is named as on the cover (not another government's or department's name)"

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


class YearConsistent(Rule):
    """The year is the document's year in the cover, the 目录, part headings, table titles and headers and in
    "截至YYYY年12月31日"; a year-on-year comparison ("比YYYY年度增加", "与YYYY年度相比") names the year before.

    Bad:  "第三部分 上海市普陀区生态环境局 202 年度部门决算情况说明" (目录 of a 2025 document);
          "截至2023年12月31日，…共有车辆 9 辆" and "比2022年度增加 4.68 万元" in a 2024 document.
    Good: "截至2024年12月31日"; "比2023年度增加 4.68 万元" in a 2024 document.
    """

    id = "X022"
    group = GROUP
    severity = "error"
    summary = "the year in headings, titles, 截至…12月31日 and 比YYYY年度 agrees with the document's year"

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


class TocTableMissing(Rule):
    """Every table the 目录 lists is in the document.

    Bad:  the 目录 lists "九、国有资本经营预算财政拨款收入支出决算表" and the document has no such table (its title is
          nowhere after the 目录).
    Good: every listed table has its title and body in 第二部分.
    """

    id = "X023"
    group = GROUP
    severity = "error"
    summary = "a table listed in the 目录 is missing from the document"

    def check(self, ctx: Context) -> Iterable[Finding]:
        facts = ctx.facts
        out = []
        for e in facts.toc:
            if ctx.as_read(e.kind) is not None:
                continue
            if e.title and e.title in facts.body_text:
                continue  # the title is printed: a table the parser could not read, not a missing one
            out.append(Finding(self.id, "", Msg("rule.X023.missing", title=e.title), e.text,
                               stated=e.title, expected=None,
                               location=Location(part="目录", section=None, table=None, page=e.page, line=e.line)))
        return out


class BlankTableStated(Rule):
    """A table the document declares blank ("本表无数据") is not given figures by the narrative.

    Bad:  政府性基金预算财政拨款收入支出决算表 "说明：…本年度没有政府性基金预算财政拨款收入和支出，故本表无数据。" while
          第三部分 states "政府性基金预算财政拨款支出 2.80 万元".
    Good: the narrative says "本年度无政府性基金预算财政拨款收入和支出".
    """

    id = "X024"
    group = GROUP
    severity = "error"
    summary = "a table declared blank while the narrative states its figures"

    def check(self, ctx: Context) -> Iterable[Finding]:
        facts = ctx.facts
        blank = {t.kind: t for t in facts.tables if t.declared_blank}
        out: list[Finding] = []
        if not blank:
            return out
        stated: dict[str, list] = {}
        for c in ctx.claims:
            if c.ref is None or c.ref.table not in blank or c.kind in ("zero", "reason", "list"):
                continue
            nz = [v for r, v in c.values.items() if v.unit in ("万元", "元") and v.value != Decimal(0)]
            if nz:
                stated.setdefault(c.ref.table, []).append((c, nz[0]))
        # one finding per declared-blank table, quoting its note: which side is wrong (the note or the figures)
        # only the reviewer can tell, so the note is the span and every narrative figure is evidence
        for kind, items in stated.items():
            t = blank[kind]
            first = items[0][1].raw
            more = Msg("rule.X024.more", n=len(items)) if len(items) > 1 else ""
            out.append(Finding(
                self.id, "", Msg("rule.X024.blank", table=t.label, first=first, more=more),
                t.note.strip(), stated="0 (本表无数据)", expected=first,
                location=Location(part="决算表", table=t.label, page=t.page, line=t.line),
                evidence=[Evidence("narrative", v.raw, None, c.subject, f"line {c.line}") for c, v in items[:12]],
                claims=[ctx.idx(c) for c, _ in items]))
        return out


RULES = [TemplatePlaceholder, DepartmentNamedConsistently, YearConsistent, TocTableMissing, BlankTableStated]
