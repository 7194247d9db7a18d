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

from .cli_help import JuesuanGroup
from .errors import EXIT_INPUT, EXIT_INTERNAL, ConfigError, InputError, OutputError
from .i18n import Msg, error_text, ui
from .version import __version__

app = typer.Typer(
    cls=JuesuanGroup,  # help from the message catalogue (Chinese by default), see cli_help
    add_completion=False,
    pretty_exceptions_enable=False,
    no_args_is_help=True,
    help="juesuan — audit 部门决算公开 documents: parse the tables, extract every claim of the narrative, "
    "and report each contradiction with evidence.",
)

_DEBUG = {"on": bool(os.environ.get("JUESUAN_DEBUG"))}


def _one_line(msg) -> str:
    """A message (text, a catalogue :class:`Msg`, or an exception carrying one) as one line in the CLI's language."""
    text = error_text(msg) if isinstance(msg, BaseException) else (msg.render(ui().lang) if isinstance(msg, Msg) else str(msg))
    return " ".join(text.split()) or ui()("cli.error")


def _say(text: str) -> None:
    typer.echo(ui()("cli.prefix") + text, err=True)


def _fail(msg, **kw) -> NoReturn:
    """One line on stderr (``msg``: a catalogue key under err., a Msg, an exception or a text) and exit 2."""
    if isinstance(msg, str) and msg.startswith("err."):
        msg = Msg(msg, **kw)
    _say(_one_line(msg))
    raise typer.Exit(EXIT_INPUT)


def _warn(msg) -> None:
    _say(ui()("cli.warning") + _one_line(msg))


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
            _fail(exc)
        except KeyboardInterrupt:
            _say(ui()("cli.interrupted"))
            raise typer.Exit(130) from None
        except Exception as exc:
            if type(exc).__module__.startswith(("click", "typer")):
                raise
            if _DEBUG["on"]:
                traceback.print_exc()
                raise typer.Exit(EXIT_INTERNAL) from None
            _say(ui()("cli.internal", error=_one_line(f"{type(exc).__name__}: {exc}")[:300]))
            raise typer.Exit(EXIT_INTERNAL) from None

    return wrapper


def _settings(config: Path | None, disable: list[str] | None = None):
    """The run's :class:`juesuan.config.Settings` from the one config loader: ``--config``, else the file
    discovered from the working folder upward, else the defaults; plus ``--disable``."""
    from . import config as confmod

    return confmod.load(config, disable=disable or (), discover=True)


def _engine(engine: Engine | None, settings) -> str | None:
    """--engine, else ``[pdf] engine`` of the config, else None (the default engine, PDFium)."""
    return engine.value if engine is not None else settings.engine


def _read(path: Path, limits=None, engine: str | None = None):
    from .ingest import read

    try:
        return read(path, limits, engine)
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001 - any unexpected reader failure is still one line and exit 2
        if _DEBUG["on"]:
            traceback.print_exc()
        _fail("err.cannot_read_document", name=path, error=f"{type(exc).__name__}: {exc}")


def _load(path: Path, limits=None, with_: Path | None = None, engine: str | None = None):
    """The document of ``path`` (and of ``with_``, its second file: narrative and tables published apart); a PDF
    read with ``engine``."""
    from .pipeline import build_document, join_sources

    source = _read(path, limits, engine)
    files = None
    if with_ is not None:
        source, files = join_sources(source, _read(with_, limits, engine))
    if _DEBUG["on"]:
        for rec in source.debug:
            _say(ui()("cli.debug") + str(rec))
    from .ingest.limits import text_budget

    try:
        with text_budget(source.kind, str(path), limits):
            doc = build_document(source)
        if files is not None:
            doc.files, doc.files_by = files, ("page" if source.pages is not None else "line")
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001 - nor can the document stage fail with more than one line
        if _DEBUG["on"]:
            traceback.print_exc()
        _fail("err.cannot_read_document", name=path, error=f"{type(exc).__name__}: {exc}")
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
            raise OutputError(Msg("err.output_is_input", what=what, output=output, input=i))
    if output.is_dir():
        raise OutputError(Msg("err.output_is_dir", what=what, output=output))
    parent = output.parent if str(output.parent) else Path(".")
    if not parent.is_dir():
        raise OutputError(Msg("err.output_no_parent", what=what, output=output, parent=parent))


