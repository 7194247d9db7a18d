"""预算 documents (issue 17): the document kind, and the 预算 tables of both families read cell by cell.

Built from the real published budgets of ../shared/corpus-budget (skipped with a reason when absent). Every
expected figure below is printed in the document's own table (page given); nothing is computed by the tool.
"""

from __future__ import annotations

import copy
from decimal import Decimal
from pathlib import Path

import pytest

import juesuan
from juesuan.catalogue import spec_by_id
from juesuan.checks.rules.table_identities.T005 import SummaryTableTotals, _budget_sides
from juesuan.checks.tableutil import _Book
from juesuan.tables.two_sided import _side_labels, _two_sided_segments

BUDGET = Path(__file__).resolve().parents[1].parent / "shared" / "corpus-budget"
D = Decimal


def _doc(name: str, with_: str | None = None):
    p = BUDGET / name
    if not p.exists():
        pytest.skip(f"{p} not found (the shared corpus lives next to the repository, in ../shared)")
    return juesuan.load(p, with_=(BUDGET / with_) if with_ else None)


@pytest.fixture(scope="module")
def sh():
    return _doc("sh-putuo-shangwu-2025.pdf")


@pytest.fixture(scope="module")
def js():
    return _doc("js-jianchayuan-2017.pdf")


def test_kind_and_unit(sh, js):
    assert sh.kind == js.kind == "预算"
    assert sh.table("income").unit == "元" and sh.table("sangong").unit == "万元"  # the unit is per table
    assert js.table("gpb_expense").unit == "万元"


# -- 上海 family ------------------------------------------------------------------------------------
def test_sh_two_sided(sh):  # p.9 财务收支预算总表
    t = sh.table("income_expense_total")
    assert t.find(name="一、财政拨款收入", side="收入").get("预算数") == D("371514655.00")
    assert t.find(name="五、资源勘探工业信息等支出", side="支出").get("预算数") == D("293810000.00")
    assert t.find(name="支出总计", side="支出").get("预算数") == D("371514655.00")


def test_sh_coded_lkx(sh):  # p.12 支出预算总表: 类 | 款 | 项 printed apart, 合计 = 基本 + 项目
    t = sh.table("expense")
    r = t.find(code="2011301")
    assert (r.name, r.get("本年支出合计"), r.get("基本支出"), r.get("项目支出")) == ("行政运行", D("9389913.00"), D("9389913.00"), None)
    tot = t.total_row()
    assert (tot.get("本年支出合计"), tot.get("基本支出"), tot.get("项目支出")) == (D("371514655.00"), D("19830655.00"), D("351684000.00"))


def test_sh_income_columns(sh):  # p.10 收入预算总表: 事业单位经营收入 is the 经营收入 column
    t = sh.table("income")
    assert t.columns == ["本年收入合计", "财政拨款收入", "事业收入", "经营收入", "其他收入"]
    assert t.find(code="2150899").get("财政拨款收入") == D("293810000.00")


def test_sh_fiscal_total(sh):  # p.14 财政拨款收支预算总表: 支出 side 合计 | 一般公共预算 | 基金 | 国资
    t = sh.table("fiscal_total")
    r = t.find(name="二、科学技术支出", side="支出")
    assert (r.get("合计"), r.get("一般公共预算财政拨款"), r.get("政府性基金预算财政拨款")) == (D("17200000.00"), D("17200000.00"), None)


def test_sh_econ_split_codes(sh):  # p.19–20 经济分类: "301 | 01" printed split
    t = sh.table("gpb_basic")
    assert t.find(code="30101").get("人员经费") == D("1952616.00")
    assert t.find(code="30217").get("公用经费") == D("10000.00")
    assert t.total_row().get("合计") == D("19830655.00")


def test_sh_empty_fund_with_note(sh):  # p.17 政府性基金: blank, with its note
    t = sh.table("fund")
    assert t.empty and "空表" in t.note


