"""PDF input: ruled tables as cell grids, running text as lines rebuilt from the layout characters.

Two engines read a page's characters and ruling lines: PDFium (pypdfium2, :mod:`.pdfium`, the default: about
ten times faster) and pdfplumber (pdfminer; ``engine="pdfplumber"``, kept as a fallback and for comparison).
Both give the same things — characters with boxes and sizes in pdfplumber's page coordinates, and ruled tables
(pdfplumber's ``find_tables()``, or the same algorithm on PDFium's path objects in :mod:`.ruling`) — and the
rest of this module is the same for both.

Per page, the ruled tables each become a :class:`~juesuan.ingest.model.Grid`. Every other character
is grouped into lines by its vertical position and ordered by x. No text comes from ``extract_text``:
CJK prose has no spaces, so a space is put only where the gap between two characters is wider than a
character (numbers like "307.82" therefore stay whole). Lines and grids are emitted in reading order
(top to bottom); line numbers count per page from 1, a grid row counting as one line.

Cells: a multi-line cell is joined with no space ("本年支出合\\n计" → "本年支出合计"). A slot covered by a
merged cell that starts in the same row further left is None (a horizontal span); a slot covered by a
merged cell starting in a row above repeats that cell's text (a vertical span), so that a header label
can be read down each column.
"""

from __future__ import annotations

import bisect
import io
import logging
import signal
import threading
import time
import warnings
import zlib
from collections.abc import Callable
from pathlib import Path

import regex as re

from ..catalogue import match_title
from ..errors import InputError
from ..i18n import Msg
from ..numbers import normalize
from ..patterns import footer_re
from .limits import Limits
from .model import Grid, Item, Line, Source

_PAGE_NO_RE = re.compile(r"^[-—–－]?\s*\d{1,3}\s*[-—–－]?$")
_CJK_SPACE_RE = re.compile(r"(?<=[^\x00-\x7f]) +(?=[^\x00-\x7f])")


