"""The rule catalogue: every rule is a module ``rules/<family>/<ID>.py`` holding one :class:`~.base.Rule`
class; its family is the folder (``Rule.family``), never a second list. ``RUN_ORDER`` is the order the engine runs
them in (a rule of ``phase = "after_verdicts"``, C003, runs after the others whatever its place): a rule whose
reason for an unverifiable claim is recorded first keeps it (``Context.cannot``), so the order is kept as it was.
A rule module not listed runs after the listed ones (tests/test_rule_families.py asks that every rule be listed).
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache

from . import rules as _rules
from .base import Rule

RUN_ORDER = (
    "T001",
    "T002",
    "T003",
    "T004",
    "T005",
    "T011",
    "T006",
    "T007",
    "T008",
    "T009",
    "T010",
    "N001",
    "N002",
    "N003",
    "N004",
    "N005",
    "X065",
    "N006",
    "N007",
    "N008",
    "N009",
    "N010",
    "X001",
    "X002",
    "X003",
    "X004",
    "X005",
    "X006",
    "X007",
    "X050",
    "X051",
    "X052",
    "X053",
    "X054",
    "X055",
    "X056",
    "N011",
    "X020",
    "X021",
    "X022",
    "X023",
    "X024",
    "X025",
    "X040",
    "X041",
    "X042",
    "X043",
    "X044",
    "X066",
    "X067",
    "X045",
    "X030",
    "X031",
    "X032",
    "X033",
    "X034",
    "X060",
    "X061",
    "X062",
    "X064",
    "X063",
    "Y001",
    "C001",
    "C002",
    "C003",
    "C010",
)


@cache
def discovered() -> tuple[type[Rule], ...]:
    """Every rule class under ``rules/``, one per module (folder = family, module = id), in folder order."""
    found: list[type[Rule]] = []
    for fam in sorted(m.name for m in pkgutil.iter_modules(_rules.__path__) if m.ispkg):
        package = importlib.import_module(f"{_rules.__name__}.{fam}")
        for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name):
            module = importlib.import_module(f"{package.__name__}.{info.name}")
            found += [c for c in vars(module).values()
                      if isinstance(c, type) and issubclass(c, Rule) and c.__module__ == module.__name__ and c.id]
    return tuple(found)


def all_rules() -> list[type[Rule]]:
    rank = {rid: i for i, rid in enumerate(RUN_ORDER)}
    return sorted(discovered(), key=lambda r: rank.get(r.id, len(rank)))


@cache
def by_id() -> dict[str, type[Rule]]:
    return {r.id: r for r in all_rules()}


def families() -> list[str]:
    """The families in the order their first rule runs."""
    return list(dict.fromkeys(r.family for r in all_rules()))
