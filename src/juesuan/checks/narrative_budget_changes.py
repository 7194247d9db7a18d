"""X-rules of the 预算 narrative: what a budget is compared with, the item form, and changes that add up.

* X050 the base year of a 预算's comparison is the year before the budget year ("2026年预算…比2026年预算增加");
* X051 an item's headline figure equals its "预算安排" figure (the item form of the 上海 family);
* X052 a statement impossible on its face (a 0 budget "比上年增加 X"; B < A said to have increased);
* X053 the changes of the classes (功能分类 类; 基本 / 项目 / 预留) add up to the total's change, when their
  amounts prove the list complete (Σ class amounts = the total's amount);
* X054 a 三公 part's share is of the 三公 total (Σ of the three parts), not of a total that also holds 会议费 and
  培训费, and the three parts' shares add up to 100%;
* X055 the item form's rate recomputes as (B − A) / A; when it does not, the finding says whether the rate only
  works with one digit of A removed (a stray digit) or repeats the item above.
* X056 a total's 其中 amounts add up to it; the three 三公 parts add up to the 三公 total.

Every comparison is interval arithmetic on the figures as printed. The rules read claims of a 预算 document only
(``claims.budget.document_kind``); vocabulary in ``patterns/rules.toml`` [budget].
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

import regex as re

from ..claims.budget import document_kind
from ..claims.model import TableRef
from ..numbers import Interval
from ..patterns import load
from .base import Context, Finding, Msg, Rule, claim_evidence, fmt, fmt_pct
from .claimutil import claim_finding, current_amount, money, percent, previous_interval, sangong_total, subject_key

GROUP = "narrative_narrative"
_TABLE_TOTAL = "三公经费预算表"  # X054: the 三公 total read from its table (else "三项之和", the three parts stated)
ZERO = Decimal(0)


def _budget(ctx: Context) -> bool:
    return document_kind(ctx.doc) == "预算"


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


def _voc() -> dict:
    return load("rules")["budget"]


def _sum(items: list[tuple[Decimal, Interval]]) -> tuple[Decimal, Interval]:
    v, iv = ZERO, Interval.point(ZERO)
    for x, i in items:
        v, iv = v + x, iv + i
    return v, iv


def _provable_sign(d: Interval) -> int | None:
    """+1 / −1 when every value of ``d`` is above / below 0, else None (0 within rounding)."""
    return 1 if d.lo > 0 else -1 if d.hi < 0 else None


def _signed(c) -> tuple[Decimal, Interval] | None:
    """A change claim's signed change in 万元 (持平 = 0, 基本持平 none)."""
    if c.direction == 0 and "change" not in c.values:
        return None if c.approx else (ZERO, Interval.point(ZERO))
    m = money(c, "change")
    if m is None or c.direction not in (1, -1):
        return None
    return (m[0], m[1]) if c.direction == 1 else (-m[0], m[1].scale(Decimal(-1)))


class BaseYear(Rule):
    """A 预算 is compared with the year before its budget year: "2025年…比2024年预算增加". A base of the budget
    year itself (or later) compares the budget with itself.

    Bad:  (2026年部门预算) "财政拨款支出预算 9,101.68 万元，比2026年预算减少 2,389.52 万元".
    Good: (2026年部门预算) "…，比2025年预算减少 2,389.52 万元".
    """

    id = "X050"
    group = GROUP
    severity = "error"
    summary = "a 预算's comparison base is the year before the budget year"

    def check(self, ctx: Context) -> Iterable[Finding]:
        year = ctx.doc.year
        if not _budget(ctx) or not year:
            return []
        out = []
        for c in ctx.claims:
            if c.kind != "change" or c.basis_year is None:
                continue
            if c.basis_year == year - 1:
                continue  # the year is right; the change itself is another rule's (no claim is confirmed by its year)
            sev = "error" if c.basis_year >= year else "warning"
            out.append(claim_finding(
                self, ctx, c, Msg("rule.X050.year", year=year, base_year=c.basis_year, basis=c.basis or "", expected=year - 1),
                stated=f"{c.basis_year}年", expected=f"{year - 1}年", severity=sev))
        return out


