"""Every pattern of patterns/claims.toml, subjects.toml and reasons.toml matches its own example."""

from __future__ import annotations

import pytest
import regex as re

from juesuan.claims.patterns import expand, figure_res, reason_terms, rx, spec, subject_rules

_PAIRS = []
for section, body in spec().items():
    if section in ("fragments", "figure") or not isinstance(body, dict):
        continue
    for key, value in body.items():
        if key.endswith("example") or not isinstance(value, str):
            continue
        ex = body.get(f"{key}_example") or (body.get("example") if key in ("clause", "intro") else None)
        if ex:
            _PAIRS.append(pytest.param(section, key, ex, id=f"{section}.{key}"))


@pytest.mark.parametrize("section,key,example", _PAIRS)
def test_claim_pattern_example(section, key, example):
    assert rx(section, key).search(example), (section, key, example)


def test_every_claim_pattern_has_an_example():
    for section, body in spec().items():
        if section in ("fragments", "figure") or not isinstance(body, dict):
            continue
        for key, value in body.items():
            if key.endswith("example"):
                continue
            has = f"{key}_example" in body or ("example" in body and key in ("clause", "intro"))
            assert has, f"{section}.{key} has no example"


def test_figure_examples():
    s = spec()
    for f, (kind, pat) in zip(s["figure"], figure_res()):
        assert pat.search(f["example"]), f


def test_fragments():
    f = spec()["fragments"]
    assert re.fullmatch(expand("{AMT}", f), "2,995.39 万元")
    assert re.fullmatch(expand("{PCT}", f), "百分之二十")
    assert re.fullmatch(expand("{CNUM}", f), "十七")


def test_subject_examples():
    for r in subject_rules():
        assert r.match.search(r.example), r.example


def test_reason_examples():
    for t in reason_terms():
        assert t.term.search(t.example), t.example


def test_qualifier_examples():
    from juesuan.claims.patterns import qualifiers

    for q in qualifiers():
        assert q.context.search(q.example), q.example
