"""Tests for the labelled synthetic document generator (juesuan.synth)."""
from __future__ import annotations

import io
import json
import re
import sys
from decimal import Decimal
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from juesuan.synth import GROUPS, KINDS, draw_department, generate, write_corpus  # noqa: E402

pdfplumber = pytest.importorskip("pdfplumber")

FOOTER = re.compile(r"^\s*-\s*\d+\s*-\s*$", re.M)
PAGE_NO = re.compile(r"^\s*(-\s*)?\d+(\s*-)?\s*$")


def norm(s: str) -> str:
    return re.sub(r"\s+", "", FOOTER.sub("", s))


def pdf_text(content: bytes) -> tuple[str, list[list[list[str]]]]:
    """All page text + all tables (rows of cells) of a pdf."""
    texts, tables = [], []
    with pdfplumber.open(io.BytesIO(content)) as pdf:
        for p in pdf.pages:
            lines = (p.extract_text() or "").split("\n")
            if lines and PAGE_NO.match(lines[-1]):
                lines = lines[:-1]                 # page-number footer
            texts.append("\n".join(lines))
            for t in p.find_tables():
                tables.append([[c or "" for c in r] for r in t.extract()])
    return "\n".join(texts), tables


# ---------------------------------------------------------------- independent identity checker
def num(s: str) -> Decimal:
    s = s.replace(",", "").strip()
    return Decimal(s) if s else Decimal(0)


def hier_check(rows: list[tuple[str, list[Decimal]]], basic_proj: bool) -> list[str]:
    """rows: (code|'合计', values).  Checks 合计 = Σ类, 类 = Σ款, 款 = Σ项 and col0 = col1 + col2."""
    errs = []
    total = next((v for c, v in rows if c == "合计"), None)
    coded = [(c, v) for c, v in rows if c != "合计"]
    n = len(coded[0][1]) if coded else 0

    def s(pred):
        return [sum((v[i] for c, v in coded if pred(c)), Decimal(0)) for i in range(n)]
    if total is not None and coded and total != s(lambda c: len(c) == 3):
        errs.append(f"total {total} != sum of 类")
    for c, v in coded:
        if len(c) in (3, 5):
            kids = s(lambda k, c=c: len(k) == len(c) + 2 and k.startswith(c))
            if v != kids:
                errs.append(f"{c} {v} != children {kids}")
        if basic_proj and v[0] != v[1] + v[2]:
            errs.append(f"{c}: 合计 {v[0]} != 基本 {v[1]} + 项目 {v[2]}")
    if basic_proj and total is not None and total[0] != total[1] + total[2]:
        errs.append("合计 row: 合计 != 基本 + 项目")
    return errs


def txt_table(text: str, tid: str) -> list[list[str]]:
    """Token rows of one table in a (henan) txt document."""
    lines = [ln.strip() for ln in text.split("\n") if ln.strip() and not FOOTER.match(ln)]
    i = lines.index(tid)
    out = []
    for ln in lines[i + 1:]:
        if ln.startswith("注："):
            break
        out.append(ln.split())
    return out


def txt_hier(text: str, tid: str) -> list[tuple[str, list[Decimal]]]:
    rows = []
    for tok in txt_table(text, tid):
        if tok[0] == "合计":
            rows.append(("合计", [num(x) for x in tok[1:]]))
        elif tok[0].isdigit() and len(tok[0]) in (3, 5, 7):
            rows.append((tok[0], [num(x) for x in tok[2:]]))
    return rows


def pdf_hier(tables: list[list[list[str]]], must: str, absent: str = "") -> list[tuple[str, list[Decimal]]]:
    """Find the table whose header mentions ``must`` (and not ``absent``), including continuations."""
    out, on, split = [], False, False
    for t in tables:
        head = "".join("".join(r) for r in t[:3])
        is_cont = t and (t[0][0].isdigit() or t[0][0] == "合计")
        if must in head and not (absent and absent in head):
            on = True
            split = any(r[:3] == ["类", "款", "项"] for r in t[:3])
        elif not is_cont:
            if on:
                break
            continue
        elif not on:
            continue
        for r in t:
            k = 3 if split else 1
            first = "".join(r[:k]) if split else r[0]
            if r[0] == "合计":
                out.append(("合计", [num(x) for x in r[k + 1:]]))
            elif first.isdigit() and len(first) in (3, 5, 7):
                out.append((first, [num(x) for x in r[k + 1:]]))
    return out


