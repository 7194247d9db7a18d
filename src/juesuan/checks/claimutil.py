"""Helpers that read claims: stated values as intervals, subjects, and the claims around a claim."""

from __future__ import annotations

import bisect

from decimal import Decimal
from typing import Callable

import regex as re

from ..numbers import Interval
from ..patterns import load
from .base import HUNDRED, WAN, ZERO, Cell, Context, norm_name

MONEY_UNITS = {"万元": Decimal(1), "元": Decimal(1) / WAN, "亿元": WAN, "千元": Decimal("0.1")}
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
    return v.value / HUNDRED, Interval.of(v.value).scale(Decimal("0.01"))


_SUBJECT_NOISE = re.compile(r"20\d\d年度?|本部门|本单位|我单位|我局|本年度|本年|全年|\s|的")


def subject_key(claim) -> str:
    return _SUBJECT_NOISE.sub("", norm_name(claim.subject or ""))


def squash(text: str | None) -> str:
    return re.sub(r"\s+", "", text or "")


def lookback(ctx: Context, claim, pred: Callable, limit: int = 8, same_section: bool = True):
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


def budget_of(ctx: Context, claim) -> tuple[Decimal, Interval, object] | None:
    """The budget a completion claim is measured against: its own budget value, the 预算数 cell next to its
    决算数 cell (三公), or a budget stated just before (same subject first, then any budget)."""
    for role in ("budget", "budget_initial", "budget_annual"):
        m = money(claim, role)
        if m:
            return m[0], m[1], claim
    ref = claim.ref
    if ref is not None and ref.column and ref.column.startswith("决算数|"):
        cell, _ = ctx.cell(ref, "预算数|" + ref.column.split("|", 1)[1])
        if cell is not None:
            return cell.wan, cell.interval, cell
    key = subject_key(claim)

    def is_budget(c):
        return money(c, "budget") is not None or (money(c, "amount") is not None and "预算" in squash(c.subject))

    def val(c):
        return money(c, "budget") or money(c, "amount")

    same = lookback(ctx, claim, lambda c: is_budget(c) and subject_key(c) == key, limit=4) if key else None
    prev = same or lookback(ctx, claim, is_budget, limit=2)
    if prev is not None:
        m = val(prev)
        return m[0], m[1], prev
    return None


def current_amount(ctx: Context, claim) -> tuple[Decimal, Interval, object] | None:
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
            return m[0], m[1], prev
    return None


BASIS_TABLE = [
    (re.compile(r"^(?:本年)?支出(?:合计|总额|总计)$"), [("expense", "本年支出合计"), ("income_expense_total", "本年支出合计")]),
    (re.compile(r"^(?:本年)?收入(?:合计|总额|总计)$"), [("income", "本年收入合计"), ("income_expense_total", "本年收入合计")]),
    (re.compile(r"^一般公共预算财政拨款支出$"), [("gpb_expense", "合计")]),
]


def base_amount(ctx: Context, claim) -> tuple[Decimal, Interval, object] | None:
    """The base of a share: an explicit context base, the basis named in the claim, or the head amount of
    the sentence ("收入合计 449.76 万元，其中：财政拨款收入 449.76 万元，占 100.00%")."""
    b = claim.context.get("base") if claim.context else None
    if b is not None:
        if hasattr(b, "value") and hasattr(b, "unit"):
            k = MONEY_UNITS.get(b.unit or "万元", Decimal(1))
            return b.value * k, Interval.of(b.value).scale(k), claim
        if isinstance(b, Decimal):
            return b, Interval.of(b), claim
        if hasattr(b, "table"):
            cell, _ = ctx.cell(b)
            if cell is not None:
                return cell.wan, cell.interval, cell
    ref = claim.context.get("base_ref") if claim.context else None
    if ref is not None and hasattr(ref, "table") and not claim.context.get("base_amount"):
        cell, _ = ctx.cell(ref)  # the base the extractor resolved ("“三公”经费…中，…占 X%" → 三公 合计)
        if cell is not None:
            return cell.wan, cell.interval, cell
    basis = squash(claim.basis)
    if basis and basis not in ("上年度", "上年", "年初预算", "全年预算"):
        key = _SUBJECT_NOISE.sub("", norm_name(basis))
        prev = lookback(ctx, claim, lambda c: c.kind in ("amount", "completion", "share") and subject_key(c) == key
                        and (money(c, "amount") or money(c, "actual")), limit=30, same_section=False)
        if prev is not None:
            m = money(prev, "amount") or money(prev, "actual")
            return m[0], m[1], prev
        for pat, cells in BASIS_TABLE:
            if pat.match(key):
                for kind, col in cells:
                    t = ctx.table(kind)
                    if t is None:
                        continue
                    row = t.total_row() if kind != "income_expense_total" else t.find(name=col)
                    if row is None:
                        continue
                    c = col if col in row.values else t.columns[0]
                    v = row.values.get(c)
                    if v is not None:
                        cell = Cell(t, row, c, v)
                        return cell.wan, cell.interval, cell
    # head of the sentence: the first amount claim before this one in the same sentence
    # (the first money claim of the sentence, and the first whose subject differs from it, computed once per
    # sentence: scanning the sentence per claim cost claims² on a sentence of 50,000 figures)
    i = ctx.idx(claim)
    heads = ctx.__dict__.setdefault("_sentence_heads", {})
    key = (claim.sentence_index, claim.line if claim.sentence_index is None else None)
    if key not in heads:
        first = other = None
        for c in ctx.neighbours(claim):
            if not (money(c, "amount") or money(c, "actual")):
                continue
            if first is None:
                first = c
            elif subject_key(c) != subject_key(first):
                other = c
                break
        heads[key] = (first, other)
    first, other = heads[key]
    sk = subject_key(claim)
    for c in (first, other):
        if c is None or ctx.idx(c) >= i:
            break
        if c is not claim and subject_key(c) != sk:
            m = money(c, "amount") or money(c, "actual")
            return m[0], m[1], c
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
    "money", "percent", "subject_key", "lookback", "current_amount", "base_amount", "grade_of", "grade_in",
    "clause_of", "sign", "squash", "ZERO",
]