class _Guard:
    """Bounds one PDF read: decompressed stream size, time per page, and the PDF library's log output.

    pdfminer inflates every stream whole (``zlib.decompress``): a 400 KB file can inflate to gigabytes. While
    the guard is active, pdfminer's ``zlib`` is a shim that inflates at most ``max_stream_mb`` per stream and
    raises past it. pdfminer/pdfplumber log records are captured (counted, kept for ``--debug``), not printed.
    A page taking longer than ``max_page_seconds`` is stopped by an interval timer (main thread only;
    elsewhere the time is checked after the page).
    """

    def __init__(self, path: str, limits: Limits, pdfminer: bool = True):
        self.path, self.limits, self.pdfminer = path, limits, pdfminer
        self.tripped: InputError | None = None
        self.records: list[str] = []
        self.page = 0

    # -- zlib shim ---------------------------------------------------------------------------------
    def _trip(self, err: InputError):
        self.tripped = self.tripped or err
        raise err

    def _cap(self) -> int:
        return int(self.limits.max_stream_mb * 1024 * 1024)

    def decompress(self, data, *args, **kw):
        d = zlib.decompressobj()
        out = d.decompress(data, self._cap() + 1)
        if len(out) > self._cap():
            self._trip(self.limits.exceeded(self.path, "max_stream_mb", Msg("err.size_stream")))
        if not d.eof:
            raise zlib.error("incomplete or truncated stream")
        return out

    def decompressobj(self, *args, **kw):
        guard, inner, total = self, zlib.decompressobj(*args, **kw), [0]

        class _Obj:
            def decompress(self, data, max_length=0):
                out = inner.decompress(data, max_length) if max_length else inner.decompress(data)
                total[0] += len(out)
                if total[0] > guard._cap():
                    guard._trip(guard.limits.exceeded(guard.path, "max_stream_mb", Msg("err.size_stream")))
                return out

            def __getattr__(self, name):
                return getattr(inner, name)

        return _Obj()

    def __getattr__(self, name):  # zlib.error, constants, …
        return getattr(zlib, name)

    # -- page timer --------------------------------------------------------------------------------
    def _alarm(self, signum, frame):
        self._trip(
            self.limits.exceeded(self.path, "max_page_seconds", Msg("err.size_page_time", page=self.page, seconds=f"{self.limits.max_page_seconds:g}"))
        )

    def start_page(self, pno: int) -> None:
        self.page, self.t0 = pno, time.monotonic()
        self.nchars = self.npaths = 0
        if self._timer:
            signal.setitimer(signal.ITIMER_REAL, self.limits.max_page_seconds)

    def end_page(self) -> None:
        if self._timer:
            signal.setitimer(signal.ITIMER_REAL, 0)
        if time.monotonic() - self.t0 > self.limits.max_page_seconds:
            self._trip(
                self.limits.exceeded(self.path, "max_page_seconds", Msg("err.size_page_time", page=self.page, seconds=f"{self.limits.max_page_seconds:g}"))
            )

    # -- context -----------------------------------------------------------------------------------
    # -- objects per page (pdfminer: counted as the page is parsed, before its layout is built) ----------
    def count(self, kind: str) -> None:
        if kind == "char":
            self.nchars += 1
            if self.nchars > self.limits.max_page_chars:
                self._trip(self.limits.exceeded(self.path, "max_page_chars", Msg(
                    "err.size_page_chars_more", page=self.page, n=f"{self.limits.max_page_chars:,}")))
        else:
            self.npaths += 1
            if self.npaths > self.limits.max_page_objects:
                self._trip(self.limits.exceeded(self.path, "max_page_objects", Msg(
                    "err.size_page_objects", page=self.page, n=f"{self.limits.max_page_objects:,}")))

    def _patch_pdfminer(self) -> None:
        import pdfminer.pdftypes
        from pdfplumber.page import PDFPageAggregatorWithMarkedContent as Agg

        self._zlib = pdfminer.pdftypes.zlib
        # the guard stands in for the zlib module pdfminer inflates streams with (same two functions)
        pdfminer.pdftypes.zlib = self  # type: ignore[assignment]
        guard = self
        self._agg = (Agg, Agg.render_char, Agg.paint_path)
        render_char, paint_path = Agg.render_char, Agg.paint_path

        def counted_char(agg, *a, **kw):
            guard.count("char")
            return render_char(agg, *a, **kw)

        def counted_path(agg, *a, **kw):
            guard.count("path")
            return paint_path(agg, *a, **kw)

        setattr(Agg, "render_char", counted_char)  # noqa: B010 - patched for the read, restored in __exit__
        setattr(Agg, "paint_path", counted_path)  # noqa: B010

    def __enter__(self):
        guard = self
        if self.pdfminer:
            self._patch_pdfminer()

        class _Capture(logging.Handler):
            def emit(self, record):
                if len(guard.records) < 1000:
                    guard.records.append(f"{record.name}: {record.getMessage()}"[:300])
                else:
                    guard.records[-1] = "… (more)"

        self._handler = _Capture(logging.DEBUG)
        self._loggers = []
        for name in ("pdfminer", "pdfplumber"):
            lg = logging.getLogger(name)
            self._loggers.append((lg, lg.propagate, lg.level))
            lg.addHandler(self._handler)
            lg.propagate = False
            lg.setLevel(logging.WARNING)
        self._warn = warnings.catch_warnings(record=True)
        self._caught = self._warn.__enter__()
        warnings.simplefilter("always")
        self._timer = threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer")
        if self._timer:
            self._old_alarm = signal.signal(signal.SIGALRM, self._alarm)
        return self

    def __exit__(self, *exc):
        if self._timer:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self._old_alarm)
        if self.pdfminer:
            import pdfminer.pdftypes

            pdfminer.pdftypes.zlib = self._zlib
            agg, render_char, paint_path = self._agg
            setattr(agg, "render_char", render_char)  # noqa: B010
            setattr(agg, "paint_path", paint_path)  # noqa: B010
        for lg, prop, level in self._loggers:
            lg.removeHandler(self._handler)
            lg.propagate, lg.level = prop, level
        self._warn.__exit__(*exc)
        self.records += [f"warning: {w.message}"[:300] for w in self._caught]
        return False

    def summary(self) -> list[str | Msg]:
        if not self.records:
            return []
        return [Msg("err.pdf_problems", name=self.path, n=len(self.records))]


def _open(path: Path, data: bytes | None = None):
    import pdfplumber

    try:
        pdf = pdfplumber.open(io.BytesIO(data) if data is not None else path)
        pages = pdf.pages
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001 - pdfminer wraps its errors; classify by name and message
        raise InputError(Msg(_describe(exc), name=path)) from None
    return pdf, pages


