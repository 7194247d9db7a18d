"""X053: the classes' changes add up to the total's change (when the classes' amounts make up the total)."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

import regex as re

from ....numbers import Interval
from ....text import squash
from ...base import Context, Finding, Msg, Rule, claim_evidence, fmt
from ...budget_changes import ZERO, _budget, _sum, _voc
from ...claimutil import claim_finding, current_amount, money, subject_key

_LONE_CLASS = re.compile(r"^([^（(）)]+?)(?:支出)?[（(]类[）)](?:支出)?$")  # "公共安全（类）", "社会保障和就业支出（类）"
_FISCAL = ("gpb_expense", "fiscal_expense", "fiscal_total")  # the 财政拨款 tables (one scope of funds)


def _class_code(ctx: Context, t) -> str | None:
    """The 3-digit code of the 类 a change claim is about: its row's code, else the coded row of its row's name."""
    ref, m = t.ref, _LONE_CLASS.match(squash(t.subject))
    if ref is not None and ref.code:
        return ref.code if len(ref.code) == 3 and ref.code.isdigit() else None
    if m is None:
        return None
    names = {squash(ref.row)} if ref is not None and ref.row else {m.group(1), m.group(1) + "支出"}
    codes = {r.code for tb in ctx.tables for r in tb.rows if len(r.code) == 3 and r.code.isdigit() and squash(r.name) in names}
    return next(iter(codes)) if len(codes) == 1 else None


def _coded_members(ctx: Context, after: list, code: str, n: int) -> list | None:
    """The change claims on the rows of ``n`` digits under ``code``, the first per row: (claim, signed change,
    current); None when fewer than two, or one has no change or amount to add."""
    seen: dict[str, tuple] = {}
    for c in after:
        rc = c.ref.code if c.ref is not None else None
        if not rc or len(rc) != n or not rc.startswith(code) or rc in seen:
            continue
        sc, cur = _signed(c), current_amount(ctx, c)
        if sc is None or cur is None:
            return None
        seen[rc] = (c, sc, cur)
    return list(seen.values()) if len(seen) >= 2 else None


def _signed(c) -> tuple[Decimal, Interval] | None:
    """A change claim's signed change in 万元 (持平 = 0, 基本持平 none)."""
    if c.direction == 0 and "change" not in c.values:
        return None if c.approx else (ZERO, Interval.point(ZERO))
    m = money(c, "change")
    if m is None or c.direction not in (1, -1):
        return None
    return (m[0], m[1]) if c.direction == 1 else (-m[0], m[1].scale(Decimal(-1)))


class ClassChangesAddUp(Rule):
    """The changes of a total's classes add up to the total's change: the 功能分类 类 (公共安全, 社会保障和就业 …)
    and the split 基本支出 + 项目支出 (+ 单位预留机动经费). A list is checked only when it is complete, which its
    amounts prove: Σ class amounts = the total's amount.

    Bad:  "收、支预算总计 21,955.35 万元，…各增加 3,958.67 万元 … 公共安全（类）支出 16,458.75 万元 … 增加 2,802.41
          万元 … 社会保障和就业支出 1,836.22 万元 … 减少 184.96 万元 … 住房保障支出 3,660.38 万元 … 增加 1,314.22 万元"
          (2,802.41 − 184.96 + 1,314.22 = 3,931.67 ≠ 3,958.67).
    Good: "… 住房保障支出 … 增加 1,341.22 万元" (= 3,958.67).
    """

    id = "X053"
    severity = "error"
    summary = "the classes' changes add up to the total's change (when the classes' amounts make up the total)"
    compares = "narrative"

    def check(self, ctx: Context) -> Iterable[Finding]:
        if not _budget(ctx):
            return []
        sums = [(re.compile(e["total"]), [re.compile(p) for p in e["classes"]]) for e in _voc()["change_sums"]]
        out = []
        changes = [c for c in ctx.claims if c.kind == "change"]
        for t in changes:
            fam = next((f for total_re, f in sums if total_re.search(subject_key(t))), None)
            if fam is None:
                continue
            tc, tcur = _signed(t), current_amount(ctx, t)
            if tc is None or tcur is None:
                continue
            after = [c for c in changes if ctx.idx(c) > ctx.idx(t) and c.section == t.section and c.part == t.part]
            for pat in fam:
                members = self._members(ctx, after, pat)
                if members is None:
                    continue
                amounts = _sum([m[2][:2] for m in members])
                if not amounts[1].overlaps(tcur[1]):
                    continue  # the classes do not make up the total: the list may be partial
                s = _sum([m[1] for m in members])
                claims = [m[0] for m in members]
                if s[1].overlaps(tc[1]):
                    for c in (t, *claims):
                        ctx.verify(c, self.id)
                    continue
                terms = " + ".join(f"({fmt(v)})" for _, (v, _), _ in members)
                f = claim_finding(
                    self, ctx, t, Msg("rule.X053.changes", subject=t.subject or "", terms=terms, sum=fmt(s[0]), total=fmt(tc[0])),
                    stated=f"{fmt(tc[0])} 万元", expected=f"{fmt(s[0])} 万元",
                    evidence=[claim_evidence(t, "change")] + [claim_evidence(c, "change") for c in claims if "change" in c.values],
                    extra_claims=claims)
                out.append(f)
        return out + self._items_of_classes(ctx, changes)

    def _items_of_classes(self, ctx: Context, changes: list) -> list[Finding]:
        """A 类's change against the changes of its items listed after it (项, else 款: the rows under the 类's
        code, one claim per row), when the items' amounts make up the 类's. A warning when the 类 is stated from
        a table of all funds and its items from the 财政拨款 tables (last year's other funds may differ)."""
        out = []
        for t in changes:
            code, tc, tcur = _class_code(ctx, t), _signed(t), current_amount(ctx, t)
            if code is None or tc is None or tcur is None:
                continue
            for n in (7, 5):
                members = _coded_members(ctx, [c for c in changes if ctx.idx(c) > ctx.idx(t) and c.part == t.part], code, n)
                if members is None or not _sum([m[2][:2] for m in members])[1].overlaps(tcur[1]):
                    continue
                s, claims = _sum([m[1] for m in members]), [m[0] for m in members]
                if s[1].overlaps(tc[1]):
                    for c in (t, *claims):
                        ctx.verify(c, self.id)
                    break
                same = t.ref is not None and t.ref.table in _FISCAL and all(c.ref.table in _FISCAL for c in claims)
                terms = " + ".join(f"({fmt(v)})" for _, (v, _), _ in members)
                out.append(claim_finding(
                    self, ctx, t, Msg("rule.X053.items", subject=t.subject or "", terms=terms, sum=fmt(s[0]), total=fmt(tc[0])),
                    stated=f"{fmt(tc[0])} 万元", expected=f"{fmt(s[0])} 万元", severity="" if same else "warning",
                    evidence=[claim_evidence(t, "change")] + [claim_evidence(c, "change") for c in claims if "change" in c.values],
                    extra_claims=claims))
                break
        return out

    def _members(self, ctx: Context, after: list, pat: re.Pattern) -> list | None:
        """The change claims of one family after the total, one per subject: (claim, signed change, current)."""
        seen: dict[str, tuple] = {}
        for c in after:
            key = subject_key(c)
            if not pat.search(key) or key in seen:
                continue
            sc, cur = _signed(c), current_amount(ctx, c)
            if sc is None or cur is None:
                return None
            seen[key] = (c, sc, cur)
        return list(seen.values()) if len(seen) >= 2 else None
