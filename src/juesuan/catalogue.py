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


DOC_KINDS = ("决算", "预算")  # a document is a 决算 (final accounts) or a 预算 (budget)


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

    @property
    def doc_kind(self) -> str:
        """The kind of document the table belongs to: "决算" or "预算" (patterns/tables.toml ``doc_kind``)."""
        return str(self.raw.get("doc_kind", "决算"))

    def variant(self, header: str) -> TableSpec:
        """The spec to parse a table of this title with, given its squashed header text: the first of
        ``variants`` ([shape, header regex, id?]) whose regex is found, else this spec. A variant with an id is
        that table's spec with the variant's shape; without one, this spec with the variant's shape."""
        for v in self.raw.get("variants", []):
            if re.search(v[1], header):
                base = spec_by_id(v[2], self.doc_kind) if len(v) > 2 else self
                return TableSpec(base.id, base.name, base.title_re, v[0], base.raw)
        return self


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


def spec_by_id(kind: str, doc_kind: str = "决算") -> TableSpec:
    """The spec of table ``kind`` in a document of ``doc_kind`` (the 决算 one when the kind has no such spec)."""
    same = [s for s in specs() if s.id == kind]
    return next((s for s in same if s.doc_kind == doc_kind), same[0])


_TITLE_TAIL_RE = re.compile(r"(?:部门|单位|编制单位|预算单位)(?:名称)?[:：].*$")
_YEAR_PREFIX_RE = re.compile(r"^20\d\d年度?[^，。；：:,;]*$")


_CONTINUED_RE = re.compile(r"[（(]续表?[）)]$")
_OWNER_END_RE = re.compile(r"(?:年度?|部门|单位)$")


def match_title(line_text: str) -> TableSpec | None:
    """The spec whose title this line is ("公开05表 一般公共预算财政拨款支出决算表", "七、…三公…表").

    The title must end the line (a trailing "（续表）" aside) and may only be preceded by a numbering
    ("公开01表", "表七", "一、") and a department/year prefix ("…局2023年度").
    """
    t = _squash(normalize(line_text))
    t = _TITLE_TAIL_RE.sub("", t)  # a title printed on one line with its "部门：… 单位：万元" (江苏)
    if not t or len(t) > 60:
        return None
    t = NUMBER_LINE_RE.sub("", t)
    t = _CONTINUED_RE.sub("", t)
    t = _PREFIX_RE.sub("", t).lstrip(":：、.")
    best: tuple[int, TableSpec] | None = None
    for spec in specs():
        if spec.raw.get("variant_only"):
            continue
        m = spec.title_re.search(t)
        if m and m.end() == len(t) and (m.start() == 0 or _OWNER_END_RE.search(t[: m.start()])
                                        or _YEAR_PREFIX_RE.match(t[: m.start()])):
            if m.start() == 0:
                return spec
            if best is None or m.start() < best[0]:
                best = (m.start(), spec)  # the longest title wins ("…财政拨款支出预算表", not "支出预算表")
    return best[1] if best else None


def kind_name(kind: str, doc_kind: str = "决算") -> str:
    """A table kind's name as documents print it (``fund`` → 政府性基金预算财政拨款收入支出决算表; in a 预算:
    政府性基金预算支出预算表), from patterns/tables.toml; the kind itself when unknown."""
    tables = [t for t in load("tables").get("table", []) if t.get("id") == kind]
    t = next((t for t in tables if t.get("doc_kind", "决算") == doc_kind), tables[0] if tables else None)
    return (t.get("name") or kind) if t else kind


def kind_word(doc_kind: str) -> str:
    """How a document of this kind names its figures: 决算数 / 预算数 (for messages that name the document's
    own figure)."""
    return "预算数" if doc_kind == "预算" else "决算数"


def total_column(kind: str) -> str | None:
    """The column that sums a table's other value columns (``expense`` → 本年支出合计), None if it has none."""
    return next((t.get("total") for t in load("tables")["table"] if t["id"] == kind), None)


def row_identities() -> dict[str, tuple[str, list[str]]]:
    """Per table kind, its total column and the columns that add up to it in every row (``parts``): the parts of
    every spec of the kind (决算 and 预算), in the catalogue's order (a table checks the parts it prints)."""
    out: dict[str, tuple[str, list[str]]] = {}
    for t in load("tables")["table"]:
        if "parts" not in t:
            continue
        total, parts = out.get(t["id"], (t["total"], []))
        out[t["id"]] = (total, parts + [p for p in t["parts"] if p not in parts])
    return out


def _sangong() -> dict:
    return next(t for t in load("tables")["table"] if t["id"] == "sangong")


def sangong_grand() -> tuple[str, list[str]] | None:
    """The 预算 三公 table's grand total column and the columns adding up to it (江苏 prints 会议费 and 培训费:
    "“三公”经费、会议费和培训费合计" = 三公 合计 + 会议费 + 培训费), or None."""
    spec = next((t for t in load("tables")["table"] if t["id"] == "sangong" and t.get("doc_kind") == "预算"), None)
    if not spec or not spec.get("grand") or not spec.get("grand_parts"):
        return None
    return str(spec["grand"]), [str(x) for x in spec["grand_parts"]]


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
