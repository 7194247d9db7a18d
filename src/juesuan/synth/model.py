"""Internally consistent synthetic department (all money in int hundredths of 万元)."""
from __future__ import annotations

import random
from dataclasses import dataclass

from . import data as D
from .money import scale, split


@dataclass
class Xiang:
    """One 项-level 功能分类 row."""
    code: str
    name: str
    fund: str = "gpb"          # gpb 一般公共预算 | gf 政府性基金 | gz 国有资本经营
    fis_basic: int = 0          # 财政拨款 expenditure, 基本支出
    fis_proj: int = 0           # 财政拨款 expenditure, 项目支出
    nf_basic: int = 0           # non-fiscal (事业收入/其他收入 financed) expenditure
    nf_proj: int = 0
    shiye: int = 0              # 事业收入 (income)
    other: int = 0              # 其他收入 (income)
    carry_begin: int = 0        # 年初结转和结余 (gf/gz only)
    fis_income: int = 0         # 财政拨款收入 for this row
    budget_init: int = 0        # 年初预算 (fiscal)
    budget_full: int = 0        # 全年预算 (fiscal)

    @property
    def kuan(self) -> str:
        return self.code[:5]

    @property
    def lei(self) -> str:
        return self.code[:3]

    @property
    def fis_exp(self) -> int:
        return self.fis_basic + self.fis_proj

    @property
    def basic(self) -> int:
        return self.fis_basic + self.nf_basic

    @property
    def proj(self) -> int:
        return self.fis_proj + self.nf_proj

    @property
    def exp(self) -> int:
        return self.basic + self.proj

    @property
    def income(self) -> int:
        return self.fis_income + self.shiye + self.other

    @property
    def carry_end(self) -> int:
        return self.carry_begin + self.fis_income - self.fis_exp


@dataclass
class Sangong:
    budget: dict[str, int]      # keys abroad, car_buy, car_run, recep
    actual: dict[str, int]
    prev: dict[str, int]
    abroad_groups: int = 0
    abroad_people: int = 0
    vehicles: int = 0
    recep_batches: int = 0
    recep_people: int = 0

    @staticmethod
    def tot(d: dict[str, int]) -> int:
        return sum(d.values())


@dataclass
class Project:
    name: str
    budget: int
    executed: int
    score: int                  # hundredths of a point

    @property
    def grade(self) -> int:
        """0 优 (>=90), 1 良 (80–90), 2 中/合格 (60–80), 3 差/不合格 (<60)."""
        s = self.score
        return 0 if s >= 9000 else 1 if s >= 8000 else 2 if s >= 6000 else 3


@dataclass
class Department:
    seed: int
    region: str
    stem: str
    suffix: str
    is_party: bool
    year: int
    units: list[str]
    inner_depts: list[str]
    duties: list[str]
    xiang: list[Xiang]
    econ: dict[str, int]        # 经济分类 (一般公共预算财政拨款基本支出), 5-digit codes
    prev: dict[str, int]        # previous-year comparison values
    sangong: Sangong
    jiguan: int                 # 机关运行经费 决算
    jiguan_budget: int
    procurement: dict[str, int]
    vehicles_by_kind: list[int]
    equipment: int
    projects: list[Project]
    whole_score: int            # 部门整体绩效自评得分 (hundredths)
    fields: str = ""

    # -- derived ----------------------------------------------------------
    @property
    def name(self) -> str:
        if self.is_party:
            return f"中共{self.region}委{self.stem}{self.suffix}"
        return f"{self.region}{self.stem}{self.suffix}"

    def of(self, fund: str) -> list[Xiang]:
        return [x for x in self.xiang if x.fund == fund]

    @property
    def income_total(self) -> int:
        return sum(x.income for x in self.xiang)

    @property
    def exp_total(self) -> int:
        return sum(x.exp for x in self.xiang)

    @property
    def carry_begin(self) -> int:
        return sum(x.carry_begin for x in self.xiang)

    @property
    def carry_end(self) -> int:
        return sum(x.carry_end for x in self.xiang)

    @property
    def grand_total(self) -> int:
        return self.income_total + self.carry_begin

    @property
    def fis_income(self) -> int:
        return sum(x.fis_income for x in self.xiang)

    @property
    def fis_total(self) -> int:
        return self.fis_income + self.carry_begin

    @property
    def gpb_exp(self) -> int:
        return sum(x.fis_exp for x in self.of("gpb"))

    @property
    def gpb_basic(self) -> int:
        return sum(x.fis_basic for x in self.of("gpb"))

    @property
    def personnel(self) -> int:
        return sum(v for k, v in self.econ.items() if k[:3] in ("301", "303"))

    @property
    def public(self) -> int:
        return sum(v for k, v in self.econ.items() if k[:3] not in ("301", "303"))

    @property
    def source_amounts(self) -> dict[str, int]:
        return {"财政拨款收入": self.fis_income, "上级补助收入": 0,
                "事业收入": sum(x.shiye for x in self.xiang), "经营收入": 0, "附属单位上缴收入": 0,
                "其他收入": sum(x.other for x in self.xiang)}


