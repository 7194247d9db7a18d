"""The generator's 预算 documents (上海 district and 江苏 provincial families), the 四川 / 云南 决算 table sets, and
the --kind switch (final = the corpus of before, byte for byte)."""
from __future__ import annotations

import hashlib
import json
import re
from collections import Counter

import pytest

from juesuan.synth.budget_model import BUDGET_STYLES, draw_budget
from juesuan.synth.corpus import KINDS_OF_CORPUS, generate, write_corpus
from juesuan.synth.errors_budget import BUDGET_KINDS
from juesuan.synth.render_regional import REGIONAL_STYLES

# sha256 of the documents `juesuan synth OUT --n 2` wrote before 预算 existed (main at 4e4967e): --kind final must
# keep writing them byte for byte (the 决算 benchmark and every earlier corpus stay reproducible). Text only: a PDF's
# bytes also depend on the reportlab version.
FINAL_BEFORE = {
    "synth_00000_henan.txt": "6db3c6c8239b6024e05597c2ce69b074856be46faaada3fb0f625509c595f362",  # with issue 18's plants (w-reviewer)
    "synth_00001_shanghai.txt": "ef532991b8ddfaa43f0ae24dcd61a6e756b9663f2ce793eb5409f300e4da1770",
}


def _squash(s: str) -> str:
    return re.sub(r"\s+", "", s)


@pytest.mark.parametrize("style", BUDGET_STYLES + REGIONAL_STYLES)
@pytest.mark.parametrize("fmt", ["txt", "pdf", "docx"])
def test_deterministic(style, fmt):
    a, b = generate(11, style, fmt), generate(11, style, fmt)
    assert a.content == b.content and a.labels == b.labels
    assert generate(12, style, fmt).content != a.content


def test_final_kind_is_the_corpus_of_before(tmp_path):
    paths = write_corpus(tmp_path, 2)  # kind="final" by default
    got = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in paths}
    assert got == FINAL_BEFORE, "--kind final must write the 决算 corpus of before"
    assert KINDS_OF_CORPUS["final"] == ("henan", "shanghai")


def test_budget_kind_writes_both_families(tmp_path):
    paths = write_corpus(tmp_path, 6, formats=("txt", "pdf", "docx"), kind="budget")
    assert [p.suffix for p in paths] == [".txt", ".txt", ".pdf", ".pdf", ".docx", ".docx"]
    assert {p.stem.split("_")[-1] for p in paths} == set(BUDGET_STYLES)
    for p in paths:
        lab = json.loads(p.with_name(p.stem + ".labels.json").read_text(encoding="utf-8"))
        assert lab["kind"] == "预算" and lab["style"] in BUDGET_STYLES


def test_budget_figures_add_up():
    for seed in range(20):
        for fam in BUDGET_STYLES:
            b = draw_budget(seed, fam)
            assert b.total == b.fis + b.shiye + b.other
            assert b.total == b.basic + b.proj + b.reserve
            assert b.fis_basic == b.personnel + b.public
            assert b.fis_basic == sum(x.fis_basic for x in b.of("gpb"))
            if fam == "js-budget":
                assert b.jiguan == sum(v for k, v in b.econ.items() if k[:3] == "302")
                assert not any(k[:3] == "310" for k in b.econ)


def _txt(seed, style, n=0):
    g = generate(seed, style, "txt", n_errors=n)
    return g.content.decode("utf-8"), g.labels


def test_shanghai_layout_follows_the_published_budgets():
    text, lab = _txt(3, "sh-budget")
    y = lab["year"]
    w = "单位" if lab["options"]["unit_budget"] else "部门"
    for t in ("财务收支预算总表", "收入预算总表", "支出预算总表", "财政拨款收支预算总表", "一般公共预算支出功能分类预算表",
              "一般公共预算基本支出部门预算经济分类预算表", "“三公”经费和机关运行经费预算表"):
        assert f"{y}年{w}{t}" in text
    assert f"{y}年{w}预算编制说明" in text and "其他相关情况说明" in text
    assert "单位：元" in text and "单位：万元" in text          # tables in 元, 三公 row in 万元
    assert re.search(r"\n\d{3} \d{2} \d{2} ", text)           # 功能分类 codes printed 类 款 项 apart
    assert re.search(r"\n30[1-3] \d{2} ", text)                # 经济分类 "301 01"
    assert re.search(rf"比{y - 1}年预算(?:执行数)?(?:增加|减少)|与{y - 1}年预算(?:执行数)?持平", text)


