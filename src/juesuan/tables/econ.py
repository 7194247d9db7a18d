"""The econ shape (经济分类): groups of code | name | 决算数 side by side.

One parser reads the cell grid of either path (``cells``) by its layout: the groups, each a code column (and a
款 column when 类 | 款 print apart), a name column and a 决算数 column. A PDF grid gives them by its header
(:func:`_grid_groups`). In text the groups' cells run together on a line and names wrap around code lines, so
the text path first reads the lines into entries, puts each in its printed column and gives the wrapped name
pieces back (:func:`_text_rows`); each entry becomes a row of cells code | name | 决算数 (one group).
"""

from __future__ import annotations

import itertools

import regex as re

from ..numbers import is_amount
from ..patterns import compiled
from .cells import CellGrid, CellRow
from .common import ECON_CODE_RE, _is_piece, _tokens, econ_group, gaps_of
from .grid import _amount
from .model import Row, Table
from .wrap import split_pieces

Group = tuple[int, int | None, int | None, int | None]  # code column, 款 column, name column, 决算数 column
TEXT_GROUPS: list[Group] = [(0, None, 1, 2)]  # a text entry as a row of cells: code | name | 决算数


def _text_rows(g: CellGrid) -> list[CellRow]:
    """经济分类 groups side by side: "30101 基本工资 57.00 30201 办公费 1.17 …", or 类 | 款 apart
    ("301 01 基本工资 405.36 302 01 办公费 92.11"), blank cells vanished ("30103 奖金 30203 咨询费"),
    names wrapped around the code line ("机关事业单位基本" / "301 08 229.67 302 07 邮电费 3.48" /
    "养老保险缴费"). Each entry is put in its printed column, the name pieces are given to the rows
    of their column (``wrap``); each entry is a row of cells code | name | 决算数, with its own text."""
    body = [r.source for r in g.body if r.source is not None]
    decimals = any("." in t for ln in body for t in _tokens(ln.text) if is_amount(t))
    lines = [(ln, _econ_entries(_tokens(ln.text), decimals)) for ln in body]
    # a header repeated on a continuation page is no name piece
    lines = [(ln, es) for ln, es in lines if any(e["kind"] != "piece" for e in es) or _is_piece(ln.text, [])]
    for ln, es in lines:
        for e in es:
            e["line"] = ln
    ncols = max((len(es) for _, es in lines if any(e["kind"] != "piece" for e in es)), default=1)
    ambiguous = _place_columns(lines, ncols)
    groups = _piece_choices(lines, ambiguous)
    best, plan = _solve_pieces(lines, ncols)
    for opts in groups.values():  # the pieces between two row lines, jointly (a handful at most)
        if len(opts) > 4:
            continue
        keep = [e["col"] for e, _ in opts]
        for combo in itertools.product(*[c for _, c in opts]):
            if list(combo) == keep:
                continue
            for (e, _), c in zip(opts, combo):
                e["col"] = c
            cost, p2 = _solve_pieces(lines, ncols)
            if cost < best:
                best, plan, keep = cost, p2, list(combo)
        for (e, _), c in zip(opts, keep):
            e["col"] = c
    return _entry_rows(lines, plan)


def _place_columns(lines: list, ncols: int) -> list[tuple[int, list[dict]]]:
    """Each entry's column: positional when a line fills them all; otherwise by the class a column is
    printing. Returns the lines whose name pieces could go to more than one column."""
    col_class: dict[int, str] = {}
    ambiguous: list[tuple[int, list[dict]]] = []
    for li, (ln, es) in enumerate(lines):
        if len(es) == ncols:
            for c, e in enumerate(es):
                e["col"] = c
        else:
            nxt = 0
            for e in es:
                c = _econ_column(e, col_class, ncols, nxt)
                e["col"] = c
                nxt = c + 1
            if any(e["kind"] == "piece" for e in es) and ncols > 1:
                ambiguous.append((li, es))
        for e in es:
            if e["code"]:
                col_class[e["col"]] = e["code"][:3]
    return ambiguous


def _piece_choices(lines: list, ambiguous: list[tuple[int, list[dict]]]) -> dict[tuple, list[tuple[dict, list[int]]]]:
    """A piece on a line of fewer pieces than columns: only the columns printing a row on the nearest row line
    above or below it; the one a nameless row there needs first (set now), then the least cost. Returns
    (row line above, row line below) → [(piece, its candidate columns)]."""
    row_lines = [li for li, (_, es) in enumerate(lines) if any(e["kind"] in ("coded", "label") for e in es)]
    groups: dict[tuple, list[tuple[dict, list[int]]]] = {}
    for li, es in ambiguous:
        up = max((r for r in row_lines if r < li), default=None)
        down = min((r for r in row_lines if r > li), default=None)
        near = [lines[r][1] for r in (up, down) if r is not None]
        cands = sorted({e["col"] for es2 in near for e in es2 if e["kind"] in ("coded", "label")})
        needy = sorted({e["col"] for es2 in near for e in es2 if e["kind"] == "coded" and not e["name"]})
        for e in es:
            if e["kind"] == "piece" and cands:
                e["col"] = (needy or cands)[0]
                groups.setdefault((up, down), []).append((e, cands))
    return groups


