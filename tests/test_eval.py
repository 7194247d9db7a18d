"""The labelled benchmark: generated documents, `juesuan eval`, and clean documents passing our identities.

The evaluation set is not committed as files: it is the generator's seeds (below), generated in the test.
The full 200-document figures are in reports/benchmark.md (`juesuan synth DIR --n 200; juesuan eval DIR`).
"""

import json

import pytest
from typer.testing import CliRunner

from juesuan.checks import check_document, load_config
from juesuan.cli import app
from juesuan.document import load_document
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
    result = check_document(load_document(path), load_config(None, []))
    table_findings = [f for f in result.findings if f.rule.startswith("T") and f.severity != "info"]
    assert table_findings == [], [(f.rule, f.message) for f in table_findings]


def test_quotes_ignores_whitespace_and_line_breaks():
    assert quotes("与上年度相比，增加 91.89 万元，增长 25.86%", "增长\n25.86%")
    assert not quotes("增长 25.68%", "增长 25.86%")


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
    # the benchmark's targets (issue 8), on a small set: no error on a clean document, precision ≥ 0.95 under the
    # clean-twin attribution, recall not below 0.74 (this set of seeds 500–507: 24/24 caused, 6/7 found)
    assert report["clean_documents"] > 0 and report["clean_false_errors"] == 0
    assert report["overall"]["precision"] >= 0.95, report["false_alarms"]
    assert report["overall"]["recall"] >= 0.74, report["misses"]
    # the CLI prints the same contract as JSON
    out = CliRunner().invoke(app, ["eval", str(tmp_path), "--format", "json"])
    assert out.exit_code == 0
    data = json.loads(out.output)
    for key in ("documents", "clean_documents", "clean_false_errors", "overall", "by_group"):
        assert key in data
