"""Year over year on generated consecutive-year pairs: how many flipped direction pairs (增加…增长 written for a
decrease, or the reverse) rule Y001 catches with last year's document, how many any rule catches without it,
and Y001 findings on clean pairs (false alarms).

Usage: python tools/pairs_eval.py [--n 24] [--formats txt,pdf,docx]
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

import juesuan
from juesuan.synth.pairs import generate_pair


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=24)
    ap.add_argument("--formats", default="txt,pdf,docx")
    a = ap.parse_args()
    d = Path(tempfile.mkdtemp())
    rows = []
    for fmt in a.formats.split(","):
        planted = caught = alone = no_ref = false_flip = false_clean = verified = changes = 0
        for k in range(a.n):
            style = ("henan", "shanghai")[k % 2]
            for flip in (True, False):
                g = generate_pair(k, style, fmt, flip=flip)
                prev, cur = d / f"p.{fmt}", d / f"c.{fmt}"
                prev.write_bytes(g.previous)
                cur.write_bytes(g.current)
                with_prev = juesuan.check(str(cur), previous=str(prev))
                y = [f for f in with_prev.findings if f.rule == "Y001"]
                if not flip:
                    false_clean += len(y)
                    ch = [c for c in with_prev.claims if c.kind == "change"]
                    changes += len(ch)
                    verified += sum(c.status == "verified" for c in ch)
                    continue
                if not g.labels["planted"]:
                    continue
                planted += 1
                key = g.labels["planted"][0]["text"].replace(" ", "")
                hit = [f for f in y if key in f.text.replace(" ", "")]
                caught += bool(hit)
                false_flip += len(y) - len(hit)
                without = juesuan.check(str(cur))
                alone += any(key in f.text.replace(" ", "") for f in without.findings if f.severity in ("error", "warning"))
                claim = next((c for c in with_prev.claims if key in c.text.replace(" ", "")), None)
                no_ref += claim is not None and claim.ref is None
        rows.append((fmt, planted, caught, alone, no_ref, false_flip, false_clean, verified, changes))
    print("| format | flips planted | caught by Y001 | caught by any rule without last year | flip in a claim with no table cell | other Y001 findings (flipped docs) | Y001 findings on clean pairs | change claims verified (clean pairs) |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for fmt, p, c, al, nr, ff, fc, v, ch in rows:
        print(f"| {fmt} | {p} | {c} | {al} | {nr} | {ff} | {fc} | {v} / {ch} |")


if __name__ == "__main__":
    main()
