"""Errors that end a run with a clear one-line message and exit code 2."""


class InputError(Exception):
    """The input cannot be read as a 决算 document (not a PDF/text, encrypted, scanned, empty, …).

    The message is one line, written for the user; the CLI prints it and exits with code 2.
    """
