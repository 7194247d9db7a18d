"""Placing the figures of a row whose blank cells vanished, by the table's identities.

In 上海-style page text a blank cell prints nothing, so a row prints fewer figures than the table has columns
("2101101 行政单位医疗 133.90 122.24" under 合计 | 基本支出 | 项目支出; "12.15 8.67 10.98 7.50 10.98 7.50 1.17
1.17" under the twelve 预算数/决算数 columns of the 三公 table). The parser marks such a row ``partial`` and keeps
its printed figures (``row.extra["figures"]``). This module places them:

* a *placement* of a row puts its figures, in printed order, into columns in the table's printed order, every
  other cell blank (= 0): C(columns, figures) placements per row;
* a placement must satisfy the row's own identities (合计 = 基本支出 + 项目支出; 本年收入合计 = Σ sources;
  三公 合计 = 因公出国 + 公务用车购置及运行维护费 + 公务接待费, 公务用车 = 购置 + 运行) and, jointly with the other
  rows, the column identities (合计 = Σ 类, 类 = Σ 款, 款 = Σ 项 per column) — the identities and their
  evaluation (rounding allowance from the printed precision) are those of :mod:`juesuan.tables.reliability`;
* the partial rows of a table are solved together (they meet in the column sums): each row's candidates are
  pruned identity by identity (an identity is enumerated over at most ``MAX_CHECK_COMBOS`` combinations of its
  rows' values, and at most ``BUDGET`` evaluations per table; an identity over more is skipped), then the rows
  still open are enumerated jointly against every identity (at most ``MAX_COMBOS`` combinations, else they stay
  open). The work is bounded per table: a pathological table stays partial, never slow.

Outcome per row (:class:`Outcome`): ``placed`` — one placement of the whole table satisfies every identity,
the row's cells are set, ``partial`` cleared and ``extra["placed"] = "identity"``; ``ambiguous`` — several
placements hold (the row stays partial; the cells every satisfying placement agrees on are kept in
``extra["agreed"]`` and the satisfying placements in ``extra["placements"]``); ``impossible`` — no placement
of the row satisfies its own identity: the printed row is wrong (T011 reports it).

Identities cannot tell two optional columns apart when every row leaves one of them blank (基本支出 and 上缴上级
支出 of a 支出决算表 whose rows print only 合计 and one part): such rows stay ambiguous, as they should.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from decimal import Decimal
from math import comb

from ..catalogue import row_identities, sangong_grand, sangong_item_parts, total_column
from ..numbers import decimals_of, is_amount, parse_amount
from ..patterns import compiled, load
from ..text import squash
from .model import Row, Table
from .reliability import CODED, ECON, Check, Reading, evaluate, identities

MAX_COMBOS = 1024  # combinations enumerated jointly for the rows left open
MAX_CHECK_COMBOS = 1024  # combinations of its rows' values enumerated for one identity while pruning
BUDGET = 20000  # identity evaluations per table while pruning; then the rows keep the candidates they have
MAX_PLACEMENTS = 5000  # placements of one row (C(columns, figures)); beyond, the row stays partial

Candidate = dict  # column → Decimal | None


@dataclass
class RowOutcome:
    index: int
    figures: list[str]
    status: str  # placed | ambiguous | impossible | open
    candidates: list[Candidate] = field(default_factory=list)
    row_checks: list[Check] = field(default_factory=list)


@dataclass
class Outcome:
    table: Table
    rows: dict[int, RowOutcome] = field(default_factory=dict)
    consistent: bool = True  # the other rows' identities hold under the placement found

    def count(self, status: str) -> int:
        return sum(1 for r in self.rows.values() if r.status == status)


def figures(row: Row) -> list[str] | None:
    figs = row.extra.get("figures") if row.extra else None
    return list(figs) if figs else None


def _order(table: Table, row: Row) -> list[str]:
    return list(row.extra.get("order") or table.columns)


def checks_of(table: Table) -> list[Check]:
    """The identities of ``table``: those of :func:`reliability.identities`, and the 三公 row's."""
    if table.kind != "sangong":
        return identities(table)
    out: list[Check] = []
    cols = set(table.columns)
    for i, _ in enumerate(table.rows):
        for k in ("预算数", "决算数"):
            for whole, parts in sangong_item_parts():  # 合计 = 出国 + 公务用车 + 接待; 公务用车 = 购置 + 运行
                c = [f"{k}|{it}" for it in (whole, *parts)]
                if set(c) <= cols:
                    out.append(Check(f"{k} {whole} = {' + '.join(parts)}", (i, c[0]), [(i, x) for x in c[1:]]))
        grand = sangong_grand()
        if grand and {grand[0], *grand[1]} <= cols:  # 江苏: 合计 = 三公 + 会议费 + 培训费
            what = f"{grand[0].replace('|', ' ')} = {' + '.join(x.split('|')[-1] for x in grand[1])}"
            out.append(Check(what, (i, grand[0]), [(i, x) for x in grand[1]]))
    return out


