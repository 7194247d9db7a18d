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
- **One 科目 name, one finding.** A name printed in an item's heading that differs from the tables' is said by the
  rules that declare ``names_kemu`` (X065: against the row the item is tied to; X034: against the tables' name for
  the 科目 its parent names point to). Two such findings on the same name in the same sentence (the one's stated
  name is a level of the other's stated path: "住房公积营" in "住房保障支出（类）住房改革支出（款）住房公积营（项）")
  are one finding, reported by the rule whose evidence is closer to the row (``KEMU_EVIDENCE``: the tied row
  names the row the item's amount is checked against), the other listed under ``related``.
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
from .base import COMPARES, KEMU_EVIDENCE, RANK, Finding, Rule, document_key
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
    return _group_kemu_names([f for f in findings if id(f) not in dropped])


def _same_name(a: Finding, b: Finding) -> bool:
    """``a`` and ``b`` say the same printed 科目 name differs, in the same sentence: one's stated name is a level
    of the other's stated path ("住房公积营" of "…住房改革支出（款）住房公积营（项）"), or the two state the same."""
    sa, sb = "".join(str(a.stated or "").split()), "".join(str(b.stated or "").split())
    if not sa or not sb:
        return False
    same_place = (a.location.page, a.location.line) == (b.location.page, b.location.line)
    ta, tb = "".join(str(a.text or "").split()), "".join(str(b.text or "").split())
    same_sentence = same_place or bool(ta and tb and (ta in tb or tb in ta))
    return same_sentence and (sa == sb or f"{sa}（" in sb or f"{sb}（" in sa)


def _group_kemu_names(findings: list[Finding]) -> list[Finding]:
    """Findings of the rules declaring ``names_kemu`` on one name in one sentence: one finding, the closer
    evidence reported (never under a milder finding), the other under its ``related``."""
    named = [f for f in findings if f.severity in ("error", "warning") and _rule(f).names_kemu in KEMU_EVIDENCE]
    if len(named) < 2:
        return findings
    order = {id(f): k for k, f in enumerate(findings)}
    dropped: set[int] = set()
    for f in sorted(named, key=lambda f: (KEMU_EVIDENCE.index(str(_rule(f).names_kemu)), order[id(f)])):
        if id(f) in dropped:
            continue
        for g in named:
            if (g is not f and id(g) not in dropped and _rule(g).names_kemu != _rule(f).names_kemu
                    and RANK.get(f.severity, 9) <= RANK.get(g.severity, 9) and _same_name(f, g)):
                f.related = sorted([*f.related, g, *g.related], key=document_key)
                g.related = []
                dropped.add(id(g))
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
