"""The PDFium engine (pypdfium2): a page's characters with their boxes and sizes, and the edges of its ruling
lines and rectangles, in pdfplumber's coordinates (points from the top-left corner of the page), so that
:mod:`.pdf` builds the same lines and cell grids from them as from pdfplumber's.

Characters: PDFium's text page, one entry per character; the spaces and line breaks PDFium inserts (and every
blank) are skipped. A character's box is pdfminer's: x from its origin over its declared advance width, y from
the baseline plus the font's descent up one font size (the size scaled by the text matrix); see
:func:`read_chars`.
Paths: every path object that is stroked or filled, also inside form XObjects, split into subpaths and classified
as pdfminer does (two points: a line; four sides of an axis-aligned closed loop: a rectangle; else a curve whose
horizontal and vertical pieces count).

Bounds (:class:`~juesuan.ingest.limits.Limits`): ``max_page_chars`` characters and ``max_page_objects`` painted
subpaths per page, counted before anything is built from them; ``max_stream_mb`` for each Flate stream of the
file, checked by inflating every stream once into nothing before PDFium opens the file (PDFium itself inflates a
stream whole, and a 400 KB file can inflate to gigabytes).
"""

from __future__ import annotations

import ctypes
import re
import zlib
from typing import Any

from ..errors import InputError
from ..i18n import Msg
from .limits import Limits

_STREAM = re.compile(rb"stream\r?\n")


def check_streams(data: bytes, path: str, limits: Limits) -> int:
    """Inflate every Flate stream of the file into nothing: raise the ``max_stream_mb`` LimitError when one
    inflates past the limit; return how many are damaged (bad checksum, corrupt or cut short).

    Every ``stream`` keyword followed by a valid zlib header is tried; output is counted, never kept. PDFium
    drops a damaged stream whole, where pdfminer keeps what inflates of it: the caller reads such a file with
    pdfplumber."""
    cap = int(limits.max_stream_mb * 1024 * 1024)
    damaged = 0
    for m in _STREAM.finditer(data):
        start = m.end()
        head = data[start:start + 2]
        if len(head) < 2 or head[0] & 0x0F != 8 or ((head[0] << 8) | head[1]) % 31:
            continue  # no zlib header: another filter, an image, or the word in a text
        d = zlib.decompressobj()
        total = 0
        pos = start
        chunk = b""
        try:
            while True:
                if not chunk:
                    chunk = data[pos:pos + (1 << 20)]
                    pos += len(chunk)
                    if not chunk:
                        damaged += 1  # the file ends inside the stream
                        break
                out = d.decompress(chunk, 1 << 22)
                total += len(out)
                if total > cap:
                    raise limits.exceeded(path, "max_stream_mb", Msg("err.size_stream"))
                if d.eof:
                    break
                chunk = d.unconsumed_tail
        except zlib.error:
            damaged += 1
    return damaged


# ---- the PDFium library ----------------------------------------------------------------------------------
#
# pypdfium2 ships PDFium (the wheel of pypdfium2_raw holds the shared library). Importing pypdfium2 itself costs
# ≈ 50 ms CPU — ctypes bindings for ~1,000 functions and its helper classes — where loading and initialising
# the library costs ≈ 2 ms, a tenth of a whole ``juesuan check`` of a 20-page PDF. So the library is loaded here
# with prototypes for the 35 functions this engine calls (tests/test_engines.py compares them with pypdfium2's
# bindings); when the library is not where pypdfium2_raw keeps it (another build), pypdfium2's own is used.

_V, _I, _U, _F, _D = ctypes.c_void_p, ctypes.c_int, ctypes.c_uint, ctypes.c_float, ctypes.c_double
_PF, _PD, _PI = ctypes.POINTER(_F), ctypes.POINTER(_D), ctypes.POINTER(_I)


class FS_MATRIX(ctypes.Structure):
    _fields_ = [(k, ctypes.c_float) for k in "abcdef"]


class FS_RECTF(ctypes.Structure):
    _fields_ = [(k, ctypes.c_float) for k in ("left", "top", "right", "bottom")]


