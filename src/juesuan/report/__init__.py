"""Reports of a check :class:`~juesuan.checks.Result`: text (lint style), json (the contract in
``schemas/report.schema.json``), markdown (a reviewer's memo) and sarif (2.1.0)."""

from __future__ import annotations

FORMATS = ("text", "json", "markdown", "sarif")


def render(result, fmt: str = "text") -> str:
    if fmt == "text":
        from .text import render_text

        return render_text(result)
    if fmt == "json":
        from .json_report import render_json

        return render_json(result)
    if fmt == "markdown":
        from .markdown import render_markdown

        return render_markdown(result)
    if fmt == "sarif":
        from .sarif import render_sarif

        return render_sarif(result)
    raise ValueError(f"unknown report format {fmt!r} (one of {', '.join(FORMATS)})")
