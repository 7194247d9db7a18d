"""科目 codes and their official names (``patterns/kemu.toml``: 支出功能分类 and 支出经济分类, with former names).

X063 reads every coded row of the tables and the 科目 named with level markers in the narrative: a code printed with
a name the catalogue contradicts is a warning naming the official name; a former name is an info.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from ..patterns import load
from .base import Context, Evidence, Finding, Msg, Rule, norm_name, place_location, row_location, row_text

CODED = ("income", "expense", "gpb_expense", "fund", "soe", "gpb_basic")


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


def _other_scheme(verdicts: list[str]) -> bool:
    """A table whose codes contradict the catalogue by the handful (3 or more, a third of those judged) follows
    another code scheme (a local or older 经济分类), not a misprint: its rows are not judged one by one."""
    wrong = verdicts.count("wrong")
    return wrong >= 3 and 3 * wrong >= len([v for v in verdicts if v != "unknown"])


class OfficialKemuName(Rule):
    """A 科目 code printed with a name the catalogue (patterns/kemu.toml) contradicts: a warning naming the
    official name; a former name of the code: an info. A code the catalogue does not hold is not judged, nor a
    name whose code prints the official name in another table (a wrapped or misread cell).

    Bad:  "2101101 事业单位医疗" in every table (expected "行政单位医疗"); "207 文化体育与传媒支出" in a 2023
          document (info: the name until 2018).
    Good: "2101101 行政单位医疗"; "2080505 机关事业单位基本养老保险缴费支出".
    """

    id = "X063"
    group = "slips"
    severity = "warning"
    summary = "a 科目 code printed with a name the official catalogue contradicts (former name: info)"

    def check(self, ctx: Context) -> Iterable[Finding]:
        year = ctx.facts.year or ctx.doc.year
        rows: dict[str, list] = {}
        for kind in CODED:
            t = ctx.as_read(kind)
            if t is None:
                continue
            for r in t.rows:
                if r.code and r.name and r.code in catalogue():
                    rows.setdefault(r.code, []).append((r, t))
        out = []
        judged: dict[str, list[str]] = {}  # table label → the verdicts of its codes
        for rts in rows.values():
            for r, t in rts:
                judged.setdefault(t.label, []).append(verdict(r.code, r.name, year))
        for code, rts in rows.items():
            verdicts = [verdict(code, r.name, year) for r, _ in rts]
            if "ok" in verdicts:
                continue  # the document prints the official name: other prints of it are cells misread
            for (r, t), v in zip(rts, verdicts):
                if v in ("former", "wrong") and not _other_scheme(judged[t.label]):
                    out.append(self._finding(code, r.name, v, t.label, row_text(r), row_location(t, r), r))
                    break
        out.extend(self._narrative(ctx, year))
        return out

    def _finding(self, code, name, v, label, text, loc, row=None) -> Finding:
        k = catalogue()[code]
        msg = Msg("rule.X063.former" if v == "former" else "rule.X063.wrong", code=code, stated=name, name=k.name)
        ev = [Evidence("table", name, label, f"{code} {name}", None)] if row is not None else []
        return Finding(self.id, "info" if v == "former" else "", msg, text, stated=name, expected=k.name,
                       location=loc, evidence=ev)

    def _narrative(self, ctx: Context, year: int | None) -> list[Finding]:
        """A 类 or 款 named in the narrative ("…（类）…（款）") by a former name of a catalogue code: an info."""
        formers: dict[str, str] = {}
        for k in catalogue().values():
            if len(k.code) in (3, 5) and k.code.startswith("2"):
                for f in k.former:
                    formers[_n(f)] = k.code
        out, seen = [], set()
        for sm in ctx.facts.subjects:
            for name in (sm.lei, sm.kuan):
                code = formers.get(_n(name))
                if code is None or verdict(code, name, year) != "former" or (code, sm.line) in seen:
                    continue
                seen.add((code, sm.line))
                out.append(self._finding(code, name, "former", None, sm.text,
                                         place_location(ctx, "narrative", sm.line, sm.page)))
        return out


RULES = [OfficialKemuName]
