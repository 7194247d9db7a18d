"""The HTML report: one self-contained page (inline CSS, JS and SVG; no network; works from ``file://``).

Layout: a header (department, year, pages, counts), the narrative with every claim marked by status (icon and
underline style, so the marks survive print and colour blindness), a side panel that shows the selected
claim (stated vs expected, base, evidence cells, findings), the parsed tables with evidence cells marked and
linked both ways, the findings list (filterable by severity and rule, each linking to its place), and two
inline SVG charts. Every document text is escaped: it goes through :func:`html.escape`, or into the JSON
island with ``<``, ``>`` and ``&`` written as ``\\u003c`` …, and the script builds the panel with
``textContent`` only.
"""

from __future__ import annotations

import json
from decimal import Decimal
from html import escape

import regex as re

from .. import __version__
from ..checks.base import Context, fmt
from .i18n import messages

ICON = {"verified": "✓", "contradicted": "✗", "unverifiable": "?"}
CLS = {"verified": "v", "contradicted": "x", "unverifiable": "u"}
WORST = {"contradicted": 0, "unverifiable": 1, "verified": 2}
MAIN_ROLE = {"completion": "completion", "share": "share", "change": "rate", "amount": "amount", "count": "count",
             "score": "score"}
BASE_ROLES = ("budget_initial", "budget_annual", "budget", "previous")


def _e(s) -> str:
    return escape("" if s is None else str(s), quote=True)


def _json_island(data) -> str:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


class _Cells:
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
        self.ctx = Context(doc, claims)

    def of_evidence(self, e) -> str | None:
        if e.source != "table" or not e.table:
            return None
        return self.by_label.get((e.table, e.row or "", e.column)) or self.by_name.get((e.table, e.row or "", e.column))

    def of_claim(self, c) -> str | None:
        if c.ref is None:
            return None
        try:
            cell, _ = self.ctx.cell(c.ref)
        except Exception:  # a ref the table cannot resolve is simply not linked
            return None
        return self.by_obj.get((id(cell.row), cell.column)) if cell is not None else None


def _value_in_wan(v) -> Decimal:
    if v.unit == "元":
        return v.value / Decimal(10000)
    if v.unit == "亿元":
        return v.value * Decimal(10000)
    return v.value


def _claim_data(i, c, M, cells: _Cells, findings_of: dict, result) -> dict:
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
        "ref": _ref_text(c.ref, result.doc) if c.ref else None,
        "ev": ev,
        "told": told,
        "f": fs,
    }


def _ref_text(ref, doc) -> str:
    """A table reference as a reader names it: 公开05表 一般公共预算财政拨款支出决算表 [2010301] 合计."""
    t = doc.table(ref.table)
    where = ref.code or ref.row or ""
    return " ".join(x for x in ((t.label if t else ref.table), f"[{where}]" if where else "", ref.column or "") if x)


def _mark_paragraph(text: str, spans: list[tuple[int, int, int]], status: list[str], names: dict[str, str]) -> str:
    """Paragraph text with claim spans wrapped: each run of characters covered by the same claims becomes one
    ``<span class="k …" data-k="…">`` (class of the worst status among them); each claim ends with its icon."""
    bounds = {0, len(text)}
    for s, e, _ in spans:
        bounds.update((s, e))
    ends: dict[int, list[int]] = {}
    for s, e, i in spans:
        ends.setdefault(e, []).append(i)
    out = []
    cuts = sorted(b for b in bounds if 0 <= b <= len(text))
    for a, b in zip(cuts, cuts[1:]):
        cover = [i for s, e, i in spans if s <= a and b <= e]
        seg = _e(text[a:b])
        if cover:
            cover.sort(key=lambda i: next(e - s for s, e, j in spans if j == i))  # innermost first
            worst = min((status[i] for i in cover), key=WORST.get)
            out.append(f'<span class="k {CLS[worst]}" data-k="{" ".join(map(str, cover))}">{seg}</span>')
        else:
            out.append(seg)
        for i in ends.get(b, []):
            st = status[i]
            out.append(f'<a class="ic {CLS[st]}" id="k{i}" href="#k{i}" data-k="{i}" title="{_e(names[st])}">{ICON[st]}</a>')
    return "".join(out)


