"""The shapes of 预算 tables that the 决算 shapes do not cover (``patterns/tables.toml``, ``doc_kind = "预算"``).

They read a table region's items (ruled grids and text lines, in printed order) cell by cell:

* ``ledger`` — one amount column: a row is [code] | label(s) | amount (江苏 "功能科目代码 | 功能科目名称 | 金额",
  the list of income sources, the list of purchases). Grids of these documents print spacer columns and shift a
  row's cells by one or two positions, and a row may fall between two grids as a text line; so a row is read by
  what its cells hold, not by their position: the 科目编码 (3/5/7 digits) before the first label, the labels in
  order (the first is the row's group when it has several: "一般公共预算资金 | 小计"), the last amount.
* ``sides`` — label | amount pairs side by side (江苏 收支预算总表: 收入 | 功能分类 | 支出用途): each pair's side is
  the header column its label sits under (收入 / 功能分类 → "支出" / 支出用途 → "支出用途"; without 功能分类,
  支出用途 is the "支出" side). A label wrapped onto the next grid row ("三、单位预留机动经" / "费") is joined.
* ``one_row`` — a header of labels over one row of figures (江苏 支出预算总表; the 三公 预算表 of both families):
  each value column is named by its header cells read top to bottom, by the spec's ``columns`` aliases or its
  ``paths`` (the first regex found in the joined path decides).

Each row keeps its page and line. A blank cell is None; "1,511.90" is Decimal("1511.90").
"""

from __future__ import annotations

from decimal import Decimal

import regex as re

from ..catalogue import TableSpec
from ..ingest.model import Grid, Line
from ..numbers import parse_amount
from ..text import squash as _squash
from .cells import CellRow
from .grid import _header_parts, _rows_of
from .model import Row, Table

SHAPES = ("ledger", "sides", "one_row")
CODE_RE = re.compile(r"^\d{3}(?:\d{2}){0,2}$")
MAX_LABEL = 40  # a longer "label" is a page's text caught in one cell, not a row's label


def _amount(text: str) -> Decimal | None:
    try:
        return parse_amount(text)
    except ValueError:
        return None


def _is_amount(text: str) -> bool:
    return bool(text) and _amount(text) is not None and not CODE_RE.match(text)


def _item_rows(items: list, meta) -> list[CellRow]:
    """The region's rows in printed order: every grid row, and every text line that is not a table's meta line
    (number, unit, department, note: ``meta`` consumes them)."""
    out: list[CellRow] = []
    for it in items:
        if isinstance(it, Grid):
            out += _rows_of(it)
        elif isinstance(it, Line) and not meta(it):
            toks = it.text.split()
            out.append(CellRow(cells=[_squash(t) for t in toks], raw=list(toks), line=it.line, page=it.page, text=it.text,
                               source=it))
    return out


# ------------------------------------------------------------------------------------------------
# ledger


def _ledger_cells(cells: list[str]) -> tuple[str, list[str], Decimal | None, bool]:
    """(code, labels, amount, has an amount cell) of one row, read by what its cells hold."""
    code, amount, seen = "", None, False
    labels: list[str] = []
    for c in cells:
        if not c:
            continue
        if not labels and not code and CODE_RE.match(c):
            code = c
        elif _amount(c) is not None and (labels or code):
            amount, seen = _amount(c), True
        elif not seen and (not labels or labels[-1] != c):
            labels.append(c)
    return code, labels, amount, seen


def _is_header(labels: list[str], spec: TableSpec) -> bool:
    text = "".join(labels)
    return bool(re.search(r"科目(?:编码|代码|名称)|项目名称|采购品目|^金额$|单位[:：]", text)) or (
        not text.startswith(("合计", "总计")) and any(re.fullmatch(alias, text) for _, alias in spec.columns)
    )


def _printed_column(table: Table, spec: TableSpec, labels: list[str]) -> None:
    """The amount column's header as printed ("金额", "机关运行经费支出", "总计"): evidence names the column so."""
    if not spec.columns:
        return
    col, alias = spec.columns[0]
    hit = next((x for x in reversed(labels) if re.search(alias, x)), None)
    if hit is not None:
        table.extra["printed_columns"] = {col: hit}


