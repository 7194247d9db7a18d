"""The shared part of the document builder: layout options drawn per document, the document IR being
built (:class:`Doc`), table ids per style, and :class:`BuilderBase` (headings, paragraphs, labelled slots,
change clauses, tables and 类/款/项 hierarchies) that the builders of each part extend."""
from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any

from . import data as D
from .ir import Cell, Heading, PageBreak, Para, Slot, TableBlock
from .model import Department
from .money import pct

HENAN, SHANGHAI = "henan", "shanghai"

# table ids: logical name -> (henan id, shanghai id)
TABLE_IDS = {
    "t01": ("公开01表", "表一"), "t02": ("公开02表", "表二"), "t03": ("公开03表", "表三"),
    "t04": ("公开04表", "表四"), "t05": ("公开05表", "表五"), "t06": ("公开06表", "表六"),
    "gf": ("公开07表", "表八"), "gz": ("公开08表", "表九"), "sg": ("公开09表", "表七"),
    "perf": ("附表1", "附表1"),
}


@dataclass
class Options:
    style: str
    fmt: str
    thousands: bool = False
    yuan: bool = False
    split_codes: bool = False
    zero: str = "0"
    width: int = 54             # wrap width in half-width units (CJK = 2)
    footer_prob: float = 1.0
    page_lines: int = 40
    cpl: int = 27               # pdf characters per line
    # 上海 2025 text layout (page text of a PDF whose cells are vertically centred): a name longer than its
    # column wraps around the code line (head above, tail below, an odd middle line on the code line);
    # 0 = names on one line. econ_split prints 经济分类 类 | 款 apart ("301 01 基本工资").
    wrap_names: int = 0         # name column width in CJK characters (coded tables)
    econ_wrap: int = 0          # name column width in CJK characters (基本支出 table)
    econ_split: bool = False
    doc_title: str = ""         # the PDF's title metadata ("" = 部门决算)
    page_numbers: bool = True   # a PDF prints its page numbers (上海 预算 print none)


@dataclass
class Doc:
    dept: Department
    opts: Options
    blocks: list = field(default_factory=list)
    slots: list[Slot] = field(default_factory=list)
    tables: dict[str, TableBlock] = field(default_factory=dict)


def draw_options(rng: random.Random, style: str, fmt: str) -> Options:
    o = Options(style=style, fmt=fmt)
    if fmt == "pdf":
        o.thousands = rng.random() < 0.4
        o.split_codes = rng.random() < 0.5
        o.cpl = rng.choice([26, 27, 28, 30, 32])
    o.yuan = rng.random() < 0.05
    o.zero = ("" if rng.random() < 0.85 else "0.00") if style == SHANGHAI else rng.choice(["0", "0", "0.00"])
    o.width = rng.choice([52, 54, 54, 56])
    o.footer_prob = rng.choice([0.3, 0.6, 1.0])
    o.page_lines = rng.randint(36, 44)
    if style == SHANGHAI and fmt == "txt":
        # drawn from its own stream so the documents of the other layouts stay as they were
        lay = random.Random(repr(rng.getstate()[1][:8]))
        if lay.random() < 0.5:
            o.wrap_names = lay.choice([8, 9, 10, 11])
            o.econ_wrap = lay.choice([8, 9, 10, 11])
            o.econ_split = lay.random() < 0.5
    return o