# ---------------------------------------------------------------- tests
@pytest.mark.parametrize("style", ["henan", "shanghai"])
def test_determinism(style):
    a = generate(11, style, "txt")
    b = generate(11, style, "txt")
    assert a.content == b.content and a.labels == b.labels
    p1 = generate(12, style, "pdf")
    p2 = generate(12, style, "pdf")
    assert p1.content == p2.content and p1.labels == p2.labels
    assert generate(13, style, "txt").content != a.content


def test_department_consistency():
    for seed in range(30):
        d = draw_department(seed)
        assert d.personnel + d.public == d.gpb_basic
        assert d.grand_total == d.exp_total + d.carry_end
        assert all(x.carry_end >= 0 for x in d.xiang)
        assert sum(p.executed for p in d.projects) == sum(x.proj for x in d.xiang)
        assert len(d.xiang) >= 3 and all(len(x.code) == 7 for x in d.xiang)


def test_txt_seed_look():
    g = generate(1, "henan", "txt", n_errors=0)
    t = g.content.decode("utf-8")
    assert "公开 01 表" in t and "公开 09 表" in t and "第三部分" in t and "第四部分" in t
    lines = t.split("\n")
    # every physical line is followed by an empty line
    assert all(lines[i + 1] == "" for i, ln in enumerate(lines[:-1]) if ln.strip())
    assert re.search(r"^- \d+ -$", t, re.M)
    assert re.search(r"^ \S", t, re.M)           # a line beginning a new page
    s = generate(1, "shanghai", "txt", n_errors=0).content.decode("utf-8")
    assert "表七" in s and "与 " in s and "主要原因：" in s


def test_labels_point_at_real_text_txt():
    seen = set()
    for seed in range(100):  # 23 kinds at ~1.2 plants per document: 100 seeds × 2 styles show each of them
        for style in ("henan", "shanghai"):
            g = generate(seed, style, "txt")
            body = norm(g.content.decode("utf-8"))
            assert len(g.labels["planted"]) <= 3
            for lab in g.labels["planted"]:
                assert lab["kind"] in KINDS and lab["group"] == GROUPS[lab["kind"]]
                assert lab["text"] and norm(lab["text"]) in body, (seed, style, lab)
                assert lab["original"] != lab["planted"]
                seen.add(lab["kind"])
    assert seen == set(KINDS)


def test_clean_fraction_and_fixed_errors():
    clean = sum(not generate(s, "henan", "txt").labels["planted"] for s in range(60))
    assert 8 <= clean <= 35
    for s in range(10):
        assert len(generate(s, "shanghai", "txt", n_errors=3).labels["planted"]) == 3


def test_planted_values_clearly_wrong():
    for seed in range(40):
        for lab in generate(seed, "henan", "txt", n_errors=3).labels["planted"]:
            o, p = lab["original"].rstrip("%"), lab["planted"].rstrip("%")
            if re.fullmatch(r"[\d,]+\.\d\d", o) and re.fullmatch(r"[\d,]+\.\d\d", p):
                assert abs(num(o) - num(p)) >= Decimal("0.05")


def test_clean_txt_tables_satisfy_identities():
    for seed in range(25):
        g = generate(seed, "henan", "txt", n_errors=0)
        t = g.content.decode("utf-8")
        for tid, bp in (("公开 02 表", False), ("公开 03 表", True), ("公开 05 表", True)):
            rows = txt_hier(t, tid)
            assert rows, tid
            assert hier_check(rows, bp) == [], (seed, tid)
        # 基本支出 = 人员经费 + 公用经费 (表六 vs 表五)
        t05 = dict(txt_hier(t, "公开 05 表"))
        tot = next(tok for tok in txt_table(t, "公开 06 表") if tok[0] == "人员经费合计")
        assert num(tot[1]) + num(tot[3]) == t05["合计"][1]


def test_planted_table_cell_breaks_identity():
    hits = 0
    for seed in range(160):  # 160: with the 4 kinds of X040–X043 a table_cell in 公开03/05表 first comes at seed 132
        g = generate(seed, "henan", "txt", n_errors=1)
        lab = g.labels["planted"][0]
        if lab["kind"] != "table_cell" or lab["section"] not in ("公开03表", "公开05表"):
            continue
        t = g.content.decode("utf-8")
        tid = lab["section"].replace("公开", "公开 ").replace("表", " 表")
        assert hier_check(txt_hier(t, tid), True), seed
        hits += 1
    assert hits


