"""X002: a count's parts (其中 a 个, b 个; grade bands; 完成/偏差) add up to its total."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

import regex as re

from ...base import Context, Finding, Msg, Rule, claim_evidence, fmt
from ...claimutil import claim_finding, clause_of, grade_in

_TOTAL_RE = re.compile(r"共|需|实际|总|合计|累计|自评的")  # "绩效自评的2024年度项目1个" (上海) is the total


_GRADE_BAND = re.compile(r"评为?(优|良|中|差)|评级为[“\"]?(?:优|良|中|差|合格|不合格)")


class CountPartsAddUp(Rule):
    """"X 个 …, 其中 a 个 …, b 个 …": the parts of a count add up to the total (grades 优/良/中/差 and
    完成/偏差 are each a partition of the projects).

    Bad:  "需绩效自评项目 17 个 … 9 个项目自评等级为优，6 个项目自评为良，0 个项目自评为中" (9 + 6 + 0 = 15).
    Good: "… 10 个 优，5 个 良，0 个 中，2 个 差".
    """

    id = "X002"
    severity = "error"
    summary = "a count's parts (其中 a 个, b 个; grade bands; 完成/偏差) add up to its total"
    compares = "narrative"

    def check(self, ctx: Context) -> Iterable[Finding]:
        out = []
        seen: set[int] = set()
        for c in ctx.claims:
            if c.kind != "count" or id(c) in seen:
                continue
            sent = [x for x in ctx.neighbours(c) if x.kind == "count" and x.value("count") is not None]
            seen.update(id(x) for x in sent)
            if len(sent) < 2:
                continue
            totals = [x for x in sent if _TOTAL_RE.search(clause_of(x, "count")) and not grade_in(clause_of(x, "count"))]
            grades = [x for x in sent if grade_in(clause_of(x, "count")) or _GRADE_BAND.search(clause_of(x, "count"))]
            devs = [x for x in sent if re.search("完成所有|全部完成|偏差|未完成", clause_of(x, "count"))]
            families = [(Msg("rule.X002.grades"), grades), ("完成/偏差", devs)]
            if not grades and not devs and sent[0].breakdown and sent[0].values["count"].unit:
                unit = sent[0].values["count"].unit
                families.append(("其中", [x for x in sent[1:] if x.values["count"].unit == unit]))
                totals = [sent[0]]
            for name, parts in families:
                if len(parts) < 2 or not totals:
                    continue
                before = [t for t in totals if ctx.idx(t) < ctx.idx(parts[0])]
                total = before[-1] if before else totals[0]
                s = sum((p.values["count"].value for p in parts), Decimal(0))
                if s == total.value("count"):
                    for x in [total, *parts]:
                        ctx.verify(x, self.id)
                    continue
                terms = " + ".join(fmt(p.value("count")) for p in parts)
                out.append(finding := claim_finding(
                    self, ctx, parts[0],
                    Msg("rule.X002.parts", name=name, terms=terms, sum=fmt(s), total=fmt(total.value("count")),
                        subject=total.subject or ""),
                    stated=f"{terms} = {fmt(s)}", expected=fmt(total.value("count")),
                    evidence=[claim_evidence(total, "count")] + [claim_evidence(p, "count", clause_of(p, "count")) for p in parts],
                    extra_claims=parts[1:]))
                si = parts[0].sentence_index
                if si is not None and all(p.sentence_index == si for p in parts):
                    finding.text = ctx.doc.sentences[si].text  # quote the whole breakdown, not its first part
        return out
