"""python -m juesuan.synth OUT_DIR --n 200 [--start-seed 0] [--errors K]"""
from __future__ import annotations

import argparse
import time

from .corpus import write_corpus


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m juesuan.synth", description="write a labelled synthetic corpus")
    ap.add_argument("out_dir")
    ap.add_argument("--n", type=int, default=200)
    ap.add_argument("--start-seed", type=int, default=0)
    ap.add_argument("--errors", type=int, default=None, help="fixed number of planted errors (default: 0–3)")
    a = ap.parse_args(argv)
    t = time.perf_counter()
    paths = write_corpus(a.out_dir, a.n, a.start_seed, a.errors)
    print(f"wrote {len(paths)} documents to {a.out_dir} in {time.perf_counter() - t:.1f}s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
