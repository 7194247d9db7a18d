"""Text input: a 决算 document as text extracted from its PDF (UTF-8, GB18030/GBK detected).

Such text keeps each table row on one line, but prose is wrapped: words and numbers break across lines
("449.\\n\\n76 万元") and page footers ("- 28 -") land mid-sentence. This module only reads and locates the
lines; footers are dropped here (they are not text), and the document stage rejoins prose.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError
from ..numbers import normalize
from ..patterns import footer_re
from .model import Line, Source


def decode(data: bytes, path: str) -> str:
    """Bytes → str: UTF-8 (with or without BOM) first, then GB18030 (a superset of GBK/GB2312)."""
    if not data.strip():
        raise InputError(f"{path}: the file is empty")
    if b"\x00" in data[:4096]:
        raise InputError(f"{path}: not a PDF or a text file (binary content)")
    for enc in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if _looks_chinese(text):
            if enc == "gb18030" and not _common_hanzi(text):
                raise InputError(
                    f"{path}: the text decodes as GB18030 but not into sensible Chinese (Big5 or another encoding?); "
                    "save it as UTF-8"
                )
            return text
    raise InputError(f"{path}: cannot decode the text as UTF-8 or GB18030 Chinese (wrong encoding?)")


def _looks_chinese(text: str) -> bool:
    sample = text[:20000]
    cjk = sum(1 for ch in sample if "\u4e00" <= ch <= "\u9fff")
    odd = sum(1 for ch in sample if ch == "\ufffd" or "\u0080" <= ch <= "\u00ff")
    return cjk >= 20 and odd * 20 < cjk


def _common_hanzi(text: str) -> bool:
    """GB18030 text is sensible Chinese when most of its CJK characters are GB2312 level-1 (common) hanzi.

    Big5 bytes also decode as GB18030, into kana, box drawing and rare characters: about a quarter
    level-1, against nearly all for real text.
    """
    ranges = (("\u4e00", "\u9fff"), ("\u3040", "\u30ff"), ("\u2500", "\u257f"))
    sample = [ch for ch in text[:20000] if any(lo <= ch <= hi for lo, hi in ranges)]
    common = 0
    for ch in sample:
        try:
            b = ch.encode("gb2312")
        except UnicodeEncodeError:
            continue
        common += 0xB0 <= b[0] <= 0xD7
    return common >= 0.6 * len(sample)


def read_text(path: str | Path) -> Source:
    p = Path(path)
    return source_from_text(decode(p.read_bytes(), str(path)), str(path))


def source_from_text(text: str, path: str = "<text>") -> Source:
    """A :class:`Source` from text already decoded (the Python API's ``check(text)``)."""
    # Pages are not known in extracted text (footers are sparse), so locations are file line numbers.
    items: list[Line] = []
    for no, raw in enumerate(text.splitlines(), start=1):
        stripped = normalize(raw.strip())
        if stripped and not footer_re().match(stripped):
            items.append(Line(text=stripped, page=None, line=no))
    if not items:
        raise InputError(f"{path}: the file is empty")
    return Source(path=str(path), kind="txt", items=list(items), pages=None)
