"""Snapshot the JSON reports of a fixed set of documents, or compare against a snapshot (issue 13).

A step meant to change no behaviour must leave these reports identical: the bundled example (the seed), every
shared real document (../shared/corpus-real) and 50 generated documents (seeds 0-49, txt and pdf).

    python tools/json_snapshot.py save /tmp/snap-before      # before the step
    python tools/json_snapshot.py compare /tmp/snap-before   # after: prints the documents whose report changed
    python tools/json_snapshot.py compare /tmp/snap-before --engine pdfplumber   # PDFs read with that engine

The 50 generated documents are written once to .snap-docs/ of the checkout and kept (so a change of the generator
does not move them; delete the folder to regenerate). Exit 1 when a report differs.
"""

from __future__ import annotations

import difflib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / ".snap-docs"  # per checkout (git-ignored)


def documents() -> list[Path]:
    from juesuan.synth import write_corpus  # noqa: F401  (import check: the generator exists)

    if not (DOCS / "done").exists():
        import subprocess

        DOCS.mkdir(parents=True, exist_ok=True)
        subprocess.run([sys.executable, "-m", "juesuan.cli", "synth", str(DOCS), "--n", "50"], check=True,
                       stdout=subprocess.DEVNULL)
        (DOCS / "done").write_text("")
    shared = ROOT.parent / "shared" / "corpus-real"
    docs = [ROOT / "corpus" / "luoyang-xigong-2023.txt"]
    docs += sorted(p for p in shared.glob("*") if p.suffix in (".pdf", ".txt"))
    docs += sorted(p for p in DOCS.iterdir() if p.suffix in (".pdf", ".txt", ".docx"))
    return docs


def report(path: Path, engine: str | None = None) -> str:
    import juesuan

    d = juesuan.check(path, engine=engine).to_dict()
    d.pop("timing", None)
    text = json.dumps(d, ensure_ascii=False, indent=1, sort_keys=True, default=str)
    return text.replace(str(path.parent), "<dir>")  # the same report from any checkout


def main(argv: list[str]) -> int:
    engine = None
    if len(argv) == 4 and argv[2] == "--engine":
        engine, argv = argv[3], argv[:2]
    if len(argv) != 2 or argv[0] not in ("save", "compare"):
        print(__doc__)
        return 2
    mode, out = argv[0], Path(argv[1])
    out.mkdir(parents=True, exist_ok=True)
    changed = 0
    docs = documents()
    for p in docs:
        name = p.name + ".json"
        text = report(p, engine)
        if mode == "save":
            (out / name).write_text(text, encoding="utf-8")
            continue
        old = (out / name).read_text(encoding="utf-8") if (out / name).exists() else ""
        if old != text:
            changed += 1
            print(f"CHANGED {p}")
            diff = difflib.unified_diff(old.splitlines(), text.splitlines(), lineterm="", n=1)
            print("\n".join(list(diff)[:40]))
    print(f"{mode}: {len(docs)} documents" + (f", {changed} changed" if mode == "compare" else ""))
    return 1 if changed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
