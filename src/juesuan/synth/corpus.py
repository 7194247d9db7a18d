"""Public entry points: generate one labelled document, or write a whole corpus."""
from __future__ import annotations

import json
import random
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .budget_model import BUDGET_STYLES, JS_BUDGET, draw_budget
from .errors import KINDS, inject
from .errors_budget import BUDGET_KINDS, TOC_KINDS, inject_budget
from .model import draw_department
from .render import build_doc, draw_options
from .render_regional import REGIONAL_STYLES
from .writers import to_docx, to_pdf, to_txt

STYLES = ("henan", "shanghai")            # 决算 (the default corpus: --kind final)
REGIONAL = REGIONAL_STYLES                 # 决算 of the 四川 13-table and 云南 11-table sets
BUDGET = BUDGET_STYLES                     # 预算: 上海 district family, 江苏 provincial family
ALL_STYLES = STYLES + REGIONAL + BUDGET
# --kind final is the corpus of before (河南, 上海) byte for byte; the regional 决算 sets come with mixed
KINDS_OF_CORPUS = {"final": STYLES, "budget": BUDGET, "mixed": ALL_STYLES}
FORMATS = ("txt", "pdf")
ALL_FORMATS = ("txt", "pdf", "docx")  # write_corpus cycles FORMATS unless told otherwise
PLANT_KINDS = tuple(KINDS) + tuple(k for k in (*BUDGET_KINDS, *TOC_KINDS) if k not in KINDS)  # what --plant may name


@dataclass
class GeneratedDoc:
    content: bytes
    labels: dict
    name: str = ""


def generate(seed: int, style: str = "henan", fmt: str = "txt", n_errors: int | None = None,
             plant: Sequence[str] | None = None) -> GeneratedDoc:
    """Render department ``seed`` in ``style`` (henan|shanghai) as ``fmt`` (txt|pdf|docx) with planted errors.

    ``n_errors=None`` draws 0–3 errors (about a third of documents are clean). ``plant`` (plant kinds) puts exactly
    one plant of one of those kinds instead (none where none applies); the document itself is rendered the same.
    """
    if style in BUDGET:
        return generate_budget(seed, style, fmt, n_errors, plant)
    if style in REGIONAL:
        return generate_regional(seed, style, fmt, n_errors, plant)
    if style not in STYLES or fmt not in ALL_FORMATS:
        raise ValueError(f"style must be one of {ALL_STYLES}, fmt one of {ALL_FORMATS}")
    dept = draw_department(seed, style)
    rng = random.Random(f"render-{seed}-{style}-{fmt}")
    opts = draw_options(rng, style, fmt)
    doc = build_doc(dept, opts, rng)
    erng = random.Random(f"errors-{seed}-{style}-{fmt}")
    n = erng.choice([0, 0, 1, 1, 2, 3]) if n_errors is None else n_errors
    planted = inject(doc, erng, n, plant)
    wrng = random.Random(f"write-{seed}-{style}-{fmt}")
    writer = {"txt": to_txt, "pdf": to_pdf, "docx": to_docx}[fmt]
    content = writer(doc, wrng)
    labels = {"seed": seed, "style": style, "format": fmt, "department": dept.name, "year": dept.year,
              "options": {"thousands": opts.thousands, "unit_yuan": opts.yuan, "split_codes": opts.split_codes,
                          "wrapped_names": opts.wrap_names, "econ_split": opts.econ_split},
              "planted": planted, **_chosen(plant)}
    return GeneratedDoc(content, labels, f"synth_{seed:05d}_{style}")


def _chosen(plant: Sequence[str] | None) -> dict:
    """The labels' record of ``--plant`` (nothing without it: the sidecars of before stay byte for byte)."""
    return {"plant_kinds": list(plant)} if plant else {}


