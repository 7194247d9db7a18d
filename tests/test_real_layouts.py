"""Real table layouts, cell by cell: the 上海 2025 page text (基本支出决算表 with 人员经费 and 公用经费 side by
side, 类 | 款 apart or 5-digit codes, blank cells vanished, names wrapped around the code line; coded tables
whose names wrap above and below the code line), the 上海 2024 PDF, the two grid forms of the 基本支出决算表
(类 | 款 in separate cells; the 款 number glued to the name under a "301" group cell), and the generator's
上海 2025 text layout.

Every figure asserted here is read off the printed page (line numbers given); every identity is proved by the
arithmetic in the comments.
"""

from __future__ import annotations

import random
from decimal import Decimal as D
from pathlib import Path

import pytest

from juesuan.checks import Config, check_document
from juesuan.pipeline import load_document
from juesuan.ingest.model import Grid, Line
from juesuan.synth import draw_department, generate
from juesuan.synth.ir import Cell
from juesuan.synth.render import build_doc, draw_options
from juesuan.tables.build import build_table, match_title

REAL = Path(__file__).resolve().parents[1].parent / "shared" / "corpus-real"
SHENGTAI = REAL / "shanghai-putuo-shengtaihuanjing-2025.txt"
WENLV = REAL / "shanghai-putuo-wenlv-2025.txt"
PDF24 = REAL / "shanghai-putuo-shehuigongzuobu-2024.pdf"


def _doc(path: Path):
    if not path.exists():
        pytest.skip(f"{path} not found (the shared corpus lives next to the repository, in ../shared)")
    return load_document(path)


@pytest.fixture(scope="module")
def shengtai():
    return _doc(SHENGTAI)


@pytest.fixture(scope="module")
def wenlv():
    return _doc(WENLV)


@pytest.fixture(scope="module")
def pdf24():
    return _doc(PDF24)


def _rows(t):
    return {(r.code or r.name): r for r in t.rows}


def _cell(t, key):
    r = _rows(t)[key]
    return r.code, r.name, r.values["决算数"], r.group


def _identities(t):
    """(class = Σ 款 for every class; 人员经费合计 = Σ 301+303; 公用经费合计 = Σ other classes), each as
    (printed, sum, number of printed terms)."""
    v = lambda r: r.values["决算数"] or D(0)  # noqa: E731
    classes = [r for r in t.rows if len(r.code) == 3]
    out = {}
    for c in classes:
        kids = [r for r in t.rows if len(r.code) == 5 and r.code.startswith(c.code)]
        out[c.code] = (v(c), sum(map(v, kids), D(0)), len(kids))
    for r in t.rows:
        if not r.code and r.group:
            terms = [c for c in classes if c.group == r.group]
            out[r.name] = (v(r), sum(map(v, terms), D(0)), len(terms))
    return out


def _holds(printed, total, n):
    """Equal within the rounding of n + 1 figures printed to 2 decimals (±0.005 each)."""
    return abs(printed - total) <= D("0.005") * (n + 1)


# ------------------------------------------------------------------------------------------------
# 基本支出决算表, 上海 2025 text: 类 | 款 apart, names wrapped around the code line (生态环境局, lines 298–346)


