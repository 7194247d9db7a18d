"""Loader for the vocabularies under ``patterns/`` (TOML: readable and commented).

The files live in the repository's ``patterns/`` folder; a wheel carries them as ``juesuan/patterns``.
"""

from __future__ import annotations

import tomllib
from functools import cache, lru_cache
from pathlib import Path

import regex as re


def patterns_dir() -> Path:
    here = Path(__file__).resolve().parent
    for cand in (here / "patterns", here.parent.parent / "patterns"):
        if cand.is_dir():
            return cand
    raise FileNotFoundError("juesuan patterns/ folder not found")


@cache
def load(name: str) -> dict:
    """Parse ``patterns/<name>.toml``."""
    with open(patterns_dir() / f"{name}.toml", "rb") as fh:
        return tomllib.load(fh)


@lru_cache(maxsize=4096)
def compiled(pattern: str, flags: int = 0) -> re.Pattern:
    """``pattern`` compiled on its first use and kept. A hot call site writes ``compiled(r"…").search(s)``, not
    ``re.search(r"…", s)``: regex's module functions look the pattern up in regex's own cache on every call
    (its key, the locale and named-list checks: ≈ 5 µs), this is one dictionary look-up (≈ 0.1 µs); and a
    pattern compiled at first use, not at import, costs nothing to a process that never uses it. (Bounded, for
    patterns built from vocabularies; a pattern built from a document's text goes to ``re`` directly.)"""
    return re.compile(pattern, flags)


@cache
def footer_re() -> re.Pattern:
    return re.compile(load("layout")["footer"]["pattern"])
