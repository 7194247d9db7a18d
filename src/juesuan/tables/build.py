"""Turn a table region (its title line, then text lines or ruled grids) into a :class:`Table`.

Two inputs reach here:
- text lines (from extracted text): a row is one line; blank cells have vanished, names may wrap onto
  the next lines ("22904 其他政府性基金及对应专项债务收入安" / "排的支出" / "100.00 100.00 0 …") or, in
  a vertically centred cell, around the code line ("机关事业单位基本养老保险缴费" / "2080505 699.30
  699.30" / "支出"; ``wrap`` decides which row a piece belongs to);
- grids (from a PDF's ruled tables): a row is a list of cells, blank cells are "" and merged ones None.
The table's spec (``patterns/tables.toml``) gives its shape and canonical columns; the printed header
decides which columns are present and in which order.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from decimal import Decimal

import regex as re

from ..ingest.model import Grid, Line
from ..numbers import is_amount, normalize, parse_amount
from ..patterns import load
from .model import Row, Table
from .place import place_table
from .wrap import split_pieces

CODE_RE = re.compile(r"^(?:\d{3}|\d{5}|\d{7})$")
ECON_CODE_RE = re.compile(r"^3\d{2}(?:\d{2})?$")
NUMBER_LINE_RE = re.compile(r"(公开\s*\d+\s*表|附表\s*\d+|表\s*[一二三四五六七八九十]+|表\s*\d+)")
PERCENT_RE = re.compile(r"^-?\d+(?:\.\d+)?%$|^-%$")


def _squash(text: str | None) -> str:
    return re.sub(r"\s+", "", text or "")


@dataclass
class TableSpec:
    id: str
    name: str
    title_re: re.Pattern
    shape: str
    raw: dict

    @property
    def columns(self) -> list[list[str]]:
        return self.raw.get("columns", [])


_SPECS: list[TableSpec] | None = None


def specs() -> list[TableSpec]:
    global _SPECS
    if _SPECS is None:
        _SPECS = [
            TableSpec(t["id"], t["name"], re.compile(t["title"]), t["shape"], t) for t in load("tables")["table"]
        ]
    return _SPECS


_PREFIX_RE = re.compile(
    r"^(?:(?:公开\d+表|附表\d+|表[一二三四五六七八九十\d]+)[:：、.]?|[一二三四五六七八九十]+、|\d+[.、])?"
)


def match_title(line_text: str) -> TableSpec | None:
    """The spec whose title this line is ("公开05表 一般公共预算财政拨款支出决算表", "七、…三公…表").

    The title must end the line (a trailing "（续表）" aside) and may only be preceded by a numbering
    ("公开01表", "表七", "一、") and a department/year prefix ("…局2023年度").
    """
    t = _squash(normalize(line_text))
    if not t or len(t) > 60:
        return None
    t = NUMBER_LINE_RE.sub("", t)
    t = re.sub(r"[（(]续表?[）)]$", "", t)
    t = _PREFIX_RE.sub("", t)
    for spec in specs():
        m = spec.title_re.search(t)
        if m and m.end() == len(t) and (m.start() == 0 or re.search(r"(?:年度?|部门|单位)$", t[: m.start()])):
            return spec
    return None


def note_re() -> re.Pattern:
    return re.compile(load("tables")["notes"]["note"])


def unit_of(lines: list[str]) -> str | None:
    pat = re.compile(load("layout")["meta"]["unit"])
    for t in lines:
        m = pat.search(t)
        if m:
            return m.group("unit")
    return None


# ----------------------------------------------------------------------------------------------
# Header → canonical columns


def _columns_from_header(header: str, options: list[list[str]]) -> list[str]:
    """Canonical columns whose label occurs in the (squashed) header text, in the spec's order.

    Extracted text flattens multi-row headers (本年支出 over 小计 | 基本支出 | 项目支出 prints after
    年末结转), so the printed position is unreliable; the national templates fix the order, and the
    header only says which of the columns are present.
    """
    return [canon for canon, alias in options if re.search(alias.replace("^", "").replace("$", ""), header)]


def _map_grid_column(label: str, options: list[list[str]]) -> str | None:
    lab = _squash(label)
    for canon, alias in options:
        if re.search(alias, lab):
            return canon
    return None


# ----------------------------------------------------------------------------------------------
# Text rows


def _tokens(text: str) -> list[str]:
    return text.split()


def _split_trailing_numbers(tokens: list[str]) -> tuple[list[str], list[str]]:
    i = len(tokens)
    while i > 0 and (is_amount(tokens[i - 1]) or PERCENT_RE.match(tokens[i - 1])):
        i -= 1
    return tokens[:i], tokens[i:]


def _leading_code(tokens: list[str]) -> tuple[str, list[str]]:
    """A 科目编码 at the start: "2010301", or 类 | 款 | 项 printed apart ("201 03 01")."""
    if not tokens:
        return "", tokens
    t0 = tokens[0]
    if CODE_RE.match(t0):
        code, rest = t0, tokens[1:]
        if len(t0) == 3 and rest and re.fullmatch(r"\d{2}", rest[0]):
            code += rest[0]
            rest = rest[1:]
            if rest and re.fullmatch(r"\d{2}", rest[0]):
                code += rest[0]
                rest = rest[1:]
        return code, rest
    return "", tokens


# Words of header cells, units and continuation marks: a line holding one is no piece of a wrapped name
# ("科目编码" repeated on a continuation page). Names do contain "单位" (行政单位离退休), never "单位：".
_HEADER_WORDS = r"科目|编码|代码|名称|^项\s*目$|功能分类|经济分类|决算数|预算数|栏次|行次|单位[:：]|合计|小计|总计|续表?|^[类款项]$"


def _is_piece(text: str, columns: list[list[str]]) -> bool:
    """A line that may be a piece of a wrapped name: no digits, no header word, no column label."""
    t = _squash(text)
    return bool(t) and not re.search(r"\d", t) and not re.search(_HEADER_WORDS, t) and not any(
        re.fullmatch(alias.replace("^", "").replace("$", ""), t) for _, alias in columns
    )


def _strip_lkx(tokens: list[str]) -> list[str]:
    """"类 款 项 合计 4,733.14 …": the 类 | 款 | 项 header cells printed on the 合计 row's line."""
    i = 0
    while i < len(tokens) and tokens[i] in ("类", "款", "项"):
        i += 1
    if i and i < len(tokens) and tokens[i].startswith(("合计", "总计")):
        return tokens[i:]
    return tokens


