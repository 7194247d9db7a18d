"""Equality of the two PDF engines (issue 21): PDFium against pdfplumber, document by document.

For every PDF given (files or folders) it reads the document with each engine and compares, in order:
- ingest: the lines and cell grids (``juesuan.ingest`` Source items, with ``continues`` and page/line numbers);
- tables: what ``juesuan tables --out DIR --format json`` writes (every parsed table), or the refusal message
  when the document is refused (e.g. not a 决算 document);
- check: the ``juesuan check --format json`` report, without ``tool.pdf_engine`` (which names the engine).
Differences are listed with the first differing items / lines, so each can be judged on the printed page.

    python tools/engine_equality.py ../shared/corpus-real ../shared/corpus-budget /tmp/gen200 [--jobs 2]
    python tools/engine_equality.py --synth 200 --synth-dir /tmp/juesuan-eq   # generate 200 PDFs first

Prints a Markdown summary (for reports/benchmark.md) and exits 1 when any document differs.
"""

from __future__ import annotations

import argparse
import difflib
import json
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ENGINES = ("pdfium", "pdfplumber")


def _read(path: str, engine: str) -> dict:
    """What one engine makes of one PDF: ingest items, tables JSON (or refusal), check JSON (or refusal)."""
    from juesuan.checks import Config, check_document
    from juesuan.errors import InputError
    from juesuan.ingest import read
    from juesuan.pipeline import build_document
    from juesuan.report.json_report import report_dict
    from juesuan.report.table_export import write_tables

    out: dict = {"items": None, "tables": None, "check": None}
    try:
        src = read(path, engine=engine)
    except InputError as exc:
        out["items"] = out["tables"] = out["check"] = f"refused: {exc}"
        return out
    out["items"] = [repr(it) for it in src.items]
    try:
        doc = build_document(src)
    except InputError as exc:
        out["tables"] = out["check"] = f"refused: {exc}"
        return out
    with tempfile.TemporaryDirectory() as d:
        files = write_tables(doc, Path(d), "json")
        out["tables"] = {p.name: p.read_text(encoding="utf-8") for p in files}
    rep = report_dict(check_document(doc, Config()))
    rep["tool"].pop("pdf_engine", None)
    rep.pop("timing", None)
    out["check"] = json.dumps(rep, ensure_ascii=False, indent=1, sort_keys=True, default=str)
    return out


def _diff(a, b, limit: int = 12) -> list[str]:
    if isinstance(a, list) and isinstance(b, list):
        la, lb = a, b
    elif isinstance(a, dict) and isinstance(b, dict):
        la = [f"{k}: {line}" for k in sorted(a) for line in a[k].splitlines()]
        lb = [f"{k}: {line}" for k in sorted(b) for line in b[k].splitlines()]
    else:
        la, lb = str(a).splitlines(), str(b).splitlines()
    d = [x for x in difflib.unified_diff(la, lb, "pdfium", "pdfplumber", lineterm="", n=0) if not x.startswith("@@")]
    return d[:limit]


def compare(path: str) -> dict:
    """One document: per level, same or the first lines of the difference (pdfium '-', pdfplumber '+')."""
    got = {e: _read(path, e) for e in ENGINES}
    res: dict = {"path": path}
    for level in ("items", "tables", "check"):
        a, b = got["pdfium"][level], got["pdfplumber"][level]
        res[level] = None if a == b else _diff(a, b)
    res["refused"] = isinstance(got["pdfium"]["check"], str) and got["pdfium"]["check"].startswith("refused")
    return res


def pdfs(args: list[str]) -> list[str]:
    out: list[str] = []
    for a in args:
        p = Path(a)
        out += sorted(str(q) for q in p.rglob("*.pdf")) if p.is_dir() else [str(p)]
    return out


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("paths", nargs="*")
    ap.add_argument("--synth", type=int, default=0, help="generate this many PDFs (juesuan synth --formats pdf)")
    ap.add_argument("--synth-dir", default="/tmp/juesuan-engine-eq")
    ap.add_argument("--jobs", type=int, default=1)
    a = ap.parse_args(argv)
    paths = pdfs(a.paths)
    if a.synth:
        from juesuan.synth import write_corpus

        d = Path(a.synth_dir)
        if len(list(d.glob("*.pdf"))) < a.synth:
            write_corpus(d, a.synth, formats=("pdf",))
        paths += sorted(str(p) for p in d.glob("*.pdf"))[: a.synth]
    if a.jobs > 1:
        with ProcessPoolExecutor(a.jobs) as ex:
            results = list(ex.map(compare, paths))
    else:
        results = [compare(p) for p in paths]
    same = {lvl: sum(1 for r in results if r[lvl] is None) for lvl in ("items", "tables", "check")}
    refused = sum(1 for r in results if r["refused"])
    print(f"{len(results)} PDFs; identical between PDFium and pdfplumber — ingest (lines and grids): "
          f"{same['items']}, tables JSON: {same['tables']}, check JSON: {same['check']} "
          f"({refused} refused by both engines with the same message count as identical)\n")
    print("| document | ingest | tables | check |\n| --- | --- | --- | --- |")
    for r in results:
        cells = ["same" if r[lvl] is None else "**differs**" for lvl in ("items", "tables", "check")]
        name = Path(r["path"]).name + (" (refused)" if r["refused"] else "")
        if any(r[lvl] is not None for lvl in ("items", "tables", "check")) or len(results) <= 40:
            print(f"| {name} | {' | '.join(cells)} |")
    for r in results:
        for lvl in ("items", "tables", "check"):
            if r[lvl] is not None:
                print(f"\n{r['path']} — {lvl} (pdfium -, pdfplumber +):\n```")
                print("\n".join(r[lvl]))
                print("```")
    return 0 if all(r[lvl] is None for r in results for lvl in ("items", "tables", "check")) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
