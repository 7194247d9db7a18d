"""科目 codes and their official names (``patterns/kemu.toml``: 支出功能分类 and 支出经济分类, with former names).

X063 reads every coded row of the tables and the 科目 named with level markers in the narrative: a code printed with
a name the catalogue contradicts is a warning naming the official name; a former name is an info.

Helpers shared by the rules X063 (and by what imports them from here).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from ..patterns import load
from .base import norm_name

# the coded tables whose code/name pairs X063 reads: 决算 and 预算 (财政拨款支出预算表, its 基本支出 and 机关运行经费 tables)
CODED = ("income", "expense", "gpb_expense", "fund", "soe", "gpb_basic", "fiscal_expense", "fiscal_basic", "org_running")


@dataclass(frozen=True)
class Kemu:
    code: str
    name: str
    since: int | None
    former: tuple[str, ...]
    until: int | None
    accept: tuple[str, ...]
    src: str
    valid_from: int | None = None  # the year the code took this meaning (经济分类: 2018)


@cache
def catalogue() -> dict[str, Kemu]:
    """Every code of patterns/kemu.toml (both classifications: 功能 codes start with 2, 经济 codes with 3)."""
    data = load("kemu")
    out = {}
    for sec in ("functional", "economic"):
        valid_from = data.get(f"{sec}_meta", {}).get("valid_from")
        for code, e in data[sec].items():
            out[code] = Kemu(code, e["name"], e.get("since"), tuple(e.get("former", ())), e.get("until"),
                             tuple(e.get("accept", ())), e["src"], valid_from)
    return out


@cache
def _n(name: str) -> str:
    return norm_name(name).replace(" ", "").replace("\u3000", "")


def verdict(code: str, name: str, year: int | None) -> str:
    """"ok" | "former" | "fragment" (a cut-off piece of the official name: a wrapped cell) | "wrong" | "unknown"."""
    k = catalogue().get(code)
    if k is None or (k.valid_from is not None and year is not None and year < k.valid_from):
        return "unknown"  # not held, or a document of a year when the code meant something else
    n = _n(name)
    if n in {_n(k.name), *(_n(a) for a in k.accept)}:
        return "ok"
    if n in {_n(f) for f in k.former}:
        return "ok" if year is not None and k.until is not None and year <= k.until else "former"
    o = _n(k.name)
    if len(n) >= 2 and (o.startswith(n) or o.endswith(n)):
        return "fragment"
    return "wrong"
