"""A change word stated without its figure (与上年持平, 略有增加, 小幅下降) against the previous year that the rest
of the document lets one derive.

* X045 the previous year of the word's subject is derived from another statement — the same subject's change
  stated with its figure elsewhere (current ∓ change), the identity 基本支出 = 人员经费 + 公用经费 (each stated
  with its change), or the 三公 total's change as the sum of its parts' changes — and the word must agree with
  current − previous: 持平 → 0 within rounding, 略有增加 → > 0, 略有下降 → < 0.

"基本持平" (about the same) is never checked: no threshold for it is defined (patterns/claims.toml, ``flat``);
the claim stays unverifiable and says so. A 持平 against a same-subject change stated elsewhere is X003's, a 三公
total's 持平 against its parts' changes X042's; X045 takes the cases they leave: the directions without a
figure, and a 持平 or a direction inside the 基本 = 人员 + 公用 identity (quoting the figure-less statement).

* X067 (issue 18, family 7) a 持平 said of a total whose change another section states with its figure under a name
  that differs only by a word naming no other quantity (一般公共预算财政拨款支出 / …支出决算 / …支出决算数;
  patterns/rules.toml ``[flat_same]``): X003 and X045 pair statements by their exact subject only. An error when
  both statements print the current figure (equal within rounding) or refer to one table cell; a warning when one
  current figure is only assumed (taken from a table or an earlier statement).
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

import regex as re

from ..numbers import Interval
from ..patterns import load
from .base import ZERO, Context, Finding, Msg, Rule, claim_evidence, fmt
from .claimutil import (
    claim_finding,
    current_amount,
    money,
    previous_interval,
    sangong_part_changes,
    sangong_total,
    subject_key,
)

WORDS = {1: "增加", -1: "减少", 0: "持平"}


def figureless(c) -> bool:
    """A change against the year before stated by its word only (持平, 略有增加 …), not 基本持平."""
    return (c.kind == "change" and c.direction is not None and "change" not in c.values and "rate" not in c.values
            and not c.approx and "预算" not in (c.basis or ""))


def _previous(ctx: Context, c) -> tuple[Interval, Decimal, object] | None:
    """The previous-year value a change claim with a figure implies: (interval, value, the current's source)."""
    ch = money(c, "change")
    if ch is None or c.direction not in (1, -1):
        return None
    cur = current_amount(ctx, c)
    if cur is None:
        return None
    return previous_interval(c, cur.interval, ch.interval), cur.value - c.direction * ch.value, cur.source


class ChangeWordAgainstDerived(Rule):
    """A change word without a figure (与上年持平, 略有增加, 小幅下降) agrees with current − previous, the previous
    year derived from another statement (the same subject's change stated with its figure, 基本 = 人员 + 公用, or
    the 三公 parts' changes).

    Bad:  "基本支出 311.92 万元，较上年增加 10.00 万元" + "人员经费 157.71 万元，较上年持平" + "公用经费 154.21 万元，
          较上年增加 2.00 万元" (previous 人员经费 = 301.92 − 152.21 = 149.71 ≠ 157.71).
    Bad:  "“三公”经费 … 较上年略有增加，其中：因公出国（境）费减少 3.00 万元；公务用车 … 持平；公务接待费减少 1.00 万元"
          (the parts' changes add to −4.00: a decrease).
    Good: "人员经费 157.71 万元，较上年增加 8.00 万元" with 基本 +10.00 and 公用 +2.00; "基本持平" (not checked).
    """

    id = "X045"
    group = "narrative_narrative"
    severity = "error"
    summary = "持平 / 略有增加 / 小幅下降 without a figure agree with the previous year derived elsewhere"

    def check(self, ctx: Context) -> Iterable[Finding]:
        out: list[Finding] = []
        changes = [c for c in ctx.claims if c.kind == "change"]
        for c in changes:
            if c.kind == "change" and c.direction == 0 and c.approx:
                ctx.cannot(c, Msg("rule.X045.approx"))
        words = [c for c in changes if figureless(c)]
        if not words:
            return out
        done: set[int] = set()
        for c in words:
            key = subject_key(c)
            other = next((o for o in changes if o is not c and key and subject_key(o) == key and _previous(ctx, o)), None)
            if other is None:
                continue
            cur = current_amount(ctx, c)
            if cur is None:
                continue
            prev = _previous(ctx, other)
            assert prev is not None  # other was chosen for having one
            pv, p, _ = prev
            done.add(ctx.idx(c))
            if c.direction == 0 and not (cur.interval - pv).contains(ZERO):
                continue  # a 持平 against the same subject's change stated elsewhere: X003 reports it
            f = self._judge(ctx, c, cur, pv, p, Msg("rule.X045.same", line=other.line), [other])
            if f:
                out.append(f)
        out += self._basic(ctx, changes, done)
        out += self._sangong(ctx, changes, done)
        for c in words:  # kept only if no other rule (X003, X042) decided it
            ctx.cannot(c, Msg("rule.X045.no_previous"))
        return out

    def _judge(self, ctx, c, cur, pv: Interval, p: Decimal, how: Msg, others) -> Finding | None:
        diff = cur.interval - pv
        d = c.direction
        ok = diff.contains(ZERO) if d == 0 else (diff.hi > 0 if d > 0 else diff.lo < 0)
        if ok:
            ctx.verify(c, self.id)
            return None
        real = cur.value - p
        found = 0 if d == 0 and real == 0 else (1 if real > 0 else -1)
        ev = [claim_evidence(o, "change") for o in others if "change" in o.values]
        return claim_finding(
            self, ctx, c,
            Msg("rule.X045.word", subject=c.subject or "", word=WORDS[d], current=fmt(cur.value), previous=fmt(p),
                change=fmt(real), how=how),
            stated=WORDS[d], expected=f"{WORDS.get(found, '')} {fmt(abs(real))} 万元".strip(),
            evidence=([claim_evidence(cur.source, "amount")] if hasattr(cur.source, "values") and "amount" in cur.source.values
                      else []) + ev,
            extra_claims=others)

    def _basic(self, ctx: Context, changes, done: set[int]) -> list[Finding]:
        """基本 = 人员 + 公用: a figure-less member's previous year from the other two's."""

        def member(word, exclude=None):
            found = [c for c in changes if word in subject_key(c) and (exclude is None or exclude not in subject_key(c))]
            return found[0] if found else None

        trio = {"basic": member("基本支出"), "pers": member("人员经费"), "pub": member("公用经费")}
        if any(v is None for v in trio.values()):
            return []
        bare = [k for k, v in trio.items() if figureless(v)]
        if len(bare) != 1 or ctx.idx(trio[bare[0]]) in done:
            return []
        k = bare[0]
        c = trio[k]
        found = {j: _previous(ctx, v) for j, v in trio.items() if j != k}
        prevs = {j: v for j, v in found.items() if v is not None}
        cur = current_amount(ctx, c)
        if cur is None or len(prevs) != len(found):
            return []
        if k == "basic":
            pv, p = prevs["pers"][0] + prevs["pub"][0], prevs["pers"][1] + prevs["pub"][1]
        else:
            o = "pub" if k == "pers" else "pers"
            pv, p = prevs["basic"][0] - prevs[o][0], prevs["basic"][1] - prevs[o][1]
        others = [v for j, v in trio.items() if j != k]
        done.add(ctx.idx(c))
        f = self._judge(ctx, c, cur, pv, p, Msg("rule.X045.basic"), others)
        return [f] if f else []

    def _sangong(self, ctx: Context, changes, done: set[int]) -> list[Finding]:
        """The 三公 total's direction without a figure against the sum of its parts' changes (stated after it in
        the same paragraph, as X042 reads them); a 持平 total is X042's."""
        out = []
        for total in changes:
            if not figureless(total) or total.direction == 0 or ctx.idx(total) in done:
                continue
            if not sangong_total(total):
                continue
            later = [c for c in changes if ctx.paragraph_of(c) is ctx.paragraph_of(total) and ctx.idx(c) > ctx.idx(total)]
            found_parts = sangong_part_changes(later)
            if not found_parts:
                continue
            parts = [(found[0], v) for found, v in found_parts]
            s = sum((v for _, (v, _) in parts), Decimal(0))
            iv = Interval.point(Decimal(0))
            for _, (_, i) in parts:
                iv = iv + i
            ok = iv.hi > 0 if total.direction > 0 else iv.lo < 0
            done.add(ctx.idx(total))
            if ok:
                ctx.verify(total, self.id)
                continue
            sgn = 0 if s == 0 else (1 if s > 0 else -1)
            out.append(claim_finding(
                self, ctx, total,
                Msg("rule.X045.sangong", subject=total.subject or "", word=WORDS[total.direction], change=fmt(s)),
                stated=WORDS[total.direction], expected=f"{WORDS[sgn]} {fmt(abs(s))} 万元" if sgn else WORDS[0],
                evidence=[claim_evidence(c, "change") for c, _ in parts if "change" in c.values],
                extra_claims=[c for c, _ in parts]))
        return out


def quantity_key(c) -> str:
    """The subject without the words that name no other quantity (决算, 决算数, 金额 …: [flat_same] noise)."""
    return re.sub(load("rules")["flat_same"]["noise"], "", subject_key(c))


class FlatAgainstSameQuantity(Rule):
    """A 持平 against last year said of a total whose change another statement gives with its figure, the two
    subjects differing only by words naming no other quantity (决算, 决算数): last year = current ∓ change must equal
    the current figure within rounding.

    Bad:  "一般公共预算财政拨款支出 3716.29 万元 … 比上年减少 973.66 万元" and elsewhere "一般公共预算财政拨款支出决算
          3716.29 万元，与上年持平" (last year 4689.95).
    Good: the same with a change of 0.00; "财政拨款收、支总计各与上年持平" (another quantity: not compared).
    """

    id = "X067"
    group = "narrative_narrative"
    severity = "error"
    summary = "持平 said of a total whose change is stated elsewhere under another name of the same quantity"

    def check(self, ctx: Context) -> Iterable[Finding]:
        out: list[Finding] = []
        changes = [c for c in ctx.claims if c.kind == "change"]
        stated = [c for c in changes if c.direction in (1, -1) and money(c, "change") and self._current(ctx, c)]
        for c in changes:
            if not (figureless(c) and c.direction == 0):
                continue
            key, qk = subject_key(c), quantity_key(c)
            if not qk or any(o is not c and subject_key(o) == key and _previous(ctx, o) for o in changes):
                continue  # the same subject's change: X003 / X045
            cur = current_amount(ctx, c)
            other = next((o for o in stated if quantity_key(o) == qk and subject_key(o) != key), None)
            if cur is None or other is None:
                continue
            ocur = self._current(ctx, other)
            ch = money(other, "change")
            assert ocur is not None and ch is not None and other.direction is not None  # chosen for having them
            pv, p, osrc = previous_interval(other, ocur[1], ch[1]), ocur[0] - other.direction * ch[0], ocur[2]
            if not ocur[1].overlaps(cur[1]):
                continue  # the two currents differ: not shown to be one quantity
            if (cur[1] - pv).contains(ZERO):
                ctx.verify(c, self.id)
                continue
            out.append(self._finding(ctx, c, other, cur, p, osrc))
        return out

    @staticmethod
    def _current(ctx: Context, c):
        """A change claim's current figure: its own or its subject's (current_amount), else the one figure every
        statement of the same quantity prints (an amount claim whose subject differs only by [flat_same] noise)."""
        cur = current_amount(ctx, c)
        if cur is not None:
            return cur
        qk = quantity_key(c)
        found = [(m, a) for a in ctx.claims if a.kind in ("amount", "share", "completion") and quantity_key(a) == qk
                 for m in [money(a, "amount") or money(a, "actual")] if m]
        if not found or any(not m[1].overlaps(found[0][0][1]) for m, _ in found):
            return None  # none, or two different figures: not one quantity
        return found[0][0][0], found[0][0][1], found[0][1]

    def _finding(self, ctx: Context, c, other, cur, p: Decimal, osrc) -> Finding:
        printed = hasattr(cur[2], "values") and hasattr(osrc, "values")  # both figures printed in the text
        same_cell = (c.ref is not None and other.ref is not None and ctx.cell(c.ref)[0] is not None
                     and ctx.cell(c.ref)[0] is ctx.cell(other.ref)[0])
        real = cur[0] - p
        word = WORDS[1 if real > 0 else -1]
        ev = [claim_evidence(x, "amount") for x in (c, other) if "amount" in x.values] + [claim_evidence(other, "change")]
        return claim_finding(
            self, ctx, c,
            Msg("rule.X067.flat", subject=c.subject or "", current=fmt(cur[0]), previous=fmt(p), change=fmt(real),
                line=other.line, other=other.subject or "",
                how=Msg("rule.X067.printed" if printed or same_cell else "rule.X067.assumed")),
            stated=WORDS[0], expected=f"{word} {fmt(abs(real))} 万元", evidence=ev, extra_claims=[other],
            severity="" if printed or same_cell else "warning")


RULES = [FlatAgainstSameQuantity, ChangeWordAgainstDerived]
