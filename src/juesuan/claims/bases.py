"""Bases: what every share, completion rate and growth rate is measured against, resolved explicitly.

``resolve_bases(doc, claims)`` sets ``claim.base`` (a :class:`~juesuan.claims.model.BaseRef`: what the base
is and where it was found) or ``claim.base_reason`` (why none could be resolved — the claim is then
unverifiable; a base is never guessed).

* **share** ("占 …%"): the total the sentence or its list names —
  1. the basis named in the claim ("占本年支出合计的 100.00%"): an earlier statement of it, else its table cell;
  2. the head of its 其中 / 主要用于以下方面 list ("本年支出合计 449.76 万元，其中：基本支出 176.37 万元，占 39.21%");
  3. the total the sentence opens with ("“三公”经费财政拨款支出决算中，…占 86.84%" → the 三公 决算 合计);
  4. a list broken by stray punctuation into a new sentence continues the list before it (same paragraph,
     items of the same kind), so it keeps that list's head — never the previous item.
* **completion** ("完成预算的 …%"): the same item's budget — its own stated 预算, the 预算数 cell of its
  own 三公 column (not the 三公 total), a budget stated just before for the same subject, or (for a
  department-wide claim only) the budget stated just before it.
* **growth** ("增长 …%"): the previous year, derived as current ∓ change.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import regex as re

from ..catalogue import total_column
from ..i18n import Msg
from .model import BaseRef, Claim, TableRef, Value

if TYPE_CHECKING:
    from ..document import Document

_MONEY = ("amount", "actual")
_NOISE = re.compile(r"20\d\d年度?|本部门|本单位|我单位|我局|本年度|本年|全年|\s|的")
_PAREN = str.maketrans({"(": "（", ")": "）"})
_NUM = re.compile(r"^(?:[一二三四五六七八九十]+、|\d+[.、．])")


def _key(s: str | None) -> str:
    t = re.sub(r"\s+", "", s or "").translate(_PAREN)
    t = _NUM.sub("", t)
    t = re.sub(r"（[类款项]）", "", t)
    return _NOISE.sub("", t)


def _money_role(c: Claim, roles: tuple[str, ...] = _MONEY) -> str | None:
    for r in roles:
        v = c.values.get(r)
        if v is not None and v.unit in ("万元", "元", "亿元", "千元", ""):
            return r
    return None


# A named basis that is a table total: (pattern on the basis, [(table kind, row name or None = total row, column)]).
_BASIS_TABLE: list[tuple[re.Pattern, list[tuple[str, str | None, str | None]]]] = [
    (re.compile(r"^(?:本年)?支出(?:合计|总额|总计)$"), [("expense", None, total_column("expense")), ("income_expense_total", "本年支出合计", None)]),
    (re.compile(r"^(?:本年)?收入(?:合计|总额|总计)$"), [("income", None, total_column("income")), ("income_expense_total", "本年收入合计", None)]),
    (re.compile(r"^一般公共预算财政拨款支出$"), [("gpb_expense", None, total_column("gpb_expense"))]),
]
_NOT_A_TOTAL = ("上年度", "上年", "年初预算", "全年预算")


def _cell_value(doc: Document | None, ref: TableRef) -> Value | None:
    """The printed figure of a table reference (for display; rules re-read the cell with its interval)."""
    t = doc.table(ref.table) if doc is not None else None
    if t is None:
        return None
    row = t.find(code=ref.code, side=ref.side) if ref.code else None
    if row is None and ref.row:
        row = t.find(name=ref.row, side=ref.side)
    if row is None and not ref.code and not ref.row:
        row = t.total_row(ref.side)
        sided = [r for r in t.rows if ref.side is None or r.side == ref.side]
        if row is None and len(sided) == 1:
            row = sided[0]
    if row is None:
        return None
    col = ref.column or next((c for c in t.columns if row.values.get(c) is not None), None)
    v = row.values.get(col) if col else None
    if v is None:
        return None
    return Value(raw=f"{v:f} {t.unit}".strip(), value=v, unit=t.unit, role="base")


def _table_base(doc: Document | None, what: str, how: str, ref: TableRef) -> BaseRef:
    return BaseRef(what, "table", how, ref=ref, value=_cell_value(doc, ref))


def _narrative_base(claims: list[Claim], j: int, role: str | None, what: str, how: str) -> BaseRef:
    assert role is not None  # the look-up that found ``j`` asked for a money role
    v = claims[j].values[role]
    return BaseRef(what, "narrative", how, claim=j, role=role, value=v)


def _lookback(claims: list[Claim], i: int, pred: Callable[[Claim], bool], limit: int, same_section: bool = True) -> int | None:
    c = claims[i]
    same = [j for j in range(i - 1, -1, -1) if claims[j].sentence_index is not None
            and claims[j].sentence_index == c.sentence_index and pred(claims[j])]
    if same:
        return same[0]
    for j in range(i - 1, max(-1, i - 1 - limit), -1):
        o = claims[j]
        if same_section and (o.section != c.section or o.part != c.part):
            break
        if pred(o):
            return j
    return None


# ---- shares ------------------------------------------------------------------------------------------


def _share(doc: Document | None, claims: list[Claim], i: int, listed: set[int] | None = None) -> tuple[BaseRef | None, Msg | None]:
    c = claims[i]
    basis = re.sub(r"\s+", "", c.basis or "")
    if basis and basis not in _NOT_A_TOTAL:
        key = _key(basis)
        j = _lookback(claims, i, lambda o: o.kind in ("amount", "completion", "share") and _key(o.subject) == key
                      and _money_role(o) is not None, limit=30, same_section=False)
        if j is not None:
            return _narrative_base(claims, j, _money_role(claims[j]), basis, "the total the claim names, stated earlier"), None
        if doc is not None:
            for pat, cells in _BASIS_TABLE:
                if not pat.match(key):
                    continue
                for kind, row, col in cells:
                    if doc.table(kind) is not None:
                        return _table_base(doc, basis, "the total the claim names", TableRef(kind, column=col, row=row)), None
            from .subjects import resolve

            ref, _, _ = resolve(doc, c, basis)
            if ref is not None:
                return _table_base(doc, basis, "the total the claim names", ref), None
        return None, Msg("reason.base.share_named", basis=c.basis)
    p = c.parts_of
    if p is not None and 0 <= p < len(claims):
        role = _money_role(claims[p])
        if role is not None:
            return _narrative_base(claims, p, role, claims[p].subject or "合计", "the head of its 其中 list"), None
        return None, Msg("reason.base.share_list_head")
    bs = c.base_subject
    if bs:
        key = _key(bs)
        if doc is not None:
            from .subjects import resolve

            ref, _, _ = resolve(doc, c, bs)
            if ref is not None:
                return _table_base(doc, bs, "the total the sentence opens with (…决算中)", ref), None
        j = _lookback(claims, i, lambda o: _key(o.subject) == key and _money_role(o) is not None, limit=12)
        if j is not None:
            return _narrative_base(claims, j, _money_role(claims[j]), bs, "the total the sentence opens with, stated earlier"), None
        return None, Msg("reason.base.share_opening", total=bs)
    cont = _continued_list(claims, i, listed if listed is not None else _listed(claims))
    if cont is not None:
        b = cont.base
        assert b is not None  # _continued_list only returns a share whose base is resolved
        return BaseRef(b.what, b.source, "the head of the list it continues (a sentence break inside the list)",
                       ref=b.ref, claim=b.claim, role=b.role, value=b.value), None
    return None, Msg("reason.base.share_unnamed")


def _listed(claims: list[Claim]) -> set[int]:
    """The sentences that open a list of their own (a claim of theirs is one of a 其中 list's parts)."""
    return {o.sentence_index for o in claims if o.sentence_index is not None and o.parts_of is not None}


def _kind_of_item(s: str | None) -> str:
    t = re.sub(r"\s+", "", s or "")
    m = re.search(r"[（(]([类款项])[）)]\s*$", t)
    return m.group(1) if m else ""


def _continued_list(claims: list[Claim], i: int, listed: set[int]) -> Claim | None:
    """A share in a sentence with no head of its own that continues the list of the sentence before
    ("…占 9.96%；。卫生健康支出（类）109.34 万元，占 2.31%"): the nearest earlier share of the same section
    whose base is its list's head, with items of the same kind (类/款/项), at most two sentences back."""
    c = claims[i]
    si = c.sentence_index
    if si is None:
        return None
    if si in listed:
        return None  # this sentence opens a list of its own: not a continuation
    for j in range(i - 1, max(-1, i - 40), -1):
        o = claims[j]
        if o.section != c.section or o.part != c.part or o.sentence_index is None or si - o.sentence_index > 2:
            return None
        if o.kind == "share" and o.sentence_index < si and o.base is not None and o.base.how == "the head of its 其中 list":
            return o if _kind_of_item(o.subject) == _kind_of_item(c.subject) else None
    return None


# ---- completion rates --------------------------------------------------------------------------------


def _dept_wide(c: Claim) -> bool:
    s = re.sub(r"\s+", "", c.subject or "")
    return not s or bool(re.match(r"^(?:部门|单位|我单位|本部门|整体)", s)) or (c.part_name or "").startswith("部门整体")


def _completion(doc: Document | None, claims: list[Claim], i: int) -> tuple[BaseRef | None, Msg | None]:
    c = claims[i]
    for role in ("budget", "budget_initial", "budget_annual"):
        if role in c.values:
            what = {"budget_initial": "年初预算", "budget_annual": "全年预算"}.get(role, c.basis or "预算")
            return BaseRef(what, "self", "the budget stated in the same claim", role=role, value=c.values[role]), None
    ref = c.ref
    if ref is not None and ref.column and ref.column.startswith("决算数|"):
        item = ref.column.split("|", 1)[1]
        bref = TableRef(ref.table, column="预算数|" + item, code=ref.code, row=ref.row, side=ref.side)
        return _table_base(doc, f"预算数 of {item}", "the item's own 预算数 in its table", bref), None
    if c.budget_ref is not None:
        return _table_base(doc, f"预算数 of {c.subject}", "the item's own 预算数 in its table", c.budget_ref), None
    key = _key(c.subject)

    def budget_role(o: Claim) -> str | None:
        if "budget" in o.values:
            return "budget"
        if "amount" in o.values and "预算" in re.sub(r"\s+", "", o.subject or ""):
            return "amount"
        return None

    if key:
        j = _lookback(claims, i, lambda o: o is not c and budget_role(o) is not None and _key(o.subject) == key, limit=4)
        if j is not None:
            return _narrative_base(claims, j, budget_role(claims[j]), claims[j].subject or "预算",
                                   "the same item's budget, stated just before"), None
    if _dept_wide(c):
        j = _lookback(claims, i, lambda o: o is not c and budget_role(o) is not None, limit=2)
        if j is not None:
            return _narrative_base(claims, j, budget_role(claims[j]), claims[j].subject or "预算",
                                   "the department's budget, stated just before"), None
    return None, Msg("reason.base.completion")


# ---- growth rates ------------------------------------------------------------------------------------


def _growth(doc: Document | None, claims: list[Claim], i: int) -> tuple[BaseRef | None, Msg | None]:
    c = claims[i]
    stated = c.values.get("previous")
    if stated is not None:  # 预算 item form: "2023年当年预算执行数为A万元，…比2023年预算执行数增加P%"
        return BaseRef(c.basis or "上年数", "self", "the base figure stated in the claim", role="previous", value=stated), None
    ch = c.values.get("change")
    if ch is None:
        return None, Msg("reason.base.growth_no_change")
    what = (c.basis or "上年数") if c.basis_kind else "上年数"  # 预算: the base it names ("2024年预算", "上年预算执行数")
    d = c.direction if c.direction is not None else 1
    how = "current " + ("−" if d > 0 else "+" if d < 0 else "±") + " change"
    role = _money_role(c)
    if role is not None:
        cur = c.values[role]
        if cur.unit == ch.unit:
            prev = cur.value - d * ch.value
            v = Value(raw=f"{prev:f} {cur.unit}".strip(), value=prev, unit=cur.unit, role="previous")
            return BaseRef(what, "derived", how + " (both stated in the claim)", role=role, value=v), None
    if c.ref is not None:
        return BaseRef(what, "derived", how + " (current from the table)", ref=c.ref), None
    key = _key(c.subject)
    if key:
        j = _lookback(claims, i, lambda o: o.kind in ("amount", "share", "completion") and _key(o.subject) == key
                      and _money_role(o) is not None, limit=8)
        if j is not None:
            return BaseRef(what, "derived", how + " (current stated earlier)", claim=j, role=_money_role(claims[j])), None
    return None, Msg("reason.base.growth_no_current")


def resolve_bases(doc: Document | None, claims: list[Claim], only_missing: bool = False) -> None:
    """Set ``base`` / ``base_reason`` on every share, completion and growth claim (see the module docstring).
    ``only_missing``: leave claims that already carry a base or a reason as they are."""
    listed = _listed(claims)  # once per document: a per-claim scan made many shares quadratic
    for i, c in enumerate(claims):
        if only_missing and (c.base is not None or c.base_reason is not None):
            continue
        if "share" in c.values:
            c.base, c.base_reason = _share(doc, claims, i, listed)
            continue
        elif "completion" in c.values:
            fn = _completion
        elif "rate" in c.values and c.kind == "change":
            fn = _growth
        else:
            continue
        c.base, c.base_reason = fn(doc, claims, i)


__all__ = ["resolve_bases"]
