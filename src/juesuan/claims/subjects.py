"""Subject resolution: which table cell holds what a claim is about (``claim.ref``), or why none does.

Order: 功能分类 names "X（类）Y（款）Z（项）" (looked up by name in the document's own table: 类 → 3-digit
row, 款 under it → 5-digit, 项 → 7-digit); then the entries of ``patterns/subjects.toml``; then a
project of the 项目绩效自评表 by name. Counts and scores of the whole department have no table.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from decimal import Decimal

import regex as re

from ..catalogue import kind_name as _kind_name
from ..catalogue import row_identities
from ..document import Document
from ..i18n import Msg
from ..numbers import Interval
from ..tables.model import Table
from ..text import squash as _squash
from . import item_tie
from .budget import document_kind
from .model import Claim, TableRef
from .patterns import subject_rules

_FUNC = item_tie.FUNC_PATH  # "X（类）Y（款）Z（项）" (compiled once, in item_tie)
_VALUE_COLUMN = {kind: total for kind, (total, _) in row_identities().items()}  # each coded table's total column


# table id → its code names, for the duration of one extraction (:func:`code_names_once`); nothing is kept
# on the document
_NAMES: ContextVar[dict[int, dict[str, list[str]]] | None] = ContextVar("code_names", default=None)


@contextmanager
def code_names_once() -> Iterator[None]:
    """Within this block each table's code names are gathered once (the claims × rows scan was quadratic)."""
    token = _NAMES.set({})
    try:
        yield
    finally:
        _NAMES.reset(token)


def _code_names(doc: Document | None, table: Table) -> dict[str, list[str]]:
    """Code → the names printed for it in every coded table of the document (names can be lost in one)."""
    shared = _NAMES.get()
    cache = shared if shared is not None and doc is not None else {}
    if id(table) in cache:  # once per extraction and table, not per claim
        return cache[id(table)]
    out: dict[str, list[str]] = cache.setdefault(id(table), {})
    tables = [t for t in (doc.tables if doc is not None else []) if t.kind in _VALUE_COLUMN] or [table]
    for t in [table, *tables]:
        for r in t.rows:
            n = _squash(r.name)
            if r.code.isdigit() and n and n not in out.setdefault(r.code, []):
                out[r.code].append(n)
    return out


def function_code(table: Table, subject: str, doc: Document | None = None) -> tuple[str, str] | None:
    """The code and row name of a 功能分类 subject in ``table`` ("一般公共服务支出（类）" → "201").

    类 → 3-digit row, 款 under it → 5-digit, 项 under that → 7-digit; names are compared exactly first,
    then by containment ("基本养老保险" ⊂ "机关事业单位基本养老保险缴费支出"), across all the document's
    coded tables (a name lost in one table is usually printed in another).
    """
    m = _FUNC.match(_squash(subject))
    if not m:
        return None
    names = _code_names(doc, table)
    codes = {r.code for r in table.rows if r.code.isdigit()}
    code = None
    for level, key in ((3, "lei"), (5, "kuan"), (7, "xiang")):
        name = m.group(key)
        if not name:
            break
        cands = sorted(c for c in codes if len(c) == level and (code is None or c.startswith(code)))
        hit = [c for c in cands if name in names.get(c, [])]
        if not hit:
            hit = [c for c in cands if any(len(n) >= 2 and (n in name or name in n) for n in names.get(c, []))]
        if len(hit) != 1 and not (hit and name in names.get(hit[0], [])):
            return None
        code = hit[0]
    if code is None:
        return None
    row = table.find(code=code)
    return code, (row.name if row is not None and row.name else names.get(code, [""])[0])


def _func_tables(doc: Document, section: str | None, subject: str = "") -> list[str]:
    s = section or ""
    if "政府性基金" in s:
        order = ["fund", "expense"]
    elif "国有资本" in s:
        order = ["soe", "expense"]
    elif "一般公共预算" in s or "财政拨款" in s:
        order = ["gpb_expense", "expense", "income"]
    else:
        order = ["expense", "gpb_expense", "income"]
    if document_kind(doc) == "预算" and order[0] not in ("fund", "soe"):
        if order[0] == "gpb_expense" or re.search(r"[（(][项款][）)]", subject):
            # a 预算 narrative's 项 items are its 财政拨款 spending ("财政拨款支出主要内容如下"): the 一般公共预算 table,
            # else 江苏's 财政拨款支出预算表, before the 支出预算总表 (which adds 事业收入 and other funds)
            order = ["gpb_expense", "fiscal_expense", "expense", "income"]
        else:  # a 类 of the whole budget ("支出预算总计…包括：1.公共安全（类）支出"): all funds, never 一般公共预算 alone
            order = ["expense", "income"]
    return [k for k in order if doc.table(k) is not None]