class _Config(ctypes.Structure):  # FPDF_LIBRARY_CONFIG, version 2 (as pypdfium2 initialises the library)
    _fields_ = [("version", _I), ("m_pUserFontPaths", _V), ("m_pIsolate", _V), ("m_v8EmbedderSlot", _U),
                ("m_pPlatform", _V), ("m_RendererType", _I), ("m_FontLibraryType", _I), ("m_BrotliEnabled", _I),
                ("m_IsolatePerDocument", _I)]


PROTOTYPES: dict[str, tuple[Any, list[Any]]] = {  # name: (result, arguments); every handle is a void pointer
    "FPDF_InitLibraryWithConfig": (None, [ctypes.POINTER(_Config)]),
    "FPDF_LoadMemDocument64": (_V, [_V, ctypes.c_size_t, ctypes.c_char_p]),
    "FPDF_GetLastError": (ctypes.c_ulong, []),
    "FPDF_GetPageCount": (_I, [_V]),
    "FPDF_LoadPage": (_V, [_V, _I]),
    "FPDF_ClosePage": (None, [_V]),
    "FPDF_CloseDocument": (None, [_V]),
    "FPDFPage_GetMediaBox": (_I, [_V, _PF, _PF, _PF, _PF]),
    "FPDFPage_GetRotation": (_I, [_V]),
    "FPDFText_LoadPage": (_V, [_V]),
    "FPDFText_ClosePage": (None, [_V]),
    "FPDFText_CountChars": (_I, [_V]),
    "FPDFText_GetText": (_I, [_V, _I, _I, ctypes.POINTER(ctypes.c_ushort)]),
    "FPDFText_GetUnicode": (_U, [_V, _I]),
    "FPDFText_GetTextObject": (_V, [_V, _I]),
    "FPDFText_GetMatrix": (_I, [_V, _I, ctypes.POINTER(FS_MATRIX)]),
    "FPDFText_GetFontSize": (_D, [_V, _I]),
    "FPDFText_GetCharOrigin": (_I, [_V, _I, _PD, _PD]),
    "FPDFText_GetLooseCharBox": (_I, [_V, _I, ctypes.POINTER(FS_RECTF)]),
    "FPDFText_GetCharBox": (_I, [_V, _I, _PD, _PD, _PD, _PD]),
    "FPDFTextObj_GetFont": (_V, [_V]),
    "FPDFFont_GetIsEmbedded": (_I, [_V]),
    "FPDFFont_GetDescent": (_I, [_V, _F, _PF]),
    "FPDFFont_GetGlyphWidth": (_I, [_V, _U, _F, _PF]),
    "FPDFPage_CountObjects": (_I, [_V]),
    "FPDFPage_GetObject": (_V, [_V, _I]),
    "FPDFFormObj_CountObjects": (_I, [_V]),
    "FPDFFormObj_GetObject": (_V, [_V, ctypes.c_ulong]),
    "FPDFPageObj_GetType": (_I, [_V]),
    "FPDFPageObj_GetMatrix": (_I, [_V, ctypes.POINTER(FS_MATRIX)]),
    "FPDFPageObj_GetBounds": (_I, [_V, _PF, _PF, _PF, _PF]),
    "FPDFPath_CountSegments": (_I, [_V]),
    "FPDFPath_GetDrawMode": (_I, [_V, _PI, _PI]),
    "FPDFPath_GetPathSegment": (_V, [_V, _I]),
    "FPDFPathSegment_GetType": (_I, [_V]),
    "FPDFPathSegment_GetPoint": (_I, [_V, _PF, _PF]),
    "FPDFPathSegment_GetClose": (_I, [_V]),
}


class _Lib:
    """The PDFium functions of :data:`PROTOTYPES` (handles are ints, NULL is None) and the constants used."""

    FPDF_ERR_PASSWORD, FPDF_ERR_SECURITY = 4, 5
    FPDF_PAGEOBJ_TEXT, FPDF_PAGEOBJ_PATH, FPDF_PAGEOBJ_FORM = 1, 2, 5
    FPDF_SEGMENT_LINETO, FPDF_SEGMENT_BEZIERTO, FPDF_SEGMENT_MOVETO = 0, 1, 2
    FS_MATRIX, FS_RECTF = FS_MATRIX, FS_RECTF

    def __init__(self, dll: ctypes.CDLL) -> None:
        for name, (res, args) in PROTOTYPES.items():
            address = ctypes.cast(getattr(dll, name), ctypes.c_void_p).value or 0
            setattr(self, name, ctypes.CFUNCTYPE(res, *args)(address))  # a copy: the loader's own stays as it is

    def __getattr__(self, name: str) -> Any:  # (the functions are set above; this tells the type checker)
        raise AttributeError(name)