class ItemHeadline(Rule):
    """An item of the 上海 form states its figure twice: the headline ("1.“…（项）”53.84万元") and "2024年预算安排
    53.84万元". They are one quantity. When they differ and one of them repeats the item above, it was copied.

    Bad:  "2.“…机关事业单位基本养老保险缴费支出（项）”76.76万元。2023年当年预算执行数为70.70万元，2024年预算安排
          67.76万元，…".
    Good: "… 2024年预算安排76.76万元 …".
    """

    id = "X051"
    group = GROUP
    severity = "error"
    summary = "an item's headline figure equals its 预算安排 figure"

    def check(self, ctx: Context) -> Iterable[Finding]:
        if not _budget(ctx):
            return []
        out = []
        items = [c for c in ctx.claims if c.kind == "change" and c.headline is not None and money(c, "amount")]
        for k, c in enumerate(items):
            head = ctx.claims[c.headline] if c.headline is not None and c.headline < len(ctx.claims) else None
            hm, bm = (money(head, "amount") if head is not None else None), money(c, "amount")
            if head is None or hm is None or bm is None:
                continue
            if hm[1].overlaps(bm[1]):
                ctx.verify(c, self.id)
                ctx.verify(head, self.id)
                continue
            above = items[k - 1] if k > 0 else None
            key = "copied" if above is not None and self._repeats(ctx, above, hm[0], bm[0]) else "differs"
            out.append(claim_finding(
                self, ctx, c, Msg(f"rule.X051.{key}", subject=c.subject or "", headline=head.values["amount"].raw,
                                  stated=c.values["amount"].raw, line=head.line),
                stated=c.values["amount"].raw, expected=head.values["amount"].raw,
                evidence=[claim_evidence(head, "amount"), claim_evidence(c, "amount")], extra_claims=[head]))
        return out


    @staticmethod
    def _repeats(ctx: Context, above, headline: Decimal, stated: Decimal) -> bool:
        """One of the item's two figures is the item above's (its 预算安排 or its headline): copied from it."""
        figs = {m[0] for m in (money(above, "amount"),) if m is not None}
        if above.headline is not None and 0 <= above.headline < len(ctx.claims):
            hm = money(ctx.claims[above.headline], "amount")
            if hm is not None:
                figs.add(hm[0])
        return headline in figs or stated in figs


class ImpossibleChange(Rule):
    """A change that cannot be: the previous year would be negative ("预算0万元，比上年增加 5 万元"), or the two
    figures of an item contradict its direction word (B < A said to have increased).

    Bad:  "政府性基金拨款支出预算0万元，比2024年预算增加 12.00 万元" (previous = 0 − 12.00 < 0).
    Good: "政府性基金拨款支出预算0万元，比2024年预算减少 12.00 万元".
    """

    id = "X052"
    group = GROUP
    severity = "error"
    summary = "a change impossible on its face (negative previous year; direction against the figures)"

    def check(self, ctx: Context) -> Iterable[Finding]:
        if not _budget(ctx):
            return []
        out = []
        for c in ctx.claims:
            if c.kind != "change" or c.direction is None:
                continue
            prev, cur = money(c, "previous"), money(c, "amount")
            if prev is not None and cur is not None:  # the item form: both figures stated
                sign = _provable_sign(cur[1] - prev[1])
                if sign is not None and sign != c.direction:
                    out.append(self._item(ctx, c, prev, cur))
                continue
            ch = money(c, "change")
            if ch is None or c.direction != 1:
                continue
            now = current_amount(ctx, c)
            if now is None:
                continue
            pv = previous_interval(c, now[1], ch[1])
            if pv.hi < 0:
                out.append(claim_finding(
                    self, ctx, c, Msg("rule.X052.negative", subject=c.subject or "", current=fmt(now[0]),
                                      change=c.values["change"].raw, previous=fmt(now[0] - ch[0])),
                    stated=c.values["change"].raw, expected=f"≤ {fmt(now[0])} 万元",
                    evidence=[claim_evidence(c, "change")]))
        return out

    def _item(self, ctx: Context, c, prev, cur) -> Finding:
        word = {1: "增加", -1: "减少", 0: "持平"}[c.direction]
        return claim_finding(
            self, ctx, c, Msg("rule.X052.direction", subject=c.subject or "", previous=c.values["previous"].raw,
                              current=c.values["amount"].raw, word=word),
            stated=word, expected=fmt(cur[0] - prev[0]),
            evidence=[claim_evidence(c, "previous"), claim_evidence(c, "amount")])


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
    group = GROUP
    severity = "error"
    summary = "the classes' changes add up to the total's change (when the classes' amounts make up the total)"

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


