"""The Python API (juesuan.check), the baseline, year over year (Y001 with --previous) and the rule docs."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import juesuan
from juesuan.baseline import read_baseline
from juesuan.checks.docs import rule_doc, rule_list
from juesuan.checks.pairing import pair_documents
from juesuan.checks.registry import all_rules
from juesuan.synth.pairs import generate_pair

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT.parent / "shared" / "seeds" / "000_40e5361bbb16af1b.txt"
if not SEED.exists():
    SEED = ROOT / "corpus" / "luoyang-xigong-2023.txt"


@pytest.fixture(scope="module")
def report():
    return juesuan.check(str(SEED))


def test_api_report(report):
    assert isinstance(report, juesuan.Report)
    assert report.department and report.year == 2023
    assert report.summary["errors"] == sum(f.severity == "error" for f in report.findings) > 0
    assert len(report.claims) == report.summary["claims"]
    tables = report.tables
    assert "gpb_expense" in tables and "income" in tables
    df = tables["gpb_expense"]
    total = next(r for r in report.document.table("gpb_expense").rows if r.is_total)
    assert df.loc[df["name"] == total.name, "合计"].iloc[0] == total.values["合计"]  # Decimal, exact
    ff = report.findings_frame()
    assert len(ff) == len(report.findings)
    assert list(ff["rule"]) == [f.rule for f in report.findings]
    assert {"rule", "severity", "message", "text", "stated", "expected", "page", "line"} <= set(ff.columns)


def test_api_to_dict_equals_cli_json(report):
    proc = subprocess.run([sys.executable, "-m", "juesuan.cli", "check", "--format", "json", str(SEED)],
                          capture_output=True, text=True)
    assert json.loads(proc.stdout) == report.to_dict()


def test_api_text_and_options(report):
    text = SEED.read_text(encoding="utf-8")
    r = juesuan.check(text)
    assert r.summary == report.summary
    assert r.to_dict()["document"]["path"] == "<text>"
    off = juesuan.check(str(SEED), disable=["N"])
    assert not any(f.rule.startswith("N") for f in off.findings)
    with pytest.raises(ValueError):
        juesuan.check(str(SEED), disable=["N999"])
    with pytest.raises(ValueError):
        juesuan.check(str(SEED), severity={"N002": "fatal"})
    with pytest.raises(juesuan.InputError):
        juesuan.check("no/such/file.pdf")


def test_baseline_reports_only_new_findings(report, tmp_path):
    base = report.to_dict()
    p = tmp_path / "baseline.json"
    p.write_text(json.dumps(base, ensure_ascii=False), encoding="utf-8")
    again = juesuan.check(str(SEED), baseline=str(p))
    assert again.findings == [] and again.result.baselined == len(report.findings)
    assert again.exit_code() == 0
    # drop one accepted error from the baseline: exactly that finding is new again
    first_err = next(i for i, f in enumerate(base["findings"]) if f["severity"] == "error")
    dropped = base["findings"].pop(first_err)
    partial = juesuan.check(str(SEED), baseline=base)
    assert [(f.rule, f.text) for f in partial.findings] == [(dropped["rule"], dropped["text"])]
    assert partial.exit_code() == 1
    with pytest.raises(ValueError):
        read_baseline({"no": "findings"})


def _pair(tmp_path, seed, style, fmt="txt", flip=True):
    g = generate_pair(seed, style, fmt, flip=flip)
    prev, cur = tmp_path / f"prev.{fmt}", tmp_path / f"cur.{fmt}"
    prev.write_bytes(g.previous)
    cur.write_bytes(g.current)
    return g, prev, cur


def test_previous_year_catches_a_flipped_direction_with_its_rate(tmp_path):
    # seed 1 上海: "一般公共预算财政拨款支出增加 171.07 万元，增长 53.31%" was 减少/下降 (last year's 表五 合计 is
    # larger by 171.07): the flipped words keep the sentence self-consistent, so no rule sees it alone.
    g, prev, cur = _pair(tmp_path, 1, "shanghai")
    planted = g.labels["planted"][0]
    assert planted["kind"] == "direction_pair"
    key = planted["text"].replace(" ", "")

    def quoting(rep):
        return [f for f in rep.findings if f.severity in ("error", "warning") and key in f.text.replace(" ", "")]

    alone = juesuan.check(str(cur))
    assert quoting(alone) == []
    both = juesuan.check(str(cur), previous=str(prev))
    hits = quoting(both)
    assert [f.rule for f in hits] == ["Y001"] and hits[0].severity == "error"
    assert "减少/下降" in hits[0].expected
    this = juesuan.check(str(prev))
    cur_t = both.document.table("gpb_expense").total_row().values["合计"]
    prev_t = this.document.table("gpb_expense").total_row().values["合计"]
    assert cur_t - prev_t < 0  # the arithmetic: this year − last year is negative, so 减少 was right
    # every other change claim agrees with last year's document: Y001 reports only the flip
    assert [f for f in both.findings if f.rule == "Y001"] == hits
    assert sum(1 for c in both.claims if c.kind == "change" and c.status == "verified") >= 3
    # the JSON report with a Y001 finding is valid against the contract
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((ROOT / "schemas" / "report.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(both.to_dict())


def test_previous_of_another_department_is_refused(tmp_path):
    _, prev, cur = _pair(tmp_path, 2, "henan", flip=False)
    other = generate_pair(3, "henan", "txt").previous
    (tmp_path / "other.txt").write_bytes(other)
    r = juesuan.check(str(cur), previous=str(tmp_path / "other.txt"), lang="en")
    y = [f for f in r.findings if f.rule == "Y001"]
    assert len(y) == 1 and y[0].severity == "warning" and "skipped" in y[0].message
    zh = [f for f in juesuan.check(str(cur), previous=str(tmp_path / "other.txt")).findings if f.rule == "Y001"]
    assert len(zh) == 1 and zh[0].message.startswith("未做跨年核对")
    clean = juesuan.check(str(cur), previous=str(prev))
    assert [f for f in clean.findings if f.rule == "Y001"] == []


def test_pairing_by_department_and_year():
    docs = [("a/2023.pdf", "某某区财政局", 2023), ("b/2022.pdf", "某某区 财政局", 2022), ("c.pdf", "某某区教育局", 2022),
            ("d.pdf", "某某区财政局", 2021), ("e.pdf", None, None)]
    assert pair_documents(docs) == {"a/2023.pdf": "b/2022.pdf", "b/2022.pdf": "d.pdf"}


def test_rule_docs():
    for r in all_rules():
        doc = rule_doc(r.id, "en")
        assert doc.startswith(f"{r.id}  {r.summary}")
        assert "What it checks" in doc and "Why it matters" in doc
        # Chinese by default: the catalogue's summary, the group's description, the docstring's examples
        zh = rule_doc(r.id)
        assert zh.startswith(f"{r.id}  ") and "核对什么" in zh and "为什么重要" in zh
        assert "What it checks" not in zh and "default severity" not in zh
    assert rule_doc("y001") == rule_doc("Y001")
    assert "错误示例：" in rule_doc("Y001") and "正确示例：" in rule_doc("Y001")
    assert "Bad" in rule_doc("Y001", "en") and "Good" in rule_doc("Y001", "en")
    assert rule_doc("Z999") is None
    for listing in (rule_list(), rule_list("en")):
        assert all(r.id in listing for r in all_rules())
        assert "--disable" in listing and "year_over_year" in listing
    assert "说明与表格核对" in rule_list() and "narrative against the tables" in rule_list("en")