def test_jiangsu_layout_follows_the_published_budgets():
    text, _ = _txt(3, "js-budget")
    for i, t in enumerate(("收支预算总表", "收入预算总表", "支出预算总表", "财政拨款收支预算总表"), 1):
        assert f"公开0{i}表：{t}" in text
    assert "公开09表：一般公共预算“三公”经费、会议费、培训费支出预算表" in text
    assert "单位预留机动经费" in text and "第三部分" in text and "第四部分 名词解释" in text
    assert re.search(r"\n20\d{5} ", text)                       # joined 7-digit codes
    assert re.search(r"与上年相比[^，。]*(?:增加|减少) [\d,]+\.\d\d 万元，(?:增长|下降) [\d.]+ %", text)


def test_every_budget_kind_is_planted():
    seen: Counter = Counter()
    for seed in range(40):
        for fam in BUDGET_STYLES:
            for p in generate(seed, fam, "txt", n_errors=3).labels["planted"]:
                seen[p["kind"]] += 1
                assert p["original"] != p["planted"]
    assert set(seen) == set(BUDGET_KINDS), set(BUDGET_KINDS) - set(seen)


@pytest.mark.parametrize("fam", BUDGET_STYLES)
def test_a_plant_changes_only_its_text(fam):
    """The planted document differs from its clean twin and quotes each plant's text."""
    for seed in range(6):
        clean, _ = _txt(seed, fam)
        text, lab = _txt(seed, fam, 2)
        assert text != clean
        flat = _squash(text)
        for p in lab["planted"]:
            assert _squash(p["text"]) in flat or p.get("cell"), p


def test_stray_digit_breaks_the_stated_rate():
    """"A年当年预算执行数为X万元，Y年预算安排B万元，比…增加P%": with the stray digit, P ≠ (B − X) / X."""
    n = 0
    rx = re.compile(r"执行数为([\d,]+\.\d\d)万元，\d{4}年预算安排([\d,]+\.\d\d)万元，比\d{4}年预算执行数(增加|减少)"
                    r"([\d.]+)%")
    for seed in range(60):
        g = generate(seed, "sh-budget", "txt", n_errors=3)
        for p in g.labels["planted"]:
            if p["kind"] != "stray_digit":
                continue
            m = rx.search(_squash(p["text"]))
            assert m, p["text"]
            a, b, _, rate = (float(x.replace(",", "")) for x in (m[1], m[2], "0", m[4]))
            orig = float(p["original"].replace(",", ""))
            assert abs(abs(b - orig) / orig * 100 - rate) < 0.006      # the rate works without the digit
            assert abs(abs(b - a) / a * 100 - rate) > 0.5              # and not with it
            n += 1
    assert n >= 3


def test_regional_table_sets():
    s, _ = _txt(5, "sichuan")
    assert "表十三" in s and "财政拨款支出决算明细表" in s and "一般公共预算财政拨款项目支出决算表" in s
    assert s.index("第二部分") < s.index("第五部分")          # 四川: the tables are the last part
    y, lab = _txt(5, "yunnan")
    assert "表十一" in y and "财政拨款“三公”经费、行政参公单位机关运行经费情况表" in y
    assert lab["options"]["tables"] == 11


def test_cli_kind(tmp_path):
    from typer.testing import CliRunner

    from juesuan.cli import app

    r = CliRunner().invoke(app, ["synth", str(tmp_path / "o"), "--n", "2", "--kind", "budget"])
    assert r.exit_code == 0, r.output
    assert sorted(p.name for p in (tmp_path / "o").glob("*.txt")) == ["synth_00000_sh-budget.txt",
                                                                      "synth_00001_js-budget.txt"]
    r = CliRunner().invoke(app, ["synth", str(tmp_path / "p"), "--n", "2", "--kind", "draft"])
    assert r.exit_code == 2 and "--kind" in r.output


def test_previous_year_totals_are_consistent():
    """Last year's totals add up as this year's do, so the classes' changes add up to the total's change."""
    for seed in range(60):
        for fam in BUDGET_STYLES:
            p = draw_budget(seed, fam).prev
            assert p["fis"] == p["gpb"] + p["gf"]
            assert p["total"] == p["fis"] + p["other"] == p["basic"] + p["proj"] + p["reserve"]
            assert p["basic"] > 0
