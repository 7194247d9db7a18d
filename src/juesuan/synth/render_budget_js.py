"""A 江苏 provincial 部门预算: 第一部分 部门概况, 第二部分 公开01–12表 (万元 with thousands separators, joined codes,
a three-sided 收支预算总表 with 单位预留机动经费, 三公 with 会议费 and 培训费), 第三部分 one explanatory section per
table (changes "与上年相比增加 X 万元，增长 Y%", shares, 三公 shares of the 三公 total), 第四部分 名词解释."""
from __future__ import annotations

from . import data as D
from .ir import Cell, PageBreak, Slot
from .render_budget import BudgetBuilderBase

TITLES_JS = ["收支预算总表", "收入预算总表", "支出预算总表", "财政拨款收支预算总表", "财政拨款支出预算表",
             "财政拨款基本支出预算表", "一般公共预算支出预算表", "一般公共预算基本支出预算表",
             "一般公共预算“三公”经费、会议费、培训费支出预算表", "政府性基金支出预算表",
             "一般公共预算机关运行经费支出预算表", "政府采购支出预算表"]
GLOSSARY_JS = [
    "财政拨款：指由一般公共预算、政府性基金预算安排的财政拨款数。",
    "一般公共预算：包括公共财政拨款（补助）资金、专项收入。",
    "财政专户管理资金：包括专户管理行政事业性收费（主要是教育收费）、其他非税收入。",
    "其他资金：包括事业收入、经营收入、其他收入等。",
    "基本支出：包括人员经费、商品和服务支出（定额）。其中，人员经费包括工资福利支出、对个人和家庭的补助。",
    "项目支出：包括编入部门预算的单位发展项目、省直发展项目支出安排数等。",
    "单位预留机动经费：指预算单位年初预留用于年度执行中增人、增资等不可预见支出的经费。",
    "“三公”经费：指省级部门用一般公共预算财政拨款安排的因公出国（境）费、公务用车购置及运行费和公务接待费。",
    "机关运行经费：指各部门的公用经费，包括办公及印刷费、邮电费、差旅费、会议费、福利费、日常维修费、专用材料及一般设备购置费、办公用房水电费、办公用房取暖费、办公用房物业管理费、公务用车运行维护费及其他费用。",
]


