"""The labelled benchmark: generated documents, `juesuan eval`, and clean documents passing our identities.

The evaluation set is not committed as files: it is the generator's seeds (below), generated in the test.
The full 200-document figures are in reports/benchmark.md (`juesuan synth DIR --n 200; juesuan eval DIR`).
"""

import json

import pytest
from typer.testing import CliRunner

from juesuan.checks import Config, check_document
from juesuan.cli import app
from juesuan.pipeline import load_document
from juesuan.evaluate import attribute, evaluate, quotes, twin_findings
from juesuan.synth import generate

# Clean documents of both styles and both formats (seeds chosen by nothing but their number).
CLEAN = [(seed, style, fmt) for seed in range(6) for style in ("henan", "shanghai") for fmt in ("txt",)] + [
    (100, "henan", "pdf"),
    (101, "shanghai", "pdf"),
]


@pytest.mark.parametrize("seed,style,fmt", CLEAN, ids=[f"{s}-{st}-{f}" for s, st, f in CLEAN])
def test_clean_generated_documents_pass_table_identities(tmp_path, seed, style, fmt):
    g = generate(seed, style, fmt, n_errors=0)
    assert g.labels["planted"] == []
    path = tmp_path / f"doc.{fmt}"
    path.write_bytes(g.content)
    result = check_document(load_document(path), Config())
    table_findings = [f for f in result.findings if f.rule.startswith("T") and f.severity != "info"]
    assert table_findings == [], [(f.rule, f.message) for f in table_findings]


def test_quotes_ignores_whitespace_and_line_breaks():
    assert quotes("与上年度相比，增加 91.89 万元，增长 25.86%", "增长\n25.86%")
    assert not quotes("增长 25.68%", "增长 25.86%")


def test_quotes_reads_full_width_figures_as_the_reader_does():
    """ingest turns "2．" and "％" into "2." and "%" (numbers.normalize): a finding quoting the line as read quotes
    the planted line as printed; other characters are not equated (a different figure or item stays a miss)."""
    assert quotes("2.自然资源利用与保护（项）支出 256.74 万元", "2．自然资源利用与保护（项）支出 256.74 万元")
    assert quotes("增长 25.86%", "增长 25.86％")
    assert not quotes("2.自然资源利用与保护（项）支出 256.74 万元", "3．自然资源利用与保护（项）支出 256.74 万元")
    assert not quotes("2.自然资源利用与保护(项)支出", "2．自然资源利用与保护（项）支出")


def test_clean_twin_attribution():
    """A finding counts as caused by the plants iff it (same rule, same quoted text) is absent on the clean twin."""
    planted = [{"kind": "table_cell", "group": "table", "text": "2010301 行政运行 57.94"}]
    consequence = {"rule": "T001", "text": "合计 350.76"}
    also_on_twin = {"rule": "N001", "text": "占 39.12%"}
    twice = [{"rule": "N002", "text": "增长 5.00%"}, {"rule": "N002", "text": "增长\n5.00%"}]
    findings = [consequence, also_on_twin] + twice
    attribute(findings, [{"rule": "N001", "text": "占39.12%"}, {"rule": "N002", "text": "增长 5.00%"}], planted)
    assert [f["caused"] for f in findings] == [True, False, False, True]
    # the same rule on the same text but under another rule id is another alarm
    other = [{"rule": "X001", "text": "占 39.12%"}]
    attribute(other, [{"rule": "N001", "text": "占 39.12%"}], planted)
    assert other[0]["caused"]
    # on a clean document nothing is caused
    clean = [{"rule": "T001", "text": "合计 350.76"}]
    attribute(clean, [], [])
    assert not clean[0]["caused"]
    # without a twin (a sidecar not written by the generator) only a finding quoting a plant is caused
    nt = [{"rule": "T001", "text": "2010301 行政运行 57.94 57.94"}, {"rule": "T001", "text": "合计 350.76"}]
    attribute(nt, None, planted)
    assert [f["caused"] for f in nt] == [True, False]


def test_the_clean_twin_is_the_planted_document_without_its_plants():
    # seed 3 (henan txt) draws plants; its twin renders the same seed with none, identical elsewhere
    for seed in range(3, 12):
        g = generate(seed, "henan", "txt")
        if g.labels["planted"]:
            break
    twin = generate(seed, "henan", "txt", n_errors=0)
    assert twin.labels["planted"] == [] and twin.content != g.content
    a, b = g.content.decode().split("\n"), twin.content.decode().split("\n")
    changed = [x for x in a if x not in set(b)]
    assert 0 < len(changed) <= 12 * len(g.labels["planted"])
    assert twin_findings(g.labels, ".txt") is not None
    assert twin_findings(twin.labels, ".txt") is None  # a clean document has no twin to compare with