def resolve(doc: Document, claim: Claim, subject: str | None = None) -> tuple[TableRef | None, Msg | None, TableRef | None]:
    """(ref, ref_reason, budget_ref) for a claim's subject (or ``subject`` if given). The reason is a catalogue
    message (patterns/messages.*.toml, ``reason.subject.*``), rendered in the report's language."""
    s = _squash(subject if subject is not None else claim.subject)
    if claim.kind == "reason":
        return None, Msg("reason.subject.reason_kind"), None
    if not s:
        return None, Msg("reason.subject.none"), None
    # 功能分类
    if "（类）" in s or "(类)" in s:
        for kind in _func_tables(doc, claim.section, s):
            t = doc.table(kind)
            hit = function_code(t, s, doc) if t is not None else None
            if hit:
                return TableRef(kind, column=_VALUE_COLUMN.get(kind), code=hit[0], row=hit[1]), None, None
        if document_kind(doc) != "预算" or not _LONE_LEI.match(s):
            return None, Msg("reason.subject.func_not_found", subject=s), None
        # a 类 of a 预算 whose tables print it without its code ("1．公共安全（类）支出 26200.88 万元" and the 江苏
        # 收支预算总表's "四、公共安全支出"): the vocabulary's entries for a 类 named alone (patterns/subjects.toml)
        ref, budget = _lone_class(doc, claim, s)
        if ref is not None:
            return ref, None, budget
        return None, Msg("reason.subject.func_not_found", subject=s), None
    quoted = _QUOTED.fullmatch(s)
    if quoted and claim.kind != "reason":  # "1.“一般公共服务”512.30万元": a quoted short name is a 类 name
        lei = _lei_short(doc, claim, quoted.group(1))
        if lei is not None:
            return lei, None, None
    if re.search(r"[（(][项款][）)]", s) and document_kind(doc) == "预算":  # "行政运行（项）" under its 类 / 款 heading
        for kind_ in _func_tables(doc, claim.section, s):
            hit = _item_code(doc, kind_, s)
            if hit:
                return TableRef(kind_, column=_VALUE_COLUMN.get(kind_), code=hit[0], row=hit[1]), None, None
    if claim.kind == "count":
        ref, why, _ = _count_ref(doc, claim)
        return ref, (Msg(_worded(why.key, document_kind(doc)), **why.params) if why is not None else None), None
    # the vocabulary
    kind = document_kind(doc)
    for rule in subject_rules():
        if rule.doc_kind is not None and rule.doc_kind != kind:
            continue
        m = rule.match.search(s)
        if not m or (rule.section is not None and not rule.section.search(claim.section or "")):
            continue
        if rule.table is None:
            return None, Msg(_worded(rule.why or "reason.subject.not_in_tables", kind)), None
        if doc.table(rule.table) is None and rule.doc_kind is not None:
            continue  # a kind's own entry: the next one names where else the figure is printed
        if doc.table(rule.table) is None:
            return None, (Msg(rule.why) if rule.why else Msg("reason.subject.no_table", table=rule.table, name=_kind_name(rule.table, kind))), None
        ref, budget = _entry_ref(rule, m, kind)
        return ref, None, budget
    # a project of the self-evaluation table
    ref = _project(doc, s)
    if ref is not None:
        return ref, None, None
    return None, Msg("reason.subject.no_row", subject=s), None


_QUOTED = re.compile(r"[“\"]([^”\"（(]{2,20})[”\"]")


