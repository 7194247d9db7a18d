"""The message catalogue as the reports use it: re-exported from :mod:`juesuan.i18n` (the base module that the
claims and checks layers also use, so that they need not import the report layer)."""

from __future__ import annotations

from ..i18n import (  # noqa: F401
    DEFAULT_LANG,
    LANGS,
    Catalogue,
    Join,
    Msg,
    _load,
    messages,
    missing,
    render_text,
)

__all__ = ["DEFAULT_LANG", "LANGS", "Catalogue", "Join", "Msg", "kind_worded", "messages", "missing",
           "render_text"]


def kind_worded(M: Catalogue, doc: object):
    """``M`` for the document's kind: a 预算 reads ``key_budget`` where the catalogue has it (html.tables →
    html.tables_budget: 预算表), else ``key``; a 决算 always reads ``key``."""
    budget = getattr(doc, "kind", None) == "预算"

    def K(key: str, **kw) -> str:
        text = M.get(f"{key}_budget", None, **kw) if budget else None
        return text if text is not None else M(key, **kw)

    return K
