"""A fact stated in two places: the same quantity (or a whole and its parts) given in two sections, or in a section
and a table, must agree.

* X040 政府采购 货物 + 工程 + 服务 = the total stated with them;
* X041 amounts awarded within the projects reserved for SMEs / micro enterprises ≤ the amounts reserved, and
  contracts granted to micro ≤ to SMEs ≤ the whole 政府采购;
* X042 the year-on-year changes of the three 三公 parts add up to the change of the 三公 total;
* X043 the 三公 lines of the 基本支出决算表 (30212, 30217, 30231) ≤ the 三公 table's 决算数 of the same part.

Vocabulary (subjects, codes, columns): ``patterns/facts.toml``. Every comparison is interval arithmetic on the
figures as printed (a figure with d decimals stands for ±0.5·10^-d).
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

import regex as re

from ..claims.budget import document_kind
from ..claims.model import Claim
from ..numbers import Interval
from ..tables.place import cell_bounds
from .base import (
    Context,
    Evidence,
    Finding,
    Msg,
    Rule,
    claim_evidence,
    fmt,
    interval_of,
    row_location,
    row_text,
    table_places,
)
from .claimutil import claim_finding, each_once, money, sangong_part_changes, sangong_total, squash
from .claimutil import signed_change as _signed_change
from .claimutil import subject_is as _is
from .claimutil import vocabulary as _voc

GROUP = "facts"


def _amount_claims(ctx: Context) -> list:
    return [c for c in ctx.claims if c.kind == "amount" and money(c, "amount") is not None]


def _amount(c) -> tuple[Decimal, Interval]:
    """The amount of a claim known to state one (from _amount_claims, or checked before)."""
    m = money(c, "amount")
    assert m is not None
    return m


def _nonneg(iv: Interval) -> Interval:
    """A 政府采购 amount's interval without its negative part: a "0万元" stands for [0, 0.5], not [−0.5, 0.5] (no
    procurement is negative), so "0万元，其中：…工程0.76万元" is shown wrong."""
    return Interval(max(iv.lo, Decimal(0)), max(iv.hi, Decimal(0)))


def _only(found: list):
    return found[0] if len(found) == 1 else None


def _sentence(ctx: Context, claim) -> str:
    si = claim.sentence_index
    if si is not None and 0 <= si < len(ctx.doc.sentences):
        return ctx.doc.sentences[si].text
    return claim.text


class ProcurementParts(Rule):
    """政府采购 货物 + 工程 + 服务 = the total stated with them (same sentence, or the next one opening with 其中).

    Bad:  "政府采购金额为 372.34 万元，其中：货物采购金额 8.57 万元、工程采购金额 0.00 万元、服务采购金额 336.77 万元"
          (8.57 + 0.00 + 336.77 = 345.34 ≠ 372.34).
    Good: "… 服务采购金额 363.77 万元" (8.57 + 0.00 + 363.77 = 372.34).
    """

    id = "X040"
    group = GROUP
    severity = "error"
    summary = "政府采购 货物 + 工程 + 服务 = the stated total"

    def check(self, ctx: Context) -> Iterable[Finding]:
        voc = _voc("procurement")
        out = []
        claims = _amount_claims(ctx)
        for total in claims:
            if not _is(total, voc["total"]):
                continue
            sent = [c for c in claims if c.sentence_index == total.sentence_index and ctx.idx(c) > ctx.idx(total)]
            if not any(_is(c, voc[k]) for c in sent for k in ("goods", "works", "services")):
                # the parts in a sentence of their own that opens with 其中 ("政府采购预算总金额为 4641.62 万元。其中
                # 拟购买货物 962.86 万元；…"): the claims linked to the total as its parts
                sent = [c for c in claims if c.parts_of == ctx.idx(total)]
            parts = each_once(("goods", "works", "services"), lambda key, sent=sent: _only([c for c in sent if _is(c, voc[key])]))
            partial = False
            if not parts and document_kind(ctx.doc) == "预算":
                # a 预算 may state two of the three ("拟采购货物 268 万元、拟购买服务 2,828.24 万元"): their sum cannot
                # exceed the total, and equal to it they confirm it
                found = [_only([c for c in sent if _is(c, voc[k])]) for k in ("goods", "works", "services")]
                parts, partial = [p for p in found if p is not None], True
                if len(parts) < 2:
                    continue
            if not parts:
                continue
            s_val, s_iv = Decimal(0), Interval.point(Decimal(0))
            for p in parts:
                v, iv = _amount(p)
                s_val, s_iv = s_val + v, s_iv + _nonneg(iv)
            t_iv = _narrowed_by_cell(ctx, total, _amount(total)[1])
            if s_iv.overlaps(_nonneg(t_iv)):
                if _coarse_total_differs(total, parts, s_iv):
                    terms = " + ".join(p.values["amount"].raw for p in parts)
                    out.append(claim_finding(
                        self, ctx, total, Msg("rule.X040.coarse", terms=terms, sum=fmt(s_val), total=total.values["amount"].raw),
                        stated=total.values["amount"].raw, expected=f"{fmt(s_val)} 万元", severity="warning",
                        evidence=[claim_evidence(total, "amount")] + [claim_evidence(p, "amount") for p in parts],
                        extra_claims=parts))
                    out[-1].text = "".join(_sentence(ctx, c) for c in {c.sentence_index: c for c in (total, *parts)}.values())
                    continue
                for c in (total, *parts):
                    ctx.verify(c, self.id)
                continue
            if partial and s_iv.hi < t_iv.lo:
                continue  # the part not stated may make up the rest
            terms = " + ".join(p.values["amount"].raw for p in parts)
            out.append(claim_finding(
                self, ctx, total,
                Msg("rule.X040.parts", terms=terms, sum=fmt(s_val), total=total.values["amount"].raw),
                stated=total.values["amount"].raw, expected=f"{fmt(s_val)} 万元",
                evidence=[claim_evidence(total, "amount")] + [claim_evidence(p, "amount") for p in parts],
                extra_claims=parts))
            # the sentence of the total and, when the parts follow in their own, that one too
            out[-1].text = "".join(_sentence(ctx, c) for c in {c.sentence_index: c for c in (total, *parts)}.values())
        return out


def _coarse_total_differs(total: Claim, parts: list[Claim], s_iv: Interval) -> bool:
    """A total printed as a whole number ("0 万元", trailing zeros dropped) whose parts print cents, and the parts'
    sum lies outside the total read at the cent: within the whole number's rounding, so no error, but a reviewer
    reads "0 万元" as nothing (a warning)."""
    if "." in total.values["amount"].raw:
        return False
    places = max((p.values["amount"].raw.split(".")[1].rstrip(" 万元") for p in parts if "." in p.values["amount"].raw),
                 key=len, default="")
    if not places:
        return False
    return not s_iv.overlaps(_nonneg(interval_of(Decimal(total.values["amount"].value), len(places))))


def _narrowed_by_cell(ctx: Context, claim: Claim, iv: Interval) -> Interval:
    """A stated total's interval narrowed by the table cell it names when the two agree: "政府采购支出预算总额 0 万元"
    where the 政府采购 table prints 0.00 is 0.00 (±0.005), not anything up to 0.5 万元."""
    if claim.ref is None:
        return iv
    cell, _ = ctx.cell(claim.ref)
    if cell is None:
        return iv
    lo, hi = max(iv.lo, cell.interval.lo), min(iv.hi, cell.interval.hi)
    return Interval(lo, hi) if lo <= hi else iv


class ProcurementAwarded(Rule):
    """Amounts awarded within the projects reserved for SMEs (micro enterprises) do not exceed the amounts
    reserved; contracts granted to micro enterprises do not exceed those granted to SMEs, nor these the whole
    政府采购. A warning: the reserved amount is a budget and the awarded one a contract sum, which the narrative only
    implies are of the same projects.

    Bad:  "面向小微企业预留政府采购项目预算金额 152.92 万元 … 由小微企业供应商中标或成交的，采购金额 182.92 万元".
    Good: "… 采购金额 152.92 万元" (152.92 ≤ 152.92).

    A 预算's part reserved for micro enterprises is of the amount reserved for SMEs ("面向中小企业预留政府采购项目
    预算金额34万元，其中，预留给小型和微型企业的政府采购项目预算为34万元"): more than it is an error (both are the
    same budget's figures).
    """

    id = "X041"
    group = GROUP
    severity = "warning"
    summary = "政府采购 awarded ≤ reserved (中小/小微 企业); reserved for 小微 ≤ for 中小; granted to 小微 ≤ to 中小 ≤ the total"

    def check(self, ctx: Context) -> Iterable[Finding]:
        voc = _voc("procurement")
        claims = _amount_claims(ctx)

        def one(key):
            found = [c for c in claims if _is(c, voc[key])]
            vals = {_amount(c)[0] for c in found}
            return found[0] if found and len(vals) == 1 else None  # stated twice differently: X001's business

        out = []
        for small, big, what in (("reserved_micro_part", "reserved_sme", Msg("rule.X041.reserved_micro")),
                                 ("awarded_sme", "reserved_sme", Msg("rule.X041.awarded_sme")),
                                 ("awarded_micro", "reserved_micro", Msg("rule.X041.awarded_micro")),
                                 ("granted_micro", "granted_sme", Msg("rule.X041.granted_micro")),
                                 ("granted_sme", "total", Msg("rule.X041.granted_sme"))):
            a, b = one(small), one(big)
            if a is None or b is None:
                continue
            (_av, aiv), (_bv, biv) = _amount(a), _amount(b)
            if aiv.lo <= biv.hi:
                ctx.verify(a, self.id)
                ctx.verify(b, self.id)
                continue
            out.append(claim_finding(
                self, ctx, a,
                Msg("rule.X041.exceeds", what=what, amount=a.values["amount"].raw, subject=b.subject,
                    other=b.values["amount"].raw),
                stated=a.values["amount"].raw, expected=f"≤ {b.values['amount'].raw}",
                evidence=[claim_evidence(a, "amount"), claim_evidence(b, "amount")], extra_claims=[b],
                # a part of a reserved amount is of the same budget (its 其中): more than the whole is wrong
                severity="error" if small == "reserved_micro_part" else ""))
        return out


class SangongChangesAddUp(Rule):
    """The year-on-year changes of the three 三公 parts (因公出国, 公务用车购置及运行维护, 公务接待; 持平 = 0) add up
    to the change of the 三公 total stated with them.

    Bad:  "三公经费支出决算数比 2024 年度减少 19.66 万元，其中：因公出国（境）费与 2024 年持平；公务用车购置及运行维护费
          减少 20.06 万元；公务接待费增加 4.00 万元" (0 − 20.06 + 4.00 = −16.06 ≠ −19.66).
    Good: "… 公务接待费增加 0.40 万元" (0 − 20.06 + 0.40 = −19.66).
    """

    id = "X042"
    group = GROUP
    severity = "error"
    summary = "三公 parts' year-on-year changes add up to the total's change"

    def check(self, ctx: Context) -> Iterable[Finding]:
        out = []
        changes = [c for c in ctx.claims if c.kind == "change"]
        for total in changes:
            if not sangong_total(total):
                continue
            tc = _signed_change(total)
            if tc is None:
                continue
            later = [c for c in changes if ctx.paragraph_of(c) is ctx.paragraph_of(total) and ctx.idx(c) > ctx.idx(total)]
            parts = sangong_part_changes(later)
            if not parts:
                continue
            s_val = sum((v for _, (v, _) in parts), Decimal(0))
            s_iv = Interval.point(Decimal(0))
            for _, (_, iv) in parts:
                s_iv = s_iv + iv
            part_claims = [c for found, _ in parts for c in found]
            if s_iv.overlaps(tc[1]):
                for c in (total, *part_claims):
                    ctx.verify(c, self.id)
                continue
            terms = " + ".join(f"({fmt(v)})" for _, (v, _) in parts)
            out.append(claim_finding(
                self, ctx, total,
                Msg("rule.X042.changes", terms=terms, sum=fmt(s_val), total=fmt(tc[0])),
                stated=f"{fmt(tc[0])} 万元", expected=f"{fmt(s_val)} 万元",
                evidence=[claim_evidence(total, "change")] + [claim_evidence(c, "change") for c in part_claims if "change" in c.values],
                extra_claims=part_claims))
            quoted = []  # the total's sentence and the parts' (they may follow in the next sentence)
            for c in (total, *part_claims):
                if _sentence(ctx, c) not in quoted:
                    quoted.append(_sentence(ctx, c))
            out[-1].text = "".join(quoted)
        return out


class SangongBasicLines(Rule):
    """The 三公 lines of the 一般公共预算财政拨款基本支出决算表 (30212 因公出国（境）费用, 30217 公务接待费, 30231 公务用车
    运行维护费) do not exceed the 三公 table's 决算数 of the same part. The 三公 table covers all 财政拨款 (一般公共预算
    and 政府性基金, 基本 and 项目 支出), the 基本支出 table only 一般公共预算 基本支出: the two are equal only when the
    department's 三公 is all 基本支出 from 一般公共预算, which the tables do not state — so only the inequality is
    checked, and as a warning (a line may be booked under another code than the 三公 statistics use).

    Bad:  基本支出决算表 30217 公务接待费 2.40 while the 三公 table's 决算数·公务接待费 is 0.40.
    Good: 30217 公务接待费 0.40, 三公 决算数·公务接待费 0.40.
    """

    id = "X043"
    group = GROUP
    severity = "warning"
    summary = "基本支出 三公 lines (30212/30217/30231) ≤ the 三公 table's 决算数"

    def check(self, ctx: Context) -> Iterable[Finding]:
        basic, sg = ctx.table("gpb_basic"), ctx.table("sangong")
        if basic is None or sg is None:
            return []
        if any(t.title in ctx.unreliable or t.name in ctx.unreliable or t.kind in ctx.unreliable for t in (basic, sg)):
            return []
        sg_rows = [r for r in sg.rows if any(v is not None for v in r.values.values()) or r.extra.get("placements")]
        if len(sg_rows) != 1:
            return []
        srow = sg_rows[0]
        budget = document_kind(ctx.doc) == "预算"  # a 预算's tables: 预算数 columns, 基本支出 by 合计, often in 元
        total_col = "预算数|合计" if budget else "决算数|合计"
        bcol = basic.columns[0] if len(basic.columns) == 1 else ("决算数" if "决算数" in basic.columns else
                                                                ("合计" if budget and "合计" in basic.columns else None))
        if bcol is None:
            return []
        bp, sp = table_places(basic), table_places(sg)
        bk = Decimal("0.0001") if basic.unit == "元" else Decimal(1)  # to 万元
        sk = Decimal("0.0001") if sg.unit == "元" else Decimal(1)
        out = []
        for line in _voc("sangong")["basic_line"]:
            column = re.sub("^决算数", "预算数", line["column"]) if budget else line["column"]
            brow = next((r for r in basic.rows if r.code == line["code"]), None)
            if brow is None or brow.values.get(bcol) is None:
                continue
            if budget and column.split("|")[-1][:4] not in squash(brow.name):
                continue  # a 预算's own 经济分类 may give the code another line (上海 30212 退休人员活动费)
            sv = srow.values.get(column)
            if srow.partial:  # figures not placed uniquely: the greatest value the part takes in any placement
                bounds = cell_bounds(srow, column)
                if bounds is None:
                    continue
                sv = bounds[1]
            if sv is None:  # a blank part in a printed 三公 row is 0 (layouts that print 0 as blank); else unknown
                if srow.values.get(total_col) is None or column not in sg.columns:
                    continue
                sv = Decimal(0)
            bv = brow.values[bcol]
            if bv is None:
                continue
            if interval_of(bv, bp).scale(bk).lo <= interval_of(sv, sp).scale(sk).hi:
                continue
            out.append(Finding(
                self.id, "",
                Msg("rule.X043.exceeds", code=line["code"], row=brow.name, value=fmt(bv), column=column,
                    sangong=fmt(sv)),
                row_text(brow), stated=fmt(bv), expected=f"≤ {fmt(sv)}",
                location=row_location(basic, brow),
                evidence=[Evidence("table", fmt(bv), basic.title, f"{brow.code} {brow.name}", bcol),
                          Evidence("table", fmt(sv), sg.title, srow.name, column)]))
        return out


_KEMU = re.compile(r"[（(](?:类|款|项)[）)]")


class ItemHeadingBody(Rule):
    """A numbered item's heading states the 科目's 决算 ("…（项）62.40 万元。"); the 决算 its body states ("支出决算为
    62.40 万元") is the same figure. The body is the claims that follow the heading up to the next 科目, in the
    heading's paragraph or the next ones of the same section, whose subject is the heading's 科目 or none.

    Bad:  "1.一般公共服务支出（类）…行政运行（项）56.94 万元。年初预算数为 50.67 万元，决算数 58.94 万元".
    Good: "… 行政运行（项）56.94 万元。年初预算数为 50.67 万元，决算数 56.94 万元".
    """

    id = "X044"
    group = GROUP
    severity = "error"
    summary = "an item's 决算 in its heading equals the 决算 in its body"

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
                if m[1].overlaps(hiv) and not two:
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


RULES = [ProcurementParts, ProcurementAwarded, SangongChangesAddUp, SangongBasicLines, ItemHeadingBody]