def _find(hay: str, needle: str) -> tuple[int, int] | None:
    """``needle`` in ``hay``, exactly or ignoring whitespace; (start, end) in ``hay``."""
    i = hay.find(needle)
    if i >= 0:
        return i, i + len(needle)
    idx = [k for k, ch in enumerate(hay) if not ch.isspace()]
    squeezed = "".join(hay[k] for k in idx)
    n = re.sub(r"\s+", "", needle)
    j = squeezed.find(n) if n else -1
    if j < 0:
        return None
    return idx[j], idx[j + len(n) - 1] + 1


def _narrative(result, M, status) -> tuple[str, dict[int, str]]:
    doc = result.doc
    claims = result.claims
    by_par: dict[int, list[tuple[int, int, int]]] = {}
    par_index = {id(p): k for k, p in enumerate(doc.paragraphs)}
    placed: set[int] = set()
    for i, c in enumerate(claims):
        si = c.sentence_index
        if si is None or not (0 <= si < len(doc.sentences)):
            continue
        sent = doc.sentences[si]
        span = c.span
        if span and sent.text[span[0]:span[1]].strip():
            s, e = span
        else:
            hit = _find(sent.text, c.text)
            if hit is None:
                continue
            s, e = hit
        k = par_index.get(id(sent.paragraph))
        if k is None:
            continue
        by_par.setdefault(k, []).append((sent.start + s, sent.start + e, i))
        placed.add(i)
    parts = {c.part for c in claims}
    names = {k: M.status(k) for k in ICON}
    line_to_par: dict[int, str] = {}
    out = []
    last_part = object()
    titles = {p.number: p.title for p in doc.parts}
    for k, p in enumerate(doc.paragraphs):
        if p.part not in parts:
            continue
        if p.part != last_part:
            last_part = p.part
            out.append(f'<h3 class="part">{_e(titles.get(p.part, p.part_name))}</h3>')
        pid = f"p{k}"
        first = p.offsets[0] if p.offsets else (0, 0, None)
        for _, line, page in p.offsets:
            line_to_par.setdefault((page, line), pid)
        body = _mark_paragraph(p.text, sorted(by_par.get(k, [])), status, names)
        heading = " h" if p.section is not None and p.text.strip() == (p.section.number + p.section.title).strip() else ""
        out.append(f'<p id="{pid}" class="para{heading}"><span class="loc">{_e(M.place(first[2], first[1]))}</span>{body}</p>')
    rest = [i for i in range(len(claims)) if i not in placed]
    if rest:
        out.append(f'<h3 class="part">{_e(M("html.unplaced"))}</h3><ul class="unplaced">')
        for i in rest:
            c = claims[i]
            st = status[i]
            out.append(f'<li><span class="k {CLS[st]}" data-k="{i}">{_e(c.text)}</span>'
                       f'<a class="ic {CLS[st]}" id="k{i}" href="#k{i}" data-k="{i}">{ICON[st]}</a>'
                       f' <span class="loc">{_e(M.place(c.page, c.line))}</span></li>')
        out.append("</ul>")
    return "\n".join(out), line_to_par


