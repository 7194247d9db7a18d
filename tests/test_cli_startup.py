"""The start-up of a `juesuan` process (issue 21): what a command imports, and typer's parameter conversion
without pydantic.

A whole `juesuan check` process pays its imports on every document of a shell loop or a CI lint. The heavy
libraries (pandas, openpyxl, python-docx, pdfplumber/pdfminer when PDFium reads, the workbench's web stack,
pydantic through typer's conversion) are imported where a command needs them, never on the way to checking a
text or a PDF; and :class:`juesuan.cli_help.PlainCoercion` gives every parameter the value typer's own
(pydantic) conversion gives, or leaves the value to it.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "corpus" / "luoyang-xigong-2023.txt"

# the modules a `check` of a text or (with PDFium) a PDF must not import
HEAVY = ("pydantic", "pandas", "numpy", "openpyxl", "docx", "pdfplumber", "pdfminer", "starlette", "uvicorn",
         "multipart", "platformdirs", "rich", "reportlab")

_PROBE = """
import json, sys
from juesuan.cli import run
heavy = json.loads(sys.argv[2])
sys.argv = ["juesuan"] + json.loads(sys.argv[1])
try:
    run()
except SystemExit as exc:
    code = exc.code
print(json.dumps({"exit": code, "heavy": sorted(m for m in heavy if m in sys.modules)}))
"""


def _imported(args: list[str], heavy: tuple[str, ...] = HEAVY) -> dict:
    out = subprocess.run([sys.executable, "-c", _PROBE, json.dumps(args), json.dumps(heavy)], capture_output=True,
                         text=True, timeout=120, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_import_of_the_cli_imports_nothing_heavy():
    probe = f"import json, sys, juesuan.cli; print(json.dumps(sorted(m for m in {HEAVY!r} if m in sys.modules)))"
    out = subprocess.run([sys.executable, "-c", probe],
                         capture_output=True, text=True, timeout=60, check=True)
    assert json.loads(out.stdout) == []


def test_check_of_a_text_imports_nothing_heavy(tmp_path):
    got = _imported(["check", str(EXAMPLE), "--format", "json", "--output", str(tmp_path / "r.json"),
                     "--jobs", "1", "--disable", "T001", "--fail-on", "never"])
    assert got == {"exit": 0, "heavy": []}
    assert json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["findings"]


def test_check_of_a_pdf_with_pdfium_imports_no_pdfplumber(tmp_path, template_pdf):
    """PDFium is loaded without pypdfium2's Python layer (≈ 50 ms of bindings and helpers)."""
    got = _imported(["check", str(template_pdf), "--format", "json", "--output", str(tmp_path / "r.json")],
                    (*HEAVY, "pypdfium2", "pypdfium2_raw"))
    assert got["heavy"] == [] and got["exit"] in (0, 1)


def _ctype(t):
    """A ctypes type as the C function sees it: a handle, a pointer to what, or a value of what size."""
    import ctypes

    if t is None:
        return None
    if t in (ctypes.c_void_p,):
        return "handle"
    if t is ctypes.c_char_p:
        return ("pointer", "c")
    if issubclass(t, ctypes._Pointer):
        target = t._type_
        if issubclass(target, ctypes.Structure):
            fields = getattr(target, "_fields_", None)
            return ("pointer", tuple(name for name, _ in fields)) if fields else "handle"
        return ("pointer", target._type_)
    return ("value", ctypes.sizeof(t), t._type_ in "fd")


def test_pdfium_prototypes_are_pypdfiums():
    """The prototypes juesuan declares for PDFium are those of pypdfium2's generated bindings."""
    bindings = pytest.importorskip("pypdfium2_raw.bindings")
    from juesuan.ingest.pdfium import PROTOTYPES

    for name, (res, args) in PROTOTYPES.items():
        theirs = getattr(bindings, name)
        assert _ctype(res) == _ctype(theirs.restype), name
        assert [_ctype(a) for a in args] == [_ctype(a) for a in theirs.argtypes], name


