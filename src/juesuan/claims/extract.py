"""Claim extraction: every assertion of the narrative, with its figures, subject, basis and exact span.

The unit of work is a sentence. Its figures are found first (:func:`find_figures`), then it is cut into
clauses at "，；：" and each claim kind claims the figures it explains, in this order:

* :func:`_completions` budget / actual / completion-rate runs ("年初预算为…，支出决算为…，完成年初预算的…");
* :func:`_changes` versus the previous year ("与上年度相比，…增加 91.89 万元，增长 25.68%"), 持平;
* :func:`_shares` "占 39.21%", "占支出合计的 77.77%" (denominator named, or the head of the list);
* :func:`_counts` "17 个", "0 辆", "十七个", with what is counted;
* :func:`_scores` "自评得分 90.01 分，评价等级为优";
* :func:`_amounts` every amount not claimed above ("基本支出 176.37 万元");
* :func:`_bounded` leftover percentages stated as bounds ("结转结余率超过 15%");
* :func:`_zeros`, :func:`_lists`, :func:`_reasons` (no figures of their own).

Links between claims (a reason → the change it explains; a 其中 part → its total; a share → its base)
are made on the whole list at the end, as indices into the returned list.
"""

from __future__ import annotations

import bisect

from dataclasses import dataclass, field

import regex as re

from ..document import Document, Sentence
from .model import Claim, Value
from .patterns import Figure, find_figures, qualifiers, reason_polarity, rx, spec

# Parts whose sentences are not narrative claims: the tables (2) and the glossary (名词解释).
_SKIP_PARTS = {"决算表", "名词解释"}


@dataclass
class Clause:
    start: int
    end: int
    text: str
    sep: str  # the separator after it ("" at the end of the sentence)
    seg: int  # index of the "；"-segment it belongs to
    figs: list[Figure] = field(default_factory=list)


@dataclass
class _State:
    """What earlier sentences established: the current item heading, recent claims."""

    heading: str | None = None
    heading_section: object = None
    claims: list[Claim] = field(default_factory=list)


# ------------------------------------------------------------------------------------------------


def extract_claims(doc: Document) -> list[Claim]:
    """All claims of the narrative parts of ``doc`` in document order (see the module docstring)."""
    state = _State()
    out: list[Claim] = []
    for si, sent in enumerate(doc.sentences):
        if sent.part is None or sent.paragraph.part_name in _SKIP_PARTS:
            continue
        claims = extract_sentence(sent, doc, state, si)
        out.extend(claims)
        state.claims.extend(claims)
    _link(out)
    from .bases import resolve_bases
    from .subjects import resolve_all

    resolve_all(doc, out)
    resolve_bases(doc, out)
    return out


def extract_sentence(sent: Sentence, doc: Document | None = None, state: _State | None = None, index: int | None = None) -> list[Claim]:
    """The claims of one sentence (``state`` carries headings and earlier claims across sentences)."""
    state = state or _State()
    text = sent.text
    m = rx("subject", "item_heading").match(text)
    if m and not find_figures(text):
        state.heading = _clean(m.group("s"), doc)
        state.heading_section = sent.section
        return []
    figs = find_figures(text)
    lead = rx("subject", "item_lead").match(text)
    lead_item = bool(lead and not any(f.start < lead.end() for f in figs))
    if lead_item:
        state.heading = _clean(lead.group("s"), doc)
        state.heading_section = sent.section
    clauses = split_clauses(text, figs)
    ctx = _Ctx(sent, doc, state, text, figs, clauses, index)
    ctx.lead_item = lead_item
    for step in (_completions, _changes, _shares, _counts, _scores, _amounts, _bounded, _zeros, _lists, _reasons):
        step(ctx)
    ctx.claims.sort(key=lambda c: (c.context.get("_start", 0), c.context.get("_end", 0)))
    _qualify(ctx)
    _parts(ctx)
    return ctx.claims


