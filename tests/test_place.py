"""Placement of the figures of rows whose blank cells vanished (上海 text), by the table's identities
(src/juesuan/tables/place.py): unique → placed, several → ambiguous, none of a row's own → impossible (T011)."""

from __future__ import annotations

import time
from decimal import Decimal
from pathlib import Path

import pytest

from juesuan.checks import check_document
from juesuan.pipeline import load_document
from juesuan.synth.corpus import generate
from juesuan.tables.model import Row, Table
from juesuan.tables.place import analyse, cell_bounds, place_across, place_table, place_tables

REAL = Path(__file__).resolve().parents[1].parent / "shared" / "corpus-real"
D = Decimal


def _row(code, name, *vals, figures=None):
    cols = ["合计", "基本支出", "项目支出"]
    if figures is not None:
        values = {c: None for c in cols}
        values["合计"] = D(figures[0].replace(",", ""))
        return Row(code, name, values, line=1, partial=True, text=f"{code} {name} {' '.join(figures)}",
                   extra={"figures": list(figures)})
    return Row(code, name, {c: (D(v) if v != "" else None) for c, v in zip(cols, vals)}, line=1)


def _table(rows):
    return Table("gpb_expense", "一般公共预算财政拨款支出决算表", "表五 一般公共预算财政拨款支出决算表", "表五", "万元",
                 ["合计", "基本支出", "项目支出"], rows)


def test_unique_placement_by_column_sums():
    # 208 1493.32 = 1460.16 + 33.16 (read whole). 20805 "1,460.16 1,460.16" and 20808 "33.16 33.16" each fit
    # 合计 = 基本 + 项目 two ways; the 208 column sums decide: 基本 1460.16 = 20805 + 20808 needs 20805 in 基本
    # and 20808 not (1460.16 + 33.16 = 1493.32 ≠ 1460.16); 项目 33.16 likewise puts 20808 in 项目.
    t = _table([_row("208", "社会保障和就业支出", "1493.32", "1460.16", "33.16"),
                _row("20805", "行政事业单位养老支出", figures=["1,460.16", "1,460.16"]),
                _row("20808", "抚恤", figures=["33.16", "33.16"])])
    out = place_table(t)
    assert out.count("placed") == 2
    r1, r2 = t.rows[1], t.rows[2]
    assert (r1.values["基本支出"], r1.values["项目支出"]) == (D("1460.16"), None)
    assert (r2.values["基本支出"], r2.values["项目支出"]) == (None, D("33.16"))
    assert not r1.partial and r1.extra["placed"] == "identity"
    assert list(t.to_frame()["placed"].fillna("")) == ["", "identity", "identity"]  # the tables export tells


def test_ambiguous_when_nothing_decides():
    # Every row prints "x x": all in 基本支出 or all in 项目支出 satisfies every identity (100 = 60 + 40 per
    # column either way): ambiguous, the rows stay partial; 合计 (the first figure) is agreed.
    t = _table([_row("", "合计", figures=["100.00", "100.00"]),
                _row("201", "一般公共服务支出", figures=["100.00", "100.00"]),
                _row("20101", "人大事务", figures=["100.00", "100.00"]),
                _row("2010101", "行政运行", figures=["60.00", "60.00"]),
                _row("2010102", "一般行政管理事务", figures=["40.00", "40.00"])])
    out = place_table(t)
    assert out.count("ambiguous") == 5 and out.count("placed") == 0
    assert all(r.partial for r in t.rows)
    assert t.rows[3].extra["agreed"] == {"合计": D("60.00")}
    assert cell_bounds(t.rows[3], "基本支出") == (D(0), D("60.00"))


def test_impossible_row_and_others_still_placed():
    # "2101101 行政单位医疗 133.90 122.24" (seed 129's plant): 133.90 = 122.24 + 0, 133.90 = 0 + 122.24 and
    # 0 = 133.90 + 122.24 all fail → impossible; 2101102 "40.00 40.00" is still placed by 21011's 项目 column
    # (21011 项目 40.00 = 2101101 项目 ? + 2101102 项目 ?; 基本 133.90 must come from 2101101, so 2101102 in 项目).
    t = _table([_row("21011", "行政事业单位医疗", "173.90", "133.90", "40.00"),
                _row("2101101", "行政单位医疗", figures=["133.90", "122.24"]),
                _row("2101102", "事业单位医疗", figures=["40.00", "40.00"])])
    out = place_table(t)
    assert out.rows[1].status == "impossible"
    assert t.rows[1].partial
    # with 2101101's 基本/项目 unknown, the 款 column checks that involve it cannot be evaluated: 2101102 stays open
    assert out.rows[2].status in ("placed", "ambiguous")


