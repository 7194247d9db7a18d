"""Table-driven rule cases: tests/rules/<family>/<RULEID>.toml, one bad and one good case (at least) per rule.

A case builds a tiny document — tables (rows as [code, name, values…] or inline tables), narrative
sentences, claims — runs ONLY the rule of the file, and states what it expects:

    expect   = ["error"]          # severities of the rule's error/warning findings, in order ([] = none)
    info     = true                # an info finding (尾差, 0/0) is expected (default: none)
    statuses = ["verified", …]     # the claims' final status, in order (optional)
    expected = "10"                # the first finding's expected value (optional)
    [case.previous]                # last year's document (tables, department, year) for Y001 (optional)
    doc_kind = "预算"                # the document's kind (default 决算)
    extract  = true                # the claims are those the extractor finds in the sentences (no [[case.claim]])
    text     = "…"                 # narrative paragraph(s) (a string or a list), split into sentences as a
                                   # document's and run through the extractor (implies extract)
    section  = "…"                 # the heading of the narrative's section (default "一、说明")

A case states its narrative as text wherever the extractor can read the case from it; hand-built
[[case.claim]] records remain only for what no sentence expresses (a claim the extractor does not produce).
"""

from __future__ import annotations

import tomllib
from decimal import Decimal
from pathlib import Path

import pytest
import regex as re

from juesuan.checks import Config, check_document
from juesuan.checks.registry import all_rules, by_id
from juesuan.claims.bases import resolve_bases
from juesuan.claims.clauses import set_sentence_facts
from juesuan.claims.model import Claim, TableRef, Value, seal
from juesuan.document import Document, Paragraph, Section, Sentence, split_sentences
from juesuan.ingest.model import Line
from juesuan.tables.model import Row, Table
from juesuan.tables.place import place_tables

CASES = Path(__file__).parent / "rules"


def _dec(s) -> Decimal | None:
    if s is None or s == "":
        return None
    return Decimal(str(s).replace(",", ""))


def build_table(spec: dict) -> Table:
    cols = spec["columns"]
    rows = []
    for i, r in enumerate(spec.get("rows", [])):
        if isinstance(r, list):
            code, name, *vals = r
            extra = {}
        else:
            code, name, vals = r.get("code", ""), r["name"], r.get("values", [])
            extra = {k: r[k] for k in ("side", "group", "partial") if k in r}
            if "figures" in r:  # a text row whose blank cells vanished: its printed figures, first one placed
                extra.update(partial=True, extra={"figures": [str(x) for x in r["figures"]]})
                if "order" in r:  # the printed order of the columns, when it is not the table's
                    extra["extra"]["order"] = r["order"]
                vals = vals or [r["figures"][0]]
        values = {c: _dec(v) for c, v in zip(cols, vals)}
        for c in cols[len(vals):]:
            values.setdefault(c, None)
        text = r.get("text", f"{code} {name}") if isinstance(r, dict) else f"{code} {name}"
        rows.append(Row(code=str(code), name=name, values=values, line=100 + i, text=text, **extra))
    return Table(kind=spec["kind"], name=spec.get("title", spec["kind"]), title=spec.get("title", spec["kind"]),
                 number=spec.get("number"), unit=spec.get("unit", "万元"), columns=cols, rows=rows,
                 note=spec.get("note", ""), line=99)


_VAL = re.compile(r"^\s*([-−]?\d+(?:\.\d+)?)\s*(.*)$")


def build_value(role: str, raw: str) -> Value:
    m = _VAL.match(str(raw))
    assert m, raw
    unit = m.group(2).strip() or ("%" if role in ("share", "rate", "completion") else "万元")
    return Value(raw=str(raw), value=Decimal(m.group(1).replace("−", "-")), unit=unit, role=role)


# Typed Claim fields a case may set as they are (links by index, kind-specific values).
_FIELDS = ("parts_of", "base_subject", "about", "rate_direction", "comparator", "grade", "reason_text", "variance",
           "approx", "slight")


def build_claim(spec: dict, i: int) -> Claim:
    assert "context" not in spec, "Claim.context is gone: set the typed field itself (e.g. rate_direction = 1)"
    ref = TableRef(**spec["ref"]) if "ref" in spec else None
    return Claim.build(
        kind=spec["kind"], subject=spec.get("subject"), text=spec.get("text", spec.get("subject", "")),
        line=spec.get("line", 500 + i), page=None, part=spec.get("part", 3), part_name=spec.get("part_name", "决算情况说明"),
        section=spec.get("section", "一、说明"), values={r: build_value(r, v) for r, v in spec.get("values", {}).items()},
        basis=spec.get("basis"), direction=spec.get("direction"), polarity=spec.get("polarity"), items=spec.get("items", []),
        qualifier=spec.get("qualifier"), ref=ref, sentence_index=spec.get("sentence", i),
        **{k: spec[k] for k in _FIELDS if k in spec},
    )


