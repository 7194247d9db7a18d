"""X034: a 科目 name in the narrative differs from the tables' name for that 科目."""

from __future__ import annotations

from collections.abc import Iterable

import regex as re

from ....claims.item_tie import dice
from ...base import Context, Evidence, Finding, Msg, Rule, norm_name
from ...slip_helpers import _loc

_CODED = ("gpb_expense", "fund", "expense", "soe")


def _key(name: str) -> str:
    return re.sub(r"^[、，,.．\d]+", "", norm_name(name)).replace("“", "").replace("”", "")


class SubjectNameMatchesCode(Rule):
    """A 科目 named in the narrative with its levels ("…（类）…（款）…（项）") carries the tables' name for that
    科目: the 类 and 款 are found in the tables, and the 项 named is one of that 款's 项.

    Bad:  "社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位基本养老保险支出（项）" while the tables'
          2080505 is "机关事业单位基本养老保险缴费支出" (expected: the tables' name).
    Good: "住房保障支出（类）住房改革支出（款）住房公积金（项）" with 2210201 住房公积金 in the tables.
    """

    id = "X034"
    severity = "warning"
    summary = "a 科目 name in the narrative differs from the tables' name for that 科目"
    compares = "narrative"
    names_kemu = "code"  # one name said by X034 and X065 in one sentence: one finding (checks.grouping)

    def check(self, ctx: Context) -> Iterable[Finding]:
        facts = ctx.facts
        if not facts.subjects:
            return []
        rows: dict[str, list] = {}  # code → [(row, table)] across every coded table (names are compared in all)
        for kind in _CODED:
            t = ctx.table(kind)
            if t is None:
                continue
            for r in t.rows:
                if r.code.isdigit() and len(r.code) in (3, 5, 7):
                    rows.setdefault(r.code, []).append((r, t))
        if not rows:
            return []

        def names(code: str) -> set[str]:
            return {_key(r.name) for r, _ in rows[code]}

        out, seen = [], set()
        for sm in facts.subjects:
            lei = [c for c in rows if len(c) == 3 and _key(sm.lei) in names(c)]
            if not lei:
                continue
            kuans = [c for c in rows if len(c) == 5 and c.startswith(lei[0])]
            kuan = [c for c in kuans if _key(sm.kuan) in names(c)]
            level, stated, cands = None, None, []
            if not kuan:
                level, stated, cands = "款", sm.kuan, kuans
            elif sm.xiang:
                xs = [c for c in rows if len(c) == 7 and c.startswith(kuan[0])]
                if xs and not any(_key(sm.xiang) in names(c) for c in xs):
                    level, stated, cands = "项", sm.xiang, xs
            if not level or not cands or stated is None:
                continue
            a = _key(stated)
            best = max(cands, key=lambda c: max(dice(a, n) for n in names(c)))
            if len(names(best)) != 1:
                continue  # the tables print this 科目 under different names: a misread row, not the narrative's slip
            b = next(iter(names(best)))
            if dice(a, b) < 0.5 or a in b or b in a:
                continue  # nothing alike (a 科目 the tables may not show), or a short form / a wrapped name: no slip
            key = (sm.line, stated)
            if key in seen:
                continue
            seen.add(key)
            row, table = rows[best][0]
            out.append(Finding(self.id, "", Msg("rule.X034.name", level=level, stated=stated, code=best, name=row.name),
                               sm.text, stated=stated, expected=row.name, location=_loc(ctx, _Where(sm)),
                               evidence=[Evidence("table", row.name, table.label, f"{best} {row.name}", None)]))
        return out


class _Where:
    def __init__(self, sm):
        self.where, self.line, self.page = "narrative", sm.line, sm.page
