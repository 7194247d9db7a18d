"""Plants of the slips a proofreader corrects (X030 shortened, X060-X062): a fused direction word with one word
shortened, a look-alike character in a fiscal term, a character dropped from a fixed phrase, an item's purpose
text copied from another item (each changes one piece of text and labels the changed words); a 科目 printed under a
sibling's name (X063); the 三公 table printed empty while the narrative states its figures (C010)."""
from __future__ import annotations

import regex as re

from . import data as D
from .errors_base import FLIP, PlantBase
from .ir import Cell, Para, Slot

# (a fiscal term as the generator prints it, the same term with a look-alike character): patterns/slips.toml
# [lookalike] is what finds them
LOOKALIKES = [("年末结转", "年未结转"), ("年末结余", "年未结余"), ("财政拨款", "财政拔款"), ("期末", "期未")]
# fixed phrases of the genre that the generator prints (patterns/slips.toml [dropped] phrases)
PHRASES = ["一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款", "年末结转和结余", "机关运行经费"]


class SlipPlants(PlantBase):
    def _text_sites(self, rx: re.Pattern) -> list[tuple[Para, int]]:
        """(paragraph, piece index) of every unused text piece or slot prefix of a visible paragraph that ``rx``
        matches."""
        out = []
        for para in self._visible_paras():
            for i, p in enumerate(para.pieces):
                if isinstance(p, str):
                    if ("p", id(para), i) not in self.used and rx.search(p):
                        out.append((para, i))
                elif isinstance(p, Slot) and id(p) not in self.used and rx.search(p.pre):
                    out.append((para, i))
        return out

    def _rewrite(self, kind: str, rx: re.Pattern, change, site: tuple[Para, int] | None = None) -> bool:
        """Rewrite the first match of ``rx`` in ``site`` (else a random site) with ``change(match) -> (new text,
        label text)``."""
        sites = [site] if site else self._text_sites(rx)
        if not sites:
            return False
        para, i = self.r.choice(sites)
        piece = para.pieces[i]
        before = piece if isinstance(piece, str) else piece.pre
        m = rx.search(before)
        assert m is not None  # the site was chosen because it matches
        new, planted = change(m)
        after = before[:m.start()] + new + before[m.end():]
        if isinstance(piece, str):
            para.pieces[i] = after
            self.used.add(("p", id(para), i))
        else:
            piece.pre = after
            self.used.add(id(piece))
        self._lock_group(para)
        self.label(kind, planted, m.group(0), new, "")
        return True

    def k_fused_short(self):
        """增加 → "增加减" / "增减少" (one of the two opposite words shortened, X030)."""
        c = [s for s in self.slots("direction") if s.meta.get("word") in ("增加", "减少")]
        if not c:
            return False
        s = self.r.choice(c)
        w = s.meta["word"]
        before = s.text
        fused = w + FLIP[w][0] if self.r.random() < 0.5 else FLIP[w][0] + w
        s.pre = s.pre.replace(w, fused, 1)
        self.used.add(id(s))
        return self.slot_label("fused_short", s, before)

    # A plant that cannot be placed returns before drawing anything, so that the kinds drawn after it keep their
    # draw (a document where none of these is placed is planted as before they existed).
    def k_lookalike(self):
        pairs = [(g, b) for g, b in LOOKALIKES if self._text_sites(re.compile(re.escape(g)))]
        if not pairs:
            return False
        good, bad = self.r.choice(pairs)
        return self._rewrite("lookalike", re.compile(re.escape(good)), lambda m: (bad, bad))

    def k_dropped_char(self):
        cands = [(ph, ph[:k] + ph[k + 1:]) for ph in PHRASES if self._text_sites(re.compile(re.escape(ph)))
                 for k in range(1, len(ph) - 1)]
        cands = [(ph, v) for ph, v in cands if not any(v in q for q in PHRASES) and v != "年末结转结余"]
        if not cands:
            return False
        phrase, variant = self.r.choice(cands)
        return self._rewrite("dropped_char", re.compile(re.escape(phrase)), lambda m: (variant, variant))

    def k_purpose_copied(self):
        """An item heading "…（款）住房公积金（项）。" given the purpose of another item (X062)."""
        rx = re.compile(r"（款）(?P<x>[^（）]{2,40})（项）。$")
        sites = []
        for para, i in self._text_sites(rx):
            m = rx.search(para.pieces[i]) if isinstance(para.pieces[i], str) else None
            own = next((k for k in D.PURPOSES if re.search(k, m.group("x"))), None) if m else None
            if own is not None:
                sites.append((para, i, own))
        if not sites:
            return False
        para, i, own = self.r.choice(sites)
        foreign = self.r.choice([v for k, v in D.PURPOSES.items() if k != own])
        return self._rewrite("purpose_copied", rx, lambda mm, f=foreign: (
            f"（款）{mm.group('x')}（项），主要用于{f}。", f"主要用于{f}"), site=(para, i))

    def k_kemu_name(self):
        """A 项 printed under another 项's name (a sibling under the same 款) in every table and in the narrative:
        the document is consistent, the catalogue contradicts it (X063)."""
        where: dict[str, list] = {}
        for t in self.doc.tables.values():
            for i, m in enumerate(t.meta):
                code = str(m.get("code") or "")
                if len(code) == 7 and code in D.XIANG and len(t.rows[i]) > 1 and t.rows[i][1] == D.XIANG[code][0]:
                    where.setdefault(code, []).append((t, i))
        printed = {str(t.rows[i][1]) for v in where.values() for t, i in v}
        cands = []
        for code in sorted(where):
            if any(("kemu", id(t), i) in self.used for t, i in where[code]):
                continue
            sib = sorted({n for c, (n, _) in D.XIANG.items() if c[:5] == code[:5] and c != code} - printed - {D.XIANG[code][0]})
            if sib:
                cands.append((code, sib))
        if not cands:
            return False
        code, sib = self.r.choice(cands)
        old, new = D.XIANG[code][0], self.r.choice(sib)
        for t, i in where[code]:
            t.rows[i][1] = new
            self.used.add(("kemu", id(t), i))
        for para in self._visible_paras():
            for k, p in enumerate(para.pieces):
                if isinstance(p, str) and f"（款）{old}（项）" in p:
                    para.pieces[k] = p.replace(f"（款）{old}（项）", f"（款）{new}（项）")
        self.label("kemu_name", new, old, new, "")
        return True

    # -- a table the document promises (C010) ----------------------------------
    def k_blank_table(self):
        """The 三公 table printed with every cell empty (no note declaring it blank) while the narrative keeps its
        figures (C010)."""
        t = self.doc.tables.get("sg")
        if (t is None or ("tbl", "sg") in self.used or ("sg", 0) in self.used or not self._table_has_money(t)
                or any(n.startswith("说明") for n in t.notes)):
            return False
        sg_slots = [x for x in self.doc.slots if "三公" in x.section]
        if any(id(x) in self.used for x in sg_slots):
            return False  # a 三公 figure planted already: the empty table would hide it
        self.used.update(id(x) for x in sg_slots)
        self.used.add(("sg", 0))
        for row in t.rows:
            for j, c in enumerate(row):
                if isinstance(c, Cell):
                    row[j] = ""
        self.used.add(("tbl", "sg"))
        self.label("blank_table", t.title, "（有数字）", "（空表）", t.tid)
        return True

    # -- a rate on a zero base (C001) -------------------------------------------
    def k_zero_base(self):
        """An item's stated budget printed as 0 while its completion rate is kept: the rate is of a 0 base (C001)."""
        sites = []
        for para in self._visible_paras():
            ps = para.pieces
            for k in range(1, len(ps) - 1):
                if (isinstance(ps[k], str) and isinstance(ps[k - 1], str) and re.search(r"预算数?为 $", ps[k - 1])
                        and re.fullmatch(r"[\d,]+\.\d\d", ps[k]) and ps[k + 1] == " 万元，"
                        and ("p", id(para), k) not in self.used):
                    comp = next((s for s in ps[k + 1:] if isinstance(s, Slot) and "completion" in s.kinds), None)
                    if comp is not None and id(comp) not in self.used and comp.value and ps[k] not in ("0.00",):
                        sites.append((para, k, comp))
        if not sites:
            return False
        para, k, comp = self.r.choice(sites)
        before = para.pieces[k]
        para.pieces[k] = "0.00"
        self.used.update({("p", id(para), k), id(comp)})
        self._lock_group(para)
        self.label("zero_base", comp.text, before, "0.00", comp.section)
        return True

    # -- a clause that contradicts itself (X064) ---------------------------------
    def k_flat_both(self):
        """A change with its figure followed by "与上年持平" in the same clause (X064)."""
        c = [s for s in self.slots("direction") if s.meta.get("word") in FLIP and s.vtype == "money"
             and s.post.strip() == "万元" and s.value]
        if not c:
            return False
        s = self.r.choice(c)
        before = s.text
        s.post = s.post + "，与上年持平"
        self.used.add(id(s))
        return self.slot_label("flat_both", s, before)
