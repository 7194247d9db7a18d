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

The kinds live by family: money.py (completions, changes, shares, amounts, bounds), counts.py (counts,
scores), statements.py (zeros, lists, reasons); clauses.py holds the clause splitter, the per-sentence
context (:class:`~juesuan.claims.clauses._Ctx`) and the helpers they share. This module runs them in order
and makes the links.

Links between claims (a reason → the change it explains; a 其中 part → its total; a share → its base)
are made on the whole list at the end, as indices into the returned list.
"""

from __future__ import annotations

import regex as re

from ..document import Document, Sentence
from ..patterns import compiled
from .budget import as_of, budget_subjects, document_kind, item_changes, link_items
from .clauses import _clean, _Ctx, _sent, _span, _State, split_clauses
from .counts import _counts, _scores
from .model import Claim
from .money import _amounts, _bounded, _changes, _completions, _shares
from .patterns import find_figures, qualifiers, reason_polarity, rx
from .statements import _lists, _reasons, _zeros

__all__ = ["extract_claims", "extract_sentence", "extract_text", "reason_polarity", "split_clauses"]

# Parts whose sentences are not narrative claims: the tables (2) and the glossary (名词解释).
_SKIP_PARTS = {"决算表", "预算表", "名词解释"}


# ------------------------------------------------------------------------------------------------


def extract_claims(doc: Document) -> list[Claim]:
    """All claims of the narrative parts of ``doc`` in document order (see the module docstring)."""
    state = _State(kind=document_kind(doc))
    out: list[Claim] = []
    for si, sent in enumerate(doc.sentences):
        if sent.part is None or sent.paragraph.part_name in _SKIP_PARTS:
            continue
        claims = extract_sentence(sent, doc, state, si)
        out.extend(claims)
        state.claims.extend(claims)
    _link(out, state)
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
    if lead is not None and lead_item:  # lead_item implies lead
        state.heading = _clean(lead.group("s"), doc)
        state.heading_section = sent.section
    clauses = split_clauses(text, figs)
    ctx = _Ctx(sent, doc, state, text, figs, clauses, index)
    ctx.lead_item = lead_item
    steps = (_completions, _changes, _shares, _counts, _scores, _amounts, _bounded, _zeros, _lists, _reasons)
    for step in ((item_changes, *steps) if ctx.budget else steps):
        step(ctx)
    ctx.claims.sort(key=lambda c: (c.span or (0, 0)))
    if ctx.budget:
        as_of(ctx)
        budget_subjects(ctx)
    _qualify(ctx)
    _parts(ctx)
    return ctx.claims


def extract_text(text: str, section: str | None = None, part_name: str = "决算情况说明", kind: str = "决算") -> list[Claim]:
    """Claims of a bare piece of narrative (no document, no table references) — for tests and tools.

    ``text`` is split into sentences as a document paragraph is (document.split_sentences); a line "1.…（项）。" acts as an item heading as usual.
    ``kind`` is the document kind the text is read as ("决算" or "预算": a 预算's change phrasings, claims/budget.py).
    """
    from ..document import Paragraph, Section, split_sentences

    sec = Section(1, "一", section, 1, None, 3) if section else None
    para = Paragraph(text=text, part=3, part_name=part_name, section=sec, offsets=[(0, 1, None)])
    state = _State(kind=kind)
    out: list[Claim] = []
    for sent in split_sentences(para):
        claims = extract_sentence(sent, None, state, None)
        out.extend(claims)
        state.claims.extend(claims)
    _link(out, state)
    from .bases import resolve_bases

    resolve_bases(None, out)
    return out


def _qualify(ctx: _Ctx) -> None:
    """A quantity word shared by several quantities ("采购金额", "涉及预算金额") takes the qualifier the words
    leading up to it name, within its "；"-segment (patterns/subjects.toml [[qualifier]]):
    "在面向小微企业预留政府采购项目中，由小微企业供应商中标或成交的，采购金额 152.92 万元" → subject
    "采购金额（小微企业预留）". A subject that already names its qualifier ("货物采购金额") is kept."""
    for c in ctx.claims:
        if c.kind not in ("amount", "share", "completion") or not c.subject:
            continue
        subj = compiled(r"\s+").sub("", c.subject)
        cands = [q for q in qualifiers() if q.quantity.search(subj)]
        if not cands or any(q.context.search(subj) for q in cands):
            continue
        start = _span(c).start
        seg = max(ctx.text.rfind(ch, 0, start) for ch in "；;。") + 1
        lead = re.sub(r"\s+", "", ctx.text[seg:start])
        for q in cands:
            if q.context.search(lead):
                c.subject = f"{c.subject}（{q.name}）"
                c.qualifier_from = lead
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
        mk = [p for p in markers if p <= _span(c).start]
        if not mk:
            continue
        pos = mk[0]
        head = _head_before(ctx, pos, c.kind)
        if head is not None and c.kind == "count" and head.values.get("count") and head.values["count"].unit != c.values["count"].unit:
            continue
        if head is not None and head is not c:
            ctx.state.parts_of[id(c)] = head


def _head_before(ctx: _Ctx, pos: int, kind: str) -> Claim | None:
    want = ("count",) if kind == "count" else ("amount", "completion")
    for c in reversed(ctx.claims):
        if c.kind in want and _span(c).end <= pos:
            return c
    if pos <= 3 or ctx.text[:pos].strip(" （(") == "":
        for c in reversed(ctx.state.claims[-12:]):
            if c.kind in want and _sent(ctx, c).section is ctx.sent.section:
                return c
    return None


def _link(claims: list[Claim], state: _State) -> None:
    """Turn object links into indices; share bases; reason → the change/completion it explains."""
    if state.item_headline:
        link_items(claims, state.item_headline)
    index = {id(c): i for i, c in enumerate(claims)}
    heads: dict[int, re.Match | None] = {}
    sent_of = state.sentence_of
    for i, c in enumerate(claims):
        head = state.parts_of.get(id(c))
        if head is not None and id(head) in index:
            c.parts_of = index[id(head)]
            if c.kind == "share" and not c.basis:
                c.base_subject = head.subject  # the base itself: Claim.base (claims/bases.py)
        if c.kind == "share" and not c.basis and c.base_subject is None and c.parts_of is None:
            # "2023 年度“三公”经费财政拨款支出决算中，因公出国（境）费…占 0.00%"
            sent = sent_of[id(c)]
            if id(sent) not in heads:  # once per sentence, not per share claim (linear on "1.1%" × 50,000)
                heads[id(sent)] = re.match(r"^(.*?)(?:决算)?中[，,]", sent.text)
            mh = heads[id(sent)]
            if mh:
                c.base_subject = _clean(re.sub(r"(?:支出)?决算$", "", mh.group(1)))
        if c.kind == "reason":
            about = None
            for j in range(i - 1, max(-1, i - 12), -1):
                p = claims[j]
                if p.kind in ("change", "completion") and p.section == c.section:
                    about = j
                    break
                if p.kind == "reason" and sent_of[id(p)] is not sent_of[id(c)]:
                    break
            if about is None:
                for j in range(i - 1, max(-1, i - 6), -1):
                    if claims[j].kind == "zero" and sent_of.get(id(claims[j])) is sent_of[id(c)]:
                        about = j
                        break
            c.about = about
            target = claims[about] if about is not None else None
            scope = "change" if target is not None and target.kind == "change" else "variance"
            if target is not None and target.kind == "change" and c.direction is None:
                c.explains_direction = target.direction
            c.polarity, c.terms = reason_polarity(c.reason_text if c.reason_text is not None else c.text, scope,
                                                  target.subject if target is not None else None)
            c.subject = target.subject if target is not None else None
            if target is not None:
                c.basis = target.basis
