"""Write parsed tables as CSV (UTF-8 with BOM, so Excel on Chinese Windows reads it), XLSX (one sheet per table,
amounts as numbers with a 2-decimal number format) or JSON (amounts as exact decimal strings)."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pandas as pd


def _slug(i: int, kind: str) -> str:
    return f"{i:02d}_{kind}"


def _plain(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.map(lambda v: str(v) if isinstance(v, Decimal) else v)


def summary_rows(doc) -> list[tuple]:
    return [
        (t.kind, t.number or "", t.title, len(t.rows), len(t.columns), t.unit, "empty" if t.empty else "")
        for t in doc.tables
    ]


def write_tables(doc, out: Path, fmt: str, lang: str | None = None) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    if fmt == "xlsx":
        from openpyxl import Workbook

        from .i18n import messages
        from .xlsx import write_table_sheet

        path = out / (Path(doc.path).stem + ".xlsx")
        wb = Workbook()
        wb.remove(wb.active)
        for i, t in enumerate(doc.tables, 1):
            write_table_sheet(wb, t, messages(lang), i)
        if not wb.sheetnames:
            wb.create_sheet("tables")
        wb.save(path)
        return [path]
    for i, t in enumerate(doc.tables, 1):
        frame = _plain(t.to_frame())
        if fmt == "csv":
            path = out / f"{_slug(i, t.kind)}.csv"
            frame.to_csv(path, index=False, encoding="utf-8-sig")  # BOM: Excel guesses GBK without it
        else:
            path = out / f"{_slug(i, t.kind)}.json"
            path.write_text(json.dumps(table_payload(t, frame), ensure_ascii=False, indent=1), encoding="utf-8")
        written.append(path)
    return written


def table_payload(t, frame=None) -> dict:
    """One table as JSON data: kind, title, number, unit, columns, note, and its rows as records."""
    frame = _plain(t.to_frame()) if frame is None else frame
    return {
        "kind": t.kind,
        "title": t.title,
        "number": t.number,
        "unit": t.unit,
        "columns": t.columns,
        "note": t.note,
        "rows": json.loads(frame.to_json(orient="records", force_ascii=False)),
    }


def tables_json(doc) -> str:
    """Every parsed table as one JSON array (``juesuan tables FILE --format json`` without ``--out``)."""
    return json.dumps([table_payload(t) for t in doc.tables], ensure_ascii=False, indent=1) + "\n"
