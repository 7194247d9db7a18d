"""Character widths and line breaking of the generated page text (used by the IR for centred name cells and
by the writers for every line)."""
from __future__ import annotations

import unicodedata

__all__ = ["NO_LINE_END", "NO_LINE_START", "cw", "wrap"]

NO_LINE_START = set("，。、；：）%”’！？,.;:)")
NO_LINE_END = set("（“‘(")


def cw(ch: str) -> int:
    """Display width: 2 for CJK / full-width, 1 otherwise."""
    return 2 if unicodedata.east_asian_width(ch) in "WF" else 1


def wrap(text: str, width: int, first: int | None = None) -> list[str]:
    """Character-level wrap (numbers may break anywhere, like justified CJK text)."""
    lines, cur, w = [], "", 0
    limit = first if first is not None else width
    for ch in text:
        c = cw(ch)
        if w + c > limit and cur and ch not in NO_LINE_START:
            carry = ""
            if cur[-1] in NO_LINE_END and len(cur) > 1:
                cur, carry = cur[:-1], cur[-1]
            lines.append(cur.rstrip())
            cur, w, limit = carry, sum(cw(x) for x in carry), width
            if ch == " ":
                continue
        cur += ch
        w += c
    if cur.strip():
        lines.append(cur.rstrip())
    return lines
