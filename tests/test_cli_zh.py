"""Everything the command line prints is Chinese by default (issue 19, item 3); ``--lang en`` keeps English.

Three ways in: (1) the code — every error the CLI can print is raised with a catalogue key (a ``Msg`` under
``[err]``), never an English f-string, and every key exists; (2) the catalogue — every message under [err],
[cli], [batch], [baseline], [help] has Chinese in it; (3) the program — real invocations (usage errors, unreadable
inputs, bad configs, bad outputs) print one Chinese line, and ``--help`` of every command is readable: no
type metavars, no text swallowed where it holds square brackets."""

from __future__ import annotations

import ast
import sys
import tomllib
from pathlib import Path

import pytest
import regex as re

from juesuan import cli
from juesuan.i18n import messages

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "juesuan"
SEED = ROOT / "corpus" / "luoyang-xigong-2023.txt"
HAN = re.compile(r"\p{Han}")
ERRORS = {"InputError", "ConfigError", "OutputError", "LimitError"}
# Modules whose messages reach the CLI's stderr.
CLI_MODULES = ["cli.py", "cli_batch.py", "cli_help.py", "config.py", "baseline.py", "batch.py", "ingest/__init__.py",
               "ingest/text.py", "ingest/docx.py", "ingest/pdf.py", "ingest/limits.py", "tables/build.py"]


def _calls(tree):
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            f = node.func
            yield (f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else ""), node


def _is_text(node) -> bool:
    """An English literal: a str constant (not a catalogue key) or an f-string."""
    if isinstance(node, ast.JoinedStr):
        return True
    return isinstance(node, ast.Constant) and isinstance(node.value, str) and not node.value.startswith("err.")


@pytest.mark.parametrize("module", CLI_MODULES)
def test_every_cli_error_comes_from_the_catalogue(module):
    tree = ast.parse((SRC / module).read_text(encoding="utf-8"))
    bad = []
    for name, call in _calls(tree):
        if name in ERRORS | {"_fail", "_warn", "_say", "ValueError"} and call.args and _is_text(call.args[0]):
            bad.append(f"{module}:{call.lineno} {name}({ast.unparse(call.args[0])[:60]})")
        if name == "append" and isinstance(call.func, ast.Attribute) and ast.unparse(call.func.value) == "warnings" \
                and call.args and _is_text(call.args[0]):
            bad.append(f"{module}:{call.lineno} warnings.append(...)")
    assert not bad, "\n".join(bad)


def test_every_message_key_used_exists_in_both_languages():
    used = set()
    for p in SRC.rglob("*.py"):
        for name, call in _calls(ast.parse(p.read_text(encoding="utf-8"))):
            if name in ("Msg", "_fail") and call.args and isinstance(call.args[0], ast.Constant):
                key = call.args[0].value
                if isinstance(key, str) and key.startswith(("err.", "cli.", "batch.", "baseline.", "help.")):
                    used.add(key)
    assert len(used) > 60
    for lang in ("zh", "en"):
        M = messages(lang)
        assert not [k for k in used if k not in M.table], lang


def test_the_cli_messages_are_chinese():
    with open(ROOT / "patterns" / "messages.zh.toml", "rb") as fh:
        data = tomllib.load(fh)
    checked = 0
    for section in ("err", "cli", "batch", "baseline", "help", "review"):
        stack = [(section, data[section])]
        while stack:
            where, table = stack.pop()
            for k, v in table.items():
                if isinstance(v, dict):
                    stack.append((f"{where}.{k}", v))
                    continue
                checked += 1
                words = re.sub(r"\{\w*\}|--[\w-]+|[\p{P}\s]", "", v)  # a message of placeholders only, e.g. "{path}：{error}"
                assert HAN.search(v) or not words or k == "prefix", f"{where}.{k} = {v!r} has no Chinese"
    assert checked > 150


def _run(capsys, monkeypatch, *args) -> tuple[int, str, str]:
    monkeypatch.delenv("JUESUAN_LANG", raising=False)
    monkeypatch.setattr(sys, "argv", ["juesuan", *map(str, args)])
    with pytest.raises(SystemExit) as exc:
        cli.run()
    out = capsys.readouterr()
    return int(exc.value.code or 0), out.out, out.err


# words of an English sentence: none may be left in a Chinese message (paths, options and values excepted)
ENGLISH = re.compile(r"\b(?:the|not|cannot|is|no|such|file|folder|must|missing|invalid|option|argument|"
                     r"unknown|give|read|write|exist|does|usage|see|of|for|with)\b", re.I)


