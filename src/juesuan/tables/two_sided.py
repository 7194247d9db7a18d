"""The two_sided shape (总表): 收入 on the left, 支出 on the right.

One parser reads the cell grid of either path (``cells``) by its layout: per side, its label column and its
value columns. A PDF grid gives them by its header (the 项目 columns, else the columns holding text). A text
line holds one or two (side, label, figures) segments; the text path lays each segment out as a row of cells
in a fixed layout (收入 label | its columns | 支出 label | its columns, the other side blank), deciding its side
(the second segment is 支出; a lone label by its numbering or its words) and giving the tail of a wrapped label
back to the row above (:func:`_text_rows`). A text segment whose figures do not fill its side's columns (blank
cells vanished) is ``partial``: only its first figure is read.
"""

from __future__ import annotations

from decimal import Decimal

import regex as re

from ..numbers import is_amount
from ..patterns import compiled
from .cells import CellGrid, CellRow
from .common import _columns_from_header
from .grid import _amount, _is_amount, _value_columns
from .model import Row, Table

# A new 总表 label starts with an ordinal ("八、") or a fixed row name; a blank cell between two labels
# (上海 style prints no zeros) must not glue them together.
_LABEL_START_RE = re.compile(r"^(?:[一二三四五六七八九十]+、|本年|年初|年末|总计|结余分配|使用)")

Side = tuple[str, int, list[tuple[int, str]]]  # (side, label position, value columns as (position, canonical))
Labels = tuple[re.Pattern, re.Pattern]  # the labels of the 支出 side, of the 收入 side


def _text_layout(spec, header: str) -> tuple[list[Side], list[str]]:
    """The fixed layout of text rows, and the table's columns (the left's all, the right's the header names)."""
    left = [c for c, _ in spec.raw["left_columns"]]
    right_opts = spec.raw["right_columns"]
    right = _columns_from_header(header, right_opts) or [c for c, _ in right_opts]
    if len(right_opts) > 1 and "合计" not in right:
        right = ["合计"] + [c for c in right if c != "合计"]
    r0 = 1 + len(left)
    sides = [
        ("收入", 0, [(1 + k, c) for k, c in enumerate(left)]),
        ("支出", r0, [(r0 + 1 + k, c) for k, c in enumerate(right)]),
    ]
    return sides, sorted(set(left) | set(right), key=(left + right).index)


def _side_labels(spec) -> Labels | None:
    """The spec's (支出 side, 收入 side) label patterns, None when it names none."""
    right, left = spec.raw.get("right_labels"), spec.raw.get("left_labels")
    return (re.compile(right), re.compile(left)) if right and left else None


def _text_rows(g: CellGrid, sides: list[Side], labels: Labels | None = None) -> list[CellRow]:
    """Text lines → one row of cells per (side, label, figures) segment, in the layout of ``sides``."""
    has_rowno = "行次" in g.header
    width = sides[1][1] + 1 + len(sides[1][2])
    out: list[CellRow] = []
    last: dict[str, int] = {}  # side → the last ordinal printed on it ("二十一、" → 21)
    for r in g.body:
        segs = _two_sided_segments(r.cells, has_rowno, labels)
        if len(segs) == 1 and not segs[0][2] and out:
            label = segs[0][1]
            n = _ordinal(label)
            if n is None and len(label) <= 4 and not _LABEL_START_RE.match(label):
                prev = out[-1]  # the tail of a wrapped label ("二十二、灾害防治及应急管理支" / "出")
                lc = next(lc for sd, lc, _ in sides if prev.cells[lc])
                prev.cells[lc] += label
                prev.text += " " + r.text
                continue
            if n is not None and segs[0][0] != "?":  # a label-only line: the side whose numbering it continues
                side = next((sd for sd in ("支出", "收入") if last.get(sd) == n - 1), segs[0][0])
                segs = [(side, label, [])]
        for side, name, nums in segs:
            guessed = side == "?"  # a lone label of neither side's vocabulary: left on 收入, partial
            side = "收入" if guessed else side
            n = _ordinal(name)
            if n is not None:
                last[side] = n
            _, lc, vcols = next(s for s in sides if s[0] == side)
            cells = [""] * width
            cells[lc] = name
            vanished = len(nums) != len(vcols) or guessed  # blank cells vanished: only the first figure is placed
            for (c, _), tok in zip(vcols, nums if not vanished else nums[:1]):
                cells[c] = tok
            out.append(CellRow(cells, list(cells), r.line, r.page, text=r.text, vanished=vanished, source=r.source))
    return out


