"""Plants of a fact stated in two places (X040-X044): procurement parts and awards, an item's heading, a 三公
part's change, a 基本支出 line above the 三公 table's part."""
from __future__ import annotations

from .errors_base import PlantBase, _vstr


class FactPlants(PlantBase):
    # -- a fact stated in two places (X040-X043) ------------------------------
    def k_procurement_parts(self):
        """A 货物/工程/服务 part changed: the parts no longer add up to the 政府采购 total (X040)."""
        return self.numeric("procurement_parts")

    def k_item_heading(self):
        """An item's heading amount changed: the heading and the body state different 决算 (X044)."""
        return self.numeric("item_heading")

    def k_sangong_change(self):
        """A 三公 part's change changed: the parts' changes no longer add up to the total's (X042)."""
        return self.numeric("sangong_change", frac=(0.1, 0.45))

    def k_procurement_awarded(self):
        """授予小微企业合同金额 raised above 授予中小企业合同金额 (its superset) (X041)."""
        c = self.slots("procurement_awarded")
        if not c:
            return False
        s = self.r.choice(c)
        before = _vstr(s)
        s.value = s.meta["sme"] + self.r.randint(10, 999)
        self.used.add(id(s))
        return self.slot_label("procurement_awarded", s, before)

    def k_basic_sangong_line(self):
        """基本支出决算表 30231/30217/30212 raised above the 三公 table's part, the amount taken from another 302
        line so that every sum of the table still holds (X043)."""
        t, sg = self.doc.tables.get("t06"), self.doc.dept.sangong
        sgt = self.doc.tables.get("sg")
        if not t or not sgt or not self._table_has_money(sgt) or any(n.startswith("说明") for n in sgt.notes):
            return False  # a blank 三公 table: X043 compares printed figures only
        part = {"30212": sg.actual["abroad"], "30217": sg.actual["recep"], "30231": sg.actual["car_run"]}
        where = {}
        for i, m in enumerate(t.meta):
            for g, cm in enumerate(m.get("cells") or []):
                if cm and cm[1] == "item" and ("t06", i) not in self.used:
                    where[cm[0]] = (i, 3 * g + 2)
        targets = [c for c in part if c in where]
        if not targets:
            return False
        code = self.r.choice(targets)
        i, j = where[code]
        cell = t.rows[i][j]
        need = part[code] + self.r.randint(10, 300) - cell.value
        donors = [c for c, (k, l) in where.items() if c[:3] == "302" and c not in part and t.rows[k][l].value >= need]
        if need <= 0 or not donors:
            return False
        di, dj = where[self.r.choice(donors)]
        before = t.fmt_cell(cell)
        cell.value += need
        t.rows[di][dj].value -= need
        self.used.update({("t06", i), ("t06", di), ("tbl", "sg")})  # k_zero_statement may not blank the 三公 table
        self.cell_label("basic_sangong_line", t, i, j, before)
        return True
