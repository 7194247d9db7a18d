"""Command line: wires the stages together (ingest → document → tables/claims → checks → report).

Exit codes (see :mod:`juesuan.errors`): 0 ok (nothing at or above --fail-on), 1 findings at that level, 2 the
input, the command line or the config cannot be used (one line on stderr), 3 an internal error (one line; the
traceback with --debug). Outputs never touch inputs: an output path that is an input is refused, and every
report or export is written to a temporary file in the target folder and renamed into place.
"""

from __future__ import annotations

import functools
import os
import shutil
import sys
import tempfile
import traceback
from enum import Enum
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from .errors import EXIT_INPUT, EXIT_INTERNAL, ConfigError, InputError, OutputError
from .version import __version__

app = typer.Typer(
    add_completion=False,
    pretty_exceptions_enable=False,
    no_args_is_help=True,
    help="juesuan — audit 部门决算公开 documents: parse the tables, extract every claim of the narrative, "
    "and report each contradiction with evidence.",
)

_DEBUG = {"on": bool(os.environ.get("JUESUAN_DEBUG"))}


def _one_line(msg: str) -> str:
    return " ".join(str(msg).split()) or "error"


def _fail(msg: str) -> NoReturn:
    typer.echo(f"juesuan: {_one_line(msg)}", err=True)
    raise typer.Exit(EXIT_INPUT)


def _warn(msg: str) -> None:
    typer.echo(f"juesuan: warning: {_one_line(msg)}", err=True)