class JiangsuBudget(BudgetBuilderBase):
    def build(self):
        b, y = self.b, self.y
        self.short = "本部门"
        self.o.doc_title = f"{b.name}{y}年部门预算"
        self.cover([f"{b.name}{y}年部门预算"])
        self.p("目 录")
        self.p("第一部分 部门概况")
        self.p(f"第二部分 {y} 年度部门预算表")
        for i, t in enumerate(TITLES_JS):
            self.p(f"{D.CN_NUM[i]}、{t}")
        self.p(f"第三部分 {y} 年度部门预算情况说明")
        self.p("第四部分 名词解释")
        self.doc.blocks.append(PageBreak())
        self.h("第一部分 部门概况", 1)
        self.h("一、主要职能")
        for i, t in enumerate(b.dept.duties, 1):
            self.p(f"{i}、{t.replace('区委、区政府', '省委、省政府').replace('全区', '全省')}")
        self.h("二、部门机构设置及预算单位构成情况")
        n = 1 + len(b.dept.units)
        self.p(f"从预算单位构成看，纳入本部门 {y} 年部门汇总预算编制范围的预算单位共 {n} 家，包括：{b.name}本级"
               + "".join(f"、{u}" for u in b.dept.units) + "。")
        self.doc.blocks.append(PageBreak())
        self.h(f"第二部分 {y} 年度部门预算表", 1)
        self.tables()
        self.doc.blocks.append(PageBreak())
        self.h(f"第三部分 {y} 年度部门预算情况说明", 1)
        self.narrative()
        self.doc.blocks.append(PageBreak())
        self.h("第四部分 名词解释", 1)
        self.glossary(GLOSSARY_JS)
        return self.doc

    # ------------------------------------------------------------------ tables
    def cap(self, i: int) -> str:
        return f"公开{i + 1:02d}表：{TITLES_JS[i]}"

    def tables(self):
        self.t_summary()
        self.t_totals()
        self.t_classified()
        self.t_sg()
        self.t_gf()
        self.t_jiguan()
        self.t_procurement()

    def t_summary(self):
        """01 收支预算总表: 收入 | 功能分类 | 支出用途."""
        b = self.b
        lei = self.lei_amounts()
        inc = [("一、财政拨款", b.fis), ("1.一般公共预算", b.gpb), ("2.政府性基金预算", b.gf),
               ("二、财政专户管理资金", 0), ("三、其他资金", b.other)]
        uses = [("一、基本支出", b.basic), ("二、项目支出", b.proj), ("三、单位预留机动经费", b.reserve)]
        rows, meta = [], []
        for i, (nm, code) in enumerate(D.SUMMARY_LEI[:20]):
            L = [inc[i][0], Cell(inc[i][1])] if i < len(inc) else ["", ""]
            U = [uses[i][0], Cell(uses[i][1])] if i < len(uses) else ["", ""]
            rows.append(L + [f"{D.CN_NUM[i]}、{nm}", Cell(lei.get(code, 0))] + U)
            meta.append({"level": "line", "code": code})
        for a, av, c, cv in (("当年收入小计", b.total, "当年支出小计", b.total), ("上年结转资金", 0, "结转下年资金", 0),
                             ("收入合计", b.total, "支出合计", b.total)):
            rows.append([a, Cell(av), "", "", c, Cell(cv)])
            meta.append({"level": "grand"})
        hdr = [["收入", None, "支出", None, None, None],
               ["项目名称", "金额", "功能科目名称", "金额", "项目名称", "金额"]]
        self.btable("t01", self.cap(0), TITLES_JS[0], hdr, [((0, 0), (1, 0)), ((2, 0), (5, 0))], rows, meta,
                    [2.4, 1.1, 2.6, 1.1, 2.0, 1.1])

    def t_totals(self):
        """02 收入预算总表 (a list of sources), 03 支出预算总表 (one row), 04 财政拨款收支预算总表."""
        b = self.b
        # 02 收入预算总表: a list of sources
        src = [("收入总计", "", b.total), ("一般公共预算资金", "小计", b.gpb), ("", "公共财政拨款(补助)资金", b.gpb),
               ("", "专项收入", 0), ("政府性基金", "小计", b.gf), ("财政专户管理资金", "小计", 0),
               ("其他资金", "小计", b.other), ("", "事业收入", 0), ("", "经营收入", 0), ("", "其他收入", b.other),
               ("上年结转和结余资金", "小计", 0)]
        rows = [[a, c, Cell(v)] for a, c, v in src]
        meta = [{"level": "source"} for _ in src]
        self.btable("t02", self.cap(1), TITLES_JS[1], [["项目名称", None, "金额"]], [((0, 0), (1, 0))], rows, meta,
                    [2.0, 3.0, 1.5])
        # 03 支出预算总表: one row
        self.btable("t03", self.cap(2), TITLES_JS[2],
                    [["合计", "基本支出", "项目支出", "单位预留机动经费", "结转下年资金"]], [],
                    [[Cell(b.total), Cell(b.basic), Cell(b.proj), Cell(b.reserve), Cell(0)]], [{"level": "total"}],
                    [1.2] * 5)
        # 04 财政拨款收支预算总表
        fb = sum(x.fis_basic for x in b.items)
        fp = sum(x.fis_proj for x in b.items)
        rows = [["一、一般公共预算", Cell(b.gpb), "一、基本支出", Cell(fb)],
                ["二、政府性基金预算", Cell(b.gf), "二、项目支出", Cell(fp)],
                ["", "", "三、单位预留机动经费", Cell(b.reserve)],
                ["收入合计", Cell(b.fis), "支出合计", Cell(b.fis)]]
        meta = [{"level": "line"}] * 3 + [{"level": "grand"}]
        self.btable("t04", self.cap(3), TITLES_JS[3], [["收入", None, "支出", None], ["项目名称", "金额", "项目名称", "金额"]],
                    [((0, 0), (1, 0)), ((2, 0), (3, 0))], rows, meta, [2.6, 1.3, 2.6, 1.3])

    def t_classified(self):
        """05 / 07 功能分类 (joined codes, one amount column), 06 / 08 经济分类."""
        b = self.b
        for key, i, fund in (("t05", 4, None), ("t07", 6, "gpb")):
            items = [x for x in b.items if x.fis and (fund is None or x.fund == fund)]
            rows, meta = self.hier(items, lambda x: [x.fis], total_first=True, total_label="合计")
            self.btable(key, self.cap(i), TITLES_JS[i], [["功能科目代码", "功能科目名称", "金额"]], [], rows, meta,
                        [1.4, 4.0, 1.5])
        for key, i in (("t06", 5), ("t08", 7)):
            rows, meta = self.econ_rows(False)
            rows.insert(0, ["合计", "", Cell(b.fis_basic)])
            meta.insert(0, {"level": "total"})
            self.btable(key, self.cap(i), TITLES_JS[i], [["科目编码", "科目名称", "金额"]], [], rows, meta,
                        [1.4, 4.0, 1.5])

    def t_gf(self):
        """10 政府性基金支出预算表 (an empty table with its note when there is none)."""
        b = self.b
        gf = [x for x in b.items if x.fund == "gf"]
        rows, meta = self.hier(gf, lambda x: [x.fis], total_first=True, total_label="合计")
        notes = []
        if not gf:
            rows, meta = [["", "合计", ""]], [{"level": "total"}]
            notes = ["此表为空", "说明：本部门无相关收支项目。"]
        self.btable("gf", self.cap(9), TITLES_JS[9], [["功能科目代码", "功能科目名称", "金额"]], [], rows, meta,
                    [1.4, 4.0, 1.5], notes=notes)

    def t_jiguan(self):
        """11 一般公共预算机关运行经费支出预算表."""
        b = self.b
        e = b.econ
        rows = [["合计", "", Cell(b.jiguan)], ["302", "商品和服务支出", Cell(b.jiguan)]]
        meta = [{"level": "total"}, {"level": "econ_group", "code": "302"}]
        for c, n in D.ECON_302:
            if e.get(c):
                rows.append([c, n, Cell(e[c])])
                meta.append({"level": "econ_item", "code": c})
        self.btable("jg", self.cap(10), TITLES_JS[10], [["科目编码", "科目名称", "机关运行经费支出"]], [], rows, meta,
                    [1.4, 4.0, 1.8])

    def t_procurement(self):
        """12 政府采购支出预算表."""
        pr = self.b.procurement
        ptot = pr["goods"] + pr["works"] + pr["services"]
        rows = [["合计", "", "", Cell(ptot)]]
        meta = [{"level": "total"}]
        for nm, v in (("一、货物 A", pr["goods"]), ("二、工程 B", pr["works"]), ("三、服务 C", pr["services"])):
            if v:
                rows.append([nm, "", "", Cell(v)])
                meta.append({"level": "line"})
        self.btable("cg", self.cap(11), TITLES_JS[11], [["采购品目大类", "专项名称", "采购组织形式", "总计"]], [],
                    rows, meta, [2.0, 3.0, 1.6, 1.4])

    def t_sg(self):
        s = self.b.sangong
        car = s["car_buy"] + s["car_run"]
        s3 = self.b.sangong3
        row = [Cell(s3 + s["meeting"] + s["training"]), Cell(s3), Cell(s["abroad"]), Cell(car), Cell(s["car_buy"]),
               Cell(s["car_run"]), Cell(s["recep"]), Cell(s["meeting"]), Cell(s["training"])]
        hdr = [["合计", "“三公”经费", None, None, None, None, None, "会议费", "培训费"],
               [None, "小计", "因公出国（境）费", "公务用车购置及运行维护费", None, None, "公务接待费", None, None],
               [None, None, None, "小计", "公务用车购置费", "公务用车运行维护费", None, None, None]]
        spans = [((0, 0), (0, 2)), ((1, 0), (6, 0)), ((7, 0), (7, 2)), ((8, 0), (8, 2)), ((1, 1), (1, 2)),
                 ((2, 1), (2, 2)), ((3, 1), (5, 1)), ((6, 1), (6, 2))]
        self.btable("sg", self.cap(8), TITLES_JS[8], hdr, spans, [row], [{"level": "sangong"}], [1.1] * 9)

    # ------------------------------------------------------------------ 第三部分
    def change(self, subj: str, cur: int, prev: int, reason: bool = True, derived: str = "") -> list:
        """"与上年相比增加 X 万元，增长 Y%" (江苏 wording; amount and rate are labelled slots)."""
        if cur == prev:
            return [self.slot("与上年预算数一致" if self.r.random() < 0.5 else "与上年持平",
                              kinds=("zero_increase",) if cur == 0 else (), alt="与上年相比增加 ",
                              alt_amount=self.r.randint(100, 5000)), "。"]
        from .money import pct
        if prev == 0:  # nothing last year: the amount, no rate
            return [self.wan("比上年增加 ", cur, ()), "。"]
        diff = cur - prev
        up = diff > 0
        aw, rw = ("增加", "增长") if up else ("减少", "下降")
        a = self.wan(f"与上年相比{subj}{aw} ", abs(diff), ("direction", "change_inconsistent"), cur=cur, prev=prev,
                     word=aw)
        rt = self.slot(f"{rw} ", pct(abs(diff), prev), "pct", " %", ("direction", "growth_rate"), cur=cur, prev=prev,
                       word=rw)
        out: list = [a, "，", rt, "。"]
        if reason:
            out += [self.reason(up, D.REASONS_UP, D.REASONS_DOWN, "主要原因是{r}"), "。"]
        return out

    def change_sg(self, cur: int, prev: int) -> list:
        """The 三公 / 会议费 / 培训费 lines' own wording: "与上年预算数一致", "比上年预算数增加 X 万元", "本年数小于上年预算数
        X 万元" (no rate; nothing else fixes the previous budget, so only a zero said to have grown can show)."""
        if cur == prev:
            return [self.slot(self.r.choice(["与上年预算数一致", "与上年预算数相等"]),
                              kinds=("zero_increase",) if cur == 0 else (), alt="比上年预算数增加 ",
                              alt_amount=self.r.randint(100, 5000)), "。"]
        d = self.m(abs(cur - prev))
        if cur > prev:
            return [f"比上年预算数增加 {d} 万元。"]
        return [self.r.choice([f"本年数小于上年预算数 {d} 万元。", f"比上年预算数减少 {d} 万元。"])]

    def narrative(self):
        b, y = self.b, self.y
        self.h("一、收支预算总体情况说明")
        self.p(f"{b.name} {y} 年度", self.wan("收入、支出预算总计 ", b.total), "，",
               *self.change("收、支预算总计各", b.total, b.prev["total"]), "其中：")
        self.p(self.wan("（一）收入预算总计 ", b.total), "。包括：")
        self.p(self.wan("1．财政拨款收入预算总计 ", b.fis), "。其中（1）", self.wan("一般公共预算收入预算 ", b.gpb), "，",
               *self.change("", b.gpb, b.prev["gpb"]))
        if b.other:
            self.p(self.wan("2．其他资金收入预算总计 ", b.other), "。", *self.change("", b.other, b.prev["other"]))
        self.p(self.wan("（二）支出预算总计 ", b.total), "。包括：")
        lei = self.lei_amounts()
        for i, k in enumerate(sorted(lei), 1):
            self.p(self.wan(f"{i}．{D.LEI[k]}（类）支出 ", lei[k]), "。")
        # "此外，" is a connective, not part of the statement a plant of the figure is labelled with
        self.p("此外，", self.wan("基本支出预算数为 ", b.basic), "。", *self.change("", b.basic, b.prev["basic"]))
        self.p(self.wan("项目支出预算数为 ", b.proj), "。", *self.change("", b.proj, b.prev["proj"]))
        if b.reserve:
            self.p(self.wan(f"{y} 年单位预留机动经费预算数为 ", b.reserve), "。")
        self.h("二、收入预算情况说明")
        parts: list = [f"本部门本年收入预算合计 {self.m(b.total)} 万元，其中："]
        srcs = [(n, v) for n, v in (("一般公共预算收入", b.gpb), ("政府性基金预算收入", b.gf), ("其他资金", b.other)) if v]
        for i, (n, v) in enumerate(srcs):
            parts += [self.wan(f"{n} ", v), "，", self.share(v, b.total), "；" if i < len(srcs) - 1 else "。"]
        self.p(*parts)
        self.h("三、支出预算情况说明")
        parts = [f"本部门本年支出预算合计 {self.m(b.total)} 万元，其中："]
        uses = [(n, v) for n, v in (("基本支出", b.basic), ("项目支出", b.proj), ("单位预留机动经费", b.reserve)) if v]
        for i, (n, v) in enumerate(uses):
            parts += [self.wan(f"{n} ", v), "，", self.share(v, b.total), "；" if i < len(uses) - 1 else "。"]
        self.p(*parts)
        self.h("四、财政拨款收支预算总体情况说明")
        self.p(f"本部门 {y} 年度", self.wan("财政拨款收、支总预算 ", b.fis), "。",
               *self.change("财政拨款收、支总计各", b.fis, b.prev["fis"]))
        self.h("五、财政拨款支出预算情况说明")
        self.p(f"本部门 {y} 年", self.wan("财政拨款预算支出 ", b.fis), "，",
               self.share(b.fis, b.total, "占本年支出合计的 "), "。", *self.change("财政拨款支出", b.fis, b.prev["fis"],
                                                                        reason=False), "其中：")
        self.items_js()
        self.basic_js("六、财政拨款基本支出预算情况说明", "财政拨款基本支出预算 ")
        self.h("七、一般公共预算支出预算情况说明")
        self.p(f"本部门 {y} 年", self.wan("一般公共预算财政拨款支出预算 ", b.gpb), "，",
               *self.change("", b.gpb, b.prev["gpb"], reason=False))
        self.basic_js("八、一般公共预算基本支出预算情况说明", "一般公共预算财政拨款基本支出预算 ")
        self.sangong_js()
        self.h("十、政府性基金支出预算情况说明")
        self.p(f"本部门 {y} 年", self.wan("政府性基金支出预算支出 ", b.gf), "。")
        self.h("十一、一般公共预算机关运行经费支出预算情况说明")
        self.p(f"{y} 年本部门", self.wan("一般公共预算机关运行经费预算支出 ", b.jiguan), "，",
               *self.change("", b.jiguan, b.jiguan_prev, reason=False))
        pr = b.procurement
        ptot = pr["goods"] + pr["works"] + pr["services"]
        self.h("十二、政府采购支出预算情况说明")
        self.p(f"{y} 年度政府采购支出预算总额 {self.m(ptot)} 万元。其中：",
               self.wan("拟采购货物支出 ", pr["goods"], ("procurement_parts",)), "、",
               self.wan("拟采购工程支出 ", pr["works"], ("procurement_parts",)), "、",
               self.wan("拟购买服务支出 ", pr["services"], ("procurement_parts",)), "。")
        self.h("十三、其他重要事项说明")
        self.h("（一）预算绩效目标设置情况说明", 3)
        self.p(f"{y} 年本部门共 {b.perf_projects} 个项目实行绩效目标管理，涉及财政性资金合计 {self.m(b.perf_amount)} 万元。")
        self.h("（二）国有资本经营预算收支情况", 3)
        self.p(f"{y} 年本部门无国有资本经营预算收入。")

    def items_js(self):
        b, y = self.b, self.y
        items = [x for x in b.items if x.fis]
        for j, lei in enumerate(sorted({x.lei for x in items})):
            self.h(f"（{D.CN_NUM[j]}）{D.LEI[lei]}（类）", 3)
            for kuan in sorted({x.kuan for x in items if x.lei == lei}):
                kx = [x for x in items if x.kuan == kuan]
                self.p(f"{D.KUAN[kuan]}（款）：{y} 年预算支出合计 {self.m(sum(x.fis for x in kx))} 万元。其中：")
                for i, x in enumerate(kx, 1):
                    head = self.wan(f"{i}．{x.name}（项）支出 ", x.fis, ("amount", "copied_item"), code=x.code)
                    if x.prev and x.fund == "gpb":
                        self.p(head, "，", *self.change("", x.fis, x.prev, reason=False))
                    else:
                        self.p(head, "。")

    def basic_js(self, heading: str, what: str):
        b = self.b
        names = dict(D.ECON_301 + D.ECON_303 + D.ECON_302 + D.ECON_310)
        self.h(heading)
        self.p(f"本部门 {self.y} 年度", self.wan(what, b.fis_basic), "。其中：")
        pers = [names[c] for c, v in b.econ.items() if v and c[:3] in ("301", "303")]
        pub = [names[c] for c, v in b.econ.items() if v and c[:3] not in ("301", "303")]
        self.p(self.wan("（一）人员经费 ", b.personnel), "。主要包括：", "、".join(pers), "等支出。")
        self.p(self.wan("（二）公用经费 ", b.public), "。主要包括：", "、".join(pub), "等支出。")

    def sangong_js(self):
        b, y = self.b, self.y
        s, sp = b.sangong, b.sangong_prev
        s3 = b.sangong3
        self.h("九、一般公共预算“三公”经费、会议费、培训费支出预算情况说明")
        car = s["car_buy"] + s["car_run"]
        if s3:
            parts: list = [f"本部门 {y} 年度一般公共预算拨款安排的“三公”经费预算支出中，"]
            for i, (nm, v) in enumerate((("因公出国（境）费支出 ", s["abroad"]), ("公务用车购置及运行费支出 ", car),
                                          ("公务接待费支出 ", s["recep"]))):
                sh = self.share(v, s3, "占“三公”经费的 ")
                if isinstance(sh, Slot):
                    sh.kinds = ("share", "sangong_share")
                    sh.meta["wide"] = s3 + s["meeting"] + s["training"]
                parts += [self.wan(nm, v), "，", sh, "；" if i < 2 else "。"]
            self.p(*parts, "具体情况如下：")
        else:
            self.p(f"本部门 {y} 年度一般公共预算拨款未安排“三公”经费预算。")
        for nm, k in (("1．因公出国（境）费预算支出 ", "abroad"), ("3．公务接待费预算支出 ", "recep")):
            if k == "recep":
                self.p(self.wan("2．公务用车购置及运行费预算支出 ", car), "。其中：",
                       self.wan("（1）公务用车购置预算支出 ", s["car_buy"]), "，",
                       *self.change_sg(s["car_buy"], sp["car_buy"]),
                       self.wan("（2）公务用车运行维护费预算支出 ", s["car_run"]), "，",
                       *self.change_sg(s["car_run"], sp["car_run"]))
            self.p(self.wan(nm, s[k]), "，", *self.change_sg(s[k], sp[k]))
        self.p(f"本部门 {y} 年度一般公共预算拨款安排的", self.wan("会议费预算支出 ", s["meeting"]), "，",
               *self.change_sg(s["meeting"], sp["meeting"]))
        self.p(f"本部门 {y} 年度一般公共预算拨款安排的", self.wan("培训费预算支出 ", s["training"]), "，",
               *self.change_sg(s["training"], sp["training"]))
