"""ingest: bytes on disk → located text lines and table grids (:class:`~juesuan.ingest.model.Source`).

Dispatch is by content, not by file name: a file starting with ``%PDF`` is read as a PDF, a zip
holding ``word/document.xml`` as a Word .docx, anything else as extracted text (UTF-8, UTF-16 or GB18030).
The input is a regular file or ``-`` (standard input, read whole); either way it is read once, up to the size
limit (:mod:`.limits`), so a FIFO, a device such as ``/dev/zero`` or an endless pipe can neither hang the run
nor exhaust memory.
"""

from __future__ import annotations

import errno
import os
import stat
import sys
from pathlib import Path

from ..errors import InputError
from ..i18n import Msg
from .limits import Limits
from .model import Grid, Line, Source

__all__ = ["Grid", "Limits", "Line", "Source", "read", "read_bytes"]

_MB = 1024 * 1024
_BINARY_MAGIC = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0", b"\x7fELF", b"\x89PNG", b"\xff\xd8\xff", b"GIF8")


def read_bytes(path: str | Path, limits: Limits | None = None) -> bytes:
    """The whole input as bytes: a regular file, or standard input for ``-``; bounded by ``max_input_mb``."""
    limits = limits or Limits()
    cap = int(limits.max_input_mb * _MB)
    name = str(path)
    if name == "-":
        data = sys.stdin.buffer.read(cap + 1)
        if len(data) > cap:
            raise limits.exceeded("-", "max_input_mb", Msg("err.size_stdin", mb=f"{limits.max_input_mb:g}"))
        return data
    try:
        st = os.stat(path)
    except FileNotFoundError:
        if os.path.islink(path):
            raise InputError(Msg("err.broken_link", name=name)) from None
        raise InputError(Msg("err.no_file", name=name)) from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise InputError(Msg("err.link_loop", name=name)) from None
        if exc.errno == errno.EACCES:
            raise InputError(Msg("err.permission", name=name)) from None
        raise InputError(Msg("err.cannot_read", name=name, error=exc.strerror or exc)) from None
    if stat.S_ISDIR(st.st_mode):
        raise InputError(Msg("err.is_dir", name=name))
    if not stat.S_ISREG(st.st_mode):
        what = "fifo" if stat.S_ISFIFO(st.st_mode) else "device" if stat.S_ISCHR(st.st_mode) or stat.S_ISBLK(st.st_mode) else "socket" if stat.S_ISSOCK(st.st_mode) else "other"
        raise InputError(Msg("err.not_regular", name=name, what=Msg(f"err.what_{what}")))
    if st.st_size > cap:
        raise limits.exceeded(name, "max_input_mb", Msg("err.size_file", mb=f"{st.st_size / _MB:.1f}"))
    try:
        with open(path, "rb") as fh:
            data = fh.read(cap + 1)
    except PermissionError:
        raise InputError(Msg("err.permission", name=name)) from None
    except OSError as exc:
        raise InputError(Msg("err.cannot_read", name=name, error=exc.strerror or exc)) from None
    if len(data) > cap:  # grew while we read it
        raise limits.exceeded(name, "max_input_mb", Msg("err.size_over", mb=f"{limits.max_input_mb:g}"))
    return data


def read(path: str | Path, limits: Limits | None = None, engine: str | None = None) -> Source:
    """The document at ``path`` as a :class:`Source`; a PDF is read with ``engine`` ("pdfium", the default, or
    "pdfplumber")."""
    limits = limits or Limits()
    name = str(path)
    data = read_bytes(path, limits)
    head = data[:1024]
    if not head.strip() and not data.strip():
        raise InputError(Msg("err.empty", name=name))
    if head.lstrip().startswith(b"%PDF"):
        from .pdf import read_pdf

        return read_pdf(Path(path), limits=limits, data=data, engine=engine)
    if head.startswith(b"PK\x03\x04") and _is_docx(data):
        from .docx import read_docx

        return read_docx(path, data=data)
    if name.lower().endswith(".docx"):
        raise InputError(Msg("err.docx_damaged", name=name))
    if head.startswith(_BINARY_MAGIC):
        raise InputError(Msg("err.binary", name=name))
    if len(data) > limits.max_text_mb * _MB:
        raise limits.exceeded(name, "max_text_mb", Msg("err.size_text", mb=f"{len(data) / _MB:.1f}"))
    from .text import read_text

    return read_text(path, data=data, limits=limits)


def _is_docx(data: bytes) -> bool:
    import io
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return "word/document.xml" in z.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False