_LIB: list[_Lib] = []


def library() -> _Lib:
    """PDFium, loaded and initialised once per process."""
    if not _LIB:
        _LIB.append(_load())
    return _LIB[0]


def _load() -> _Lib:
    import importlib.util
    import sys
    from pathlib import Path

    spec = importlib.util.find_spec("pypdfium2_raw")  # finds the package without importing it
    prefix, suffix = (("", "dll") if sys.platform.startswith(("win32", "cygwin", "msys")) else
                      ("lib", "dylib") if sys.platform.startswith(("darwin", "ios")) else ("lib", "so"))
    where = Path(spec.origin).parent / f"{prefix}pdfium.{suffix}" if spec and spec.origin else None
    if where is None or not where.exists() or sys.platform.endswith("bsd"):
        import pypdfium2  # noqa: F401 - another build of PDFium: pypdfium2 finds and initialises it
        from pypdfium2_raw.bindings import _libs  # type: ignore[import-untyped]

        return _Lib(_libs["pdfium"])
    lib = _Lib(ctypes.CDLL(str(where)))
    lib.FPDF_InitLibraryWithConfig(ctypes.byref(_Config(version=2)))  # a no-op when pypdfium2 did it already
    return lib


class PdfiumError(Exception):
    """PDFium could not load a document or a page (``err_code``: FPDF_GetLastError, for a document)."""

    def __init__(self, text: str, err_code: int | None = None) -> None:
        super().__init__(text)
        self.err_code = err_code


class Document:
    """An open PDF: ``len()``, ``doc[i]`` (a :class:`Page`), ``close()``; holds the bytes PDFium reads from."""

    def __init__(self, data: bytes) -> None:
        raw = library()
        self._data = data
        self.raw = raw.FPDF_LoadMemDocument64(data, len(data), None)
        if raw.FPDF_GetPageCount(self.raw) < 1:
            code = raw.FPDF_GetLastError()
            self.close()
            raise PdfiumError(f"PDFium cannot load the document (error {code})", err_code=code)

    def __len__(self) -> int:
        return library().FPDF_GetPageCount(self.raw)

    def __getitem__(self, i: int) -> Page:
        return Page(self, i)

    def close(self) -> None:
        if self.raw:
            library().FPDF_CloseDocument(self.raw)
        self.raw = None


class Page:
    """A loaded page of a :class:`Document` (``raw``: its handle)."""

    def __init__(self, doc: Document, i: int) -> None:
        self.doc = doc  # the document outlives its page
        self.raw = library().FPDF_LoadPage(doc.raw, i)
        if not self.raw:
            raise PdfiumError(f"PDFium cannot load page {i + 1}")

    def get_mediabox(self) -> tuple[float, float, float, float]:
        """The MediaBox (x0, y0, x1, y1); (0, 0, 612, 792) when the page defines none (as pypdfium2 says)."""
        box = [ctypes.c_float() for _ in range(4)]
        if not library().FPDFPage_GetMediaBox(self.raw, *(ctypes.byref(b) for b in box)):
            return (0, 0, 612, 792)
        return (box[0].value, box[1].value, box[2].value, box[3].value)

    def get_rotation(self) -> int:
        """Clockwise rotation in degrees."""
        r = library().FPDFPage_GetRotation(self.raw)
        if r == -1:
            raise PdfiumError("PDFium cannot read the page rotation")
        return r * 90

    def close(self) -> None:
        if self.raw:
            library().FPDF_ClosePage(self.raw)
        self.raw = None


def open_pdf(data: bytes, path: str) -> Document:
    """The PDFium document of ``data``; an encrypted PDF that needs a password, or one PDFium cannot parse,
    raises InputError (an owner password alone does not stop reading)."""
    raw = library()
    try:
        return Document(data)
    except PdfiumError as exc:
        code = exc.err_code
        if code in (raw.FPDF_ERR_PASSWORD, raw.FPDF_ERR_SECURITY):
            raise InputError(Msg("err.pdf_encrypted", name=path)) from None
        raise InputError(Msg("err.pdf_damaged", name=path)) from None


