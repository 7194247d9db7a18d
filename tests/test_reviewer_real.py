"""The rules of issue 18's families 5, 6, 8 and 10 on the shared real documents: every finding they raise there
was checked by hand (/work/coord/reviewer-findings.md); the tests pin them, and that nothing else is raised."""

from __future__ import annotations

import pytest

from juesuan.checks import check_document
from juesuan.pipeline import load_document

from conftest import SHARED, _need

SLIPS = {"X060", "X061", "X062"}


def _found(path, rules):
    doc = load_document(path)
    return doc, [f for f in check_document(doc).findings if f.rule in rules]


def test_shanghai_2024_purpose_copied(shanghai_pdf):
    # p20 l1-3: "8、住房保障支出（类）住房改革支出（款）住房公积金（项）。主要用于：事业单位医疗保险支出。" — the purpose of
    # item 7 (事业单位医疗, p19 "主要用于：事业单位医疗保险支出") copied to the 住房公积金 item.
    _, found = _found(shanghai_pdf, SLIPS)
    assert [(f.rule, f.severity, f.location.page, f.stated, f.expected) for f in found] == [
        ("X062", "warning", 20, "事业单位医疗保险支出", "住房公积金")]


@pytest.mark.parametrize("name", ["shanghai-putuo-shengtaihuanjing-2025.txt", "shanghai-putuo-wenlv-2025.txt"])
def test_2025_documents_have_no_new_slip(name):
    _, found = _found(_need(SHARED / "corpus-real" / name), SLIPS)
    assert found == []


def test_seed_and_template_have_no_new_slip(seed_path, template_pdf):
    for p in (seed_path, template_pdf):
        assert _found(p, SLIPS)[1] == []
