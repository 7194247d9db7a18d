"""X001: the same quantity stated twice with different values."""

from __future__ import annotations

from collections.abc import Iterable

from ....claims.model import Amount
from ....numbers import Interval
from ...base import Context, Finding, Msg, Rule, claim_evidence
from ...claimutil import _budget_kind, claim_finding, money, subject_key


class SameQuantityDiffers(Rule):
    """The same quantity (same subject and role) stated twice with different values. Subjects carry their
    qualifier ("采购金额（中小企业预留）" ≠ "采购金额（小微企业预留）", see patterns/subjects.toml), so two
    quantities that share a word are never compared; a score (部门整体 得分) stated twice is compared too.

    Bad:  "年初预算为 985.35 万元" … later "年初预算为 958.35 万元" for the same subject.
    Good: both statements say 985.35.
    """

    id = "X001"
    severity = "error"
    summary = "the same quantity stated twice with different values"
    compares = "narrative"

    def check(self, ctx: Context) -> Iterable[Finding]:
        groups: dict[tuple, list] = {}
        for c in ctx.claims:
            key = subject_key(c)
            if len(key) < 2:
                continue
            for role in ("amount", "actual", "budget"):
                m = money(c, role)
                if m is None:
                    continue
                rk = ("budget", _budget_kind(c)) if role == "budget" else ("actual", "")
                groups.setdefault((key, rk), []).append((c, role, m))
            sc = c.values.get("score")
            if sc is not None and c.kind == "score" and not c.qualifier:  # a 平均得分 is another quantity
                groups.setdefault((key, ("score", "")), []).append((c, "score", Amount(sc.value, Interval.of(sc.value))))
        out = []
        for (key, rk), items in groups.items():
            first = items[0]
            for c, role, m in items[1:]:
                if c is first[0]:
                    continue
                if m.interval.overlaps(first[2].interval):
                    continue
                out.append(claim_finding(
                    self, ctx, c,
                    Msg("rule.X001.differs", subject=c.subject,
                        what=f"{rk[1] or ''}{'预算' if rk[0] == 'budget' else '得分' if rk[0] == 'score' else ''}",
                        stated=c.values[role].raw, other=first[0].values[first[1]].raw, line=first[0].line),
                    stated=c.values[role].raw, expected=first[0].values[first[1]].raw,
                    evidence=[claim_evidence(first[0], first[1]), claim_evidence(c, role)], extra_claims=[first[0]]))
                break
        return out
