"""The 科目 catalogue (patterns/kemu.toml) against every code/name pair printed in the shared documents (seeds,
corpus-real, and the 预算 documents of corpus-budget: js-shengweiban-2017.pdf read with its tables file): each pair
agrees with the catalogue, or X063 reports it (a table whose codes follow another scheme: one info for the table),
or the same code prints the official name in another table of the document (the pair is a wrapped or interleaved
cell of a text row, e.g. "险机缴关费事支业出单位职业年金缴"). A 2017 document's 经济分类 codes are not judged: the
catalogue holds the 2018 revision (``[economic_meta] valid_from``)."""

from __future__ import annotations

from collections import Counter

import pytest
from conftest import SHARED

from juesuan.checks import check_document
from juesuan.checks.kemu_catalogue import CODED, catalogue, verdict
from juesuan.pipeline import load_document

DOCS = sorted([*(SHARED / "seeds").glob("*.txt"), *(SHARED / "corpus-real").glob("*.pdf"),
               *(SHARED / "corpus-real").glob("*.txt")])
BUDGET = sorted(p for p in (SHARED / "corpus-budget").glob("*.pdf") if not p.stem.endswith("-tables"))


def _tables_file(path):
    """The tables published apart from the narrative (js-shengweiban-2017.pdf: js-shengweiban-2017-tables.pdf)."""
    other = path.with_name(f"{path.stem}-tables{path.suffix}")
    return other if other.exists() else None


def test_catalogue_size_and_sources():
    cat = catalogue()
    src = Counter(k.src for k in cat.values())
    assert len(cat) >= 250 and src["shared"] >= 150 and src["catalogue"] >= 90 and src["budget"] >= 25
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


@pytest.mark.skipif(not DOCS + BUDGET, reason="shared documents absent")
@pytest.mark.parametrize("path", DOCS + BUDGET, ids=lambda p: p.name)
def test_every_printed_pair_agrees_or_is_reported(path):
    doc = load_document(path, with_=_tables_file(path))
    x063 = [f for f in check_document(doc).findings if f.rule == "X063"]
    reported = {f.stated for f in x063}
    apart = {m.params["table"] for f in x063 if (m := f.msg) is not None and m.key == "rule.X063.other_scheme"}
    pairs = [(r.code, r.name, t.label) for t in doc.tables if t.kind in CODED for r in t.rows
             if r.code and r.code.isdigit() and r.name]
    assert pairs, "no coded rows read"
    ok_codes = {c for c, n, _ in pairs if verdict(c, n, doc.year) == "ok"}
    econ_from = catalogue()["301"].valid_from or 0
    for code, name, label in pairs:
        v = verdict(code, name, doc.year)
        if code.startswith("3") and doc.year is not None and doc.year < econ_from:
            assert v == "unknown"  # a 2017 经济分类 code: the catalogue holds the 2018 revision, it judges none
            continue
        assert v != "unknown" or label in apart, (code, name)  # every printed code is in the catalogue
        assert v == "ok" or code in ok_codes or name in reported or label in apart, (code, name, v)