def test_eval_on_a_small_generated_set(tmp_path):
    from juesuan.synth import write_corpus

    write_corpus(tmp_path, 8, start_seed=500)
    report = evaluate(tmp_path)
    assert report["documents"] == 8
    assert set(report["overall"]) >= {"precision", "recall", "f1"}
    for group in ("table", "narrative_table", "narrative_narrative"):
        assert {"precision", "recall", "f1", "planted"} <= set(report["by_group"][group])
    planted = report["overall"]["planted"]
    assert planted == sum(m["planted"] for m in report["by_group"].values())
    if planted:
        assert report["overall"]["recall"] is not None
    # the benchmark's targets (issues 8 and 9), on a small set: no error on a clean document, precision ≥ 0.95
    # under the clean-twin attribution, recall ≥ 0.95 (this set of seeds 500–507, 2026-11-27 evening: 8/8
    # findings caused, 7/7 plants found, none undetectable)
    assert report["clean_documents"] > 0 and report["clean_false_errors"] == 0
    assert report["overall"]["precision"] >= 0.95, report["false_alarms"]
    assert report["overall"]["recall"] >= 0.95, report["misses"]
    # the CLI prints the same contract as JSON
    out = CliRunner().invoke(app, ["eval", str(tmp_path), "--format", "json"])
    assert out.exit_code == 0
    data = json.loads(out.output)
    for key in ("documents", "clean_documents", "clean_false_errors", "overall", "by_group"):
        assert key in data


def test_a_table_cell_is_found_by_a_finding_citing_that_cell():
    """A changed table cell is found by a finding that quotes its row or cites the cell itself — same table, row
    (code, else name), column and planted value — in its evidence; not by a neighbouring cell or another value."""
    from juesuan.evaluate import cites_cell, found_by

    cell = {"table": "t06", "title": "一般公共预算财政拨款基本支出决算表", "code": "30102", "name": "津贴补贴",
            "column": "人员经费|决算数", "value": "59.60"}
    plant = {"kind": "table_cell", "text": "30102 津贴补贴 59.60 30202 印刷费 0.00", "cell": cell}
    t004 = {"rule": "T004", "text": "301 工资福利支出 427.18 302 商品和服务支出 111.22", "evidence": [
        ("一般公共预算财政拨款基本支出决算表", "427.18 万元", "301 工资福利支出", "决算数"),
        ("一般公共预算财政拨款基本支出决算表", "59.60", "30102 津贴补贴", "决算数")]}
    assert cites_cell(t004, cell) and found_by(t004, plant)
    for ev in [("一般公共预算财政拨款基本支出决算表", "59.60", "301021 其他", "决算数"),   # another row
               ("一般公共预算财政拨款基本支出决算表", "45.88", "30102 津贴补贴", "决算数"),  # the original value
               ("一般公共预算财政拨款支出决算表", "59.60", "30102 津贴补贴", "决算数"),      # another table
               ("一般公共预算财政拨款基本支出决算表", "59.60", "30102 津贴补贴", "预算数"),  # another column
               ("一般公共预算财政拨款基本支出决算表", "59.60", "30102 津贴补贴", "")]:       # no column named
        assert not found_by({"rule": "T004", "text": "合计", "evidence": [ev]}, plant), ev
    # the 三公 table has one body row and no code: table, column and value identify the cell
    sg = {"title": "财政拨款“三公”经费支出决算表", "column": "财政拨款“三公”经费|因公出国（境）费|决算数", "value": "3.01"}
    n001 = {"rule": "N001", "text": "因公出国（境）费支出决算2.08万元", "evidence": [
        ("财政拨款“三公”经费支出决算表", "3.01 万元", "三公经费", "决算数|因公出国（境）费"), ("", "2.08万元", "x", "amount")]}
    assert cites_cell(n001, sg)
    assert not cites_cell({"evidence": [("财政拨款“三公”经费支出决算表", "3.01 万元", "三公经费", "预算数|因公出国（境）费")]}, sg)


