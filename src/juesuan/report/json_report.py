"""The JSON report: the stable contract (``schemas/report.schema.json``)."""

from __future__ import annotations

import json
from decimal import Decimal

from ..checks.base import claim_location
from ..version import __version__


def _values(claim) -> dict:
    return {role: {"raw": v.raw, "value": str(v.value), "unit": v.unit} for role, v in claim.values.items()}


def claim_dict(claim) -> dict:
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


def report_dict(result) -> dict:
    doc = result.doc
    tool = {"name": "juesuan", "version": __version__}
    if getattr(doc, "engine", None):
        tool["pdf_engine"] = doc.engine  # a PDF: which engine read it (pdfium | pdfplumber)
    return {
        "tool": tool,
        "document": {
            "path": str(doc.path),
            "department": doc.department,
            "year": doc.year,
            "unit": doc.unit,
            "pages": doc.pages,
        },
        "summary": result.summary,
        "findings": [f.to_dict() for f in result.findings],
        "claims": [claim_dict(c) for c in result.claims],
    }


def _default(o):
    if isinstance(o, Decimal):
        return str(o)
    raise TypeError(type(o).__name__)


def render_json(result, lang: str | None = None) -> str:
    # keys stay English; only `message` follows the language (per-rule catalogue: see report/i18n.py)
    return json.dumps(report_dict(result), ensure_ascii=False, indent=2, default=_default) + "\n"
