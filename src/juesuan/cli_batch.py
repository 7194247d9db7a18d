"""`juesuan check` over many documents (the batch mode of the check command; see :mod:`juesuan.batch`).

A run is a batch when it is given more than one document, a folder or a glob. Then:

- stdout: ``--format text`` and ``markdown`` print each document's report in input order, then the summary
  table; ``--format json`` prints JSON Lines (one compact JSON report per line, in input order; a document
  that could not be read is ``{"document": {"path": …}, "error": "…"}``) and the summary goes to stderr;
  ``sarif``, ``html`` and ``xlsx`` need ``--output DIR``.
- ``--output DIR``: one report per document (``NAME.juesuan.EXT``), plus ``index.html`` (html: every document
  with its counts, sortable) or ``汇总.xlsx`` (xlsx: one row per document, one sheet of all findings); the
  summary table on stdout.
- documents of the same department in consecutive years are paired (the later one is checked with the
  earlier one as ``--previous``); the summary's ``previous`` column shows the pairing.
- exit code: the worst over the documents (3 internal error > 2 unreadable > 1 findings > 0).
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from . import batch
from .errors import OutputError


def is_batch(files: list[str]) -> bool:
    if len(files) != 1:
        return True
    f = files[0]
    return f != "-" and (Path(f).is_dir() or (not Path(f).exists() and bool(set("*?[") & set(f))))


def run(files: list[str], *, fmt: str, output: Path | None, fail_on: str, cfg, lang: str | None, jobs: int,
        baseline=None, previous: Path | None = None, config_path: Path | None = None, limits=None,
        engine: str | None = None) -> int:
    if "-" in files:
        raise OutputError("'-' (standard input) can only be checked alone, not in a batch")
    if previous is not None:
        raise OutputError("--previous goes with one document; a batch pairs documents of consecutive years itself")
    paths = batch.expand_inputs(files)
    if not paths:
        raise OutputError(f"no .pdf, .txt or .docx documents in {' '.join(files)}")
    if output is None and fmt in ("sarif", "html", "xlsx"):
        raise OutputError(f"--format {fmt} over many documents writes one report per document: give --output DIR")
    inputs = {os.path.realpath(p) for p in paths} | ({os.path.realpath(config_path)} if config_path else set())
    targets: dict[str, str] = {}
    if output is not None:
        if output.exists() and not output.is_dir():
            raise OutputError(f"--output {output} is a file; over many documents give a folder")
        if os.path.realpath(output) in inputs:
            raise OutputError(f"--output {output} is an input of this run")
        try:
            output.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError(f"--output {output}: cannot create the folder ({exc.strerror or exc})") from None
        if not os.access(output, os.W_OK):
            raise OutputError(f"--output {output}: folder not writable")
        taken = {"index.html", "汇总.xlsx"}
        for p in paths:
            t = output / batch.report_name(p, fmt, taken)
            if os.path.realpath(t) in inputs:  # pragma: no cover - names end in .juesuan.EXT
                raise OutputError(f"--output {output}: {t.name} would overwrite an input")
            targets[str(p)] = str(t)

    def task(p: Path, prev: str | None = None) -> dict:
        return {"path": str(p), "cfg": cfg, "previous": prev, "baseline": baseline, "lang": lang, "limits": limits, "engine": engine,
                "fail_on": fail_on, "stdout_fmt": None if output is not None else fmt,
                "file": (fmt, targets[str(p)]) if output is not None else None}

    progress = batch.show_progress()
    outcomes = batch.run([task(p) for p in paths], jobs, progress)
    pairs = batch_pairs(outcomes)
    if pairs:
        again = batch.run([task(Path(o.path), pairs[o.path]) for o in outcomes if o.path in pairs], jobs, progress)
        by = {o.path: o for o in again}
        outcomes = [by.get(o.path, o) for o in outcomes]
    if output is None:
        for o in outcomes:
            if o.ok:
                sys.stdout.write(o.stdout or "")
            elif fmt == "json":
                sys.stdout.write(json.dumps({"document": {"path": o.path}, "error": o.status}, ensure_ascii=False) + "\n")
            else:
                sys.stdout.write(f"{o.path}: {o.status}\n")
    else:
        if fmt == "html":
            batch.write_index_html(outcomes, output)
        elif fmt == "xlsx":
            batch.write_summary_xlsx(outcomes, output)
    batch.summary_table(outcomes, sys.stderr if (fmt == "json" and output is None) else sys.stdout, lang)
    return batch.exit_code(outcomes)


def batch_pairs(outcomes) -> dict[str, str]:
    from .checks.previous import pair_documents

    return pair_documents((o.path, o.department, o.year) for o in outcomes if o.ok)
