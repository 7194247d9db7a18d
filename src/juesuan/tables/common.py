"""Helpers shared by the table parsers of every shape, for text lines and PDF grids alike."""

from __future__ import annotations

import regex as re

from ..patterns import load
from ..text import squash as _squash

CODE_RE = re.compile(r"^(?:\d{3}|\d{5}|\d{7})$")
ECON_CODE_RE = re.compile(r"^3\d{2}(?:\d{2})?$")
PERCENT_RE = re.compile(r"^-?\d+(?:\.\d+)?%$|^-%$")


def _map_grid_column(label: str, options: list[list[str]]) -> str | None:
    lab = _squash(label)
    for canon, alias in options:
        if re.search(alias, lab):
            return canon
    return None


def econ_group(code: str, name: str) -> str | None:
    """人员经费 or 公用经费 for an 经济分类 row: by code (``patterns/econ.toml``), or by a summary row's name."""
    if code:
        return "人员经费" if code.startswith(tuple(load("econ")["personnel_prefixes"])) else "公用经费"
    return "人员经费" if "人员" in name else "公用经费" if "公用" in name else None