def _prev(rng: random.Random, cur: int) -> int:
    r = rng.random()
    if r < 0.07:
        return cur                          # 持平
    return max(100, scale(rng, cur, 0.65, 1.4))


def draw_department(seed: int, style: str | None = None) -> Department:
    """Draw a random, internally consistent department from ``seed``."""
    rng = random.Random(f"dept-{seed}")
    style = style or rng.choice(["henan", "shanghai"])
    region, stem, suffix, core, is_party, year, n_units, units, inner, field_word, duties = _draw_identity(rng, style)
    size = rng.randint(8000, 400000)          # 80万 – 4000万
    xiang = _draw_xiang(rng, size, core, n_units)
    personnel, public, econ = _draw_econ(rng, xiang)
    prev = {k: _prev(rng, v) for k, v in (("personnel", personnel), ("public", public))}
    prev["basic"] = prev["personnel"] + prev["public"]
    tmp = Department(seed, region, stem, suffix, is_party, year, [], [], [], xiang, econ, {},
                     None, 0, 0, {}, [], 0, [], 0)  # type: ignore[arg-type]
    prev["grand_total"] = _prev(rng, tmp.grand_total)
    prev["fis_total"] = _prev(rng, tmp.fis_total) if tmp.fis_total != tmp.grand_total else prev["grand_total"]
    prev["gpb_exp"] = _prev(rng, tmp.gpb_exp)
    sg = _draw_sangong(rng, econ, prev)

    jiguan = public if rng.random() < 0.6 else scale(rng, public, 0.5, 1.0)
    jiguan_budget = jiguan if rng.random() < 0.3 else scale(rng, jiguan, 0.8, 1.3)
    prev["jiguan"] = _prev(rng, max(jiguan, 100))
    proc = _draw_procurement(rng)
    kinds = [0] * len(D.VEHICLE_KINDS)
    for _ in range(sg.vehicles):
        kinds[rng.choice([3, 4, 7, 7])] += 1
    equipment = rng.choice([0, 0, 0, 1, 2])
    projects, whole = _draw_projects(rng, xiang)

    return Department(seed=seed, region=region, stem=stem, suffix=suffix, is_party=is_party, year=year,
                      units=units, inner_depts=inner, duties=duties, xiang=xiang, econ=econ, prev=prev,
                      sangong=sg, jiguan=jiguan, jiguan_budget=jiguan_budget, procurement=proc,
                      vehicles_by_kind=kinds, equipment=equipment, projects=projects, whole_score=whole,
                      fields=field_word)


def _draw_identity(rng: random.Random, style: str):
    """Who the department is: region, name, year, units, inner offices, duties."""
    region = rng.choice(D.REGIONS[style])
    stem, suffix, core, is_party = rng.choice(D.DOMAINS)
    year = rng.randint(2022, 2025)
    n_units = rng.choice([1, 1, 2, 2, 3, 4])
    short = region[region.find("市") + 1:] if "市" in region else region
    pats = rng.sample(D.UNIT_PATTERNS, n_units - 1)
    st = stem.replace("委员会", "")
    units = [f"{short}{st}" + p[len("{r}{s}"):] for p in pats]
    inner = rng.sample(D.INNER_DEPTS, rng.randint(2, 5))
    field_word = stem.replace("委员会", "").replace("纪律检查", "纪检监察")
    duties = [d.format(f=field_word) for d in D.DUTIES if rng.random() < 0.8] or [D.DUTIES[-1]]
    return region, stem, suffix, core, is_party, year, n_units, units, inner, field_word, duties


