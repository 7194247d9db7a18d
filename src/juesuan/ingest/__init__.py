"""ingest: bytes on disk → located text lines and table grids (:class:`~juesuan.ingest.model.Source`).

Dispatch is by content, not by file name: a file starting with ``%PDF`` is read as a PDF, a zip
holding ``word/document.xml`` as a Word .docx, anything else as extracted text (UTF-8 or GB18030).
"""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError
from .model import Grid, Line, Source

__all__ = ["read", "Source", "Line", "Grid"]


def read(path: str | Path) -> Source:
    p = Path(path)
    if not p.exists():
        raise InputError(f"{path}: no such file")
    if p.is_dir():
        raise InputError(f"{path}: is a directory, not a document")
    with open(p, "rb") as fh:
        head = fh.read(1024)
    if not head.strip():
        raise InputError(f"{path}: the file is empty")
    if head.lstrip().startswith(b"%PDF"):
        from .pdf import read_pdf

        return read_pdf(p)
    if head.startswith(b"PK\x03\x04") and _is_docx(p):
        from .docx import read_docx

        return read_docx(p)
    if p.suffix.lower() == ".docx":
        raise InputError(f"{path}: damaged or not a Word .docx document (cannot open it)")
    if head.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0", b"\x7fELF", b"\x89PNG", b"\xff\xd8\xff", b"GIF8")):
        raise InputError(f"{path}: not a PDF or a text file (unsupported binary format)")
    from .text import read_text

    return read_text(p)


def _is_docx(p: Path) -> bool:
    import zipfile

    try:
        with zipfile.ZipFile(p) as z:
            return "word/document.xml" in z.namelist()
    except (zipfile.BadZipFile, OSError):
        return False
