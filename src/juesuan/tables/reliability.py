"""Was a table read right?  Its own identities and a few impossible values decide.

After parsing, every coded table (功能分类 支出/收入 tables) and the 基本支出 经济分类 table is checked
against the identities it must satisfy *by construction* — 合计 = Σ 类, 类 = Σ 款, 款 = Σ 项, per value
column; 合计 = 基本支出 + 项目支出 (…) per row; 经济分类 class = Σ its 款, 人员经费合计 / 公用经费合计 = Σ
their classes — and for values no print can hold (a figure shaped like a 科目编码 such as ``30218`` in a
table printed with decimals, one 科目编码 on two rows, a block of rows repeating another block).

The boundary between "the document is wrong" and "we misread it" (see :func:`diagnose`):

* **local** — every failing identity touches one row (one cell typo, one bad subtotal, one row printed in
  the wrong column). That is what a misprint looks like: the T-rules report it as the document's error.
* **misread** — the failures are not local *and* the evidence points at the reading: an alternative
  reading of the same figures makes the identities hold (figures shifted by k rows against the labels
  from some row on, or by one column — moving the figures of ≥ 4 rows and repairing at least half of the
  failures, ≥ 2), totals whose detail rows all came out blank (≥ 2), a block of ≥ 3 rows repeating another
  block, one value filling a whole column, or sheer number: ≥ 6 failures, ≥ 1/3 of all identities, and
  more than 3 rows needed to touch them all. Impossible values (a code as an amount, a code on two rows)
  mark a table misread as soon as any identity fails, however local.
* otherwise (two or three independent misprints) the failures stand as the document's errors.

Measured on 60 generated documents (tests/test_reliability.py keeps a small version): random one-, two- and
three-cell changes in 564 tables each: none marked misread; rows shifted, columns shifted or codes read as
amounts in a block of ≥ 4 rows of a fully read table: 102 of 102 marked misread.

A repair is adopted (the table checked as so read, see :func:`adopted_repair`) only when it is complete,
plausible and the only such reading. Measured on 25 generated documents (公开05表, two labels with no figures
inserted before a 类 or 款 and the figures from there moved up two rows, 74 cases): 50 adopted, all with the
true figures on every label; 24 left unreliable (another start as consistent and not settled by the other
tables, or no complete repair); none adopted wrongly.

Money stays exact: a check passes when |printed total − Σ printed terms| ≤ (n + 1) half-units of the
table's printed precision, the same allowance the T-rules use.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from decimal import Decimal

import regex as re

from ..catalogue import row_identities
from ..i18n import Join, Msg
from ..numbers import decimals_of
from .model import Table

CODED = ("income", "expense", "gpb_expense", "fund", "soe", "procurement", "org_running", "fiscal_expense")
ECON = ("gpb_basic", "fiscal_basic")  # 经济分类 (基本支出) tables: 决算 一般公共预算财政拨款基本支出; 预算 both
ROW_IDENTITIES = row_identities()  # kind → (total column, the columns adding up to it): patterns/tables.toml
# an integer that looks like a 科目编码: 功能分类 2xx / 经济分类 3xx, 5xx, as 类 (3), 款 (5) or 项 (7) digits
CODE_SHAPED = re.compile(r"^[235]\d{2}(?:\d{2}){0,2}$")
MIN_BROAD = 6  # failing checks needed (and ≥ 1/3 of all) before sheer number says "misread"
MAX_MISPRINTS = 3  # failures that this many rows explain are independent misprints, however many checks fail
MIN_BLOCK = 4  # a reading that repairs the table must move the figures of at least this many rows
ZERO = Decimal(0)

Key = tuple[int, str]  # (row index, column)
Reading = dict  # Key → Decimal | None; a key absent = the cell is not known (partial row)


@dataclass
class Check:
    """One identity in one column: ``total`` = Σ ``terms``."""

    what: str
    total: Key
    terms: list[Key]

    def cells(self) -> list[Key]:
        return [self.total, *self.terms]


@dataclass
class Outcome:
    check: Check
    diff: Decimal  # printed total − Σ printed terms (table unit)
    tol: Decimal
    zero_sum: bool = False  # a printed total against terms that are all blank


@dataclass
class Diagnosis:
    """The verdict on one table: ``unreliable`` with the reasons (catalogue messages ``rule.T010.*``), the identities
    checked and those failing as read."""

    table: Table
    checked: int = 0
    failures: list[Outcome] = field(default_factory=list)
    reasons: list[Msg] = field(default_factory=list)
    unreliable: bool = False
    local_row: int | None = None  # the one row every failure touches (a misprint), if any
    repair: Repair | None = None  # the reading adopted when it makes every identity hold (see :func:`adoptable`)
    repaired: Table | None = None  # the table as read after that repair (the rules check against it)


# ---- readings ------------------------------------------------------------------------------------


def _places(table: Table) -> int:
    return max((decimals_of(v) for r in table.rows for v in r.values.values() if v is not None), default=0)


def base_reading(table: Table) -> Reading:
    """The table as parsed. A partial row (blank cells vanished) is known only in its first column."""
    out: Reading = {}
    first = table.columns[0] if table.columns else None
    for i, r in enumerate(table.rows):
        for c in table.columns:
            if r.partial and c != first:
                continue
            out[(i, c)] = r.values.get(c)
    return out


def _row_label(table: Table, i: int) -> str:
    r = table.rows[i]
    return r.code or r.name.replace(" ", "") or f"第{i + 1}行"


# ---- identities ----------------------------------------------------------------------------------


def identities(table: Table) -> list[Check]:
    if table.kind in ECON:
        return econ_identities(table)
    rows = table.rows
    out: list[Check] = []
    if table.kind not in CODED:
        return out
    coded = [i for i, r in enumerate(rows) if r.code.isdigit()]
    total = next((i for i, r in enumerate(rows) if r.is_total and "总计" not in r.name), None)
    classes = [i for i in coded if len(rows[i].code) == 3]
    for col in table.columns:
        if total is not None and classes:
            out.append(Check("合计 = Σ 类", (total, col), [(k, col) for k in classes]))
        for p in coded:
            lv = len(rows[p].code)
            if lv not in (3, 5):
                continue
            kids = [k for k in coded if len(rows[k].code) == lv + 2 and rows[k].code.startswith(rows[p].code)]
            if kids:
                out.append(Check(f"{rows[p].code} = Σ {'款' if lv == 3 else '项'}", (p, col), [(k, col) for k in kids]))
    spec = ROW_IDENTITIES.get(table.kind)
    if spec:
        tot, parts = spec
        parts = [p for p in parts if p in table.columns]
        if tot in table.columns and len(parts) >= 2:
            for i in range(len(rows)):
                out.append(Check(f"{_row_label(table, i)} {tot} = {' + '.join(parts)}", (i, tot), [(i, p) for p in parts]))
    return out


def econ_identities(table: Table) -> list[Check]:
    """经济分类 (基本支出) tables: each class = Σ its 款 and 人员经费合计 / 公用经费合计 = Σ their classes (the
    决算 table, one column); a 预算 table also per value column, its 合计 row = Σ classes, and 合计 = 人员经费 +
    公用经费 in every row (上海 prints the three columns; 江苏 one amount column)."""
    from ..patterns import load

    rows = table.rows
    out: list[Check] = []
    personnel = tuple(load("econ").get("personnel_prefixes", ["301", "303"]))
    col = table.columns[0] if table.columns else "决算数"
    budget = table.extra.get("doc_kind") == "预算"
    cols = list(table.columns) if budget else [col]
    classes = [i for i, r in enumerate(rows) if r.code.isdigit() and len(r.code) == 3]
    kids = {c: [i for i, r in enumerate(rows) if r.code.isdigit() and len(r.code) == 5 and r.code.startswith(rows[c].code)]
            for c in classes}
    for cc in cols:
        for c in classes:
            if kids[c]:
                out.append(Check(f"{rows[c].code} = Σ 款", (c, cc), [(k, cc) for k in kids[c]]))
    for i, r in enumerate(rows):
        n = r.name.replace(" ", "")
        if r.code:
            continue
        if n.startswith("人员经费"):
            terms = [c for c in classes if rows[c].code.startswith(personnel)]
        elif n.startswith("公用经费"):
            terms = [c for c in classes if not rows[c].code.startswith(personnel)]
        elif budget and n in ("合计", "总计") and classes:
            out += [Check(f"{n} = Σ 类", (i, cc), [(k, cc) for k in classes]) for cc in cols]
            continue
        else:
            continue
        if terms:
            out.append(Check(f"{n} = Σ 类", (i, col), [(k, col) for k in terms]))
    spec = ROW_IDENTITIES.get(table.kind)
    if budget and spec:
        tot, parts = spec
        parts = [p for p in parts if p in table.columns]
        if tot in table.columns and len(parts) >= 2:
            out += [Check(f"{_row_label(table, i)} {tot} = {' + '.join(parts)}", (i, tot), [(i, p) for p in parts])
                    for i in range(len(rows))]
    return out


def evaluate(checks: list[Check], reading: Reading, places: int) -> tuple[list[Outcome], int]:
    """(failing outcomes, number of checks that could be evaluated) under ``reading``."""
    half = Decimal(5).scaleb(-places - 1)
    fails: list[Outcome] = []
    n = 0
    for ch in checks:
        if any(k not in reading for k in ch.cells()):
            continue
        t = reading[ch.total]
        vals = [reading[k] for k in ch.terms]
        if all(v in (None, ZERO) for v in vals) and t in (None, ZERO):
            continue
        if t is None:  # a blank total over printed parts: no print leaves 合计 blank under figures
            t = ZERO
        n += 1
        s = sum((v for v in vals if v is not None), ZERO)
        diff = t - s
        tol = half * (len(vals) + 1)
        if abs(diff) > tol:
            fails.append(Outcome(ch, diff, tol, zero_sum=t != 0 and all(v in (None, ZERO) for v in vals)))
    return fails, n


# ---- evidence of a misprint: one row explains every failure --------------------------------------


def local_row(fails: list[Outcome]) -> int | None:
    """The row that every failing identity touches (a misprinted row or cell), or None."""
    if not fails:
        return None
    common = None
    for o in fails:
        rows = {k[0] for k in o.check.cells()}
        common = rows if common is None else common & rows
        if not common:
            return None
    return min(common) if common else None


def cover(fails: list[Outcome]) -> int:
    """How many rows it takes (greedily) to touch every failing identity: the number of misprints the
    failures would need if the print were wrong."""
    left = [{k[0] for k in o.check.cells()} for o in fails]
    n = 0
    while left:
        counts: dict[int, int] = {}
        for rows in left:
            for r in rows:
                counts[r] = counts.get(r, 0) + 1
        best = max(counts, key=lambda r: (counts[r], -r))
        left = [rows for rows in left if best not in rows]
        n += 1
    return n


# ---- impossible values ---------------------------------------------------------------------------


def code_shaped(table: Table, places: int) -> list[tuple[int, str, Decimal]]:
    """Figures printed without decimals in a table printed with decimals, whose digits are a 科目编码."""
    if places < 1:
        return []
    out = []
    codes = {r.code for r in table.rows if r.code}
    for i, r in enumerate(table.rows):
        for c, v in r.values.items():
            if v is None or decimals_of(v) or v <= 0:
                continue
            s = str(int(v))
            if CODE_SHAPED.match(s) or s in codes:
                out.append((i, c, v))
    return out


def duplicate_codes(table: Table) -> list[str]:
    seen: dict[str, int] = {}
    for r in table.rows:
        if r.code:
            seen[r.code] = seen.get(r.code, 0) + 1
    return sorted(c for c, n in seen.items() if n > 1)


def repeated_block(table: Table, reading: Reading, min_len: int = 3) -> tuple[int, int, int] | None:
    """(start, copy_start, length): ``length`` consecutive rows whose figures repeat those of an earlier
    block of rows in another 类 — figures read twice, e.g. the top of the table again at its foot."""
    vec = []
    for i in range(len(table.rows)):
        v = tuple((c, reading[(i, c)]) for c in table.columns if (i, c) in reading)
        vec.append(v if any(x not in (None, ZERO) for _, x in v) else None)
    n = len(vec)
    best = None
    for a in range(n):
        for b in range(a + min_len, n):
            k = 0
            while b + k < n and a + k < b and vec[a + k] is not None and vec[a + k] == vec[b + k]:
                k += 1
            if k >= min_len and table.rows[a].lei != table.rows[b].lei and (best is None or k > best[2]):
                best = (b, a, k)
    return best


def repeated_column(table: Table, reading: Reading, fails: list[Outcome]) -> str | None:
    """A value column where one non-zero figure fills ≥ 4 rows that are not one 类/款/项 chain."""
    failing_cols = {o.check.total[1] for o in fails}
    for c in table.columns:
        if c not in failing_cols:
            continue
        rows = [i for i in range(len(table.rows)) if reading.get((i, c)) not in (None, ZERO)]
        if len(rows) < 4 or len({reading[(i, c)] for i in rows}) != 1:
            continue
        codes = sorted((table.rows[i].code for i in rows), key=len)
        if not all(codes[-1].startswith(x) for x in codes if x):
            return c
    return None


# ---- alternative readings ------------------------------------------------------------------------


def _vectors(table: Table, reading: Reading) -> list[dict]:
    return [{c: reading[(i, c)] for c in table.columns if (i, c) in reading} for i in range(len(table.rows))]


def _from_vectors(vecs: list[dict]) -> Reading:
    return {(i, c): v for i, vec in enumerate(vecs) for c, v in vec.items()}


def shift_rows(table: Table, reading: Reading, start: int, k: int) -> Reading:
    """Figures from row ``start`` on moved ``k`` rows down (k > 0: rows start…start+k−1 hold no figures)
    or up (k < 0) against the labels."""
    vecs = _vectors(table, reading)
    blank = {c: None for c in table.columns}
    n = len(vecs)
    new = vecs[:start]
    for i in range(start, n):
        j = i - k
        new.append(vecs[j] if start <= j < n else dict(blank))
    return _from_vectors(new)


def shift_columns(table: Table, reading: Reading, start: int, d: int) -> Reading:
    """Figures of rows ``start``… moved ``d`` columns (a column lost or gained in the reading)."""
    cols = table.columns
    out = dict(reading)
    for i in range(start, len(table.rows)):
        for j, c in enumerate(cols):
            src = j - d
            if (i, c) in reading:
                out[(i, c)] = reading.get((i, cols[src])) if 0 <= src < len(cols) else None
    return out


@dataclass
class Repair:
    what: Join  # the shifts, as catalogue messages
    reading: Reading
    fails: int
    moved_rows: int  # rows whose figures the reading changes
    steps: list = field(default_factory=list)  # ("row", start, k) / ("col", start, d), in order


def best_repair(table: Table, checks: list[Check], reading: Reading, places: int) -> Repair | None:
    """Greedy: up to three row or column shifts, each the one that makes most identities hold (passing −
    failing; a reading that merely blanks figures gains nothing). A shift starts at a row of a failing
    identity (the first dozen such rows): rows above every failure are read right."""
    if table.kind not in CODED:
        return None
    n = len(table.rows)

    def score(r: Reading) -> tuple[int, list[Outcome]]:
        f, m = evaluate(checks, r, places)
        return m - 2 * len(f), f

    cur, (cur_score, cur_fails), steps, moved = reading, score(reading), [], 0
    for _ in range(3):
        best = None
        starts = sorted({k[0] for o in cur_fails for k in o.check.cells()})[:12]
        for s in starts:
            cands = [(("row", s, k), lambda s=s, k=k, cur=cur: shift_rows(table, cur, s, k)) for k in (1, 2, 3, -1, -2)]
            if len(table.columns) > 1:
                cands += [(("col", s, d), lambda s=s, d=d, cur=cur: shift_columns(table, cur, s, d)) for d in (1, -1)]
            for key, make in cands:
                r = make()
                sc, f = score(r)
                if best is None or sc > best[2]:
                    best = (key, r, sc, f, n - s)
        if best is None or best[2] <= cur_score or len(best[3]) >= len(cur_fails):
            break
        steps.append(best[0])
        cur, cur_score, cur_fails, moved = best[1], best[2], best[3], max(moved, best[4])
        if not cur_fails:
            break
    if not steps:
        return None
    changed = sum(1 for i in range(n) if any(cur.get((i, c)) != reading.get((i, c)) for c in table.columns))
    return Repair(_describe(table, steps), cur, len(cur_fails), changed, steps)


def _describe(table: Table, steps: list) -> Join:
    rows = [s for s in steps if s[0] == "row"]
    cols = [s for s in steps if s[0] == "col"]
    parts = []
    if rows:
        first = min(s[1] for s in rows)
        blank = []
        for _, s, k in sorted(rows, key=lambda x: x[1]):
            if k > 0:
                blank += [_row_label(table, i) for i in range(s, min(s + k, len(table.rows)))]
        detail = Msg("rule.T010.shifted_down", rows=Join(blank, "enum")) if blank else Msg("rule.T010.shifted_up")
        parts.append(Msg("rule.T010.shifted", row=_row_label(table, first), detail=detail))
    if cols:
        parts.append(Msg("rule.T010.column_shift", row=_row_label(table, min(s[1] for s in cols))))
    return Join(parts)


# ---- adopting a repair ---------------------------------------------------------------------------


def dropped_rows(table: Table, steps: list) -> list[int]:
    """The printed rows whose figures a sequence of row shifts pushes off the table (off its foot when
    figures move down, i.e. printed figures no label takes)."""
    n = len(table.rows)
    src: list[int | None] = list(range(n))
    for kind, s, k in steps:
        if kind != "row":
            return []
        src = src[:s] + [src[i - k] if s <= i - k < n else None for i in range(s, n)]
    kept = {i for i in src if i is not None}
    return [i for i in range(n) if i not in kept]


def _agreement(table: Table, reading: Reading, others: dict[str, Decimal]) -> int:
    """How many coded rows hold, in the first column, the figure another table of the document prints for
    the same 科目编码 (e.g. the 支出决算表 row of the same code)."""
    if not others or not table.columns:
        return 0
    first = table.columns[0]
    return sum(1 for i, r in enumerate(table.rows)
               if r.code in others and reading.get((i, first)) not in (None, ZERO) and reading.get((i, first)) == others[r.code])


def adopted_repair(table: Table, checks: list[Check], reading: Reading, places: int, repair: Repair | None,
                   others: dict[str, Decimal] | None = None) -> Repair | None:
    """The repair to adopt — the table is then checked as so read — or None. Adopted only when it is a
    plausible reading and complete: row shifts only (labels with no figures inserted, the figures below
    moved down, or the figures moved up), at least :data:`MIN_BLOCK` rows moved, no identity left failing,
    at least half as many identities still checkable as before, and every printed figure the shifts leave
    without a label either blank or a repeat of another row's figures (a block read twice).

    It must also be the only such reading: the same shifts started at another row may make every identity
    hold as well (款 under one 类, or single-item 类 chains, sum in any order). Then the figures that
    ``others`` (code → figure printed for that code in the document's other coded tables) confirm decide:
    the reading that agrees with strictly most of them is adopted; a tie leaves the table unreliable.
    Anything less — a column shift, a failure left, figures thrown away that appear nowhere else — leaves
    the table unreliable."""
    if repair is None or repair.fails or not repair.steps or repair.moved_rows < MIN_BLOCK:
        return None
    if any(s[0] != "row" for s in repair.steps):
        return None
    fails0, n0 = evaluate(checks, reading, places)
    fails1, n1 = evaluate(checks, repair.reading, places)
    if fails1 or len(fails0) < 2 or n1 * 2 < n0:
        return None
    complete = [(repair.steps, repair.reading)]
    for j, (_, s0, k0) in enumerate(repair.steps):
        for s1 in range(len(table.rows)):
            if s1 == s0:
                continue
            steps = [*repair.steps[:j], ("row", s1, k0), *repair.steps[j + 1:]]
            alt = reading
            for _, s, k in steps:
                alt = shift_rows(table, alt, s, k)
            if all(alt != r for _, r in complete) and not evaluate(checks, alt, places)[0]:
                complete.append((steps, alt))
    if len(complete) > 1:
        scored = sorted(((_agreement(table, r, others or {}), i) for i, (_, r) in enumerate(complete)), reverse=True)
        if scored[0][0] == scored[1][0]:
            return None  # which labels hold no figures is not known
        steps, chosen = complete[scored[0][1]]
        if chosen is not repair.reading:
            changed = sum(1 for i in range(len(table.rows)) if any(chosen.get((i, c)) != reading.get((i, c)) for c in table.columns))
            repair = Repair(_describe(table, steps), chosen, 0, changed, steps)
    vecs = _vectors(table, reading)
    dropped = set(dropped_rows(table, repair.steps))
    kept = [tuple(sorted(v.items())) for i, v in enumerate(vecs) if i not in dropped]
    for i in dropped:
        v = vecs[i]
        if all(x in (None, ZERO) for x in v.values()):
            continue
        if tuple(sorted(v.items())) not in kept:
            return None
    return repair


def repaired_table(table: Table, reading: Reading) -> Table:
    """A copy of ``table`` whose figures are ``reading`` (a row whose columns the reading does not all know
    stays partial); the rows' printed text is cleared where their figures changed."""
    t = copy.deepcopy(table)
    for i, r in enumerate(t.rows):
        new = {c: reading.get((i, c)) for c in t.columns}
        known = all((i, c) in reading for c in t.columns)
        if new != {c: r.values.get(c) for c in t.columns} or known == r.partial:
            r.text = ""
        r.values = {**r.values, **new}
        r.partial = not known
    return t


# ---- the verdict ---------------------------------------------------------------------------------


def diagnose(table: Table, others: dict[str, Decimal] | None = None) -> Diagnosis:
    """Decide whether ``table`` was read reliably (see the module docstring for the boundary); ``others``
    (code → figure printed in the document's other coded tables) may settle which of several complete
    repairs is the right reading (:func:`adopted_repair`)."""
    d = Diagnosis(table)
    wrapped = table.extra.get("text_wrapped")
    if wrapped:  # the parser saw labels wrapped and figures apart from their labels in text: no reading to trust
        d.unreliable = True
        d.reasons = [Msg("rule.T010.text_wrapped", n=len(wrapped), example=wrapped[0])]
        return d
    checks = identities(table)
    if not checks:
        return d
    places = _places(table)
    reading = base_reading(table)
    fails, n = evaluate(checks, reading, places)
    d.checked, d.failures = n, fails
    if not fails:
        return d
    reasons: list[Msg] = []
    codes = code_shaped(table, places)
    if codes:
        ex = Join((str(int(v)) for _, _, v in codes[:3]), "enum")
        detail: str | Msg = ""
        without = dict(reading)
        for i, c, _ in codes:
            if (i, c) in without:
                without[(i, c)] = None
        f2, _ = evaluate(checks, without, places)
        if len(f2) < len(fails):
            detail = Msg("rule.T010.codes_detail", before=len(fails), after=len(f2))
        reasons.append(Msg("rule.T010.codes", n=len(codes), examples=ex, detail=detail))
    dups = duplicate_codes(table)
    if dups:
        reasons.append(Msg("rule.T010.duplicate_codes", codes=Join(dups[:3], "enum")))
    d.local_row = local_row(fails)
    if not reasons and d.local_row is not None:
        return d  # one row explains every failure: a misprint, the document's error
    counted = False
    zero = [o for o in fails if o.zero_sum]
    if len(zero) >= 2:
        reasons.append(Msg("rule.T010.blank_details", n=len(zero)))
    repair = best_repair(table, checks, reading, places)
    held_all = False
    if repair and repair.moved_rows >= MIN_BLOCK and len(fails) - repair.fails >= 2 and repair.fails * 2 <= len(fails):
        held = Msg("rule.T010.held_all") if repair.fails == 0 else Msg("rule.T010.held_some", n=repair.fails)
        reasons.append(Msg("rule.T010.repaired", what=repair.what, n=len(fails), held=held))
        counted, held_all = True, repair.fails == 0
    block = repeated_block(table, reading)
    if block:
        b, a, k = block
        reasons.append(Msg("rule.T010.repeated_block", row=_row_label(table, b), k=k, other=_row_label(table, a)))
    col = repeated_column(table, reading, fails)
    if col:
        reasons.append(Msg("rule.T010.same_column", column=col))
    if not reasons and len(fails) >= MIN_BROAD and len(fails) * 3 >= n and cover(fails) > MAX_MISPRINTS:
        reasons.append(Msg("rule.T010.failing", n=n, k=len(fails)))
        counted = True
    adopted = None
    if repair is not None and held_all and not codes and not dups and not col:
        adopted = adopted_repair(table, checks, reading, places, repair, others)
    # a block read twice must be what the repair leaves without labels
    if adopted is not None and (not block or set(range(block[0], block[0] + block[2])) <= set(dropped_rows(table, adopted.steps))):
        if adopted is not repair:  # another start, confirmed by the other tables: say that one
            held = Msg("rule.T010.held_all")
            reasons = [Msg("rule.T010.repaired", what=adopted.what, n=len(fails), held=held) if getattr(m, "key", "") == "rule.T010.repaired" else m
                       for m in reasons]
        d.repair, d.repaired, d.reasons = adopted, repaired_table(table, adopted.reading), reasons
        return d
    if reasons:
        d.unreliable = True
        if not counted:
            reasons.append(Msg("rule.T010.failing", n=n, k=len(fails)))
        d.reasons = reasons
    return d


def diagnose_tables(doc) -> tuple[dict[str, Diagnosis], dict[str, Diagnosis]]:
    """(unreliable tables, tables read after a complete repair), each by label."""
    bad: dict[str, Diagnosis] = {}
    fixed: dict[str, Diagnosis] = {}
    for t in doc.tables:
        others: dict[str, Decimal] = {}
        for o in doc.tables:
            if o is not t and o.kind in CODED and o.columns:
                for r in o.rows:
                    v = r.values.get(o.columns[0])
                    if r.code and v is not None:
                        others.setdefault(r.code, v)
        d = diagnose(t, others)
        if d.unreliable:
            bad[t.label] = d
        elif d.repaired is not None:
            fixed[t.label] = d
    return bad, fixed


def diagnose_document(doc) -> dict[str, Diagnosis]:
    """Every unreliable table of ``doc``, by label."""
    out: dict[str, Diagnosis] = {}
    for t in doc.tables:
        d = diagnose(t)
        if d.unreliable:
            out[t.label] = d
    return out
