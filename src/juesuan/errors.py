"""Errors that end a run with a clear one-line message, and the exit codes of the command line.

Exit codes: 0 nothing at or above ``--fail-on``; 1 findings at that level; 2 the input, the command line or the
config cannot be used (:class:`InputError`, :class:`LimitError`, :class:`ConfigError`, :class:`OutputError`,
usage errors); 3 an internal error of juesuan (a bug: one line, the traceback only with ``--debug``).
"""

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_INPUT = 2
EXIT_INTERNAL = 3


class InputError(Exception):
    """The input cannot be read as a 决算 document (not a PDF/text, encrypted, scanned, empty, …).

    The message is one line, written for the user; the CLI prints it and exits with code 2.
    """


class LimitError(InputError):
    """The input is past one of the limits of :mod:`juesuan.ingest.limits` (the message names it and how to raise it)."""


class ConfigError(Exception):
    """The config file is missing, not TOML, or holds an unknown key, rule id, severity or a wrong type (exit 2)."""


class OutputError(Exception):
    """An output path cannot be used: it is an input, a folder where a file is wanted, or not writable (exit 2)."""
