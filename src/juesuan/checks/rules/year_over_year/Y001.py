"""Y001: a change against last year agrees with last year's document (--previous)."""

from __future__ import annotations

from decimal import Decimal

from ....numbers import Interval
from ...base import (
    Context,
    Evidence,
    Finding,
    Join,
    Location,
    Msg,
    Rule,
    claim_evidence,
    claim_location,
    fmt,
    fmt_pct,
    norm_name,
)
from ...claimutil import money, percent
from ...pairing import _dept_key
from ...ratios import truncated

ZERO = Decimal(0)


def comparable(doc, prev) -> Msg | None:
    """None when ``prev`` is last year's document of ``doc``'s department, else why not."""
    if _dept_key(doc.department) == "" or _dept_key(doc.department) != _dept_key(prev.department):
        return Msg("rule.Y001.other_department", prev=prev.department or "?", this=doc.department or "?")
    if doc.year is None or prev.year is None or prev.year != doc.year - 1:
        return Msg("rule.Y001.not_consecutive", prev=prev.year or "?", this=doc.year or "?")
    return None


_PART = {"direction": Msg("rule.Y001.part_direction"), "change": Msg("rule.Y001.part_change"),
         "rate": Msg("rule.Y001.part_rate")}


def _signed(direction: int) -> str:
    return {1: "增加/增长", -1: "减少/下降", 0: "持平"}[direction]


def _problems(c, cur: Interval, old: Interval) -> tuple[list[str], Interval]:
    """What of ``c`` (direction, change, rate) disagrees with this year ``cur`` − last year ``old`` (intervals of the
    printed figures), and the magnitude of the change."""
    diff = cur - old
    d_lo, d_hi = diff.lo, diff.hi
    actual_dir = 1 if d_lo > 0 else (-1 if d_hi < 0 else None)
    problems = []
    if actual_dir is not None and actual_dir != c.direction:
        problems.append("direction")
    mag = (Interval(min(abs(d_lo), abs(d_hi)), max(abs(d_lo), abs(d_hi))) if actual_dir is not None
           else Interval(ZERO, max(abs(d_lo), abs(d_hi))))
    ch = money(c, "change")
    if ch is not None and not ch[1].overlaps(mag):
        problems.append("change")
    rt = percent(c, "rate")
    if rt is not None and old.lo > 0:
        ratio = mag / old
        if ratio is not None and not rt[1].overlaps(ratio):
            problems.append("rate")
    return problems, mag


def _same_row(a, b) -> bool:
    """Two rows of one code are one quantity only under one name: 2040405 公诉和审判监督 (2017) is not 2040405
    公诉、审判、侦查、执行等检察监督支出 (2018), a 项 the classification widened."""
    return not (a.code and b.code and a.name and b.name) or norm_name(a.name) == norm_name(b.name)


def _stated_elsewhere(prev_claims, ref) -> list[Interval]:
    """The amounts last year's narrative states for the cell ``ref`` (a document may print one quantity two ways:
    基本支出 12323.46 in its narrative, 12323.48 in its table)."""
    out = []
    for p in prev_claims:
        if p.ref is not None and (p.ref.table, p.ref.code, p.ref.row, p.ref.column, p.ref.side) == \
                (ref.table, ref.code, ref.row, ref.column, ref.side):
            m = money(p, "amount")
            if m is not None:
                out.append(m[1])
    return out