def _tables(doc, M, cell_claims: dict[str, list[int]], marked_rows: set[str]) -> str:
    out = []
    for ti, t in enumerate(doc.tables):
        sides = any(r.side for r in t.rows)
        groups = any(r.group for r in t.rows)
        head = [M("col.row")] + ([M("col.side")] if sides else []) + ([M("col.group")] if groups else []) + list(t.columns)
        where = M.place(t.page, t.line)
        out.append(f'<section class="tbl" id="t{ti}"><h3>{_e(t.label)} <span class="unit">'
                   f'{_e(M("html.unit"))}：{_e(t.unit)} · {_e(where)}</span></h3>')
        if t.note:
            out.append(f'<p class="note">{_e(t.note)}</p>')
        out.append('<div class="scroll"><table class="data"><thead><tr>'
                   + "".join(f"<th>{_e(h)}</th>" for h in head) + "</tr></thead><tbody>")
        for ri, r in enumerate(t.rows):
            rid = f"r{ti}_{ri}"
            cls = ' class="hit"' if rid in marked_rows else ""
            name = f"{r.code} {r.name}".strip()
            tds = [f'<th scope="row">{_e(name)}</th>']
            if sides:
                tds.append(f"<td>{_e(r.side or '')}</td>")
            if groups:
                tds.append(f"<td>{_e(r.group or '')}</td>")
            for ci, col in enumerate(t.columns):
                cid = f"c{ti}_{ri}_{ci}"
                v = r.values.get(col)
                txt = fmt(v) if v is not None else ""
                ks = cell_claims.get(cid)
                if ks:
                    worst = min((ks_s for _, ks_s in ks), key=WORST.get)
                    ids = " ".join(str(i) for i, _ in ks)
                    tds.append(f'<td id="{cid}" class="n ev {CLS[worst]}" data-c="{ids}" tabindex="0">{_e(txt)}'
                               f'<span class="evi">{ICON[worst]}</span></td>')
                else:
                    tds.append(f'<td id="{cid}" class="n">{_e(txt)}</td>')
            out.append(f'<tr id="{rid}"{cls}>' + "".join(tds) + "</tr>")
        out.append("</tbody></table></div></section>")
    return "\n".join(out)


def _budget_chart(result, M) -> str:
    """Per 类: the budget and the actual of the completion claims (shallowest level per 类, summed)."""
    per: dict[str, dict[int, list]] = {}
    for c in result.claims:
        if c.kind != "completion" or c.ref is None or not (c.ref.code or "").isdigit():
            continue
        b = c.values.get("budget") or c.values.get("budget_initial") or c.values.get("budget_annual")
        a = c.values.get("actual")
        if b is None or a is None:
            continue
        per.setdefault(c.ref.code[:3], {}).setdefault(len(c.ref.code), []).append((c, b, a))
    if not per:
        return f'<p class="note">{_e(M("html.chart_budget_none"))}</p>'
    names = {}
    for t in result.doc.tables:
        for r in t.rows:
            if r.code and len(r.code) == 3:
                names.setdefault(r.code, r.name)
    rows = []
    for lei in sorted(per):
        level = per[lei][min(per[lei])]
        b = sum(_value_in_wan(x[1]) for x in level)
        a = sum(_value_in_wan(x[2]) for x in level)
        name = names.get(lei) or (level[0][0].subject or lei).split("（类）")[0]
        rows.append((f"{lei} {name}", b, a))
    top = max(max(b, a) for _, b, a in rows) or Decimal(1)
    W, label_w, bar_h, gap = 720, 220, 14, 14
    plot = W - label_w - 90
    H = len(rows) * (2 * bar_h + gap) + 40
    svg = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" viewBox="0 0 {W} {H}" role="img" '
           f'aria-label="{_e(M("html.chart_budget"))}">',
           '<defs><pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
           '<rect width="6" height="6" fill="#fff"/><line x1="0" y1="0" x2="0" y2="6" stroke="#555" stroke-width="2"/>'
           '</pattern></defs>']
    y = 10
    for label, b, a in rows:
        svg.append(f'<text x="{label_w - 8}" y="{y + bar_h + 4}" text-anchor="end" class="lbl">{_e(label[:16])}</text>')
        for val, fill, cls in ((b, "url(#hatch)", "b"), (a, "#2f5d8a", "a")):
            w = float(val / top) * plot
            svg.append(f'<rect class="{cls}" x="{label_w}" y="{y}" width="{w:.1f}" height="{bar_h}" fill="{fill}" '
                       f'stroke="#333" stroke-width="0.6"/>')
            svg.append(f'<text x="{label_w + w + 4:.1f}" y="{y + bar_h - 3}" class="val">{fmt(val.quantize(Decimal("0.01")))}</text>')
            y += bar_h
        y += gap
    svg.append(f'<rect x="{label_w}" y="{y + 4}" width="14" height="10" fill="url(#hatch)" stroke="#333"/>'
               f'<text x="{label_w + 18}" y="{y + 13}" class="val">{_e(M("html.chart_budget_legend_budget"))}</text>'
               f'<rect x="{label_w + 90}" y="{y + 4}" width="14" height="10" fill="#2f5d8a" stroke="#333"/>'
               f'<text x="{label_w + 108}" y="{y + 13}" class="val">{_e(M("html.chart_budget_legend_actual"))}</text>')
    svg.append("</svg>")
    return "".join(svg)


