"""Report language and document order: the catalogue has every key in both languages, Chinese is the default,
PDF findings read 第18页:第3行 and come in page order."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from juesuan.checks import check_document
from juesuan.cli import app
from juesuan.document import load_document
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
    assert "第18页第" in table and "条声明" in table
    assert "p.18, l." in render_claims(doc, shanghai.claims, "table", "en")
    md = render(shanghai, "markdown")
    assert "| 错误 | N002 | 第18页第" in md
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
