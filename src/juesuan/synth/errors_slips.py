"""Plants of the slips a proofreader corrects (X030 shortened, X060-X062): a fused direction word with one word
shortened, a look-alike character in a fiscal term, a character dropped from a fixed phrase, an item's purpose
text copied from another item. Each changes one piece of text and labels the changed words."""
from __future__ import annotations

import regex as re

from . import data as D
from .errors_base import FLIP, PlantBase
from .ir import Para, Slot

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

    def k_lookalike(self):
        good, bad = self.r.choice(LOOKALIKES)
        return self._rewrite("lookalike", re.compile(re.escape(good)), lambda m: (bad, bad))

    def k_dropped_char(self):
        phrase = self.r.choice(PHRASES)
        k = self.r.randrange(1, len(phrase) - 1)
        variant = phrase[:k] + phrase[k + 1:]
        if any(variant in q for q in PHRASES) or variant in ("年末结转结余",):
            return False
        return self._rewrite("dropped_char", re.compile(re.escape(phrase)), lambda m: (variant, variant))

    def k_purpose_copied(self):
        """An item heading "…（款）住房公积金（项）。" given the purpose of another item (X062)."""
        rx = re.compile(r"（款）(?P<x>[^（）]{2,40})（项）。$")
        sites = [(p, i) for p, i in self._text_sites(rx) if isinstance(p.pieces[i], str)]
        self.r.shuffle(sites)
        for para, i in sites:
            m = rx.search(para.pieces[i])
            assert m is not None
            own = next((k for k in D.PURPOSES if re.search(k, m.group("x"))), None)
            if own is None:
                continue
            foreign = self.r.choice([v for k, v in D.PURPOSES.items() if k != own])
            return self._rewrite("purpose_copied", rx, lambda mm, f=foreign: (
                f"（款）{mm.group('x')}（项），主要用于{f}。", f"主要用于{f}"), site=(para, i))
        return False