def test_sh_sangong_one_row(sh):  # p.21: one row in 万元, 机关运行经费 in it
    r = sh.table("sangong").rows[0]
    assert r.get("预算数|合计") == D("1.00") and r.get("预算数|公务接待费") == D("1.00")
    assert r.get("预算数|机关运行经费") == D("171.01")


# -- 江苏 family ------------------------------------------------------------------------------------
def test_js_three_sides(js):  # p.10 收支预算总表: 收入 | 功能分类 | 支出用途
    t = js.table("income_expense_total")
    assert t.find(name="三、其他资金", side="收入").get("预算数") == D("15.00")
    assert t.find(name="四、公共安全支出", side="支出").get("预算数") == D("13656.34")
    assert t.find(name="三、单位预留机动经费", side="支出用途").get("预算数") == D("140.20")
    assert t.find(name="当年支出小计", side="支出").get("预算数") == D("17996.68")


def test_js_income_sources(js):  # p.11 收入预算总表 as a list of sources
    t = js.table("income_sources")
    assert t.rows[0].name == "收入总计" and t.rows[0].get("金额") == D("17996.68")
    other = [r for r in t.rows if r.group == "其他资金"]
    assert [(r.name, r.get("金额")) for r in other if r.get("金额")] == [("小计", D("15.00")), ("其他收入", D("15.00"))]


def test_js_one_row_expense(js):  # p.11 支出预算总表, one row
    r = js.table("expense").rows[0]
    assert (r.get("本年支出合计"), r.get("基本支出"), r.get("项目支出"), r.get("单位预留机动经费")) == (
        D("17996.68"), D("12323.48"), D("5533.00"), D("140.20"))


def test_js_ledger_joined_codes(js):  # p.12 财政拨款支出预算表, p.14 一般公共预算支出预算表: one amount column
    t = js.table("gpb_expense")
    assert t.find(code="2040404").get("合计") == D("480.00")
    assert t.total_row().get("合计") == D("17981.68")
    assert js.table("fiscal_basic").find(code="30215").get("合计") == D("168.00")


def test_js_sangong_with_meetings(js):  # p.16 三公、会议费、培训费: 合计 = 三公 + 会议费 + 培训费
    r = js.table("sangong").rows[0]
    assert r.get("预算数|“三公”经费、会议费和培训费合计") == D("1452.35")
    assert r.get("预算数|合计") == D("584.35")
    assert (r.get("预算数|公务用车购置费"), r.get("预算数|会议费"), r.get("预算数|培训费")) == (D("50.00"), D("168.00"), D("700.00"))


def test_js_org_running_and_procurement(js):  # p.15 机关运行经费, p.16 政府采购
    assert js.table("org_running").total_row().get("预算数") == D("6032.55")
    assert js.table("procurement").rows[0].get("合计") == D("2889.80")


def test_js_shifted_grid_and_title_wrapped():
    d = _doc("js-gaoyuan-2018.pdf")  # grids with spacer columns; rows between grids as text
    assert d.table("gpb_basic").find(code="30108").get("合计") == D("1326.81")  # p.12, a text line between grids
    r = d.table("sangong").rows[0]
    assert (r.get("预算数|因公出国（境）费"), r.get("预算数|培训费")) == (D("170.00"), D("1666.25"))
    d18 = _doc("js-jianchayuan-2018.pdf")  # "公开09表：…培训费" / "支出预算表" on two lines
    assert d18.table("sangong") is not None and d18.table("sangong").number == "公开09表"
    r18 = d18.table("sangong").rows[0]  # p.19: 267.80 printed over two cells ("267.8" | "0"); 车 小计 under a merged label
    assert (r18.get("预算数|公务用车购置及运行维护费"), r18.get("预算数|公务用车运行维护费")) == (D("267.80"), D("267.80"))
    assert r18.get("预算数|合计") == D("484.30") and r18.get("预算数|公务接待费") == D("116.50")


