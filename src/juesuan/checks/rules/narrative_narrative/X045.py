"""X045: 持平 / 略有增加 / 小幅下降 without a figure agree with the previous year derived elsewhere."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from ....numbers import Interval
from ...base import ZERO, Context, Finding, Msg, Rule, claim_evidence, fmt
from ...change_words_helpers import WORDS, _previous, figureless
from ...claimutil import claim_finding, current_amount, sangong_part_changes, sangong_total, subject_key


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
    severity = "error"
    summary = "持平 / 略有增加 / 小幅下降 without a figure agree with the previous year derived elsewhere"
    compares = "narrative"

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
