"""X004: a variance reason's direction matches the variance (节约 vs over budget, 增加 vs under)."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import TYPE_CHECKING

import regex as re

from ....claims.budget import document_kind
from ....claims.patterns import reason_polarity
from ....numbers import Interval
from ....patterns import load
from ...base import ZERO, Context, Evidence, Finding, Msg, Rule, fmt
from ...claimutil import claim_finding, lookback, money, percent, sign, squash

if TYPE_CHECKING:  # pragma: no cover
    from ....claims.model import Claim


def _polarity(c) -> int | None:
    """The reason's polarity: as extracted, else from the reason vocabulary (patterns/reasons.toml, whole
    phrases, item-dependent terms read against the claim's subject), else from the coarse words of rules.toml."""
    if c.polarity is not None:
        return c.polarity
    t = squash(c.text)
    t = t[t.find("原因") :] if "原因" in t else t
    pol, terms = reason_polarity(t, "variance", c.subject)
    if terms:
        return pol
    r = load("rules")["reasons"]
    up, down = re.search(r["up"], t), re.search(r["down"], t)
    if up and not down:
        return 1
    if down and not up:
        return -1
    return 0 if not up and not down else None


def _variance(ctx, c) -> tuple[int, str | Msg, Claim] | None:
    """Sign of the variance a claim states: 决算 − 预算, completion − 100%, or the change direction."""
    b = money(c, "budget")
    annual = money(c, "budget_annual")
    if b is not None and b.value == 0 and annual is not None and annual.value != 0:
        b = annual  # "年初预算为 0 万元，全年预算为 321.02 万元": the variance is against the final budget
    a = money(c, "actual") or money(c, "amount")
    if b is not None and a is not None:
        iv = a.interval - b.interval
        return (0 if iv.contains(ZERO) else sign(a.value - b.value)), Msg("rule.X004.actual_budget", actual=fmt(a.value), budget=fmt(b.value)), c
    p = percent(c, "completion")
    if p is not None:
        iv = p.interval - Interval.point(Decimal(1))
        return (0 if iv.contains(ZERO) else sign(p.value - 1)), Msg("rule.X004.completion", rate=c.values["completion"].raw), c
    if c.kind == "change" and c.direction is not None:
        # the change as stated: its amount, else its rate ("比2023年预算执行数减少1.39%": 减少 1.39%)
        stated = c.values.get("change") or c.values.get("rate")
        word = Msg({1: "rule.X004.up", -1: "rule.X004.down", 0: "rule.X004.flat"}[c.direction])
        return c.direction, (Msg("rule.X004.change", word=word, value=stated.raw) if stated is not None else word), c
    return None


class ReasonPolarity(Rule):
    """A variance reason pushes the same way as the variance it explains: over budget or an increase is not
    explained by 节约开支; under budget or a decrease is not explained by 人员增加.

    Bad:  "年初预算数为 50.67 万元，决算数 56.94 万元 … 主要原因是节约开支".
    Good: "… 主要原因是人员增加".
    """

    id = "X004"
    severity = "error"
    summary = "a variance reason's direction matches the variance (节约 vs over budget, 增加 vs under)"
    compares = "narrative"

    def check(self, ctx: Context) -> Iterable[Finding]:
        out = []
        # a 预算's reasons explain a change of plan, which the reason vocabulary (built on 决算 variances) reads less
        # surely: a warning there, never an error resting on the lexicon alone
        sev = "warning" if document_kind(ctx.doc) == "预算" else ""
        for c in ctx.claims:
            if c.kind != "reason":
                continue
            pol = _polarity(c)
            if not pol:
                ctx.cannot(c, Msg("rule.X004.no_direction"))
                continue
            target = lookback(ctx, c, lambda x: x.kind != "reason" and _variance(ctx, x) is not None, limit=4)
            var = _variance(ctx, target) if target is not None else None
            if var is None:
                ctx.cannot(c, Msg("rule.X004.no_variance"))
                continue
            s, what, src = var
            if s == 0 or s == pol:
                ctx.verify(c, self.id)
                continue
            out.append(claim_finding(
                self, ctx, c,
                Msg("rule.X004.polarity", reason=Msg("rule.X004.raises" if pol > 0 else "rule.X004.lowers"),
                    variance=Msg("rule.X004.up" if s > 0 else "rule.X004.down"), what=what),
                stated="支出增加" if pol > 0 else "支出减少", expected="支出增加" if s > 0 else "支出减少",
                evidence=[Evidence("narrative", src.text, None, src.subject, None)], extra_claims=[target], severity=sev))
        return out