# -- identities: the budget 总表 sides hold on every shared document, and a planted misprint is caught ----
@pytest.mark.parametrize("name", ["sh-putuo-zfban-2025.pdf", "js-jianchayuan-2018.pdf"])
def test_budget_sides_identity(name):
    d = _doc(name)
    for kind in ("income_expense_total", "fiscal_total"):
        t = d.table(kind)
        book = _Book(SummaryTableTotals())
        _budget_sides(book, t)
        assert book.done() == []
        bad = copy.deepcopy(t)
        r = next(r for r in bad.rows if r.name.startswith("一、") and any(r.values.values()))
        col = next(c for c, v in r.values.items() if v)
        r.values[col] += D(100)
        book = _Book(SummaryTableTotals())
        _budget_sides(book, bad)
        assert len(book.done()) == 1


# -- one document in two files --------------------------------------------------------------------
def test_with_second_file_keeps_file_and_page():
    if not (BUDGET / "js-shengweiban-2017-tables.pdf").exists():
        pytest.skip("corpus-budget not found")
    rep = juesuan.check(BUDGET / "js-shengweiban-2017.pdf", with_=BUDGET / "js-shengweiban-2017-tables.pdf")
    d = rep.to_dict()
    assert d["document"]["kind"] == "预算"
    assert rep.document.table("sangong") is not None  # the tables come from the second file
    files = {f["location"].get("file") for f in d["findings"] + [c for c in d["claims"]] if isinstance(f, dict) and "location" in f}
    assert str(BUDGET / "js-shengweiban-2017.pdf") in files
    pages = [c["location"]["page"] for c in d["claims"] if c["location"]["page"] is not None]
    assert pages and max(pages) <= 13  # pages within the narrative file (13 pages), not numbered on


def test_decimal_free_tables_in_yuan():
    d = _doc("sh-putuo-fuliyuan-2024-unit.pdf")  # whole 元, no decimals
    assert d.table("income").total_row().get("本年收入合计") == D("12121164")
    assert d.table("fiscal_total") is not None  # its title printed inside the grid


# -- a folder: the two files of one document are paired, consecutive budgets of a department too -----
def test_batch_pairs_two_files_and_years(tmp_path):
    import shutil

    from typer.testing import CliRunner

    from juesuan.cli import app

    names = ["js-shengweiban-2017.pdf", "js-shengweiban-2017-tables.pdf", "js-jianchayuan-2017.pdf", "js-jianchayuan-2018.pdf"]
    for n in names:
        if not (BUDGET / n).exists():
            pytest.skip("corpus-budget not found")
        shutil.copy(BUDGET / n, tmp_path / n)
    res = CliRunner().invoke(app, ["check", str(tmp_path), "--jobs", "1", "--lang", "en"])
    assert res.exit_code == 1, res.output
    out = res.output
    assert "3 documents" in out  # the tables file is reported with its narrative, not alone
    assert "ok (+ js-shengweiban-2017-tables.pdf)" in out
    row18 = next(ln for ln in out.splitlines() if ln.split("\t")[0].endswith("js-jianchayuan-2018.pdf"))
    assert "js-jianchayuan-2017.pdf" in row18  # the previous year's budget, as --previous


def test_cli_with_option():
    from typer.testing import CliRunner

    from juesuan.cli import app

    if not (BUDGET / "js-shengweiban-2017.pdf").exists():
        pytest.skip("corpus-budget not found")
    alone = CliRunner().invoke(app, ["check", str(BUDGET / "js-shengweiban-2017.pdf"), "--lang", "en"])
    # the narrative has no table: refused, and told to name the tables' file (ingest, main ff3a255)
    assert alone.exit_code == 2 and "only the 预算 narrative" in alone.output and "--with" in alone.output
    res = CliRunner().invoke(app, ["tables", str(BUDGET / "js-shengweiban-2017.pdf"), "--with", str(BUDGET / "js-shengweiban-2017-tables.pdf")])
    assert res.exit_code == 0 and "sangong" in res.output


