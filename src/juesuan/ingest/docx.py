"""Word input (.docx, python-docx): paragraphs and tables in document order.

A 部门决算 draft is usually a Word document before it becomes the published PDF. Its body is a sequence
of paragraphs and tables; each paragraph becomes :class:`~juesuan.ingest.model.Line` items (one per soft
line break inside it, the last one closing the paragraph), each table a
:class:`~juesuan.ingest.model.Grid`, so that tables reach the same grid path as a PDF's ruled tables.

Locations: a .docx has no pages that python-docx can see, so ``page`` is None and ``line`` is the block
number: the body's paragraphs (empty ones included) and table rows counted from 1 in document order, each
table row counting as one block (as a PDF grid row counts as one line). ``Grid.table_no`` numbers the
tables from 1.

Cells follow the PDF model: a cell's paragraphs are joined with no space; a slot covered by a horizontal
span (``gridSpan``) is None; a slot covered by a vertical span (``vMerge`` continue) repeats the text of the
cell the span starts in; layout-grid slots a row leaves empty before or after its cells are None.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError
from ..i18n import Msg
from ..numbers import normalize
from .model import Grid, Item, Line, Source

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _para_text(p) -> str:
    """A paragraph's text with soft line breaks as newlines (runs, tabs, hyperlinks included)."""
    out: list[str] = []
    for el in p.iter():
        tag = el.tag
        if tag == f"{_W}t":
            out.append(el.text or "")
        elif tag == f"{_W}tab":
            out.append(" ")
        elif tag in (f"{_W}br", f"{_W}cr"):
            out.append("\n")
    return "".join(out)


def _cell_text(tc) -> str:
    return "".join(normalize(_para_text(p).replace("\n", "").strip()) for p in tc.iter(f"{_W}p"))


def _root(tc):
    """The cell a vertical span starts in (``vMerge`` restart), for a ``vMerge`` continue cell."""
    seen = 0
    while tc.vMerge == "continue" and seen < 1000:
        above = tc._tc_above
        if above is None:
            break
        tc, seen = above, seen + 1
    return tc


def _grid_rows(tbl) -> list[list[str | None]]:
    rows: list[list[str | None]] = []
    for tr in tbl.tr_lst:
        row: list[str | None] = [None] * tr.grid_before
        for tc in tr.tc_lst:
            try:
                src = _root(tc) if tc.vMerge == "continue" else tc
            except Exception:  # noqa: BLE001 - a malformed span: read the cell as it is
                src = tc
            row.append(_cell_text(src))
            row.extend([None] * (tc.grid_span - 1))
        rows.append(row)
    width = max((len(r) for r in rows), default=0)
    return [r + [None] * (width - len(r)) for r in rows]


def read_docx(path: str | Path, data: bytes | None = None) -> Source:
    import io

    p = Path(path)
    try:
        import docx  # python-docx
        from docx.oxml.table import CT_Tbl
        from docx.oxml.text.paragraph import CT_P

        document = docx.Document(io.BytesIO(data) if data is not None else str(p))
        body = document.element.body
    except ImportError:  # pragma: no cover - python-docx is a dependency
        raise InputError(Msg("err.docx_missing", name=path)) from None
    except Exception:  # noqa: BLE001 - python-docx and lxml raise many kinds on a damaged file
        raise InputError(Msg("err.docx_damaged", name=path)) from None
    items: list[Item] = []
    block = 0
    table_no = 0
    try:
        for el in body.iterchildren():
            if isinstance(el, CT_P):
                block += 1
                pieces = [normalize(x.strip()) for x in _para_text(el).split("\n")]
                pieces = [x for x in pieces if x]
                for k, t in enumerate(pieces):
                    items.append(Line(text=t, page=None, line=block, continues=k < len(pieces) - 1))
            elif isinstance(el, CT_Tbl):
                table_no += 1
                rows = _grid_rows(el)
                if not rows:
                    continue
                first = block + 1
                block += len(rows)
                items.append(Grid(rows=rows, page=None, line=first, row_lines=list(range(first, first + len(rows))),
                                  row_pages=[None] * len(rows), table_no=table_no))
    except InputError:
        raise
    except Exception:  # noqa: BLE001 - as above, while walking the body
        raise InputError(Msg("err.docx_body", name=path)) from None
    if not any(isinstance(x, Line) for x in items) and not any(isinstance(x, Grid) for x in items):
        raise InputError(Msg("err.empty", name=path))
    return Source(path=str(path), kind="docx", items=items, pages=None)
