"""Speed benchmark: `juesuan check` per document against the floor of opening the PDF with pdfplumber.

For N generated documents (both styles, .pdf and .txt) it measures, in the same run:
- wall time per document of load + check (in-process, warm imports),
- the pdfplumber floor: open the PDF, extract every page's text and tables, nothing else,
- their ratio, peak memory (max RSS), and documents per second with 1 and 2 processes.
Writes a Markdown section to stdout (append it to reports/benchmark.md).

Usage: python tools/bench.py [--n 40] [--dir /tmp/juesuan-bench]
"""

from __future__ import annotations

import argparse
import platform
import resource
import statistics
import time
from concurrent.futures import ProcessPoolExecutor
from datetime import date
from pathlib import Path


def _check(path: str) -> float:
    from juesuan.checks import Config, check_document
    from juesuan.pipeline import load_document

    t = time.perf_counter()
    check_document(load_document(path), Config())
    return time.perf_counter() - t


def _floor(path: str) -> float:
    import pdfplumber

    t = time.perf_counter()
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_text()
            page.extract_tables()
    return time.perf_counter() - t


def _throughput(paths: list[str], jobs: int) -> float:
    t = time.perf_counter()
    if jobs == 1:
        for p in paths:
            _check(p)
    else:
        with ProcessPoolExecutor(max_workers=jobs) as ex:
            list(ex.map(_check, paths))
    return len(paths) / (time.perf_counter() - t)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=40)
    ap.add_argument("--dir", default="/tmp/juesuan-bench")
    args = ap.parse_args()
    from juesuan.synth import write_corpus

    out = Path(args.dir)
    write_corpus(out, args.n, start_seed=10_000)
    pdfs = sorted(str(p) for p in out.rglob("*.pdf"))
    txts = sorted(str(p) for p in out.rglob("*.txt"))
    _check(txts[0])  # warm imports
    check_pdf = [_check(p) for p in pdfs]
    floor_pdf = [_floor(p) for p in pdfs]
    check_txt = [_check(p) for p in txts]
    ratios = [c / f for c, f in zip(check_pdf, floor_pdf)]
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    all_paths = pdfs + txts
    dps1 = _throughput(all_paths, 1)
    dps2 = _throughput(all_paths, 2)
    med = statistics.median
    print(f"## Speed ({date.today().isoformat()}, {platform.machine()}, {platform.python_version()}, "
          f"{__import__('os').cpu_count()} cores)\n")
    print(f"{len(pdfs)} generated PDFs, {len(txts)} generated texts.\n")
    print("| measure | value |\n| --- | --- |")
    print(f"| check per PDF, median (s) | {med(check_pdf):.3f} |")
    print(f"| pdfplumber floor per PDF, median (s) | {med(floor_pdf):.3f} |")
    print(f"| ratio check / floor, median (max) | {med(ratios):.2f} ({max(ratios):.2f}) |")
    print(f"| check per text document, median (s) | {med(check_txt):.3f} |")
    print(f"| peak memory (max RSS, MiB) | {rss:.0f} |")
    print(f"| documents per second, 1 process | {dps1:.1f} |")
    print(f"| documents per second, 2 processes | {dps2:.1f} |")


if __name__ == "__main__":
    main()
