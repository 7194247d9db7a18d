"""Rule documentation for ``juesuan rules`` and ``juesuan rules ID`` (like ``ruff rule``): every text comes from
the rule classes themselves (id, group, severity, summary, docstring with its bad and good example) and from
the docstring of the module that holds the rule group."""

from __future__ import annotations

import inspect
import sys

from .registry import all_rules

LETTERS = {"T": "table identities (the tables against themselves)",
           "N": "narrative against the tables",
           "X": "narrative against itself",
           "Y": "narrative against last year's document (--previous)",
           "C": "completeness (what could not be checked, and why)"}


def find_rule(rule_id: str):
    """The rule class with this id (case-insensitive), or None."""
    key = rule_id.strip().upper()
    return next((r for r in all_rules() if r.id == key), None)


def rule_list() -> str:
    """Id, group, severity and summary of every rule, then what ``--disable`` accepts."""
    rules = all_rules()
    lines = [f"{r.id:6} {r.group:20} {r.severity:8} {r.summary}" for r in rules]
    groups = sorted({r.group for r in rules}, key=lambda g: [r.group for r in rules].index(g))
    lines += ["", "--disable (and [rules] disable in the config) accepts a rule id, a group or a letter:"]
    lines += [f"  {g}" for g in groups]
    lines += [f"  {k}  {v}" for k, v in LETTERS.items()]
    lines += ["`juesuan rules ID` prints a rule's documentation."]
    return "\n".join(lines)


def rule_doc(rule_id: str) -> str | None:
    """The full documentation of one rule: what it checks, why it matters, a bad and a good example."""
    r = find_rule(rule_id)
    if r is None:
        return None
    doc = inspect.cleandoc(r.__doc__ or "")
    # the group's module holds the why (a group split over several modules keeps it in the one named after it)
    mod = sys.modules.get(f"{__package__}.{r.group}") or sys.modules.get(r.__module__)
    why = inspect.cleandoc(mod.__doc__ or "") if mod is not None else ""
    out = [f"{r.id}  {r.summary}", "",
           f"group: {r.group} ({LETTERS.get(r.id[:1], '')})    default severity: {r.severity}",
           (f"turn off: --disable {r.id} (or its group {r.group}, or the letter {r.id[:1]}); "
            f"change severity: [rules] severity = {{{r.id} = \"warning\"}}"), "",
           "What it checks", "--------------", doc or r.summary]
    if why:
        out += ["", f"Why it matters ({r.group})", "-" * (len(r.group) + 17), why]
    return "\n".join(out) + "\n"