def _lei_short(doc: Document, claim: Claim, name: str) -> TableRef | None:
    """The one 类 row (3-digit code) of the section's function table named ``name`` or ``name`` + 支出 (a list
    under a lead total names its 类 by a quoted short name: "“一般公共服务”", "“社会保障和就业”")."""
    for kind in _func_tables(doc, claim.section, "（类）"):
        t = doc.table(kind)
        hits = [r for r in (t.rows if t is not None else []) if len(r.code) == 3 and r.code.isdigit()
                and _squash(r.name) in (name, name + "支出")]
        if len(hits) == 1:
            return TableRef(kind, column=_VALUE_COLUMN.get(kind), code=hits[0].code, row=hits[0].name)
    return None

_LONE_LEI = re.compile(r"^[^（(）)]+[（(]类[）)]$")  # "公共安全（类）": a 类 named without 款 or 项


def _entry_ref(rule, m: re.Match, kind: str) -> tuple[TableRef, TableRef | None]:
    """The cell a vocabulary entry names for a subject it matched (``m``): (ref, budget ref)."""
    groups = {k: v for k, v in m.groupdict().items() if v}
    col = rule.column.format(**groups) if rule.column else None
    if kind == "预算" and col:
        col = re.sub("^决算数", "预算数", col)  # a 预算's tables print 预算数 where a 决算's print 决算数
    row = rule.row.format(**groups) if rule.row else None
    budget = TableRef(rule.table, column=rule.budget_column, row=row, side=rule.side) if rule.budget_column else None
    return TableRef(rule.table, column=col, row=row, side=rule.side), budget


def _lone_class(doc: Document, claim: Claim, s: str) -> tuple[TableRef | None, TableRef | None]:
    """The first 预算 vocabulary entry for a 类 named alone (an entry whose ``match`` names 类) that applies in the
    claim's section and whose table the document has, as (ref, budget ref); (None, None) when none."""
    for rule in subject_rules():
        if rule.doc_kind != "预算" or "类" not in rule.match.pattern:
            continue
        m = rule.match.search(s)
        if not m or (rule.section is not None and not rule.section.search(claim.section or "")):
            continue
        if rule.table is not None and doc.table(rule.table) is not None:
            return _entry_ref(rule, m, "预算")
    return None, None


_BUDGET_WORDED = {"reason.subject.not_in_final": "reason.subject.not_in_final_budget",
                  "reason.subject.counts": "reason.subject.counts_budget"}


def _worded(key: str, kind: str) -> str:
    """A reason's key as a 预算 words it ("预算表中没有此项" for "决算表中没有此项")."""
    return _BUDGET_WORDED.get(key, key) if kind == "预算" else key


def _item_code(doc: Document, kind: str, s: str) -> tuple[str, str] | None:
    """A 项 named without its 类 ("检察（款）行政运行（项）支出", "行政运行（项）支出"): the one 7-digit row of that
    name (under the 款 named with it, when it is), else None."""
    t = doc.table(kind)
    m = re.search(r"(?:(?P<kuan>[^（(）)]+)[（(]款[）)])?(?:(?P<xiang>[^（(）)]+)[（(]项[）)])?$", s)
    if t is None or not m or not (m.group("kuan") or m.group("xiang")):
        return None
    names = _code_names(doc, t)

    def named(code_len: int, name: str) -> list[str]:
        exact = [c for c, ns in names.items() if len(c) == code_len and name in ns]
        return exact or [c for c, ns in names.items() if len(c) == code_len and any(len(n) >= 2 and (n in name or name in n)
                                                                                  for n in ns)]

    kuan = named(5, m.group("kuan")) if m.group("kuan") else None
    if m.group("xiang"):
        hits = [c for c in named(7, m.group("xiang")) if kuan is None or c[:5] in kuan]
    else:
        hits = kuan or []
    if len(hits) != 1:
        return None
    row = t.find(code=hits[0])
    return (hits[0], row.name) if row is not None else None


def _project(doc: Document, s: str) -> TableRef | None:
    t = doc.table("project_eval")
    if t is None:
        return None
    key = re.sub(r"(?:支出)?项目$|项目(?:支出)?$", "", s)
    if len(key) < 2:
        return None
    for r in t.rows:
        if _squash(r.name) == key:
            return TableRef("project_eval", column="自评得分", row=r.name)
    for r in t.rows:
        n = _squash(r.name)
        if len(key) >= 4 and (key in n or n in key):
            return TableRef("project_eval", column="自评得分", row=r.name)
    return None