def generate_regional(seed: int, style: str, fmt: str = "txt", n_errors: int | None = None,
                      plant: Sequence[str] | None = None) -> GeneratedDoc:
    """Render department ``seed`` as a 决算 of the 四川 (sichuan) or 云南 (yunnan) table set (see
    :mod:`.render_regional`)."""
    from dataclasses import replace

    from .render_regional import REGIONS_OF, RegionalBuilder

    if fmt not in ALL_FORMATS:
        raise ValueError(f"fmt must be one of {ALL_FORMATS}")
    base = draw_department(seed, "henan")
    region = random.Random(f"region-{seed}-{style}").choice(REGIONS_OF[style])
    short = base.region[base.region.find("市") + 1:]
    dept = replace(base, region=region, units=[u.replace(short, region, 1) for u in base.units])
    rng = random.Random(f"render-{seed}-{style}-{fmt}")
    opts = draw_options(rng, "henan", fmt)
    opts.style = style
    doc = RegionalBuilder(dept, opts, rng, style).build()
    erng = random.Random(f"errors-{seed}-{style}-{fmt}")
    n = erng.choice([0, 0, 1, 1, 2, 3]) if n_errors is None else n_errors
    planted = inject(doc, erng, n, plant)
    wrng = random.Random(f"write-{seed}-{style}-{fmt}")
    content = {"txt": to_txt, "pdf": to_pdf, "docx": to_docx}[fmt](doc, wrng)
    labels = {"seed": seed, "style": style, "format": fmt, "kind": "决算", "department": dept.name, "year": dept.year,
              "options": {"thousands": opts.thousands, "unit_yuan": opts.yuan, "split_codes": opts.split_codes,
                          "tables": len(doc.tables) - ("perf" in doc.tables)},
              "planted": planted, **_chosen(plant)}
    return GeneratedDoc(content, labels, f"synth_{seed:05d}_{style}")


def generate_budget(seed: int, family: str, fmt: str = "txt", n_errors: int | None = None,
                    plant: Sequence[str] | None = None) -> GeneratedDoc:
    """Render budget ``seed`` of ``family`` (sh-budget | js-budget) as ``fmt`` with planted errors (see
    :func:`generate`)."""
    from .render_budget import draw_budget_options
    from .render_budget_js import JiangsuBudget
    from .render_budget_sh import ShanghaiBudget

    if fmt not in ALL_FORMATS:
        raise ValueError(f"fmt must be one of {ALL_FORMATS}")
    b = draw_budget(seed, family)
    rng = random.Random(f"render-{seed}-{family}-{fmt}")
    opts = draw_budget_options(rng, family, fmt)
    builder = (JiangsuBudget if family == JS_BUDGET else ShanghaiBudget)(b, opts, rng)
    doc = builder.build()
    erng = random.Random(f"errors-{seed}-{family}-{fmt}")
    n = erng.choice([0, 0, 1, 1, 2, 3]) if n_errors is None else n_errors
    planted = inject_budget(doc, erng, n, plant)
    wrng = random.Random(f"write-{seed}-{family}-{fmt}")
    content = {"txt": to_txt, "pdf": to_pdf, "docx": to_docx}[fmt](doc, wrng)
    labels = {"seed": seed, "style": family, "format": fmt, "kind": "预算", "department": b.name, "year": b.year,
              "options": {"thousands": opts.thousands, "unit_yuan": opts.yuan, "split_codes": opts.split_codes,
                          "unit_budget": getattr(builder, "unit", False)},
              "planted": planted, **_chosen(plant)}
    return GeneratedDoc(content, labels, f"synth_{seed:05d}_{family}")


def write_corpus(out_dir, n: int, start_seed: int = 0, n_errors: int | None = None,
                 formats: tuple[str, ...] = FORMATS, kind: str = "final",
                 plant: Sequence[str] | None = None) -> list[Path]:
    """Write ``n`` documents (cycling the styles of ``kind`` × ``formats``) plus ``<name>.labels.json`` files.

    ``kind`` final: the 决算 styles (the corpus of before 预算 existed, byte for byte); budget: the two 预算
    families; mixed: all of them. ``plant``: one plant per document, of one of these kinds (see :func:`generate`)."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    bad = [f for f in formats if f not in ALL_FORMATS]
    if bad or not formats:
        raise ValueError(f"formats must be among {ALL_FORMATS}, not {bad or formats}")
    if kind not in KINDS_OF_CORPUS:
        raise ValueError(f"kind must be one of {tuple(KINDS_OF_CORPUS)}, not {kind!r}")
    unknown = sorted(set(plant or ()) - set(PLANT_KINDS))
    if unknown:
        raise ValueError(f"plant kinds must be among {PLANT_KINDS}, not {unknown}")
    combos = [(s, f) for f in formats for s in KINDS_OF_CORPUS[kind]]
    paths = []
    for k in range(n):
        seed = start_seed + k
        style, fmt = combos[k % len(combos)]
        g = generate(seed, style, fmt, n_errors, plant)
        p = out / f"{g.name}.{fmt}"
        p.write_bytes(g.content)
        (out / f"{g.name}.labels.json").write_text(json.dumps(g.labels, ensure_ascii=False, indent=1),
                                                    encoding="utf-8")
        paths.append(p)
    return paths