class SangongShareBase(Rule):
    """A 三公 part's share ("因公出国（境）费支出 100 万元，占“三公”经费的 20.65%") is of the 三公 total: the 三公
    table's total, else Σ of the three parts stated with it — not of a table total that also holds 会议费 and 培训费.
    When no single share is shown wrong, the three parts' shares still add up to 100% (each within its rounding).

    Bad:  "因公出国（境）费支出 100 万元，占“三公”经费的 7.22%" (100 / 1,384.74, the total with 会议费 and 培训费;
          the 三公 total is 484.30: 20.65%).
    Good: "… 占“三公”经费的 20.65%".
    """

    id = "X054"
    group = GROUP
    severity = "error"
    summary = "a 三公 part's share is of the 三公 total (and the three parts' shares add up to 100%)"

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


class ItemRate(Rule):
    """The item form's rate: "2023年当年预算执行数为A万元，2024年预算安排B万元，比2023年预算执行数增加P%" — P equals
    (B − A) / A (an amount instead of P equals B − A). When it does not, the finding says why if the figures tell:
    the rate works with one digit of A removed (a stray digit in the base), or it repeats the item above.

    Bad:  "2023年当年预算执行数为154.60万元，2024年预算安排53.84万元，比2023年预算执行数减少1.39%"
          ((53.84 − 154.60) / 154.60 = −65.17%; with 54.60, one digit removed: −1.39%).
    Good: "2023年当年预算执行数为54.60万元，2024年预算安排53.84万元，比2023年预算执行数减少1.39%".
    """

    id = "X055"
    group = GROUP
    severity = "error"
    summary = "an item's rate recomputes as (B − A) / A"

    def check(self, ctx: Context) -> Iterable[Finding]:
        if not _budget(ctx):
            return []
        out = []
        items = [c for c in ctx.claims if c.kind == "change" and money(c, "previous") and money(c, "amount")]
        for k, c in enumerate(items):
            a, b = money(c, "previous"), money(c, "amount")
            assert a is not None and b is not None
            d = c.direction if c.direction in (1, -1) else 1
            ch, rate = money(c, "change"), percent(c, "rate")
            if ch is not None:
                if (b[1] - a[1]).overlaps(ch[1].scale(Decimal(d))):
                    ctx.verify(c, self.id)
                else:
                    out.append(claim_finding(
                        self, ctx, c, Msg("rule.X055.change", subject=c.subject or "", stated=c.values["change"].raw,
                                          previous=c.values["previous"].raw, current=c.values["amount"].raw,
                                          expected=fmt(b[0] - a[0])),
                        stated=c.values["change"].raw, expected=fmt(b[0] - a[0]),
                        evidence=[claim_evidence(c, "previous"), claim_evidence(c, "amount"), claim_evidence(c, "change")]))
            if rate is None or _provable_sign(b[1] - a[1]) not in (None, d):
                continue  # a direction against the figures: X052
            signed = rate[1].scale(Decimal(d))
            q = (b[1] - a[1]) / a[1]
            if a[1].lo <= 0 or q is None:
                ctx.cannot(c, Msg("rule.N003.zero_base"))
                continue
            if q.overlaps(signed):
                ctx.verify(c, self.id)
                continue
            out.append(self._finding(ctx, c, a, b, signed, items[k - 1] if k else None))
        return out

    def _finding(self, ctx: Context, c, a, b, signed: Interval, above) -> Finding:
        exp = fmt_pct((b[0] - a[0]) / a[0]) if a[0] else "—"
        params = {"subject": c.subject or "", "stated": c.values["rate"].raw, "previous": c.values["previous"].raw,
                      "current": c.values["amount"].raw, "expected": exp}
        fixed = stray_digit(c.values["previous"].raw, b[1], signed)
        if fixed is not None:
            msg = Msg("rule.X055.stray", **params, fixed=fixed)
        elif above is not None and "rate" in above.values and above.values["rate"].value == c.values["rate"].value:
            msg = Msg("rule.X055.copied", **params, line=above.line)
        else:
            msg = Msg("rule.X055.rate", **params)
        return claim_finding(self, ctx, c, msg, stated=c.values["rate"].raw, expected=exp,
                             evidence=[claim_evidence(c, "previous"), claim_evidence(c, "amount"), claim_evidence(c, "rate")])


