"""The rule catalogue: every rule class, in run order (C003 last: it reads the other rules' verdicts)."""

from __future__ import annotations

from . import change_words, coherence, completeness, facts, narrative_narrative, narrative_table, previous, reliability, slips, table_identities, table_placement
from .base import Rule


def all_rules() -> list[type[Rule]]:
    return [*table_identities.RULES, *table_placement.RULES, *reliability.RULES, *narrative_table.RULES, *narrative_narrative.RULES,
            *coherence.RULES, *facts.RULES, *change_words.RULES, *slips.RULES, *previous.RULES, *completeness.RULES]


def by_id() -> dict[str, type[Rule]]:
    return {r.id: r for r in all_rules()}