# -- the 江苏 shapes from text (a .txt or .docx 预算: no column positions) ---------------------------------
JS_TEXT = """江苏省审计厅2019年部门预算
第二部分 2019年度部门预算表
一、收支预算总表
部门：江苏省审计厅 单位：万元
收入 支出
项目名称 金额 功能科目名称 金额 支出用途 金额
一、财政拨款 100.00 一、一般公共服务支出 90.00 一、基本支出 60.00
1.一般公共预算 100.00 二、住房保障支出 20.00 二、项目支出 50.00
二、其他资金 10.00 三、单位预留机动经费 0.00
当年收入小计 110.00 当年支出小计 110.00
收入合计 110.00 支出合计 110.00
三、支出预算总表
部门：江苏省审计厅 单位：万元
合计 基本支出 项目支出 单位预留机动经费 结转下年资金
110.00 60.00 50.00 0.00
十一、一般公共预算“三公”经费、会议费、培训费支出预算表
部门：江苏省审计厅 单位：万元
合计 “三公”经费小计 因公出国（境）费 公务用车购置及运行维护费小计 公务用车购置费 公务用车运行维护费 公务接待费 会议费 培训费
30.00 20.00 5.00 10.00 4.00 6.00 5.00 6.00 4.00
第三部分 2019年度部门预算情况说明
一、收支预算总体情况说明
2019年度收入预算合计110.00万元。
"""


def test_js_shapes_from_text():
    d = juesuan.load(JS_TEXT)
    assert d.kind == "预算"
    t = d.table("income_expense_total")
    assert [(r.side, r.name) for r in t.rows[:3]] == [("收入", "一、财政拨款"), ("支出", "一、一般公共服务支出"), ("支出用途", "一、基本支出")]
    book = _Book(SummaryTableTotals())
    _budget_sides(book, t)
    assert book.done() == []
    e = d.table("expense").rows[0]  # four figures under five labels: not placed by guess
    assert e.partial and e.get("基本支出") is None and e.extra["figures"] == ["110.00", "60.00", "50.00", "0.00"]
    s = d.table("sangong").rows[0]
    assert (s.get("预算数|“三公”经费、会议费和培训费合计"), s.get("预算数|合计"), s.get("预算数|公务用车运行维护费")) == (D("30.00"), D("20.00"), D("6.00"))


# -- 公开04表 财政拨款收支预算总表 from text: blank cells vanished, rows placed by their labels -----------------
JS_FISCAL_TEXT = """江苏省审计厅2019年部门预算
第二部分 2019年度部门预算表
公开04表：财政拨款收支预算总表
部门：江苏省审计厅 单位：万元
收入 支出
项目名称 金额 项目名称 金额
一、一般公共预算 160.05 一、基本支出 135.35
二、政府性基金预算 二、项目支出 14.47
三、单位预留机动经费 10.23
四、其他 3.00
收入合计 160.05 支出合计 160.05
第三部分 2019年度部门预算情况说明
一、收支预算总体情况说明
2019年度收入预算合计160.05万元。
"""


def test_js_fiscal_total_from_text_by_labels():
    """synth-misses.md #3/#7 (js-jianchayuan-2018.pdf prints the same rows with blank cells): a 支出 label takes
    the figure on the right, a figureless 收入 label takes none, a label of neither side is left partial; the
    side sums then hold (no T005 from a misread row)."""
    t = juesuan.load(JS_FISCAL_TEXT).table("fiscal_total")
    rows = [(r.side, r.name, r.get("预算数") if r.side == "收入" else r.get("合计"), r.partial) for r in t.rows]
    assert rows == [
        ("收入", "一、一般公共预算", D("160.05"), False),
        ("支出", "一、基本支出", D("135.35"), False),
        ("收入", "二、政府性基金预算", None, True),
        ("支出", "二、项目支出", D("14.47"), False),
        ("支出", "三、单位预留机动经费", D("10.23"), False),
        ("收入", "四、其他", D("3.00"), True),  # neither side's label: not placed by guess
        ("收入", "收入合计", D("160.05"), False),
        ("支出", "支出合计", D("160.05"), False),
    ]
    book = _Book(SummaryTableTotals())
    _budget_sides(book, t)
    assert book.done() == []
    # a 支出 label without its ordinal after a figureless 收入 label is not glued to it
    labels = _side_labels(spec_by_id("fiscal_total", "预算"))
    assert _two_sided_segments(["二、政府性基金预算", "项目支出", "14.47"], False, labels) == [
        ("收入", "二、政府性基金预算", []), ("支出", "项目支出", ["14.47"])]


