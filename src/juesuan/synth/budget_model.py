"""The figures of a synthetic 部门预算 (budget): this year's budget per 功能分类 项, its previous-year base, the
经济分类 split of 基本支出, 三公 (with 会议费 and 培训费 in the 江苏 family), 机关运行经费, 政府采购, 绩效目标 and
assets. All money in int hundredths of 万元 (see money.py), every total the exact sum of its parts.

The department itself (name, region, units, duties, 功能分类 rows) is the 决算 generator's
(:func:`.model.draw_department`), drawn from the same seed, with the year moved to the budget year: a budget
carries this year's figures only (no 年初结转, no 决算 column pairs), and compares them with the previous year's
budget or its execution in the narrative.
"""
from __future__ import annotations

import random
from dataclasses import dataclass, field, replace

from . import data as D
from .model import Department, draw_department
from .money import scale, split

SH_BUDGET, JS_BUDGET = "sh-budget", "js-budget"
BUDGET_STYLES = (SH_BUDGET, JS_BUDGET)

JS_REGION = "江苏省"


@dataclass
class BItem:
    """One 项-level 功能分类 row of the budget."""
    code: str
    name: str
    fund: str                   # gpb | gf
    basic: int                  # 基本支出 (all sources)
    proj: int                   # 项目支出
    reserve: int = 0            # 单位预留机动经费 (江苏)
    fis: int = 0                # 财政拨款 part of the row's total (incl. the 预留 of 江苏)
    fis_basic: int = 0          # 财政拨款 基本支出
    fis_proj: int = 0           # 财政拨款 项目支出
    shiye: int = 0              # 事业收入 part
    other: int = 0              # 其他收入 / 其他资金 part
    prev: int = 0               # previous year's budget execution (上海 item form) or budget (江苏 "与上年相比")
    use: str = ""               # 主要用于…

    @property
    def kuan(self) -> str:
        return self.code[:5]

    @property
    def lei(self) -> str:
        return self.code[:3]

    @property
    def total(self) -> int:
        return self.basic + self.proj + self.reserve


@dataclass
class Budget:
    dept: Department            # name, region, units…; dept.year is the budget year
    family: str                 # sh-budget | js-budget
    items: list[BItem]
    econ: dict[str, int]        # 一般公共预算财政拨款基本支出 by 5-digit 经济分类 code
    prev: dict[str, int]        # previous-year figures of the totals the narrative compares with
    sangong: dict[str, int]     # abroad, car_buy, car_run, recep (+ meeting, training for 江苏)
    sangong_prev: dict[str, int]
    jiguan: int
    jiguan_prev: int
    procurement: dict[str, int]  # goods, works, services, sme, small
    perf_projects: int
    perf_amount: int
    vehicles: list[int]
    vehicles_buy: list[int]
    equipment: int
    reasons: dict[str, str] = field(default_factory=dict)
    yuan: bool = False          # items and 经济分类 in hundredths of 元 (上海), else hundredths of 万元

    def wan(self, v: int) -> int:
        """A figure of the items or 经济分类 in hundredths of 万元, as the narrative prints it."""
        return (v + 5000) // 10000 if self.yuan else v

    # -- derived ----------------------------------------------------------
    @property
    def year(self) -> int:
        return self.dept.year

    @property
    def name(self) -> str:
        return self.dept.name

    def of(self, fund: str) -> list[BItem]:
        return [x for x in self.items if x.fund == fund]

    @property
    def total(self) -> int:
        return sum(x.total for x in self.items)

    @property
    def fis(self) -> int:
        return sum(x.fis for x in self.items)

    @property
    def gpb(self) -> int:
        return sum(x.fis for x in self.of("gpb"))

    @property
    def gf(self) -> int:
        return sum(x.fis for x in self.of("gf"))

    @property
    def shiye(self) -> int:
        return sum(x.shiye for x in self.items)

    @property
    def other(self) -> int:
        return sum(x.other for x in self.items)

    @property
    def basic(self) -> int:
        return sum(x.basic for x in self.items)

    @property
    def proj(self) -> int:
        return sum(x.proj for x in self.items)

    @property
    def reserve(self) -> int:
        return sum(x.reserve for x in self.items)

    @property
    def fis_basic(self) -> int:
        return sum(self.econ.values())

    @property
    def personnel(self) -> int:
        return sum(v for k, v in self.econ.items() if k[:3] in ("301", "303"))

    @property
    def public(self) -> int:
        return sum(v for k, v in self.econ.items() if k[:3] not in ("301", "303"))

    @property
    def sangong3(self) -> int:
        s = self.sangong
        return s["abroad"] + s["car_buy"] + s["car_run"] + s["recep"]


