"""The two inline SVG charts of the HTML report: budget against actual per 类, and the claims per status (the
fills are patterns as well as colours, so they survive print)."""

from __future__ import annotations

from decimal import Decimal

from ...checks.base import fmt
from ..i18n import kind_worded
from .page import ICON, esc


def value_in_wan(v) -> Decimal:
    if v.unit == "元":
        return v.value / Decimal(10000)
    if v.unit == "亿元":
        return v.value * Decimal(10000)
    return v.value


def budget_chart(result, M) -> str:
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
        return f'<p class="note">{esc(kind_worded(M, result.doc)("html.chart_budget_none"))}</p>'
    names: dict[str, str] = {}
    for t in result.doc.tables:
        for r in t.rows:
            if r.code and len(r.code) == 3:
                names.setdefault(r.code, r.name)
    rows = []
    for lei in sorted(per):
        level = per[lei][min(per[lei])]
        b = sum((value_in_wan(x[1]) for x in level), Decimal(0))
        a = sum((value_in_wan(x[2]) for x in level), Decimal(0))
        name = names.get(lei) or (level[0][0].subject or lei).split("（类）")[0]
        rows.append((f"{lei} {name}", b, a))
    top = max(max(b, a) for _, b, a in rows) or Decimal(1)
    W, label_w, bar_h, gap = 720, 220, 14, 14
    plot = W - label_w - 90
    H = len(rows) * (2 * bar_h + gap) + 40
    svg = [(f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" viewBox="0 0 {W} {H}" role="img" '
            f'aria-label="{esc(kind_worded(M, result.doc)("html.chart_budget"))}">'),
           ('<defs><pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
            '<rect width="6" height="6" fill="#fff"/><line x1="0" y1="0" x2="0" y2="6" stroke="#555" stroke-width="2"/>'
            '</pattern></defs>')]
    y = 10
    for label, b, a in rows:
        svg.append(f'<text x="{label_w - 8}" y="{y + bar_h + 4}" text-anchor="end" class="lbl">{esc(label[:16])}</text>')
        for val, fill, cls in ((b, "url(#hatch)", "b"), (a, "#2f5d8a", "a")):
            w = float(val / top) * plot
            svg.append(f'<rect class="{cls}" x="{label_w}" y="{y}" width="{w:.1f}" height="{bar_h}" fill="{fill}" '
                       f'stroke="#333" stroke-width="0.6"/>')
            svg.append(f'<text x="{label_w + w + 4:.1f}" y="{y + bar_h - 3}" class="val">{fmt(val.quantize(Decimal("0.01")))}</text>')
            y += bar_h
        y += gap
    svg.append(f'<rect x="{label_w}" y="{y + 4}" width="14" height="10" fill="url(#hatch)" stroke="#333"/>'
               f'<text x="{label_w + 18}" y="{y + 13}" class="val">{esc(M("html.chart_budget_legend_budget"))}</text>'
               f'<rect x="{label_w + 90}" y="{y + 4}" width="14" height="10" fill="#2f5d8a" stroke="#333"/>'
               f'<text x="{label_w + 108}" y="{y + 13}" class="val">{esc(kind_worded(M, result.doc)("html.chart_budget_legend_actual"))}</text>')
    svg.append("</svg>")
    return "".join(svg)


def status_chart(result, M) -> str:
    s = result.summary
    keys = ("verified", "contradicted", "unverifiable")
    fills = {"verified": "#3a7d44", "contradicted": "#b3261e", "unverifiable": "url(#dots)"}
    top = max(s[k] for k in keys) or 1
    W, label_w, bar_h = 520, 120, 22
    H = len(keys) * (bar_h + 10) + 10
    svg = [(f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" viewBox="0 0 {W} {H}" role="img" '
            f'aria-label="{esc(M("html.chart_status"))}"><defs><pattern id="dots" width="5" height="5" '
            'patternUnits="userSpaceOnUse"><rect width="5" height="5" fill="#fff"/><circle cx="2.5" cy="2.5" r="1.3" '
            'fill="#7a6a00"/></pattern></defs>')]
    y = 6
    for k in keys:
        w = s[k] / top * (W - label_w - 60)
        svg.append(f'<text x="{label_w - 8}" y="{y + 16}" text-anchor="end" class="lbl">{ICON[k]} {esc(M.status(k))}</text>'
                   f'<rect x="{label_w}" y="{y}" width="{w:.1f}" height="{bar_h}" fill="{fills[k]}" stroke="#333" '
                   f'stroke-width="0.6"/><text x="{label_w + w + 5:.1f}" y="{y + 16}" class="val">{s[k]}</text>')
        y += bar_h + 10
    svg.append("</svg>")
    return "".join(svg)
