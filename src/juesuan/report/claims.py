"""Render extracted claims: a readable terminal listing ("table") or JSON ("json")."""

from __future__ import annotations

import json
from dataclasses import asdict
from decimal import Decimal

from ..claims.model import Claim
from .i18n import messages, render_text


def _num(v: Decimal) -> str:
    return format(v, "f")


# The kind-specific fields of a claim, listed under "context" (a field at its default is left out; a reason
# always lists what it explains and its terms, even when none was found).
_CONTEXT = ("subject_from", "each", "rate_direction", "rate_incomparable", "basis_year", "base_subject", "grade",
            "threshold", "comparator", "reason_text", "variance", "qualifier_from", "parts_of", "about",
            "explains_direction", "terms", "span", "aggregate", "subject_resolved", "budget_ref", "basis_kind", "headline",
            "as_of")
_ALWAYS = {"reason": ("reason_text", "variance", "about", "terms")}
_JSON_NAME = {"reason_text": "reason"}


def _context(c: Claim) -> dict:
    out = {}
    always = _ALWAYS.get(c.kind, ())
    for k in _CONTEXT:
        v = getattr(c, k)
        if k not in always and (v is None or v is False or v == [] or v == ()):
            continue
        if isinstance(v, tuple):
            v = list(v)
        elif hasattr(v, "__dataclass_fields__"):
            v = {kk: (_num(vv) if isinstance(vv, Decimal) else vv) for kk, vv in asdict(v).items()}
        out[_JSON_NAME.get(k, k)] = v
    return out


def claim_dict(c: Claim, lang: str | None = None) -> dict:
    """A claim as plain JSON data (Decimals as strings, exactly as printed; reasons in ``lang``)."""
    return {
        "kind": c.kind,
        "subject": c.subject,
        "text": c.text,
        "line": c.line,
        "page": c.page,
        "part": c.part,
        "part_name": c.part_name,
        "section": c.section,
        "values": {role: {"raw": v.raw, "value": _num(v.value), "unit": v.unit} for role, v in c.values.items()},
        "basis": c.basis,
        "direction": c.direction,
        "polarity": c.polarity,
        "items": list(c.items),
        "qualifier": c.qualifier,
        "ref": asdict(c.ref) if c.ref else None,
        "ref_reason": render_text(c.ref_reason, lang),
        "base": c.base.to_dict() if c.base is not None else None,
        "base_reason": render_text(c.base_reason, lang),
        "context": _context(c),
    }


def _values(c: Claim) -> str:
    parts = []
    for role, v in c.values.items():
        if role == "budget" and ("budget_initial" in c.values or "budget_annual" in c.values):
            continue
        parts.append(f"{role}={_num(v.value)}{v.unit}")
    if c.direction is not None:
        parts.append({1: "↑", -1: "↓", 0: "="}[c.direction])
    if c.polarity is not None:
        parts.append(f"polarity {c.polarity:+d}")
    if c.items:
        shown = "、".join(c.items[:4]) + ("…" if len(c.items) > 4 else "")
        parts.append(f"[{len(c.items)}: {shown}]")
    if c.comparator is not None:
        parts.insert(0, c.comparator)
    return " ".join(parts)


def render_table(doc, claims: list[Claim], lang: str | None = None) -> str:
    """One line per claim: where (page and line for a PDF), kind, subject, values (basis), ref or why none."""
    M = messages(lang)
    head = M("claims.head", department=doc.department or "?", year=doc.year or "", n=len(claims))
    rows = [(M("col.where"), M("col.kind"), M("col.subject"), M("col.values"), M("col.table_ref"))]
    for c in claims:
        subject = c.subject or c.qualifier or ""
        if c.kind == "count" and c.qualifier:
            subject = c.qualifier
        if len(subject) > 22:
            subject = subject[:21] + "…"
        vals = _values(c)
        if c.basis:
            vals += f" (vs {c.basis})"
        if c.kind == "reason":
            vals = f"→#{c.about} " if c.about is not None else ""
            vals += (c.reason_text or c.text)[:24]
            if c.polarity is not None:
                vals += f" polarity {c.polarity:+d}"
        ref = c.ref.describe() if c.ref else f"— {render_text(c.ref_reason, lang) or ''}"
        rows.append((M.place(c.page, c.line), c.kind, subject, vals, ref))
    widths = [max(_w(r[i]) for r in rows) for i in range(4)]
    out = [head]
    for i, r in enumerate(rows):
        line = "  ".join(_pad(r[k], widths[k]) for k in range(4)) + "  " + r[4]
        out.append(f"{'#':>4} {line}" if i == 0 else f"{i - 1:>4} {line}")
    return "\n".join(out)


def _w(s: str) -> int:
    """Display width (CJK characters take two columns)."""
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in s)


def _pad(s: str, width: int) -> str:
    return s + " " * (width - _w(s))


def render_claims(doc, claims: list[Claim], fmt: str = "table", lang: str | None = None) -> str:
    if fmt == "json":
        return json.dumps([claim_dict(c, lang) for c in claims], ensure_ascii=False, indent=2)
    return render_table(doc, claims, lang)