def _places(table: Table, figs: dict[int, list[Decimal]]) -> int:
    ds = [decimals_of(v) for r in table.rows for v in r.values.values() if v is not None]
    ds += [decimals_of(v) for fs in figs.values() for v in fs]
    return max(ds, default=0)


def _reading(table: Table, partial: set[int]) -> Reading:
    """Known cells: every cell of a row read whole, the first of a row left partial; nothing of a row to place."""
    out: Reading = {}
    first = table.columns[0] if table.columns else None
    for i, r in enumerate(table.rows):
        if i in partial:
            continue
        for c in table.columns:
            if r.partial and c != first:
                continue
            out[(i, c)] = r.values.get(c)
    return out


def _candidates(order: list[str], values: list[Decimal]) -> list[Candidate] | None:
    if len(values) > len(order) or comb(len(order), len(values)) > MAX_PLACEMENTS:
        return None
    out = []
    for pos in itertools.combinations(range(len(order)), len(values)):
        cand: Candidate = {c: None for c in order}
        for p, v in zip(pos, values):
            cand[order[p]] = v
        out.append(cand)
    return out


def _holds(checks: list[Check], reading: Reading, places: int) -> bool:
    fails, _ = evaluate(checks, reading, places)
    return not fails


def analyse(table: Table) -> Outcome:
    """The placements of every partial row of ``table`` (nothing is changed; see :func:`place_table`)."""
    out = Outcome(table)
    if (table.kind not in CODED + ECON and table.kind != "sangong") or len(table.columns) < 2:
        return out
    figs, raw = _partial_figures(table)
    if not figs:
        return out
    checks = checks_of(table)
    if not checks:
        return out
    places = _places(table, figs)
    own, multi = _split_checks(checks, figs)
    dom = _domains(table, figs, raw, own, places, out)
    # known cells: rows read whole, and the first figure of a row left partial (its 合计, as the parser reads it)
    base = _reading(table, set(dom))
    _prune(multi, dom, base, places)
    if any(not d for d in dom.values()):
        out.consistent = False
        return out  # each open row keeps the placements its own identities allow (``own_agreed``)
    consistent, solutions = _solve_open_rows(checks, dom, base, places)
    if not consistent:
        out.consistent = False
        return out
    for i, d in dom.items():
        ro = out.rows[i]
        final: list[Candidate] = []
        for cand in (s[i] for s in solutions) if solutions is not None else d:
            if cand not in final:
                final.append(cand)
        ro.candidates = final
        ro.status = "placed" if len(final) == 1 else "ambiguous"
    return out


