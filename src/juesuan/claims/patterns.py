"""The compiled claim vocabularies of ``patterns/claims.toml``, ``subjects.toml`` and ``reasons.toml``."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import cache

import regex as re

from ..numbers import parse_cn_int
from ..patterns import compiled, load

_PLACEHOLDER = re.compile(r"\{([A-Z]+)\}")


def expand(pattern: str, fragments: dict[str, str]) -> str:
    """Replace {NUM}/{AMT}/… placeholders by their fragments (fragments may use earlier ones)."""
    return _PLACEHOLDER.sub(lambda m: f"(?:{fragments[m.group(1)]})" if m.group(1) in fragments else m.group(0), pattern)


@cache
def spec() -> dict:
    return load("claims")


@cache
def rx(section: str, key: str) -> re.Pattern:
    """A compiled pattern of claims.toml, e.g. rx("change", "amount")."""
    s = spec()
    return re.compile(expand(s[section][key], s["fragments"]))


@cache
def figure_res() -> list[tuple[str, re.Pattern]]:
    s = spec()
    return [(f["kind"], re.compile(expand(f["pattern"], s["fragments"]))) for f in s["figure"]]


@dataclass
class Figure:
    """A figure found in a sentence: where, verbatim text, exact value, unit, and its kind."""

    start: int
    end: int
    raw: str
    value: Decimal
    unit: str
    kind: str  # amount | pct | count | score


_CN_FRACTION = {"零": "0", "〇": "0", "一": "1", "二": "2", "三": "3", "四": "4", "五": "5", "六": "6", "七": "7", "八": "8", "九": "9"}


def read_figure(raw: str, kind: str) -> tuple[Decimal, str] | None:
    """The exact value and unit of a printed figure ("2,995.39 万元", "百分之二十", "十七个", "1 本级")."""
    t = raw.replace(" ", "").replace("\u3000", "")
    if t.startswith("百分之"):
        body = t[3:]
        whole, _, frac = body.partition("点")
        n = parse_cn_int(whole)
        if n is None:
            return None
        digits = "".join(_CN_FRACTION.get(c, "") for c in frac)
        return Decimal(f"{n}.{digits}" if digits else str(n)), "%"
    m = compiled(r"^((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)(.*)$").match(t)
    if m:
        value = Decimal(m.group(1).replace(",", ""))
        unit = m.group(2) or ("个" if kind == "count" else "")
        if unit == "台（套）":
            unit = "台"
        if unit == "本级":
            unit = "个"
        return value, unit
    m = compiled(r"^([零〇一二两三四五六七八九十百千万]+)(.*)$").match(t)
    if m:
        n = parse_cn_int(m.group(1))
        if n is None:
            return None
        return Decimal(n), m.group(2)
    return None


def find_figures(text: str) -> list[Figure]:
    """Every figure of ``text``, left to right, non-overlapping (the first pattern wins at a position)."""
    found: list[Figure] = []
    taken = bytearray(len(text) + 1)  # positions covered by a figure already found (linear, not figures²)
    for kind, pat in figure_res():
        for m in pat.finditer(text):
            if any(taken[m.start() : m.end()]):
                continue
            parsed = read_figure(m.group(0), kind)
            if parsed is None:
                continue
            raw = m.group(0).rstrip()
            found.append(Figure(m.start(), m.start() + len(raw), raw, parsed[0], parsed[1], kind))
            taken[m.start() : m.start() + len(raw)] = b"\x01" * len(raw)
    found.sort(key=lambda f: f.start)
    return found


@dataclass
class SubjectRule:
    match: re.Pattern
    table: str | None
    row: str | None
    column: str | None
    side: str | None
    budget_column: str | None
    why: str | None
    example: str
    section: re.Pattern | None = None
    doc_kind: str | None = None  # "预算" / "决算": the entry serves documents of that kind only (None: both)


@cache
def subject_rules() -> list[SubjectRule]:
    out = []
    for e in load("subjects")["subject"]:
        out.append(
            SubjectRule(
                re.compile(e["match"]),
                e.get("table"),
                e.get("row"),
                e.get("column"),
                e.get("side"),
                e.get("budget_column"),
                e.get("why"),
                e["example"],
                re.compile(e["section"]) if e.get("section") else None,
                e.get("doc_kind"),
            )
        )
    return out


@dataclass
class Qualifier:
    quantity: re.Pattern
    context: re.Pattern
    name: str
    example: str


@cache
def qualifiers() -> list[Qualifier]:
    """The [[qualifier]] entries of patterns/subjects.toml, in file order."""
    return [Qualifier(re.compile(e["quantity"]), re.compile(e["context"]), e["name"], e["example"])
            for e in load("subjects").get("qualifier", [])]


@dataclass
class ReasonTerm:
    """A reason phrase and the way it pushes spending (``polarity`` +1/−1/0, or None = "item": the sign
    depends on the item the reason explains, read from ``up_items``/``down_items``)."""

    term: re.Pattern
    polarity: int | None
    scope: str
    example: str
    up_items: re.Pattern | None = None
    down_items: re.Pattern | None = None

    def sign_for(self, subject: str | None) -> int:
        if self.polarity is not None:
            return self.polarity
        s = re.sub(r"\s+", "", subject or "")
        if self.up_items is not None and self.up_items.search(s):
            return 1
        if self.down_items is not None and self.down_items.search(s):
            return -1
        return 0


@cache
def reason_terms() -> list[ReasonTerm]:
    out = []
    for e in load("reasons")["term"]:
        pol = None if e["polarity"] == "item" else int(e["polarity"])
        up, down = e.get("up_items"), e.get("down_items")
        out.append(ReasonTerm(re.compile(e["term"]), pol, e.get("scope", "any"), e["example"],
                              re.compile(up) if up else None, re.compile(down) if down else None))
    return out


def reason_polarity(body: str, scope: str, subject: str | None = None) -> tuple[int, list[str]]:
    """The polarity of a reason text: the sign shared by its phrases (0 when none, mixed, or when the
    direction depends on an item that does not decide it).

    Phrases are matched whole: where two vocabulary terms overlap, the longer match is the phrase and the
    shorter one inside it does not count ("新增退休人员补贴" raises spending; its "退休" is not read alone).
    A term whose direction depends on the item ("人员退休": fewer salaries, more 离退休 spending) takes
    its sign from ``subject``, the item the reason explains.
    """
    found = []
    for t in reason_terms():
        if t.scope != "any" and t.scope != scope:
            continue
        for mm in t.term.finditer(body):
            if mm.end() > mm.start():
                found.append((mm.start(), mm.end(), mm.group(0), t))
    found.sort(key=lambda f: (-(f[1] - f[0]), f[0]))
    kept: list[tuple] = []
    for f in found:
        if not any(f[0] < k[1] and k[0] < f[1] for k in kept):
            kept.append(f)
    kept.sort(key=lambda f: f[0])
    signs, terms, undecided = set(), [], False
    for _, _, text, t in kept:
        terms.append(text)
        s = t.sign_for(subject)
        if s:
            signs.add(s)
        elif t.polarity is None:
            undecided = True
    if undecided:
        return 0, terms
    return (signs.pop() if len(signs) == 1 else 0), terms
