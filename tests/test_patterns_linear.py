"""Every pattern of patterns/*.toml stays fast on adversarial text (issue 12): no pattern may take super-linear
time on long runs of digits, spaces, brackets, percentages or repeated words.

Each pattern is searched, iterated and matched against 4,000-character adversarial strings; each must finish in
well under a second. Before issue 12, bound.above took 159 s on 4,000 spaces (two optional space runs in a row:
n² ways to split the run at each of n starts), the AMT fragment 2.3 s on 4,000 digits and subject.trail 1.3 s on
spaces followed by a letter — at 100,000 characters, hours.
"""

from __future__ import annotations

import time
import tomllib

import pytest
import regex as re

from juesuan.claims.patterns import expand, spec
from juesuan.patterns import patterns_dir

N = 4000
ADVERSARIAL = {
    "digits": "1" * N,
    "digits+x": "1" * N + "x",
    "percent": "1.1%" * (N // 4),
    "percent+x": "1.1%" * (N // 4) + "x",
    "brackets": "（类）（款）（项）" * (N // 9),
    "spaces": " " * N,
    "spaces+x": " " * N + "x",
    "hanzi+space": "支 " * (N // 2),
    "commas": "1," * (N // 2),
    "dots": "1." * (N // 2),
    "clauses": "增加 1 万元，" * (N // 8),
    "open-paren": "（" * N,
    "cn-numerals": "一" * N,
}


def _strings(x, path=""):
    if isinstance(x, str):
        yield path, x
    elif isinstance(x, dict):
        for k, v in x.items():
            yield from _strings(v, f"{path}.{k}")
    elif isinstance(x, list):
        for i, v in enumerate(x):
            yield from _strings(v, f"{path}[{i}]")


def _patterns():
    frags = spec()["fragments"]
    out = []
    for f in sorted(patterns_dir().glob("*.toml")):
        data = tomllib.loads(f.read_text(encoding="utf-8"))
        for path, s in _strings(data):
            if path.rsplit(".", 1)[-1].endswith("example") or path.rsplit(".", 1)[-1] in ("why", "name", "kind"):
                continue
            try:
                out.append((f"{f.stem}{path}", re.compile(expand(s, frags))))
            except Exception:  # not a pattern (a label, a number as text)
                continue
    return out


PATTERNS = _patterns()


@pytest.mark.parametrize("name,pat", PATTERNS, ids=[n for n, _ in PATTERNS])
def test_pattern_is_fast_on_adversarial_text(name, pat):
    slow = []
    for label, text in ADVERSARIAL.items():
        t0 = time.perf_counter()
        pat.search(text)
        for _ in pat.finditer(text):
            pass
        pat.match(text)
        dt = time.perf_counter() - t0
        if dt > 0.5:
            slow.append(f"{label}: {dt:.2f}s")
    assert not slow, f"{name}: {slow}"
