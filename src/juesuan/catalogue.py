"""The catalogue of the standard tables (``patterns/tables.toml``): specs, titles, canonical columns, totals.

A base-layer module: ingest (a grid caption is a table title), document (a title opens a table region),
tables (a spec gives the shape and the columns), claims and checks (a table's total column) all ask here,
by the table's canonical key (``income``, ``expense``, ``gpb_expense`` …).
"""

from __future__ import annotations

from dataclasses import dataclass

import regex as re

from .numbers import normalize
from .patterns import load
from .text import squash as _squash

NUMBER_LINE_RE = re.compile(r"(公开\s*\d+\s*表|附表\s*\d+|表\s*[一二三四五六七八九十]+|表\s*\d+)")


@dataclass
class TableSpec:
    id: str
    name: str
    title_re: re.Pattern
    shape: str
    raw: dict

    @property
    def columns(self) -> list[list[str]]:
        return self.raw.get("columns", [])


_SPECS: list[TableSpec] | None = None


def specs() -> list[TableSpec]:
    global _SPECS
    if _SPECS is None:
        _SPECS = [
            TableSpec(t["id"], t["name"], re.compile(t["title"]), t["shape"], t) for t in load("tables")["table"]
        ]
    return _SPECS


_PREFIX_RE = re.compile(
    r"^(?:(?:公开\d+表|附表\d+|表[一二三四五六七八九十\d]+)[:：、.]?|[一二三四五六七八九十]+、|\d+[.、])?"
)


_CONTINUED_RE = re.compile(r"[（(]续表?[）)]$")
_OWNER_END_RE = re.compile(r"(?:年度?|部门|单位)$")


def match_title(line_text: str) -> TableSpec | None:
    """The spec whose title this line is ("公开05表 一般公共预算财政拨款支出决算表", "七、…三公…表").

    The title must end the line (a trailing "（续表）" aside) and may only be preceded by a numbering
    ("公开01表", "表七", "一、") and a department/year prefix ("…局2023年度").
    """
    t = _squash(normalize(line_text))
    if not t or len(t) > 60:
        return None
    t = NUMBER_LINE_RE.sub("", t)
    t = _CONTINUED_RE.sub("", t)
    t = _PREFIX_RE.sub("", t)
    for spec in specs():
        m = spec.title_re.search(t)
        if m and m.end() == len(t) and (m.start() == 0 or _OWNER_END_RE.search(t[: m.start()])):
            return spec
    return None


def kind_name(kind: str) -> str:
    """A table kind's name as documents print it (``fund`` → 政府性基金预算财政拨款收入支出决算表), from
    patterns/tables.toml; the kind itself when unknown."""
    return next((t.get("name") or kind for t in load("tables").get("table", []) if t.get("id") == kind), kind)


def total_column(kind: str) -> str | None:
    """The column that sums a table's other value columns (``expense`` → 本年支出合计), None if it has none."""
    return next((t.get("total") for t in load("tables")["table"] if t["id"] == kind), None)


def row_identities() -> dict[str, tuple[str, list[str]]]:
    """Per coded table, its total column and the columns that add up to it in every row (``parts``)."""
    return {t["id"]: (t["total"], list(t["parts"])) for t in load("tables")["table"] if "parts" in t}


def _sangong() -> dict:
    return next(t for t in load("tables")["table"] if t["id"] == "sangong")


def sangong_items() -> list[str]:
    """The 三公 table's items (合计, 因公出国（境）费, …) in the catalogue's order."""
    return [name for name, _ in _sangong()["items"]]


def sangong_item_parts() -> list[tuple[str, list[str]]]:
    """The 三公 items that add up: (the whole, its parts), e.g. (合计, [因公出国（境）费, 公务用车…, 公务接待费])."""
    return [(whole, list(parts)) for whole, parts in _sangong()["item_parts"]]


def sangong_said() -> list[tuple[str, str]]:
    """(word, item): how the narrative names a 三公 item, first match wins."""
    return [(word, item) for word, item in _sangong()["said"]]


def sangong_counted() -> list[tuple[str, str]]:
    """(regex, item): the 三公 item a count (团组, 车辆) is of, first match wins."""
    return [(rx, item) for rx, item in _sangong()["counted"]]


def fund_types() -> list[str]:
    """The three 财政拨款 fund columns of the 财政拨款收入支出决算总表 (一般公共预算财政拨款, 政府性基金预算财政拨款,
    国有资本经营预算财政拨款): its 支出 columns other than the total, in the catalogue's order."""
    t = next(t for t in load("tables")["table"] if t["id"] == "fiscal_total")
    return [name for name, _ in t["right_columns"] if name != t["total"]]


def carry_over(kind: str) -> dict[str, str] | None:
    """The carry-over columns of a table (``fund`` → begin 年初结转和结余, income 本年收入, end 年末结转和结余),
    None if it has none."""
    return next((t.get("carry_over") for t in load("tables")["table"] if t["id"] == kind), None)


def column_of(kind: str, role: str) -> str:
    """The column of a table that plays ``role`` (``project_eval``, ``score`` → 自评得分), from its ``roles``."""
    return next(t["roles"][role] for t in load("tables")["table"] if t["id"] == kind)
