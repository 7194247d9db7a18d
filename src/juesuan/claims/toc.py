"""The 目录's entries paired with the headings of the body (rule X025).

Each 目录 entry (a part "第四部分名称解释", a section "一、主要职能", a table "二、收入决算表"; a wrapped line joined to the
entry above it) is reduced to its title: its numbering, page number, dot leaders, spaces, quotes, full stops and
bracket widths are not part of it, nor is 年度 for 年 after a year. The body's headings are reduced the same way. An
entry whose title is printed after the 目录 is present, wherever it stands (a reordered body is no difference). Else it
is paired with the body heading it is a slip of (one or two characters dropped, added or changed), or — a part —
with the body's part of the same number. Vocabulary: ``patterns/coherence.toml`` [toc].
"""

from __future__ import annotations

import difflib
import unicodedata
from dataclasses import dataclass
from functools import cache
from typing import Any

import regex as re

from ..ingest.model import Line
from ..patterns import load
from ..text import squash as _squash

_CLAUSE = re.compile(r"[，。；：:]")
_YEAR_TOKEN = re.compile(r"\d{4}[年度]*")  # a year with its 年/度 (X022 reads the number)
_YEAR_RUN = re.compile(r"\d{4}([年度]*)")


@dataclass
class Heading:
    """A 目录 entry or a body heading: ``title`` reduced (see the module), ``printed`` as printed (wrapped lines
    joined), ``part`` the part number printed before it ("四"), ``table`` the table it names (a 目录 entry)."""

    title: str
    printed: str
    line: int
    page: int | None
    part: str | None = None
    table: str | None = None


@dataclass
class TocPairing:
    """A 目录 entry that is not printed in the body: ``heading`` the body heading it is a slip of (``edits``
    characters apart), or None (absent); ``expected`` the suggested correction (None: either may be right)."""

    entry: Heading
    heading: Heading | None
    edits: int = 0
    expected: str | None = None


@cache
def _pat() -> dict[str, Any]:
    p = load("coherence")["toc"]
    lay = load("layout")
    return {
        "marker": re.compile(p["entry_marker"]), "page_tail": re.compile(p["page_tail"]), "ignore": re.compile(p["ignore"]),
        "year": re.compile(p["year_form"]), "cont": re.compile(p["continuation"]), "entry": re.compile(lay["toc"]["entry"]),
        "heading": re.compile(p["heading"]), "table_number": re.compile(p["table_number"]), "part": re.compile(lay["parts"]["pattern"]),
        "max_edits": int(p["max_edits"]), "min_length": int(p["min_length"]), "ratio": float(p["reworded_ratio"]),
        "vocabulary": tuple(p["vocabulary"]), "owner": tuple(p["owner_words"]),
    }


def reduce(text: str) -> tuple[str, str | None]:
    """(title, part number) of a printed entry or heading (see the module)."""
    pat = _pat()
    t = pat["page_tail"].sub("", unicodedata.normalize("NFKC", text))
    t = _squash(t)
    part = None
    m = pat["marker"].match(t)
    if m:
        part = m.group("part")
        t = t[m.end():]
    t = pat["table_number"].sub("", t)
    t = pat["year"].sub(r"\1年", t)
    return pat["ignore"].sub("", t), part


def _core(title: str) -> str:
    return _YEAR_TOKEN.sub("", title)


def _bad_year(title: str) -> bool:
    """Whether a year of the (reduced) title is followed by anything but 年 ("2019度年", "2019度"): a slip in the year's
    words, which :func:`_core` alone would hide."""
    return any(run not in ("", "年") for run in _YEAR_RUN.findall(title))


def toc_entries(regions: list[tuple[Line, str]]) -> tuple[list[Heading], int]:
    """The 目录's entries in order, a wrapped line joined to its entry, and the index in ``regions`` where the body
    begins: the 目录 ends at the first line that is neither an entry nor a short tail of one (a 目录 region that
    runs on into the body, when no part heading is printed twice, stops there)."""
    from ..catalogue import match_title

    pat = _pat()
    out: list[Heading] = []
    joined, end = True, len(regions)
    first = next((i for i, (_, w) in enumerate(regions) if w == "toc"), len(regions))
    for i in range(first, len(regions)):
        ln, where = regions[i]
        t = _squash(ln.text)
        if where != "toc":
            end = i
            break
        if not t or pat["heading"].match(t):
            continue
        if pat["entry"].match(t):
            out.append(Heading("", ln.text.strip(), ln.line, ln.page))
            joined = False
        elif not joined and pat["cont"].match(t):
            out[-1].printed += t  # a wrapped entry: one tail line
            joined = True
        else:
            end = i
            break
    for h in out:
        h.title, h.part = reduce(h.printed)
        spec = match_title(h.printed)
        h.table = spec.id if spec is not None else None
    return [h for h in out if h.title], end


