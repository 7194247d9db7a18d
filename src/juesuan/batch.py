"""Many documents at once: inputs expanded (files, folders recursively, globs), checked in worker processes,
paired year over year, summarised, and written one report per document plus an index.

Exit code of a batch = the worst over its documents, in the order 0 < 1 < 2 < 3: 3 when a document hit an
internal error, else 2 when a document could not be read, else 1 when a document has a finding at or above
``--fail-on``, else 0. The batch never stops at a bad document (every document is checked and listed).
"""

from __future__ import annotations

import glob
import html
import json
import os
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from .i18n import REVIEW_STATUSES, Msg, error_text, messages, ui

SUFFIXES = (".pdf", ".txt", ".docx")
_GLOB_CHARS = set("*?[")


@dataclass
class Outcome:
    """One document of a batch: its counts, or why it could not be read."""

    path: str
    ok: bool = False
    error: str | None = None
    internal: bool = False
    department: str | None = None
    year: int | None = None
    kind: str | None = None  # 决算 / 预算 (document.kind)
    summary: dict = field(default_factory=dict)
    exit: int = 0
    stdout: str | None = None
    written: str | None = None
    previous: str | None = None
    with_: str | None = None  # the document's second file, read with it (narrative and tables published apart)
    narrative_only: bool = False  # read, but no table in it: a narrative whose tables are another file
    tables_only: bool = False  # tables, but no narrative part: the tables of a narrative that is another file
    baselined: int = 0
    not_a_document: bool = False  # read, but not a 决算/预算 document (--skip-other skips it)
    findings: list = field(default_factory=list)  # finding dicts (for the 汇总 workbook)
    retried: bool = False  # its worker died and it was checked a second time

    @property
    def status(self) -> str:
        return self.status_in()

    def status_in(self, lang: str | None = None) -> str:
        """完成 / 无法读取：… / 内部错误：… in ``lang`` (default: the CLI's language)."""
        M = messages(lang) if lang else ui()
        if self.ok:
            return M("batch.ok")
        return M("err.internal_status" if self.internal else "err.could_not_read", error=self.error or "?")


def expand_inputs(args: list[str]) -> list[Path]:
    """Files as given; folders recursively (.pdf .txt .docx, sorted); globs (``**`` recursive). A path that
    neither exists nor matches is kept, so that the batch reports it as unreadable. Duplicates are dropped."""
    out: list[Path] = []
    seen: set[str] = set()

    def add(p: Path) -> None:
        key = os.path.abspath(p)
        if key not in seen:
            seen.add(key)
            out.append(p)

    for a in args:
        p = Path(a)
        if p.is_dir():
            for q in sorted(p.rglob("*")):
                if q.is_file() and q.suffix.lower() in SUFFIXES and not q.name.startswith((".", "~$")):
                    add(q)
        elif p.exists() or not (_GLOB_CHARS & set(a)):
            add(p)
        else:
            hits = sorted(glob.glob(a, recursive=True))
            files = [Path(h) for h in hits if Path(h).is_file()]
            for h in hits:
                if Path(h).is_dir():
                    files += [q for q in sorted(Path(h).rglob("*")) if q.is_file() and q.suffix.lower() in SUFFIXES]
            if not files:
                add(p)  # reported as "no such file"
            for q in files:
                add(q)
    return out


def report_name(path: Path, fmt: str, taken: set[str]) -> str:
    """``NAME.juesuan.EXT`` (never the input's own name); a repeated stem gets its parent folder's name."""
    ext = {"text": "txt", "markdown": "md"}.get(fmt, fmt)
    stem = path.stem
    name = f"{stem}.juesuan.{ext}"
    parent = path.parent
    while name in taken and parent.name:
        stem = f"{parent.name}__{stem}"
        name = f"{stem}.juesuan.{ext}"
        parent = parent.parent
    k = 2
    base = name
    while name in taken:
        name = base.replace(".juesuan.", f".{k}.juesuan.")
        k += 1
    taken.add(name)
    return name


