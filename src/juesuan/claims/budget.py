"""Claims of a 预算 (budget) narrative: what it compares with, and the item form.

A 预算 compares this year's budget with the previous year's budget or its execution, and names which
("比2024年预算执行数增加 …", "与上年预算持平", "本年数小于上年预算数 40.05 万元"). In a document whose kind is
预算 the change patterns of ``[budget_change]`` (patterns/claims.toml) replace those of ``[change]`` of the same
key (:func:`change_rx`), and every change claim names its base (:func:`name_base`): ``basis`` as written without
its verb ("2024年预算执行数", "上年预算"), ``basis_year`` the year it names, ``basis_kind`` what the base is
("预算", "执行数", "决算"; None when the sentence only says 上年).

The item form of the 上海 family (:func:`item_changes`)::

    1. “社会保障和就业支出（类）…（项）”53.84万元，主要用于….
    2023年当年预算执行数为54.60万元，2024年预算安排53.84万元，比2023年预算执行数减少1.39%。

is one change claim: values ``previous`` (A, the base), ``amount`` (B, this year's budget) and ``rate`` (or
``change``), subject the item's 科目 named by its headline, ``headline`` the index of the claim stating the
headline figure (linked in :func:`link_items`: the headline, B and the item's table row are one quantity).
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

import regex as re

from .model import Claim, Value
from .patterns import rx, spec

if TYPE_CHECKING:
    from .clauses import _Ctx


def change_rx(ctx: _Ctx, key: str) -> re.Pattern:
    """The change pattern ``key`` for this document: ``[budget_change]`` in a 预算 when it has the key."""
    if ctx.budget and key in spec().get("budget_change", {}):
        return rx("budget_change", key)
    return rx("change", key)


def split_basis(pre: str) -> tuple[str, str | None]:
    """Words before a change verb that open with the basis ("与上年相比收、支预算总计") → (subject words, basis)."""
    m = rx("budget", "lead_basis").match(pre)
    if not m:
        return pre, None
    return pre[m.end():], m.group("b")


def base_of_basis(basis: str | None) -> tuple[str | None, int | None, str | None]:
    """A basis as written → (its name, the year it names, what the base is). "比2024年预算执行数" →
    ("2024年预算执行数", 2024, "执行数"); "与上年预算数" → ("上年预算", None, "预算"); "上年度" → ("上年度", None, None)."""
    if not basis:
        return None, None, None
    b = re.sub(r"\s+", "", basis)
    b = re.sub(r"^本年数?", "", b)
    b = re.sub(r"^(?:与|较|比|同|等于)", "", b)
    b = re.sub(r"(?:相比|相较|比较|相)$", "", b)
    m = rx("budget", "base_kind").search(b)
    kind = None
    if m:
        kind = "执行数" if m.group("exec") else "决算" if m.group("final") else "预算"
    b = re.sub(r"预算数$", "预算", b)
    b = re.sub(r"^(上年|上一年)度?(?:数)?$", "上年度", b)
    b = re.sub(r"^上一年度?", "上年", b)
    b = re.sub(r"^上年度(?=.)", "上年", b)
    b = re.sub(r"年度(?=.)", "年", b)
    y = re.match(r"^(\d{4})年", b)
    if b in ("同比", "上年同期"):
        b = "上年度"
    return b, (int(y.group(1)) if y else None), kind


def name_base(c: Claim) -> None:
    """Set a 预算 change claim's basis (as named), ``basis_year`` and ``basis_kind``."""
    name, year, kind = base_of_basis(c.basis)
    if name:
        c.basis = name
    c.basis_year = year if year is not None else c.basis_year
    c.basis_kind = kind


# ---- the item form --------------------------------------------------------------------------------


def item_changes(ctx: _Ctx) -> None:
    """"2023年当年预算执行数为A万元，2024年预算安排B万元，比2023年预算执行数减少P%" → one change claim."""
    from .clauses import _v

    pat = rx("budget", "item")
    for m in pat.finditer(ctx.text):
        figs = {}
        for g in ("a", "b", "v"):
            if m.start(g) < 0:
                continue
            f = next((f for f in ctx.figs if f.start == m.start(g)), None)
            if f is None or f.start in ctx.taken:
                break
            figs[g] = f
        else:
            if "a" not in figs or "b" not in figs:
                continue
            values = {"previous": _v(figs["a"], "previous"), "amount": _v(figs["b"], "amount")}
            end = m.end()
            if "v" in figs:
                role = "rate" if figs["v"].kind == "pct" else "change"
                values[role] = _v(figs["v"], role)
            verb = m.group("verb")
            direction = 0 if verb == "持平" else (1 if verb in ("增加", "增长", "上升") else -1)
            if role_rate := _rate_after(ctx, end, values):
                end = role_rate
            for f in figs.values():
                ctx.taken.add(f.start)
            heading = _headline(ctx)
            subject = heading.subject if heading is not None else (ctx.heading_subject() or "")
            c = ctx.claim("change", m.start(), end, subject, values, basis=m.group("basis"), direction=direction)
            name_base(c)  # its base is the stated A (claims/bases.py)
            if heading is not None:
                ctx.state.item_headline[id(c)] = heading