def test_shengtai_basic_table_cell_by_cell(shengtai):
    t = shengtai.table("gpb_basic")
    assert _cell(t, "301") == ("301", "工资福利支出", D("2857.05"), "人员经费")
    assert _cell(t, "30101") == ("30101", "基本工资", D("405.36"), "人员经费")  # "301 01 基本工资 405.36 302 01 …"
    assert _cell(t, "30201") == ("30201", "办公费", D("92.11"), "公用经费")
    # "机关事业单位基本" / "301 08 229.67 302 07 邮电费 3.48" / "养老保险缴费"
    assert _cell(t, "30108") == ("30108", "机关事业单位基本养老保险缴费", D("229.67"), "人员经费")
    assert _cell(t, "30207") == ("30207", "邮电费", D("3.48"), "公用经费")
    # "301 11 公务员医疗补助缴 0.00 302 11 差旅费 1.75" / "费 因公出国（境）费" / "301 12 … 302 12 0.00" / "用"
    assert _cell(t, "30111") == ("30111", "公务员医疗补助缴费", D("0.00"), "人员经费")
    assert _cell(t, "30212") == ("30212", "因公出国（境）费用", D("0.00"), "公用经费")
    assert _cell(t, "30231") == ("30231", "公务用车运行维护费", D("16.95"), "公用经费")
    # "其他对个人和家庭 其他商品和服务支" / "303 99 0.00 302 99 9.07" / "的补助 出"
    assert _cell(t, "30399") == ("30399", "其他对个人和家庭的补助", D("0.00"), "人员经费")
    assert _cell(t, "30299") == ("30299", "其他商品和服务支出", D("9.07"), "公用经费")
    assert _cell(t, "310") == ("310", "资本性支出", D("14.44"), "公用经费")
    assert _cell(t, "31007") == ("31007", "信息网络及软件购置更新", D("0.00"), "公用经费")
    assert _cell(t, "人员经费合计") == ("", "人员经费合计", D("2949.02"), "人员经费")
    assert _cell(t, "公用经费合计") == ("", "公用经费合计", D("416.36"), "公用经费")
    assert len([r for r in t.rows if r.code]) == 64  # 4 classes + 13 + 26 + 12 + 9 款


def test_shengtai_basic_table_identities_hold(shengtai):
    ids = _identities(shengtai.table("gpb_basic"))
    # 人员经费合计 2949.02 = 301 2857.05 + 303 91.97 = 2949.02 exactly
    assert ids["人员经费合计"][:2] == (D("2949.02"), D("2949.02"))
    # 公用经费合计 416.36 vs 302 401.93 + 310 14.44 = 416.37: 0.01 within the rounding of three figures
    assert ids["公用经费合计"][:2] == (D("416.36"), D("416.37"))
    # 301: 405.36+1023.54+0+20.40+655.52+229.67+116.59+109.34+0+7.17+207.69+0+81.77 = 2857.05
    assert ids["301"][:2] == (D("2857.05"), D("2857.05"))
    # 310: 0+13.94+0.49+0+0+0+0+0+0 = 14.43 vs 14.44 (尾差)
    assert all(_holds(*x) for x in ids.values()), ids


def test_shengtai_no_t004_error(shengtai):
    res = check_document(shengtai, Config())
    assert not [f for f in res.findings if f.rule == "T004" and f.severity == "error"]


# ------------------------------------------------------------------------------------------------
# 基本支出决算表, 上海 2025 text: 5-digit codes, blank cells vanished (文化和旅游局, lines 356–398)


def test_wenlv_basic_table_cell_by_cell(wenlv):
    t = wenlv.table("gpb_basic")
    assert _cell(t, "30101") == ("30101", "基本工资", D("1050.91"), "人员经费")
    assert _cell(t, "30201") == ("30201", "办公费", D("115.40"), "公用经费")
    # "30103 奖金 30203 咨询费": two blank cells; 30203 is the right group's code, not an amount
    assert _cell(t, "30103") == ("30103", "奖金", None, "人员经费")
    assert _cell(t, "30203") == ("30203", "咨询费", None, "公用经费")
    # "机关事业单位基本养老保" / "30108 699.30 30206 电费" / "险缴费"
    assert _cell(t, "30108") == ("30108", "机关事业单位基本养老保险缴费", D("699.30"), "人员经费")
    assert _cell(t, "30206") == ("30206", "电费", None, "公用经费")
    # "30111 公务员医疗补助缴费 30209 物业管理费 914.38"
    assert _cell(t, "30111") == ("30111", "公务员医疗补助缴费", None, "人员经费")
    assert _cell(t, "30209") == ("30209", "物业管理费", D("914.38"), "公用经费")
    assert _cell(t, "30302") == ("30302", "退休费", D("326.04"), "人员经费")
    assert _cell(t, "30299") == ("30299", "其他商品和服务支出", D("76.60"), "公用经费")
    # "信息网络及软件购置" / "31007" / "更新"
    assert _cell(t, "31007") == ("31007", "信息网络及软件购置更新", None, "公用经费")
    assert _cell(t, "人员经费合计") == ("", "人员经费合计", D("8055.07"), "人员经费")
    assert _cell(t, "公用经费合计") == ("", "公用经费合计", D("1745.29"), "公用经费")
    # no value is a code read as an amount
    assert not [r for r in t.rows if r.values["决算数"] is not None and r.values["决算数"] >= 30000]