def test_pdfplumber_engine_still_imports_it(tmp_path, template_pdf):
    got = _imported(["check", str(template_pdf), "--engine", "pdfplumber", "--format", "json",
                     "--output", str(tmp_path / "r.json")])
    assert "pdfplumber" in got["heavy"] and "pydantic" not in got["heavy"]


# ---- the plain conversion gives typer's values -------------------------------------------------------------

SAMPLES = {
    "str": ["abc", "", "中文", "-", " x "],
    "int": ["3", "-2", "0", "007", "-0", " 3", "+3", "1_000", "1.0", "1.5", "abc", "", "٣", "３", "--3", "3-", 4],
    "Path": ["a.pdf", "", ".", "-", "~/x", "a/b/", "/no/such/dir/x.pdf", __file__, str(ROOT), Path(__file__)],
    "bool": [True, False, "true", "yes", "0"],
    "list[str]": [("a", "b"), (), ["x"], "abc"],
}


def _params():
    import typer.main

    from juesuan.cli import app

    group = typer.main.get_command(app)
    cmds = [("", group)] + sorted(group.commands.items())
    for name, cmd in cmds:
        for p in cmd.params:
            if hasattr(p, "type_descriptor"):
                yield name, cmd, p


def _outcome(fn):
    try:
        v = fn()
    except Exception as exc:  # noqa: BLE001 - the error itself is compared
        return ("error", type(exc).__name__, str(getattr(exc, "message", exc)))
    return ("value", type(v).__name__, v)


def test_every_parameter_has_typers_value_or_typers_error():
    from enum import Enum

    pytest.importorskip("typer._coercion")
    from typer._click import Context
    from typer._coercion import build_runtime_param

    from juesuan.cli_help import PlainCoercion

    seen = 0
    for name, cmd, p in _params():
        ann = p.type_descriptor.annotation
        if isinstance(ann, type) and issubclass(ann, Enum):
            values = [m.value for m in ann] + [m.value.upper() for m in ann] + ["foo", "", next(iter(ann))]
        else:
            values = SAMPLES[getattr(ann, "__name__", None) if ann != list[str] else "list[str]"]
        ctx = Context(cmd, info_name=name or "juesuan")
        for v in values + [None]:
            ours = _outcome(lambda p=p, v=v, ctx=ctx: PlainCoercion(p).coerce(v, param=p, ctx=ctx))
            typers = _outcome(lambda p=p, v=v, ctx=ctx: build_runtime_param(p.type_descriptor).coerce(v, param=p,
                                                                                                        ctx=ctx))
            assert ours == typers, (name, p.name, v)
            seen += 1
    assert seen > 300


@pytest.mark.parametrize("args", [["--jobs", "abc"], ["--jobs", "1.0"], ["--jobs", " 2"], ["--format", "JSON"],
                                  ["--fail-on", "Error"], ["--lang", "fr"], ["--engine", "x"], ["--config", "/no/x.toml"]])
def test_usage_errors_and_odd_values_as_before(args, tmp_path):
    """The plain conversion and typer's own end the same way on the command line (exit code, the one line)."""
    code = """
import sys, json
import juesuan.cli_help as h
if sys.argv[2] == "typer":
    h.plain_coercion = lambda params: params
from juesuan.cli import run
sys.argv = ["juesuan"] + json.loads(sys.argv[1])
run()
"""
    argv = json.dumps(["check", str(EXAMPLE), "--format", "json", "--output", str(tmp_path / "r.json")] + args)
    runs = [subprocess.run([sys.executable, "-c", code, argv, how], capture_output=True, text=True, timeout=120,
                           check=False) for how in ("plain", "typer")]
    assert (runs[0].returncode, runs[0].stderr) == (runs[1].returncode, runs[1].stderr)
