"""Helpers shared by the rules T010 (and by what imports them from here)."""

from __future__ import annotations

from .base import Finding, Join, Msg


def through_repair(finding: Finding, label: str, repair) -> None:
    """A finding drawn from a table read after a repair: an error becomes a warning, and its message names
    the repair (the tool, not the document, may be wrong)."""
    if finding.severity == "error":
        finding.severity = "warning"
    if finding.severity == "warning" and finding.msg is not None:
        finding.set_message(Msg("rule.T010.via_repair", message=finding.msg, table=label, what=repair.what))


def fold(warning: Finding, table_findings: list[Finding], narrative_findings: list[Finding]) -> None:
    """Say in the warning what was not reported because it rests on the table."""
    parts = []
    table_findings = [f for f in table_findings if f.severity != "info"]
    narrative_findings = [f for f in narrative_findings if f.severity != "info"]
    if table_findings:
        parts.append(Msg("rule.T010.folded_tables", n=len(table_findings)))
    if narrative_findings:
        parts.append(Msg("rule.T010.folded_narrative", n=len(narrative_findings)))
    if parts:
        warning.set_message(Msg("rule.T010.folded", message=warning.msg, parts=Join(parts, "enum")))
