"""`juesuan check` over the pdfplumber floor, both engines, paired whole-process runs (issue 21).

For each PDF: the floor (tools/pdf_floor.py: open with pdfplumber, text and tables of every page) and
`juesuan check FILE --format json --engine E` are run in turn, A B A B …, each a fresh process (imports
included, as a user runs them), after one warm-up pair; each run's CPU time (user + sys) and wall time come
from the operating system (os.wait4). The ratio check / floor is taken pair by pair and its median reported, so a
drift of the shared machine's speed cancels out.

    python tools/engine_bench.py ../shared/corpus-real/*.pdf ../shared/corpus-budget/*.pdf [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def timed(cmd: list[str]) -> tuple[float, float, int]:
    """(CPU seconds, wall seconds, exit code) of one run of ``cmd``."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, ru = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    return ru.ru_utime + ru.ru_stime, wall, os.waitstatus_to_exitcode(status)


def paired(a: list[str], b: list[str], runs: int) -> dict:
    timed(a), timed(b)  # warm-up (file cache)
    ra, rb = [], []
    for _ in range(runs):
        ra.append(timed(a))
        rb.append(timed(b))
    med = statistics.median
    return {"a_cpu": med(x[0] for x in ra), "b_cpu": med(x[0] for x in rb), "a_wall": med(x[1] for x in ra),
            "b_wall": med(x[1] for x in rb), "ratio_cpu": med(x[0] / y[0] for x, y in zip(ra, rb)),
            "ratio_wall": med(x[1] / y[1] for x, y in zip(ra, rb)), "exit": ra[-1][2]}


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("pdfs", nargs="+")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--engines", default="pdfium,pdfplumber")
    a = ap.parse_args(argv)
    py = sys.executable
    print("| document | engine | check CPU (s) | floor CPU (s) | check / floor, CPU | check / floor, wall | exit |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    ratios: dict[str, list[float]] = {}
    for pdf in a.pdfs:
        floor = [py, str(ROOT / "tools" / "pdf_floor.py"), pdf]
        for engine in a.engines.split(","):
            check = [py, "-m", "juesuan.cli", "check", pdf, "--format", "json", "--engine", engine]
            r = paired(check, floor, a.runs)
            ratios.setdefault(engine, []).append(r["ratio_cpu"])
            print(f"| {Path(pdf).name} | {engine} | {r['a_cpu']:.2f} | {r['b_cpu']:.2f} | {r['ratio_cpu']:.2f} | "
                  f"{r['ratio_wall']:.2f} | {r['exit']} |", flush=True)
    for engine, rs in ratios.items():
        print(f"\n{engine}: median over the documents of check / floor (CPU) **{statistics.median(rs):.2f}**")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
