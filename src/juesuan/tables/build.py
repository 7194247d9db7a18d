"""Turn a table region (its title line, then text lines or ruled grids) into a :class:`Table`;
:func:`attach_tables` parses every region the document layer found into ``Document.tables``.

Two inputs reach here:
- text lines (from extracted text): a row is one line; blank cells have vanished, names may wrap onto
  the next lines ("22904 其他政府性基金及对应专项债务收入安" / "排的支出" / "100.00 100.00 0 …") or, in
  a vertically centred cell, around the code line ("机关事业单位基本养老保险缴费" / "2080505 699.30
  699.30" / "支出"; ``wrap`` decides which row a piece belongs to);
- grids (from a PDF's ruled tables): a row is a list of cells, blank cells are "" and merged ones None.
The table's spec (``patterns/tables.toml``) gives its shape and canonical columns; the printed header
decides which columns are present and in which order. Both inputs become one :class:`~.cells.CellGrid` (text:
a row of tokens per line, marked ``vanished``; grids: ``grid.read_grids``) and the shape's one parser,
``parse(spec, table, grid)``, reads it.
"""

from __future__ import annotations

from functools import cache

import regex as re

from ..catalogue import NUMBER_LINE_RE, TableSpec, match_title, specs
from ..document import Document
from ..errors import InputError
from ..i18n import Msg
from ..ingest.model import Grid, Line
from ..numbers import is_amount
from ..patterns import compiled, load
from ..text import squash as _squash
from . import budget, coded, econ, projects, sangong, two_sided
from .cells import CellGrid, text_row
from .common import (
    ECON_CODE_RE,
    _leading_code,
    _split_trailing_numbers,
    _strip_lkx,
    _tokens,
)
from .grid import read_grids
from .model import Table
from .place import place_tables

__all__ = ["NUMBER_LINE_RE", "TableSpec", "build_table", "match_title", "specs"]  # title recognition lives in juesuan.catalogue

# the parser of each table shape (``patterns/tables.toml`` ``shape``): ``parse(spec, table, CellGrid)``, the
# grid read from text lines (``_from_lines``) or from a PDF's ruled grids (``grid.read_grids``)
SHAPES = {"coded": coded, "two_sided": two_sided, "econ": econ, "sangong": sangong, "projects": projects}


@cache
def note_re() -> re.Pattern:
    return re.compile(load("tables")["notes"]["note"])


@cache
def _unit_line_re() -> re.Pattern:
    return re.compile(load("layout")["meta"]["unit"])


_OWNER_LINE_RE = re.compile(r"^(?:部门|单位|编制单位)(?:名称)?[:：]")
_UNIT_ONLY_RE = re.compile(r"(?:金额)?单位[:：]?(?:万元|元)")


def unit_of(lines: list[str]) -> str | None:
    pat = compiled(load("layout")["meta"]["unit"])
    for t in lines:
        m = pat.search(t)
        if m:
            return m.group("unit")
    return None