def _describe(exc: BaseException) -> str:
    chain: list[BaseException] = []
    e: BaseException | None = exc
    while e is not None and e not in chain:
        chain.append(e)
        e = e.__cause__ or e.__context__
    words = " ".join(f"{type(x).__name__} {x}" for x in chain).lower()
    if "password" in words or "encrypt" in words or "crypt" in words:
        return "err.pdf_encrypted"
    return "err.pdf_damaged"


ENGINES = ("pdfium", "pdfplumber")
DEFAULT_ENGINE = "pdfium"


def read_pdf(path: Path, limits: Limits | None = None, data: bytes | None = None, engine: str | None = None) -> Source:
    """Read a PDF (from ``path``, or from ``data`` when given) within ``limits`` with ``engine``: "pdfium",
    "pdfplumber", or None — PDFium, unless a Flate stream of the file is damaged: PDFium drops such a stream
    whole, pdfminer keeps what inflates of it, so the file is read with pdfplumber (the report names the
    engine); likewise when PDFium's text layer left out text objects (:func:`.pdfium.left_out`: lone characters
    of a font the PDF does not embed, on a machine without a font of their script). See :class:`_Guard` for the
    bounds."""
    path = Path(path)
    limits = limits or Limits()
    if engine not in (None, *ENGINES):
        raise InputError(Msg("err.engine_unknown", name=path, value=repr(engine), known=", ".join(ENGINES)))
    if data is None:
        data = path.read_bytes()
    notes: list[str] = []
    if engine != "pdfplumber":
        from .pdfium import check_streams

        damaged = check_streams(data, str(path), limits)
        if damaged and engine is None:
            # PDFium drops a damaged stream whole (text, fonts or all of a page); pdfminer keeps what inflates
            engine = "pdfplumber"
            notes.append(f"{damaged} damaged stream(s): read with pdfplumber, which keeps what inflates of them")
    engine = engine or DEFAULT_ENGINE
    left_out: list[int] = []  # pages PDFium's text layer left characters out of (read by pdfminer instead)
    pages, guard = _read_with(engine, path, data, limits, notes, left_out)
    why = [f"page {p}: text objects in a font the PDF does not embed left out of PDFium's text layer (no font of "
           "their script on this machine): read with pdfminer, which keeps them" for p in left_out]
    if not pages:
        raise InputError(Msg("err.pdf_no_pages", name=path))
    items = [it for page_items, _, _ in pages for it in page_items]
    nchars = sum(n for _, n, _ in pages)
    ncid = sum(c for _, _, c in pages)
    if nchars == 0:
        raise InputError(Msg("err.pdf_no_text", name=path))
    if ncid * 2 > nchars:
        raise InputError(Msg("err.pdf_no_unicode", name=path))
    return Source(path=str(path), kind="pdf", items=items, pages=len(pages), warnings=guard.summary(),
                  debug=guard.records + why, engine=engine)


_PageResult = tuple[list[Item], int, int]


def _read_with(engine: str, path: Path, data: bytes, limits: Limits, notes: list[str],
               left_out: list[int]) -> tuple[list[_PageResult], _Guard]:
    """Every page read by ``engine`` under a guard of its own (``left_out``: the pages whose text objects PDFium's
    text layer dropped, see :func:`.pdfium.left_out`)."""
    guard = _Guard(str(path), limits, pdfminer=engine == "pdfplumber")
    guard.records += notes
    with guard:
        pages = (_read_pdfium(path, data, limits, guard, left_out) if engine == "pdfium"
                 else _read_pdfplumber(path, data, limits, guard))
        if guard.tripped is not None:  # tripped inside the library, which swallowed the exception
            raise guard.tripped
    return pages, guard


def _read_pdfplumber(path: Path, data: bytes, limits: Limits, guard: _Guard) -> list[_PageResult]:
    try:
        pdf, pages = _open(path, data)
    except InputError as exc:
        raise (guard.tripped or exc) from None

    def page(pno: int) -> _PageResult:
        p = pages[pno - 1]
        got = _plumber_page(p, pno, limits, str(path))
        p.flush_cache()
        return got

    return _each_page(path, len(pages), page, pdf.close, limits, guard,
                      lambda exc: Msg(_describe(exc), name=path))


