"""Batch worker processes (issue 21): a worker that dies is replaced, its document checked once more after the
others and, if its worker dies again, reported as failed (exit 3); the other documents are checked as usual."""

from __future__ import annotations

import io
import os
import signal
from pathlib import Path

import pytest

from juesuan import batch
from juesuan.config import Settings

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "corpus" / "luoyang-xigong-2023.txt"


@pytest.fixture
def docs(tmp_path):
    """Five copies of the bundled example; the names say what their worker does."""
    names = ["a.txt", "dies-once.txt", "b.txt", "dies-always.txt", "c.txt"]
    for n in names:
        (tmp_path / n).write_bytes(SEED.read_bytes())
    return [tmp_path / n for n in names]


def _killing_check(real):
    """check_one, except that the worker kills itself (SIGKILL, as the kernel's OOM killer does) on a document
    named dies-always, and on dies-once the first time (a marker file remembers it across processes)."""

    def check(task):
        p = Path(task["path"])
        if p.name.startswith("dies-always"):
            os.kill(os.getpid(), signal.SIGKILL)
        if p.name.startswith("dies-once"):
            marker = p.with_suffix(".died")
            if not marker.exists():
                marker.write_text("")
                os.kill(os.getpid(), signal.SIGKILL)
        return real(task)

    return check


def test_a_killed_worker_is_replaced_and_its_document_retried_once(docs, monkeypatch):
    monkeypatch.setattr(batch, "check_one", _killing_check(batch.check_one))  # inherited by the forked workers
    tasks = [{"path": str(p), "settings": Settings(lang="zh")} for p in docs]
    outcomes = batch.run(tasks, jobs=2)
    by = {Path(o.path).name: o for o in outcomes}
    # the other documents finish, with their real results
    for n in ("a.txt", "b.txt", "c.txt"):
        assert by[n].ok and not by[n].retried and by[n].summary["claims"] > 0
    assert by["a.txt"].summary == by["c.txt"].summary
    # killed once: checked again, same result as an undisturbed copy
    assert by["dies-once.txt"].ok and by["dies-once.txt"].retried
    assert by["dies-once.txt"].summary == by["a.txt"].summary
    # killed every time: tried twice, then failed as an internal error naming the signal
    bad = by["dies-always.txt"]
    assert not bad.ok and bad.internal and bad.retried
    assert "信号 9" in bad.error and "重试一次后仍然失败" in bad.error
    assert batch.exit_code(outcomes) == 3
    # the summary says what happened
    out = io.StringIO()
    batch.summary_table(outcomes, out, "zh")
    last = out.getvalue().strip().splitlines()[-1]
    assert "2 个文件的工作进程意外退出" in last and "1 个成功，1 个失败" in last and "dies-always.txt" in last
    out = io.StringIO()
    batch.summary_table(outcomes, out, "en")
    assert "2 documents were retried after their worker died: 1 succeeded, 1 failed" in out.getvalue()


def test_no_worker_dies_no_retry_note(docs):
    tasks = [{"path": str(p), "settings": Settings()} for p in docs[:3]]
    outcomes = batch.run(tasks, jobs=2)
    assert all(o.ok and not o.retried for o in outcomes)
    assert [o.path for o in outcomes] == [str(p) for p in docs[:3]]  # input order
    out = io.StringIO()
    batch.summary_table(outcomes, out)
    assert "重试" not in out.getvalue()