def _write_atomic(output: Path, text: str | bytes, inputs: list[Path]) -> None:
    """Write ``text`` to a temporary file next to ``output`` and rename it into place (never half-written). The file
    gets the mode a plain ``open()`` would give it (0666 less the umask), not the temporary file's 0600."""
    _check_output(output, inputs)
    parent = output.parent if str(output.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(dir=parent, prefix=f".{output.name}.", suffix=".tmp")
    except OSError as exc:
        raise OutputError(Msg("err.output_cannot_write_in", what="--output", output=output, parent=parent,
                              error=exc.strerror or exc)) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(text if isinstance(text, bytes) else text.encode("utf-8"))
        from .batch import plain_mode

        os.chmod(tmp, plain_mode())
        os.replace(tmp, output)
    except OSError as exc:
        raise OutputError(Msg("err.output_cannot_write", what="--output", output=output, error=exc.strerror or exc)) from None
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def _out_folder(out: Path, what: str) -> None:
    if out.exists() and not out.is_dir():
        raise OutputError(Msg("err.out_is_file", what=what, out=out))
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(Msg("err.out_cannot_create", what=what, out=out, error=exc.strerror or exc)) from None


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


def _lang(lang: Lang | None, settings=None) -> str:
    """--lang, else ``[report] lang`` of the config, else ``JUESUAN_LANG``, else Chinese."""
    if lang is not None:
        return lang.value
    from .i18n import env_lang

    return (settings.lang if settings is not None else None) or env_lang()


LANG_HELP = "Report language: zh (default) or en; also `[report] lang` in the config file."

# the parameters several commands share
DocumentArg = Annotated[Path, typer.Argument(help="A .pdf, .txt or .docx 决算 or 预算 document ('-': standard input).")]
LangOpt = Annotated[Lang | None, typer.Option("--lang", help=LANG_HELP)]
LimitsConfigOpt = Annotated[Path | None, typer.Option("--config", help="A TOML file; its [limits] and [pdf] apply here "
                                                      "(default: discovered from the working folder upward).")]
WithOpt = Annotated[Path | None, typer.Option("--with", help="The document's second file (its tables published "
                                               "apart from the narrative, or the other way round): read as one document.")]


class Engine(str, Enum):
    pdfium = "pdfium"
    pdfplumber = "pdfplumber"


EngineOpt = Annotated[Engine | None, typer.Option("--engine", help="PDF engine: pdfium (default, fast) or pdfplumber "
                                                  "(the former reader, for comparison); also `[pdf] engine` in the config.")]


class TableFormat(str, Enum):
    csv = "csv"
    xlsx = "xlsx"
    json = "json"


@app.command()
@_guarded
def tables(
    file: DocumentArg,
    out: Path | None = typer.Option(None, "--out", help="Write every parsed table into this folder."),
    fmt: TableFormat | None = typer.Option(None, "--format", help="File format for --out: csv (UTF-8 with "
                                           "BOM, opens in Excel; the default), xlsx (amounts as numbers) or json "
                                           "(without --out: printed)."),
    lang: LangOpt = None,
    config: LimitsConfigOpt = None,
    with_: WithOpt = None,
    engine: EngineOpt = None,
) -> None:
    """Parse every standard table; print a summary (table, rows, columns, unit), or write them with --out."""
    from .report.table_export import summary_rows

    settings = _settings(config)
    inputs = _inputs(file, settings.path)
    if out is not None:
        _out_folder(out, "--out")
    if out is None and fmt is TableFormat.xlsx:
        _fail("err.tables_xlsx_needs_out")
    doc = _load(file, settings.limits, with_, _engine(engine, settings))
    if out is not None:
        for p in _write_tables_safely(doc, out, (fmt or TableFormat.csv).value, inputs, _lang(lang, settings)):
            typer.echo(str(p))
        return
    if fmt is TableFormat.json:
        from .report.table_export import tables_json

        sys.stdout.write(tables_json(doc))
        return
    from rich.console import Console
    from rich.table import Table as RichTable

    from .report.i18n import messages

    M = messages(_lang(lang, settings))
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
        raise OutputError(Msg("err.out_cannot_write", what="--out", out=out, error=exc.strerror or exc)) from None
    try:
        try:
            written = write_tables(doc, tmp, fmt, lang)
        except ImportError:
            _fail("err.xlsx_needs_openpyxl")
        targets = [out / p.name for p in written]
        for t in targets:
            for i in inputs:
                if _same(t, i):
                    raise OutputError(Msg("err.out_would_overwrite", what="--out", out=out, name=t.name, input=i))
            if t.is_dir():
                raise OutputError(Msg("err.out_exists_as_dir", what="--out", out=out, name=t.name))
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
    engine: EngineOpt = None,
) -> None:
    """List every claim of the narrative in document order: kind, subject, values, table reference."""
    from .claims import extract_claims
    from .ingest.limits import text_budget
    from .report.claims import render_claims

    settings = _settings(config)
    doc = _load(file, settings.limits, with_, _engine(engine, settings))
    with text_budget(doc.source_kind, str(file), settings.limits):
        found = extract_claims(doc)
    typer.echo(render_claims(doc, found, fmt.value, _lang(lang, settings)))


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
    disable: list[str] = typer.Option([], "--disable", help="Rule ids, families or letters to turn off (repeatable; "
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
    skip_other: bool = typer.Option(False, "--skip-other", help="Skip, with a note, a file that is not a 决算/预算 "
                                    "document (the pre-commit hook: other text files are not errors)."),
    with_: WithOpt = None,
    engine: EngineOpt = None,
) -> None:
    """Reconcile the narrative with the tables and with itself; report every contradiction with evidence.

    Many documents (several paths, a folder or a glob): one report each, a summary table, and the worst exit code
    over the documents (3 internal error > 2 unreadable > 1 findings > 0)."""
    from dataclasses import replace

    settings = _settings(config, disable)
    if jobs is not None and jobs < 1:
        raise ConfigError(Msg("err.jobs", n=jobs))
    # the command line's options over the config's: the run's settings, as every worker gets them
    settings = replace(settings, lang=_lang(lang, settings), engine=_engine(engine, settings),
                       fail_on=fail_on.value if fail_on is not None else settings.fail_on,
                       jobs=jobs or settings.jobs or os.cpu_count() or 1)
    keys = None
    if baseline is not None:
        keys = _baseline(baseline)
    from . import cli_batch

    if cli_batch.is_batch(files):
        raise typer.Exit(cli_batch.run(files, fmt=fmt.value, output=output, settings=settings, baseline=keys,
                                       previous=previous, skip_other=skip_other))
    inputs = _inputs(Path(files[0]), settings.path, baseline, previous, with_)
    raise typer.Exit(_check_one(Path(files[0]), fmt.value, output, settings, inputs, keys, previous, with_, skip_other))


