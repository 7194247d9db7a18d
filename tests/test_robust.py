"""Issue 12: never destroy a file, never hang, never crash — one test per defect of the hostile-input run.

Every error path ends with exit code 2 (input, usage, config, limits) or 3 (internal error) and exactly one line
on stderr without a traceback; outputs never replace inputs; pathological inputs finish fast or stop at a
documented limit (src/juesuan/ingest/limits.py, README "Limits").
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import zlib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from juesuan.cli import app


@pytest.fixture(autouse=True)
def _english_messages(monkeypatch):
    """These tests assert the English texts of the CLI's messages (JUESUAN_LANG=en, inherited by the
    subprocesses); tests/test_cli_zh.py checks that every one of them is Chinese by default."""
    monkeypatch.setenv("JUESUAN_LANG", "en")

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "corpus" / "luoyang-xigong-2023.txt"


def _cli(*args: str):
    result = CliRunner().invoke(app, [str(a) for a in args])
    stderr = getattr(result, "stderr", None)
    if stderr is None:  # older click: stderr mixed into output
        stderr = result.output
    return result.exit_code, result.stdout, stderr, result


def _one_line_error(code_expected: int, *args: str) -> str:
    code, _, stderr, result = _cli(*args)
    assert code == code_expected, (code, stderr, result.exception)
    lines = [ln for ln in stderr.splitlines() if ln.strip()]
    assert len(lines) == 1, stderr
    assert "Traceback" not in stderr and "Traceback" not in result.output
    assert lines[0].startswith("juesuan: ")
    return lines[0]


def _summary(*args: str) -> dict:
    code, out, stderr, result = _cli("check", *args, "--format", "json")
    assert code in (0, 1), (code, stderr, result.exception)
    return json.loads(out)["summary"]


def _with_line(tmp_path: Path, payload: str, name: str) -> Path:
    """The example with ``payload`` as one extra line in its 第三部分 (after 总体情况)."""
    lines = EXAMPLE.read_text(encoding="utf-8").split("\n")
    at = next(i for i, ln in enumerate(lines) if ln.strip() == "（一）总体情况") + 1
    p = tmp_path / name
    p.write_text("\n".join(lines[:at] + [payload] + lines[at:]), encoding="utf-8")
    return p


def _config(tmp_path: Path, text: str, name: str = "juesuan.toml") -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


# -- 1. the input can be destroyed -----------------------------------------------------------------


def test_output_onto_the_input_is_refused(tmp_path):
    doc = tmp_path / "a.txt"
    doc.write_bytes(EXAMPLE.read_bytes())
    (tmp_path / "link.txt").symlink_to(doc)
    (tmp_path / "sub").mkdir()
    for out in (doc, tmp_path / "link.txt", tmp_path / "sub" / ".." / "a.txt"):
        line = _one_line_error(2, "check", doc, "--format", "json", "--output", out)
        assert "is an input" in line
    os.link(doc, tmp_path / "hard.txt")  # another name for the same file
    assert "is an input" in _one_line_error(2, "check", doc, "--output", tmp_path / "hard.txt")
    assert doc.read_bytes() == EXAMPLE.read_bytes()


def test_output_onto_the_config_is_refused(tmp_path):
    cfg = _config(tmp_path, "[rules]\ndisable = []\n")
    assert "is an input" in _one_line_error(2, "check", EXAMPLE, "--config", cfg, "--output", cfg)
    assert cfg.read_text(encoding="utf-8") == "[rules]\ndisable = []\n"


def test_tables_export_never_overwrites_an_input(tmp_path):
    doc = tmp_path / "x.xlsx"  # a text document with an export's name: `tables DIR/x.xlsx --out DIR --format xlsx`
    doc.write_bytes(EXAMPLE.read_bytes())
    line = _one_line_error(2, "tables", doc, "--out", tmp_path, "--format", "xlsx")
    assert "would overwrite the input" in line
    assert doc.read_bytes() == EXAMPLE.read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.xlsx"]  # no temporary left behind


def test_a_failed_write_leaves_the_old_report(tmp_path, monkeypatch):
    # a report that cannot be encoded fails half-way through writing: main had already truncated the old report
    import juesuan.report as report

    out = tmp_path / "report.json"
    out.write_text("old", encoding="utf-8")
    monkeypatch.setattr(report, "render", lambda *a, **k: '{"partial": "' + "x" * 100_000 + "\ud800")
    assert "internal error" in _one_line_error(3, "check", EXAMPLE, "--format", "json", "--output", out)
    assert out.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]


def test_report_is_written_whole_via_rename(tmp_path):
    out = tmp_path / "report.json"
    out.write_text("old", encoding="utf-8")
    code, _, _, _ = _cli("check", EXAMPLE, "--format", "json", "--output", out)
    assert code == 1
    assert json.loads(out.read_text(encoding="utf-8"))["tool"]["name"] == "juesuan"
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]


def test_a_crash_while_rendering_leaves_the_old_report(tmp_path, monkeypatch):
    import juesuan.report as report

    out = tmp_path / "report.json"
    out.write_text("old", encoding="utf-8")
    monkeypatch.setattr(report, "render", lambda *a, **k: (_ for _ in ()).throw(RuntimeError("boom")))
    line = _one_line_error(3, "check", EXAMPLE, "--format", "json", "--output", out)
    assert "internal error" in line and "boom" in line and "--debug" in line
    assert out.read_text(encoding="utf-8") == "old"


# -- 2. unbounded time and memory ------------------------------------------------------------------

PATHOLOGICAL = {
    "digits": "1" * 100_000,
    "percent": "1.1%" * 50_000,
    "brackets": "（类）（款）（项）" * 30_000,
    "spaces": "支出" + " " * 100_000 + "万元",
}


@pytest.mark.parametrize("name", sorted(PATHOLOGICAL))
def test_pathological_line_stops_at_the_line_limit_fast(tmp_path, name):
    p = _with_line(tmp_path, PATHOLOGICAL[name], f"{name}.txt")
    t0 = time.perf_counter()
    line = _one_line_error(2, "check", p)
    assert time.perf_counter() - t0 < 1.0
    assert "max_line_chars" in line and "[limits]" in line


@pytest.mark.parametrize("name", ["digits", "brackets", "spaces"])
def test_pathological_line_is_linear_past_the_limit(tmp_path, name):
    # with the line limit raised the work is linear: on main each of these ran > 40 s (digits, brackets > 120 s)
    cfg = _config(tmp_path, "[limits]\nmax_line_chars = 1000000\n")
    p = _with_line(tmp_path, PATHOLOGICAL[name], f"{name}.txt")
    _cli("check", EXAMPLE)  # warm imports and compiled patterns
    t0 = time.perf_counter()
    code, _, stderr, result = _cli("check", p, "--config", cfg)
    elapsed = time.perf_counter() - t0
    assert code in (0, 1), (stderr, result.exception)
    assert elapsed < 5.0, f"{name}: {elapsed:.1f}s"


def test_many_percentages_cost_grows_linearly(tmp_path):
    # "1.1%" × n in one sentence: n figures, n claims. On main the figure overlap test, _words_start, the sentence
    # head match and the per-claim neighbour scans made it quadratic (× 50,000 did not finish in 120 s).
    from juesuan.claims import extract_claims
    from juesuan.pipeline import build_document
    from juesuan.ingest import read

    def run(n: int) -> float:
        p = _with_line(tmp_path, "1.1%" * n, f"pct{n}.txt")
        doc = build_document(read(p))
        t0 = time.perf_counter()
        claims = extract_claims(doc)
        assert len(claims) >= n
        return time.perf_counter() - t0

    run(200)
    small, large = run(1_000), run(8_000)
    assert large < 20 * small + 0.5, (small, large)  # linear: ≈ 8×; quadratic: ≈ 64×


def test_fifo_input_does_not_hang(tmp_path):
    fifo = tmp_path / "doc.txt"
    os.mkfifo(fifo)
    for cmd in (["check", str(fifo)], ["tables", str(fifo)]):
        proc = subprocess.run([sys.executable, "-m", "juesuan.cli", *cmd], capture_output=True, text=True, timeout=30)
        assert proc.returncode == 2, proc.stderr
        assert "FIFO" in proc.stderr and len(proc.stderr.strip().splitlines()) == 1


def test_fifo_in_an_eval_folder_is_a_row_not_a_hang(tmp_path):
    os.mkfifo(tmp_path / "doc.txt")
    (tmp_path / "doc.labels.json").write_text('{"planted": []}', encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "juesuan.cli", "eval", str(tmp_path)], capture_output=True, text=True, timeout=30)
    assert proc.returncode == 0, proc.stderr
    assert "FIFO" in proc.stdout


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_dev_zero_is_refused():
    assert "not a regular file" in _one_line_error(2, "check", "/dev/zero")


def test_stdin_is_read_whole(tmp_path):
    # on main '-' was "no such file"; a pipe must not lose its first 1 KB either
    proc = subprocess.run(
        [sys.executable, "-m", "juesuan.cli", "check", "-", "--format", "json"],
        input=EXAMPLE.read_bytes(), capture_output=True, timeout=60,
    )
    assert proc.returncode == 1, proc.stderr
    assert json.loads(proc.stdout)["summary"] == _summary(EXAMPLE)


def test_stdin_is_bounded(tmp_path):
    cfg = _config(tmp_path, "[limits]\nmax_input_mb = 0.01\n")
    proc = subprocess.run(
        [sys.executable, "-m", "juesuan.cli", "check", "-", "--config", str(cfg)],
        input=EXAMPLE.read_bytes(), capture_output=True, text=False, timeout=60,
    )
    assert proc.returncode == 2
    assert b"max_input_mb" in proc.stderr and len(proc.stderr.strip().splitlines()) == 1


def test_fifty_megabyte_text_stops_at_the_size_limit(tmp_path):
    big = tmp_path / "big.txt"
    data = EXAMPLE.read_bytes()
    with open(big, "wb") as fh:
        for _ in range(50 * 1024 * 1024 // len(data) + 1):
            fh.write(data)
    assert big.stat().st_size >= 50 * 1024 * 1024
    t0 = time.perf_counter()
    line = _one_line_error(2, "check", big)
    assert time.perf_counter() - t0 < 30
    assert "max_input_mb" in line or "max_text_mb" in line


def _bomb_pdf(inflated_mb: int) -> bytes:
    """A well-formed one-page PDF whose content stream (spaces) inflates to ``inflated_mb`` MB."""
    comp = zlib.compressobj(9)
    chunk = b" " * (1 << 20)
    body = b"".join(comp.compress(chunk) for _ in range(inflated_mb)) + comp.flush()
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(body) + body + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, o in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + o + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return bytes(out)


def test_decompression_bomb_stops_at_the_stream_limit(tmp_path):
    bomb = tmp_path / "bomb.pdf"
    bomb.write_bytes(_bomb_pdf(400))  # ≈ 400 KB on disk, 400 MB inflated (main: 12 s and 868 MB peak)
    t0 = time.perf_counter()
    line = _one_line_error(2, "check", bomb)
    assert "max_stream_mb" in line and "decompression bomb" in line
    assert time.perf_counter() - t0 < 10.0  # ≈ 0.6 s to inflate the first 64 MB; generous for a loaded CI
    cfg = _config(tmp_path, "[limits]\nmax_stream_mb = 1\n")
    small = tmp_path / "small-bomb.pdf"
    small.write_bytes(_bomb_pdf(4))
    assert "max_stream_mb = 1" in _one_line_error(2, "check", small, "--config", cfg)


def test_page_count_limit(tmp_path, shanghai_pdf):
    cfg = _config(tmp_path, "[limits]\nmax_pages = 3\n")
    line = _one_line_error(2, "tables", shanghai_pdf, "--config", cfg)
    assert "max_pages = 3" in line and "24 pages" in line


# -- 3. tracebacks with exit 1 ---------------------------------------------------------------------


def test_output_into_a_missing_folder_or_onto_a_folder(tmp_path):
    assert "does not exist" in _one_line_error(2, "check", EXAMPLE, "--output", tmp_path / "nope" / "r.json")
    assert "is a folder" in _one_line_error(2, "check", EXAMPLE, "--output", tmp_path)


def test_tables_out_and_synth_onto_a_file(tmp_path):
    f = tmp_path / "file.txt"
    f.write_text("keep", encoding="utf-8")
    assert "not a folder" in _one_line_error(2, "tables", EXAMPLE, "--out", f)
    assert "not a folder" in _one_line_error(2, "synth", f, "--n", "1")
    assert f.read_text(encoding="utf-8") == "keep"


@pytest.mark.parametrize(
    "text,expect",
    [
        (None, "not found"),
        ("[rules\ndisable = 1", "not valid TOML"),
        ('[rules]\ndisable = "X006"\n', "must be a list"),
        ('[rules]\nseverity = { X006 = "fatal" }\n', "unknown severity"),
        ('[rules]\ndisable = ["Z999"]\n', "unknown rule id"),
        ('[rules]\nseverity = { X006 = 3 }\n', "severity must be"),
        ("[limits]\nmax_pages = -1\n", "positive number"),
        ("[limits]\nmax_size = 3\n", "unknown limit"),
    ],
)
def test_config_errors(tmp_path, text, expect):
    cfg = tmp_path / "juesuan.toml"
    if text is not None:
        cfg.write_text(text, encoding="utf-8")
    assert expect in _one_line_error(2, "check", EXAMPLE, "--config", cfg)


def test_eval_reports_bad_labels_and_failed_documents_as_rows(tmp_path):
    from juesuan.synth import generate

    g = generate(0, "henan", "txt", n_errors=1)
    (tmp_path / "good.txt").write_bytes(g.content)
    (tmp_path / "good.labels.json").write_text(json.dumps(g.labels, ensure_ascii=False), encoding="utf-8")
    (tmp_path / "badjson.txt").write_bytes(g.content)
    (tmp_path / "badjson.labels.json").write_text("{not json", encoding="utf-8")
    (tmp_path / "badshape.txt").write_bytes(g.content)
    (tmp_path / "badshape.labels.json").write_text('{"planted": "x"}', encoding="utf-8")
    (tmp_path / "broken.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + os.urandom(64))
    (tmp_path / "broken.labels.json").write_text('{"planted": []}', encoding="utf-8")
    code, out, stderr, result = _cli("eval", tmp_path, "--format", "json")
    assert code == 0, (stderr, result.exception)
    report = json.loads(out)
    errors = {Path(e["path"]).name: e["error"] for e in report["errors"]}
    assert set(errors) == {"badjson.txt", "badshape.txt", "broken.txt"}
    assert "not valid JSON" in errors["badjson.txt"] and "'planted'" in errors["badshape.txt"]
    assert report["overall"]["planted"] == len(g.labels["planted"])  # the good document was still scored
    code, out, _, _ = _cli("eval", tmp_path)
    assert "badjson.txt: labels file is not valid JSON" in out


def _die(*args, **kwargs):
    os.kill(os.getpid(), 9)


def test_a_dead_eval_worker_fails_the_run_with_one_line(tmp_path, monkeypatch):
    import multiprocessing

    import juesuan.evaluate as ev
    from juesuan.synth import generate

    if multiprocessing.get_start_method() != "fork":
        pytest.skip("needs fork to inject the failure into the worker")
    for i in range(2):
        g = generate(i, "henan", "txt", n_errors=0)
        (tmp_path / f"d{i}.txt").write_bytes(g.content)
        (tmp_path / f"d{i}.labels.json").write_text(json.dumps(g.labels, ensure_ascii=False), encoding="utf-8")
    monkeypatch.setattr(ev, "_run_one", _die)
    line = _one_line_error(3, "eval", tmp_path, "--jobs", "2")
    assert "worker process died" in line


def test_internal_error_is_one_line_exit_3_and_traceback_with_debug(monkeypatch):
    import juesuan.checks as checks

    def boom(*a, **k):
        raise KeyError("no such cell")

    monkeypatch.setattr(checks, "check_document", boom)
    line = _one_line_error(3, "check", EXAMPLE)
    assert "internal error" in line and "KeyError" in line
    code, _, stderr, _ = _cli("--debug", "check", EXAMPLE)
    assert code == 3 and "Traceback" in stderr


# -- 4. reports that are not what they seem --------------------------------------------------------


def test_nul_bytes_are_removed_with_a_warning(tmp_path):
    data = EXAMPLE.read_bytes()
    p = tmp_path / "nul.txt"
    p.write_bytes(data[:6000] + b"\x00\x00\x00" + data[6000:20000] + b"\x00\x01" + data[20000:])
    code, out, stderr, _ = _cli("check", p, "--format", "json")
    assert code == 1
    assert json.loads(out)["summary"] == _summary(EXAMPLE)  # main: NULs reached the report, 3 false errors
    assert "removed 5 control character(s)" in stderr and len(stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_document_is_read(tmp_path, encoding):
    p = tmp_path / "doc16.txt"
    p.write_bytes(EXAMPLE.read_text(encoding="utf-8").encode(encoding))
    assert _summary(p) == _summary(EXAMPLE)


def test_english_text_is_not_a_juesuan_document(tmp_path):
    p = tmp_path / "essay.txt"
    p.write_text("This is an essay about public budgets and accounts.\n" * 40, encoding="utf-8")
    assert "not a 决算/预算 document" in _one_line_error(2, "check", p)


def test_symlink_loop_is_named(tmp_path):
    (tmp_path / "a").symlink_to(tmp_path / "b")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    assert "symbolic link loop" in _one_line_error(2, "check", tmp_path / "a")


def test_damaged_pdf_is_one_line_without_library_noise(tmp_path, template_pdf):
    # 30 bytes of the template flipped (seed 0): main printed 8 pdfminer lines ("Data-loss while decompressing
    # corrupted data" …) around its output; now they are one summary warning (the lines under --debug), and the
    # damaged PDF is still read as far as it can be (pdfminer's own recovery runs through the capped zlib shim)
    import random

    rng = random.Random(0)
    data = bytearray(template_pdf.read_bytes())
    for _ in range(30):
        data[rng.randrange(len(data))] ^= 0xFF
    p = tmp_path / "damaged.pdf"
    p.write_bytes(bytes(data))
    proc = subprocess.run([sys.executable, "-m", "juesuan.cli", "tables", str(p)], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    lines = [ln for ln in proc.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and "PDF library reported" in lines[0] and "--debug" in lines[0], proc.stderr[:2000]
    for cut in (len(data) // 3, len(data) - 2000):  # truncations: one line at most, never a traceback
        q = tmp_path / f"cut{cut}.pdf"
        q.write_bytes(template_pdf.read_bytes()[:cut])
        proc = subprocess.run([sys.executable, "-m", "juesuan.cli", "check", str(q)], capture_output=True, text=True, timeout=120)
        assert proc.returncode in (0, 1, 2), proc.stderr
        assert len([ln for ln in proc.stderr.splitlines() if ln.strip()]) <= 1, proc.stderr[:2000]
        assert "Traceback" not in proc.stderr


@pytest.mark.parametrize("args", [["check"], ["check", "x.txt", "--format", "bad"], ["check", "x.txt", "--bogus"]])
def test_usage_errors_are_one_line(args):
    # main printed a multi-line usage box
    proc = subprocess.run([sys.executable, "-m", "juesuan.cli", *args], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2
    lines = [ln for ln in proc.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and lines[0].startswith("juesuan: "), proc.stderr


def test_limits_are_settable_and_named(tmp_path):
    cfg = _config(tmp_path, "[limits]\nmax_input_mb = 0.01\n")
    line = _one_line_error(2, "claims", EXAMPLE, "--config", cfg)
    assert "max_input_mb = 0.01" in line and "--config" in line
