"""A 预算 read as its users read it: no 决算 wording in a budget's reports, a two-file document's places name
their file (the shared 江苏 省委办公厅 2017 budget, narrative and tables published apart)."""

from __future__ import annotations

from pathlib import Path

import pytest

from juesuan.checks import check_document
from juesuan.document import kind_part
from juesuan.pipeline import assign_files, load_document
from juesuan.report.html import render_html
from juesuan.report.markdown import render_markdown
from juesuan.report.text import render_text

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus-budget"
NARRATIVE, TABLES = CORPUS / "js-shengweiban-2017.pdf", CORPUS / "js-shengweiban-2017-tables.pdf"


@pytest.fixture(scope="module")
def two_files():
    if not TABLES.exists():
        pytest.skip("shared 预算 corpus not present")
    result = check_document(load_document(NARRATIVE, TABLES))
    # the tables file reads without a finding of its own: place one on its first table, as a table rule would
    from juesuan.checks.base import Finding, row_location

    table = result.doc.tables[0]
    loc = row_location(table)
    loc.part = kind_part(result.doc.kind, loc.part)  # as check_document names every finding's part
    result.findings.append(Finding("T001", "warning", "表内合计与明细不符（测试）", table.title, location=loc))
    assign_files(result)  # as the CLI and the API place each finding in its file
    return result


def test_budget_reports_never_say_juesuan(two_files):
    """Every place a reader sees (reasons, part names, headings, navigation) says 预算 where the document does."""
    assert two_files.doc.kind == "预算"
    for out in (render_text(two_files), render_markdown(two_files), render_html(two_files)):
        assert "决算" not in out
    # the findings' parts are renamed for the kind (决算情况说明 → 预算情况说明; 决算表 → 预算表 in
    # test_part_names_follow_the_kind: since the tables file reads right, none of its findings is left to show it)
    parts = {f.location.part for f in two_files.findings if f.location.part}
    assert "预算情况说明" in parts and not any("决算" in p for p in parts)


def test_two_file_places_name_their_file(two_files):
    text = render_text(two_files)
    md = render_markdown(two_files)
    tables_lines = [ln for ln in text.splitlines() if ln.startswith(str(TABLES) + ":")]
    assert tables_lines, "a finding on the tables file is placed in the tables file"
    assert f"{TABLES.name} 第" in md and f"{NARRATIVE.name} 第" in md
    assert str(TABLES) in render_html(two_files)


def test_part_names_follow_the_kind():
    assert kind_part("预算", "决算表") == "预算表"
    assert kind_part("预算", "决算情况说明") == "预算情况说明"
    assert kind_part("决算", "决算表") == "决算表"
    assert kind_part("预算", "目录") == "目录"


def test_folder_pairing_is_said_in_chinese(tmp_path):
    """A bureau's folder run says which two files it read as one document, in the user's language."""
    import shutil

    from typer.testing import CliRunner

    from juesuan.cli import app

    if not TABLES.exists():
        pytest.skip("shared 预算 corpus not present")
    for p in (NARRATIVE, TABLES):
        shutil.copy(p, tmp_path / p.name)
    out = tmp_path / "out"
    res = CliRunner().invoke(app, ["check", str(tmp_path), "--jobs", "1", "--format", "xlsx", "--output", str(out)])
    assert res.exit_code == 1, res.output
    assert f"合并核对：{tmp_path / NARRATIVE.name} + {tmp_path / TABLES.name}" in res.output
    assert "paired" not in res.output
    # 汇总.xlsx says what each document is: one row, a 预算, read with its tables file
    from openpyxl import load_workbook

    rows = list(load_workbook(out / "汇总.xlsx")["汇总"].iter_rows(values_only=True))
    head = rows[0]
    assert len(rows) == 2 and "类型" in head
    assert rows[1][head.index("类型")] == "预算"
    assert TABLES.name in rows[1][head.index("状态")]


def test_unit_budget_is_titled_a_unit_budget():
    """A 单位预算 (its cover: "2024年单位预算") is titled 单位预算 in the memo and the HTML report, a 部门预算 部门预算."""
    unit, dept = CORPUS / "sh-putuo-fuliyuan-2024-unit.pdf", CORPUS / "sh-putuo-zfban-2025.pdf"
    if not unit.exists():
        pytest.skip("shared 预算 corpus not present")
    result = check_document(load_document(unit))
    assert result.doc.scope == "单位"
    assert render_markdown(result).startswith("# 上海市普陀区社会福利院 2024 年度单位预算 — ")
    assert "2024 年度单位预算审核报告" in render_html(result)
    # the lint summary (CI) says what was checked: kind, department, year
    assert render_text(result).splitlines()[-1].startswith("预算｜上海市普陀区社会福利院 2024 年度｜表述 ")
    assert load_document(dept).scope == "部门"
    # its reason "有退休人员去世" explains the decrease of 事业单位离退休 (p.6 l.10): no X004
    assert not [f for f in result.findings if f.rule == "X004"]


def test_reason_against_a_rate_names_the_rate():
    """A reason against a change stated by its rate names the rate, not a bare direction ("（减少）"): the
    sentence of sh-putuo-fuliyuan-2024-unit p.6 l.8–9 with a reason that raises spending."""
    from test_checks_rules import build_doc

    text = ("社会保障和就业支出（类）行政事业单位养老支出（款）事业单位离退休（项）：2023年当年预算执行数为54.60万元，"
            "2024年预算安排53.84万元，比2023年预算执行数减少1.39%。主要原因是：新增退休人员。")
    result = check_document(build_doc({"doc_kind": "预算", "year": 2024, "text": [text]}))
    x004 = [f for f in result.findings if f.rule == "X004"]
    assert x004 and all(not f.message.endswith("（减少）") for f in x004)
    assert any(f.message.endswith("差异方向为减少（减少 1.39%）") for f in x004)


def test_previous_budget_reasons_name_the_file_not_a_juesuan():
    """--previous with last year's 预算: a figure missing from it is missing from 上年文件, never 上年决算."""
    import juesuan

    cur, prev = CORPUS / "js-jianchayuan-2018.pdf", CORPUS / "js-jianchayuan-2017.pdf"
    if not prev.exists():
        pytest.skip("shared 预算 corpus not present")
    data = juesuan.check(str(cur), previous=str(prev)).to_dict()
    reasons = [c.get("reason") or "" for c in data["claims"]]
    assert not [r for r in reasons if "决算" in r]
    assert any(r.startswith("上年文件中未能找到对应数字：") for r in reasons)


def test_opinion_names_both_files_and_each_place_its_file():
    """The 审核意见书 of a 说明 + 表格 upload names both files, and a finding of the tables file its file."""
    import io
    import re
    import zipfile

    from juesuan.web.exports import opinion_docx

    doc = {"name": "说明.pdf", "with_name": "表格.pdf", "department": "某部门", "year": 2017, "kind": "预算"}
    f = {"rule": "X006", "severity": "warning", "message": "表头部门不一致", "text": "收支预算总表",
         "location": {"part": "预算表", "page": 2, "line": 1, "file": "表格.pdf"}, "evidence": []}
    report = {"summary": {"claims": 1}, "findings": [f], "tool": {"version": "t"}}
    review = {"status": "open", "status_label": "待处理", "note": None}
    xml = zipfile.ZipFile(io.BytesIO(opinion_docx(doc, report, [review]))).read("word/document.xml").decode()
    text = re.sub("<[^>]+>", "", xml)
    assert "文件：说明.pdf、表格.pdf" in text
    assert "原文（表格.pdf 第2页第1行）" in text
    assert "决算" not in text
