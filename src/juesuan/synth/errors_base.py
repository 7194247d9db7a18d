"""The injector's shared state and helpers: the plant kinds and their groups, the candidate slots, the labels
(a planted slot, a planted table cell with its row and column path), the numeric plant several families use. The
plant families live in errors_*.py; errors.py assembles them."""
from __future__ import annotations

import random

from .ir import Cell, Para, Slot, TableBlock
from .money import fmt_money, fmt_pct
from .render_base import Doc

GROUPS = {
    "table_cell": "table", "cross_table": "table",
    "amount": "narrative_table", "share": "narrative_table", "growth_rate": "narrative_table",
    "direction": "narrative_table", "completion": "narrative_table", "zero_statement": "narrative_table",
    "list": "narrative_table", "sangong_count": "narrative_table",
    "duplicate_value": "narrative_narrative", "count_sum": "narrative_narrative",
    "reason_polarity": "narrative_narrative", "change_inconsistent": "narrative_narrative",
    # document coherence (X020-X022) and slips (X030-X034)
    "dept_placeholder": "narrative_narrative", "dept_other_government": "narrative_narrative",
    "dept_other_department": "narrative_narrative", "year_heading": "narrative_narrative",
    "year_in_text": "narrative_narrative",
    "fused_direction": "narrative_narrative", "rate_no_percent": "narrative_narrative",
    "template_residue": "narrative_narrative", "subject_name": "narrative_narrative",
    # a fact stated in two places (X040-X043)
    "procurement_parts": "narrative_narrative", "procurement_awarded": "narrative_narrative",
    "sangong_change": "narrative_narrative", "basic_sangong_line": "table", "item_heading": "narrative_narrative",
    # a change word without its figure (X003, X042, X045)
    "flat_claim": "narrative_narrative", "slight_direction": "narrative_narrative",
    # slips a proofreader corrects (X030 shortened, X060-X062)
    "fused_short": "narrative_narrative", "lookalike": "narrative_narrative", "dropped_char": "narrative_narrative",
    "purpose_copied": "narrative_narrative",
    # official 科目 names (X063)
    "kemu_name": "table",
    # a table the document promises (C010)
    "blank_table": "completeness",
    # a rate on a zero base (C001)
    "zero_base": "completeness",
    # a clause that contradicts itself (X064)
    "flat_both": "narrative_narrative",
    # issue 18 (second round): an item not tied to its row by its printed names (X065)
    "item_renamed": "narrative_table", "item_unknown": "narrative_table",
    # one figure printed two ways (T006, N001 warnings)
    "two_prints_cell": "table", "two_prints_text": "narrative_table",
    # a percentage one unit off with a cause (N002/N004 warnings: 尾差调整, truncated)
    "share_forced": "narrative_table", "rate_truncated": "narrative_table",
    # a numbered list under a lead total naming its 类 by quoted short names (N001 against the 类 row)
    "list_quoted": "narrative_table",
    # SMEs' contracts in the reserved and the other projects exceeding the 政府采购 total (X066)
    "procurement_double": "narrative_narrative",
    # a 持平 of a total whose change is stated with its figure under another name of it (X067)
    "flat_derivable": "narrative_narrative",
    # a 政府性基金 figure of the narrative that every table prints otherwise (N001; the row may be placed by the 总表)
    "fund_text": "narrative_table",
}
# The smallest change (in 0.01 万元) a derivation can tell from 持平: each figure printed to 0.01 stands for
# ±0.005, and a previous year derived through 基本 = 人员 + 公用 or the three 三公 parts sums at most four of them.
MIN_VISIBLE_CHANGE = 3
NOT_DERIVED = ("the previous year of “{subj}” is stated only in this clause: no other sentence states its change, "
               "it is no part of a stated whole (基本 = 人员 + 公用, 三公 parts), and no table prints previous-year "
               "figures")
KINDS = list(GROUPS)
# Kinds added after the benchmark of 2026-11-27: they are placed into the drawn order by a generator of their own, so
# that the older kinds keep their draw (a document whose plants were drawn before one of these is tried keeps
# them: most of an earlier corpus is planted as before).
LATER_KINDS = ("flat_claim", "slight_direction")
# Kinds of issue 18 (slips, 科目 names, a blank table, a rate on a zero base, a self-contradicting clause): planted
# after every other plant of a document, one at most, in half of the documents that have plants (a draw of their
# own), so that every document keeps the plants it had before they existed.
EXTRA_KINDS = ("fused_short", "lookalike", "dropped_char", "purpose_copied", "kemu_name", "blank_table",
               "zero_base", "flat_both")
EXTRA_SHARE = 0.5
# Kinds of issue 18's second round (items tied to their rows, one figure printed two ways, severities): drawn as
# EXTRA_KINDS are, with a draw of their own, in documents that still have fewer than three plants after those.
LATE18_KINDS = ("item_renamed", "item_unknown", "two_prints_cell", "two_prints_text", "share_forced", "rate_truncated",
                "list_quoted", "procurement_double")
LATE18_SHARE = 0.4
# Issue 18's third round (a 持平 against a previous year the document derives): its own draw, after the others, so that
# every document keeps the plants it had.
LATE18C_KINDS = ("fund_text", "flat_derivable")  # the rarer first: 政府性基金 items are few
LATE18C_SHARE = 0.4
FLIP = {"增加": "减少", "减少": "增加", "增长": "下降", "下降": "增长"}


def _num(s: Slot) -> int:
    """A numeric slot's value (a money, pct or count slot always carries one)."""
    if s.value is None:
        raise ValueError(f"slot {s.pre!r} ({s.vtype}) has no value")
    return s.value