def _rate_after(ctx: _Ctx, end: int, values: dict[str, Value]) -> int | None:
    """A rate clause right after an item whose figure was an amount ("…增加 6.06 万元，增长 8.57%")."""
    if "change" not in values or "rate" in values:
        return None
    m = rx("change", "rate").match(ctx.text[end:].lstrip("，, "))
    if not m:
        return None
    off = len(ctx.text[end:]) - len(ctx.text[end:].lstrip("，, "))
    pos = end + off + m.start("v")
    f = next((f for f in ctx.figs if f.start == pos and f.kind == "pct"), None)
    if f is None or f.start in ctx.taken:
        return None
    values["rate"] = Value(f.raw, f.value, f.unit, "rate")
    ctx.taken.add(f.start)
    return end + off + m.end()


def _headline(ctx: _Ctx) -> Claim | None:
    """The item's headline: the latest numbered amount claim of this section (this sentence or the ones before)."""
    for c in reversed(ctx.claims + ctx.state.claims[-12:]):
        if c.kind == "amount" and c.numbered_item and c.subject:
            sent = ctx.state.sentence_of.get(id(c))
            if sent is not None and sent.section is ctx.sent.section:
                return c
    return None


def link_items(claims: list[Claim], headlines: dict[int, Claim]) -> None:
    """Turn the item form's headline links into indices (``Claim.headline``)."""
    index = {id(c): i for i, c in enumerate(claims)}
    for c in claims:
        h = headlines.get(id(c))
        if h is not None and id(h) in index:
            c.headline = index[id(h)]


def document_kind(doc: object) -> str:
    """The document's kind, "决算" or "预算" (``Document.kind``; 决算 for anything else, e.g. no document)."""
    k = getattr(doc, "kind", None)
    return "预算" if k == "预算" else "决算"


def as_of(ctx: _Ctx) -> None:
    """Counts and amounts stated as of a date ("截至2024年8月31日，…共有车辆0辆") carry it (``Claim.as_of``)."""
    m = rx("budget", "as_of").search(ctx.text)
    if not m:
        return
    date = f"{int(m.group('y')):04d}-{int(m.group('m')):02d}-{int(m.group('d')):02d}"
    for c in ctx.claims:
        if c.kind in ("count", "amount") and c.span is not None and c.span.start >= m.start():
            c.as_of = date


def budget_subject(subject: str | None) -> str | None:
    """A 预算 subject as the quantity's name (``[[budget_subject]]`` of patterns/claims.toml, in order)."""
    if not subject:
        return subject
    for pat, rep in _subject_rules():
        subject = pat.sub(rep, subject)
    return subject or None


@cache
def _subject_rules() -> list[tuple[re.Pattern, str]]:
    return [(re.compile(e["match"]), e["replace"]) for e in spec().get("budget_subject", [])]


def budget_subjects(ctx: _Ctx) -> None:
    """Every claim of a 预算 sentence named as its quantity (:func:`budget_subject`); a generic subject ("支出合计")
    takes the 科目 its sentence names before a colon ("住房改革支出(款): 2018 年预算支出合计 3,660.38 万元")."""
    from .clauses import _clean

    generic, lead = rx("budget", "generic_subject"), rx("budget", "subject_lead")
    for c in ctx.claims:
        c.subject = budget_subject(c.subject)
        if c.subject and c.span is not None and generic.match(re.sub(r"\s+|\d{4}\s*年度?", "", c.subject)):
            heads = list(lead.finditer(ctx.text, 0, c.span.end))  # before the claim or opening it ("检察（款）:2018年…")
            if heads:
                end = heads[-1].start() + 3  # through "（款）"
                start = max(ctx.text.rfind(ch, 0, heads[-1].start()) for ch in "，,。；;：:") + 1
                c.subject = budget_subject(_clean(ctx.text[start:end], ctx.doc)) or c.subject
                if re.search(r"[（(]款[）)]$", c.subject):
                    ctx.state.kuan = (c.subject, _heading_section(ctx.sent.section))
    _under_heading(ctx)


def _under_heading(ctx: _Ctx) -> None:
    """A 项 named alone ("1．事业运行（项）支出…") is the 项 of the 款 its list opened with ("政府办公厅（室）及相关机构
    事务（款）：2017 年预算支出合计…。其中：") and of the 类 its section heading names ("（一）一般公共服务支出（类）"):
    two 项 of one name under two 款 are two quantities."""
    kuan = ctx.state.kuan
    sec = _heading_section(ctx.sent.section)
    if kuan is None or kuan[1] is not sec or sec is None:
        return
    lei = re.search(r"(?P<s>[^（(）)\s]+[（(]类[）)])", sec.title)
    for c in ctx.claims:
        s = c.subject or ""
        if re.search(r"[（(]项[）)]$", s) and not re.search(r"[（(][类款][）)]", s):
            c.subject = (lei.group("s") if lei else "") + kuan[0] + s


def _heading_section(sec):
    """The 一、 / （一） section a sentence is under (a numbered "1." item opens a section of its own)."""
    while sec is not None and sec.level > 2 and sec.parent is not None:
        sec = sec.parent
    return sec