def test_wenlv_basic_table_identities_hold(wenlv):
    ids = _identities(wenlv.table("gpb_basic"))
    # 人员经费合计 8055.07 = 301 7728.96 + 303 326.11
    assert ids["人员经费合计"][:2] == (D("8055.07"), D("8055.07"))
    # 公用经费合计 1745.29 = 302 1708.26 + 310 37.03
    assert ids["公用经费合计"][:2] == (D("1745.29"), D("1745.29"))
    # 303 326.11 = 326.04 (退休费) + 0.07 (奖励金)
    assert ids["303"][:2] == (D("326.11"), D("326.11"))
    # 310 37.03 vs 23.09 + 13.93 = 37.02 (尾差); 302 1708.26 vs Σ 1708.25 (尾差)
    assert all(_holds(*x) for x in ids.values()), ids


def test_wenlv_no_t004_error(wenlv):
    res = check_document(wenlv, Config())
    assert not [f for f in res.findings if f.rule == "T004" and f.severity == "error"]


# ------------------------------------------------------------------------------------------------
# 基本支出决算表, 上海 2024 PDF (page 13, ruled grid, 5-digit codes)


def test_pdf24_basic_table_cell_by_cell(pdf24):
    t = pdf24.table("gpb_basic")
    assert _cell(t, "30101") == ("30101", "基本工资", D("14.12"), "人员经费")
    assert _cell(t, "30108") == ("30108", "机关事业单位基本养老保险缴费", D("6.18"), "人员经费")
    assert _cell(t, "30201") == ("30201", "办公费", D("3.78"), "公用经费")
    assert _cell(t, "30239") == ("30239", "其他交通费用", D("2.43"), "公用经费")
    assert _cell(t, "人员经费合计") == ("", "人员经费合计", D("95.36"), "人员经费")
    assert _cell(t, "公用经费合计") == ("", "公用经费合计", D("10.23"), "公用经费")
    ids = _identities(t)
    assert ids["人员经费合计"][:2] == (D("95.36"), D("95.36"))  # 301 95.36 + 303 0.00
    assert ids["公用经费合计"][:2] == (D("10.23"), D("10.23"))  # 302 10.23 + 310 0.00
    assert all(_holds(*x) for x in ids.values()), ids


# ------------------------------------------------------------------------------------------------
# The two other grid forms of the 基本支出决算表


def _grid_table(rows):
    title = Line("一般公共预算财政拨款基本支出决算表", 1, 1)
    return build_table(match_title(title.text), title, [Line("单位：万元", 1, 2), Grid(rows, 1, 3)], None)


def test_grid_lei_kuan_in_separate_cells():
    t = _grid_table([
        ["人员经费", None, None, None, "公用经费", None, None, None],
        ["经济分类科目编码", None, "科目名称", "决算数", "经济分类科目编码", None, "科目名称", "决算数"],
        ["类", "款", None, None, "类", "款", None, None],
        ["301", "", "工资福利支出", "20.00", "302", "", "商品和服务支出", "5.00"],
        ["301", "01", "基本工资", "12.00", "302", "01", "办公费", "5.00"],
        [None, "02", "津贴补贴", "8.00", None, "02", "印刷费", ""],
        ["303", "", "对个人和家庭的补助", "1.00", "", "", "", ""],
        ["303", "02", "退休费", "1.00", "", "", "", ""],
        ["人员经费合计", None, None, "21.00", "公用经费合计", None, None, "5.00"],
    ])
    assert _cell(t, "30101") == ("30101", "基本工资", D("12.00"), "人员经费")
    assert _cell(t, "30102") == ("30102", "津贴补贴", D("8.00"), "人员经费")
    assert _cell(t, "30201") == ("30201", "办公费", D("5.00"), "公用经费")
    assert _cell(t, "30202") == ("30202", "印刷费", None, "公用经费")
    assert _cell(t, "30302") == ("30302", "退休费", D("1.00"), "人员经费")
    assert _cell(t, "人员经费合计") == ("", "人员经费合计", D("21.00"), "人员经费")
    ids = _identities(t)  # 21.00 = 20.00 + 1.00; 5.00 = 5.00
    assert all(p == s for p, s, _ in ids.values()), ids


