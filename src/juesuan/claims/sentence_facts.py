"""Facts of the narrative's sentences that rules would otherwise scan raw text for: the years the narrative
states (X006), the departments it names as the actor of the document's own facts (X006), the departments the
table headers name (X006), and statements with a negation in the same document (X005).

Each fact carries the :class:`~juesuan.document.Sentence` (or :class:`~juesuan.ingest.model.Line`) it stands
in, so a rule quotes and locates it without reading the text. Vocabulary: ``[narrative]`` of
``patterns/coherence.toml``, ``meta.department_line`` of ``patterns/layout.toml``, ``[[negation]]`` of
``patterns/rules.toml``. :func:`juesuan.claims.mentions.facts_of` computes them with the other document facts.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

import regex as re

from ..ingest.model import Line
from ..patterns import load
from ..text import squash

if TYPE_CHECKING:
    from ..document import Document, Sentence


@dataclass
class YearStated:
    """A year of the facts in a narrative sentence ("2022 年度", "2023年末"). ``comparison``: a comparison
    basis stands around it ("与 2022 年度相比"); ``date``: a month follows ("2024年6月13日")."""

    year: int
    sentence: Sentence
    index: int  # of the sentence in Document.sentences
    comparison: bool
    date: bool


@dataclass
class DepartmentNamed:
    """A department named in a narrative sentence as the actor of the document's facts ("X局2024年度无…")."""

    name: str
    sentence: Sentence
    index: int


@dataclass
class HeaderDepartment:
    """A department a table header names (部门名称：…), at its first line."""

    name: str
    line: Line


@dataclass
class Statement:
    """A narrative sentence that says the positive or the negative side of ``[[negation]]`` entry ``entry``
    of patterns/rules.toml; ``stated`` is the matched wording (whitespace removed)."""

    entry: int
    topic: str
    positive: bool
    stated: str
    sentence: Sentence
    index: int


@cache
def _pat() -> dict:
    p = load("coherence")["narrative"]
    out = {k: re.compile(p[k]) for k in ("year", "comparison_before", "comparison_after", "date_after", "department",
                                          "header_unit")}
    out["department_line"] = re.compile(load("layout")["meta"]["department_line"])
    return out


def years_stated(doc: Document) -> list[YearStated]:
    """Every year of the facts in the narrative (parts 1, 2 and 4 left out), in document order."""
    p = _pat()
    out = []
    for i, s in enumerate(doc.sentences):
        if s.part in (1, 2, 4):
            continue
        for m in p["year"].finditer(s.text):
            before, after = s.text[max(0, m.start() - 3) : m.start()], s.text[m.end() : m.end() + 8]
            comparison = bool(p["comparison_before"].search(before) or p["comparison_after"].search(after))
            out.append(YearStated(int(m.group("y")), s, i, comparison, bool(p["date_after"].match(after))))
    return out


def departments_named(doc: Document) -> list[DepartmentNamed]:
    """Every department named as an actor in the narrative (parts 2 and 4 left out), in document order."""
    p = _pat()
    return [DepartmentNamed(m.group("name"), s, i)
            for i, s in enumerate(doc.sentences) if s.part not in (2, 4)
            for m in p["department"].finditer(squash(s.text))]


def header_departments(doc: Document) -> list[HeaderDepartment]:
    """The departments the table headers name, each at its first line, in document order."""
    p = _pat()
    names: dict[str, Line] = {}
    for ln in doc.lines:
        m = p["department_line"].search(ln.text)
        if m and m.group("dept") and not p["header_unit"].fullmatch(m.group("dept")):
            names.setdefault(m.group("dept"), ln)
    return [HeaderDepartment(n, ln) for n, ln in names.items()]


def statements(doc: Document) -> list[Statement]:
    """The narrative's statements of each ``[[negation]]`` entry (parts 1, 2 and 4 left out): per entry, the
    positive ones, then the negative ones, each in document order."""
    sents = [(i, s, squash(s.text)) for i, s in enumerate(doc.sentences) if s.part not in (1, 2, 4)]
    out = []
    for k, neg in enumerate(load("rules").get("negation", [])):
        for positive, rx in ((True, re.compile(neg["positive"])), (False, re.compile(neg["negative"]))):
            for i, s, t in sents:
                m = rx.search(t)
                if m:
                    out.append(Statement(k, neg["topic"], positive, m.group(0), s, i))
    return out
