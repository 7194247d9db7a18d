"""Helpers that read tables, shared by the rules (imports no rule module)."""

from __future__ import annotations

from .base import Cell, norm_name

SANGONG_ITEMS = ("合计", "因公出国（境）费", "公务用车购置及运行维护费", "公务用车购置费", "公务用车运行维护费", "公务接待费")


def sangong_cells(t) -> dict[tuple[str, str], Cell]:
    """(预算数|决算数, item) → cell, from either layout (items as columns, or items as rows)."""
    out: dict[tuple[str, str], Cell] = {}
    if t is None:
        return out
    for r in t.rows:
        if r.partial:
            continue
        for col, v in r.values.items():
            if "|" in col:
                kind, item = col.split("|", 1)
                if v is not None:
                    out.setdefault((kind, item), Cell(t, r, col, v))
            else:
                item = next((i for i in SANGONG_ITEMS if norm_name(r.name).startswith(norm_name(i)[:4])), None)
                kind = "预算数" if "预算" in col else "决算数" if "决算" in col else None
                if item and kind and v is not None:
                    out.setdefault((kind, item), Cell(t, r, col, v))
    return out
