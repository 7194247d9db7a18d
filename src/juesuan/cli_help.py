"""The command line's own texts in the user's language: ``--help`` of every command and the usage errors.

``--help`` is written from the message catalogue (``[help]`` and ``[meta]`` of ``patterns/messages.*.toml``),
Chinese by default, English with ``--lang en`` anywhere on the command line. It is plain text: no rich markup
(which ate every ``[…]`` of a help text, e.g. ``[limits]``), no type metavars (``<bool>``, ``{out}``). A
parameter the catalogue does not know shows the help written in the code. Usage errors (unknown option,
missing argument, a value not among the choices) are rendered from ``[err]`` in the same language.
"""

from __future__ import annotations

import contextlib
import os
import sys
import textwrap
import unicodedata
from collections.abc import Sequence
from typing import Any

from typer.core import TyperCommand, TyperGroup

from .i18n import Catalogue, set_ui_lang, ui


def lang_of(args: Sequence[str]) -> str | None:
    """``--lang en`` / ``--lang=en`` on the command line (before any ``--``), else None (then ``JUESUAN_LANG``,
    else Chinese: :func:`juesuan.i18n.set_ui_lang`)."""
    for k, a in enumerate(args):
        if a == "--":
            break
        if a == "--lang" and k + 1 < len(args):
            return args[k + 1]
        if a.startswith("--lang="):
            return a.split("=", 1)[1]
    return None


# ---- help -------------------------------------------------------------------------------------------------


def _width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in s)


_NO_BREAK_BEFORE = "，。；：、）」』”！？》"  # a line never starts with closing punctuation


def _wrap(text: str, width: int) -> list[str]:
    """Wrap a mixed Chinese/ASCII text to ``width`` display columns (Chinese characters are 2 wide)."""
    out: list[str] = []
    for para in text.splitlines() or [""]:
        line = ""
        for word in _tokens(para):
            if line and _width(line + word) > width and word[0] not in _NO_BREAK_BEFORE:
                out.append(line.rstrip())
                line = word.lstrip()
            else:
                line += word
        out.append(line.rstrip())
    return out


def _tokens(text: str) -> list[str]:
    """Words of ASCII text (with their trailing space) and single wide characters: the places a line may break."""
    toks: list[str] = []
    cur = ""
    for ch in text:
        if unicodedata.east_asian_width(ch) in "WF":
            if cur:
                toks.append(cur)
                cur = ""
            toks.append(ch)
        else:
            cur += ch
            if ch == " ":
                toks.append(cur)
                cur = ""
    if cur:
        toks.append(cur)
    return toks


def _term_width() -> int:
    try:
        cols = int(os.environ.get("COLUMNS", "0")) or os.get_terminal_size().columns
    except (OSError, ValueError):
        cols = 100
    return max(60, min(cols, 120))


def _param_help(M: Catalogue, cmd: str, p) -> str:
    name = p.name or ""
    text = M.get(f"help.{cmd}.{name}") or M.get(f"help.any.{name}") or (getattr(p, "help", None) or "")
    default = getattr(p, "default", None)
    if getattr(p, "param_type_name", "") == "option" and not getattr(p, "is_flag", False) and default not in (None, [], ()):
        shown = getattr(default, "value", default)
        text += M("help.default", value=shown)
    if p.required:
        text += M("help.required")
    return " ".join(text.split())


def _choices(p) -> list[str]:
    """The values a parameter accepts (an Enum's values), for typer's old (click type) and new parameters."""
    desc = getattr(p, "type_descriptor", None)
    choices = getattr(desc, "choices", None) if desc is not None else getattr(getattr(p, "type", None), "choices", None)
    return [str(getattr(c, "value", c)) for c in choices or ()]


def _metavar(M: Catalogue, p) -> str:
    name = p.name or ""
    meta = M.get(f"meta.{name}")
    if meta is None:
        meta = "|".join(_choices(p)) or name.upper()
    if getattr(p, "nargs", 1) == -1:
        meta += "…"
    return meta


def _label(M: Catalogue, p) -> str:
    if p.param_type_name == "argument":
        return _metavar(M, p) if p.required else f"[{_metavar(M, p)}]"
    opts = ", ".join(sorted(p.opts, key=len))
    if getattr(p, "is_flag", False) or getattr(p, "count", False):
        return opts
    return f"{opts} {_metavar(M, p)}"


