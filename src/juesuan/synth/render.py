"""Build the document IR (all four parts) for a department in the 河南 or 上海 style."""
from __future__ import annotations

import random
from dataclasses import dataclass, field

from . import data as D
from .ir import Cell, Heading, PageBreak, Para, Slot, TableBlock
from .model import Department, Sangong, Xiang
from .money import fmt_money, fmt_pct, pct

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


class Builder:
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
        flat = []
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

    def hier(self, items: list[Xiang], cols, total_first=True, total_label="合计"):
        """Hierarchical 类/款/项 rows; every parent row is the exact sum of its children."""
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

    # -- the document -----------------------------------------------------
    def build(self) -> Doc:
        d = self.d
        self.doc.blocks.append(Heading(f"{d.name}{self.y}年度部门决算" if self.sh else
                                       f"{d.name}部门决算公开", 0))
        self.part1()
        self.part2()
        self.part3()
        self.part4()
        return self.doc

    # ------------------------------------------------------------------ 第一部分
    def part1(self):
        d = self.d
        self.doc.blocks.append(PageBreak())
        self.h(f"第一部分 {d.name}概况", 1)
        self.h("一、主要职能" if self.sh else "一、部门职责")
        for i, t in enumerate(d.duties, 1):
            self.p(f"{i}.{t}")
        self.h("二、部门决算单位构成" if self.sh else "二、机构设置")
        if not self.sh:
            self.p(f"{d.name}内设机构 {len(d.inner_depts)} 个，包括：{'、'.join(d.inner_depts)}。")
        n = 1 + len(d.units)
        self.p(f"从决算单位构成看，{d.name}部门决算包括：本级决算" + ("、所属单位决算。" if d.units else "。"))
        cnt = self.slot("共 ", n, "count", " 个", ("count_sum",), parts=[1, len(d.units)])
        self.p(f"纳入本部门 {self.y} 年度部门决算编制范围的单位", cnt,
               f"（1 个本级和 {len(d.units)} 个所属单位），具体包含：")
        names = [f"{d.name}（本级）"] + d.units
        self.p("".join(f"{i}.{u}" + ("；" if i < n else "。") for i, u in enumerate(names, 1)))

    # ------------------------------------------------------------------ 第二部分
    def part2(self):
        d, y = self.d, self.y
        self.doc.blocks.append(PageBreak())
        self.h(f"第二部分 {d.name} {y} 年度部门决算表" if self.sh else f"第二部分 {y} 年度部门决算表", 1)
        self.t01()
        self.t02()
        self.t03()
        self.t04()
        self.t05()
        self.t06()
        order = ["sg", "gf", "gz"] if self.sh else ["gf", "gz", "sg"]
        for k in order:
            getattr(self, f"t_{k}")()

    def _lei_amounts(self, fund=None, fiscal=False):
        out = {}
        for x in self.d.xiang:
            if fund and x.fund != fund:
                continue
            out[x.lei] = out.get(x.lei, 0) + (x.fis_exp if fiscal else x.exp)
        return out

    def t01(self):
        d = self.d
        src = d.source_amounts
        inc = [("一、一般公共预算财政拨款收入", sum(x.fis_income for x in d.of("gpb"))),
               ("二、政府性基金预算财政拨款收入", sum(x.fis_income for x in d.of("gf"))),
               ("三、国有资本经营预算财政拨款收入", sum(x.fis_income for x in d.of("gz"))),
               ("四、上级补助收入", 0), ("五、事业收入", src["事业收入"]), ("六、经营收入", 0),
               ("七、附属单位上缴收入", 0), ("八、其他收入", src["其他收入"])]
        lei = self._lei_amounts()
        rows, meta = [], []
        hn = not self.sh
        for i, (nm, code) in enumerate(D.SUMMARY_LEI):
            left = [inc[i][0], Cell(inc[i][1])] if i < len(inc) else ["", ""]
            if hn:
                left = [left[0], str(i + 1), left[1]]
                right = [f"{D.CN_NUM[i]}、{nm}", str(i + 32), Cell(lei.get(code, 0))]
            else:
                right = [f"{D.CN_NUM[i]}、{nm}", Cell(lei.get(code, 0))]
            rows.append(left + right)
            meta.append({"level": "line", "code": code})
        tail = [("本年收入合计", d.income_total, "本年支出合计", d.exp_total),
                ("使用非财政拨款结余" + ("和专用结余" if hn else ""), 0, "结余分配", 0),
                ("年初结转和结余", d.carry_begin, "年末结转和结余", d.carry_end),
                ("总计", d.grand_total, "总计", d.exp_total + d.carry_end)]
        for j, (a, av, b, bv) in enumerate(tail):
            if hn:
                rows.append([a, str(27 + j), Cell(av), b, str(58 + j), Cell(bv)])
            else:
                rows.append([a, Cell(av), b, Cell(bv)])
            meta.append({"level": ["income_total", "misc", "carry", "grand"][j]})
        if hn:
            header = [["收入", None, None, "支出", None, None], ["项目", "行次", "金额", "项目", "行次", "金额"]]
            spans = [((0, 0), (2, 0)), ((3, 0), (5, 0))]
            widths = [3.2, 0.7, 1.3, 3.2, 0.7, 1.3]
        else:
            header = [["收入", None, "支出", None], ["项目", "决算数", "项目", "决算数"]]
            spans = [((0, 0), (1, 0)), ((2, 0), (3, 0))]
            widths = [3.3, 1.3, 3.3, 1.3]
        self.table("t01", "收入支出决算总表", header, spans, rows, meta, widths,
                   notes=["注：本表反映部门本年度的总收支和年末结转结余情况。"])

    def _code_header(self, cols: list[str], top="项目"):
        n = len(cols)
        header = [[top, None] + cols, ["科目编码" if not self.sh else "功能分类科目编码", "科目名称"] + [None] * n]
        spans = [((0, 0), (1, 0))] + [((2 + i, 0), (2 + i, 1)) for i in range(n)]
        return header, spans

    def t02(self):
        cols = ["本年收入合计", "财政拨款收入", "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入"]
        rows, meta = self.hier(self.d.xiang, lambda x: [x.income, x.fis_income, 0, x.shiye, 0, 0, x.other])
        h, s = self._code_header(cols)
        self.table("t02", "收入决算表", h, s, rows, meta, [1.0, 3.2] + [1.1] * 7, code_col=0,
                   notes=["注：本表反映部门本年度取得的各项收入情况。"])

    def t03(self):
        cols = ["本年支出合计", "基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出"]
        rows, meta = self.hier(self.d.xiang, lambda x: [x.exp, x.basic, x.proj, 0, 0, 0])
        h, s = self._code_header(cols)
        self.table("t03", "支出决算表", h, s, rows, meta, [1.0, 3.2] + [1.1] * 6, code_col=0,
                   notes=["注：本表反映部门本年度各项支出情况。"])

    def t04(self):
        d = self.d
        hn = not self.sh
        inc = [("一、一般公共预算财政拨款", sum(x.fis_income for x in d.of("gpb"))),
               ("二、政府性基金预算财政拨款", sum(x.fis_income for x in d.of("gf"))),
               ("三、国有资本经营预算财政拨款", sum(x.fis_income for x in d.of("gz")))]
        by = {f: self._lei_amounts(f, fiscal=True) for f in ("gpb", "gf", "gz")}
        rows, meta = [], []
        for i, (nm, code) in enumerate(D.SUMMARY_LEI):
            left = [inc[i][0], Cell(inc[i][1])] if i < 3 else ["", ""]
            vals = [by[f].get(code, 0) for f in ("gpb", "gf", "gz")]
            if hn:
                left = [left[0], str(i + 1), left[1]]
                right = [f"{D.CN_NUM[i]}、{nm}", str(i + 33)]
            else:
                right = [f"{D.CN_NUM[i]}、{nm}"]
            rows.append(left + right + [Cell(sum(vals))] + [Cell(v) for v in vals])
            meta.append({"level": "line", "code": code})
        fe = [sum(x.fis_exp for x in d.of(f)) for f in ("gpb", "gf", "gz")]
        cb = [sum(x.carry_begin for x in d.of(f)) for f in ("gpb", "gf", "gz")]
        ce = [sum(x.carry_end for x in d.of(f)) for f in ("gpb", "gf", "gz")]
        fin = d.fis_income

        def line(a, av, b, bv, n1, n2, lvl):
            L = [a, str(n1), av] if hn else [a, av]
            R = [b, str(n2)] if hn else [b]
            rows.append(L + R + bv)
            meta.append({"level": lvl})

        line("本年收入合计", Cell(fin), "本年支出合计", [Cell(sum(fe))] + [Cell(v) for v in fe], 27, 59, "income_total")
        line("年初财政拨款结转和结余", Cell(sum(cb)), "年末财政拨款结转和结余",
             [Cell(sum(ce))] + [Cell(v) for v in ce], 28, 60, "carry")
        for j, nm in enumerate(["一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款"]):
            line(nm, Cell(cb[j]), "", ["", "", "", ""], 29 + j, 61 + j, "carry_detail")
        line("总计", Cell(fin + sum(cb)), "总计", [Cell(sum(fe) + sum(ce))] + [Cell(fe[j] + ce[j]) for j in range(3)],
             32, 64, "grand")
        if hn:
            header = [["收入", None, None, "支出", None, None, None, None],
                      ["项目", "行次", "金额", "项目", "行次", "合计", "一般公共预算财政拨款", "政府性基金预算财政拨款"],
                      ]
            header[1].append("国有资本经营预算财政拨款")
            header[0].append(None)
            spans = [((0, 0), (2, 0)), ((3, 0), (8, 0))]
            widths = [2.6, 0.5, 1.0, 2.6, 0.5, 1.0, 1.1, 1.1, 1.1]
        else:
            header = [["收入", None, "支出", None, None, None, None],
                      ["项目", "决算数", "项目", "合计", "一般公共预算财政拨款", "政府性基金预算财政拨款",
                       "国有资本经营预算财政拨款"]]
            spans = [((0, 0), (1, 0)), ((2, 0), (6, 0))]
            widths = [2.6, 1.0, 2.6, 1.0, 1.1, 1.1, 1.1]
        self.table("t04", "财政拨款收入支出决算总表", header, spans, rows, meta, widths,
                   notes=["注：本表反映部门本年度一般公共预算财政拨款、政府性基金预算财政拨款和国有资本经营预算财政拨款的总收支和年末结转结余情况。"])

    def t05(self):
        rows, meta = self.hier(self.d.of("gpb"), lambda x: [x.fis_exp, x.fis_basic, x.fis_proj],
                               total_first=not self.sh)
        h, s = self._code_header(["小计" if not self.sh else "合计", "基本支出", "项目支出"])
        self.table("t05", "一般公共预算财政拨款支出决算表", h, s, rows, meta, [1.0, 3.4, 1.2, 1.2, 1.2], code_col=0,
                   notes=["注：本表反映部门本年度一般公共预算财政拨款支出情况。"])

    def t06(self):
        e = self.d.econ
        def grp(code, items):
            out = [(code, D.ECON_GROUPS[code], sum(e.get(c, 0) for c, _ in items), "group")]
            out += [(c, n, e.get(c, 0), "item") for c, n in items]
            return out
        left = grp("301", D.ECON_301) + grp("303", D.ECON_303)
        if self.sh:
            cols = [left, grp("302", D.ECON_302) + grp("310", D.ECON_310)]
        else:
            cols = [left, grp("302", D.ECON_302),
                    grp("307", D.ECON_307) + grp("310", D.ECON_310) + grp("399", D.ECON_399)]
        n = max(len(c) for c in cols)
        rows, meta = [], []
        for i in range(n):
            row, m = [], {"level": "econ", "cells": []}
            for c in cols:
                if i < len(c):
                    code, nm, v, lvl = c[i]
                    row += [code, nm, Cell(v)]
                    m["cells"].append((code, lvl))
                else:
                    row += ["", "", ""]
                    m["cells"].append(None)
            rows.append(row)
            meta.append(m)
        tot = ["人员经费合计", "", Cell(self.d.personnel), "公用经费合计", "", Cell(self.d.public)]
        tot += ["", "", ""] * (len(cols) - 2)
        rows.append(tot)
        meta.append({"level": "econ_total"})
        hdr_top, hdr = [], []
        spans = []
        for j in range(len(cols)):
            hdr_top += ["人员经费" if j == 0 else ("公用经费" if j == 1 else None), None, None]
            hdr += ["科目编码" if not self.sh else "经济分类科目编码", "科目名称", "决算数"]
        spans.append(((0, 0), (2, 0)))
        spans.append(((3, 0), (3 * len(cols) - 1, 0)))
        title = "一般公共预算财政拨款基本支出决算表" if self.sh else "一般公共预算财政拨款基本支出决算明细表"
        self.table("t06", title, [hdr_top, hdr], spans, rows, meta, [0.8, 2.2, 1.0] * len(cols),
                   notes=["注：本表反映部门本年度一般公共预算财政拨款基本支出明细情况。"],
                   zero="0.00" if self.sh and not self.o.econ_wrap else None)

    def _fund_table(self, key, fund, title, what):
        items = self.d.of(fund)
        rows, meta = self.hier(items, lambda x: [x.carry_begin, x.fis_income, x.fis_exp, x.fis_basic,
                                                 x.fis_proj, x.carry_end])
        cols = ["年初结转和结余", "本年收入", "本年支出", None, None, "年末结转和结余"]
        header = [["项目", None] + cols,
                  ["科目编码", "科目名称", None, None, "小计", "基本支出", "项目支出", None]]
        spans = [((0, 0), (1, 0)), ((2, 0), (2, 1)), ((3, 0), (3, 1)), ((4, 0), (6, 0)), ((7, 0), (7, 1))]
        notes = [f"注：本表反映部门本年度{what}收入、支出及结转和结余情况。"]
        if not items:
            notes.append(f"说明：{self.d.name}本年度没有{what}收入和支出，故本表无数据。")
        self.table(key, title, header, spans, rows, meta, [1.0, 3.0, 1.1, 1.1, 1.1, 1.1, 1.1, 1.1],
                   code_col=0, notes=notes)

    def t_gf(self):
        self._fund_table("gf", "gf", "政府性基金预算财政拨款收入支出决算表", "政府性基金预算财政拨款")

    def t_gz(self):
        items = self.d.of("gz")
        if self.sh:
            self._fund_table("gz", "gz", "国有资本经营预算财政拨款收入支出决算表", "国有资本经营预算财政拨款")
            return
        rows, meta = self.hier(items, lambda x: [x.fis_exp, x.fis_basic, x.fis_proj])
        h, s = self._code_header(["合计", "基本支出", "项目支出"], top="项目")
        notes = ["注：本表反映部门本年度国有资本经营预算财政拨款支出情况。"]
        if not items:
            notes.append("说明：本部门没有国有资本经营收入，也没有使用国有资本经营安排的支出，故本表无数据。")
        self.table("gz", "国有资本经营预算财政拨款支出决算表", h, s, rows, meta, [1.0, 3.4, 1.2, 1.2, 1.2],
                   code_col=0, notes=notes)

    def t_sg(self):
        sg = self.d.sangong
        k = ["abroad", "car_buy", "car_run", "recep"]

        def six(dd):
            return [Sangong.tot(dd), dd["abroad"], dd["car_buy"] + dd["car_run"], dd["car_buy"], dd["car_run"],
                    dd["recep"]]
        b, a = six(sg.budget), six(sg.actual)
        empty = Sangong.tot(sg.actual) == 0 and Sangong.tot(sg.budget) == 0
        names = ["合计", "因公出国（境）费", "公务用车购置及运行维护费", "公务用车购置费", "公务用车运行维护费", "公务接待费"]
        if self.sh:
            header = [["财政拨款“三公”经费"] + [None] * 11,
                      ["合计", None, "因公出国（境）费", None, "公务用车购置及运行维护费", None, None, None, None, None,
                       "公务接待费", None],
                      [None, None, None, None, "小计", None, "公务用车购置费", None, "公务用车运行维护费", None, None, None],
                      ["预算数", "决算数"] * 6]
            spans = [((0, 0), (11, 0)), ((0, 1), (1, 2)), ((2, 1), (3, 2)), ((4, 1), (9, 1)), ((10, 1), (11, 2)),
                     ((4, 2), (5, 2)), ((6, 2), (7, 2)), ((8, 2), (9, 2))]
            row = []
            for i in range(6):
                row += [Cell(b[i]), Cell(a[i])]
            zero = ""
        else:
            header = [["预算数"] + [None] * 5 + ["决算数"] + [None] * 5,
                      ["合计", "因公出国（境）费", "公务用车购置及运行维护费", None, None, "公务接待费"] * 2,
                      [None, None, "小计", "公务用车购置费", "公务用车运行维护费", None] * 2]
            spans = [((0, 0), (5, 0)), ((6, 0), (11, 0))]
            for off in (0, 6):
                spans += [((off, 1), (off, 2)), ((off + 1, 1), (off + 1, 2)), ((off + 2, 1), (off + 4, 1)),
                          ((off + 5, 1), (off + 5, 2))]
            row = [Cell(v) for v in b + a]
            zero = None
        notes = ["注：本表反映部门本年度财政拨款“三公”经费支出预决算情况。"]
        if empty:
            notes.append(f"说明：{self.d.name}本年度没有财政拨款“三公”经费支出，故本表无数据。")
        self.table("sg", "财政拨款“三公”经费支出决算表", header, spans, [row], [{"level": "sangong"}],
                   [1.0] * 12, notes=notes, zero=zero,
                   col_label=None if self.sh else [str(i) for i in range(1, 13)])

    # ------------------------------------------------------------------ 第三部分
    def part3(self):
        d, y = self.d, self.y
        self.doc.blocks.append(PageBreak())
        self.h(f"第三部分 {d.name} {y} 年度部门决算情况说明" if self.sh else f"第三部分 {y} 年度部门决算情况说明", 1)
        self.s_total()
        self.s_income()
        self.s_exp()
        self.s_fiscal()
        self.s_gpb()
        self.s_basic()
        if self.sh:
            self.s_sangong("七")
            self.s_gf("八")
            self.s_gz("九")
            self.s_perf("十")
            self.h("十一、其他重要事项的情况说明")
            self.s_jiguan("（一）")
            self.s_proc("（二）")
            self.s_assets("（三）")
        else:
            self.s_gf("七")
            self.s_gz("八")
            self.s_sangong("九")
            self.s_jiguan("十、")
            self.s_proc("十一、")
            self.s_assets("十二、")
            self.s_perf("十三")

    def who(self) -> str:
        return f"{self.d.name} {self.y} 年度" if self.sh else f"{self.y} 年度"

    def s_total(self):
        d = self.d
        self.h("一、收入支出决算总体情况说明")
        tot = self.money("", d.grand_total)
        if self.sh:
            self.p(f"{d.name} {self.y} 年度收入支出总计 ", tot, "。",
                   self.change("收入支出总计", d.grand_total, d.prev["grand_total"]))
        else:
            self.p(f"{self.y} 年度收、支总计均为 ", tot, "。",
                   self.change("收、支总计各", d.grand_total, d.prev["grand_total"]))

    def s_income(self):
        d = self.d
        self.h("二、收入决算情况说明")
        tot = d.income_total
        parts = [f"{'本年' if self.sh else f'{self.y} 年度'}收入合计 ", fmt_money(tot), " 万元，其中："]
        items = [(k, v) for k, v in d.source_amounts.items() if v or not self.sh]
        for i, (k, v) in enumerate(items):
            parts += [self.money(f"{k} ", v), "，", self.share(v, tot), "；" if i < len(items) - 1 else "。"]
        self.p(*parts)

    def s_exp(self):
        d = self.d
        self.h("三、支出决算情况说明")
        tot = d.exp_total
        b = sum(x.basic for x in d.xiang)
        pj = sum(x.proj for x in d.xiang)
        items = [("基本支出", b), ("项目支出", pj), ("上缴上级支出", 0), ("经营支出", 0), ("对附属单位补助支出", 0)]
        items = [(k, v) for k, v in items if v or not self.sh]
        parts = [f"{'本年' if self.sh else f'{self.y} 年度'}支出合计 ", fmt_money(tot), " 万元，其中："]
        for i, (k, v) in enumerate(items):
            parts += [self.money(f"{k} ", v), "，", self.share(v, tot), "；" if i < len(items) - 1 else "。"]
        self.p(*parts)

    def s_fiscal(self):
        d = self.d
        self.h("四、财政拨款收入支出决算总体情况说明")
        tot = self.money("", d.fis_total)
        if self.sh:
            self.p(f"{d.name} {self.y} 年度财政拨款收入支出总计 ", tot, "。",
                   self.change("财政拨款收入支出总计", d.fis_total, d.prev["fis_total"]))
        else:
            self.p(f"{self.y} 年度财政拨款收、支总计均为 ", tot, "。",
                   self.change("财政拨款收、支总计各", d.fis_total, d.prev["fis_total"]))

    def s_gpb(self):
        d = self.d
        g = d.gpb_exp
        self.h("五、一般公共预算财政拨款支出决算情况说明")
        self.h("（一）一般公共预算财政拨款支出决算总体情况" if self.sh else "（一）总体情况", 3)
        self.p(f"{'' if self.sh else f'{self.y} 年度'}", self.money("一般公共预算财政拨款支出 ", g), "，",
               self.share(g, d.exp_total, "占本年支出合计的 " if self.sh else "占支出合计的 "), "。",
               self.change("一般公共预算财政拨款支出", g, d.prev["gpb_exp"]))
        self.h("（二）一般公共预算财政拨款支出决算结构情况" if self.sh else "（二）结构情况", 3)
        lei = self._lei_amounts("gpb", fiscal=True)
        parts = [self.money(("" if self.sh else f"{self.y} 年度") + "一般公共预算财政拨款支出 ", g,
                            ("duplicate_value",), same=g), "，主要用于以下方面："]
        ks = sorted(lei)
        for i, k in enumerate(ks):
            parts += [self.money(f"{D.LEI[k]}（类）", lei[k], post=" 万元"), "，", self.share(lei[k], g),
                      "；" if i < len(ks) - 1 else "。"]
        self.p(*parts)
        self.h("（三）一般公共预算财政拨款支出决算具体情况" if self.sh else "（三）具体情况", 3)
        use_full = self.sh and self.r.random() < 0.6
        bname = "全年预算" if use_full else "年初预算"
        btot = sum((x.budget_full if use_full else x.budget_init) for x in d.of("gpb"))
        parts = [f"{'' if self.sh else f'{self.y} 年度'}一般公共预算财政拨款支出{bname}为 ", fmt_money(btot),
                 " 万元，", self.money("支出决算为 ", g, ("duplicate_value",), same=g), "，",
                 self.slot(f"完成{bname}的 ", pct(g, btot), "pct", "%", ("completion",), num=g, den=btot), "。"]
        if self.sh:
            parts += [self._budget_reason(g, btot, bname), "其中："]
        else:
            parts += ["其中："]
        self.p(*parts)
        sep = "、" if self.sh else "."
        heading_amounts = not self.sh and self.r.random() < 0.5
        for i, x in enumerate(d.of("gpb"), 1):
            b = x.budget_full if use_full else x.budget_init
            head = f"{i}{sep}{D.LEI[x.lei]}（类）{D.KUAN[x.kuan]}（款）{x.name}（项）。"
            if not self.sh and heading_amounts:  # 河南 template: "…（项）62.40 万元。" (X044: heading = body)
                head = [f"{i}{sep}{D.LEI[x.lei]}（类）{D.KUAN[x.kuan]}（款）{x.name}（项）",
                        self.money("", x.fis_exp, ("item_heading",), post=" 万元"), "。"]
            comp = self.slot(f"完成{bname}{'数' if self.sh else ''}的 ", pct(x.fis_exp, b), "pct", "%",
                             ("completion",), num=x.fis_exp, den=b)
            if self.sh:
                self.p(head, f"{bname}为 ", fmt_money(b), " 万元，",
                       self.money("支出决算为 ", x.fis_exp, code=x.code), "，", comp, "。",
                       self._budget_reason(x.fis_exp, b, bname))
            else:
                self.p(head, f"{bname}数为 ", fmt_money(b), " 万元，", self.money("决算数 ", x.fis_exp, code=x.code),
                       "，", comp, "，", self._budget_reason(x.fis_exp, b, bname))

    def _budget_reason(self, e: int, b: int, bname: str) -> list:
        if e == b:
            return [f"决算数与{bname}数持平。" if self.sh else f"决算数与{bname}数无差异。"]
        up = e > b
        if self.sh:
            lead = f"决算数{'大于' if up else '小于'}{bname}数的主要原因："
            return [lead, self.reason(up, D.BUDGET_UP, D.BUDGET_DOWN, "{r}"), "。"]
        return [f"决算数与{bname}数存在差异的",
                self.reason(up, D.BUDGET_UP, D.BUDGET_DOWN, "主要原因是{r}"), "。"]

    def s_basic(self):
        d = self.d
        self.h("六、一般公共预算财政拨款基本支出决算情况说明")
        names = dict(D.ECON_301 + D.ECON_303 + D.ECON_302 + D.ECON_307 + D.ECON_310 + D.ECON_399)
        pers = [c for c, v in d.econ.items() if v and c[:3] in ("301", "303")]
        pub = [c for c, v in d.econ.items() if v and c[:3] not in ("301", "303")]

        def lst(codes, group):
            zeros = [names[c] for c, v in d.econ.items() if not v and (c[:3] in ("301", "303")) == group]
            return self.slot("主要包括：" + "、".join(names[c] for c in codes), kinds=("list",),
                             items=[names[c] for c in codes], absent=zeros)
        pm = self.money("人员经费 ", d.personnel)
        gm = self.money("公用经费 ", d.public)
        if self.sh:
            self.p(self.money("一般公共预算财政拨款基本支出 ", d.gpb_basic), "。其中：", pm, "，", lst(pers, True),
                   "；", gm, "，", lst(pub, False), "。")
        else:
            self.p(f"{self.y} 年度", self.money("一般公共预算财政拨款基本支出 ", d.gpb_basic), "。",
                   self.change("一般公共预算财政拨款基本支出", d.gpb_basic, d.prev["basic"], derived="basic"))
            self.p("其中：", pm, "，", self.change("人员经费支出", d.personnel, d.prev["personnel"], derived="basic"),
                   lst(pers, True), "。")
            self.p(gm, "，", self.change("公用经费支出", d.public, d.prev["public"], derived="basic"), lst(pub, False), "。")

    def s_gf(self, num):
        d = self.d
        items = d.of("gf")
        self.h(f"{num}、政府性基金预算财政拨款{'收入' if self.sh else ''}支出决算情况说明")
        none = (f"{self.who()}无政府性基金预算财政拨款收入和支出。" if self.sh else
                f"本部门 {self.y} 年度没有政府性基金预算财政拨款收入，也没有使用政府性基金预算财政拨款安排的支出。")
        if not items:
            self.p(none)
            return
        inc = sum(x.fis_income for x in items)
        exp = sum(x.fis_exp for x in items)
        bud = sum(x.budget_init for x in items)
        zs = self.slot("", kinds=("zero_statement",), alt=none, group="gf")
        self.p(zs, self.money("政府性基金预算财政拨款收入 ", inc), "，", self.money("支出 ", exp), "，",
               self.money("年末结转和结余 ", d.carry_end - sum(x.carry_end for x in d.xiang if x.fund != "gf")),
               "。", group="gf")
        for i, x in enumerate(items, 1):
            sep = "、" if self.sh else "."
            self.p(f"{i}{sep}{D.LEI[x.lei]}（类）{D.KUAN[x.kuan]}（款）{x.name}（项）。年初预算为 ",
                   fmt_money(x.budget_init), " 万元，", self.money("支出决算为 ", x.fis_exp, code=x.code), "，",
                   self.slot("完成年初预算的 ", pct(x.fis_exp, x.budget_init), "pct", "%", ("completion",),
                             num=x.fis_exp, den=x.budget_init), "。",
                   self._budget_reason(x.fis_exp, x.budget_init, "年初预算"), group="gf")
        del bud

    def s_gz(self, num):
        items = self.d.of("gz")
        self.h(f"{num}、国有资本经营预算财政拨款{'收入' if self.sh else ''}支出决算情况说明")
        none = (f"{self.who()}无国有资本经营预算财政拨款收入和支出。" if self.sh else
                f"本部门 {self.y} 年度没有国有资本经营预算财政拨款收入，也没有使用国有资本经营预算财政拨款安排的支出。")
        if not items:
            self.p(none)
            return
        zs = self.slot("", kinds=("zero_statement",), alt=none, group="gz")
        exp = sum(x.fis_exp for x in items)
        self.p(zs, self.money("国有资本经营预算财政拨款支出 ", exp), "，主要用于",
               "、".join(x.name for x in items), "。", group="gz")

    def s_sangong(self, num):
        d, sg = self.d, self.d.sangong
        A, B, P = sg.actual, sg.budget, sg.prev
        ta, tb = Sangong.tot(A), Sangong.tot(B)
        self.h(f"{num}、财政拨款“三公”经费支出决算情况说明")
        none = f"{self.who()}无“三公”经费财政拨款支出。"
        if self.sh and ta == 0 and tb == 0:
            self.p(none)
            return
        g = "sg"
        zs = self.slot("", kinds=("zero_statement",) if ta else (), alt=none, group=g)
        self.h("（一）“三公”经费财政拨款支出决算总体情况说明", 3)
        car = A["car_buy"] + A["car_run"]
        carb = B["car_buy"] + B["car_run"]
        comp = self.slot("完成全年预算的 ", pct(ta, tb) if tb else 0, "pct", "%",
                         ("completion",) if tb else (), num=ta, den=tb)
        parts = [zs, f"{self.y} 年度“三公”经费财政拨款支出全年预算为 ", fmt_money(tb), " 万元，",
                 self.money("支出决算为 ", ta), "，", comp, "。"]
        if ta == tb:
            parts.append(f"{self.y} 年度“三公”经费支出决算数与全年预算数{'持平' if self.sh else '无差异'}。")
        else:
            parts += [f"{self.y} 年度“三公”经费支出决算数{'大于' if ta > tb else '小于'}全年预算数的",
                      self.reason(ta > tb, D.BUDGET_UP, D.BUDGET_DOWN, "主要原因是{r}"), "。"]
        self.p(*parts, group=g)
        if ta != P_tot(P) and P_tot(P):
            parts = []
            if self.sh:  # 上海: the parts' changes follow the total's ("其中：因公出国（境）费…与 2024 年持平；…")
                for i, (nm, cur, prv) in enumerate([
                        ("因公出国（境）费", A["abroad"], P["abroad"]),
                        ("公务用车购置及运行维护费", A["car_buy"] + A["car_run"], P["car_buy"] + P["car_run"]),
                        ("公务接待费", A["recep"], P["recep"])]):
                    parts.append("其中：" if i == 0 else "；")
                    if cur == prv:
                        parts.append(f"{nm}支出决算与 {self.y - 1} 年持平")
                    else:
                        parts.append(self.money(f"{nm}支出决算{'增加' if cur > prv else '减少'} ", abs(cur - prv),
                                                ("sangong_change",)))
                parts.append("。")
            self.p(f"{self.y} 年度“三公”经费财政拨款支出决算数",
                   *self.change("", ta, P_tot(P), derived="sangong_parts" if self.sh else ""), *parts, group=g)
        self.h("（二）“三公”经费财政拨款支出决算具体情况说明", 3)
        sub = []
        for i, (nm, v) in enumerate([("因公出国（境）费", A["abroad"]), ("公务用车购置及运行维护费", car),
                                     ("公务接待费", A["recep"])]):
            sub += [self.money(f"{nm}支出决算 ", v), "，", self.share(v, ta) if ta else "占 0.00%",
                    "；" if i < 2 else "。"]
        self.p("“三公”经费财政拨款支出决算中，", *sub, "具体情况如下：", group=g)
        cnt = lambda pre, v, post, **m: self.slot(pre, v, "count", post, ("sangong_count",), **m)  # noqa: E731
        self.p(self.money("1、因公出国（境）费支出 ", A["abroad"]), "。全年安排因公出国（境）",
               cnt("团组 ", sg.abroad_groups, " 个", amount=A["abroad"], what="groups"), "、",
               cnt("累计 ", sg.abroad_people, " 人次", amount=A["abroad"], what="people"), "。", group=g)
        self.p(self.money("2、公务用车购置及运行维护费支出 ", car), "。其中：", group=g)
        self.p(self.money("公务用车购置支出 ", A["car_buy"]), "。", group=g)
        self.p(self.money("公务用车运行维护支出 ", A["car_run"]), f"。{self.y} 年期末，单位开支财政拨款的公务用车",
               cnt("保有量为 ", sg.vehicles, " 辆", amount=A["car_run"], what="vehicles"), "。", group=g)
        self.p(self.money("3、公务接待费支出 ", A["recep"]), f"。{self.y} 年共接待国内来访",
               cnt("团组 ", sg.recep_batches, " 个", amount=A["recep"], what="batches"), "、",
               cnt("来宾 ", sg.recep_people, " 人次", amount=A["recep"], what="people"), "（不包括陪同人员）。",
               group=g)
        del carb

    def s_jiguan(self, num):
        d = self.d
        self.h(f"{num}机关运行经费支出情况" if self.sh else f"{num}机关运行经费支出情况说明",
               3 if self.sh else 2)
        if self.sh:
            self.p(self.money("机关运行经费支出 ", d.jiguan), "，", self.change("", d.jiguan, d.prev["jiguan"]))
        else:
            self.p(f"{self.y} 年度机关运行经费年初预算为 ", fmt_money(d.jiguan_budget), " 万元，",
                   self.money("支出决算为 ", d.jiguan), "，",
                   self.slot("完成年初预算的 ", pct(d.jiguan, d.jiguan_budget), "pct", "%", ("completion",),
                             num=d.jiguan, den=d.jiguan_budget), "。",
                   self._budget_reason(d.jiguan, d.jiguan_budget, "年初预算"),
                   "机关运行经费", self.change("", d.jiguan, d.prev["jiguan"]))

    def s_proc(self, num):
        d, pr = self.d, self.d.procurement
        self.h(f"{num}政府采购支出情况" if self.sh else f"{num}政府采购支出情况说明", 3 if self.sh else 2)
        tot = pr["goods"] + pr["works"] + pr["services"]
        self.p(f"{self.who()}政府采购支出总额 ", fmt_money(tot), " 万元，其中：",
               self.money("政府采购货物支出 ", pr["goods"], ("procurement_parts",)), "、",
               self.money("政府采购工程支出 ", pr["works"], ("procurement_parts",)), "、",
               self.money("政府采购服务支出 ", pr["services"], ("procurement_parts",)), "。授予中小企业合同金额 ",
               fmt_money(pr["sme"]), " 万元，", self.share(pr["sme"], tot, "占政府采购支出总额的 ") if tot else
               "占政府采购支出总额的 0.00%", "，其中：",
               self.money("授予小微企业合同金额 ", pr["small"], ("procurement_awarded",), sme=pr["sme"]), "，",
               self.share(pr["small"], tot, "占政府采购支出总额的 ") if tot else "占政府采购支出总额的 0.00%", "。")

    def s_assets(self, num):
        d = self.d
        self.h(f"{num}国有资产占有使用情况说明" if self.sh else f"{num}国有资产占用情况说明", 3 if self.sh else 2)
        kinds = D.VEHICLE_KINDS[:]
        kinds[0] = ("部级" if self.sh else "省级") + kinds[0]
        tot = sum(d.vehicles_by_kind)
        when = f"截至 {self.y} 年 12 月 31 日，{d.name}" if self.sh else f"{self.y} 年期末，本部门"
        parts = [when, self.slot("共有车辆 ", tot, "count", " 辆", ("count_sum",), parts=d.vehicles_by_kind),
                 "，其中："]
        parts.append("、".join(f"{k} {v} 辆" for k, v in zip(kinds, d.vehicles_by_kind)))
        parts.append(f"；单价 100 万元（含）以上设备（不含车辆）{d.equipment} 台（套）。")
        self.p(*parts)

    def s_perf(self, num):
        d = self.d
        pj = d.projects
        n = len(pj)
        g = [sum(1 for p in pj if p.grade == k) for k in range(4)]
        bud = sum(p.budget for p in pj)
        ex = sum(p.executed for p in pj)
        if self.sh:
            self.h(f"{num}、预算绩效管理情况")
            avg = (sum(p.score for p in pj) * 2 + n) // (2 * n) if n else 0
            c = lambda pre, v, post, **m: self.slot(pre, v, "count", post, ("count_sum",), **m)  # noqa: E731
            self.p(f"{d.name} {self.y} 年度预算绩效管理工作开展情况如下：本部门建立了预算绩效管理制度，",
                   f"全过程绩效管理实施情况：编报绩效目标的 {self.y} 年度项目 {n} 个，涉及预算金额 ", fmt_money(bud),
                   f" 万元；绩效自评的 {self.y} 年度项目 ", c("", n, " 个", parts=g, role="total"), "，涉及预算金额 ",
                   fmt_money(bud), " 万元，平均得分 ", fmt_pct(avg), " 分（其中，",
                   c("绩效评级为“优”的项目 ", g[0], " 个", role="part"), "；",
                   c("绩效评级为“良”的项目 ", g[1], " 个", role="part"), "；",
                   c("绩效评级为“合格”的项目 ", g[2], " 个", role="part"), "；",
                   c("绩效评级为“不合格”的项目 ", g[3], " 个", role="part"), "）。")
            return
        self.h(f"{num}、预算绩效情况说明")
        self.h("（一）绩效管理工作开展情况", 3)
        self.p(f"根据统一部署和要求，本部门采取“事前申报绩效目标和指标、事中开展绩效自主监控、事后进行绩效评价”的方式，"
               f"建立了贯穿项目支出全过程的绩效管理模式。本部门整体绩效自评得分 {fmt_pct(d.whole_score)} 分，评价等级为"
               f"{'优' if d.whole_score >= 9000 else '良'}。")
        self.h("（二）部门整体和项目绩效自评结果", 3)
        self.p(f"{self.y} 年度，本部门项目全年预算合计 ", fmt_money(bud), " 万元（含上年结转资金），",
               self.money("支出合计 ", ex, ("duplicate_value",), same=ex), "，",
               self.slot("预算执行率 ", pct(ex, bud), "pct", "%", ("completion",), num=ex, den=bud), "。")
        c = lambda pre, v, post, **m: self.slot(pre, v, "count", post, ("count_sum",), **m)  # noqa: E731
        self.p(f"本部门需绩效自评项目 {n} 个，", c("实际自评 ", n, " 个", parts=g, role="total"), "，",
               c("", g[0], " 个项目自评等级为优", role="part"), "，", c("", g[1], " 个项目自评为良", role="part"), "，",
               c("", g[2], " 个项目自评为中", role="part"), "，", c("", g[3], " 个项目自评为差", role="part"),
               "。具体情况见附表。")
        rows, meta = [], []
        gname = ["优", "良", "中", "差"]
        for i, p in enumerate(pj, 1):
            rows.append([str(i), p.name, Cell(p.budget), Cell(p.executed), Cell(pct(p.executed, p.budget) or 0, "pct"),
                         Cell(p.score, "score"), gname[p.grade]])
            meta.append({"level": "project"})
        rows.append(["合计", "", Cell(bud), Cell(ex), Cell(pct(ex, bud) or 0, "pct"), "", ""])
        meta.append({"level": "total"})
        header = [["序号", "项目名称", "全年预算数", "全年执行数", "执行率", "得分", "评价等级"]]
        self.table("perf", "项目支出绩效自评结果汇总表", header, [], rows, meta, [0.5, 3.0, 1.2, 1.2, 1.0, 0.9, 0.9])

    # ------------------------------------------------------------------ 第四部分
    def part4(self):
        self.doc.blocks.append(PageBreak())
        self.h("第四部分 名词解释", 1)
        for i, t in enumerate(D.GLOSSARY):
            self.p(f"{D.CN_NUM[i]}、{t}")


def P_tot(d: dict) -> int:
    return sum(d.values())


def build_doc(dept: Department, opts: Options, rng: random.Random) -> Doc:
    return Builder(dept, opts, rng).build()
