"""Serialize the IR as seed-style .txt (pdf-extraction look) or as a real .pdf (reportlab)."""
from __future__ import annotations

import io
import random
from typing import Any

from .ir import Heading, PageBreak, Para, TableBlock
from .lines import wrap
from .render_base import Doc


def _visible(doc: Doc):
    prev_break = True
    for b in doc.blocks:
        if isinstance(b, Para) and b.hidden:
            continue
        if isinstance(b, PageBreak):
            if prev_break:
                continue
            prev_break = True
        else:
            prev_break = False
        yield b


def tid_txt(t: str) -> str:
    return t.replace("公开", "公开 ").replace("表", " 表") if t.startswith("公开") else t


# ---------------------------------------------------------------------------- txt
def to_txt(doc: Doc, rng: random.Random) -> bytes:
    o = doc.opts
    pages: list[list[str]] = [[]]

    def newpage():
        if pages[-1]:
            pages.append([])

    def add(line: str):
        if len(pages[-1]) >= o.page_lines:
            pages.append([])
        pages[-1].append(line)

    for b in _visible(doc):
        if isinstance(b, PageBreak):
            newpage()
        elif isinstance(b, Heading):
            for ln in wrap(b.text, o.width):
                add(ln)
        elif isinstance(b, Para):
            for ln in wrap(b.text, o.width, o.width - 4 if b.indent else None):
                add(ln)
        elif isinstance(b, TableBlock):
            if b.caption:
                add(b.caption)
            else:
                add(b.title)
                add(tid_txt(b.tid))
            add(f"{b.dept_line} {b.unit_line}".strip())
            hdr, _ = b.header_cells()
            for row in hdr:
                cells = [c for c in row if c]
                if cells:
                    add(" ".join(cells))
            if b.col_label:
                add(" ".join(b.col_label))
            for i in range(len(b.rows)):
                for t in b.row_lines(i):
                    add(t)
            for n in b.notes:
                for ln in wrap(n, o.width * 2):
                    add(ln)
    out = []
    for pi, page in enumerate(pages):
        for li, line in enumerate(page):
            pre = " " if (pi > 0 and li == 0) else ""
            out.append(pre + line + "\n\n")
        if pi < len(pages) - 1 and rng.random() < o.footer_prob:
            out.append(f"\n\n- {pi + 1} -\n\n")
    return "".join(out).encode("utf-8")


# ---------------------------------------------------------------------------- pdf
_FONT_OK = False


def _font():
    global _FONT_OK
    if not _FONT_OK:
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.cidfonts import UnicodeCIDFont
        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
        _FONT_OK = True
    return "STSong-Light"


def _cell_wrap(s: str, width_pt: float, size: float) -> str:
    units = max(4, int(width_pt / (size * 0.5)) - 1)
    out = []
    for part in s.split("\n"):
        out.extend(wrap(part, units) or [""])
    return "\n".join(out)


def to_pdf(doc: Doc, rng: random.Random) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import Flowable, SimpleDocTemplate
    from reportlab.platypus import PageBreak as RLPageBreak

    font = _font()
    o = doc.opts
    W = A4[0]
    margin = 56
    avail = W - 2 * margin
    size = min(15.0, avail / o.cpl)
    units = o.cpl * 2

    class Line(Flowable):
        def __init__(self, text, fs, align="left", lead=1.55):
            super().__init__()
            self.text, self.fs, self.align, self.lead = text, fs, align, lead

        def wrap(self, aw, ah):
            return avail, self.fs * self.lead

        def draw(self):
            c = self.canv
            c.setFont(font, self.fs)
            y = self.fs * (self.lead - 1) / 2 + 1
            if self.align == "center":
                c.drawCentredString(avail / 2, y, self.text)
            elif self.align == "right":
                c.drawRightString(avail, y, self.text)
            else:
                c.drawString(0, y, self.text)

    story: list[Any] = []  # reportlab flowables
    for b in _visible(doc):
        if isinstance(b, PageBreak):
            if story:
                story.append(RLPageBreak())
        elif isinstance(b, Heading):
            fs = {0: size * 1.4, 1: size * 1.2}.get(b.level, size)
            al = "center" if b.level <= 1 else "left"
            for ln in wrap(b.text, int(avail / fs * 2)):
                story.append(Line(ln, fs, al))
        elif isinstance(b, Para):
            for ln in wrap(b.text, units, units - 4 if b.indent else None):
                story.append(Line(ln, size))
        elif isinstance(b, TableBlock):
            story.extend(_pdf_table(b, avail, font, size, Line))
    footer_dash = o.style == "henan"

    def on_page(c, d):
        if not getattr(o, "page_numbers", True):
            return
        c.setFont(font, 9)
        n = d.page
        c.drawCentredString(W / 2, 28, f"- {n} -" if footer_dash else str(n))

    buf = io.BytesIO()
    sd = SimpleDocTemplate(buf, pagesize=A4, leftMargin=margin, rightMargin=margin, topMargin=56,
                           bottomMargin=50, invariant=1, title=getattr(o, "doc_title", "") or "部门决算", author="juesuan.synth")
    sd.build(story, onFirstPage=on_page, onLaterPages=on_page)
    return buf.getvalue()


