"""Report language and document order: the catalogue has every key in both languages, Chinese is the default,
PDF findings read 第18页:第3行 and come in page order."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from juesuan.checks import check_document
from juesuan.cli import app
from juesuan.pipeline import load_document
from juesuan.report import render
from juesuan.report.claims import render_claims
from juesuan.report.i18n import LANGS, messages, missing


def test_catalogues_have_the_same_keys():
    # a report text present in one language only fails here (per-rule messages will join these files later)
    assert missing() == {}
    for lang in LANGS:
        M = messages(lang)
        for key, text in M.table.items():
            assert text.strip(), (lang, key)


def test_locations():
    zh, en = messages("zh"), messages("en")
    assert zh.where("a.pdf", 18, 3) == "a.pdf:第18页:第3行" and en.where("a.pdf", 18, 3) == "a.pdf:p18:l3"
    assert zh.where("a.txt", None, 833) == en.where("a.txt", None, 833) == "a.txt:833"
    assert zh.place(18, 3) == "第18页第3行" and en.place(None, 5) == "line 5"


@pytest.fixture(scope="module")
def shanghai(shanghai_pdf):
    return check_document(load_document(shanghai_pdf))


def test_pdf_findings_in_document_order(shanghai):
    text = render(shanghai, "text")
    lint = [ln for ln in text.splitlines()[:-1] if not ln.startswith("    ")]
    # Before: sorted by line across pages (…:1:p18, …:4:p13, …:5:p17); now page, then line on the page
    keys = []
    for ln in lint:
        rest = ln.split(".pdf:", 1)[1]
        page, line = rest.split(":")[0], rest.split(":")[1]
        assert page.startswith("第") and page.endswith("页") and line.startswith("第") and line.endswith("行"), ln
        keys.append((int(page[1:-1]), int(line[1:-1])))
    assert keys == sorted(keys) and len({p for p, _ in keys}) > 2
    en = render(shanghai, "text", lang="en")
    assert ".pdf:p18:l" in en and "第18页" not in en


def test_text_findings_in_line_order(seed_path):
    r = check_document(load_document(seed_path))
    r.findings = list(reversed(r.findings))
    lines = [int(ln.split(":")[1]) for ln in render(r, "text").splitlines()[:-1] if not ln.startswith("    ")]
    assert lines == sorted(lines)


def test_claims_and_markdown_show_pages(shanghai, shanghai_pdf):
    doc = shanghai.doc
    table = render_claims(doc, shanghai.claims, "table")
    assert "第18页第" in table and "条表述" in table
    assert "p.18, l." in render_claims(doc, shanghai.claims, "table", "en")
    md = render(shanghai, "markdown")
    assert "| 警告 | N002 | 第18页第" in md  # a share of a list forced to 100.00% (尾差调整)
    res = CliRunner().invoke(app, ["claims", str(shanghai_pdf), "--lang", "en"])
    assert res.exit_code == 0 and "p.18, l." in res.output


def test_every_claim_kind_named():
    from juesuan.claims.model import KINDS

    for lang in LANGS:
        assert all(messages(lang).get(f"kind.{k}") for k in KINDS), lang


def test_bad_lang_in_config(tmp_path, seed_path):
    cfg = tmp_path / "juesuan.toml"
    cfg.write_text('[report]\nlang = "fr"\n', encoding="utf-8")
    res = CliRunner().invoke(app, ["check", str(seed_path), "--config", str(cfg)])
    assert res.exit_code == 2 and "lang" in res.output


# ---- findings and claim reasons: every rule's messages in both languages ---------------------------------

import ast  # noqa: E402
import inspect  # noqa: E402
import re  # noqa: E402
import string  # noqa: E402

from juesuan.checks import all_rules  # noqa: E402
from juesuan.report.i18n import Join, Msg, _load  # noqa: E402

KEY = re.compile(r"^(?:rule|check|reason)\.[A-Za-z0-9_.]*[A-Za-z0-9_]$")
KEY_PREFIX = re.compile(r"^(?:rule|check|reason|kind)\.[A-Za-z0-9_.]*\.$")
# placeholders one language leaves out on purpose: the English base names how it was resolved (claims/bases.py
# writes that in English), the Chinese share names its kind (文中占比); the English names a table kind by its id,
# the Chinese by the title documents print
PLACEHOLDERS_DIFFER = {"check.ratio.recomputed": {"label"}, "check.ratio.base": {"how"},
                       "rule.N006.no_table": {"table", "name"}, "reason.cell.no_table": {"table", "name"}, "rule.C002.missing_tables": {"kinds", "names"}}


def _keys_used(obj, seen=None) -> tuple[set[str], set[str]]:
    """Catalogue keys a rule class uses: string literals shaped like a key (and f-string key prefixes such as
    ``f"rule.X022.{m.role}"``) in its source and in every juesuan.checks helper it references, transitively."""
    seen = set() if seen is None else seen
    if obj in seen:
        return set(), set()
    seen.add(obj)
    keys, prefixes = set(), set()
    tree = ast.parse(_dedent(inspect.getsource(obj)))
    module = inspect.getmodule(obj)
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and KEY.match(node.value):
            keys.add(node.value)
        elif isinstance(node, ast.JoinedStr) and node.values and isinstance(node.values[0], ast.Constant):
            head = node.values[0].value
            if isinstance(head, str) and KEY_PREFIX.match(head):
                prefixes.add(head)
        elif isinstance(node, ast.Name):
            names.add(node.id)
    for cls in inspect.getmro(obj) if inspect.isclass(obj) else ():
        if cls is not obj and cls.__module__.startswith("juesuan.checks"):
            names.add(cls.__name__)
            k, p = _keys_used(cls, seen)
            keys |= k
            prefixes |= p
    for name in names:
        target = getattr(module, name, None)
        if (inspect.isfunction(target) or inspect.isclass(target)) and getattr(target, "__module__", "").startswith("juesuan.checks"):
            k, p = _keys_used(target, seen)
            keys |= k
            prefixes |= p
    return keys, prefixes


def _dedent(src: str) -> str:
    import textwrap

    return textwrap.dedent(src)


def _fields(text: str) -> set[str]:
    return {f[1] for f in string.Formatter().parse(text) if f[1]}


def test_every_rule_message_in_both_languages():
    """Fails when a rule uses a message (finding or claim reason) that one language's catalogue lacks."""
    zh, en = _load("zh"), _load("en")
    for rule in all_rules():
        keys, prefixes = _keys_used(rule)
        assert keys or prefixes, f"{rule.id} uses no catalogued message: its findings would not be translated"
        for key in sorted(keys):
            assert key in zh and key in en, f"{rule.id}: {key} in {'zh' if key in zh else 'en' if key in en else 'no'} catalogue only"
            differ = _fields(zh[key]) ^ _fields(en[key])
            assert differ <= PLACEHOLDERS_DIFFER.get(key, set()), (rule.id, key, differ)
        for prefix in sorted(prefixes):
            assert any(k.startswith(prefix) for k in zh) and any(k.startswith(prefix) for k in en), (rule.id, prefix)
    # every [rule.<ID>] section belongs to a rule
    ids = {r.id for r in all_rules()}
    stale = {k.split(".")[1] for k in zh if k.startswith("rule.")} - ids
    assert not stale, f"messages of unknown rules: {stale}"


