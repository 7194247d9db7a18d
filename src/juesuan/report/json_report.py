"""The JSON report: the stable contract (``schemas/report.schema.json``)."""

from __future__ import annotations

import json
from decimal import Decimal

from ..checks.base import claim_location
from ..version import __version__


def _values(claim) -> dict:
    return {role: {"raw": v.raw, "value": str(v.value), "unit": v.unit} for role, v in claim.values.items()}


def claim_dict(claim) -> dict:
    """A claim joined with its verdict (``checks.Judged``: the claim's fields, ``status`` and ``reason``)."""
    return {
        "kind": claim.kind,
        "subject": claim.subject,
        "text": claim.text,
        "status": claim.status,
        "reason": claim.reason,
        "location": claim_location(claim, claim.ref.table if claim.ref is not None else None).to_dict(),
        "values": _values(claim),
        "ref": claim.ref.describe() if claim.ref is not None else None,
        "base": claim.base.to_dict() if getattr(claim, "base", None) is not None else None,
    }


def _finding_dict(f, M) -> dict:
    """A finding as the contract has it; a narrative figure's role (the evidence's column) in the report's
    language (金额, 占比 …), as a table's column is named."""
    d = f.to_dict()
    for e in d["evidence"]:
        if e["source"] == "narrative" and e["column"]:
            e["column"] = M.get(f"role.{e['column']}", e["column"])
    return d


def report_dict(result, lang: str | None = None) -> dict:
    from .i18n import messages

    M = messages(lang)
    doc = result.doc
    tool = {"name": "juesuan", "version": __version__}
    if getattr(doc, "engine", None):
        tool["pdf_engine"] = doc.engine  # a PDF: which engine read it (pdfium | pdfplumber)
    return {
        "tool": tool,
        "document": {
            "path": str(doc.path),
            "kind": doc.kind,
            "department": doc.department,
            "year": doc.year,
            "unit": doc.unit,
            "pages": doc.pages,
        },
        "summary": result.summary,
        "findings": [_finding_dict(f, M) for f in result.findings],
        "claims": [claim_dict(c) for c in result.judged],  # each claim joined with its verdict
    }


def _default(o):
    if isinstance(o, Decimal):
        return str(o)
    raise TypeError(type(o).__name__)


def render_json(result, lang: str | None = None) -> str:
    # keys stay English; only `message` follows the language (per-rule catalogue: see report/i18n.py)
    return json.dumps(report_dict(result, lang), ensure_ascii=False, indent=2, default=_default) + "\n"
