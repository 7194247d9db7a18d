"""T011: a row whose printed figures fit no placement that satisfies its own identity.

A text row whose blank cells vanished (上海 style) prints fewer figures than the table has columns; the
parser places them by the table's identities (:mod:`juesuan.tables.place`). When *every* placement of the
row's figures, in printed order, breaks the row's own identity (合计 = 基本支出 + 项目支出; 本年收入合计 = Σ
sources; 三公 合计 = Σ parts), no reading of the row is consistent: the row as printed is wrong.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from ....numbers import parse_amount
from ...base import Context, Evidence, Finding, Msg, Rule, fmt, row_location, row_text


class PartialRowIdentity(Rule):
    """A row printed with fewer figures than columns whose figures satisfy its row identity in no placement.

    Error when the row's figures were all read (two or more, on the row's line) and the table's other rows
    hold every identity under the placement found; otherwise a warning (the table around it does not add
    up either, so the reading itself is in doubt). A table marked misread (T010) reports nothing here.

    Bad:  一般公共预算财政拨款支出决算表（合计 | 基本支出 | 项目支出）"2101101 行政单位医疗 133.90 122.24":
          133.90 = 122.24 + 0 fails, 133.90 = 0 + 122.24 fails, 0 = 133.90 + 122.24 fails → error, stated
          "133.90 122.24", expected "基本支出 + 项目支出 = 133.90".
    Good: "2101101 行政单位医疗 133.90 133.90": 133.90 = 133.90 + 0 (or 0 + 133.90; the 款 sum decides).
    """

    id = "T011"
    severity = "error"
    summary = "a row printed with fewer figures than columns fits its row identity in no placement"
    compares = "tables"

    def check(self, ctx: Context) -> Iterable[Finding]:
        out: list[Finding] = []
        for t in ctx.tables:
            if t.label in ctx.unreliable or t.title in ctx.unreliable:
                continue  # misread (T010): no finding from this table
            res = ctx.readings.placement(t)
            for i, ro in res.rows.items():
                if ro.status != "impossible":
                    continue
                row = t.rows[i]
                complete = len(ro.figures) >= 2
                sev = "error" if complete and res.consistent else "warning"
                what = "；".join(_identity(ch.what, row) for ch in ro.row_checks)
                total = _first(ro.figures)
                expected = what
                if len(ro.row_checks) == 1 and total is not None and ro.row_checks[0].total[1] == t.columns[0]:
                    # the first figure is the row's 合计 as read: its parts must add up to it
                    expected = f"{' + '.join(k[1] for k in ro.row_checks[0].terms)} = {fmt(total)}"
                out.append(Finding(
                    self.id, sev,
                    Msg("rule.T011.impossible", table=t.label, row=f"{row.code} {row.name}".strip(),
                        figures=" ".join(ro.figures), n=len(ro.figures), columns=len(t.columns), identity=what),
                    row_text(row), stated=" ".join(ro.figures), expected=expected,
                    location=row_location(t, row),
                    evidence=[Evidence("table", " ".join(ro.figures), t.label, f"{row.code} {row.name}".strip(),
                                       "、".join(t.columns))] + ([Evidence("table", fmt(total), t.label,
                                                                           f"{row.code} {row.name}".strip(), t.columns[0])]
                                                                  if total is not None else []),
                ))
        return out


def _identity(what: str, row) -> str:
    """The identity without its row label ("2101101 合计 = 基本支出 + 项目支出" → "合计 = 基本支出 + 项目支出")."""
    label = row.code or row.name.replace(" ", "")
    return what[len(label):].strip() if label and what.startswith(label) else what


def _first(figs: list[str]) -> Decimal | None:
    try:
        return parse_amount(figs[0]) if figs else None
    except ValueError:
        return None
