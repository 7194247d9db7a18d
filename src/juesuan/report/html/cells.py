"""The claim panel's data and the tables panel: ids of every table cell and row, the links from a claim or a
finding's evidence to its cells, and each parsed table as HTML with its evidence cells marked."""

from __future__ import annotations

from ...checks.base import Context, fmt
from .page import CLS, ICON, WORST, esc

MAIN_ROLE = {"completion": "completion", "share": "share", "change": "rate", "amount": "amount", "count": "count",
             "score": "score"}
BASE_ROLES = ("budget_initial", "budget_annual", "budget", "previous")


class Cells:
    """Ids of every table cell and row, and lookups from evidence / locations / claim refs to them."""

    def __init__(self, doc, claims):
        self.doc = doc
        self.by_label: dict[tuple, str] = {}
        self.by_name: dict[tuple, str] = {}
        self.by_obj: dict[tuple, str] = {}
        self.row_at: dict[tuple, str] = {}
        self.table_id: dict[str, str] = {}
        self.label: dict[str, str] = {}
        for ti, t in enumerate(doc.tables):
            self.table_id[t.label] = f"t{ti}"
            for ri, r in enumerate(t.rows):
                rid = f"r{ti}_{ri}"
                self.row_at.setdefault((t.label, r.line), rid)
                for ci, col in enumerate(t.columns):
                    cid = f"c{ti}_{ri}_{ci}"
                    rowname = f"{r.code} {r.name}".strip()
                    self.by_label.setdefault((t.label, rowname, col), cid)
                    self.by_name.setdefault((t.label, r.name, col), cid)
                    self.by_obj[(id(r), col)] = cid
                    v = r.values.get(col)
                    self.label[cid] = f"{t.label} · {rowname} · {col} = {fmt(v) if v is not None else '—'}"
        self.ctx = Context.as_printed(doc, claims)

    def of_evidence(self, e) -> str | None:
        if e.source != "table" or not e.table:
            return None
        return self.by_label.get((e.table, e.row or "", e.column)) or self.by_name.get((e.table, e.row or "", e.column))

    def of_claim(self, c) -> str | None:
        if c.ref is None:
            return None
        try:
            cell, _ = self.ctx.cell(c.ref)
        except Exception:  # noqa: BLE001 - a ref the table cannot resolve is simply not linked
            return None
        return self.by_obj.get((id(cell.row), cell.column)) if cell is not None else None


def claim_data(i, c, M, cells: Cells, findings_of: dict, result) -> dict:
    main = c.values.get(MAIN_ROLE.get(c.kind, "")) or next(iter(c.values.values()), None)
    stated = main.raw if main else None
    expected = None
    fs = findings_of.get(i, [])
    for fi in fs:
        f = result.findings[fi]
        if f.severity != "info" and (f.stated is not None or f.expected is not None):
            stated, expected = f.stated or stated, f.expected
            break
    base = []
    if c.basis:
        base.append(c.basis)
    for role in BASE_ROLES:
        v = c.values.get(role)
        if v is not None:
            base.append(v.raw)
            break
    else:
        if c.base_subject:
            base.append(c.base_subject)
    own_raw = {v.raw for v in c.values.values()}
    told = []  # narrative evidence of the findings: the other statements the claim was checked against
    for fi in fs:
        for e in result.findings[fi].evidence:
            if e.source == "narrative" and e.value not in own_raw:
                item = f"{e.row}：{e.value}" if e.row else e.value
                if item not in told:
                    told.append(item)
    if not base and c.kind in ("completion", "share", "change") and told:
        base.append(told[0])  # the figure the rule divided by (e.g. N004: 449.76 / 2485.35)
    ev = []
    own = cells.of_claim(c)
    if own:
        ev.append(own)
    for fi in fs:
        for e in result.findings[fi].evidence:
            cid = cells.of_evidence(e)
            if cid and cid not in ev:
                ev.append(cid)
    if expected is None and c.status == "verified" and own and c.kind == "amount":
        expected = cells.label[own].rsplit("= ", 1)[-1]
    return {
        "s": c.status,
        "st": M.status(c.status),
        "kind": M.get(f"kind.{c.kind}", c.kind),
        "subj": c.subject or c.qualifier or "",
        "text": c.text,
        "where": M.place(c.page, c.line),
        "stated": stated,
        "expected": expected,
        "base": "，".join(base) if base else None,
        "reason": c.reason,
        "ref": ref_text(c.ref, result.doc) if c.ref else None,
        "ev": ev,
        "told": told,
        "f": fs,
    }


def ref_text(ref, doc) -> str:
    """A table reference as a reader names it: 公开05表 一般公共预算财政拨款支出决算表 [2010301] 合计."""
    t = doc.table(ref.table)
    where = ref.code or ref.row or ""
    return " ".join(x for x in ((t.label if t else ref.table), f"[{where}]" if where else "", ref.column or "") if x)


def tables_html(doc, M, cell_claims: dict[str, list[tuple[int, str]]], marked_rows: set[str]) -> str:
    out = []
    for ti, t in enumerate(doc.tables):
        sides = any(r.side for r in t.rows)
        groups = any(r.group for r in t.rows)
        head = [M("col.row")] + ([M("col.side")] if sides else []) + ([M("col.group")] if groups else []) + list(t.columns)
        where = M.place(t.page, t.line)
        out.append(f'<section class="tbl" id="t{ti}"><h3>{esc(t.label)} <span class="unit">'
                   f'{esc(M("html.unit"))}：{esc(t.unit)} · {esc(where)}</span></h3>')
        if t.note:
            out.append(f'<p class="note">{esc(t.note)}</p>')
        out.append('<div class="scroll"><table class="data"><thead><tr>'
                   + "".join(f"<th>{esc(h)}</th>" for h in head) + "</tr></thead><tbody>")
        for ri, r in enumerate(t.rows):
            rid = f"r{ti}_{ri}"
            cls = ' class="hit"' if rid in marked_rows else ""
            name = f"{r.code} {r.name}".strip()
            tds = [f'<th scope="row">{esc(name)}</th>']
            if sides:
                tds.append(f"<td>{esc(r.side or '')}</td>")
            if groups:
                tds.append(f"<td>{esc(r.group or '')}</td>")
            for ci, col in enumerate(t.columns):
                cid = f"c{ti}_{ri}_{ci}"
                v = r.values.get(col)
                txt = fmt(v) if v is not None else ""
                ks = cell_claims.get(cid)
                if ks:
                    worst = min((ks_s for _, ks_s in ks), key=WORST.__getitem__)
                    ids = " ".join(str(i) for i, _ in ks)
                    tds.append(f'<td id="{cid}" class="n ev {CLS[worst]}" data-c="{ids}" tabindex="0">{esc(txt)}'
                               f'<span class="evi">{ICON[worst]}</span></td>')
                else:
                    tds.append(f'<td id="{cid}" class="n">{esc(txt)}</td>')
            out.append(f'<tr id="{rid}"{cls}>' + "".join(tds) + "</tr>")
        out.append("</tbody></table></div></section>")
    return "\n".join(out)
