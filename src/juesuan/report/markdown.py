"""A memo a reviewer can paste: summary, the findings with quotes and evidence, what could not be checked."""

from __future__ import annotations

from .i18n import messages
from .text import evidence_text, figure_cells, kind_name, related_lines, summary_line

__all__ = ["evidence_text", "render_markdown"]


def _cell(s) -> str:
    return str(s if s is not None else "—").replace("|", "\\|").replace("\n", " ")


def render_markdown(result, lang: str | None = None) -> str:
    M = messages(lang)
    doc = result.doc
    s = result.summary
    kind = kind_name(result, lang)
    title = M("md.title", department=doc.department or M("doc.no_department"), year=doc.year or "", kind=kind,
                  scope=M("doc.scope_unit" if getattr(doc, "scope", "部门") == "单位" else "doc.scope_department"))
    out = [f"# {title}", "", M("md.document", path="`、`".join(str(p) for p, _ in getattr(doc, "files", [])) or doc.path) + "  ", M("md.kind", kind=kind) + "  ", M("md.unit", unit=doc.unit)]
    if doc.pages:
        out[-1] += "  "
        out.append(M("md.pages", pages=doc.pages))
    out += ["", f"## {M('md.summary')}", ""]
    keys = ("claims", "verified", "contradicted", "unverifiable", "errors", "warnings", "infos")
    out += [
        "| " + " | ".join(M(f"count.{k}") for k in keys) + " |",
        "|" + "---:|" * len(keys),
        "| " + " | ".join(str(s[k]) for k in keys) + " |",
        "",
    ]
    if result.extraction_error:
        out += [f"> **{M('md.narrative_not_checked')}** {result.extraction_error}", ""]
    main = [f for f in result.findings if f.severity != "info"]
    out += [f"## {M('md.findings')}", ""]
    if not main:
        out += [M("md.no_findings"), ""]
    else:
        cols = ("#", M("col.severity"), M("col.rule"), M("col.where"), M("col.quote"), M("col.stated"),
                M("col.expected"), M("col.evidence"))
        out += ["| " + " | ".join(cols) + " |", "|---:|---|---|---|---|---|---|---|"]
        for i, f in enumerate(main, 1):
            loc = f.location
            w = M.place(loc.page, loc.line, getattr(loc, "file", None)) + (f"，{loc.table}" if loc.table else "")
            stated, expected = figure_cells(f)
            out.append(f"| {i} | {M.severity(f.severity)} | {f.rule} | {_cell(w)} | 「{_cell(f.text.strip()[:120])}」 | "
                       f"{_cell(stated)} | {_cell(expected)} | {_cell(evidence_text(f, lang, result=result))} |")
        out.append("")
        out += [f"### {M('md.details')}", ""]
        for i, f in enumerate(main, 1):
            out.append(f"{i}. **{f.rule}** — {f.message}")
            out += [f"   - {line}" for line in related_lines(f, lang)]
        out.append("")
    infos = [f for f in result.findings if f.severity == "info"]
    if infos:
        out += [f"## {M('md.notes')}", ""]
        out += [f"- {f.rule}（{M.place(f.location.page, f.location.line, getattr(f.location, 'file', None))}）: {f.message}" for f in infos]
        out.append("")
    unv = [c for c in result.claims if c.status == "unverifiable"]
    if unv:
        out += [f"## {M('md.unverifiable')}", "", f"| {M('col.where')} | {M('col.claim')} | {M('col.reason')} |",
                "|---|---|---|"]
        out += [f"| {M.place(c.page, c.line, getattr(c, 'file', None))} | 「{_cell(c.text[:80])}」 | {_cell(c.reason)} |" for c in unv]
        out.append("")
    out += ["---", summary_line(result, lang), ""]
    return "\n".join(out)
