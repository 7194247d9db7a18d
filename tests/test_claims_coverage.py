"""Coverage: every figure of 第三部分 (amounts in 万元, percentages, counts) lies inside some claim's span.

The figures are found here with a simple regex of this test's own, independent of the extractor.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import regex as re

from juesuan.claims import extract_claims
from juesuan.pipeline import load_document

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "corpus" / "luoyang-xigong-2023.txt"
SHANGHAI = ROOT.parent / "shared" / "corpus-real" / "shanghai-putuo-shehuigongzuobu-2024.pdf"

FIGURE = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?\s*(?:万元|%|个|辆|人次|台)")


def coverage(doc, part_names=None):
    claims = extract_claims(doc)
    spans: dict[int, list[tuple[int, int]]] = {}
    for c in claims:
        a, b = c.span
        spans.setdefault(c.sentence_index, []).append((a, b))
    total, missed = 0, []
    for i, s in enumerate(doc.sentences):
        if s.part != 3 or (part_names and s.paragraph.part_name not in part_names):
            continue
        for m in FIGURE.finditer(s.text):
            total += 1
            if not any(a <= m.start() and m.end() <= b for a, b in spans.get(i, [])):
                missed.append((s.line, m.group(0), s.text))
    return total, missed


def _report(name, total, missed):
    print(f"\n{name}: {total - len(missed)}/{total} figures covered ({(total - len(missed)) / max(total, 1):.1%})")
    for line, fig, text in missed:
        print(f"  uncovered line {line}: {fig!r} in {text[:80]}")


def test_seed_coverage():
    doc = load_document(SEED)
    total, missed = coverage(doc)
    _report("seed 第三部分 (+ 部门整体绩效自评)", total, missed)
    assert total > 100
    assert (total - len(missed)) / total >= 0.95


def _shanghai_doc(tmp_path):
    from juesuan.errors import InputError

    if not SHANGHAI.exists():
        pytest.skip("../shared corpus absent")
    try:
        return load_document(SHANGHAI), "pdf"
    except InputError:
        # PDF reading not available yet: measure on pdfplumber's page text read as a text document
        pdfplumber = pytest.importorskip("pdfplumber")
        with pdfplumber.open(SHANGHAI) as pdf:
            text = "\n".join(p.extract_text() or "" for p in pdf.pages)
        p = tmp_path / "shanghai.txt"
        p.write_text(text, encoding="utf-8")
        try:
            return load_document(p), "pdfplumber text"
        except InputError as exc:  # pragma: no cover
            pytest.skip(f"Shanghai text not readable: {exc}")


def test_shanghai_coverage(tmp_path):
    doc, how = _shanghai_doc(tmp_path)
    total, missed = coverage(doc)
    _report(f"Shanghai 第三部分 (via {how})", total, missed)
    assert total > 0