def _partial_figures(table: Table) -> tuple[dict[int, list[Decimal]], dict[int, list[str]]]:
    """The figures of every row read partial (row index → values, and as printed); rows with none, or with a
    figure that is no amount, are left out."""
    figs: dict[int, list[Decimal]] = {}
    raw: dict[int, list[str]] = {}
    for i, r in enumerate(table.rows):
        if not r.partial:
            continue
        f = figures(r)
        if not f:
            continue
        try:
            parsed = [parse_amount(x) for x in f]
        except ValueError:
            continue
        nums = [v for v in parsed if v is not None]
        if len(nums) != len(parsed):
            continue
        figs[i], raw[i] = nums, f
    return figs, raw


def _split_checks(checks: list[Check], figs: dict[int, list[Decimal]]) -> tuple[dict[int, list[Check]], list[Check]]:
    """(the identities within one row, by row; the identities across rows that touch a partial row)."""
    own: dict[int, list[Check]] = {}
    multi: list[Check] = []
    for ch in checks:
        touched = {k[0] for k in ch.cells()}
        if len(touched) == 1:
            own.setdefault(next(iter(touched)), []).append(ch)
        elif touched & set(figs):
            multi.append(ch)
    return own, multi


def _domains(table: Table, figs: dict[int, list[Decimal]], raw: dict[int, list[str]], own: dict[int, list[Check]],
             places: int, out: Outcome) -> dict[int, list[Candidate]]:
    """Each partial row's placements that its own identities allow (its RowOutcome added to ``out``; a row no
    placement of which holds is "impossible", one with too many placements stays "open")."""
    dom: dict[int, list[Candidate]] = {}
    for i, vals in figs.items():
        cands = _candidates(_order(table, table.rows[i]), vals)
        ro = RowOutcome(i, raw[i], "open", row_checks=own.get(i, []))
        out.rows[i] = ro
        if cands is None:
            continue
        mine = own.get(i, [])
        ok = [c for c in cands if _holds(mine, {(i, col): v for col, v in c.items()}, places)]
        if not ok and mine:
            ro.status = "impossible"
            continue
        dom[i] = ok
        if mine:
            ro.candidates = ok  # by its own identities alone: kept if the table as a whole cannot be solved
    return dom


def _prune(multi: list[Check], dom: dict[int, list[Candidate]], base: Reading, places: int) -> None:
    """A candidate stays while some values of the other open rows make each identity hold; an identity is
    looked at again only when a row it touches lost candidates (a worklist: linear in practice)."""
    by_row: dict[int, list[int]] = {}
    for n_ch, ch in enumerate(multi):
        for r_i in {k[0] for k in ch.cells()}:
            by_row.setdefault(r_i, []).append(n_ch)
    queue = list(range(len(multi)))
    queued = set(queue)
    budget = BUDGET
    while queue:
        n_ch = queue.pop()
        queued.discard(n_ch)
        ch = multi[n_ch]
        rows = sorted({k[0] for k in ch.cells()} & set(dom))
        if not rows:
            continue
        if any(k not in base for k in ch.cells() if k[0] not in dom):
            continue  # a cell of a row that is not known (an impossible or unplaceable row)
        row_cells = {i: [k for k in ch.cells() if k[0] == i] for i in rows}
        proj = {i: sorted({tuple(c[k[1]] for k in row_cells[i]) for c in dom[i]}, key=str) for i in rows}
        n = 1
        for i in rows:
            n *= len(proj[i])
        if n == 0:
            continue
        known = {k: base[k] for k in ch.cells() if k in base}
        if n > MAX_CHECK_COMBOS or n > budget:
            seen = _by_bounds(ch, rows, row_cells, proj, known, places)  # too many to enumerate: bounds only
        else:
            budget -= n
            seen = {i: set() for i in rows}
            for combo in itertools.product(*(proj[i] for i in rows)):
                rd = dict(known)
                for i, pv in zip(rows, combo):
                    rd.update(zip(row_cells[i], pv))
                if _holds([ch], rd, places):
                    for i, pv in zip(rows, combo):
                        seen[i].add(pv)
        for i in rows:
            keep = [c for c in dom[i] if tuple(c[k[1]] for k in row_cells[i]) in seen[i]]
            if len(keep) != len(dom[i]):
                dom[i] = keep
                for other in by_row.get(i, []):
                    if other != n_ch and other not in queued:
                        queue.append(other)
                        queued.add(other)


