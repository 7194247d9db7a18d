"""Generated 预算 documents of both families are read as 预算, with their tables parsed (cell by cell where the
figures are known), as the published ones are."""
from __future__ import annotations

from decimal import Decimal

import pytest

from juesuan.document import parse_document
from juesuan.ingest import read
from juesuan.pipeline import load_document
from juesuan.synth.budget_model import draw_budget
from juesuan.synth.corpus import generate

SH_TABLES = {"income_expense_total", "income", "expense", "fiscal_total", "gpb_expense", "fund", "soe", "gpb_basic",
             "sangong"}
JS_TABLES = {"income_expense_total", "income_sources", "fiscal_total", "fiscal_expense", "gpb_expense",
             "fiscal_basic", "gpb_basic", "fund", "org_running", "procurement"}


def _read(tmp_path, seed, style, fmt):
    g = generate(seed, style, fmt, n_errors=0)
    p = tmp_path / f"{g.name}.{fmt}"
    p.write_bytes(g.content)
    return load_document(p)


def _wan(v: int) -> Decimal:
    return Decimal(v) / 100


@pytest.mark.parametrize("fmt", ["pdf"])
def test_shanghai_budget_read(tmp_path, fmt):
    for seed in (0, 4):
        doc = _read(tmp_path, seed, "sh-budget", fmt)
        assert doc.kind == "预算"
        assert SH_TABLES <= {t.kind for t in doc.tables}


@pytest.mark.parametrize("fmt", ["txt", "docx"])
def test_shanghai_budget_read_without_pages(tmp_path, fmt):
    """synth-misses.md #1: without pages the 目录 (nine table titles, no 第X部分) ends at its last entry or wrapped
    tail ("7．…预算" / "表"), so every table and the 编制说明 after it are read."""
    doc = _read(tmp_path, 0, "sh-budget", fmt)
    assert doc.kind == "预算"
    assert SH_TABLES <= {t.kind for t in doc.tables}
    assert any(p.number == 3 for p in doc.parts) and doc.narrative()


def test_toc_without_pages_ends_at_first_non_entry(tmp_path):
    """The pdftotext layout of a 上海 预算's 目录 (as sh-putuo-shangwu-2025.pdf prints it): entries "一、…",
    "1. 2025年…"; the first line after them opens the document."""
    lines = ["上海市普陀区2025年区级部门预算", "目   录", "一、部门主要职能", "四、部门预算编制说明", "五、部门预算表",
             "  1. 2025年部门财务收支预算总表", "  7．2025年部门国有资本经营预算支出功能分类预算", "表",
             "六、其他相关情况说明", "上海市普陀区某某委员会主要职能", "某某委员会是区政府工作部门。",
             "2025年部门预算编制说明", "2025年，某某委员会收入预算1,234.56万元。"]
    p = tmp_path / "toc.txt"
    p.write_text("\n".join(lines), encoding="utf-8")
    doc = parse_document(read(p))
    assert [(x.number, x.title) for x in doc.parts] == [(1, "上海市普陀区某某委员会主要职能"), (3, "2025年部门预算编制说明")]


@pytest.mark.parametrize("fmt", ["txt", "pdf", "docx"])
def test_jiangsu_budget_read(tmp_path, fmt):
    doc = _read(tmp_path, 4, "js-budget", fmt)
    assert doc.kind == "预算"
    assert JS_TABLES <= {t.kind for t in doc.tables}


def test_jiangsu_function_table_cell_by_cell(tmp_path):
    """公开05表 财政拨款支出预算表: every 项 row's 金额 is the budget's 财政拨款 figure of that 科目."""
    b = draw_budget(4, "js-budget")
    doc = _read(tmp_path, 4, "js-budget", "pdf")
    t = doc.table("fiscal_expense")
    assert t is not None
    got = {r.code: [v for v in r.values.values() if v is not None] for r in t.rows if len(r.code) == 7}
    assert got == {x.code: [_wan(x.fis)] for x in b.items if x.fis}


def test_shanghai_expense_table_cell_by_cell(tmp_path):
    """2024年部门支出预算总表 (元): every 项 row's 合计 | 基本支出 | 项目支出 is the budget's figure in 元."""
    b = draw_budget(4, "sh-budget")
    doc = _read(tmp_path, 4, "sh-budget", "pdf")
    t = doc.table("expense")
    assert t is not None and t.unit == "元"
    got = {r.code: [r.values.get(c) for c in ("本年支出合计", "基本支出", "项目支出")] for r in t.rows if len(r.code) == 7}
    assert b.yuan  # items in hundredths of 元
    want = {x.code: [_wan(x.total), _wan(x.basic) or None, _wan(x.proj) or None] for x in b.items}
    assert got == want


@pytest.mark.parametrize("fmt", ["txt", "pdf"])
def test_regional_final_table_sets_read(tmp_path, fmt):
    """The 四川 13-table and 云南 11-table 决算 sets: every table recognised by its title, in order."""
    s = [t.kind for t in _read(tmp_path, 4, "sichuan", fmt).tables if t.kind != "project_eval"]
    assert s == ["income_expense_total", "income", "expense", "fiscal_total", "fiscal_expense", "gpb_expense",
                 "gpb_expense", "gpb_basic", "gpb_project", "fund", "soe", "soe", "sangong"]
    y = [t.kind for t in _read(tmp_path, 4, "yunnan", fmt).tables if t.kind != "project_eval"]
    assert y == ["income_expense_total", "income", "expense", "fiscal_total", "gpb_expense", "gpb_basic",
                 "gpb_project", "fund", "soe", "sangong_org", "sangong"]
