"""Slips a reviewer corrects before publication: fused opposite words, doubled punctuation, a rate without its %,
template residue, and 科目 names that differ from the tables' name for the same 科目. Each finding proposes the
correction in ``expected``.

The rules read the slip facts of :mod:`juesuan.claims.mentions` (vocabulary: ``patterns/slips.toml``) and the
parsed tables, never raw text.
"""

from __future__ import annotations

from collections.abc import Iterable

import regex as re

from ..claims.mentions import Slip, facts_of
from .base import Context, Evidence, Finding, Join, Location, Msg, Rule, norm_name, place_location

GROUP = "slips"


def _loc(ctx: Context, s) -> Location:
    return place_location(ctx, s.where, s.line, s.page)


def _corrected(s: Slip) -> str:
    """The sentence with the slip replaced by its correction (alternatives: the first one shown)."""
    fix = s.expected
    if s.kind == "residue" and fix.startswith(("(", "（")):  # a placeholder: the correction is the real figure
        return fix
    if " 或 " in fix:
        return fix
    return s.text.replace(s.stated, fix, 1) or "（删除）"


class _SlipRule(Rule):
    kind = ""
    what = ""  # catalogue key of the slip's name (patterns/messages.*.toml)

    def check(self, ctx: Context) -> Iterable[Finding]:
        out, seen = [], set()
        for s in facts_of(ctx.doc).slips:
            if s.kind != self.kind:
                continue
            key = (s.line, s.page, s.text, s.stated)
            if key in seen:
                continue
            seen.add(key)
            out.append(Finding(self.id, "", Msg("check.slip.found", what=Msg(self.what), stated=s.stated), s.text, stated=s.stated, expected=_corrected(s),
                               location=_loc(ctx, s)))
        return out


class FusedDirectionWords(_SlipRule):
    """Two opposite direction words fused into one phrase.

    Bad:  "与 2024 年度相比，收入支出总计增加减少 90.09 万元" (expected: "增加 或 减少", as the figures say).
    Good: "收入支出总计增加 90.09 万元".
    """

    id = "X030"
    group = GROUP
    severity = "warning"
    summary = "opposite direction words fused (增加减少, 大于小于)"
    kind = "fused"
    what = "rule.X030.what"


class DoubledPunctuation(_SlipRule):
    """A punctuation mark doubled, or two sentence marks in a row.

    Bad:  "主要原因是节约开支，，部分经费未支付。" (expected "，").
    Good: "主要原因是节约开支，部分经费未支付。"; "……" and "——" are single marks.
    """

    id = "X031"
    group = GROUP
    severity = "info"
    summary = "doubled punctuation"
    kind = "punctuation"
    what = "rule.X031.what"


class RateWithoutPercent(_SlipRule):
    """A rate or share printed without its %.

    Bad:  "收入支出总计增加 90.09 万元，增长 1.94。" (expected "1.94%").
    Good: "增长 1.94%。"
    """

    id = "X032"
    group = GROUP
    severity = "warning"
    summary = "a rate or share printed without %"
    kind = "rate"
    what = "rule.X032.what"


class TemplateResidue(Rule):
    """Template residue left in the published text: both alternatives in brackets, drafting instructions,
    placeholders for figures. One finding per sentence.

    Bad:  "无政府性基金预算财政拨款收入支出的，仍保留该表格式，并在本表下方作下述说明：" under a table;
          "收入支出总计增加（减少）90.09 万元" (expected "增加 或 减少").
    Good: "说明：…本年度没有政府性基金预算财政拨款收入和支出，故本表无数据。"
    """

    id = "X033"
    group = GROUP
    severity = "warning"
    summary = "template residue (增加（减少）, drafting instructions, XXX placeholders)"

    def check(self, ctx: Context) -> Iterable[Finding]:
        groups: dict[tuple, list[Slip]] = {}
        for s in facts_of(ctx.doc).slips:
            if s.kind == "residue":
                groups.setdefault((s.text, s.page, s.line if s.where != "narrative" else None), []).append(s)
        out = []
        for (text, _, _), ss in groups.items():
            first = ss[0]
            stated = "、".join(dict.fromkeys(s.stated for s in ss))
            fixes = [f"{s.stated} → {s.expected or '（删除）'}" for s in {s.stated: s for s in ss}.values()]
            msg = Msg("rule.X033.residue", fixes=Join(
                Msg("rule.X033.fix", stated=s.stated, fix=s.expected) if s.expected else Msg("rule.X033.delete", stated=s.stated)
                for s in {s.stated: s for s in ss}.values()))
            out.append(Finding(self.id, "", msg, text, stated=stated,
                               expected=_corrected(first) if len(ss) == 1 else "; ".join(fixes),
                               location=_loc(ctx, first)))
        return out


