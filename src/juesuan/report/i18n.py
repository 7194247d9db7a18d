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

__all__ = ["DEFAULT_LANG", "LANGS", "Catalogue", "Join", "Msg", "messages", "missing", "render_text"]
