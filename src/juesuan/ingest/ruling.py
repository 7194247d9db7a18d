"""Ruled tables from a page's ruling lines: the cells and tables pdfplumber's ``find_tables()`` finds, faster.

The PDFium reader (:mod:`.pdfium`) has no table finder of its own. This module computes the same tables as
pdfplumber's default "lines" strategy (``pdfplumber/table.py``, MIT licence; Nurminen's method) from the same
edges, step for step: edges of at least 1 pt; vertical edges snapped to the average x of their cluster (within
3 pt), horizontal ones to the average top; collinear edges joined across gaps of up to 3 pt; edges under 3 pt
dropped; crossings within 3 pt; each crossing's smallest cell whose four sides are drawn; cells sharing a corner
form one table (tables of one cell dropped); rows and columns by the cells' distinct tops and x0s.

What differs is the cost, never the result: pdfplumber compares every vertical with every horizontal edge and, for
every crossing, scans every later crossing (quadratic in the crossings: a tall page of 10,000 ruled rows takes
minutes and about a gigabyte); here crossings are found through the edges sorted by position and cells through
the crossings indexed by column and by row, and their number is bounded (:class:`TooManyCrossings`).
"""

from __future__ import annotations

import bisect
from itertools import groupby, pairwise

SNAP = 3.0  # snap_tolerance
JOIN = 3.0  # join_tolerance
MIN_LENGTH = 3.0  # edge_min_length
PREFILTER = 1.0  # edge_min_length_prefilter
CROSS = 3.0  # intersection_tolerance

Edge = tuple[float, float, float, float]  # x0, top, x1, bottom (pdfplumber's obj_to_bbox of an edge)
Box = tuple[float, float, float, float]


class TooManyCrossings(Exception):
    """The ruling lines of a page cross at more points than the bound given to :func:`find_tables`."""


class Row:
    """One row of a table: a slot per distinct column x0, None where no cell starts there (pdfplumber's Row)."""

    def __init__(self, cells: list[Box | None]):
        self.cells = cells
        real = [c for c in cells if c is not None]
        self.bbox = (min(c[0] for c in real), min(c[1] for c in real), max(c[2] for c in real), max(c[3] for c in real))


class Table:
    """A ruled table: its cells, bounding box and rows (the attributes ``ingest.pdf`` reads of pdfplumber's)."""

    def __init__(self, cells: list[Box]):
        self.cells = cells
        self.bbox = (min(c[0] for c in cells), min(c[1] for c in cells), max(c[2] for c in cells), max(c[3] for c in cells))

    @property
    def rows(self) -> list[Row]:
        xs = sorted({c[0] for c in self.cells})
        out = []
        for _, group in groupby(sorted(self.cells, key=lambda c: (c[1], c[0])), key=lambda c: c[1]):
            at = {c[0]: c for c in group}
            out.append(Row([at.get(x) for x in xs]))
        return out


def line_edges(pts: list[tuple[float, float]], kind: str) -> list[tuple[str, Edge]]:
    """The edges of one painted shape in page coordinates (top-down): ``kind`` "line" (two points), "rect" (four
    sides) or "curve" (each consecutive pair of points; a slanted pair has no orientation and is dropped)."""
    if kind == "line":
        (ax, ay), (bx, by) = pts[0], pts[1]
        e = (min(ax, bx), min(ay, by), max(ax, bx), max(ay, by))
        return [("h" if ay == by else "v", e)]
    if kind == "rect":
        x0, x1 = min(p[0] for p in pts), max(p[0] for p in pts)
        top, bottom = min(p[1] for p in pts), max(p[1] for p in pts)
        return [("h", (x0, top, x1, top)), ("h", (x0, bottom, x1, bottom)),
                ("v", (x0, top, x0, bottom)), ("v", (x1, top, x1, bottom))]
    out = []
    for (ax, ay), (bx, by) in pairwise(pts):
        if ax == bx:
            out.append(("v", (ax, min(ay, by), bx, max(ay, by))))
        elif ay == by:
            out.append(("h", (min(ax, bx), ay, max(ax, bx), by)))
    return out


def _snap(edges: list[Edge], k: int) -> list[Edge]:
    """Snap each edge's coordinate ``k`` (0: x0 of a vertical, 1: top of a horizontal) to its cluster's mean."""
    if not edges:
        return []
    values = sorted({e[k] for e in edges})
    cluster_of: dict[float, int] = {}
    n = 0
    last = values[0]
    for v in values:
        if v > last + SNAP:
            n += 1
        cluster_of[v] = n
        last = v
    members: dict[int, list[Edge]] = {}
    for e in edges:
        members.setdefault(cluster_of[e[k]], []).append(e)
    out = []
    for c in sorted(members):
        group = members[c]
        avg = sum(e[k] for e in group) / len(group)
        for e in group:
            d = avg - e[k]
            out.append((e[0] + d, e[1], e[2] + d, e[3]) if k == 0 else (e[0], e[1] + d, e[2], e[3] + d))
    return out


