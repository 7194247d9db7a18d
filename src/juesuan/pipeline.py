"""The pipeline up to the parsed document: ingest → document → tables.

``load_document(path)`` reads a .pdf, .txt or .docx file (:mod:`juesuan.ingest`), finds its structure and
table regions (:func:`juesuan.document.parse_document`) and parses the tables
(:func:`juesuan.tables.build.attach_tables`); ``build_document(source)`` does the last two for an
ingested :class:`~juesuan.ingest.model.Source`. Claims and checks follow in :func:`juesuan.checks.check_document`
(:func:`juesuan.api.check` runs the whole chain).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .document import Document, parse_document
from .ingest import read
from .ingest.limits import Limits
from .ingest.model import Grid, Source
from .tables.build import attach_tables
from .tables.model import Table


def build_document(source: Source) -> Document[Table]:
    """The document of an ingested source, with its tables (raises :class:`InputError` when none is found)."""
    return attach_tables(parse_document(source))


def load_document(path: str | Path, with_: str | Path | None = None, engine: str | None = None,
                  limits: Limits | None = None) -> Document[Table]:
    """Read a .pdf, .txt or .docx file into a :class:`Document` (raises :class:`InputError` on bad input);
    ``with_``: a second file of the same document (the tables published apart from the narrative); a PDF is read
    with ``engine`` (default PDFium); ``limits``: the run's [limits] (default: the defaults)."""
    if with_ is None:
        return build_document(read(path, limits, engine))
    return build_joined(read(path, limits, engine), read(with_, limits, engine))


def join_sources(main: Source, extra: Source) -> tuple[Source, list[tuple[str, int]]]:
    """One source of two files: ``extra``'s items after ``main``'s, its pages numbered on after ``main``'s
    (text: its lines after ``main``'s last line). Returns the source and [(file, page or line offset)]."""
    paged = main.kind != "txt" and extra.kind != "txt"
    if paged:
        offset = main.pages or max((it.page or 0 for it in main.items), default=0)
    else:
        offset = max((getattr(it, "line", 0) for it in main.items), default=0)
    for it in extra.items:
        if paged:
            it.page = (it.page or 0) + offset
            if isinstance(it, Grid):
                it.row_pages = [(p or 0) + offset for p in it.row_pages]
        else:
            it.line += offset
            if isinstance(it, Grid):
                it.row_lines = [n + offset for n in it.row_lines]
    pages = (main.pages or 0) + (extra.pages or 0) if paged else None
    joined = Source(main.path, main.kind, main.items + extra.items, pages=pages,
                    warnings=main.warnings + extra.warnings, debug=main.debug + extra.debug)
    return joined, [(main.path, 0), (extra.path, offset)]


def build_joined(main: Source, extra: Source) -> Document[Table]:
    """The document of two sources read as one (narrative and tables published apart): ``doc.files`` maps each
    page (PDF) or line (text) back to its file."""
    source, files = join_sources(main, extra)
    doc = build_document(source)
    doc.files, doc.files_by = files, ("page" if source.pages is not None else "line")
    return doc


def file_of(doc: Document[Any], page: int | None, line: int | None) -> tuple[str | None, int | None, int | None]:
    """(file, page, line) within its file of a place in a document read from two files; (None, page, line) else."""
    if len(doc.files) < 2:
        return None, page, line
    by_page = doc.files_by == "page"
    at = page if by_page else line
    if at is None:
        return None, page, line
    path, offset = next(((p, o) for p, o in reversed(doc.files) if at > o), doc.files[0])
    return (path, at - offset, line) if by_page else (path, page, at - offset)


def assign_files(result: Any) -> None:
    """Give every finding's and claim's place its file (and its page or line within that file) when the document
    was read from two files; a one-file document is left as it is."""
    doc = result.doc
    if len(getattr(doc, "files", [])) < 2:
        return
    for f in result.findings:
        loc = f.location
        loc.file, loc.page, loc.line = file_of(doc, loc.page, loc.line)
    for c in result.claims:
        file, c.page, c.line = file_of(doc, c.page, c.line)
        c.file = file
