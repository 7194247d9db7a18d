"""The Excel workbook read back with openpyxl: 问题清单 (with the empty 处理意见 column), 表述, one sheet per
table with amounts as numbers; frozen headers, filters, widths. And `tables --format xlsx|csv`."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from juesuan.cli import app
from juesuan.report import render

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "corpus" / "luoyang-xigong-2023.txt"


@pytest.fixture(scope="module")
def book(seed_result):
    data = render(seed_result, "xlsx")
    assert isinstance(data, bytes) and data[:2] == b"PK"
    return openpyxl.load_workbook(io.BytesIO(data))


def _rows(ws):
    head = [c.value for c in ws[1]]
    return head, [dict(zip(head, r)) for r in ws.iter_rows(min_row=2, values_only=True)]


def test_sheets(book, seed_result):
    names = book.sheetnames
    assert names[:2] == ["问题清单", "表述"]
    assert len(names) == 2 + len(seed_result.doc.tables)
    assert "公开05表 一般公共预算财政拨款支出决算表" in names
    for ws in book.worksheets:
        assert ws.freeze_panes == "A2", ws.title
        assert ws.auto_filter.ref and ws.auto_filter.ref.startswith("A1:"), ws.title
        assert ws.column_dimensions["A"].width and ws.column_dimensions["A"].width >= 6


def test_findings_sheet(book, seed_result):
    head, rows = _rows(book["问题清单"])
    assert head == ["#", "规则", "级别", "章节/表格", "页", "行", "原文", "所列数", "核算数", "说明", "依据", "另见（同一原因）", "状态",
                    "处理意见"]
    assert len(rows) == len(seed_result.findings)
    # N004 at line 1235: 449.76 / 2485.35 = 18.10%, the narrative states 18.01%
    n004 = next(r for r in rows if r["规则"] == "N004")
    assert n004["级别"] == "错误" and n004["行"] == 1235 and n004["所列数"] == "18.01%" and n004["核算数"] == "18.10%"
    assert "预算执行率为 18.01%" in n004["原文"] and n004["处理意见"] is None
    assert all(r["处理意见"] is None for r in rows)  # the reviewer's column, left empty
    assert all(r["状态"] == "待处理" for r in rows)
    # the 状态 column is a drop-down of the four review statuses, over every row (and rows a reviewer adds)
    dvs = book["问题清单"].data_validations.dataValidation
    assert len(dvs) == 1 and dvs[0].type == "list"
    assert dvs[0].formula1 == '"待处理,已整改,不予采纳,需说明"'
    assert str(dvs[0].sqref).startswith("M2:M")


def test_reviewed_workbook_is_a_baseline(tmp_path):
    """The round trip: write the workbook, mark a finding 不予采纳 (and another 已整改) with openpyxl, check again
    with --baseline reviewed.xlsx: exactly the rejected finding is suppressed, and the summary counts it."""
    import json

    doc = tmp_path / "doc.txt"
    doc.write_bytes(SEED.read_bytes())
    book_path = tmp_path / "问题清单.xlsx"
    runner = CliRunner()
    r = runner.invoke(app, ["check", str(doc), "--format", "xlsx", "--output", str(book_path)])
    assert r.exit_code == 1, r.output
    first = json.loads(runner.invoke(app, ["check", str(doc), "--format", "json"]).stdout)
    wb = openpyxl.load_workbook(book_path)
    ws = wb["问题清单"]
    head = [c.value for c in ws[1]]
    rule_c, quote_c, status_c, note_c = (head.index(h) + 1 for h in ("规则", "原文", "状态", "处理意见"))
    n004 = next(i for i in range(2, ws.max_row + 1) if ws.cell(i, rule_c).value == "N004")
    ws.cell(n004, status_c).value = "不予采纳"
    ws.cell(n004, note_c).value = "表中数据为准，文字已另行更正"
    other = next(i for i in range(2, ws.max_row + 1) if i != n004 and ws.cell(i, rule_c).value != "N004")
    ws.cell(other, status_c).value = "已整改"
    reviewed = tmp_path / "reviewed.xlsx"
    wb.save(reviewed)
    r = runner.invoke(app, ["check", str(doc), "--baseline", str(reviewed), "--format", "json"])
    again = json.loads(r.stdout)
    assert again["summary"]["suppressed"] == 1
    assert len(again["findings"]) == len(first["findings"]) - 1
    assert [f for f in again["findings"] if f["rule"] == "N004"] == []
    quoted = ws.cell(n004, quote_c).value
    assert any(f["rule"] == "N004" and "".join(f["text"].split()) == "".join(quoted.split()) for f in first["findings"])
    text = runner.invoke(app, ["check", str(doc), "--baseline", str(reviewed)]).stdout
    assert text.rstrip().splitlines()[-1].endswith("；按基线略去 1 条")
    # a workbook that is not juesuan's is one line and exit 2
    bad = tmp_path / "other.xlsx"
    openpyxl.Workbook().save(bad)
    r = runner.invoke(app, ["check", str(doc), "--baseline", str(bad)])
    assert r.exit_code == 2 and "问题清单" in r.output


def test_claims_sheet(book, seed_result):
    head, rows = _rows(book["表述"])
    assert len(rows) == len(seed_result.claims)
    assert {r["状态"] for r in rows} == {"已核实", "矛盾", "无法核实"}
    assert all(r["原因"] for r in rows if r["状态"] == "无法核实")


def test_table_sheet_numbers(book):
    ws = book["公开05表 一般公共预算财政拨款支出决算表"]
    head, rows = _rows(ws)
    assert "合计（万元）" in head
    row = next(r for r in rows if r["科目编码"] == "2010301")
    assert row["合计（万元）"] == pytest.approx(56.94) and isinstance(row["合计（万元）"], float)
    j = head.index("合计（万元）") + 1
    cell = next(c for c in ws.iter_cols(min_col=j, max_col=j, min_row=2) for c in c if c.value is not None)
    assert cell.number_format == "#,##0.00" and cell.data_type == "n"


def test_cli_check_xlsx(tmp_path):
    out = tmp_path / "r.xlsx"
    res = CliRunner().invoke(app, ["check", str(SEED), "--format", "xlsx", "--output", str(out)])
    assert res.exit_code == 1 and openpyxl.load_workbook(out).sheetnames[0] == "问题清单"
    res = CliRunner().invoke(app, ["check", str(SEED), "--format", "xlsx"])
    assert res.exit_code == 2 and "--output" in res.output


def test_tables_xlsx_and_csv(tmp_path):
    res = CliRunner().invoke(app, ["tables", str(SEED), "--out", str(tmp_path), "--format", "xlsx"])
    assert res.exit_code == 0, res.output
    wb = openpyxl.load_workbook(tmp_path / "luoyang-xigong-2023.xlsx")
    ws = wb["公开01表 收入支出决算总表"]
    nums = [c.value for r in ws.iter_rows(min_row=2) for c in r if c.number_format == "#,##0.00" and c.value is not None]
    assert nums and all(isinstance(v, (int, float)) for v in nums) and 449.76 in nums
    res = CliRunner().invoke(app, ["tables", str(SEED), "--out", str(tmp_path), "--format", "csv"])
    assert res.exit_code == 0
    raw = (tmp_path / "01_income_expense_total.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and "本年收入" in raw.decode("utf-8-sig")