def _join(edges: list[Edge], lo: int, hi: int) -> list[Edge]:
    """Join collinear edges (same line) whose gap is at most JOIN; ``lo``/``hi`` index their extent."""
    out: list[Edge] = []
    for e in sorted(edges, key=lambda e: e[lo]):
        if out and e[lo] <= out[-1][hi] + JOIN:
            if e[hi] > out[-1][hi]:
                last = list(out[-1])
                last[hi] = e[hi]
                out[-1] = (last[0], last[1], last[2], last[3])
        else:
            out.append(e)
    return out


def merge_edges(v: list[Edge], h: list[Edge]) -> tuple[list[Edge], list[Edge]]:
    """Prefilter, snap, join and filter the edges as pdfplumber's TableFinder.get_edges does."""
    v = _snap([e for e in v if e[3] - e[1] >= PREFILTER], 0)
    h = _snap([e for e in h if e[2] - e[0] >= PREFILTER], 1)
    vj: list[Edge] = []
    for _, grp in groupby(sorted(v, key=lambda e: e[0]), key=lambda e: e[0]):
        vj += _join(list(grp), 1, 3)
    hj: list[Edge] = []
    for _, grp in groupby(sorted(h, key=lambda e: e[1]), key=lambda e: e[1]):
        hj += _join(list(grp), 0, 2)
    return [e for e in vj if e[3] - e[1] >= MIN_LENGTH], [e for e in hj if e[2] - e[0] >= MIN_LENGTH]


def _crossings(v: list[Edge], h: list[Edge], cap: int) -> dict[tuple[float, float], tuple[set, set]]:
    """Every point where a vertical edge meets a horizontal one (within CROSS): point → (vertical edges,
    horizontal edges) through it. Raises TooManyCrossings past ``cap`` points."""
    hs = sorted(h, key=lambda e: (e[1], e[0]))
    tops = [e[1] for e in hs]
    out: dict[tuple[float, float], tuple[set, set]] = {}
    for ve in sorted(v, key=lambda e: (e[0], e[1])):
        x = ve[0]
        lo = bisect.bisect_left(tops, ve[1] - CROSS)
        hi = bisect.bisect_right(tops, ve[3] + CROSS)
        for he in hs[lo:hi]:
            if he[0] - CROSS <= x <= he[2] + CROSS:
                pt = (x, he[1])
                got = out.get(pt)
                if got is None:
                    if len(out) >= cap:
                        raise TooManyCrossings(cap)
                    got = out[pt] = (set(), set())
                got[0].add(ve)
                got[1].add(he)
    return out


def _cells(inter: dict[tuple[float, float], tuple[set, set]]) -> list[Box]:
    """Each crossing's smallest drawn cell: below it the nearest crossing it is joined to by a vertical edge, to
    its right by a horizontal one, and the fourth corner joined to both (pdfplumber's intersections_to_cells)."""
    by_x: dict[float, list[float]] = {}
    by_y: dict[float, list[float]] = {}
    for x, y in sorted(inter):
        by_x.setdefault(x, []).append(y)
        by_y.setdefault(y, []).append(x)

    def v_joined(p, q) -> bool:
        return not inter[p][0].isdisjoint(inter[q][0])

    def h_joined(p, q) -> bool:
        return not inter[p][1].isdisjoint(inter[q][1])

    out: list[Box] = []
    for pt in sorted(inter):
        x, y = pt
        ys, xs = by_x[x], by_y[y]
        below = ys[bisect.bisect_right(ys, y):]
        right = xs[bisect.bisect_right(xs, x):]
        found = None
        for by in below:
            if not v_joined(pt, (x, by)):
                continue
            for rx in right:
                if not h_joined(pt, (rx, y)):
                    continue
                br = (rx, by)
                if br in inter and v_joined(br, (rx, y)) and h_joined(br, (x, by)):
                    found = (x, y, rx, by)
                    break
            if found:
                break
        if found:
            out.append(found)
    return out


def _group(cells: list[Box]) -> list[list[Box]]:
    """Cells sharing a corner, transitively, form one table; tables top-down (then left to right), one-cell
    groups dropped (pdfplumber's cells_to_tables)."""
    parent = list(range(len(cells)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner: dict[tuple[float, float], int] = {}
    for i, (x0, top, x1, bottom) in enumerate(cells):
        for corner in ((x0, top), (x0, bottom), (x1, top), (x1, bottom)):
            j = owner.setdefault(corner, i)
            a, b = find(i), find(j)
            if a != b:
                parent[b] = a
    groups: dict[int, list[Box]] = {}
    for i, c in enumerate(cells):
        groups.setdefault(find(i), []).append(c)
    tables = sorted(groups.values(), key=lambda t: min((c[1], c[0]) for c in t))
    return [t for t in tables if len(t) > 1]


def find_tables(v: list[Edge], h: list[Edge], max_crossings: int) -> list[Table]:
    """The ruled tables drawn by vertical edges ``v`` and horizontal edges ``h`` (page coordinates, top-down)."""
    v, h = merge_edges(v, h)
    return [Table(t) for t in _group(_cells(_crossings(v, h, max_crossings)))]


def count_crossings(v: list[Edge], h: list[Edge], max_crossings: int) -> int:
    """How many crossings the merged edges make (raises TooManyCrossings past ``max_crossings``)."""
    v, h = merge_edges(v, h)
    return len(_crossings(v, h, max_crossings))
