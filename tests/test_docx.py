"""Word drafts (.docx): the reader gives paragraphs and tables in document order, every table cell by cell
(merged header cells included) in the PDF grid model, and a generated .docx is checked like its PDF."""

from __future__ import annotations

import random

import pytest

from juesuan.checks import Config, check_document
from juesuan.pipeline import load_document
from juesuan.errors import InputError
from juesuan.ingest import read
from juesuan.ingest.model import Grid, Line
from juesuan.numbers import normalize
from juesuan.synth import draw_department, generate
from juesuan.synth.ir import Heading, Para, TableBlock
from juesuan.synth.render import build_doc, draw_options
from juesuan.synth.writers import _visible


def _ir(seed: int, style: str):
    rng = random.Random(f"render-{seed}-{style}-docx")
    return build_doc(draw_department(seed, style), draw_options(rng, style, "docx"), rng)


def _expected_grid(b: TableBlock) -> list[list[str | None]]:
    """The grid the reader must give: a horizontally covered slot None, a vertically covered slot the text of
    the cell its span starts in (in the span's first column), as for a PDF's ruled table."""
    hdr, spans = b.header_cells()
    body = [b.body_cells(i) for i in range(len(b.rows))]
    ncol = max([len(r) for r in hdr] + [len(r) for r in body])
    rows = [[normalize(c.replace("\n", "")) if c else "" for c in r] + [""] * (ncol - len(r)) for r in hdr]
    for (c0, r0), (c1, r1) in spans:
        text = rows[r0][c0]
        for r in range(r0, r1 + 1):
            for c in range(c0, c1 + 1):
                rows[r][c] = None if c > c0 else text
    if b.col_label:
        rows.append(list(b.col_label) + [""] * (ncol - len(b.col_label)))
    rows += [[normalize(c) for c in r] + [""] * (ncol - len(r)) for r in body]
    return rows


@pytest.mark.parametrize("seed,style", [(11, "henan"), (12, "shanghai")])
def test_docx_reader_cell_by_cell(tmp_path, seed, style):
    g = generate(seed, style, "docx", n_errors=0)
    path = tmp_path / "draft.docx"
    path.write_bytes(g.content)
    src = read(path)
    assert src.kind == "docx" and src.pages is None
    ir = _ir(seed, style)
    blocks = [b for b in _visible(ir) if isinstance(b, (Heading, Para, TableBlock))]
    grids = [x for x in src.items if isinstance(x, Grid)]
    tables = [b for b in blocks if isinstance(b, TableBlock)]
    assert len(grids) == len(tables) > 0
    for k, (grid, tb) in enumerate(zip(grids, tables), start=1):
        assert grid.table_no == k and grid.page is None
        assert grid.rows == _expected_grid(tb), tb.tid
        assert grid.row_lines == list(range(grid.line, grid.line + len(grid.rows)))
    # paragraphs in document order: every heading and paragraph of the IR, each a line of its own
    texts = [x.text for x in src.items if isinstance(x, Line)]
    prose = [normalize(b.text) for b in blocks if isinstance(b, (Heading, Para))]
    it = iter(texts)
    assert all(any(t == p for t in it) for p in prose)  # a subsequence, in order
    # locations: block numbers increase through the document, tables included
    nums = [x.line for x in src.items]
    assert nums == sorted(nums)
    # merged header cells are present (a horizontal and a vertical span somewhere)
    hdr_cells = [c for gr in grids for row in gr.rows[:3] for c in row]
    assert None in hdr_cells


@pytest.mark.parametrize("seed,style", [(11, "henan"), (12, "shanghai")])
def test_generated_docx_parses_like_the_ir_and_clean_has_no_errors(tmp_path, seed, style):
    g = generate(seed, style, "docx", n_errors=0)
    path = tmp_path / "draft.docx"
    path.write_bytes(g.content)
    doc = load_document(path)
    ir = _ir(seed, style)
    for key, kind in (("t03", "expense"), ("t05", "gpb_expense")):
        want = [c for c, *_ in ir.tables[key].rows if c.isdigit()]
        got = [r.code for r in doc.table(kind).rows if r.code]
        assert got == want, key
    assert doc.department == g.labels["department"] and doc.year == g.labels["year"]
    res = check_document(doc, Config())
    errors = [(f.rule, f.message) for f in res.findings if f.severity == "error"]
    assert errors == []
    assert res.summary["verified"] > 40


def test_docx_planted_error_found_with_paragraph_location(tmp_path):
    seed = next(s for s in range(40) if any(p["group"] == "narrative_table"
                                           for p in generate(s, "henan", "docx", n_errors=1).labels["planted"]))
    g = generate(seed, "henan", "docx", n_errors=1)
    path = tmp_path / "d.docx"
    path.write_bytes(g.content)
    doc = load_document(path)
    res = check_document(doc, Config())
    planted = g.labels["planted"][0]["text"].replace(" ", "")
    hits = [f for f in res.findings if f.severity in ("error", "warning") and
            (planted in f.text.replace(" ", "") or f.text.replace(" ", "") in planted)]
    assert hits
    loc = hits[0].location
    assert loc.page is None and loc.line > 0
    # the location is the paragraph's block number: the line item with that number holds the quoted text
    para = "".join(x.text for x in read(path).items if isinstance(x, Line) and x.line == loc.line)
    assert hits[0].text.replace(" ", "")[:10] in para.replace(" ", "")


def test_damaged_docx_is_unreadable(tmp_path):
    p = tmp_path / "bad.docx"
    p.write_bytes(b"PK\x03\x04" + b"\x00" * 200)
    with pytest.raises(InputError, match="docx"):
        read(p)
    q = tmp_path / "trunc.docx"
    q.write_bytes(generate(11, "henan", "docx").content[:3000])
    with pytest.raises(InputError):
        read(q)