def test_chinese_messages_have_no_english_words():
    # the Chinese findings and reasons read as Chinese: no English word outside the placeholders (a path is data)
    for key, text in _load("zh").items():
        if key.split(".")[0] in ("rule", "check", "reason"):
            words = set(re.findall(r"[A-Za-z]{2,}", re.sub(r"\{[^}]*\}", "", text))) - {"patterns", "econ", "toml"}
            assert not words, (key, text, words)


def test_every_finding_and_reason_is_catalogued(seed_path, shanghai):
    # at run time: no rule wrote a sentence, and each message renders in both languages
    seed = check_document(load_document(seed_path))
    for result in (seed, shanghai):
        assert result.findings
        for f in result.findings:
            assert isinstance(f.msg, (Msg, Join)), (f.rule, f.message)
            assert f.msg.render("zh") and f.msg.render("en")
        for c in result.judged:
            if c.status == "unverifiable":
                # also the reasons the claim extractor gives (juesuan.claims: ref_reason, base_reason)
                assert isinstance(c.verdict.why, (Msg, Join)), (c.text, c.verdict.why)


def test_messages_follow_the_language(seed_path, shanghai):
    r = check_document(load_document(seed_path))
    zh = render(r, "text")
    en = render(r, "text", lang="en")
    # N004 on the seed: 449.76 / 2485.35 = 0.18096 → 18.10%, the narrative prints 18.01%
    assert "部门整体：文中完成率 18.01%，按 449.76 / 2485.35 重算为 18.10%（基数：全年预算资金总额）" in zh
    assert "部门整体: stated 18.01%, but 449.76 / 2485.35 = 18.10%" in en and "重算" not in en
    # C001: 年初预算 0.00 and 决算 5.00 — 5.00 / 0 is undefined
    assert "文中比率 0.00%，但基数为 0（分子 5.00），比率无定义" in zh
    assert "0.00% stated against a base of 0 (numerator 5.00): the rate is undefined" in en
    # the same result switches back and forth; the JSON keys stay English, message and reason follow
    import json

    j = json.loads(render(r, "json", lang="zh"))
    assert {"rule", "severity", "message", "stated", "expected"} <= set(j["findings"][0])
    assert any("无法核对" in f["message"] for f in j["findings"] if f["rule"] == "C003")
    assert any(c["reason"] == "列举：与人员经费、公用经费无关" for c in j["claims"])
    j = json.loads(render(r, "json", lang="en"))
    assert any("unverifiable" in f["message"] for f in j["findings"] if f["rule"] == "C003")
    # 上海 2024 N002: 29.42 / 307.82 = 0.095575… → 9.56%, the narrative prints 9.55%
    zh = render(shanghai, "text")
    assert "住房保障支出（类）：文中占比 9.55%，按 29.42 / 307.82 重算为 9.56%（基数：一般公共预算财政拨款支出）" in zh