def _assign_pieces(rows: list[dict], events: list[tuple[str, object]], pool: list) -> tuple[list[list], list[list]]:
    """Per row, the piece lines of its name above (heads) and below (tails) its code line (see ``wrap``).

    ``events`` is the body in order: ("row", index) and ("piece", line); pieces before the first row,
    and the header ``pool``, may only be its head.
    """
    n = len(rows)
    heads: list[list] = [[] for _ in range(n)]
    tails: list[list] = [[] for _ in range(n)]
    if not n:
        return heads, tails
    gaps: list[list] = [[]]
    for kind, x in events:
        if kind == "row":
            gaps.append([])
        else:
            gaps[-1].append(x)
    lead, between, after = gaps[0], gaps[1:-1], gaps[-1]
    pool = list(pool) + lead
    named = [bool(r["name"]) for r in rows]
    _, h, t = split_pieces(named, [len(g) for g in between], len(after), len(pool))
    heads[0] = pool[len(pool) - h[0] :] if h[0] else []
    for k in range(n):
        gap_after = between[k] if k < n - 1 else after
        tails[k] = gap_after[: t[k]]
        if k < n - 1:
            heads[k + 1] = gap_after[t[k] :]
    return heads, tails


def _dec(tok: str) -> Decimal | None:
    if PERCENT_RE.match(tok):
        return None if tok == "-%" else Decimal(tok[:-1])
    return parse_amount(tok)


