"""Plants in the tables: a changed body cell (its sums then fail) and a 表五 row moved with its whole branch
(every sum of 表五 holds; the cross-table identities fail)."""
from __future__ import annotations

from .errors_base import PlantBase, _column_path, _row_id
from .ir import Cell


class TablePlants(PlantBase):
    # -- table kinds --------------------------------------------------------
    def k_table_cell(self):
        T = self.doc.tables
        cands = []
        for key, cols in (("t02", [3]), ("t03", [3, 4]), ("t05", [3, 4]), ("gf", [2, 3, 7])):
            t = T.get(key)
            if not t:
                continue
            for i, m in enumerate(t.meta):
                if m.get("level") == "xiang" and (key, i) not in self.used:
                    for j in cols:
                        if isinstance(t.rows[i][j], Cell) and (t.rows[i][j].value or key == "gf"):
                            cands.append((key, i, j))
        t6 = T.get("t06")
        if t6:
            for i, m in enumerate(t6.meta):
                for g, cm in enumerate(m.get("cells") or []):
                    if cm and cm[1] == "item" and t6.rows[i][3 * g + 2].value and ("t06", i) not in self.used:
                        cands.append(("t06", i, 3 * g + 2))
        sg = T.get("sg")
        if sg and ("sg", 0) not in self.used:
            cands += [("sg", 0, j) for j, c in enumerate(sg.rows[0]) if isinstance(c, Cell) and c.value]
        pf = T.get("perf")
        if pf:
            cands += [("perf", i, 3) for i, m in enumerate(pf.meta) if m["level"] == "project"
                      and ("perf", i) not in self.used and pf.rows[i][3].value]
        if not cands:
            return False
        key, i, j = self.r.choice(cands)
        t = T[key]
        cell = t.rows[i][j]
        before = t.fmt_cell(cell)
        cell.value += self.delta(cell.value)
        if cell.value < 0:
            return False
        self.used.add((key, i))
        self.cell_label("table_cell", t, i, j, before)
        return True

    def k_cross_table(self):
        return self._cross_table("cross_table")

    def _cross_table(self, kind: str, d: int | None = None) -> bool:
        """A 表五 项 changed by ``d`` (default: a visible delta) with its 款, 类 and 合计."""
        t = self.doc.tables.get("t05")
        if not t:
            return False
        rows = [i for i, m in enumerate(t.meta) if m.get("level") == "xiang" and ("t05", i) not in self.used]
        if not rows:
            return False
        i = self.r.choice(rows)
        code = t.meta[i]["code"]
        j = 3 if t.rows[i][3].value else 4
        d = self.delta(t.rows[i][2].value) if d is None else d
        chain = [k for k, m in enumerate(t.meta)
                 if m.get("code") in (code, code[:5], code[:3]) or m.get("level") == "total"]
        if any(("t05", k) in self.used for k in chain) or t.rows[i][j].value + d < 0:
            return False
        before = t.fmt_cell(t.rows[i][2])
        for k in chain:
            t.rows[k][2].value += d
            t.rows[k][j].value += d
            self.used.add(("t05", k))
        lab = self.cell_label(kind, t, i, 2, before)
        # its other changed column and the 款, 类 and 合计 above it moved with it (every sum of 表五 holds): a
        # finding citing one of them at its new value (T006: 表五 类 against 表一) points at the same changed branch
        lab["cells"] = [{"table": "t05", "title": t.title, **_row_id(t, k, jj), "column": _column_path(t, jj),
                         "value": t.fmt_cell(t.rows[k][jj])} for k in chain for jj in (2, j) if (k, jj) != (i, 2)]
        return True