def _chinese_line(err: str, *noise: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    line = lines[0]
    assert line.startswith("juesuan："), line
    rest = line
    for n in noise:
        rest = rest.replace(str(n), " ")
    rest = re.sub(r"--[a-z-]+|/\S+|\S+\.(?:pdf|txt|toml|json|xlsx|docx)\b", " ", rest)
    assert HAN.search(rest), line
    assert not ENGLISH.search(rest), line
    return line


def _cases(tmp: Path) -> list[tuple[list, int, str]]:
    doc = tmp / "doc.txt"
    doc.write_bytes(SEED.read_bytes())
    (tmp / "empty.txt").write_bytes(b"")
    (tmp / "bin.pdf").write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 4)
    (tmp / "english.txt").write_text("just some English text\n" * 20, encoding="utf-8")
    (tmp / "k.toml").write_text('[rules]\ncolour = "red"\n', encoding="utf-8")
    (tmp / "bad.toml").write_text("this is [not toml\n", encoding="utf-8")
    (tmp / "lim.toml").write_text("[limits]\nmax_text_mb = 0.001\n", encoding="utf-8")
    (tmp / "sev.toml").write_text('[rules]\nseverity = {N002 = "fatal"}\n', encoding="utf-8")
    (tmp / "afile").write_text("x", encoding="utf-8")
    (tmp / "emptydir").mkdir()
    return [
        (["check", "--fromat", "x", doc], 2, "未知的选项"),
        (["check"], 2, "缺少参数"),
        (["check", doc, "--format", "foo"], 2, "无效"),
        (["check", doc, "--jobs", "abc"], 2, "整数"),
        (["check", doc, "--output"], 2, "需要一个值"),
        (["rules", "N002", "extra"], 2, "多余的参数"),
        (["check", tmp / "nope.pdf"], 2, "不存在"),
        (["check", tmp / "empty.txt"], 2, "为空"),
        (["check", tmp / "bin.pdf"], 2, "PDF"),
        (["check", tmp / "english.txt"], 2, "不是决算或预算文档"),
        (["check", tmp / "emptydir"], 2, "没有"),
        (["tables", tmp / "afile"], 2, "不是"),
        (["check", doc, "--config", tmp / "k.toml"], 2, "未知的键"),
        (["check", doc, "--config", tmp / "bad.toml"], 2, "TOML"),
        (["check", doc, "--config", tmp / "sev.toml"], 2, "级别"),
        (["check", doc, "--config", tmp / "lim.toml"], 2, "超过限制"),
        (["check", doc, "--config", tmp / "missing.toml"], 2, "找不到"),
        (["check", doc, "--disable", "Q999"], 2, "Q999"),
        (["check", doc, "--jobs", "0"], 2, "应为 1 或更大"),
        (["check", doc, "--output", doc], 2, "拒绝覆盖"),
        (["check", doc, "--output", tmp], 2, "文件夹"),
        (["check", doc, "--output", tmp / "no" / "r.json"], 2, "不存在"),
        (["check", doc, "--format", "xlsx"], 2, "工作簿"),
        (["check", doc, "--format", "xlsx", "--output", tmp / "r.html"], 2, "扩展名"),
        (["check", doc, "--baseline", tmp / "bad.toml"], 2, "JSON"),
        (["check", doc, "--baseline", tmp / "afile.xlsx"], 2, "--baseline"),
        (["check", doc, doc, "--format", "sarif"], 2, "--output"),
        (["check", doc, doc, "--previous", doc], 2, "--previous"),
        (["check", "-", doc], 2, "标准输入"),
        (["tables", doc, "--out", tmp / "afile"], 2, "不是文件夹"),
        (["rules", "Q1"], 2, "未知的规则编号"),
        (["eval", tmp / "afile"], 2, "不是文件夹"),
        (["synth", tmp / "s", "--n", "-1"], 2, "--n"),
        (["synth", tmp / "s", "--formats", "odt"], 2, "--formats"),
    ]


def test_every_error_line_is_chinese_by_default(tmp_path, capsys, monkeypatch):
    for args, code, needle in _cases(tmp_path):
        rc, _out, err = _run(capsys, monkeypatch, *args)
        assert rc == code, (args, rc, err)
        assert err.strip(), args
        line = _chinese_line(err, *args)
        assert needle in line, (args, line)


def test_lang_en_keeps_english(tmp_path, capsys, monkeypatch):
    rc, _out, err = _run(capsys, monkeypatch, "check", tmp_path / "nope.pdf", "--lang", "en")
    assert rc == 2 and err.strip().endswith("nope.pdf: no such file")
    rc, _out, err = _run(capsys, monkeypatch, "check", "--lang", "en", SEED, "--format", "foo")
    assert rc == 2 and "invalid value foo for --format (one of text, json" in err
    rc, out, _err = _run(capsys, monkeypatch, "check", "--help", "--lang", "en")
    assert rc == 0 and out.startswith("Usage: juesuan check [OPTIONS] FILE…") and "[check] fail_on" in out


COMMANDS = ["", "tables", "claims", "check", "rules", "eval", "synth", "serve"]


@pytest.mark.parametrize("command", COMMANDS)
def test_help_is_readable(command, capsys, monkeypatch):
    rc, out, err = _run(capsys, monkeypatch, *([command] if command else []), "--help")
    assert rc == 0 and not err
    assert out.startswith(f"用法：juesuan{' ' + command if command else ''} [选项]"), out[:80]
    # no type metavars, no click braces, no English boilerplate
    assert not re.search(r"<(?:bool|path|int|str|text|list)[^>]*>|\{\w+\}|Show this message|\[required\]|Usage:", out), out
    assert "显示此帮助并退出。" in out
    lines = [ln for ln in out.splitlines() if ln.strip()]
    assert all(HAN.search(ln) for ln in lines if not ln.strip().startswith("--")), out
    assert max(len(ln) for ln in lines) <= 120


def test_help_keeps_square_brackets(capsys, monkeypatch):
    """Rich markup ate every [...] of a help text ("its  apply here"): the texts are printed as written."""
    _rc, out, _err = _run(capsys, monkeypatch, "check", "--help")
    flat = "".join(out.split())
    for text in ("[check]fail_on", "[tool.juesuan]", "[report]lang", "[check]jobs"):
        assert text in flat, text
    _rc, out, _err = _run(capsys, monkeypatch, "tables", "--help")
    assert "其中的 [limits] 与 [pdf] 在此适用" in out
    _rc, out, _err = _run(capsys, monkeypatch, "rules", "--help")
    assert "用法：juesuan rules [选项] [编号]" in out