def test_pathological_table_stays_fast_and_partial():
    # 200 rows of "x x" under one 合计 with 9 columns: C(9, 2) = 36 placements a row, 36^200 jointly — pruned
    # per identity (capped) and left ambiguous, in well under a second.
    cols = ["本年收入合计", "财政拨款收入", "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入", "a", "b"]
    rows = [Row("", "合计", {c: None for c in cols}, line=1, partial=True, extra={"figures": ["200.00", "200.00"]})]
    for k in range(200):
        rows.append(Row(f"2{k:02d}"[:3] if k < 100 else f"3{k - 100:02d}", "类", {c: None for c in cols}, line=1,
                        partial=True, extra={"figures": ["1.00", "1.00"]}))
    t = Table("income", "收入决算表", "收入决算表", None, "万元", cols, rows)
    t0 = time.perf_counter()
    out = place_table(t)
    assert time.perf_counter() - t0 < 5
    assert out.count("placed") == 0


def test_sangong_row_ambiguous_parts_and_bounds():
    # seed 77 (上海 text): "12.15 8.67 10.98 7.50 10.98 7.50 1.17 1.17" under 合计 | 因公出国 | 公务用车 小计 |
    # 购置 | 运行 | 接待, 预算数/决算数 per item. 12.15 = 0 + 10.98 + 1.17, 8.67 = 0 + 7.50 + 1.17; 10.98 / 7.50 go to
    # 购置 or 运行 (小计 = 购置 + 运行 either way): ambiguous there, agreed elsewhere; 运行 决算 ≤ 7.50 in every placement.
    g = generate(77, "shanghai", "txt")
    p = Path("/tmp") / "test_place_77.txt"
    p.write_bytes(g.content)
    doc = load_document(p)
    sg = doc.table("sangong")
    row = sg.rows[0]
    assert row.partial and row.extra["agreed"]["决算数|合计"] == D("8.67")
    assert row.extra["agreed"]["决算数|公务接待费"] == D("1.17")
    assert cell_bounds(row, "决算数|公务用车运行维护费") == (D(0), D("7.50"))
    res = check_document(doc)
    x043 = [f for f in res.findings if f.rule == "X043"]
    assert x043 and "30231 8.24" in x043[0].text  # the planted 基本支出 line 8.24 > 7.50


@pytest.mark.parametrize("seed,text", [(21, "2101102 事业单位医疗 12.86 21.31"), (129, "2101101 行政单位医疗 133.90 122.24")])
def test_planted_second_column_found(seed, text):
    # seed 21: 表二 收入决算表 row printed "12.86 21.31": 12.86 = 21.31 (one source) fails, 0 = 12.86 + 21.31
    # fails; seed 129: 表五 "133.90 122.24" (see above). Both: T011 error quoting the row.
    g = generate(seed, "shanghai", "txt")
    assert any(pl["kind"] == "table_cell" and pl["text"] == text for pl in g.labels["planted"])
    p = Path("/tmp") / f"test_place_{seed}.txt"
    p.write_bytes(g.content)
    res = check_document(load_document(p))
    t011 = [f for f in res.findings if f.rule == "T011"]
    assert [f.severity for f in t011] == ["error"] and t011[0].text == text


