"""X056: a 预算 total's 其中 amounts add up to it (equal: confirmed; more: a warning); the three 三公 parts: equal."""

from __future__ import annotations

from collections.abc import Iterable

import regex as re

from ...base import Context, Finding, Msg, Rule, claim_evidence, fmt
from ...budget_changes import _budget, _sum, _voc
from ...claimutil import claim_finding, money, sangong_total, subject_key


class AmountPartsAddUp(Rule):
    """The amounts a 预算 sentence lists after 其中 add up to the amount before it ("收入预算 1,212.12 万元，其中：财政拨款
    收入 950.12 万元；事业收入 262.00 万元；…"). Equal: every figure is confirmed; larger: a warning (a 其中 list may
    hold a sub-item of another item, so its sum is not proof); smaller: a list may be partial, nothing is said.

    The 三公 total and its three parts are the exception: the three are the whole, so their sum differing from the
    total either way is an error ("“三公”经费预算数为876.50万元…（一）因公出国（境）费839万元…（二）公务用车购置及运行费
    0万元…（三）公务接待费28.50万元").

    Bad:  "收入预算 1,212.12 万元，其中：财政拨款收入 950.12 万元；事业收入 362.00 万元" (950.12 + 362.00 > 1,212.12).
    Good: "… 事业收入 262.00 万元" (= 1,212.12).
    """

    id = "X056"
    severity = "warning"
    summary = "a 预算 total's 其中 amounts add up to it (equal: confirmed; more: a warning); the three 三公 parts: equal"
    compares = "narrative"

    def check(self, ctx: Context) -> Iterable[Finding]:
        if not _budget(ctx):
            return []
        parts: dict[int, list] = {}
        for c in ctx.claims:
            if c.kind == "amount" and c.parts_of is not None and money(c, "amount") is not None:
                parts.setdefault(c.parts_of, []).append(c)
        out = []
        for h, items in parts.items():
            head = ctx.claims[h] if 0 <= h < len(ctx.claims) else None
            hm = money(head, "amount") if head is not None else None
            if head is None or hm is None or len(items) < 2:
                continue
            s = _sum([money(c, "amount")[:2] for c in items])  # type: ignore[index]
            if s[1].overlaps(hm[1]):
                for c in (head, *items):
                    ctx.verify(c, self.id)
            elif s[1].lo > hm[1].hi:
                terms = " + ".join(c.values["amount"].raw for c in items)
                out.append(claim_finding(
                    self, ctx, head, Msg("rule.X056.exceeds", subject=head.subject or "", terms=terms, sum=fmt(s[0]),
                                         total=head.values["amount"].raw),
                    stated=head.values["amount"].raw, expected=f"≥ {fmt(s[0])} 万元",
                    evidence=[claim_evidence(head, "amount")] + [claim_evidence(c, "amount") for c in items], extra_claims=items))
        return out + self._sangong(ctx)

    def _sangong(self, ctx: Context) -> list[Finding]:
        """The 三公 total and its three parts stated under it ("“三公”经费预算数为21.39万元…其中：（一）因公出国（境）费
        11.08万元 …（二）公务用车购置及运行费7.86万元 …（三）公务接待费2.45万元"), and 公务用车购置及运行费 and its two
        lines ("其中：公务用车购置费0万元…；公务用车运行费7.86万元"): the parts are the whole of it, so their sum equals
        it — an error either way."""
        voc = _voc()
        sub = re.compile(voc["sangong_car_sub"])
        car = re.compile(voc["sangong_car_whole"])
        families = [(sangong_total, [re.compile(p) for p in voc["sangong_parts"]], sub),
                    (lambda c: bool(car.search(subject_key(c))), [re.compile(p) for p in voc["sangong_car_parts"]], None)]
        amounts = [c for c in ctx.claims if c.kind == "amount" and money(c, "amount") is not None]
        out = []
        for is_whole, parts_re, exclude in families:
            for k, total in enumerate(amounts):
                if not is_whole(total) or not total.section:
                    continue
                scope = []
                for c in amounts[k + 1:]:
                    if not (c.section or "").startswith(total.section) or is_whole(c):
                        break
                    scope.append(c)
                found = self._one_each(scope, parts_re, exclude)
                if found is not None:
                    out.extend(self._sangong_sum(ctx, total, found))
        return out

    @staticmethod
    def _one_each(scope: list, parts_re: list, exclude) -> list | None:
        """For each part pattern the claim of ``scope`` stating it (one figure however often stated), else None."""
        found = []
        for p in parts_re:
            hit = [c for c in scope if p.search(subject_key(c)) and not (exclude and exclude.search(subject_key(c)))]
            if not hit or len({money(c, "amount")[0] for c in hit}) != 1:  # type: ignore[index]
                return None
            found.append(hit[0])
        return found

    def _sangong_sum(self, ctx: Context, total, parts: list) -> list[Finding]:
        t = money(total, "amount")
        v, iv = _sum([money(c, "amount") for c in parts])  # type: ignore[misc]
        assert t is not None
        if iv.overlaps(t[1]):
            for c in (total, *parts):
                ctx.verify(c, self.id)
            return []
        terms = " + ".join(c.values["amount"].raw for c in parts)
        f = claim_finding(
            self, ctx, total, Msg("rule.X056.sangong", subject=total.subject or "", terms=terms, sum=fmt(v),
                                  total=total.values["amount"].raw),
            stated=total.values["amount"].raw, expected=f"{fmt(v)} 万元", severity="error",
            evidence=[claim_evidence(total, "amount")] + [claim_evidence(c, "amount") for c in parts], extra_claims=parts)
        at = sorted({c.sentence_index for c in (total, *parts) if c.sentence_index is not None})
        if at and at[-1] < len(ctx.doc.sentences):  # the whole's sentence and its parts' (which is wrong, the sum cannot say)
            f.text = "".join(ctx.doc.sentences[i].text for i in at)
        return [f]
