"""X054: a 三公 part's share is of the 三公 total (and the three parts' shares add up to 100%)."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

import regex as re

from ....claims.model import TableRef
from ....numbers import Interval
from ...base import Context, Finding, Msg, Rule, claim_evidence, fmt, fmt_pct
from ...budget_changes import _budget, _sum, _voc
from ...claimutil import claim_finding, money, percent, subject_key

_TABLE_TOTAL = "三公经费预算表"  # X054: the 三公 total read from its table (else "三项之和", the three parts stated)


def budget_table_cell(ctx: Context, what: str) -> tuple[Decimal, Interval, object] | None:
    """A figure of the 预算 tables (``what``: "sangong_total" the 三公 total, "sangong_with_meetings" the total of a 三公
    table that also holds 会议费 and 培训费), in 万元 with its interval, when the table was read reliably."""
    spec = _voc()["cells"].get(what)
    if spec is None:
        return None
    for col in spec["columns"]:
        cell, _ = ctx.cell(TableRef(spec["table"], column=col))
        if cell is not None:
            return cell.wan, cell.interval, cell
    return None


class SangongShareBase(Rule):
    """A 三公 part's share ("因公出国（境）费支出 100 万元，占“三公”经费的 20.65%") is of the 三公 total: the 三公
    table's total, else Σ of the three parts stated with it — not of a table total that also holds 会议费 and 培训费.
    When no single share is shown wrong, the three parts' shares still add up to 100% (each within its rounding).

    Bad:  "因公出国（境）费支出 100 万元，占“三公”经费的 7.22%" (100 / 1,384.74, the total with 会议费 and 培训费;
          the 三公 total is 484.30: 20.65%).
    Good: "… 占“三公”经费的 20.65%".
    """

    id = "X054"
    severity = "error"
    summary = "a 三公 part's share is of the 三公 total (and the three parts' shares add up to 100%)"
    compares = "narrative"

    def check(self, ctx: Context) -> Iterable[Finding]:
        if not _budget(ctx):
            return []
        voc = _voc()
        named, parts_re = re.compile(voc["sangong_base"]), [re.compile(p) for p in voc["sangong_parts"]]
        shares = [c for c in ctx.claims if c.kind == "share" and named.search(re.sub(r"\s+", "", c.base_subject or c.basis or ""))
                  and money(c, "amount") is not None and percent(c, "share") is not None]
        if not shares:
            return []
        total = self._total(ctx, shares, parts_re)
        if total is None:
            for c in shares:
                ctx.cannot(c, Msg("rule.X054.no_total"))
            return []
        wide = budget_table_cell(ctx, "sangong_with_meetings")
        out = []
        for c in shares:
            a, s = self._part(ctx, c, parts_re), percent(c, "share")
            assert s is not None
            q = a[1] / total[1]
            if q is None:
                continue  # the total may be 0 (parts stated as "0 万元" hold up to 0.5): no ratio; _sum decides
            if q.overlaps(s[1]):
                ctx.verify(c, self.id)
                continue
            key, extra = "share", {}
            if wide is not None:
                qw = a[1] / wide[1]
                if qw is not None and qw.overlaps(s[1]):
                    key, extra = "wide", {"wide": fmt(wide[0])}
            stated_a = money(c, "amount")
            assert stated_a is not None
            qn = stated_a[1] / total[1]
            if (key == "share" and total[2] == _TABLE_TOTAL and c.base is not None and c.base.source == "table"
                    and qn is not None and not qn.overlaps(s[1])):
                continue  # its base is the 三公 total's cell, read, and its stated amount already contradicts it: N002's
            out.append(claim_finding(
                self, ctx, c, Msg(f"rule.X054.{key}", subject=c.subject or "", stated=c.values["share"].raw,
                                  amount=c.values["amount"].raw, total=fmt(total[0]), how=total[2],
                                  expected=fmt_pct(a[0] / total[0]) if total[0] else "—", **extra),
                stated=c.values["share"].raw, expected=fmt_pct(a[0] / total[0]) if total[0] else "—",
                evidence=[claim_evidence(c, "amount"), claim_evidence(c, "share")]))
        return out or self._sum(ctx, shares, parts_re)

    def _sum(self, ctx: Context, shares: list, parts_re: list) -> list[Finding]:
        """The three parts' shares of the 三公 total add up to 100% (each within its rounding): when no single share
        was shown wrong — a part stated as "0 万元" stands for up to 0.5 万元, which leaves the total too wide to judge
        one share — their sum still tells that one of them is not of the 三公 total."""
        found = []
        for p in parts_re:
            hit = [c for c in shares if p.search(subject_key(c))]
            if len(hit) != 1:
                return []
            found.append(hit[0])
        if not any(m[1].lo > 0 for m in (money(c, "amount") for c in found) if m is not None):
            return []  # every part may be 0: no shares at all (0.00% each is then no contradiction)
        v, iv = _sum([percent(c, "share") for c in found])  # type: ignore[misc]
        if iv.lo <= 1 <= iv.hi:
            for c in found:
                ctx.verify(c, self.id)
            return []
        f = claim_finding(
            self, ctx, found[0], Msg("rule.X054.sum", terms=" + ".join(c.values["share"].raw for c in found),
                                     sum=fmt_pct(v)),
            stated=fmt_pct(v), expected="100.00%", evidence=[claim_evidence(c, "share") for c in found],
            extra_claims=found[1:])
        sentences = {c.sentence_index: c for c in found if c.sentence_index is not None}
        if sentences:  # the sentence(s) stating the three shares
            f.text = "".join(ctx.doc.sentences[i].text for i in sorted(sentences))
        return [f]

    def _part(self, ctx: Context, c, parts_re: list) -> tuple[Decimal, Interval]:
        """The part's amount: as stated, or its table cell when the two agree and the cell is printed finer."""
        a = money(c, "amount")
        assert a is not None
        k = next((i for i, p in enumerate(parts_re) if p.search(subject_key(c))), None)
        names = _voc()["sangong_part_cells"]
        cell = budget_table_cell(ctx, names[k]) if k is not None and k < len(names) else None
        if cell is not None and cell[1].overlaps(a[1]) and cell[1].hi - cell[1].lo < a[1].hi - a[1].lo:
            return cell[0], cell[1]
        return a

    def _total(self, ctx: Context, shares: list, parts_re: list) -> tuple[Decimal, Interval, str] | None:
        cell = budget_table_cell(ctx, "sangong_total")
        if cell is not None:
            return cell[0], cell[1], _TABLE_TOTAL
        found = []
        for p in parts_re:
            hit = [c for c in shares if p.search(subject_key(c))]
            if len(hit) != 1:
                return None
            m = money(hit[0], "amount")
            assert m is not None
            found.append(m)
        v, iv = _sum(found)
        return v, iv, "三项之和"