def _prev(rng: random.Random, cur: int, p_same: float = 0.1) -> int:
    if rng.random() < p_same:
        return cur
    return max(100, scale(rng, cur, 0.7, 1.3))


def _previous_totals(rng: random.Random, items: list[BItem]) -> dict[str, int]:
    """The previous year's totals, consistent as this year's are: 财政拨款 = 一般公共预算 + 政府性基金 (each the sum
    of its items' previous figures), 总计 = 财政拨款 + 其他 = 基本 + 项目 + 预留 (the 预留 as this year's: no sentence
    states its change), so that the classes' changes add up to the total's change."""
    prev = {f: sum(i.prev for i in items if i.fund == f) for f in ("gpb", "gf")}
    prev["fis"] = prev["gpb"] + prev["gf"]
    other = sum(i.other + i.shiye for i in items)
    prev["other"] = 0 if other == 0 else _prev(rng, other)
    prev["total"] = prev["fis"] + prev["other"]
    prev["reserve"] = sum(i.reserve for i in items)
    prev["proj"] = min(_prev(rng, sum(i.proj for i in items)), max(0, prev["total"] - prev["reserve"] - 100))
    prev["basic"] = prev["total"] - prev["reserve"] - prev["proj"]
    return prev


def draw_budget(seed: int, family: str) -> Budget:
    """A random, internally consistent budget of family ``family`` (sh-budget | js-budget) from ``seed``."""
    if family not in BUDGET_STYLES:
        raise ValueError(f"family must be one of {BUDGET_STYLES}")
    js = family == JS_BUDGET
    base = draw_department(seed, "henan" if js else "shanghai")
    rng = random.Random(f"budget-{seed}-{family}")
    year = rng.randint(2017, 2019) if js else rng.randint(2023, 2026)
    dept = replace(base, year=year)
    if js:  # a provincial department: 江苏省统计局 → 江苏省统计厅 where a province says 厅
        short = base.region[base.region.find("市") + 1:]
        dept = replace(dept, region=JS_REGION, suffix="厅" if base.suffix == "局" else base.suffix,
                       units=[u.replace(short, JS_REGION, 1) for u in base.units])
    items: list[BItem] = []
    for x in base.xiang:
        if x.fund == "gz":
            continue
        basic, proj = x.basic, x.proj
        it = BItem(x.code, x.name, x.fund, basic, proj, fis=x.fis_exp, fis_basic=x.fis_basic, fis_proj=x.fis_proj,
                   shiye=x.shiye, other=x.other)
        items.append(it)
    if js:  # 江苏: 单位预留机动经费 on the 行政运行 row, 财政拨款; 其他资金 instead of 事业收入
        run = next((it for it in items if D.XIANG.get(it.code, ("", ""))[1] == "B"), items[0])
        if rng.random() < 0.8:
            run.reserve = max(100, scale(rng, run.basic, 0.05, 0.25))
            run.fis += run.reserve
        for it in items:
            it.other += it.shiye
            it.shiye = 0
    for it in items:  # an item's previous-year 财政拨款 (0: new this year, stated without a change)
        it.prev = 0 if rng.random() < 0.04 or not it.fis else _prev(rng, it.fis)
        it.use = rng.choice(_USES[D.XIANG.get(it.code, ("", "P"))[1]])
    econ = dict(base.econ)
    if js:  # 江苏: 基本支出 is 人员经费 and 商品和服务支出 (定额), no 资本性支出: 310 lines go to 30299
        for c in [c for c in econ if c[:3] == "310"]:
            econ["30299"] = econ.get("30299", 0) + econ.pop(c)
    prev = _previous_totals(rng, items)
    sg = dict(base.sangong.budget)
    if js:
        sg["meeting"] = econ.get("30215", 0) or rng.randint(100, 3000)
        sg["training"] = econ.get("30216", 0) or rng.randint(100, 8000)
    sgp = {k: (v if rng.random() < 0.5 else (0 if v == 0 else _prev(rng, v, 0))) for k, v in sg.items()}
    # 机关运行经费 = 公用经费 (江苏: the 302 lines of 公开11表; 上海: 公用经费 incl. 资本性支出, as published)
    jiguan = sum(v for k, v in econ.items() if k[:3] not in ("301", "303"))
    proc = dict.fromkeys(["goods", "works", "services", "sme", "small"], 0)
    if rng.random() < 0.75:
        tot = rng.randint(500, 60000)
        proc["goods"], proc["works"], proc["services"] = split(
            rng, tot, [rng.random() + 0.2, rng.random() * (rng.random() < 0.25), rng.random() + 0.1])
        proc["sme"] = tot if rng.random() < 0.5 else scale(rng, tot, 0.4, 1.0)
        proc["small"] = proc["sme"] if rng.random() < 0.6 else scale(rng, proc["sme"], 0.5, 1.0)
    proj_total = sum(i.proj for i in items)
    n_perf = max(1, min(rng.randint(2, 30), proj_total // 100 or 1))
    perf_amount = proj_total if rng.random() < 0.5 else scale(rng, proj_total, 0.5, 1.0)
    vehicles = list(base.vehicles_by_kind)
    buy = [0] * len(vehicles)
    if base.sangong.budget["car_buy"]:
        buy[rng.choice([3, 4, 7])] = 1
    out = Budget(dept=dept, family=family, items=items, econ=econ, prev=prev, sangong=sg, sangong_prev=sgp,
                 jiguan=jiguan, jiguan_prev=_prev(rng, max(jiguan, 100)), procurement=proc,
                 perf_projects=n_perf, perf_amount=perf_amount, vehicles=vehicles, vehicles_buy=buy,
                 equipment=base.equipment)
    if not js:
        _to_yuan(out, random.Random(f"yuan-{seed}"))
    return out


def _to_yuan(b: Budget, rng: random.Random) -> None:
    """上海: the tables print 元 ("371,514,655.00"), the narrative the same figures rounded to 万元. The items'
    and 经济分类 figures become hundredths of 元: each nonzero part moved by up to ±50 元 (so it still rounds to
    its 万元 figure; with cents in some documents), every sum the exact sum of its parts (``Budget.yuan``; the
    narrative prints :meth:`Budget.wan` of them). The previous-year bases, 三公, 政府采购 and 绩效 stay in 万元."""
    cents = rng.random() < 0.3

    def y(v: int) -> int:
        if v == 0:
            return 0
        # within ±49.99 元: still rounds to its 万元 figure (+50 元 and cents rounded up: 3.44 → 34,450.90 元)
        return max(1, v * 10000 + rng.randint(-49, 49) * 100 + (rng.randint(0, 99) if cents else 0))

    for x in b.items:
        nfb, nfp = x.basic - x.fis_basic, x.proj - x.fis_proj
        x.fis_basic, x.fis_proj = y(x.fis_basic), y(x.fis_proj)
        nfb_y, nfp_y = y(nfb), y(nfp)
        x.basic, x.proj = x.fis_basic + nfb_y, x.fis_proj + nfp_y
        x.fis = x.fis_basic + x.fis_proj
        nf = nfb_y + nfp_y
        x.shiye = 0 if x.shiye == 0 else (nf if x.other == 0 else min(nf, y(x.shiye)))
        x.other = nf - x.shiye
    want = sum(x.fis_basic for x in b.items if x.fund == "gpb")
    codes = [c for c, v in b.econ.items() if v]
    for c in codes:
        b.econ[c] = y(b.econ[c])
    if codes:  # the last line takes the rest: Σ 经济分类 = Σ 功能分类 基本支出, to the cent
        big = max(codes, key=lambda c: b.econ[c])
        b.econ[big] += want - sum(b.econ.values())
    b.yuan = True
    b.jiguan = b.wan(b.public)
    # 绩效 funds were drawn up to the 项目支出 in 万元; the 元 parts moved, so their total may now round lower
    b.perf_amount = min(b.perf_amount, b.wan(sum(x.proj for x in b.items)))


_USES = {
    "B": ["机关行政运行和机关人员经费支出", "行政单位的基本支出", "保障机构正常运转的人员经费和公用经费"],
    "M": ["下属事业单位运行费和人员经费", "事业单位的基本支出"],
    "P": ["专项业务工作支出", "为完成特定工作任务安排的项目支出", "未单独设置项级科目的其他项目支出"],
    "S": ["人员社会保险费缴纳", "在职人员公积金缴纳", "离退休人员经费"],
}