def _status_chart(result, M) -> str:
    s = result.summary
    keys = ("verified", "contradicted", "unverifiable")
    fills = {"verified": "#3a7d44", "contradicted": "#b3261e", "unverifiable": "url(#dots)"}
    top = max(s[k] for k in keys) or 1
    W, label_w, bar_h = 520, 120, 22
    H = len(keys) * (bar_h + 10) + 10
    svg = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" viewBox="0 0 {W} {H}" role="img" '
           f'aria-label="{_e(M("html.chart_status"))}"><defs><pattern id="dots" width="5" height="5" '
           'patternUnits="userSpaceOnUse"><rect width="5" height="5" fill="#fff"/><circle cx="2.5" cy="2.5" r="1.3" '
           'fill="#7a6a00"/></pattern></defs>']
    y = 6
    for k in keys:
        w = s[k] / top * (W - label_w - 60)
        svg.append(f'<text x="{label_w - 8}" y="{y + 16}" text-anchor="end" class="lbl">{ICON[k]} {_e(M.status(k))}</text>'
                   f'<rect x="{label_w}" y="{y}" width="{w:.1f}" height="{bar_h}" fill="{fills[k]}" stroke="#333" '
                   f'stroke-width="0.6"/><text x="{label_w + w + 5:.1f}" y="{y + 16}" class="val">{s[k]}</text>')
        y += bar_h + 10
    svg.append("</svg>")
    return "".join(svg)


