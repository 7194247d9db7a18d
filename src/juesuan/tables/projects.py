"""The projects shape (项目绩效自评表): one row per project, from text lines or a PDF grid."""

from __future__ import annotations

from decimal import Decimal

import regex as re

from ..ingest.model import Line
from ..numbers import is_amount
from ..patterns import load
from ..text import squash as _squash
from .cells import CellGrid
from .common import PERCENT_RE, _columns_from_header, _dec, _tokens
from .grid import _amount, _is_amount, _map, _text, _value_columns
from .model import Row, Table


def from_lines(spec, table: Table, g: CellGrid) -> None:
    header, body = g.header, [r.source for r in g.body]
    cols = _columns_from_header(header, spec.columns) or [c for c, _ in spec.columns]
    table.columns = cols
    types = load("tables")["table"]
    ptypes = next(t for t in types if t["id"] == "project_eval")["project_types"]
    dept = _squash(g.dept or "")
    current: list[Line] = []
    for ln in body:
        t = _squash(ln.text)
        if re.fullmatch(r"\d{6,}", t):
            current = [ln]
            continue
        if not current:
            continue
        toks = _tokens(ln.text)
        if toks and all(is_amount(x) or PERCENT_RE.match(x) or x in ("是", "否") for x in toks) and len(toks) >= 4:
            name = _project_name([c.text for c in current[1:]], dept, ptypes)
            vals: dict[str, Decimal | None] = {c: None for c in cols}
            flag = toks[-1] if toks[-1] in ("是", "否") else None
            nums = toks[:-1] if flag else toks
            partial = len(nums) != len([c for c in cols if c != "是否有偏差项目"])
            for c, tok in zip([c for c in cols if c != "是否有偏差项目"], nums):
                vals[c] = _dec(tok)
            row = Row(code=current[0].text.strip(), name=name, values=vals, line=current[0].line, page=current[0].page, partial=partial, text=ln.text)
            if flag:
                row.group = flag
            table.rows.append(row)
            current = []
        else:
            current.append(ln)


def _project_name(pieces: list[str], dept: str, ptypes: list[str]) -> str:
    """The project's name from the wrapped cell pieces of a self-evaluation row.

    Pieces are: unit name…, the 主管部门 code (3 digits), the 主管部门 name…, the project name…, then the
    project type and the 归口处室, printed one character a line. The 主管部门 name is recognised as a
    prefix of the department's name; the type from ``project_types``.
    """
    pieces = [p.replace(" ", "") for p in pieces]
    i = 0
    while i < len(pieces) and not re.fullmatch(r"\d{3,4}", pieces[i]):
        i += 1
    i += 1
    acc = ""
    while i < len(pieces) and dept and dept.startswith(acc + pieces[i]):
        acc += pieces[i]
        i += 1
    rest = pieces[i:]
    multi = []
    j = 0
    while j < len(rest) and (len(rest[j]) > 1 or not multi):
        multi.append(rest[j])
        j += 1
    tail = "".join(rest[j:])
    name = "".join(multi)
    for pt in ptypes:
        k = tail.find(pt)
        if k > 0:
            name += tail[:k]
            break
    return name


def from_grid(spec, table: Table, g: CellGrid) -> None:
    parts, body = g.parts, g.body
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


def parse(spec, table: Table, g: CellGrid) -> None:
    (from_grid if g.by_column else from_lines)(spec, table, g)
