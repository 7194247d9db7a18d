"""决算 documents of the other regional table sets (see /work/shared/REGIONS.md), a third style beside 河南 and
上海: the 四川 13-table set (adds 财政拨款支出决算明细表 and 一般公共预算财政拨款支出决算明细表 — 类/款/项 detail per fund —, 一般公共预算财政拨款项目支出
决算表 and 国有资本经营 with income and spending; 三公 as 表十三, tables after the narrative as 附表) and the 云南
11-table set (项目支出决算表, and one merged "财政拨款“三公”经费、行政参公单位机关运行经费情况表" beside the 三公 table).
The narrative is the 河南 one (the regions share the 情况说明's wording); the parts are renumbered as the region
prints them: 四川 第二部分 情况说明, 第三部分 名词解释, 第四部分 附件, 第五部分 附表 (the tables); 云南 第四部分 其他重要事项及相关口径
(机关运行经费, 政府采购, 国有资产, 绩效, numbered from 一), 第五部分 名词解释."""
from __future__ import annotations

import random

from . import data as D
from .ir import Cell, Heading, PageBreak, Para, Slot
from .render import Builder

SICHUAN, YUNNAN = "sichuan", "yunnan"
REGIONAL_STYLES = (SICHUAN, YUNNAN)
REGIONS_OF = {SICHUAN: ["达州市渠县", "成都市武侯区", "绵阳市涪城区", "南充市顺庆区", "宜宾市翠屏区"],
              YUNNAN: ["西双版纳傣族自治州", "昆明市五华区", "大理白族自治州", "曲靖市麒麟区", "玉溪市红塔区"]}
# table key, printed title (in the region's order)
SICHUAN_TABLES = [("t01", "收入支出决算总表"), ("t02", "收入决算表"), ("t03", "支出决算表"),
                  ("t04", "财政拨款收入支出决算总表"), ("fmx", "财政拨款支出决算明细表"),
                  ("t05", "一般公共预算财政拨款支出决算表"), ("gmx", "一般公共预算财政拨款支出决算明细表"),
                  ("t06", "一般公共预算财政拨款基本支出决算明细表"), ("pj", "一般公共预算财政拨款项目支出决算表"),
                  ("gf", "政府性基金预算财政拨款收入支出决算表"), ("gzi", "国有资本经营预算财政拨款收入支出决算表"),
                  ("gz", "国有资本经营预算财政拨款支出决算表"), ("sg", "财政拨款“三公”经费支出决算表")]
YUNNAN_TABLES = [("t01", "收入支出决算表"), ("t02", "收入决算表"), ("t03", "支出决算表"),
                 ("t04", "财政拨款收入支出决算表"), ("t05", "一般公共预算财政拨款收入支出决算表"),
                 ("t06", "一般公共预算财政拨款基本支出决算表"), ("pj", "一般公共预算财政拨款项目支出决算表"),
                 ("gf", "政府性基金预算财政拨款收入支出决算表"), ("gzi", "国有资本经营预算财政拨款收入支出决算表"),
                 ("sgj", "财政拨款“三公”经费、行政参公单位机关运行经费情况表"),
                 ("sg", "一般公共预算财政拨款“三公”经费情况表")]
PARTS = {SICHUAN: {"第二部分": "第五部分", "第三部分": "第二部分", "第四部分": "第三部分"},
         YUNNAN: {}}