@pytest.mark.parametrize("style,seed", [("henan", 3), ("shanghai", 4)])
def test_pdf_tables_and_labels(style, seed):
    g = generate(seed, style, "pdf", n_errors=3)
    assert g.content.startswith(b"%PDF")
    text, tables = pdf_text(g.content)
    assert len(tables) >= 9
    body = norm(text)
    cells = norm("".join("".join(r) for t in tables for r in t))
    rows = {norm("".join(r)) for t in tables for r in t}
    for lab in g.labels["planted"]:
        k = norm(lab["text"])
        assert k in body or k in cells or k in rows, lab
    # cells come back as written: the 表一 total line
    d = draw_department(seed, style)
    want = f"{d.grand_total // 100:,}" if g.labels["options"]["thousands"] else str(d.grand_total // 100)
    assert any(r[0] == "总计" and r[-1].startswith(want) for t in tables for r in t) or g.labels["options"]["unit_yuan"]


@pytest.mark.parametrize("style,seed", [("henan", 21), ("shanghai", 22)])
def test_clean_pdf_tables_satisfy_identities(style, seed):
    g = generate(seed, style, "pdf", n_errors=0)
    _, tables = pdf_text(g.content)
    t03 = pdf_hier(tables, "本年支出合计")
    t02 = pdf_hier(tables, "本年收入合计", absent="行次")
    t05 = pdf_hier(tables, "基本支出", absent="本年支出合计")
    assert t03 and t02 and t05
    assert hier_check(t03, True) == []
    assert hier_check(t02, False) == []
    assert hier_check(t05, True) == []


def test_write_corpus(tmp_path):
    paths = write_corpus(tmp_path, 4, start_seed=100)
    assert sorted(p.suffix for p in paths) == [".pdf", ".pdf", ".txt", ".txt"]
    for p in paths:
        lab = json.loads(p.with_suffix(".labels.json").read_text(encoding="utf-8"))
        assert {"seed", "style", "format", "department", "year", "planted"} <= set(lab)
        assert lab["format"] == p.suffix[1:]


# Planted discrepancies that the figures show, one per fixed gap (seed, style, format as `juesuan synth` writes them):
# a 表五 项 shifted above 表三's (T006 项-level), the same in a department with only 财政拨款 (equality), a 三公
# absence stated against a 三公 row whose blank cells vanished (N006), 团组 against a stated 0.00 万元 (N007),
# 上海 grade bands against "绩效自评的…项目 N 个" (X002), a rate word against its amount word (N005).
FOUND = [(9, "shanghai", "txt"), (58, "henan", "pdf"), (85, "shanghai", "txt"), (45, "shanghai", "txt"),
         (197, "shanghai", "txt"), (88, "henan", "txt")]


@pytest.mark.parametrize("seed,style,fmt", FOUND, ids=[f"{s}-{st}-{f}" for s, st, f in FOUND])
def test_planted_discrepancies_are_quoted_by_a_finding(tmp_path, seed, style, fmt):
    from juesuan.checks import Config, check_document
    from juesuan.pipeline import load_document
    from juesuan.evaluate import quotes

    g = generate(seed, style, fmt)
    assert g.labels["planted"]
    path = tmp_path / f"doc.{fmt}"
    path.write_bytes(g.content)
    findings = [f for f in check_document(load_document(path), Config()).findings
                if f.severity in ("error", "warning")]
    for p in g.labels["planted"]:
        if p["kind"] in ("table_cell", "reason_polarity"):
            continue  # not the gaps this test is about
        assert any(quotes(f.text, p["text"]) for f in findings), (p, [(f.rule, f.text) for f in findings])


def test_plant_chosen_kinds(tmp_path):
    """``synth --plant``: exactly one plant per document, of a listed kind; a document none applies to is written
    clean, byte for byte its clean twin (the document ``eval`` checks for precision)."""
    chosen = ("fund_text", "item_renamed", "stray_digit")
    paths = write_corpus(tmp_path, 8, start_seed=40, kind="mixed", plant=chosen)
    planted = 0
    for p in paths:
        lab = json.loads(p.with_name(p.name.rsplit(".", 1)[0] + ".labels.json").read_text(encoding="utf-8"))
        assert lab["plant_kinds"] == list(chosen)
        assert len(lab["planted"]) <= 1
        assert all(x["kind"] in chosen for x in lab["planted"])
        planted += len(lab["planted"])
        twin = generate(lab["seed"], lab["style"], lab["format"], n_errors=0)
        assert (p.read_bytes() == twin.content) == (not lab["planted"]), p.name
    assert planted >= 4
    with pytest.raises(ValueError):
        write_corpus(tmp_path / "bad", 1, plant=("no_such_kind",))


def test_plant_option_leaves_default_corpus(tmp_path):
    """Without --plant the sidecars carry no ``plant_kinds`` (the corpus of before, byte for byte)."""
    (p,) = write_corpus(tmp_path, 1)
    assert "plant_kinds" not in json.loads(p.with_name(p.stem + ".labels.json").read_text(encoding="utf-8"))