def stray_digit(raw: str, current: Interval, signed_rate: Interval) -> str | None:
    """The base figure as printed ("154.60万元") with one digit removed such that (current − base') / base'
    fits the stated rate, when exactly one such reading exists ("54.60"); else None."""
    m = re.match(r"^\s*([\d,]+(?:\.\d+)?)", raw)
    if not m:
        return None
    digits = m.group(1).replace(",", "")
    found = set()
    for i, ch in enumerate(digits):
        if not ch.isdigit():
            continue
        t = digits[:i] + digits[i + 1:]
        if not t or t.startswith(".") or (len(t) > 1 and t[0] == "0" and t[1] != "."):
            continue
        v = Decimal(t)
        if v <= 0 or v == Decimal(digits):
            continue  # a trailing 0 of the decimals: the same figure
        iv = Interval.of(v)
        q = (current - iv) / iv
        if q is not None and q.overlaps(signed_rate):
            found.add(t)
    return found.pop() if len(found) == 1 else None


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
    group = GROUP
    severity = "warning"
    summary = "a 预算 total's 其中 amounts add up to it (equal: confirmed; more: a warning); the three 三公 parts: equal"

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


class PerformanceCoverage(Rule):
    """The funds of the projects given 绩效目标 ("编报绩效目标的项目共25个，涉及项目预算资金11381.60万元") are part of the
    budget's 项目支出 (支出预算总表 合计·项目支出): never more.

    Bad:  "…涉及项目预算资金 36,381.60 万元" with 项目支出 35,168.40 万元.
    Good: "…涉及项目预算资金 11,381.60 万元".
    """

    id = "N011"
    group = "narrative_table"
    severity = "error"
    summary = "绩效目标 funds ≤ the 项目支出 of the 预算"

    def check(self, ctx: Context) -> Iterable[Finding]:
        if not _budget(ctx):
            return []
        voc = _voc()
        funds_re, goals_re = re.compile(voc["performance_funds"]), re.compile(voc["performance_goals"])
        out = []
        for c in ctx.claims:
            m = money(c, "amount")
            if c.kind != "amount" or m is None or not funds_re.search(subject_key(c)):
                continue
            if not any(goals_re.search(subject_key(o)) or goals_re.search(o.text) for o in ctx.neighbours(c) if o is not c):
                continue
            cell, why = ctx.cell(TableRef("expense", column="项目支出", row="合计"))
            if cell is None:
                ctx.cannot(c, why or Msg("reason.cell.not_found"))
                continue
            if m[1].lo <= cell.interval.hi:
                ctx.verify(c, self.id)
                continue
            # over by less than one unit of the stated figure's last place: the projects' amounts rounded one by
            # one and added (尾差), an info; more: the funds exceed the 项目支出
            residue = m[1].lo - cell.interval.hi <= m[1].hi - m[1].lo
            f = claim_finding(
                self, ctx, c, Msg("rule.N011.rounding" if residue else "rule.N011.exceeds", subject=c.subject or "",
                                  stated=c.values["amount"].raw, projects=fmt(cell.wan), table=cell.table.label),
                stated=c.values["amount"].raw, expected=f"≤ {fmt(cell.wan)} 万元",
                evidence=[claim_evidence(c, "amount"), cell.evidence()], table=cell.table.label)
            if residue:
                f.severity = "info"
            out.append(f)
        return out


RULES = [BaseYear, ItemHeadline, ImpossibleChange, ClassChangesAddUp, SangongShareBase, ItemRate, AmountPartsAddUp,
         PerformanceCoverage]