class _Builder:
    def __init__(self, spec: TableSpec, title: Line, items: list, dept: str | None):
        self.spec = spec
        self.title = title
        self.items = items
        self.dept = dept
        self.number: str | None = None
        m = NUMBER_LINE_RE.search(_squash(title.text))
        if m:
            self.number = m.group(1)
        self.header: list[str] = []
        self.header_lines: list[Line] = []
        self.note: list[str] = []
        self.unit: str | None = None

    # -- common ------------------------------------------------------------------------------
    def build(self) -> Table:
        lines = [it for it in self.items if isinstance(it, Line)]
        grids = [it for it in self.items if isinstance(it, Grid)]
        meta_texts = [self.title.text] + [ln.text for ln in lines[:6]]
        self.unit = unit_of(meta_texts)
        table = Table(
            kind=self.spec.id,
            name=self.spec.name,
            title=self.title.text,
            number=self.number,
            unit=self.unit or "万元",
            columns=[],
            line=self.title.line,
            page=self.title.page,
        )
        if grids:
            self._from_grids(table, grids, lines)
        else:
            self._from_lines(table, lines)
            place_table(table)  # rows whose blank cells vanished: placed where the identities decide
        table.note = "\n".join(self.note)
        table.number = self.number
        if self.unit is None:
            table.extra["unit_assumed"] = True
        return table

    def _classify_meta(self, ln: Line) -> bool:
        """Number, unit, department and note lines: not header, not rows. True if consumed."""
        t = _squash(ln.text)
        if self.note or note_re().match(t):
            self.note.append(ln.text)
            return True
        if NUMBER_LINE_RE.fullmatch(t):
            self.number = self.number or t
            return True
        if re.search(load("layout")["meta"]["unit"], ln.text) or re.match(r"^(?:部门|单位|编制单位)(?:名称)?[:：]", t):
            return True
        if re.fullmatch(r"(?:金额)?单位[:：]?(?:万元|元)", t):
            return True
        return False

    # -- text ---------------------------------------------------------------------------------
    def _from_lines(self, table: Table, lines: list[Line]) -> None:
        shape = self.spec.shape
        body: list[Line] = []
        seen_body = False
        for ln in lines:
            if self._classify_meta(ln):
                continue
            if not seen_body and self._is_header_line(ln):
                self.header.append(ln.text)
                self.header_lines.append(ln)
                continue
            seen_body = True
            body.append(ln)
        header = _squash(" ".join(self.header))
        if shape == "coded":
            self._coded_text(table, header, body)
        elif shape == "two_sided":
            self._two_sided_text(table, header, body)
        elif shape == "econ":
            self._econ_text(table, body)
        elif shape == "sangong":
            self._sangong_text(table, header, body)
        elif shape == "projects":
            self._projects_text(table, header, body)

    def _is_header_line(self, ln: Line) -> bool:
        toks = _tokens(ln.text)
        shape = self.spec.shape
        if re.match(load("tables")["notes"]["column_index"], _squash(ln.text)):
            return True
        if shape == "coded":
            code, rest = _leading_code(_strip_lkx(toks))
            words, nums = _split_trailing_numbers(rest)
            # "合计 基本支出 项目支出" (a column label line) is header; "合计 4,733.14 …" is the total row
            return not code and not ("".join(words).startswith(("合计", "总计")) and nums)
        if shape == "two_sided":
            # a body row has an amount somewhere (its right side may be blank: "一、… 487.71 一、…支出")
            return not any(is_amount(t) for t in toks) or all(re.fullmatch(r"\d{1,2}", t) for t in toks)
        if shape == "econ":
            return not any(ECON_CODE_RE.match(t) for t in toks) and "合计" not in ln.text
        if shape == "sangong":
            return not all(is_amount(t) for t in toks)
        if shape == "projects":
            return not re.fullmatch(r"\d{6,}", _squash(ln.text))
        return False

    def _coded_text(self, table: Table, header: str, body: list[Line]) -> None:
        # header cells printed on the 合计 row's line ("合计 0 2002.80 合计 基本支出 项目支出 0"): header words
        for ln in body:
            toks = _strip_lkx(_tokens(ln.text))
            if toks and toks[0] in ("合计", "总计"):
                words = [t for t in toks[1:] if not (is_amount(t) or PERCENT_RE.match(t))]
                if words and len(words) < len(toks) - 1:
                    header += _squash("".join(words))
        cols = _columns_from_header(header, self.spec.columns) or [c for c, _ in self.spec.columns]
        widths = [len(_split_trailing_numbers(_leading_code(_strip_lkx(_tokens(ln.text)))[1])[1]) for ln in body]
        full = [c for c, _ in self.spec.columns]
        if widths and max(widths) == len(full) and len(cols) != len(full):
            cols = full  # a header label the vocabulary missed: every template column is printed
        table.columns = cols
        # Rows (a code line with its figures, or a code line, name lines and then the figures) and the
        # name pieces printed on lines of their own around them (see ``wrap``).
        rows: list[dict] = []
        events: list[tuple[str, object]] = []  # ("row", index) | ("piece", Line)
        pending: dict | None = None

        def flush(nums: list[str]) -> None:
            nonlocal pending
            assert pending is not None
            pending["nums"] = nums
            events.append(("row", len(rows)))
            rows.append(pending)
            pending = None

        for ln in body:
            toks = _strip_lkx(_tokens(ln.text))
            code, rest = _leading_code(toks)
            words, nums = _split_trailing_numbers(rest)
            if not code and toks and toks[0] in ("合计", "总计") and any(is_amount(t) for t in toks[1:]):
                words, nums = toks[:1], [t for t in toks[1:] if is_amount(t) or PERCENT_RE.match(t)]
            name = "".join(words)
            if code or name.startswith(("合计", "总计")) or (pending is None and name and nums):
                pending = {"code": code, "name": name, "line": ln.line, "page": ln.page, "lines": [ln]}
                if nums:
                    flush(nums)
            elif pending is not None:
                pending["name"] += name
                pending["lines"].append(ln)
                if nums:
                    flush(nums)
            elif name and not nums and _is_piece(ln.text, self.spec.columns):
                events.append(("piece", ln))
            # figures outside any row (stray fragments) are ignored
        pool = self._header_pool(table)
        heads, tails = _assign_pieces(rows, events, pool)
        for k, r in enumerate(rows):
            nums = r["nums"]
            vals: dict[str, Decimal | None] = {c: None for c in cols}
            partial = len(nums) != len(cols)
            if not partial:
                for c, tok in zip(cols, nums):
                    vals[c] = _dec(tok)
            elif nums:
                vals[cols[0]] = _dec(nums[0])
            lines = heads[k] + r["lines"] + tails[k]
            name = "".join(_squash(x.text) for x in heads[k]) + r["name"] + "".join(_squash(x.text) for x in tails[k])
            table.rows.append(
                Row(
                    code=r["code"],
                    name=name,
                    values=vals,
                    line=r["line"],
                    page=r["page"],
                    partial=partial,
                    text=" ".join(x.text for x in lines),
                    extra={"figures": list(nums)} if partial else {},
                )
            )

    def _header_pool(self, table: Table) -> list[Line]:
        """Lines at the end of the header that may be the head of the first row's wrapped name.

        Only single-word lines without digits, column labels or header words qualify ("文化旅游体育与传媒"
        above "207 17,127.62 …" / "支出"); ``_assign_pieces`` takes one only when the first row needs it.
        """
        out: list[Line] = []
        for ln in reversed(self.header_lines):
            t = ln.text.strip()
            if (
                not t
                or len(t.split()) != 1
                or re.search(r"\d", t)
                or re.search(_HEADER_WORDS, t)
                or any(re.search(alias.replace("^", "").replace("$", ""), t) for _, alias in self.spec.columns)
            ):
                break
            out.insert(0, ln)
        return out

    def _two_sided_text(self, table: Table, header: str, body: list[Line]) -> None:
        left = [c for c, _ in self.spec.raw["left_columns"]]
        right_opts = self.spec.raw["right_columns"]
        right = _columns_from_header(header, right_opts) or [c for c, _ in right_opts]
        if len(right_opts) > 1 and "合计" not in right:
            right = ["合计"] + [c for c in right if c != "合计"]
        has_rowno = "行次" in header
        table.columns = sorted(set(left) | set(right), key=(left + right).index)
        last: dict[str, int] = {}  # side → the last ordinal printed on it ("二十一、" → 21)
        for ln in body:
            segs = _two_sided_segments(_tokens(ln.text), has_rowno)
            if len(segs) == 1 and not segs[0][2] and table.rows:
                label = segs[0][1]
                n = _ordinal(label)
                if n is None and len(label) <= 4 and not _LABEL_START_RE.match(label):
                    prev = table.rows[-1]  # the tail of a wrapped label ("二十二、灾害防治及应急管理支" / "出")
                    prev.name += label
                    prev.text += " " + ln.text
                    continue
                if n is not None:  # a label-only line: the side whose numbering it continues
                    side = next((sd for sd in ("支出", "收入") if last.get(sd) == n - 1), segs[0][0])
                    segs = [(side, label, [])]
            for side, name, nums in segs:
                n = _ordinal(name)
                if n is not None:
                    last[side] = n
                cols = left if side == "收入" else right
                vals: dict[str, Decimal | None] = {c: None for c in table.columns}
                partial = len(nums) != len(cols)
                for c, tok in zip(cols, nums if not partial else nums[:1]):
                    vals[c] = _dec(tok)
                table.rows.append(
                    Row(code="", name=name, values=vals, line=ln.line, page=ln.page, side=side, partial=partial, text=ln.text)
                )

    def _econ_text(self, table: Table, body: list[Line]) -> None:
        """经济分类 groups side by side: "30101 基本工资 57.00 30201 办公费 1.17 …", or 类 | 款 apart
        ("301 01 基本工资 405.36 302 01 办公费 92.11"), blank cells vanished ("30103 奖金 30203 咨询费"),
        names wrapped around the code line ("机关事业单位基本" / "301 08 229.67 302 07 邮电费 3.48" /
        "养老保险缴费"). Each entry is put in its printed column, the name pieces are given to the rows
        of their column (``wrap``), and the group (人员经费/公用经费) comes from the code."""
        table.columns = ["决算数"]
        decimals = any("." in t for ln in body for t in _tokens(ln.text) if is_amount(t))
        lines = [(ln, _econ_entries(_tokens(ln.text), decimals)) for ln in body]
        # a header repeated on a continuation page is no name piece
        lines = [(ln, es) for ln, es in lines if any(e["kind"] != "piece" for e in es) or _is_piece(ln.text, [])]
        for ln, es in lines:
            for e in es:
                e["line"] = ln
        ncols = max((len(es) for _, es in lines if any(e["kind"] != "piece" for e in es)), default=1)
        # columns: positional when a line fills them all; otherwise by the class a column is printing
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

        def solve() -> tuple[float, dict]:
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
                gaps: list[list] = [[]]
                for kind, x in events:
                    if kind == "row":
                        gaps.append([])
                    else:
                        gaps[-1].append(x)
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

        # a piece on a line of fewer pieces than columns: only the columns printing a row on the nearest
        # row line above or below it; the one a nameless row there needs first, then the least cost
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
        best, plan = solve()
        for opts in groups.values():  # the pieces between two row lines, jointly (a handful at most)
            if len(opts) > 4:
                continue
            keep = [e["col"] for e, _ in opts]
            for combo in itertools.product(*[c for _, c in opts]):
                if list(combo) == keep:
                    continue
                for (e, _), c in zip(opts, combo):
                    e["col"] = c
                cost, p2 = solve()
                if cost < best:
                    best, plan, keep = cost, p2, list(combo)
            for (e, _), c in zip(opts, keep):
                e["col"] = c
        for ln, es in lines:
            for e in es:
                if e["kind"] in ("piece", "stray"):
                    continue
                above, below = plan.get(id(e), ([], []))
                name = "".join(x["name"] for x in above) + e["name"] + "".join(x["name"] for x in below)
                code = e["code"]
                value = parse_amount(e["value"]) if e["value"] is not None else None
                if not code and value is None and not name:
                    continue
                text = " ".join(dict.fromkeys([x["line"].text for x in above] + [ln.text] + [x["line"].text for x in below]))
                table.rows.append(
                    Row(code=code, name=name, values={"决算数": value}, line=ln.line, page=ln.page, group=econ_group(code, name), text=text)
                )

    def _sangong_text(self, table: Table, header: str, body: list[Line]) -> None:
        items = [c for c, _ in self.spec.raw["items"]]
        interleaved = header.count("预算数") > 1
        order = (
            [(it, k) for it in items for k in ("预算数", "决算数")]
            if interleaved
            else [(it, k) for k in ("预算数", "决算数") for it in items]
        )
        table.columns = [f"{k}|{it}" for k in ("预算数", "决算数") for it in items]
        for ln in body:
            toks = _tokens(ln.text)
            if not toks or not all(is_amount(t) for t in toks):
                continue
            if [t for t in toks] == [str(i) for i in range(1, len(toks) + 1)]:
                continue  # the column-index line "1 2 3 … 12"
            vals: dict[str, Decimal | None] = {c: None for c in table.columns}
            partial = len(toks) != len(order)
            if not partial:
                for (it, k), tok in zip(order, toks):
                    vals[f"{k}|{it}"] = parse_amount(tok)
            extra = {"figures": toks, "order": [f"{k}|{it}" for it, k in order]} if partial else {}
            table.rows.append(Row(code="", name="三公经费", values=vals, line=ln.line, page=ln.page, partial=partial, text=ln.text, extra=extra))

    def _projects_text(self, table: Table, header: str, body: list[Line]) -> None:
        cols = _columns_from_header(header, self.spec.columns) or [c for c, _ in self.spec.columns]
        table.columns = cols
        types = load("tables")["table"]
        ptypes = next(t for t in types if t["id"] == "project_eval")["project_types"]
        dept = _squash(self.dept or "")
        current: list[Line] = []
        for ln in body:
            t = _squash(ln.text)
            if re.fullmatch(r"\d{6,}", t):
                current = [ln]
                continue
            if not current:
                continue
            toks = _tokens(ln.text)
            if toks and all(is_amount(x) or PERCENT_RE.match(x) or x in ("是", "否") for x in toks) and len(toks) >= 4:
                name = _project_name([c.text for c in current[1:]], dept, ptypes)
                vals: dict[str, Decimal | None] = {c: None for c in cols}
                flag = toks[-1] if toks[-1] in ("是", "否") else None
                nums = toks[:-1] if flag else toks
                partial = len(nums) != len([c for c in cols if c != "是否有偏差项目"])
                for c, tok in zip([c for c in cols if c != "是否有偏差项目"], nums):
                    vals[c] = _dec(tok)
                row = Row(code=current[0].text.strip(), name=name, values=vals, line=current[0].line, page=current[0].page, partial=partial, text=ln.text)
                if flag:
                    row.group = flag
                table.rows.append(row)
                current = []
            else:
                current.append(ln)

    # -- grids (PDF) ----------------------------------------------------------------------------
    def _from_grids(self, table: Table, grids: list[Grid], lines: list[Line]) -> None:
        seen_grid = False
        for it in self.items:
            if isinstance(it, Grid):
                seen_grid = True
            elif seen_grid and NUMBER_LINE_RE.fullmatch(_squash(it.text)):
                continue  # below the table: the next table's number, printed above its title
            else:
                self._classify_meta(it)
        from .grid import build_from_grids

        build_from_grids(self, table, grids)


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
                cur["value"] = tok
            elif cur is not None and cur["kind"] == "piece":
                cur["kind"], cur["value"] = "label", tok
            else:
                out.append({"kind": "stray", "code": "", "name": "", "value": tok})
        elif "合计" in tok or "总计" in tok:
            out.append({"kind": "label", "code": "", "name": tok, "value": None})
        elif open_ and cur["kind"] == "coded" and not cur["name"]:
            cur["name"] = tok
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


