"""Helpers shared by the rules X020, X021, X022, X023, X024 (and by what imports them from here)."""

from __future__ import annotations

import regex as re

from ..claims.mentions import Mention
from .base import Context, Location, Msg, place_location


def mention_location(ctx: Context, m: Mention) -> Location:
    return place_location(ctx, m.where, m.line, m.page)


def _where(m: Mention) -> Msg:
    """Where a mention is (cover, 目录, part heading, table title/header, narrative), as a catalogued phrase."""
    return Msg(f"check.where.{m.where}")


def is_placeholder(name: str) -> bool:
    """A department's name that is a template placeholder (XX局, 某某单位)."""
    return bool(re.search(r"[XxＸｘ×]{2,}|某某", name))
