"""Ruled table grids (PDF) → the cell grid (``cells.CellGrid``: header parts per column, body rows of cells),
and the cell helpers the shape modules (``coded``, ``two_sided``, ``econ``, ``sangong``, ``projects``) read
their rows with.

A region's grids are one table: a table that runs over a page break continues in the next page's grid,
and a continuation that repeats the header rows has them dropped. Header rows are the rows before the
first body row; each column's label is read down the header (a None cell — a merged cell spanning from
the left — takes the text of that cell), and mapped to a canonical column by the spec's aliases, the
lowest header cell first ("本年支出" over "合计" → 本年支出合计 via "合计"), then the whole label.

Cells are exact: blank is None, "1,511.90" is Decimal("1511.90"). Each row remembers its page and line.
"""

from __future__ import annotations

from decimal import Decimal

import regex as re

from ..ingest.model import Grid
from ..numbers import parse_amount
from ..patterns import load
from ..text import squash as _squash
from .cells import CellGrid, CellRow
from .common import ECON_CODE_RE, PERCENT_RE, _map_grid_column

CODE_CELL_RE = re.compile(r"^(?:\d{3}|\d{5}|\d{7})$")
CODE_NAME_RE = re.compile(r"^(\d{3}(?:\d{2}){0,2})\s*(\D.*)$")
NUMBERING_RE = re.compile(r"^[一二三四五六七八九十]+、")
TOTAL_RE = re.compile(r"^(?:合计|总计)")
PLACEHOLDER_RE = re.compile(r"^[…。.·\s]*$")
TWO_SIDED_HEAD = re.compile(r"^(?:收入|支出|项目|行次|栏次|决算数|金额|预算数)")


def _cell(x: str | None) -> str:
    return _squash(x) if x is not None else ""


def _amount(text: str) -> Decimal | None:
    t = _squash(text)
    if not t:
        return None
    if PERCENT_RE.match(t):
        return None if t == "-%" else Decimal(t[:-1])
    try:
        return parse_amount(t)
    except ValueError:
        return None


def _is_amount(text: str) -> bool:
    return _amount(text) is not None or bool(PERCENT_RE.match(_squash(text)))


def _is_index_row(cells: list[str]) -> bool:
    """The column-index row ("栏次 1 2 3 …", or just "1 2 3 …")."""
    vals = [c for c in cells if c]
    if not vals:
        return False
    if re.match(load("tables")["notes"]["column_index"], vals[0]):
        return True
    return len(vals) >= 3 and all(re.fullmatch(r"\d{1,2}", v) for v in vals) and [int(v) for v in vals] == list(
        range(int(vals[0]), int(vals[0]) + len(vals))
    )


def _rows_of(grid: Grid) -> list[CellRow]:
    out = []
    for k, raw in enumerate(grid.rows):
        line = grid.row_lines[k] if k < len(grid.row_lines) else grid.line + k
        page = grid.row_pages[k] if k < len(grid.row_pages) else grid.page
        text = " ".join(x.strip() for x in raw if x and x.strip())
        out.append(CellRow([_cell(x) for x in raw], list(raw), line, page, text=text))
    return out


# ------------------------------------------------------------------------------------------------
# Header


def _is_body(shape: str, cells: list[str]) -> bool:
    if _is_index_row(cells):
        return False
    texts = [c for c in cells if c]
    if shape == "sangong":
        return all(_is_amount(c) for c in texts)  # a row of blanks is the (empty) data row
    if not texts:
        return False
    if shape == "coded":
        if any(CODE_CELL_RE.match(c) or CODE_NAME_RE.match(c) for c in cells[:3] if c):
            return True
        if TOTAL_RE.match(texts[0]):
            return all(_is_amount(c) for c in texts[1:])
        return any(_is_amount(c) and "." in c for c in cells)
    if shape == "two_sided":
        return not TWO_SIDED_HEAD.match(texts[0]) or any(_is_amount(c) and "." in c for c in cells)
    if shape == "econ":
        return any(ECON_CODE_RE.match(c) for c in cells) or any("合计" in c for c in cells)
    if shape == "projects":
        return any(_is_amount(c) for c in cells)
    return True


def _header_parts(header: list[CellRow], ncols: int) -> list[list[str]]:
    """Per column, the header cells from top to bottom (merged cells resolved, repeats dropped)."""
    parts: list[list[str]] = [[] for _ in range(ncols)]
    for r in header:
        if _is_index_row(r.cells):
            continue
        resolved: list[str] = []
        for c in range(ncols):
            raw = r.raw[c] if c < len(r.raw) else None
            if raw is None:
                resolved.append(resolved[-1] if resolved else "")
            else:
                resolved.append(_cell(raw))
        for c, t in enumerate(resolved):
            if t and (not parts[c] or parts[c][-1] != t):
                parts[c].append(t)
    return parts


def _map(parts: list[str], options: list[list[str]]) -> str | None:
    """Canonical column for a header column: the lowest header cell first, then the whole label."""
    for p in reversed(parts):
        canon = _map_grid_column(p, options)
        if canon:
            return canon
    return _map_grid_column("".join(parts), options) if parts else None


# ------------------------------------------------------------------------------------------------


def read_grids(shape: str, grids: list[Grid]) -> CellGrid:
    """A region's grids → the cell grid: per column its header cells (top to bottom), and the body rows (header
    rows repeated on continuation pages and column-index rows dropped, short rows padded)."""
    first = _rows_of(grids[0])
    nhead = 0
    while nhead < len(first) and not _is_body(shape, first[nhead].cells):
        nhead += 1
    header = first[:nhead]
    ncols = max((len(r.cells) for r in first), default=0)
    head_keys = {tuple(r.cells) for r in header}
    body = [r for r in first[nhead:] if not _is_index_row(r.cells)]
    for g in grids[1:]:
        rows = _rows_of(g)
        k = 0
        while k < len(rows) and (tuple(rows[k].cells) in head_keys or _is_index_row(rows[k].cells)):
            k += 1
        body += [r for r in rows[k:] if not _is_index_row(r.cells)]
    for r in body:  # a continuation printed with another column count: pad to the first grid's
        if len(r.cells) < ncols:
            r.cells += [""] * (ncols - len(r.cells))
        if len(r.raw) < ncols:
            r.raw += [""] * (ncols - len(r.raw))
    parts = _header_parts(header, ncols)
    return CellGrid(header="".join("".join(p) for p in parts), body=body, parts=parts, by_column=True)


def _value_columns(parts: list[list[str]], cols: list[int], options: list[list[str]]) -> list[tuple[int, str]]:
    """(column index, canonical name) for value columns, in printed order; unmapped columns by position."""
    mapped = [(c, _map(parts[c], options)) for c in cols]
    names = [m for _, m in mapped]
    full = [canon for canon, _ in options]
    if not any(names) and len(cols) == len(full):
        return list(zip(cols, full))  # no usable header: the template's order
    out: list[tuple[int, str]] = []
    seen: set[str] = set()
    for c, m in mapped:
        if m and m not in seen:
            out.append((c, m))
            seen.add(m)
    return out