def _each_page(path: Path, n: int, read_page: Callable[[int], _PageResult], close: Callable[[], None],
               limits: Limits, guard: _Guard, failure: Callable[[Exception], Msg]) -> list[_PageResult]:
    """Every page read by ``read_page`` under the guard, for either engine: the page bound first, a tripped guard
    (time, characters, objects) wins over what it made fail, any other failure inside a page is one InputError
    (``failure``); the document is closed whatever happens."""
    out: list[_PageResult] = []
    try:
        if n > limits.max_pages:
            raise limits.exceeded(str(path), "max_pages", Msg("err.size_pages", n=n))
        for pno in range(1, n + 1):
            guard.start_page(pno)
            out.append(read_page(pno))
            guard.end_page()
    except InputError as exc:
        raise (guard.tripped or exc) from None
    except Exception as exc:  # noqa: BLE001 - any failure inside a page becomes one InputError
        if guard.tripped is not None:
            raise guard.tripped from None
        raise InputError(failure(exc)) from None
    finally:
        if guard._timer:
            signal.setitimer(signal.ITIMER_REAL, 0)
        close()
    return out


def _plumber_page(page, pno: int, limits: Limits, path: str) -> _PageResult:
    chars = [c for c in page.chars if c["text"] and not c["text"].isspace()]
    if not chars:
        return [], 0, 0
    cid = sum(1 for c in chars if c["text"].startswith("(cid:"))
    _bound_crossings(page.edges, limits, path, pno)
    return _assemble(chars, page.find_tables(), pno), len(chars), cid


def _bound_crossings(edges: list[dict], limits: Limits, path: str, pno: int) -> None:
    """pdfplumber's table finder is quadratic in the crossings of the ruling lines: bound them first."""
    from .ruling import TooManyCrossings, count_crossings

    v = [(e["x0"], e["top"], e["x1"], e["bottom"]) for e in edges if e["orientation"] == "v"]
    h = [(e["x0"], e["top"], e["x1"], e["bottom"]) for e in edges if e["orientation"] == "h"]
    try:
        count_crossings(v, h, 10 * limits.max_page_objects)
    except TooManyCrossings:
        raise _crossings_error(limits, path, pno) from None


def _crossings_error(limits: Limits, path: str, pno: int) -> InputError:
    return limits.exceeded(path, "max_page_objects", Msg("err.size_crossings", page=pno,
                                                         n=f"{10 * limits.max_page_objects:,}"))


def _read_pdfium(path: Path, data: bytes, limits: Limits, guard: _Guard, left_out: list[int]) -> list[_PageResult]:
    """Every page read by PDFium, except a page whose text layer left out text objects that hold a glyph
    (:func:`.pdfium.left_out`: lone characters of a font the PDF does not embed, on a machine without a font of
    their script): pdfminer reads that page, from the widths the PDF declares (the number goes to ``left_out``)."""
    from . import pdfium

    pdf = pdfium.open_pdf(data, str(path))
    plumber: list = []  # (pdf, pages) of pdfplumber, opened at the first page PDFium cannot read whole

    def page(pno: int) -> _PageResult:
        got, whole = _pdfium_page(pdf, pno, limits, str(path))
        if whole:
            return got
        if not plumber:
            plumber.append(_open(path, data))
        p = plumber[0][1][pno - 1]
        other = _plumber_page(p, pno, limits, str(path))
        p.flush_cache()
        if other[2] > got[2]:
            return got  # pdfminer cannot map the text (an owner-password PDF: every character a (cid:N))
        left_out.append(pno)
        return other

    def close() -> None:
        pdf.close()
        if plumber:
            plumber[0][0].close()

    return _each_page(path, len(pdf), page, close, limits, guard,
                      lambda exc: Msg("err.pdf_damaged_why", name=path, why=type(exc).__name__))


def _pdfium_page(pdf, pno: int, limits: Limits, path: str) -> tuple[_PageResult, bool]:
    """Page ``pno`` read by PDFium, and whether its text layer holds every text object (see :func:`_read_pdfium`)."""
    from . import pdfium
    from .ruling import TooManyCrossings, find_tables

    page = pdf[pno - 1]
    try:
        geo = pdfium._Page(page)
        layer = pdfium.TextLayer()
        chars = pdfium.read_chars(page, geo, path, pno, limits, layer)
        whole = not pdfium.left_out(page, layer)
        if not chars:
            return ([], 0, 0), whole
        cid = sum(1 for c in chars if c["cid"])
        v, h = pdfium.read_edges(page, geo, path, pno, limits)
        try:
            tables = find_tables(v, h, 10 * limits.max_page_objects)
        except TooManyCrossings:
            raise _crossings_error(limits, path, pno) from None
        return (_assemble(chars, tables, pno), len(chars), cid), whole
    finally:
        page.close()


# ------------------------------------------------------------------------------------------------


