"""PDF ingest: a real 上海 document (tables cell by cell, tables over page breaks, narrative intact),
the 上海 template (no figures), and a generated PDF with 类 | 款 | 项 code columns and thousands separators."""

from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

import pytest

from juesuan.pipeline import load_document
from juesuan.ingest import read
from juesuan.ingest.model import Grid, Line


@pytest.fixture(scope="module")
def doc(shanghai_pdf):
    return load_document(shanghai_pdf)


def test_metadata(doc):
    assert doc.source_kind == "pdf" and doc.kind == "决算"  # the file type, and the document kind (issue 17)
    assert doc.pages == 24
    assert doc.department == "中共上海市普陀区委社会工作部"
    assert doc.year == 2024
    assert doc.unit == "万元"


def test_all_nine_tables(doc):
    assert [t.kind for t in doc.tables] == [
        "income_expense_total",
        "income",
        "expense",
        "fiscal_total",
        "gpb_expense",
        "gpb_basic",
        "sangong",
        "fund",
        "soe",
    ]
    assert all(t.unit == "万元" for t in doc.tables)


def test_income_rows(doc):
    t = doc.table("income")
    assert t.columns[:2] == ["本年收入合计", "财政拨款收入"]
    r = t.find(code="2080505")
    assert r.name == "机关事业单位基本养老保险缴费支出"  # a two-line cell joined with no space
    assert r.get("本年收入合计") == D("6.18") and r.get("财政拨款收入") == D("6.18")
    assert r.get("事业收入") is None
    assert (r.page, r.line) == (6, 13)
    total = t.total_row()
    assert total.name == "合计" and total.get("本年收入合计") == D("307.82")


def test_expense_rows_and_page_break(doc):
    t = doc.table("expense")
    r = t.find(code="2013999")
    assert r.name == "其他社会工作事务支出"
    assert r.get("本年支出合计") == D("202.24")
    assert r.get("项目支出") == D("202.24")
    assert r.get("基本支出") is None
    # 支出决算表 runs from page 8 onto page 9 without a title: one table
    last = t.find(code="2210203")
    assert (last.name, last.get("本年支出合计"), last.page) == ("购房补贴", D("11.72"), 9)
    assert [r.code for r in t.rows][:3] == ["", "201", "20139"]
    assert len(t.rows) == 18


def test_income_continues_over_page_break(doc):
    t = doc.table("income")
    r = t.find(code="2210203")
    assert (r.name, r.get("本年收入合计"), r.page, r.line) == ("购房补贴", D("11.72"), 7, 6)
    assert sum(1 for x in doc.tables if x.kind == "income") == 1


def test_two_sided_tables(doc):
    t = doc.table("income_expense_total")
    assert t.find(name="一、一般公共预算财政拨款收入", side="收入").get("决算数") == D("307.82")
    assert t.find(name="十九、住房保障支出", side="支出").get("决算数") == D("29.42")
    assert t.find(name="二、外交支出", side="支出").get("决算数") is None
    f = doc.table("fiscal_total")
    assert f.columns == ["决算数", "合计", "一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款"]
    r = f.find(name="本年支出合计", side="支出")
    assert r.get("合计") == D("307.82") and r.get("一般公共预算财政拨款") == D("307.82")
    assert r.get("政府性基金预算财政拨款") is None
    assert f.find(name="十九、住房保障支出", side="支出").page == 11  # continued on the next page


def test_gpb_expense(doc):
    t = doc.table("gpb_expense")
    assert t.columns == ["合计", "基本支出", "项目支出"]
    r = t.find(code="2080505")
    assert r.name == "机关事业单位基本养老保险缴费支出"
    assert r.get("合计") == D("6.18")
    total = t.total_row()
    assert (total.get("合计"), total.get("基本支出"), total.get("项目支出")) == (D("307.82"), D("105.58"), D("202.24"))


def test_econ_table(doc):
    t = doc.table("gpb_basic")
    r = t.find(code="30113")
    assert (r.name, r.get("决算数"), r.group) == ("住房公积金", D("17.70"), "人员经费")
    r = t.find(code="30239")
    assert (r.name, r.get("决算数"), r.group) == ("其他交通费用", D("2.43"), "公用经费")
    assert t.find(code="30108").name == "机关事业单位基本养老保险缴费"
    assert t.find(name="人员经费合计").get("决算数") == D("95.36")
    pub = t.find(name="公用经费合计")
    assert (pub.code, pub.get("决算数"), pub.group) == ("", D("10.23"), "公用经费")


