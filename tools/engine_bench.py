"""`juesuan check` over the pdfplumber floor, both engines, paired whole-process runs (issue 21).

For each PDF: the floor (tools/pdf_floor.py: open with pdfplumber, text and tables of every page) and
`juesuan check FILE --format json --engine E` are run in turn, A B A B …, each a fresh process (imports
included, as a user runs them), after one warm-up pair; each run's CPU time (user + sys) and wall time come
from the operating system (os.wait4). The ratio check / floor is taken pair by pair and its median reported, so a
drift of the shared machine's speed cancels out.

    python tools/engine_bench.py ../shared/corpus-real/*.pdf ../shared/corpus-budget/*.pdf [--runs 5]
    python tools/engine_bench.py … --in-process   # warm: imports done, CPU time of the work alone, interleaved

In-process, the fixed cost of starting Python and importing juesuan (and its command line) is left out: what is
left is the engine's share, the reading and checking of the document.

juesuan's bytecode is compiled first, as an installed wheel carries it: with an editable install and
PYTHONDONTWRITEBYTECODE set (as on the shared machines), every process would compile juesuan's sources again
(≈ 0.28 s CPU, more than half of a whole check of a 20-page PDF).
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


def in_process(pdfs: list[str], runs: int, engines: list[str]) -> None:
    """Warm, in one process: CPU seconds of check per engine and of the floor, interleaved run by run."""
    sys.path.insert(0, str(ROOT / "tools"))
    from pdf_floor import floor

    import juesuan

    def cpu(fn) -> float:
        t = time.process_time()
        fn()
        return time.process_time() - t

    def check(pdf: str, engine: str):
        from juesuan.errors import InputError

        try:
            juesuan.check(pdf, engine=engine).to_dict()
        except InputError:  # a refused document (not a 决算 document) is timed up to the refusal
            return

    print("| document | floor CPU (s) | " + " | ".join(f"check {e} (s) | {e} / floor" for e in engines) + " |")
    print("| --- | --- | " + " | ".join("--- | ---" for _ in engines) + " |")
    ratios: dict[str, list[float]] = {e: [] for e in engines}
    for pdf in pdfs:
        for e in engines:
            check(pdf, e)  # warm
        rows: dict[str, list[float]] = {e: [] for e in [*engines, "floor"]}
        for _ in range(runs):
            rows["floor"].append(cpu(lambda pdf=pdf: floor(pdf)))
            for e in engines:
                rows[e].append(cpu(lambda e=e, pdf=pdf: check(pdf, e)))
        med = statistics.median
        cells = []
        for e in engines:
            r = med(x / y for x, y in zip(rows[e], rows["floor"]))
            ratios[e].append(r)
            cells.append(f"{med(rows[e]):.2f} | {r:.2f}")
        print(f"| {Path(pdf).name} | {med(rows['floor']):.2f} | " + " | ".join(cells) + " |", flush=True)
    for e, rs in ratios.items():
        print(f"\n{e}: median over the documents of check / floor (CPU, in-process) **{statistics.median(rs):.2f}**")


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("pdfs", nargs="+")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--engines", default="pdfium,pdfplumber")
    ap.add_argument("--in-process", action="store_true")
    a = ap.parse_args(argv)
    import compileall

    compileall.compile_dir(str(ROOT / "src" / "juesuan"), quiet=1)
    if a.in_process:
        in_process(a.pdfs, a.runs, a.engines.split(","))
        return 0
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