def extract_text(text: str, section: str | None = None, part_name: str = "决算情况说明") -> list[Claim]:
    """Claims of a bare piece of narrative (no document, no table references) — for tests and tools.

    ``text`` is split into sentences at "。"; a line "1.…（项）。" acts as an item heading as usual.
    """
    from ..document import Paragraph, Section

    sec = Section(1, "一", section, 1, None, 3) if section else None
    para = Paragraph(text=text, part=3, part_name=part_name, section=sec, offsets=[(0, 1, None)])
    state = _State()
    out: list[Claim] = []
    start = 0
    for k, ch in enumerate(text):
        if ch in "。！？!?" or k == len(text) - 1:
            seg = text[start : k + 1]
            if seg.strip():
                lead = len(seg) - len(seg.lstrip())
                sent = Sentence(seg.strip(), para, start + lead, 1, None)
                claims = extract_sentence(sent, None, state, None)
                out.extend(claims)
                state.claims.extend(claims)
            start = k + 1
    _link(out)
    from .bases import resolve_bases

    resolve_bases(None, out)
    return out


# ------------------------------------------------------------------------------------------------


class _Ctx:
    def __init__(self, sent, doc, state, text, figs, clauses, index):
        self.sent = sent
        self.doc = doc
        self.state = state
        self.text = text
        self.figs = figs
        self.clauses = clauses
        self.index = index
        self.taken: set[int] = set()
        self.claims: list[Claim] = []
        self.lead_item = False  # the sentence opens with a numbered 科目 item ("1.X（类）…（项），…")

    def claim(self, kind: str, start: int, end: int, subject: str | None, values: dict[str, Value] | None = None, **kw) -> Claim:
        start, end = _balance(self.text, *_trim(self.text, start, end))
        line, page = self.sent.locate(start)
        sec = self.sent.section
        c = Claim(
            kind=kind,
            subject=subject or None,
            text=self.text[start:end],
            line=line,
            page=page,
            part=self.sent.part,
            part_name=self.sent.paragraph.part_name,
            section=sec.path if sec else None,
            values=values or {},
            sentence_index=self.index,
            **kw,
        )
        c.context["_start"] = start
        c.context["_end"] = end
        c.context["_sent"] = self.sent
        self.claims.append(c)
        return c

    def untaken(self, clause: Clause, kind: str | None = None) -> list[Figure]:
        return [f for f in clause.figs if f.start not in self.taken and (kind is None or f.kind == kind)]

    def subject_before(self, clause: Clause, fig: Figure) -> str:
        """The words naming a figure: from the clause start (or the previous figure) up to it."""
        return self.text[_words_start(clause, fig) : fig.start]

    def heading_subject(self) -> str | None:
        st = self.state
        if st.heading and st.heading_section is not None and st.heading_section is self.sent.section:
            return st.heading
        return None


_TRIM = " \t，,；;。：:、"


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and text[end - 1] in _TRIM:
        end -= 1
    return start, end


