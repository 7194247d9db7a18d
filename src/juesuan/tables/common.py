"""Helpers shared by the table parsers of every shape, for text lines and PDF grids alike."""

from __future__ import annotations

from decimal import Decimal

import regex as re

from ..numbers import is_amount, parse_amount
from ..patterns import compiled, load
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


def _columns_from_header(header: str, options: list[list[str]]) -> list[str]:
    """Canonical columns whose label occurs in the (squashed) header text, in the spec's order.

    Extracted text flattens multi-row headers (本年支出 over 小计 | 基本支出 | 项目支出 prints after
    年末结转), so the printed position is unreliable; the national templates fix the order, and the
    header only says which of the columns are present.
    """
    return [canon for canon, alias in options if compiled(alias.replace("^", "").replace("$", "")).search(header)]


def _tokens(text: str) -> list[str]:
    return text.split()


def _split_trailing_numbers(tokens: list[str]) -> tuple[list[str], list[str]]:
    i = len(tokens)
    while i > 0 and (is_amount(tokens[i - 1]) or PERCENT_RE.match(tokens[i - 1])):
        i -= 1
    return tokens[:i], tokens[i:]


def _leading_code(tokens: list[str]) -> tuple[str, list[str]]:
    """A 科目编码 at the start: "2010301", or 类 | 款 | 项 printed apart ("201 03 01")."""
    if not tokens:
        return "", tokens
    t0 = tokens[0]
    if CODE_RE.match(t0):
        code, rest = t0, tokens[1:]
        if len(t0) == 3 and rest and compiled(r"\d{2}").fullmatch(rest[0]):
            code += rest[0]
            rest = rest[1:]
            if rest and compiled(r"\d{2}").fullmatch(rest[0]):
                code += rest[0]
                rest = rest[1:]
        return code, rest
    return "", tokens


# Words of header cells, units and continuation marks: a line holding one is no piece of a wrapped name
# ("科目编码" repeated on a continuation page). Names do contain "单位" (行政单位离退休), never "单位：".
_HEADER_WORDS = r"科目|编码|代码|名称|^项\s*目$|功能分类|经济分类|决算数|预算数|栏次|行次|单位[:：]|合计|小计|总计|续表?|^[类款项]$"


def _is_piece(text: str, columns: list[list[str]]) -> bool:
    """A line that may be a piece of a wrapped name: no digits, no header word, no column label."""
    t = _squash(text)
    return bool(t) and not re.search(r"\d", t) and not re.search(_HEADER_WORDS, t) and not any(
        re.fullmatch(alias.replace("^", "").replace("$", ""), t) for _, alias in columns
    )


def _strip_lkx(tokens: list[str]) -> list[str]:
    """"类 款 项 合计 4,733.14 …": the 类 | 款 | 项 header cells printed on the 合计 row's line."""
    i = 0
    while i < len(tokens) and tokens[i] in ("类", "款", "项"):
        i += 1
    if i and i < len(tokens) and tokens[i].startswith(("合计", "总计")):
        return tokens[i:]
    return tokens


def _dec(tok: str) -> Decimal | None:
    if PERCENT_RE.match(tok):
        return None if tok == "-%" else Decimal(tok[:-1])
    return parse_amount(tok)


def gaps_of(events: list[tuple[str, object]]) -> list[list]:
    """The pieces between rows: ``events`` in printed order, ("row", x) or ("piece", x) → the gap before
    the first row, the gaps between rows, the gap after the last (one more gap than rows)."""
    gaps: list[list] = [[]]
    for kind, x in events:
        if kind == "row":
            gaps.append([])
        else:
            gaps[-1].append(x)
    return gaps
