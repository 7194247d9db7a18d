"""Helpers that read claims: stated values as intervals, subjects, and the claims around a claim."""

from __future__ import annotations

import bisect
from collections.abc import Callable
from decimal import Decimal

import regex as re

from ..numbers import Interval
from ..patterns import compiled, load
from ..text import squash
from . import base

MONEY_UNITS = {"万元": Decimal(1), "元": Decimal(1) / base.WAN, "亿元": base.WAN, "千元": Decimal("0.1")}
MONEY_ROLES = ("amount", "budget", "actual", "change", "previous")


def money(claim, role: str) -> tuple[Decimal, Interval] | None:
    """A money value of the claim in 万元 with its rounding interval, or None."""
    v = claim.values.get(role)
    if v is None:
        return None
    k = MONEY_UNITS.get(v.unit or "万元")
    if k is None:
        return None
    return v.value * k, Interval.of(v.value).scale(k)


def percent(claim, role: str) -> tuple[Decimal, Interval] | None:
    """A stated percentage as a fraction with its rounding interval."""
    v = claim.values.get(role)
    if v is None:
        return None
    return v.value / base.HUNDRED, Interval.of(v.value).scale(Decimal("0.01"))


_SUBJECT_NOISE = re.compile(r"20\d\d年度?|本部门|本单位|我单位|我局|本年度|本年|全年|\s|的")


def subject_key(claim) -> str:
    return _SUBJECT_NOISE.sub("", base.norm_name(claim.subject or ""))


def lookback(ctx: base.Context, claim, pred: Callable, limit: int = 8, same_section: bool = True):
    """The nearest earlier claim (same sentence first, then same section) satisfying ``pred``."""
    i = ctx.idx(claim)
    best = None
    nb = ctx.neighbours(claim)  # in claim order: start just before the claim, look at most 64 claims back
    k = bisect.bisect_left(nb, i, key=ctx.idx)
    for j in range(k - 1, max(-1, k - 65), -1):
        if pred(nb[j]):
            best = nb[j]
            break
    if best is not None:
        return best
    for j in range(i - 1, max(-1, i - 1 - limit), -1):
        c = ctx.claims[j]
        if same_section and (c.section != claim.section or c.part != claim.part):
            break
        if pred(c):
            return c
    return None


def ensure_bases(ctx: base.Context) -> None:
    """Resolve the bases of claims that were built without the extractor (rule cases, tools): once per
    context, only for claims that carry neither a base nor a reason."""
    if ctx.bases_resolved:
        return
    from ..claims.bases import resolve_bases

    resolve_bases(ctx.doc, ctx.claims, only_missing=True)
    ctx.bases_resolved = True


def base_of(ctx: base.Context, claim) -> tuple[Decimal, Interval, object] | None:
    """The value of the claim's resolved base (``claim.base``) in 万元 with its rounding interval and its
    source (a Cell, or the claim that states it). None when no base was resolved, or its cell cannot be
    read; ``claim.base_reason`` then says why."""
    ensure_bases(ctx)
    b = claim.base
    if b is None:
        return None
    if b.source == "self":
        m = money(claim, b.role)
        return (m[0], m[1], claim) if m else None
    if b.source == "narrative" and b.claim is not None and 0 <= b.claim < len(ctx.claims):
        src = ctx.claims[b.claim]
        m = money(src, b.role)
        return (m[0], m[1], src) if m else None
    if b.source == "table" and b.ref is not None:
        cell, why = ctx.cell(b.ref)
        if cell is None:
            claim.base_reason = base.Msg("reason.base_unreadable", what=b.what, why=why)
            return None
        return cell.wan, cell.interval, cell
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


def budget_of(ctx: base.Context, claim) -> tuple[Decimal, Interval, object] | None:
    """The budget a completion claim is measured against: its resolved base (see claims/bases.py)."""
    return base_of(ctx, claim)


def current_amount(ctx: base.Context, claim) -> tuple[Decimal, Interval, object] | None:
    """The current-year amount a change/share/completion claim is about: its own value, its table cell,
    or the nearest earlier amount claim on the same subject."""
    for role in ("amount", "actual"):
        m = money(claim, role)
        if m:
            return m[0], m[1], claim
    cell, _ = ctx.cell(claim.ref) if claim.ref is not None else (None, None)
    if cell is not None:
        return cell.wan, cell.interval, cell
    key = subject_key(claim)
    if key:
        prev = lookback(ctx, claim, lambda c: c.kind in ("amount", "share", "completion") and subject_key(c) == key
                        and (money(c, "amount") or money(c, "actual")))
        if prev is not None:
            m = money(prev, "amount") or money(prev, "actual")
            assert m is not None  # the lookback's predicate
            return m[0], m[1], prev
    return None


def grade_of(score: Decimal) -> str:
    for g in load("rules")["grade"]:
        if score >= Decimal(str(g["min"])):
            return g["name"]
    return load("rules")["grade"][-1]["name"]


GRADE_RE = re.compile(r"(?:等级(?:为|是)?|评为|为|定为)[“\"]?(优秀|优|良好|良|中等|中|差|较差)")


def grade_in(text: str) -> str | None:
    m = GRADE_RE.search(squash(text))
    return {"较差": "差"}.get(m.group(1), m.group(1)[0]) if m else None


def clause_of(claim, role: str) -> str:
    """The clause of the claim's text that holds the value of ``role`` (from it to the next separator)."""
    text = claim.text or ""
    v = claim.values.get(role)
    if v is None:
        return text
    pos = squash(text).find(squash(v.raw))
    t = squash(text)
    if pos < 0:
        return t
    start = max(t.rfind(ch, 0, pos) for ch in "，,；;。：:") + 1
    ends = [e for e in (t.find(ch, pos) for ch in "，,；;。") if e >= 0]
    return t[start : min(ends) if ends else len(t)]


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
    """A section of patterns/facts.toml (the words naming 三公 parts, procurement parts, …)."""
    return load("facts")[section]


SANGONG_PARTS = ("abroad", "car", "reception")  # the keys of the three 三公 parts in [sangong] (patterns/facts.toml)


def each_once(keys, found_for: Callable) -> list | None:
    """For each key the one result ``found_for(key)`` gives, in order; None as soon as a key gives None."""
    out = []
    for key in keys:
        x = found_for(key)
        if x is None:
            return None
        out.append(x)
    return out


def sangong_part_changes(claims) -> list[tuple[list, tuple[Decimal, Interval]]] | None:
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


def signed_change(claim) -> tuple[Decimal, Interval] | None:
    """A change claim's signed change in 万元 (持平 = 0), or None."""
    if claim.direction == 0 and "change" not in claim.values:
        if claim.approx:
            return None  # 基本持平: about the same, no threshold defined
        return Decimal(0), Interval.point(Decimal(0))
    m = money(claim, "change")
    if m is None or claim.direction not in (1, -1):
        return None
    v, iv = m
    return (v, iv) if claim.direction == 1 else (-v, iv.scale(Decimal(-1)))