class RegionalBuilder(Builder):
    """A 河南-worded 决算 with the 四川 or 云南 table set."""

    def __init__(self, dept, opts, rng: random.Random, style: str):
        super().__init__(dept, opts, rng)
        self.style = style
        self.tables_of = SICHUAN_TABLES if style == SICHUAN else YUNNAN_TABLES
        self.ids = {k: f"表{D.CN_NUM[i]}" for i, (k, _) in enumerate(self.tables_of)}
        self.ids["perf"] = "附表1"
        self.titles = dict(self.tables_of)

    def tid(self, key: str) -> str:
        return self.ids[key]

    def build(self):
        doc = super().build()
        ren = PARTS[self.style]
        for b in doc.blocks:
            if isinstance(b, Heading) and b.level == 1 and b.text[:4] in ren:
                b.text = ren[b.text[:4]] + b.text[4:]
        if self.style == SICHUAN:  # 四川: 情况说明 and 名词解释 first, the tables as the last part (附表)
            k = next(i for i, b in enumerate(doc.blocks) if isinstance(b, Heading) and b.text.startswith("第五部分"))
            end = next(i for i, b in enumerate(doc.blocks) if isinstance(b, Heading) and b.level == 1
                       and b.text.startswith("第二部分"))
            tables = doc.blocks[k - 1:end - 1]
            del doc.blocks[k - 1:end - 1]
            doc.blocks += [PageBreak(), Heading("第四部分 附件", 1),
                           Para([f"附件：{self.d.name}{self.y}年度部门整体支出绩效自评报告"])]
            doc.blocks.extend(tables)
        elif self.style == YUNNAN:
            self._other_matters(doc)
        return doc

    def _other_matters(self, doc):
        """云南: the sections from 机关运行经费 on (政府采购, 国有资产, 绩效) form 第四部分 其他重要事项及相关口径,
        numbered from 一 again; 名词解释 becomes 第五部分."""
        start = next((i for i, b in enumerate(doc.blocks) if isinstance(b, Heading) and b.level == 2
                      and "机关运行经费" in b.text), None)
        if start is None:
            return
        end = next(i for i, b in enumerate(doc.blocks) if i > start and isinstance(b, Heading) and b.level == 1)
        doc.blocks[end].text = doc.blocks[end].text.replace("第四部分", "第五部分", 1)
        n, renamed = 0, {}
        for b in doc.blocks[start:end]:
            if isinstance(b, Heading) and b.level == 2 and "、" in b.text:
                new = D.CN_NUM[n] + b.text[b.text.index("、"):]
                renamed[b.text], b.text, n = new, new, n + 1
            elif isinstance(b, Para):
                for x in b.pieces:
                    if isinstance(x, Slot) and x.section in renamed:
                        x.section = renamed[x.section]
        doc.blocks.insert(start, Heading("第四部分 其他重要事项及相关口径", 1))

    def part2(self):
        d, y = self.d, self.y
        self.doc.blocks.append(PageBreak())
        self.h(f"第二部分 {y} 年度{d.name}部门决算表", 1)
        for key, title in self.tables_of:
            getattr(self, f"r_{key}")(title)

    # -- the shared tables, under the region's title -------------------------
    def _retitle(self, key: str, title: str):
        self.doc.tables[key].title = title

    def r_t01(self, title):
        self.t01()
        self._retitle("t01", title)

    def r_t02(self, title):
        self.t02()

    def r_t03(self, title):
        self.t03()

    def r_t04(self, title):
        self.t04()
        self._retitle("t04", title)

    def r_t05(self, title):
        self.t05()
        self._retitle("t05", title)

    def r_t06(self, title):
        self.t06()
        self._retitle("t06", title)

    def r_gf(self, title):
        self._fund_table("gf", "gf", title, "政府性基金预算财政拨款")

    def r_gz(self, title):
        self.t_gz()

    def r_gzi(self, title):
        self._fund_table("gzi", "gz", title, "国有资本经营预算财政拨款")

    def r_sg(self, title):
        self.t_sg()
        self._retitle("sg", title)

    # -- the tables of these regions ----------------------------------------
    def _detail(self, key: str, title: str, fund: str | None):
        """A 类/款/项 detail table of one fund (REGIONS.md): 合计 | 基本支出 | 项目支出 of 财政拨款 per 科目."""
        items = [x for x in self.d.xiang if x.fis_exp and (fund is None or x.fund == fund)]
        rows, meta = self.hier(items, lambda x: [x.fis_exp, x.fis_basic, x.fis_proj])
        h, s = self._code_header(["合计", "基本支出", "项目支出"])
        self.table(key, title, h, s, rows, meta, [1.0, 3.4, 1.2, 1.2, 1.2], code_col=0,
                   notes=[f"注：本表反映部门本年度{title.replace('决算明细表', '')}的明细情况。"])

    def r_fmx(self, title):
        self._detail("fmx", title, None)

    def r_gmx(self, title):
        self._detail("gmx", title, "gpb")

    def r_pj(self, title):
        items = [x for x in self.d.of("gpb") if x.fis_proj]
        rows, meta = self.hier(items, lambda x: [x.fis_proj])
        h, s = self._code_header(["项目支出"])
        notes = ["注：本表反映部门本年度一般公共预算财政拨款项目支出情况。"]
        if not items:
            notes.append(f"说明：{self.d.name}本年度没有一般公共预算财政拨款项目支出，故本表无数据。")
        self.table("pj", title, h, s, rows, meta, [1.0, 3.6, 1.4], code_col=0, notes=notes)

    def r_sgj(self, title):
        """云南: 三公 决算 with its counts, and the 行政参公单位 机关运行经费, in one row."""
        sg, a = self.d.sangong, self.d.sangong.actual
        row = [Cell(sum(a.values())), Cell(a["abroad"]), Cell(sg.abroad_groups, "count"),
               Cell(sg.abroad_people, "count"), Cell(a["car_buy"] + a["car_run"]), Cell(a["car_buy"]),
               Cell(a["car_run"]), Cell(sg.vehicles, "count"), Cell(a["recep"]), Cell(sg.recep_batches, "count"),
               Cell(sg.recep_people, "count"), Cell(self.d.jiguan)]
        header = [["“三公”经费支出合计", "因公出国（境）费", None, None, "公务用车购置及运行维护费", None, None, None,
                   "公务接待费", None, None, "机关运行经费"],
                  [None, "金额", "团组数（个）", "人次", "小计", "购置费", "运行维护费", "保有量（辆）", "金额",
                   "批次（个）", "人次", None]]
        spans = [((0, 0), (0, 1)), ((1, 0), (3, 0)), ((4, 0), (7, 0)), ((8, 0), (10, 0)), ((11, 0), (11, 1))]
        self.table("sgj", title, header, spans, [row], [{"level": "sangong"}], [1.0] * 12,
                   notes=["注：本表反映部门本年度财政拨款“三公”经费及行政参公单位机关运行经费情况。"])
