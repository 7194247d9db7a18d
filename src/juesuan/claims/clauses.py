"""The sentence being read: its clauses, the extraction context, and the helpers every claim kind uses.

A sentence is cut into clauses at "，；：" (:func:`split_clauses`); :class:`_Ctx` carries the sentence, its
figures and clauses, the figures already taken and the claims made so far; :meth:`_Ctx.claim` makes a claim
with its exact span. :class:`_State` carries what earlier sentences established (headings, claims).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import regex as re

from ..document import Document, Section, Sentence
from ..patterns import compiled
from ..text import squash
from .model import Claim, Span, Value
from .patterns import Figure, rx


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
    heading_section: Section | None = None
    claims: list[Claim] = field(default_factory=list)
    sentence_of: dict[int, Sentence] = field(default_factory=dict)  # id(claim) → its sentence
    parts_of: dict[int, Claim] = field(default_factory=dict)  # id(claim) → the claim stating its total (其中)
    kind: str = "决算"  # the document's kind: "决算" or "预算"
    item_headline: dict[int, Claim] = field(default_factory=dict)  # id(预算 item claim) → its headline's claim
    kuan: tuple[str, Section | None] | None = None  # 预算: the 款 the current list of 项 is under, and its section


# ------------------------------------------------------------------------------------------------


class _Ctx:
    def __init__(self, sent: Sentence, doc: Document | None, state: _State, text: str, figs: list[Figure],
                 clauses: list[Clause], index: int | None) -> None:
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
        self.budget = state.kind == "预算"  # a 预算 document: its own change phrasings (claims/budget.py)

    def claim(self, kind: str, start: int, end: int, subject: str | None, values: dict[str, Value] | None = None, **kw: Any) -> Claim:
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
            span=Span(start, end),
            **kw,
        )
        set_sentence_facts(c, self.text if self.index is not None else c.text)
        self.state.sentence_of[id(c)] = self.sent
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
    t = compiled(r"\s+").sub("", s)
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


def _fig_at(c: Clause, pos: int) -> Figure | None:
    for f in c.figs:
        if f.start <= pos < f.end or f.start == pos:
            return f
    return None


def _words_start(clause: Clause, fig: Figure) -> int:
    """Where the words that lead up to ``fig`` begin: the clause start, or the end of the figure before it."""
    # clause.figs are sorted and do not overlap, so their ends are sorted too: bisect instead of a scan,
    # which made a clause of n figures cost n² (linear work on "1.1%" × 50,000)
    k = bisect.bisect_right(clause.figs, fig.start, key=lambda g: g.end)
    return max(clause.start, clause.figs[k - 1].end) if k else clause.start


def _direction(verb: str) -> int:
    return 1 if verb in ("增加", "增长", "上升", "增幅", "大于", "多于", "高于") else -1


def _recent_subject(ctx: _Ctx, before: int) -> str:
    """The subject of the latest amount/completion claim before ``before`` (this or earlier sentences)."""
    for c in reversed(ctx.claims):
        if c.kind in ("amount", "completion") and (c.span.start if c.span else 0) < before and c.subject:
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


def _span(c: Claim) -> Span:
    """The span of a claim made by the extractor (always set there)."""
    assert c.span is not None
    return c.span


def _sent(ctx: _Ctx, c: Claim) -> Sentence:
    """The sentence of a claim made by the extractor (an earlier claim of this document)."""
    return ctx.state.sentence_of[id(c)]


def set_sentence_facts(c: Claim, sentence: str) -> None:
    """Set the claim's facts of its sentence (``[sentence]`` of patterns/claims.toml): rules read these fields.

    ``sentence`` is the text of the claim's whole sentence, or the claim's own text when it has none. The extractor
    calls it for every claim it makes; a claim built by hand (the rule case files) gets them the same way.
    """
    whole, c.unspent, c.numbered_item, c.breakdown = _sentence_flags(sentence)
    c.opens_sentence = whole.startswith(squash(c.text)[:8])


@lru_cache(maxsize=64)
def _sentence_flags(sentence: str) -> tuple[str, bool, bool, bool]:
    """The sentence squashed and its facts, once per sentence (a sentence of many figures makes many claims)."""
    whole = squash(sentence)
    return (whole, bool(rx("sentence", "unspent").search(whole)), bool(rx("sentence", "numbered_item").match(sentence)),
            bool(rx("sentence", "breakdown").search(whole)))
