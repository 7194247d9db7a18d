"""A 上海 district 部门预算 / 单位预算: 主要职能, 机构设置, 名词解释, 预算编制说明 (income and spending against the
previous year's budget, then each 财政拨款 item, optionally in the item form "2024年当年预算执行数为A万元，2025年预算
安排B万元，比2024年预算执行数增加P%"), tables 1–9 (元; 三公 and 机关运行经费 in one row in 万元), 其他相关情况说明."""
from __future__ import annotations

from . import data as D
from .ir import Cell, PageBreak
from .money import pct
from .render_budget import BudgetBuilderBase

GLOSSARY_SH = [
    "财政拨款收入：是区级预算主管部门及所属预算单位本年度从本级财政部门取得的财政拨款，包括一般公共预算财政拨款、政府性基金预算财政拨款和国有资本经营预算财政拨款。",
    "事业收入：指事业单位开展专业业务活动及其辅助活动取得的收入。",
    "事业单位经营收入：指事业单位在专业业务活动及其辅助活动之外开展非独立核算经营活动取得的收入。",
    "其他收入：指除上述“财政拨款收入”、“事业收入”、“事业单位经营收入”等以外的收入。",
    "基本支出预算：是区级预算主管部门及所属预算单位为保障其机构正常运转、完成日常工作任务而编制的年度基本支出计划，包括人员经费和公用经费两部分。",
    "项目支出预算：是区级预算主管部门及所属预算单位为完成行政工作任务、事业发展目标或政府发展战略、特定目标，在基本支出之外编制的年度支出计划。",
    "“三公”经费：是与区级财政有经费领拨关系的部门及其下属预算单位使用区级财政拨款安排的因公出国（境）费、公务用车购置及运行费、公务接待费。",
    "机关运行经费：指行政单位和参照公务员法管理的事业单位使用一般公共预算财政拨款安排的基本支出中的日常公用经费支出。",
]
VEHICLES_SH = ["部级领导干部用车", "主要领导干部用车", "机要通信用车", "应急保障用车", "执法执勤用车",
               "特种专业技术用车", "离退休干部用车", "其他用车"]


