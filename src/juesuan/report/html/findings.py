"""The findings list of the HTML report: one row per finding (severity, rule, place, quote, stated, expected,
message), each linking to its place: the claim's mark, else the table row or an evidence cell, else the
paragraph at its line, else its table."""

from __future__ import annotations

from .cells import Cells
from .page import esc


def findings_table(result, M, cells: Cells, line_to_par: dict) -> tuple[str, list[dict], set[str]]:
    """(the findings table, the findings' data for the panel, the ids of the table rows a finding points at)."""
    marked_rows: set[str] = set()
    frows = []
    fdata = []
    for fi, f in enumerate(result.findings):
        loc = f.location
        target = None
        if f.claims:
            target = f"k{f.claims[0]}"
        elif loc.table and (loc.table, loc.line) in cells.row_at:
            target = cells.row_at[(loc.table, loc.line)]
            marked_rows.add(target)
        if target is None:
            for e in f.evidence:
                cid = cells.of_evidence(e)
                if cid:
                    target = cid
                    break
        if target is None:
            target = line_to_par.get((loc.page, loc.line))
        if target is None and loc.table in cells.table_id:
            target = cells.table_id[loc.table]
        where = M.place(loc.page, loc.line)
        place = f'<a href="#{target}" data-go="{target}">{esc(where)}</a>' if target else esc(where)
        section = loc.table or loc.section or loc.part or ""
        frows.append(
            f'<tr id="f{fi}" class="sev-{f.severity}" data-sev="{f.severity}" data-rule="{esc(f.rule)}"'
            f'{" hidden" if f.severity == "info" else ""}>'
            f'<td class="sev">{esc(M.severity(f.severity))}</td><td class="r">{esc(f.rule)}</td><td class="w">{place}</td>'
            f'<td class="sec">{esc(section)}</td><td class="q">{esc((f.text or "").strip()[:300])}</td>'
            f'<td class="sv">{esc(f.stated or "—")}</td><td class="sv">{esc(f.expected or "—")}</td>'
            f'<td>{esc(f.message)}</td></tr>')
        fdata.append({"rule": f.rule, "sev": M.severity(f.severity), "msg": f.message, "stated": f.stated,
                      "expected": f.expected})
    th = "".join(f"<th>{esc(M(k))}</th>" for k in ("col.severity", "col.rule", "col.where", "col.section", "col.quote",
                                                  "col.stated", "col.expected", "col.message"))
    html = (f'<table class="data findings"><thead><tr>{th}</tr></thead><tbody>{"".join(frows)}</tbody></table>'
                     if frows else f'<p>{esc(M("html.no_findings"))}</p>')
    return html, fdata, marked_rows