_CODED = ("gpb_expense", "fund", "expense", "soe")


def _similar(a: str, b: str) -> float:
    """Dice coefficient of character bigrams (科目 names are short; jieba's word split did worse and costs 2.4 s to load: DESIGN.md, tools/measure_jieba.py)."""
    A = {a[i:i + 2] for i in range(len(a) - 1)} or {a}
    B = {b[i:i + 2] for i in range(len(b) - 1)} or {b}
    return 2 * len(A & B) / (len(A) + len(B))


def _key(name: str) -> str:
    return re.sub(r"^[、，,.．\d]+", "", norm_name(name)).replace("“", "").replace("”", "")


class SubjectNameMatchesCode(Rule):
    """A 科目 named in the narrative with its levels ("…（类）…（款）…（项）") carries the tables' name for that
    科目: the 类 and 款 are found in the tables, and the 项 named is one of that 款's 项.

    Bad:  "社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位基本养老保险支出（项）" while the tables'
          2080505 is "机关事业单位基本养老保险缴费支出" (expected: the tables' name).
    Good: "住房保障支出（类）住房改革支出（款）住房公积金（项）" with 2210201 住房公积金 in the tables.
    """

    id = "X034"
    group = GROUP
    severity = "warning"
    summary = "a 科目 name in the narrative differs from the tables' name for that 科目"

    def check(self, ctx: Context) -> Iterable[Finding]:
        facts = facts_of(ctx.doc)
        if not facts.subjects:
            return []
        rows: dict[str, list] = {}  # code → [(row, table)] across every coded table (names are compared in all)
        for kind in _CODED:
            t = ctx.table(kind)
            if t is None:
                continue
            for r in t.rows:
                if r.code.isdigit() and len(r.code) in (3, 5, 7):
                    rows.setdefault(r.code, []).append((r, t))
        if not rows:
            return []

        def names(code: str) -> set[str]:
            return {_key(r.name) for r, _ in rows[code]}

        out, seen = [], set()
        for sm in facts.subjects:
            lei = [c for c in rows if len(c) == 3 and _key(sm.lei) in names(c)]
            if not lei:
                continue
            kuans = [c for c in rows if len(c) == 5 and c.startswith(lei[0])]
            kuan = [c for c in kuans if _key(sm.kuan) in names(c)]
            level, stated, cands = None, None, []
            if not kuan:
                level, stated, cands = "款", sm.kuan, kuans
            elif sm.xiang:
                xs = [c for c in rows if len(c) == 7 and c.startswith(kuan[0])]
                if xs and not any(_key(sm.xiang) in names(c) for c in xs):
                    level, stated, cands = "项", sm.xiang, xs
            if not level or not cands or stated is None:
                continue
            a = _key(stated)
            best = max(cands, key=lambda c: max(_similar(a, n) for n in names(c)))
            if len(names(best)) != 1:
                continue  # the tables print this 科目 under different names: a misread row, not the narrative's slip
            b = next(iter(names(best)))
            if _similar(a, b) < 0.5 or a in b or b in a:
                continue  # nothing alike (a 科目 the tables may not show), or a short form / a wrapped name: no slip
            key = (sm.line, stated)
            if key in seen:
                continue
            seen.add(key)
            row, table = rows[best][0]
            out.append(Finding(self.id, "", Msg("rule.X034.name", level=level, stated=stated, code=best, name=row.name),
                               sm.text, stated=stated, expected=row.name, location=_loc(ctx, _Where(sm)),
                               evidence=[Evidence("table", row.name, table.label, f"{best} {row.name}", None)]))
        return out