def _draw_xiang(rng: random.Random, size: int, core: str, n_units: int) -> list[Xiang]:
    """The 项 the department spends on (core, projects, social, funds), with their budgets and other income."""
    xs: dict[str, Xiang] = {}

    def add(code: str, fund: str = "gpb") -> Xiang:
        if code not in xs:
            xs[code] = Xiang(code=code, name=D.XIANG[code][0], fund=fund)
        return xs[code]

    core_items = [c for c in D.XIANG if c.startswith(core)]
    run = next((c for c in core_items if D.XIANG[c][1] == "B"), None)
    if run:
        add(run).fis_basic = max(500, scale(rng, size, 0.3, 0.6))
    if n_units > 1:
        sy = next((c for c in core_items if D.XIANG[c][1] == "M"), None)
        if sy:
            x = add(sy)
            x.fis_basic = max(500, scale(rng, size, 0.15, 0.4))
            if rng.random() < 0.4:
                x.fis_proj = max(300, scale(rng, size, 0.02, 0.2))
    proj_pool = [c for c in D.XIANG if D.XIANG[c][1] in "PM" and c[:3] == core[:3]
                 and c not in D.GOV_FUND_XIANG and c not in D.STATE_CAPITAL_XIANG]
    for c in rng.sample(proj_pool, min(len(proj_pool), rng.randint(1, 3))):
        x = add(c)
        if D.XIANG[c][1] == "M" and rng.random() < 0.5:
            x.fis_basic += max(300, scale(rng, size, 0.05, 0.2))
        x.fis_proj += max(100, scale(rng, size, 0.02, 0.7))
    for c, p in D.SOCIAL_XIANG:
        if rng.random() < p:
            add(c).fis_basic = max(100, scale(rng, size, 0.015, 0.08))
    if rng.random() < 0.25:
        g = add(rng.choice(D.GOV_FUND_XIANG), "gf")
        g.fis_proj = max(1000, scale(rng, size, 0.1, 1.0))
        g.carry_begin = rng.choice([0, 0, scale(rng, g.fis_proj, 0.1, 0.5)])
        g.fis_income = g.fis_proj - g.carry_begin + rng.choice([0, 0, scale(rng, g.fis_proj, 0.05, 0.4)])
        g.budget_init = g.fis_exp if rng.random() < 0.4 else scale(rng, g.fis_exp, 1.0, 1.6)
        g.budget_full = g.budget_init
    if rng.random() < 0.08:
        z = add(rng.choice(D.STATE_CAPITAL_XIANG), "gz")
        z.fis_proj = max(500, scale(rng, size, 0.05, 0.3))
        z.fis_income = z.fis_proj
        z.budget_init = z.budget_full = z.fis_proj
    # every department has some project spending
    if not any(x.fis_proj for x in xs.values()):
        c = rng.choice(proj_pool or ["2010302"])
        add(c).fis_proj = max(100, scale(rng, size, 0.05, 0.3))
    _draw_gpb_budgets(rng, xs)
    _draw_nonfiscal(rng, xs, n_units)
    return [xs[c] for c in sorted(xs)]


def _draw_gpb_budgets(rng: random.Random, xs: dict[str, Xiang]) -> None:
    """gpb income = gpb expenditure; budgets."""
    for x in xs.values():
        if x.fund != "gpb":
            continue
        x.fis_income = x.fis_exp
        e = x.fis_exp
        r = rng.random()
        if r < 0.3:
            x.budget_full = e
        elif r < 0.45:
            x.budget_full = max(100, scale(rng, e, 0.75, 0.97))
        else:
            x.budget_full = scale(rng, e, 1.02, 1.4)
        x.budget_init = x.budget_full if rng.random() < 0.5 else max(100, scale(rng, x.budget_full, 0.7, 0.98))


def _draw_nonfiscal(rng: random.Random, xs: dict[str, Xiang], n_units: int) -> None:
    """Non-fiscal income on a few gpb rows."""
    if rng.random() < 0.3:
        for x in rng.sample(list(xs.values()), 1):
            if x.fund != "gpb":
                continue
            if x.fis_basic:
                x.nf_basic = scale(rng, x.fis_basic, 0.05, 0.3)
            else:
                x.nf_proj = scale(rng, x.fis_proj, 0.05, 0.3)
            nf = x.nf_basic + x.nf_proj
            if n_units > 1 and rng.random() < 0.6:
                x.shiye = scale(rng, nf, 0.5, 1.0)
            x.other = nf - x.shiye


def _draw_econ(rng: random.Random, xiang: list[Xiang]) -> tuple[int, int, dict[str, int]]:
    """(personnel, public, 经济分类 split) of 一般公共预算财政拨款基本支出."""
    basic = sum(x.fis_basic for x in xiang if x.fund == "gpb")
    personnel = scale(rng, basic, 0.78, 0.95)
    public = basic - personnel
    econ: dict[str, int] = {}
    pcodes = [c for c, _ in D.ECON_301 + D.ECON_303]
    gcodes = [c for c, _ in D.ECON_302 + D.ECON_310]
    for codes, tot in ((pcodes, personnel), (gcodes, public)):
        w = [D.ECON_WEIGHTS.get(c, 0) * rng.uniform(0.3, 1.7) * (rng.random() < 0.85) for c in codes]
        if not any(w):
            w[0] = 1.0
        for c, v in zip(codes, split(rng, tot, w)):
            econ[c] = v
    return personnel, public, econ


