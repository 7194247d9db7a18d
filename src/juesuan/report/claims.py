"""Render extracted claims: a readable terminal listing ("table") or JSON ("json")."""

from __future__ import annotations

import json
from dataclasses import asdict
from decimal import Decimal

from ..claims.model import Claim
from .i18n import messages, render_text


def _num(v: Decimal) -> str:
    return format(v, "f")


def claim_dict(c: Claim, lang: str | None = None) -> dict:
    """A claim as plain JSON data (Decimals as strings, exactly as printed; reasons in ``lang``)."""
    ctx = {}
    for k, v in c.context.items():
        if isinstance(v, Decimal):
            v = _num(v)
        elif hasattr(v, "__dataclass_fields__"):
            v = {kk: (_num(vv) if isinstance(vv, Decimal) else vv) for kk, vv in asdict(v).items()}
        ctx[k] = v
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
        "context": ctx,
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
    if "comparator" in c.context:
        parts.insert(0, c.context["comparator"])
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
            about = c.context.get("about")
            vals = f"→#{about} " if about is not None else ""
            vals += (c.context.get("reason") or c.text)[:24]
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