def render_html(result, lang: str | None = None) -> str:
    M = messages(lang)
    doc = result.doc
    claims = result.claims
    status = [c.status for c in claims]
    cells = _Cells(doc, claims)
    findings_of: dict[int, list[int]] = {}
    for fi, f in enumerate(result.findings):
        for i in f.claims:
            findings_of.setdefault(i, []).append(fi)
    cdata = [_claim_data(i, c, M, cells, findings_of, result) for i, c in enumerate(claims)]
    cell_claims: dict[str, list[tuple[int, str]]] = {}
    for i, d in enumerate(cdata):
        for cid in d["ev"]:
            cell_claims.setdefault(cid, []).append((i, status[i]))
    narrative, line_to_par = _narrative(result, M, status)

    # findings: each links to its place (claim mark, table row/cell, or paragraph)
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
        place = f'<a href="#{target}" data-go="{target}">{_e(where)}</a>' if target else _e(where)
        section = loc.table or loc.section or loc.part or ""
        frows.append(
            f'<tr id="f{fi}" class="sev-{f.severity}" data-sev="{f.severity}" data-rule="{_e(f.rule)}"'
            f'{" hidden" if f.severity == "info" else ""}>'
            f'<td class="sev">{_e(M.severity(f.severity))}</td><td class="r">{_e(f.rule)}</td><td class="w">{place}</td>'
            f'<td class="sec">{_e(section)}</td><td class="q">{_e((f.text or "").strip()[:300])}</td>'
            f'<td class="sv">{_e(f.stated or "—")}</td><td class="sv">{_e(f.expected or "—")}</td>'
            f'<td>{_e(f.message)}</td></tr>')
        fdata.append({"rule": f.rule, "sev": M.severity(f.severity), "msg": f.message, "stated": f.stated,
                      "expected": f.expected})
    rules = sorted({f.rule for f in result.findings})
    s = result.summary
    title = M("html.title", department=doc.department or M("doc.no_department"), year=doc.year or "")
    counts = "".join(
        f'<span class="cnt {k}"><b>{s[k]}</b> {icon}{_e(M(f"count.{k}"))}</span>'
        for k, icon in (("claims", ""), ("verified", "✓ "), ("contradicted", "✗ "), ("unverifiable", "? "),
                        ("errors", "● "), ("warnings", "▲ "), ("infos", "ℹ "))
    )
    meta = [(M("html.file"), str(doc.path)), (M("html.year"), doc.year or "—"), (M("html.pages"), doc.pages or "—"),
            (M("html.unit"), doc.unit)]
    n_sev = {sev: sum(f.severity == sev for f in result.findings) for sev in ("error", "warning", "info")}
    sev_boxes = "".join(
        f'<label><input type="checkbox" class="fsev" value="{sev}"{"" if sev == "info" else " checked"}> '
        f'{_e(M.severity(sev))} ({n_sev[sev]})</label>' for sev in ("error", "warning", "info"))
    rule_opts = f'<option value="">{_e(M("html.all_rules"))}</option>' + "".join(
        f'<option value="{_e(r)}">{_e(r)}</option>' for r in rules)
    th = "".join(f"<th>{_e(M(k))}</th>" for k in ("col.severity", "col.rule", "col.where", "col.section", "col.quote",
                                                  "col.stated", "col.expected", "col.message"))
    findings_html = (f'<table class="data findings"><thead><tr>{th}</tr></thead><tbody>{"".join(frows)}</tbody></table>'
                     if frows else f'<p>{_e(M("html.no_findings"))}</p>')
    legend = " ".join(f'<span class="k {CLS[k]}">{_e(M.status(k))}</span><span class="ic {CLS[k]}">{ICON[k]}</span>'
                      for k in ("verified", "contradicted", "unverifiable"))
    labels = {k: M(f"html.{k}") for k in ("stated", "expected", "basis", "evidence", "reason", "findings_of_claim",
                                          "claims_of_cell", "ref", "no_evidence", "panel_hint", "goto")}
    payload = {"claims": cdata, "findings": fdata, "cells": {cid: cells.label[cid] for cid in cell_claims},
               "cellClaims": {cid: [i for i, _ in v] for cid, v in cell_claims.items()}, "L": labels}
    return _PAGE.format(
        lang="zh-CN" if M.lang == "zh" else "en",
        title=_e(title),
        css=_CSS,
        js=_JS,
        data=_json_island(payload),
        meta="".join(f"<span><b>{_e(k)}</b> {_e(v)}</span>" for k, v in meta),
        counts=counts,
        generated=_e(M("html.generated", version=__version__)),
        nav="".join(f'<a href="#{a}">{_e(M("html.nav_" + b))}</a>' for a, b in
                    (("sec-findings", "findings"), ("sec-narrative", "narrative"), ("sec-tables", "tables"),
                     ("sec-charts", "charts"))),
        h_narrative=_e(M("html.narrative")),
        legend_label=_e(M("html.legend")),
        legend=legend,
        narrative=narrative,
        h_tables=_e(M("html.tables")),
        tables=_tables(doc, M, cell_claims, marked_rows),
        h_findings=_e(M("html.findings")),
        f_sev=_e(M("html.filter_severity")),
        sev_boxes=sev_boxes,
        f_rule=_e(M("html.filter_rule")),
        rule_opts=rule_opts,
        findings=findings_html,
        h_charts=_e(M("html.charts")),
        h_budget=_e(M("html.chart_budget")),
        chart_budget=_budget_chart(result, M),
        h_status=_e(M("html.chart_status")),
        chart_status=_status_chart(result, M),
        panel_title=_e(M("html.panel_title")),
        panel_hint=_e(M("html.panel_hint")),
    )


