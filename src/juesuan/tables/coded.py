"""The coded shape: one row per 科目 (code | name | values…), codes as one 7-digit column or 类 | 款 | 项.

One parser reads the cell grid of either path (``cells``) by its layout: the code column (or the 类 | 款 | 项
columns), the name column and the value columns. A PDF grid gives them by its header (:func:`_grid_layout`).
Text gives a row over several lines, so the text path first turns the lines into rows of cells
(:func:`_text_rows`): code | name | figures in printed order, the name with the pieces wrapped around its code
line given back (see ``wrap``); the header says which columns exist (the template's order,
:func:`_text_columns`). A text row whose figures do not fill the columns (blank cells vanished) is
``vanished``: the parser reads its first figure, marks the row ``partial`` and keeps its figures for ``place``.
"""

from __future__ import annotations

import regex as re

from ..ingest.model import Line
from ..numbers import is_amount
from ..text import squash as _squash
from .cells import CellGrid, CellRow
from .common import (
    _HEADER_WORDS,
    PERCENT_RE,
    _columns_from_header,
    _is_piece,
    _leading_code,
    _split_trailing_numbers,
    _strip_lkx,
    gaps_of,
)
from .grid import (
    CODE_CELL_RE,
    CODE_NAME_RE,
    PLACEHOLDER_RE,
    TOTAL_RE,
    _amount,
    _map,
    _value_columns,
)
from .model import Row, Table
from .wrap import split_pieces


def _assign_pieces(rows: list[dict], events: list[tuple[str, object]], pool: list) -> tuple[list[list], list[list]]:
    """Per row, the piece lines of its name above (heads) and below (tails) its code line (see ``wrap``).

    ``events`` is the body in order: ("row", index) and ("piece", line); pieces before the first row,
    and the header ``pool``, may only be its head.
    """
    n = len(rows)
    heads: list[list] = [[] for _ in range(n)]
    tails: list[list] = [[] for _ in range(n)]
    if not n:
        return heads, tails
    gaps = gaps_of(events)
    lead, between, after = gaps[0], gaps[1:-1], gaps[-1]
    pool = list(pool) + lead
    named = [bool(r["name"]) for r in rows]
    _, h, t = split_pieces(named, [len(g) for g in between], len(after), len(pool))
    heads[0] = pool[len(pool) - h[0] :] if h[0] else []
    for k in range(n):
        gap_after = between[k] if k < n - 1 else after
        tails[k] = gap_after[: t[k]]
        if k < n - 1:
            heads[k + 1] = gap_after[t[k] :]
    return heads, tails


FIGURES_AT = 2  # a text row of cells: code | name | figures…


def _text_columns(spec, g: CellGrid) -> list[str]:
    """The columns of a text table: those the header names, in the template's order."""
    header = g.header
    body = [r.cells for r in g.body]
    # header cells printed on the 合计 row's line ("合计 0 2002.80 合计 基本支出 项目支出 0"): header words
    for cells in body:
        toks = _strip_lkx(cells)
        if toks and toks[0] in ("合计", "总计"):
            words = [t for t in toks[1:] if not (is_amount(t) or PERCENT_RE.match(t))]
            if words and len(words) < len(toks) - 1:
                header += _squash("".join(words))
    cols = _columns_from_header(header, spec.columns) or [c for c, _ in spec.columns]
    widths = [len(_split_trailing_numbers(_leading_code(_strip_lkx(cells))[1])[1]) for cells in body]
    full = [c for c, _ in spec.columns]
    if widths and max(widths) == len(full) and len(cols) != len(full):
        cols = full  # a header label the vocabulary missed: every template column is printed
    return cols