def _rows(rows: list[tuple[str, str]], width: int) -> list[str]:
    col = min(max((_width(a) for a, _ in rows), default=0) + 4, 30)
    out = []
    for a, b in rows:
        body = _wrap(b, max(20, width - col - 2)) if b else [""]
        if _width(a) + 4 > col:
            out.append("  " + a)
            out += [" " * (col + 2) + ln for ln in body]
        else:
            out.append("  " + a + " " * (col - _width(a)) + body[0])
            out += [" " * (col + 2) + ln for ln in body[1:]]
    return out


def command_help(cmd, ctx, path: str) -> str:
    """The help of a command (``path`` = "check", …) or of the group (``path`` = "")."""
    M = ui()
    width = _term_width()
    key = path or "app"
    params = [p for p in cmd.get_params(ctx)]
    args = [p for p in params if p.param_type_name == "argument"]
    opts = [p for p in params if p.param_type_name == "option"]
    prog = ctx.command_path
    usage = f"{M('help.usage')}{prog} {M('help.usage_options')}"
    if isinstance(cmd, TyperGroup):
        usage += " " + M("help.usage_command")
    usage += "".join(" " + _label(M, a) for a in args)
    out = [usage, ""]
    about = M.get(f"help.{key}.about") or (cmd.help or "")
    for para in textwrap.dedent(about).strip().split("\n\n"):
        out += _wrap(" ".join(para.split()), width) + [""]
    if isinstance(cmd, TyperGroup):
        rows = []
        for name in cmd.list_commands(ctx):
            sub = cmd.commands[name]
            if getattr(sub, "hidden", False):
                continue
            first = (M.get(f"help.{name}.about") or sub.help or "").strip().split("\n\n")[0]
            rows.append((name, " ".join(first.split())))
        out += [M("help.commands")] + _rows(rows, width) + [""]
    if args:
        out += [M("help.arguments")] + _rows([(_label(M, a), _param_help(M, key, a)) for a in args], width) + [""]
    rows = [(_label(M, o), _param_help(M, key, o)) for o in opts if o.name != "help"]
    rows.append(("--help", M("help.help_option")))
    out += [M("help.options")] + _rows(rows, width)
    return "\n".join(out) + "\n"


# ---- usage errors -----------------------------------------------------------------------------------------


def usage_message(exc) -> str:
    """A click/typer usage error in the CLI's language (one line, without "see --help")."""
    import regex as re

    M = ui()
    kind = type(exc).__name__
    msg = str(getattr(exc, "message", "") or exc)
    param = getattr(exc, "param", None)
    name = _param_name(M, param) if param is not None else getattr(exc, "param_hint", None)
    if kind == "NoSuchOption":
        text = M("err.usage_no_option", name=exc.option_name)
        if getattr(exc, "possibilities", None):
            text += M("err.usage_did_you_mean", names=M("sep.enum").join(sorted(exc.possibilities)))
        return text
    if kind == "BadOptionUsage" and "requires an argument" in msg:
        return M("err.usage_needs_value", name=exc.option_name)
    if kind == "MissingParameter":
        what = M("err.usage_missing_" + ("argument" if getattr(param, "param_type_name", "") == "argument" else "option"))
        return M("err.usage_missing", what=what, name=name or "?")
    if kind == "BadParameter":
        m = re.search(r"'([^']*)' is not", msg)
        text = (M("err.usage_bad_value", name=name, value=m.group(1)) if m
                else M("err.usage_bad_value_novalue", name=name))
        choices = _choices(param) if param is not None else []
        if choices:
            text += M("err.usage_choices", choices=M("sep.enum").join(choices))
        elif "integer" in msg:
            text += M("err.usage_int")
        return text
    m = re.search(r"unexpected extra argument.*\(([^()]*)\)\s*$", msg)
    if m:
        return M("err.usage_extra", args=m.group(1))
    return M("err.usage_other", error=msg)


def _param_name(M: Catalogue, p) -> str:
    if p.param_type_name == "argument":
        return _metavar(M, p)
    return max(p.opts, key=len) if p.opts else (p.name or "?")


def _translate(exc: BaseException) -> None:
    if hasattr(exc, "format_message") and hasattr(exc, "exit_code") and type(exc).__name__ != "NoArgsIsHelpError":
        try:
            exc.juesuan_message = usage_message(exc)  # type: ignore[attr-defined]
            exc.message = exc.juesuan_message  # type: ignore[attr-defined]
        except Exception:  # noqa: BLE001 - never hide the original error behind a failed translation
            return


# ---- parameter values -------------------------------------------------------------------------------------


class _NotPlain(Exception):
    """A value the plain coercion leaves to typer's own (a bad value, an unusual type)."""