def _check_one(file: Path, fmt: str, output: Path | None, settings, inputs: list[Path], keys, previous: Path | None,
               with_: Path | None, skip_other: bool) -> int:
    """`juesuan check` of one document (``inputs``: every file the run reads, never overwritten): its report on
    stdout or in ``output``; returns the exit code."""
    from .checks import check_document
    from .ingest.limits import text_budget
    from .report import render

    limits = settings.limits
    if fmt == "xlsx" and output is None:
        _fail("err.xlsx_needs_output")
    if output:
        _check_suffix(fmt, output)
        _check_output(output, inputs)  # before any work: never a report over the document
    try:
        doc = _load(file, limits, with_, settings.engine)
    except InputError as exc:
        if skip_other and not_a_document(exc):
            _say(ui()("cli.skipped", error=_one_line(exc)))
            return 0
        raise
    last_year, last_claims = None, []
    if previous is not None:
        from .claims.extract import extract_claims

        last_year = _load(previous, limits, engine=settings.engine)
        last_claims = extract_claims(last_year)
    with text_budget(doc.source_kind, str(file), limits):
        result = check_document(doc, settings.rules, previous=last_year, previous_claims=last_claims)
    from .pipeline import assign_files

    assign_files(result)
    if keys is not None:
        from .baseline import apply_baseline

        apply_baseline(result, keys)
    text = render(result, fmt, settings.lang)
    if output:
        _write_atomic(output, text, inputs)
    else:
        assert isinstance(text, str)  # bytes (xlsx) only with --output, required above
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
    return result.exit_code(settings.fail_on)


