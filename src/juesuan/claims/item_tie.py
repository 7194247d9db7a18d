"""A 科目 item whose printed 类/款/项 path names no row exactly: tie it to its row anyway (issue 18, family 1).

``subjects.function_code`` ties "X（类）Y（款）Z（项）" by the names the tables print (exactly, or one name inside
the other). When that fails, the item is tied, in this order:
  1. by a code printed with it ("2010301 行政运行（项）");
  2. by its name path with the catalogue's renamings undone (patterns/kemu.toml ``former``: "文化体育与传媒支出（类）"
     is 207 文化旅游体育与传媒支出 now, "归口管理的行政单位离退休（项）" is 2080501 行政单位离退休);
  3. by names alike: level by level, the one row under the parent whose name is like the printed one (Dice ≥ 0.6);
  4. by its stated amount: the one row of the item's level that prints it, provided part of the name path agrees
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

# a name never runs across a （类）/（款）/（项） marker, and possessive: linear on "（类）（款）（项）" × 30,000
FUNC_PATH = re.compile(
    r"^(?:(?P<lei>[^（(]++)[（(]类[）)])?(?:(?P<kuan>(?:(?![（(][类款项][）)]).)++)[（(]款[）)])?"
    r"(?:(?P<xiang>(?:(?![（(][类款项][）)]).)++)[（(]项[）)])?$"
)
_CODE = re.compile(r"(?<!\d)(2\d{2}(?:\d{2}){0,2})(?!\d)")
_LEVELS = (("lei", 3), ("kuan", 5), ("xiang", 7))


@dataclass(frozen=True)
class Tie:
    code: str
    row: str
    how: str  # "code" | "renamed" | "similar" | "amount"


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
    m = FUNC_PATH.match(squash(subject))
    levels = {k: v for k, v in m.groupdict().items() if v} if m else {}
    return levels or None


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
    """Dice coefficient of character bigrams, how X034 and the item ties compare 科目 names (names are short;
    jieba's word split did worse and costs 2.4 s to load: DESIGN.md, tools/measure_jieba.py)."""
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
    p = path(subject)
    if p is None or column is None:
        return None
    paths = [p] + [q for q in (path(renamed(subject) or ""),) if q]  # as printed, and with renamings undone
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

    def agrees(q: dict[str, str], key: str, n: int) -> bool:
        printed = q.get(key)
        cands = names.get(row.code[:n], [])
        if not printed or not cands:
            return False
        if key == "lei":
            return printed in cands
        return any(printed == c or printed in c or c in printed or dice(printed, c) >= 0.5 for c in cands)

    if not any(agrees(q, k, n) for q in paths for k, n in _LEVELS if n <= level):
        return None
    return Tie(row.code, row.name, "amount")


def _places(table: Table, column: str) -> int:
    """The decimals the column prints (the most seen): a bare "0" in a 2-decimal table is 0.00."""
    return max((decimals_of(v) for r in table.rows if (v := r.values.get(column)) is not None), default=0)


def by_similar(table: Table, subject: str, names: dict[str, list[str]]) -> Tie | None:
    """The path as printed, else with the catalogue's renamings undone (a 2018 document's tables print the names of
    2018), tied by names alike (``_similar``)."""
    for s in dict.fromkeys(x for x in (subject, renamed(subject)) if x):
        hit = _similar(table, s, names)
        if hit is not None:
            return hit
    return None


def _similar(table: Table, subject: str, names: dict[str, list[str]]) -> Tie | None:
    """The path walked level by level (类 → 款 → 项 under it), a level whose printed name no row carries taken by the
    one row under its parent whose name is alike (Dice ≥ 0.6, ahead of every other): "未归口管理行政单位离退休费（项）"
    for 2080504 未归口管理的行政单位离退休."""
    p = path(subject)
    if p is None:
        return None
    codes = {r.code for r in table.rows if r.code.isdigit()}
    code, alike = "", False
    for key, n in _LEVELS:
        if key not in p:
            if not code and key == "lei":
                continue  # "法院（款）一般行政事务管理（项）" under its 类 heading: the 款 among all 款
            break
        printed = p[key]
        cands = sorted(c for c in codes if len(c) == n and c.startswith(code))
        hit = [c for c in cands if any(printed == x or (len(x) >= 2 and (x in printed or printed in x)) for x in names.get(c, []))]
        if len(hit) != 1:
            score = sorted(((max((dice(printed, x) for x in names.get(c, [])), default=0.0), c) for c in cands), reverse=True)
            if not score or score[0][0] < 0.6 or (len(score) > 1 and score[1][0] >= score[0][0] - 0.1):
                return None
            hit, alike = [score[0][1]], True
        code = hit[0]
    row = table.find(code=code) if code else None
    return Tie(code, row.name, "similar") if alike and row is not None else None
