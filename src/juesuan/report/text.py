"""Lint-style text: ``FILE:第18页:第3行: 错误 RULE message`` for a PDF (``FILE:p18:l3: error …`` in English),
``FILE:LINE: …`` for text input, in document order; then a summary line. Under an error or warning: the quoted
text, the evidence as the HTML panel names it (公开05表 221 住房保障支出 合计 29.42 万元), and the other rules
that found the same cause (``related``).

The figures: 文中 / 应为 for a figure of the narrative; 表中 / 按勾稽关系 for a table identity (T rules); for one
figure printed by two tables, which table prints which."""

from __future__ import annotations

from ..checks.registry import by_id
from .i18n import messages


def where(result, f, lang: str | None = None) -> str:
    return messages(lang).where(getattr(f.location, "file", None) or result.doc.path, f.location.page, f.location.line)


def kind_name(result, lang: str | None = None) -> str:
    """The document's kind (决算 / 预算) as the report's language names it."""
    return messages(lang)("doc.kind_budget" if getattr(result.doc, "kind", "决算") == "预算" else "doc.kind_final")


def summary_line(result, lang: str | None = None) -> str:
    """The last line: the document's kind, department and year, then the counts ("预算｜某部门 2024 年度｜表述 87 条：…")."""
    M = messages(lang)
    line = M("summary.line", **result.summary)
    if getattr(result, "baselined", None) is not None:
        line += M("summary.suppressed", n=result.baselined)
    doc = result.doc
    dept = getattr(doc, "department", None) or M("doc.no_department")
    year = getattr(doc, "year", None)
    document = M("summary.document", department=dept, year=year) if year else M("summary.document_no_year", department=dept)
    return M("summary.kind_line", kind=kind_name(result, lang), document=document, line=line)


def _of_tables(f) -> bool:
    """A finding of a rule that compares the tables with themselves (``Rule.compares``: the T-rules)."""
    rule = by_id().get(f.rule)
    return rule is not None and rule.compares == "tables"


def two_tables(f) -> tuple[str, str] | None:
    """(the table printing ``stated``, the table printing ``expected``) of a T finding between two tables."""
    if not _of_tables(f):
        return None
    tables = [e.table for e in f.evidence if e.source == "table" and e.table]
    first = f.location.table or (tables[0] if tables else None)
    other = next((t for t in tables if t != first), None)
    return (first, other) if first and other and len(f.evidence) == 2 else None


def figures(f, lang: str | None = None) -> str:
    """`` [文中 18.01%；应为 18.10%]`` — or the table identity's / the two tables' wording; "" without figures."""
    if f.stated is None and f.expected is None:
        return ""
    M = messages(lang)
    stated, expected = f.stated or "—", f.expected or "—"
    pair = two_tables(f)
    if pair is not None:
        return M("text.two_tables", a=pair[0], b=pair[1], stated=stated, expected=expected)
    if _of_tables(f):
        return M("text.table_figures", stated=stated, expected=expected)
    return M("text.stated_expected", stated=stated, expected=expected)


def figure_cells(f) -> tuple[str | None, str | None]:
    """(stated, expected) for a table column: a T finding between two tables names the table of each figure."""
    pair = two_tables(f)
    if pair is None:
        return f.stated, f.expected
    return (f"{pair[0]} {f.stated}" if f.stated else None), (f"{pair[1]} {f.expected}" if f.expected else None)


def evidence_item(e, lang: str | None = None) -> str:
    """One piece of evidence as a reader names it: 公开05表 221 住房保障支出 合计 29.42 万元 (a cell), or
    文中 住房保障支出「29.42万元」 (a figure of the narrative)."""
    M = messages(lang)
    if e.source == "table":
        return " ".join(x for x in (e.table, e.row, e.column, e.value) if x)
    if e.row:
        return M("text.ev_narrative", row=e.row, value=e.value)
    return M("text.ev_narrative_plain", value=e.value)


def ref_cells(result) -> dict[int, str]:
    """The table cell each claim refers to, named as evidence (公开05表 221 住房保障支出 合计 29.42 万元): what
    the HTML panel shows first for a claim. Computed once per result."""
    cache = getattr(result, "_ref_cells", None)
    if cache is None:
        from ..checks.base import Context

        ctx = Context.as_printed(result.doc, result.claims)
        cache = {}
        for i, c in enumerate(result.claims):
            if getattr(c, "ref", None) is None:
                continue
            try:
                cell, _why = ctx.cell(c.ref)
            except Exception:  # noqa: BLE001,S112 - a reference the tables cannot resolve is simply not named
                continue
            if cell is not None:
                cache[i] = evidence_item(cell.evidence())
        result._ref_cells = cache
    return cache


def evidence_text(f, lang: str | None = None, limit: int = 6, result=None) -> str:
    """The evidence of a finding: the cells its claims refer to (with ``result``), then its own evidence."""
    M = messages(lang)
    items = [evidence_item(e, lang) for e in f.evidence[:limit]]
    if len(f.evidence) > limit:
        items.append("…")
    if result is not None:
        cells = ref_cells(result)
        own = [cells[i] for i in f.claims if i in cells]
        items = [c for c in dict.fromkeys(own) if c not in items] + items
    return M("sep.semicolon").join(items)


def related_lines(f, lang: str | None = None) -> list[str]:
    """``另见 N002 第18页第7行：message [文中 …；应为 …]`` for each finding of the same cause."""
    M = messages(lang)
    return [f"{M('text.related')} {r.rule} {M.place(r.location.page, r.location.line, getattr(r.location, 'file', None))}"
            f"{M('sep.colon')}{r.message}{figures(r, lang)}" for r in f.related]


def render_text(result, lang: str | None = None) -> str:
    M = messages(lang)
    out = []
    for f in result.findings:
        out.append(f"{where(result, f, lang)}: {M.severity(f.severity)} {f.rule} {f.message}{figures(f, lang)}")
        if f.severity != "info" and f.text:
            out.append(f"    「{f.text.strip()}」")
        if f.severity != "info" and f.evidence:
            out.append(f"    {M('text.evidence')}{evidence_text(f, lang, result=result)}")
        out += [f"    {line}" for line in related_lines(f, lang)]
    out.append(summary_line(result, lang))
    return "\n".join(out) + "\n"