def parse_ledger(spec: TableSpec, table: Table, rows: list[CellRow]) -> None:
    col = spec.columns[0][0] if spec.columns else "金额"
    table.columns = [col]
    group = ""
    seen: set[tuple[str, str, str]] = set()
    apart: list[str] = []  # figures printed on a line of their own, taken by the label line just above
    wrapped: list[str] = []  # figures no label takes
    after_row = False
    for r in rows:
        figs = [c for c in r.cells if c]
        if figs and all(_is_amount(c) for c in figs):
            last = table.rows[-1] if table.rows else None
            if not re.search(r"\d,\d{3}|\.\d", figs[0]) or (last is not None and [last.values[col]] == [_amount(f) for f in figs]):
                pass  # a page number ("11"), or a merged cell's figure repeated by the grid
            elif len(figs) == 1 and after_row and last is not None and last.values[col] is None:
                last.values[col] = _amount(figs[0])  # "合计" / "20,702.25": a label taller than its figure, in text
                if r.source is not None:
                    apart.append(r.text)
            elif r.source is not None:
                wrapped.append(r.text)
            after_row = False
            continue
        after_row = False
        code, labels, amount, has_amount = _ledger_cells(r.cells)
        if not labels and not code:
            continue
        if any(len(x) > MAX_LABEL for x in labels) or (not has_amount and _is_header(labels, spec)):
            if not has_amount and not code and "printed_columns" not in table.extra:
                _printed_column(table, spec, labels)
            continue  # a page caught in one cell, or a header row
        if not has_amount and not code and len(labels) == 1 and not re.search(r"^[一二三四五六七八九十]+、|合计|总计|小计", labels[0]):
            group = labels[0]  # a group label on a row of its own
            continue
        name = labels[-1] if labels else ""
        grp = labels[0] if len(labels) > 1 else (group if name in ("小计",) or name.startswith("其中") else None)
        if len(labels) > 1:
            group = labels[0]
        key = (code, grp or "", name)
        last = table.rows[-1] if table.rows else None
        if last is not None and code and (last.code, last.name) == (code, name):
            if last.values[col] is None:
                last.values[col] = amount  # one row printed over several grid rows (a merged cell)
            continue
        if key in seen and not code:
            continue  # a row printed again (a grid's repeated merged label)
        seen.add(key)
        row = Row(code=code, name=name, values={col: amount}, line=r.line, page=r.page, text=r.text, group=grp)
        row.extra["labels"] = labels
        row.extra["level"] = next((k for k, c in enumerate(r.cells) if c), 0)
        table.rows.append(row)
        after_row = True
    if apart and any(x.group or x.name == "小计" for x in table.rows):
        wrapped += apart  # a list of sources: its group labels stand apart from their 小计 too, in no known order
    if wrapped:
        table.extra["text_wrapped"] = wrapped


# ------------------------------------------------------------------------------------------------
# sides


def _side_starts(parts: list[list[str]]) -> list[tuple[int, str]]:
    """(first column, side) of each side, from the header cells: 收入, 功能分类 / 支出, 支出用途."""
    def first(word: str) -> int | None:
        return next((c for c, p in enumerate(parts) if any(word in x for x in p)), None)

    inc, func, use, exp = first("收入"), first("功能"), first("支出用途"), first("支出")
    starts: list[tuple[int, str]] = []
    if inc is not None:
        starts.append((inc, "收入"))
    if func is not None:
        starts.append((func, "支出"))
        if use is not None:
            starts.append((use, "支出用途"))
    elif use is not None or exp is not None:
        starts.append((min(x for x in (use, exp) if x is not None), "支出"))
    return sorted(starts)


def _pairs(r: CellRow) -> list[tuple[int, str, Decimal | None]]:
    """(column, label, amount) pairs of one grid row: a label cell, then the first amount before the next label."""
    out: list[list] = []
    for c, (cell, raw) in enumerate(zip(r.cells, r.raw)):
        if raw is None or not cell:
            continue
        if _amount(cell) is not None:
            if out and out[-1][2] is None:
                out[-1][2] = _amount(cell)
        else:
            out.append([c, cell, None])
    return [(c, lab, v) for c, lab, v in out]


