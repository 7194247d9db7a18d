"""Message catalogue: every text juesuan's reports print, in Chinese (default) and English.

One TOML file per language under ``patterns/`` (``messages.zh.toml``, ``messages.en.toml``), keyed by stable
dotted ids (``summary.line``, ``status.verified``, ``html.findings`` …) with ``str.format`` placeholders.
Why not gettext: the project keeps all its vocabulary as commented TOML under ``patterns/`` and reads it with
the standard library; gettext would add a compile step (.po → .mo) and make the English sentence the key of
the default (Chinese) output. With ids as keys, "a message exists in one language only" is a set difference
(:func:`missing`), which the tests check.

Findings and claim reasons are catalogued too: a rule builds a :class:`Msg` (a key such as
``rule.N002.share`` or ``reason.cell.blank`` and its parameters) instead of a sentence, and the finding's
``message`` (the claim's ``reason``) is rendered from it in the report's language — so a rule never needs to
know the language, and one check result can be reported in either. Parameters that are document text (names,
quoted figures) are passed as printed; a parameter may itself be a :class:`Msg` (or a :class:`Join` of them),
rendered in the same language.
"""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path

from .patterns import patterns_dir

LANGS = ("zh", "en")
# the review statuses of a finding (问题清单 状态; messages review.*): 待处理 / 已整改 / 不予采纳 / 需说明
REVIEW_STATUSES = ("open", "fixed", "rejected", "explain")
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
        text = self.get(f"rule.{rule_id}.{key}", fallback, **kw)
        return fallback if text is None else text  # never None: the default is a str

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

    def place(self, page: int | None, line: int | None, file: str | None = None) -> str:
        """A location without the file: 第18页第3行 / p.18, l.3 (PDF); 第3行 / line 3 (text). ``file``: the file
        of a document read from two (``Location.file``), named before the place (表格.pdf 第1页第1行)."""
        at = self("loc.page_line", page=page, line=line or 0) if page is not None else self("loc.line", line=line or 0)
        return self("loc.in_file", file=Path(file).name, place=at) if file else at


class Msg:
    """A message not yet in any language: a catalogue key and its parameters. Equal when key and parameters are
    (C003 tallies reasons by equality). ``str(msg)`` is its rendering in the default language."""

    __slots__ = ("key", "params")

    def __init__(self, key: str, **params):
        self.key = key
        self.params = params

    def render(self, lang: str | None = None) -> str:
        M = messages(lang)
        return M(self.key, **{k: _render(v, lang) for k, v in self.params.items()})

    def _id(self):
        return (self.key, tuple(sorted((k, _frozen(v)) for k, v in self.params.items())))

    def __eq__(self, other):
        return isinstance(other, Msg) and self._id() == other._id()

    def __hash__(self):
        return hash(self._id())

    def __str__(self) -> str:
        return self.render()

    def __repr__(self) -> str:
        return f"Msg({self.key!r}, {self.params!r})"


class Join:
    """Items (texts or :class:`Msg`) joined by the separator ``sep.<sep>`` of the language (；/"; ", 、/", ")."""

    __slots__ = ("items", "sep")

    def __init__(self, items, sep: str = "semicolon"):
        self.items = tuple(items)
        self.sep = sep

    def render(self, lang: str | None = None) -> str:
        return messages(lang)(f"sep.{self.sep}").join(_render(i, lang) for i in self.items)

    def _id(self):
        return ("join", self.sep, tuple(_frozen(i) for i in self.items))

    def __eq__(self, other):
        return isinstance(other, Join) and self._id() == other._id()

    def __hash__(self):
        return hash(self._id())

    def __str__(self) -> str:
        return self.render()


def _frozen(v):
    if isinstance(v, (Msg, Join)):
        return v._id()
    if isinstance(v, (list, tuple)):
        return tuple(_frozen(x) for x in v)
    return v


def _render(v, lang: str | None) -> str:
    if isinstance(v, (Msg, Join)):
        return v.render(lang)
    return "" if v is None else str(v)


def render_text(v, lang: str | None = None) -> str | None:
    """A message (``Msg``/``Join``) in ``lang``; a plain text as it is; None stays None."""
    if v is None:
        return None
    return _render(v, lang)


@cache
def messages(lang: str | None = None) -> Catalogue:
    return Catalogue(lang or DEFAULT_LANG)


_UI = {"lang": DEFAULT_LANG}


def env_lang() -> str:
    """The command line's default language: the environment variable ``JUESUAN_LANG`` (zh or en), else Chinese."""
    import os

    lang = os.environ.get("JUESUAN_LANG", "")
    return lang if lang in LANGS else DEFAULT_LANG


def set_ui_lang(lang: str | None) -> None:
    """The language of what the command line itself prints (errors, warnings, progress, --help): --lang, else
    ``JUESUAN_LANG``, else Chinese."""
    _UI["lang"] = lang if lang in LANGS else env_lang()


def ui() -> Catalogue:
    """The catalogue of the command line's own messages (see :func:`set_ui_lang`)."""
    return messages(_UI["lang"])


def error_text(exc: BaseException, lang: str | None = None) -> str:
    """An exception's message in ``lang`` (default: the CLI's language): errors raised with a :class:`Msg`
    (``InputError(Msg("err.no_file", name=…))``) are rendered from the catalogue, others as ``str(exc)``."""
    arg = exc.args[0] if len(exc.args) == 1 else None
    if isinstance(arg, (Msg, Join)):
        return arg.render(lang or _UI["lang"])
    return str(exc)


def missing() -> dict[str, set[str]]:
    """Keys present in some language's catalogue but not in ``lang``'s: {lang: {keys}} (empty when complete)."""
    tables = {lang: set(_load(lang)) for lang in LANGS}
    every = set().union(*tables.values())
    return {lang: every - keys for lang, keys in tables.items() if every - keys}
