"""The findings list of the HTML report: one row per finding (severity, rule, place, quote, stated, expected,
message), each linking to its place: the claim's mark, else the table row or an evidence cell, else the
paragraph at its line, else its table."""

from __future__ import annotations

from ..text import related_lines
from .cells import Cells
from .page import esc


def _related(f, M) -> str:
    """The other rules that found the same cause, under the message."""
    lines = related_lines(f, M.lang)
    return "".join(f'<div class="rel">{esc(ln)}</div>' for ln in lines)


def findings_table(result, M, cells: Cells, line_to_par: dict) -> tuple[str, list[dict], set[str]]:
    """(the findings table, the findings' data for the panel, the ids of the table rows a finding points at)."""
    marked_rows: set[str] = set()
    frows = []
    fdata = []
    for fi, f in enumerate(result.findings):
        loc = f.location
        target, where = _target(f, M, cells, line_to_par)
        if target is not None and target.startswith("r"):
            marked_rows.add(target)
        data_f = f' data-f="{fi}"' if target is not None and target.startswith("k") else ""
        place = f'<a href="#{target}" data-go="{target}"{data_f}>{esc(where)}</a>' if target else esc(where)
        section = loc.table or loc.section or loc.part or ""
        frows.append(
            f'<tr id="f{fi}" class="sev-{f.severity}" data-sev="{f.severity}" data-rule="{esc(f.rule)}"'
            f'{" hidden" if f.severity == "info" else ""}>'
            f'<td class="sev">{esc(M.severity(f.severity))}</td><td class="r">{esc(f.rule)}</td><td class="w">{place}</td>'
            f'<td class="sec">{esc(section)}</td><td class="q">{esc((f.text or "").strip()[:300])}</td>'
            f'<td class="sv">{esc(f.stated or "—")}</td><td class="sv">{esc(f.expected or "—")}</td>'
            f'<td>{esc(f.message)}{_related(f, M)}</td></tr>')
        fdata.append({"rule": f.rule, "sev": M.severity(f.severity), "msg": f.message, "stated": f.stated,
                      "expected": f.expected, "related": related_lines(f, M.lang)})
    th = "".join(f"<th>{esc(M(k))}</th>" for k in ("col.severity", "col.rule", "col.where", "col.section", "col.quote",
                                                  "col.stated", "col.expected", "col.message"))
    html = (f'<table class="data findings"><thead><tr>{th}</tr></thead><tbody>{"".join(frows)}</tbody></table>'
                     if frows else f'<p>{esc(M("html.no_findings"))}</p>')
    return html, fdata, marked_rows


def _target(f, M, cells: Cells, line_to_par: dict) -> tuple[str | None, str]:
    """Where a finding's place link goes, and its label, which names what the link shows: the claim's mark or
    the paragraph (第18页第3行), else the table row (表 + 行), an evidence cell (表 · 行 · 列), or the table."""
    loc = f.location
    line = M.place(loc.page, loc.line, getattr(loc, "file", None))
    if f.claims:
        return f"k{f.claims[0]}", line
    if loc.table and (loc.table, loc.line) in cells.row_at:
        return cells.row_at[(loc.table, loc.line)], f"{loc.table} {line}"
    if not loc.table and (loc.page, loc.line) in line_to_par:
        return line_to_par[(loc.page, loc.line)], line
    for e in f.evidence:
        cid = cells.of_evidence(e)
        if cid:
            return cid, cells.label[cid]
    if (loc.page, loc.line) in line_to_par:
        return line_to_par[(loc.page, loc.line)], line
    if loc.table in cells.table_id:
        return cells.table_id[loc.table], loc.table
    return None, line