def not_a_document(exc: BaseException) -> bool:
    """The input was read but is not a 决算/预算 document (readable text or tables of something else)."""
    from .i18n import Msg as _Msg

    arg = exc.args[0] if exc.args else None
    return isinstance(arg, _Msg) and arg.key in NOT_A_DOCUMENT


NOT_A_DOCUMENT = ("err.not_juesuan_text", "err.utf16_not_juesuan", "err.not_juesuan_tables")


def _check_suffix(fmt: str, output: Path) -> None:
    """A workbook under another name (``--format xlsx --output r.html``), or a text report named .xlsx, is a
    usage error (exit 2): the file would not open as what its name says."""
    is_xlsx = output.suffix.lower() == ".xlsx"
    if (fmt == "xlsx") != is_xlsx:
        _fail("err.format_suffix", fmt=fmt, output=output, suffix=_SUFFIX[fmt],
              other="xlsx" if is_xlsx else {v: k for k, v in _SUFFIX.items()}.get(output.suffix.lower(), "text"))


_SUFFIX = {"text": ".txt", "json": ".json", "markdown": ".md", "sarif": ".sarif", "html": ".html", "xlsx": ".xlsx"}


def _baseline(path: Path):
    """The accepted findings of a baseline report; JSON Lines (a batch's output) are read line by line."""
    import json

    from .baseline import read_baseline

    if path.suffix.lower() == ".xlsx":  # a reviewed 问题清单: the findings marked 不予采纳
        if not path.is_file():
            raise ConfigError(Msg("err.baseline_not_file", path=path))
        try:
            return read_baseline(path)
        except ValueError as exc:
            raise ConfigError(Msg("err.baseline_bad", path=path, error=error_text(exc))) from None
    try:
        raw = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(Msg("err.baseline_unreadable", path=path, error=exc.strerror or exc)) from None
    except UnicodeDecodeError:
        raise ConfigError(Msg("err.baseline_not_utf8", path=path)) from None
    try:
        data = json.loads(raw)
    except json.JSONDecodeError:
        try:
            data = [json.loads(ln) for ln in raw.splitlines() if ln.strip()]
        except json.JSONDecodeError as exc:
            raise ConfigError(Msg("err.baseline_not_json", path=path, error=exc)) from None
        data = [d for d in data if isinstance(d, dict) and "findings" in d]
    try:
        return read_baseline(data)
    except ValueError as exc:
        raise ConfigError(Msg("err.baseline_bad", path=path, error=error_text(exc))) from None


