"""Reports of a check :class:`~juesuan.checks.Result`: text (lint style), json (the contract in
``schemas/report.schema.json``), markdown (a reviewer's memo), sarif (2.1.0), html (one self-contained page)
and xlsx (a workbook for Excel/WPS). Texts come from the message catalogue (:mod:`.i18n`): Chinese by
default, ``lang="en"`` for English. Findings are reported in document order (:func:`document_order`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from ..checks import Result
    from ..checks.base import Finding

FORMATS = ("text", "json", "markdown", "sarif", "html", "xlsx")
BINARY = ("xlsx",)


def document_order(result: Result) -> list[Finding]:
    """The findings in document order: page, then line on the page, then position (the first claim a finding
    cites, in the claims' reading order), then severity and rule. Findings without a page (text input, or
    document-wide findings) sort by line. Stable, so findings at one place keep the rules' order."""
    from ..checks import document_key

    return sorted(result.findings, key=document_key)


def render(result: Result, fmt: str = "text", lang: str | None = None) -> str | bytes:
    """The report as text (``str``), or ``bytes`` for the binary formats (xlsx)."""
    result.findings = document_order(result)
    if hasattr(result, "localize"):
        result.localize(lang)  # findings' messages and claims' reasons in the report's language
    if fmt == "text":
        from .text import render_text

        return render_text(result, lang)
    if fmt == "json":
        from .json_report import render_json

        return render_json(result, lang)
    if fmt == "markdown":
        from .markdown import render_markdown

        return render_markdown(result, lang)
    if fmt == "sarif":
        from .sarif import render_sarif

        return render_sarif(result)
    if fmt == "html":
        from .html import render_html

        return render_html(result, lang)
    if fmt == "xlsx":
        from .xlsx import render_xlsx

        return render_xlsx(result, lang)
    raise ValueError(f"unknown report format {fmt!r} (one of {', '.join(FORMATS)})")
