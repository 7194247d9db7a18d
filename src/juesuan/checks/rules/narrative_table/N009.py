"""N009: self-evaluation counts and grades match the project table's scores."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from ....numbers import Interval
from ...base import Cell, Context, Finding, Msg, Rule, fmt, norm_name
from ...claimutil import claim_finding, grade_in, grade_of, squash
from ...tableutil import PROJECT_SCORE


def _project_rows(t):
    return [r for r in t.rows if not r.partial and r.values.get(PROJECT_SCORE) is not None] if t is not None else []


class SelfEvaluation(Rule):
    """Self-evaluation counts and grades match the project table (bands: 优 ≥ 90, 良 80–90, 中 60–80, 差 < 60;
    number of projects = rows; 存在偏差 = rows marked 是).

    Bad:  "9 个项目自评等级为优，6 个项目自评为良" while the 自评得分 column has 10 scores ≥ 90 and 5 in 80–90.
    Good: "10 个项目自评等级为优，5 个项目自评为良，2 个项目自评为差".
    """

    id = "N009"
    severity = "error"
    summary = "self-evaluation counts and grades match the project table's scores"
    compares = "narrative_tables"

    def check(self, ctx: Context) -> Iterable[Finding]:
        out = []
        t = ctx.table("project_eval")
        rows = _project_rows(t)
        bands: dict[str, list] = {}
        for r in rows:
            bands.setdefault(grade_of(r.values[PROJECT_SCORE]), []).append(r)
        dev = [r for r in rows if (r.group or "").strip() == "是"]
        nodev = [r for r in rows if (r.group or "").strip() == "否"]
        for c in ctx.claims:
            # a score with a grade: the grade must be the score's band; a named project's score must match
            s = c.value("score") if c.kind == "score" else None
            if s is not None:
                g = grade_in(c.text)
                if g and grade_of(s) != g:
                    out.append(claim_finding(self, ctx, c, Msg("rule.N009.grade", score=fmt(s), grade=grade_of(s), stated=g),
                                             stated=g, expected=grade_of(s)))
                    continue
                named = [r for r in rows if norm_name(r.name) and norm_name(r.name) in squash(c.text)]
                if named:
                    assert t is not None  # rows come from t
                    r = max(named, key=lambda r: len(r.name))
                    cell = Cell(t, r, PROJECT_SCORE, r.values[PROJECT_SCORE])
                    if not Interval.of(s).overlaps(Interval.of(cell.value)):
                        out.append(claim_finding(self, ctx, c, Msg("rule.N009.score", project=r.name, stated=fmt(s),
                                                                   printed=fmt(cell.value)),
                                                 stated=fmt(s), expected=fmt(cell.value), evidence=[cell.evidence()], table=t.label))
                        continue
                if g or named:
                    ctx.verify(c, self.id)
                continue
            # what a count of projects counts: read by the claims layer (Claim.aggregate, claims.meaning)
            agg = c.aggregate if c.kind == "count" else None
            if agg is None or not rows:
                continue
            n = c.value("count")
            assert t is not None and n is not None  # rows come from t; an aggregate is read from a count
            if agg.startswith("grade:"):
                g = agg.split(":", 1)[1]
                expected, what = bands.get(g, []), Msg("rule.N009.what_band", grade=g)
            elif agg == "deviation":
                expected, what = dev, Msg("rule.N009.what_deviation")
            elif agg == "no_deviation":
                expected, what = nodev, Msg("rule.N009.what_no_deviation")
            else:
                expected, what = rows, Msg("rule.N009.what_all")
            if Decimal(len(expected)) == n:
                ctx.verify(c, self.id)
                continue
            out.append(claim_finding(
                self, ctx, c, Msg("rule.N009.count", stated=fmt(n), n=len(expected), what=what,
                                  projects=(Msg("rule.N009.projects", projects="、".join(
                                      f"{r.name} {fmt(r.values.get(PROJECT_SCORE))}" for r in expected[:10])) if expected else "")),
                stated=fmt(n), expected=str(len(expected)),
                evidence=[Cell(t, r, PROJECT_SCORE, r.values[PROJECT_SCORE]).evidence() for r in expected[:10]], table=t.label))
        return out
