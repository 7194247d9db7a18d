"""Plants of issue 18's second round. A 科目 item not tied to its row by its printed names (family 1; X065): an item
heading under a former name of its 类/款/项 (patterns/kemu.toml ``former``: 卫生健康支出 → 医疗卫生与计划生育支出), and
an item under a 项 name that no row of the tables has (its amount left as the row prints it). One figure printed two
ways (family 4; T006, N001): a 表五 项 one unit of the last place off (with its 款, 类 and 合计), so that 表五 and 表四
print its 类 and total two ways; an item's 决算 in the narrative one unit off its row. Severities (family 11; N002,
N004 warnings): a 类 list's shares forced to add to 100.00%, a rate printed truncated."""
from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING

import regex as re

from ..claims.item_tie import dice, renamings
from . import data as D
from .errors_base import PlantBase, _num, _vstr
from .ir import Para, Slot
from .money import fmt_money

_HEAD = re.compile(r"^(?P<n>\d{1,2}[.、])(?P<lei>[^（]+)（类）(?P<kuan>.+?)（款）(?P<xiang>[^（）]+)（项）")


class ItemPlants(PlantBase):
    if TYPE_CHECKING:  # TablePlants' (the Injector mixes both in)
        def _cross_table(self, kind: str, d: int | None = None) -> bool: ...

    def _items(self) -> list[tuple[Para, int, re.Match, str]]:
        """(paragraph, piece index, heading match, 项 code) of every item heading of a visible paragraph whose
        figures are untouched."""
        out = []
        for para in self._visible_paras():
            slots = [p for p in para.pieces if isinstance(p, Slot)]
            code = next((str(s.meta["code"]) for s in slots if len(str(s.meta.get("code") or "")) == 7), None)
            if code is None or any(id(s) in self.used for s in slots):
                continue
            for i, p in enumerate(para.pieces):
                if isinstance(p, str) and ("p", id(para), i) not in self.used and (m := _HEAD.match(p)):
                    out.append((para, i, m, code))
                    break
        return out

    def _put(self, kind: str, para: Para, i: int, new: str, original: str, planted: str) -> bool:
        para.pieces[i] = new
        self.used.add(("p", id(para), i))
        self._lock_group(para)
        lab = self.label(kind, "", original, planted, "")
        self.pending.append((lab, lambda para=para: para.text))
        return True

    def k_item_renamed(self):
        """An item heading under a former name of its 类, 款 or 项 (X065: tied by the renaming, the name differs)."""
        former = {n: {cur: f for f, cur in m.items()} for n, m in renamings().items()}
        cands = []
        for para, i, m, code in self._items():
            for key, n in (("lei", 3), ("kuan", 5), ("xiang", 7)):
                old = former.get(n, {}).get(m.group(key))
                if old:
                    cands.append((para, i, m, key, old))
        if not cands:
            return False
        para, i, m, key, old = self.r.choice(cands)
        s = para.pieces[i]
        new = s[:m.start(key)] + old + s[m.end(key):]
        return self._put("item_renamed", para, i, new, m.group(key), old)

    def k_item_unknown(self):
        """An item heading under a 项 name no row of the tables has, unlike any printed name (X065)."""
        printed = {str(r[1]) for t in self.doc.tables.values() for r in t.rows if len(r) > 1}
        items = self._items()
        if not items:
            return False
        names = sorted({n for n, _ in D.XIANG.values()} - printed)
        names = [n for n in names if not any(dice(n, p) >= 0.5 or n in p or p in n for p in printed if p)]
        if not names:
            return False
        para, i, m, _ = self.r.choice(items)
        name = self.r.choice(names)
        s = para.pieces[i]
        new = s[:m.start("xiang")] + name + s[m.end("xiang"):]
        return self._put("item_unknown", para, i, new, m.group("xiang"), name)

    # -- one figure printed two ways (family 4) ---------------------------------
    def k_two_prints_cell(self):
        """A 表五 项 0.01 万元 off, with its 款, 类 and 合计 (表五 adds up; 表四 and 表三 print the figures two ways)."""
        if self.doc.opts.yuan:
            return False
        return self._cross_table("two_prints_cell", self.r.choice((1, -1)))

    def k_two_prints_text(self):
        """An item's 决算 in the narrative 0.01 万元 off the row it is tied to (N001: a warning, not a 尾差)."""
        if self.doc.opts.yuan:
            return False
        cands = [s for s in self.slots("amount") if len(str(s.meta.get("code") or "")) == 7 and s.value and s.value > 1
                 and id(s) not in self.used]
        if not cands:
            return False
        s = self.r.choice(cands)
        before = _vstr(s)
        s.value = _num(s) + self.r.choice((1, -1))
        self.used.add(id(s))
        return self.slot_label("two_prints_text", s, before)

    # -- severities that match the evidence (family 11) -------------------------
    @staticmethod
    def _exact(s: Slot) -> tuple[Fraction, Fraction] | None:
        """A percentage slot's exact value in hundredths of a percent and the half-width its printed inputs allow."""
        num, den = s.meta.get("part", s.meta.get("num")), s.meta.get("total", s.meta.get("den"))
        if not isinstance(num, int) or not isinstance(den, int) or num <= 0 or den <= 0:
            return None
        x = Fraction(num * 10000, den)
        return x, x * (Fraction(1, 2 * num) + Fraction(1, 2 * den)) + Fraction(1, 100)

    def k_share_forced(self):
        """A 类 list whose rounded shares add to 99.99 or 100.01: one share moved one unit so the list says 100.00%
        (N002: a warning 尾差调整, not an error)."""
        lists: dict[int, list[Slot]] = {}
        for s in self.doc.slots:
            if "share" in s.kinds and isinstance(s.meta.get("total"), int) and s.value is not None:
                lists.setdefault(s.meta["total"], []).append(s)
        cands = []
        for slots in lists.values():
            shown = [s for s in self.slots("share") if s in slots]
            if len(slots) < 2 or len(shown) != len(slots):
                continue
            need = 10000 - sum(_num(s) for s in slots)
            if abs(need) != 1:
                continue
            for s in slots:
                ex = self._exact(s)
                if ex is not None and abs(_num(s) + need - ex[0]) - Fraction(1, 2) > ex[1]:
                    cands.append((s, need))
        if not cands:
            return False
        s, need = self.r.choice(cands)
        before = _vstr(s)
        s.value = _num(s) + need
        self.used.add(id(s))
        return self.slot_label("share_forced", s, before)

    def k_rate_truncated(self):
        """A share or completion rate printed truncated, not rounded (N002/N004: a warning that says so)."""
        cands = []
        for s in self.slots("share") + self.slots("completion"):
            ex = self._exact(s)
            if ex is None or s.value is None:
                continue
            x, w = ex
            low = x.numerator // x.denominator
            if s.value == low + 1 and x - low - Fraction(1, 2) > w:
                cands.append((s, low))
        if not cands:
            return False
        s, low = self.r.choice(cands)
        before = _vstr(s)
        s.value = low
        self.used.add(id(s))
        return self.slot_label("rate_truncated", s, before)

    # -- a numbered list under a lead total (family 2) ---------------------------
    def k_list_quoted(self):
        """The 类 list under the 一般公共预算 lead total printed as "1.“一般公共服务”512.30 万元" (a quoted short name is
        a 类 name), one amount changed (N001 against its 类 row)."""
        rx = re.compile(r"^(?P<name>[^（）“”]{2,20})支出（类）$")
        for para in self._visible_paras():
            slots = [p for p in para.pieces if isinstance(p, Slot) and "amount" in p.kinds and rx.match(p.pre)]
            if len(slots) < 2 or not any(isinstance(p, str) and "主要用于以下方面" in p for p in para.pieces):
                continue
            cands = [s for s in slots if s.value]
            if any(id(p) in self.used for p in para.pieces if isinstance(p, Slot)):
                return False  # a figure of the list already planted
            s = self.r.choice(cands)
            for k, x in enumerate(slots, 1):
                m = rx.match(x.pre)
                assert m is not None  # chosen because it matches
                x.pre = f"{k}.“{m.group('name')}”"
                self.used.add(id(x))
            before = _vstr(s)
            s.value = _num(s) + self.delta(_num(s))
            self._lock_group(para)
            return self.slot_label("list_quoted", s, before)
        return False

    # -- procurement double counts (family 9) ------------------------------------
    def k_procurement_double(self):
        """The 政府采购 paragraph goes on with the 上海 form: the projects reserved for SMEs awarded the whole total, and
        the other projects some more (X066: counted twice)."""
        para = next((p for p in self._visible_paras() if any(isinstance(x, Slot) and "procurement_parts" in x.kinds
                                                             for x in p.pieces)), None)
        if para is None or any(isinstance(x, Slot) and id(x) in self.used for x in para.pieces):
            return False
        # the total the paragraph states: its parts as printed (a 预算's figures are not its department's 决算 ones)
        tot = sum(_num(x) for x in para.pieces if isinstance(x, Slot) and "procurement_parts" in x.kinds)
        if tot <= 0:
            return False
        extra = self.r.randint(100, max(101, tot // 2))
        other = f"在其他政府采购项目中，由中小企业供应商中标或成交的，采购金额 {fmt_money(extra)} 万元。"
        para.pieces.append(f"在面向中小企业预留的政府采购项目中，由中小企业供应商中标或成交的，采购金额 {fmt_money(tot)} 万元；")
        para.pieces.append(other)
        self.used.add(("p", id(para), len(para.pieces) - 1))
        self._lock_group(para)
        self.label("procurement_double", other, "", other, "")
        return True
