"""Plant labelled discrepancies into a document IR (each one changes exactly one thing)."""
from __future__ import annotations

import random

import regex as re

from . import data as D
from .ir import Cell, Heading, Para, Slot, TableBlock
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
FLIP = {"增加": "减少", "减少": "增加", "增长": "下降", "下降": "增长"}


def _vstr(s: Slot) -> str:
    if s.vtype == "money":
        return fmt_money(s.value)
    if s.vtype == "pct":
        return fmt_pct(s.value) + "%"
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
    parts = []
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


class Injector:
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
        if pts:
            d = self.r.randint(*pts)
            nv = s.value + d if (self.r.random() < 0.5 or s.value - d < 0) else s.value - d
            if kind == "share" and nv > 10000:
                nv = s.value - d
        else:
            nv = s.value + self.delta(s.value, frac)
        if nv < 0 or nv == s.value:
            return False
        s.value = nv
        self.used.add(id(s))
        return self.slot_label(kind, s, before)

    def k_amount(self):
        return self.numeric("amount")

    def k_duplicate_value(self):
        return self.numeric("duplicate_value")

    def k_share(self):
        return self.numeric("share", (50, 1000))

    def k_growth_rate(self):
        return self.numeric("growth_rate", (100, 2500))

    def k_completion(self):
        return self.numeric("completion", (100, 2500))

    def k_change_inconsistent(self):
        return self.numeric("change_inconsistent", frac=(0.1, 0.45))

    def k_direction(self):
        c = self.slots("direction")
        if not c:
            return False
        s = self.r.choice(c)
        w = s.meta["word"]
        s.pre = s.pre.replace(w, FLIP[w], 1)
        self.used.add(id(s))
        self.label("direction", s.text, w, FLIP[w], s.section)
        self.pending.append((self.labels[-1], lambda s=s: s.text))
        return True

    def k_reason_polarity(self):
        c = self.slots("reason_polarity")
        if not c:
            return False
        s = self.r.choice(c)
        before = s.text
        s.pre = s.meta["alt"]
        self.used.add(id(s))
        return self.slot_label("reason_polarity", s, before)

    def k_list(self):
        c = [s for s in self.slots("list") if len(s.meta["items"]) >= 2 or s.meta["absent"]]
        if not c:
            return False
        s = self.r.choice(c)
        before = s.text
        items = list(s.meta["items"])
        if len(items) >= 2 and (not s.meta["absent"] or self.r.random() < 0.5):
            items.pop(self.r.randrange(len(items)))
        else:
            items.insert(self.r.randrange(len(items) + 1), self.r.choice(s.meta["absent"]))
        s.pre = "主要包括：" + "、".join(items)
        self.used.add(id(s))
        return self.slot_label("list", s, before)

    def k_count_sum(self):
        c = self.slots("count_sum")
        if not c:
            return False
        s = self.r.choice(c)
        before = _vstr(s)
        d = self.r.randint(1, 3)
        nv = s.value + d if (s.value - d < 0 or self.r.random() < 0.5) else s.value - d
        s.value = nv
        self.used.add(id(s))
        return self.slot_label("count_sum", s, before)

    def k_sangong_count(self):
        # a count made non-zero against a zero amount, or zero against a non-zero one; not 0 vehicles against a
        # running cost (leased or borrowed vehicles have running costs: consistent, not a discrepancy)
        c = [s for s in self.slots("sangong_count") if (s.meta["amount"] > 0) == (s.value > 0)
             and not (s.meta.get("what") == "vehicles" and s.value > 0)]
        if not c:
            return False
        s = self.r.choice(c)
        before = _vstr(s)
        s.value = 0 if s.value else self.r.randint(1, 6)
        self.used.add(id(s))
        return self.slot_label("sangong_count", s, before)

    def k_zero_statement(self):
        c = [s for s in self.slots("zero_statement")
             if not any(id(x) in self.used for x in self.doc.slots if self._grp(x) == s.meta["group"])]
        tables = [t for k, t in self.doc.tables.items() if k in ("gf", "gz", "sg") and self._table_has_money(t)
                  and not any(n.startswith("说明") for n in t.notes) and ("tbl", k) not in self.used]
        if tables and (not c or self.r.random() < 0.3):
            t = self.r.choice(tables)
            what = {"表": "本表"}
            note = f"说明：{self.doc.dept.name}本年度没有相关收入和支出，故本表无数据。"
            if "三公" in t.title:
                note = f"说明：{self.doc.dept.name}本年度没有财政拨款“三公”经费支出，故本表无数据。"
            t.notes.append(note)
            self.used.add(("tbl", next(k for k, v in self.doc.tables.items() if v is t)))
            del what
            self.label("zero_statement", note, "", note, t.tid)
            return True
        if not c:
            return False
        s = self.r.choice(c)
        g = s.meta["group"]
        para = self.para_of[id(s)]
        for b in self.doc.blocks:
            if isinstance(b, Para) and b.group == g and b is not para:
                b.hidden = True
        idx = next(i for i, p in enumerate(para.pieces) if p is s)
        para.pieces = para.pieces[:idx + 1]
        s.pre = s.meta["alt"]
        for x in self.doc.slots:
            if self._grp(x) == g:
                self.used.add(id(x))
        self.label("zero_statement", s.text, "", s.text, s.section)
        return True

    def _grp(self, s: Slot) -> str:
        p = self.para_of.get(id(s))
        return p.group if p else ""

    @staticmethod
    def _table_has_money(t: TableBlock) -> bool:
        return any(isinstance(c, Cell) and c.value for r in t.rows for c in r)

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
        t = self.doc.tables.get("t05")
        if not t:
            return False
        rows = [i for i, m in enumerate(t.meta) if m.get("level") == "xiang" and ("t05", i) not in self.used]
        if not rows:
            return False
        i = self.r.choice(rows)
        code = t.meta[i]["code"]
        j = 3 if t.rows[i][3].value else 4
        d = self.delta(t.rows[i][2].value)
        chain = [k for k, m in enumerate(t.meta)
                 if m.get("code") in (code, code[:5], code[:3]) or m.get("level") == "total"]
        if any(("t05", k) in self.used for k in chain) or t.rows[i][j].value + d < 0:
            return False
        before = t.fmt_cell(t.rows[i][2])
        for k in chain:
            t.rows[k][2].value += d
            t.rows[k][j].value += d
            self.used.add(("t05", k))
        lab = self.cell_label("cross_table", t, i, 2, before)
        # its other changed column and the 款, 类 and 合计 above it moved with it (every sum of 表五 holds): a
        # finding citing one of them at its new value (T006: 表五 类 against 表一) points at the same changed branch
        lab["cells"] = [{"table": "t05", "title": t.title, **_row_id(t, k, jj), "column": _column_path(t, jj),
                         "value": t.fmt_cell(t.rows[k][jj])} for k in chain for jj in (2, j) if (k, jj) != (i, 2)]
        return True

    # -- document coherence and slips ---------------------------------------
    # A name in its own subject position: followed by its year, 部门决算, 内设机构, 概况 … (see
    # patterns/coherence.toml [name] self_after)
    _SELF = r"\s*(?:\d{4}\s*年|部门决算|内设机构|概况|共有车辆|所属)"

    def _lock_group(self, para: Para) -> None:
        """A planted piece must stay visible: keep k_zero_statement from hiding or cutting its paragraph group."""
        for x in self.doc.slots:
            if self.para_of.get(id(x)) is para or (para.group and self._grp(x) == para.group):
                self.used.add(id(x))

    def _visible_paras(self):
        for b in self.doc.blocks:
            if isinstance(b, Para) and not b.hidden:
                yield b

    def _name_sites(self, name: str):
        """(container, index) of string pieces (or headings) where ``name`` stands as the document's subject."""
        rx = re.compile(re.escape(name) + self._SELF)
        sites = []
        for b in self.doc.blocks:
            if isinstance(b, Heading) and b.level == 1 and rx.search(b.text) and ("h", id(b)) not in self.used:
                sites.append((b, None))
        for para in self._visible_paras():
            for i, piece in enumerate(para.pieces):
                if isinstance(piece, str) and rx.search(piece) and ("p", id(para), i) not in self.used:
                    sites.append((para, i))
        return sites

    def _replace_name(self, kind: str, new: str) -> bool:
        dept = self.doc.dept
        sites = self._name_sites(dept.name)
        if not sites:
            return False
        box, i = self.r.choice(sites)
        if i is None:
            before = box.text
            box.text = box.text.replace(dept.name, new, 1)
            self.used.add(("h", id(box)))
            self.label(kind, new, dept.name, new, box.text)
        else:
            before = box.pieces[i]
            box.pieces[i] = before.replace(dept.name, new, 1)
            self.used.add(("p", id(box), i))
            self._lock_group(box)
            self.label(kind, new, dept.name, new, "")
        return True

    def k_dept_placeholder(self):
        dept = self.doc.dept
        return self._replace_name("dept_placeholder", f"{dept.region}XX局")

    def _name_in(self, region: str, stem: str, suffix: str, party: bool) -> str:
        return f"中共{region}委{stem}{suffix}" if party else f"{region}{stem}{suffix}"

    def k_dept_other_government(self):
        dept = self.doc.dept
        regions = [r for rs in D.REGIONS.values() for r in rs if r != dept.region and r[:2] == dept.region[:2]]
        if not regions:
            return False
        return self._replace_name("dept_other_government",
                                  self._name_in(self.r.choice(regions), dept.stem, dept.suffix, dept.is_party))

    def k_dept_other_department(self):
        dept = self.doc.dept
        others = [d for d in D.DOMAINS if d[0] != dept.stem and d[3] == dept.is_party and d[1]]
        units = " ".join(getattr(dept, "units", []) or [])
        others = [d for d in others if d[0] not in units]
        if not others:
            return False
        stem, suffix, _, party = self.r.choice(others)
        return self._replace_name("dept_other_department", self._name_in(dept.region, stem, suffix, party))

    def k_year_heading(self):
        y = self.doc.dept.year
        heads = [b for b in self.doc.blocks if isinstance(b, Heading) and b.level == 1
                 and re.search(rf"{y}\s*年度", b.text) and ("h", id(b)) not in self.used]
        if not heads:
            return False
        h = self.r.choice(heads)
        y2 = y + self.r.choice([-1, 1])
        before = h.text
        h.text = re.sub(rf"{y}(\s*年度)", rf"{y2}\1", h.text, count=1)
        self.used.add(("h", id(h)))
        self.label("year_heading", h.text, before, str(y2), h.text)
        return True

    def _year_in_piece(self, kind: str, rx: str, old: int, new: int) -> bool:
        pat = re.compile(rx)
        sites = [(para, i) for para in self._visible_paras() for i, p in enumerate(para.pieces)
                 if isinstance(p, str) and pat.search(p) and ("p", id(para), i) not in self.used]
        if not sites:
            return False
        para, i = self.r.choice(sites)
        before = para.pieces[i]
        m = pat.search(before)
        seg = m.group(0)
        planted = seg.replace(str(old), str(new), 1)
        para.pieces[i] = before.replace(seg, planted, 1)
        self.used.add(("p", id(para), i))
        self._lock_group(para)
        self.label(kind, planted, seg, str(new), "")
        return True

    def k_year_in_text(self):
        """A wrong year in running text: the year-end date ("截至 2024 年 12 月 31 日", "2023 年期末") or the
        comparison year ("与 2023 年度相比", which must be the year before)."""
        y = self.doc.dept.year
        as_of = lambda: self._year_in_piece("year_in_text", rf"(?:截至\s*{y}\s*年\s*12\s*月\s*31\s*日|{y}\s*年期末)", y,
                                            y + self.r.choice([-1, 1]))
        comparison = lambda: self._year_in_piece("year_in_text", rf"(?:与|比|较)\s*{y - 1}\s*年度?\s*相比", y - 1,
                                                 self.r.choice([y - 2, y]))
        first, second = (as_of, comparison) if self.r.random() < 0.5 else (comparison, as_of)
        return first() or second()

    def _direction_slot(self):
        c = [s for s in self.slots("direction") if s.meta.get("word") in FLIP]
        return self.r.choice(c) if c else None

    def k_fused_direction(self):
        s = self._direction_slot()
        if s is None:
            return False
        w = s.meta["word"]
        before = s.text
        s.pre = s.pre.replace(w, w + FLIP[w], 1)
        self.used.add(id(s))
        return self.slot_label("fused_direction", s, before)

    def k_template_residue(self):
        s = self._direction_slot()
        if s is None:
            return False
        w = s.meta["word"]
        before = s.text
        s.pre = s.pre.replace(w, f"{w}（{FLIP[w]}）", 1)
        self.used.add(id(s))
        return self.slot_label("template_residue", s, before)

    def k_rate_no_percent(self):
        word = re.compile(r"(?:增长|下降|占)\s*$")
        c = [s for s in self.slots("growth_rate") + self.slots("share") if s.vtype == "pct" and s.post == "%"
             and word.search(s.pre) and s.value]
        if not c:
            return False
        s = self.r.choice(c)
        para = self.para_of.get(id(s))
        k = next((j for j, p in enumerate(para.pieces) if p is s), None)
        nxt = para.pieces[k + 1] if k is not None and k + 1 < len(para.pieces) else ""
        nxt = nxt if isinstance(nxt, str) else nxt.text
        if not nxt or nxt.lstrip()[:1] not in "，。；、）)":
            return False  # "%" must be followed by punctuation to be read as a rate that lost it
        before = s.text
        s.post = ""
        self.used.add(id(s))
        return self.slot_label("rate_no_percent", s, before)

    def k_subject_name(self):
        rx = re.compile(r"（款）(?P<x>[^（）]{4,40})（项）")
        names = {v[0] for v in D.XIANG.values()}
        sites = []
        for para in self._visible_paras():
            for i, p in enumerate(para.pieces):
                if isinstance(p, str) and rx.search(p) and ("p", id(para), i) not in self.used:
                    sites.append((para, i))
        if not sites:
            return False
        para, i = self.r.choice(sites)
        before = para.pieces[i]
        x = rx.search(before).group("x")
        if len(x) >= 6:
            k = len(x) // 2
            variant = x[:k - 1] + x[k + 1:]          # two characters dropped inside the name
        else:
            variant = x[:-1] + ("营" if x[-1] != "营" else "务")
        if variant in names or variant in x:
            return False
        para.pieces[i] = before.replace(f"（款）{x}（项）", f"（款）{variant}（项）", 1)
        self.used.add(("p", id(para), i))
        self._lock_group(para)
        self.label("subject_name", para.pieces[i].strip(), x, variant, "")
        return True

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

    # -- a change word without its figure ------------------------------------
    def _change_clause(self):
        """A change clause rendered by ``render.change`` whose pieces are all unplanted: (para, index of the amount
        slot, amount slot, rate slot, reason slot or None)."""
        sites = []
        for s in self.slots("change_inconsistent"):
            if "cur" not in s.meta or "prev" not in s.meta:
                continue
            para = self.para_of[id(s)]
            k = next(j for j, p in enumerate(para.pieces) if p is s)
            rest = para.pieces[k + 1:k + 6]
            if len(rest) < 3 or rest[0] != "，" or not isinstance(rest[1], Slot) or id(rest[1]) in self.used:
                continue
            reason = rest[3] if len(rest) > 3 and isinstance(rest[3], Slot) and "reason_polarity" in rest[3].kinds else None
            if reason is not None and id(reason) in self.used:
                continue
            if any(id(x) in self.used for x in self._family(s)):
                continue  # another plant in the same derivation would blur which statement is wrong
            sites.append((para, k, s, rest[1], reason))
        seen = [x for x in sites if self._derivable(x[2])]
        if seen and self.r.random() < 0.8:
            sites = seen  # mostly where the document lets the previous year be derived (the rest: undetectable)
        return self.r.choice(sites) if sites else None

    def _family(self, s: Slot) -> list[Slot]:
        """The slots of the paragraphs that fix ``s``'s previous year (its own, and those of its derivation)."""
        fam = s.meta.get("derived")
        paras = {id(self.para_of[id(s)])} | {id(self.para_of[id(x)]) for x in self.doc.slots
                                            if fam and x.meta.get("derived") == fam and id(x) in self.para_of}
        return [x for x in self.doc.slots if id(self.para_of.get(id(x))) in paras]

    def _derivable(self, a: Slot) -> bool:
        """Whether the rest of the document fixes ``a``'s previous year: 基本 = 人员 + 公用 needs the other two
        stated with their figures; the 三公 total's parts are stated right after it (上海)."""
        fam = a.meta.get("derived")
        if fam == "basic":
            return sum(1 for x in self.doc.slots if x.meta.get("derived") == fam and "change_inconsistent" in x.kinds) == 3
        return fam == "sangong_parts"

    def _word_plant(self, kind: str, word) -> bool:
        site = self._change_clause()
        if site is None:
            return False
        para, k, a, rt, reason = site
        diff = a.meta["cur"] - a.meta["prev"]
        new = word(diff)
        before = a.text + "，" + rt.text
        head = []
        for p in reversed(para.pieces[:k]):  # the clause's own start: back to the previous sentence's end
            t = p if isinstance(p, str) else p.text
            if t.rstrip().endswith("。"):
                break
            head.insert(0, t)
        end = k + 5 if reason is not None else k + 3
        family = self._family(a)
        para.pieces[k:end] = [Slot(new, section=a.section)]
        for x in family:
            self.used.add(id(x))
        self._lock_group(para)
        lab = self.label(kind, ("".join(head) + new).strip(), before, new, a.section)
        if not self._derivable(a):
            lab["detectable"] = False
            lab["reason"] = NOT_DERIVED.format(subj=(a.meta.get("subj") or "".join(head).strip("，, ")).removesuffix("各"))
        elif abs(diff) < MIN_VISIBLE_CHANGE:
            lab["detectable"] = False
            lab["reason"] = (f"the change is {abs(diff) / 100:.2f} 万元, within the rounding of the figures the "
                             "previous year is derived from")
        return True

    def k_flat_claim(self):
        """A change clause ("增加 10.00 万元，增长 5.00%") replaced by 持平 where the figures show a change."""
        return self._word_plant("flat_claim", lambda diff: "持平")

    def k_slight_direction(self):
        """A change clause replaced by a figure-less word of the opposite direction ("略有减少" for an increase)."""
        return self._word_plant("slight_direction",
                                lambda diff: self.r.choice(["略有", "小幅", "有所"]) + ("减少" if diff > 0 else "增加"))

    # -- driver -------------------------------------------------------------
    def run(self, n: int) -> list[dict]:
        kinds = [k for k in KINDS if k not in LATER_KINDS]
        self.r.shuffle(kinds)
        later = random.Random(str(self.r.getstate()))  # consumes nothing of self.r
        for k in LATER_KINDS:
            kinds.insert(later.randrange(len(kinds) + 1), k)
        tries = 0
        while len(self.labels) < n and tries < 60:
            k = kinds[tries % len(kinds)]
            tries += 1
            if getattr(self, f"k_{k}")():
                continue
        for lab, fn in self.pending:
            lab["text"] = fn()
        return self.labels


def inject(doc: Doc, rng: random.Random, n: int) -> list[dict]:
    return Injector(doc, rng).run(n)
