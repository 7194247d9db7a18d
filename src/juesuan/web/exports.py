"""What the reviewer sends back: the 问题清单 workbook with each finding's status and note, and the 审核意见书
(.docx, findings grouped by section with their evidence and the reviewer's notes).

The workbook is the one ``juesuan check --format xlsx`` writes (rendered by the worker, stored); the review is
filled in by header name (状态, 处理意见, 审核人, 处理时间: a column missing from the stored workbook is added,
the 状态 column with a drop-down of the four statuses), each row found by its ``#`` (the finding's number in
document order, as in the JSON report)."""

from __future__ import annotations

import io
from typing import Any

from .store import STATUSES, kind_label

FIELDS = (("状态", "status_label", 10), ("处理意见", "note", 40), ("审核人", "reviewer", 10), ("处理时间", "updated", 19))


def _column(ws, header: str, width: int) -> int:
    for cell in ws[1]:
        if (cell.value or "").strip() == header:
            return cell.column
    col = ws.max_column + 1
    ws.cell(row=1, column=col, value=header)
    from openpyxl.utils import get_column_letter

    ws.column_dimensions[get_column_letter(col)].width = width
    first = ws.cell(row=1, column=1)
    ws.cell(row=1, column=col)._style = first._style
    return col


def review_workbook(xlsx: bytes, reviews: list[dict[str, Any]]) -> bytes:
    """The stored workbook with the reviews written into its 问题清单 sheet."""
    from openpyxl import load_workbook
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = load_workbook(io.BytesIO(xlsx))
    ws = wb.worksheets[0]  # 问题清单
    cols = {key: _column(ws, header, width) for header, key, width in FIELDS}
    by_number = {r["idx"] + 1: r for r in reviews}
    for row in ws.iter_rows(min_row=2):
        r = by_number.get(row[0].value) if isinstance(row[0].value, int) else None
        if r is None:
            continue
        for key, col in cols.items():
            ws.cell(row=row[0].row, column=col, value=r.get(key) or None)
    col = cols["status_label"]
    status_col = get_column_letter(col)
    if not any(r.min_col <= col <= r.max_col for dv in ws.data_validations.dataValidation for r in dv.sqref.ranges):
        dv = DataValidation(type="list", formula1='"' + ",".join(STATUSES.values()) + '"', allow_blank=True)
        dv.add(f"{status_col}2:{status_col}{max(ws.max_row, 2)}")
        ws.add_data_validation(dv)
    ws.auto_filter.ref = f"A1:{get_column_letter(ws.max_column)}{max(ws.max_row, 1)}"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def evidence_line(e: dict[str, Any]) -> str:
    if e.get("source") == "table":
        return " ".join(str(x) for x in (e.get("table"), e.get("row"), e.get("column"), e.get("value")) if x)
    return f"「{e.get('value') or ''}」"


def _section(f: dict[str, Any]) -> str:
    loc = f.get("location") or {}
    return loc.get("table") or loc.get("section") or loc.get("part") or "全文"


def _place(f: dict[str, Any]) -> str:
    """第18页第3行 (PDF) / 第3行 (text); in a document uploaded as 说明 + 表格, the file first (表格.pdf 第1页第1行)."""
    from ..i18n import messages

    loc = f.get("location") or {}
    if not loc.get("page") and not loc.get("line"):
        return ""
    return messages("zh").place(loc.get("page"), loc.get("line"), loc.get("file"))


def opinion_docx(doc: dict[str, Any], report: dict[str, Any], reviews: list[dict[str, Any]]) -> bytes:
    """The 审核意见书: the document, the counts, then the findings by section, in document order: every error and
    warning not 不予采纳, and a note (提示) only when the reviewer took it up (a status or a note)."""
    from docx import Document

    d = Document()
    title = f"{doc.get('department') or doc.get('name')}{doc.get('year') or ''}年度{kind_label(doc.get('kind'))}公开审核意见书"
    d.add_heading(title, level=0)
    s = report.get("summary", {})
    d.add_paragraph(f"文件：{'、'.join(n for n in (doc.get('name'), doc.get('with_name') or doc.get('with')) if n)}")
    d.add_paragraph(f"审核结果：表述 {s.get('claims', 0)} 条，已核实 {s.get('verified', 0)}，矛盾 {s.get('contradicted', 0)}，"
                    f"无法核实 {s.get('unverifiable', 0)}；错误 {s.get('errors', 0)}，警告 {s.get('warnings', 0)}，"
                    f"提示 {s.get('infos', 0)}。")
    counts = {label: 0 for label in STATUSES.values()}
    for r in reviews:
        counts[r["status_label"]] = counts.get(r["status_label"], 0) + 1
    d.add_paragraph("处理情况：" + "，".join(f"{k} {v}" for k, v in counts.items()) + "。")
    sev = {"error": "错误", "warning": "警告", "info": "提示"}
    groups: dict[str, list[tuple[int, dict[str, Any], dict[str, Any]]]] = {}
    for i, (f, r) in enumerate(zip(report.get("findings", []), reviews, strict=False), 1):
        if r["status"] == "rejected":
            continue
        if f.get("severity") == "info" and r["status"] == "open" and not r.get("note"):
            continue  # 尾差 and other notes: only when the reviewer took them up
        groups.setdefault(_section(f), []).append((i, f, r))
    d.add_heading("一、问题及处理意见", level=1)
    if not groups:
        d.add_paragraph("未发现需要处理的问题。")
    for section, items in groups.items():
        d.add_heading(section, level=2)
        for i, f, r in items:
            p = d.add_paragraph(style="List Number")
            p.add_run(f"【{sev.get(f.get('severity') or '', f.get('severity'))}】{f.get('rule')} ").bold = True
            p.add_run(f.get("message") or "")
            place = _place(f)
            if f.get("text"):
                d.add_paragraph(f"原文{'（' + place + '）' if place else ''}：「{(f.get('text') or '').strip()}」")
            if f.get("stated") or f.get("expected"):
                said = "文中" if f.get("claims") else "表列"  # 文中 only for a figure of the narrative
                d.add_paragraph(f"{said}：{f.get('stated') or '—'}；应为：{f.get('expected') or '—'}")
            ev = [evidence_line(e) for e in f.get("evidence", [])]
            if ev:
                d.add_paragraph("依据：" + "；".join(ev))
            line = f"状态：{r['status_label']}"
            if r.get("note"):
                line += f"；处理意见：{r['note']}"
            if r.get("reviewer"):
                line += f"（{r['reviewer']}，{r.get('updated') or ''}）"
            d.add_paragraph(line)
    rejected = sum(1 for r in reviews if r["status"] == "rejected")
    if rejected:
        d.add_paragraph(f"另有 {rejected} 项经审核不予采纳，未列入。")
    d.add_paragraph(f"审核工具：juesuan {report.get('tool', {}).get('version', '')}")
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()
