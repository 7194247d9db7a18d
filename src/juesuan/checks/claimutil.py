"""Helpers that read claims: stated values as intervals, subjects, and the claims around a claim."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from ..claims import meaning
from ..claims.meaning import clause_of, grade_in
from ..claims.model import Amount, Quantity
from ..numbers import Interval
from ..patterns import compiled, load
from ..text import squash
from . import base

MONEY_ROLES = ("amount", "budget", "actual", "change", "previous")
money = meaning.money  # a stated money figure in 万元 with its interval (claims.meaning): Amount(value, interval)
percent = meaning.percent  # a stated percentage as a fraction with its interval: Amount(value, interval)


def subject_key(claim) -> str:
    """The claim's subject as compared for "the same subject" (:func:`juesuan.claims.meaning.subject_key`)."""
    return meaning.subject_key(claim.subject)


def lookback(ctx: base.Context, claim, pred: Callable, limit: int = 8, same_section: bool = True):
    """The nearest earlier claim (same sentence first, then same section) satisfying ``pred``
    (:func:`juesuan.claims.meaning.lookback`)."""
    j = meaning.lookback(ctx.claims, ctx.idx(claim), pred, limit, same_section)
    return ctx.claims[j] if j is not None else None


def base_reason(ctx: base.Context, claim) -> base.Msg | str | None:
    """Why the claim's base could not be read: its base's cell refused (:func:`base_of`), else why the
    claims layer resolved no base (``claim.base_reason``)."""
    return ctx.base_unreadable.get(ctx.idx(claim)) or claim.base_reason


def base_of(ctx: base.Context, claim) -> Quantity | None:
    """The value of the claim's resolved base (``claim.base``) in 万元 with its rounding interval and its
    source (a Cell, or the claim that states it). None when no base was resolved, or its cell cannot be
    read; :func:`base_reason` then says why."""
    b = claim.base
    if b is None:
        return None
    if b.source == "self":
        return _stated(claim, b.role)
    if b.source == "narrative" and b.claim is not None and 0 <= b.claim < len(ctx.claims):
        return _stated(ctx.claims[b.claim], b.role)
    if b.source == "table" and b.ref is not None:
        cell, why = ctx.cell(b.ref)
        if cell is None:
            ctx.base_unreadable[ctx.idx(claim)] = base.Msg("reason.base_unreadable", what=b.what, why=why)
            return None
        return Quantity(cell.wan, cell.interval, cell)
    return None


def base_evidence(claim, src) -> base.Evidence:
    """Evidence for a claim's base: the cell or the statement it was read from, labelled with what the base
    is and how it was resolved."""
    b = claim.base
    label = f"基数：{b.what}" if b is not None else "基数"  # how it was resolved: the claim's base.how
    if isinstance(src, base.Cell):
        ev = src.evidence()
        ev.row = f"{ev.row} — {label}"
        return ev
    role = b.role if b is not None and b.role else "amount"
    if src is claim:
        v = claim.values.get(role)
        return base.Evidence("narrative", v.raw if v else "—", None, label, role)
    v = src.values.get(role)
    return base.Evidence("narrative", v.raw if v else "—", None, f"{src.subject or ''} — {label}", role)


def budget_of(ctx: base.Context, claim) -> Quantity | None:
    """The budget a completion claim is measured against: its resolved base (see claims/bases.py)."""
    return base_of(ctx, claim)


def current_amount(ctx: base.Context, claim) -> Quantity | None:
    """The current-year amount a change/share/completion claim is about, as the claims layer resolved it
    (``claim.current``, claims/bases.py): its own value, else its table cell, else (the cell unreadable) the
    nearest earlier amount claim on the same subject."""
    cur = claim.current
    if cur is None:
        return None
    if cur.source == "self":
        return _stated(claim, cur.role)
    if cur.ref is not None:
        cell, _ = ctx.cell(cur.ref)
        if cell is not None:
            return Quantity(cell.wan, cell.interval, cell)
    if cur.claim is not None and 0 <= cur.claim < len(ctx.claims):
        return _stated(ctx.claims[cur.claim], cur.role)
    return None


def _stated(claim, role: str) -> Quantity | None:
    """The money ``claim`` states in ``role``, as a Quantity whose source is that claim."""
    m = money(claim, role)
    return Quantity(m.value, m.interval, claim) if m else None


def grade_of(score: Decimal) -> str:
    for g in load("rules")["grade"]:
        if score >= Decimal(str(g["min"])):
            return g["name"]
    return load("rules")["grade"][-1]["name"]


def sign(d: Decimal) -> int:
    return (d > 0) - (d < 0)


__all__ = [
    "base_evidence",
    "base_of",
    "budget_of",
    "clause_of",
    "current_amount",
    "grade_in",
    "grade_of",
    "lookback",
    "money",
    "percent",
    "sign",
    "squash",
    "subject_key",
]


def claim_finding(rule: base.Rule, ctx: base.Context, claim, message: base.Msg | base.Join, stated=None, expected=None, evidence=None,
                  table: str | None = None, severity: str = "", extra_claims=()) -> base.Finding:
    return base.Finding(
        rule=rule.id,
        severity=severity,
        message=message,
        text=claim.text,
        stated=stated,
        expected=expected,
        location=base.claim_location(claim, table),
        evidence=list(evidence or []),
        claims=[ctx.idx(claim)] + [ctx.idx(c) for c in extra_claims],
    )


