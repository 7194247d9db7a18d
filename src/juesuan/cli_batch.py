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
from .config import Settings
from .errors import OutputError
from .i18n import Msg, ui


def is_batch(files: list[str]) -> bool:
    if len(files) != 1:
        return True
    f = files[0]
    return f != "-" and (Path(f).is_dir() or (not Path(f).exists() and bool(set("*?[") & set(f))))


def run(files: list[str], *, fmt: str, output: Path | None, settings: Settings, baseline=None,
        previous: Path | None = None, skip_other: bool = False) -> int:
    """Check many documents with the run's ``settings`` (the config with the command line's options applied:
    its rules, limits, PDF engine, language, fail level and worker count go to every worker)."""
    lang, jobs, config_path = settings.lang, settings.jobs or 1, settings.path
    if "-" in files:
        raise OutputError(Msg("err.batch_stdin"))
    if previous is not None:
        raise OutputError(Msg("err.batch_previous"))
    paths = batch.expand_inputs(files)
    if not paths:
        raise OutputError(Msg("err.batch_none", files=" ".join(files)))
    if output is None and fmt in ("sarif", "html", "xlsx"):
        raise OutputError(Msg("err.batch_needs_output", fmt=fmt))
    inputs = {os.path.realpath(p) for p in paths} | ({os.path.realpath(config_path)} if config_path else set())
    targets: dict[str, str] = {}
    if output is not None:
        if output.exists() and not output.is_dir():
            raise OutputError(Msg("err.batch_output_file", output=output))
        if os.path.realpath(output) in inputs:
            raise OutputError(Msg("err.batch_output_input", output=output))
        try:
            output.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError(Msg("err.batch_output_create", output=output, error=exc.strerror or exc)) from None
        if not os.access(output, os.W_OK):
            raise OutputError(Msg("err.batch_output_readonly", output=output))
        taken = {"index.html", "汇总.xlsx"}
        for p in paths:
            t = output / batch.report_name(p, fmt, taken)
            if os.path.realpath(t) in inputs:  # pragma: no cover - names end in .juesuan.EXT
                raise OutputError(Msg("err.batch_overwrite", output=output, name=t.name))
            targets[str(p)] = str(t)

    def task(p: Path, prev: str | None = None, with_: str | None = None) -> dict:
        return {"path": str(p), "settings": settings, "previous": prev, "with": with_, "baseline": baseline,
                "stdout_fmt": None if output is not None else fmt,
                "file": (fmt, targets[str(p)]) if output is not None else None}

    progress = batch.show_progress()
    outcomes = batch.run([task(p) for p in paths], jobs, progress)
    halves = two_file_pairs(outcomes)
    if halves:  # a narrative and its tables published as two files: read as one document, reported once
        again = batch.run([task(Path(n), with_=t) for n, t in halves.items()], jobs, progress)
        by = {o.path: o for o in again}
        tables = set(halves.values())
        outcomes = [by.get(o.path, o) for o in outcomes if o.path not in tables]
        for narrative, tables_file in halves.items():
            sys.stderr.write(ui()("cli.prefix") + ui()("cli.paired", narrative=narrative, tables=tables_file) + "\n")
    pairs = batch_pairs(outcomes)
    if pairs:
        again = batch.run([task(Path(o.path), pairs[o.path], o.with_) for o in outcomes if o.path in pairs], jobs, progress)
        by = {o.path: o for o in again}
        outcomes = [by.get(o.path, o) for o in outcomes]
    if skip_other:  # the pre-commit hook: files that are not 决算/预算 documents are skipped with a note
        for o in outcomes:
            if o.not_a_document:
                sys.stderr.write(ui()("cli.prefix") + ui()("cli.skipped", error=f"{o.path}{ui()('sep.colon')}{o.error}") + "\n")
        outcomes = [o for o in outcomes if not o.not_a_document]
    if output is None:
        for o in outcomes:
            if o.ok:
                sys.stdout.write(o.stdout or "")
            elif fmt == "json":
                sys.stdout.write(json.dumps({"document": {"path": o.path}, "error": o.status_in(lang)}, ensure_ascii=False) + "\n")
            else:
                sys.stdout.write(f"{o.path}: {o.status_in(lang)}\n")
    else:
        if fmt == "html":
            batch.write_index_html(outcomes, output, lang)
        elif fmt == "xlsx":
            batch.write_summary_xlsx(outcomes, output, lang)
    batch.summary_table(outcomes, sys.stderr if (fmt == "json" and output is None) else sys.stdout, lang)
    return batch.exit_code(outcomes)


def two_file_pairs(outcomes) -> dict[str, str]:
    """narrative file → tables file, for the documents published as two files: a file with a narrative and no
    table, and a file with tables and no narrative, of the same department (one name contains the other) or
    whose file names share their stem ("X.pdf" and "X-tables.pdf"), of the same year when both say it; only
    when exactly one such tables file fits."""
    from .checks.pairing import _dept_key

    narratives = [o for o in outcomes if o.narrative_only]
    tables = [o for o in outcomes if o.ok and o.tables_only]

    def fits(n, t) -> bool:
        if n.year and t.year and n.year != t.year:
            return False
        if Path(n.path).parent != Path(t.path).parent:
            return False
        dn, dt = _dept_key(n.department or ""), _dept_key(t.department or "")
        same_dept = bool(dn and dt and (dn in dt or dt in dn))
        return same_dept or Path(t.path).stem.startswith(Path(n.path).stem)

    out: dict[str, str] = {}
    for n in narratives:
        cands = [t for t in tables if fits(n, t)]
        if len(cands) == 1 and cands[0].path not in out.values():
            out[n.path] = cands[0].path
    return out


def batch_pairs(outcomes) -> dict[str, str]:
    from .checks.pairing import pair_documents

    return pair_documents((o.path, o.department, o.year) for o in outcomes if o.ok)