def test_missing_table_message_in_chinese(seed_path, tmp_path):
    # the Chinese twin of the mutation case seed-C-missing-table (run in English there: it quotes "expense")
    text = seed_path.read_text(encoding="utf-8").replace(" 支出决算表\n\n公开 03 表", " 支出情况\n\n公开 03 表")
    p = tmp_path / "luoyang.txt"
    p.write_text(text, encoding="utf-8")
    r = check_document(load_document(p))
    c002 = [f.message for f in r.findings if f.rule == "C002"]
    assert any(m.startswith("未找到以下标准表：") and "支出决算表" in m for m in c002), c002
    r.localize("en")
    assert any("standard tables not found: expense" in f.message for f in r.findings if f.rule == "C002")


def test_every_key_in_checks_is_catalogued():
    # also the keys the engine uses (T010's folding, the misread reason, "no rule checks this … claim")
    from pathlib import Path

    import juesuan.checks as pkg
    from juesuan.claims.patterns import subject_rules

    zh, en = _load("zh"), _load("en")
    src = Path(pkg.__file__).parent.parent
    # the checks, and the claim extractor's reasons (ref_reason, base_reason; `why` of patterns/subjects.toml)
    for rule in subject_rules():
        assert rule.why is None or (rule.why in zh and rule.why in en), rule.why
    for path in sorted((src / "checks").rglob("*.py")) + [src / "claims" / "subjects.py", src / "claims" / "bases.py",
                                                               src / "tables" / "reliability.py"]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and KEY.match(node.value):
                assert node.value in zh and node.value in en, (path.name, node.value)


def test_budget_base_named_in_chinese():
    # claims/bases.py names an item's own budget "预算数 of ITEM" (the JSON base keeps it); messages say it per language
    from juesuan.checks.ratios import _base_what
    from juesuan.claims.model import BaseRef

    own = BaseRef("预算数 of 公务接待费", "table", "the item's own 预算数 in its table", item="公务接待费")
    base = Msg("check.ratio.base", what=_base_what(own), how=own.how)
    assert base.render("zh") == "（基数：公务接待费预算数）"
    assert base.render("en") == " (base: 预算数 of 公务接待费, the item's own 预算数 in its table)"
