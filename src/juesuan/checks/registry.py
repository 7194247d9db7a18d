"""The rule catalogue: every rule class, in run order (a rule of ``phase = "after_verdicts"``, C003, runs after the
others whatever its place here: it reads their verdicts)."""

from __future__ import annotations

from . import (
    change_words,
    coherence,
    completeness,
    facts,
    item_rows,
    kemu,
    narrative_budget,
    narrative_budget_changes,
    narrative_lists,
    narrative_narrative,
    narrative_projects,
    narrative_sangong,
    narrative_table,
    narrative_year,
    narrative_zero,
    previous,
    procurement,
    reliability,
    slips,
    table_carryover,
    table_cross,
    table_identities,
    table_placement,
    table_projects,
    table_sangong,
)
from .base import Rule


def all_rules() -> list[type[Rule]]:
    return [*table_identities.RULES, *table_placement.RULES, *table_cross.RULES, *table_sangong.RULES, *table_carryover.RULES,
            *table_projects.RULES, *reliability.RULES, *narrative_table.RULES, *item_rows.RULES, *narrative_zero.RULES,
            *narrative_sangong.RULES, *narrative_lists.RULES, *narrative_projects.RULES, *narrative_narrative.RULES,
            *narrative_year.RULES, *narrative_budget.RULES, *narrative_budget_changes.RULES,
            *coherence.RULES, *facts.RULES, *procurement.RULES, *change_words.RULES, *slips.RULES, *kemu.RULES, *previous.RULES, *completeness.RULES]


def by_id() -> dict[str, type[Rule]]:
    return {r.id: r for r in all_rules()}
