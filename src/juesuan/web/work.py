"""Checks run in a pool of worker processes, never in a request.

A worker reads the stored file (by the generated path the store gave it, bounded by the same limits as
``juesuan check``), runs the pipeline and the rules, and renders the JSON report, the HTML page and the xlsx
workbook; the server stores them (:meth:`Store.finish`). Workers run at a lower priority than the server, so
the pages and the API answer while documents are checked. A document left queued or running by a stopped
server is checked again when the server starts.
"""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path
from typing import Any

from .store import Store, mark_running


def _lower_priority() -> None:
    try:
        os.nice(5)
    except OSError:  # pragma: no cover - not permitted: run at the same priority
        pass


def _load(file: str, name: str, with_file: str | None, settings, with_name: str | None = None):
    """The stored document (and its stored tables file); ``note`` says when the tables file could not be used."""
    from .. import pipeline
    from ..i18n import messages
    from ..ingest import read

    note = None
    if with_file:  # 说明 + 表格 as one document; each place keeps its file
        doc = pipeline.build_joined(read(file, settings.limits, settings.engine),
                                    read(with_file, settings.limits, settings.engine))
        doc.files = [(label, offset) for label, (_, offset) in zip((name, with_name or messages("zh")("web.tables_file")), doc.files)]
    else:
        doc = pipeline.build_document(read(file, settings.limits, settings.engine))
    doc.path = name  # the name the reviewer uploaded, never the stored path
    return doc, note


def check_stored(db: str, doc_id: int, file: str, name: str, with_file: str | None, settings,
                 with_name: str | None = None) -> dict[str, Any]:
    """Worker: check one stored document with the server's :class:`juesuan.config.Settings` (``--config``: its
    rules, limits and PDF engine, as for ``juesuan check``). Returns ``{"report", "html", "xlsx", "note"}`` or
    ``{"error"}``."""
    import json

    from .. import pipeline
    from ..checks import check_document
    from ..errors import InputError
    from ..report import render

    mark_running(db, doc_id)
    try:
        doc, note = _load(file, name, with_file, settings, with_name)
        result = check_document(doc, settings.rules)
        if with_file:
            pipeline.assign_files(result)  # which of the two files each finding is in
        report = json.loads(render(result, "json"))
        return {"report": report, "html": render(result, "html"), "xlsx": render(result, "xlsx"), "note": note}
    except InputError as exc:
        text = str(exc)
        for path in (file, with_file, name):  # the stored paths are nobody's business
            text = text.replace(f"{path}: ", "") if path else text
        return {"error": text}
    except Exception as exc:  # noqa: BLE001 - one document's failure never stops the server
        return {"error": f"内部错误：{type(exc).__name__}: {exc}".splitlines()[0][:300]}


class Pool:
    """The worker processes and the hand-over of their results to the store."""

    def __init__(self, store: Store, jobs: int, settings) -> None:
        self.store = store
        self.settings = settings  # the server's juesuan.config.Settings, sent to every worker
        ctx = multiprocessing.get_context("spawn")  # no fork of a threaded server
        self.pool = ProcessPoolExecutor(max_workers=jobs, mp_context=ctx, initializer=_lower_priority)

    def submit(self, doc_id: int) -> None:
        r = self.store.document(doc_id)
        if r is None:
            return
        files = self.store.files
        fut = self.pool.submit(check_stored, str(self.store.path), doc_id, str(files / r["file"]), r["name"],
                               str(files / r["with_file"]) if r["with_file"] else None, self.settings,
                               r["with_name"])
        fut.add_done_callback(lambda f: self._done(doc_id, f))

    def _done(self, doc_id: int, fut: Future) -> None:
        if fut.cancelled():  # the server stops: the document stays queued and is checked on the next start
            return
        try:
            out = fut.result()
        except Exception as exc:  # noqa: BLE001 - a worker killed (memory, signal) fails its document only
            self.store.fail(doc_id, f"审核进程异常退出（{type(exc).__name__}）")
            return
        if "error" in out:
            self.store.fail(doc_id, out["error"])
        else:
            try:
                self.store.finish(doc_id, out)
            except Exception as exc:  # noqa: BLE001 - e.g. the store closed while shutting down
                self.store.fail(doc_id, f"保存结果失败：{type(exc).__name__}")

    def resume(self) -> int:
        """Check again what a stopped server left queued or running."""
        rows = self.store.pending()
        for r in rows:
            self.store.requeue(r["id"])
            self.submit(r["id"])
        return len(rows)

    def shutdown(self) -> None:
        """Stop now: queued documents stay queued, running ones are stopped (both are checked on the next start)."""
        for proc in list(getattr(self.pool, "_processes", {}).values()):  # no public way to stop a running task
            proc.terminate()
        self.pool.shutdown(wait=True, cancel_futures=True)


def data_dir(given: Path | None) -> Path:
    if given is not None:
        return given
    import platformdirs

    return Path(platformdirs.user_data_dir("juesuan", appauthor=False))
