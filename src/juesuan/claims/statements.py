"""Statements without figures of their own: zeros (stated absence, nil variance), lists, and reasons (with the
polarity of their wording)."""

from __future__ import annotations

import regex as re

from ..patterns import compiled
from .clauses import _clean, _Ctx, _recent_subject, _sent, _span
from .patterns import rx

# ---- zero, list, reason ------------------------------------------------------------------------


def _zeros(ctx: _Ctx) -> None:
    """Stated absence: "没有国有资本经营收入", "年末无结转结余资金", "故本表无数据", "无“三公”经费财政拨款支出";
    nil variance "决算数与全年预算数无差异/持平" (direction 0, basis 年初/全年预算). qualifier = what is absent."""
    nil = list(rx("zero", "nil_variance").finditer(ctx.text))
    for m in rx("zero", "absent").finditer(ctx.text):
        q = re.sub(r"\s+", "", (m.group("pre") or "") + m.group("q"))
        if re.search(r"可比", q) or any(n.start() <= m.start() < n.end() for n in nil):
            continue
        subject = re.sub(r"^(?:使用)", "", q)
        subject = _clean(re.sub(r"^(?:\d{4}年度?)", "", subject), ctx.doc) or q
        if subject in ("支出", "收入", "资金", "经费"):
            prior = [c for c in ctx.claims if _span(c).end <= m.start() and c.subject]
            if prior:
                subject = prior[-1].subject or subject  # prior has a subject (filtered above)
        ctx.claim("zero", m.start(), m.end(), subject, {}, qualifier=q)
    for m in nil:
        k = m.group("k") or ("全年" if "全年" in ctx.text else "年初")
        pre_subject = ""
        head = ctx.text[: m.start()]
        mm = re.search(r"([^，,；;：:。]*?)(?:支出)?$", head)
        if mm:
            pre_subject = _clean(mm.group(1), ctx.doc)
        subject = pre_subject or ctx.heading_subject() or _recent_subject(ctx, m.start())
        start = mm.start(1) if mm and pre_subject else m.start()
        ctx.claim("zero", start, m.end(), subject, {}, qualifier="差异", basis=k + "预算", direction=0)


def _lists(ctx: _Ctx) -> None:
    """Lists: "主要包括：办公费、邮电费…" → items; subject = what they make up (the amount before in this
    sentence, else the latest amount, else the item heading). "主要用于以下方面：X（类）318.99 万元，占…；…"
    → items = the subjects of the amounts that follow."""
    intro = rx("list", "intro")
    sep = rx("list", "item_sep")
    for m in intro.finditer(ctx.text):
        rest_start = m.end()
        tail = ctx.text[rest_start:]
        first_stop = re.search(r"[；;。]", tail)
        limit = rest_start + (first_stop.start() if first_stop else len(tail))
        following = [c for c in ctx.claims if _span(c).start >= rest_start and c.kind == "amount"]
        if following and _span(following[0]).start < limit and re.search(r"[：:]\s*$|以下", m.group(0)):
            items = [c.subject for c in following if c.subject]
            end = _span(following[-1]).end
        else:
            stop = re.search(r"[；;。]" if re.search(r"[：:]\s*$", m.group(0)) else r"[；;。，,]", tail)
            body = tail[: stop.start()] if stop else tail
            items = [compiled(r"\s+").sub("", x).strip("等") for x in sep.split(body)]
            items = [x for x in items if x and not compiled(r"\d+(?:\.\d+)?|等").fullmatch(x)]
            end = rest_start + len(body.rstrip())
            if any(compiled(r"\d").search(x) for x in items):
                continue
        if not items:
            continue
        # subject: words before the intro in this clause / sentence
        head = ctx.text[: m.start()]
        seg_head = re.split(r"[；;。]", head)[-1]
        mm = re.search(r"(?:^|[，,：:])([^，,：:]*)$", seg_head.rstrip("，, "))
        subject = ""
        if mm:
            words = mm.group(1)
            figs = [f for f in ctx.figs if f.end <= m.start() and f.start >= m.start() - len(seg_head)]
            if figs:
                clause_start = m.start() - len(seg_head)
                words = ctx.text[clause_start : figs[-1].start]
                words = re.split(r"[，,：:]", words)[-1]
            subject = _clean(words, ctx.doc)
        start = m.start()
        if not subject:
            subject = _list_owner(ctx, m.start())
        claim = ctx.claim("list", start, end, subject, {}, items=items)
        if re.search(r"主要用于", m.group(0)):
            claim.qualifier = "用途"


def _list_owner(ctx: _Ctx, before: int) -> str:
    for c in reversed(ctx.claims):
        if c.kind in ("amount", "completion") and _span(c).start < before and c.subject:
            return c.subject
    h = ctx.heading_subject()
    prior = [c for c in ctx.state.claims[-6:] if c.kind in ("amount", "completion") and c.subject and _sent(ctx, c).section is ctx.sent.section]
    if h and not any(_sent(ctx, c).paragraph is ctx.sent.paragraph for c in prior):
        # the heading is newer than the last amount of the section
        last = prior[-1] if prior else None
        if last is None or (ctx.state.heading_section is ctx.sent.section):
            return h
    return (prior[-1].subject or "") if prior else (h or "")  # prior claims all have a subject


def _reasons(ctx: _Ctx) -> None:
    """Reasons: "决算数与年初预算数存在差异的主要原因是人员增加", "决算数小于全年预算数的主要原因：…",
    "主要原因是节约开支，部分经费未支付", "主要是由于…". The reason runs to the end of the sentence;
    direction from 大于/小于/等于; polarity from patterns/reasons.toml; about = the claim it explains."""
    m = rx("reason", "intro").search(ctx.text)
    if not m:
        return
    body = ctx.text[m.end() :].strip().rstrip("。")
    cmp_ = m.group("cmp")
    direction = {"大于": 1, "高于": 1, "超过": 1, "小于": -1, "低于": -1, "等于": 0}.get(cmp_ or "")
    ctx.claim("reason", m.start(), len(ctx.text), None, {}, direction=direction, reason_text=body,
              variance=bool(cmp_) or bool(re.search(r"预算", m.group(0))))


