"""PDF input (placeholder until the PDF reader lands)."""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError
from .model import Source


def read_pdf(path: Path) -> Source:
    raise InputError(f"{path}: PDF reading is not available yet")
