"""The HTML report: self-contained, every claim marked, evidence cells linked both ways, findings linked to
their place, document text escaped, small and fast. The browser test is tests/test_html_browser.py."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
import regex as re
from typer.testing import CliRunner

from juesuan.checks import check_document
from juesuan.cli import app
from juesuan.pipeline import load_document
from juesuan.report import render

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "corpus" / "luoyang-xigong-2023.txt"


@pytest.fixture(scope="module")
def page(seed_result):
    return render(seed_result, "html")


def _data(page: str) -> dict:
    m = re.search(r'<script type="application/json" id="juesuan-data">(.*?)</script>', page, re.S)
    return json.loads(m.group(1))


def test_self_contained(page):
    assert page.startswith("<!DOCTYPE html>") and '<html lang="zh-CN">' in page
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", page), "no network resources"
    assert "<link" not in page and "@import" not in page and "url(http" not in page
    assert page.count("<script") == 2  # the JSON island and the inline script, nothing else


def test_size_and_speed(seed_result, page):
    # issue: the seed's HTML stays under 2 MB and rendering adds under 0.3 s to `check` (measured ~0.01 s, 0.2 MB)
    assert len(page.encode("utf-8")) < 2_000_000
    t = time.perf_counter()
    render(seed_result, "html")
    assert time.perf_counter() - t < 0.3


def test_header_and_counts(seed_result, page):
    s = seed_result.summary
    assert "洛阳市西工区政务服务和大数据管理局 2023 年度部门决算审核报告" in page
    for key, word in (("verified", "已核实"), ("contradicted", "矛盾"), ("unverifiable", "无法核实"), ("errors", "错误"),
                      ("warnings", "警告")):
        assert f"<b>{s[key]}</b>" in page and word in page


def test_every_claim_marked_and_linked(seed_result, page):
    data = _data(page)
    assert len(data["claims"]) == len(seed_result.judged)
    for i, c in enumerate(seed_result.judged):
        icon = {"verified": "✓", "contradicted": "✗", "unverifiable": "?"}[c.status]
        assert re.search(rf'<a class="ic [vxu]" id="k{i}" href="#k{i}" data-k="{i}"[^>]*>{re.escape(icon)}</a>', page), i
    # the contradicted N004 claim (1235: 449.76 / 2485.35 = 18.10%, stated 18.01%) carries both values
    n004 = next(d for d in data["claims"] if d["s"] == "contradicted" and d["stated"] == "18.01%")
    assert n004["expected"] == "18.10%" and n004["st"] == "矛盾"
    # evidence cells both ways: every cell a claim cites exists, is marked, and lists that claim back
    linked = 0
    for i, d in enumerate(data["claims"]):
        for cid in d["ev"]:
            m = re.search(rf'<td id="{cid}" class="n ev [vxu]" data-c="([\d ]+)"', page)
            assert m and str(i) in m.group(1).split(), (i, cid)
            assert i in data["cellClaims"][cid]
            linked += 1
    assert linked > 50
    # the verified completion claim of 2010301 points at 公开05表 2010301 合计 = 56.94
    c = next(k for k, x in enumerate(seed_result.judged) if x.kind == "completion" and x.ref and x.ref.code == "2010301")
    assert any("2010301 行政运行 · 合计 = 56.94" in data["cells"][cid] for cid in data["claims"][c]["ev"])


def test_findings_list_filterable_and_linked(seed_result, page):
    rows = re.findall(r'<tr id="f(\d+)" class="sev-(\w+)" data-sev="(\w+)" data-rule="(\w+)"', page)
    assert len(rows) == len(seed_result.findings)
    for fi, _, sev, rule in rows:
        f = seed_result.findings[int(fi)]
        assert (sev, rule) == (f.severity, f.rule)
    assert 'class="fsev" value="error"' in page and '<select id="frule">' in page
    targets = re.findall(r'data-go="([^"]+)"', page)
    assert len(targets) == len(seed_result.findings)
    for t in targets:
        assert f'id="{t}"' in page, t


def test_charts(page):
    assert page.count("<svg") == 2
    # per 类 budget vs actual from the completion claims: 201 一般公共服务支出 = 50.67 + 557.96 + 293.88 + 0.00 (年初)
    assert "201 一般公共服务支出" in page and "902.51" in page


def test_document_text_is_escaped(tmp_path):
    text = SEED.read_text(encoding="utf-8")
    evil = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    text = text.replace("全年实际执行数为449.76 万元", f"全年实际{evil}执行数为449.76 万元", 1)
    text = text.replace("行政运行", f"行政运行{evil}", 1)
    p = tmp_path / "evil.txt"
    p.write_text(text, encoding="utf-8")
    page = render(check_document(load_document(p)), "html")
    assert page.count("<script") == 2 and "<img" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    island = re.search(r'id="juesuan-data">(.*?)</script>', page, re.S).group(1)
    assert "<" not in island and json.loads(island)


def test_cli_html_and_english(tmp_path):
    out = tmp_path / "r.html"
    res = CliRunner().invoke(app, ["check", str(SEED), "--format", "html", "--output", str(out), "--lang", "en"])
    assert res.exit_code == 1 and out.stat().st_size > 0
    page = out.read_text(encoding="utf-8")
    assert '<html lang="en">' in page and "review report" in page and "contradicted" in page
