"""SARIF 2.1.0: one run, the rule catalogue as ``tool.driver.rules``, one result per finding."""

from __future__ import annotations

import inspect
import json
from typing import Any

from ..version import __version__

LEVEL = {"error": "error", "warning": "warning", "info": "note"}
SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def _rule(r) -> dict:
    doc = inspect.cleandoc(r.__doc__ or r.summary)
    return {
        "id": r.id,
        "name": type(r).__name__ if not isinstance(r, type) else r.__name__,
        "shortDescription": {"text": r.summary},
        "fullDescription": {"text": doc.split("\n\n")[0].replace("\n", " ")},
        "help": {"text": doc},
        "defaultConfiguration": {"level": LEVEL[r.severity]},
        "properties": {"family": r.family},
    }


def sarif_dict(result) -> dict:
    rules = list(result.rules)
    index = {r.id: i for i, r in enumerate(rules)}
    uri = str(result.doc.path)
    results = []
    for f in result.findings:
        region: dict[str, Any] = {"startLine": max(int(f.location.line or 1), 1)}
        if f.text:
            region["snippet"] = {"text": f.text}
        res = {
            "ruleId": f.rule,
            "level": LEVEL[f.severity],
            "message": {"text": f.message},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri}, "region": region}}],
            "properties": {"stated": f.stated, "expected": f.expected, "evidence": [e.to_dict() for e in f.evidence]},
        }
        if f.related:  # the same cause found by other rules
            res["relatedLocations"] = [
                {"id": k, "message": {"text": f"{r.rule}: {r.message}"},
                 "physicalLocation": {"artifactLocation": {"uri": uri},
                                      "region": {"startLine": max(int(r.location.line or 1), 1)}}}
                for k, r in enumerate(f.related, 1)]
        if f.rule in index:
            res["ruleIndex"] = index[f.rule]
        if f.location.page is not None:
            res["locations"][0]["properties"] = {"page": f.location.page}
        results.append(res)
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "juesuan", "version": __version__, "informationUri": "https://example.invalid/juesuan",
                                "rules": [_rule(r) for r in rules]}},
            "artifacts": [{"location": {"uri": uri}}],
            "properties": {"document": {"kind": getattr(result.doc, "kind", "决算"), "department": result.doc.department,
                                        "year": result.doc.year}},
            "results": results,
        }],
    }


def render_sarif(result) -> str:
    return json.dumps(sarif_dict(result), ensure_ascii=False, indent=2) + "\n"