def test_grid_kuan_number_glued_to_name_under_a_class_cell():
    t = _grid_table([
        ["人员经费", None, None, "公用经费", None, None],
        ["经济分类科目编码", "科目名称", "决算数", "经济分类科目编码", "科目名称", "决算数"],
        ["301", "工资福利支出", "20.00", "302", "商品和服务支出", "5.00"],
        [None, "01基本工资", "12.00", None, "01办公费", "5.00"],
        [None, "02津贴补贴", "8.00", None, "02印刷费", "0.00"],
        ["303", "对个人和家庭的补助", "1.00", "310", "资本性支出", "0.00"],
        [None, "02退休费", "1.00", None, "02办公设备购置", "0.00"],
        ["人员经费合计", None, "21.00", "公用经费合计", None, "5.00"],
    ])
    assert _cell(t, "30101") == ("30101", "基本工资", D("12.00"), "人员经费")
    assert _cell(t, "30201") == ("30201", "办公费", D("5.00"), "公用经费")
    assert _cell(t, "30302") == ("30302", "退休费", D("1.00"), "人员经费")
    assert _cell(t, "31002") == ("31002", "办公设备购置", D("0.00"), "公用经费")
    ids = _identities(t)  # 301 20 = 12 + 8; 人员 21 = 20 + 1; 公用 5 = 5 + 0
    assert all(p == s for p, s, _ in ids.values()), ids


# ------------------------------------------------------------------------------------------------
# Coded tables of the 2025 texts: names wrapped over two or three lines around the code line


def _coded(t, code):
    r = next(r for r in t.rows if r.code == code)
    return r.name, [r.values[c] for c in t.columns if r.values[c] is not None]


def test_wenlv_coded_rows_take_the_name_around_their_code_line(wenlv):
    g = wenlv.table("gpb_expense")
    # "文化旅游体育与传媒" / "207 17,127.62 7,374.19 9,753.43" / "支出" (the head stands among the header lines)
    assert _coded(g, "207") == ("文化旅游体育与传媒支出", [D("17127.62"), D("7374.19"), D("9753.43")])
    # "其他文化旅游体育与" / "20799 20.00 20.00" / "传媒支出" / "文化产业发展专项" / "2079903 1,493.32 …" / "支出"
    # (the figures from 20799 on stand against the wrong labels in the print: read as printed)
    assert _coded(g, "20799")[0] == "其他文化旅游体育与传媒支出"
    assert _coded(g, "2079903") == ("文化产业发展专项支出", [D("1493.32"), D("1460.16"), D("33.16")])
    # "国有土地使用权出让" / "21219 收入对应专项债务收 595.64 595.64" / "入安排的支出"
    assert _coded(g, "21219")[0] == "国有土地使用权出让收入对应专项债务收入安排的支出"
    assert _coded(g, "2150899") == ("其他支持中小企业发展和管理支出", [D("24535.67"), D("9800.36"), D("14735.31")])
    inc = wenlv.table("income")
    # "机关事业单位基本养老保险缴费" / "2080505 699.30 699.30" / "支出"
    assert _coded(inc, "2080505")[0] == "机关事业单位基本养老保险缴费支出"
    assert _coded(inc, "2121999")[0] == "其他国有土地使用权出让收入对应专项债务收入安排的支出"
    assert _coded(inc, "2080506")[0] == "机关事业单位职业年金缴费支出"  # the next row keeps its own name


