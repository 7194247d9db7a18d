"""Claims of the seed: verbatim spans, locations, subject resolution, speed, rendering."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
import regex as re

from juesuan.claims import KINDS, extract_claims
from juesuan.pipeline import load_document
from juesuan.report.claims import render_claims

SEED = Path(__file__).resolve().parent.parent / "corpus" / "luoyang-xigong-2023.txt"


@pytest.fixture(scope="module")
def seed():
    doc = load_document(SEED)
    return doc, extract_claims(doc)


def _sq(s):
    return re.sub(r"\s+", "", s)


def test_spans_are_verbatim(seed):
    doc, claims = seed
    assert len(claims) > 120
    for c in claims:
        assert c.kind in KINDS
        s = doc.sentences[c.sentence_index]
        a, b = c.span
        assert s.text[a:b] == c.text
        assert _sq(c.text) in _sq(s.text)
        assert c.line == s.locate(a)[0]


def test_spans_locate_to_source_lines(seed):
    doc, claims = seed
    lines = SEED.read_text(encoding="utf-8").splitlines()
    for c in claims:
        # the first characters of the span are on the claimed source line
        head = _sq(c.text)[:2]
        assert head in _sq(lines[c.line - 1]) or head[:1] in _sq(lines[c.line - 1]), (c.line, c.text)


def test_document_order(seed):
    _, claims = seed
    keys = [(c.sentence_index, c.span.start) for c in claims]
    assert keys == sorted(keys)


def test_nine_items_resolve_to_codes(seed):
    _, claims = seed
    items = [c for c in claims if c.kind == "completion" and "（项）" in (c.subject or "")]
    codes = [c.ref.code for c in items]
    assert codes == ["2010301", "2010302", "2010350", "2011308", "2080502", "2080505", "2101101", "2101102", "2210201"]
    assert all(c.ref.table == "gpb_expense" for c in items)
    assert all(c.subject_from == "heading" for c in items)


def test_class_level_and_group_subjects(seed):
    _, claims = seed
    by = {}
    for c in claims:
        if c.ref:
            by.setdefault((c.kind, c.subject), c.ref)
    assert by[("amount", "一般公共服务支出（类）")].code == "201"
    assert by[("amount", "人员经费")].table == "gpb_basic" and by[("amount", "人员经费")].row == "人员经费"
    assert by[("amount", "公用经费")].row == "公用经费"
    assert by[("list", "公用经费")].row == "公用经费"


def test_totals_resolve(seed):
    _, claims = seed
    by = {(c.kind, c.subject): c.ref for c in claims if c.ref}
    assert by[("amount", "收、支总计")].table == "income_expense_total"
    assert by[("amount", "收入合计")].row == "本年收入合计"
    assert by[("amount", "支出合计")].row == "本年支出合计"
    assert by[("amount", "财政拨款收入")].column == "财政拨款收入"
    assert by[("amount", "一般公共预算财政拨款支出")].table == "gpb_expense"
    assert by[("amount", "基本支出")].column == "基本支出"
    assert by[("completion", "政府性基金预算财政拨款支出")].table == "fund"
    assert by[("completion", "因公出国（境）费")].column == "决算数|因公出国（境）费"
    assert by[("score", "党建经费支出项目")].row == "党建经费"


def test_no_ref_has_a_reason(seed):
    _, claims = seed
    for c in claims:
        assert c.ref is not None or c.ref_reason, c
    org = [c for c in claims if c.subject == "机关运行经费" and c.kind != "reason"]
    assert org and all(c.ref is None and "机关运行经费" in str(c.ref_reason) for c in org)
    assert all("机关运行经费" in c.ref_reason.render("en") for c in org)


def test_reasons_explain_something(seed):
    _, claims = seed
    reasons = [c for c in claims if c.kind == "reason"]
    assert len(reasons) >= 15
    linked = [c for c in reasons if c.about is not None]
    assert len(linked) >= len(reasons) - 1
    for c in linked:
        assert claims[c.about].kind in ("change", "completion")


def test_speed(seed):
    doc, _ = seed
    t = time.perf_counter()
    extract_claims(doc)
    assert time.perf_counter() - t < 0.3


def test_render(seed):
    doc, claims = seed
    table = render_claims(doc, claims, "table")
    assert "gpb_expense[2010301]" in table
    data = json.loads(render_claims(doc, claims, "json"))
    assert len(data) == len(claims)
    first = data[0]
    for key in ("kind", "subject", "text", "line", "page", "part", "section", "values", "basis", "direction",
                "polarity", "items", "qualifier", "ref", "ref_reason"):
        assert key in first
