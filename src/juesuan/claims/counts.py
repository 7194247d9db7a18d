"""Counts ("17 个", "0 辆", "十七个", with what is counted) and scores ("自评得分 90.01 分，评价等级为优")."""

from __future__ import annotations

import regex as re

from ..patterns import compiled
from .clauses import _clean, _Ctx, _fig_at, _span, _v
from .patterns import rx

# ---- score -------------------------------------------------------------------------------------


def _scores(ctx: _Ctx) -> None:
    """Scores: "整体绩效自评得分 90.01 分，评价等级为优" → value score, grade; subject before 得分."""
    pat, grade = rx("score", "clause"), rx("score", "grade")
    for k, c in enumerate(ctx.clauses):
        m = pat.search(c.text)
        if not m:
            continue
        fig = _fig_at(c, c.start + m.start("v"))
        if fig is None or fig.start in ctx.taken:
            continue
        ctx.taken.add(fig.start)
        end = c.end
        g = grade.search(c.text, m.end())
        if not g and k + 1 < len(ctx.clauses) and not ctx.clauses[k + 1].figs:
            g = grade.match(ctx.clauses[k + 1].text)
            if g:
                end = ctx.clauses[k + 1].end
        pre: str | None = _clean(re.sub(r"(?:评价|考评|自评)?$", "", re.sub(r"\s+", "", m.group("pre"))), ctx.doc)
        pre = re.sub(r"(?:评价|考评)$", "", pre or "")
        average = re.search(r"平均$", re.sub(r"\s+", "", m.group("pre")))
        if average:
            prev = [p for p in ctx.claims if p.kind == "count" and _span(p).end <= c.start + m.start()]
            pre = prev[-1].qualifier if prev else "项目"
        elif not pre or "整体" in pre:
            pre = "部门整体"
        start = c.start
        if average:
            for f in c.figs:
                if f.end <= c.start + m.start():
                    start = max(start, f.end)
        claim = ctx.claim("score", start, end, pre, {"score": _v(fig, "score")}, grade=g.group("g") if g else None)
        if average:
            claim.qualifier = "平均得分"


# ---- count -------------------------------------------------------------------------------------


def _counts(ctx: _Ctx) -> None:
    """Counts: "需绩效自评项目 17 个", "9 个项目自评等级为优", "0 辆", "十七个", "共 2 个（1 本级和 1 个所属单位）".

    qualifier = what is counted: the words before the number, else the words after it. A threshold
    amount inside them ("单价 100 万元（含）以上设备（不含车辆）0 台") belongs to the count (``threshold``).
    """
    above = rx("bound", "above")
    for c in ctx.clauses:
        for f in ctx.untaken(c, "count"):
            ctx.taken.add(f.start)
            start = c.start
            thr = None
            for g in c.figs:
                if g.end <= f.start:
                    if g.kind == "amount" and above.match(ctx.text, g.end):
                        thr = g
                        ctx.taken.add(g.start)
                    elif g is not thr:
                        start = max(start, g.end)
            if thr is not None and start > thr.start:
                start = c.start
            before = ctx.text[start : f.start]
            qual = _clean(before, ctx.doc)
            end = f.end
            if not qual or compiled(r"[对和及与、]|累计|实际|其中").fullmatch(qual):
                after_end = c.end
                for g in c.figs:
                    if g.start >= f.end:
                        after_end = min(after_end, g.start)
                after = ctx.text[f.end : after_end]
                after = re.split(r"[（(]", after)[0]
                aq = re.sub(r"\s+", "", after).rstrip("和及与、）)")
                if aq:
                    end = f.end + len(after.rstrip().rstrip("和及与、"))
                    qual = (qual + aq) if qual in ("累计", "实际") else aq
            if f.raw.endswith("本级"):
                qual = "本级"
            if not qual:
                prev = [p for p in ctx.claims if p.kind == "count" and _span(p).end <= f.start and p.qualifier]
                qual = f"{prev[-1].qualifier}（{f.unit}）" if prev else ""
            items: list[str] = []
            if "、" in qual and re.search(r"[零〇一二两三四五六七八九十]", f.raw):
                items = [x for x in re.split(r"[、和及]", re.sub(r"^(?:按照|根据|从|对)", "", qual)) if x]
                after = re.split(r"[（(，,]", ctx.text[f.end : c.end])[0]
                qual = re.sub(r"\s+", "", after)[:6] or qual
                qual = re.sub(r"(?:进行|开展).*$", "", qual) or qual
            claim = ctx.claim("count", start, end, None, {"count": _v(f, "count")}, qualifier=qual or f.unit)
            claim.items = items
            if thr is not None:
                claim.threshold = _v(thr, "threshold")
            claim.subject = qual or None