@pytest.mark.skipif(not REAL.exists(), reason="shared real corpus not available")
def test_real_2025_texts():
    # 文旅 2025: 收入决算表 and 支出决算表 print every row as "x x" or "x y z" under 7 / 6 columns whose optional parts
    # (财政拨款收入 … 其他收入; 基本支出 … 对附属单位补助支出) no printed row fills all at once, so every reading that keeps
    # the printed order and puts the same columns together holds: e.g. 合计 26,538.47 = 9,800.36 + 16,738.11 with
    # 207 17,130.42 = 7,374.19 + 9,756.23, 208 1,493.32 = 1,460.16 + 33.16 … in 基本/项目, or in 上缴/经营 alike.
    # The identities cannot decide: 42 + 42 rows stay ambiguous (their 合计 column is agreed, as before).
    # 公开05表 is the misread table (figures shifted against the labels from 20709 on, T010): no placement holds
    # every identity (e.g. 2079999 "1,460.16 1,460.16" under 20799 "20.00 20.00"), nothing is placed, no T011.
    # 政府性基金表: its 合计 line carries header words ("合计 0 2002.80 合计 基本支出 项目支出 0"): 3 figures against the
    # classes' 0 2.80 2.80 2.80 0 + 0 2,000.00 …: inconsistent, nothing placed.
    # 生态环境 2025 prints its zeros: no partial row at all.
    # The 收入决算表's 合计 row is then placed by the 财政拨款收入支出决算总表 (place_across: its 本年收入合计 26,538.47
    # is the 财政拨款收入 cell; the other sources blank), and the column sums place 30 rows more (every other source
    # 0 in the 合计 is 0 in each 类 and 款); the 11 项 rows of 20701 (6 placements each: 6^11 combinations, more than
    # are enumerated) are placed by the bounds of their 款's identities (20701's 上级补助收入 … 其他收入 are blank, so no
    # 项 can put its figure there): every row of the table is placed, 财政拨款收入 = 本年收入合计 in each.
    wenlv = load_document(REAL / "shanghai-putuo-wenlv-2025.txt")
    got = {t.kind: analyse(t) for t in wenlv.tables if t.kind in ("income", "expense", "gpb_expense", "fund")}
    inc_rows = wenlv.table("income").rows
    assert inc_rows[0].extra["placed"] == "cross" and inc_rows[0].values["财政拨款收入"] == D("26538.47")
    assert sum(1 for r in inc_rows if r.extra.get("placed")) == 42 == len(inc_rows)
    assert all(r.values["财政拨款收入"] == r.values["本年收入合计"] for r in inc_rows if r.extra.get("placed"))
    assert not got["income"].rows  # nothing left to place
    assert got["expense"].count("ambiguous") == 42
    assert not got["gpb_expense"].consistent and got["gpb_expense"].count("placed") == 0
    assert not got["fund"].consistent
    inc = wenlv.table("income")
    r = next(r for r in inc.rows if r.code == "2070105")
    assert not r.partial and r.values["本年收入合计"] == r.values["财政拨款收入"] == D("1700.57")
    shengtai = load_document(REAL / "shanghai-putuo-shengtaihuanjing-2025.txt")
    assert not any(r.partial for t in shengtai.tables for r in t.rows if t.kind in ("income", "expense", "gpb_expense"))
    for doc in (wenlv, shengtai):
        res = check_document(doc)
        assert not [f for f in res.findings if f.rule == "T011"]


def test_misread_table_gets_no_t011():
    # The T010 case table (tests/rules/T010.toml): from 208 on every label carries the figures of the row above
    # (208 blank, 20805 90.00 …, 合计 35.50 ≠ 300 + 0 + 20): marked misread. A row there printing "45.00 41.00"
    # (45.00 ≠ 41.00 + 0, ≠ 0 + 41.00) fits no placement, but nothing is reported from a misread table.
    from juesuan.document import Document

    rows = [_row("201", "一般公共服务支出", "300.00", "200.00", "100.00"),
            _row("20101", "人大事务", "120.00", "80.00", "40.00"),
            _row("2010101", "行政运行", "80.00", "80.00", ""),
            _row("2010102", "一般行政管理事务", "40.00", "", "40.00"),
            _row("20103", "政府办公厅（室）及相关机构事务", "180.00", "120.00", "60.00"),
            _row("2010301", "行政运行", "120.00", "120.00", ""),
            _row("2010350", "事业运行", figures=["45.00", "41.00"]),
            _row("208", "社会保障和就业支出", "", "", ""),
            _row("20805", "行政事业单位养老支出", "90.00", "90.00", ""),
            _row("2080501", "行政单位离退休", "90.00", "90.00", ""),
            _row("2080505", "机关事业单位基本养老保险缴费支出", "30.00", "30.00", ""),
            _row("2080506", "机关事业单位职业年金缴费支出", "40.00", "40.00", ""),
            _row("221", "住房保障支出", "20.00", "20.00", ""),
            _row("22102", "住房改革支出", "35.50", "35.50", ""),
            _row("2210201", "住房公积金", "35.50", "35.50", ""),
            _row("", "合计", "35.50", "35.50", "")]
    t = _table(rows)
    assert analyse(t).rows[6].status == "impossible"
    doc = Document(path="m.txt", kind="txt", department="测试局", year=2024, unit="万元", parts=[], sections=[],
                   paragraphs=[], sentences=[], tables=[t], lines=[])
    res = check_document(doc)
    assert any(f.rule == "T010" for f in res.findings)
    assert not [f for f in res.findings if f.rule == "T011"]


def _fund_row(code, name, figures):
    cols = ["年初结转和结余", "本年收入", "本年支出合计", "基本支出", "项目支出", "年末结转和结余"]
    return Row(code, name, {c: None for c in cols}, line=1, partial=True, text=f"{code} {name} {' '.join(figures)}",
               extra={"figures": list(figures)})


