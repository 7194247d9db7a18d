"""The Python API for notebooks and services.

    import juesuan
    report = juesuan.check("部门决算.pdf")            # a path (.pdf .txt .docx), or the document's text
    report.summary                                    # {"claims": 118, "verified": 97, …, "errors": 4, …}
    report.findings                                   # list of Finding (rule, severity, message, text, …)
    report.findings_frame()                           # the findings as a pandas DataFrame
    report.tables["gpb_expense"]                      # each parsed table as a DataFrame (Decimal cells)
    report.to_dict()                                  # the JSON report (schemas/report.schema.json)

Options: ``disable`` (rule ids, families or letters), ``severity`` ({rule id: severity}), ``config`` (a TOML
file, as ``--config``: a juesuan.toml or a pyproject.toml with ``[tool.juesuan]``, read by the CLI's loader,
:func:`juesuan.config.load`, so the same file gives the same findings; its rules, severities, limits, PDF engine,
language and fail level apply; no file is discovered), ``previous`` (last year's document: a path, text or a Report, as ``--previous``),
``baseline`` (a previous JSON report: a path or its dict, as ``--baseline``), ``lang`` ("zh" | "en": the
language of ``render``), ``with_`` or ``tables`` (the document's second file, as ``--with``). An unreadable document raises :class:`juesuan.InputError`; a bad option raises
``ValueError``.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from .errors import InputError

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from .checks import Judged, Result
    from .checks.base import Finding
    from .document import Document
    from .ingest.limits import Limits
    from .tables.model import Table

Source = str | os.PathLike[str] | bytes  # a path, the document's text, or its bytes

__all__ = ["InputError", "Report", "check", "load"]

_SUFFIXES = (".pdf", ".txt", ".docx")


def _looks_like_path(s: str) -> bool:
    return "\n" not in s and len(s) < 1024 and (s.lower().endswith(_SUFFIXES) or os.sep in s or Path(s).exists())


def load(source: Source, name: str = "<text>", with_: Source | None = None, engine: str | None = None,
         limits: Limits | None = None) -> Document[Table]:
    """A :class:`~juesuan.document.Document` from a path, the document's text, or its bytes; ``with_``: the
    document's second file (narrative and tables published apart), read as one document with it; a PDF is read
    with ``engine`` ("pdfium", the default, or "pdfplumber"); a file is read within ``limits`` (default: the
    defaults of ``[limits]``)."""
    from .pipeline import build_document, load_document

    if with_ is not None:
        return _load_two(source, with_, name, engine, limits)
    if isinstance(source, os.PathLike) or (isinstance(source, str) and _looks_like_path(source)):
        return load_document(Path(source) if isinstance(source, os.PathLike) else source, engine=engine,
                             limits=limits)
    if isinstance(source, bytes):
        if source.lstrip().startswith(b"%PDF") or source.startswith(b"PK\x03\x04"):
            import tempfile

            suffix = ".pdf" if source.lstrip().startswith(b"%PDF") else ".docx"
            with tempfile.TemporaryDirectory() as d:
                p = Path(d) / f"document{suffix}"
                p.write_bytes(source)
                doc = load_document(p, engine=engine, limits=limits)
            doc.path = name
            return doc
        from .ingest.text import decode

        source = decode(source, name)
    if not isinstance(source, str):
        raise TypeError(f"check() takes a path, text or bytes, not {type(source).__name__}")
    from .ingest.text import source_from_text

    return build_document(source_from_text(source, name))


def _load_two(source: Source, with_: Source, name: str, engine: str | None = None,
              limits: Limits | None = None) -> Document[Table]:
    """Two paths (or texts) read as one document: the second's pages follow the first's."""
    from .ingest import read
    from .ingest.model import Source as SourceFile
    from .ingest.text import source_from_text
    from .pipeline import build_joined

    def src(x: Source, label: str) -> SourceFile:
        if isinstance(x, os.PathLike) or (isinstance(x, str) and _looks_like_path(x)):
            return read(Path(x), limits, engine)
        if isinstance(x, bytes):
            raise TypeError("with_= takes two paths or two texts")
        return source_from_text(x, label)

    return build_joined(src(source, name), src(with_, "<with>"))


class Report:
    """The result of :func:`check`: the document, its claims, the findings, and their exports."""

    def __init__(self, result: Result, lang: str | None = None, fail_on: str = "error") -> None:
        self.result = result
        self.lang = lang
        self.fail_on = fail_on  # the config's [check] fail_on, the default of exit_code
        result.localize(lang)  # findings' messages and claims' reasons in the requested language

    # -- content ------------------------------------------------------------------------------------
    @property
    def document(self) -> Document[Table]:
        return cast("Document[Table]", self.result.doc)  # Result.doc is declared ``object`` in checks

    @property
    def department(self) -> str | None:
        return self.document.department

    @property
    def year(self) -> int | None:
        return self.document.year

    @property
    def findings(self) -> list[Finding]:
        return self.result.findings

    @property
    def claims(self) -> list[Judged]:
        """Every claim joined with its verdict (``status``, ``reason``; the claim's own fields as attributes)."""
        return self.result.judged

    @property
    def summary(self) -> dict[str, int]:
        return self.result.summary

    @property
    def tables(self) -> dict[str, pd.DataFrame]:
        """Each parsed table as a pandas DataFrame, keyed by table kind ("income", "gpb_expense", …; a second
        table of the same kind gets "#2")."""
        out: dict[str, pd.DataFrame] = {}
        for t in self.document.tables:
            key = t.kind
            k = 2
            while key in out:
                key, k = f"{t.kind}#{k}", k + 1
            df = t.to_frame()
            df.attrs.update({"title": t.title, "number": t.number, "unit": t.unit})
            out[key] = df
        return out

    def exit_code(self, fail_on: str | None = None) -> int:
        """As the CLI's exit code: 1 when a finding at or above ``fail_on`` (default: the config's) exists."""
        return self.result.exit_code(fail_on or self.fail_on)

    # -- exports ------------------------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        """The JSON report as a dict: exactly what ``juesuan check --format json`` prints."""
        return json.loads(self.render("json"))

    def render(self, fmt: str = "text", lang: str | None = None) -> str | bytes:
        """The report in a CLI format (text, json, markdown, sarif, html: str; xlsx: bytes)."""
        from .report import render

        return render(self.result, fmt, lang or self.lang)

    def findings_frame(self) -> pd.DataFrame:
        """The findings as a pandas DataFrame, one row per finding (evidence joined into one column)."""
        import pandas as pd

        cols = ["rule", "severity", "message", "text", "stated", "expected", "part", "section", "table", "page",
                "line", "evidence"]
        rows = []
        for f in self.result.findings:
            loc = f.location
            rows.append({
                "rule": f.rule, "severity": f.severity, "message": f.message, "text": f.text, "stated": f.stated,
                "expected": f.expected, "part": loc.part, "section": loc.section, "table": loc.table,
                "page": loc.page, "line": loc.line,
                "evidence": "; ".join(f"{e.table or e.source} {e.row or ''} {e.column or ''} = {e.value}".strip()
                                      for e in f.evidence),
            })
        return pd.DataFrame(rows, columns=cols)

    def __repr__(self) -> str:
        s = self.summary
        return (f"<juesuan.Report {self.department or '?'} {self.year or ''}: {s['claims']} claims, "
                f"{s['errors']} errors, {s['warnings']} warnings>")


def check(source: Source, *, disable: str | Iterable[str] = (), severity: dict[str, str] | None = None,
          config: str | Path | None = None, previous: Source | Report | None = None,
          baseline: str | Path | dict[str, Any] | list[dict[str, Any]] | None = None,
          lang: str | None = None, with_: Source | None = None, tables: Source | None = None,
          engine: str | None = None) -> Report:
    """Audit one document (a path, its text or bytes) and return a :class:`Report`. ``with_`` (or ``tables``):
    the document's second file, e.g. its tables published as a separate PDF; a PDF is read with ``engine``
    ("pdfium", the default, or "pdfplumber"; default: the config's ``[pdf] engine``)."""
    from . import config as confmod
    from .checks import check_document
    from .errors import ConfigError

    if isinstance(disable, str):
        disable = [disable]
    try:
        settings = confmod.load(config, disable=disable, severity=severity)
    except ConfigError as exc:  # the API's bad option is a ValueError
        raise ValueError(*exc.args) from None
    if with_ is not None and tables is not None:
        raise ValueError("give the second file as with_= or tables=, not both")
    engine = engine or settings.engine
    doc = load(source, with_=with_ if with_ is not None else tables, engine=engine, limits=settings.limits)
    last_year, last_claims = None, []
    if previous is not None:
        if isinstance(previous, Report):
            last_year, last_claims = previous.document, list(previous.result.claims)
        else:
            from .claims.extract import extract_claims

            last_year = load(previous, engine=engine, limits=settings.limits)
            last_claims = extract_claims(last_year)
    result = check_document(doc, settings.rules, previous=last_year, previous_claims=last_claims)
    from .pipeline import assign_files

    assign_files(result)
    if baseline is not None:
        from .baseline import apply_baseline, read_baseline

        apply_baseline(result, read_baseline(baseline))
    return Report(result, lang or settings.lang, settings.fail_on)