@app.command()
def rules(
    rule_id: str | None = typer.Argument(None, metavar="[ID]", help="A rule id (e.g. N002): print its documentation."),
    lang: LangOpt = None,
) -> None:
    """List the rule catalogue (id, group, severity, summary, what --disable accepts); with an ID, the rule's full
    documentation: what it checks, why it matters, a bad and a good example."""
    from .checks.docs import rule_doc, rule_list

    lang_v = _lang(lang)
    if rule_id is None:
        typer.echo(rule_list(lang_v))
        return
    doc = rule_doc(rule_id, lang_v)
    if doc is None:
        _fail("err.unknown_rule", id=rule_id)
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
        _fail("err.not_a_folder", path=directory)
    if jobs < 1:
        _fail("err.jobs", n=jobs)
    try:
        report = evaluate(directory, jobs=jobs)
    except WorkerDied as exc:
        _say(_one_line(str(exc)))
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
    plant: str | None = typer.Option(None, "--plant", help="Plant kinds (comma-separated): each document gets exactly one plant of one of them."),
) -> None:
    """Generate labelled documents (决算 or 预算, every regional style; .txt, .pdf, .docx) with planted discrepancies."""
    from .synth import write_corpus
    from .synth.corpus import ALL_FORMATS, KINDS_OF_CORPUS, PLANT_KINDS

    if n < 0:
        _fail("err.n_negative", n=n)
    fmts = tuple(f.strip() for f in formats.split(",") if f.strip())
    bad = [f for f in fmts if f not in ALL_FORMATS]
    if bad or not fmts:
        _fail("err.formats", value=formats, known=", ".join(ALL_FORMATS))
    if kind not in KINDS_OF_CORPUS:
        _fail("err.kind", value=kind, known=", ".join(KINDS_OF_CORPUS))
    kinds = tuple(k.strip() for k in (plant or "").split(",") if k.strip())
    if plant is not None and (not kinds or any(k not in PLANT_KINDS for k in kinds)):
        _fail("err.plant", value=plant, known=", ".join(PLANT_KINDS))
    _out_folder(out, "OUT")
    for p in write_corpus(out, n, start_seed=start_seed, formats=fmts, kind=kind, plant=kinds or None):
        typer.echo(str(p))


@app.command()
@_guarded
def serve(
    host: str = typer.Option("127.0.0.1", "--host", help="地址（默认只允许本机访问）。"),
    port: int = typer.Option(8765, "--port", help="端口。"),
    data: Path | None = typer.Option(None, "--data", help="数据目录：上传的文件与 SQLite 库（默认：用户数据目录）。"),
    jobs: int | None = typer.Option(None, "--jobs", help="审核进程数（默认：CPU 核数，最多 4）。"),
    config: Path | None = typer.Option(None, "--config", help="TOML 配置文件：其中的 [rules]、[limits] 与 [pdf] 与 check 相同（停用的规则、上传文件的限制、PDF 引擎）。"),
) -> None:
    """审核工作台：本机网页应用，上传文件、查看报告、逐条记录处理意见、导出问题清单与审核意见书。"""
    from .web import serve as run_server

    if not 0 < port < 65536:
        raise ConfigError(Msg("err.port", port=port))
    if jobs is not None and jobs < 1:
        raise ConfigError(Msg("err.jobs", n=jobs))
    run_server(host=host, port=port, data=data, jobs=jobs, config=config)


def run() -> None:
    """The console entry point: ``app`` with usage errors (unknown option, missing argument, bad choice) also one
    line on stderr and exit 2."""
    try:
        rv = app(standalone_mode=False, prog_name="juesuan")
    except Exception as exc:
        if hasattr(exc, "format_message") and hasattr(exc, "exit_code"):  # click's UsageError / ClickException
            if type(exc).__name__ == "NoArgsIsHelpError":  # the help is already printed
                sys.exit(exc.exit_code)
            text = getattr(exc, "juesuan_message", None) or exc.format_message()
            _say(_one_line(text) + ui()("cli.see_help"))
            sys.exit(exc.exit_code)
        if type(exc).__name__ == "Abort":
            _say(ui()("cli.interrupted"))
            sys.exit(130)
        raise
    sys.exit(rv if isinstance(rv, int) else 0)


if __name__ == "__main__":  # pragma: no cover
    run()