_CSS = """
*{box-sizing:border-box}body{margin:0;font:14px/1.7 "Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei",
"PingFang SC",sans-serif;color:#222;background:#fafafa}
header{background:#1f3b57;color:#fff;padding:14px 24px}header h1{margin:0 0 4px;font-size:20px}
header .meta span{margin-right:18px;font-size:13px;opacity:.9}header .meta b{font-weight:600;margin-right:4px}
.counts{margin-top:8px}.cnt{display:inline-block;background:#fff;color:#222;border-radius:4px;padding:2px 10px;
margin:2px 6px 2px 0;font-size:13px}.cnt b{font-size:16px;margin-right:2px}
.cnt.contradicted,.cnt.errors{border-left:5px solid #b3261e}.cnt.verified{border-left:5px solid #3a7d44}
.cnt.unverifiable,.cnt.warnings{border-left:5px solid #b08900}
nav{position:sticky;top:0;z-index:5;background:#e8edf2;padding:6px 24px;border-bottom:1px solid #ccd}
nav a{margin-right:18px;color:#1f3b57;text-decoration:none;font-weight:600}
.wrap{display:flex;gap:18px;padding:0 24px 40px}main{flex:1;min-width:0}
aside{width:360px;flex:none}#panel{position:sticky;top:44px;background:#fff;border:1px solid #ccd;border-radius:6px;
padding:12px 14px;margin-top:18px;max-height:calc(100vh - 60px);overflow:auto}
#panel h2{font-size:15px;margin:0 0 8px}#panel dl{margin:0}#panel dt{font-weight:600;color:#555;margin-top:6px}
#panel dd{margin:0 0 0 0}#panel .quote{background:#f4f4f4;padding:4px 6px;border-left:3px solid #999}
#panel .val{font:600 16px/1.4 monospace}#panel .stated{color:#7a1c16}#panel .expected{color:#1c4a7a}
section h2{border-bottom:2px solid #1f3b57;padding-bottom:2px;margin-top:26px;font-size:17px}
h3.part{font-size:15px;margin:18px 0 6px;color:#1f3b57}
.para{margin:4px 0;background:#fff;padding:2px 8px;border-radius:3px}.para.h{font-weight:600}
.loc{display:inline-block;min-width:74px;color:#888;font-size:11px;margin-right:6px;font-family:monospace}
.k{cursor:pointer;text-underline-offset:4px}
.k.v{text-decoration:underline solid 1.5px #3a7d44;background:#eef7ef}
.k.x{text-decoration:underline wavy 1.5px #b3261e;background:#fde7e5;font-weight:600}
.k.u{text-decoration:underline dotted 2px #8a7000;background:#faf5dc}
.ic{display:inline-block;font-size:11px;line-height:14px;min-width:14px;text-align:center;border-radius:7px;
margin:0 2px;vertical-align:super;text-decoration:none;font-weight:700;color:#fff;cursor:pointer}
.ic.v{background:#3a7d44}.ic.x{background:#b3261e}.ic.u{background:#8a7000}
.sel,.k.sel{outline:2px solid #1f6fd1;outline-offset:1px}.flash{animation:fl 1.6s}
@keyframes fl{0%{box-shadow:0 0 0 4px #ffd54f}100%{box-shadow:none}}
.scroll{overflow-x:auto}table.data{border-collapse:collapse;background:#fff;font-size:12.5px;margin:4px 0 12px}
table.data th,table.data td{border:1px solid #ccd;padding:2px 6px;vertical-align:top}
table.data thead th{background:#e8edf2;position:sticky;top:0}table.data tbody th{text-align:left;font-weight:400}
td.n{text-align:right;font-family:monospace;white-space:nowrap}
td.ev{cursor:pointer;font-weight:700}td.ev.v{box-shadow:inset 0 -2px 0 #3a7d44}
td.ev.x{box-shadow:inset 0 0 0 2px #b3261e;background:#fde7e5}td.ev.u{box-shadow:inset 0 -2px 0 #8a7000}
.evi{font-size:10px;margin-left:3px;color:#555}tr.hit>th{background:#fff3cd}
.unit{font-size:12px;font-weight:400;color:#666}.note{color:#666;font-size:12px}
.filters{margin:6px 0}.filters label{margin-right:12px}
table.findings td.q{min-width:200px;max-width:340px}table.findings td.sev,table.findings td.r,
table.findings td.w{white-space:nowrap}table.findings td.sv{max-width:150px;font-family:monospace;font-size:12px}table.findings tr.sev-error td.sev{color:#b3261e;font-weight:700}
table.findings tr.sev-warning td.sev{color:#8a5a00;font-weight:700}
table.findings tr.sev-error td.sev::before{content:"● "}table.findings tr.sev-warning td.sev::before{content:"▲ "}
table.findings tr.sev-info td.sev::before{content:"ℹ "}
svg .lbl{font-size:12px}svg .val{font-size:11px;font-family:monospace}
footer{color:#888;font-size:12px;padding:8px 24px}
@media print{nav,aside{display:none}.wrap{display:block}.k{background:none!important}}
"""