def _guarded(fn):
    """Every error path of a command ends with one line on stderr and its exit code (see the module docstring)."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except typer.Exit:
            raise
        except (InputError, ConfigError, OutputError) as exc:
            if _DEBUG["on"]:
                traceback.print_exc()
            _fail(str(exc))
        except KeyboardInterrupt:
            typer.echo("juesuan: interrupted", err=True)
            raise typer.Exit(130) from None
        except Exception as exc:
            if type(exc).__module__.startswith(("click", "typer")):
                raise
            if _DEBUG["on"]:
                traceback.print_exc()
                raise typer.Exit(EXIT_INTERNAL) from None
            typer.echo(
                f"juesuan: internal error: {_one_line(f'{type(exc).__name__}: {exc}')[:300]} (run with --debug for the traceback)",
                err=True,
            )
            raise typer.Exit(EXIT_INTERNAL) from None

    return wrapper


def _limits(config: Path | None):
    from .ingest.limits import load_limits

    return load_limits(config)


def _read(path: Path, limits=None):
    from .ingest import read

    try:
        return read(path, limits)
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001 - any unexpected reader failure is still one line and exit 2
        if _DEBUG["on"]:
            traceback.print_exc()
        _fail(f"{path}: cannot read the document ({type(exc).__name__}: {exc})")


def _load(path: Path, limits=None, with_: Path | None = None):
    """The document of ``path`` (and of ``with_``, its second file: narrative and tables published apart)."""
    from .pipeline import build_document, join_sources

    source = _read(path, limits)
    files = None
    if with_ is not None:
        source, files = join_sources(source, _read(with_, limits))
    if _DEBUG["on"]:
        for rec in source.debug:
            typer.echo(f"juesuan: debug: {rec}", err=True)
    try:
        doc = build_document(source)
        if files is not None:
            doc.files, doc.files_by = files, ("page" if source.pages is not None else "line")
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001 - nor can the document stage fail with more than one line
        if _DEBUG["on"]:
            traceback.print_exc()
        _fail(f"{path}: cannot read the document ({type(exc).__name__}: {exc})")
    for w in source.warnings:  # only once the document is read: an error stays one line
        _warn(w)
    return doc


# ---- outputs -----------------------------------------------------------------------------------


def _same(a: Path, b: Path) -> bool:
    """Same file: equal real paths (symlinks and spellings resolved), or the same inode (hard links)."""
    try:
        if os.path.realpath(a) == os.path.realpath(b):
            return True
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def _inputs(*paths: Path | None) -> list[Path]:
    return [Path(p) for p in paths if p is not None and str(p) != "-"]


def _check_output(output: Path, inputs: list[Path], what: str = "--output") -> None:
    for i in inputs:
        if _same(output, i):
            raise OutputError(f"{what} {output} is an input of this run ({i}); refusing to overwrite it, choose another path")
    if output.is_dir():
        raise OutputError(f"{what} {output} is a folder; give a file path")
    parent = output.parent if str(output.parent) else Path(".")
    if not parent.is_dir():
        raise OutputError(f"{what} {output}: folder {parent} does not exist")


def _write_atomic(output: Path, text: str | bytes, inputs: list[Path]) -> None:
    """Write ``text`` to a temporary file next to ``output`` and rename it into place (never half-written)."""
    _check_output(output, inputs)
    parent = output.parent if str(output.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(dir=parent, prefix=f".{output.name}.", suffix=".tmp")
    except OSError as exc:
        raise OutputError(f"--output {output}: cannot write in {parent} ({exc.strerror or exc})") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(text if isinstance(text, bytes) else text.encode("utf-8"))
        os.replace(tmp, output)
    except OSError as exc:
        raise OutputError(f"--output {output}: cannot write it ({exc.strerror or exc})") from None
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def _out_folder(out: Path, what: str) -> None:
    if out.exists() and not out.is_dir():
        raise OutputError(f"{what} {out} is a file, not a folder; give a folder to write into")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{what} {out}: cannot create the folder ({exc.strerror or exc})") from None


def _version(value: bool) -> None:
    if value:
        typer.echo(f"juesuan {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Print the version."),
    debug: bool = typer.Option(False, "--debug", help="On an error, print the traceback (and the PDF library's log)."),
) -> None:
    """juesuan — audit 部门决算公开 documents."""
    _DEBUG["on"] = debug or bool(os.environ.get("JUESUAN_DEBUG"))


class Lang(str, Enum):
    zh = "zh"
    en = "en"


def _lang(lang: Lang | None, config: Path | None = None) -> str:
    """--lang, else ``[report] lang`` of the config file, else Chinese."""
    if lang is not None:
        return lang.value
    from .report.i18n import DEFAULT_LANG, lang_from_config

    try:
        return lang_from_config(config) or DEFAULT_LANG
    except ValueError as exc:  # [report] lang = "fr"
        _fail(f"{config}: {exc}")
    except OSError:
        return DEFAULT_LANG  # an unreadable config is reported by the rules' config loader


LANG_HELP = "Report language: zh (default) or en; also `[report] lang` in the config file."

# the parameters several commands share
DocumentArg = Annotated[Path, typer.Argument(help="A .pdf, .txt or .docx 决算 or 预算 document ('-': standard input).")]
LangOpt = Annotated[Lang | None, typer.Option("--lang", help=LANG_HELP)]
LimitsConfigOpt = Annotated[Path | None, typer.Option("--config", help="A TOML file; its [limits] apply here.")]
WithOpt = Annotated[Path | None, typer.Option("--with", help="The document's second file (its tables published "
                                               "apart from the narrative, or the other way round): read as one document.")]


class TableFormat(str, Enum):
    csv = "csv"
    xlsx = "xlsx"
    json = "json"


@app.command()
@_guarded
def tables(
    file: DocumentArg,
    out: Path | None = typer.Option(None, "--out", help="Write every parsed table into this folder."),
    fmt: TableFormat = typer.Option(TableFormat.csv, "--format", help="File format for --out: csv (UTF-8 with "
                                    "BOM, opens in Excel), xlsx (amounts as numbers) or json."),
    lang: LangOpt = None,
    config: LimitsConfigOpt = None,
    with_: WithOpt = None,
) -> None:
    """Parse every standard table; print a summary (table, rows, columns, unit), or write them with --out."""
    from .report.table_export import summary_rows

    inputs = _inputs(file, config)
    if out is not None:
        _out_folder(out, "--out")
    doc = _load(file, _limits(config), with_)
    if out is not None:
        for p in _write_tables_safely(doc, out, fmt.value, inputs, _lang(lang, config)):
            typer.echo(str(p))
        return
    from rich.console import Console
    from rich.table import Table as RichTable

    from .report.i18n import messages

    M = messages(_lang(lang))
    t = RichTable(title=M("tables.head", department=doc.department or "?", year=doc.year or "", n=len(doc.tables)))
    for col in ("table", "number", "title", "rows", "columns", "unit", "note"):
        t.add_column(M(f"tables.{col}"))
    for r in summary_rows(doc):
        t.add_row(*[str(x) for x in r])
    Console().print(t)


def _write_tables_safely(doc, out: Path, fmt: str, inputs: list[Path], lang: str | None = None) -> list[Path]:
    """Export into a temporary folder inside ``out``, refuse if any file would replace an input, then rename
    every file into place."""
    from .report.table_export import write_tables

    try:
        tmp = Path(tempfile.mkdtemp(dir=out, prefix=".juesuan-"))
    except OSError as exc:
        raise OutputError(f"--out {out}: cannot write in the folder ({exc.strerror or exc})") from None
    try:
        try:
            written = write_tables(doc, tmp, fmt, lang)
        except ImportError:
            _fail("--format xlsx needs openpyxl: pip install openpyxl")
        targets = [out / p.name for p in written]
        for t in targets:
            for i in inputs:
                if _same(t, i):
                    raise OutputError(f"--out {out}: writing {t.name} would overwrite the input {i}; choose another folder")
            if t.is_dir():
                raise OutputError(f"--out {out}: {t.name} exists there as a folder")
        for p, t in zip(written, targets):
            os.replace(p, t)
        return targets
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


class ClaimFormat(str, Enum):
    table = "table"
    json = "json"


@app.command()
@_guarded
def claims(
    file: DocumentArg,
    fmt: ClaimFormat = typer.Option(ClaimFormat.table, "--format", help="table (terminal) or json."),
    lang: LangOpt = None,
    config: LimitsConfigOpt = None,
    with_: WithOpt = None,
) -> None:
    """List every claim of the narrative in document order: kind, subject, values, table reference."""
    from .claims import extract_claims
    from .report.claims import render_claims

    doc = _load(file, _limits(config), with_)
    typer.echo(render_claims(doc, extract_claims(doc), fmt.value, _lang(lang, config)))


class CheckFormat(str, Enum):
    text = "text"
    json = "json"
    markdown = "markdown"
    sarif = "sarif"
    html = "html"
    xlsx = "xlsx"


class FailOn(str, Enum):
    error = "error"
    warning = "warning"
    never = "never"


@app.command()
@_guarded
def check(
    files: list[str] = typer.Argument(..., help="Documents (.pdf .txt .docx), folders (searched recursively) or globs; "
                                      "'-': standard input (alone)."),
    fmt: CheckFormat = typer.Option(CheckFormat.text, "--format", help="text (lint), json (many documents: JSON Lines), "
                                    "markdown, sarif, html (one self-contained page) or xlsx (workbook; needs --output)."),
    output: Path | None = typer.Option(None, "--output", help="One document: write the report to this file. Many: a "
                                       "folder for one report per document (+ index.html for html, 汇总.xlsx for xlsx)."),
    fail_on: FailOn | None = typer.Option(None, "--fail-on", help="Exit 1 when a finding at this level exists "
                                          "(default: [check] fail_on, else error)."),
    disable: list[str] = typer.Option([], "--disable", help="Rule ids, groups or letters to turn off (repeatable; "
                                      "see `juesuan rules`)."),
    config: Path | None = typer.Option(None, "--config", help="A TOML file (juesuan.toml or a pyproject.toml with "
                                       "[tool.juesuan]); default: discovered from the working folder upward."),
    lang: LangOpt = None,
    jobs: int | None = typer.Option(None, "--jobs", help="Worker processes for many documents (default: [check] "
                                    "jobs, else the number of cores)."),
    baseline: Path | None = typer.Option(None, "--baseline", help="A previous JSON report (or JSON Lines of a batch): "
                                         "its findings are accepted, only new ones are reported."),
    previous: Path | None = typer.Option(None, "--previous", help="Last year's 决算 (or, for a 预算, last year's 预算 or "
                                         "决算) of the same department (any supported format): checks every 增加/减少/持平 "
                                         "and 增长/下降 claim (rule Y001)."),
    with_: WithOpt = None,
) -> None:
    """Reconcile the narrative with the tables and with itself; report every contradiction with evidence.

    Many documents (several paths, a folder or a glob): one report each, a summary table, and the worst exit code
    over the documents (3 internal error > 2 unreadable > 1 findings > 0)."""
    from . import config as confmod
    from .checks import check_document
    from .report import render

    cfg_path, data = confmod.resolve(config)
    cfg = confmod.to_config(data, disable)
    fail = fail_on.value if fail_on is not None else data.get("check", {}).get("fail_on", "error")
    from .report.i18n import DEFAULT_LANG

    lang_v = lang.value if lang is not None else data.get("report", {}).get("lang") or DEFAULT_LANG
    if jobs is not None and jobs < 1:
        raise ConfigError(f"--jobs {jobs}: must be 1 or more")
    n_jobs = jobs or data.get("check", {}).get("jobs") or os.cpu_count() or 1
    keys = None
    if baseline is not None:
        keys = _baseline(baseline)
    from .ingest.limits import limits_from

    limits = limits_from(data, cfg_path)  # [limits] of juesuan.toml, --config, or [tool.juesuan] of pyproject.toml
    from . import cli_batch

    if cli_batch.is_batch(files):
        raise typer.Exit(cli_batch.run(files, fmt=fmt.value, output=output, fail_on=fail, cfg=cfg, lang=lang_v,
                                       jobs=n_jobs, baseline=keys, previous=previous, config_path=cfg_path,
                                       limits=limits))
    file = Path(files[0])
    inputs = _inputs(file, cfg_path, baseline, previous, with_)
    if fmt.value == "xlsx" and output is None:
        _fail("--format xlsx writes a workbook: give --output FILE.xlsx")
    if output:
        _check_output(output, inputs)  # before any work: never a report over the document
    doc = _load(file, limits, with_)
    if previous is not None:
        cfg.previous = _load(previous, limits)
    result = check_document(doc, cfg)
    from .pipeline import assign_files

    assign_files(result)
    if keys is not None:
        from .baseline import apply_baseline

        apply_baseline(result, keys)
    text = render(result, fmt.value, lang_v)
    if output:
        _write_atomic(output, text, inputs)
    else:
        assert isinstance(text, str)  # bytes (xlsx) only with --output, required above
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
    raise typer.Exit(result.exit_code(fail))


def _baseline(path: Path):
    """The accepted findings of a baseline report; JSON Lines (a batch's output) are read line by line."""
    import json

    from .baseline import read_baseline

    try:
        raw = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"--baseline {path}: cannot read it ({exc.strerror or exc})") from None
    except UnicodeDecodeError:
        raise ConfigError(f"--baseline {path}: not a JSON report (not UTF-8 text)") from None
    try:
        data = json.loads(raw)
    except json.JSONDecodeError:
        try:
            data = [json.loads(ln) for ln in raw.splitlines() if ln.strip()]
        except json.JSONDecodeError as exc:
            raise ConfigError(f"--baseline {path}: not a JSON report ({exc})") from None
        data = [d for d in data if isinstance(d, dict) and "findings" in d]
    try:
        return read_baseline(data)
    except ValueError as exc:
        raise ConfigError(f"--baseline {path}: {exc}") from None


