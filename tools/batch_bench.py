"""Batch throughput: `juesuan check DIR --jobs N` on N generated PDFs, documents per second with 1 and 2 jobs.

Runs the real command line (a fresh process per run, reports written with --output DIR --format json), reads
the load average before and after each run (the machine is shared: a loaded machine cannot show the speed-up),
and prints a Markdown section for reports/benchmark.md.

Usage: python tools/batch_bench.py [--n 100] [--dir /tmp/juesuan-batch-bench] [--repeat 1] [--engine pdfium|pdfplumber]
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path


def ensure_corpus(d: Path, n: int) -> list[Path]:
    pdfs = sorted(d.glob("*.pdf"))
    if len(pdfs) < n:
        from juesuan.synth import write_corpus

        write_corpus(d, n, formats=("pdf",))
        pdfs = sorted(d.glob("*.pdf"))
    return pdfs[:n]


def _children_cpu() -> float:
    import resource

    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ru.ru_utime + ru.ru_stime


def run(folder: Path, jobs: int, engine: str | None = None) -> tuple[float, tuple, tuple, int, float]:
    """(wall seconds, load before, load after, exit code, CPU seconds of the run and its workers)."""
    out = Path(tempfile.mkdtemp(prefix="jb-out-"))
    before = os.getloadavg()
    cpu = _children_cpu()
    t = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "juesuan.cli", "check", str(folder), "--jobs", str(jobs),
                           "--format", "json", "--output", str(out), "--fail-on", "never",
                           *(["--engine", engine] if engine else [])],
                          capture_output=True, text=True)
    dt = time.perf_counter() - t
    return dt, before, os.getloadavg(), proc.returncode, _children_cpu() - cpu


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=100)
    ap.add_argument("--dir", default="/tmp/juesuan-batch-bench")
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--engine", default=None, help="PDF engine (default: juesuan's default, PDFium)")
    a = ap.parse_args()
    d = Path(a.dir)
    d.mkdir(parents=True, exist_ok=True)
    pdfs = ensure_corpus(d, a.n)
    folder = Path(tempfile.mkdtemp(prefix="jb-in-"))
    for p in pdfs:
        os.symlink(p.resolve(), folder / p.name)
    rows = []
    for _ in range(a.repeat):
        for jobs in (1, 2):
            dt, lb, la, rc, cpu = run(folder, jobs, a.engine)
            rows.append((jobs, dt, len(pdfs) / dt, lb, la, rc, cpu))
    best = {j: max(r[2] for r in rows if r[0] == j) for j in (1, 2)}  # documents/s
    now = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    print(f"## Batch throughput ({now}, {platform.machine()}, Python {platform.python_version()}, "
          f"{os.cpu_count()} cores)\n")
    eng = f" --engine {a.engine}" if a.engine else ""
    print(f"`juesuan check DIR --jobs N --format json --output OUT{eng}` on {len(pdfs)} generated PDFs "
          f"(`python tools/batch_bench.py --n {a.n}{eng}`).\n")
    print("| jobs | wall (s) | documents/s | CPU (s) | CPU per document (s) | load average before (1/5/15 min) | "
          "after | exit |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for jobs, dt, dps, lb, la, rc, cpu in rows:
        print(f"| {jobs} | {dt:.1f} | {dps:.2f} | {cpu:.1f} | {cpu / len(pdfs):.3f} | "
              f"{lb[0]:.2f} / {lb[1]:.2f} / {lb[2]:.2f} | {la[0]:.2f} / {la[1]:.2f} / {la[2]:.2f} | {rc} |")
    print(f"\nspeed-up 2 jobs / 1 job (best runs): **{best[2] / best[1]:.2f}×**")


if __name__ == "__main__":
    main()