def _draw_sangong(rng: random.Random, econ: dict[str, int], prev: dict[str, int]) -> Sangong:
    """三公: actual, budget and last year's, with their counts; sets prev["sangong"] and keeps the 基本支出 三公
    lines within the 三公 table."""
    keys = ["abroad", "car_buy", "car_run", "recep"]
    actual = dict.fromkeys(keys, 0)
    if rng.random() < 0.6:
        if rng.random() < 0.1:
            actual["abroad"] = rng.randint(200, 1000)
        if rng.random() < 0.15:
            actual["car_buy"] = rng.randint(1200, 3000)
        if rng.random() < 0.7:
            actual["car_run"] = rng.randint(50, 1500)
        if rng.random() < 0.7 or not any(actual.values()):
            actual["recep"] = rng.randint(10, 400)
    if actual["car_buy"] and not actual["car_run"]:
        # a vehicle bought and held has running costs: a clean document never shows vehicles with 0 运行维护
        actual["car_run"] = rng.randint(50, 1500)
    budget = {k: (v if rng.random() < 0.35 else scale(rng, v, 1.0, 1.5)) for k, v in actual.items()}
    if Sangong.tot(actual) == 0:
        sprev = dict.fromkeys(keys, 0)
    else:
        sprev = {k: (0 if v == 0 and rng.random() < 0.7 else _prev(rng, max(v, 300))) for k, v in actual.items()}
    sg = Sangong(budget, actual, sprev)
    if actual["abroad"]:
        sg.abroad_groups = rng.randint(1, 3)
        sg.abroad_people = sg.abroad_groups * rng.randint(2, 6)
    if actual["car_run"] or actual["car_buy"]:
        sg.vehicles = rng.randint(1, 8)
    if actual["recep"]:
        sg.recep_batches = rng.randint(2, 40)
        sg.recep_people = sg.recep_batches * rng.randint(2, 9)
    prev["sangong"] = Sangong.tot(sprev)
    # the 基本支出 三公 lines never exceed the 三公 table's part (X043): the excess goes to 30299 其他商品和服务支出,
    # so 302 and every total are unchanged (no rng draw: the rest of the document is as before)
    for code, key in (("30212", "abroad"), ("30217", "recep"), ("30231", "car_run")):
        excess = econ.get(code, 0) - actual[key]
        if excess > 0:
            econ[code] -= excess
            econ["30299"] = econ.get("30299", 0) + excess
    return sg


def _draw_procurement(rng: random.Random) -> dict[str, int]:
    """政府采购: goods, works, services and the shares awarded to small enterprises."""
    proc = dict.fromkeys(["goods", "works", "services", "sme", "small"], 0)
    if rng.random() < 0.6:
        tot = rng.randint(500, 50000)
        proc["goods"], proc["works"], proc["services"] = split(
            rng, tot, [rng.random() + 0.2, rng.random() * (rng.random() < 0.3), rng.random()])
        proc["sme"] = tot if rng.random() < 0.4 else scale(rng, tot, 0.5, 1.0)
        proc["small"] = proc["sme"] if rng.random() < 0.5 else scale(rng, proc["sme"], 0.4, 1.0)
    return proc


def _draw_projects(rng: random.Random, xiang: list[Xiang]) -> tuple[list[Project], int]:
    """绩效: projects share the total 项目支出 exactly; and the whole-department score."""
    ptotal = sum(x.proj for x in xiang)
    n = max(1, min(rng.randint(2, 12), ptotal // 100))
    names = rng.sample(D.PROJECT_NAMES, n)
    execs = split(rng, ptotal, [rng.random() + 0.1 for _ in range(n)])
    projects = []
    for nm, e in zip(names, execs):
        b = e if rng.random() < 0.5 else scale(rng, e, 1.0, 1.6)
        s = rng.choice([rng.randint(9000, 10000)] * 5 + [rng.randint(8000, 8999)] * 3
                       + [rng.randint(6000, 7999), rng.randint(4500, 5999)])
        projects.append(Project(nm, max(b, 1), e, s))
    whole = rng.randint(8500, 9900)
    return projects, whole