class Y001PreviousYear(Rule):
    """A change against the previous year agrees with last year's document (this year − last year).

    Needs ``--previous FILE`` (or a batch holding both years). Direction, change and rate are each compared
    with the same table cell read in both documents, within the rounding of both printed figures. A row of the
    same code under another name is another quantity (unverifiable); a statement that agrees with the figure
    last year's own narrative prints for the cell (where its table prints another) is a warning, not an error.

    Bad:  last year's 表五 合计 360.00, this year's 348.71 (348.71 − 360.00 = −11.29; 11.29 / 360.00 = 3.14%), yet
          "与上年度相比，一般公共预算财政拨款支出增加 11.29 万元，增长 3.14%".
    Good: "与上年度相比，一般公共预算财政拨款支出减少 11.29 万元，下降 3.14%".
    """

    id = "Y001"
    severity = "error"
    summary = "a change against last year agrees with last year's document (--previous)"
    compares = "previous"

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
        pctx = Context.as_printed(prev, [])  # last year's tables trusted as printed
        for c in ctx.of_kind("change"):
            if c.direction is None or c.ref is None:
                continue
            cur, why_cur = ctx.cell(c.ref)
            old, why_old = pctx.cell(c.ref)
            if cur is None or old is None:
                ctx.cannot(c, Msg("rule.Y001.unread", why=why_old) if why_old else Msg("rule.Y001.unread_current", why=why_cur))
                continue
            if cur.table.label in ctx.unreliable:
                continue
            if not _same_row(cur.row, old.row):
                ctx.cannot(c, Msg("rule.Y001.other_row", code=old.row.code, this=cur.row.name, prev=old.row.name))
                continue
            problems, _ = _problems(c, cur.interval, old.interval)
            if not problems:
                ctx.verify(c, self.id)
                continue
            alt = next((a for a in _stated_elsewhere(ctx.previous_claims, c.ref)
                        if not a.overlaps(old.interval) and not _problems(c, cur.interval, a)[0]), None)
            yield self._finding(c, ctx.idx(c), cur, old, problems, prev.year, alt)

    def _finding(self, c, idx: int, cur, old, problems: list[str], year, alt: Interval | None) -> Finding:
        f = self._differs(c, idx, cur, old, problems, year, alt)
        mag = _problems(c, cur.interval, old.interval)[1] / old.interval
        if problems == ["rate"] and alt is None and mag is not None and truncated(c.values["rate"], mag):
            f.severity = "warning"  # the rate cut off, not rounded (issue 18, family 11): a warning that says so
            f.set_message(Msg("rule.Y001.truncated", differs=f.msg))
        return f

    def _differs(self, c, idx: int, cur, old, problems: list[str], year, alt: Interval | None) -> Finding:
        printed = cur.wan - old.wan  # what the message and 应为 show: the printed figures' difference
        expected = []
        for p in problems:
            if p == "direction":
                expected.append(_signed(1 if printed > 0 else -1))
            elif p == "change":
                expected.append(f"{fmt(abs(printed))} 万元")
            else:
                expected.append(fmt_pct(abs(printed) / old.wan))
        ev = [cur.evidence(), Evidence("table", f"{fmt(old.value)} {old.table.unit}".strip(),
                                       f"{old.table.label} ({year})", f"{old.row.code} {old.row.name}".strip(),
                                       old.column),
              claim_evidence(c, "change") if "change" in c.values else claim_evidence(c, "rate")]
        stated = " ".join(x for x in (_signed(c.direction), c.values["change"].raw if "change" in c.values else "",
                                      c.values["rate"].raw if "rate" in c.values else "") if x)
        msg = Msg("rule.Y001.differs", subject=c.subject or "变动", stated=stated, current=fmt(cur.wan),
                  previous=fmt(old.wan), diff=fmt(printed), wrong=Join((_PART[p] for p in problems), "enum"))
        if alt is not None:  # last year's narrative prints the figure the statement agrees with
            msg = Msg("rule.Y001.previous_two_ways", differs=msg, alt=fmt(alt.mid), previous=fmt(old.wan))
        # one wrong figure, one finding: a lone wrong change or rate is the stated figure itself (grouped with
        # N003 when that rule recomputes the same rate from the sentence alone)
        one = {"change": "change", "rate": "rate"}.get(problems[0]) if len(problems) == 1 else None
        return Finding(self.id, "warning" if alt is not None else "", msg, text=c.text,
                       stated=c.values[one].raw if one and one in c.values else stated, expected=" ".join(expected),
                       location=claim_location(c, cur.table.label), evidence=ev, claims=[idx])