def test_sangong_empty_with_note(doc):
    t = doc.table("sangong")
    assert t.empty
    assert "本表无数据" in t.note
    assert "预算数|公务接待费" in t.columns and "决算数|合计" in t.columns and len(t.columns) == 12
    for kind in ("fund", "soe"):
        assert doc.table(kind).empty and "本表无数据" in doc.table(kind).note


def test_narrative_sentence_whole(doc):
    want = "本年支出合计307.82万元，其中：基本支出105.58万元，占34.30%"
    hits = [s for s in doc.sentences if want in s.text.replace(" ", "")]
    assert hits, "the sentence should come back whole"
    s = hits[0]
    assert (s.page, s.line, s.part) == (17, 11, 3)
    assert "项目支出202.24万元，占65.70%。" in s.text.replace(" ", "")


def test_reading_order_and_lines(shanghai_pdf):
    src = read(shanghai_pdf)
    assert src.kind == "pdf" and src.pages == 24
    page6 = [it for it in src.items if it.page == 6]
    assert isinstance(page6[0], Line) and page6[0].text == "收入决算表" and page6[0].line == 1
    grid = next(it for it in page6 if isinstance(it, Grid))
    assert grid.line == 3 and grid.row_lines[:2] == [3, 4] and set(grid.row_pages) == {6}
    assert grid.rows[0][:3] == ["项目", None, "本年收入合计"]  # "项目" spans two columns
    # running text is built from characters: numbers whole, wrapped lines flagged as continuing
    p17 = [it for it in src.items if isinstance(it, Line) and it.page == 17]
    wrapped = next(ln for ln in p17 if ln.text.startswith("本年支出合计"))
    assert wrapped.continues and "105.58" in wrapped.text
    assert not next(ln for ln in p17 if ln.text.startswith("34.30%")).continues


def test_template_pdf(template_pdf):
    doc = load_document(template_pdf)
    assert doc.tables
    for t in doc.tables:
        assert t.empty, t.kind
    assert doc.table("income") is not None and doc.table("sangong") is not None


# ------------------------------------------------------------------------------------------------
# A generated PDF: 类 | 款 | 项 printed apart, thousands separators, a table over a page break


def _body_rows(n: int) -> list[tuple[str, ...]]:
    """款 and 项 rows; the 类 cell is left blank on every other block (carried down from the row above)."""
    out = []
    for i in range(n):
        kuan = f"{i + 1:02d}"
        amount = D(1511) + D(i) + D("0.90")
        lei = "201" if i % 2 == 0 else ""
        cells = (f"{amount * 2:,.2f}", f"{amount:,.2f}", f"{amount:,.2f}")
        out.append((lei, kuan, "", f"款{i + 1}名称", *cells))
        out.append((lei, kuan, "01", f"项{i + 1}行政运行", *cells))
    return out


def make_lkx_pdf(path: Path, n: int = 30, repeat_header: bool = False) -> list[tuple]:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    style = ParagraphStyle("zh", fontName="STSong-Light", fontSize=12, leading=16)
    body = _body_rows(n)
    data = [
        ["科目编码", "", "", "科目名称", "本年支出", "", ""],
        ["类", "款", "项", "", "合计", "基本支出", "项目支出"],
        ["201", "", "", "一般公共服务支出", "99,999.00", "1,234.50", "98,764.50"],
        *[list(r) for r in body],
        ["合计", "", "", "", "100,000.00", "1,235.50", "98,764.50"],
    ]
    table = Table(data, repeatRows=2 if repeat_header else 0)
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), "STSong-Light"),
                ("FONTSIZE", (0, 0), (-1, -1), 10),
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("SPAN", (0, 0), (2, 0)),
                ("SPAN", (3, 0), (3, 1)),
                ("SPAN", (4, 0), (6, 0)),
                ("SPAN", (0, -1), (3, -1)),
            ]
        )
    )
    story = [
        Paragraph("测试市财政局2024年度部门决算", style),
        Spacer(1, 12),
        Paragraph("一般公共预算财政拨款支出决算表", style),
        Paragraph("单位：万元", style),
        Spacer(1, 6),
        table,
        Paragraph("注：本表反映部门本年度一般公共预算财政拨款支出情况。", style),
    ]
    SimpleDocTemplate(str(path), pagesize=A4).build(story)
    return body