class _Page:
    """One page's geometry: maps PDF user space to pdfplumber's top-down page coordinates (rotation and the
    media box origin as pdfminer applies them)."""

    def __init__(self, page):
        x0, y0, x1, y1 = page.get_mediabox()
        rot = page.get_rotation() % 360
        self.rot = rot
        self.box = (x0, y0, x1, y1)
        self.height = (x1 - x0) if rot in (90, 270) else (y1 - y0)

    def xy(self, x: float, y: float) -> tuple[float, float]:
        """User space → (x, top)."""
        x0, y0, x1, y1 = self.box
        if self.rot == 90:
            x, y = y - y0, x1 - x
        elif self.rot == 180:
            x, y = x1 - x, y1 - y
        elif self.rot == 270:
            x, y = y1 - y, x - x0
        else:
            x, y = x - x0, y - y0
        return round(x, 4), round(self.height - y, 4)


class TextLayer:
    """What :func:`read_chars` saw of the page's text layer: the text objects its characters belong to, and the
    fonts the PDF does not embed whose glyphs the machine's substitute lacks (a character's tight box is flat)."""

    def __init__(self) -> None:
        self.seen: set[int] = set()
        self.blank_fonts: set[int] = set()


def read_chars(page, geo: _Page, path: str, pno: int, limits: Limits, layer: TextLayer | None = None) -> list[dict]:
    """The page's characters as pdfplumber-style dicts (text, x0, x1, top, bottom, size); blanks skipped.
    ``layer`` (when given) records what the text layer holds (see :func:`left_out`).

    pdfminer's box: from the origin over the advance width the PDF declares, from the baseline plus the font's
    descent up one font size (scaled by the text and page matrices). An embedded font's declared width is what
    PDFium's "loose" box spans; for a font the PDF does not embed, PDFium measures its substitute, so the
    width is asked of the font (as declared) instead. Font, size and descent are read once per text object."""
    raw = library()
    tp = raw.FPDFText_LoadPage(page.raw)
    if not tp:
        return []
    try:
        n = raw.FPDFText_CountChars(tp)
        if n > limits.max_page_chars:
            raise limits.exceeded(path, "max_page_chars", Msg("err.size_page_chars", page=pno, n=f"{n:,}"))
        if n <= 0:
            return []
        buf = (ctypes.c_ushort * (n + 1))()
        raw.FPDFText_GetText(tp, 0, n, buf)
        return _chars(raw, tp, geo, buf[:n], layer)
    finally:
        raw.FPDFText_ClosePage(tp)


def left_out(page, layer: TextLayer) -> int:
    """How many text objects of the page PDFium's text layer left out (none of their characters is in ``layer``)
    that hold a glyph: the text layer drops a text object whose box has no width, and the box of a lone
    character is its glyph's, which the substitute of a font the PDF does not embed lacks where the machine has
    no font of the script (a CJK table header wrapped to "…（境）" / "费" loses the "费" on a machine without a
    CJK font). Only objects of such a font (``layer.blank_fonts``) count: a lone space has no glyph box either.
    pdfminer measures the declared widths and keeps them: see :func:`juesuan.ingest.pdf.read_pdf`."""
    raw = library()
    found = [0]
    l_, b_, r_, t_ = (ctypes.c_float() for _ in range(4))

    def walk(get_count, get_obj, holder, depth: int) -> None:
        for k in range(get_count(holder)):
            obj = get_obj(holder, k)
            kind = raw.FPDFPageObj_GetType(obj)
            if kind == raw.FPDF_PAGEOBJ_FORM and depth < 16:
                walk(raw.FPDFFormObj_CountObjects, raw.FPDFFormObj_GetObject, obj, depth + 1)
            elif kind == raw.FPDF_PAGEOBJ_TEXT and obj not in layer.seen:
                font = raw.FPDFTextObj_GetFont(obj)
                if (font in layer.blank_fonts
                        and raw.FPDFPageObj_GetBounds(obj, *(ctypes.byref(x) for x in (l_, b_, r_, t_)))
                        and r_.value - l_.value < 0.01):
                    found[0] += 1

    walk(raw.FPDFPage_CountObjects, raw.FPDFPage_GetObject, page.raw, 0)
    return found[0]


