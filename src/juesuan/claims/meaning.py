"""What a claim's words mean, read once in the claims layer (issue 20): the helpers the extractor and the rules
both need, so that neither layer keeps its own copy.

* :func:`money`, :func:`percent` — a stated figure in 万元 (a percentage as a fraction) with its rounding interval;
* :func:`norm_name` — a name compared loosely (no numbering, no spaces, full-width brackets, no （类）/（款）/（项））;
* :func:`subject_key` — a claim subject for "the same subject" (also without years, 本部门, 全年 …);
* :func:`lookback` — the nearest earlier claim satisfying a predicate (same sentence first, then the section);
* :func:`clause_of` — the clause of a claim's text that holds one of its figures;
* :func:`grade_in` — the grade (优/良/中/差) a text states;
* :func:`project_aggregate` — what a count of self-evaluated projects counts (``Claim.aggregate``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal

import regex as re

from ..numbers import Interval
from ..text import squash
from .model import Amount, Claim

WAN = Decimal(10000)
MONEY_UNITS = {"万元": Decimal(1), "元": Decimal(1) / WAN, "亿元": WAN, "千元": Decimal("0.1")}


def money(claim: Claim, role: str) -> Amount | None:
    """A money value of the claim in 万元 with its rounding interval, or None (no such figure, or not money)."""
    v = claim.values.get(role)
    if v is None:
        return None
    k = MONEY_UNITS.get(v.unit or "万元")
    if k is None:
        return None
    return Amount(v.value * k, Interval.of(v.value).scale(k))


def percent(claim: Claim, role: str) -> Amount | None:
    """A stated percentage as a fraction with its rounding interval."""
    v = claim.values.get(role)
    if v is None:
        return None
    return Amount(v.value / Decimal(100), Interval.of(v.value).scale(Decimal("0.01")))


_NUM_PREFIX = re.compile(r"^(?:[一二三四五六七八九十]+、|\d+[.、．])")
_PAREN = str.maketrans({"(": "（", ")": "）", " ": None, "\u3000": None})
_LEVEL_MARK = re.compile(r"（[类款项]）")
_SUBJECT_NOISE = re.compile(r"20\d\d年度?|本部门|本单位|我单位|我局|本年度|本年|全年|\s|的")


def norm_name(name: str | None) -> str:
    """Names compared loosely: no numbering prefix, no spaces, full-width parentheses, no （类）/（款）/（项）."""
    if not name:
        return ""
    n = name.translate(_PAREN)
    n = _NUM_PREFIX.sub("", n)
    n = _LEVEL_MARK.sub("", n)
    return n


def subject_key(subject: str | None) -> str:
    """A subject as compared for "the same subject": :func:`norm_name` without years, 本部门, 全年, 的 …"""
    return _SUBJECT_NOISE.sub("", norm_name(subject or ""))


def lookback(claims: Sequence[Claim], i: int, pred: Callable[[Claim], bool], limit: int,
             same_section: bool = True) -> int | None:
    """The index of the nearest earlier claim satisfying ``pred``: of claim ``i``'s sentence first (a claim
    without a sentence: of its line), then among the ``limit`` claims before it (within its section unless
    ``same_section`` is False). Claims are in document order, so a sentence's claims stand together."""
    c = claims[i]
    si = c.sentence_index
    j = i - 1
    while j >= 0 and (claims[j].sentence_index == si if si is not None else claims[j].line == c.line):
        if pred(claims[j]):
            return j
        j -= 1
    for j in range(i - 1, max(-1, i - 1 - limit), -1):
        o = claims[j]
        if same_section and (o.section != c.section or o.part != c.part):
            break
        if pred(o):
            return j
    return None


def clause_of(claim: Claim, role: str) -> str:
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


GRADE_RE = re.compile(r"(?:等级(?:为|是)?|评为|为|定为)[“\"]?(优秀|优|良好|良|中等|中|差|较差)")


def grade_in(text: str) -> str | None:
    """The grade a text states ("评价等级为优秀" → "优"), or None."""
    m = GRADE_RE.search(squash(text))
    return {"较差": "差"}.get(m.group(1), m.group(1)[0]) if m else None


def project_aggregate(c: Claim) -> str | None:
    """What a count of self-evaluated projects counts in the project table: "grade:优" (the projects of a grade
    band), "deviation" (存在偏差), "no_deviation" (完成所有绩效指标), "rows" (all the projects evaluated); None
    for any other count."""
    if c.kind != "count" or c.value("count") is None:
        return None
    if "自评" not in squash(c.text) and "自评" not in squash(c.subject) and "偏差" not in squash(c.text) \
            and "绩效指标" not in squash(c.text):
        return None
    hay = squash(clause_of(c, "count"))
    g = grade_in(hay) or (re.search(r"(优|良|中|差)$", hay) or [None, None])[1] if re.search("评|等级", hay) else None
    if g:
        return f"grade:{g}"
    if "偏差" in hay:
        return "deviation"
    if re.search("完成所有|全部完成", hay):
        return "no_deviation"
    if re.search("需.*自评|实际自评|自评项目", hay):
        return "rows"
    return None


__all__ = ["MONEY_UNITS", "clause_of", "grade_in", "lookback", "money", "norm_name", "percent", "project_aggregate",
           "subject_key"]
