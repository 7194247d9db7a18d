"""X065: every 科目 item of the narrative is tied to its table row (issue 18, family 1).

The claims layer ties a "X（类）Y（款）Z（项）" subject to its row by its printed names, else by a printed code, the
catalogue's renamings or its stated amount (``claims/item_tie.py``, ``Claim.tie``). Tied other than by its names,
the
item is checked against that row (N001 and the ratio rules read ``claim.ref``) and this rule says where the printed
path differs from the row's; a numbered item that no row matches at all is said too.
"""

from __future__ import annotations

from collections.abc import Iterable

from ....claims import item_tie
from ...base import Context, Evidence, Finding, Join, Msg, Rule
from ...claimutil import claim_finding

_LEVELS = (("lei", 3, "类"), ("kuan", 5, "款"), ("xiang", 7, "项"))


_HOW = {"code": "rule.X065.by_code", "renamed": "rule.X065.by_renamed", "similar": "rule.X065.by_similar",
        "amount": "rule.X065.by_amount"}


def _row_names(ctx: Context, code: str) -> list[str]:
    """The names the document's readable coded tables print for ``code``."""
    out: list[str] = []
    for kind in ("gpb_expense", "expense", "fund", "soe", "income"):
        t = ctx.table(kind)
        r = t.find(code=code) if t is not None else None
        if r is not None and r.name and item_tie.squash(r.name) not in out:
            out.append(item_tie.squash(r.name))
    return out


def _differs(printed: str, names: list[str], n: int) -> bool:
    """The printed name is none of the row's names: a former name of it (patterns/kemu.toml), or another name (a
    short form inside the row's name, or the row's inside it, is no difference)."""
    if not names or printed in names:
        return False
    if item_tie.renamings().get(n, {}).get(printed) in names:
        return True
    return not any(printed in x or x in printed for x in names)


class ItemTiedToRow(Rule):
    """A 科目 item ("3.一般公共服务支出（类）统计信息事务（款）统计管理（项）。…") is tied to its row: by its printed
    names, else by a printed code, the catalogue's renamings or its amount. Where the printed path differs from the
    tied row's names, or no row matches, the finding says so (a warning: the amount is checked against the row by N001).

    Bad:  "7.文化体育与传媒支出（类）文化和旅游（款）行政运行（项）…决算数 56.94 万元" while the tables print
          207 文化旅游体育与传媒支出 (the former name of the 类).
    Bad:  "5.卫生健康支出（类）行政事业单位养老支出（款）行政单位医疗（项）…决算数 3.17 万元" while 2101101 行政单位医疗
          3.17 sits under 21011 行政事业单位医疗 (the wrong 款).
    Bad:  "6.城乡社区支出（类）城乡社区管理事务（款）城管执法（项）…决算数 12.00 万元" and no row of that name or amount.
    Good: "1.一般公共服务支出（类）政府办公厅（室）及相关机构事务（款）行政运行（项）…" with 2010301 行政运行 in the table.
    """

    id = "X065"
    severity = "warning"
    summary = ("a 科目 item tied to its table row: the printed 类/款/项 path differs from the row's (a former name included), "
               "or no row matches")
    compares = "narrative"
    names_kemu = "row"  # one name said by X034 and X065 in one sentence: one finding (checks.grouping)

    def check(self, ctx: Context) -> Iterable[Finding]:
        out, seen = [], set()
        for c in ctx.claims:
            p = item_tie.path(c.subject or "")
            if c.kind == "reason" or p is None or len(p) < 2:
                continue
            key = (item_tie.squash(c.subject or ""), c.section)  # one finding per item (its claims span sentences)
            if key in seen:
                continue
            f = self._differs(ctx, c, p) if c.ref is not None else self._no_row(ctx, c)
            if f is not None:
                seen.add(key)
                out.append(f)
        return out

    def _differs(self, ctx: Context, c, p: dict[str, str]) -> Finding | None:
        ref = c.ref
        t = ctx.table(ref.table)
        if t is None or not ref.code:
            return None
        diffs, row_path, ev = [], [], []
        for key, n, mark in _LEVELS:
            names = _row_names(ctx, ref.code[:n]) if len(ref.code) >= n else []
            if names:
                row_path.append(f"{names[0]}（{mark}）")
            if key in p and _differs(p[key], names, n):
                diffs.append(Msg("rule.X065.level", level=mark, stated=p[key], code=ref.code[:n], name=names[0]))
                ev.append(Evidence("table", names[0], t.label, f"{ref.code[:n]} {names[0]}", None))
        if not diffs:
            return None
        how = c.tie or "renamed"  # tied by its names, one of them a former name (one inside the other)
        if how == "amount" and all(d.params["level"] != "类" and item_tie.dice(d.params["stated"], d.params["name"]) >= 0.5
                                     for d in diffs):
            return None  # a 款/项 under a name like the row's, its 类 as printed: X034 names it
        stated = "".join(f"{p[k]}（{m}）" for k, _, m in _LEVELS if k in p)
        return claim_finding(self, ctx, c, Msg("rule.X065.differs", stated=stated, code=ref.code, row="".join(row_path),
                                              how=Msg(_HOW[how]), levels=_join(diffs)),
                             stated=stated, expected="".join(row_path), evidence=ev, table=t.label)

    def _no_row(self, ctx: Context, c) -> Finding | None:
        why = c.ref_reason
        if not (c.numbered_item or c.subject_from == "heading") or not isinstance(why, Msg) or why.key != "reason.subject.func_not_found":
            return None
        t = next((ctx.table(k) for k in _tables(c.section) if ctx.table(k) is not None), None)
        if t is None or not any(len(r.code) == 7 and r.code.isdigit() for r in t.rows):
            return None  # no readable coded table: the claim stays unverifiable for that reason
        stated = item_tie.squash(c.subject or "")
        return claim_finding(self, ctx, c, Msg("rule.X065.no_row", stated=stated, table=t.label),
                             stated=stated, expected="表中无此科目", table=t.label)


def _tables(section: str | None) -> tuple[str, ...]:
    s = section or ""
    if "政府性基金" in s:
        return ("fund", "expense")
    if "国有资本" in s:
        return ("soe", "expense")
    if "一般公共预算" in s or "财政拨款" in s:
        return ("gpb_expense", "expense")
    return ("expense", "gpb_expense")


def _join(parts: list[Msg]) -> Join:
    return Join(parts)
