"""Data-driven claim cases: tests/claims_cases/*.toml (sentence → expected claims)."""

from __future__ import annotations

import tomllib
from decimal import Decimal
from pathlib import Path

import pytest

from juesuan.claims import extract_text

CASES = Path(__file__).parent / "claims_cases"


def _load():
    for f in sorted(CASES.glob("*.toml")):
        with open(f, "rb") as fh:
            for case in tomllib.load(fh)["case"]:
                yield pytest.param(case, id=f"{f.stem}:{case['name']}")


def _matches(c, exp, claims) -> list[str]:
    bad = []
    for key, want in exp.items():
        if key in ("kind", "count"):
            continue
        if key == "values":
            for role, v in want.items():
                got = c.values.get(role)
                if got is None or got.value != Decimal(v):
                    bad.append(f"{role}={got.value if got else None}≠{v}")
        elif key == "unit":
            for role, u in want.items():
                got = c.values.get(role)
                if got is None or got.unit != u:
                    bad.append(f"unit {role}={got.unit if got else None}≠{u}")
        elif key in ("subject", "basis", "direction", "polarity", "qualifier"):
            if getattr(c, key) != want:
                bad.append(f"{key}={getattr(c, key)!r}≠{want!r}")
        elif key == "items":
            if list(c.items) != want:
                bad.append(f"items={c.items}")
        elif key == "about_kind":
            a = c.about
            if a is None or claims[a].kind != want:
                bad.append(f"about={a}")
        elif key == "parts_of":
            p = c.parts_of
            head = claims[p] if p is not None else None
            if head is None or want not in (head.subject or "", head.qualifier or ""):
                bad.append(f"parts_of={head.subject if head else None}")
        elif key in ("base_subject", "grade", "comparator", "rate_incomparable", "slight", "approx", "basis_year",
                     "basis_kind", "as_of"):
            if getattr(c, key) != want:
                bad.append(f"{key}={getattr(c, key)!r}")
        elif key in ("base_amount",):  # the resolved base (Claim.base), its stated value
            got = c.base.value.value if c.base is not None and c.base.value is not None else None
            if got != Decimal(want):
                bad.append(f"base={c.base.describe() if c.base else c.base_reason}")
        elif key == "base_what":  # what the resolved base is ("2023年预算执行数", "上年预算")
            if c.base is None or c.base.what != want:
                bad.append(f"base={c.base.describe() if c.base else c.base_reason}")
        elif key == "headline":  # 预算 item form: the headline claim's subject contains this
            h = claims[c.headline] if c.headline is not None else None
            if h is None or want not in (h.subject or ""):
                bad.append(f"headline={h.subject if h else None}")
        elif key == "threshold":
            t = c.threshold
            if t is None or t.value != Decimal(want):
                bad.append(f"threshold={t}")
        else:
            raise KeyError(key)
    return bad


@pytest.mark.parametrize("case", list(_load()))
def test_claim_case(case):
    claims = extract_text(case["text"], section=case.get("section"), kind=case.get("doc_kind", "决算"))
    listing = "\n".join(f"  {c.kind} {c.subject!r} {[(r, str(v.value), v.unit) for r, v in c.values.items()]} q={c.qualifier!r} "
                        f"b={c.basis} d={c.direction} p={c.polarity} items={c.items} | {c.text}" for c in claims)
    for exp in case["expect"]:
        same = [c for c in claims if c.kind == exp["kind"]]
        if "count" in exp:
            assert len(same) == exp["count"], f"{exp['kind']}: {len(same)} claims, want {exp['count']}\n{listing}"
            if len(exp) == 2:
                continue
        errors = {i: _matches(c, exp, claims) for i, c in enumerate(same)}
        assert any(not e for e in errors.values()), f"no claim matches {exp}\n{errors}\n{listing}"
    # every span is verbatim
    for c in claims:
        assert c.text and c.text in case["text"], c.text
