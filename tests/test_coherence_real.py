"""Document coherence (X020–X024) and slips (X030–X034) on the shared real documents: every finding these rules
raise there was checked by hand; the tests pin them (and that nothing else is raised)."""

from __future__ import annotations

from collections import Counter

import pytest

from juesuan.checks import check_document, document_key
from juesuan.claims.mentions import facts_of
from juesuan.pipeline import load_document

from conftest import SHARED, _need

MINE = {"X020", "X021", "X022", "X023", "X024", "X030", "X031", "X032", "X033", "X034"}


def _mine(path):
    """These rules' findings, each place of a grouped cause counted (one X033 finding lists every residue as
    ``related``: checks/grouping.py), in document order."""
    doc = load_document(path)
    every = [g for f in check_document(doc).findings for g in (f, *f.related)]
    return doc, sorted((f for f in every if f.rule in MINE), key=document_key)


def test_seed_is_coherent(seed_path):
    # 洛阳市西工区政务服务和大数据管理局 2023: the cover, 第一部分 heading, the nine 部门名称 headers and the narrative
    # name the department or its short form (西工区政务服务和大数据管理局, l.1007 and the signature l.1297).
    # Its slips (reviewer pass, checked by hand): l.1231 "(一）部门资金情况分析" and l.1238 "(二）…" open a bracket
    # half-width and close it full-width; l.1258 "结转结余率较高高的问题" doubles 高.
    doc, found = _mine(seed_path)
    assert [(f.rule, f.severity, f.location.line, f.stated) for f in found] == [
        ("X031", "info", 1231, "(一）"), ("X031", "info", 1238, "(二）"), ("X031", "info", 1258, "较高高")]
    assert [f.expected[:5] for f in found[:2]] == ["（一）部门", "（二）项目"]
    facts = facts_of(doc)
    assert facts.year == 2023
    names = Counter(m.status for m in facts.of("department"))
    assert names["same"] >= 12 and set(names) == {"same"}


def test_shanghai_2024_drafting_instructions(shanghai_pdf):
    # p15 l10 and p16 l10 print the template's instruction "无政府性基金预算财政拨款收入支出的，仍保留该表格式，并在本表
    #下方作下述说明：" (template p13 l10, p14 l10) above the 说明 it asks for: residue a reviewer deletes.
    doc, found = _mine(shanghai_pdf)
    assert [(f.rule, f.severity, f.location.page) for f in found] == [("X033", "warning", 15), ("X033", "warning", 16)]
    assert all("仍保留该表格式" in f.stated and f.expected == "（删除）" for f in found)
    assert facts_of(doc).year == 2024


def test_shengtaihuanjing_2025_toc_year():
    path = _need(SHARED / "corpus-real" / "shanghai-putuo-shengtaihuanjing-2025.txt")
    # the 目录 (l.17) reads "第三部分 上海市普陀区生态环境局 202 年度部门决算情况说明"; the cover, 第二部分 and the
    # part's own heading (l.383) say 2025.
    # l.78-79 "二、部门决算单位构成（仅有一个单位的部门，本部分内容为“机构设置”）" keeps the template's drafting
    # instruction (template p4 l4); l.545 "国内公务接待支出 0.00 万（含外宾…" the template's typo (元 dropped, p18 l13).
    doc, found = _mine(path)
    assert [(f.rule, f.severity, f.location.line, f.stated) for f in found] == [
        ("X022", "error", 17, "202"), ("X033", "warning", 78, "（仅有一个单位的部门，本部分内容为“机构设置”）"),
        ("X033", "warning", 545, "万")]
    assert found[0].expected == "2025"
    assert "0.00万元（含外宾接待支出0.00万元）" in found[2].expected


def test_wenlv_2025_template_typo():
    path = _need(SHARED / "corpus-real" / "shanghai-putuo-wenlv-2025.txt")
    # l.639-640 "政府性基金预算财政拨款收入 2002.80 万元，支出收入 2002.80 万元" repeats the template's typo
    # ("支出收入XXX万元", template p18 l19); the 政府性基金 table's 本年支出 合计 is 2002.80 (= 2.80 + 2000.00).
    # Also (reviewer pass): l.534 "…活动经费、百合之约 情定苏河”2025 年…" drops the opening “; l.636 "0.40 万（含外宾"
    # the template's other typo (元 dropped, template p18 l13).
    doc, found = _mine(path)
    assert [(f.rule, f.severity, f.location.line, f.stated) for f in found] == [
        ("X031", "info", 534, "百合之约情定苏河”"), ("X033", "warning", 636, "万"), ("X033", "warning", 640, "支出收入")]
    assert "“百合之约情定苏河”" in found[0].expected
    assert "0.40万元（含外宾" in found[1].expected
    assert "支出2002.80万元" in found[2].expected


def test_template_placeholders(template_pdf):
    # the template names the department 上海市XX局 / XX部门（单位） on the cover, in the 目录, the part headings, the
    # table group title and the narrative: all placeholders (errors); its alternatives, instructions and XXX figures
    # are residue (one warning per sentence); no other finding of these rules.
    doc, found = _mine(template_pdf)
    by = Counter((f.rule, f.severity) for f in found)
    assert set(by) == {("X020", "error"), ("X033", "warning")}
    where = {f.location.part for f in found if f.rule == "X020"}
    assert {"封面", "目录", "部分标题", "决算表"} <= where
    assert any(f.stated == "XX部门（单位）" for f in found)
    residue = " ".join(f.stated for f in found if f.rule == "X033")
    for piece in ("增加（减少）", "（如持平作持平表述）", "仍保留该表格式", "按上述格式依次说明", "由主管部门根据"):
        assert piece in residue, piece