def _text_rows(spec, g: CellGrid, ncols: int) -> list[CellRow]:
    """Text lines → rows of cells (code | name | figures), names wrapped around code lines given back.

    A row is a code line with its figures, or a code line, name lines and then the figures; name pieces
    printed on lines of their own around them are assigned by ``wrap``.
    """
    rows: list[dict] = []
    events: list[tuple[str, object]] = []  # ("row", index) | ("piece", Line)
    pending: dict | None = None

    def flush(nums: list[str]) -> None:
        nonlocal pending
        assert pending is not None
        pending["nums"] = nums
        events.append(("row", len(rows)))
        rows.append(pending)
        pending = None

    for r in g.body:
        ln = r.source
        toks = _strip_lkx(r.cells)
        code, rest = _leading_code(toks)
        words, nums = _split_trailing_numbers(rest)
        if not code and toks and toks[0] in ("合计", "总计") and any(is_amount(t) for t in toks[1:]):
            words, nums = toks[:1], [t for t in toks[1:] if is_amount(t) or PERCENT_RE.match(t)]
        name = "".join(words)
        if code or name.startswith(("合计", "总计")) or (pending is None and name and nums):
            pending = {"code": code, "name": name, "line": r.line, "page": r.page, "lines": [ln]}
            if nums:
                flush(nums)
        elif pending is not None:
            pending["name"] += name
            pending["lines"].append(ln)
            if nums:
                flush(nums)
        elif name and not nums and _is_piece(r.text, spec.columns):
            events.append(("piece", ln))
        # figures outside any row (stray fragments) are ignored
    heads, tails = _assign_pieces(rows, events, _header_pool(spec, g))
    out: list[CellRow] = []
    for k, row in enumerate(rows):
        lines = heads[k] + row["lines"] + tails[k]
        name = "".join(_squash(x.text) for x in heads[k]) + row["name"] + "".join(_squash(x.text) for x in tails[k])
        cells = [row["code"], name, *row["nums"]]
        text = " ".join(x.text for x in lines)
        vanished = len(row["nums"]) != ncols
        out.append(CellRow(cells, list(cells), row["line"], row["page"], text=text, vanished=vanished, source=row["lines"][0]))
    return out


def _header_pool(spec, g: CellGrid) -> list[Line]:
    """Lines at the end of the header that may be the head of the first row's wrapped name.

    Only single-word lines without digits, column labels or header words qualify ("文化旅游体育与传媒"
    above "207 17,127.62 …" / "支出"); ``_assign_pieces`` takes one only when the first row needs it.
    """
    out: list[Line] = []
    for ln in reversed(g.header_lines):
        t = ln.text.strip()
        if (
            not t
            or len(t.split()) != 1
            or re.search(r"\d", t)
            or re.search(_HEADER_WORDS, t)
            or any(re.search(alias.replace("^", "").replace("$", ""), t) for _, alias in spec.columns)
        ):
            break
        out.insert(0, ln)
    return out


Layout = tuple[list[int], int | None, int | None, list[tuple[int, str]]]


