"""Year over year: the narrative's 增加/减少/持平 and 增长/下降 claims against last year's document.

A 决算 document states its changes against the previous year (与上年度相比，…减少 8.11 万元，下降 2.27%) but
does not print the previous year's figures, so a direction word flipped *together with* its rate word
(增加→减少 and 增长→下降) leaves the sentence self-consistent. Only last year's 决算 of the same department
can refute it: this rule reads the cell the claim refers to in both documents and compares the stated
direction, change and rate with this year − last year.

The previous document comes from ``--previous FILE`` or, in a batch, from the pairing
:func:`pair_documents` (same department name, consecutive years). The rule runs only when one is given
(``check_document(…, previous=…)``); the two documents must name the same department and consecutive years, otherwise
one warning says so and nothing is compared.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from ..numbers import Interval
from .base import Context, Evidence, Finding, Join, Location, Msg, Rule, claim_evidence, claim_location, fmt, fmt_pct
from .claimutil import money, percent

ZERO = Decimal(0)


def _dept_key(name: str | None) -> str:
    return "".join((name or "").split())


def comparable(doc, prev) -> Msg | None:
    """None when ``prev`` is last year's document of ``doc``'s department, else why not."""
    if _dept_key(doc.department) == "" or _dept_key(doc.department) != _dept_key(prev.department):
        return Msg("rule.Y001.other_department", prev=prev.department or "?", this=doc.department or "?")
    if doc.year is None or prev.year is None or prev.year != doc.year - 1:
        return Msg("rule.Y001.not_consecutive", prev=prev.year or "?", this=doc.year or "?")
    return None


def pair_documents(docs: Iterable[tuple[str, str | None, int | None]]) -> dict[str, str]:
    """Given (path, department, year) of a batch, map each path to the path of the same department's
    document of the year before (when exactly one such document exists)."""
    by_key: dict[tuple[str, int], list[str]] = {}
    items = list(docs)
    for path, dept, year in items:
        if dept and year:
            by_key.setdefault((_dept_key(dept), year), []).append(path)
    out = {}
    for path, dept, year in items:
        if dept and year:
            cands = by_key.get((_dept_key(dept), year - 1), [])
            if len(cands) == 1:
                out[path] = cands[0]
    return out


_PART = {"direction": Msg("rule.Y001.part_direction"), "change": Msg("rule.Y001.part_change"),
         "rate": Msg("rule.Y001.part_rate")}


def _signed(direction: int) -> str:
    return {1: "增加/增长", -1: "减少/下降", 0: "持平"}[direction]


class Y001PreviousYear(Rule):
    """A change against the previous year agrees with last year's document (this year − last year).

    Needs ``--previous FILE`` (or a batch holding both years). Direction, change and rate are each compared
    with the same table cell read in both documents, within the rounding of both printed figures.

    Bad:  last year's 表五 合计 360.00, this year's 348.71 (348.71 − 360.00 = −11.29; 11.29 / 360.00 = 3.14%), yet
          "与上年度相比，一般公共预算财政拨款支出增加 11.29 万元，增长 3.14%".
    Good: "与上年度相比，一般公共预算财政拨款支出减少 11.29 万元，下降 3.14%".
    """

    id = "Y001"
    group = "year_over_year"
    severity = "error"
    summary = "a change against last year agrees with last year's document (--previous)"

    def check(self, ctx: Context):
        prev = ctx.previous
        if prev is None:
            return
        why = comparable(ctx.doc, prev)
        if why:
            for c in ctx.of_kind("change"):
                ctx.cannot(c, Msg("rule.Y001.skipped", why=why))
            yield Finding(self.id, "warning", Msg("rule.Y001.skipped", why=why), text=str(prev.path),
                          location=Location(line=1))  # about the run, not a place in the document
            return
        pctx = Context(prev, [])
        for c in ctx.of_kind("change"):
            if c.direction is None or c.ref is None:
                continue
            cur, why_cur = ctx.cell(c.ref)
            old, why_old = pctx.cell(c.ref)
            if cur is None or old is None:
                ctx.cannot(c, Msg("rule.Y001.unread", why=why_old or why_cur))
                continue
            if cur.table.label in ctx.unreliable:
                continue
            diff = cur.interval - old.interval
            printed = cur.wan - old.wan  # what the message and 应为 show: the printed figures' difference
            problems, expected = [], []
            d_lo, d_hi = diff.lo, diff.hi
            actual_dir = 1 if d_lo > 0 else (-1 if d_hi < 0 else None)
            if c.direction == 0:
                if actual_dir is not None:
                    problems.append("direction")
                    expected.append(_signed(actual_dir))
            elif actual_dir is not None and actual_dir != c.direction:
                problems.append("direction")
                expected.append(_signed(actual_dir))
            mag = Interval(min(abs(d_lo), abs(d_hi)), max(abs(d_lo), abs(d_hi))) if actual_dir is not None else Interval(ZERO, max(abs(d_lo), abs(d_hi)))
            ch = money(c, "change")
            if ch is not None and not ch[1].overlaps(mag):
                problems.append("change")
                expected.append(f"{fmt(abs(printed))} 万元")
            rt = percent(c, "rate")
            if rt is not None and old.interval.lo > 0:
                ratio = mag / old.interval
                if ratio is not None and not rt[1].overlaps(ratio):
                    problems.append("rate")
                    expected.append(fmt_pct(abs(printed) / old.wan if old.wan > 0 else ratio.mid))
            ev = [cur.evidence(), Evidence("table", f"{fmt(old.value)} {old.table.unit}".strip(),
                                           f"{old.table.label} ({prev.year})", f"{old.row.code} {old.row.name}".strip(),
                                           old.column),
                  claim_evidence(c, "change") if "change" in c.values else claim_evidence(c, "rate")]
            if not problems:
                ctx.verify(c, self.id)
                continue
            stated = " ".join(x for x in (_signed(c.direction), c.values["change"].raw if "change" in c.values else "",
                                          c.values["rate"].raw if "rate" in c.values else "") if x)
            yield Finding(
                self.id, "", Msg("rule.Y001.differs", subject=c.subject or "变动", stated=stated, current=fmt(cur.wan),
                                 previous=fmt(old.wan), diff=fmt(printed),
                                 wrong=Join((_PART[p] for p in problems), "enum")),
                text=c.text, stated=stated, expected=" ".join(expected), location=claim_location(c, cur.table.label),
                evidence=ev, claims=[ctx.idx(c)])


RULES = [Y001PreviousYear]