_LABEL_START = re.compile(r"^(?:[一二三四五六七八九十]+、|\d+[.、．]|当年|本年|上年|收入|支出|结转|合计|总计)")


def parse_sides(spec: TableSpec, table: Table, grids: list[Grid]) -> None:
    rows = [r for g in grids for r in _rows_of(g)]
    head = next((k for k, r in enumerate(rows) if any(_amount(c) is not None for c in r.cells if c)), len(rows))
    ncols = max((len(r.cells) for r in rows), default=0)
    starts = _side_starts(_header_parts(rows[:head], ncols))
    col = spec.raw["left_columns"][0][0] if spec.raw.get("left_columns") else "预算数"
    right = spec.raw.get("right_columns", [[col]])[0][0]
    table.columns = list(dict.fromkeys([col, right]))
    last: dict[str, Row] = {}
    for r in rows[head:]:
        for c, label, v in _pairs(r):
            side = next((s for start, s in reversed(starts) if c >= start), starts[0][1] if starts else "收入")
            prev = last.get(side)
            if prev is not None and label == prev.extra.get("last_piece"):
                if prev.values[prev.extra["col"]] is None and v is not None:
                    prev.values[prev.extra["col"]] = v
                continue  # the same cell again (a merged cell repeated over grid rows)
            if prev is not None and len(label) <= 3 and not _LABEL_START.match(label) and not re.search(r"\d", label):
                prev.name += label  # the tail of a wrapped label
                prev.extra["last_piece"] = label
                if prev.values[prev.extra["col"]] is None and v is not None:
                    prev.values[prev.extra["col"]] = v
                continue
            cname = col if side == "收入" else right
            row = Row(code="", name=label, values={cname: v}, line=r.line, page=r.page, side=side, text=r.text)
            row.extra.update(col=cname, last_piece=label)
            table.rows.append(row)
            last[side] = row
    for row in table.rows:
        row.extra.pop("last_piece", None)
        row.extra.pop("col", None)


# ------------------------------------------------------------------------------------------------
# one_row


def _column_name(spec: TableSpec, path: list[str], has_grand: bool) -> str | None:
    joined = "".join(path)
    for name, rx in spec.raw.get("paths", []):
        if re.search(rx, joined) or (path and re.search(rx, path[-1])):
            if name.endswith("|合计") and rx.startswith("^") and has_grand and spec.raw.get("grand"):
                return str(spec.raw["grand"])
            return str(name)
    for canon, alias in spec.columns:
        for p in reversed(path):
            if re.search(alias, p):
                return str(canon)
    return None


def _labelled(header: list[CellRow], parts: list[list[str]]) -> list[int]:
    """The columns that carry a label of their own (not only text spread from a merged cell on their left)."""
    own = [any(c < len(r.raw) and r.raw[c] is not None and r.cells[c] for r in header) for c in range(len(parts))]
    return [c for c in range(len(parts)) if own[c] and parts[c] and (c == 0 or parts[c] != parts[c - 1])]


def _cell(r: CellRow, c: int) -> str:
    return r.cells[c] if c < len(r.cells) else ""


