"""Build the document IR of a synthetic 部门预算 / 单位预算 in the 上海 district family (编制说明, tables 1–9 in 元,
其他相关情况说明) or the 江苏 provincial family (第一部分 概况, 公开01–12表 in 万元, 第三部分 one section per
table, 第四部分 名词解释). The layouts and phrasing follow the published documents of
/work/shared/corpus-budget/ (see its README). Every narrative figure is a labelled :class:`.ir.Slot`, so
that the budget plants (errors_budget.py) can change it.

Slot kinds of a budget (what a plant may change):
  amount          a figure the tables also print (an item's headline, a total)
  copied_item     an item's headline figure (the plant copies the item's above)
  stray_digit     the base of an item-form rate ("2024年当年预算执行数为A万元")
  rate_mismatch   an item-form rate ("比2024年预算执行数增加P%")
  base_year       the year of a comparison base ("比2024年预算")
  zero_increase   "与上年预算持平" said of a zero figure (the plant says it increased)
  sangong_share   a 三公 part's share of the 三公 total (江苏: the plant takes 会议费 and 培训费 in)
  share, growth_rate, direction, change_inconsistent, count_sum, procurement_parts: as in the 决算 generator
"""
from __future__ import annotations

import random

from . import data as D
from .budget_model import JS_BUDGET, BItem, Budget
from .ir import Cell, Heading, PageBreak, Slot, TableBlock
from .money import fmt_money, pct
from .render_base import BuilderBase, Doc, Options


def draw_budget_options(rng: random.Random, family: str, fmt: str) -> Options:
    o = Options(style=family, fmt=fmt)
    js = family == JS_BUDGET
    o.thousands = True if js else rng.random() < 0.85
    o.yuan = not js                       # 上海 tables in 元, narrative in 万元
    o.split_codes = not js                # 上海 prints 类 | 款 | 项 apart; 江苏 joined codes
    o.zero = ""
    o.width = rng.choice([52, 54, 56])
    # 上海 预算 print no page numbers (text without footers); 江苏 print them
    o.footer_prob = rng.choice([0.3, 0.6, 1.0]) if js else 0.0
    o.page_numbers = js
    o.page_lines = rng.randint(36, 44)
    if fmt == "pdf":
        o.cpl = rng.choice([26, 27, 28, 30])
    o.doc_title = "部门预算"
    return o


class BudgetBuilderBase(BuilderBase):
    def __init__(self, budget: Budget, opts: Options, rng: random.Random):
        super().__init__(budget.dept, opts, rng)
        self.b = budget
        self.js = budget.family == JS_BUDGET
        self.sh = False  # BuilderBase's 上海 决算 switches stay off
        self.doc = Doc(budget.dept, opts)
        self.th = opts.thousands
        self.unit = opts.style == "sh-budget" and rng.random() < 0.3  # 上海 单位预算 (vs 部门预算)

    # -- primitives -------------------------------------------------------
    def m(self, v: int) -> str:
        """A figure as the narrative prints it (0 → "0")."""
        return "0" if v == 0 else fmt_money(v, self.th)

    def wan(self, pre: str, v: int, kinds=("amount",), post: str | None = None, **meta) -> Slot:
        post = (" 万元" if self.js else "万元") if post is None else post
        return self.money(pre, v, kinds, post, thousands=self.th, zero="0", **meta)

    def pct_slot(self, pre: str, num: int, den: int, kinds: tuple[str, ...], post: str = "%", **meta) -> Slot:
        return self.slot(pre, pct(num, den), "pct", post, kinds, num=num, den=den, **meta)

    def btable(self, key: str, caption: str, title: str, header, spans, rows, meta, widths, code_col=None,
               notes=(), unit: str | None = None) -> TableBlock:
        """A table whose cells hold the figures as printed (hundredths of 元 in a 上海 budget, of 万元 else)."""
        unit = unit or ("元" if self.b.yuan else "万元")
        tb = TableBlock(key, title, header, spans, rows, meta, widths,
                        dept_line=(f"部门：{self.d.name}" if self.js else
                                   f"{'编制单位' if self.unit else '编制部门'}：{self.d.name}"),
                        unit_line=f"单位：{unit}", notes=list(notes), code_col=code_col, zero="", yuan=False,
                        thousands=True, split_codes=self.o.split_codes and code_col is not None)
        tb.caption = caption
        self.doc.tables[key] = tb
        self.doc.blocks.append(PageBreak())
        self.doc.blocks.append(tb)
        return tb

    def item_label(self, x: BItem, sep: str = "") -> str:
        if sep:
            return f"{D.LEI[x.lei]}{sep}{D.KUAN[x.kuan]}{sep}{x.name}"
        return f"{D.LEI[x.lei]}（类）{D.KUAN[x.kuan]}（款）{x.name}（项）"

    def lei_amounts(self, fund: str | None = None, fiscal: bool = False) -> dict[str, int]:
        out: dict[str, int] = {}
        for x in self.b.items:
            if fund and x.fund != fund:
                continue
            out[x.lei] = out.get(x.lei, 0) + (x.fis if fiscal else x.total)
        return out

    def econ_rows(self, three_cols: bool):
        """Rows of a 基本支出 经济分类 table: groups (301 …) with their nonzero items; (rows, meta)."""
        e = self.b.econ
        rows, meta = [], []
        groups = [("301", D.ECON_301), ("302", D.ECON_302), ("303", D.ECON_303), ("310", D.ECON_310)]
        for g, items in groups:
            nz = [(c, n) for c, n in items if e.get(c, 0)]
            if not nz:
                continue
            tot = sum(e[c] for c, _ in nz)
            pers = g in ("301", "303")
            for code, name, v, lvl in [(g, D.ECON_GROUPS[g], tot, "econ_group")] + [(c, n, e[c], "econ_item")
                                                                                  for c, n in nz]:
                shown = f"{code[:3]} {code[3:]}".strip() if three_cols else code
                if three_cols:
                    rows.append([shown, name, Cell(v), Cell(v if pers else 0), Cell(0 if pers else v)])
                else:
                    rows.append([shown, name, Cell(v)])
                meta.append({"level": lvl, "code": code})
        return rows, meta

    def zero_or_change(self, cur: int, prev: int, base: str, kinds=(), **meta) -> list:
        """"比{base}增加X万元" / "与{base}持平" (a base-year slot and the amount slot). The amount carries no plant
        kind: no other statement fixes the previous year's budget, so a flipped word or changed amount there
        would not show."""
        by = self.y - 1
        if cur == prev:
            alt_amount = self.r.randint(100, 5000) if cur == 0 else 0
            return [self.slot(f"与{by}年{base}持平", kinds=("base_year", "zero_increase") if cur == 0 else
                              ("base_year",), year=by, alt=f"比{by}年{base}增加", alt_amount=alt_amount)]
        up = cur > prev
        w = "增加" if up else "减少"
        return [self.slot(f"比{by}年{base}", kinds=("base_year",), year=by),
                self.wan(w, abs(cur - prev), kinds, cur=cur, prev=prev, word=w, **meta)]

    def glossary(self, entries: list[str]):
        for i, t in enumerate(entries):
            self.p(f"（{D.CN_NUM[i]}）{t}" if not self.js else f"{D.CN_NUM[i]}、{t}")

    def cover(self, lines: list[str]):
        self.doc.blocks.append(Heading(lines[0], 0))
        for t in lines[1:]:
            self.p(t)
