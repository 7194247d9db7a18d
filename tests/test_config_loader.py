"""One config loader (issue 20, item 5): ``juesuan.check(path, config=…)``, the CLI (one document, and many
documents checked by the batch workers) and ``juesuan.config.load`` read the same file the same way — a
juesuan.toml or the ``[tool.juesuan]`` of a pyproject.toml: rules turned off, severities, limits, language and
fail level — so the same config gives the same findings. Last year's document is an argument of the check, not
a field of the config."""

from __future__ import annotations

import json
import shutil

import pytest
from typer.testing import CliRunner

import juesuan
from juesuan.checks import Config, check_document
from juesuan.cli import app
from juesuan.config import Settings, load
from juesuan.errors import ConfigError, InputError
from juesuan.pipeline import load_document

SETTINGS = """[rules]
disable = ["X005", "C"]
severity = { N009 = "warning" }
[report]
lang = "en"
[check]
fail_on = "warning"
[limits]
max_text_mb = 8
"""


def _juesuan_toml(folder):
    p = folder / "juesuan.toml"
    p.write_text(SETTINGS, encoding="utf-8")
    return p


def _pyproject(folder):
    p = folder / "pyproject.toml"
    body = SETTINGS.replace("[rules]", "[tool.juesuan.rules]").replace("[report]", "[tool.juesuan.report]")
    body = body.replace("[check]", "[tool.juesuan.check]").replace("[limits]", "[tool.juesuan.limits]")
    p.write_text('[project]\nname = "x"\n\n' + body, encoding="utf-8")
    return p


def _cli_report(args: list[str]) -> tuple[dict, int]:
    res = CliRunner().invoke(app, ["check", *args, "--format", "json"])
    assert res.exit_code in (0, 1), res.output
    return json.loads(res.stdout), res.exit_code


def _without_timing(d: dict) -> dict:
    d = dict(d)
    d.pop("timing", None)
    return d


@pytest.mark.parametrize("kind", ["juesuan.toml", "pyproject.toml"])
def test_api_and_cli_give_the_same_findings(kind, seed_path, tmp_path):
    cfg = _juesuan_toml(tmp_path) if kind == "juesuan.toml" else _pyproject(tmp_path)
    api = juesuan.check(seed_path, config=cfg)
    rules = {f.rule for f in api.findings}
    assert "X005" not in rules and not any(r.startswith("C") for r in rules)  # disabled, in the API too
    assert {f.severity for f in api.findings if f.rule == "N009"} == {"warning"}  # the configured severity
    cli, code = _cli_report([str(seed_path), "--config", str(cfg)])
    assert _without_timing(cli) == _without_timing(api.to_dict())  # same findings, same language (en)
    assert code == api.exit_code() == 1  # fail_on = "warning" from the config
    default = juesuan.check(seed_path)
    assert any(f.rule == "X005" for f in default.findings)  # the config is what turned it off


def test_a_discovered_config_is_the_one_the_api_is_given(seed_path, tmp_path, monkeypatch):
    cfg = _pyproject(tmp_path)
    monkeypatch.chdir(tmp_path)
    cli, _ = _cli_report([str(seed_path)])  # no --config: found from the working folder upward
    assert _without_timing(cli) == _without_timing(juesuan.check(seed_path, config=cfg).to_dict())


def test_batch_workers_apply_the_config(seed_path, tmp_path):
    cfg = _juesuan_toml(tmp_path)
    docs = tmp_path / "docs"
    docs.mkdir()
    for name in ("a.txt", "b.txt"):
        shutil.copy(seed_path, docs / name)
    res = CliRunner().invoke(app, ["check", str(docs / "a.txt"), str(docs / "b.txt"), "--format", "json",
                                   "--config", str(cfg), "--jobs", "2"])
    assert res.exit_code == 1, res.output
    lines = [json.loads(ln) for ln in res.stdout.splitlines() if ln.strip()]
    assert len(lines) == 2
    for line in lines:
        api = juesuan.check(line["document"]["path"], config=cfg).to_dict()
        assert line["findings"] == api["findings"] and line["summary"] == api["summary"]


def test_limits_of_the_config_apply_to_the_api_and_the_cli(seed_path, tmp_path):
    cfg = tmp_path / "juesuan.toml"
    cfg.write_text("[limits]\nmax_input_mb = 0.001\n", encoding="utf-8")
    with pytest.raises(InputError, match="max_input_mb"):
        juesuan.check(seed_path, config=cfg)
    res = CliRunner().invoke(app, ["check", str(seed_path), "--config", str(cfg)])
    assert res.exit_code == 2 and "max_input_mb" in res.output


def test_bad_settings_are_refused_the_same_way(seed_path, tmp_path):
    cfg = tmp_path / "juesuan.toml"
    cfg.write_text('[rules]\ndisable = ["Z999"]\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="Z999"):
        load(cfg)
    with pytest.raises(ValueError, match="Z999"):  # the API's bad option is a ValueError
        juesuan.check(seed_path, config=cfg)
    res = CliRunner().invoke(app, ["check", str(seed_path), "--config", str(cfg)])
    assert res.exit_code == 2 and "Z999" in res.output


def test_load_reads_both_kinds_of_file_alike(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    one, two = load(_juesuan_toml(a)), load(_pyproject(b))
    assert (one.rules, one.limits, one.lang, one.fail_on) == (two.rules, two.limits, two.lang, two.fail_on)
    assert one.rules.disable == {"X005", "C"} and one.limits.max_text_mb == 8 and one.fail_on == "warning"
    assert load(disable=["T009,C003"]).rules.disable == {"T009", "C003"}
    assert load() == Settings()  # no file given: the defaults, whatever lies in the working folder


def test_last_year_is_an_argument_not_a_setting(seed_path):
    assert not hasattr(Config(), "previous")
    doc = load_document(seed_path)
    result = check_document(load_document(seed_path), Config(), previous=doc)
    assert any(f.rule == "Y001" for f in result.findings)  # the same year twice: not comparable, said so
    assert not any(f.rule == "Y001" for f in check_document(doc, Config()).findings)


def test_the_workbench_checks_with_the_config_it_was_started_with(seed_path, tmp_path):
    from juesuan.web.store import Store
    from juesuan.web.work import check_stored

    cfg = _juesuan_toml(tmp_path)
    store = Store(tmp_path / "data")
    try:
        doc_id = store.add("a.txt", "a.txt", None, None)
        out = check_stored(str(store.path), doc_id, str(seed_path), "a.txt", None, load(cfg))
    finally:
        store.close()
    api = juesuan.check(seed_path, config=cfg)
    assert [(f["rule"], f["severity"]) for f in out["report"]["findings"]] == [(f.rule, f.severity) for f in api.findings]
    assert not any(f["rule"] == "X005" for f in out["report"]["findings"])
