"""The sangong shape (三公经费): one row of 预算数/决算数 per item, from text lines or a PDF grid."""

from __future__ import annotations

from decimal import Decimal

from ..numbers import is_amount, parse_amount
from .cells import CellGrid
from .common import _map_grid_column, _tokens
from .grid import _amount, _is_amount, _text
from .model import Row, Table


def from_lines(spec, table: Table, g: CellGrid) -> None:
    header, body = g.header, [r.source for r in g.body]
    items = [c for c, _ in spec.raw["items"]]
    interleaved = header.count("预算数") > 1
    order = (
        [(it, k) for it in items for k in ("预算数", "决算数")]
        if interleaved
        else [(it, k) for k in ("预算数", "决算数") for it in items]
    )
    table.columns = [f"{k}|{it}" for k in ("预算数", "决算数") for it in items]
    for ln in body:
        toks = _tokens(ln.text)
        if not toks or not all(is_amount(t) for t in toks):
            continue
        if [t for t in toks] == [str(i) for i in range(1, len(toks) + 1)]:
            continue  # the column-index line "1 2 3 … 12"
        vals: dict[str, Decimal | None] = {c: None for c in table.columns}
        partial = len(toks) != len(order)
        if not partial:
            for (it, k), tok in zip(order, toks):
                vals[f"{k}|{it}"] = parse_amount(tok)
        extra = {"figures": toks, "order": [f"{k}|{it}" for it, k in order]} if partial else {}
        table.rows.append(Row(code="", name="三公经费", values=vals, line=ln.line, page=ln.page, partial=partial, text=ln.text, extra=extra))


def from_grid(spec, table: Table, g: CellGrid) -> None:
    parts, body = g.parts, g.body
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


def parse(spec, table: Table, g: CellGrid) -> None:
    (from_grid if g.by_column else from_lines)(spec, table, g)