@pytest.mark.parametrize("repeat_header", [False, True])
def test_generated_lkx_table_over_page_break(tmp_path, repeat_header):
    pdf = tmp_path / "lkx.pdf"
    body = make_lkx_pdf(pdf, repeat_header=repeat_header)
    doc = load_document(pdf)
    assert doc.year == 2024
    tables = [t for t in doc.tables if t.kind == "gpb_expense"]
    assert len(tables) == 1, "the continuation on the next page is the same table"
    t = tables[0]
    assert t.columns == ["合计", "基本支出", "项目支出"]
    assert t.rows[0].code == "201" and t.rows[0].get("合计") == D("99999.00")
    codes = [r.code for r in t.rows]
    assert len(t.rows) == 1 + len(body) + 1
    assert "20101" in codes and "2010101" in codes and "2013001" in codes  # 类 carried down where blank
    r = t.find(code="2010601")
    assert r.name == "项6行政运行"
    assert r.get("合计") == D("3033.80") and r.get("基本支出") == D("1516.90")
    assert isinstance(r.get("项目支出"), D) and str(r.get("项目支出")) == "1516.90"
    assert {r.page for r in t.rows} >= {1, 2}
    total = t.total_row()
    assert total.name == "合计" and total.get("合计") == D("100000.00") and total.page == max(r.page for r in t.rows)
    assert not any(r.name in ("类", "科目名称") for r in t.rows)  # a repeated header is no row


# ------------------------------------------------------------------------------------------------
# A generated 河南-style PDF: 行次 columns, 栏次 rows, title ruled into the table, 三公 with all 预算数
# first, and 经济分类 in three column groups


def _ruled(data, spans=()):
    from reportlab.lib import colors
    from reportlab.platypus import Table, TableStyle

    t = Table(data)
    style = [
        ("FONTNAME", (0, 0), (-1, -1), "STSong-Light"),
        ("FONTSIZE", (0, 0), (-1, -1), 7),
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
    ]
    style += [("SPAN", a, b) for a, b in spans]
    t.setStyle(TableStyle(style))
    return t