@app.command()
def rules(
    rule_id: str | None = typer.Argument(None, metavar="[ID]", help="A rule id (e.g. N002): print its documentation."),
) -> None:
    """List the rule catalogue (id, group, severity, summary, what --disable accepts); with an ID, the rule's full
    documentation: what it checks, why it matters, a bad and a good example."""
    from .checks.docs import rule_doc, rule_list

    if rule_id is None:
        typer.echo(rule_list())
        return
    doc = rule_doc(rule_id)
    if doc is None:
        _fail(f"unknown rule id {rule_id} (see `juesuan rules`)")
    typer.echo(doc, nl=False)


class EvalFormat(str, Enum):
    text = "text"
    json = "json"


@app.command("eval")
@_guarded
def eval_(
    directory: Path = typer.Argument(..., help="A folder of documents with *.labels.json sidecars."),
    fmt: EvalFormat = typer.Option(EvalFormat.text, "--format"),
    jobs: int = typer.Option(1, "--jobs", help="Worker processes."),
) -> None:
    """Precision, recall and F1 per rule group on labelled documents (see `juesuan synth`)."""
    from .evaluate import WorkerDied, evaluate, render_eval

    if not directory.is_dir():
        _fail(f"{directory}: not a folder")
    if jobs < 1:
        _fail(f"--jobs {jobs}: must be 1 or more")
    try:
        report = evaluate(directory, jobs=jobs)
    except WorkerDied as exc:
        typer.echo(f"juesuan: {_one_line(str(exc))}", err=True)
        raise typer.Exit(EXIT_INTERNAL) from None
    typer.echo(render_eval(report, fmt.value))