def plain_mode() -> int:
    """The mode ``open()`` gives a new file: 0666 less the umask (a temporary file from mkstemp is 0600)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


def atomic_write(path: Path, data: str | bytes) -> None:
    """Write via a temporary file in the same folder and rename, so a reader never sees half a report; the
    report gets the mode of a plain new file (the umask is respected)."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=str(path.parent))
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data.encode("utf-8") if isinstance(data, str) else data)
        os.chmod(tmp, plain_mode())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def check_one(task: dict) -> Outcome:
    """Worker: check one document (and render its reports). Never raises. ``task["settings"]``: the run's
    :class:`juesuan.config.Settings` (rules, limits, PDF engine, language, fail level), the CLI's options applied."""
    from .checks import check_document
    from .config import Settings
    from .document import parse_document
    from .errors import InputError
    from .ingest import read
    from .ingest.limits import text_budget
    from .pipeline import build_document, join_sources
    from .tables.build import attach_tables

    settings: Settings = _settings(task)
    limits, lang = settings.limits, settings.lang

    def load_document(p):  # the run's [limits] and PDF engine apply in the workers too
        source = read(p, limits, settings.engine)
        with text_budget(source.kind, str(p), limits):
            return build_document(source)

    path = task["path"]
    out = Outcome(path=path, previous=task.get("previous"), with_=task.get("with"))
    try:
        source = read(path, limits, settings.engine)
        files = None
        if task.get("with"):
            source, files = join_sources(source, read(task["with"], limits, settings.engine))
        with text_budget(source.kind, path, limits):
            parsed = parse_document(source)
        out.department, out.year, out.kind = parsed.department, parsed.year, parsed.kind
        if not parsed.regions:
            out.narrative_only = bool(parsed.narrative())
        with text_budget(source.kind, path, limits):
            doc = attach_tables(parsed)
        if files is not None:
            doc.files, doc.files_by = files, ("page" if source.pages is not None else "line")
        out.tables_only = not doc.narrative() and not task.get("with")
        last_year, last_claims = None, []
        if task.get("previous"):
            from .claims.extract import extract_claims

            try:
                last_year = load_document(task["previous"])
                last_claims = extract_claims(last_year)
            except InputError as exc:
                out.error = str(Msg("err.previous_unreadable", error=error_text(exc, lang)).render(lang))
                return out
        with text_budget(doc.source_kind, path, limits):
            result = check_document(doc, settings.rules, previous=last_year, previous_claims=last_claims)
        from .pipeline import assign_files

        assign_files(result)
        if task.get("baseline") is not None:
            from .baseline import apply_baseline

            out.baselined = apply_baseline(result, task["baseline"])
        from .report import render

        if task.get("stdout_fmt"):
            out.stdout = _as_text(render(result, task["stdout_fmt"], lang), task["stdout_fmt"])
        if task.get("file"):
            fmt, target = task["file"]
            atomic_write(Path(target), render(result, fmt, lang))
            out.written = target
        out.summary = dict(result.summary)
        out.findings = [f.to_dict() for f in result.findings]
        out.exit = result.exit_code(settings.fail_on)
        out.ok = True
    except InputError as exc:
        arg = exc.args[0] if exc.args else None
        out.not_a_document = isinstance(arg, Msg) and arg.key in (
            "err.not_juesuan_text", "err.utf16_not_juesuan", "err.not_juesuan_tables")
        text = error_text(exc, lang)
        for sep in (": ", "："):
            text = text.replace(f"{path}{sep}", "", 1)
        out.error = text
    except Exception as exc:  # noqa: BLE001 - one document's internal failure never stops the batch
        out.internal = True
        out.error = f"{type(exc).__name__}: {exc}".splitlines()[0]
    return out


def _settings(task: dict):
    """The run's settings a task carries (the defaults when it carries none)."""
    from .config import Settings

    return task.get("settings") or Settings()


def _as_text(rendered, fmt: str) -> str:
    if fmt == "json":  # JSON Lines: one compact object per document
        return json.dumps(json.loads(rendered), ensure_ascii=False, separators=(",", ":")) + "\n"
    return rendered if rendered.endswith("\n") else rendered + "\n"


def exit_code(outcomes: list[Outcome]) -> int:
    code = 0
    for o in outcomes:
        code = max(code, 3 if o.internal else 2 if not o.ok else o.exit)
    return code


