"""The common cell grid: what both table paths hand to a shape's parser.

A table region reaches :mod:`juesuan.tables.build` as text lines (extracted page text) or as ruled grids (a
PDF). Both are turned into a :class:`CellGrid` — the header, and body rows of cells with their source line and
page — and one parser per shape reads it. What the two paths know differs, and the grid says so as data:

* ``by_column``: the PDF path knows each cell's column, and ``parts`` holds per column its header cells (top to
  bottom); the text path does not (extracted text flattens a multi-row header): ``parts`` is empty and only
  the squashed ``header`` text says which columns exist;
* ``CellRow.vanished``: a text row's cells are its tokens in printed order, and a blank cell printed nothing
  (上海 style), so a row with fewer figures than columns is ``partial`` (placed later by identities,
  :mod:`juesuan.tables.place`); a PDF row's blank cells are "" in their column. Every text line is such a row
  (:func:`text_row`); where a shape's text path assembles rows of cells from several lines or segments
  (``coded``, ``two_sided``: ``_text_rows``) it sets ``vanished`` on exactly the rows whose figures do not
  fill the columns, and those rows carry the figures the parser may read (the first; all in ``coded``).
* ``header_lines`` (text): the header's lines, whose last ones may be the head of the first row's wrapped name.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..ingest.model import Line


@dataclass
class CellRow:
    """One body row: ``cells`` (squashed cell texts by column, "" blank — or a text row's tokens in printed
    order), ``raw`` (the cells as printed, None for a slot merged from the left), its source ``line``/``page``
    and ``text`` (the row as printed)."""

    cells: list[str]
    raw: list[str | None]
    line: int
    page: int | None
    text: str = ""
    vanished: bool = False  # text: blank cells printed nothing, the figures may not fill the columns
    source: Line | None = None  # text: the line the row was read from


@dataclass
class CellGrid:
    header: str  # the header's text, squashed
    body: list[CellRow]
    parts: list[list[str]] = field(default_factory=list)  # PDF: per column, the header cells top to bottom
    by_column: bool = False  # cells sit in their columns (PDF); else in printed order (text)
    header_lines: list[Line] = field(default_factory=list)  # text: the header's lines
    dept: str | None = None  # the document's department (a project table prints its name in every row)

    @property
    def ncols(self) -> int:
        return len(self.parts)


def text_row(ln: Line) -> CellRow:
    """A text line as a row of cells: its tokens, blank cells vanished."""
    toks = ln.text.split()
    return CellRow(cells=toks, raw=list(toks), line=ln.line, page=ln.page, text=ln.text, vanished=True, source=ln)