def test_shengtai_coded_rows_and_total_lines(shengtai):
    exp = shengtai.table("expense")
    # "2080505 机关事业单位基本养老保险缴费 229.67 …" / "支出": the tail of the row above, not a head
    assert _coded(exp, "2080505") == ("机关事业单位基本养老保险缴费支出", [D("229.67"), D("229.67")] + [D("0.00")] * 4)
    assert _coded(exp, "2080506")[0] == "机关事业单位职业年金缴费支出"
    # "类 款 项 合计 4,733.14 3,365.38 1,367.76 0.00 0.00 0.00": the 合计 row under the 类|款|项 header cells
    total = exp.total_row()
    assert total is not None and total.values["本年支出合计"] == D("4733.14")
    # 合计 4733.14 = 208 471.44 + 210 109.34 + 211 3742.47 + 221 409.89 = 4733.14
    assert sum(r.values["本年支出合计"] for r in exp.rows if len(r.code) == 3) == D("4733.14")
    assert shengtai.table("income").total_row().values["本年收入合计"] == D("4733.14")


# ------------------------------------------------------------------------------------------------
# The generator's 上海 2025 text layout: parsed cell by cell, clean documents give no T finding


def _layout_seeds(n):
    out = []
    seed = 0
    while len(out) < n:
        rng = random.Random(f"render-{seed}-shanghai-txt")
        if draw_options(rng, "shanghai", "txt").wrap_names:
            out.append(seed)
        seed += 1
    return out


LAYOUT_SEEDS = _layout_seeds(6)


@pytest.mark.parametrize("seed", LAYOUT_SEEDS)
def test_generated_shanghai_2025_layout_parses_cell_by_cell(tmp_path, seed):
    dept = draw_department(seed, "shanghai")
    rng = random.Random(f"render-{seed}-shanghai-txt")
    opts = draw_options(rng, "shanghai", "txt")
    ir = build_doc(dept, opts, rng)
    g = generate(seed, "shanghai", "txt", n_errors=0)
    text = g.content.decode()
    path = tmp_path / "doc.txt"
    path.write_bytes(g.content)
    doc = load_document(path)

    def money(c):
        if not isinstance(c, Cell):
            return None
        if c.value == 0:
            return None if ir.tables["t06"].zero == "" else D(0)
        v = D(c.value) / 100
        return v * 10000 if opts.yuan else v

    for key, kind in (("t02", "income"), ("t03", "expense"), ("t05", "gpb_expense")):
        want = [(c, n) if c.isdigit() else ("", c + n) for c, n, *_ in ir.tables[key].rows]  # "合计" row
        got = [(r.code, r.name) for r in doc.table(kind).rows]
        assert got == want, key
    want = {}
    for row in ir.tables["t06"].rows:
        for k in range(0, len(row), 3):
            code, name, v = row[k : k + 3]
            if not code.isdigit():
                code, name = "", code
            if code or name:
                want[code or name] = (code, name, money(v))
    got = {(r.code or r.name): (r.code, r.name, r.values["决算数"]) for r in doc.table("gpb_basic").rows}
    assert got == want
    assert any(len(ln.split()) == 1 and not ln[0].isdigit() for ln in text.splitlines() if ln.strip())  # wrapped
    res = check_document(doc, Config())
    table_findings = [f for f in res.findings if f.rule.startswith("T") and f.severity != "info"]
    assert table_findings == [], [(f.rule, f.message) for f in table_findings]


def _text_table(text: str):
    lines = [Line(t, None, i + 1) for i, t in enumerate(text.strip().split("\n"))]
    return build_table(match_title(lines[0].text), lines[0], lines[1:], None)