def _chars(raw, tp, geo: _Page, codes: list[int], layer: TextLayer | None = None) -> list[dict]:
    """The characters of text page ``tp`` (``codes``: its UTF-16 units) in page coordinates (see read_chars).
    On an unrotated page the coordinates are computed inline, as :meth:`_Page.xy` computes them (per character
    the ctypes calls dominate: ≈ 15 µs a character, a 20-page PDF has ~10,000)."""
    rect, mat = raw.FS_RECTF(), raw.FS_MATRIX()
    ox, oy, fv = ctypes.c_double(), ctypes.c_double(), ctypes.c_float()
    prect, pmat, pox, poy, pfv = (ctypes.byref(x) for x in (rect, mat, ox, oy, fv))
    get_obj, loose, origin = raw.FPDFText_GetTextObject, raw.FPDFText_GetLooseCharBox, raw.FPDFText_GetCharOrigin
    bx0, by0, _, _ = geo.box
    height = geo.height
    objects: dict[int | None, tuple] = {}
    widths: dict[tuple, float] = {}
    out = []
    for i, u in enumerate(codes):
        if 0xD800 <= u <= 0xDFFF:
            u = raw.FPDFText_GetUnicode(tp, i)
        ch = chr(u) if u else "\ufffd"
        if ch.isspace():
            continue
        key = obj = get_obj(tp, i)  # the object's address
        info = objects.get(key)
        if info is None:
            if layer is not None:
                _note(raw, tp, i, obj, layer)
            raw.FPDFText_GetMatrix(tp, i, pmat)
            upright = abs(mat.b) < 1e-9 and abs(mat.c) < 1e-9 and mat.a > 0 and mat.d > 0 and geo.rot == 0
            size = raw.FPDFText_GetFontSize(tp, i) * ((mat.b * mat.b + mat.d * mat.d) ** 0.5)
            font = raw.FPDFTextObj_GetFont(obj) if obj else None
            embedded, descent = True, 0.0
            if font and upright:
                embedded = bool(raw.FPDFFont_GetIsEmbedded(font))
                if not embedded and raw.FPDFFont_GetDescent(font, ctypes.c_float(size), pfv):
                    descent = fv.value
                else:
                    embedded = True
            info = objects[key] = (font, size, upright, embedded, descent, round(size, 4))
        font, size, upright, embedded, descent, shown = info
        if upright and not embedded:
            origin(tp, i, pox, poy)
            w = widths.get((key, u))
            if w is None:
                w = widths[(key, u)] = fv.value if raw.FPDFFont_GetGlyphWidth(font, u, ctypes.c_float(size), pfv) else 0.0
            left, right, base = ox.value, ox.value + w, oy.value + descent
        else:
            loose(tp, i, prect)
            left, right, base = rect.left, rect.right, rect.bottom
        if upright:  # (only on an unrotated page) _Page.xy at rotation 0, inline
            x0, top = round(left - bx0, 4), round(height - (base + size - by0), 4)
            x1, bottom = round(right - bx0, 4), round(height - (base - by0), 4)
        else:
            xa, ya = geo.xy(left, base)
            xb, yb = geo.xy(right, base + size)
            x0, x1, top, bottom = min(xa, xb), max(xa, xb), min(ya, yb), max(ya, yb)
        out.append({"text": ch, "x0": x0, "x1": x1, "top": top, "bottom": bottom, "size": shown,
                    "cid": u == 0 or u == 0xFFFD})
    return out


def _note(raw, tp, i: int, obj: int, layer: TextLayer) -> None:
    """Record text object ``obj`` (of character ``i``) in ``layer``, and its font when the PDF does not embed it
    and the character's tight box has no height (the substitute lacks the glyph: PDFium spans the declared
    width over a line of no height)."""
    layer.seen.add(obj)
    font = raw.FPDFTextObj_GetFont(obj) if obj else None
    if not font or font in layer.blank_fonts or raw.FPDFFont_GetIsEmbedded(font):
        return
    box = [ctypes.c_double() for _ in range(4)]  # left, right, bottom, top
    if raw.FPDFText_GetCharBox(tp, i, *(ctypes.byref(x) for x in box)) and box[3].value - box[2].value < 0.05:
        layer.blank_fonts.add(font)


