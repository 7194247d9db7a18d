"""Plant labelled discrepancies into a generated 预算 (each changes one thing), the kinds the published budgets
were found to carry (issue 17): a stray digit in an item-form base (the stated rate only works without it), an
item's figure copied from the item above, a 三公 share computed on a total that also holds 会议费 and 培训费, a
comparison base of the budget's own year, an item-form rate that does not recompute, a zero budget said to have
increased — and the 决算 kinds that carry over (a table cell, a table total, a narrative amount against its table,
shares, rates, directions, a change amount against its rate, counts, procurement parts, names, years)."""
from __future__ import annotations

import random
from collections.abc import Sequence

from .errors import Injector
from .errors_base import GROUPS, _num, _vstr
from .ir import Cell, Slot
from .money import fmt_money, pct

BUDGET_GROUPS = {
    # the kinds found in the published budgets
    "stray_digit": "narrative_narrative", "copied_item": "narrative_table", "sangong_share_base": "narrative_table",
    "base_year": "narrative_narrative", "rate_mismatch": "narrative_narrative", "zero_increase": "narrative_narrative",
    # the 决算 kinds that carry over
    "table_cell": "table", "table_total": "table", "amount": "narrative_table", "share": "narrative_table",
    "growth_rate": "narrative_narrative", "direction": "narrative_narrative",
    "change_inconsistent": "narrative_narrative", "count_sum": "narrative_narrative",
    "procurement_parts": "narrative_narrative", "procurement_awarded": "narrative_narrative",
    "dept_placeholder": "narrative_narrative", "dept_other_department": "narrative_narrative",
    "year_heading": "narrative_narrative",
    # issue 18, a 目录 line printed otherwise than its heading (X025): its own late round (TOC_SHARE)
    "toc_heading": "narrative_narrative",
}
# The 目录 kinds: drawn after every other plant of a document, in documents that have one or two, with a generator of
# their own (seeded from the document's), so that every document keeps the plants it had before they existed.
TOC_KINDS = ("toc_heading",)
TOC_SHARE = 0.4
BUDGET_KINDS = [k for k in BUDGET_GROUPS if k != "toc_heading"]
# table cells a plant may change: table key -> (row levels, first amount column)
_CELL_TABLES = {"t02": ("xiang", 3), "t03": ("xiang", 3), "t05": ("xiang", 2), "t07": ("xiang", 2),
                "t06": ("econ_item", 2), "t08": ("econ_item", 2), "jg": ("econ_item", 2)}
_TOTAL_TABLES = ("t02", "t03", "t05", "t06", "t07", "t08", "jg")