def run(tasks: list[dict], jobs: int, progress: bool = False) -> list[Outcome]:
    """Check every task (in ``jobs`` worker processes when > 1, see :func:`_pool`); outcomes in input order."""
    if not tasks:
        return []
    done: dict[int, Outcome] = {}
    bar = _Progress(len(tasks)) if progress else None

    def finish(i: int, outcome: Outcome) -> None:
        done[i] = outcome
        if bar:
            bar.advance(tasks[i]["path"])

    try:
        if jobs <= 1 or len(tasks) == 1:
            for i, t in enumerate(tasks):
                finish(i, check_one(t))
        else:
            _pool(tasks, min(jobs, len(tasks)), finish)
    finally:
        if bar:
            bar.close()
    return [done[i] for i in range(len(tasks))]


def _worker(conn) -> None:
    """A worker process: check the tasks it is sent, one at a time, until it is sent None."""
    while True:
        try:
            msg = conn.recv()
        except (EOFError, OSError):
            return
        if msg is None:
            return
        i, task = msg
        conn.send((i, check_one(task)))


def _hand_out(workers: dict, queue, tasks: list[dict]) -> None:
    """Send each idle worker the next task, or None when nothing is left (and let those workers end)."""
    for conn, w in workers.items():
        if w[1] is None and queue:
            k = queue.popleft()
            w[1] = k
            try:
                conn.send((k, tasks[k]))
            except (BrokenPipeError, OSError):
                pass  # found dead below
        elif w[1] is None:
            try:
                conn.send(None)  # nothing left: let it end
            except (BrokenPipeError, OSError):
                pass
    idle = [c for c, w in workers.items() if w[1] is None]
    for c in idle:
        workers.pop(c)[0].join(5)
        c.close()


def _pool(tasks: list[dict], jobs: int, finish) -> None:
    """Run the tasks in ``jobs`` worker processes, each holding one document at a time, so that the parent knows
    which document a worker had when it died (killed, out of memory, a crash in a native library). A dead
    worker is replaced; its document is checked once more (after the others), and if that worker dies too the
    document is reported as failed ("internal error", exit 3). The other documents go on."""
    import multiprocessing as mp
    from collections import deque
    from multiprocessing.connection import wait

    from .i18n import messages

    M = messages(_settings(tasks[0]).lang)
    ctx = mp.get_context()
    queue = deque(range(len(tasks)))
    tries: dict[int, int] = {}
    workers: dict = {}  # parent's end of the pipe → [process, index of the task it holds or None]

    def start() -> None:
        parent, child = ctx.Pipe()
        proc = ctx.Process(target=_worker, args=(child,), daemon=True)
        proc.start()
        child.close()
        workers[parent] = [proc, None]

    def died(conn) -> None:
        proc, i = workers.pop(conn)
        proc.join(5)
        conn.close()
        if i is not None:
            how = M("batch_pool.signal", n=-proc.exitcode) if (proc.exitcode or 0) < 0 else M("batch_pool.exit", n=proc.exitcode)
            tries[i] = tries.get(i, 0) + 1
            if tries[i] < 2:
                queue.append(i)  # once more, after the others
            else:
                finish(i, Outcome(path=tasks[i]["path"], internal=True, retried=True,
                                  error=M("batch_pool.died", how=how)))
        if queue:
            start()

    for _ in range(jobs):
        start()
    try:
        while workers:
            _hand_out(workers, queue, tasks)
            if not workers:
                break
            ready = wait(list(workers) + [w[0].sentinel for w in workers.values()])
            for conn in list(workers):
                proc = workers[conn][0]
                if conn in ready:
                    try:
                        j, outcome = conn.recv()
                    except (EOFError, OSError):
                        died(conn)
                        continue
                    outcome.retried = tries.get(j, 0) > 0
                    finish(j, outcome)
                    workers[conn][1] = None
                elif proc.sentinel in ready and not proc.is_alive():
                    died(conn)
    finally:
        for conn, (proc, _) in list(workers.items()):
            proc.kill()
            proc.join(5)
            conn.close()


class _Progress:
    """A rich progress bar on stderr (only used when stderr is a terminal and not in CI)."""

    def __init__(self, total: int):
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        self.p = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                          console=Console(stderr=True), transient=True)
        self.p.start()
        self.t = self.p.add_task(ui()("batch.progress"), total=total)

    def advance(self, path: str) -> None:
        self.p.update(self.t, advance=1, description=Path(path).name[:40])

    def close(self) -> None:
        self.p.stop()