def _fiscal_total(income, spend):
    cols = ["决算数", "合计", "一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款"]
    gov = "政府性基金预算财政拨款"
    return Table("fiscal_total", "财政拨款收入支出决算总表", "财政拨款收入支出决算总表", "表四", "万元", cols, [
        Row("", "一般公共预算财政拨款", {"决算数": D("100.00")}, line=1, side="收入"),
        Row("", gov, {"决算数": D(income)}, line=1, side="收入"),
        Row("", "本年收入合计", {"决算数": D("100.00") + D(income)}, line=1, side="收入"),
        Row("", "本年支出合计", {"合计": D("100.00") + D(spend), "一般公共预算财政拨款": D("100.00"), gov: D(spend)},
            line=1, side="支出"),
        Row("207", "文化旅游体育与传媒支出", {"合计": D(spend), gov: D(spend)}, line=1, side="支出")])


def test_fund_rows_narrowed_by_the_fiscal_total():
    # 政府性基金表 "合计 2.80 2.80 2.80" under 年初 | 本年收入 | 本年支出合计 | 基本 | 项目 | 年末: seven placements satisfy
    # 支出合计 = 基本 + 项目 and 年初 + 收入 − 支出 = 年末 (2.80 in 年初 or 收入, in 支出合计 or not …), so nothing is agreed;
    # the 财政拨款总表 prints 政府性基金 收入 2.80 and 本年支出合计 2.80: two placements remain (基本 or 项目), both with
    # 本年收入 = 本年支出合计 = 2.80 — a narrative "政府性基金…支出 3.00 万元" now meets a figure.
    fund = Table("fund", "政府性基金预算财政拨款收入支出决算表", "政府性基金预算财政拨款收入支出决算表", "表八", "万元",
                 ["年初结转和结余", "本年收入", "本年支出合计", "基本支出", "项目支出", "年末结转和结余"],
                 [_fund_row("", "合计", ["2.80", "2.80", "2.80"]), _fund_row("207", "文化旅游体育与传媒支出", ["2.80", "2.80", "2.80"])])
    place_table(fund)
    assert fund.rows[0].extra["agreed"] == {} and len(fund.rows[0].extra["placements"]) == 7
    place_across([fund, _fiscal_total("2.80", "2.80")])
    total, lei = fund.rows
    assert total.partial and len(total.extra["placements"]) == 2
    assert total.extra["agreed"]["本年收入"] == D("2.80") and total.extra["agreed"]["本年支出合计"] == D("2.80")
    assert lei.extra["agreed"] == {"本年支出合计": D("2.80")}


def test_fund_rows_left_alone_when_the_tables_disagree():
    # The 总表 prints 政府性基金 支出 5.00: no placement of "2.80 2.80 2.80" gives it, the row is left as it was (T006
    # compares the two tables' totals), never forced.
    fund = Table("fund", "政府性基金预算财政拨款收入支出决算表", "政府性基金预算财政拨款收入支出决算表", "表八", "万元",
                 ["年初结转和结余", "本年收入", "本年支出合计", "基本支出", "项目支出", "年末结转和结余"],
                 [_fund_row("", "合计", ["2.80", "2.80", "2.80"])])
    place_table(fund)
    place_across([fund, _fiscal_total("5.00", "5.00")])
    assert fund.rows[0].partial and len(fund.rows[0].extra["placements"]) == 7


def test_narrative_income_against_the_row_placed_by_the_fiscal_total(tmp_path):
    # 文旅 2025 with its narrative's 财政拨款收入 (l.455) printed 26583.47 instead of 26538.47: the 收入决算表 prints its
    # 合计 row "26,538.47 26,538.47" (blank cells vanished: 财政拨款收入 or another source?), the 总表 prints 本年收入合计
    # 26,538.47: the cell is 财政拨款收入 26538.47, every table prints it, and the narrative's figure is found.
    text = (REAL / "shanghai-putuo-wenlv-2025.txt").read_text(encoding="utf-8").split("\n")
    assert "财政拨款收入 26538.47" in text[454]
    text[454] = text[454].replace("财政拨款收入 26538.47", "财政拨款收入 26583.47")
    p = tmp_path / "wenlv.txt"
    p.write_text("\n".join(text), encoding="utf-8")
    res = check_document(load_document(p))
    got = [f for f in res.findings if f.rule == "N001" and "26583.47" in (f.stated or "")]
    assert got and got[0].severity == "error" and got[0].expected.startswith("26538.47")


_INCOME = ["本年收入合计", "财政拨款收入", "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入"]


