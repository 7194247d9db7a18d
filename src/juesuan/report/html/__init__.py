"""The HTML report: one self-contained page (inline CSS, JS and SVG; no network; works from ``file://``).

Layout: a header (department, year, pages, counts), the narrative with every claim marked by status (icon and
underline style, so the marks survive print and colour blindness), a side panel that shows the selected
claim (stated vs expected, base, evidence cells, findings), the parsed tables with evidence cells marked and
linked both ways, the findings list (filterable by severity and rule, each linking to its place), and two
inline SVG charts. Every document text is escaped: it goes through :func:`html.escape`, or into the JSON
island with ``<``, ``>`` and ``&`` written as ``\\u003c`` …, and the script builds the panel with
``textContent`` only.

Modules: :mod:`.page` (template, style sheet, script, status marks, escaping), :mod:`.narrative` (the marked
narrative), :mod:`.cells` (cell ids and links, the claim panel's data, the tables panel), :mod:`.findings` (the
findings list), :mod:`.charts` (the SVG charts); this module puts the page together.
"""

from __future__ import annotations

from ...version import __version__
from ..i18n import kind_worded, messages
from .cells import Cells, claim_data, tables_html
from .charts import budget_chart, status_chart
from .findings import findings_table
from .narrative import narrative_html
from .page import CLS, CSS, ICON, JS, PAGE, esc, json_island


def render_html(result, lang: str | None = None) -> str:
    M = messages(lang)
    doc = result.doc
    claims = result.claims
    status = [c.status for c in claims]
    cells = Cells(doc, claims)
    findings_of: dict[int, list[int]] = {}
    for fi, f in enumerate(result.findings):
        for i in f.claims:
            findings_of.setdefault(i, []).append(fi)
    cdata = [claim_data(i, c, M, cells, findings_of, result) for i, c in enumerate(claims)]
    cell_claims: dict[str, list[tuple[int, str]]] = {}
    for i, d in enumerate(cdata):
        for cid in d["ev"]:
            cell_claims.setdefault(cid, []).append((i, status[i]))
    narrative, line_to_par = narrative_html(result, M, status)

    findings, fdata, marked_rows = findings_table(result, M, cells, line_to_par)
    rules = sorted({f.rule for f in result.findings})
    s = result.summary
    kind = M("doc.kind_budget" if doc.kind == "预算" else "doc.kind_final")
    K = kind_worded(M, doc)
    title = M("html.title", department=doc.department or M("doc.no_department"), year=doc.year or "", kind=kind,
                  scope=M("doc.scope_unit" if getattr(doc, "scope", "部门") == "单位" else "doc.scope_department"))
    counts = "".join(
        f'<span class="cnt {k}"><b>{s[k]}</b> {icon}{esc(M(f"count.{k}"))}</span>'
        for k, icon in (("claims", ""), ("verified", "✓ "), ("contradicted", "✗ "), ("unverifiable", "? "),
                        ("errors", "● "), ("warnings", "▲ "), ("infos", "ℹ "))
    )
    files = [str(p) for p, _ in getattr(doc, "files", [])] or [str(doc.path)]  # both files of a --with document
    meta = [(M("html.file"), "、".join(files)), (M("html.kind"), kind), (M("html.year"), doc.year or "—"), (M("html.pages"), doc.pages or "—"),
            (M("html.unit"), doc.unit)]
    n_sev = {sev: sum(f.severity == sev for f in result.findings) for sev in ("error", "warning", "info")}
    sev_boxes = "".join(
        f'<label><input type="checkbox" class="fsev" value="{sev}"{"" if sev == "info" else " checked"}> '
        f'{esc(M.severity(sev))} ({n_sev[sev]})</label>' for sev in ("error", "warning", "info"))
    rule_opts = f'<option value="">{esc(M("html.all_rules"))}</option>' + "".join(
        f'<option value="{esc(r)}">{esc(r)}</option>' for r in rules)
    legend = " ".join(f'<span class="k {CLS[k]}">{esc(M.status(k))}</span><span class="ic {CLS[k]}">{ICON[k]}</span>'
                      for k in ("verified", "contradicted", "unverifiable"))
    labels = {k: M(f"html.{k}") for k in ("stated", "expected", "basis", "evidence", "reason", "findings_of_claim",
                                          "claims_of_cell", "ref", "no_evidence", "panel_hint", "goto")}
    payload = {"claims": cdata, "findings": fdata, "cells": {cid: cells.label[cid] for cid in cell_claims},
               "cellClaims": {cid: [i for i, _ in v] for cid, v in cell_claims.items()}, "L": labels}
    return PAGE.format(
        lang="zh-CN" if M.lang == "zh" else "en",
        title=esc(title),
        css=CSS,
        js=JS,
        data=json_island(payload),
        meta="".join(f"<span><b>{esc(k)}</b> {esc(v)}</span>" for k, v in meta),
        counts=counts,
        generated=esc(M("html.generated", version=__version__)),
        nav="".join(f'<a href="#{a}">{esc(K("html.nav_" + b))}</a>' for a, b in
                    (("sec-findings", "findings"), ("sec-narrative", "narrative"), ("sec-tables", "tables"),
                     ("sec-charts", "charts"))),
        h_narrative=esc(M("html.narrative")),
        legend_label=esc(M("html.legend")),
        legend=legend,
        narrative=narrative,
        h_tables=esc(K("html.tables")),
        tables=tables_html(doc, M, cell_claims, marked_rows),
        h_findings=esc(M("html.findings")),
        f_sev=esc(M("html.filter_severity")),
        sev_boxes=sev_boxes,
        f_rule=esc(M("html.filter_rule")),
        rule_opts=rule_opts,
        findings=findings,
        h_charts=esc(M("html.charts")),
        h_budget=esc(K("html.chart_budget")),
        chart_budget=budget_chart(result, M),
        h_status=esc(M("html.chart_status")),
        chart_status=status_chart(result, M),
        panel_title=esc(M("html.panel_title")),
        panel_hint=esc(M("html.panel_hint")),
    )