class BuilderBase:
    def __init__(self, dept: Department, opts: Options, rng: random.Random):
        self.d = dept
        self.o = opts
        self.r = rng
        self.doc = Doc(dept, opts)
        self.section = ""
        self.sh = opts.style == SHANGHAI
        self.y = dept.year

    # -- primitives -------------------------------------------------------
    def h(self, text: str, level: int = 2):
        if level <= 2:
            self.section = text
        self.doc.blocks.append(Heading(text, level))

    def p(self, *pieces, group: str = "") -> Para:
        flat: list[str | Slot] = []
        for x in pieces:
            if isinstance(x, (list, tuple)):
                flat.extend(x)
            elif x:
                flat.append(x)
        para = Para(flat, group=group)
        self.doc.blocks.append(para)
        return para

    def slot(self, pre, value=None, vtype="text", post="", kinds=(), **meta) -> Slot:
        s = Slot(pre, value, vtype, post, tuple(kinds), self.section, meta)
        self.doc.slots.append(s)
        return s

    def money(self, pre, v, kinds=("amount",), post=" 万元", **meta) -> Slot:
        return self.slot(pre, v, "money", post, kinds, **meta)

    def share(self, part, total, pre="占 ") -> Slot | str:
        p = pct(part, total)
        if p is None:
            return ""
        return self.slot(pre, p, "pct", "%", ("share",), part=part, total=total)

    def tid(self, key: str) -> str:
        return TABLE_IDS[key][1 if self.sh else 0]

    @property
    def prev_year_phrase(self) -> str:
        return f"与 {self.y - 1} 年度相比，" if self.sh else self.r.choice(["与上年度相比，", "与上年相比，"])

    def reason(self, up: bool, pool_up=D.REASONS_UP, pool_down=D.REASONS_DOWN, tmpl=None) -> Slot:
        r = self.r.choice(pool_up if up else pool_down)
        t = tmpl or ("主要原因：{r}" if self.sh else self.r.choice(D.REASON_TEMPLATES))
        opp = self.r.choice([x for x in (pool_down if up else pool_up) if x not in D.AMBIGUOUS_REASONS])
        return self.slot(t.format(r=r), kinds=("reason_polarity",), up=up, alt=t.format(r=opp))

    def change(self, subj: str, cur: int, prev: int, reason: bool = True, derived: str = "") -> list:
        """与上年相比 clause with labelled amount / rate / reason slots. ``derived`` names the relation through which
        the rest of the document fixes this subject's previous year ("" = none: this clause alone states it)."""
        if cur == prev:
            return [f"{self.prev_year_phrase}{subj}持平。" if self.sh or self.r.random() < 0.5
                    else f"{subj}与上年持平。"]
        diff = cur - prev
        up = diff > 0
        aw, rw = ("增加", "增长") if up else ("减少", "下降")
        a = self.money(f"{aw} ", abs(diff), ("direction", "change_inconsistent"), cur=cur, prev=prev,
                       word=aw, subj=subj, derived=derived)
        rt = self.slot(f"{rw} ", pct(abs(diff), prev), "pct", "%", ("direction", "growth_rate"),
                       cur=cur, prev=prev, word=rw)
        if self.sh:
            out = [self.prev_year_phrase, subj, a, "，", rt, "。"]
        else:
            t = self.r.randrange(4)
            if t == 0:
                out = [self.prev_year_phrase, subj, a, "，", rt, "。"]
            elif t == 1:
                out = [subj, "较上年", a, "，", rt, "。"]
            elif t == 2:
                out = [subj, "比上年", a, "，", rt, "。"]
            else:
                out = [subj, "同比", a, "，", rt, "。"]
        if reason:
            out += [self.reason(up), "。"]
        return out

    # -- table helpers ----------------------------------------------------
    def table(self, key: str, title: str, header, spans, rows, meta, widths, code_col=None,
              notes=(), col_label=None, zero=None) -> TableBlock:
        o = self.o
        dl = "" if self.sh else f"部门名称：{self.d.name} {self.y} 年度"
        tb = TableBlock(self.tid(key), title, header, spans, rows, meta, widths, dept_line=dl,
                        unit_line="单位：元" if o.yuan else "单位：万元", notes=list(notes),
                        code_col=code_col, zero=o.zero if zero is None else zero, yuan=o.yuan,
                        thousands=o.thousands, split_codes=o.split_codes and code_col is not None,
                        col_label=col_label)
        tb.wrap = o.econ_wrap if key == "t06" else (o.wrap_names if code_col is not None else 0)
        tb.econ_split = o.econ_split and key == "t06"
        self.doc.tables[key] = tb
        self.doc.blocks.append(PageBreak())
        self.doc.blocks.append(tb)
        return tb

    def hier(self, items: list[Any], cols, total_first=True, total_label="合计"):
        """Hierarchical 类/款/项 rows; every parent row is the exact sum of its children (``items``: Xiang, or
        the budget's BItem: anything with code, lei, kuan and name)."""
        rows, meta = [], []
        n = len(cols(items[0])) if items else 0

        def tot(xs):
            return [sum(cols(x)[i] for x in xs) for i in range(n)]

        for lei in sorted({x.lei for x in items}):
            lx = [x for x in items if x.lei == lei]
            rows.append([lei, D.LEI[lei]] + [Cell(v) for v in tot(lx)])
            meta.append({"level": "lei", "code": lei})
            for kuan in sorted({x.kuan for x in lx}):
                kx = [x for x in lx if x.kuan == kuan]
                rows.append([kuan, D.KUAN[kuan]] + [Cell(v) for v in tot(kx)])
                meta.append({"level": "kuan", "code": kuan})
                for x in kx:
                    rows.append([x.code, x.name] + [Cell(v) for v in cols(x)])
                    meta.append({"level": "xiang", "code": x.code})
        if items:
            trow = [total_label, ""] + [Cell(v) for v in tot(items)]
            if total_first:
                rows.insert(0, trow)
                meta.insert(0, {"level": "total"})
            else:
                rows.append(trow)
                meta.append({"level": "total"})
        return rows, meta

    def _lei_amounts(self, fund=None, fiscal=False) -> dict[str, int]:
        out: dict[str, int] = {}
        for x in self.d.xiang:
            if fund and x.fund != fund:
                continue
            out[x.lei] = out.get(x.lei, 0) + (x.fis_exp if fiscal else x.exp)
        return out
