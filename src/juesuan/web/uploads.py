"""Uploads: bounded by the same limits as ``juesuan check`` (:mod:`juesuan.ingest.limits`), recognised by their
content (never by the name the browser sent), stored under ``DATA/files/`` with a generated name and never
executed or opened by a path from the request. A file that is not a document is refused here, with a Chinese
message, before anything is stored."""

from __future__ import annotations

import io
import os
import uuid
import zipfile
from pathlib import Path

from ..i18n import messages
from ..ingest.limits import Limits

MB = 1024 * 1024
BINARY_MAGIC = (b"\xd0\xcf\x11\xe0", b"\x7fELF", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"MZ", b"\x1f\x8b", b"Rar!",
                b"7z\xbc\xaf")
MAX_NAME = 200


class UploadError(Exception):
    """An upload refused: ``status`` is the HTTP status, the message is for the reviewer (Chinese)."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


def display_name(name: str | None) -> str:
    """The uploaded file's name for display only: its last path part, control characters removed, bounded."""
    base = (name or "document").replace("\\", "/").rsplit("/", 1)[-1]
    base = "".join(ch for ch in base if ch.isprintable()).strip() or "document"
    return base[:MAX_NAME]


def request_cap(limits: Limits) -> int:
    """Largest request body accepted: two files at the input limit plus the form's own bytes."""
    return int(2 * limits.max_input_mb * MB) + MB


def too_large_request(size: int, limits: Limits) -> UploadError:
    M = messages("zh")
    return UploadError(M("web.request_too_large", size=f"{size / MB:.1f}", limit=f"{request_cap(limits) / MB:g}",
                         setting="max_input_mb", each=f"{limits.max_input_mb:g}"), 413)


def sniff(data: bytes, name: str, limits: Limits) -> str:
    """The stored suffix (``.pdf``, ``.docx``, ``.txt``) of an acceptable upload; UploadError otherwise."""
    M = messages("zh")
    if len(data) > limits.max_input_mb * MB:
        raise UploadError(M("web.too_large", name=name, size=f"{len(data) / MB:.1f}",
                            limit=f"{limits.max_input_mb:g}", setting="max_input_mb"), 413)
    if not data.strip():
        raise UploadError(M("web.empty", name=name))
    head = data[:1024]
    if head.lstrip().startswith(b"%PDF"):
        return ".pdf"
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as z:
                if "word/document.xml" in z.namelist():
                    return ".docx"
        except (zipfile.BadZipFile, OSError, ValueError):
            pass
        raise UploadError(M("web.bad_docx" if name.lower().endswith(".docx") else "web.not_document", name=name), 415)
    if name.lower().endswith(".docx"):  # as `check` does: a .docx that is no Word file is not read as text
        raise UploadError(M("web.bad_docx", name=name), 415)
    if head.startswith(BINARY_MAGIC):
        raise UploadError(M("web.not_document", name=name), 415)
    if len(data) > limits.max_text_mb * MB:
        raise UploadError(M("web.too_large", name=name, size=f"{len(data) / MB:.1f}",
                            limit=f"{limits.max_text_mb:g}", setting="max_text_mb"), 413)
    from ..errors import InputError
    from ..ingest.text import decode

    try:
        decode(data, name)
    except InputError as exc:
        binary = "binary" in str(exc)
        raise UploadError(M("web.not_document" if binary else "web.bad_text", name=name), 415) from None
    return ".txt"


def store_file(folder: Path, data: bytes, suffix: str) -> str:
    """Write the upload under a generated name (owner-only); returns that name."""
    name = f"{uuid.uuid4().hex}{suffix}"
    fd = os.open(folder / name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
    return name