# -- a table drawn inside a frame (the 江苏 tables file, js-shengweiban-2017-tables.pdf pp.2–4) -------------------
def test_js_framed_tables_read():
    """A rectangle drawn around a table and its title is no cell: pages 2–4 read as their tables, not as one cell
    of page text (every figure below is printed on its page)."""
    d = _doc("js-shengweiban-2017-tables.pdf")
    src = d.table("income_sources")  # p.2 收入预算总表, a list of sources
    assert src.title == "收入预算总表"
    assert src.find(name="收入总计").get("金额") == D("20849.45")
    assert [(r.group, r.name, r.get("金额")) for r in src.rows[1:3]] == [
        ("一般公共预算资金", "小计", D("20702.25")), ("一般公共预算资金", "公共财政拨款(补助)资金", D("20702.25"))]
    assert src.find(name="其他非税收入").get("金额") == D("147.20")
    e = d.table("expense").rows[0]  # p.3 支出预算总表, one row; 结转下年资金 blank
    assert [e.get(c) for c in ("本年支出合计", "基本支出", "项目支出", "单位预留机动经费", "结转下年资金")] == [
        D("20849.45"), D("9964.07"), D("10688.66"), D("196.72"), None]
    ft = d.table("fiscal_total")  # p.4 财政拨款收支预算总表
    assert ft.find(name="一、一般公共预算", side="收入").get("预算数") == D("20702.25")
    assert [ft.find(name=n, side="支出").get("合计") for n in ("一、基本支出", "二、项目支出", "三、单位预留机动经费", "支出合计")] == [
        D("9964.07"), D("10541.46"), D("196.72"), D("20702.25")]
    assert d.table("fund").empty  # p.7 政府性基金: 合计 only, blank
    assert d.table("gpb_expense").total_row().get("合计") == D("20702.25")  # p.8: 合计 a row, not the title's tail


# -- 上海 经济分类 and 三公 as text (sh-putuo-shangwu-2025.pdf pp.19–21 as extracted text) -------------------------
SH_TEXT = """上海市普陀区商务委员会2025年区级部门预算
2025年部门一般公共预算基本支出部门预算经济分类预算表
编制部门：上海市普陀区商务委员会 单位：元
项目 一般公共预算基本支出
部门预算经济分类科目
编码
经济分类科目名称 合计 人员经费 公用经费
类 款
301 工资福利支出 2,658,730.00 2,658,730.00
301 01 基本工资 1,952,616.00 1,952,616.00
301 09 职业年金缴费 705,443.00 705,443.00
301 99 其他工资福利支出 671.00 671.00
302 商品和服务支出 288,900.00 288,900.00
302 01 办公费 273,900.00 273,900.00
302 02 印刷费 5,000.00 5,000.00
302 13 维修（护）费 10,000.00 10,000.00
303 对个人和家庭的补助 1,449,536.00 1,449,536.00
303 01 离休费 251,936.00 251,936.00
303 02 退休费 1,197,600.00 1,197,600.00
合计 4,397,166.00 4,108,266.00 288,900.00
2025年部门“三公”经费和机关运行经费预算表
编制部门：上海市普陀区商务委员会 单位:万元
“三公”经费预算数 机关运行经费预算数
合计 因公出国(境)费 公务接待费 公务用车购置及运行费
小计 购置费 运行费
1.00 1.00 171.01
四、其他相关情况说明
2025年“三公”经费预算数为1.00万元。
"""