def _solve_pieces(lines: list, ncols: int) -> tuple[float, dict]:
    """The cost of giving each column's name pieces to its rows (``wrap``) as the columns are now set, and
    the plan: id(entry) → (pieces above it, pieces below it)."""
    total, plan = 0.0, {}
    for c in range(ncols):
        rows: list[dict] = []
        events: list[tuple[str, object]] = []
        for ln, es in lines:
            for e in es:
                if e["col"] != c:
                    continue
                if e["kind"] == "piece":
                    events.append(("piece", e))
                else:
                    events.append(("row", len(rows)))
                    rows.append(e)
        if not rows:
            total += 6 * sum(1 for k, _ in events if k == "piece")
            continue
        named = [bool(e["name"]) for e in rows]
        gaps = gaps_of(events)
        cost, h, t = split_pieces(named, [len(g) for g in gaps[1:-1]], len(gaps[-1]), 0)
        total += cost + 6 * len(gaps[0])  # pieces above a column's first row belong to no row
        for k, e in enumerate(rows):
            above = gaps[k][len(gaps[k]) - h[k] :] if h[k] else []
            below = gaps[k + 1][: t[k]]
            plan[id(e)] = (above, below)
    # between two row lines, tails (just under the row above) print before heads (just over the
    # row below): a head line above a tail line costs a little
    tails = {id(x) for _, b in plan.values() for x in b}
    heads = {id(x) for a, _ in plan.values() for x in a}
    seen_head = False
    for _, es in lines:
        if any(e["kind"] in ("coded", "label") for e in es):
            seen_head = False
            continue
        if seen_head and any(id(e) in tails for e in es):
            total += 0.5
        seen_head = seen_head or any(id(e) in heads for e in es)
    return total, plan


def _entry_rows(lines: list, plan: dict) -> list[CellRow]:
    """Each entry a row of cells code | name | 决算数, its name joined with the pieces the plan gives it."""
    out: list[CellRow] = []
    for ln, es in lines:
        for e in es:
            if e["kind"] in ("piece", "stray"):
                continue
            above, below = plan.get(id(e), ([], []))
            name = "".join(x["name"] for x in above) + e["name"] + "".join(x["name"] for x in below)
            text = " ".join(dict.fromkeys([x["line"].text for x in above] + [ln.text] + [x["line"].text for x in below]))
            cells = [e["code"], name, e["value"] or ""]
            out.append(CellRow(cells, list(cells), ln.line, ln.page, text=text, vanished=True, source=ln))
    return out


def _econ_entries(tokens: list[str], decimals: bool) -> list[dict]:
    """A text line of an 经济分类 table → its entries, left to right.

    kind "coded" (a code, 类 | 款 apart or not, with its name and value if printed), "label" (a summary
    such as 人员经费合计 with its value), "piece" (a word of a wrapped name, on a line of its own or
    beside a row of another column) or "stray" (a figure with no label). A token shaped like a code is
    a code, except where a value is due in a table printed without decimals and no name follows it.
    """
    out: list[dict] = []
    i, n = 0, len(tokens)
    while i < n:
        tok = tokens[i]
        cur = out[-1] if out else None
        open_ = cur is not None and cur["kind"] in ("coded", "label") and cur["value"] is None
        nxt = tokens[i + 1] if i + 1 < n else None
        if ECON_CODE_RE.match(tok) and (not open_ or decimals or (nxt is not None and not is_amount(nxt))):
            code = tok
            i += 1
            if len(tok) == 3 and i < n and re.fullmatch(r"\d{2}", tokens[i]):
                code += tokens[i]  # 类 | 款 printed apart: "301 01 基本工资"
                i += 1
            out.append({"kind": "coded", "code": code, "name": "", "value": None})
            continue
        if is_amount(tok):
            if open_:
                cur["value"] = tok  # type: ignore[index]  # open_ implies cur is not None
            elif cur is not None and cur["kind"] == "piece":
                cur["kind"], cur["value"] = "label", tok
            else:
                out.append({"kind": "stray", "code": "", "name": "", "value": tok})
        elif "合计" in tok or "总计" in tok:
            out.append({"kind": "label", "code": "", "name": tok, "value": None})
        elif open_ and cur["kind"] == "coded" and not cur["name"]:  # type: ignore[index]  # open_: cur is set
            cur["name"] = tok  # type: ignore[index]  # open_ implies cur is not None
        else:
            out.append({"kind": "piece", "code": "", "name": tok, "value": None})
        i += 1
    return out


