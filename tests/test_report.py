"""Reports: JSON against schemas/report.schema.json, SARIF against the SARIF 2.1.0 subset, text, markdown, CLI."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from juesuan.checks import Config, check_document
from juesuan.cli import app
from juesuan.config import load
from juesuan.errors import ConfigError
from juesuan.pipeline import load_document
from juesuan.report import render

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "corpus" / "luoyang-xigong-2023.txt"
SCHEMAS = ROOT / "schemas"


def test_json_matches_schema(seed_result):
    data = json.loads(render(seed_result, "json"))
    jsonschema.Draft202012Validator(json.loads((SCHEMAS / "report.schema.json").read_text())).validate(data)
    assert data["summary"]["claims"] == len(data["claims"]) > 0
    assert data["document"]["year"] == 2023
    assert all(c["reason"] for c in data["claims"] if c["status"] == "unverifiable")


def test_json_schema_rejects_bad_report(seed_result):
    data = json.loads(render(seed_result, "json"))
    data["findings"][0]["severity"] = "fatal"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, json.loads((SCHEMAS / "report.schema.json").read_text()))


def test_sarif_matches_schema(seed_result):
    data = json.loads(render(seed_result, "sarif"))
    jsonschema.Draft7Validator(json.loads((SCHEMAS / "sarif-2.1.0-subset.json").read_text())).validate(data)
    run = data["runs"][0]
    ids = {r["id"] for r in run["tool"]["driver"]["rules"]}
    assert data["version"] == "2.1.0" and {r["ruleId"] for r in run["results"]} <= ids
    for r in run["tool"]["driver"]["rules"]:
        assert r["shortDescription"]["text"] and r["fullDescription"]["text"] and r["help"]["text"]
    for res in run["results"]:
        assert res["level"] in ("error", "warning", "note")
        assert res["locations"][0]["physicalLocation"]["region"]["startLine"] >= 1


def test_sarif_schema_rejects_bad_level(seed_result):
    data = json.loads(render(seed_result, "sarif"))
    data["runs"][0]["results"][0]["level"] = "info"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft7Validator(json.loads((SCHEMAS / "sarif-2.1.0-subset.json").read_text())).validate(data)


def test_text_lint_lines_and_summary(seed_result):
    text = render(seed_result, "text", lang="en")
    lines = text.rstrip("\n").splitlines()
    s = seed_result.summary
    who = f"{seed_result.doc.department} {seed_result.doc.year}"
    assert lines[-1] == (f"final accounts | {who} | claims {s['claims']}, verified {s['verified']}, contradicted {s['contradicted']}, "
                         f"unverifiable {s['unverifiable']}, errors {s['errors']}, warnings {s['warnings']}")
    lint = [ln for ln in lines[:-1] if not ln.startswith("    ")]
    assert lint and all(ln.startswith(f"{SEED.relative_to(ROOT) if not SEED.is_absolute() else seed_result.doc.path}:") for ln in lint)
    assert any(": error N004 " in ln for ln in lint)
    # Chinese is the default: the same lines, Chinese severity words and summary
    zh = render(seed_result, "text").rstrip("\n").splitlines()
    assert zh[-1] == (f"决算｜{who} 年度｜表述 {s['claims']} 条：已核实 {s['verified']}，矛盾 {s['contradicted']}，"
                      f"无法核实 {s['unverifiable']}；错误 {s['errors']}，警告 {s['warnings']}")
    assert any(": 错误 N004 " in ln and "[文中 18.01%；应为 18.10%]" in ln for ln in zh)
    assert len(zh) == len(lines)


def test_markdown_memo(seed_result):
    md = render(seed_result, "markdown", lang="en")
    assert md.startswith("# ") and "## Summary" in md and "## Findings" in md
    assert "| # | severity | rule |" in md and "18.01%" in md and "「" in md
    zh = render(seed_result, "markdown")
    assert "## 概况" in zh and "## 问题" in zh and "| # | 级别 | 规则 | 位置 |" in zh and "| 错误 | N004 | 第1235行" in zh


def test_unknown_format(seed_result):
    with pytest.raises(ValueError):
        render(seed_result, "pdf")


def test_exit_codes(seed_result):
    assert seed_result.exit_code("error") == 1
    assert seed_result.exit_code("never") == 0
    quiet = check_document(load_document(SEED), Config(disable={"N", "X", "C"}))
    assert quiet.exit_code("error") == 0 and quiet.exit_code("warning") == 0  # tables: only 尾差 (info)


def test_load_config(tmp_path):
    p = tmp_path / "juesuan.toml"
    p.write_text('[rules]\ndisable = ["X006"]\nseverity = { N009 = "warning" }\n', encoding="utf-8")
    cfg = load(p, disable=["T009,C003"]).rules
    assert cfg.disable == {"X006", "T009", "C003"} and cfg.severity == {"N009": "warning"}
    r = check_document(load_document(SEED), cfg)
    assert {f.severity for f in r.findings if f.rule == "N009"} == {"warning"}
    assert not any(f.rule in ("X006", "T009", "C003") for f in r.findings)
    with pytest.raises(ConfigError):
        load(None, disable=["Z999"])


def test_no_narrative_is_never_clean(tmp_path):
    text = SEED.read_text(encoding="utf-8")
    cut = text.index("第三部分")
    p = tmp_path / "tables-only.txt"
    p.write_text(text[:cut], encoding="utf-8")
    r = check_document(load_document(p))
    assert any(f.rule == "C002" and f.severity == "error" for f in r.findings)
    assert r.exit_code("error") == 1


def test_cli_check_and_rules(tmp_path):
    runner = CliRunner()
    out = tmp_path / "r.json"
    res = runner.invoke(app, ["check", str(SEED), "--format", "json", "--output", str(out)])
    assert res.exit_code == 1, res.output
    assert json.loads(out.read_text(encoding="utf-8"))["tool"]["name"] == "juesuan"
    res = runner.invoke(app, ["check", str(SEED), "--fail-on", "never"])
    assert res.exit_code == 0 and res.output.splitlines()[-1].startswith("决算｜") and "｜表述 " in res.output.splitlines()[-1]
    res = runner.invoke(app, ["check", str(SEED), "--fail-on", "never", "--lang", "en"])
    assert res.exit_code == 0 and "claims " in res.output.splitlines()[-1]
    cfg = tmp_path / "juesuan.toml"
    cfg.write_text('[report]\nlang = "en"\n', encoding="utf-8")
    res = runner.invoke(app, ["check", str(SEED), "--fail-on", "never", "--config", str(cfg)])
    assert res.exit_code == 0 and "claims " in res.output.splitlines()[-1]
    res = runner.invoke(app, ["rules"])
    assert res.exit_code == 0 and "T001" in res.output and "C003" in res.output