def build_doc(case: dict) -> Document:
    tables = [build_table(t) for t in case.get("table", [])]
    paragraphs, sentences = [], []
    sec = Section(1, "一", case.get("section", "一、说明"), 400, None, 3)
    for i, text in enumerate(case.get("sentences", [])):
        p = Paragraph(text=text, part=3, part_name="决算情况说明", section=sec, offsets=[(0, 400 + i, None)])
        paragraphs.append(p)
        sentences.append(Sentence(text, p, 0, 400 + i, None))
    texts = case.get("text", [])
    for i, text in enumerate([texts] if isinstance(texts, str) else texts):  # paragraphs, split as a document's
        p = Paragraph(text=text, part=3, part_name="决算情况说明", section=sec, offsets=[(0, 400 + len(paragraphs), None)])
        paragraphs.append(p)
        sentences.extend(split_sentences(p))
    if not sentences and case.get("narrative", True):
        p = Paragraph(text="说明。", part=3, part_name="决算情况说明", section=sec, offsets=[(0, 400, None)])
        sentences.append(Sentence("说明。", p, 0, 400, None))
    # document lines (cover, 目录, headings, titles, prose) for the rules that read document-level facts
    lines = [Line(text=t, page=None, line=1 + i) for i, t in enumerate(case.get("lines", []))]
    doc = Document(path="case.txt", kind="txt", department=case.get("department", "测试局"), year=case.get("year", 2023),
                   unit="万元", parts=[], sections=[sec], paragraphs=paragraphs, sentences=sentences, tables=tables,
                   lines=lines)
    if "doc_kind" in case:
        doc.kind = case["doc_kind"]
        for t in tables:
            t.extra["doc_kind"] = case["doc_kind"]  # as tables.build sets it: a 预算 table's identities
    place_tables(tables)  # rows whose blank cells vanished, placed as attach_tables places a document's
    return doc


def _cases():
    for f in sorted(CASES.glob("*/*.toml")):
        with open(f, "rb") as fh:
            data = tomllib.load(fh)
        for case in data["case"]:
            yield pytest.param(f.stem, case, id=f"{f.stem}:{case['name']}")


@pytest.mark.parametrize("rule_id,case", list(_cases()))
def test_rule_case(rule_id, case):
    doc = build_doc(case)
    claims = [build_claim(c, i) for i, c in enumerate(case.get("claim", []))]
    for c in claims:  # the facts of its sentence, as the extractor sets them
        si = c.sentence_index
        set_sentence_facts(c, doc.sentences[si].text if si is not None and 0 <= si < len(doc.sentences) else c.text)
    resolve_bases(doc, claims, only_missing=True)  # their bases, as the extractor resolves them
    seal(claims)  # and the record is immutable, as the extractor leaves it
    others = {r.id for r in all_rules()} - {rule_id}
    cfg = Config(disable=others)
    previous = build_doc(case["previous"]) if "previous" in case else None
    result = check_document(doc, cfg, claims=None if case.get("extract") or "text" in case else claims, previous=previous)
    mine = [f for f in result.findings if f.rule == rule_id]
    got = [f.severity for f in mine if f.severity != "info"]
    msgs = "\n".join(f"{f.severity} {f.message}" for f in mine)
    assert got == case.get("expect", []), msgs
    assert any(f.severity == "info" for f in mine) == case.get("info", False), msgs
    if "statuses" in case:
        assert [c.status for c in result.judged] == case["statuses"], [(c.status, c.reason) for c in result.judged]
    if "expected" in case:
        assert mine and mine[0].expected == case["expected"], msgs
    for f in mine:  # every finding carries a span and a location
        assert f.text and f.message and f.location.line is not None


def test_every_rule_has_cases():
    have = {f.stem for f in CASES.glob("*/*.toml")}
    missing = sorted(set(by_id()) - have)
    assert not missing, f"rules without a case file: {missing}"
    for f in CASES.glob("*/*.toml"):
        with open(f, "rb") as fh:
            cases = tomllib.load(fh)["case"]
        assert any(c.get("expect") or c.get("info") for c in cases), f"{f.stem}: no bad case"
        assert any(not c.get("expect") for c in cases), f"{f.stem}: no good case"


def test_rule_catalogue():
    rules = all_rules()
    ids = [r.id for r in rules]
    assert len(ids) == len(set(ids))
    for r in rules:
        assert re.fullmatch(r"[TNXYC]\d{3}", r.id)
        assert r.severity in ("error", "warning", "info") and r.summary and r.family
        doc = r.__doc__ or ""
        assert "Bad:" in doc and "Good:" in doc, r.id
