"""X-rules: the narrative against itself — restated figures, counts and their parts, implied previous-year
values, reasons against the variance they explain, statements and their negation, year and department."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import TYPE_CHECKING

import regex as re

from ..claims.budget import document_kind
from ..claims.mentions import facts_of
from ..claims.patterns import reason_polarity
from ..numbers import Interval
from ..patterns import load
from .base import ZERO, Cell, Context, Evidence, Finding, Join, Msg, Rule, claim_evidence, fmt
from .claimutil import (
    _budget_kind,
    _sentence_location,
    claim_finding,
    clause_of,
    current_amount,
    grade_in,
    lookback,
    money,
    percent,
    previous_interval,
    sign,
    squash,
    subject_key,
)

if TYPE_CHECKING:  # pragma: no cover
    from ..claims.model import Claim


class SameQuantityDiffers(Rule):
    """The same quantity (same subject and role) stated twice with different values. Subjects carry their
    qualifier ("采购金额（中小企业预留）" ≠ "采购金额（小微企业预留）", see patterns/subjects.toml), so two
    quantities that share a word are never compared; a score (部门整体 得分) stated twice is compared too.

    Bad:  "年初预算为 985.35 万元" … later "年初预算为 958.35 万元" for the same subject.
    Good: both statements say 985.35.
    """

    id = "X001"
    group = "narrative_narrative"
    severity = "error"
    summary = "the same quantity stated twice with different values"

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
                groups.setdefault((key, ("score", "")), []).append((c, "score", (sc.value, Interval.of(sc.value))))
        out = []
        for (key, rk), items in groups.items():
            first = items[0]
            for c, role, m in items[1:]:
                if c is first[0]:
                    continue
                if m[1].overlaps(first[2][1]):
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


_TOTAL_RE = re.compile(r"共|需|实际|总|合计|累计|自评的")  # "绩效自评的2024年度项目1个" (上海) is the total
_GRADE_BAND = re.compile(r"评为?(优|良|中|差)|评级为[“\"]?(?:优|良|中|差|合格|不合格)")


class CountPartsAddUp(Rule):
    """"X 个 …, 其中 a 个 …, b 个 …": the parts of a count add up to the total (grades 优/良/中/差 and
    完成/偏差 are each a partition of the projects).

    Bad:  "需绩效自评项目 17 个 … 9 个项目自评等级为优，6 个项目自评为良，0 个项目自评为中" (9 + 6 + 0 = 15).
    Good: "… 10 个 优，5 个 良，0 个 中，2 个 差".
    """

    id = "X002"
    group = "narrative_narrative"
    severity = "error"
    summary = "a count's parts (其中 a 个, b 个; grade bands; 完成/偏差) add up to its total"

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


_YEAR_BASIS = re.compile(r"上年|上一?年度|\d{4}\s*年")


def _level_with_last_year(c) -> bool:
    """A 持平 / 基本持平 claim against the year before (not against a budget), without a change figure."""
    return (c.kind == "change" and c.direction == 0 and "change" not in c.values and not c.approx
            and bool(_YEAR_BASIS.search(c.basis or "")) and "预算" not in (c.basis or ""))


class ChangeImpliesPrevious(Rule):
    """A change (amount, rate) implies a previous-year value; statements of the same subject must imply the
    same one, and 基本支出's previous value must equal 人员经费's plus 公用经费's. "与上年持平" implies the previous
    value is the current one, so a 持平 and a stated change of the same subject contradict each other.

    Bad:  "基本支出 176.37 万元，减少 135.56 万元" (previous 311.93) while 人员经费 157.71 + 公用经费 54.21.
    Bad:  "因公出国（境）费支出决算 3.00 万元，与 2024 年持平" and elsewhere "因公出国（境）费支出决算增加 1.00 万元"
          (previous 3.00 vs 2.00).
    Good: 人员经费 previous 157.71 + 公用经费 previous 154.21 = 311.92 (rounding).
    """

    id = "X003"
    group = "narrative_narrative"
    severity = "error"
    summary = "changes imply consistent previous-year values (same subject; 基本 = 人员 + 公用)"

    def check(self, ctx: Context) -> Iterable[Finding]:
        prevs: list[tuple] = []
        for c in ctx.claims:
            ch = money(c, "change")
            if ch is None and _level_with_last_year(c):
                ch = (ZERO, Interval.point(ZERO))  # 持平 with the year before: previous = current
            if ch is None:
                continue
            cur = current_amount(ctx, c)
            if cur is None:
                continue
            pv = previous_interval(c, cur[1], ch[1])
            d = c.direction if c.direction is not None else 1
            prevs.append((c, pv, cur[0] - d * ch[0]))
        out = []
        by_key: dict[str, tuple] = {}
        for c, pv, p in prevs:
            k = subject_key(c)
            if not k:
                continue
            if k in by_key and not by_key[k][1].overlaps(pv):
                o = by_key[k]
                out.append(claim_finding(
                    self, ctx, c, Msg("rule.X003.previous", subject=c.subject, previous=fmt(p), line=o[0].line,
                                      other=fmt(o[2])),
                    stated=fmt(p), expected=fmt(o[2]), extra_claims=[o[0]]))
            by_key.setdefault(k, (c, pv, p))

        def find(word, exclude=None):
            for c, pv, p in prevs:
                k = subject_key(c)
                if word in k and (exclude is None or exclude not in k):
                    return c, pv, p
            return None

        basic, pers, pub = find("基本支出"), find("人员经费"), find("公用经费")
        if basic and pers and pub and any("change" not in x[0].values for x in (basic, pers, pub)):
            basic = None  # a member stated by its word only (持平): X045 quotes that statement
        if basic and pers and pub:
            s = pers[1] + pub[1]
            if s.overlaps(basic[1]):
                for x in (basic, pers, pub):
                    ctx.verify(x[0], self.id)
            else:
                out.append(claim_finding(
                    self, ctx, basic[0],
                    Msg("rule.X003.basic", basic=fmt(basic[2]), personnel=fmt(pers[2]), public=fmt(pub[2]),
                        sum=fmt(pers[2] + pub[2])),
                    stated=fmt(basic[2]), expected=fmt(pers[2] + pub[2]), extra_claims=[pers[0], pub[0]],
                    evidence=[claim_evidence(basic[0], "change"), claim_evidence(pers[0], "change"), claim_evidence(pub[0], "change")]))
        return out


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
    if b is not None and b[0] == 0 and annual is not None and annual[0] != 0:
        b = annual  # "年初预算为 0 万元，全年预算为 321.02 万元": the variance is against the final budget
    a = money(c, "actual") or money(c, "amount")
    if b is not None and a is not None:
        iv = a[1] - b[1]
        return (0 if iv.contains(ZERO) else sign(a[0] - b[0])), Msg("rule.X004.actual_budget", actual=fmt(a[0]), budget=fmt(b[0])), c
    p = percent(c, "completion")
    if p is not None:
        iv = p[1] - Interval.point(Decimal(1))
        return (0 if iv.contains(ZERO) else sign(p[0] - 1)), Msg("rule.X004.completion", rate=c.values["completion"].raw), c
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
    group = "narrative_narrative"
    severity = "error"
    summary = "a variance reason's direction matches the variance (节约 vs over budget, 增加 vs under)"

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


class StatementNegation(Rule):
    """A statement and its negation in the same document, or a statement the tables deny
    ("年末结转和结余资金数额较大" vs "年末无结转结余资金" and a 年末结转和结余 of 0).

    Bad:  "智慧西工项目等项目年末结转和结余资金数额较大 … 年末无结转结余资金。"
    Good: "… 年末无结转结余资金。" alone, with 年末结转和结余 0 in the table.
    """

    id = "X005"
    group = "narrative_narrative"
    severity = "error"
    summary = "a statement and its negation (or a statement the tables deny)"

    def check(self, ctx: Context) -> Iterable[Finding]:
        out = []
        said = facts_of(ctx.doc).statements  # the claims layer's statements of each [[negation]] entry
        for k, neg in enumerate(load("rules").get("negation", [])):
            pos = [st for st in said if st.entry == k and st.positive]
            negs = [st for st in said if st.entry == k and not st.positive]
            if not pos:
                continue
            cells: list[Cell] = []
            for kind, col in neg.get("tables", []):
                t = ctx.table(kind)
                if t is None:
                    continue
                for r in t.rows:
                    if "年末" in neg["topic"] and "年末" not in r.name and r.name not in ("合计",):
                        continue
                    v = r.values.get(col)
                    if v is not None and (r.name == "合计" or "年末" in r.name or r.is_total):
                        cells.append(Cell(t, r, col, v))
                        break
                if t.empty and not cells and t.rows:
                    cells.append(Cell(t, t.rows[0], col, ZERO))
            table_zero = bool(cells) and all(x.value == 0 for x in cells)
            if not negs and not table_zero:
                continue
            s = pos[0].sentence
            ev = [Evidence("narrative", s.text, None, neg["topic"], None)]
            ev += [Evidence("narrative", n.sentence.text, None, neg["topic"], None) for n in negs[:2]]
            ev += [x.evidence() for x in cells[:2]]
            why = []
            if negs:
                why.append(Msg("rule.X005.opposite", line=negs[0].sentence.line))
            if table_zero:
                why.append(Msg("rule.X005.table", table=cells[0].table.label, printed=fmt(cells[0].value),
                               column=cells[0].column))
            claims: list[int] = []  # the assertion itself is no claim; the negative statement agrees with the tables
            out.append(Finding(
                rule=self.id, severity="", message=Msg("rule.X005.negated", topic=neg["topic"], why=Join(why)),
                text=s.text, stated=pos[0].stated,
                expected=negs[0].sentence.text if negs else "0", location=_sentence_location(s), evidence=ev, claims=claims))
        return out


RULES = [
    SameQuantityDiffers,
    CountPartsAddUp,
    ChangeImpliesPrevious,
    ReasonPolarity,
    StatementNegation,
]  # X006: narrative_year; X007: narrative_budget
