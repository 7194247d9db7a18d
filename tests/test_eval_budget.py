"""`juesuan eval` on generated 预算 documents: scored per document kind, twins rendered from the budget styles."""
from __future__ import annotations

import json

from juesuan.evaluate import evaluate, render_eval, twin_findings
from juesuan.synth.corpus import generate


def _write(tmp_path, seed, style, fmt, n=None):
    g = generate(seed, style, fmt, n_errors=n)
    p = tmp_path / f"{g.name}.{fmt}"
    p.write_bytes(g.content)
    (tmp_path / f"{g.name}.labels.json").write_text(json.dumps(g.labels, ensure_ascii=False), encoding="utf-8")
    return p, g.labels


def test_budget_eval_scores_per_document_kind(tmp_path):
    # 江苏 in both formats, 上海 as PDF (the formats the reader reads: synth-misses #1), and one 决算
    _write(tmp_path, 1, "js-budget", "txt", 2)
    _write(tmp_path, 3, "js-budget", "pdf", 2)
    _write(tmp_path, 2, "sh-budget", "pdf", 2)
    _write(tmp_path, 0, "henan", "txt", 1)
    r = evaluate(tmp_path)
    per = r["by_document_kind"]
    assert set(per) == {"决算", "预算"}
    assert per["预算"]["documents"] == 3 and per["决算"]["documents"] == 1
    assert per["预算"]["unreadable"] == 0
    planted = sum(1 for p in tmp_path.glob("*budget.labels.json")
                  for x in json.loads(p.read_text(encoding="utf-8"))["planted"] if x.get("detectable", True))
    # 2 plants each, and one 目录 line (toc_heading, its own late round as the 决算 late rounds: the 上海 seed 2)
    assert per["预算"]["planted"] == planted == 7
    assert sum(k["planted"] for k in per["预算"]["by_kind"].values()) == planted
    assert per["预算"]["found"] >= 1
    text = render_eval(r)
    assert "预算: documents 3" in text and "决算: documents 1" in text


def test_budget_twin_is_the_clean_document(tmp_path):
    p, labels = _write(tmp_path, 5, "js-budget", "txt", 2)
    assert labels["planted"] and labels["kind"] == "预算"
    twin = twin_findings(labels, ".txt")
    assert twin is not None
    clean = generate(5, "js-budget", "txt", n_errors=0).content
    assert clean != p.read_bytes()