def _vstr(s: Slot) -> str:
    if s.vtype == "money":
        return fmt_money(_num(s))
    if s.vtype == "pct":
        return fmt_pct(_num(s)) + "%"
    if s.vtype == "count":
        return str(s.value)
    return s.text


def _row_id(t: TableBlock, i: int, j: int) -> dict:
    """The row of body cell (i, j): its 科目 code and name ({} for a table whose one body row has neither, the
    三公 table). 表六 prints three (code, name, amount) groups side by side: the cell's own group names it."""
    m = t.meta[i] if i < len(t.meta) else {}
    row = t.rows[i]
    if m.get("cells"):  # 表六: the group the cell belongs to
        g = j // 3
        return {"code": str(row[3 * g]), "name": str(row[3 * g + 1])}
    code = m.get("code")
    name = row[1] if len(row) > 1 and isinstance(row[1], str) else ""
    if code is None and isinstance(row[0], str) and row[0] and not row[0].isdigit():
        name = row[0]  # 合计 / a project table's 序号 column holds no code
    if t.meta and m.get("level") == "project":
        name = str(row[1])
    out = {}
    if code:
        out["code"] = str(code)
    if name:
        out["name"] = str(name)
    return out


def _column_path(t: TableBlock, j: int) -> str:
    """Column j's header cells from top to bottom ("决算数|因公出国（境）费"), a spanned cell standing for every
    column it covers."""
    parts: list[str] = []
    for r, hrow in enumerate(t.header):
        h = hrow[j] if j < len(hrow) else None
        if h is None:
            for (c0, r0), (c1, r1) in t.spans:
                if c0 <= j <= c1 and r0 <= r <= r1:
                    h = t.header[r0][c0]
                    break
        if h and (not parts or parts[-1] != h):
            parts.append(str(h))
    return "|".join(parts)


class PlantBase:
    def __init__(self, doc: Doc, rng: random.Random):
        self.doc, self.r = doc, rng
        self.used: set = set()
        self.para_of: dict[int, Para] = {}
        for b in doc.blocks:
            if isinstance(b, Para):
                for p in b.pieces:
                    if isinstance(p, Slot):
                        self.para_of[id(p)] = b
        self.labels: list[dict] = []
        self.pending: list = []   # (label, fn) – text computed after all mutations

    # -- helpers ------------------------------------------------------------
    def slots(self, kind: str) -> list[Slot]:
        out = []
        for s in self.doc.slots:
            if kind not in s.kinds or id(s) in self.used:
                continue
            para = self.para_of.get(id(s))
            if para is None or para.hidden or not any(p is s for p in para.pieces):
                continue
            out.append(s)
        return out

    def delta(self, v: int, frac=(0.05, 0.3), lo=10, hi=999) -> int:
        mag = max(self.r.randint(lo, hi), int(abs(v) * self.r.uniform(*frac)))
        if v - mag < 0 or self.r.random() < 0.5:
            return mag
        return -mag

    def label(self, kind, text, original, planted, section):
        lab = {"kind": kind, "group": GROUPS[kind], "text": text, "original": original, "planted": planted,
               "section": section}
        self.labels.append(lab)
        return lab

    def cell_label(self, kind, t: TableBlock, i: int, j: int, before: str) -> dict:
        """Label a changed table cell with the cell itself (``cell``: table key, printed title, row code and name,
        column header path, planted value) so that ``juesuan eval`` can credit a finding citing that exact cell;
        the label's ``text`` is the row as printed (set once every plant is in)."""
        key = next(k for k, v in self.doc.tables.items() if v is t)
        lab = self.label(kind, "", before, t.fmt_cell(t.rows[i][j]), t.tid)
        lab["cell"] = {"table": key, "title": t.title, **_row_id(t, i, j), "column": _column_path(t, j),
                       "value": t.fmt_cell(t.rows[i][j])}
        self.pending.append((lab, lambda t=t, i=i: t.row_text(i)))
        return lab

    def slot_label(self, kind, s: Slot, before: str):
        lab = self.label(kind, s.text, before, _vstr(s), s.section)
        self.pending.append((lab, lambda s=s: s.text))
        return True

    def _grp(self, s: Slot) -> str:
        p = self.para_of.get(id(s))
        return p.group if p else ""

    @staticmethod
    def _table_has_money(t: TableBlock) -> bool:
        return any(isinstance(c, Cell) and c.value for r in t.rows for c in r)

    def _lock_group(self, para: Para) -> None:
        """A planted piece must stay visible: keep k_zero_statement from hiding or cutting its paragraph group."""
        for x in self.doc.slots:
            if self.para_of.get(id(x)) is para or (para.group and self._grp(x) == para.group):
                self.used.add(id(x))

    def _visible_paras(self):
        for b in self.doc.blocks:
            if isinstance(b, Para) and not b.hidden:
                yield b

    # -- slot kinds ---------------------------------------------------------
    def numeric(self, kind, pts=None, frac=(0.05, 0.3)) -> bool:
        cands = self.slots(kind)
        if kind in ("amount", "share", "completion"):
            nz = [s for s in cands if s.value]
            cands = nz or cands
        if not cands:
            return False
        s = self.r.choice(cands)
        before = _vstr(s)
        v = _num(s)
        if pts:
            d = self.r.randint(*pts)
            nv = v + d if (self.r.random() < 0.5 or v - d < 0) else v - d
            if kind == "share" and nv > 10000:
                nv = v - d
        else:
            nv = v + self.delta(v, frac)
        if nv < 0 or nv == v:
            return False
        s.value = nv
        self.used.add(id(s))
        return self.slot_label(kind, s, before)
