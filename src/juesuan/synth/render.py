"""Build the document IR (all four parts) for a department in the 河南 or 上海 style.

The builder of each part lives in its module: :mod:`.render_base` (options, the IR being built, the shared
primitives), :mod:`.render_tables` (第二部分, the tables), :mod:`.render_narrative` (第三部分, the
narrative); this module builds the cover, 第一部分 and 第四部分 and puts them in order.
"""
from __future__ import annotations

import random

from . import data as D
from .ir import Heading, PageBreak
from .model import Department
from .render_base import HENAN, SHANGHAI, TABLE_IDS, BuilderBase, Doc, Options, draw_options
from .render_narrative import NarrativePart, P_tot
from .render_tables import TablesPart

__all__ = ["HENAN", "SHANGHAI", "TABLE_IDS", "Builder", "BuilderBase", "Doc", "NarrativePart", "Options", "P_tot",
           "TablesPart", "build_doc", "draw_options"]


class Builder(TablesPart, NarrativePart):
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

    # ------------------------------------------------------------------ 第四部分
    def part4(self):
        self.doc.blocks.append(PageBreak())
        self.h("第四部分 名词解释", 1)
        for i, t in enumerate(D.GLOSSARY):
            self.p(f"{D.CN_NUM[i]}、{t}")


def build_doc(dept: Department, opts: Options, rng: random.Random) -> Doc:
    return Builder(dept, opts, rng).build()
