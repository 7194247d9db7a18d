"""Per planted kind: recall, precision and errors on clean documents, on a corpus of its own (`synth --plant`).

    python tools/eval_kinds.py OUT_DIR [KIND ...]      (default: the kinds of issue 18)

For each kind K (its index i in KINDS fixes the seeds): a 决算 corpus (`--kind final`, 河南 and 上海, txt and pdf, 60
documents from seed 20000 + 1000·i; `--kind budget` for a kind only a 预算 shows, toc_heading) and a mixed one (`--kind mixed`, 四川, 云南 and the two 预算 families too, txt, pdf
and docx, 72 documents from seed 50000 + 1000·i); the rarer kinds (a 政府性基金 item, a list whose shares add to 99.99
or 100.01) 240 of each. Every document has exactly one plant of K where K applies, none where it does not (a
clean document). Each corpus is evaluated with `juesuan eval --jobs 2`; the table is printed in markdown.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

KINDS = ["fused_short", "lookalike", "dropped_char", "purpose_copied", "kemu_name", "blank_table", "zero_base",
         "flat_both", "item_renamed", "item_unknown", "two_prints_cell", "two_prints_text", "share_forced",
         "rate_truncated", "list_quoted", "procurement_double", "fund_text", "flat_derivable", "rate_no_percent",
         "fused_direction", "toc_heading"]
RARE = ("share_forced", "fund_text")
BUDGET_ONLY = ("toc_heading",)  # the 决算 renderers print no 目录
FAMILY = {"item_renamed": 1, "item_unknown": 1, "list_quoted": 2, "fund_text": 3, "two_prints_cell": 4,
          "two_prints_text": 4, "kemu_name": 5, "fused_direction": 6, "fused_short": 6, "rate_no_percent": 6,
          "lookalike": 6, "dropped_char": 6, "purpose_copied": 6, "flat_both": 7, "flat_derivable": 7,
          "blank_table": 8, "toc_heading": 8, "procurement_double": 9, "zero_base": 10, "share_forced": 11, "rate_truncated": 11}


def _run(*args: str) -> str:
    return subprocess.run(["juesuan", *args], check=True, capture_output=True, text=True).stdout


def corpus(out: Path, kind: str) -> list[dict]:
    i = KINDS.index(kind)
    reports = []
    first = "budget" if kind in BUDGET_ONLY else "final"  # a kind only a 预算 can show: a 预算 corpus in its place
    for which, n, seed, formats in ((first, 240 if kind in RARE else 60, 20000, "txt,pdf"),
                                    ("mixed", 240 if kind in RARE else 72, 50000, "txt,pdf,docx")):
        d = out / kind / which
        if not d.exists():
            _run("synth", str(d), "--n", str(n), "--kind", which, "--formats", formats,
                 "--start-seed", str(seed + 1000 * i), "--plant", kind)
        reports.append(json.loads(_run("eval", str(d), "--jobs", "2", "--format", "json")))
    return reports


def row(kind: str, reports: list[dict]) -> str:
    planted = sum(r["overall"]["planted"] for r in reports)
    found = sum(r["overall"]["found"] for r in reports)
    findings = sum(r["overall"]["findings"] for r in reports)
    true = sum(r["overall"]["true_findings"] for r in reports)
    clean = sum(r["clean_documents"] for r in reports)
    errors = sum(r["clean_false_errors"] for r in reports)
    styles: dict[str, list[int]] = {}
    for r in reports:
        for s, m in r["by_style"].items():
            a = styles.setdefault(s, [0, 0])
            a[0] += m["found"]
            a[1] += m["planted"]
    by = ", ".join(f"{s} {a[0]}/{a[1]}" for s, a in styles.items() if a[1])
    rec = f"{found / planted:.3f}" if planted else "—"
    prec = f"{true / findings:.3f}" if findings else "—"
    return f"| {kind} | {FAMILY.get(kind, '')} | {planted} | {found} | {rec} | {findings} | {prec} | {clean} | {errors} | {by} |"


def main(argv: list[str]) -> int:
    out = Path(argv[0])
    kinds = argv[1:] or KINDS
    print("| kind | family | draws | found | recall | findings | precision | clean docs | errors on clean | by style |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |")
    for k in kinds:
        print(row(k, corpus(out, k)), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
