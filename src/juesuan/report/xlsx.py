"""The Excel workbook (Excel / WPS): 问题清单 with a 状态 drop-down (待处理 / 已整改 / 不予采纳 / 需说明, set to
待处理) and an empty 处理意见 column for the reviewer — the reviewed workbook is a baseline
(``check --baseline reviewed.xlsx`` suppresses the findings marked 不予采纳, :mod:`juesuan.baseline`) —, the claims, and one
sheet per parsed table with amounts as numbers (number format ``#,##0.00``, exact: Decimal cells are written
as printed). Every sheet: header row frozen, auto-filter on, column widths set."""

from __future__ import annotations

import io
from collections.abc import Set as AbstractSet
from decimal import Decimal

import regex as re

from .i18n import messages
from .text import evidence_text, figure_cells, related_lines

NUM_FMT = "#,##0.00"
_BAD_SHEET = re.compile(r"[\[\]:*?/\\]")
_NOT_MONEY = re.compile(r"得分|率|偏差|权重|分值")


def _width(s) -> int:
    s = "" if s is None else str(s)
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in s)


def _sheet_name(wb, name: str) -> str:
    base = _BAD_SHEET.sub("_", name).strip()[:31] or "Sheet"
    cand, k = base, 2
    while cand in wb.sheetnames:
        suffix = f"~{k}"
        cand, k = base[: 31 - len(suffix)] + suffix, k + 1
    return cand


def _finish(ws, head: list[str], widths: dict[int, int] | None = None, wrap: AbstractSet[int] = frozenset(), cap: int = 60):
    """Bold frozen header, filter over the used range, widths from the content (capped), wrapping columns."""
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDE5EE")
    for c in ws[1]:
        c.font, c.fill = bold, fill
        c.alignment = Alignment(vertical="center", wrap_text=True)
    ws.freeze_panes = "A2"
    if ws.max_row >= 1 and ws.max_column >= 1:
        ws.auto_filter.ref = f"A1:{get_column_letter(ws.max_column)}{max(ws.max_row, 1)}"
    top = Alignment(vertical="top", wrap_text=True)
    for j in range(1, len(head) + 1):
        letter = get_column_letter(j)
        if widths and j in widths:
            w = widths[j]
        else:
            w = max((_width(c.value) for c in ws[letter][:300]), default=8)
        ws.column_dimensions[letter].width = max(6, min(w + 2, cap))
        if j in wrap:
            for c in ws[letter][1:]:
                c.alignment = top


def write_table_sheet(wb, table, M, index: int):
    """One parsed table as a sheet: code, 类/款/项, name, (side, group), the amounts as numbers, page, line."""
    title = f"{table.number or f'{index:02d}'} {table.title}"
    ws = wb.create_sheet(_sheet_name(wb, title))
    sides = any(r.side for r in table.rows)
    groups = any(r.group for r in table.rows)
    unit = table.unit
    head = ["科目编码" if M.lang == "zh" else "code", "类", "款", "项", M("col.subject")]
    head += ([M("col.side")] if sides else []) + ([M("col.group")] if groups else [])
    money = [not _NOT_MONEY.search(c) for c in table.columns]
    head += [f"{c}（{unit}）" if m and unit else c for c, m in zip(table.columns, money)]
    head += [M("col.page"), M("col.line")]
    ws.append(head)
    first_num = 6 + sides + groups
    for r in table.rows:
        row = [r.code or None, r.lei or None, r.kuan or None, r.xiang or None, r.name]
        row += ([r.side] if sides else []) + ([r.group] if groups else [])
        row += [r.values.get(c) for c in table.columns]
        row += [r.page, r.line]
        ws.append(row)
    for col in range(first_num, first_num + len(table.columns)):
        for (c,) in ws.iter_rows(min_row=2, min_col=col, max_col=col):
            if isinstance(c.value, Decimal):
                c.number_format = NUM_FMT
    _finish(ws, head, cap=40)
    return ws


def review_labels(M) -> list[str]:
    """The 状态 choices in the workbook's language: 待处理 / 已整改 / 不予采纳 / 需说明."""
    from ..i18n import REVIEW_STATUSES

    return [M(f"review.{s}") for s in REVIEW_STATUSES]


def _review_dropdown(ws, M, column: int) -> None:
    """A list validation on the 状态 column (rows 2 … 10000, so rows a reviewer adds keep it)."""
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    letter = get_column_letter(column)
    dv = DataValidation(type="list", formula1='"' + ",".join(review_labels(M)) + '"', allow_blank=True,
                        showErrorMessage=True, errorTitle=M("col.review"), error=M("xlsx.review_error"))
    ws.add_data_validation(dv)
    dv.add(f"{letter}2:{letter}{max(ws.max_row, 10000)}")


def build_workbook(result, lang: str | None = None):
    from openpyxl import Workbook

    M = messages(lang)
    wb = Workbook()
    doc = result.doc
    kind = M("doc.kind_budget" if getattr(doc, "kind", "决算") == "预算" else "doc.kind_final")
    wb.properties.title = M("html.title", department=doc.department or M("doc.no_department"), year=doc.year or "", kind=kind,
                  scope=M("doc.scope_unit" if getattr(doc, "scope", "部门") == "单位" else "doc.scope_department"))
    wb.properties.subject = kind  # the document's kind (决算 / 预算), as in the JSON's document.kind
    ws = wb.active
    ws.title = _sheet_name(wb, M("xlsx.findings_sheet"))
    head = ["#", M("col.rule"), M("col.severity"), M("col.section"), M("col.page"), M("col.line"), M("col.quote"),
            M("col.stated"), M("col.expected"), M("col.message"), M("col.evidence"), M("col.related"), M("col.review"),
            M("col.action")]
    ws.append(head)
    for i, f in enumerate(result.findings, 1):
        loc = f.location
        stated, expected = figure_cells(f)
        ws.append([i, f.rule, M.severity(f.severity), loc.table or loc.section or loc.part, loc.page, loc.line,
                   (f.text or "").strip(), stated, expected, f.message, evidence_text(f, lang, result=result),
                   "\n".join(related_lines(f, lang)) or None, M("review.open"), None])
    _review_dropdown(ws, M, column=13)
    _finish(ws, head, widths={7: 50, 10: 60, 11: 40, 12: 40, 13: 10, 14: 30}, wrap={7, 10, 11, 12, 14})

    ws = wb.create_sheet(_sheet_name(wb, M("xlsx.claims_sheet")))
    head = ["#", M("col.status"), M("col.kind"), M("col.subject"), M("col.page"), M("col.line"), M("col.section"),
            M("col.claim"), M("col.values"), M("col.basis"), M("col.table_ref"), M("col.reason")]
    ws.append(head)
    from .html.cells import ref_text

    for i, c in enumerate(result.claims):
        vals = M("sep.semicolon").join(f"{M.get(f'role.{role}', role)} {v.raw}" for role, v in c.values.items())
        ws.append([i, M.status(c.status), M.get(f"kind.{c.kind}", c.kind), c.subject or c.qualifier, c.page, c.line, c.section, c.text, vals,
                   c.basis, ref_text(c.ref, result.doc) if c.ref else None, c.reason])
    _finish(ws, head, widths={7: 30, 8: 60, 9: 30, 12: 40}, wrap={7, 8, 12})

    for k, t in enumerate(result.doc.tables, 1):
        write_table_sheet(wb, t, M, k)
    return wb


def render_xlsx(result, lang: str | None = None) -> bytes:
    buf = io.BytesIO()
    build_workbook(result, lang).save(buf)
    return buf.getvalue()
