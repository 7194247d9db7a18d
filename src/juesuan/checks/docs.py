"""Rule documentation for ``juesuan rules`` and ``juesuan rules ID`` (like ``ruff rule``), in the CLI's language.

Chinese (the default): each rule's summary and each family's description from ``[rules]`` of
``patterns/messages.zh.toml``, the bad and good examples from the rule's docstring. English: every text from
the rule classes themselves (id, family, severity, summary, docstring with its bad and good example) and from the
docstring of the family's package (``checks/rules/<family>/__init__.py``). A rule the catalogue does not know yet
shows its own texts. The family is always the rule's folder (``Rule.family``)."""

from __future__ import annotations

import importlib
import inspect

import regex as re

from ..i18n import messages
from .registry import all_rules, families

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
    """Id, family, severity and summary of every rule, then what ``--disable`` accepts."""
    M = messages(lang)
    rules = all_rules()
    lines = [f"{r.id:6} {r.family:20} {_pad(M.severity(r.severity), 8)} {_summary(M, r)}" for r in rules]
    lines += ["", M("rules.disable")]
    lines += [f"  {g}" for g in families()]
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
            M("rules.family_line", family=r.family, letter=M.get(f"rules.letter.{letter}") or LETTERS.get(letter, ""),
              severity=M.severity(r.severity)),
            M("rules.turn_off", id=r.id, family=r.family, letter=letter), ""]
    if M.lang == "zh" and M.get(f"rules.summary.{r.id}"):
        what = [M("rules.what"), "-" * 8, _summary(M, r)]
        ex = _examples(doc)
        if ex:
            what += ["", M("rules.examples")]
            what += [re.sub(r"^Bad:\s*", M("rules.bad"), re.sub(r"^Good:\s*", M("rules.good"), e)) for e in ex]
        why = M.get(f"rules.family.{r.family}")
        out = head + what
        if why:
            out += ["", M("rules.why", family=r.family), "-" * 16, why]
        return "\n".join(out) + "\n"
    # the family's package (the rule's folder) holds the why
    mod = importlib.import_module(r.__module__.rsplit(".", 1)[0]) if r.family else None
    why_en = inspect.cleandoc(mod.__doc__ or "") if mod is not None else ""
    out = head + [M("rules.what"), "-" * len(M("rules.what")), doc or r.summary]
    if why_en:
        title = M("rules.why", family=r.family)
        out += ["", title, "-" * len(title), why_en]
    return "\n".join(out) + "\n"
