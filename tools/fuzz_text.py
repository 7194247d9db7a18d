"""Fuzz the text path (issue 21): N mutated copies of the bundled example, fixed seed, each run through
``juesuan check --format json`` (in-process, as the command line runs it).

Each run must end with exit 0, 1 or 2 (never 3, an internal error, nor a traceback), within the time budget
(``[limits] max_text_seconds``, 20 s here: a run stopped by it is exit 2 with one line, counted apart; a run
still going after budget + 30 s is a hang), and its output must be valid JSON against schemas/report.schema.json
(exit 0/1) or one line on stderr (exit 2).

Mutations (1–6 per text, chosen by the seed): insert tokens (digits, %, brackets, （类）, whitespace, control
characters, 万元, 增加…) repeated up to 400 times; delete a span; duplicate or drop lines; a run of one character
(x, X, ×, 0, 。, space) up to 200 lines of 80; swap two lines; replace digits; random code points (CJK, private
use, surrogate escapes dropped); truncate.

    python tools/fuzz_text.py --n 5000 --seed 21 --jobs 2      # prints a Markdown summary
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "corpus" / "luoyang-xigong-2023.txt"
SCHEMA = ROOT / "schemas" / "report.schema.json"
BUDGET = 20.0
TOKENS = ["1", "0", "9", "12345678901234567890", ".", ",", "%", "1.1%", "（", "）", "(", ")", "（类）", "（款）", "（项）",
          " ", "\u3000", "\t", "\n", "\r", "\x00", "\x07", "\x1b", "\x7f", "万元", "元", "。", "，", "；", "增加", "下降",
          "占", "比上年", "XX局", "20XX年", "第三部分", "一、", "表", "合计", "—", "-", "…", "\ufeff", "\u200b"]
RUNS = ["x", "X", "×", "0", "。", " ", "1.", "增"]


def mutate(text: str, rng: random.Random) -> str:
    for _ in range(rng.randint(1, 6)):
        op = rng.choice(["insert", "insert", "delete", "dup", "drop", "run", "swap", "digits", "codepoints", "truncate"])
        at = rng.randrange(len(text) + 1)
        lines = text.split("\n")
        if op == "insert":
            text = text[:at] + "".join(rng.choices(TOKENS, k=rng.randint(1, 6))) * rng.randint(1, 400) + text[at:]
        elif op == "delete":
            text = text[:at] + text[at + rng.randint(1, 2000):]
        elif op == "dup" and lines:
            k = rng.randrange(len(lines))
            lines[k:k] = lines[k:k + rng.randint(1, 40)] * rng.randint(1, 5)
            text = "\n".join(lines)
        elif op == "drop" and lines:
            k = rng.randrange(len(lines))
            del lines[k:k + rng.randint(1, 60)]
            text = "\n".join(lines)
        elif op == "run":
            block = "\n".join([rng.choice(RUNS) * rng.randint(1, 80)] * rng.randint(1, 200))
            text = text[:at] + "\n" + block + "\n" + text[at:]
        elif op == "swap" and len(lines) > 2:
            a, b = rng.randrange(len(lines)), rng.randrange(len(lines))
            lines[a], lines[b] = lines[b], lines[a]
            text = "\n".join(lines)
        elif op == "digits":
            chars = list(text)
            for _ in range(rng.randint(1, 50)):
                k = rng.randrange(len(chars)) if chars else 0
                if chars and chars[k].isdigit():
                    chars[k] = str(rng.randrange(10))
            text = "".join(chars)
        elif op == "codepoints":
            noise = "".join(chr(rng.choice([rng.randrange(0x4E00, 0x9FFF), rng.randrange(0xE000, 0xF8FF),
                                            rng.randrange(0x20, 0x7F), rng.randrange(0x2000, 0x206F)]))
                            for _ in range(rng.randint(1, 300)))
            text = text[:at] + noise + text[at:]
        elif op == "truncate":
            text = text[: max(at, len(text) // 10)]
    return text


def run_one(args: tuple[int, str]) -> dict:
    """Check one mutated text as the command line does; what happened and how long it took."""
    import signal

    from typer.testing import CliRunner

    from juesuan.cli import app

    k, text = args
    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / f"fuzz{k}.txt"
        p.write_bytes(text.encode("utf-8", "replace"))
        cfg = Path(d) / "limits.toml"
        cfg.write_text(f"[limits]\nmax_text_seconds = {BUDGET:g}\n", encoding="utf-8")

        def hang(signum, frame):
            raise TimeoutError

        old = signal.signal(signal.SIGALRM, hang)
        signal.alarm(int(BUDGET) + 30)  # the budget's own timer is an interval timer: this one only catches a hang
        t0 = time.perf_counter()
        try:
            res = CliRunner().invoke(app, ["check", str(p), "--format", "json", "--config", str(cfg)])
        except TimeoutError:
            return {"k": k, "outcome": "hang", "seconds": time.perf_counter() - t0}
        finally:
            signal.alarm(0)
            signal.signal(signal.SIGALRM, old)
        dt = time.perf_counter() - t0
    out = {"k": k, "code": res.exit_code, "seconds": dt}
    stderr = getattr(res, "stderr", "") or ""
    if res.exit_code not in (0, 1, 2) or "Traceback" in res.output + stderr:
        out["outcome"] = "crash"
        out["detail"] = (stderr or repr(res.exception))[:300]
        return out
    if res.exit_code == 2:
        lines = [ln for ln in stderr.splitlines() if ln.strip()]
        out["outcome"] = "budget" if "max_text_seconds" in stderr else "refused"
        if len(lines) != 1:
            out["outcome"], out["detail"] = "crash", f"exit 2 with {len(lines)} lines: {stderr[:300]}"
        else:
            out["detail"] = lines[0].split(": ", 2)[-1][:80]
        return out
    try:
        _validator().validate(json.loads(res.stdout))
        out["outcome"] = "checked"
    except Exception as exc:  # noqa: BLE001 - any invalid output is a failure of this run
        out["outcome"], out["detail"] = "invalid", f"{type(exc).__name__}: {exc}"[:300]
    return out


_VALIDATOR: list = []


def _validator():
    """The report schema's validator, built once per process (the schema itself checked then)."""
    if not _VALIDATOR:
        import jsonschema

        schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
        cls = jsonschema.validators.validator_for(schema)
        cls.check_schema(schema)
        _VALIDATOR.append(cls(schema))
    return _VALIDATOR[0]


