"""Rules by family (issue 20, item 4): the folder is the family. Families, folders, ids, rule cases, ``--disable``,
``juesuan rules``, the config file and the docs agree, and disabling a family disables every rule in it."""

from __future__ import annotations

import ast
import inspect
from pathlib import Path

import pytest
from typer.testing import CliRunner

from juesuan import config as confmod
from juesuan.checks import Config, check_document
from juesuan.checks.base import COMPARES, Rule
from juesuan.checks.docs import rule_doc, rule_list
from juesuan.checks.registry import RUN_ORDER, all_rules, discovered, families
from juesuan.cli import app
from juesuan.errors import ConfigError
from juesuan.i18n import _load, messages
from juesuan.pipeline import load_document

ROOT = Path(__file__).resolve().parents[1]
RULES = ROOT / "src" / "juesuan" / "checks" / "rules"
CASES = Path(__file__).parent / "rules"
SEED = ROOT / "corpus" / "luoyang-xigong-2023.txt"


def _folders() -> dict[str, set[str]]:
    """{family folder: {rule ids}} as the source tree has them."""
    return {d.name: {p.stem for p in d.glob("*.py") if p.name != "__init__.py"}
            for d in sorted(RULES.iterdir()) if d.is_dir() and (d / "__init__.py").exists()}


def test_the_folder_is_the_family():
    folders = _folders()
    rules = all_rules()
    assert {r.family: None for r in rules}.keys() == folders.keys()
    for r in rules:
        assert r.id in folders[r.family], r.id
        assert r.__module__ == f"juesuan.checks.rules.{r.family}.{r.id}"
        assert "group" not in vars(r), f"{r.id}: the family is the folder, not an attribute"
    assert sorted(r.id for r in rules) == sorted(i for ids in folders.values() for i in ids)


def test_one_word_per_family():
    """Each family name once, never the singular of another ("table_identity" / "table_identities"), and not a
    word the claims layer uses for something else (its document "facts")."""
    fams = families()
    assert len(fams) == len(set(fams))
    for f in fams:
        assert f.rstrip("s") == f or f.rstrip("s") not in fams, f
        assert f != "facts"
    assert {"T001", "T006", "T011"} <= {r.id for r in all_rules() if r.family == "table_identities"}


def test_every_rule_runs_in_a_declared_order():
    ids = [r.id for r in discovered()]
    assert sorted(ids) == sorted(RUN_ORDER), "a rule module not in registry.RUN_ORDER (or an id listed without one)"
    assert [r.id for r in all_rules()] == [i for i in RUN_ORDER if i in ids]


def test_rule_cases_sit_in_the_family_folder():
    for f in CASES.glob("*.toml"):
        raise AssertionError(f"{f.name}: rule cases live in tests/rules/<family>/")
    by_id = {r.id: r for r in all_rules()}
    for f in CASES.glob("*/*.toml"):
        assert f.stem in by_id, f
        assert f.parent.name == by_id[f.stem].family, f


def test_engine_declarations():
    """What the engine needs to know is declared on the rule (and the declarations are of the known kinds)."""
    for r in all_rules():
        assert r.phase in ("rules", "after_verdicts"), r.id
        assert r.compares in COMPARES, r.id
        assert isinstance(r.decides_verdicts, bool) and isinstance(r.reports_table_diagnosis, bool)
    assert [r.id for r in all_rules() if r.reports_table_diagnosis] == ["T010"]
    assert [r.id for r in all_rules() if r.phase == "after_verdicts"] == ["C003"]
    assert [r.id for r in all_rules() if r.one_finding_per_document] == ["X033"]
    assert {r.id for r in all_rules() if r.reports_unchecked} == {r.id for r in all_rules() if r.family == "completeness"}
    for name in ("__init__.py", "grouping.py"):
        engine = (ROOT / "src" / "juesuan" / "checks" / name).read_text(encoding="utf-8")
        for literal in ('"T010"', '"TNXY"', '"NXYT"', '"NC"', '"C001"', '"X033"', "rule[:1]", "LETTER"):
            assert literal not in engine, f"{name} reads {literal} instead of a declaration"
    for path in (ROOT / "src" / "juesuan").rglob("*.py"):  # no finding is told apart by its rule's letter
        assert ".rule[:1]" not in path.read_text(encoding="utf-8"), path


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_juesuan_rules_lists_families_from_the_folders(lang):
    text = rule_list(lang)
    rows = [ln.split() for ln in text.split("\n\n")[0].splitlines()]
    assert {(row[0], row[1]) for row in rows} == {(r.id, r.family) for r in all_rules()}
    listed = [ln.strip() for ln in text.split("\n\n")[1].splitlines() if ln.strip() in _folders()]
    assert listed == families()
    out = CliRunner().invoke(app, ["rules", "--lang", lang])
    assert out.exit_code == 0 and out.output.strip() == text.strip()