def _unframed(tables: list) -> list:
    """The tables without their frame: a "cell" that holds other cells of its table is a rectangle drawn around
    the table and its title (江苏 预算 tables printed in two files), not a cell — kept, every character of the page
    fell into it and the table was one cell of page text. The table is then its other cells (the title and unit
    lines above them are running text again)."""
    from .ruling import Table as RuledTable

    out = []
    for t in tables:
        cells = [c for r in t.rows for c in r.cells if c is not None]

        def holds(c: tuple, cells: list[tuple] = cells) -> bool:
            return sum(1 for o in cells if o is not c and c[0] - 0.5 <= o[0] and o[2] <= c[2] + 0.5
                       and c[1] - 0.5 <= o[1] and o[3] <= c[3] + 0.5) >= 2

        inner = [c for c in cells if not holds(c)]
        out.append(RuledTable(inner) if 2 <= len(inner) < len(cells) else t)
    return out


def _assemble(chars: list[dict], tables: list, pno: int) -> list[Item]:
    """The page's lines and grids in reading order, from its (non-blank) characters and its ruled tables."""
    tables = _unframed(tables)
    boxes = [t.bbox for t in tables]

    def inside(c: dict, box: tuple) -> bool:
        x = (c["x0"] + c["x1"]) / 2
        y = (c["top"] + c["bottom"]) / 2
        return box[0] <= x <= box[2] and box[1] <= y <= box[3]

    free = [c for c in chars if not any(inside(c, b) for b in boxes)]
    lines = _group_lines(free)

    # page furniture: footers/headers, and a lone page number at the very top or bottom
    fre = footer_re()
    kept = []
    for k, ln in enumerate(lines):
        t = normalize(ln["text"]).strip()
        if fre.match(t):
            continue
        if (k == 0 or k == len(lines) - 1) and _PAGE_NO_RE.match(t) and (len(lines) > 1 or tables):
            continue
        kept.append(ln)
    lines = kept

    margin = max((ln["x1"] for ln in lines), default=0.0)
    entries: list[tuple[float, object]] = [(ln["top"], ln) for ln in lines]
    entries += [(t.bbox[1], t) for t in tables]
    entries.sort(key=lambda e: e[0])

    out: list[Item] = []
    no = 0
    for _, e in entries:
        if isinstance(e, dict):
            no += 1
            cont = e["x1"] >= margin - 1.5 * e["size"]
            out.append(Line(text=normalize(e["text"]), page=pno, line=no, continues=cont))
        else:
            rows = _grid_rows(e, chars)
            while rows and _is_caption(rows[0]):
                # a title or unit line ruled into the top of the table is a line of text; a cell holding the title
                # and the 部门/单位 line (its lines joined) is two lines: "收支预算总表" | "部门：…单位：万元"
                for piece in _CAPTION_SPLIT_RE.split(next(x for x in rows[0] if x)):
                    if piece.strip():
                        no += 1
                        out.append(Line(text=piece.strip(), page=pno, line=no))
                rows = rows[1:]
            if not rows:
                continue
            first = no + 1
            no += len(rows)
            out.append(
                Grid(
                    rows=rows,
                    page=pno,
                    line=first,
                    row_lines=list(range(first, first + len(rows))),
                    row_pages=[pno] * len(rows),
                )
            )
    return out


_CAPTION_SPLIT_RE = re.compile(r"(?<=表)(?=(?:编制)?(?:部门|单位)(?:名称)?\s*[:：])")


def _is_caption(row: list[str | None]) -> bool:
    """A top grid row that is one cell across the table holding a table title or a unit/department line."""
    texts = [x for x in row if x]
    if len(texts) != 1 or len(row) < 2 or any(x == "" for x in row):
        return False
    t = texts[0]
    return match_title(t) is not None or bool(re.search(r"单位\s*[:：]\s*(?:万元|元)|^(?:部门|单位|编制单位)(?:名称)?\s*[:：]", t))


def _group_lines(chars: list[dict]) -> list[dict]:
    """Characters → lines: same line when the vertical centres are within half a character height."""
    lines: list[dict] = []
    for c in sorted(chars, key=lambda c: (round(c["top"], 1), c["x0"])):
        mid = (c["top"] + c["bottom"]) / 2
        h = max(c["bottom"] - c["top"], 1.0)
        for ln in reversed(lines[-3:]):
            if abs(ln["mid"] - mid) <= h / 2:
                ln["chars"].append(c)
                break
        else:
            lines.append({"mid": mid, "chars": [c]})
    out = []
    for ln in lines:
        cs = sorted(ln["chars"], key=lambda c: c["x0"])
        out.append(
            {
                "text": _join_chars(cs),
                "top": min(c["top"] for c in cs),
                "x1": max(c["x1"] for c in cs),
                "size": max(c["x1"] - c["x0"] for c in cs),
            }
        )
    out.sort(key=lambda ln: ln["top"])
    return out


