"""X044: an item's 决算 in its heading equals the 决算 in its body."""

from __future__ import annotations

from collections.abc import Iterable

import regex as re

from ...base import Context, Finding, Msg, Rule, claim_evidence
from ...claimutil import claim_finding, money, squash
from ...restatement_helpers import _amount, _sentence

_KEMU = re.compile(r"[（(](?:类|款|项)[）)]")


class ItemHeadingBody(Rule):
    """A numbered item's heading states the 科目's 决算 ("…（项）62.40 万元。"); the 决算 its body states ("支出决算为
    62.40 万元") is the same figure. The body is the claims that follow the heading up to the next 科目, in the
    heading's paragraph or the next ones of the same section, whose subject is the heading's 科目 or none.

    Bad:  "1.一般公共服务支出（类）…行政运行（项）56.94 万元。年初预算数为 50.67 万元，决算数 58.94 万元".
    Good: "… 行政运行（项）56.94 万元。年初预算数为 50.67 万元，决算数 56.94 万元".
    """

    id = "X044"
    severity = "error"
    summary = "an item's 决算 in its heading equals the 决算 in its body"
    compares = "narrative"

    def check(self, ctx: Context) -> Iterable[Finding]:
        out = []
        claims = ctx.claims
        for i, head in enumerate(claims):
            if head.kind != "amount" or not _KEMU.search(head.subject or "") or money(head, "amount") is None:
                continue
            st = _sentence(ctx, head)
            if not head.opens_sentence and not head.numbered_item:
                continue  # a heading opens its sentence
            _hv, hiv = _amount(head)
            for body in claims[i + 1:i + 8]:
                if body.section != head.section or body.sentence_index == head.sentence_index:
                    if body.sentence_index == head.sentence_index:
                        continue
                    break
                if body.subject and _KEMU.search(body.subject) and squash(body.subject) != squash(head.subject):
                    break  # the next item
                if body.subject and squash(body.subject) != squash(head.subject):
                    continue
                m = money(body, "actual")
                if m is None:
                    continue
                hv, bv = head.values["amount"], body.values["actual"]
                # one figure printed two ways (same unit and decimals, one unit of the last place apart) is no 尾差
                two = hv.unit == bv.unit and hv.places == bv.places and hv.value != bv.value
                if m.interval.overlaps(hiv) and not two:
                    ctx.verify(head, self.id)
                    ctx.verify(body, self.id)
                else:
                    out.append(claim_finding(
                        self, ctx, body,
                        Msg("rule.X044.two_prints" if m[1].overlaps(hiv) else "rule.X044.heading", subject=head.subject,
                            heading=hv.raw, body=bv.raw),
                        stated=bv.raw, expected=hv.raw, severity="warning" if m[1].overlaps(hiv) else "",
                        evidence=[claim_evidence(head, "amount"), claim_evidence(body, "actual")], extra_claims=[head]))
                    out[-1].text = st + _sentence(ctx, body)
                break
        return out