def test_rule_doc_names_the_family_and_its_why():
    m_zh, m_en = messages("zh"), messages("en")
    for r in all_rules():
        zh, en = rule_doc(r.id, "zh"), rule_doc(r.id, "en")
        assert zh is not None and en is not None
        assert f"--disable {r.id}" in zh and r.family in zh and r.family in en
        assert m_zh.get(f"rules.family.{r.family}") and m_en.get(f"rules.family.{r.family}"), r.family
        why = inspect.cleandoc(__import__(f"juesuan.checks.rules.{r.family}", fromlist=["x"]).__doc__ or "")
        assert why and why.splitlines()[0] in en, r.id


def test_catalogue_describes_exactly_the_families():
    for lang in ("zh", "en"):
        described = {k.split(".", 2)[2] for k in _load(lang) if k.startswith("rules.family.")}
        assert described == set(families()), lang
        assert not any(k.startswith("rules.group.") for k in _load(lang)), lang


@pytest.fixture(scope="module")
def seed_result():
    doc = load_document(SEED)
    return doc, check_document(doc, Config())


@pytest.mark.parametrize("family", families())
def test_disabling_a_family_disables_every_rule_in_it(family, seed_result):
    doc, _ = seed_result
    members = {r.id for r in all_rules() if r.family == family}
    cfg = Config(disable={family})
    assert {r.id for r in all_rules() if not cfg.enabled(r)} == members
    cli_cfg = confmod.to_config({}, [family])
    assert {r.id for r in all_rules() if not cli_cfg.enabled(r)} == members
    file_cfg = confmod.to_config({"rules": {"disable": [family]}})
    assert {r.id for r in all_rules() if not file_cfg.enabled(r)} == members
    result = check_document(doc, cfg)
    assert {r.id for r in result.rules}.isdisjoint(members)
    assert not {f.rule for f in result.findings} & members


def test_disabled_family_findings_gone_on_the_seed(seed_result):
    """On the bundled example, each family with findings loses exactly its own findings when disabled."""
    doc, full = seed_result
    by_family: dict[str, set[str]] = {}
    fam = {r.id: r.family for r in all_rules()}
    for f in full.findings:
        by_family.setdefault(fam[f.rule], set()).add(f.rule)
    assert by_family, "the seed raises findings"
    for family in by_family:
        result = check_document(doc, Config(disable={family}))
        assert not any(fam[f.rule] == family for f in result.findings), family


def test_old_family_names_are_gone():
    for old in ("table_identity", "facts", "table_identity,facts"):
        with pytest.raises(ConfigError):
            confmod.to_config({}, [old])
        with pytest.raises(ConfigError):
            confmod.validate({"rules": {"disable": old.split(",")}})


def test_no_rule_module_outside_the_folders():
    """A flat module of checks/ with a RULES list would be a rule the registry never finds (tools/split_rules.py
    moves such modules)."""
    checks = RULES.parent
    for p in checks.glob("*.py"):
        tree = ast.parse(p.read_text(encoding="utf-8"))
        assigns = [t.id for n in tree.body if isinstance(n, ast.Assign) for t in n.targets if isinstance(t, ast.Name)]
        assert "RULES" not in assigns, p.name
        for n in tree.body:
            if isinstance(n, ast.ClassDef) and any(isinstance(b, ast.Assign) and ast.unparse(b).startswith("id = ")
                                                   for b in n.body):
                raise AssertionError(f"{p.name}: the rule {n.name} lives outside checks/rules/<family>/")
    assert issubclass(all_rules()[0], Rule)


def test_cli_disable_family(tmp_path):
    """`juesuan check --disable <family>` and a config file's ``disable = [<family>]`` report no finding of it."""
    import json

    fam = {r.id: r.family for r in all_rules()}
    family = "narrative_table"
    out = CliRunner().invoke(app, ["check", str(SEED), "--format", "json", "--disable", family])
    data = json.loads(out.output)
    assert data["findings"] and not any(fam[f["rule"]] == family for f in data["findings"])
    cfg = tmp_path / "juesuan.toml"
    cfg.write_text(f'[rules]\ndisable = ["{family}"]\n', encoding="utf-8")
    out2 = CliRunner().invoke(app, ["check", str(SEED), "--format", "json", "--config", str(cfg)])
    data2 = json.loads(out2.output)
    assert [f["rule"] for f in data2["findings"]] == [f["rule"] for f in data["findings"]]
    bad = tmp_path / "bad.toml"
    bad.write_text('[rules]\ndisable = ["facts"]\n', encoding="utf-8")
    assert CliRunner().invoke(app, ["check", str(SEED), "--config", str(bad)]).exit_code == 2
