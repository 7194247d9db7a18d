"""N008: an enumeration of items (主要包括：办公费、印刷费…) against the rows of the table it lists."""

from __future__ import annotations

from collections.abc import Iterable

import regex as re

from ....patterns import load
from ...base import ZERO, Cell, Context, Finding, Join, Msg, Rule, fmt, norm_name
from ...claimutil import claim_finding, squash


def _list_group(c) -> str | None:
    s = squash(f"{c.subject or ''}")
    if "人员经费" in s and "公用经费" in s:
        return None  # a 项's purpose ("支付在职人员经费、公用经费的支出，包括…"), not one group's list
    if "人员经费" in s:
        return "人员经费"
    if "公用经费" in s:
        return "公用经费"
    if c.ref is not None and c.ref.table == "gpb_basic":
        return c.ref.row if c.ref.row in ("人员经费", "公用经费") else None
    return None


_LIST_TAIL = re.compile(r"(?:等(?:经费)?(?:支出)?|支出)$")


def _econ_aliases() -> list[tuple]:
    return [(re.compile(a["name"]), tuple(a.get("codes", [])), tuple(norm_name(n) for n in a.get("rows", [])))
            for a in load("econ").get("alias", [])]


def list_item_rows(item: str, rows: list) -> list | None:
    """The 经济分类 rows a list item names: its own row (by name), or the rows of its alias in
    patterns/econ.toml ("社保" → the social-insurance 款; "设备购置费" → 办公/专用设备购置). None: unknown."""
    it = norm_name(item)
    for cand in dict.fromkeys([it, _LIST_TAIL.sub("", it)]):
        if not cand:
            continue
        hit = [r for r in rows if norm_name(r.name) == cand]
        if hit:
            return hit
        for pat, codes, names in _econ_aliases():
            if pat.fullmatch(cand):
                hit = [r for r in rows if r.code in codes or norm_name(r.name) in names]
                if hit:
                    return hit
        hit = [r for r in rows if len(cand) >= 3 and len(norm_name(r.name)) >= 3
               and (cand in norm_name(r.name) or norm_name(r.name) in cand)]
        if hit:
            return hit[:1]
    return None


class ListMatchesRows(Rule):
    """A "主要包括 …" list names the main 款 rows of its group in the 基本支出 table (人员经费: 301/303;
    公用经费: the other classes). A list names *main* items, it does not promise completeness: a named item
    that is zero in the table, or a non-zero 款 left out, is a warning, never an error. Items are matched by
    name, then through the synonyms and groups of patterns/econ.toml (社保, 公积金, 饭贴, 办公经费 …); an item
    that matches neither leaves the list unverifiable (the tool does not know the word — not "no such row").

    Bad:  "公用经费 … 主要包括：办公费、差旅费" while 邮电费 0.59 is also non-zero (missing), or naming 会议费 (0).
    Good: "主要包括：办公费、邮电费、差旅费、维修（护）费、福利费"; "主要包括：基本工资、社保、公积金".
    """

    id = "N008"
    severity = "warning"
    summary = "主要包括 lists name the non-zero 款 rows (人员经费 / 公用经费); zero or missing items are warnings"
    compares = "narrative_tables"

    def check(self, ctx: Context) -> Iterable[Finding]:
        out = []
        t = ctx.table("gpb_basic")
        personnel = tuple(load("econ").get("personnel_prefixes", ["301", "303"]))
        for c in ctx.claims:
            if c.kind != "list" or not c.items:
                continue
            g = _list_group(c)
            if g is None:
                ctx.cannot(c, Msg("rule.N008.not_econ"))
                continue
            if t is None:
                ctx.cannot(c, Msg("rule.N008.no_table"))
                continue
            col = t.columns[0]
            coded = [r for r in t.rows if r.code.isdigit()]
            mine = [r for r in coded if r.code.startswith(personnel) == (g == "人员经费")]
            kuan = [r for r in mine if len(r.code) == 5 and (r.values.get(col) or ZERO) != 0]
            matched_rows: set[str]
            matched_rows, zero, unknown = set(), [], []
            for it in c.items:
                hit = list_item_rows(it, mine) or list_item_rows(it, coded)
                if not hit:
                    unknown.append(it)
                    continue
                matched_rows.update(r.code for r in hit)
                if all((r.values.get(col) or ZERO) == 0 for r in hit):
                    zero.append((it, hit[0]))
            missing = [r for r in kuan if r.code not in matched_rows and r.code[:3] not in matched_rows]
            if not missing and not zero:
                if unknown:
                    ctx.cannot(c, Msg("rule.N008.unknown", items="、".join(unknown)))
                else:
                    ctx.verify(c, self.id)
                continue
            parts = []
            if missing:
                parts.append(Msg("rule.N008.missing", rows="、".join(f"{r.name} {fmt(r.values.get(col))}" for r in missing)))
            if zero:
                parts.append(Msg("rule.N008.zero", items="、".join(f"{i} 0" for i, _ in zero)))
            ev = [Cell(t, r, col, r.values.get(col) or ZERO).evidence() for r in missing[:8]]
            ev += [Cell(t, r, col, r.values.get(col) or ZERO).evidence() for _, r in zero][:4]
            out.append(claim_finding(
                self, ctx, c, Msg("rule.N008.list", group=g, table=t.label, parts=Join(parts)),
                stated="、".join(c.items), expected="、".join(r.name for r in kuan), evidence=ev, table=t.label))
        return out