def _count_ref(doc: Document, claim: Claim) -> tuple[TableRef | None, Msg | None, None]:
    q = _squash(claim.qualifier)
    t = doc.table("project_eval")
    if t is not None and re.search(r"自评", q) and "项目" in q + (claim.text or ""):
        return TableRef("project_eval"), None, None  # what it counts: Claim.aggregate (claims.meaning)
    return None, Msg("reason.subject.counts"), None


_BARE = re.compile(r"^(?:本年)?(收入|支出)(?:合计)?$")
_OWNER = re.compile(r"^(.{4,}?)(?:本年)?(?:收入|支出)(?:合计)?$")


def _elliptic(claims: list[Claim], i: int, subject: str | None) -> str | None:
    """A bare 收入/支出 takes the owner of the sentence's previous subject: "政府性基金预算财政拨款收入 1040.24 万元，
    支出 1223.73 万元" — the 支出 is the 政府性基金预算财政拨款支出."""
    c, s = claims[i], _squash(subject)
    m = _BARE.match(s)
    if not m or c.kind != "amount" or c.sentence_index is None:
        return subject
    for j in range(i - 1, -1, -1):
        o = claims[j]
        if o.sentence_index != c.sentence_index:
            break
        w = _OWNER.match(_squash(o.subject))
        if w and o.kind == "amount":
            c.subject_resolved = w.group(1) + m.group(1)
            return w.group(1) + m.group(1)
    return subject


def resolve_all(doc: Document, claims: list[Claim]) -> None:
    """Set ``ref``/``ref_reason`` (and ``budget_ref``) on every claim; bases are resolved in bases.py."""
    for i, c in enumerate(claims):
        subject = c.subject
        if c.kind == "zero" and c.qualifier and c.qualifier != "差异":
            subject = c.qualifier
        subject = _elliptic(claims, i, subject)
        ref, why, budget = resolve(doc, c, subject)
        if c.kind == "score":
            ref = _project(doc, _squash(c.subject)) if "整体" not in (c.subject or "") else None
            why = None if ref else Msg("reason.subject.dept_score")
        if ref is None and c.kind != "reason" and subject and _TIE_PATH.search(_squash(subject)):
            ref = _tie(doc, c, _squash(subject))
        c.ref, c.ref_reason = ref, (None if ref else why)
        if budget is not None:
            c.budget_ref = budget


# a subject tied to its row when its names match none: a 类 path, or a 款 path under its 类 heading ("法院（款）…（项）")
_TIE_PATH = re.compile(r"[（(]类[）)]|[（(]款[）)].*[（(]项[）)]")
_MONEY = {"万元": Decimal(1), "元": Decimal("0.0001"), "亿元": Decimal(10000), "千元": Decimal("0.1")}


def _tie(doc: Document, c: Claim, s: str) -> TableRef | None:
    """A 功能分类 item whose printed names match no row: its row by a printed code, by the catalogue's renamings, or
    by its stated amount (item_tie.py); sets ``c.tie`` to how."""
    kinds = _func_tables(doc, c.section, s)
    for how in ("code", "renamed", "similar", "amount"):
        for kind in kinds:
            t = doc.table(kind)
            if t is None:
                continue
            hit = None
            if how == "code":
                hit = item_tie.by_code(t, s)
            elif how == "similar":
                hit = item_tie.by_similar(t, s, _code_names(doc, t))
            elif how == "renamed":
                r = item_tie.renamed(s)
                fc = function_code(t, r, doc) if r else None
                hit = item_tie.Tie(fc[0], fc[1], "renamed") if fc else None
            else:
                v = next((c.values[k] for k in ("actual", "amount") if k in c.values), None)
                k = _MONEY.get(v.unit or "万元") if v is not None else None
                if v is not None and k is not None:
                    hit = item_tie.by_amount(t, _VALUE_COLUMN.get(kind), s, Interval.of(v.value).scale(k), _code_names(doc, t))
            if hit is not None:
                c.tie = how
                return TableRef(kind, column=_VALUE_COLUMN.get(kind), code=hit.code, row=hit.row)
    return None
