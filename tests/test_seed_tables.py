"""The bundled seed (洛阳市西工区 2023, extracted text): every table parsed, cell by cell."""

from decimal import Decimal as D
from pathlib import Path

import pytest

from juesuan.pipeline import load_document

SEED = Path(__file__).resolve().parents[1] / "corpus" / "luoyang-xigong-2023.txt"


@pytest.fixture(scope="module")
def doc():
    return load_document(SEED)


def test_document_metadata(doc):
    assert doc.department == "洛阳市西工区政务服务和大数据管理局"
    assert doc.year == 2023
    assert doc.unit == "万元"
    assert [p.number for p in doc.parts] == [1, 2, 3, 4]


def test_all_standard_tables_recognised_by_title(doc):
    kinds = [t.kind for t in doc.tables]
    assert kinds == [
        "income_expense_total",
        "income",
        "expense",
        "fiscal_total",
        "gpb_expense",
        "gpb_basic",
        "fund",
        "soe",
        "sangong",
        "project_eval",
    ]
    assert doc.table("sangong").number == "公开09表"
    assert doc.table("income").number == "公开02表"
    assert all(t.unit == "万元" for t in doc.tables)


def test_income_expense_total_two_sides(doc):
    t = doc.table("income_expense_total")
    assert t.find(name="一般公共预算财政拨款收入", side="收入").get("决算数") == D("349.76")
    assert t.find(name="政府性基金预算财政拨款收入", side="收入").get("决算数") == D("100.00")
    assert t.find(name="卫生健康支出", side="支出").get("决算数") == D("7.78")
    assert t.find(name="其他支出", side="支出").get("决算数") == D("100.00")
    assert t.find(name="本年收入合计", side="收入").get("决算数") == D("449.76")
    assert t.find(name="本年支出合计", side="支出").get("决算数") == D("449.76")
    totals = [r for r in t.rows if r.name == "总计"]
    assert [r.side for r in totals] == ["收入", "支出"]
    assert all(r.get("决算数") == D("449.76") for r in totals)


def test_income_table_rows(doc):
    t = doc.table("income")
    assert t.columns[:2] == ["本年收入合计", "财政拨款收入"] and len(t.columns) == 7
    total = t.find(name="合计")
    assert total.code == "" and total.get("本年收入合计") == D("449.76") and total.get("其他收入") == D("0")
    lei = t.find(code="201")
    assert lei.level == "类" and lei.name == "一般公共服务支出" and lei.get("财政拨款收入") == D("318.99")
    xiang = t.find(code="2010301")
    assert (xiang.level, xiang.lei, xiang.kuan, xiang.xiang) == ("项", "201", "03", "01")
    assert xiang.name == "行政运行" and xiang.get("本年收入合计") == D("56.94")
    # a name that wraps over two lines, numbers on a third
    wrapped = t.find(code="2290402")
    assert wrapped.name == "其他地方自行试点项目收益专项债券收入安排的支出"
    assert wrapped.get("本年收入合计") == D("100.00")


def test_expense_table_rows(doc):
    t = doc.table("expense")
    r = t.find(code="2010350")
    assert (r.get("本年支出合计"), r.get("基本支出"), r.get("项目支出")) == (D("220.99"), D("88.65"), D("132.34"))
    assert t.find(name="合计").get("项目支出") == D("273.39")
    assert t.find(code="20113").level == "款"


def test_fiscal_total_columns(doc):
    t = doc.table("fiscal_total")
    r = t.find(name="其他支出", side="支出")
    assert r.get("合计") == D("100.00") and r.get("政府性基金预算财政拨款") == D("100.00")
    assert r.get("一般公共预算财政拨款") == D("0")
    total = t.find(name="本年支出合计", side="支出")
    assert total.get("一般公共预算财政拨款") == D("349.76")


def test_gpb_expense(doc):
    t = doc.table("gpb_expense")
    assert t.columns == ["合计", "基本支出", "项目支出"]
    assert t.find(name="合计").get("合计") == D("349.76")
    r = t.find(code="2010302")
    assert (r.get("合计"), r.get("基本支出"), r.get("项目支出")) == (D("36.06"), D("0"), D("36.06"))


def test_gpb_basic_three_column_groups(doc):
    t = doc.table("gpb_basic")
    # first group (工资福利), second (商品和服务), third (债务利息 / 资本性 / 其他) on the same printed line
    assert t.find(code="30101").get("决算数") == D("57.00") and t.find(code="30101").group == "人员经费"
    assert t.find(code="30201").get("决算数") == D("1.17") and t.find(code="30201").group == "公用经费"
    assert t.find(code="30701").get("决算数") == D("0") and t.find(code="30701").group == "公用经费"
    assert t.find(code="30302").get("决算数") == D("1.25") and t.find(code="30302").group == "人员经费"
    assert t.find(code="39908").name == "对民间非营利组织和群众性自治组织补贴"
    assert t.find(code="30299").get("决算数") == D("0")  # alone on its line, in the second group
    assert t.find(name="人员经费合计").get("决算数") == D("172.32")
    assert t.find(name="公用经费合计").get("决算数") == D("4.05")


def test_fund_table(doc):
    t = doc.table("fund")
    r = t.find(code="2290402")
    assert r.get("年初结转和结余") == D("0") and r.get("本年收入") == D("100.00")
    assert r.get("本年支出合计") == D("100.00") and r.get("项目支出") == D("100.00")
    assert r.get("年末结转和结余") == D("0")


def test_empty_tables_with_notes(doc):
    soe = doc.table("soe")
    assert soe.rows == [] and soe.empty and "本表无数据" in soe.note
    sg = doc.table("sangong")
    assert sg.empty and "本表无数据" in sg.note
    assert len(sg.columns) == 12 and sg.rows[0].get("决算数|公务接待费") == D("0")


def test_project_self_evaluation_table(doc):
    t = doc.table("project_eval")
    assert len(t.rows) == 17
    first = t.rows[0]
    assert first.name == "智慧平台建设（签批）"
    assert first.get("全年预算数") == D("498") and first.get("预算执行率") == D("20.08")
    assert first.get("自评得分") == D("87.01") and first.group == "是"
    party = t.find(name="党建经费")
    assert party.get("自评得分") == D("94.81")
    assert t.find(name="110联动专项工作经费").get("全年执行数") == D("7.55")
    assert t.rows[-1].name == "办公经费—快递费" and t.rows[-1].get("自评得分") == D("82.97")
    assert sum(1 for r in t.rows if r.group == "是") == 8  # 是否有偏差项目


def test_broken_numbers_in_prose_come_back_whole(doc):
    texts = [s.text for s in doc.narrative(3)]
    joined = "".join(texts)
    assert "财政拨款收入 449.76 万元" in joined  # "449.\n\n76 万元" in the file
    assert "决算数 56.94 万元" in joined  # "5\n\n6.94 万元"
    assert "完成年初预算的 69.43%" in joined  # "6\n\n9.43%"
    assert "减少 150.16 万元" in joined  # "15\n\n0.16 万元"
    assert "- 28 -" not in joined  # the page footer inside a sentence is gone
    s = next(s for s in doc.narrative(3) if "一般行政管理事务（项）" in s.text or "年初预算数为 557.96" in s.text)
    assert "557.96" in s.text or "一般行政管理事务" in s.text


def test_sentences_carry_source_lines(doc):
    s = next(s for s in doc.sentences if s.text.startswith("2023 年度收、支总计均为"))
    assert s.line == 656 and s.part == 3
    assert s.section.title.startswith("一、收入支出决算总体情况说明")
