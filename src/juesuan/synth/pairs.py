"""Consecutive-year pairs: last year's and this year's 决算 of one department, for the year-over-year check.

This year's department is drawn as usual (``draw_department(seed)``); last year's is another draw given the
same name and ``year − 1``. This year's previous-year comparison values (``Department.prev`` and the 三公
items' ``Sangong.prev``) are then taken from last year's tables, so every 与上年相比 sentence of this year's
document is true against last year's document. ``flip=True`` plants the error only last year's document
can reveal: one change clause's amount word and rate word flipped together (增加→减少 and 增长→下降).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from itertools import pairwise

from .errors import FLIP, inject
from .ir import Para, Slot
from .model import Department, draw_department
from .render import build_doc, draw_options

PREV_SEED = 1_000_003


@dataclass
class GeneratedPair:
    previous: bytes
    current: bytes
    labels: dict  # the current document's labels (planted: the flip, if any)
    name: str


def _previous_of(cur: Department, style: str) -> Department:
    p = draw_department(cur.seed + PREV_SEED, style)
    p.region, p.stem, p.suffix, p.is_party = cur.region, cur.stem, cur.suffix, cur.is_party
    p.units, p.inner_depts, p.duties, p.fields = cur.units, cur.inner_depts, cur.duties, cur.fields
    p.year = cur.year - 1
    return p


def _link(cur: Department, prev: Department) -> None:
    """This year's comparison values := last year's figures as printed in last year's tables."""
    cur.prev = dict(cur.prev)
    cur.prev.update({
        "grand_total": prev.grand_total, "fis_total": prev.fis_total, "gpb_exp": prev.gpb_exp,
        "basic": prev.gpb_basic, "personnel": prev.personnel, "public": prev.public,
        "sangong": sum(prev.sangong.actual.values()), "jiguan": prev.jiguan,
    })
    cur.sangong.prev = dict(prev.sangong.actual)


def _flip_pair(doc, rng: random.Random) -> dict | None:
    """Flip the amount word and the rate word of one change clause together."""
    cands = []
    for b in doc.blocks:
        if not isinstance(b, Para) or b.hidden:
            continue
        slots = [p for p in b.pieces if isinstance(p, Slot) and "direction" in p.kinds]
        for a, r in pairwise(slots):
            if a.meta.get("word") in ("增加", "减少") and r.meta.get("word") in ("增长", "下降") and \
                    a.meta.get("cur") == r.meta.get("cur") and a.meta.get("prev") == r.meta.get("prev"):
                cands.append((a, r))
    if not cands:
        return None
    a, r = rng.choice(cands)
    before = a.text + "，" + r.text
    for s in (a, r):
        w = s.meta["word"]
        s.pre = s.pre.replace(w, FLIP[w], 1)
    return {"kind": "direction_pair", "group": "year_over_year", "text": a.text, "rate_text": r.text,
            "original": before, "planted": a.text + "，" + r.text, "section": a.section}


def generate_pair(seed: int, style: str = "henan", fmt: str = "txt", flip: bool = False) -> GeneratedPair:
    from .writers import to_docx, to_pdf, to_txt

    writer = {"txt": to_txt, "pdf": to_pdf, "docx": to_docx}[fmt]
    cur = draw_department(seed, style)
    prev = _previous_of(cur, style)
    _link(cur, prev)
    out = {}
    for tag, dept in (("prev", prev), ("cur", cur)):
        rng = random.Random(f"pair-render-{seed}-{style}-{fmt}-{tag}")
        doc = build_doc(dept, draw_options(rng, style, fmt), rng)
        planted = []
        if tag == "cur" and flip:
            lab = _flip_pair(doc, random.Random(f"pair-flip-{seed}"))
            if lab:
                planted.append(lab)
        out[tag] = (writer(doc, random.Random(f"pair-write-{seed}-{tag}")), planted)
    labels = {"seed": seed, "style": style, "format": fmt, "department": cur.name, "year": cur.year,
              "previous_year": prev.year, "planted": out["cur"][1]}
    return GeneratedPair(out["prev"][0], out["cur"][0], labels, f"pair_{seed:05d}_{style}")


__all__ = ["GeneratedPair", "generate_pair", "inject"]