def texts(n: int, seed: int) -> list[tuple[int, str]]:
    base = EXAMPLE.read_text(encoding="utf-8")
    rng = random.Random(seed)
    return [(k, mutate(base, rng)) for k in range(n)]


def fuzz(n: int, seed: int, jobs: int = 1, log: str | None = None, start: int = 0) -> list[dict]:
    """Run the first ``n`` mutated texts of ``seed``; with ``log``, each result is appended to that file as a
    JSON line as it comes (a long run can be followed, and what finished survives an interruption)."""
    work = texts(n, seed)[start:]
    out: list[dict] = []
    fh = open(log, "a", encoding="utf-8") if log else None  # noqa: SIM115 - closed below
    try:
        if jobs > 1:
            with ProcessPoolExecutor(jobs) as ex:
                it = ex.map(run_one, work, chunksize=8)
                for r in it:
                    out.append(r)
                    if fh:
                        fh.write(json.dumps(r, ensure_ascii=False) + "\n")
                        fh.flush()
        else:
            for w in work:
                out.append(run_one(w))
                if fh:
                    fh.write(json.dumps(out[-1], ensure_ascii=False) + "\n")
                    fh.flush()
    finally:
        if fh:
            fh.close()
    return out


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=5000)
    ap.add_argument("--seed", type=int, default=21)
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--log", default=None, help="append each result to this file as a JSON line")
    ap.add_argument("--start", type=int, default=0, help="run texts START..N-1 only (the same texts: one seed)")
    a = ap.parse_args(argv)
    t0 = time.perf_counter()
    results = fuzz(a.n, a.seed, a.jobs, a.log, a.start)
    wall = time.perf_counter() - t0
    c = Counter(r["outcome"] for r in results)
    secs = sorted(r["seconds"] for r in results)
    print(f"{len(results)} mutated texts (seed {a.seed}, {a.jobs} jobs, {wall:.0f} s wall): "
          f"crashes {c['crash']}, hangs {c['hang']}, invalid JSON {c['invalid']}; checked (valid JSON) {c['checked']}, "
          f"refused with one line (exit 2) {c['refused']}, stopped by max_text_seconds {c['budget']}; "
          f"time per text median {secs[len(secs) // 2]:.2f} s, max {secs[-1]:.2f} s\n")
    reasons = Counter(r.get("detail", "") for r in results if r["outcome"] == "refused")
    for why, n in reasons.most_common(8):
        print(f"- refused ×{n}: {why}")
    for r in results:
        if r["outcome"] in ("crash", "hang", "invalid"):
            print(f"- **{r['outcome']}** text {r['k']}: {r.get('detail', '')}")
    return 1 if c["crash"] or c["hang"] or c["invalid"] else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