def econ_group(code: str, name: str) -> str | None:
    """人员经费 or 公用经费 for an 经济分类 row: by code (``patterns/econ.toml``), or by a summary row's name."""
    if code:
        return "人员经费" if code.startswith(tuple(load("econ")["personnel_prefixes"])) else "公用经费"
    return "人员经费" if "人员" in name else "公用经费" if "公用" in name else None


# A new 总表 label starts with an ordinal ("八、") or a fixed row name; a blank cell between two labels
# (上海 style prints no zeros) must not glue them together.
_LABEL_START_RE = re.compile(r"^(?:[一二三四五六七八九十]+、|本年|年初|年末|总计|结余分配|使用)")


def _two_sided_segments(tokens: list[str], has_rowno: bool) -> list[tuple[str, str, list[str]]]:
    """Split a 总表 text row into (side, label, numbers) segments."""
    segs: list[list] = []  # [label, nums]
    lead: list[str] = []
    for tok in tokens:
        if is_amount(tok):
            if segs:
                segs[-1][1].append(tok)
            else:
                lead.append(tok)
        else:
            if segs and not segs[-1][1] and not _LABEL_START_RE.match(tok):
                segs[-1][0] += tok  # a label printed with a space inside it
            else:
                segs.append([tok, []])
    out = []
    for i, (label, nums) in enumerate(segs):
        if has_rowno and nums and re.fullmatch(r"\d{1,3}", nums[0]):
            nums = nums[1:]
        # the trailing 行次 of a label-less right side ("一般公共预算财政拨款 29 0 61") is no value
        side = _side_of(label, i, len(segs), bool(lead))
        if has_rowno and side == "收入" and len(nums) > 1 and re.fullmatch(r"\d{1,3}", nums[-1]):
            nums = nums[:-1]
        out.append((side, label, nums))
    return out


_CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def _ordinal(label: str) -> int | None:
    """The number of a label's ordinal ("二十二、…" → 22), None without one."""
    m = re.match(r"^([一二三四五六七八九十]+)、", label)
    if not m:
        return None
    t = m.group(1)
    if "十" not in t:
        return _CN_DIGITS.get(t) if len(t) == 1 else None
    tens, _, ones = t.partition("十")
    return (_CN_DIGITS.get(tens, 0) if tens else 1) * 10 + (_CN_DIGITS.get(ones, 0) if ones else 0)


def _side_of(label: str, index: int, count: int, led_by_number: bool) -> str:
    if index > 0 or led_by_number:
        return "支出"
    if count > 1:
        return "收入"
    if re.search(r"支出(?:合计)?$|年末|结余分配", label):
        return "支出"
    return "收入"


def _project_name(pieces: list[str], dept: str, ptypes: list[str]) -> str:
    """The project's name from the wrapped cell pieces of a self-evaluation row.

    Pieces are: unit name…, the 主管部门 code (3 digits), the 主管部门 name…, the project name…, then the
    project type and the 归口处室, printed one character a line. The 主管部门 name is recognised as a
    prefix of the department's name; the type from ``project_types``.
    """
    pieces = [p.replace(" ", "") for p in pieces]
    i = 0
    while i < len(pieces) and not re.fullmatch(r"\d{3,4}", pieces[i]):
        i += 1
    i += 1
    acc = ""
    while i < len(pieces) and dept and dept.startswith(acc + pieces[i]):
        acc += pieces[i]
        i += 1
    rest = pieces[i:]
    multi = []
    j = 0
    while j < len(rest) and (len(rest[j]) > 1 or not multi):
        multi.append(rest[j])
        j += 1
    tail = "".join(rest[j:])
    name = "".join(multi)
    for pt in ptypes:
        k = tail.find(pt)
        if k > 0:
            name += tail[:k]
            break
    return name


def build_table(spec: TableSpec, title: Line, items: list, dept: str | None) -> Table:
    return _Builder(spec, title, items, dept).build()
