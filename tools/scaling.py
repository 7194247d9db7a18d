"""Scaling of `juesuan check` with document size: the bundled example repeated k times (k = 1 … 40).

    python tools/scaling.py [--ks 1,5,10,20,40] [--config limits.toml]

Prints a markdown table (size, wall seconds, peak RSS of the run) and the fitted slope: seconds per copy of the
example (least squares) and the exponent b of t ≈ a·k^b over the runs past 1× (b ≈ 1: linear, 2: quadratic).
Each run is a fresh process; the config raises max_text_mb so that 40× (1.8 MB) is not stopped by the limit.
"""

from __future__ import annotations

import argparse
import math
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "corpus" / "luoyang-xigong-2023.txt"

CHILD = (
    "import resource, subprocess, sys, time; t0 = time.perf_counter(); "
    "p = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE); "
    "print(p.returncode, time.perf_counter() - t0, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
)


def run(path: Path, config: Path) -> tuple[int, float, float]:
    cmd = [sys.executable, "-m", "juesuan.cli", "check", str(path), "--format", "json", "--config", str(config)]
    out = subprocess.run([sys.executable, "-c", CHILD, *cmd], capture_output=True, text=True).stdout.split()
    return int(out[0]), float(out[1]), int(out[2]) / 1024


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--ks", default="1,5,10,20,40")
    args = ap.parse_args()
    ks = [int(k) for k in args.ks.split(",")]
    data = EXAMPLE.read_bytes()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        cfg = Path(tmp) / "limits.toml"
        cfg.write_text("[limits]\nmax_text_mb = 64\n", encoding="utf-8")
        for k in ks:
            p = Path(tmp) / f"x{k}.txt"
            p.write_bytes(data * k)
            code, secs, mb = run(p, cfg)
            rows.append((k, len(data) * k / 1e6, secs, mb, code))
    print("| copies | size (MB) | wall (s) | peak RSS (MB) | exit |")
    print("| ---: | ---: | ---: | ---: | ---: |")
    for k, size, secs, mb, code in rows:
        print(f"| {k}× | {size:.2f} | {secs:.2f} | {mb:.0f} | {code} |")
    n = len(rows)
    mk = sum(r[0] for r in rows) / n
    mt = sum(r[2] for r in rows) / n
    slope = sum((r[0] - mk) * (r[2] - mt) for r in rows) / sum((r[0] - mk) ** 2 for r in rows)
    print(f"\nslope: {slope:.3f} s per copy of the example ({slope / (len(data) / 1e6):.2f} s/MB), intercept {mt - slope * mk:.2f} s")
    tail = [r for r in rows if r[0] > 1]
    if len(tail) >= 2:
        xs = [math.log(r[0]) for r in tail]
        ys = [math.log(r[2]) for r in tail]
        mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
        b = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)
        print(f"exponent b of t ≈ a·k^b over {tail[0][0]}×–{tail[-1][0]}×: {b:.2f}")
    ms = [r[3] for r in rows]
    print(f"memory: {ms[0]:.0f} MB at 1×, {ms[-1]:.0f} MB at {rows[-1][0]}× ({(ms[-1] - ms[0]) / (rows[-1][0] - 1):.1f} MB per copy)")


if __name__ == "__main__":
    time.sleep(0)
    main()
