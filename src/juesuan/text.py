"""Text helpers every layer may use (base layer: imports nothing from juesuan)."""

from __future__ import annotations

import regex as re

_SPACE_RE = re.compile(r"\s+")


def squash(text: str | None) -> str:
    """The text with all whitespace removed ("一般公共 预算" → "一般公共预算"); None → ""."""
    return _SPACE_RE.sub("", text or "")