def _two_sided_segments(tokens: list[str], has_rowno: bool, labels: Labels | None = None) -> list[tuple[str, str, list[str]]]:
    """Split a 总表 text row into (side, label, numbers) segments; with ``labels`` a lone segment is placed by its
    label ("?": by neither)."""
    segs: list[list] = []  # [label, nums]
    lead: list[str] = []
    for tok in tokens:
        if is_amount(tok):
            if segs:
                segs[-1][1].append(tok)
            else:
                lead.append(tok)
        else:
            if segs and not segs[-1][1] and not _LABEL_START_RE.match(tok) and not _opens_right(segs[-1][0], tok, labels):
                segs[-1][0] += tok  # a label printed with a space inside it
            else:
                segs.append([tok, []])
    out = []
    for i, (label, nums) in enumerate(segs):
        if has_rowno and nums and compiled(r"\d{1,3}").fullmatch(nums[0]):
            nums = nums[1:]
        # the trailing 行次 of a label-less right side ("一般公共预算财政拨款 29 0 61") is no value
        side = _side_of(label, i, len(segs), bool(lead), labels)
        if has_rowno and side == "收入" and len(nums) > 1 and re.fullmatch(r"\d{1,3}", nums[-1]):
            nums = nums[:-1]
        out.append((side, label, nums))
    return out


_CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def _ordinal(label: str) -> int | None:
    """The number of a label's ordinal ("二十二、…" → 22), None without one."""
    m = compiled(r"^([一二三四五六七八九十]+)、").match(label)
    if not m:
        return None
    t = m.group(1)
    if "十" not in t:
        return _CN_DIGITS.get(t) if len(t) == 1 else None
    tens, _, ones = t.partition("十")
    return (_CN_DIGITS.get(tens, 0) if tens else 1) * 10 + (_CN_DIGITS.get(ones, 0) if ones else 0)


def _opens_right(label: str, tok: str, labels: Labels | None) -> bool:
    """Whether ``tok`` is a 支出 label after a figureless 收入 label ("二、政府性基金预算" "项目支出 761.05"), not
    the rest of it."""
    return labels is not None and bool(labels[1].search(label)) and bool(labels[0].search(tok))


def _side_of(label: str, index: int, count: int, led_by_number: bool, labels: Labels | None = None) -> str:
    if index > 0 or led_by_number:
        return "支出"
    if count > 1:
        return "收入"
    if labels is not None:
        return "支出" if labels[0].search(label) else "收入" if labels[1].search(label) else "?"
    if re.search(r"支出(?:合计)?$|年末|结余分配", label):
        return "支出"
    return "收入"


def _grid_layout(spec, g: CellGrid) -> tuple[list[Side], list[str]] | None:
    """Per side its label column and value columns, read from the PDF header; None without a label column."""
    parts, body = g.parts, g.body
    ncols = len(parts)
    labels = ["".join(p) for p in parts]
    bottoms = [p[-1] if p else "" for p in parts]
    label_cols = [c for c in range(ncols) if bottoms[c] in ("项目", "项 目") or labels[c].endswith("项目")]
    if len(label_cols) < 2:
        text_counts = [
            sum(1 for r in body if r.cells[c] and not _is_amount(r.cells[c])) for c in range(ncols)
        ]
        label_cols = [c for c in range(ncols) if text_counts[c] > len(body) / 4]
    if not label_cols:
        return None
    left_opts = spec.raw["left_columns"]
    right_opts = spec.raw["right_columns"]
    sides: list[Side] = []
    for k, lc in enumerate(label_cols[:2]):
        end = label_cols[k + 1] if k + 1 < len(label_cols) else ncols
        cols = [c for c in range(lc + 1, end) if "行次" not in labels[c]]
        opts = left_opts if k == 0 else right_opts
        vcols = _value_columns(parts, cols, opts)
        if not vcols and cols:
            vcols = list(zip(cols, [canon for canon, _ in opts]))
        sides.append(("收入" if k == 0 else "支出", lc, vcols))
    order = [canon for canon, _ in left_opts] + [canon for canon, _ in right_opts]
    present = {canon for _, _, v in sides for _, canon in v}
    return sides, sorted(present, key=order.index)


def parse(spec, table: Table, g: CellGrid) -> None:
    if g.by_column:
        layout = _grid_layout(spec, g)
        if layout is None:
            return
        (sides, table.columns), body = layout, g.body
    else:
        sides, table.columns = _text_layout(spec, g.header)
        body = _text_rows(g, sides, _side_labels(spec))
    for r in body:
        for side, lc, vcols in sides:
            label = r.cells[lc]
            values: dict[str, Decimal | None] = {c: None for c in table.columns}
            for c, canon in vcols:
                values[canon] = _amount(r.cells[c])
            if not label and not any(v is not None for v in values.values()):
                continue
            table.rows.append(
                Row(code="", name=label, values=values, line=r.line, page=r.page, side=side, partial=r.vanished, text=r.text)
            )