def show_progress() -> bool:
    return sys.stderr.isatty() and not os.environ.get("CI") and os.environ.get("TERM") != "dumb"


# ---- summary ------------------------------------------------------------------------------------------

COLUMNS = ("document", "department", "year", "errors", "warnings", "claims", "checked", "previous", "kind", "status")


def columns(lang: str | None = None) -> list[str]:
    M = messages(lang) if lang else ui()
    return [M(f"batch.col_{c}") for c in COLUMNS]


def _kind_word(kind: str | None, lang: str | None = None) -> str:
    """决算 / 预算 as the summary names a document's kind ("" for a document not read)."""
    if kind is None:
        return ""
    M = messages(lang) if lang else ui()
    return M("doc.kind_budget" if kind == "预算" else "doc.kind_final")


def summary_rows(outcomes: list[Outcome], lang: str | None = None) -> list[list[str]]:
    rows = []
    for o in outcomes:
        s = o.summary
        rows.append([
            o.path, o.department or "", str(o.year or ""),
            str(s.get("errors", "")) if o.ok else "", str(s.get("warnings", "")) if o.ok else "",
            str(s.get("claims", "")) if o.ok else "",
            str(s.get("verified", 0) + s.get("contradicted", 0)) if o.ok else "",
            Path(o.previous).name if o.previous else "",
            _kind_word(o.kind, lang),
            o.status_in(lang) + (f" (+ {Path(o.with_).name})" if o.with_ else ""),
        ])
    return rows


def summary_table(outcomes: list[Outcome], stream=None, lang: str | None = None) -> None:
    """The per-document summary: a rich table on a terminal; otherwise one line per document, tab-separated
    columns under a header line (easy to grep and to read into a spreadsheet). A last line names the documents
    whose worker died (checked again; failed if it died again)."""
    stream = stream or sys.stdout
    _summary_table(outcomes, stream, lang)
    retried = [o for o in outcomes if o.retried]
    if retried:
        M = messages(lang) if lang else ui()
        ok = sum(1 for o in retried if o.ok)
        stream.write(M("batch_pool.summary", n=len(retried), ok=ok, failed=len(retried) - ok,
                       paths=", ".join(o.path for o in retried)) + "\n")
        stream.flush()


def _summary_table(outcomes: list[Outcome], stream, lang: str | None) -> None:
    M = messages(lang) if lang else ui()
    rows = summary_rows(outcomes, lang)
    if not (hasattr(stream, "isatty") and stream.isatty()):
        stream.write(M("batch.documents", n=len(outcomes)) + "\n")
        stream.write("\t".join(columns(lang)) + "\n")
        for r in rows:
            stream.write("\t".join(r) + "\n")
        stream.flush()
        return
    from rich.console import Console
    from rich.table import Table

    t = Table(title=M("batch.documents", n=len(outcomes)), show_lines=False)
    for c, label in zip(COLUMNS, columns(lang)):
        t.add_column(label, overflow="fold", no_wrap=c in ("errors", "warnings", "claims", "checked", "year"))
    for r in rows:
        t.add_row(*r)
    Console(file=stream, width=max(160, _term_width())).print(t)


def _term_width() -> int:
    try:
        return os.get_terminal_size().columns
    except OSError:
        return 160


# ---- index pages -------------------------------------------------------------------------------------


