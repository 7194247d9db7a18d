"""Every 科目 code/name pair printed in the shared documents (the seed of patterns/kemu.toml and of its test).

决算 documents are read with juesuan's own table parser (every coded table: 支出功能分类 rows of the income,
expense, 一般公共预算, 政府性基金 and 国资 tables; 支出经济分类 rows of the 基本支出 table). The 预算 documents of
corpus-budget are not 决算 documents (the parser does not take them yet): their pairs are read from the page text
lines that begin with a 科目 code ("2010301 行政运行"), printed for review only.

    python tools/kemu_pairs.py [--budget]     # one "code<TAB>name<TAB>file" line per distinct pair
"""
from __future__ import annotations

import sys
from pathlib import Path

import regex as re

from juesuan.errors import InputError
from juesuan.pipeline import load_document

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
CODED = ("income", "expense", "gpb_expense", "fund", "soe", "gpb_basic")
_CODE = re.compile(r"^(?:[2-3]\d{2}|[2-3]\d{4}|2\d{6})$")


def decision_files() -> list[Path]:
    return sorted([*(SHARED / "seeds").glob("*.txt"), *(p for p in (SHARED / "corpus-real").iterdir()
                                                          if p.suffix in (".pdf", ".txt", ".docx"))])


def pairs_of(path: Path) -> list[tuple[str, str]]:
    """(code, name) of every coded row of the document's coded tables, as the parser read them."""
    try:
        doc = load_document(path)
    except InputError:
        return []
    out = []
    for t in doc.tables:
        if t.kind not in CODED:
            continue
        for r in t.rows:
            if _CODE.match(r.code or "") and r.name:
                out.append((r.code, r.name.strip()))
    return out


def budget_pairs(path: Path) -> list[tuple[str, str]]:
    from juesuan.ingest import read
    from juesuan.ingest.model import Grid

    rx = re.compile(r"^\s*(?P<code>2\d{2}(?:\d{2}){0,2}|30[1-9](?:\d{2})?)\s*(?P<name>[\p{Han}（）()、“”]{2,40})")
    texts: list[str] = []
    for it in read(path).items:  # running text lines, and the rows of ruled grids (cells joined by a space)
        if isinstance(it, Grid):
            texts += [" ".join(c for c in row if c) for row in it.rows]
        else:
            texts.append(it.text)
    out = []
    for t in texts:
        m = rx.match(t)
        if m:
            out.append((m.group("code"), m.group("name")))
    return out


if __name__ == "__main__":
    seen: dict[tuple[str, str], str] = {}
    for f in decision_files():
        for p in pairs_of(f):
            seen.setdefault(p, f.name)
    if "--budget" in sys.argv:
        for f in sorted((SHARED / "corpus-budget").glob("*.pdf")):
            for p in budget_pairs(f):
                seen.setdefault(p, f.name)
    for (c, n), f in sorted(seen.items()):
        print(f"{c}\t{n}\t{f}")
