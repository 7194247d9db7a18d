"""python -m juesuan.synth OUT_DIR --n 200 [--start-seed 0] [--errors K] [--formats txt,pdf,docx] [--kind final|budget|mixed] [--plant K1,K2]"""
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
    ap.add_argument("--formats", default="txt,pdf", help="comma-separated formats to cycle: txt, pdf, docx")
    ap.add_argument("--kind", default="final", choices=["final", "budget", "mixed"],
                    help="final: 决算 (河南, 上海); budget: 预算 (上海, 江苏); mixed: every style incl. 四川, 云南 决算")
    ap.add_argument("--plant", default="", help="comma-separated plant kinds: exactly one plant of them per document")
    a = ap.parse_args(argv)
    t = time.perf_counter()
    paths = write_corpus(a.out_dir, a.n, a.start_seed, a.errors,
                         tuple(f.strip() for f in a.formats.split(",") if f.strip()), kind=a.kind,
                         plant=tuple(k.strip() for k in a.plant.split(",") if k.strip()) or None)
    print(f"wrote {len(paths)} documents to {a.out_dir} in {time.perf_counter() - t:.1f}s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
