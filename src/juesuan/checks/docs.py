"""Rule documentation for ``juesuan rules`` and ``juesuan rules ID`` (like ``ruff rule``), in the CLI's language.

Chinese (the default): each rule's summary and each group's description from ``[rules]`` of
``patterns/messages.zh.toml``, the bad and good examples from the rule's docstring. English: every text from
the rule classes themselves (id, group, severity, summary, docstring with its bad and good example) and from the
docstring of the module that holds the rule group. A rule the catalogue does not know yet shows its own texts."""

from __future__ import annotations

import inspect
import sys

import regex as re

from ..i18n import messages
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


def _summary(M, r) -> str:
    return M.get(f"rules.summary.{r.id}") or r.summary


def _width(s: str) -> int:
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in s)


def _pad(s: str, n: int) -> str:
    return s + " " * max(1, n - _width(s))


def rule_list(lang: str | None = None) -> str:
    """Id, group, severity and summary of every rule, then what ``--disable`` accepts."""
    M = messages(lang)
    rules = all_rules()
    lines = [f"{r.id:6} {r.group:20} {_pad(M.severity(r.severity), 8)} {_summary(M, r)}" for r in rules]
    groups = sorted({r.group for r in rules}, key=lambda g: [r.group for r in rules].index(g))
    lines += ["", M("rules.disable")]
    lines += [f"  {g}" for g in groups]
    lines += [f"  {k}  {M.get(f'rules.letter.{k}') or v}" for k, v in LETTERS.items()]
    lines += [M("rules.more")]
    return "\n".join(lines)


def _examples(doc: str) -> list[str]:
    """The "Bad:" / "Good:" paragraphs of a rule's docstring (their continuation lines kept)."""
    out: list[str] = []
    for line in doc.splitlines():
        if re.match(r"^(Bad|Good):", line.strip()):
            out.append(line.strip())
        elif out and line.startswith(" ") and line.strip():
            out[-1] += " " + line.strip()
        elif out and not line.strip():
            break
    return out


def rule_doc(rule_id: str, lang: str | None = None) -> str | None:
    """The full documentation of one rule: what it checks, why it matters, a bad and a good example."""
    r = find_rule(rule_id)
    if r is None:
        return None
    M = messages(lang)
    doc = inspect.cleandoc(r.__doc__ or "")
    letter = r.id[:1]
    head = [f"{r.id}  {_summary(M, r)}", "",
            M("rules.group_line", group=r.group, letter=M.get(f"rules.letter.{letter}") or LETTERS.get(letter, ""),
              severity=M.severity(r.severity)),
            M("rules.turn_off", id=r.id, group=r.group, letter=letter), ""]
    if M.lang == "zh" and M.get(f"rules.summary.{r.id}"):
        what = [M("rules.what"), "-" * 8, _summary(M, r)]
        ex = _examples(doc)
        if ex:
            what += ["", M("rules.examples")]
            what += [re.sub(r"^Bad:\s*", M("rules.bad"), re.sub(r"^Good:\s*", M("rules.good"), e)) for e in ex]
        why = M.get(f"rules.group.{r.group}")
        out = head + what
        if why:
            out += ["", M("rules.why", group=r.group), "-" * 16, why]
        return "\n".join(out) + "\n"
    # the group's module holds the why (a group split over several modules keeps it in the one named after it)
    mod = sys.modules.get(f"{__package__}.{r.group}") or sys.modules.get(r.__module__)
    why_en = inspect.cleandoc(mod.__doc__ or "") if mod is not None else ""
    out = head + [M("rules.what"), "-" * len(M("rules.what")), doc or r.summary]
    if why_en:
        title = M("rules.why", group=r.group)
        out += ["", title, "-" * len(title), why_en]
    return "\n".join(out) + "\n"
