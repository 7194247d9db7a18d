"""Issue requirement: at least 85% of the figures in the seed's 第三部分 end inside a verified or contradicted claim.

Figures are found independently with a simple pattern (amounts, percentages, counts) over part-3 sentences.
"""

from pathlib import Path

import regex as re

from juesuan.checks import Config, check_document
from juesuan.pipeline import load_document

SEED = Path(__file__).resolve().parents[1] / "corpus" / "luoyang-xigong-2023.txt"
FIGURE = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?\s*(?:万元|元|%|个|辆|人次|台)")


def figures_checked(path) -> tuple[int, int, list]:
    """(figures inside a verified or contradicted claim, figures of 第三部分, the others as (line, text))."""
    doc = load_document(path)
    result = check_document(doc, Config())
    total = checked = 0
    unchecked = []
    for si, s in enumerate(doc.sentences):
        if s.part != 3:
            continue
        spans = [(c.span, c.status) for c in result.claims if c.sentence_index == si and c.span]
        for m in FIGURE.finditer(s.text):
            total += 1
            if any(a <= m.start() and m.end() <= b and st in ("verified", "contradicted") for (a, b), st in spans):
                checked += 1
            else:
                unchecked.append((s.line, m.group()))
    return checked, total, unchecked


def test_seed_figures_checked_share():
    checked, total, unchecked = figures_checked(SEED)
    print(f"checked {checked}/{total}; not checked: {unchecked}")
    assert total >= 150
    assert checked / total >= 0.85