def _by_bounds(ch: Check, rows: list[int], row_cells: dict[int, list], proj: dict[int, list[tuple]], known: Reading,
               places: int) -> dict[int, set]:
    """The projections of each open row that can make ``total = Σ terms`` hold when every other open row takes some
    value between its least and greatest contribution (a necessary condition, so sound: a value kept may still fail,
    one dropped cannot hold). ``total − Σ terms`` must lie within the rounding allowance of :func:`evaluate`; a row's
    contribution is its value in the total cell less its values in the term cells (blank = 0). Linear in the
    candidates: used when the combinations are too many to enumerate (eleven 项 rows under one 款, each with six
    placements: a 款 column printed blank admits no 项 figure in it)."""
    tol = Decimal(5).scaleb(-places - 1) * (len(ch.terms) + 1)

    def contribution(cells, values) -> Decimal:
        return sum(((v or Decimal(0)) * (1 if k == ch.total else -1) for k, v in zip(cells, values)), Decimal(0))

    const = contribution(list(known), list(known.values()))
    span = {i: [contribution(row_cells[i], pv) for pv in proj[i]] for i in rows}
    lo = sum((min(v) for v in span.values()), Decimal(0))
    hi = sum((max(v) for v in span.values()), Decimal(0))
    out: dict[int, set] = {}
    for i in rows:
        rest_lo, rest_hi = lo - min(span[i]), hi - max(span[i])
        out[i] = {pv for pv, v in zip(proj[i], span[i])
                  if const + v + rest_lo <= tol and const + v + rest_hi >= -tol}
    return out


def _solve_open_rows(checks: list[Check], dom: dict[int, list[Candidate]], base: Reading,
                     places: int) -> tuple[bool, list[dict[int, Candidate]] | None]:
    """The rows still open, jointly: (whether every identity can hold, the joint placements that make them
    hold — None when there are too many to enumerate)."""
    fixed = {i: d[0] for i, d in dom.items() if len(d) == 1}
    open_rows = [i for i, d in dom.items() if len(d) > 1]
    n = 1
    for i in open_rows:
        n *= len(dom[i])
    solutions: list[dict[int, Candidate]] | None = None
    # every identity with the fixed rows placed (the open rows unknown: identities touching them are skipped)
    fixed_reading = _with(base, fixed)
    if not _holds(checks, fixed_reading, places):
        return False, None
    if n <= MAX_COMBOS:
        solutions = []
        touching = [ch for ch in checks if any(k[0] in open_rows for k in ch.cells())]
        cells = {k for ch in touching for k in ch.cells()}
        known = {k: fixed_reading[k] for k in cells if k in fixed_reading}
        for joint in itertools.product(*(dom[i] for i in open_rows)):
            rd = dict(known)
            for i, cand in zip(open_rows, joint):
                for c, v in cand.items():
                    if (i, c) in cells:
                        rd[(i, c)] = v
            if _holds(touching, rd, places):
                assign = dict(fixed)
                assign.update(zip(open_rows, joint))
                solutions.append(assign)
        if not solutions:
            return False, None
    return True, solutions


def _with(base: Reading, assign: dict[int, Candidate]) -> Reading:
    rd = dict(base)
    for i, cand in assign.items():
        for c, v in cand.items():
            rd[(i, c)] = v
    return rd


def agreed(candidates: list[Candidate]) -> dict[str, Decimal | None]:
    """The cells every candidate gives the same value."""
    if not candidates:
        return {}
    first = candidates[0]
    return {c: v for c, v in first.items() if all(x.get(c) == v for x in candidates[1:])}


