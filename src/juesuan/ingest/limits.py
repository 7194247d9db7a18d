"""Limits on the work one input may cause: every run is bounded in time and memory, whatever the input.

Defaults are generous for a real 决算 document (a PDF of a few hundred pages, a text of a few MB) and can be
raised in the config file given with ``--config``::

    [limits]
    max_input_mb = 64        # size of a PDF (or any input) on disk / on stdin
    max_text_mb = 4          # size of a text input (a real one is well under 1 MB; 4 MB takes ~30 s)
    max_pages = 1000         # pages of a PDF
    max_line_chars = 50000   # characters on one line of text (a real line is a few thousand at most)
    max_stream_mb = 64       # decompressed size of one PDF stream (decompression bombs)
    max_page_seconds = 30    # time to read one PDF page
    max_page_chars = 50000   # characters on one PDF page (a dense A3 table page holds about 10,000)
    max_page_objects = 20000 # lines and shapes drawn on one PDF page (a ruled table page: a few thousand);
                             # their crossings are bounded by 10 × this number
    max_text_seconds = 60    # time to read a text input into lines (the bundled example: 0.05 s)

Past a limit the run stops with exit code 2 and one line naming the limit and how to raise it.

``max_text_seconds`` bounds each stage of a text input's run (parsing it into a document; extracting and
checking its claims) with an interval timer (:func:`text_budget`; main thread only, as the PDF page timer).
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from ..errors import ConfigError, LimitError
from ..i18n import Msg


@dataclass(frozen=True)
class Limits:
    max_input_mb: float = 64
    max_text_mb: float = 4
    max_pages: int = 1000
    max_line_chars: int = 50_000
    max_stream_mb: float = 64
    max_page_seconds: float = 30
    max_page_chars: int = 50_000
    max_page_objects: int = 20_000
    max_text_seconds: float = 60

    def exceeded(self, path: str, key: str, what: str | Msg) -> LimitError:
        """The error for ``what`` being past limit ``key`` (one line, says how to raise it)."""
        return LimitError(Msg("err.limit", name=path, what=what, setting=key, limit=f"{getattr(self, key):g}"))


class _Expired(BaseException):
    """Raised by the budget's timer; a BaseException so that no ``except Exception`` on the way swallows it."""


@contextmanager
def time_budget(seconds: float, error: Callable[[], Exception]) -> Iterator[None]:
    """Raise ``error()`` when the block runs longer than ``seconds`` (SIGALRM; elsewhere than in the main thread,
    or where there is no interval timer, the block is not bounded)."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def alarm(signum, frame):
        raise _Expired

    old = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    except _Expired:
        raise error() from None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def text_budget(kind: str, path: str, limits: Limits | None) -> AbstractContextManager[None]:
    """The ``max_text_seconds`` budget of one stage of a text input's run (``kind`` "txt"); nothing otherwise."""
    limits = limits or Limits()
    if kind != "txt":
        return nullcontext()
    return time_budget(limits.max_text_seconds, lambda: limits.exceeded(
        path, "max_text_seconds", Msg("err.size_text_time", seconds=f"{limits.max_text_seconds:g}")))


def limits_from(data: dict, where: str | Path | None) -> Limits:
    """The ``[limits]`` of an already read config (a juesuan.toml, or ``[tool.juesuan]`` of a pyproject.toml)."""
    table = data.get("limits", {})
    if not isinstance(table, dict):
        raise ConfigError(Msg("err.limits_not_table", where=where))
    known = {f.name: f for f in fields(Limits)}
    values: dict[str, Any] = {}  # int or float, as the field is declared
    for k, v in table.items():
        if k not in known:
            raise ConfigError(Msg("err.limits_unknown", where=where, item=k, known=", ".join(known)))
        if isinstance(v, bool) or not isinstance(v, (int, float)) or v <= 0:
            raise ConfigError(Msg("err.limits_value", where=where, item=k, value=repr(v)))
        values[k] = int(v) if known[k].type in ("int", int) else float(v)
    return Limits(**values)