class ShanghaiBudget(BudgetBuilderBase):
    def build(self):
        b, y = self.b, self.y
        self.w = "单位" if self.unit else "部门"
        self.undated_sg = self.r.random() < 0.5
        self.base = "预算执行数" if self.r.random() < 0.4 else "预算"
        self.item_form = self.r.random() < 0.6
        region = b.dept.region
        cover = (f"{b.name}{y}年单位预算" if self.unit and self.r.random() < 0.5 else f"{region}{y}年区级{self.w}预算")
        self.o.doc_title = cover
        self.cover([cover, f"预算主管部门：{b.name}" if not self.unit else
                    f"预算单位：{b.name}"])
        self.toc()
        self.doc.blocks.append(PageBreak())
        self.h(f"{b.name}主要职能", 1)
        self.p(f"{b.name}是主管全区{b.dept.fields}工作的区政府工作部门。")
        self.p("主要职能包括：")
        for i, t in enumerate(b.dept.duties, 1):
            self.p(f"{i}、{t}")
        self.h(f"{b.name}机构设置", 1)
        n = 1 + len(b.dept.units)
        self.p(f"{b.name}{self.w}预算是包括本部以及下属{n - 1}家预算单位的综合收支计划。")
        names = [f"{b.name}本部"] + b.dept.units
        self.p("具体包括：" + "".join(f"{i}. {u}" + ("；" if i < n else "。") for i, u in enumerate(names, 1)))
        self.h("名词解释", 1)
        self.glossary(GLOSSARY_SH)
        self.doc.blocks.append(PageBreak())
        self.explain()
        self.tables()
        self.doc.blocks.append(PageBreak())
        self.others()
        return self.doc

    def toc(self):
        w = self.w
        self.p("目 录")
        for t in ["一、" + ("单位主要职能" if self.unit else "部门主要职能"), "二、" + f"{w}机构设置", "三、名词解释",
                  f"四、{w}预算编制说明", f"五、{w}预算表"]:
            self.p(t)
        for i, t in enumerate(self.captions(), 1):
            self.p(f"  {i}．{t}")
        self.p("六、其他相关情况说明")

    def captions(self) -> list[str]:
        """The tables' titles as printed: "2025年部门…"; a 单位预算 "2024年预算单位…" and its 三公 table
        "2025年单位“三公”…" or, undated, "单位“三公”…" (as the published 单位预算 print them)."""
        y = self.y
        if not self.unit:
            return [f"{y}年部门{t}" for t in self.titles()]
        out = [f"{y}年预算单位{t}" for t in self.titles()[:8]]
        return out + [("" if self.undated_sg else f"{y}年") + "单位" + self.titles()[8]]

    @staticmethod
    def titles() -> list[str]:
        return ["财务收支预算总表", "收入预算总表", "支出预算总表", "财政拨款收支预算总表", "一般公共预算支出功能分类预算表",
                "政府性基金预算支出功能分类预算表", "国有资本经营预算支出功能分类预算表",
                "一般公共预算基本支出部门预算经济分类预算表", "“三公”经费和机关运行经费预算表"]

    # ------------------------------------------------------------------ 编制说明
    def explain(self):
        b, y, base = self.b, self.y, self.base
        W = b.wan
        total, fis, gpb, gf = W(b.total), W(b.fis), W(b.gpb), W(b.gf)
        self.h(f"{y}年{self.w}预算编制说明", 1)
        self.section = "编制说明"
        fis_ch = self.zero_or_change(fis, b.prev["fis"], base)
        self.p(f"{y}年，{b.name}", self.wan("收入预算", total), "，其中：", self.wan("财政拨款收入", fis), "，",
               *fis_ch, "；", self.wan("事业收入", W(b.shiye)), "；事业单位经营收入0万元；",
               self.wan("其他收入", W(b.other)), "。")
        self.p(self.wan("支出预算", total), "，其中：", self.wan("财政拨款支出预算", fis), "，",
               *self.zero_or_change(fis, b.prev["fis"], base), "。财政拨款支出预算中，",
               self.wan("一般公共预算拨款支出预算", gpb), "，", *self.zero_or_change(gpb, b.prev["gpb"], base), "；",
               self.wan("政府性基金拨款支出预算", gf), "，", *self.zero_or_change(gf, b.prev["gf"], base), "；",
               "国有资本经营预算拨款支出预算0万元，", *self.zero_or_change(0, 0, base), "。")
        if fis != b.prev["fis"]:
            up = fis > b.prev["fis"]
            self.p(f"财政拨款收入支出{'增加' if up else '减少'}的",
                   self.reason(up, D.REASONS_UP, D.REASONS_DOWN, "主要原因是：{r}"), "。")
        self.p("财政拨款支出主要内容如下：")
        items = [x for x in b.items if x.fis]
        for i, x in enumerate(items, 1):
            head = self.wan(f"{i}. “{self.item_label(x)}”", W(x.fis), ("amount", "copied_item"), code=x.code)
            parts: list = [head, f"，主要用于{x.use}。"]
            if self.item_form and x.prev and x.fund == "gpb":
                parts += self.item_form_clause(x)
            self.p(*parts)

    def item_form_clause(self, x) -> list:
        """"2024年当年预算执行数为A万元，2025年预算安排B万元，比2024年预算执行数增加P%。主要原因是：…"."""
        y = self.y
        a, bb = x.prev, self.b.wan(x.fis)
        if a == bb:
            return [f"{y - 1}年当年预算执行数为", self.wan("", a, ("stray_digit",), base=True), f"，{y}年预算安排",
                    self.wan("", bb, ("amount",), code=x.code), f"，与{y - 1}年预算执行数持平。"]
        up = bb > a
        w = "增加" if up else "减少"
        rate = self.slot(f"比{y - 1}年预算执行数{w}", pct(abs(bb - a), a), "pct", "%",
                         ("rate_mismatch", "direction"), cur=bb, prev=a, word=w)
        return [f"{y - 1}年当年预算执行数为", self.wan("", a, ("stray_digit",), base=True, rate=rate),
                f"，{y}年预算安排", self.wan("", bb, ("amount",), code=x.code), "，", rate, "。",
                self.reason(up, D.REASONS_UP, D.REASONS_DOWN, "主要原因是：{r}"), "。"]

    # ------------------------------------------------------------------ tables 1–9
    def tables(self):
        b, y = self.b, self.y
        t = self.titles()
        cap = self.captions()
        # 1 财务收支预算总表
        lei = self.lei_amounts()
        leis = sorted(lei)
        left = [("一、财政拨款收入", b.fis), ("1. 一般公共预算资金", b.gpb), ("2. 政府性基金", b.gf),
                ("3. 国有资本经营预算", 0), ("二、事业收入", b.shiye), ("三、事业单位经营收入", 0), ("四、其他收入", b.other)]
        rows, meta = [], []
        for i in range(max(len(left), len(leis))):
            L = [left[i][0], Cell(left[i][1])] if i < len(left) else ["", ""]
            R = [f"{D.CN_NUM[i]}、{D.LEI[leis[i]]}", Cell(lei[leis[i]])] if i < len(leis) else ["", ""]
            rows.append(L + R)
            meta.append({"level": "line", "code": leis[i] if i < len(leis) else None})
        rows.append(["收入总计", Cell(b.total), "支出总计", Cell(b.total)])
        meta.append({"level": "grand"})
        self.btable("t01", cap[0], t[0], [["本年收入", None, "本年支出", None], ["项目", "预算数", "项目", "预算数"]],
                    [((0, 0), (1, 0)), ((2, 0), (3, 0))], rows, meta, [3.0, 1.4, 3.0, 1.4])
        # 2 收入预算总表, 3 支出预算总表
        cols2 = ["合计", "财政拨款收入", "事业收入", "事业单位经营收入", "其他收入"]
        rows, meta = self.hier(b.items, lambda x: [x.total, x.fis, x.shiye, 0, x.other], total_first=False)
        h, sp = self.code_header(cols2, "收入预算")
        self.btable("t02", cap[1], t[1], h, sp, rows, meta, [1.2, 3.0] + [1.1] * 5, code_col=0)
        rows, meta = self.hier(b.items, lambda x: [x.total, x.basic, x.proj], total_first=False)
        h, sp = self.code_header(["合计", "基本支出", "项目支出"], "支出预算")
        self.btable("t03", cap[2], t[2], h, sp, rows, meta, [1.2, 3.0, 1.3, 1.3, 1.3], code_col=0)
        self.t04(cap[3], t[3])
        gpb = b.of("gpb")
        rows, meta = self.hier(gpb, lambda x: [x.fis, x.fis_basic, x.fis_proj], total_first=False)
        h, sp = self.code_header(["合计", "基本支出", "项目支出"], "一般公共预算支出")
        self.btable("t05", cap[4], t[4], h, sp, rows, meta, [1.2, 3.0, 1.3, 1.3, 1.3], code_col=0)
        for key, k, fund, what in (("gf", 5, "gf", "政府性基金"), ("gz", 6, "gz", "国有资本经营")):
            items = b.of(fund)
            rows, meta = self.hier(items, lambda x: [x.fis, x.fis_basic, x.fis_proj], total_first=False)
            notes = [] if items else [f"注:本{self.w}{y}年无{what}预算财政拨款安排的预算，故本表为空表。"]
            if not items:
                rows, meta = [["合计", "", "", "", ""]], [{"level": "total"}]
            h, sp = self.code_header(["合计", "基本支出", "项目支出"], f"{what}预算支出")
            self.btable(key, cap[k], t[k], h, sp, rows, meta, [1.2, 3.0, 1.3, 1.3, 1.3], code_col=0, notes=notes)
        rows, meta = self.econ_rows(True)
        rows.append(["合计", "", Cell(b.fis_basic), Cell(b.personnel), Cell(b.public)])
        meta.append({"level": "total"})
        hdr = [["项目", None, "一般公共预算基本支出", None, None],
               ["部门预算经济分类科目编码", "经济分类科目名称", "合计", "人员经费", "公用经费"]]
        self.btable("t06", cap[7], t[7], hdr, [((0, 0), (1, 0)), ((2, 0), (4, 0))], rows, meta,
                    [1.2, 3.0, 1.3, 1.3, 1.3])
        self.t_sg(cap[8], t[8])

    def code_header(self, cols: list[str], top: str):
        n = len(cols)
        header = [["项目", None, top] + [None] * (n - 1), ["功能分类科目编码", "功能分类科目名称"] + cols]
        spans = [((0, 0), (1, 0)), ((2, 0), (1 + n, 0))]
        return header, spans

    def t04(self, cap: str, title: str):
        b = self.b
        by = {f: self.lei_amounts(f, fiscal=True) for f in ("gpb", "gf")}
        leis = sorted(set(by["gpb"]) | set(by["gf"]))
        left = [("一、一般公共预算资金", b.gpb), ("二、政府性基金", b.gf), ("三、国有资本经营预算", 0)]
        rows, meta = [], []
        for i in range(max(len(left), len(leis))):
            L = [left[i][0], Cell(left[i][1])] if i < len(left) else ["", ""]
            if i < len(leis):
                g, f = by["gpb"].get(leis[i], 0), by["gf"].get(leis[i], 0)
                R = [f"{D.CN_NUM[i]}、{D.LEI[leis[i]]}", Cell(g + f), Cell(g), Cell(f), Cell(0)]
            else:
                R = ["", "", "", "", ""]
            rows.append(L + R)
            meta.append({"level": "line", "code": leis[i] if i < len(leis) else None})
        rows.append(["收入总计", Cell(b.fis), "支出总计", Cell(b.fis), Cell(b.gpb), Cell(b.gf), Cell(0)])
        meta.append({"level": "grand"})
        hdr = [["财政拨款收入", None, "财政拨款支出", None, None, None, None],
               ["项目", "预算数", "项目", "合计", "一般公共预算", "政府性基金预算", "国有资本经营预算"]]
        self.btable("t04", cap, title, hdr, [((0, 0), (1, 0)), ((2, 0), (6, 0))], rows, meta,
                    [2.6, 1.2, 2.6, 1.2, 1.2, 1.2, 1.2])

    def t_sg(self, cap: str, title: str):
        s = self.b.sangong
        car = s["car_buy"] + s["car_run"]
        row = [Cell(self.b.sangong3), Cell(s["abroad"]), Cell(s["recep"]), Cell(car), Cell(s["car_buy"]),
               Cell(s["car_run"]), Cell(self.b.jiguan)]
        hdr = [["“三公”经费预算数", None, None, None, None, None, "机关运行经费预算数"],
               ["合计", "因公出国(境)费", "公务接待费", "公务用车购置及运行费", None, None, None],
               [None, None, None, "小计", "购置费", "运行费", None]]
        spans = [((0, 0), (5, 0)), ((6, 0), (6, 2)), ((0, 1), (0, 2)), ((1, 1), (1, 2)), ((2, 1), (2, 2)),
                 ((3, 1), (5, 1))]
        self.btable("sg", cap, title, hdr, spans, [row], [{"level": "sangong"}], [1.1] * 7, unit="万元")

    # ------------------------------------------------------------------ 其他相关情况说明
    def others(self):
        b, y = self.b, self.y
        s, sp = b.sangong, b.sangong_prev
        self.h("其他相关情况说明", 1)
        self.h(f"一、{y}年“三公”经费预算情况说明")
        g = "sg"
        tot, totp = b.sangong3, sum(sp[k] for k in ("abroad", "car_buy", "car_run", "recep"))
        self.p(self.wan(f"{y}年“三公”经费预算数为", tot), "，", *self.zero_or_change(tot, totp, "预算"), "。其中：",
               group=g)
        car, carp = s["car_buy"] + s["car_run"], sp["car_buy"] + sp["car_run"]
        self.p(self.wan("（一）因公出国（境）费", s["abroad"]), "，",
               *self.zero_or_change(s["abroad"], sp["abroad"], "预算"), "。", group=g)
        self.p(self.wan("（二）公务用车购置及运行费", car), "，", *self.zero_or_change(car, carp, "预算"), "。其中：",
               self.wan("公务用车购置费", s["car_buy"]), "，", *self.zero_or_change(s["car_buy"], sp["car_buy"], "预算"),
               "；", self.wan("公务用车运行费", s["car_run"]), "，", *self.zero_or_change(s["car_run"], sp["car_run"], "预算"),
               "。", group=g)
        self.p(self.wan("（三）公务接待费", s["recep"]), "，", *self.zero_or_change(s["recep"], sp["recep"], "预算"), "。",
               group=g)
        self.h("二、机关运行经费预算")
        self.p(f"{y}年{b.name}财政拨款的", self.wan("机关运行经费预算为", b.jiguan), "。")
        pr = b.procurement
        ptot = pr["goods"] + pr["works"] + pr["services"]
        self.h("三、政府采购预算情况")
        self.p(f"{y}年度本{self.w}政府采购预算{self.m(ptot)}万元，其中：",
               self.wan("政府采购货物预算", pr["goods"], ("procurement_parts",)), "、",
               self.wan("政府采购工程预算", pr["works"], ("procurement_parts",)), "、",
               self.wan("政府采购服务预算", pr["services"], ("procurement_parts",)), "。")
        if ptot:
            self.p(f"{y}年本{self.w}面向中小企业预留政府采购项目预算金额{self.m(pr['sme'])}万元，其中，",
                   self.wan("预留给小型和微型企业的政府采购项目预算为", pr["small"], ("procurement_awarded",),
                            sme=pr["sme"]), "。")
        self.h("四、绩效目标设置情况")
        self.p(f"{y}年度，本{self.w}编报绩效目标的项目共{b.perf_projects}个，涉及项目预算资金{self.m(b.perf_amount)}万元。")
        self.h("五、国有资产占有使用情况")
        n = sum(b.vehicles)
        self.p(f"截至{y - 1}年8月31日，{b.name}",
               self.slot("共有车辆", n, "count", "辆", ("count_sum",), parts=list(b.vehicles)), "，其中：",
               "、".join(f"{k}{v}辆" for k, v in zip(VEHICLES_SH, b.vehicles)),
               f"；单价100万元（含）以上设备（不含车辆）{b.equipment}台（套）。")
        nb = sum(b.vehicles_buy)
        self.p(f"{y}年{self.w}预算安排购置车辆{nb}辆，其中：",
               "、".join(f"{k}{v}辆" for k, v in zip(VEHICLES_SH, b.vehicles_buy)),
               f"；{self.w}预算安排购置单价100万元（含）以上设备（不含车辆）0台（套）。")
