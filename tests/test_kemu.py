"""The 科目 catalogue (patterns/kemu.toml) against every code/name pair printed in the shared documents: each pair
agrees with the catalogue, or X063 reports it, or the same code prints the official name in another table of the
document (the pair is a wrapped or interleaved cell of a text row, e.g. "险机缴关费事支业出单位职业年金缴")."""

from __future__ import annotations

from collections import Counter

import pytest
from conftest import SHARED

from juesuan.checks import check_document
from juesuan.checks.kemu_catalogue import CODED, catalogue, verdict
from juesuan.pipeline import load_document

DOCS = sorted([*(SHARED / "seeds").glob("*.txt"), *(SHARED / "corpus-real").glob("*.pdf"),
               *(SHARED / "corpus-real").glob("*.txt")])


def test_catalogue_size_and_sources():
    cat = catalogue()
    src = Counter(k.src for k in cat.values())
    assert len(cat) >= 250 and src["shared"] >= 150 and src["catalogue"] >= 90 and src["budget"] >= 10
    assert set(src) == {"shared", "catalogue", "budget"}
    assert cat["207"].name == "文化旅游体育与传媒支出" and "文化体育与传媒支出" in cat["207"].former
    assert all(len(c) in (3, 5, 7) and c.isdigit() for c in cat)


def test_verdicts():
    assert verdict("2101101", "行政单位医疗", 2024) == "ok"
    assert verdict("2101101", "事业单位医疗", 2024) == "wrong"
    assert verdict("207", "文化体育与传媒支出", 2023) == "former"
    assert verdict("207", "文化体育与传媒支出", 2017) == "ok"
    assert verdict("2080505", "机关事业单位基本养老保", 2025) == "fragment"
    assert verdict("9999999", "随便", 2025) == "unknown"
    assert verdict("20805", "行政事业单位离退休", 2018) == "ok"  # its name until 2018
    assert verdict("30311", "住房公积金", 2017) == "unknown"  # the 2017 经济分类 (30311 住房公积金 then)
    assert verdict("30311", "住房公积金", 2024) == "wrong"


@pytest.mark.skipif(not DOCS, reason="shared documents absent")
@pytest.mark.parametrize("path", DOCS, ids=lambda p: p.name)
def test_every_printed_pair_agrees_or_is_reported(path):
    doc = load_document(path)
    reported = {f.stated for f in check_document(doc).findings if f.rule == "X063"}
    pairs = [(r.code, r.name) for t in doc.tables if t.kind in CODED for r in t.rows
             if r.code and r.code.isdigit() and r.name]
    assert pairs, "no coded rows read"
    ok_codes = {c for c, n in pairs if verdict(c, n, doc.year) == "ok"}
    for code, name in pairs:
        v = verdict(code, name, doc.year)
        assert v != "unknown", (code, name)  # every printed code is in the catalogue
        assert v == "ok" or code in ok_codes or name in reported, (code, name, v)