def previous_interval(claim, cur: Interval, change: Interval) -> Interval:
    d = claim.direction if claim.direction is not None else 1
    if d == 0:
        return cur
    return cur - change if d > 0 else cur + change


def _budget_kind(c) -> str:
    if "budget_initial" in c.values:
        return "年初"
    if "budget_annual" in c.values:
        return "全年"
    cl = clause_of(c, "budget")
    t = squash(c.text)
    if "年初" in cl or ("年初" in t and "全年" not in t):
        return "年初"
    if "全年" in cl or "全年" in t:
        return "全年"
    return "预算"


def _claims_in_sentence(ctx, si: int) -> list:
    return [c for c in ctx.claims if c.sentence_index == si]


def _sentence_location(s) -> base.Location:
    sec = s.section
    return base.Location(part=s.paragraph.part_name or (f"第{s.part}部分" if s.part else None), section=sec.path if sec else None,
                    table=None, page=s.page, line=s.line)


def vocabulary(section: str) -> dict:
    """A section of patterns/restatements.toml (the words naming 三公 parts, procurement parts, …)."""
    return load("restatements")[section]


SANGONG_PARTS = ("abroad", "car", "reception")  # the keys of the three 三公 parts in [sangong] (patterns/restatements.toml)


def each_once(keys, found_for: Callable) -> list | None:
    """For each key the one result ``found_for(key)`` gives, in order; None as soon as a key gives None."""
    out = []
    for key in keys:
        x = found_for(key)
        if x is None:
            return None
        out.append(x)
    return out


def sangong_part_changes(claims) -> list[tuple[list, Amount]] | None:
    """The three 三公 parts' signed changes among ``claims``: per part (its claims, the one signed change they
    state); None if a part is not stated, or stated with two different changes."""
    voc = vocabulary("sangong")

    def part(key):
        found = [c for c in claims if subject_is(c, voc[key]) and not subject_is(c, voc["car_sub"])]
        vals = [v for v in (signed_change(c) for c in found) if v is not None]
        return (found, vals[0]) if vals and len({v for v, _ in vals}) == 1 else None

    return each_once(SANGONG_PARTS, part)


def sangong_total(claim) -> bool:
    """The claim's subject is the 三公 total, not one of its parts."""
    voc = vocabulary("sangong")
    return subject_is(claim, voc["total"]) and not any(subject_is(claim, voc[k]) for k in SANGONG_PARTS)


def subject_is(claim, pattern: str) -> bool:
    """The claim's subject (spaces removed) matches ``pattern``."""
    return bool(compiled(pattern).search(squash(claim.subject)))


def signed_change(claim) -> Amount | None:
    """A change claim's signed change in 万元 (持平 = 0), or None."""
    if claim.direction == 0 and "change" not in claim.values:
        if claim.approx:
            return None  # 基本持平: about the same, no threshold defined
        return Amount(Decimal(0), Interval.point(Decimal(0)))
    m = money(claim, "change")
    if m is None or claim.direction not in (1, -1):
        return None
    return m if claim.direction == 1 else Amount(-m.value, m.interval.scale(Decimal(-1)))


def against_placements(rule: base.Rule, ctx: base.Context, claim, role: str, opts: list[base.Cell], message: str,
                       **params: str) -> tuple[bool, base.Finding | None]:
    """A stated amount against a cell whose row's blank cells vanished and whose figures fit several placements
    (``opts``: the cell in each, :func:`juesuan.checks.base.option_cells`): equal to every one, it agrees (True,
    None); to some, it is unverifiable (which placement holds is not known); to none, it is contradicted whichever
    holds — the finding's ``message`` (with ``params``, the stated figure, the row's printed figures, the values
    they give and the unit) names them (a warning in a 预算 whose blank cell is one of them: a blank may be a figure
    the reader lost)."""
    from ..claims.budget import document_kind

    m = money(claim, role)
    assert m is not None  # roles hold only stated figures
    cell = opts[0]
    fitting = [o for o in opts if m.interval.overlaps(o.interval)]
    figures = " ".join(cell.row.extra.get("figures") or [])
    values = " 或 ".join(base.fmt(o.value) for o in opts)
    column = base.printed_column(cell.table, cell.column)
    if len(fitting) == len(opts):
        return True, None
    if fitting:
        ctx.cannot(claim, base.Msg("reason.cell.ambiguous", table=cell.table.label, row=cell.row.name, column=column,
                                   figures=figures, values=values, unit=cell.table.unit))
        return False, None
    blank = document_kind(ctx.doc) == "预算" and any(o.value == 0 for o in opts)
    return False, claim_finding(
        rule, ctx, claim, base.Msg(message, stated=claim.values[role].raw, figures=figures, values=values,
                                   unit=cell.table.unit, **params), stated=claim.values[role].raw,
        expected=" 或 ".join(f"{base.fmt(o.wan)} 万元" for o in opts),
        evidence=[base.Evidence("table", f"{figures}（{values} {cell.table.unit}）", cell.table.label,
                                f"{cell.row.code} {cell.row.name}".strip(), column), base.claim_evidence(claim, role)],
        table=cell.table.label, severity="warning" if blank else "")
