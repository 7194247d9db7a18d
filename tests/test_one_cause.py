"""What a new user met (issue 19, items 4–6): evidence named as the HTML panel names it in every format, one
finding per cause (``related``), the Y001 figures, document order from the API, report file modes, C001
verdicts, the HTML panel and links of a finding, ``tables --format json``."""

from __future__ import annotations

import io
import json
import os
import re
import stat
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

import juesuan
from juesuan.checks import document_key
from juesuan.cli import app
from juesuan.report import render
from juesuan.synth.corpus import generate

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "corpus" / "luoyang-xigong-2023.txt"


@pytest.fixture(scope="module")
def wrong_amount(tmp_path_factory):
    """Generated 上海 document (seed 25, txt): the narrative states 一般公共预算财政拨款支出 3766.87 万元 where the
    表五 合计 is 4228.03 (planted: a duplicated value). N001 (against the table), X001 (against line 621's
    4228.03) and N004 (the completion rate recomputed with 3766.87) all come from that one figure."""
    g = generate(25, "shanghai", "txt")
    p = tmp_path_factory.mktemp("one") / "doc.txt"
    p.write_bytes(g.content)
    return juesuan.check(str(p))


def test_one_wrong_figure_is_one_finding(wrong_amount):
    fs = [f for f in wrong_amount.findings if "3766.87" in (f.stated or "")]
    assert len(fs) == 1
    f = fs[0]
    assert f.rule == "N001" and f.severity == "error"
    assert sorted(r.rule for r in f.related) == ["N004", "X001"]
    n004 = next(r for r in f.related if r.rule == "N004")
    # the arithmetic that makes N004 the same cause: with the table's 4228.03 the stated 87.76% holds,
    # with the narrative's 3766.87 it does not (3766.87 / 4817.91 = 78.18%)
    assert "3766.87 / 4817.91" in n004.message and n004.stated == "87.76%"
    assert f"{4228.03 / 4817.91:.4f}" == "0.8776"
    # nothing is lost: the JSON lists the related findings, valid against the schema
    d = wrong_amount.to_dict()
    jf = next(x for x in d["findings"] if x["rule"] == "N001" and "3766.87" in x["stated"])
    assert sorted(r["rule"] for r in jf["related"]) == ["N004", "X001"]
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((ROOT / "schemas" / "report.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(d)


def test_related_shown_in_every_format(wrong_amount):
    r = wrong_amount.result
    text = render(r, "text")
    assert re.search(r"另见 X001 第\d+行：一般公共预算财政拨款支出：此处为 3766.87 万元", text)
    assert "另见 N004" in render(r, "markdown")
    html = render(r, "html")
    assert '<div class="rel">另见 X001' in html
    sarif = json.loads(render(r, "sarif"))
    res = next(x for x in sarif["runs"][0]["results"] if x["ruleId"] == "N001" and "3766.87" in x["message"]["text"])
    assert [x["message"]["text"][:4] for x in res["relatedLocations"]] == ["X001", "N004"]
    ws = openpyxl.load_workbook(io.BytesIO(render(r, "xlsx")))["问题清单"]
    head = [c.value for c in ws[1]]
    row = next(dict(zip(head, v)) for v in ws.iter_rows(min_row=2, values_only=True) if v[1] == "N001" and "3766.87" in str(v[7]))
    assert "另见 X001" in row["另见（同一原因）"] and "另见 N004" in row["另见（同一原因）"]


def test_a_ratio_wrong_on_its_own_stays_a_finding():
    """Seed 33 上海: 住房保障支出 307.43 against the table's 318.45 (N001), and 占 11.75% planted separately: with
    either amount the share is not 11.75% (307.43 / 3156.83 = 9.74%, 318.45 / 3156.83 = 10.09%), so N002 stays a
    finding of its own."""
    rep = juesuan.check(generate(33, "shanghai", "txt").content.decode("utf-8"))
    n002 = [f for f in rep.findings if f.rule == "N002" and f.stated == "11.75%"]
    assert len(n002) == 1 and not n002[0].related
    assert f"{318.45 / 3156.83:.4f}" == "0.1009" and f"{307.43 / 3156.83:.4f}" == "0.0974"


def test_blank_template_is_one_finding(template_pdf):
    rep = juesuan.check(str(template_pdf))
    residue = [f for f in rep.findings if f.rule == "X033"]
    assert len(residue) == 1
    f = residue[0]
    # 93 places: the template's own heading instruction (p4 l4 "二、部门决算单位构成（仅有一个单位的部门，本部分内容为
    # “机构设置”）") among them
    assert len(f.related) == 92 and f.message.startswith("模板残留共 93 处")
    places = {(r.location.page, r.location.line) for r in f.related} | {(f.location.page, f.location.line)}
    assert len(places) > 50  # the places listed, not one place repeated
    assert rep.summary["warnings"] == sum(1 for x in rep.findings if x.severity == "warning")


def test_evidence_names_its_cell_in_every_format(shanghai_pdf):
    rep = juesuan.check(str(shanghai_pdf))
    r = rep.result
    cell = "一般公共预算财政拨款支出决算表 221 住房保障支出 合计 29.42 万元"
    text = render(r, "text")
    assert f"依据：{cell}" in text
    assert cell in render(r, "markdown")
    ws = openpyxl.load_workbook(io.BytesIO(render(r, "xlsx")))["问题清单"]
    assert any(cell in str(v) for row in ws.iter_rows(values_only=True) for v in row)
    # no English fragment in the JSON evidence under the Chinese default
    d = rep.to_dict()
    for f in d["findings"]:
        for e in f["evidence"]:
            for k in ("row", "column"):
                assert not re.search(r"\b(?:the|base|stated|budget|amount|share|projects)\b", e[k] or ""), (f["rule"], e)


def test_table_findings_name_their_tables():
    r = juesuan.check(str(SEED)).result
    text = render(r, "text")
    # a table identity: 表中 / 按勾稽关系, never 文中 / 应为
    t_lines = [ln for ln in text.splitlines() if re.search(r": (?:错误|警告|提示) T\d{3} ", ln)]
    assert t_lines and all("[表中 " in ln and "按勾稽关系" in ln and "[文中" not in ln for ln in t_lines)


def test_y001_message_and_expected_agree(tmp_path):
    """Last year's document printing the same figures: each change is 0.00, and 应为 says 0.00 too (it said 0.01,
    half the rounding interval of the difference, while the message said 0.00)."""
    prev = tmp_path / "prev.txt"
    prev.write_text(SEED.read_text(encoding="utf-8").replace("2022", "2021").replace("2023", "2022"), encoding="utf-8")
    rep = juesuan.check(str(SEED), previous=str(prev))
    y = [f for f in rep.findings if f.rule == "Y001"]
    assert y
    for f in y:
        shown = re.search(r"= (-?[\d.]+) 万元", f.message).group(1)
        assert f.expected.startswith(f"{shown.lstrip('-')} 万元"), (f.message, f.expected)


def test_api_findings_in_document_order(shanghai_pdf):
    rep = juesuan.check(str(shanghai_pdf))
    keys = [document_key(f) for f in rep.findings]
    assert keys == sorted(keys)
    assert len({f.location.page for f in rep.findings}) > 3


def test_c001_claims_are_contradicted():
    rep = juesuan.check(str(SEED))
    c001 = [f for f in rep.findings if f.rule == "C001" and f.severity == "warning"]
    assert c001
    for f in c001:
        for i in f.claims:
            assert rep.claims[i].status == "contradicted" and rep.claims[i].reason is None


def test_reports_respect_the_umask(tmp_path):
    old = os.umask(0o022)
    try:
        out = tmp_path / "r.json"
        res = CliRunner().invoke(app, ["check", str(SEED), "--format", "json", "--output", str(out)])
        assert res.exit_code == 1
        assert stat.S_IMODE(out.stat().st_mode) == 0o644
        os.umask(0o027)
        out2 = tmp_path / "r.xlsx"
        CliRunner().invoke(app, ["check", str(SEED), "--format", "xlsx", "--output", str(out2)])
        assert stat.S_IMODE(out2.stat().st_mode) == 0o640
    finally:
        os.umask(old)


def test_tables_json_without_out_prints_json():
    res = CliRunner().invoke(app, ["tables", str(SEED), "--format", "json"])
    assert res.exit_code == 0
    tables = json.loads(res.stdout)
    assert [t["number"] for t in tables][:2] == ["公开01表", "公开02表"] and tables[0]["rows"]


def test_workbook_under_another_name_is_a_usage_error(tmp_path):
    res = CliRunner().invoke(app, ["check", str(SEED), "--format", "xlsx", "--output", str(tmp_path / "x.html")])
    assert res.exit_code == 2 and not (tmp_path / "x.html").exists()


def test_html_finding_link_and_panel(seed_result):
    html = render(seed_result, "html")
    data = json.loads(re.search(r'<script type="application/json" id="juesuan-data">(.*?)</script>', html, re.S).group(1))
    rows = re.findall(r'<tr id="f(\d+)"[^>]*>.*?<td class="w">(.*?)</td>', html, re.S)
    assert rows
    for fi, cell in rows:
        m = re.search(r'data-go="([^"]+)"(?: data-f="(\d+)")?>([^<]*)<', cell)
        if not m:
            continue
        target, f_attr, label = m.groups()
        if target.startswith("k"):
            assert f_attr == fi  # the panel opens with this finding's figures, not its claim's first finding's
        elif target.startswith("c"):
            assert "第" not in label and label == data["cells"][target]  # a cell link is labelled with the cell
    # the panel's script takes the finding's figures when opened from a finding
    assert "select(+m[1], g.dataset.f)" in html and "(f?f.expected:c.expected)" in html


def test_one_kemu_name_is_one_finding():
    """Seed 112 河南 (txt): the item heading "5.城乡社区支出（类）城乡社区环境卫生（款）城乡社境卫生（项）" (planted:
    城乡社境卫生 for 城乡社区环境卫生). X065 ties the item to 2120501 by a name alike and names the row; X034 says the
    tables' name for that 项 is another. One name, one sentence: one finding, X065's (it names the row the item is
    checked against), X034 under it. Each rule alone still reports it."""
    text = generate(112, "henan", "txt").content.decode("utf-8")
    rep = juesuan.check(text)
    named = [f for f in rep.findings if f.rule in ("X034", "X065") and "城乡社境卫生" in (f.stated or "")]
    assert [(f.rule, f.stated) for f in named] == [("X065", "城乡社区支出（类）城乡社区环境卫生（款）城乡社境卫生（项）")]
    assert [(r.rule, r.stated, r.expected) for r in named[0].related] == [("X034", "城乡社境卫生", "城乡社区环境卫生")]
    assert "另见 X034" in render(rep.result, "text")
    for off, on in (("X065", "X034"), ("X034", "X065")):
        alone = [f for f in juesuan.check(text, disable=off).findings if "城乡社境卫生" in (f.stated or "")]
        assert [f.rule for f in alone] == [on] and not alone[0].related