def _pdf_table(b: TableBlock, avail: float, font: str, size: float, Line) -> list[Any]:
    """The flowables of one table block: caption, department and unit lines, the table, its notes."""
    from reportlab.platypus import Table, TableStyle

    out: list[Any] = []
    out.append(Line(b.caption or b.title, size * 1.1, "center"))
    if b.dept_line:
        out.append(Line(b.dept_line, 8, "left", 1.4))
    out.append(Line(b.unit_line, 8, "right", 1.4))
    hdr, spans = b.header_cells()
    ncol = len(hdr[0]) if hdr else len(b.body_cells(0))
    widths = list(b.widths)
    if b.split_codes and b.code_col is not None:
        k = b.code_col
        widths = widths[:k] + [widths[k] * 0.45] * 3 + widths[k + 1:]
    tw = sum(widths)
    cols = [avail * w / tw for w in widths]
    fs = 7.5 if ncol <= 6 else (6.5 if ncol <= 9 else 5.5)
    data = [[_cell_wrap(c or "", cols[j], fs) if c else "" for j, c in enumerate(r)] for r in hdr]
    if b.col_label:
        data.append(list(b.col_label))
    nh = len(data)
    for i in range(len(b.rows)):
        data.append([_cell_wrap(c, cols[j], fs) for j, c in enumerate(b.body_cells(i))])
    st = [("FONTNAME", (0, 0), (-1, -1), font), ("FONTSIZE", (0, 0), (-1, -1), fs),
          ("LEADING", (0, 0), (-1, -1), fs * 1.2), ("GRID", (0, 0), (-1, -1), 0.5, (0, 0, 0)),
          ("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("ALIGN", (0, 0), (-1, nh - 1), "CENTER"),
          ("TOPPADDING", (0, 0), (-1, -1), 1.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
          ("LEFTPADDING", (0, 0), (-1, -1), 2), ("RIGHTPADDING", (0, 0), (-1, -1), 2)]
    for (c0, r0), (c1, r1) in spans:
        st.append(("SPAN", (c0, r0), (c1, r1)))
    if len(data) == nh:
        data.append([""] * ncol)
    t = Table(data, colWidths=cols, repeatRows=0)
    t.setStyle(TableStyle(st))
    out.append(t)
    for n in b.notes:
        for ln in wrap(n, int(avail / 8 * 2)):
            out.append(Line(ln, 8, "left", 1.4))
    return out


# ---------------------------------------------------------------------------- docx
def to_docx(doc: Doc, rng: random.Random) -> bytes:
    """A Word draft (python-docx): one paragraph per heading/paragraph (unwrapped), tables as Word tables.

    Header spans become merged cells (horizontal and vertical), so the reader meets gridSpan and vMerge.
    ``rng`` is unused (a .docx has no page footers in its body) but kept for the writers' common signature.
    """
    import docx
    from docx.shared import Pt

    out = docx.Document()
    style = out.styles["Normal"]
    style.font.size = Pt(10.5)
    for b in _visible(doc):
        if isinstance(b, PageBreak):
            out.add_page_break()
        elif isinstance(b, (Heading, Para)):
            out.add_paragraph(b.text)
        elif isinstance(b, TableBlock):
            out.add_paragraph(b.caption or b.title)
            if not b.caption:
                out.add_paragraph(tid_txt(b.tid).replace(" ", ""))
            dl = f"{b.dept_line} {b.unit_line}".strip()
            if dl:
                out.add_paragraph(dl)
            hdr, spans = b.header_cells()
            body = [b.body_cells(i) for i in range(len(b.rows))]
            ncol = max([len(r) for r in hdr] + [len(r) for r in body] + [1])
            grid = [list(r) + [None] * (ncol - len(r)) for r in hdr]
            if b.col_label:
                grid.append(list(b.col_label) + [""] * (ncol - len(b.col_label)))
            grid += [list(r) + [""] * (ncol - len(r)) for r in body]
            t = out.add_table(rows=len(grid), cols=ncol)
            t.style = "Table Grid"
            covered = set()
            for (c0, r0), (c1, r1) in spans:
                if (c0, r0) == (c1, r1):
                    continue
                t.cell(r0, c0).merge(t.cell(r1, c1))
                covered |= {(r, c) for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)} - {(r0, c0)}
            for r, row in enumerate(grid):
                cells = t.rows[r].cells
                for c, v in enumerate(row):
                    if (r, c) in covered or not v:
                        continue
                    cells[c].text = v
            for n in b.notes:
                out.add_paragraph(n)
    buf = io.BytesIO()
    out.save(buf)
    return _fixed_zip_times(buf.getvalue())


def _fixed_zip_times(data: bytes) -> bytes:
    """The same .docx bytes for the same document: python-docx stamps each zip member with the current time."""
    import zipfile

    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()
