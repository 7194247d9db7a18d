"""第三部分 of a generated document: the 决算情况说明, every figure a labelled slot (what a plant may
change), and the 附表 of performance self-evaluation."""
from __future__ import annotations

from . import data as D
from .ir import Cell, PageBreak, Slot
from .model import Sangong
from .money import fmt_money, fmt_pct, pct
from .render_base import BuilderBase


class NarrativePart(BuilderBase):
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
        parts: list[str | Slot] = [f"{'本年' if self.sh else f'{self.y} 年度'}收入合计 ", fmt_money(tot), " 万元，其中："]
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
        parts: list[str | Slot] = [f"{'本年' if self.sh else f'{self.y} 年度'}支出合计 ", fmt_money(tot), " 万元，其中："]
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
            head: str | list[str | Slot] = f"{i}{sep}{D.LEI[x.lei]}（类）{D.KUAN[x.kuan]}（款）{x.name}（项）。"
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
        sg = self.d.sangong
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
        # no rate of a 0 budget: "完成全年预算的 0.00%" of 0 is undefined (C001)
        parts = [zs, f"{self.y} 年度“三公”经费财政拨款支出全年预算为 ", fmt_money(tb), " 万元，",
                 self.money("支出决算为 ", ta), *(("，", comp) if tb else ()), "。"]
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
        cnt = lambda pre, v, post, **m: self.slot(pre, v, "count", post, ("sangong_count",), **m)
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
        pr = self.d.procurement
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
            c = lambda pre, v, post, **m: self.slot(pre, v, "count", post, ("count_sum",), **m)
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
        c = lambda pre, v, post, **m: self.slot(pre, v, "count", post, ("count_sum",), **m)
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

def P_tot(d: dict) -> int:
    return sum(d.values())
