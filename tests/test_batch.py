"""`juesuan check` over many documents: a folder of 20 generated documents (pdf, txt, docx, one corrupt) with
--jobs 2, JSON Lines, reports and indexes written, year-over-year pairing, the pre-commit hook, configuration
discovery, `rules ID`, and every usage error (exit 2, one line on stderr, no traceback)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from juesuan.synth import generate
from juesuan.synth.pairs import generate_pair


ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT.parent / "shared" / "seeds" / "000_40e5361bbb16af1b.txt"
if not SEED.exists():
    SEED = ROOT / "corpus" / "luoyang-xigong-2023.txt"


def juesuan(*args, cwd=None, env=None):
    e = dict(os.environ)
    e.pop("CI", None)
    e.update(env or {})
    return subprocess.run([sys.executable, "-m", "juesuan.cli", *map(str, args)], capture_output=True, text=True,
                          cwd=cwd, env=e)


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    """20 documents: 7 pdf, 6 txt, 6 docx (both styles) in two sub-folders, and one corrupt PDF."""
    d = tmp_path_factory.mktemp("batch")
    (d / "a").mkdir()
    (d / "b" / "deep").mkdir(parents=True)
    fmts = ["pdf"] * 7 + ["txt"] * 6 + ["docx"] * 6
    for k, fmt in enumerate(fmts):
        g = generate(200 + k, ("henan", "shanghai")[k % 2], fmt)
        sub = d / ("a" if k % 3 else "b" / Path("deep"))
        (sub / f"{g.name}.{fmt}").write_bytes(g.content)
    (d / "a" / "corrupt.pdf").write_bytes(b"%PDF-1.7\n" + b"\x00garbage" * 50)
    (d / "a" / "notes.md").write_text("not a document", encoding="utf-8")  # ignored: not .pdf/.txt/.docx
    return d


@pytest.fixture(scope="module")
def html_run(folder, tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    proc = juesuan("check", folder, "--jobs", "2", "--format", "html", "--output", out)
    return proc, out


def _rows(summary: str) -> list[str]:
    return [ln for ln in summary.splitlines() if re.search(r"\.(pdf|txt|docx)\b", ln)]


def test_folder_of_twenty_with_two_jobs(folder, html_run):
    proc, out = html_run
    docs = sorted(p for p in folder.rglob("*") if p.suffix in (".pdf", ".txt", ".docx"))
    assert len(docs) == 20
    # exit code: worst over the documents, 2 because one could not be read (README: batch exit codes)
    assert proc.returncode == 2, proc.stderr
    rows = _rows(proc.stdout)
    names = " ".join(rows)
    for p in docs:
        assert p.name in names or p.stem[:20] in names
    bad = [r for r in rows if "corrupt" in r]
    assert bad and "无法读取" in bad[0]
    assert sum("完成" in r.split()[-1:] for r in rows) == 19
    # reports written: one per readable document plus the sortable index
    reports = sorted(out.glob("*.juesuan.html"))
    assert len(reports) == 19
    index = (out / "index.html").read_text(encoding="utf-8")
    assert index.count("<tr") == 21 and "无法读取" in index and "localeCompare" in index
    for r in reports:
        assert f'href="{r.name}"' in index
    assert not list(folder.rglob("*.juesuan.*"))  # nothing written next to the inputs


def test_json_lines_and_xlsx_summary(folder, tmp_path):
    proc = juesuan("check", folder / "a", "--jobs", "2", "--format", "json")
    assert proc.returncode == 2
    lines = proc.stdout.splitlines()
    objs = [json.loads(ln) for ln in lines]
    n = len([p for p in (folder / "a").rglob("*") if p.suffix in (".pdf", ".txt", ".docx")])
    assert len(objs) == n
    assert sum("error" in o for o in objs) == 1 and all("findings" in o for o in objs if "error" not in o)
    assert "个文档" in proc.stderr  # the summary table goes to stderr with JSON on stdout
    out = tmp_path / "x"
    proc = juesuan("check", folder / "b", "--format", "xlsx", "--output", out, "--jobs", "2")
    assert proc.returncode in (0, 1), proc.stderr
    from openpyxl import load_workbook

    wb = load_workbook(out / "汇总.xlsx")
    assert wb.sheetnames == ["汇总", "问题清单"]
    docs_b = [p for p in (folder / "b").rglob("*") if p.suffix in (".pdf", ".txt", ".docx")]
    assert wb["汇总"].max_row == 1 + len(docs_b)
    assert len(list(out.glob("*.juesuan.xlsx"))) == len(docs_b)


def test_glob_and_many_files_text(folder):
    pdfs = sorted(str(p) for p in (folder / "a").glob("*.pdf") if "corrupt" not in p.name)[:2]
    proc = juesuan("check", *pdfs, "--jobs", "1", "--fail-on", "never")
    assert proc.returncode == 0
    assert len(_rows(proc.stdout.split("个文档")[-1])) == 2
    proc = juesuan("check", str(folder / "**" / "*.docx"), "--jobs", "2", "--fail-on", "never")
    assert proc.returncode == 0, proc.stderr
    assert len([r for r in _rows(proc.stdout.split("个文档")[-1]) if ".docx" in r]) == 6


def test_batch_pairs_consecutive_years(tmp_path):
    g = generate_pair(1, "shanghai", "txt", flip=True)
    (tmp_path / "last.txt").write_bytes(g.previous)
    (tmp_path / "this.txt").write_bytes(g.current)
    proc = juesuan("check", tmp_path, "--format", "json", "--jobs", "1")
    reps = {Path(o["document"]["path"]).name: o for o in map(json.loads, proc.stdout.splitlines())}
    y = [f for f in reps["this.txt"]["findings"] if f["rule"] == "Y001"]
    assert len(y) == 1 and g.labels["planted"][0]["text"].replace(" ", "") in y[0]["text"].replace(" ", "")
    assert "last.txt" in proc.stderr  # the pairing is shown in the summary
    one = juesuan("check", tmp_path / "this.txt", "--previous", tmp_path / "last.txt", "--format", "json")
    assert [f["text"] for f in json.loads(one.stdout)["findings"] if f["rule"] == "Y001"] == [y[0]["text"]]


def test_pre_commit_hook_entry_on_two_files(folder):
    import shlex

    text = (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    entry = re.search(r"^\s*entry:\s*(.+)$", text, re.M).group(1).strip()
    files_re = re.search(r"^\s*files:\s*'(.+)'$", text, re.M).group(1)
    two = [p for p in sorted(folder.rglob("*")) if re.search(files_re, p.name) and "corrupt" not in p.name][:2]
    assert len(two) == 2 and not re.search(files_re, "notes.md")
    argv = shlex.split(entry)
    assert argv[0] == "juesuan"
    proc = subprocess.run([sys.executable, "-m", "juesuan.cli", *argv[1:], *map(str, two)], capture_output=True,
                          text=True)
    assert proc.returncode in (0, 1), proc.stderr
    assert all(p.name in proc.stdout for p in two)


def test_rules_id_and_listing():
    proc = juesuan("rules", "N002")
    assert proc.returncode == 0
    assert proc.stdout.startswith("N002") and "核对什么" in proc.stdout and "错误示例：" in proc.stdout
    assert "正确示例：" in proc.stdout and "为什么重要" in proc.stdout
    proc = juesuan("rules", "N002", "--lang", "en")
    assert proc.stdout.startswith("N002") and "What it checks" in proc.stdout and "Bad" in proc.stdout
    assert "Good" in proc.stdout and "Why it matters" in proc.stdout
    listing = juesuan("rules")
    assert "Y001" in listing.stdout and "--disable" in listing.stdout
    bad = juesuan("rules", "N999")
    assert bad.returncode == 2 and len(bad.stderr.strip().splitlines()) == 1 and "Traceback" not in bad.stderr


def test_config_discovery(tmp_path):
    doc = tmp_path / "doc.txt"
    doc.write_bytes(SEED.read_bytes())
    base = juesuan("check", doc, "--format", "json", cwd=tmp_path)
    assert any(f["rule"].startswith("N") for f in json.loads(base.stdout)["findings"])
    # pyproject.toml with [tool.juesuan] two folders up
    proj = tmp_path / "proj"
    (proj / "sub" / "deeper").mkdir(parents=True)
    (proj / "pyproject.toml").write_text('[project]\nname = "x"\n[tool.juesuan.rules]\ndisable = ["N"]\n',
                                        encoding="utf-8")
    r = juesuan("check", doc, "--format", "json", cwd=proj / "sub" / "deeper")
    assert not any(f["rule"].startswith("N") for f in json.loads(r.stdout)["findings"])
    # juesuan.toml nearer wins over the pyproject further up
    (proj / "sub" / "juesuan.toml").write_text('[rules]\ndisable = ["X"]\n', encoding="utf-8")
    r = juesuan("check", doc, "--format", "json", cwd=proj / "sub" / "deeper")
    rules = {f["rule"][0] for f in json.loads(r.stdout)["findings"]}
    assert "X" not in rules and "N" in rules
    # --config overrides discovery
    other = tmp_path / "other.toml"
    other.write_text('[rules]\ndisable = ["T", "C"]\n', encoding="utf-8")
    r = juesuan("check", doc, "--format", "json", "--config", other, cwd=proj / "sub" / "deeper")
    rules = {f["rule"][0] for f in json.loads(r.stdout)["findings"]}
    assert "X" in rules and not rules & {"T", "C"}


def test_baseline_cli(tmp_path):
    doc = tmp_path / "doc.txt"
    doc.write_bytes(SEED.read_bytes())
    base = tmp_path / "baseline.json"
    first = juesuan("check", doc, "--format", "json", "--output", base)
    assert first.returncode == 1
    again = juesuan("check", doc, "--baseline", base, "--format", "json")
    assert again.returncode == 0 and json.loads(again.stdout)["findings"] == []


USAGE = [
    (["check", "{doc}", "--disable", "N999"], "N999"),
    (["check", "{doc}", "--config", "{cfg_unknown_key}"], "未知的键"),
    (["check", "{doc}", "--config", "{cfg_unknown_rule}"], "Q123"),
    (["check", "{doc}", "--config", "{cfg_bad_severity}"], "fatal"),
    (["check", "{doc}", "--config", "{cfg_not_toml}"], "TOML"),
    (["check", "{doc}", "--config", "{missing}"], "missing.toml"),
    (["check", "{doc}", "--output", "{unwritable}/r.json", "--format", "json"], "r.json"),
    (["check", "{doc}", "--output", "{missing}/sub/r.json", "--format", "json"], "不存在"),
    (["check", "{doc}", "{doc2}", "--output", "{afile}/reports"], "reports"),
    (["check", "{doc}", "{doc2}", "--output", "{afile}"], "文件夹"),
    (["check", "{doc}", "{doc2}", "--format", "sarif"], "--output"),
    (["check", "{doc}", "--baseline", "{cfg_not_toml}"], "--baseline"),
    (["check", "{doc}", "--jobs", "0"], "--jobs"),
    (["rules", "Q1"], "Q1"),
]


@pytest.mark.parametrize("argv,needle", USAGE, ids=[" ".join(a[1:3]) + " " + n for a, n in USAGE])
def test_usage_errors_exit_2_one_line(tmp_path, argv, needle):
    files = {
        "doc": tmp_path / "doc.txt", "doc2": tmp_path / "doc2.txt", "missing": tmp_path / "missing.toml",
        "cfg_unknown_key": tmp_path / "k.toml", "cfg_unknown_rule": tmp_path / "r.toml",
        "cfg_bad_severity": tmp_path / "s.toml", "cfg_not_toml": tmp_path / "n.toml",
        "unwritable": tmp_path / "ro", "afile": tmp_path / "afile.txt",
    }
    files["doc"].write_bytes(SEED.read_bytes())
    files["doc2"].write_bytes(SEED.read_bytes())
    files["cfg_unknown_key"].write_text('[rules]\ndisable = []\ncolour = "red"\n', encoding="utf-8")
    files["cfg_unknown_rule"].write_text('[rules]\ndisable = ["Q123"]\n', encoding="utf-8")
    files["cfg_bad_severity"].write_text('[rules]\nseverity = {N002 = "fatal"}\n', encoding="utf-8")
    files["cfg_not_toml"].write_text("this is [not toml\n", encoding="utf-8")
    files["unwritable"].mkdir()
    files["unwritable"].chmod(0o500)
    files["afile"].write_text("x", encoding="utf-8")
    try:
        proc = juesuan(*[a.format(**files) for a in argv], cwd=tmp_path)
    finally:
        files["unwritable"].chmod(0o700)
    if os.geteuid() == 0 and "unwritable" in " ".join(argv):
        pytest.skip("root can write into a read-only folder")
    assert proc.returncode == 2, (proc.returncode, proc.stdout[-300:], proc.stderr)
    err = proc.stderr.strip().splitlines()
    assert len(err) == 1, proc.stderr
    assert "Traceback" not in proc.stderr and needle in err[0]
    assert err[0].startswith("juesuan：") and re.search(r"[\u4e00-\u9fff]", err[0].split(needle)[0] + err[0].split(needle)[-1])


def test_limits_from_pyproject_apply_to_one_document_and_to_a_batch(tmp_path):
    # [tool.juesuan.limits] of a discovered pyproject.toml bounds the run like a --config file's [limits]:
    # the 46 KB example is above max_text_mb = 0.01, so each document stops with the limit's one-line error.
    proj = tmp_path / "proj"
    proj.mkdir()
    (proj / "pyproject.toml").write_text('[project]\nname = "x"\n[tool.juesuan.limits]\nmax_text_mb = 0.01\n',
                                         encoding="utf-8")
    for name in ("a.txt", "b.txt"):
        (proj / name).write_bytes(SEED.read_bytes())
    one = juesuan("check", proj / "a.txt", cwd=proj)
    assert one.returncode == 2 and "max_text_mb" in one.stderr
    many = juesuan("check", proj / "a.txt", proj / "b.txt", "--jobs", "2", "--format", "json", cwd=proj)
    assert many.returncode == 2
    assert many.stdout.count("超过限制 max_text_mb") == 2, many.stdout
