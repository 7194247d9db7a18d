"""One finding per cause (issue 19, item 6), applied once every rule has run and every claim has its verdict.

- **One wrong figure, one finding.** When several rules say the same stated figure is wrong (the same claim,
  the same stated figure: N001 against the table, X001 against another sentence; or X001 quoting, from the
  other sentence, the very figure N001 expects), one is reported — the
  worst, then by what its rule compares (``Rule.compares``: the narrative against the tables, against last
  year's document, against itself, the tables), then document order — and the others are its ``related``.
  Only the findings of rules that decide verdicts and say a figure is wrong are grouped (not the completeness
  rules: ``Rule.reports_unchecked``). A ratio that a rule recomputed from that wrong figure (N002,
  N004: "按 1368.89 / 1165.31 重算为 117.47%") is related to it too, but only when the ratio comes out as
  stated once the figure is corrected (1065.29 / 1165.31 = 91.42%, as stated): otherwise the ratio is wrong
  on its own and stays a finding of its own.
- **A template left unfilled, one finding.** All the findings of a rule declared
  ``one_finding_per_document`` (X033, template residue: XXX placeholders, drafting instructions, 增加（减少）) are
  one finding at the first place, listing every place.

Claim verdicts are decided before grouping and do not change; neither does the exit code (the reported
finding has the worst severity of its group).
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

import regex as re

from ..i18n import Msg
from ..numbers import Interval
from .base import COMPARES, RANK, Finding, Rule, document_key
from .registry import by_id

_NUMBER = re.compile(r"^-?\d[\d,]*(?:\.\d+)?")


def _number(text) -> Decimal | None:
    m = _NUMBER.match("".join(str(text or "").split()))
    if m is None:
        return None
    try:
        return Decimal(m.group(0).replace(",", ""))
    except InvalidOperation:  # pragma: no cover - the regex guards this
        return None


def _rule(f: Finding) -> type[Rule]:
    """The rule of a finding (the base Rule's declarations for an id no rule has)."""
    return by_id().get(f.rule, Rule)


def _rank(f: Finding, order: dict[int, int]) -> tuple[int, int, int]:
    return (RANK.get(f.severity, 9), COMPARES.index(_rule(f).compares), order[id(f)])


def _caused_by(ratio: Finding, wrong: Finding) -> bool:
    """True when ``ratio`` (a recomputed percentage) recomputes as stated once ``wrong``'s stated figure, one of
    its two terms, is replaced by ``wrong``'s expected figure (all over rounding intervals)."""
    msg = ratio.msg
    if not isinstance(msg, Msg) or msg.key != "check.ratio.recomputed" or not set(ratio.claims) & set(wrong.claims):
        return False
    w, e, p = _number(wrong.stated), _number(wrong.expected), _number(ratio.stated)
    num, den = _number(msg.params.get("num")), _number(msg.params.get("den"))
    if None in (w, e, p, num, den) or (w != num and w != den):
        return False
    assert e is not None and p is not None and num is not None and den is not None  # for mypy
    q = (Interval.of(e) / Interval.of(den)) if w == num else (Interval.of(num) / Interval.of(e))
    return q is not None and q.overlaps(Interval.of(p).scale(Decimal("0.01")))


def group_findings(findings: list[Finding]) -> list[Finding]:
    """The findings (in document order) with each cause reported once (see the module docstring); order kept."""
    findings = _group_template(findings)
    order = {id(f): k for k, f in enumerate(findings)}
    live = [f for f in findings if f.severity in ("error", "warning") and f.claims
            and _rule(f).decides_verdicts and not _rule(f).reports_unchecked]
    group: dict[int, list[Finding]] = {id(f): [f] for f in live}  # head id → members
    head_of: dict[int, Finding] = {id(f): f for f in live}

    def merge(a: Finding, b: Finding, head: Finding | None = None) -> None:
        ha, hb = head_of[id(a)], head_of[id(b)]
        if ha is hb:
            return
        members = group.pop(id(ha)) + group.pop(id(hb))
        new = head or min(members, key=lambda f: _rank(f, order))
        group[id(new)] = members
        for m in members:
            head_of[id(m)] = new

    seen: dict[tuple[int, str], Finding] = {}
    for f in live:  # the same stated figure of the same claim
        for i in f.claims:
            key = (i, "".join(str(f.stated or "").split()))
            if f.stated and key in seen:
                merge(seen[key], f)
            else:
                seen.setdefault(key, f)
    for b in live:  # the other side of one wrong figure: b quotes, as its own, the figure a says the claim should be
        for a in live:
            if a is b or head_of[id(a)] is head_of[id(b)] or not set(a.claims) & set(b.claims):
                continue
            expected, stated = _number(a.expected), _number(b.stated)
            if (expected is not None and expected == stated and _number(a.stated) == _number(b.expected)
                    and RANK[head_of[id(a)].severity] <= RANK[head_of[id(b)].severity]):
                merge(a, b)  # N001 "文中 12323.46，表中 12323.48" and X001 "此处 12323.48，第 7 行写作 12323.46"
                break
    for b in live:  # a ratio recomputed from a wrong figure
        for a in live:
            # never under a milder finding: the reported finding keeps the group's worst severity
            if (a is not b and head_of[id(a)] is not head_of[id(b)] and _caused_by(b, a)
                    and RANK[head_of[id(a)].severity] <= RANK[head_of[id(b)].severity]):
                merge(a, b, head=head_of[id(a)])
                break
    dropped: set[int] = set()
    for hid, members in group.items():
        if len(members) > 1:
            head = head_of[hid]
            head.related = sorted((m for m in members if m is not head), key=lambda f: order[id(f)])
            dropped.update(id(m) for m in head.related)
    return [f for f in findings if id(f) not in dropped]


def _group_template(findings: list[Finding]) -> list[Finding]:
    """The findings of each rule declared ``one_finding_per_document`` as one, at the first place, listing the
    others (its message ``rule.<ID>.many``)."""
    for rule_id in sorted({f.rule for f in findings if _rule(f).one_finding_per_document}):
        same = sorted((f for f in findings if f.rule == rule_id), key=document_key)
        if len(same) < 2:
            continue
        head = same[0]
        head.related = same[1:]
        head.set_message(Msg(f"rule.{rule_id}.many", n=len(same), first=head.msg if head.msg is not None else head.message))
        head.severity = min((f.severity for f in same), key=lambda s: RANK.get(s, 9))
        findings = [f for f in findings if f.rule != rule_id or f is head]
    return findings