@app.command()
@_guarded
def synth(
    out: Path = typer.Argument(..., help="Folder to write generated documents and labels into."),
    n: int = typer.Option(20, "--n", help="How many documents."),
    start_seed: int = typer.Option(0, "--start-seed"),
    formats: str = typer.Option("txt,pdf", "--formats", help="Formats to cycle through: txt, pdf, docx (comma-separated)."),
    kind: str = typer.Option("final", "--kind", help="final (决算, the default), budget (预算: 上海 and 江苏 families) or mixed."),
) -> None:
    """Generate labelled documents (决算 or 预算, every regional style; .txt, .pdf, .docx) with planted discrepancies."""
    from .synth import write_corpus
    from .synth.corpus import ALL_FORMATS, KINDS_OF_CORPUS

    if n < 0:
        _fail(f"--n {n}: must be 0 or more")
    fmts = tuple(f.strip() for f in formats.split(",") if f.strip())
    bad = [f for f in fmts if f not in ALL_FORMATS]
    if bad or not fmts:
        _fail(f"--formats {formats}: each must be one of {', '.join(ALL_FORMATS)}")
    if kind not in KINDS_OF_CORPUS:
        _fail(f"--kind {kind}: must be one of {', '.join(KINDS_OF_CORPUS)}")
    _out_folder(out, "OUT")
    for p in write_corpus(out, n, start_seed=start_seed, formats=fmts, kind=kind):
        typer.echo(str(p))


def run() -> None:
    """The console entry point: ``app`` with usage errors (unknown option, missing argument, bad choice) also one
    line on stderr and exit 2."""
    try:
        rv = app(standalone_mode=False)
    except Exception as exc:
        if hasattr(exc, "format_message") and hasattr(exc, "exit_code"):  # click's UsageError / ClickException
            if type(exc).__name__ == "NoArgsIsHelpError":  # the help is already printed
                sys.exit(exc.exit_code)
            typer.echo(f"juesuan: {_one_line(exc.format_message())} (see juesuan --help)", err=True)
            sys.exit(exc.exit_code)
        if type(exc).__name__ == "Abort":
            typer.echo("juesuan: interrupted", err=True)
            sys.exit(130)
        raise
    sys.exit(rv if isinstance(rv, int) else 0)


if __name__ == "__main__":  # pragma: no cover
    run()