def _balance(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop an unmatched parenthesis from a span: "（1 本级" → "1 本级"; "项目（涉及…36.96 万元" → "涉及…"."""
    opens: list[int] = []
    for i in range(start, end):
        ch = text[i]
        if ch in "（(":
            opens.append(i)
        elif ch in "）)":
            if opens:
                opens.pop()
            elif i == end - 1:
                end = i
            else:
                start = i + 1
    if opens:
        k = opens[-1]
        if re.search(r"\d", text[k:end]):
            start = k + 1
        else:
            end = opens[0]
    return _trim(text, start, end)


def split_clauses(text: str, figs: list[Figure]) -> list[Clause]:
    """Cut a sentence at "，；：" (not inside a figure), remembering separators and "；" segments."""
    out: list[Clause] = []
    pos, seg = 0, 0
    seps = [m for m in rx("clause", "split").finditer(text) if not any(f.start <= m.start() < f.end for f in figs)]
    for m in [*seps, None]:
        end = m.start() if m else len(text)
        a, b = pos, end
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        sep = m.group(0) if m else ""
        if b > a:
            c = Clause(a, b, text[a:b], sep, seg, [f for f in figs if a <= f.start and f.end <= b])
            out.append(c)
        if sep in ("；", ";"):
            seg += 1
        pos = m.end() if m else len(text)
    return out


def _clean(s: str | None, doc: Document | None = None) -> str:
    """A subject as words: no department name, year, numbering, verbs or spaces around it."""
    if not s:
        return ""
    t = re.sub(r"\s+", "", s)
    if doc is not None and doc.department:
        t = t.replace(doc.department, "")
    # an unbalanced parenthesis: keep what is inside it ("…项目（涉及年初预算" → "涉及年初预算")
    depth, cut = 0, -1
    for i, ch in enumerate(t):
        if ch in "（(":
            depth += 1
            if depth == 1:
                cut_open = i
        elif ch in "）)":
            if depth == 0:
                cut = i
            else:
                depth -= 1
    if depth > 0:
        t = t[cut_open + 1 :]
    elif cut >= 0:
        t = t[cut + 1 :]
    lead, trail = rx("subject", "lead"), rx("subject", "trail")
    for _ in range(3):
        t = lead.sub("", t)
        t = trail.sub("", t)
    t = t.strip(_TRIM)
    if t.count("“") + t.count("”") == 1:
        t = t.strip("“”")
    return t


def _v(f: Figure, role: str) -> Value:
    return Value(raw=f.raw, value=f.value, unit=f.unit, role=role)


def _basis_name(b: str | None) -> str | None:
    if not b:
        return None
    b = re.sub(r"\s+", "", b)
    b = re.sub(r"^(?:与|较|比)", "", b)
    b = re.sub(r"(?:相比|相较|比较)$", "", b)
    if b in ("同比", "上年同期", "上年", "上年度", "上一年", "上一年度", ""):
        return "上年度"
    return b


# ---- completion --------------------------------------------------------------------------------


def _completions(ctx: _Ctx) -> None:
    """Budget / actual / completion rate in consecutive clauses → one completion claim.

    "年初预算数为 50.67 万元，决算数 56.94 万元,完成年初预算的 112.37%": values budget_initial (and budget),
    actual, completion; basis "年初预算". A run needs two of the three (a lone budget is an amount).
    The subject is the words before the first figure, else the bare clause before ("1.因公出国（境）费，
    全年预算为…"), else the numbered item heading of the section ("1.一般公共服务支出（类）…（项）。").
    """
    bre, are, rre = rx("completion", "budget"), rx("completion", "actual"), rx("completion", "rate")
    cls = ctx.clauses
    i = 0
    while i < len(cls):
        run: list[tuple[str, Clause, re.Match]] = []
        j = i
        while j < len(cls):
            c = cls[j]
            if run and c.seg != run[-1][1].seg:
                break
            m = None
            for kind, pat in (("B", bre), ("A", are), ("R", rre)):
                m = pat.search(c.text)
                if m and (kind != "B" or not any(k == "A" or k == "R" for k, _, _ in run)):
                    break
                m = None
            if not m:
                break
            fig = _fig_at(c, c.start + m.start("v"))
            if fig is None or fig.start in ctx.taken:
                break
            run.append((kind, c, m))
            j += 1
        kinds = [k for k, _, _ in run]
        if len(run) >= 2 and ("A" in kinds or "R" in kinds) and kinds.count("A") <= 1 and kinds.count("R") <= 1:
            values: dict[str, Value] = {}
            budgets: dict[str, Value] = {}
            basis = None
            for k, c, m in run:
                fig = _fig_at(c, c.start + m.start("v"))
                ctx.taken.add(fig.start)
                if k == "B":
                    role = "budget_initial" if m.group("k") == "年初" else "budget_annual"
                    budgets[m.group("k")] = values[role] = _v(fig, role)
                elif k == "A":
                    values["actual"] = _v(fig, "actual")
                else:
                    values["completion"] = _v(fig, "completion")
                    if m.group("k"):
                        basis = m.group("k") + "预算"
            if basis is None and budgets:
                basis = ("年初" if "年初" in budgets and "全年" not in budgets else "全年") + "预算"
            if basis and basis[:2] in budgets:
                b = budgets[basis[:2]]
                values["budget"] = Value(b.raw, b.value, b.unit, "budget")
            elif len(budgets) == 1:
                b = next(iter(budgets.values()))
                values["budget"] = Value(b.raw, b.value, b.unit, "budget")
            first = run[0][1]
            start = first.start
            pre = run[0][2].group("pre") if run[0][0] != "R" else ""
            subject = _clean(re.sub(r"(?:支出)?决算(?:数)?$", "", pre), ctx.doc)
            how = "text"
            if not subject:
                k = cls.index(first)
                prev = cls[k - 1] if k > 0 else None
                if prev is not None and not ctx.lead_item and not prev.figs and prev.seg == first.seg and len(prev.text) <= 40 and not re.search(r"相比|原因|^(?:主要)?用于", prev.text):
                    subject = _clean(re.sub(r"(?:支出)?决算(?:数)?中?$", "", prev.text), ctx.doc)
                    start = prev.start
                if not subject:
                    subject = ctx.heading_subject() or ""
                    how = "heading" if subject else "none"
                if not subject and ctx.sent.paragraph.part_name == "部门整体绩效自评":
                    subject, how = "部门整体", "part"
            last = run[-1][1]
            c = ctx.claim("completion", start, last.end, subject, values, basis=basis)
            c.context["subject_from"] = how
            i = j
        else:
            i += 1


def _fig_at(c: Clause, pos: int) -> Figure | None:
    for f in c.figs:
        if f.start <= pos < f.end or f.start == pos:
            return f
    return None


# ---- change ------------------------------------------------------------------------------------


def _changes(ctx: _Ctx) -> None:
    """Changes versus the previous year (basis "上年度" or the year named), direction +1/−1/0.

    "与上年度相比，收、支总计各增加 91.89 万元，增长 25.68%" → values change, rate; "机关运行经费较上年度
    下降 4.07万元， 下降 79.80%"; "同比下降 5%" (rate only); "与上年度持平" (direction 0, no values);
    "…，上年无此项支出，增长率无可比性" → context rate_incomparable.
    """
    bc, am, rt, inc, flat = (rx("change", k) for k in ("basis_clause", "amount", "rate", "incomparable", "flat"))
    cls = ctx.clauses
    pending: tuple[Clause, str] | None = None
    i = 0
    while i < len(cls):
        c = cls[i]
        mb = bc.match(c.text)
        if mb:
            pending = (c, mb.group("b"))
            i += 1
            continue
        m = am.match(c.text)
        fig = _fig_at(c, c.start + m.start("v")) if m else None
        if m and fig is not None and fig.start not in ctx.taken:
            ctx.taken.add(fig.start)
            direction = _direction(m.group("verb"))
            values = {("rate" if fig.kind == "pct" else "change"): _v(fig, "rate" if fig.kind == "pct" else "change")}
            basis = _basis_name(m.group("basis")) or (_basis_name(pending[1]) if pending else None)
            start = pending[0].start if pending and not m.group("basis") else c.start
            end = c.end
            extra: dict = {}
            if m.group("each"):
                extra["each"] = True
            k = i + 1
            if fig.kind != "pct" and k < len(cls) and cls[k].seg == c.seg:
                mr = rt.match(cls[k].text)
                rf = _fig_at(cls[k], cls[k].start + mr.start("v")) if mr else None
                if mr and rf is not None and rf.start not in ctx.taken:
                    ctx.taken.add(rf.start)
                    values["rate"] = _v(rf, "rate")
                    rd = _direction(mr.group("verb"))
                    if rd != direction:
                        extra["rate_direction"] = rd
                    end = cls[k].end
                    k += 1
            for kk in range(k, min(k + 2, len(cls))):
                if inc.search(cls[kk].text):
                    extra["rate_incomparable"] = True
                    end = cls[kk].end
                    k = kk + 1
                    break
            pre = m.group("pre")
            subject = _clean(pre, ctx.doc)
            if not subject:
                subject = _recent_subject(ctx, c.start)
            if basis and basis != "上年度":
                extra["basis_year"] = int(re.sub(r"\D", "", basis) or 0) or None
            claim = ctx.claim("change", start, end, subject, values, basis=basis or "上年度", direction=direction)
            claim.context.update(extra)
            pending = None
            i = k
            continue
        mf = flat.match(c.text)
        if mf and "预算" not in c.text:
            basis = _basis_name(mf.group("basis")) or (_basis_name(pending[1]) if pending else "上年度")
            subject = _clean(mf.group("pre"), ctx.doc) or _recent_subject(ctx, c.start)
            start = pending[0].start if pending and not mf.group("basis") else c.start
            ctx.claim("change", start, c.end, subject, {}, basis=basis, direction=0)
            pending = None
        i += 1


def _direction(verb: str) -> int:
    return 1 if verb in ("增加", "增长", "上升", "增幅") else -1


def _recent_subject(ctx: _Ctx, before: int) -> str:
    """The subject of the latest amount/completion claim before ``before`` (this or earlier sentences)."""
    for c in reversed(ctx.claims):
        if c.kind in ("amount", "completion") and c.context.get("_start", 0) < before and c.subject:
            return c.subject
    for cl in reversed(ctx.clauses):
        amts = [f for f in cl.figs if f.kind == "amount" and f.end <= before]
        if amts:
            s = _clean(ctx.subject_before(cl, amts[-1]), ctx.doc)
            if s:
                return s
    for c in reversed(ctx.state.claims[-8:]):
        if c.kind in ("amount", "completion") and c.subject:
            return c.subject
    return ""


# ---- share -------------------------------------------------------------------------------------


def _shares(ctx: _Ctx) -> None:
    """Shares: "占 39.21%" (base: the head of the list it sits in) or "占支出合计的 77.77%" (named base).

    The part's own amount, when stated just before ("基本支出 176.37万元，占 39.21%"), is in the claim as
    value "amount" and the span starts at its subject; the base is resolved after linking (``Claim.base``,
    claims/bases.py; basis = the named base).
    """
    pat = rx("share", "clause")
    for k, c in enumerate(ctx.clauses):
        m = pat.match(c.text)
        if not m:
            continue
        fig = _fig_at(c, c.start + m.start("v"))
        if fig is None or fig.start in ctx.taken or fig.kind != "pct":
            continue
        ctx.taken.add(fig.start)
        values = {"share": _v(fig, "share")}
        start = c.start
        part_fig = None
        pre_figs = [f for f in c.figs if f.end <= c.start + m.start("v") and f.kind == "amount"]
        subject = ""
        if pre_figs:
            part_fig = pre_figs[-1]
            subject = _clean(ctx.subject_before(c, part_fig), ctx.doc)
        else:
            subject = _clean(m.group("pre"), ctx.doc)
            # walk back through this segment for the part's amount / subject
            for p in reversed(ctx.clauses[:k]):
                if p.seg != c.seg:
                    break
                amts = [f for f in p.figs if f.kind == "amount"]
                if amts:
                    part_fig = amts[-1]
                    subject = subject or _clean(ctx.subject_before(p, part_fig), ctx.doc)
                    start = p.start
                    break
                if not p.figs:
                    break
        if part_fig is not None:
            values["amount"] = _v(part_fig, "amount")
            subject = re.sub(r"(?:支出)?决算(?:数)?$", "", subject)
        base = re.sub(r"\s+", "", m.group("base") or "").rstrip("的") or None
        claim = ctx.claim("share", start, c.end, subject, values, basis=base)
        if base:
            claim.context["base_subject"] = base


# ---- score -------------------------------------------------------------------------------------


def _scores(ctx: _Ctx) -> None:
    """Scores: "整体绩效自评得分 90.01 分，评价等级为优" → value score, context grade; subject before 得分."""
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
        pre = _clean(re.sub(r"(?:评价|考评|自评)?$", "", re.sub(r"\s+", "", m.group("pre"))), ctx.doc)
        pre = re.sub(r"(?:评价|考评)$", "", pre)
        average = re.search(r"平均$", re.sub(r"\s+", "", m.group("pre")))
        if average:
            prev = [p for p in ctx.claims if p.kind == "count" and p.context["_end"] <= c.start + m.start()]
            pre = prev[-1].qualifier if prev else "项目"
        elif not pre or "整体" in pre:
            pre = "部门整体"
        start = c.start
        if average:
            for f in c.figs:
                if f.end <= c.start + m.start():
                    start = max(start, f.end)
        claim = ctx.claim("score", start, end, pre, {"score": _v(fig, "score")})
        if g:
            claim.context["grade"] = g.group("g")
        if average:
            claim.qualifier = "平均得分"


# ---- count -------------------------------------------------------------------------------------


def _counts(ctx: _Ctx) -> None:
    """Counts: "需绩效自评项目 17 个", "9 个项目自评等级为优", "0 辆", "十七个", "共 2 个（1 本级和 1 个所属单位）".

    qualifier = what is counted: the words before the number, else the words after it. A threshold
    amount inside them ("单价 100 万元（含）以上设备（不含车辆）0 台") belongs to the count (context threshold).
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
            if not qual or re.fullmatch(r"[对和及与、]|累计|实际|其中", qual):
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
                prev = [p for p in ctx.claims if p.kind == "count" and p.context["_end"] <= f.start and p.qualifier]
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
                claim.context["threshold"] = _v(thr, "threshold")
            claim.subject = qual or None


# ---- amount ------------------------------------------------------------------------------------


def _amounts(ctx: _Ctx) -> None:
    """Every amount not explained above: "收、支总计均为 449.76 万元", "其中：人员经费 172.32 万元".

    The subject is the words from the clause start (or the previous figure) to the amount. A bound
    ("超过 100 万元") is kept with context comparator.
    """
    comp = rx("bound", "comparator")
    for c in ctx.clauses:
        for f in ctx.untaken(c, "amount"):
            ctx.taken.add(f.start)
            start = _words_start(c, f)
            before = ctx.text[start : f.start]
            mc = comp.search(before.rstrip())
            subject = _clean(before, ctx.doc)
            claim = ctx.claim("amount", start, f.end, subject, {"amount": _v(f, "amount")})
            if mc:
                claim.context["comparator"] = mc.group("c")
                claim.subject = _clean(before[: before.rfind(mc.group("c"))], ctx.doc)


def _words_start(clause, fig) -> int:
    """Where the words that lead up to ``fig`` begin: the clause start, or the end of the figure before it."""
    # clause.figs are sorted and do not overlap, so their ends are sorted too: bisect instead of a scan,
    # which made a clause of n figures cost n² (linear work on "1.1%" × 50,000)
    k = bisect.bisect_right(clause.figs, fig.start, key=lambda g: g.end)
    return max(clause.start, clause.figs[k - 1].end) if k else clause.start


def _bounded(ctx: _Ctx) -> None:
    """Leftover percentages and scores: rates stated as bounds ("结转结余率超过 15%", "资金使用率未到达
    100%") or plain ("…率为 98%"). Kind share, no base; context comparator when bounded."""
    comp = rx("bound", "comparator")
    for c in ctx.clauses:
        for f in ctx.untaken(c):
            ctx.taken.add(f.start)
            start = _words_start(c, f)
            before = ctx.text[start : f.start]
            mc = comp.search(before.rstrip())
            subj = before[: before.rfind(mc.group("c"))] if mc else before
            subject = _clean(re.sub(r"(?:为|是|达)\s*$", "", subj), ctx.doc)
            kind, role = ("score", "score") if f.kind == "score" else ("share", "share")
            claim = ctx.claim(kind, start, f.end, subject, {role: _v(f, role)})
            if mc:
                claim.context["comparator"] = mc.group("c")


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
            prior = [c for c in ctx.claims if c.context["_end"] <= m.start() and c.subject]
            if prior:
                subject = prior[-1].subject
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
        following = [c for c in ctx.claims if c.context["_start"] >= rest_start and c.kind == "amount"]
        if following and following[0].context["_start"] < limit and re.search(r"[：:]\s*$|以下", m.group(0)):
            items = [c.subject for c in following if c.subject]
            end = following[-1].context["_end"]
        else:
            stop = re.search(r"[；;。]" if re.search(r"[：:]\s*$", m.group(0)) else r"[；;。，,]", tail)
            body = tail[: stop.start()] if stop else tail
            items = [re.sub(r"\s+", "", x).strip("等") for x in sep.split(body)]
            items = [x for x in items if x and not re.fullmatch(r"\d+(?:\.\d+)?|等", x)]
            end = rest_start + len(body.rstrip())
            if any(re.search(r"\d", x) for x in items):
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
        if c.kind in ("amount", "completion") and c.context["_start"] < before and c.subject:
            return c.subject
    h = ctx.heading_subject()
    prior = [c for c in ctx.state.claims[-6:] if c.kind in ("amount", "completion") and c.subject and c.context["_sent"].section is ctx.sent.section]
    if h and not any(c.context["_sent"].paragraph is ctx.sent.paragraph for c in prior):
        # the heading is newer than the last amount of the section
        last = prior[-1] if prior else None
        if last is None or (ctx.state.heading_section is ctx.sent.section):
            return h
    return prior[-1].subject if prior else (h or "")


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
    claim = ctx.claim("reason", m.start(), len(ctx.text), None, {}, direction=direction)
    claim.context["reason"] = body
    claim.context["variance"] = bool(cmp_) or bool(re.search(r"预算", m.group(0)))


def _qualify(ctx: _Ctx) -> None:
    """A quantity word shared by several quantities ("采购金额", "涉及预算金额") takes the qualifier the words
    leading up to it name, within its "；"-segment (patterns/subjects.toml [[qualifier]]):
    "在面向小微企业预留政府采购项目中，由小微企业供应商中标或成交的，采购金额 152.92 万元" → subject
    "采购金额（小微企业预留）". A subject that already names its qualifier ("货物采购金额") is kept."""
    for c in ctx.claims:
        if c.kind not in ("amount", "share", "completion") or not c.subject:
            continue
        subj = re.sub(r"\s+", "", c.subject)
        cands = [q for q in qualifiers() if q.quantity.search(subj)]
        if not cands or any(q.context.search(subj) for q in cands):
            continue
        start = c.context["_start"]
        seg = max(ctx.text.rfind(ch, 0, start) for ch in "；;。") + 1
        lead = re.sub(r"\s+", "", ctx.text[seg:start])
        for q in cands:
            if q.context.search(lead):
                c.subject = f"{c.subject}（{q.name}）"
                c.context["qualifier_from"] = lead
                break


# ---- links -------------------------------------------------------------------------------------


def _parts(ctx: _Ctx) -> None:
    """其中-breakdowns in a sentence: claims after the marker are parts of the claim before it."""
    markers = [m.start() for m in rx("subject", "parts").finditer(ctx.text)]
    if not markers:
        return
    for c in ctx.claims:
        if c.kind not in ("amount", "count", "share"):
            continue
        mk = [p for p in markers if p <= c.context["_start"]]
        if not mk:
            continue
        pos = mk[0]
        head = _head_before(ctx, pos, c.kind)
        if head is not None and c.kind == "count" and head.values.get("count") and head.values["count"].unit != c.values["count"].unit:
            continue
        if head is not None and head is not c:
            c.context["_parts_of"] = head


def _head_before(ctx: _Ctx, pos: int, kind: str) -> Claim | None:
    want = ("count",) if kind == "count" else ("amount", "completion")
    for c in reversed(ctx.claims):
        if c.kind in want and c.context["_end"] <= pos:
            return c
    if pos <= 3 or ctx.text[:pos].strip(" （(") == "":
        for c in reversed(ctx.state.claims[-12:]):
            if c.kind in want and c.context["_sent"].section is ctx.sent.section:
                return c
    return None


def _link(claims: list[Claim]) -> None:
    """Turn object links into indices; share bases; reason → the change/completion it explains."""
    index = {id(c): i for i, c in enumerate(claims)}
    heads: dict[int, object] = {}
    for i, c in enumerate(claims):
        head = c.context.pop("_parts_of", None)
        if head is not None and id(head) in index:
            c.context["parts_of"] = index[id(head)]
            if c.kind == "share" and not c.basis:
                c.context["base_subject"] = head.subject  # the base itself: Claim.base (claims/bases.py)
        if c.kind == "share" and not c.basis and "base_subject" not in c.context:
            # "2023 年度“三公”经费财政拨款支出决算中，因公出国（境）费…占 0.00%"
            sent = c.context["_sent"]
            if id(sent) not in heads:  # once per sentence, not per share claim (linear on "1.1%" × 50,000)
                heads[id(sent)] = re.match(r"^(.*?)(?:决算)?中[，,]", sent.text)
            mh = heads[id(sent)]
            if mh:
                c.context["base_subject"] = _clean(re.sub(r"(?:支出)?决算$", "", mh.group(1)))
        if c.kind == "reason":
            about = None
            for j in range(i - 1, max(-1, i - 12), -1):
                p = claims[j]
                if p.kind in ("change", "completion") and p.section == c.section:
                    about = j
                    break
                if p.kind == "reason" and p.context["_sent"] is not c.context["_sent"]:
                    break
            if about is None:
                for j in range(i - 1, max(-1, i - 6), -1):
                    if claims[j].kind == "zero" and claims[j].context.get("_sent") is c.context["_sent"]:
                        about = j
                        break
            c.context["about"] = about
            target = claims[about] if about is not None else None
            scope = "change" if target is not None and target.kind == "change" else "variance"
            if target is not None and target.kind == "change" and c.direction is None:
                c.context["explains_direction"] = target.direction
            c.polarity, c.context["terms"] = reason_polarity(c.context.get("reason", c.text), scope,
                                                              target.subject if target is not None else None)
            c.subject = target.subject if target is not None else None
            if target is not None:
                c.basis = target.basis
    for c in claims:
        c.context["span"] = [c.context.pop("_start"), c.context.pop("_end")]
        c.context.pop("_sent", None)