_JS = r"""
(function(){
const D = JSON.parse(document.getElementById('juesuan-data').textContent);
const L = D.L;
const panel = document.getElementById('panel-body');
function el(tag, cls, text){const e=document.createElement(tag); if(cls) e.className=cls; if(text!=null) e.textContent=text; return e;}
function go(id){const t=document.getElementById(id); if(!t) return; t.scrollIntoView({block:'center'});
  t.classList.remove('flash'); void t.offsetWidth; t.classList.add('flash');}
function clearSel(){document.querySelectorAll('.sel').forEach(e=>e.classList.remove('sel'));}
function row(dl, label, node){dl.appendChild(el('dt',null,label)); const dd=el('dd'); if(typeof node==='string') dd.textContent=node; else dd.appendChild(node); dl.appendChild(dd); return dd;}
function cellLink(cid){const a=el('a','cell-link',D.cells[cid]||cid); a.href='#'+cid; a.dataset.go=cid; return a;}
function claimLink(i){const c=D.claims[i]; const a=el('a','claim-link',(c.s==='verified'?'✓ ':c.s==='contradicted'?'✗ ':'? ')+c.where+' '+c.text.slice(0,40)); a.href='#k'+i; a.dataset.claim=i; return a;}
function select(i){
  const c=D.claims[i]; if(!c) return;
  clearSel();
  document.querySelectorAll('[data-k]').forEach(e=>{ if(e.dataset.k.split(' ').includes(String(i))) e.classList.add('sel');});
  c.ev.forEach(cid=>{const t=document.getElementById(cid); if(t) t.classList.add('sel');});
  panel.textContent='';
  const h=el('h2',null,null); h.appendChild(el('span','ic '+({verified:'v',contradicted:'x',unverifiable:'u'})[c.s], ({verified:'✓',contradicted:'✗',unverifiable:'?'})[c.s]));
  h.appendChild(document.createTextNode(' '+c.st+' · '+c.kind+(c.subj?' · '+c.subj:''))); panel.appendChild(h);
  panel.appendChild(el('div','quote',c.text)); panel.appendChild(el('div','loc',c.where));
  const dl=el('dl'); panel.appendChild(dl);
  row(dl, L.stated, el('span','val stated',c.stated||'—'));
  row(dl, L.expected, el('span','val expected',c.expected||'—'));
  row(dl, L.basis, c.base||'—');
  if(c.ref) row(dl, L.ref, c.ref);
  if(c.reason) row(dl, L.reason, c.reason);
  const ev=el('div'); if(c.ev.length){c.ev.forEach(cid=>{ev.appendChild(cellLink(cid)); ev.appendChild(el('br'));});} else ev.textContent=L.no_evidence;
  (c.told||[]).forEach(t=>{ev.appendChild(el('div','told','「'+t+'」'));});
  if(c.told&&c.told.length&&!c.ev.length) ev.firstChild&&ev.firstChild.nodeType===3&&ev.removeChild(ev.firstChild);
  row(dl, L.evidence, ev);
  if(c.f.length){const fl=el('div'); c.f.forEach(fi=>{const f=D.findings[fi]; const a=el('a',null,f.sev+' '+f.rule+'：'+f.msg); a.href='#f'+fi; a.dataset.go='f'+fi; fl.appendChild(a); fl.appendChild(el('br'));}); row(dl, L.findings_of_claim, fl);}
  panel.dataset.claim=i;
}
function showCell(cid){
  const ks=D.cellClaims[cid]||[]; if(ks.length===1){select(ks[0]); return;}
  clearSel(); const t=document.getElementById(cid); if(t) t.classList.add('sel');
  panel.textContent=''; panel.appendChild(el('h2',null,D.cells[cid]||cid));
  const dl=el('dl'); panel.appendChild(dl); const d=el('div'); ks.forEach(i=>{d.appendChild(claimLink(i)); d.appendChild(el('br'));});
  row(dl, L.claims_of_cell, d);
}
document.addEventListener('click', function(ev){
  const t=ev.target;
  const g=t.closest('[data-go]'); if(g){ev.preventDefault(); const id=g.dataset.go; const m=/^k(\d+)$/.exec(id); if(m) select(+m[1]); go(id); return;}
  const cl=t.closest('[data-claim]'); if(cl){ev.preventDefault(); select(+cl.dataset.claim); go('k'+cl.dataset.claim); return;}
  const k=t.closest('[data-k]'); if(k){ev.preventDefault(); select(+k.dataset.k.split(' ')[0]); return;}
  const c=t.closest('td[data-c]'); if(c){showCell(c.id); return;}
});
document.addEventListener('keydown', function(ev){ if(ev.key==='Enter'){const c=ev.target.closest&&ev.target.closest('td[data-c]'); if(c) showCell(c.id);} });
function filter(){
  const sev=new Set([...document.querySelectorAll('.fsev:checked')].map(e=>e.value));
  const rule=document.getElementById('frule').value;
  document.querySelectorAll('table.findings tbody tr').forEach(tr=>{
    tr.hidden=!(sev.has(tr.dataset.sev) && (!rule || tr.dataset.rule===rule));});
}
document.querySelectorAll('.fsev').forEach(e=>e.addEventListener('change',filter));
const fr=document.getElementById('frule'); if(fr) fr.addEventListener('change',filter);
const m=/^#k(\d+)$/.exec(location.hash); if(m) select(+m[1]);
})();
"""

_PAGE = """<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>{title}</title><style>{css}</style></head>
<body>
<header><h1>{title}</h1><div class="meta">{meta}</div><div class="counts">{counts}</div></header>
<nav>{nav}</nav>
<div class="wrap"><main>
<section id="sec-findings"><h2>{h_findings}</h2>
<div class="filters"><b>{f_sev}</b> {sev_boxes} <b>{f_rule}</b> <select id="frule">{rule_opts}</select></div>
{findings}</section>
<section id="sec-narrative"><h2>{h_narrative}</h2><p class="note">{legend_label}：{legend}</p>
{narrative}</section>
<section id="sec-tables"><h2>{h_tables}</h2>
{tables}</section>
<section id="sec-charts"><h2>{h_charts}</h2><h3>{h_budget}</h3>{chart_budget}<h3>{h_status}</h3>{chart_status}</section>
</main>
<aside><div id="panel"><h2>{panel_title}</h2><div id="panel-body"><p class="note">{panel_hint}</p></div></div></aside>
</div>
<footer>{generated}</footer>
<script type="application/json" id="juesuan-data">{data}</script>
<script>{js}</script>
</body></html>
"""