class _Where:
    def __init__(self, sm):
        self.where, self.line, self.page = "narrative", sm.line, sm.page


class LookalikeCharacter(_SlipRule):
    """A character confused with a look-alike inside a fiscal term (``[lookalike]`` of patterns/slips.toml).

    Bad:  "年未结转和结余 120.00 万元" (expected "年末结转和结余"); "项目己完成验收" (expected "已完成").
    Good: "年末结转和结余 120.00 万元"; "全年未发生公务接待" (未 is no misprint there).
    """

    id = "X060"
    group = GROUP
    severity = "warning"
    summary = "a character confused with a look-alike in a fiscal term (年未 for 年末, 己 for 已)"
    kind = "lookalike"
    what = "rule.X060.what"


class DroppedCharacter(Rule):
    """A character dropped from a fixed phrase of the genre (``[dropped]`` of patterns/slips.toml).

    Bad:  "一般公共预算财政款支出 307.82 万元" (expected "一般公共预算财政拨款").
    Good: "一般公共预算财政拨款支出 307.82 万元"; "年初结转结余" (a form of its own).
    """

    id = "X061"
    group = GROUP
    severity = "warning"
    summary = "a character dropped from a fixed phrase (一般公共预算财政款)"

    def check(self, ctx: Context) -> Iterable[Finding]:
        out, seen = [], set()
        for s in facts_of(ctx.doc).slips:
            # one finding per sentence: a phrase dropped twice in it ("计入机关运行费支出中，…未纳入机关运行费统计")
            # is one slip repeated, its correction both places
            if s.kind != "dropped" or (s.text, s.stated) in seen:
                continue
            seen.add((s.text, s.stated))
            out.append(Finding(self.id, "", Msg("rule.X061.dropped", stated=s.stated, phrase=s.expected), s.text,
                               stated=s.stated, expected=s.text.replace(s.stated, s.expected), location=_loc(ctx, s)))
        return out


class PurposeOfAnotherItem(Rule):
    """An item's purpose text ("主要用于…") names what another 项 pays for and nothing of its own: copied from
    another item (``[purpose]`` of patterns/slips.toml).

    Bad:  "住房保障支出（类）住房改革支出（款）住房公积金（项），主要用于支付机关事业单位基本医疗保险支出"
          (expected: a purpose about 住房公积金).
    Good: "…住房公积金（项），主要用于支付住房公积金。"
    """

    id = "X062"
    group = GROUP
    severity = "warning"
    summary = "an item's purpose text copied from another item (住房公积金 … 主要用于医疗保险)"

    def check(self, ctx: Context) -> Iterable[Finding]:
        out = []
        for s in facts_of(ctx.doc).slips:
            if s.kind == "purpose":
                out.append(Finding(self.id, "", Msg("rule.X062.purpose", item=s.note, stated=s.stated, own=s.expected),
                                   s.text, stated=s.stated, expected=s.expected, location=_loc(ctx, s)))
        return out


class SelfContradictoryClause(_SlipRule):
    """A clause that contradicts itself: a change stated with its figure and 持平 at once.

    Bad:  "公务用车购置费减少为0.00万元，与2024年持平" (expected "减少 或 持平": the figures decide);
          "增加 0.00 万元，与上年持平" (expected "持平").
    Good: "公务用车购置费 0.00 万元，与 2024 年持平"; "减少 3.00 万元，下降 12.00%".
    """

    id = "X064"
    group = GROUP
    severity = "warning"
    summary = "a clause that states a change and 持平 at once"
    kind = "selfcontra"
    what = "rule.X064.what"


RULES = [FusedDirectionWords, DoubledPunctuation, RateWithoutPercent, TemplateResidue, SubjectNameMatchesCode,
         LookalikeCharacter, DroppedCharacter, PurposeOfAnotherItem, SelfContradictoryClause]
