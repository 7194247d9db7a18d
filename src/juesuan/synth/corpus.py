"""Public entry points: generate one labelled document, or write a whole corpus."""
from __future__ import annotations

import json
import random
from dataclasses import dataclass
from pathlib import Path

from .errors import inject
from .model import draw_department
from .render import build_doc, draw_options
from .writers import to_docx, to_pdf, to_txt

STYLES = ("henan", "shanghai")
FORMATS = ("txt", "pdf")
ALL_FORMATS = ("txt", "pdf", "docx")  # write_corpus cycles FORMATS unless told otherwise


@dataclass
class GeneratedDoc:
    content: bytes
    labels: dict
    name: str = ""


def generate(seed: int, style: str = "henan", fmt: str = "txt", n_errors: int | None = None) -> GeneratedDoc:
    """Render department ``seed`` in ``style`` (henan|shanghai) as ``fmt`` (txt|pdf|docx) with planted errors.

    ``n_errors=None`` draws 0–3 errors (about a third of documents are clean).
    """
    if style not in STYLES or fmt not in ALL_FORMATS:
        raise ValueError(f"style must be one of {STYLES}, fmt one of {ALL_FORMATS}")
    dept = draw_department(seed, style)
    rng = random.Random(f"render-{seed}-{style}-{fmt}")
    opts = draw_options(rng, style, fmt)
    doc = build_doc(dept, opts, rng)
    erng = random.Random(f"errors-{seed}-{style}-{fmt}")
    n = erng.choice([0, 0, 1, 1, 2, 3]) if n_errors is None else n_errors
    planted = inject(doc, erng, n)
    wrng = random.Random(f"write-{seed}-{style}-{fmt}")
    writer = {"txt": to_txt, "pdf": to_pdf, "docx": to_docx}[fmt]
    content = writer(doc, wrng)
    labels = {"seed": seed, "style": style, "format": fmt, "department": dept.name, "year": dept.year,
              "options": {"thousands": opts.thousands, "unit_yuan": opts.yuan, "split_codes": opts.split_codes,
                          "wrapped_names": opts.wrap_names, "econ_split": opts.econ_split},
              "planted": planted}
    return GeneratedDoc(content, labels, f"synth_{seed:05d}_{style}")


def write_corpus(out_dir, n: int, start_seed: int = 0, n_errors: int | None = None,
                 formats: tuple[str, ...] = FORMATS) -> list[Path]:
    """Write ``n`` documents (cycling styles × ``formats``) plus ``<name>.labels.json`` files."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    bad = [f for f in formats if f not in ALL_FORMATS]
    if bad or not formats:
        raise ValueError(f"formats must be among {ALL_FORMATS}, not {bad or formats}")
    combos = [(s, f) for f in formats for s in STYLES]
    paths = []
    for k in range(n):
        seed = start_seed + k
        style, fmt = combos[k % len(combos)]
        g = generate(seed, style, fmt, n_errors)
        p = out / f"{g.name}.{fmt}"
        p.write_bytes(g.content)
        (out / f"{g.name}.labels.json").write_text(json.dumps(g.labels, ensure_ascii=False, indent=1),
                                                    encoding="utf-8")
        paths.append(p)
    return paths