class BudgetInjector(Injector):
    def run(self, n: int) -> list[dict]:
        toc = random.Random(str(self.r.getstate()) + "issue 18, 目录")  # consumes nothing of self.r
        kinds = list(BUDGET_KINDS)
        self.r.shuffle(kinds)
        tries = 0
        while len(self.labels) < n and tries < 60:
            k = kinds[tries % len(kinds)]
            tries += 1
            getattr(self, f"k_{k}")()
        if 0 < len(self.labels) < 3 and toc.random() < TOC_SHARE:
            self.k_toc_heading(toc)
        for lab, fn in self.pending:
            lab["text"] = fn()
        return self.labels

    def label(self, kind, text, original, planted, section):
        lab = {"kind": kind, "group": BUDGET_GROUPS.get(kind) or GROUPS[kind], "text": text, "original": original, "planted": planted,
               "section": section, "document_kind": "预算"}
        self.labels.append(lab)
        return lab

    def k_two_prints_cell(self):
        """A 预算 has no 决算 表五 whose 项 moves with its 款, 类 and 合计: not planted (``--plant`` only tries it)."""
        return False

    def k_cross_table(self):
        """As :meth:`k_two_prints_cell`."""
        return False

    # -- helpers ------------------------------------------------------------
    def _clause(self, first: Slot, last: Slot) -> str:
        """The text of ``first``'s paragraph from the string piece before ``first`` through ``last``."""
        para = self.para_of[id(first)]
        i = next(k for k, p in enumerate(para.pieces) if p is first)
        j = next(k for k, p in enumerate(para.pieces) if p is last)
        i = i - 1 if i > 0 and isinstance(para.pieces[i - 1], str) else i
        return "".join(p if isinstance(p, str) else p.text for p in para.pieces[i:j + 1]).strip("，。；")

    def _clause_label(self, kind: str, s: Slot, before: str, first: Slot, last: Slot) -> bool:
        lab = self.label(kind, "", before, _vstr(s), s.section)
        self.pending.append((lab, lambda: self._clause(first, last)))
        return True

    # -- the kinds found in the published budgets ---------------------------
    def k_stray_digit(self):
        """"2024年当年预算执行数为704.70万元" for 70.70: the stated rate only works without the stray digit."""
        c = [s for s in self.slots("stray_digit") if s.meta.get("rate") is not None
             and id(s.meta["rate"]) not in self.used and _num(s) >= 100]
        if not c:
            return False
        s = self.r.choice(c)
        whole, frac = divmod(_num(s), 100)
        w = str(whole)
        k = self.r.randrange(1, len(w) + 1)
        d = str(self.r.randint(0, 9))
        nv = int(w[:k] + d + w[k:]) * 100 + frac
        if nv == s.value:
            return False
        before = _vstr(s)
        s.value = nv
        rate = s.meta["rate"]
        self.used.update({id(s), id(rate)})
        return self._clause_label("stray_digit", s, before, s, rate)

    def k_rate_mismatch(self):
        """An item-form rate that does not recompute from its two figures."""
        c = [s for s in self.slots("rate_mismatch") if s.value]
        if not c:
            return False
        s = self.r.choice(c)
        before = _vstr(s)
        d = self.r.randint(100, 2500)
        nv = _num(s) + d if self.r.random() < 0.5 or _num(s) - d <= 0 else _num(s) - d
        s.value = nv
        self.used.add(id(s))
        return self.slot_label("rate_mismatch", s, before)

    def k_copied_item(self):
        """An item's headline figure copied from the item above it (its table row still differs)."""
        c = self.slots("copied_item")
        allc = [x for x in self.doc.slots if "copied_item" in x.kinds]
        pairs = [(allc[k - 1], s) for s in c for k in [allc.index(s)] if k > 0 and allc[k - 1].value != s.value
                 and id(allc[k - 1]) not in self.used]
        if not pairs:
            return False
        above, s = self.r.choice(pairs)
        before = _vstr(s)
        s.value = above.value
        self.used.update({id(s), id(above)})
        return self.slot_label("copied_item", s, before)

    def k_sangong_share_base(self):
        """A 三公 part's share computed on 三公 + 会议费 + 培训费 (the table's 合计) in place of the 三公 total."""
        c = []
        for s in self.slots("sangong_share"):
            v = pct(s.meta["part"], s.meta["wide"])
            if v is not None and abs(v - _num(s)) >= 50:
                c.append((s, v))
        if not c:
            return False
        s, v = self.r.choice(c)
        before = _vstr(s)
        s.value = v
        self.used.add(id(s))
        return self.slot_label("sangong_share_base", s, before)

    def k_base_year(self):
        """A comparison base of the budget's own year ("2025年预算…比2025年预算增加")."""
        c = self.slots("base_year")
        if not c:
            return False
        s = self.r.choice(c)
        y = s.meta["year"]
        before = s.text
        s.pre = s.pre.replace(f"{y}年", f"{y + 1}年", 1)
        self.used.add(id(s))
        return self.slot_label("base_year", s, before)

    def k_zero_increase(self):
        """A zero budget said to have increased ("0万元，比2024年预算增加12.00万元")."""
        c = self.slots("zero_increase")
        if not c:
            return False
        s = self.r.choice(c)
        before = s.text
        unit = " 万元" if s.meta["alt"].endswith(" ") else "万元"
        s.pre = f"{s.meta['alt']}{fmt_money(s.meta['alt_amount'], True)}{unit}"
        s.post = ""
        self.used.add(id(s))
        return self.slot_label("zero_increase", s, before)

    # -- the 决算 kinds that carry over ---------------------------------------
    def k_table_cell(self):
        T = self.doc.tables
        cands = []
        for key, (level, j0) in _CELL_TABLES.items():
            t = T.get(key)
            if not t:
                continue
            for i, m in enumerate(t.meta):
                if m.get("level") != level or (key, i) in self.used:
                    continue
                cands += [(key, i, j) for j in range(j0, len(t.rows[i]))
                          if isinstance(t.rows[i][j], Cell) and t.rows[i][j].value]
        sg = T.get("sg")
        if sg and ("sg", 0) not in self.used:
            cands += [("sg", 0, j) for j, c in enumerate(sg.rows[0]) if isinstance(c, Cell) and c.value]
        return self._cell_plant("table_cell", cands)

    def k_table_total(self):
        T = self.doc.tables
        cands = []
        for key in _TOTAL_TABLES:
            t = T.get(key)
            if not t:
                continue
            for i, m in enumerate(t.meta):
                if m.get("level") == "total" and (key, i) not in self.used:
                    j = next((j for j, c in enumerate(t.rows[i]) if isinstance(c, Cell) and c.value), None)
                    if j is not None:
                        cands.append((key, i, j))
        return self._cell_plant("table_total", cands)

    def _cell_plant(self, kind: str, cands) -> bool:
        if not cands:
            return False
        key, i, j = self.r.choice(cands)
        t = self.doc.tables[key]
        cell = t.rows[i][j]
        before = t.fmt_cell(cell)
        nv = cell.value + self.delta(cell.value)
        if nv < 0 or nv == cell.value:
            return False
        cell.value = nv
        self.used.add((key, i))
        self.cell_label(kind, t, i, j, before)
        return True


def inject_budget(doc, rng: random.Random, n: int, plant: Sequence[str] | None = None) -> list[dict]:
    """``n`` plants drawn from the 预算 kinds, or (``plant``) exactly one of the listed kinds (a 决算 kind too,
    where the 预算 has what it changes)."""
    injector = BudgetInjector(doc, rng)
    return injector.run_chosen(plant) if plant else injector.run(n)


__all__ = ["BUDGET_GROUPS", "BUDGET_KINDS", "BudgetInjector", "inject_budget"]
