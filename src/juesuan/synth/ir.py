"""Intermediate representation shared by the txt and pdf writers.

A document is a list of blocks (Heading, Para, TableBlock, PageBreak).  Paragraphs are lists of
plain strings and :class:`Slot` objects; a slot is a mutable, labelled piece of text (an amount, a
percentage, a reason …) that error injection may change.  Table cells are strings or :class:`Cell`
(an int value formatted late, so a mutation is a change of the int).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .lines import cw, wrap
from .money import fmt_money, fmt_pct


@dataclass
class Slot:
    pre: str                    # text before the value (may hold the whole text for vtype "text")
    value: int | None = None
    vtype: str = "text"         # money | pct | count | text
    post: str = ""
    kinds: tuple[str, ...] = ()
    section: str = ""
    meta: dict = field(default_factory=dict)

    @property
    def text(self) -> str:
        if self.vtype == "text" or self.value is None:
            return self.pre + self.post
        if self.vtype == "money":
            v = fmt_money(self.value, bool(self.meta.get("thousands")))
            if self.value == 0 and "zero" in self.meta:  # 预算 narratives print a zero as "0万元"
                v = self.meta["zero"]
        elif self.vtype == "pct":
            v = fmt_pct(self.value)
        else:
            v = str(self.value)
        return f"{self.pre}{v}{self.post}"


@dataclass
class Para:
    pieces: list
    hidden: bool = False
    group: str = ""
    indent: bool = True

    @property
    def text(self) -> str:
        return "".join(p if isinstance(p, str) else p.text for p in self.pieces)


@dataclass
class Heading:
    text: str
    level: int = 1              # 0 document title, 1 part, 2 section, 3 subsection


@dataclass
class PageBreak:
    pass


@dataclass
class Cell:
    value: int
    kind: str = "money"         # money | pct | score | count

    def fmt(self, zero: str, thousands: bool, yuan: bool) -> str:
        if self.kind == "pct":
            return fmt_pct(self.value) + "%"
        if self.kind == "score":
            return fmt_pct(self.value)
        if self.kind == "count":
            return str(self.value)
        v = self.value * 10000 if yuan else self.value  # hundredths of 万元 → hundredths of 元
        if v == 0:
            return zero
        return fmt_money(v, thousands)


@dataclass
class TableBlock:
    tid: str                    # 公开03表 / 表三
    title: str
    header: list[list]          # header rows; None marks a cell covered by a span
    spans: list[tuple]          # reportlab spans ((c0, r0), (c1, r1)) relative to header
    rows: list[list]            # body rows: str | Cell
    meta: list[dict]            # per body row: {"level": ..., "code": ...}
    widths: list[float]         # relative column widths
    dept_line: str = ""
    unit_line: str = "单位：万元"
    notes: list[str] = field(default_factory=list)
    code_col: int | None = None  # column holding 7-digit 功能分类 codes (may be split 类|款|项)
    zero: str = "0"
    yuan: bool = False
    thousands: bool = False
    split_codes: bool = False
    col_label: list[str] | None = None  # 栏次 row (Henan)
    # 上海 2025 text layout: name cells ``wrap`` CJK characters wide, vertically centred, so a longer name
    # prints around its code line; ``econ_split`` prints 经济分类 类 | 款 apart ("301 01"). 0 = one line.
    wrap: int = 0
    econ_split: bool = False
    # 预算 documents print one caption line ("公开01表：收支预算总表", "2025年部门收入预算总表") in place of the
    # title and id lines; "" = the 决算 layout (title, then id)
    caption: str = ""

    # ------------------------------------------------------------------
    def fmt_cell(self, c) -> str:
        if isinstance(c, Cell):
            return c.fmt(self.zero, self.thousands, self.yuan)
        return "" if c is None else str(c)

    def body_cells(self, i: int) -> list[str]:
        cells = [self.fmt_cell(c) for c in self.rows[i]]
        if self.split_codes and self.code_col is not None:
            k = self.code_col
            code = cells[k]
            if code.isdigit() and len(code) in (3, 5, 7):
                parts = [code[:3], code[3:5], code[5:7]]
            else:
                parts = [code, "", ""]
            cells = cells[:k] + parts + cells[k + 1:]
        return cells

    def header_cells(self) -> tuple[list[list], list[tuple]]:
        if not (self.split_codes and self.code_col is not None):
            return self.header, self.spans
        k = self.code_col
        hdr = []
        last = len(self.header) - 1
        for r, row in enumerate(self.header):
            cell = row[k]
            ins: list[str | None]
            if r == last:
                ins = ["类", "款", "项"]
            else:
                ins = [cell, None, None]
            hdr.append(list(row[:k]) + ins + list(row[k + 1:]))
        spans = []
        for (c0, r0), (c1, r1) in self.spans:
            nc0 = c0 + 2 if c0 > k else c0
            nc1 = c1 + 2 if c1 >= k else c1
            spans.append(((nc0, r0), (nc1, r1)))
        for r in range(last):
            if self.header[r][k] is not None and not any(
                    c0 <= k <= c1 and r0 <= r <= r1 for (c0, r0), (c1, r1) in self.spans):
                spans.append(((k, r), (k + 2, r)))
        return hdr, spans

    def row_text(self, i: int) -> str:
        """The row as printed (blank cells dropped; its lines joined by spaces)."""
        return " ".join(self.row_lines(i))

    def row_lines(self, i: int) -> list[str]:
        """Body row ``i`` as text lines: one line, or (``wrap``) name pieces above and below it."""
        cells = self.body_cells(i)
        if not self.wrap:
            t = " ".join(c for c in cells if c != "")
            return [t] if t else []
        econ = (self.meta[i].get("level") if i < len(self.meta) else None) in ("econ", "econ_total")
        if econ:
            groups = [cells[k : k + 3] for k in range(0, len(cells), 3)]
            name_at = 1
        else:
            groups = [cells]
            name_at = (self.code_col or 0) + 1
        above: list[list[str]] = []
        below: list[list[str]] = []
        line: list[str] = []
        for g in groups:
            a, on, bl = _centred(g[name_at], self.wrap)
            above.append(a)
            below.append(bl)
            g = list(g)
            g[name_at] = on
            if econ and self.econ_split and len(g[0]) == 5 and g[0].isdigit():
                g[0] = f"{g[0][:3]} {g[0][3:]}"
            line += [c for c in g if c != ""]
        out = []
        na = max(len(a) for a in above)
        for r in range(na):  # pieces above, bottom-aligned on the code line
            out.append(" ".join(a[r - (na - len(a))] for a in above if r - (na - len(a)) >= 0))
        out.append(" ".join(line))
        for r in range(max(len(x) for x in below)):
            out.append(" ".join(x[r] for x in below if r < len(x)))
        return [t for t in out if t]

    def has_data(self) -> bool:
        return bool(self.rows)


def _centred(name: str, chars: int) -> tuple[list[str], str, list[str]]:
    """A name cell ``chars`` CJK characters wide, vertically centred on its row: (lines above the code
    line, the part on the code line, lines below)."""
    if not name or sum(cw(c) for c in name) <= 2 * chars:
        return [], name, []
    parts = wrap(name, 2 * chars)
    k = len(parts)
    if k % 2:
        return parts[: k // 2], parts[k // 2], parts[k // 2 + 1 :]
    return parts[: k // 2], "", parts[k // 2 :]