def _econ_column(e: dict, col_class: dict[int, str], ncols: int, start: int) -> int:
    """The printed column of an entry on a line that does not fill every column: the column printing
    the same class, else a column of the same group (人员经费/公用经费), else the next free one."""
    cands = range(min(start, ncols - 1), ncols)
    if e["code"]:
        cls = e["code"][:3]
        for c in cands:
            if col_class.get(c) == cls:
                return c
        g = econ_group(e["code"], "")
        for c in cands:
            if c in col_class and econ_group(col_class[c], "") == g:
                return c
        for c in cands:
            if c not in col_class:
                return c
    elif e["kind"] == "label":
        g = econ_group("", e["name"])
        for c in cands:
            if c in col_class and econ_group(col_class[c], "") == g:
                return c
    return min(start, ncols - 1)


def _grid_groups(g: CellGrid) -> list[Group] | None:
    """The groups of a PDF grid, by its header (else by the columns holding codes); None without one."""
    parts, body = g.parts, g.body
    ncols = len(parts)
    labels = ["".join(p) for p in parts]
    bottoms = [p[-1] if p else "" for p in parts]
    starts = [c for c in range(ncols) if re.search(r"编码|代码", labels[c])]
    if not starts:
        starts = [c for c in range(ncols) if sum(1 for r in body if ECON_CODE_RE.match(r.cells[c])) >= 2]
    if not starts:
        return None
    kuan_of: dict[int, int] = {}  # 类 column → its 款 column
    for s in starts:
        k = s + 1
        if k < ncols and (bottoms[k] == "款" or (bottoms[s] == "类" and k in starts) or (
            sum(1 for r in body if re.fullmatch(r"\d{2}", r.cells[k])) >= 2
            and not any(r.cells[k] and not re.fullmatch(r"\d{2}", r.cells[k]) for r in body)
        )):
            kuan_of[s] = k
    starts = [s for s in starts if s not in kuan_of.values()]
    groups = []
    for k, s in enumerate(starts):
        end = starts[k + 1] if k + 1 < len(starts) else ncols
        first = kuan_of.get(s, s) + 1
        cols = list(range(first, end))
        vcol = next((c for c in cols if re.search(r"决算数|金额|合计", labels[c])), None)
        if vcol is None:
            vcol = cols[-1] if cols else None
        ncol = next((c for c in cols if c != vcol), None)
        groups.append((s, kuan_of.get(s), ncol, vcol))
    return groups


def parse(spec, table: Table, g: CellGrid) -> None:
    """A group's code is one cell ("30101"), 类 | 款 in two cells ("301" | "01", the 类 cell possibly merged
    down), or a "301" group cell with the 款 number glued to the name ("01基本工资"); the group
    (人员经费/公用经费) comes from the code."""
    if g.by_column:
        found = _grid_groups(g)
        if found is None:
            return
        groups, body = found, g.body
    else:
        groups, body = TEXT_GROUPS, _text_rows(g)
    table.columns = ["决算数"]
    last_class: dict[int, str] = {}
    for r in body:
        for k, (s, kc, ncol, vcol) in enumerate(groups):
            code = r.cells[s]
            name = r.cells[ncol] if ncol is not None else ""
            value = _amount(r.cells[vcol]) if vcol is not None else None
            if code and not ECON_CODE_RE.match(code):
                name, code = code + name, ""  # "人员经费合计" printed across code and name
            kuan = r.cells[kc] if kc is not None else ""
            if kuan and re.fullmatch(r"\d{2}", kuan) and (len(code) == 3 or (not code and k in last_class)):
                code = (code or last_class[k]) + kuan  # 类 | 款 apart, the 类 cell merged down or repeated
            m = compiled(r"^(\d{2})(\D.*)$").match(name)
            if m and (len(code) == 3 or (not code and k in last_class)):
                code, name = (code or last_class[k]) + m.group(1), m.group(2)  # "01基本工资" under "301"
            if len(code) == 3:
                last_class[k] = code
            if not code and not name:
                continue
            if not code and value is None:
                # a summary label merged across the next groups: its value is in the last one it covers
                for s2, _k2, n2, v2 in groups[k + 1 :]:
                    if r.raw[s2] is not None or (n2 is not None and r.raw[n2] is not None):
                        break
                    if v2 is not None and _amount(r.cells[v2]) is not None:
                        value = _amount(r.cells[v2])
                        break
            table.rows.append(
                Row(code=code, name=name, values={"决算数": value}, line=r.line, page=r.page, group=econ_group(code, name), text=r.text)
            )
