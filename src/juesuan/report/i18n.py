"""Message catalogue: every text juesuan's reports print, in Chinese (default) and English.

One TOML file per language under ``patterns/`` (``messages.zh.toml``, ``messages.en.toml``), keyed by stable
dotted ids (``summary.line``, ``status.verified``, ``html.findings`` …) with ``str.format`` placeholders.
Why not gettext: the project keeps all its vocabulary as commented TOML under ``patterns/`` and reads it with
the standard library; gettext would add a compile step (.po → .mo) and make the English sentence the key of
the default (Chinese) output. With ids as keys, "a message exists in one language only" is a set difference
(:func:`missing`), which the tests check.

Per-rule messages go in the same files later, as ``[rule.N004] contradicted = "…"``; :func:`Catalogue.rule`
looks them up and falls back to the message the rule produced.
"""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path

from ..patterns import patterns_dir

LANGS = ("zh", "en")
DEFAULT_LANG = "zh"


def _flatten(data: dict, prefix: str = "") -> dict[str, str]:
    out: dict[str, str] = {}
    for k, v in data.items():
        key = f"{prefix}{k}"
        if isinstance(v, dict):
            out.update(_flatten(v, key + "."))
        else:
            out[key] = v
    return out


@cache
def _load(lang: str) -> dict[str, str]:
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r} (one of {', '.join(LANGS)})")
    with open(patterns_dir() / f"messages.{lang}.toml", "rb") as fh:
        return _flatten(tomllib.load(fh))


class Catalogue:
    """``M = messages("zh"); M("summary.line", claims=3, …)``; ``M.lang`` is the language."""

    def __init__(self, lang: str = DEFAULT_LANG):
        self.lang = lang
        self.table = _load(lang)

    def __call__(self, key: str, **kw) -> str:
        try:
            text = self.table[key]
        except KeyError:
            raise KeyError(f"message {key!r} missing from patterns/messages.{self.lang}.toml") from None
        return text.format(**kw) if kw else text

    def get(self, key: str, default: str | None = None, **kw) -> str | None:
        text = self.table.get(key)
        if text is None:
            return default
        return text.format(**kw) if kw else text

    def rule(self, rule_id: str, key: str, fallback: str, **kw) -> str:
        """A rule's message in this language, or ``fallback`` (what the rule produced) when not catalogued."""
        return self.get(f"rule.{rule_id}.{key}", fallback, **kw)

    # -- common pieces --------------------------------------------------------------------------------
    def severity(self, sev: str) -> str:
        return self(f"severity.{sev}")

    def status(self, status: str) -> str:
        return self(f"status.{status}")

    def where(self, path, page: int | None, line: int | None) -> str:
        """``FILE:第18页:第3行`` (zh) / ``FILE:p18:l3`` (en) for a PDF, ``FILE:LINE`` for text."""
        if page is not None:
            return self("loc.pdf", path=path, page=page, line=line or 0)
        return self("loc.text", path=path, line=line or 0)

    def place(self, page: int | None, line: int | None) -> str:
        """A location without the file: 第18页第3行 / p.18, l.3 (PDF); 第3行 / line 3 (text)."""
        if page is not None:
            return self("loc.page_line", page=page, line=line or 0)
        return self("loc.line", line=line or 0)


@cache
def messages(lang: str | None = None) -> Catalogue:
    return Catalogue(lang or DEFAULT_LANG)


def missing() -> dict[str, set[str]]:
    """Keys present in some language's catalogue but not in ``lang``'s: {lang: {keys}} (empty when complete)."""
    tables = {lang: set(_load(lang)) for lang in LANGS}
    every = set().union(*tables.values())
    return {lang: every - keys for lang, keys in tables.items() if every - keys}


def lang_from_config(path: str | Path | None) -> str | None:
    """``[report] lang = "en"`` from a juesuan.toml config, or None."""
    if path is None:
        return None
    with open(path, "rb") as fh:
        data = tomllib.load(fh)
    lang = data.get("report", {}).get("lang")
    if lang is not None and lang not in LANGS:
        raise ValueError(f"[report] lang = {lang!r}: one of {', '.join(LANGS)}")
    return lang
