"""A memo a reviewer can paste: summary, the findings with quotes and evidence, what could not be checked."""

from __future__ import annotations

from .text import summary_line


def _cell(s) -> str:
    return str(s if s is not None else "—").replace("|", "\\|").replace("\n", " ")


def _evidence(f) -> str:
    parts = []
    for e in f.evidence[:6]:
        if e.source == "table":
            parts.append(f"{e.table or ''} {e.row or ''} [{e.column or ''}] = {e.value}".strip())
        else:
            parts.append(f"「{e.value}」")
    return "; ".join(parts)


def render_markdown(result) -> str:
    doc = result.doc
    s = result.summary
    title = f"{doc.department or '（部门未识别）'} {doc.year or ''} 年度部门决算 — juesuan 审核备忘"
    out = [f"# {title}", "", f"Document: `{doc.path}`  ", f"Unit: {doc.unit}", "", "## Summary", ""]
    out += [
        "| claims | verified | contradicted | unverifiable | errors | warnings | infos |",
        "|---:|---:|---:|---:|---:|---:|---:|",
        f"| {s['claims']} | {s['verified']} | {s['contradicted']} | {s['unverifiable']} | {s['errors']} | {s['warnings']} | {s['infos']} |",
        "",
    ]
    if result.extraction_error:
        out += [f"> **Narrative not checked:** {result.extraction_error}", ""]
    main = [f for f in result.findings if f.severity != "info"]
    out += ["## Findings", ""]
    if not main:
        out += ["No error or warning findings.", ""]
    else:
        out += ["| # | severity | rule | where | quote | stated | expected | evidence |", "|---:|---|---|---|---|---|---|---|"]
        for i, f in enumerate(main, 1):
            loc = f.location
            w = f"line {loc.line}" + (f", p.{loc.page}" if loc.page is not None else "") + (f", {loc.table}" if loc.table else "")
            out.append(f"| {i} | {f.severity} | {f.rule} | {_cell(w)} | 「{_cell(f.text.strip()[:120])}」 | {_cell(f.stated)} | {_cell(f.expected)} | {_cell(_evidence(f))} |")
        out.append("")
        out += ["### Details", ""]
        for i, f in enumerate(main, 1):
            out.append(f"{i}. **{f.rule}** — {f.message}")
        out.append("")
    infos = [f for f in result.findings if f.severity == "info"]
    if infos:
        out += ["## Notes (rounding, undefined rates, unverifiable claims)", ""]
        out += [f"- {f.rule} (line {f.location.line}): {f.message}" for f in infos]
        out.append("")
    unv = [c for c in result.claims if c.status == "unverifiable"]
    if unv:
        out += ["## Unverifiable claims", "", "| line | claim | reason |", "|---:|---|---|"]
        out += [f"| {c.line} | 「{_cell(c.text[:80])}」 | {_cell(c.reason)} |" for c in unv]
        out.append("")
    out += ["---", summary_line(result), ""]
    return "\n".join(out)