def _grid_layout(spec, g: CellGrid) -> Layout:
    """(类 | 款 | 项 columns or [], the code column, the name column, value columns as (position, canonical)),
    read from a PDF grid's header (and, where it says nothing, from what the columns hold)."""
    parts, body = g.parts, g.body
    ncols = len(parts)
    labels = ["".join(p) for p in parts]
    bottoms = [p[-1] if p else "" for p in parts]
    lkx: list[int] = []  # 类 | 款 | 项 columns
    for c in range(ncols):
        if bottoms[c] in ("类", "款", "项") and len(lkx) < 3:
            lkx.append(c)
    code_col: int | None = None
    if len(lkx) == 2 and [bottoms[c] for c in lkx] == ["类", "款"] and lkx[1] == lkx[0] + 1:
        pass  # 经济分类 printed 类 | 款 ("301 | 01", 上海 预算)
    elif len(lkx) != 3:
        lkx = []
        code_col = next((c for c in range(ncols) if re.search(r"编码|代码|编号", labels[c])), None)
        if code_col is None:
            code_col = next(
                (c for c in range(min(3, ncols)) if any(CODE_CELL_RE.match(r.cells[c]) for r in body if c < len(r.cells))),
                None,
            )
        if code_col is None and ncols and not parts[0] and not lkx:
            code_col = 0
    # 类 | 款 | 项 without a header (a continuation-only table): 3 digits, 2 digits, 2 digits side by side
    if code_col is not None and not lkx and code_col + 2 < ncols:
        c0, c1, c2 = code_col, code_col + 1, code_col + 2
        if any(
            re.fullmatch(r"\d{3}", r.cells[c0]) and re.fullmatch(r"\d{2}", r.cells[c1]) for r in body
        ) and not any(CODE_CELL_RE.match(r.cells[c0]) and len(r.cells[c0]) > 3 for r in body):
            lkx = [c0, c1, c2]
            code_col = None
    code_cols = lkx or ([code_col] if code_col is not None else [])
    after = (max(code_cols) + 1) if code_cols else 0
    name_col = next((c for c in range(after, ncols) if re.search(r"名称|项目$|^项目|科目", labels[c])), None)
    if name_col is None and after < ncols and not _map(parts[after], spec.columns):
        name_col = after
    value_cols = [c for c in range(ncols) if c not in code_cols and c != name_col]
    vcols = _value_columns(parts, value_cols, spec.columns)
    return lkx, code_col, name_col, vcols


def parse(spec, table: Table, g: CellGrid) -> None:
    if g.by_column:
        lkx, code_col, name_col, vcols = _grid_layout(spec, g)
        body = g.body
    else:
        cols = _text_columns(spec, g)
        lkx, code_col, name_col = [], 0, 1
        vcols = [(FIGURES_AT + k, c) for k, c in enumerate(cols)]
        body = _text_rows(spec, g, len(cols))
    table.columns = [canon for _, canon in vcols]

    last_lei = last_kuan = ""
    prev: Row | None = None
    for r in body:
        cells = r.cells
        if lkx:
            lei, kuan, xiang = (*(cells[c] for c in lkx), "")[:3]
            ok = all(re.fullmatch(p, x) or not x for p, x in zip((r"\d{3}", r"\d{2}", r"\d{2}"), (lei, kuan, xiang)))
            if not ok:
                lei = kuan = xiang = ""
            if xiang and not kuan:
                kuan = last_kuan
            if (kuan or xiang) and not lei:
                lei = last_lei
            code = lei + kuan + xiang if lei else ""
            if lei:
                last_lei = lei
                last_kuan = kuan if kuan else ("" if not xiang else last_kuan)
            first_text = next((cells[c] for c in lkx if cells[c]), "")
        else:
            code = cells[code_col] if code_col is not None else ""
            first_text = code
            if code and not CODE_CELL_RE.match(code):
                m = CODE_NAME_RE.match(code)
                code = m.group(1) if m else ""
        name = cells[name_col] if name_col is not None else ""
        if code_col is not None and not name:
            m = CODE_NAME_RE.match(cells[code_col])
            if m:
                name = m.group(2)
        if not code and not name and first_text and not PLACEHOLDER_RE.match(first_text):
            name = first_text  # "合计" printed across the code and name columns
        if PLACEHOLDER_RE.match(name) and not code:
            name = ""
        # blank cells vanished (text): the first figure is placed, the row partial with its figures for ``place``
        values = {canon: _amount(cells[c]) if not r.vanished or c == vcols[0][0] else None for c, canon in vcols}
        has_num = any(v is not None for v in values.values())
        if not code and not name:
            continue  # blank or placeholder ("…") rows
        if not code and not has_num and prev is not None and not TOTAL_RE.match(name):
            prev.name += name  # a name pdfplumber split over two grid rows
            prev.text += " " + r.text
            continue
        row = Row(code=code, name=name, values=values, line=r.line, page=r.page, partial=r.vanished, text=r.text)
        if r.vanished:
            row.extra["figures"] = cells[FIGURES_AT:]
        table.rows.append(row)
        prev = row
