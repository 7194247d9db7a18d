"""The projects shape (项目绩效自评表): one row per project.

One parser reads the cell grid of either path (``cells``) by its layout: the code column, the name column and
the value columns. A PDF grid gives them by its header. Text gives one line per cell of a project, so the text
path first gathers each project into a row of cells (:func:`_project_rows`): its code (a line of 6+ digits),
its name (from the wrapped pieces, :func:`_project_name`), the 是否有偏差项目 flag and its figures in printed
order; the header says which columns exist (the template's order). A text row with fewer figures than value
columns (blank cells vanished) is ``partial``; its figures are read left to right.
"""

from __future__ import annotations

from decimal import Decimal

import regex as re

from ..numbers import is_amount
from ..patterns import compiled, load
from ..text import squash as _squash
from .cells import CellGrid, CellRow
from .common import PERCENT_RE, _columns_from_header
from .grid import _amount, _is_amount, _map, _value_columns
from .model import Row, Table

FLAG = "是否有偏差项目"
FIGURES_AT = 3  # a text project row: code | name | flag | figures…


_CODE_LINE_RE = re.compile(r"\d{6,}")


def _project_rows(g: CellGrid) -> list[CellRow]:
    """Text lines → one row per project: [code, name, flag, figures…] (the flag "" when not printed)."""
    types = load("tables")["table"]
    ptypes = next(t for t in types if t["id"] == "project_eval")["project_types"]
    dept = _squash(g.dept or "")
    out: list[CellRow] = []
    current: list = []  # the project's lines so far: its code line, then the pieces of its name
    for r in g.body:
        ln = r.source
        assert ln is not None
        if _CODE_LINE_RE.fullmatch(_squash(ln.text)):
            current = [ln]
            continue
        if not current:
            continue
        toks = r.cells
        if toks and all(is_amount(x) or PERCENT_RE.match(x) or x in ("是", "否") for x in toks) and len(toks) >= 4:
            name = _project_name([c.text for c in current[1:]], dept, ptypes)
            flag = toks[-1] if toks[-1] in ("是", "否") else ""
            nums = toks[:-1] if flag else toks
            cells = [current[0].text.strip(), name, flag, *nums]
            out.append(CellRow(cells, list(cells), current[0].line, current[0].page, text=ln.text, vanished=True, source=ln))
            current = []
        else:
            current.append(ln)
    return out


def _project_name(pieces: list[str], dept: str, ptypes: list[str]) -> str:
    """The project's name from the wrapped cell pieces of a self-evaluation row.

    Pieces are: unit name…, the 主管部门 code (3 digits), the 主管部门 name…, the project name…, then the
    project type and the 归口处室, printed one character a line. The 主管部门 name is recognised as a
    prefix of the department's name; the type from ``project_types``.
    """
    pieces = [p.replace(" ", "") for p in pieces]
    i = 0
    while i < len(pieces) and not compiled(r"\d{3,4}").fullmatch(pieces[i]):
        i += 1
    i += 1
    acc = ""
    while i < len(pieces) and dept and dept.startswith(acc + pieces[i]):
        acc += pieces[i]
        i += 1
    rest = pieces[i:]
    multi: list[str] = []
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


Layout = tuple[int | None, int | None, list[tuple[int, str]], list[str]]


def _layout(spec, g: CellGrid, body: list[CellRow]) -> Layout:
    """(code column, name column, value columns as (position, canonical name), the table's columns)."""
    if not g.by_column:  # the header says which columns exist, in the template's order
        cols = _columns_from_header(g.header, spec.columns) or [c for c, _ in spec.columns]
        values = [c for c in cols if c != FLAG]
        return 0, 1, [(2, FLAG)] + [(FIGURES_AT + k, c) for k, c in enumerate(values)], cols
    ncols = g.ncols
    parts = g.parts
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
    return code_col, name_col, vcols, [canon for _, canon in vcols]


def parse(spec, table: Table, g: CellGrid) -> None:
    body = g.body if g.by_column else _project_rows(g)
    code_col, name_col, vcols, table.columns = _layout(spec, g, body)
    nvalues = sum(1 for _, canon in vcols if canon != FLAG)
    for r in body:
        name = r.cells[name_col] if name_col is not None else ""
        if not name:
            continue
        values: dict[str, Decimal | None] = {c: None for c in table.columns}
        flag = None
        for c, canon in vcols:
            cell = r.cells[c] if c < len(r.cells) else ""
            if canon == FLAG:
                flag = cell if cell in ("是", "否") else None
                continue
            values[canon] = _amount(cell)
        partial = r.vanished and len(r.cells) - FIGURES_AT != nvalues
        row = Row(
            code=r.cells[code_col] if code_col is not None else "",
            name=name,
            values=values,
            line=r.line,
            page=r.page,
            partial=partial,
            text=r.text,
        )
        if flag:
            row.group = flag
        table.rows.append(row)
