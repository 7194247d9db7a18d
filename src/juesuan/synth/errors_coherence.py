"""Plants against the document's coherence and slips: another department's or government's name, a wrong year,
a fused or template direction word, a rate without its %, a misspelt subject name."""
from __future__ import annotations

import regex as re

from . import data as D
from .errors_base import FLIP, PlantBase
from .ir import Heading, PageBreak, Para

# A 目录 line's numbering and year, which a plant leaves alone: "第四部分 ", "五、", "  3．", "2025年".
_TOC_KEEP = re.compile(r"^\s*(?:第[一二三四五六]部分\s*|[一二三四五六七八九十]{1,3}、|\d{1,2}[.．、])|\d{4}年度?")


class CoherencePlants(PlantBase):
    # -- document coherence and slips ---------------------------------------
    # A name in its own subject position: followed by its year, 部门决算, 内设机构, 概况 … (see
    # patterns/coherence.toml [name] self_after)
    _SELF = r"\s*(?:\d{4}\s*年|部门决算|内设机构|概况|共有车辆|所属)"

    def _name_sites(self, name: str) -> list[tuple[Heading | Para, int | None]]:
        """(container, index) of string pieces (or headings) where ``name`` stands as the document's subject."""
        rx = re.compile(re.escape(name) + self._SELF)
        sites: list[tuple[Heading | Para, int | None]] = []
        for b in self.doc.blocks:
            if isinstance(b, Heading) and b.level == 1 and rx.search(b.text) and ("h", id(b)) not in self.used:
                sites.append((b, None))
        for para in self._visible_paras():
            for i, piece in enumerate(para.pieces):
                if isinstance(piece, str) and rx.search(piece) and ("p", id(para), i) not in self.used:
                    sites.append((para, i))
        return sites

    def _replace_name(self, kind: str, new: str) -> bool:
        dept = self.doc.dept
        sites = self._name_sites(dept.name)
        if not sites:
            return False
        box, i = self.r.choice(sites)
        if isinstance(box, Heading):  # a heading site has no piece index
            before = box.text
            box.text = box.text.replace(dept.name, new, 1)
            self.used.add(("h", id(box)))
            self.label(kind, new, dept.name, new, box.text)
        else:
            assert i is not None  # a paragraph site names its piece
            before = box.pieces[i]
            box.pieces[i] = before.replace(dept.name, new, 1)
            self.used.add(("p", id(box), i))
            self._lock_group(box)
            self.label(kind, new, dept.name, new, "")
        return True

    def k_dept_placeholder(self):
        dept = self.doc.dept
        return self._replace_name("dept_placeholder", f"{dept.region}XX局")

    def _name_in(self, region: str, stem: str, suffix: str, party: bool) -> str:
        return f"中共{region}委{stem}{suffix}" if party else f"{region}{stem}{suffix}"

    def k_dept_other_government(self):
        dept = self.doc.dept
        regions = [r for rs in D.REGIONS.values() for r in rs if r != dept.region and r[:2] == dept.region[:2]]
        if not regions:
            return False
        return self._replace_name("dept_other_government",
                                  self._name_in(self.r.choice(regions), dept.stem, dept.suffix, dept.is_party))

    def k_dept_other_department(self):
        dept = self.doc.dept
        others = [d for d in D.DOMAINS if d[0] != dept.stem and d[3] == dept.is_party and d[1]]
        units = " ".join(getattr(dept, "units", []) or [])
        others = [d for d in others if d[0] not in units]
        if not others:
            return False
        stem, suffix, _, party = self.r.choice(others)
        return self._replace_name("dept_other_department", self._name_in(dept.region, stem, suffix, party))

    def k_year_heading(self):
        y = self.doc.dept.year
        heads = [b for b in self.doc.blocks if isinstance(b, Heading) and b.level == 1
                 and re.search(rf"{y}\s*年度", b.text) and ("h", id(b)) not in self.used]
        if not heads:
            return False
        h = self.r.choice(heads)
        y2 = y + self.r.choice([-1, 1])
        before = h.text
        h.text = re.sub(rf"{y}(\s*年度)", rf"{y2}\1", h.text, count=1)
        self.used.add(("h", id(h)))
        self.label("year_heading", h.text, before, str(y2), h.text)
        return True

    def _piece_site(self, pat: re.Pattern) -> tuple[Para, int, str, re.Match] | None:
        """A random unused text piece of a visible paragraph that ``pat`` matches: (paragraph, piece index,
        the piece, the match), or None."""
        sites = [(para, i) for para in self._visible_paras() for i, p in enumerate(para.pieces)
                 if isinstance(p, str) and pat.search(p) and ("p", id(para), i) not in self.used]
        if not sites:
            return None
        para, i = self.r.choice(sites)
        before = para.pieces[i]
        assert isinstance(before, str)
        m = pat.search(before)
        assert m is not None  # the site was chosen because it matches
        return para, i, before, m

    def _year_in_piece(self, kind: str, rx: str, old: int, new: int) -> bool:
        site = self._piece_site(re.compile(rx))
        if site is None:
            return False
        para, i, before, m = site
        seg = m.group(0)
        planted = seg.replace(str(old), str(new), 1)
        para.pieces[i] = before.replace(seg, planted, 1)
        self.used.add(("p", id(para), i))
        self._lock_group(para)
        self.label(kind, planted, seg, str(new), "")
        return True

    def k_year_in_text(self):
        """A wrong year in running text: the year-end date ("截至 2024 年 12 月 31 日", "2023 年期末") or the
        comparison year ("与 2023 年度相比", which must be the year before)."""
        y = self.doc.dept.year
        as_of = lambda: self._year_in_piece("year_in_text", rf"(?:截至\s*{y}\s*年\s*12\s*月\s*31\s*日|{y}\s*年期末)", y,
                                            y + self.r.choice([-1, 1]))
        comparison = lambda: self._year_in_piece("year_in_text", rf"(?:与|比|较)\s*{y - 1}\s*年度?\s*相比", y - 1,
                                                 self.r.choice([y - 2, y]))
        first, second = (as_of, comparison) if self.r.random() < 0.5 else (comparison, as_of)
        return first() or second()

    def _direction_slot(self):
        c = [s for s in self.slots("direction") if s.meta.get("word") in FLIP]
        return self.r.choice(c) if c else None

    def k_fused_direction(self):
        s = self._direction_slot()
        if s is None:
            return False
        w = s.meta["word"]
        before = s.text
        s.pre = s.pre.replace(w, w + FLIP[w], 1)
        self.used.add(id(s))
        return self.slot_label("fused_direction", s, before)

    def k_template_residue(self):
        s = self._direction_slot()
        if s is None:
            return False
        w = s.meta["word"]
        before = s.text
        s.pre = s.pre.replace(w, f"{w}（{FLIP[w]}）", 1)
        self.used.add(id(s))
        return self.slot_label("template_residue", s, before)

    def k_rate_no_percent(self):
        word = re.compile(r"(?:增长|下降|占)\s*$")
        c = [s for s in self.slots("growth_rate") + self.slots("share") if s.vtype == "pct" and s.post == "%"
             and word.search(s.pre) and s.value]
        if not c:
            return False
        s = self.r.choice(c)
        para = self.para_of[id(s)]  # self.slots() yields only slots of a paragraph
        k = next((j for j, p in enumerate(para.pieces) if p is s), None)
        nxt = para.pieces[k + 1] if k is not None and k + 1 < len(para.pieces) else ""
        nxt = nxt if isinstance(nxt, str) else nxt.text
        if not nxt or nxt.lstrip()[:1] not in "，。；、）)":
            return False  # "%" must be followed by punctuation to be read as a rate that lost it
        before = s.text
        s.post = ""
        self.used.add(id(s))
        return self.slot_label("rate_no_percent", s, before)

    def k_subject_name(self):
        rx = re.compile(r"（款）(?P<x>[^（）]{4,40})（项）")
        names = {v[0] for v in D.XIANG.values()}
        site = self._piece_site(rx)
        if site is None:
            return False
        para, i, before, m = site
        x = m.group("x")
        if len(x) >= 6:
            k = len(x) // 2
            variant = x[:k - 1] + x[k + 1:]          # two characters dropped inside the name
        else:
            variant = x[:-1] + ("营" if x[-1] != "营" else "务")
        if variant in names or variant in x:
            return False
        para.pieces[i] = before.replace(f"（款）{x}（项）", f"（款）{variant}（项）", 1)
        self.used.add(("p", id(para), i))
        self._lock_group(para)
        self.label("subject_name", para.pieces[i].strip(), x, variant, "")
        return True

    # -- the 目录 (X025) ----------------------------------------------------
    def _toc_paras(self) -> list[Para]:
        """The 目录's entry paragraphs: after "目 录", up to the page break."""
        out: list[Para] = []
        on = False
        for b in self.doc.blocks:
            if isinstance(b, Para) and re.fullmatch(r"目\s*录", b.text.strip()):
                on = True
            elif on and isinstance(b, PageBreak):
                break
            elif on and isinstance(b, Para) and ("p", id(b), 0) not in self.used:
                out.append(b)
        return out

    def k_toc_heading(self, rng=None):
        """A 目录 line printed with one character of its title dropped or two neighbours swapped ("第四部分 名词解释"
        → "第四部分 名词释", "三、名解词释"), the body heading as it was (X025). ``rng`` draws the site (a late round's
        own generator: the document's other draws stay as they were)."""
        r = rng or self.r
        toc = self._toc_paras()
        listed = {id(p) for p in toc}
        body = "".join(re.sub(r"\s", "", getattr(b, "text", "") or getattr(b, "title", "") or "")
                       for b in self.doc.blocks if id(b) not in listed)
        sites = []
        for para in toc:
            t = para.text
            keep = {k for m in _TOC_KEEP.finditer(t) for k in range(m.start(), m.end())}
            han = [k for k, ch in enumerate(t) if k not in keep and "\u4e00" <= ch <= "\u9fff"]
            title = re.sub(r"\s", "", _TOC_KEEP.sub("", t))
            # only an entry the body prints (a 上海 "五、部门预算表" groups the tables under no heading of its own)
            if len(han) >= 4 and (title in body or len(title) >= 6 and title[2:] in body and title[:2] in ("部门", "单位")):
                sites.append((para, han))
        if not sites:
            return False
        para, han = r.choice(sites)
        t = para.text
        k = r.choice(han[:-1])
        if r.random() < 0.5 and t[k + 1] != t[k] and k + 1 in han:
            new = t[:k] + t[k + 1] + t[k] + t[k + 2:]
        else:
            new = t[:k] + t[k + 1:]
        para.pieces = [new]
        self.used.add(("p", id(para), 0))
        self.label("toc_heading", new.strip(), t.strip(), new.strip(), "目录")
        return True

