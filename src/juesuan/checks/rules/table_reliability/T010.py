"""T010: a table whose identities fail like a misreading (not a misprint) is unreliable: one warning, no errors from
it."""

from __future__ import annotations

from collections.abc import Iterable

from ...base import Cell, Context, Evidence, Finding, Join, Msg, Rule, fmt, row_location


def where(table) -> Msg:
    if table.page:
        return Msg("rule.T010.page", page=table.page)
    return Msg("rule.T010.line", line=table.line)


class TableNotReliable(Rule):
    """A table whose own identities fail like a parse failure, not like a misprint, is marked unreliable.

    The boundary (evidence, not taste): when every failing identity touches one row — one cell typo, one
    bad subtotal, one row printed a column off — the print is wrong and T001–T004 report it; so do two or
    three independent misprints. When the failures spread over many rows *and* the figures themselves say
    "misread" — another reading of the same figures makes the identities hold (shifted k rows against the
    labels from some row on, or one column, moving ≥ 4 rows), totals whose detail rows came out blank, a
    block of rows repeating another, one value filling a column, or ≥ 6 failures over ≥ 1/3 of the
    identities that no 3 rows explain — or when the table holds a value no print holds (a 科目编码 such as
    30218 read as an amount, one code on two rows), the tool misread it: one warning here, and no rule
    reports an error drawn from that table. Details and measurements: :mod:`juesuan.tables.reliability`.

    When one reading by row shifts makes every identity hold — complete, dropping only blank or repeated
    figures, the only such reading (ties settled by the same codes in the other tables) — the table is
    checked as so read: this warning says what moved, and a narrative figure that disagrees with the
    repaired table is a warning naming the repair, never an error.

    Bad:  公开05表 lists 20709 / 2070904 (no figures in this table) and the figures of 20799, 2079903, …
          stand two rows higher against the labels: 20799 20.00 with 项 1,493.32 + 1,460.16; 208 44.54 with
          款 361.85 + 370.37 … → "一般公共预算财政拨款支出决算表（第263行）按修复后的读法核对：自 20709 行起
          数字与科目错位（…其后数字依次下移），按此读法原本不成立的 16 项恒等式全部成立…"; a 基本支出表
          whose 款 rows read 30203, 30209 … as amounts → "…未能可靠读取：…，本表相关核对不报错误".
    Good: 201 318.99 against 款 313.99 + 15.00 and every other identity holding — one bad subtotal, the
          document's error (T002), no warning here.
    """

    id = "T010"
    severity = "warning"
    summary = "a table whose identities fail like a misreading (not a misprint) is unreliable: one warning, no errors from it"
    compares = "tables"
    reports_table_diagnosis = True

    def check(self, ctx: Context) -> Iterable[Finding]:
        # the diagnoses (d.reasons: catalogue messages) are made by juesuan.tables.reliability
        out = [self._warning(d, Msg("rule.T010.unreliable", table=label, where=where(d.table), reasons=Join(d.reasons)))
               for label, d in ctx.unreliable.items()]
        # read after a complete repair (tables.reliability.adoptable): the rules checked the repaired
        # reading; still a warning, since the table as printed is not what the tool checked
        out += [self._warning(d, Msg("rule.T010.read_repaired", table=label, where=where(d.table), reasons=Join(d.reasons)))
                for label, d in ctx.repaired.items()]
        return out

    def _warning(self, d, message: Msg) -> Finding:
        """One warning on a diagnosed table, its evidence the cells of the first failed identities (or the
        table itself when none of them has a printed total)."""
        t = d.table
        ev = []
        for o in d.failures[:8]:
            i, col = o.check.total
            row = t.rows[i]
            v = row.values.get(col)
            if v is not None:
                e = Cell(t, row, col, v).evidence()
                e.value = f"{e.value}（{o.check.what}，差 {fmt(o.diff)}）"
                ev.append(e)
        return Finding(rule=self.id, severity="", message=message, text=t.title, location=row_location(t),
                       evidence=ev or [Evidence("table", t.title, t.label, None, None)])