def write_index_html(outcomes: list[Outcome], out_dir: Path, lang: str | None = None) -> Path:
    """``index.html``: every document with its counts and a link to its report; click a header to sort."""
    M = messages(lang) if lang else ui()
    rows = []
    for o, r in zip(outcomes, summary_rows(outcomes, lang)):
        link = os.path.relpath(o.written, out_dir) if o.written else None
        cells = []
        for k, v in enumerate(r):
            v = html.escape(v)
            if k == 0 and link:
                v = f'<a href="{html.escape(link)}">{v}</a>'
            num = k in (2, 3, 4, 5, 6)
            cells.append(f'<td{" class=n" if num else ""}>{v}</td>')
        cls = "bad" if not o.ok else ("err" if o.summary.get("errors") else "")
        rows.append(f'<tr class="{cls}">{"".join(cells)}</tr>')
    head = "".join(f"<th>{html.escape(c)}</th>" for c in columns(lang))
    title = html.escape(M("batch.index_title", n=len(outcomes)))
    totals = html.escape(M("batch.index_totals", errors=sum(o.summary.get("errors", 0) for o in outcomes),
                           warnings=sum(o.summary.get("warnings", 0) for o in outcomes),
                           unreadable=sum(1 for o in outcomes if not o.ok)))
    page = f"""<!doctype html><html lang="{M.lang}"><head><meta charset="utf-8"><title>{title}</title>
<style>body{{font-family:system-ui,sans-serif;margin:1.5em}}table{{border-collapse:collapse}}th,td{{border:1px solid #ccc;
padding:.25em .6em}}th{{cursor:pointer;background:#f3f3f3}}td.n{{text-align:right}}tr.bad td{{background:#fdecea}}
tr.err td:nth-child(4){{color:#b00020;font-weight:bold}}</style></head><body>
<h1>{title}</h1><p>{totals}</p>
<table id="t"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>
<script>
document.querySelectorAll('#t th').forEach(function(th, k){{ th.addEventListener('click', function(){{
  var tb = document.querySelector('#t tbody'), rs = Array.from(tb.rows), asc = th.dataset.asc !== '1';
  th.dataset.asc = asc ? '1' : '0';
  rs.sort(function(a, b){{ var x = a.cells[k].textContent, y = b.cells[k].textContent, nx = parseFloat(x), ny = parseFloat(y);
    var c = (!isNaN(nx) && !isNaN(ny)) ? nx - ny : x.localeCompare(y, 'zh'); return asc ? c : -c; }});
  rs.forEach(function(r){{ tb.appendChild(r); }}); }}); }});
</script></body></html>
"""
    target = out_dir / "index.html"
    atomic_write(target, page)
    return target


def write_summary_xlsx(outcomes: list[Outcome], out_dir: Path, lang: str | None = None) -> Path:
    """``汇总.xlsx``: one row per document (sheet 汇总, each report a hyperlink) and every finding of every
    document (sheet 问题清单: 级别 in words, the 状态 drop-down and a 处理意见 column for the reviewer)."""
    import io

    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    M = messages(lang) if lang else ui()
    wb = Workbook()
    ws = wb.active
    ws.title = M("batch.summary_sheet")
    ws.append([*columns(lang)[:-1], M("batch.col_status"), M("batch.col_report")])
    for o, r in zip(outcomes, summary_rows(outcomes, lang)):
        nums = [int(x) if x.isdigit() else None for x in r[2:7]]
        report = os.path.basename(o.written) if o.written else None
        ws.append([r[0], r[1], *nums, r[7], r[8], r[9], report])
        if report:
            cell = ws.cell(ws.max_row, ws.max_column)
            cell.hyperlink = os.path.relpath(o.written, out_dir)  # type: ignore[arg-type]
            cell.font = Font(color="0563C1", underline="single")
    ws2 = wb.create_sheet(M("batch.findings_sheet"))
    ws2.append([M("batch.col_document"), M("batch.col_department"), M("col.rule"), M("col.severity"), M("col.section"),
                M("col.page"), M("col.line"), M("col.quote"), M("col.stated"), M("col.expected"), M("col.message"),
                M("col.review"), M("col.action")])
    for o in outcomes:
        for f in o.findings:
            loc = f.get("location") or {}
            ws2.append([o.path, o.department, f["rule"], M.severity(f["severity"]), loc.get("table") or loc.get("section"),
                        loc.get("page"), loc.get("line"), f.get("text"), f.get("stated"), f.get("expected"),
                        f.get("message"), M("review.open"), None])
    dv = DataValidation(type="list", formula1='"' + ",".join(M(f"review.{k}") for k in REVIEW_STATUSES) + '"',
                        allow_blank=True)
    ws2.add_data_validation(dv)
    dv.add(f"L2:L{max(ws2.max_row, 10000)}")
    for sh in (ws, ws2):
        sh.freeze_panes = "A2"
        sh.auto_filter.ref = sh.dimensions
        for k in range(1, sh.max_column + 1):
            sh.column_dimensions[get_column_letter(k)].width = 14 if k > 1 else 40
    buf = io.BytesIO()
    wb.save(buf)
    target = out_dir / "汇总.xlsx"
    atomic_write(target, buf.getvalue())
    return target