def _mul(m: tuple, n: tuple) -> tuple:
    """Matrix product m·n of PDF matrices (a, b, c, d, e, f): apply m first, then n."""
    a, b, c, d, e, f = m
    A, B, C, D, E, F = n
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def read_edges(page, geo: _Page, path: str, pno: int, limits: Limits) -> tuple[list, list]:
    """The vertical and horizontal edges of the page's painted lines, rectangles and curves."""
    from .ruling import line_edges

    raw = library()

    v: list = []
    h: list = []
    count = [0]
    mat = raw.FS_MATRIX()
    fx, fy = ctypes.c_float(), ctypes.c_float()
    fill, stroke = ctypes.c_int(), ctypes.c_int()

    def shapes(obj, ctm: tuple) -> None:
        n = raw.FPDFPath_CountSegments(obj)
        if n <= 0:
            return
        raw.FPDFPath_GetDrawMode(obj, ctypes.byref(fill), ctypes.byref(stroke))
        if not stroke.value and not fill.value:
            return
        a, b, c, d, e, f = ctm
        sub: list[tuple[str, tuple[float, float]]] = []

        def paint() -> None:
            if sub:
                count[0] += 1
                if count[0] > limits.max_page_objects:
                    raise limits.exceeded(path, "max_page_objects", Msg("err.size_page_objects", page=pno,
                                                                        n=f"{limits.max_page_objects:,}"))
                kind, pts = _classify(sub)
                if kind:
                    for o, edge in line_edges(pts, kind):
                        (v if o == "v" else h).append(edge)

        bez = 0
        for i in range(n):
            seg = raw.FPDFPath_GetPathSegment(obj, i)
            t = raw.FPDFPathSegment_GetType(seg)
            if t == raw.FPDF_SEGMENT_BEZIERTO:
                bez += 1
                if bez % 3:
                    continue  # a curve's two control points: pdfminer keeps only where the curve ends
            raw.FPDFPathSegment_GetPoint(seg, ctypes.byref(fx), ctypes.byref(fy))
            x, y = fx.value, fy.value
            pt = geo.xy(a * x + c * y + e, b * x + d * y + f)
            if t == raw.FPDF_SEGMENT_MOVETO:
                paint()
                sub, bez = [("m", pt)], 0
            else:
                if not sub:
                    sub = [("x", pt)]  # a subpath not opened by m: painted as nothing, as pdfminer does
                sub.append(("l" if t == raw.FPDF_SEGMENT_LINETO else "c", pt))
            if raw.FPDFPathSegment_GetClose(seg) and sub:
                sub.append(("h", sub[0][1]))
        paint()

    def walk(get_count, get_obj, holder, ctm: tuple, depth: int) -> None:
        for k in range(get_count(holder)):
            obj = get_obj(holder, k)
            kind = raw.FPDFPageObj_GetType(obj)
            if kind not in (raw.FPDF_PAGEOBJ_PATH, raw.FPDF_PAGEOBJ_FORM):
                continue
            raw.FPDFPageObj_GetMatrix(obj, ctypes.byref(mat))
            m = _mul((mat.a, mat.b, mat.c, mat.d, mat.e, mat.f), ctm)
            if kind == raw.FPDF_PAGEOBJ_PATH:
                shapes(obj, m)
            elif depth < 16:
                walk(raw.FPDFFormObj_CountObjects, raw.FPDFFormObj_GetObject, obj, m, depth + 1)

    walk(raw.FPDFPage_CountObjects, raw.FPDFPage_GetObject, page.raw, (1.0, 0.0, 0.0, 1.0, 0.0, 0.0), 0)
    return v, h


def _classify(sub: list[tuple[str, tuple[float, float]]]) -> tuple[str | None, list]:
    """pdfminer's reading of one painted subpath: ("line" | "rect" | "curve", its points), or (None, [])."""
    shape = "".join(op for op, _ in sub)
    if not shape.startswith("m"):
        return None, []
    pts = [p for _, p in sub]
    if len(shape) > 3 and shape[-2:] == "lh" and pts[-2] == pts[0]:
        shape = shape[:-2] + "h"
        pts.pop()
    if shape in ("mlh", "ml"):
        return "line", pts[:2]
    if shape in ("mlllh", "mllll"):
        (x0, y0), (x1, y1), (x2, y2), (x3, y3), last = pts
        closed = pts[0] == last
        square = (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0)
        if closed and square:
            return "rect", [pts[0], pts[2]]
    return "curve", pts