@pytest.mark.parametrize("seed,style,fmt,rule", [(23, "shanghai", "pdf", "T004"), (186, "henan", "pdf", "T004"),
                                                 (99, "shanghai", "pdf", "N001")])
def test_planted_table_cells_are_cited(tmp_path, seed, style, fmt, rule):
    """Seeds 23 and 186 (表六 款 changed: T004 lists every part of the failed sum, the planted cell among them) and 99
    (三公 table's 因公出国 决算数: N001 cites it against each narrative figure) were misses of 2026-11-27."""
    from juesuan.evaluate import _alarms, found_by

    g = generate(seed, style, fmt)
    cell = next(p for p in g.labels["planted"] if p["kind"] == "table_cell")
    assert {"table", "title", "column", "value"} <= set(cell["cell"])
    path = tmp_path / f"doc.{fmt}"
    path.write_bytes(g.content)
    alarms = _alarms(check_document(load_document(path), Config()))
    assert any(f["rule"] == rule and found_by(f, cell) for f in alarms), [(f["rule"], f["text"]) for f in alarms]


def test_n003_quotes_the_stated_amount_its_previous_year_comes_from(tmp_path):
    """Seed 149 (上海 txt): 机关运行经费支出 changed 50.37 → 64.62, stated once, held by no table. N003 derives the
    previous year as 64.62 − (−0.75) = 65.37 and 0.75 / 65.37 = 1.15% ≠ 1.47%: the amount is part of the
    inconsistency, so the quoted span runs from it to the rate, and the evidence lists it."""
    g = generate(149, "shanghai", "txt")
    path = tmp_path / "doc.txt"
    path.write_bytes(g.content)
    f = next(f for f in check_document(load_document(path), Config()).findings if f.rule == "N003")
    assert quotes(f.text, "机关运行经费支出 64.62 万元") and "1.47%" in f.text
    assert any(e.value == "64.62 万元" and e.column == "amount" for e in f.evidence)


def test_undetectable_plants_are_counted_apart():
    from juesuan.evaluate import score

    runs = [{"path": "a.txt", "findings": [{"rule": "X045", "severity": "error", "text": "人员经费支出较上年持平",
                                            "caused": True, "evidence": []}],
             "planted": [{"kind": "flat_claim", "group": "narrative_narrative", "text": "人员经费支出较上年持平"},
                         {"kind": "flat_claim", "group": "narrative_narrative", "text": "机关运行经费持平",
                          "detectable": False, "reason": "stated only here"}]}]
    r = score(runs)
    assert r["by_kind"]["flat_claim"] == {"planted": 1, "found": 1}
    assert r["overall"]["recall"] == 1.0 and r["misses"] == []
    assert [u["reason"] for u in r["undetectable"]] == ["stated only here"]


@pytest.mark.parametrize("kind", ["flat_claim", "slight_direction"])
def test_word_plants_are_found_when_derivable(tmp_path, kind):
    """A change clause replaced by 持平 / 略有减少 (against the figures): found (X045, X042) when the generator says
    the previous year is derivable; labelled undetectable, with the reason, otherwise."""
    import random

    from juesuan.evaluate import _alarms, found_by
    from juesuan.synth.errors import Injector
    from juesuan.synth.model import draw_department
    from juesuan.synth.render import build_doc, draw_options
    from juesuan.synth.writers import to_txt

    seen = {True: 0, False: 0}
    for seed, style in [(0, "henan"), (4, "henan"), (10, "henan"), (1, "henan"), (4, "shanghai"), (7, "shanghai")]:
        dept = draw_department(seed, style)
        rng = random.Random(f"render-{seed}-{style}-txt")
        doc = build_doc(dept, draw_options(rng, style, "txt"), rng)
        inj = Injector(doc, random.Random(seed))
        assert getattr(inj, f"k_{kind}")()
        for lab, fn in inj.pending:
            lab["text"] = fn()
        lab = inj.labels[0]
        det = lab.get("detectable", True)
        seen[det] += 1
        if not det:
            assert lab["reason"]
            continue
        path = tmp_path / f"{seed}{style}.txt"
        path.write_bytes(to_txt(doc, random.Random(f"write-{seed}")))
        alarms = _alarms(check_document(load_document(path), Config()))
        assert any(found_by(f, lab) for f in alarms), (lab, [(f["rule"], f["text"]) for f in alarms])
    assert seen[True] >= 3