def test_a_header_repeated_on_a_continuation_page_is_no_name_piece():
    t = _text_table("""
支出决算表
单位：万元
项目 本年支出合计 基本支出 项目支出 上缴上级支出 经营支出 对附属单位补助支出
科目编码 科目名称
合计 30.00 20.00 10.00 0.00 0.00 0.00
208 社会保障和就业支出 30.00 20.00 10.00 0.00 0.00 0.00
20805 行政事业单位养老支出 30.00 20.00 10.00 0.00 0.00 0.00
机关事业单位基本养老保险缴费
2080505 20.00 20.00 0.00 0.00 0.00 0.00
支出
项目 本年支出合计 基本支出 项目支出 上缴上级支出 经营支出 对附属单位补助支出
科目编码 科目名称
2080506 机关事业单位职业年金缴费支出 10.00 0.00 10.00 0.00 0.00 0.00
""")
    assert [(r.code, r.name) for r in t.rows] == [
        ("", "合计"), ("208", "社会保障和就业支出"), ("20805", "行政事业单位养老支出"),
        ("2080505", "机关事业单位基本养老保险缴费支出"), ("2080506", "机关事业单位职业年金缴费支出"),
    ]
    e = _text_table("""
一般公共预算财政拨款基本支出决算表
单位：万元
经济分类科目编码 科目名称 决算数 经济分类科目编码 科目名称 决算数
301 工资福利支出 3.00 302 商品和服务支出 1.00
30101 基本工资 1.00 30201 办公费 1.00
经济分类科目编码 科目名称 决算数 经济分类科目编码 科目名称 决算数
机关事业单位基本养老保
30108 2.00 30202 印刷费
险缴费
人员经费合计 3.00 公用经费合计 1.00
""")
    assert _cell(e, "30108") == ("30108", "机关事业单位基本养老保险缴费", D("2.00"), "人员经费")
    assert _cell(e, "30202") == ("30202", "印刷费", None, "公用经费")
    assert _cell(e, "30201") == ("30201", "办公费", D("1.00"), "公用经费")


def test_wenlv_summary_tables_wrapped_labels_and_wrapped_fund_headers(wenlv):
    t = wenlv.table("income_expense_total")
    # "二十二、灾害防治及应急管理支" / "出": one 支出 label (it continues 二十一、 on the 支出 side), not two 收入 rows
    names = [(r.side, r.name) for r in t.rows]
    assert ("支出", "二十二、灾害防治及应急管理支出") in names and ("收入", "出") not in names
    assert ("支出", "二十四、抗疫特别国债安排的支出") in names
    f = wenlv.table("fiscal_total")
    # the fund columns' header cells wrap ("一般公共 政府性基 国有资本" / "预算财政 金预算财 经营预算" / …):
    # all four 支出 columns exist, so "八、社会保障和就业支出 1,493.32 1,493.32" (one blank fund cell) is
    # partial, never 1,493.32 under 国有资本经营预算财政拨款
    assert f.columns == ["决算数", "合计", "一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款"]
    r = f.find(name="八、社会保障和就业支出", side="支出")
    assert r.partial and r.values["合计"] == D("1493.32") and r.values["国有资本经营预算财政拨款"] is None
    g = wenlv.table("fund")
    # "合计 0 2002.80 合计 基本支出 项目支出 0": the 本年支出 header cells printed on the 合计 line
    assert "基本支出" in g.columns and "项目支出" in g.columns
    assert g.rows[0].name == "合计"


def test_grid_sangong_blocks_with_sub_columns_named_without_fei():
    # synth seed 6 (河南 PDF): 预算数 over six columns, then 决算数 over six; 公务用车 splits into 小计 | 公务用车购置 |
    # 公务用车运行维护费 ("公务用车购置" without 费). Read per column, never as 预算数/决算数 pairs (the grid's header text
    # repeats 预算数 over each column of its block): 14 false errors on a clean document (T007, N001, N003) before.
    head = ["合计", "因公出国（境）", "公务用车购置及运行维护费", None, None, "公务接待费"]
    sub = ["合计", "因公出国（境）", "小计", "公务用车购置", "公务用车运行维护费", "公务接待费"]
    title = Line("财政拨款“三公”经费支出决算表", 1, 1)
    grid = Grid([["预算数", None, None, None, None, None, "决算数", None, None, None, None, None], head + head, sub + sub,
                 [str(i) for i in range(1, 13)],
                 ["31.32", "0.00", "31.07", "19.18", "11.89", "0.25", "30.32", "0.00", "30.07", "19.18", "10.89", "0.25"]],
                1, 3)
    t = build_table(match_title(title.text), title, [Line("单位：万元", 1, 2), grid], None)
    v = t.rows[0].values
    assert v["预算数|合计"] == D("31.32") and v["预算数|公务用车购置费"] == D("19.18") and v["预算数|公务接待费"] == D("0.25")
    assert v["决算数|合计"] == D("30.32") and v["决算数|公务用车运行维护费"] == D("10.89")
