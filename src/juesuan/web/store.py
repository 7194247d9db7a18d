"""The workbench's store: one SQLite file (``DATA/juesuan.sqlite3``) beside the uploaded files (``DATA/files/``).

Tables: ``documents`` (one uploaded document: its stored file, status queued → running → done | failed, the
department, year and kind read from it, its counts), ``reports`` (the JSON report, the HTML page and the xlsx
workbook rendered by the worker), ``findings`` (one row per finding of a report: its review — status, note,
reviewer, time; ``carried_from`` the same finding of the previous version, ``carried`` whether its decision
was taken over and not changed since). A document of the same department, year and kind as an earlier checked one is a new version
of it (:meth:`Store.finish`): the review of each finding found again (same rule and quoted text) is carried
over, and the earlier findings not found again are what was fixed since.

WAL mode and a busy timeout let the worker processes mark a document running while the server reads; every
write of the server goes through one connection under a lock.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

STATUSES = {"open": "待处理", "fixed": "已整改", "rejected": "不予采纳", "explain": "需说明"}
BY_LABEL = {v: k for k, v in STATUSES.items()}
KINDS = {"final": "决算", "budget": "预算", "决算": "决算", "预算": "预算"}

SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  name TEXT NOT NULL, with_name TEXT, file TEXT NOT NULL, with_file TEXT,
  status TEXT NOT NULL DEFAULT 'queued', error TEXT, note TEXT,
  department TEXT, year INTEGER, kind TEXT, summary TEXT,
  previous_id INTEGER, created TEXT NOT NULL, finished TEXT);
CREATE TABLE IF NOT EXISTS reports (
  doc_id INTEGER PRIMARY KEY REFERENCES documents(id), json TEXT NOT NULL, html TEXT NOT NULL, xlsx BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS findings (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  doc_id INTEGER NOT NULL REFERENCES documents(id), idx INTEGER NOT NULL, rule TEXT NOT NULL, key TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'open', note TEXT NOT NULL DEFAULT '', reviewer TEXT NOT NULL DEFAULT '',
  updated TEXT, carried_from INTEGER, carried INTEGER NOT NULL DEFAULT 0);
CREATE INDEX IF NOT EXISTS findings_doc ON findings(doc_id, idx);
"""


def now() -> str:
    return time.strftime("%Y-%m-%d %H:%M:%S")


def finding_key(f: dict[str, Any]) -> str:
    """Same finding in two versions: same rule and the same quoted text (whitespace ignored)."""
    return f"{f.get('rule')}\x1f{''.join((f.get('text') or '').split())}"


def kind_label(kind: object) -> str:
    return KINDS.get(str(kind), "决算") if kind else "决算"


def connect(path: Path) -> sqlite3.Connection:
    con = sqlite3.connect(str(path), timeout=30, check_same_thread=False, isolation_level=None)
    con.row_factory = sqlite3.Row
    con.execute("PRAGMA busy_timeout = 30000")
    return con


def mark_running(db: str, doc_id: int) -> None:
    """Called by a worker process when it starts on a document."""
    con = connect(Path(db))
    try:
        con.execute("UPDATE documents SET status = 'running' WHERE id = ? AND status = 'queued'", (doc_id,))
    finally:
        con.close()


