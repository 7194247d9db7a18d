"""The pipeline up to the parsed document: ingest → document → tables.

``load_document(path)`` reads a .pdf, .txt or .docx file (:mod:`juesuan.ingest`), finds its structure and
table regions (:func:`juesuan.document.parse_document`) and parses the tables
(:func:`juesuan.tables.build.attach_tables`); ``build_document(source)`` does the last two for an
ingested :class:`~juesuan.ingest.model.Source`. Claims and checks follow in :func:`juesuan.checks.check_document`
(:func:`juesuan.api.check` runs the whole chain).
"""

from __future__ import annotations

from pathlib import Path

from .document import Document, parse_document
from .ingest import read
from .ingest.model import Source
from .tables.build import attach_tables
from .tables.model import Table


def build_document(source: Source) -> Document[Table]:
    """The document of an ingested source, with its tables (raises :class:`InputError` when none is found)."""
    return attach_tables(parse_document(source))


def load_document(path: str | Path, engine: str | None = None) -> Document[Table]:
    """Read a .pdf, .txt or .docx file into a :class:`Document` (raises :class:`InputError` on bad input); a PDF
    with ``engine`` (default PDFium)."""
    return build_document(read(path, engine=engine))
