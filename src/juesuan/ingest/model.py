"""What ingest hands to the document stage: located text lines and ruled table grids, in reading order."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..i18n import Msg


@dataclass
class Line:
    """One physical line of running text.

    ``text`` is normalised (full-width digits, ％, ． to ASCII) but otherwise verbatim.
    ``line`` is the 1-based line number in the source file (text input) or on the page (PDF).
    ``continues`` is True when the line runs to the right margin, so the next line continues the same
    sentence (PDF only; for text input it is unknown and False).
    """

    text: str
    page: int | None
    line: int
    continues: bool = False


@dataclass
class Grid:
    """A ruled table as cells (PDF, .docx): rows of cell strings, None where a merged cell spans."""

    rows: list[list[str | None]]
    page: int | None  # None for a .docx (no pages)
    line: int  # line number on the page of the grid's first row (for locations)
    row_lines: list[int] = field(default_factory=list)
    row_pages: list[int | None] = field(default_factory=list)
    table_no: int | None = None  # .docx: the table's number in the document (1-based)


Item = Line | Grid


@dataclass
class Source:
    """A document as read from disk: the items in reading order, and what kind of file it was."""

    path: str
    kind: str  # "pdf" | "txt" | "docx"
    items: list[Item]
    pages: int | None = None
    warnings: list[str | Msg] = field(default_factory=list)  # one line each: what was cleaned or captured on reading
    debug: list[str] = field(default_factory=list)  # the PDF library's captured log lines (shown with --debug)
    engine: str | None = None  # the PDF engine that read it ("pdfium" | "pdfplumber"); None for text and .docx