class Store:
    def __init__(self, data: Path) -> None:
        self.data = Path(data)
        self.files = self.data / "files"
        self.data.mkdir(parents=True, exist_ok=True, mode=0o700)  # the documents and reviews: owner only
        self.files.mkdir(exist_ok=True, mode=0o700)
        self.path = self.data / "juesuan.sqlite3"
        self.lock = threading.Lock()
        self.con = connect(self.path)
        self.con.execute("PRAGMA journal_mode = WAL")
        self.con.executescript(SCHEMA)

    def close(self) -> None:
        self.con.close()

    def _q(self, sql: str, args: tuple = ()) -> list[sqlite3.Row]:
        with self.lock:
            return self.con.execute(sql, args).fetchall()

    # -- documents ------------------------------------------------------------------------------------
    def add(self, name: str, file: str, with_name: str | None, with_file: str | None) -> int:
        with self.lock:
            cur = self.con.execute(
                "INSERT INTO documents (name, file, with_name, with_file, created) VALUES (?, ?, ?, ?, ?)",
                (name, file, with_name, with_file, now()))
            return int(cur.lastrowid or 0)

    def pending(self) -> list[sqlite3.Row]:
        """Documents left queued or running by a server that stopped: checked again on start."""
        return self._q("SELECT * FROM documents WHERE status IN ('queued', 'running') ORDER BY id")

    def requeue(self, doc_id: int) -> None:
        self._q("UPDATE documents SET status = 'queued' WHERE id = ?", (doc_id,))

    def fail(self, doc_id: int, error: str) -> None:
        self._q("UPDATE documents SET status = 'failed', error = ?, finished = ? WHERE id = ?", (error, now(), doc_id))

    def document(self, doc_id: int) -> sqlite3.Row | None:
        rows = self._q("SELECT * FROM documents WHERE id = ?", (doc_id,))
        return rows[0] if rows else None

    def documents(self) -> list[dict[str, Any]]:
        rows = self._q(
            "SELECT d.*, (SELECT COUNT(*) FROM findings f WHERE f.doc_id = d.id AND f.status = 'open') AS open"
            " FROM documents d ORDER BY d.id DESC")
        return [self.row_dict(r) for r in rows]

    def row_dict(self, r: sqlite3.Row) -> dict[str, Any]:
        keys = r.keys()
        return {
            "id": r["id"], "name": r["name"], "with": r["with_name"], "status": r["status"], "error": r["error"],
            "note": r["note"], "department": r["department"], "year": r["year"],
            "kind": kind_label(r["kind"]) if r["status"] == "done" else None,
            "summary": json.loads(r["summary"]) if r["summary"] else None, "previous": r["previous_id"],
            "created": r["created"], "finished": r["finished"],
            "open": r["open"] if "open" in keys else None,
        }

    # -- results --------------------------------------------------------------------------------------
    def finish(self, doc_id: int, out: dict[str, Any]) -> None:
        """Store a worker's result; carry the reviews of the previous version over to the same findings."""
        report = out["report"]
        d = report.get("document", {})
        dept, year, kind = d.get("department"), d.get("year"), kind_label(d.get("kind"))
        with self.lock:
            con = self.con
            con.execute("BEGIN IMMEDIATE")
            try:
                prev = None
                if dept:
                    row = con.execute(
                        "SELECT id FROM documents WHERE department = ? AND year IS ? AND kind = ? AND status = 'done'"
                        " AND id < ? ORDER BY id DESC LIMIT 1", (dept, year, kind, doc_id)).fetchone()
                    prev = row["id"] if row else None
                carried = self._carried(prev) if prev else {}
                con.execute("DELETE FROM findings WHERE doc_id = ?", (doc_id,))
                for i, f in enumerate(report.get("findings", [])):
                    key = finding_key(f)
                    old = carried.get(key, [])
                    o = old.pop(0) if old else None
                    con.execute(
                        "INSERT INTO findings (doc_id, idx, rule, key, status, note, reviewer, updated, carried_from,"
                        " carried) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        (doc_id, i, f.get("rule"), key, o["status"] if o else "open", o["note"] if o else "",
                         o["reviewer"] if o else "", o["updated"] if o else None, o["id"] if o else None,
                         int(o is not None and o["updated"] is not None)))
                con.execute("INSERT OR REPLACE INTO reports (doc_id, json, html, xlsx) VALUES (?, ?, ?, ?)",
                            (doc_id, json.dumps(report, ensure_ascii=False), out["html"], out["xlsx"]))
                con.execute(
                    "UPDATE documents SET status = 'done', error = NULL, note = ?, department = ?, year = ?, kind = ?,"
                    " summary = ?, previous_id = ?, finished = ? WHERE id = ?",
                    (out.get("note"), dept, year, kind, json.dumps(report.get("summary", {})), prev, now(), doc_id))
                con.execute("COMMIT")
            except BaseException:
                con.execute("ROLLBACK")
                raise

    def _carried(self, prev: int) -> dict[str, list[sqlite3.Row]]:
        by_key: dict[str, list[sqlite3.Row]] = defaultdict(list)
        for r in self.con.execute("SELECT * FROM findings WHERE doc_id = ? ORDER BY idx", (prev,)):
            by_key[r["key"]].append(r)
        return by_key

    def report(self, doc_id: int) -> dict[str, Any] | None:
        rows = self._q("SELECT json FROM reports WHERE doc_id = ?", (doc_id,))
        return json.loads(rows[0]["json"]) if rows else None

    def html(self, doc_id: int) -> str | None:
        rows = self._q("SELECT html FROM reports WHERE doc_id = ?", (doc_id,))
        return rows[0]["html"] if rows else None

    def xlsx(self, doc_id: int) -> bytes | None:
        rows = self._q("SELECT xlsx FROM reports WHERE doc_id = ?", (doc_id,))
        return bytes(rows[0]["xlsx"]) if rows else None

    # -- reviews --------------------------------------------------------------------------------------
    def reviews(self, doc_id: int) -> list[sqlite3.Row]:
        return self._q("SELECT * FROM findings WHERE doc_id = ? ORDER BY idx", (doc_id,))

    def finding(self, fid: int) -> sqlite3.Row | None:
        rows = self._q("SELECT * FROM findings WHERE id = ?", (fid,))
        return rows[0] if rows else None

    def review(self, fid: int, status: str, note: str, reviewer: str) -> None:
        self._q("UPDATE findings SET status = ?, note = ?, reviewer = ?, updated = ?, carried = 0 WHERE id = ?",
                (status, note, reviewer, now(), fid))


def review_dict(r: sqlite3.Row) -> dict[str, Any]:
    return {"id": r["id"], "status": r["status"], "status_label": STATUSES.get(r["status"], r["status"]),
            "note": r["note"], "reviewer": r["reviewer"], "updated": r["updated"],
            "carried": bool(r["carried"])}  # the decision is the previous version's, not yet touched here