def parse_one_row(spec: TableSpec, table: Table, grids: list[Grid]) -> None:
    rows = [r for g in grids for r in _rows_of(g)]
    data = [k for k, r in enumerate(rows) if any(r.cells) and all(_amount(c) is not None for c in r.cells if c)]
    if not data:
        if rows:  # a header over no figure (a row of blank cells at most): printed blank
            ncols = max(len(r.cells) for r in rows)
            parts = _header_parts(rows, ncols)
            _blank_columns(spec, table, [parts[lab] for lab in _labelled(rows, parts)])
        return
    k = data[0]
    ncols = max(len(r.cells) for r in rows)
    parts = _header_parts(rows[:k], ncols)
    labelled = _labelled(rows[:k], parts)
    r = rows[k]
    filled = [c for c in range(len(r.raw)) if r.raw[c] is not None]
    # the figures sit under their labels, or (a grid printed with spacer columns) one cell per label, in order
    pos = labelled if all(c in filled for c in labelled) else filled if len(filled) == len(labelled) else []
    has_grand = any("会议费" in "".join(p) for p in parts)
    at: dict[str, int] = {}  # column name → the cell it is read from
    printed: dict[str, str] = {}  # column name → its header path as printed ("“三公”经费预算数|合计")
    for cpos, lab in zip(pos, labelled, strict=False):
        name = _column_name(spec, parts[lab], has_grand)
        # a name twice (a merged label over a 小计 column): the cell that holds a figure
        if name and (name not in at or (not _cell(r, at[name]) and _cell(r, cpos))):
            at[name] = cpos
            printed[name] = "|".join(parts[lab])
    table.columns = list(at)
    table.extra["printed_columns"] = {n: printed[n] for n in at}

    def figure(c: int) -> str:  # a figure split over two cells ("267.8" | "0"): the digits in an unlabelled cell
        nxt = _cell(r, c + 1)
        return _cell(r, c) + nxt if re.fullmatch(r"\d{1,2}", nxt) and "." in _cell(r, c) and c + 1 not in labelled else _cell(r, c)

    vals = {m: _amount(figure(c)) for m, c in at.items()}
    name = "三公经费" if spec.id == "sangong" else "合计"
    table.rows.append(Row(code="", name=name, values=vals, line=r.line, page=r.page, text=r.text))


# ------------------------------------------------------------------------------------------------
# text (extracted text, .txt, .docx paragraphs): no column positions


_SIDE_WORDS = [  # the side of a label printed on a text line, by its words (first match; else 支出)
    ("支出用途", re.compile(r"基本支出|项目支出|预留机动|结转下年")),
    ("收入", re.compile(r"收入|财政拨款$|^\d+[.、．]?(?:一般公共预算|政府性基金|国有资本)|财政专户|其他资金|上年结转|一般公共预算$|政府性基金预算$")),
]


def _text_side(label: str, has_use: bool) -> str:
    for side, rx in _SIDE_WORDS:
        if rx.search(label) and (side != "支出用途" or has_use):
            return side
    return "支出"


def parse_sides_text(spec: TableSpec, table: Table, lines: list[Line]) -> None:
    """Text lines of a 总表 with label | amount pairs: each label with the figure after it, its side by its words
    (收入 sources; 基本支出 / 项目支出 / 单位预留机动经费 the 支出用途 side when the header names it; else 支出)."""
    col = spec.raw["left_columns"][0][0] if spec.raw.get("left_columns") else "预算数"
    right = spec.raw.get("right_columns", [[col]])[0][0]
    table.columns = list(dict.fromkeys([col, right]))
    body = [ln for ln in lines if any(_amount(t) is not None for t in ln.text.split())]
    header = "".join(_squash(ln.text) for ln in lines if ln not in body)
    has_use = "支出用途" in header and "功能" in header
    wrapped: list[str] = []
    started = False  # below the header: a line of figures was seen
    for ln in lines:
        toks = ln.text.split()
        started = started or ln in body
        if re.fullmatch(r"\d{1,3}", ln.text.strip()):
            continue  # a page number
        if started and toks and (_amount(toks[0]) is not None or any(_fragment(t) for t in toks if _amount(t) is None)):
            wrapped.append(ln.text)  # "17,981.68 二、外交支出 …" (the figure of a wrapped label), "预算 动经费"
        pairs: list[list] = []
        for tok in ln.text.split():
            if _amount(tok) is not None:
                if pairs and pairs[-1][1] is None:
                    pairs[-1][1] = _amount(tok)
            else:
                pairs.append([tok, None])
        if ln not in body and not any(re.match(r"^(?:[一二三四五六七八九十]+、|\d+[.、．])", p[0]) for p in pairs):
            continue  # a header line (a line of labels without figures must be numbered to be a row)
        for label, v in pairs:
            side = _text_side(label, has_use)
            cname = col if side == "收入" else right
            table.rows.append(Row(code="", name=label, values={cname: v}, line=ln.line, page=ln.page, side=side, text=ln.text))
    if wrapped and table.rows:
        table.extra["text_wrapped"] = wrapped


# a row label of a 总表 printed in text: numbered ("一、…", "1.…", "（一）…") or a total / carry-over line
_WHOLE_LABEL = re.compile(r"^(?:[一二三四五六七八九十]+、|\d+[.、．]|[（(][一二三四五六七八九十\d]+[）)])|合计|小计|总计|结转|结余|^(?:收入|支出)$")