class PlainCoercion:
    """typer's conversion of one parameter's value, for the plain types juesuan's commands declare (str, int,
    Path, a str Enum, a list of str, bool), without building a pydantic ``TypeAdapter``.

    typer (≥ 0.2x) converts every value through pydantic: importing pydantic and building one adapter per
    option is ≈ 0.1 s CPU of each ``juesuan check`` process (a sixth of checking a 20-page PDF). The result is
    the one typer's adapter gives (``tests/test_cli_startup.py`` compares the two on every parameter); any value
    this does not take plainly — a bad integer, an unknown choice, a path that fails its checks, another type —
    goes to typer's own conversion, which raises its own error (message and exit code unchanged)."""

    def __init__(self, param: Any) -> None:
        desc = param.type_descriptor
        self.annotation = desc.annotation
        self.info = desc.parameter_info
        self.multi = bool(param.multiple or param.nargs == -1)
        self._typer: Any = None

    def coerce(self, value: Any, param: Any, ctx: Any) -> Any:
        with contextlib.suppress(Exception):  # any other value: typer's own conversion, and its own error
            return self.plain(value, param, ctx)
        return self.typers(value, param, ctx)

    def typers(self, value: Any, param: Any, ctx: Any) -> Any:
        if self._typer is None:
            from typer._coercion import build_runtime_param

            self._typer = build_runtime_param(param.type_descriptor)
        return self._typer.coerce(value, param=param, ctx=ctx)

    def plain(self, value: Any, param: Any, ctx: Any) -> Any:
        if value is None:
            return () if self.multi else None
        if self.multi:
            if self.annotation != list[str] or not isinstance(value, (list, tuple)):
                raise _NotPlain
            return [self.leaf(str, v, param, ctx) for v in value]
        return self.leaf(self.annotation, value, param, ctx)

    def leaf(self, annotation: Any, value: Any, param: Any, ctx: Any) -> Any:
        from enum import Enum
        from pathlib import Path

        from typer._param_types import coerce_cli_choice, coerce_cli_path

        info = self.info
        if info.parser is not None:
            raise _NotPlain
        if annotation is str and type(value) is str:
            return value
        if annotation is bool and type(value) is bool:
            return value
        if annotation is int and info.min is None and info.max is None:
            if type(value) is int:
                return value
            digits = value[1:] if type(value) is str and value[:1] == "-" else value
            if type(value) is str and digits.isascii() and digits.isdigit():  # "12", "-3"; " 3", "1_000" … typer's
                return int(value)
        if isinstance(annotation, type) and issubclass(annotation, Enum):
            return coerce_cli_choice(value, choices=list(annotation), case_sensitive=info.case_sensitive, ctx=ctx)
        if annotation is Path and info.path_type is None and isinstance(value, (str, Path)):
            return coerce_cli_path(Path(value), info, path_type=Path, param=param, ctx=ctx)
        raise _NotPlain


def plain_coercion(params: list) -> list:
    """``params``, each typer parameter given its :class:`PlainCoercion` (typer's lazily built conversion is the
    attribute ``_runtime_param``; a typer without it keeps its own)."""
    for p in params:
        if hasattr(p, "type_descriptor") and getattr(p, "_runtime_param", 0) is None:
            p._runtime_param = PlainCoercion(p)
    return params


class JuesuanCommand(TyperCommand):
    """A command whose ``--help`` comes from the catalogue."""

    def format_help(self, ctx, formatter) -> None:
        formatter.write(command_help(self, ctx, ctx.info_name or self.name or ""))

    def get_params(self, ctx):
        return plain_coercion(super().get_params(ctx))


class JuesuanGroup(TyperGroup):
    """The ``juesuan`` group: the CLI's language from ``--lang``; help and usage errors in that language, for
    every command (also ones registered without ``cls=``)."""

    def main(self, args: Sequence[str] | None = None, *a: Any, **kw: Any) -> Any:
        set_ui_lang(lang_of(list(sys.argv[1:] if args is None else args)))
        return super().main(args, *a, **kw)

    def format_help(self, ctx, formatter) -> None:
        formatter.write(command_help(self, ctx, ""))

    def get_command(self, ctx, cmd_name: str):
        cmd = super().get_command(ctx, cmd_name)
        if cmd is not None and type(cmd) is TyperCommand:
            cmd.__class__ = JuesuanCommand
        return cmd

    def get_params(self, ctx):
        return plain_coercion(super().get_params(ctx))

    def make_context(self, *a: Any, **kw: Any):
        try:
            return super().make_context(*a, **kw)
        except Exception as exc:
            _translate(exc)
            raise

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except Exception as exc:
            _translate(exc)
            raise
