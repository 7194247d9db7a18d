"""X023: a table listed in the 目录 is missing from the document."""

from __future__ import annotations

from collections.abc import Iterable

from ...base import Context, Finding, Location, Msg, Rule


class TocTableMissing(Rule):
    """Every table the 目录 lists is in the document.

    Bad:  the 目录 lists "九、国有资本经营预算财政拨款收入支出决算表" and the document has no such table (its title is
          nowhere after the 目录).
    Good: every listed table has its title and body in 第二部分.
    """

    id = "X023"
    severity = "error"
    summary = "a table listed in the 目录 is missing from the document"
    compares = "narrative"

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