class _Builder:
    def __init__(self, spec: TableSpec, title: Line, items: list, dept: str | None):
        self.spec = spec
        self.title = title
        self.items = items
        self.dept = dept
        self.number: str | None = None
        m = NUMBER_LINE_RE.search(_squash(title.text))
        if m:
            self.number = m.group(1)
        self.header: list[str] = []
        self.header_lines: list[Line] = []
        self.note: list[str] = []
        self.unit: str | None = None

    # -- common ------------------------------------------------------------------------------
    def build(self) -> Table:
        lines = [it for it in self.items if isinstance(it, Line)]
        grids = [it for it in self.items if isinstance(it, Grid)]
        meta_texts = [self.title.text] + [ln.text for ln in lines[:6]]
        self.unit = unit_of(meta_texts)
        self.spec = self.spec.variant(self._header_text(grids, lines))
        table = Table(
            kind=self.spec.id,
            name=self.spec.name,
            title=self.title.text,
            number=self.number,
            unit=self.unit or "万元",
            columns=[],
            line=self.title.line,
            page=self.title.page,
        )
        table.extra["doc_kind"] = self.spec.doc_kind  # before placement: a 预算 table has identities of its own
        if self.spec.shape in budget.SHAPES:
            self._budget_shape(table, grids)
        elif grids:
            self._from_grids(table, grids, lines)
        else:
            self._from_lines(table, lines)  # rows whose blank cells vanished are placed by attach_tables
        table.note = "\n".join(self.note)
        table.number = self.number
        if self.unit is None:
            table.extra["unit_assumed"] = True
        return table

    def _header_text(self, grids: list[Grid], lines: list[Line]) -> str:
        """The table's header as squashed text (its first grid rows, else its first lines), for the variant."""
        if grids:
            rows = [r for g in grids[:2] for r in g.rows][:12]
            return _squash("".join(c or "" for r in rows for c in r))[:400]
        return _squash("".join(ln.text for ln in lines[:6]))[:400]

    def _budget_shape(self, table: Table, grids: list[Grid]) -> None:
        """The 预算 shapes (:mod:`.budget`): ``ledger`` reads grids and text lines in order, the others grids."""
        shape = self.spec.shape
        if shape == "ledger":
            rows = budget._item_rows(self.items, self._classify_meta)
            budget.parse_ledger(self.spec, table, rows)
            return
        text = [it for it in self.items if isinstance(it, Line) and not self._classify_meta(it)]
        if grids:
            (budget.parse_sides if shape == "sides" else budget.parse_one_row)(self.spec, table, grids)
        elif shape == "sides":
            budget.parse_sides_text(self.spec, table, text)
        else:
            budget.parse_one_row_text(self.spec, table, text)  # a row with vanished blanks: placed by attach_tables

    def _classify_meta(self, ln: Line) -> bool:
        """Number, unit, department and note lines: not header, not rows. True if consumed."""
        t = _squash(ln.text)
        if self.note or note_re().match(t):
            self.note.append(ln.text)
            return True
        if NUMBER_LINE_RE.fullmatch(t):
            self.number = self.number or t
            return True
        if _unit_line_re().search(ln.text) or _OWNER_LINE_RE.match(t):
            return True
        return bool(_UNIT_ONLY_RE.fullmatch(t))

    # -- text ---------------------------------------------------------------------------------
    def _from_lines(self, table: Table, lines: list[Line]) -> None:
        shape = self.spec.shape
        body: list[Line] = []
        seen_body = False
        for ln in lines:
            if self._classify_meta(ln):
                continue
            if not seen_body and self._is_header_line(ln):
                self.header.append(ln.text)
                self.header_lines.append(ln)
                continue
            seen_body = True
            body.append(ln)
        header = _squash(" ".join(self.header))
        cells = CellGrid(header=header, body=[text_row(ln) for ln in body], header_lines=self.header_lines, dept=self.dept)
        SHAPES[shape].parse(self.spec, table, cells)

    def _is_header_line(self, ln: Line) -> bool:
        toks = _tokens(ln.text)
        shape = self.spec.shape
        if compiled(load("tables")["notes"]["column_index"]).match(_squash(ln.text)):
            return True
        if shape == "coded":
            code, rest = _leading_code(_strip_lkx(toks))
            words, nums = _split_trailing_numbers(rest)
            # "合计 基本支出 项目支出" (a column label line) is header; "合计 4,733.14 …" is the total row
            return not code and not ("".join(words).startswith(("合计", "总计")) and nums)
        if shape == "two_sided":
            # a body row has an amount somewhere (its right side may be blank: "一、… 487.71 一、…支出")
            return not any(is_amount(t) for t in toks) or all(re.fullmatch(r"\d{1,2}", t) for t in toks)
        if shape == "econ":
            return not any(ECON_CODE_RE.match(t) for t in toks) and "合计" not in ln.text
        if shape == "sangong":
            return not all(is_amount(t) for t in toks)
        if shape == "projects":
            return not compiled(r"\d{6,}").fullmatch(_squash(ln.text))
        return False

    # -- grids (PDF) ----------------------------------------------------------------------------
    def _from_grids(self, table: Table, grids: list[Grid], lines: list[Line]) -> None:
        seen_grid = False
        for it in self.items:
            if isinstance(it, Grid):
                seen_grid = True
            elif seen_grid and NUMBER_LINE_RE.fullmatch(_squash(it.text)):
                continue  # below the table: the next table's number, printed above its title
            else:
                self._classify_meta(it)
        cells = read_grids(self.spec.shape, grids)
        cells.dept = self.dept
        self.header = ["".join(p) for p in cells.parts]
        SHAPES[self.spec.shape].parse(self.spec, table, cells)


def build_table(spec: TableSpec, title: Line, items: list, dept: str | None) -> Table:
    return _Builder(spec, title, items, dept).build()


def attach_tables(doc: Document) -> Document[Table]:
    """Parse each of ``doc.regions`` into a table (a region with neither rows nor a note is no table, unless its
    header names the columns over no figure: a table printed blank) and set
    ``doc.tables`` and ``doc.unit`` (the unit most tables print); raise :class:`InputError` when none is found."""
    tables: list[Table] = []
    for r in doc.regions:
        table = build_table(r.spec, r.title, r.items, doc.department)
        table.extra["doc_kind"] = r.spec.doc_kind
        if table.rows or table.note or table.extra.get("printed_blank"):
            tables.append(table)
    if not tables:
        if doc.narrative():  # the narrative of a 决算/预算 whose tables are another file
            raise InputError(Msg("err.narrative_only", name=doc.path, kind=doc.kind))
        raise InputError(Msg("err.not_juesuan_tables", name=doc.path))
    place_tables(tables)  # rows whose blank cells vanished: by each table's identities, then by the 总表
    doc.tables = tables
    doc.unit = _dominant_unit(tables)
    return doc


def _dominant_unit(tables: list[Table]) -> str:
    units = [t.unit for t in tables if not t.extra.get("unit_assumed")]
    return max(set(units), key=units.count) if units else "万元"
