"""juesuan — audit Chinese government final-accounts disclosures (部门决算公开).

Pipeline: ingest → document → tables / claims → checks → report. See DESIGN.md.

Python API: ``juesuan.check(path_or_text, **options) -> Report`` (see :mod:`juesuan.api`).
"""

from .version import __version__

__all__ = ["InputError", "Report", "__version__", "check"]


def __getattr__(name):  # the API is imported on first use, so the CLI's start-up does not pay for it
    if name in ("check", "Report", "load"):
        from . import api

        return getattr(api, name)
    if name == "InputError":
        from .errors import InputError

        return InputError
    raise AttributeError(f"module 'juesuan' has no attribute {name!r}")
