"""Plants of issue 18's second round. A 科目 item not tied to its row by its printed names (family 1; X065): an item
heading under a former name of its 类/款/项 (patterns/kemu.toml ``former``: 卫生健康支出 → 医疗卫生与计划生育支出), and
an item under a 项 name that no row of the tables has (its amount left as the row prints it). One figure printed two
ways (family 4; T006, N001): a 表五 项 one unit of the last place off (with its 款, 类 and 合计), so that 表五 and 表四
print its 类 and total two ways; an item's 决算 in the narrative one unit off its row."""
from __future__ import annotations

import regex as re

from ..claims.item_tie import dice, renamings
from . import data as D
from .errors_base import PlantBase
from .ir import Para, Slot

_HEAD = re.compile(r"^(?P<n>\d{1,2}[.、])(?P<lei>[^（]+)（类）(?P<kuan>.+?)（款）(?P<xiang>[^（）]+)（项）")


class ItemPlants(PlantBase):
    def _items(self) -> list[tuple[Para, int, re.Match, str]]:
        """(paragraph, piece index, heading match, 项 code) of every item heading of a visible paragraph whose
        figures are untouched."""
        out = []
        for para in self._visible_paras():
            slots = [p for p in para.pieces if isinstance(p, Slot)]
            code = next((str(s.meta["code"]) for s in slots if len(str(s.meta.get("code") or "")) == 7), None)
            if code is None or any(id(s) in self.used for s in slots):
                continue
            for i, p in enumerate(para.pieces):
                if isinstance(p, str) and ("p", id(para), i) not in self.used and (m := _HEAD.match(p)):
                    out.append((para, i, m, code))
                    break
        return out

    def _put(self, kind: str, para: Para, i: int, new: str, original: str, planted: str) -> bool:
        para.pieces[i] = new
        self.used.add(("p", id(para), i))
        self._lock_group(para)
        lab = self.label(kind, "", original, planted, "")
        self.pending.append((lab, lambda para=para: para.text))
        return True

    def k_item_renamed(self):
        """An item heading under a former name of its 类, 款 or 项 (X065: tied by the renaming, the name differs)."""
        former = {n: {cur: f for f, cur in m.items()} for n, m in renamings().items()}
        cands = []
        for para, i, m, code in self._items():
            for key, n in (("lei", 3), ("kuan", 5), ("xiang", 7)):
                old = former.get(n, {}).get(m.group(key))
                if old:
                    cands.append((para, i, m, key, old))
        if not cands:
            return False
        para, i, m, key, old = self.r.choice(cands)
        s = para.pieces[i]
        new = s[:m.start(key)] + old + s[m.end(key):]
        return self._put("item_renamed", para, i, new, m.group(key), old)

    def k_item_unknown(self):
        """An item heading under a 项 name no row of the tables has, unlike any printed name (X065)."""
        printed = {str(r[1]) for t in self.doc.tables.values() for r in t.rows if len(r) > 1}
        items = self._items()
        if not items:
            return False
        names = sorted({n for n, _ in D.XIANG.values()} - printed)
        names = [n for n in names if not any(dice(n, p) >= 0.5 or n in p or p in n for p in printed if p)]
        if not names:
            return False
        para, i, m, _ = self.r.choice(items)
        name = self.r.choice(names)
        s = para.pieces[i]
        new = s[:m.start("xiang")] + name + s[m.end("xiang"):]
        return self._put("item_unknown", para, i, new, m.group("xiang"), name)

    # -- one figure printed two ways (family 4) ---------------------------------
    def k_two_prints_cell(self):
        """A 表五 项 0.01 万元 off, with its 款, 类 and 合计 (表五 adds up; 表四 and 表三 print the figures two ways)."""
        if self.doc.opts.yuan:
            return False
        return self._cross_table("two_prints_cell", self.r.choice((1, -1)))

    def k_two_prints_text(self):
        """An item's 决算 in the narrative 0.01 万元 off the row it is tied to (N001: a warning, not a 尾差)."""
        if self.doc.opts.yuan:
            return False
        cands = [s for s in self.slots("amount") if len(str(s.meta.get("code") or "")) == 7 and s.value and s.value > 1
                 and id(s) not in self.used]
        if not cands:
            return False
        s = self.r.choice(cands)
        before = s.text
        s.value += self.r.choice((1, -1))
        self.used.add(id(s))
        return self.slot_label("two_prints_text", s, before)