def _income_row(code, name, figures):
    values = {c: None for c in _INCOME}
    return Row(code, name, values, line=1, partial=True, text=f"{code} {name} {' '.join(figures)}",
               extra={"figures": list(figures)})


def _income_expense_total(lines):
    """收入支出决算总表 收入 side rows as page text prints them: (label, figure or None) — a label with no figure is a
    line that prints none (both sides blank)."""
    rows = [Row("", label, {"决算数": D(v) if v else None}, line=1, side="收入", partial=v is None,
                text=f"{label} {v or ''} 支出项目".strip()) for label, v in lines]
    return Table("income_expense_total", "收入支出决算总表", "收入支出决算总表", "表一", "万元", ["决算数"], rows)


def test_income_total_placed_by_the_income_expense_total():
    # synth seed 15 (上海 text): 收入决算表 合计 "521.78 518.29 3.12 0.37" — 0.37 could be 经营, 附属 or 其他 收入; the
    # 收入支出决算总表 prints "五、事业收入 3.12" and "八、其他收入 0.37", and "六、经营收入 六、科学技术支出" with no figure
    # at all: 其他收入 it is. Then the column sums place the 类 rows: "208 … 81.38 81.38" is all 财政拨款 (事业 and 其他
    # are taken by 220 "340.46 336.97 3.12 0.37"). A blank of the 总表 is exactly 0.00, never "close" to 0.37.
    inc = Table("income", "收入决算表", "收入决算表", "表二", "万元", _INCOME, [
        _income_row("", "合计", ["521.78", "518.29", "3.12", "0.37"]),
        _income_row("208", "社会保障和就业支出", ["81.38", "81.38"]),
        _income_row("220", "自然资源海洋气象等支出", ["340.46", "336.97", "3.12", "0.37"]),
        _income_row("221", "住房保障支出", ["99.94", "99.94"])])
    iet = _income_expense_total([("一、一般公共预算财政拨款收入", "518.29"), ("四、上级补助收入", None),
                                 ("五、事业收入", "3.12"), ("六、经营收入", None), ("七、附属单位上缴收入", None),
                                 ("八、其他收入", "0.37")])
    place_tables([inc, iet])
    total, r208, r220, r221 = inc.rows
    assert total.extra["placed"] == "cross" and total.values["其他收入"] == D("0.37") and total.values["经营收入"] is None
    assert not r208.partial and r208.values["财政拨款收入"] == D("81.38")
    assert r220.values["事业收入"] == D("3.12") and r220.values["其他收入"] == D("0.37")
    assert r221.values["财政拨款收入"] == D("99.94")


def test_income_total_left_when_a_source_line_prints_a_figure_given_the_other_side():
    # "六、经营收入 六、科学技术支出 0.37": the figure may be either side's — no anchor, the 合计 row stays ambiguous.
    inc = Table("income", "收入决算表", "收入决算表", "表二", "万元", _INCOME,
                [_income_row("", "合计", ["521.78", "518.29", "3.12", "0.37"])])
    iet = _income_expense_total([("五、事业收入", "3.12"), ("六、经营收入", None)])
    iet.rows[1].text = "六、经营收入 六、科学技术支出 0.37"
    place_tables([inc, iet])
    row = inc.rows[0]
    assert row.partial and row.options("经营收入") == [D(0), D("0.37")]


def test_fund_income_anchored_by_a_numbered_fiscal_total_label():
    # synth seed 9021 (上海 text, --plant fund_text): the 财政拨款收入支出决算总表 prints "二、政府性基金预算财政拨款 1042.63"
    # (numbered) and its 本年支出合计 row "3519.17 2476.54 1042.63" is itself partial (政府性基金 or 国有资本经营?), so
    # only the 收入 side anchors: the fund 合计 "1042.63 1042.63 1042.63" gets 本年收入 1042.63 in every placement left.
    fund = Table("fund", "政府性基金预算财政拨款收入支出决算表", "政府性基金预算财政拨款收入支出决算表", "表八", "万元",
                 ["年初结转和结余", "本年收入", "本年支出合计", "基本支出", "项目支出", "年末结转和结余"],
                 [_fund_row("", "合计", ["1042.63", "1042.63", "1042.63"])])
    ft = _fiscal_total("1042.63", "1042.63")
    ft.rows[1].name = "二、政府性基金预算财政拨款"
    ft.rows[3].partial = True  # 本年支出合计: its 政府性基金 column not known
    place_tables([fund, ft])
    row = fund.rows[0]
    assert row.partial and row.extra["agreed"]["本年收入"] == D("1042.63") and len(row.extra["placements"]) == 3
