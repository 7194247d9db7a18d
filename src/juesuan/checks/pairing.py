"""Helpers shared by the rules Y001 (and by what imports them from here)."""

from __future__ import annotations

from collections.abc import Iterable


def _dept_key(name: str | None) -> str:
    return "".join((name or "").split())


def pair_documents(docs: Iterable[tuple[str, str | None, int | None]]) -> dict[str, str]:
    """Given (path, department, year) of a batch, map each path to the path of the same department's
    document of the year before (when exactly one such document exists)."""
    by_key: dict[tuple[str, int], list[str]] = {}
    items = list(docs)
    for path, dept, year in items:
        if dept and year:
            by_key.setdefault((_dept_key(dept), year), []).append(path)
    out = {}
    for path, dept, year in items:
        if dept and year:
            cands = by_key.get((_dept_key(dept), year - 1), [])
            if len(cands) == 1:
                out[path] = cands[0]
    return out