def own_agreed(ro: RowOutcome) -> dict[str, Decimal | None]:
    """The cells of a row that every placement satisfying its own identities gives the same figure, when the table
    as a whole has no placement (another row misprinted or garbled, e.g. a 合计 row whose figures ran into the header
    words): "0 2.80 2.80 2.80 0" under 年初 | 收入 | 支出合计 | 基本 | 项目 | 年末 with 支出合计 = 基本 + 项目 puts 0 in
    年初 and 2.80 in 收入 and 支出合计 whichever of the last three cells is blank (issue 18, family 3). Only printed
    figures count: a cell every placement leaves blank is not agreed."""
    return {c: v for c, v in agreed(ro.candidates).items() if v is not None}


def place_table(table: Table) -> Outcome:
    """Place what the identities decide (see the module docstring); the outcome is kept in
    ``table.extra["placement"]`` for T011."""
    out = analyse(table)
    for i, ro in out.rows.items():
        row = table.rows[i]
        if ro.status == "placed":
            for c, v in ro.candidates[0].items():
                row.values[c] = v
            row.partial = False
            row.extra["placed"] = "identity"
        elif ro.status == "ambiguous":
            row.extra["agreed"] = agreed(ro.candidates)
            row.extra["placements"] = ro.candidates
        elif ro.status == "open" and not out.consistent and (own := own_agreed(ro)):
            row.extra["agreed"] = own
        if ro.status == "open" and len(ro.candidates) > 1:
            row.extra["own_placements"] = ro.candidates  # for place_across: another table may decide
    if out.rows:
        table.extra["placement"] = out
    return out


def cell_bounds(row: Row, column: str) -> tuple[Decimal, Decimal] | None:
    """(least, greatest) value of a cell over the satisfying placements of an ambiguous row (blank = 0)."""
    return row.bounds(column)


def _close(a: Decimal, b: Decimal) -> bool:
    """Two printed figures equal within their rounding (half a unit of each one's last place)."""
    tol = Decimal(5) / 10 ** (decimals_of(a) + 1) + Decimal(5) / 10 ** (decimals_of(b) + 1)
    return abs(a - b) <= tol


def _anchors(table: Table, row: Row, tables: dict[str, Table]) -> dict[str, Decimal]:
    """The cells of a row that the 财政拨款收入支出决算总表 prints too, read only from its rows read whole: in the
    政府性基金 table the 合计 row's 本年收入 and 本年支出合计 and a 类 row's 本年支出合计 (its 政府性基金 column), in
    the 收入决算表 the 合计 row's 财政拨款收入 (its 本年收入合计)."""
    ft = tables.get("fiscal_total")
    if ft is None or ft.unit != table.unit or not ft.columns:
        return {c: v for c, v in _income_sources(table, tables).items() if c in table.columns} if row.is_total else {}
    gov = next((c for c in ft.columns if c.startswith("政府性基金")), None)
    spend = total_column("fund")

    def ft_value(pred, side: str, col: str | None) -> Decimal | None:
        r = next((x for x in ft.rows if x.side == side and not x.partial and pred(_label(x.name))), None)
        return None if r is None or col is None else r.values.get(col)

    out: dict[str, Decimal | None] = {}
    if table.kind == "income" and row.is_total:
        out.update(_income_sources(table, tables))
        out["财政拨款收入"] = ft_value(lambda n: n == total_column("income"), "收入", ft.columns[0])
    elif table.kind == "fund" and row.is_total:
        out[spend or ""] = ft_value(lambda n: n == total_column("expense"), "支出", gov)
        out["本年收入"] = ft_value(lambda n: n.startswith("政府性基金"), "收入", ft.columns[0])
    elif table.kind == "fund" and row.level == "类":
        out[spend or ""] = ft_value(lambda n: n == row.name.replace(" ", ""), "支出", gov)
    return {c: v for c, v in out.items() if v is not None and c in table.columns}


def _label(name: str) -> str:
    """A 总表 label without its spaces and numbering ("二、政府性基金预算财政拨款" → "政府性基金预算财政拨款")."""
    return compiled(load("tables")["notes"]["label_numbering"]).sub("", squash(name), count=1)


