"""(Needs `pip install jieba`: it is no longer a dependency of juesuan.) Should jieba match narrative 科目 names against the tables' names (X034)? Measures its load time and how
often it picks the right 项 for a damaged name, against character-bigram Dice (what X034 uses).

    python tools/measure_jieba.py      # needs jieba installed; ~3 s (jieba's dictionary)
"""

from __future__ import annotations

import collections
import time

from juesuan.checks.rules.slips.X034 import _similar
from juesuan.synth import data as D


def variants(x: str) -> list[str]:
    out = [x[:-1] + ("营" if x[-1] != "营" else "务")]
    if len(x) >= 6:
        k = len(x) // 2
        out.append(x[:k - 1] + x[k + 1:])
    if x.endswith("支出"):
        out.append(x[:-2])
    if "缴费" in x:
        out.append(x.replace("缴费", ""))
    return out


def main() -> None:
    t0 = time.perf_counter()
    import jieba

    t1 = time.perf_counter()
    tok = jieba.Tokenizer()
    tok.initialize()
    t2 = time.perf_counter()
    print(f"jieba import {t1 - t0:.2f} s, dictionary {t2 - t1:.2f} s")

    def jsim(a: str, b: str) -> float:
        A, B = set(tok.lcut(a)), set(tok.lcut(b))
        return 2 * len(A & B) / (len(A) + len(B))

    names = {c: v[0] for c, v in D.XIANG.items()}
    by_kuan = collections.defaultdict(list)
    for c, n in names.items():
        by_kuan[c[:5]].append((c, n))
    res = collections.Counter()
    for items in by_kuan.values():
        if len(items) < 2:
            continue
        for c, n in items:
            for v in variants(n):
                if v in names.values() or v in n:
                    continue
                res["damaged names"] += 1
                res["bigram picks the right 项"] += max(items, key=lambda it: _similar(v, it[1]))[0] == c
                res["jieba picks the right 项"] += max(items, key=lambda it: jsim(v, it[1]))[0] == c
                res["bigram ≥ 0.5"] += _similar(v, n) >= 0.5
                res["jieba ≥ 0.5"] += jsim(v, n) >= 0.5
    for k, v in res.items():
        print(f"{k:28} {v}")


if __name__ == "__main__":
    main()
