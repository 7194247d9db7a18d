"""Helpers shared by the rules X040, X041, X042, X043, X044 (and by what imports them from here)."""

from __future__ import annotations

from decimal import Decimal

from ..numbers import Interval
from .base import Context
from .claimutil import money


def _amount_claims(ctx: Context) -> list:
    return [c for c in ctx.claims if c.kind == "amount" and money(c, "amount") is not None]


def _amount(c) -> tuple[Decimal, Interval]:
    """The amount of a claim known to state one (from _amount_claims, or checked before)."""
    m = money(c, "amount")
    assert m is not None
    return m


def _sentence(ctx: Context, claim) -> str:
    si = claim.sentence_index
    if si is not None and 0 <= si < len(ctx.doc.sentences):
        return ctx.doc.sentences[si].text
    return claim.text
