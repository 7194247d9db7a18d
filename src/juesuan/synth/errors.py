"""Plant labelled discrepancies into a document IR (each one changes exactly one thing).

The plant families: errors_narrative.py (figures and words of the narrative), errors_tables.py (table cells),
errors_coherence.py (names, years, slips), errors_slips.py (a proofreader's slips), errors_facts.py (a fact stated in two places); errors_base.py holds the
kinds, their groups and the shared helpers."""
from __future__ import annotations

import random
from collections.abc import Sequence

from .errors_base import (
    EXTRA_KINDS,
    EXTRA_SHARE,
    FLIP,
    GROUPS,
    KINDS,
    LATE18_KINDS,
    LATE18_SHARE,
    LATE18C_KINDS,
    LATE18C_SHARE,
    LATER_KINDS,
    MIN_VISIBLE_CHANGE,
    NOT_DERIVED,
)
from .errors_coherence import CoherencePlants
from .errors_facts import FactPlants
from .errors_items import ItemPlants
from .errors_narrative import NarrativePlants
from .errors_slips import SlipPlants
from .errors_tables import TablePlants
from .render_base import Doc

__all__ = ["FLIP", "GROUPS", "KINDS", "LATER_KINDS", "MIN_VISIBLE_CHANGE", "NOT_DERIVED", "Injector", "inject"]


class Injector(NarrativePlants, TablePlants, CoherencePlants, FactPlants, SlipPlants, ItemPlants):
    # -- driver -------------------------------------------------------------
    def run(self, n: int) -> list[dict]:
        kinds = [k for k in KINDS if k not in LATER_KINDS and k not in EXTRA_KINDS and k not in LATE18_KINDS and k not in LATE18C_KINDS]
        self.r.shuffle(kinds)
        later = random.Random(str(self.r.getstate()))  # consumes nothing of self.r
        extra = random.Random(str(self.r.getstate()) + "issue 18")
        late = random.Random(str(self.r.getstate()) + "issue 18, second round")
        third = random.Random(str(self.r.getstate()) + "issue 18, third round")
        for k in LATER_KINDS:
            kinds.insert(later.randrange(len(kinds) + 1), k)
        tries = 0
        while len(self.labels) < n and tries < 60:
            k = kinds[tries % len(kinds)]
            tries += 1
            if getattr(self, f"k_{k}")():
                continue
        if 0 < len(self.labels) < 3 and extra.random() < EXTRA_SHARE:
            for k in extra.sample(EXTRA_KINDS, len(EXTRA_KINDS)):
                if getattr(self, f"k_{k}")():
                    break
        if 0 < len(self.labels) < 3 and late.random() < LATE18_SHARE:
            for k in late.sample(LATE18_KINDS, len(LATE18_KINDS)):
                if getattr(self, f"k_{k}")():
                    break
        if 0 < len(self.labels) < 3 and third.random() < LATE18C_SHARE:
            for k in LATE18C_KINDS:
                if getattr(self, f"k_{k}")():
                    break
        for lab, fn in self.pending:
            lab["text"] = fn()
        return self.labels

    def run_chosen(self, kinds: Sequence[str]) -> list[dict]:
        """Exactly one plant of one of ``kinds`` (``juesuan synth --plant``): the kinds are tried in a random order
        of this document's own until one applies; none applies, none is planted (the document is written clean)."""
        for k in self.r.sample(list(kinds), len(kinds)):
            plant = getattr(self, f"k_{k}", None)  # a 预算 kind has no 决算 plant, and the other way round
            if plant is not None and plant():
                break
        for lab, fn in self.pending:
            lab["text"] = fn()
        return self.labels


def inject(doc: Doc, rng: random.Random, n: int, plant: Sequence[str] | None = None) -> list[dict]:
    """``n`` plants drawn from every kind, or (``plant``) exactly one of the listed kinds."""
    injector = Injector(doc, rng)
    return injector.run_chosen(plant) if plant else injector.run(n)
