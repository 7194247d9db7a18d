"""Plants in the narrative's figures and words: a changed amount, share, rate or count, a flipped direction or
reason, a list with an item dropped or added, a zero statement, a change clause replaced by a word without its
figure (持平, 略有减少)."""
from __future__ import annotations

from .errors_base import FLIP, MIN_VISIBLE_CHANGE, NOT_DERIVED, PlantBase, _num, _vstr
from .ir import Para, Slot
from .money import fmt_money


class NarrativePlants(PlantBase):
    def k_amount(self):
        return self.numeric("amount")

    def k_duplicate_value(self):
        return self.numeric("duplicate_value")

    def k_share(self):
        return self.numeric("share", (50, 1000))

    def k_growth_rate(self):
        return self.numeric("growth_rate", (100, 2500))

    def k_completion(self):
        return self.numeric("completion", (100, 2500))

    def k_change_inconsistent(self):
        return self.numeric("change_inconsistent", frac=(0.1, 0.45))

    def k_direction(self):
        c = self.slots("direction")
        if not c:
            return False
        s = self.r.choice(c)
        w = s.meta["word"]
        s.pre = s.pre.replace(w, FLIP[w], 1)
        self.used.add(id(s))
        self.label("direction", s.text, w, FLIP[w], s.section)
        self.pending.append((self.labels[-1], lambda s=s: s.text))
        return True

    def k_reason_polarity(self):
        c = self.slots("reason_polarity")
        if not c:
            return False
        s = self.r.choice(c)
        before = s.text
        s.pre = s.meta["alt"]
        self.used.add(id(s))
        return self.slot_label("reason_polarity", s, before)

    def k_list(self):
        c = [s for s in self.slots("list") if len(s.meta["items"]) >= 2 or s.meta["absent"]]
        if not c:
            return False
        s = self.r.choice(c)
        before = s.text
        items = list(s.meta["items"])
        if len(items) >= 2 and (not s.meta["absent"] or self.r.random() < 0.5):
            items.pop(self.r.randrange(len(items)))
        else:
            items.insert(self.r.randrange(len(items) + 1), self.r.choice(s.meta["absent"]))
        s.pre = "主要包括：" + "、".join(items)
        self.used.add(id(s))
        return self.slot_label("list", s, before)

    def k_count_sum(self):
        c = self.slots("count_sum")
        if not c:
            return False
        s = self.r.choice(c)
        before = _vstr(s)
        d = self.r.randint(1, 3)
        v = _num(s)
        nv = v + d if (v - d < 0 or self.r.random() < 0.5) else v - d
        s.value = nv
        self.used.add(id(s))
        return self.slot_label("count_sum", s, before)

    def k_sangong_count(self):
        # a count made non-zero against a zero amount, or zero against a non-zero one; not 0 vehicles against a
        # running cost (leased or borrowed vehicles have running costs: consistent, not a discrepancy)
        c = [s for s in self.slots("sangong_count") if (s.meta["amount"] > 0) == (_num(s) > 0)
             and not (s.meta.get("what") == "vehicles" and _num(s) > 0)]
        if not c:
            return False
        s = self.r.choice(c)
        before = _vstr(s)
        s.value = 0 if s.value else self.r.randint(1, 6)
        self.used.add(id(s))
        return self.slot_label("sangong_count", s, before)

    def k_zero_statement(self):
        c = [s for s in self.slots("zero_statement")
             if not any(id(x) in self.used for x in self.doc.slots if self._grp(x) == s.meta["group"])]
        tables = [t for k, t in self.doc.tables.items() if k in ("gf", "gz", "sg") and self._table_has_money(t)
                  and not any(n.startswith("说明") for n in t.notes) and ("tbl", k) not in self.used]
        if tables and (not c or self.r.random() < 0.3):
            t = self.r.choice(tables)
            what = {"表": "本表"}
            note = f"说明：{self.doc.dept.name}本年度没有相关收入和支出，故本表无数据。"
            if "三公" in t.title:
                note = f"说明：{self.doc.dept.name}本年度没有财政拨款“三公”经费支出，故本表无数据。"
            t.notes.append(note)
            self.used.add(("tbl", next(k for k, v in self.doc.tables.items() if v is t)))
            del what
            self.label("zero_statement", note, "", note, t.tid)
            return True
        if not c:
            return False
        s = self.r.choice(c)
        g = s.meta["group"]
        para = self.para_of[id(s)]
        for b in self.doc.blocks:
            if isinstance(b, Para) and b.group == g and b is not para:
                b.hidden = True
        idx = next(i for i, p in enumerate(para.pieces) if p is s)
        para.pieces = para.pieces[:idx + 1]
        s.pre = s.meta["alt"]
        for x in self.doc.slots:
            if self._grp(x) == g:
                self.used.add(id(x))
        self.label("zero_statement", s.text, "", s.text, s.section)
        return True

    # -- a change word without its figure ------------------------------------
    def _change_clause(self):
        """A change clause rendered by ``render.change`` whose pieces are all unplanted: (para, index of the amount
        slot, amount slot, rate slot, reason slot or None)."""
        sites = []
        for s in self.slots("change_inconsistent"):
            if "cur" not in s.meta or "prev" not in s.meta:
                continue
            para = self.para_of[id(s)]
            k = next(j for j, p in enumerate(para.pieces) if p is s)
            rest = para.pieces[k + 1:k + 6]
            if len(rest) < 3 or rest[0] != "，" or not isinstance(rest[1], Slot) or id(rest[1]) in self.used:
                continue
            reason = rest[3] if len(rest) > 3 and isinstance(rest[3], Slot) and "reason_polarity" in rest[3].kinds else None
            if reason is not None and id(reason) in self.used:
                continue
            if any(id(x) in self.used for x in self._family(s)):
                continue  # another plant in the same derivation would blur which statement is wrong
            sites.append((para, k, s, rest[1], reason))
        seen = [x for x in sites if self._derivable(x[2])]
        if seen and self.r.random() < 0.8:
            sites = seen  # mostly where the document lets the previous year be derived (the rest: undetectable)
        return self.r.choice(sites) if sites else None

    def _family(self, s: Slot) -> list[Slot]:
        """The slots of the paragraphs that fix ``s``'s previous year (its own, and those of its derivation)."""
        fam = s.meta.get("derived")
        paras = {id(self.para_of[id(s)])} | {id(self.para_of[id(x)]) for x in self.doc.slots
                                            if fam and x.meta.get("derived") == fam and id(x) in self.para_of}
        return [x for x in self.doc.slots if id(self.para_of.get(id(x))) in paras]

    def _derivable(self, a: Slot) -> bool:
        """Whether the rest of the document fixes ``a``'s previous year: 基本 = 人员 + 公用 needs the other two
        stated with their figures; the 三公 total's parts are stated right after it (上海)."""
        fam = a.meta.get("derived")
        if fam == "basic":
            return sum(1 for x in self.doc.slots if x.meta.get("derived") == fam and "change_inconsistent" in x.kinds) == 3
        return fam == "sangong_parts"

    def _word_plant(self, kind: str, word) -> bool:
        site = self._change_clause()
        if site is None:
            return False
        para, k, a, rt, reason = site
        diff = a.meta["cur"] - a.meta["prev"]
        new = word(diff)
        before = a.text + "，" + rt.text
        head: list[str] = []
        for p in reversed(para.pieces[:k]):  # the clause's own start: back to the previous sentence's end
            t = p if isinstance(p, str) else p.text
            if t.rstrip().endswith("。"):
                break
            head.insert(0, t)
        end = k + 5 if reason is not None else k + 3
        family = self._family(a)
        para.pieces[k:end] = [Slot(new, section=a.section)]
        for x in family:
            self.used.add(id(x))
        self._lock_group(para)
        lab = self.label(kind, ("".join(head) + new).strip(), before, new, a.section)
        if not self._derivable(a):
            lab["detectable"] = False
            lab["reason"] = NOT_DERIVED.format(subj=(a.meta.get("subj") or "".join(head).strip("，, ")).removesuffix("各"))
        elif abs(diff) < MIN_VISIBLE_CHANGE:
            lab["detectable"] = False
            lab["reason"] = (f"the change is {abs(diff) / 100:.2f} 万元, within the rounding of the figures the "
                             "previous year is derived from")
        return True

    def k_flat_derivable(self):
        """A sentence "{subj}决算 {cur} 万元，与上年持平。" added after a clause stating the same total's change with its
        figure ("…减少 973.66 万元"): the previous year is derived from the document's own figures (X067)."""
        sites = [s for s in self.slots("change_inconsistent")
                 if s.meta.get("subj") and "cur" in s.meta and "prev" in s.meta and id(s) not in self.used
                 and abs(s.meta["cur"] - s.meta["prev"]) >= MIN_VISIBLE_CHANGE
                 and not s.meta["subj"].endswith(("决算", "数")) and id(s) in self.para_of
                 and not any(isinstance(x, Slot) and id(x) in self.used for x in self.para_of[id(s)].pieces)]
        if not sites:
            return False
        s = self.r.choice(sites)
        para = self.para_of[id(s)]
        new = f"{s.meta['subj'].removesuffix('各')}决算 {fmt_money(s.meta['cur'])} 万元，与上年持平。"
        para.pieces.append(new)
        self.used.add(id(s))
        self.used.add(("p", id(para), len(para.pieces) - 1))
        self._lock_group(para)
        self.label("flat_derivable", new, "", new, s.section)
        return True

    def k_fund_text(self):
        """The 政府性基金 paragraph's 收入 or 支出 figure changed while every table prints the true one (the 政府性基金
        table, whose blank cells may have vanished in 上海 text, and the 财政拨款收入支出决算总表's 政府性基金 column)."""
        sites = [s for s in self.slots("amount") if s.value and s.pre in ("政府性基金预算财政拨款收入 ", "支出 ")
                 and self.para_of[id(s)].group == "gf" and not s.meta.get("code")]
        if not sites:
            return False
        s = self.r.choice(sites)
        before = _vstr(s)
        s.value = _num(s) + self.delta(_num(s))
        self._lock_group(self.para_of[id(s)])
        self.used.add(id(s))
        return self.slot_label("fund_text", s, before)

    def k_flat_claim(self):
        """A change clause ("增加 10.00 万元，增长 5.00%") replaced by 持平 where the figures show a change."""
        return self._word_plant("flat_claim", lambda diff: "持平")

    def k_slight_direction(self):
        """A change clause replaced by a figure-less word of the opposite direction ("略有减少" for an increase)."""
        return self._word_plant("slight_direction",
                                lambda diff: self.r.choice(["略有", "小幅", "有所"]) + ("减少" if diff > 0 else "增加"))