def _fragment(token: str) -> bool:
    """A piece of a label wrapped onto another line of text ("算", "动经费", "资金"): not a whole label."""
    return not _WHOLE_LABEL.search(token) and not re.search(r"项目名称|金额|功能|科目|支出用途|预算数", token)


def _text_paths(spec: TableSpec, header: list[list[str]]) -> list[list[str]] | None:
    """The leaf columns of a header printed over several text lines, each as its path of labels (top to bottom).

    Extracted text keeps each header line's labels in order but not which label spans which: a label of a
    spec's ``text_groups`` ("“三公”经费预算数", "公务用车购置及运行费") is a group whose columns are the next line's
    labels, every other label a column of its own (spanning the lines below). Only one group may be open when a
    line follows (else which labels belong to which group is not known: None)."""
    groups = [re.compile(x) for x in spec.raw.get("text_groups", [])]
    seq = [[x] for x in header[0]]
    for labels in header[1:]:
        open_ = [k for k, p in enumerate(seq) if any(g.search(p[-1]) for g in groups)]
        if len(open_) != 1:
            return None
        k = open_[0]
        seq[k:k + 1] = [[*seq[k], x] for x in labels]
    return seq


def _printed_blank(spec: TableSpec, table: Table, header: list[list[str]]) -> None:
    """Text: a header whose labels name the table's columns over no line of figures (a row without a label whose
    every cell is empty vanishes from page text whole): see :func:`_blank_columns`."""
    _blank_columns(spec, table, _text_paths(spec, header) or [])


def _blank_columns(spec: TableSpec, table: Table, paths: list) -> None:
    """The columns of a table printed blank, named by its header ``paths``: kept as a table without rows
    (``extra["printed_blank"]``) so that C010 can say it is blank while the narrative states its figures."""
    has_grand = any("会议费" in x for p in paths for x in p)
    names = [n for n in (_column_name(spec, p, has_grand) for p in paths) if n]
    if names and len(set(names)) == len(names):
        table.columns = list(names)
        table.extra["printed_blank"] = True


def parse_one_row_text(spec: TableSpec, table: Table, lines: list[Line]) -> None:
    """Text: the header's labels (one token per column; over several lines, see :func:`_text_paths`) over a line
    of figures. The figures are read by position only when every column printed one; else the row is ``partial``
    (its figures kept: :mod:`.place` places them by the table's identities)."""
    figures_at = next((k for k, ln in enumerate(lines) if ln.text.split() and all(_amount(t) is not None for t in ln.text.split())), None)
    if figures_at is None and lines:
        _printed_blank(spec, table, [ln.text.split() for ln in lines])
    if figures_at is None or figures_at == 0:
        return
    header = [ln.text.split() for ln in lines[:figures_at]]
    # a header over several lines whose spans cannot be told (real text interleaves the labels of merged cells:
    # "“三公”经费预算数 / 机关运行经费预算 / 公务用车购置及运行费 / 数 / …") names no column: the figures stay unplaced
    paths = _text_paths(spec, header) or []
    has_grand = any("会议费" in x for p in paths for x in p)
    names = [_column_name(spec, p, has_grand) for p in paths]
    figures = lines[figures_at].text.split()
    table.columns = [n for n in dict.fromkeys(n for n in names if n)]
    table.extra["printed_columns"] = {n: "|".join(p) for n, p in reversed(list(zip(names, paths))) if n}
    complete = len(figures) == len(paths) and all(names) and len(set(names)) == len(names)
    vals = {n: (_amount(f) if complete else None) for n, f in zip(names, figures, strict=False) if n}
    for n in table.columns:
        vals.setdefault(n, None)
    ln = lines[figures_at]
    row = Row(code="", name="三公经费" if spec.id == "sangong" else "合计", values=vals, line=ln.line, page=ln.page,
              text=ln.text, partial=not complete)
    if not complete:
        row.extra["figures"] = figures
        if all(names) and len(set(names)) == len(names):
            row.extra["order"] = names  # the printed order of the columns, for the placement
    table.rows.append(row)