def body_headings(regions: list[tuple[Line, str]]) -> tuple[list[Heading], str]:
    """The headings of the body ``regions`` (the lines after the 目录 (part headings with their wrapped lines, table titles, numbered headings cut
    at their first clause mark, short lines without clause marks) and the reduced text of everything after it."""
    pat = _pat()
    body = [(ln, "narrative" if w == "toc" else w) for ln, w in regions]
    out: list[Heading] = []
    k = 0
    while k < len(body):
        ln, where = body[k]
        t = _squash(ln.text)
        k += 1
        if not t or where == "table_row":
            continue
        printed = t
        if pat["part"].match(t):
            while k < len(body) and body[k][1] == "part_heading" and not pat["part"].match(_squash(body[k][0].text)):
                printed += _squash(body[k][0].text)
                k += 1
        elif pat["marker"].match(t):
            m = _CLAUSE.search(t, pat["marker"].match(t).end())
            printed = t[: m.start()] if m else t
        elif not (where in ("table_title", "part_heading") or (len(t) <= 40 and not _CLAUSE.search(t))):
            continue
        title, part = reduce(printed)
        if title:
            out.append(Heading(title, printed, ln.line, ln.page, part))
    text = "".join(reduce(ln.text)[0] for ln, _ in body)
    return out, text


def _edits(a: str, b: str) -> int:
    """Characters dropped, added or changed between two titles, two neighbours swapped counting one (optimal string
    alignment distance)."""
    d = [[i + j if i * j == 0 else 0 for j in range(len(b) + 1)] for i in range(len(a) + 1)]
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] != b[j - 1]))
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
    return d[-1][-1]


def _slip(a: str, b: str) -> int | None:
    """How many characters ``b`` is off ``a`` when it is a slip of it (None: not a slip, or the same): at most
    ``max_edits``, and one per four characters of the longer title."""
    pat = _pat()
    ca, cb = _core(a), _core(b)
    longer = max(len(ca), len(cb))
    if ca == cb and _bad_year(a) != _bad_year(b):
        return 1  # the same title, its year's words slipped ("2019度年部门预算表" for "2019年部门预算表")
    if longer < pat["min_length"] or ca == cb or abs(len(ca) - len(cb)) > pat["max_edits"]:
        return None
    d = _edits(ca, cb)
    if d > min(pat["max_edits"], max(1, longer // 4)):
        return None
    diff = "".join(x for x, y in zip(ca, cb, strict=False) if x != y)
    if diff and diff.isdigit() and len(ca) == len(cb):
        return None  # a number changed: not a slip of the pen (X022 reads years)
    return d


def suggested(a: str, b: str) -> str | None:
    """The one of two printed texts that holds a standard heading of the genre the other lacks (None: neither)."""
    from ..catalogue import match_title

    ra, rb = reduce(a)[0], reduce(b)[0]
    in_a = any(v in ra and v not in rb for v in _pat()["vocabulary"])
    in_b = any(v in rb and v not in ra for v in _pat()["vocabulary"])
    if in_a != in_b:
        return a if in_a else b
    ta, tb = match_title(a) is not None, match_title(b) is not None
    if ta != tb:
        return a if ta else b
    return None


def _forms(title: str) -> list[str]:
    """A title and, when it opens with the word that stands for the department's own name ("单位主要职能"), the
    rest ("主要职能": the body prints "上海市普陀区社会福利院主要职能")."""
    rest = [title[len(w):] for w in _pat()["owner"] if title.startswith(w) and len(title) - len(w) >= 4]
    return [title, *rest]


def _nearest(entry: Heading, headings: list[Heading], taken: set[str]) -> tuple[Heading, int] | None:
    best: tuple[Heading, int] | None = None
    for h in headings:
        if h.title in taken:
            continue  # another entry's own heading
        d = _slip(entry.title, h.title)
        if d is not None and (best is None or d < best[1]):
            best = (h, d)
    return best


def _resembled(entry: Heading, headings: list[Heading]) -> bool:
    ratio = _pat()["ratio"]
    return any(difflib.SequenceMatcher(None, _core(entry.title), _core(h.title)).ratio() >= ratio for h in headings)


def pair_toc(regions: list[tuple[Line, str]]) -> list[TocPairing]:
    """The 目录 entries no body heading prints as they are, each with the body heading it is a slip of, or absent
    (a part whose number no body heading prints and a section nothing resembles; a table is X023's). An entry whose
    title stands in the body's text is present, unless a heading is that title with one character more (the entry
    dropped it: 目录 "词解释", heading "名词解释")."""
    entries, end = toc_entries(regions)
    if not entries:
        return []
    headings, text = body_headings(regions[end:])
    plain = _YEAR_TOKEN.sub("", text)
    printed = {_core(h.title) for h in headings}
    taken = {e.title for e in entries if e.title in text}
    out: list[TocPairing] = []
    for e in entries:
        forms = _forms(e.title)
        if not _bad_year(e.title) and any(_core(v) in printed for v in forms):
            continue
        as_printed = e.title in text or (not _bad_year(e.title) and _core(e.title) in plain)
        in_text = as_printed or any(v in text or _core(v) in plain for v in forms)
        same_part = [h for h in headings if e.part and h.part == e.part]
        near = _nearest(e, same_part, set()) or _nearest(e, headings, taken)
        if near is not None and (not as_printed or _core(e.title) in _core(near[0].title)):
            h, d = near
            out.append(TocPairing(e, h, d, suggested(e.printed, h.printed)))
        elif not in_text and e.table is None and not same_part and not (e.part is None and _resembled(e, headings)):
            out.append(TocPairing(e, None))
    return out
