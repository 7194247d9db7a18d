"""Command line: wires the stages together (ingest → document → tables/claims → checks → report).

Exit codes: 0 ok (nothing at or above --fail-on), 1 findings at that level, 2 the input could not be read.
"""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path

import typer

from . import __version__
from .errors import InputError

app = typer.Typer(
    add_completion=False,
    pretty_exceptions_enable=False,
    no_args_is_help=True,
    help="juesuan — audit 部门决算公开 documents: parse the tables, extract every claim of the narrative, "
    "and report each contradiction with evidence.",
)


def _fail(msg: str) -> None:
    typer.echo(f"juesuan: {msg}", err=True)
    raise typer.Exit(2)


def _load(path: Path):
    from .document import load_document

    try:
        return load_document(path)
    except InputError as exc:
        _fail(str(exc))
    except Exception as exc:  # any unexpected parser failure is still one line and exit 2
        _fail(f"{path}: cannot read the document ({type(exc).__name__}: {exc})".splitlines()[0])


def _version(value: bool) -> None:
    if value:
        typer.echo(f"juesuan {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Print the version."),
) -> None:
    """juesuan — audit 部门决算公开 documents."""


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


class TableFormat(str, Enum):
    csv = "csv"
    xlsx = "xlsx"
    json = "json"


@app.command()
def tables(
    file: Path = typer.Argument(..., help="A .pdf or .txt 决算 document."),
    out: Path | None = typer.Option(None, "--out", help="Write every parsed table into this folder."),
    fmt: TableFormat = typer.Option(TableFormat.csv, "--format", help="File format for --out: csv (UTF-8 with "
                                    "BOM, opens in Excel), xlsx (amounts as numbers) or json."),
    lang: Lang | None = typer.Option(None, "--lang", help=LANG_HELP),
) -> None:
    """Parse every standard table; print a summary (table, rows, columns, unit), or write them with --out."""
    from .tables.export import summary_rows, write_tables

    doc = _load(file)
    if out is not None:
        try:
            written = write_tables(doc, out, fmt.value, _lang(lang))
        except ImportError:
            _fail("--format xlsx needs openpyxl: pip install openpyxl")
        for p in written:
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


class ClaimFormat(str, Enum):
    table = "table"
    json = "json"


@app.command()
def claims(
    file: Path = typer.Argument(..., help="A .pdf or .txt 决算 document."),
    fmt: ClaimFormat = typer.Option(ClaimFormat.table, "--format", help="table (terminal) or json."),
    lang: Lang | None = typer.Option(None, "--lang", help=LANG_HELP),
) -> None:
    """List every claim of the narrative in document order: kind, subject, values, table reference."""
    from .claims import extract_claims
    from .report.claims import render_claims

    doc = _load(file)
    typer.echo(render_claims(doc, extract_claims(doc), fmt.value, _lang(lang)))


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
def check(
    file: Path = typer.Argument(..., help="A .pdf or .txt 决算 document."),
    fmt: CheckFormat = typer.Option(CheckFormat.text, "--format", help="text (lint), json, markdown, sarif, html "
                                    "(one self-contained page) or xlsx (workbook; needs --output)."),
    output: Path | None = typer.Option(None, "--output", help="Write the report here instead of stdout."),
    fail_on: FailOn = typer.Option(FailOn.error, "--fail-on", help="Exit 1 when a finding at this level exists."),
    disable: list[str] = typer.Option([], "--disable", help="Rule ids to turn off (repeatable)."),
    config: Path | None = typer.Option(None, "--config", help="A TOML file: [rules] disable = [...]."),
    lang: Lang | None = typer.Option(None, "--lang", help=LANG_HELP),
) -> None:
    """Reconcile the narrative with the tables and with itself; report every contradiction with evidence."""
    from .checks import check_document, load_config
    from .report import render

    doc = _load(file)
    cfg = load_config(config, disable)
    result = check_document(doc, cfg)
    if fmt.value == "xlsx" and output is None:
        _fail("--format xlsx writes a workbook: give --output FILE.xlsx")
    text = render(result, fmt.value, _lang(lang, config))
    if isinstance(text, bytes):
        output.write_bytes(text)
    elif output:
        output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
    raise typer.Exit(result.exit_code(fail_on.value))


@app.command()
def rules() -> None:
    """List the rule catalogue: id, group, severity, summary."""
    from .checks.registry import all_rules

    for r in all_rules():
        typer.echo(f"{r.id:6} {r.group:20} {r.severity:8} {r.summary}")


class EvalFormat(str, Enum):
    text = "text"
    json = "json"


@app.command("eval")
def eval_(
    directory: Path = typer.Argument(..., help="A folder of documents with *.labels.json sidecars."),
    fmt: EvalFormat = typer.Option(EvalFormat.text, "--format"),
    jobs: int = typer.Option(1, "--jobs", help="Worker processes."),
) -> None:
    """Precision, recall and F1 per rule group on labelled documents (see `juesuan synth`)."""
    from .evaluate import evaluate, render_eval

    if not directory.is_dir():
        _fail(f"{directory}: not a folder")
    typer.echo(render_eval(evaluate(directory, jobs=jobs), fmt.value))


@app.command()
def synth(
    out: Path = typer.Argument(..., help="Folder to write generated documents and labels into."),
    n: int = typer.Option(20, "--n", help="How many documents."),
    start_seed: int = typer.Option(0, "--start-seed"),
) -> None:
    """Generate labelled documents (both regional styles, .txt and .pdf) with planted discrepancies."""
    from .synth import write_corpus

    for p in write_corpus(out, n, start_seed=start_seed):
        typer.echo(str(p))


if __name__ == "__main__":  # pragma: no cover
    app()
