"""第二部分 of a generated document: the standard tables (公开01–09表 / 表一–表九), each consistent with the
department's figures."""
from __future__ import annotations

from typing import Any

from . import data as D
from .ir import Cell, PageBreak
from .model import Sangong
from .render_base import BuilderBase


class TablesPart(BuilderBase):
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
        header: list[list[str | None]]
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
            row: list = []
            m: dict[str, Any] = {"level": "econ", "cells": []}
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

        def six(dd):
            return [Sangong.tot(dd), dd["abroad"], dd["car_buy"] + dd["car_run"], dd["car_buy"], dd["car_run"],
                    dd["recep"]]
        b, a = six(sg.budget), six(sg.actual)
        empty = Sangong.tot(sg.actual) == 0 and Sangong.tot(sg.budget) == 0
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