def make_henan_pdf(path: Path) -> None:
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    st = ParagraphStyle("zh", fontName="STSong-Light", fontSize=11, leading=15)
    story = [Paragraph("测试县教育局2023年度部门决算公开", st), Paragraph("公开01表", st), Paragraph("收入支出决算总表", st)]
    story.append(Paragraph("部门名称：测试县教育局 单位：万元", st))
    story.append(
        _ruled(
            [
                ["收入", "", "", "支出", "", ""],
                ["项目", "行次", "金额", "项目", "行次", "金额"],
                ["栏次", "", "1", "栏次", "", "2"],
                ["一、一般公共预算财政拨款收入", "1", "1,200.50", "一、一般公共服务支出", "32", "1,000.00"],
                ["", "2", "", "二、教育支出", "33", "200.50"],
                ["本年收入合计", "3", "1,200.50", "本年支出合计", "34", "1,200.50"],
            ],
            spans=[((0, 0), (2, 0)), ((3, 0), (5, 0))],
        )
    )
    story.append(PageBreak())
    # the title and unit ruled into the top of the table; one 7-digit code column; a 栏次 row
    story.append(
        _ruled(
            [
                ["公开05表 一般公共预算财政拨款支出决算表", "", "", "", ""],
                ["单位：万元", "", "", "", ""],
                ["科目编码", "科目名称", "本年支出", "", ""],
                ["", "", "小计", "基本支出", "项目支出"],
                ["栏次", "", "1", "2", "3"],
                ["合计", "", "1,200.50", "1,000.00", "200.50"],
                ["2050101", "行政运行", "1,000.00", "1,000.00", ""],
                ["2050299", "其他普通教育支出", "200.50", "", "200.50"],
            ],
            spans=[((0, 0), (4, 0)), ((0, 1), (4, 1)), ((2, 2), (4, 2)), ((0, 2), (0, 3)), ((1, 2), (1, 3))],
        )
    )
    story.append(PageBreak())
    story += [Paragraph("公开06表", st), Paragraph("一般公共预算财政拨款基本支出决算明细表", st), Paragraph("单位：万元", st)]
    story.append(
        _ruled(
            [
                ["人员经费", "", "", "公用经费", "", "", "", "", ""],
                ["科目编码", "科目名称", "决算数", "科目编码", "科目名称", "决算数", "科目编码", "科目名称", "决算数"],
                ["301", "工资福利支出", "900.00", "302", "商品和服务支出", "80.00", "310", "资本性支出", "20.00"],
                ["30101", "基本工资", "500.00", "30201", "办公费", "80.00", "31002", "办公设备购置", "20.00"],
                ["人员经费合计", "", "900.00", "公用经费合计", "", "", "", "", "100.00"],
            ],
            spans=[((0, 0), (2, 0)), ((3, 0), (8, 0)), ((0, 4), (1, 4)), ((3, 4), (7, 4))],
        )
    )
    story.append(PageBreak())
    story += [Paragraph("公开09表", st), Paragraph("财政拨款“三公”经费支出决算表", st), Paragraph("单位：万元", st)]
    items = ["合计", "因公出国（境）费", "小计", "公务用车购置费", "公务用车运行维护费", "公务接待费"]
    story.append(
        _ruled(
            [
                ["预算数"] + [""] * 5 + ["决算数"] + [""] * 5,
                items + items,
                ["10.00", "0.00", "6.00", "0.00", "6.00", "4.00", "8.50", "0.00", "5.00", "0.00", "5.00", "3.50"],
            ],
            spans=[((0, 0), (5, 0)), ((6, 0), (11, 0))],
        )
    )
    SimpleDocTemplate(str(path), pagesize=landscape(A4)).build(story)


def test_generated_henan_shapes(tmp_path):
    pdf = tmp_path / "henan.pdf"
    make_henan_pdf(pdf)
    doc = load_document(pdf)
    assert [t.kind for t in doc.tables] == ["income_expense_total", "gpb_expense", "gpb_basic", "sangong"]
    assert doc.department == "测试县教育局" and doc.year == 2023
    # numbers printed above the titles belong to the table below, not to the one above
    assert [t.number for t in doc.tables] == ["公开01表", "公开05表", "公开06表", "公开09表"]

    total = doc.table("income_expense_total")
    assert total.find(name="一、一般公共预算财政拨款收入", side="收入").get("决算数") == D("1200.50")
    assert total.find(name="二、教育支出", side="支出").get("决算数") == D("200.50")  # 行次 33 is no value
    assert total.find(name="本年支出合计", side="支出").get("决算数") == D("1200.50")
    assert not any(r.name == "栏次" for r in total.rows)

    gpb = doc.table("gpb_expense")  # its title was ruled into the table
    assert gpb.number == "公开05表" and gpb.unit == "万元"
    assert gpb.columns == ["合计", "基本支出", "项目支出"]
    assert [(r.code, r.name) for r in gpb.rows] == [("", "合计"), ("2050101", "行政运行"), ("2050299", "其他普通教育支出")]
    r = gpb.find(code="2050299")
    assert (r.get("合计"), r.get("基本支出"), r.get("项目支出")) == (D("200.50"), None, D("200.50"))

    econ = doc.table("gpb_basic")
    assert econ.find(code="31002").get("决算数") == D("20.00") and econ.find(code="31002").group == "公用经费"
    assert econ.find(code="30101").group == "人员经费"
    assert econ.find(name="人员经费合计").get("决算数") == D("900.00")
    assert econ.find(name="公用经费合计").get("决算数") == D("100.00")

    sg = doc.table("sangong")
    row = sg.rows[0]
    assert row.get("预算数|合计") == D("10.00") and row.get("决算数|合计") == D("8.50")
    assert row.get("预算数|公务用车购置及运行维护费") == D("6.00") and row.get("决算数|公务接待费") == D("3.50")
    assert not sg.empty