def _income_sources(table: Table, tables: dict[str, Table]) -> dict[str, Decimal]:
    """The 收入决算表 合计 row's sources other than 财政拨款 as the 收入支出决算总表 prints them on its 收入 side (the same
    figures: "四、上级补助收入", "八、其他收入 695400.00"): a row read with its figure gives it; a line that prints no
    figure at all (neither side) gives 0 — a line whose one figure the parser gave the other side proves nothing."""
    iet = tables.get("income_expense_total")
    ident = row_identities().get("income")
    if table.kind != "income" or iet is None or iet.unit != table.unit or not iet.columns or ident is None:
        return {}
    out: dict[str, Decimal] = {}
    # a blank is exactly 0: printed to the table's places, so that it is never "close" to a small figure
    zero = Decimal(0).scaleb(-max((decimals_of(v) for x in iet.rows for v in x.values.values() if v is not None),
                                  default=2))
    for col in ident[1]:
        if col == "财政拨款收入" or col not in table.columns:
            continue  # the 财政拨款 of the 总表 is split by fund type (一、二、三): the 财政拨款总表 gives its total
        r = next((x for x in iet.rows if x.side == "收入" and _label(x.name) == col), None)
        if r is None:
            continue
        v = r.values.get(iet.columns[0])
        if not r.partial and v is not None:
            out[col] = v
        elif r.partial and not any(is_amount(tok) for tok in r.text.split()):
            out[col] = zero
    return out


def place_tables(tables: list[Table]) -> None:
    """The placement step after parsing (:func:`juesuan.tables.build.attach_tables`; the rule-case harness runs the
    same on a case's tables): every table's rows whose blank cells vanished are placed by the table's identities
    (:func:`place_table`), then the 收入 and 政府性基金 rows left ambiguous by the 财政拨款收入支出决算总表
    (:func:`place_across`)."""
    for t in tables:
        if any(r.partial for r in t.rows):
            place_table(t)
    place_across(tables)


def place_across(tables: list[Table]) -> None:
    """Rows of the 收入 and 政府性基金 tables whose blank cells vanished and whose own identities leave several placements
    (issue 18, family 3): keep the placements that print what the 财政拨款收入支出决算总表 prints for the same
    cells (:func:`_anchors`). One left: the row is placed (``extra["placed"] = "cross"``); several: the cells they
    agree on are kept; none: the tables disagree and the row is left as it was (T006 compares the tables)."""
    by_kind = {t.kind: t for t in tables}
    for t in (by_kind.get("income"), by_kind.get("fund")):
        if t is not None and _across(t, by_kind):
            place_table(t)  # the rows placed so are known cells now: the column sums may decide the others


def _across(t: Table, by_kind: dict[str, Table]) -> bool:
    """Narrow the placements of ``t``'s partial rows by :func:`_anchors`; whether a row was placed."""
    placed = False
    for row in t.rows:
        cands = row.extra.get("placements") or row.extra.get("own_placements") if row.partial else None
        if not cands:
            continue
        anchors = _anchors(t, row, by_kind)
        if not anchors:
            continue
        keep = [c for c in cands if all(_close(c.get(col) or Decimal(0), v) for col, v in anchors.items())]
        if not keep or len(keep) == len(cands):
            continue
        if len(keep) == 1:
            for c, v in keep[0].items():
                row.values[c] = v
            row.partial = False
            row.extra["placed"] = "cross"
            row.extra.pop("placements", None)
            row.extra.pop("agreed", None)
            placed = True
        else:
            if "placements" in row.extra:  # as place_table keeps an ambiguous row's
                row.extra["placements"], row.extra["agreed"] = keep, agreed(keep)
            else:
                row.extra["own_placements"] = keep
                row.extra["agreed"] = {c: v for c, v in agreed(keep).items() if v is not None}
    return placed
