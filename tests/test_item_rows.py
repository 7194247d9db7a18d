"""Issue 18, family 1 on the shared real 决算 documents: every numbered 科目 item is tied to its table row (or listed
unverifiable with its reason), and X065 raises nothing there (checked by hand: every item's printed 类/款/项 path is
the row's, or a short form inside it)."""

from __future__ import annotations

import pytest

from juesuan.checks import check_document
from juesuan.claims import item_tie
from juesuan.pipeline import load_document

from conftest import SHARED, _need


def _items(path):
    doc = load_document(path)
    report = check_document(doc)
    items: dict[tuple, list] = {}
    for c in report.claims:
        p = item_tie.path(c.subject or "")
        if c.kind != "reason" and p is not None and len(p) >= 2:
            items.setdefault((item_tie.squash(c.subject or ""), c.section), []).append(c)
    return items, [f for f in report.findings if f.rule == "X065"]


# (document, items, tied): an item is a 类/款/项 path stated in a section; tied when a claim of it has its row
@pytest.mark.parametrize("name,n,tied", [
    ("seeds/000_40e5361bbb16af1b.txt", 9, 9),
    ("corpus-real/shanghai-putuo-shehuigongzuobu-2024.pdf", 9, 9),
    ("corpus-real/shanghai-putuo-shengtaihuanjing-2025.txt", 20, 20),
    ("corpus-real/shanghai-putuo-wenlv-2025.txt", 26, 26),
])
def test_every_item_tied(name, n, tied):
    items, x065 = _items(_need(SHARED / name))
    got = sum(1 for cs in items.values() if any(c.ref is not None for c in cs))
    assert (len(items), got) == (n, tied)
    for cs in items.values():  # an item not tied says why
        if all(c.ref is None for c in cs):
            assert all(c.ref_reason for c in cs)
    assert x065 == []


def test_procurement_double_count_shanghai_2024(shanghai_pdf):
    # p22 l.1-9: 政府采购金额（以合同签订为准）21.07 万元; in the projects reserved for SMEs, SMEs won 21.07 (the whole
    # total); "在其他政府采购项目中，由中小企业供应商中标或成交的，采购金额 21.07 万元": 21.07 + 21.07 = 42.14 > 21.07.
    doc = load_document(shanghai_pdf)
    found = [f for f in check_document(doc).findings if f.rule == "X066"]
    assert [(f.severity, f.location.page, f.stated) for f in found] == [("warning", 22, "21.07万元")]


@pytest.mark.parametrize("name", ["corpus-real/shanghai-putuo-shengtaihuanjing-2025.txt",
                                  "corpus-real/shanghai-putuo-wenlv-2025.txt"])
def test_procurement_no_double_count(name):
    # 生态环境 2025: 372.34 reserved of 372.34, others 0; 文旅 2025: 1913.49 reserved of 7571.90, others 0
    doc = load_document(_need(SHARED / name))
    assert [f for f in check_document(doc).findings if f.rule == "X066"] == []


def test_fund_rows_placed_by_their_own_identity_wenlv_2025():
    # l.419-431: the 合计 row's 支出 figures ran into the header words ("合计 0 2002.80 合计 基本支出 项目支出 0"), so
    # the table as a whole has no placement; each item row "0 2.80 2.80 2.80 0" under 年初 | 收入 | 支出合计 | 基本 |
    # 项目 | 年末 still puts 0 in 年初 and 2.80 in 收入 and 支出合计 by 支出合计 = 基本 + 项目, whichever of the last
    # three is blank; the narrative's "支出决算为 2.80 万元" / "2000.00 万元" (l.645, l.649) are then verified.
    from decimal import Decimal

    doc = load_document(_need(SHARED / "corpus-real/shanghai-putuo-wenlv-2025.txt"))
    t = doc.table("fund")
    row = t.find(code="2070904")
    assert row.partial and row.extra["agreed"] == {"年初结转和结余": Decimal("0"), "本年收入": Decimal("2.80"),
                                                   "本年支出合计": Decimal("2.80")}
    report = check_document(doc)
    items = [c for c in report.judged if c.kind == "completion" and c.ref is not None and c.ref.table == "fund"]
    assert [(c.ref.code, c.status) for c in items] == [("2070904", "verified"), ("2121999", "verified")]
