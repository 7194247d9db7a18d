"""X025: a 目录 entry printed otherwise in the body (a character dropped, added or changed), or absent."""

from __future__ import annotations

from collections.abc import Iterable

from ...base import Context, Evidence, Finding, Location, Msg, Rule


class TocHeadingDiffers(Rule):
    """Every part, section and table the 目录 lists is printed in the body as the 目录 prints it.

    Bad:  目录 "第四部分名称解释", body heading "第四部分名词解释" (one character changed: the standard 名词解释 is
          suggested); 目录 "二、部门机构设置和预算单位构成情况", body "二、部门机构设置及预算单位构成情况"; 目录
          "第四部分 名词解释" and the body has no 第四部分 and no 名词解释.
    Good: the same titles with another numbering ("一、" / "1."), another order, page numbers and dot leaders,
          quotes or brackets of another width, "2018年度" for "2018年", "单位主要职能" printed "上海市…福利院主要职能".
    A table listed and absent is X023's; a heading reworded by more than two characters is not a slip.
    """

    id = "X025"
    severity = "warning"
    summary = "a 目录 entry printed otherwise in the body (a character dropped, added or changed), or absent from it"
    compares = "narrative"

    def check(self, ctx: Context) -> Iterable[Finding]:
        out = []
        for p in ctx.facts.toc_pairs:
            e, h = p.entry, p.heading
            where = Location(part="目录", section=None, table=None, page=e.page, line=e.line)
            if h is None:
                what = "part" if e.part else "section"
                out.append(Finding(self.id, "", Msg("rule.X025.absent", entry=e.printed, what=Msg(f"rule.X025.{what}")),
                                   e.printed, stated=e.printed, expected=None, location=where))
                continue
            fix = Msg("rule.X025.fix", expected=p.expected) if p.expected else Msg("rule.X025.nofix")
            out.append(Finding(self.id, "", Msg("rule.X025.differs", entry=e.printed, heading=h.printed,
                                                at_entry=_at(e.page, e.line), at=_at(h.page, h.line), n=p.edits,
                                                fix=fix),
                               e.printed, stated=e.printed, expected=p.expected, location=where,
                               evidence=[Evidence("narrative", h.printed, None, "正文标题", f"p{h.page} l{h.line}")]))
        return out


def _at(page: int | None, line: int) -> Msg:
    return Msg("rule.X025.place", page=page, line=line) if page is not None else Msg("rule.X025.place_line", line=line)
