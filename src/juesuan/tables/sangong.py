"""The sangong shape (三公经费): one row of 预算数/决算数 per item.

One parser reads the cell grid of either path (``cells``). Its value columns: on a PDF grid each column's
header cells name its kind (预算数/决算数) and item; where they cannot be read per column, and on text (whose
header is flattened), the printed order, decided by how 预算数 repeats (per item, or all 预算数 then all 决算数).
A text row's cells are its figures in printed order: all twelve printed → read by position; fewer (blank
cells vanished) → the row is ``partial`` with its figures and their order kept for ``place``.
"""

from __future__ import annotations

from decimal import Decimal

from ..numbers import is_amount
from .cells import CellGrid
from .common import _map_grid_column
from .grid import _amount, _is_amount
from .model import Row, Table

KINDS = ("预算数", "决算数")


def _printed_order(header: str, item_names: list[str], kinds: list[str | None] | None = None) -> list[str]:
    """The columns in printed order: per item 预算数 | 决算数 when 预算数 repeats, else the two blocks. ``kinds``: the
    kind each value column's header cells name (a PDF grid), which decides when every column names one — a grid's
    header text repeats 预算数 over every column of its block ("预算数合计预算数因公出国…") and proves nothing."""
    per_item = kinds[0] != kinds[1] if kinds and len(kinds) > 1 and all(kinds) else header.count("预算数") > 1
    if per_item:
        return [f"{k}|{it}" for it in item_names for k in KINDS]
    return [f"{k}|{it}" for k in KINDS for it in item_names]


def _value_columns(spec, g: CellGrid) -> list[tuple[int, str]]:
    """(cell position, column) of every value column."""
    items = spec.raw["items"]
    order = _printed_order(g.header, [c for c, _ in items])
    if not g.by_column:
        return list(enumerate(order))  # a text row's figures, when every one is printed
    parts = g.parts
    mapping: list[tuple[int, str]] = []
    for c, ps in enumerate(parts):
        kind = next((k for p in reversed(ps) for k in KINDS if k in p), None)
        item = None
        for p in reversed(ps):
            if p in KINDS:
                continue
            item = _map_grid_column(p.replace("预算数", "").replace("决算数", ""), items)
            if item:
                break
        if kind and item:
            mapping.append((c, f"{kind}|{item}"))
    value_cols = [c for c in range(len(parts)) if any(_is_amount(r.cells[c]) for r in g.body)]
    if len({m for _, m in mapping}) != len(mapping) or (len(mapping) < 12 and len(value_cols) == 12):
        # the header could not be read per column: the printed order
        cols = value_cols if len(value_cols) == 12 else list(range(len(parts)))[-12:]
        kinds = [next((k for p in reversed(parts[c]) for k in KINDS if k in p), None) for c in cols]
        mapping = list(zip(cols, _printed_order(g.header, [c for c, _ in items], kinds)))
    return mapping


def parse(spec, table: Table, g: CellGrid) -> None:
    table.columns = [f"{k}|{it}" for k in KINDS for it, _ in spec.raw["items"]]
    mapping = _value_columns(spec, g)
    for r in g.body:
        figures = [c for c in r.cells if c]
        if not all(is_amount(c) for c in figures) or (r.vanished and not figures):
            continue  # a label, or a text line that printed nothing (a PDF's row of blanks is the empty data row)
        if figures and figures == [str(i) for i in range(1, len(figures) + 1)]:
            continue  # the column-index line "1 2 3 … 12"
        values: dict[str, Decimal | None] = {c: None for c in table.columns}
        partial = r.vanished and len(figures) != len(mapping)
        if not partial:
            for c, name in mapping:
                values[name] = _amount(r.cells[c])
        extra = {"figures": figures, "order": [name for _, name in mapping]} if partial else {}
        table.rows.append(Row(code="", name="三公经费", values=values, line=r.line, page=r.page, partial=partial, text=r.text, extra=extra))