def test_sh_econ_and_sangong_from_text():
    """Rows of the real p.19–20 (301 99 and 301 shortened so the excerpt adds up): a text row prints 合计 and one
    of 人员经费 / 公用经费; the class sums place each (301, 303 under 人员经费, 302 under 公用经费). The 三公 header
    over three lines names seven columns; three figures under them: 合计 and 机关运行经费 agree in every placement."""
    d = juesuan.load(SH_TEXT)
    assert d.kind == "预算"
    t = d.table("gpb_basic")
    assert [(r.code, r.get("合计"), r.get("人员经费"), r.get("公用经费"), r.partial) for r in t.rows[:2]] == [
        ("301", D("2658730.00"), D("2658730.00"), None, False), ("30101", D("1952616.00"), D("1952616.00"), None, False)]
    r = t.find(code="30213")
    assert (r.get("合计"), r.get("人员经费"), r.get("公用经费")) == (D("10000.00"), None, D("10000.00"))
    assert t.find(code="30302").get("人员经费") == D("1197600.00")
    s = d.table("sangong")
    assert s.columns == ["预算数|合计", "预算数|因公出国（境）费", "预算数|公务接待费", "预算数|公务用车购置及运行维护费",
                         "预算数|公务用车购置费", "预算数|公务用车运行维护费", "预算数|机关运行经费"]
    row = s.rows[0]
    assert row.partial and row.extra["agreed"]["预算数|合计"] == D("1.00")
    assert row.extra["agreed"]["预算数|机关运行经费"] == D("171.01")
    rep = juesuan.check(SH_TEXT)  # the identities hold: no table finding (the excerpt has no 编制说明: C002)
    assert not [f for f in rep.findings if f.rule.startswith("T") and f.severity != "info"]


# -- real documents given as text (pdfplumber's extract_text of the shared PDFs): what text cannot tell ---------
JS_WRAPPED_TEXT = """江苏省人民检察院2017年部门预算
第二部分 江苏省人民检察院 2017 年部门预算表
一、收支预算总表
部门： 江苏省人民检察院 单位：万元
收入 支出
功能分类 支出用途
项目名称 金额
功能科目名称 金额 项目名称 金额
一、财政拨款 17,981.68 一、一般公共服务支出 一、基本支出 12,323.48
1.一般公共预
17,981.68 二、外交支出 二、项目支出 5,533.00
算
2.政府性基金 三、单位预留机
三、国防支出 140.20
预算 动经费
二、财政专户管理
四、公共安全支出 13,656.34
资金
三、其他资金 15.00 五、教育支出
八、社会保障和就业支出 2,021.18
十八、住房保障支出 2,319.16
当年收入小计 17,996.68 当年支出小计 17,996.68
收入合计 17,996.68 支出合计 17,996.68
第三部分 江苏省人民检察院 2017 年度部门预算情况说明
一、收支预算总体情况说明
2017年度收入、支出预算总计17,996.68万元。
"""

# js-shengweiban-2017-tables.pdf pp.2 and 5 as text: the figures stand on the line below their labels
JS_APART_TEXT = """中国共产党江苏省委员会办公厅2017年部门预算
第二部分 2017年部门预算表
收入预算总表
部门：中国共产党江苏省委员会办
单位：万元
公厅
项目名称 金额
收入总计
20,849.45
小计
20,702.25
一般公共预算资金 公共财政拨款(补助)资金
20,702.25
专项收入
政府性基金 小计
小计
147.20
财政专户管理资金 专户管理教育收费
其他非税收入
147.20
小计
事业收入
其他资金 经营收入
财政拨款支出预算表
部门：中国共产党江苏省委员会办公厅 单位：万元
功能科目代码 功能科目名称 金额
合计
20,702.25
201 一般公共服务支出 16,845.17
20131 党委办公厅（室）及相关机构事务 16,845.17
2013101 行政运行 6,106.99
2013102 一般行政管理事务 10,738.18
208 社会保障和就业支出 2,000.39
20805 行政事业单位离退休 2,000.39
2080504 未归口管理的行政单位离退休 2,000.39
221 住房保障支出 1,856.69
22102 住房改革支出 1,856.69
2210201 住房公积金 621.28
2210202 提租补贴 1,235.41
第三部分 2017年度部门预算情况说明
一、收支预算总体情况说明
2017年度收入预算总计20,849.45万元。
"""


