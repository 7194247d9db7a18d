"""Shared fixtures: the real documents under ../shared (skipped with a reason when absent)."""

from __future__ import annotations

from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def _need(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"{path} not found (the shared corpus lives next to the repository, in ../shared)")
    return path


@pytest.fixture(scope="session")
def seed_path() -> Path:
    """The seed text document (河南 numbering, with 项目绩效自评表)."""
    seeds = SHARED / "seeds"
    found = sorted(seeds.glob("*.txt")) if seeds.is_dir() else []
    if not found:
        pytest.skip(f"no seed text under {seeds} (the shared corpus lives in ../shared)")
    return found[0]


@pytest.fixture(scope="session")
def shanghai_pdf() -> Path:
    """A real published 上海 决算 PDF (24 pages, 类/款/项 in separate columns, tables over page breaks)."""
    return _need(SHARED / "corpus-real" / "shanghai-putuo-shehuigongzuobu-2024.pdf")


@pytest.fixture(scope="session")
def template_pdf() -> Path:
    """The 2024 上海 决算 template: tables and placeholders, no figures."""
    return _need(SHARED / "corpus-real" / "shanghai-template-2024.pdf")


@pytest.fixture(scope="module")
def seed_result():
    """The bundled example (the seed) checked once per test module (a module may re-render its messages)."""
    from juesuan.checks import check_document
    from juesuan.pipeline import load_document

    return check_document(load_document(Path(__file__).resolve().parents[1] / "corpus" / "luoyang-xigong-2023.txt"))
