"""The rules of issue 18's families 5, 6, 8 and 10 on the shared real documents: every finding they raise there
was checked by hand (/work/coord/reviewer-findings.md); the tests pin them, and that nothing else is raised."""

from __future__ import annotations

import pytest

from juesuan.checks import check_document
from juesuan.pipeline import load_document

from conftest import SHARED, _need

SLIPS = {"X060", "X061", "X062", "X064"}
NEW = SLIPS | {"X063", "C010"}


def _found(path, rules):
    doc = load_document(path)
    return doc, [f for f in check_document(doc).findings if f.rule in rules]


def test_shanghai_2024_purpose_copied(shanghai_pdf):
    # p20 l1-3: "8、住房保障支出（类）住房改革支出（款）住房公积金（项）。主要用于：事业单位医疗保险支出。" — the purpose of
    # item 7 (事业单位医疗, p19 "主要用于：事业单位医疗保险支出") copied to the 住房公积金 item.
    _, found = _found(shanghai_pdf, SLIPS)
    assert [(f.rule, f.severity, f.location.page, f.stated, f.expected) for f in found] == [
        ("X062", "warning", 20, "事业单位医疗保险支出", "住房公积金")]


def test_shengtaihuanjing_2025_self_contradiction():
    # l.528-529 "公务接待费支出决算减少为 0.00 万元，与 2024 年持平": a decrease and 持平 at once (the 三公 total's
    # +5.07 is all 公务用车's +5.07, so 2024's 公务接待费 was 0.00 and 持平 is the true half; the rule says both).
    _, found = _found(_need(SHARED / "corpus-real" / "shanghai-putuo-shengtaihuanjing-2025.txt"), NEW)
    assert [(f.rule, f.severity, f.location.line, f.stated) for f in found] == [
        ("X064", "warning", 529, "减少为0.00万元，与2024年持平")]


def test_wenlv_2025_dropped_colon():
    # l.644-645 "决算数大于预算数的主要原因年中新增旅游发展基金补助地方项目资金预算": the colon after 主要原因 dropped
    # (every other reason of the shared 决算 documents reads "主要原因：" or "主要原因是"); nothing else new.
    _, found = _found(_need(SHARED / "corpus-real" / "shanghai-putuo-wenlv-2025.txt"), NEW)
    assert [(f.rule, f.severity, f.location.line, f.stated) for f in found] == [
        ("X061", "warning", 644, "决算数大于预算数的主要原因年")]
    assert "的主要原因：年中新增" in found[0].expected


def test_seed_dropped_characters(seed_path):
    # l.89 "单位共 2 个（1 本级和 1 个所属单位）": 个 dropped; l.925 "应急保障车 0 辆": 用 dropped from the vehicle
    # category 应急保障用车 (its neighbours read 机要通信用车, 执法执勤用车 …).
    _, found = _found(seed_path, NEW)
    assert [(f.rule, f.severity, f.location.line, f.stated) for f in found] == [
        ("X061", "warning", 89, "1本级"), ("X061", "warning", 925, "应急保障车")]
    assert "（1个本级和1个所属单位）" in found[0].expected and "应急保障用车0辆" in found[1].expected


def test_template_nothing_new(template_pdf):
    assert _found(template_pdf, NEW)[1] == []


def test_shanghai_2024_rate_fits_the_annual_budget(shanghai_pdf):
    # p18 l9: "年初预算为0万元，全年预算为321.02万元，支出决算为307.82万元，完成年初预算的95.89%":
    # 307.815..307.825 / 321.015..321.025 ∈ [95.886%, 95.892%] → 95.89%: the rate is of the 全年预算.
    _, found = _found(shanghai_pdf, {"C001"})
    fit = [f for f in found if f.location.page == 18 and f.location.line == 9]
    assert len(fit) == 1 and fit[0].severity == "warning" and "全年预算 321.02" in fit[0].expected


@pytest.mark.parametrize("name,line", [("shanghai-putuo-shengtaihuanjing-2025.txt", 520),
                                       ("shanghai-putuo-wenlv-2025.txt", 606)])
def test_zero_of_zero_is_a_warning(name, line):
    # 因公出国（境）费 预算数 0 and 决算数 0 in the 三公 table (l.355 "21.00 16.95 0.00 0.00 …"; wenlv l.409
    # "11.49 3.04 0 0 …") and the text says "完成预算的 0%": 0/0 is undefined.
    _, found = _found(_need(SHARED / "corpus-real" / name), {"C001"})
    zz = [f for f in found if f.expected == "无定义（0/0）"]
    assert [(f.severity, f.location.line) for f in zz] == [("warning", line)]
