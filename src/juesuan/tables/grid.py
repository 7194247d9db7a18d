"""Ruled table grids (PDF) → :class:`~juesuan.tables.model.Row` s.

A region's grids are one table: a table that runs over a page break continues in the next page's grid,
and a continuation that repeats the header rows has them dropped. Header rows are the rows before the
first body row; each column's label is read down the header (a None cell — a merged cell spanning from
the left — takes the text of that cell), and mapped to a canonical column by the spec's aliases, the
lowest header cell first ("本年支出" over "合计" → 本年支出合计 via "合计"), then the whole label.

Cells are exact: blank is None, "1,511.90" is Decimal("1511.90"). Each row remembers its page and line.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import regex as re

from ..ingest.model import Grid
from ..numbers import is_amount, parse_amount
from ..patterns import load
from ..text import squash as _squash
from .common import ECON_CODE_RE, PERCENT_RE, _map_grid_column, econ_group
from .model import Row, Table

CODE_CELL_RE = re.compile(r"^(?:\d{3}|\d{5}|\d{7})$")
CODE_NAME_RE = re.compile(r"^(\d{3}(?:\d{2}){0,2})\s*(\D.*)$")
NUMBERING_RE = re.compile(r"^[一二三四五六七八九十]+、")
TOTAL_RE = re.compile(r"^(?:合计|总计)")
PLACEHOLDER_RE = re.compile(r"^[…。.·\s]*$")
TWO_SIDED_HEAD = re.compile(r"^(?:收入|支出|项目|行次|栏次|决算数|金额|预算数)")


@dataclass
class _R:
    cells: list[str]  # None resolved: "" for merged slots in body rows
    raw: list[str | None]
    line: int
    page: int


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


def _rows_of(grid: Grid) -> list[_R]:
    out = []
    for k, raw in enumerate(grid.rows):
        line = grid.row_lines[k] if k < len(grid.row_lines) else grid.line + k
        page = grid.row_pages[k] if k < len(grid.row_pages) else grid.page
        out.append(_R([_cell(x) for x in raw], list(raw), line, page))
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


def _header_parts(header: list[_R], ncols: int) -> list[list[str]]:
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


def build_from_grids(builder, table: Table, grids: list[Grid]) -> None:
    spec = builder.spec
    shape = spec.shape
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
    builder.header = ["".join(p) for p in _header_parts(header, ncols)]
    parts = _header_parts(header, ncols)
    if shape == "coded":
        _coded(spec, table, parts, body)
    elif shape == "two_sided":
        _two_sided(spec, table, parts, body)
    elif shape == "econ":
        _econ(table, parts, body)
    elif shape == "sangong":
        _sangong(spec, table, parts, body)
    elif shape == "projects":
        _projects(spec, table, parts, body)


def _text(r: _R) -> str:
    return " ".join(x.strip() for x in r.raw if x and x.strip())


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


# ------------------------------------------------------------------------------------------------
# coded


def _coded(spec, table: Table, parts: list[list[str]], body: list[_R]) -> None:
    ncols = len(parts)
    labels = ["".join(p) for p in parts]
    bottoms = [p[-1] if p else "" for p in parts]
    lkx: list[int] = []  # 类 | 款 | 项 columns
    for c in range(ncols):
        if bottoms[c] in ("类", "款", "项") and len(lkx) < 3:
            lkx.append(c)
    code_col: int | None = None
    if len(lkx) != 3:
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
    table.columns = [canon for _, canon in vcols]

    last_lei = last_kuan = ""
    prev: Row | None = None
    for r in body:
        cells = r.cells
        if lkx:
            lei, kuan, xiang = (cells[c] for c in lkx)
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
        values = {canon: _amount(cells[c]) for c, canon in vcols}
        has_num = any(v is not None for v in values.values())
        if not code and not name:
            continue  # blank or placeholder ("…") rows
        if not code and not has_num and prev is not None and not TOTAL_RE.match(name):
            prev.name += name  # a name pdfplumber split over two grid rows
            prev.text += " " + _text(r)
            continue
        row = Row(code=code, name=name, values=values, line=r.line, page=r.page, text=_text(r))
        table.rows.append(row)
        prev = row


# ------------------------------------------------------------------------------------------------
# two_sided


def _two_sided(spec, table: Table, parts: list[list[str]], body: list[_R]) -> None:
    ncols = len(parts)
    labels = ["".join(p) for p in parts]
    bottoms = [p[-1] if p else "" for p in parts]
    label_cols = [c for c in range(ncols) if bottoms[c] in ("项目", "项 目") or labels[c].endswith("项目")]
    if len(label_cols) < 2:
        text_counts = [
            sum(1 for r in body if r.cells[c] and not _is_amount(r.cells[c])) for c in range(ncols)
        ]
        label_cols = [c for c in range(ncols) if text_counts[c] > len(body) / 4]
    if not label_cols:
        return
    left_opts = spec.raw["left_columns"]
    right_opts = spec.raw["right_columns"]
    sides: list[tuple[str, int, list[tuple[int, str]]]] = []
    for k, lc in enumerate(label_cols[:2]):
        end = label_cols[k + 1] if k + 1 < len(label_cols) else ncols
        cols = [c for c in range(lc + 1, end) if "行次" not in labels[c]]
        opts = left_opts if k == 0 else right_opts
        vcols = _value_columns(parts, cols, opts)
        if not vcols and cols:
            vcols = list(zip(cols, [canon for canon, _ in opts]))
        sides.append(("收入" if k == 0 else "支出", lc, vcols))
    order = [canon for canon, _ in left_opts] + [canon for canon, _ in right_opts]
    present = {canon for _, _, v in sides for _, canon in v}
    table.columns = sorted(present, key=order.index)
    for r in body:
        for side, lc, vcols in sides:
            label = r.cells[lc]
            values: dict[str, Decimal | None] = {c: None for c in table.columns}
            for c, canon in vcols:
                values[canon] = _amount(r.cells[c])
            if not label and not any(v is not None for v in values.values()):
                continue
            table.rows.append(Row(code="", name=label, values=values, line=r.line, page=r.page, side=side, text=_text(r)))


# ------------------------------------------------------------------------------------------------
# econ


def _econ(table: Table, parts: list[list[str]], body: list[_R]) -> None:
    """经济分类 groups side by side. A group's code is one cell ("30101"), 类 | 款 in two cells ("301" |
    "01", the 类 cell possibly merged down), or a "301" group cell with the 款 number glued to the name
    ("01基本工资")."""
    ncols = len(parts)
    labels = ["".join(p) for p in parts]
    bottoms = [p[-1] if p else "" for p in parts]
    starts = [c for c in range(ncols) if re.search(r"编码|代码", labels[c])]
    if not starts:
        starts = [c for c in range(ncols) if sum(1 for r in body if ECON_CODE_RE.match(r.cells[c])) >= 2]
    if not starts:
        return
    kuan_of: dict[int, int] = {}  # 类 column → its 款 column
    for s in starts:
        k = s + 1
        if k < ncols and (bottoms[k] == "款" or (bottoms[s] == "类" and k in starts) or (
            sum(1 for r in body if re.fullmatch(r"\d{2}", r.cells[k])) >= 2
            and not any(r.cells[k] and not re.fullmatch(r"\d{2}", r.cells[k]) for r in body)
        )):
            kuan_of[s] = k
    starts = [s for s in starts if s not in kuan_of.values()]
    groups = []
    for k, s in enumerate(starts):
        end = starts[k + 1] if k + 1 < len(starts) else ncols
        first = kuan_of.get(s, s) + 1
        cols = list(range(first, end))
        vcol = next((c for c in cols if re.search(r"决算数|金额|合计", labels[c])), None)
        if vcol is None:
            vcol = cols[-1] if cols else None
        ncol = next((c for c in cols if c != vcol), None)
        groups.append((s, kuan_of.get(s), ncol, vcol))
    table.columns = ["决算数"]
    last_class: dict[int, str] = {}
    for r in body:
        for k, (s, kc, ncol, vcol) in enumerate(groups):
            code = r.cells[s]
            name = r.cells[ncol] if ncol is not None else ""
            value = _amount(r.cells[vcol]) if vcol is not None else None
            if code and not ECON_CODE_RE.match(code):
                name, code = code + name, ""  # "人员经费合计" printed across code and name
            kuan = r.cells[kc] if kc is not None else ""
            if kuan and re.fullmatch(r"\d{2}", kuan) and (len(code) == 3 or (not code and k in last_class)):
                code = (code or last_class[k]) + kuan  # 类 | 款 apart, the 类 cell merged down or repeated
            m = re.match(r"^(\d{2})(\D.*)$", name)
            if m and (len(code) == 3 or (not code and k in last_class)):
                code, name = (code or last_class[k]) + m.group(1), m.group(2)  # "01基本工资" under "301"
            if len(code) == 3:
                last_class[k] = code
            if not code and not name:
                continue
            if not code and value is None:
                # a summary label merged across the next groups: its value is in the last one it covers
                for s2, _k2, n2, v2 in groups[k + 1 :]:
                    if r.raw[s2] is not None or (n2 is not None and r.raw[n2] is not None):
                        break
                    if v2 is not None and _amount(r.cells[v2]) is not None:
                        value = _amount(r.cells[v2])
                        break
            table.rows.append(
                Row(code=code, name=name, values={"决算数": value}, line=r.line, page=r.page, group=econ_group(code, name), text=_text(r))
            )


# ------------------------------------------------------------------------------------------------
# sangong


def _sangong(spec, table: Table, parts: list[list[str]], body: list[_R]) -> None:
    items = spec.raw["items"]
    item_names = [c for c, _ in items]
    table.columns = [f"{k}|{it}" for k in ("预算数", "决算数") for it in item_names]
    mapping: list[tuple[int, str]] = []
    for c, ps in enumerate(parts):
        kind = next((k for p in reversed(ps) for k in ("预算数", "决算数") if k in p), None)
        item = None
        for p in reversed(ps):
            if p in ("预算数", "决算数"):
                continue
            item = _map_grid_column(p.replace("预算数", "").replace("决算数", ""), items)
            if item:
                break
        if kind and item:
            mapping.append((c, f"{kind}|{item}"))
    value_cols = [c for c in range(len(parts)) if any(_is_amount(r.cells[c]) for r in body)]
    if len({m for _, m in mapping}) != len(mapping) or (len(mapping) < 12 and len(value_cols) == 12):
        # the header could not be read per column: the printed order, decided by how 预算数 repeats
        header = "".join("".join(p) for p in parts)
        interleaved = header.count("预算数") > 1
        order = (
            [(it, k) for it in item_names for k in ("预算数", "决算数")]
            if interleaved
            else [(it, k) for k in ("预算数", "决算数") for it in item_names]
        )
        cols = value_cols if len(value_cols) == 12 else list(range(len(parts)))[-12:]
        mapping = [(c, f"{k}|{it}") for c, (it, k) in zip(cols, order)]
    for r in body:
        if not all(_is_amount(c) for c in r.cells if c):
            continue
        values: dict[str, Decimal | None] = {c: None for c in table.columns}
        for c, name in mapping:
            values[name] = _amount(r.cells[c])
        table.rows.append(Row(code="", name="三公经费", values=values, line=r.line, page=r.page, text=_text(r)))


# ------------------------------------------------------------------------------------------------
# projects


def _projects(spec, table: Table, parts: list[list[str]], body: list[_R]) -> None:
    ncols = len(parts)
    labels = ["".join(p) for p in parts]
    name_col = next((c for c in range(ncols) if re.search(r"项目名称", labels[c])), None)
    code_col = next((c for c in range(ncols) if re.search(r"编码|代码|编号", labels[c])), None)
    if name_col is None:
        name_col = next(
            (c for c in range(ncols) if c != code_col and any(r.cells[c] and not _is_amount(r.cells[c]) for r in body)),
            None,
        )
    value_cols = [c for c in range(ncols) if c not in (name_col, code_col) and _map(parts[c], spec.columns)]
    vcols = _value_columns(parts, value_cols, spec.columns)
    table.columns = [canon for _, canon in vcols]
    for r in body:
        name = r.cells[name_col] if name_col is not None else ""
        if not name:
            continue
        values: dict[str, Decimal | None] = {c: None for c in table.columns}
        flag = None
        for c, canon in vcols:
            if canon == "是否有偏差项目":
                flag = r.cells[c] if r.cells[c] in ("是", "否") else None
                continue
            values[canon] = _amount(r.cells[c])
        row = Row(
            code=r.cells[code_col] if code_col is not None else "",
            name=name,
            values=values,
            line=r.line,
            page=r.page,
            text=_text(r),
        )
        if flag:
            row.group = flag
        table.rows.append(row)