def _join_chars(cs: list[dict]) -> str:
    """Characters of one line, left to right; a space only where the gap exceeds a character's width."""
    parts: list[str] = []
    prev = None
    for c in cs:
        if prev is not None:
            if c["text"] == prev["text"] and abs(c["x0"] - prev["x0"]) < 0.3 * max(c["x1"] - c["x0"], 1.0):
                continue  # "fake bold": the same glyph printed twice, slightly offset
            gap = c["x0"] - prev["x1"]
            width = max(min(c["x1"] - c["x0"], prev["x1"] - prev["x0"]), c.get("size", 0) / 2, 1.0)
            if gap > width:
                parts.append(" ")
        parts.append(c["text"])
        prev = c
    return "".join(parts)


def _cell_text(chars: list[dict]) -> str:
    if not chars:
        return ""
    lines = _group_lines(chars)
    text = "".join(ln["text"] for ln in lines)
    return normalize(_CJK_SPACE_RE.sub("", text)).strip()


class _CellIndex:
    """The first cell (in the given order) holding a point, found through the cells sorted into horizontal
    bands: a table of n cells costs n log n to index, not n per character (a 1,100-row table took 26 s)."""

    def __init__(self, cells: list[tuple]):
        self.cells = cells
        self.ys = sorted({c[1] for c in cells} | {c[3] for c in cells})
        self.bands: list[list[int]] = [[] for _ in self.ys]
        for k, c in enumerate(cells):
            lo = bisect.bisect_left(self.ys, c[1])
            hi = bisect.bisect_left(self.ys, c[3])
            for b in range(lo, hi):
                self.bands[b].append(k)  # in cell order: the first match is the lowest index

    def at(self, x: float, y: float) -> tuple | None:
        b = bisect.bisect_right(self.ys, y) - 1
        if b < 0:
            return None
        for k in self.bands[b]:
            c = self.cells[k]
            if c[0] <= x < c[2] and c[1] <= y < c[3]:
                return c
        return None


def _grid_rows(table, chars: list[dict]) -> list[list[str | None]]:
    """The table's cells as text; see the module docstring for merged cells."""
    rows = table.rows
    if not rows:
        return []
    cells = [c for r in rows for c in r.cells if c is not None]
    col_x = sorted({c[0] for c in cells})  # pdfplumber's column order: distinct x0, ascending
    row_y = sorted({c[1] for c in cells})  # and row order: distinct tops
    x1 = table.bbox[2]
    y1 = table.bbox[3]

    # one pass over the characters: each goes to the (first) cell holding its centre
    texts: dict[tuple, list[dict]] = {c: [] for c in cells}
    bx = table.bbox
    holder = _CellIndex(cells)
    for ch in chars:
        x = (ch["x0"] + ch["x1"]) / 2
        y = (ch["top"] + ch["bottom"]) / 2
        if not (bx[0] <= x < bx[2] and bx[1] <= y < bx[3]):
            continue
        c = holder.at(x, y)
        if c is not None:
            texts[c].append(ch)
    text_of = {c: _cell_text(v) for c, v in texts.items()}

    out: list[list[str | None]] = []
    for r, row in enumerate(rows):
        cy0 = row_y[r] if r < len(row_y) else row.bbox[1]
        cy1 = row_y[r + 1] if r + 1 < len(row_y) else y1
        cy = (cy0 + cy1) / 2
        vals: list[str | None] = []
        for ci, c in enumerate(row.cells):
            if c is not None:
                vals.append(text_of[c])
                continue
            cx0 = col_x[ci] if ci < len(col_x) else None
            if cx0 is None:
                vals.append(None)
                continue
            cx1 = col_x[ci + 1] if ci + 1 < len(col_x) else x1
            cx = (cx0 + cx1) / 2
            cover = holder.at(cx, cy)
            if cover is not None and cover[1] < cy0 - 0.5 and cover[0] >= cx0 - 0.5:
                vals.append(text_of[cover])  # a vertical span from the row above
            else:
                vals.append(None)
        out.append(vals)
    return out
