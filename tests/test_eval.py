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
from juesuan.evaluate import caused_by, evaluate, quotes
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


def test_a_consequence_of_a_planted_cell_is_not_a_false_alarm():
    planted = {"kind": "table_cell", "group": "table", "text": "2010301 行政运行 57.94", "planted": "57.94", "section": "公开05表"}
    consequence = {"text": "合计 350.76", "stated": "350.76", "expected": "349.76", "evidence": [("公开05表 一般公共预算财政拨款支出决算表", "350.76")]}
    unrelated = {"text": "占 39.12%", "stated": "39.12%", "expected": "39.21%", "evidence": [("公开03表 支出决算表", "176.37")]}
    assert caused_by(consequence, planted)
    assert not caused_by(unrelated, planted)


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
    # the CLI prints the same contract as JSON
    out = CliRunner().invoke(app, ["eval", str(tmp_path), "--format", "json"])
    assert out.exit_code == 0
    data = json.loads(out.output)
    for key in ("documents", "clean_documents", "clean_false_errors", "overall", "by_group"):
        assert key in data