def test_text_labels_wrapped_are_not_read_by_guess():
    """js-jianchayuan-2017.pdf p.10 as text: the 收支预算总表's labels wrap ("1.一般公共预" … "算") and a figure
    stands on the line of the next label — read by guess, its sides did not add up (two T005 errors from a
    misreading). The table is declared unreadable (T010), never an error."""
    rep = juesuan.check(JS_WRAPPED_TEXT)
    assert not [f for f in rep.findings if f.rule.startswith("T") and f.severity == "error"]
    assert ("T010", "warning", "一、收支预算总表") in {(f.rule, f.severity, f.text) for f in rep.findings}


def test_text_figures_below_their_labels():
    """js-shengweiban-2017-tables.pdf as text: a ledger's "合计" takes the figure on the line below (20,702.25,
    p.5; the 类 rows add up to it); a list of sources whose 小计 stands before its group label cannot be read
    by line order (T010, no error, no "0 万元" for its total)."""
    rep = juesuan.check(JS_APART_TEXT)
    t = rep.document.table("fiscal_expense")
    assert t.total_row().get("合计") == D("20702.25") and "text_wrapped" not in t.extra
    assert [r.get("合计") for r in t.rows if r.level == "类"] == [D("16845.17"), D("2000.39"), D("1856.69")]
    assert not [f for f in rep.findings if f.severity == "error" and (f.rule[0] in "TN" or f.rule == "X052")]
    assert ("T010", "warning", "收入预算总表") in {(f.rule, f.severity, f.text) for f in rep.findings}


SH_ZERO_TEXT = """上海市普陀区社会福利院2024年单位预算
单位“三公”经费和机关运行经费预算表
编制单位：上海市普陀区社会福利院 单位:万元
2024年“三公”经费预算数
2024年机关运行经
公务用车购置及运行费
费预算数
合计 因公出国(境)费 公务接待费
小计 购置费 运行费
6.4 0 0 6.4 6.4 0
其他相关情况说明
一、2024年“三公”经费预算情况说明
2024年“三公”经费预算数为6.40万元，与2023年预算持平。
二、机关运行经费预算
2024年上海市普陀区社会福利院无机关运行经费。
"""


def test_absence_against_unplaced_merged_row():
    """sh-putuo-fuliyuan-2024-unit.pdf p.15 as text: six figures under a header whose spans text cannot tell;
    "无机关运行经费" was an N006 error ("the table prints 6.4") though 6.4 is the 三公 figure. One column of a row
    whose figures are not placed is not known: unverifiable."""
    rep = juesuan.check(SH_ZERO_TEXT)
    assert not [f for f in rep.findings if f.rule == "N006"]
    c = next(c for c in rep.claims if c.kind == "zero" and "机关运行经费" in c.text)
    assert c.status == "unverifiable"
    row = rep.document.table("sangong").rows[0]
    assert row.partial and row.extra["figures"] == ["6.4", "0", "0", "6.4", "6.4", "0"]


@pytest.mark.parametrize("fmt", ["txt", "pdf", "docx"])
def test_js_sangong_printed_blank_is_a_table(tmp_path, fmt):
    # 公开09表 printed with every cell empty: the row has no label, so it vanishes whole (text) or is a row of
    # blanks (grid); the header still names the columns. The table is kept without rows (C010 can say it is
    # blank while the narrative states 会议费 and 培训费), not taken for missing (C002).
    from juesuan.synth import generate
    from juesuan.pipeline import load_document

    g = generate(55005, "js-budget", fmt, plant=("blank_table",))
    assert [p["kind"] for p in g.labels["planted"]] == ["blank_table"]
    p = tmp_path / f"d.{fmt}"
    p.write_bytes(g.content)
    t = next(t for t in load_document(p).tables if t.kind == "sangong")
    assert t.rows == [] and t.extra.get("printed_blank") and "会议费" in " ".join(t.columns)
