"""Which row a wrapped name piece belongs to, in extracted text.

A table cell whose name wraps is printed vertically centred: the text extractor, which orders lines by
height, puts part of the name above the row's code line and part below it ("机关事业单位基本养老保险缴费"
/ "2080505 699.30 699.30" / "支出"); a three-line name keeps its middle line on the code line
("国有土地使用权出让" / "21219 收入对应专项债务收 595.64" / "入安排的支出"); and the first line of a
two-line name is sometimes merged into the code line ("301 11 公务员医疗补助缴 0.00" / "费"). A line of
pieces between two code lines is therefore the tail of the row above, the head of the row below, or both.

:func:`split_pieces` decides, for one column of rows, how many pieces each row takes above (head) and below
(tail), by the shape a centred cell gives: as many lines above as below (cost 0); one more below, when
the first line merged into the code line (cost 1); one more above (cost 2). A row with no name on its
code line must take pieces on both sides (any other split costs more). The split with the least total
cost wins; pieces before the first row may come from the end of the header at a cost per line, so a
header line is taken only when a nameless first row needs it.
"""

from __future__ import annotations

HEADER_TAKE_COST = 1.5


def _row_cost(named: bool, head: int, tail: int) -> float:
    if named:
        if head == tail:
            return 0
        if tail == head + 1:
            return 1
        if head == tail + 1:
            return 2
        return 4 + abs(head - tail)
    if head == tail and head >= 1:
        return 0
    if abs(head - tail) == 1:
        return 3
    if head == tail == 0:
        return 6
    return 4 + abs(head - tail)


def split_pieces(named: list[bool], between: list[int], after: int, pool: int = 0) -> tuple[float, list[int], list[int]]:
    """Heads and tails per row: the least-cost split of the pieces around ``len(named)`` rows.

    ``between[k]`` is the number of pieces between row k and row k+1 (``len(named) - 1`` entries),
    ``after`` the pieces after the last row (all its tail), ``pool`` the lines at the end of the header
    the first row may take as its head. Returns (cost, heads, tails).
    """
    n = len(named)
    if n == 0:
        return 0.0, [], []
    # best[h] = (cost so far, heads, tails) with row k's head = h
    best: dict[int, tuple[float, list[int], list[int]]] = {h: (HEADER_TAKE_COST * h, [h], []) for h in range(pool + 1)}
    for k in range(n):
        nxt: dict[int, tuple[float, list[int], list[int]]] = {}
        m = between[k] if k < n - 1 else after
        for h, (cost, heads, tails) in best.items():
            tail_options = [m] if k == n - 1 else range(m + 1)
            for t in tail_options:
                c = cost + _row_cost(named[k], h, t)
                h2 = m - t if k < n - 1 else 0
                if h2 not in nxt or c < nxt[h2][0]:
                    nxt[h2] = (c, heads + ([h2] if k < n - 1 else []), tails + [t])
        best = nxt
    cost, heads, tails = min(best.values(), key=lambda x: x[0])
    return cost, heads, tails
