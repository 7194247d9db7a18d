"""Text input: a 决算 document as text extracted from its PDF (UTF-8, UTF-16, GB18030/GBK detected).

Such text keeps each table row on one line, but prose is wrapped: words and numbers break across lines
("449.\\n\\n76 万元") and page footers ("- 28 -") land mid-sentence. This module only reads and locates the
lines; footers are dropped here (they are not text), and the document stage rejoins prose.
"""

from __future__ import annotations

from pathlib import Path

import regex as re

from ..errors import InputError
from ..i18n import Msg
from ..numbers import normalize
from ..patterns import footer_re
from .limits import Limits
from .model import Line, Source

_CONTROL = re.compile(rb"[\x00-\x08\x0e-\x1f\x7f]")  # C0 controls but tab, newlines, VT/FF (page breaks)


def decode(data: bytes, path: str, warnings: list[str | Msg] | None = None) -> str:
    """Bytes → str: UTF-16 (by BOM, or by its pattern of zero bytes), else UTF-8 (with or without BOM), then
    GB18030 (a superset of GBK/GB2312). Stray control characters (NUL …) in UTF-8/GB18030 text are removed
    with a warning; many of them mean binary content. Readable text that is not Chinese is "not a 决算
    document"."""
    warnings = warnings if warnings is not None else []
    if not data.strip():
        raise InputError(Msg("err.empty", name=path))
    utf16 = _utf16(data)
    if utf16 is not None:
        text, how = utf16
        if _looks_chinese(text):
            warnings.append(Msg("err.read_utf16", name=path, how=Msg(f"err.{how}")))
            return _clean_text(text, path, warnings)
        if _readable(text):
            raise InputError(Msg("err.utf16_not_juesuan", name=path))
    controls = len(_CONTROL.findall(data))
    if controls:
        if controls > max(16, len(data) // 100):
            raise InputError(Msg("err.binary_content", name=path))
        data = _CONTROL.sub(b"", data)  # never part of a UTF-8 or GB18030 multi-byte character
    for enc in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if _looks_chinese(text):
            if enc == "gb18030" and not _common_hanzi(text):
                raise InputError(
                    Msg("err.gb18030_garbled", name=path)
                )
            if controls:
                warnings.append(Msg("err.removed_controls", name=path, n=controls))
            return text
        if enc == "utf-8-sig" and _readable(text):
            raise InputError(Msg("err.not_juesuan_text", name=path))
    if controls:
        raise InputError(Msg("err.binary_content", name=path))
    raise InputError(Msg("err.cannot_decode", name=path))


def _utf16(data: bytes) -> tuple[str, str] | None:
    """(text, how) when the bytes are UTF-16: a BOM, or zero bytes and a sensible decoding as UTF-16 LE or BE."""
    for bom, enc in ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if data.startswith(bom):
            try:
                return data[2:].decode(enc), "utf16_bom"
            except UnicodeDecodeError:
                return None
    if data[:20000].count(0) < 4:  # Chinese UTF-16 has some zero bytes (ASCII, and code units like U+4E00)
        return None
    for enc in ("utf-16-le", "utf-16-be"):
        try:
            text = data[: len(data) // 2 * 2].decode(enc)
        except UnicodeDecodeError:
            continue
        # NULs in UTF-8 text decode as UTF-16 into random code points: only sensible text counts
        if (_looks_chinese(text) and _common_hanzi(text)) or (text.isascii() and _readable(text)):
            return text, "utf16_guess"
    return None


def _clean_text(text: str, path: str, warnings: list[str | Msg]) -> str:
    cleaned, n = re.subn(r"[\x00-\x08\x0e-\x1f\x7f]", "", text)
    if n:
        warnings.append(Msg("err.removed_controls", name=path, n=n))
    return cleaned


def _readable(text: str) -> bool:
    """Mostly printable characters (and not mostly replacement or Latin-1 noise): text a person could read."""
    sample = text[:20000]
    if not sample.strip():
        return False
    good = sum(1 for ch in sample if ch.isprintable() or ch in "\t\r\n\f\v")
    return good >= 0.95 * len(sample) and sample.count("\ufffd") * 100 < len(sample)


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


def read_text(path: str | Path, data: bytes | None = None, limits: Limits | None = None) -> Source:
    warnings: list[str | Msg] = []
    text = decode(Path(path).read_bytes() if data is None else data, str(path), warnings)
    return source_from_text(text, str(path), limits, warnings)


def source_from_text(text: str, path: str = "<text>", limits: Limits | None = None,
                     warnings: list[str | Msg] | None = None) -> Source:
    """A :class:`Source` from text already decoded (also the Python API's ``check(text)``)."""
    limits = limits or Limits()
    warnings = warnings if warnings is not None else []
    # Pages are not known in extracted text (footers are sparse), so locations are file line numbers.
    items: list[Line] = []
    for no, raw in enumerate(text.splitlines(), start=1):
        if len(raw) > limits.max_line_chars:
            raise limits.exceeded(str(path), "max_line_chars", Msg("err.size_line", line=no, n=f"{len(raw):,}"))
        stripped = normalize(raw.strip())
        if stripped and not footer_re().match(stripped):
            items.append(Line(text=stripped, page=None, line=no))
    if not items:
        raise InputError(Msg("err.empty", name=path))
    return Source(path=str(path), kind="txt", items=list(items), pages=None, warnings=warnings)
