"""Bad input ends the run with exit code 2 and one clear line on stderr — never a traceback."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from juesuan.cli import app


@pytest.fixture(autouse=True)
def _english_messages(monkeypatch):
    """These tests assert the English texts of the CLI's messages (JUESUAN_LANG=en, inherited by the
    subprocesses); tests/test_cli_zh.py checks that every one of them is Chinese by default."""
    monkeypatch.setenv("JUESUAN_LANG", "en")

PROSE = "今天天气很好，我们一起去公园散步，看到了很多盛开的花，心情非常愉快。"


def _run(path: Path):
    result = CliRunner().invoke(app, ["tables", str(path)])
    stderr = getattr(result, "stderr", None)
    if stderr is None:  # older click: stderr mixed into output
        stderr = result.output
    assert result.exit_code == 2, (result.exit_code, result.output, result.exception)
    lines = [ln for ln in stderr.splitlines() if ln.strip()]
    assert len(lines) == 1, stderr
    assert "Traceback" not in result.output and "Traceback" not in stderr
    assert str(path) in lines[0]
    return lines[0]


def _cid_canvas(path: Path, **kw):
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    c = canvas.Canvas(str(path), **kw)
    c.setFont("STSong-Light", 12)
    return c


def _prose_pdf(path: Path) -> Path:
    c = _cid_canvas(path)
    for i in range(12):
        c.drawString(72, 760 - 20 * i, PROSE)
    c.save()
    return path


# -- not a document at all ------------------------------------------------------------------------


def test_random_binary(tmp_path):
    p = tmp_path / "noise.bin"
    p.write_bytes(os.urandom(2000) + b"\x00\x00" + os.urandom(2000))
    assert "not a PDF or a text file" in _run(p)


def test_png(tmp_path):
    p = tmp_path / "picture.pdf"  # the name lies: dispatch is by content
    p.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + os.urandom(200))
    assert "not a PDF or a text file" in _run(p)


def test_empty_file(tmp_path):
    p = tmp_path / "empty.txt"
    p.write_bytes(b"")
    assert "empty" in _run(p)
    q = tmp_path / "blank.pdf"
    q.write_bytes(b"  \n\n ")
    assert "empty" in _run(q)


# -- PDFs that cannot be read ---------------------------------------------------------------------


def test_encrypted_pdf(tmp_path):
    p = tmp_path / "locked.pdf"
    c = _cid_canvas(p, encrypt="pw")
    c.drawString(72, 760, "收入决算表")
    c.save()
    assert "encrypted" in _run(p)


def test_scanned_pdf_without_text(tmp_path):
    from reportlab.pdfgen import canvas

    p = tmp_path / "scan.pdf"
    c = canvas.Canvas(str(p))
    c.rect(72, 72, 400, 600, fill=1)  # a page that is only a picture
    c.showPage()
    c.rect(100, 100, 300, 300)
    c.save()
    msg = _run(p)
    assert "no text layer" in msg and "OCR" in msg


def test_truncated_pdf(tmp_path):
    whole = _prose_pdf(tmp_path / "whole.pdf").read_bytes()
    p = tmp_path / "truncated.pdf"
    p.write_bytes(whole[: len(whole) // 2])
    assert "damaged or truncated PDF" in _run(p)


def test_corrupt_pdf(tmp_path):
    p = tmp_path / "corrupt.pdf"
    p.write_bytes(b"%PDF-1.4\n" + os.urandom(3000))
    assert "damaged or truncated PDF" in _run(p)


# -- readable, but not a 决算 document -------------------------------------------------------------


def test_prose_text_is_not_juesuan(tmp_path):
    p = tmp_path / "essay.txt"
    p.write_text((PROSE + "\n") * 30, encoding="utf-8")
    assert "not a 决算/预算 document" in _run(p)


def test_prose_pdf_is_not_juesuan(tmp_path):
    assert "not a 决算/预算 document" in _run(_prose_pdf(tmp_path / "essay.pdf"))


def test_narrative_without_its_tables_says_so(tmp_path):
    """A 预算 narrative published apart from its tables (the real 江苏 省委办公厅 2017 说明; its 表格 is another
    file) is not "not a document": the one line names what is missing and how to give it (--with)."""
    text = tmp_path / "说明.txt"
    text.write_text("某某部门2025年部门预算\n第一部分 部门概况\n一、主要职能\n负责本部门日常工作。\n"
                    "第三部分 2025年部门预算情况说明\n一、收支预算总体情况\n2025年收入预算合计100.00万元，"
                    "比上年增加10.00万元。\n", encoding="utf-8")
    line = _run(text)
    assert "only the 预算 narrative" in line and "--with" in line


# -- text in the wrong encoding -------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le"])
def test_utf16_is_read(tmp_path, encoding):
    # issue 12: UTF-16 (with or without BOM) is read, so this prose is judged on its content, not its encoding
    text = "收入決算表\n單位：萬元\n本年收入合計 一般公共服務支出 財政撥款收入\n" + (PROSE + "\n") * 20
    p = tmp_path / f"doc-{encoding}.txt"
    p.write_bytes(text.encode(encoding))
    assert "not a 决算/预算 document" in _run(p)


@pytest.mark.parametrize("encoding", ["big5"])
def test_wrong_encoding(tmp_path, encoding):
    text = "收入決算表\n單位：萬元\n本年收入合計 一般公共服務支出 財政撥款收入\n" + (PROSE + "\n") * 20
    p = tmp_path / f"doc-{encoding}.txt"
    p.write_bytes(text.encode(encoding, errors="replace"))
    msg = _run(p)
    assert "encoding" in msg, msg
