"""Loader for the vocabularies under ``patterns/`` (TOML: readable and commented).

The files live in the repository's ``patterns/`` folder; a wheel carries them as ``juesuan/patterns``.
"""

from __future__ import annotations

import tomllib
from functools import cache
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


@cache
def footer_re() -> re.Pattern:
    return re.compile(load("layout")["footer"]["pattern"])
