"""A 科目 item whose printed 类/款/项 path names no row exactly: tie it to its row anyway (issue 18, family 1).

``subjects.function_code`` ties "X（类）Y（款）Z（项）" by the names the tables print (exactly, or one name inside
the other). When that fails, the item is tied, in this order:
  1. by a code printed with it ("2010301 行政运行（项）");
  2. by its name path with the catalogue's renamings undone (patterns/kemu.toml ``former``: "文化体育与传媒支出（类）"
     is 207 文化旅游体育与传媒支出 now, "归口管理的行政单位离退休（项）" is 2080501 行政单位离退休);
  3. by its stated amount: the one row of the item's level that prints it, provided part of the name path agrees
     (the 类, or a 款/项 name alike) — an item under the wrong 款 for its 项, or under a sibling's name.
The claim keeps how (``Claim.tie``); X065 says where the printed path differs from the row's.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import cache

import regex as re

from ..numbers import Interval, decimals_of
from ..patterns import load
from ..tables.model import Table
from ..text import squash

_FUNC = re.compile(
    r"^(?P<lei>[^（(]++)[（(]类[）)](?:(?P<kuan>(?:(?![（(][类款项][）)]).)++)[（(]款[）)])?"
    r"(?:(?P<xiang>(?:(?![（(][类款项][）)]).)++)[（(]项[）)])?$"
)
_CODE = re.compile(r"(?<!\d)(2\d{2}(?:\d{2}){0,2})(?!\d)")
_LEVELS = (("lei", 3), ("kuan", 5), ("xiang", 7))


@dataclass(frozen=True)
class Tie:
    code: str
    row: str
    how: str  # "code" | "renamed" | "amount"


@cache
def renamings() -> dict[int, dict[str, str]]:
    """Code length → {former name: current name} from patterns/kemu.toml (a former name of one code only)."""
    seen: dict[int, dict[str, set[str]]] = {}
    for code, e in load("kemu").get("functional", {}).items():
        for f in e.get("former", ()):
            seen.setdefault(len(code), {}).setdefault(squash(f), set()).add(squash(e["name"]))
    return {n: {f: next(iter(v)) for f, v in m.items() if len(v) == 1} for n, m in seen.items()}


def path(subject: str) -> dict[str, str] | None:
    """{"lei": …, "kuan": …, "xiang": …} of a printed 科目 path (levels not printed left out)."""
    m = _FUNC.match(squash(subject))
    return {k: v for k, v in m.groupdict().items() if v} if m else None


def renamed(subject: str) -> str | None:
    """The subject with each level's former name replaced by the current one, or None when no level is renamed."""
    p = path(subject)
    if p is None:
        return None
    ren = renamings()
    new = {k: ren.get(n, {}).get(p[k], p[k]) for k, n in _LEVELS if k in p}
    if new == p:
        return None
    marks = {"lei": "（类）", "kuan": "（款）", "xiang": "（项）"}
    return "".join(new[k] + marks[k] for k, _ in _LEVELS if k in new)


def dice(a: str, b: str) -> float:
    """Dice coefficient of character bigrams (as slips.X034 compares 科目 names)."""
    A = {a[i:i + 2] for i in range(len(a) - 1)} or {a}
    B = {b[i:i + 2] for i in range(len(b) - 1)} or {b}
    return 2 * len(A & B) / (len(A) + len(B))


def by_code(table: Table, subject: str) -> Tie | None:
    """A code printed in the subject that is a row of ``table``."""
    for code in _CODE.findall(subject):
        row = table.find(code=code)
        if row is not None:
            return Tie(code, row.name, "code")
    return None


def by_amount(table: Table, column: str | None, subject: str, stated: Interval, names: dict[str, list[str]]) -> Tie | None:
    """The one row at the printed path's deepest level whose ``column`` prints the stated amount, when part of the
    path agrees with that row's (its 类 by name, or its 款/项 name alike: Dice ≥ 0.5 or one inside the other)."""
    p = path(renamed(subject) or subject)
    if p is None or column is None:
        return None
    level = max(n for k, n in _LEVELS if k in p)
    places = _places(table, column)
    hits = []
    for r in table.rows:
        v = r.values.get(column)
        if len(r.code) != level or not r.code.isdigit() or v is None or r.partial:
            continue
        half = Decimal(5).scaleb(-max(places, decimals_of(v)) - 1)
        iv = Interval(v - half, v + half)
        if table.unit == "元":
            iv = iv.scale(Decimal(1) / Decimal(10000))
        if iv.overlaps(stated):
            hits.append(r)
    if len(hits) != 1:
        return None
    row = hits[0]

    def agrees(key: str, n: int) -> bool:
        printed = p.get(key)
        cands = names.get(row.code[:n], [])
        if not printed or not cands:
            return False
        if key == "lei":
            return printed in cands
        return any(printed == c or printed in c or c in printed or dice(printed, c) >= 0.5 for c in cands)

    if not any(agrees(k, n) for k, n in _LEVELS if n <= level):
        return None
    return Tie(row.code, row.name, "amount")


def _places(table: Table, column: str) -> int:
    """The decimals the column prints (the most seen): a bare "0" in a 2-decimal table is 0.00."""
    return max((decimals_of(v) for r in table.rows if (v := r.values.get(column)) is not None), default=0)
