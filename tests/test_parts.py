"""What each part of a document is, by its heading's title whatever number it prints (layout.toml [parts] roles):
the regions of /work/shared/REGIONS.md number their parts differently (四川 prints the 情况说明 as 第二部分 and the
tables as 第五部分 附表; 云南 adds 第四部分 其他重要事项及相关口径; 甘肃 第四部分 预算绩效情况说明), while 河南 (the seed)
and 上海 keep 一 概况, 二 决算表, 三 情况说明, 四 名词解释."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from juesuan.claims.extract import extract_claims
from juesuan.pipeline import load_document, parse_document, read
from juesuan.synth import generate

ROOT = Path(__file__).resolve().parents[1]
SENT = "2023年度收入总计100.00万元，支出总计100.00万元。"
GLOSS = "财政拨款收入：指单位本年度从本级财政部门取得的财政拨款，包括一般公共预算财政拨款和政府性基金预算财政拨款。"


def _doc(tmp_path: Path, heads: list[str]):
    """A text document of the given part headings; each part holds a money sentence, 名词解释 a definition."""
    lines = ["某某局2023年度部门决算", ""]
    for h in heads:
        lines += [h, "", GLOSS if "名词解释" in h else SENT, ""]
    p = tmp_path / "d.txt"
    p.write_text("\n".join(lines), encoding="utf-8")
    return parse_document(read(p))  # the document layer: parts and sentences (no tables to read here)


# printed headings → (part, part name) of each, in order
REGIONS = {
    "河南": (["第一部分 某某局概况", "第二部分 2023年度部门决算表", "第三部分 2023年度部门决算情况说明", "第四部分 名词解释"],
           [(1, "概况"), (2, "决算表"), (3, "决算情况说明"), (4, "名词解释")]),
    "四川": (["第一部分 某某局概况", "第二部分 2023年度部门决算情况说明", "第三部分 名词解释", "第四部分 附件",
            "第五部分 附表"],
           [(1, "概况"), (3, "决算情况说明"), (4, "名词解释"), (5, "附件"), (2, "决算表")]),
    "云南": (["第一部分 某某局概况", "第二部分 2023年度部门决算表", "第三部分 2023年度部门决算情况说明",
            "第四部分 其他重要事项及相关口径", "第五部分 名词解释"],
           [(1, "概况"), (2, "决算表"), (3, "决算情况说明"), (3, "其他重要事项"), (4, "名词解释")]),
    "甘肃": (["第一部分 某某局概况", "第二部分 2023年度部门决算表", "第三部分 2023年度部门决算情况说明",
            "第四部分 预算绩效情况说明", "第五部分 名词解释"],
           [(1, "概况"), (2, "决算表"), (3, "决算情况说明"), (3, "决算情况说明"), (4, "名词解释")]),
    # the title on the next line (the seed), or wrapped ("…决算情况" / "说明")
    "next line": (["第一部分", "某某局概况", "第二部分", "2023年度部门决算表", "第三部分 某某局2023年度部门决算情况",
                   "说明", "第四部分", "名词解释"],
                  [(1, "概况"), (2, "决算表"), (3, "决算情况说明"), (4, "名词解释")]),
    # a title of no known kind keeps its printed number
    "unknown": (["第三部分 补充信息"], [(3, "决算情况说明")]),
}


@pytest.mark.parametrize("region", list(REGIONS))
def test_part_by_title(tmp_path, region):
    heads, want = REGIONS[region]
    # headings whose title stands on the next line are written as two lines with no sentence between them
    text_heads, i = [], 0
    while i < len(heads):
        h = heads[i]
        if i + 1 < len(heads) and not heads[i + 1].startswith("第"):
            h = h + "\n" + heads[i + 1]
            i += 1
        text_heads.append(h)
        i += 1
    doc = _doc(tmp_path, text_heads)
    got = [(p.number, next(s.paragraph.part_name for s in doc.sentences if s.line > p.line)) for p in doc.parts]
    assert got == want


def test_glossary_is_no_claim_wherever_numbered(tmp_path):
    """四川 第三部分 名词解释 is a glossary (no claims), its 第二部分 情况说明 the narrative (claims)."""
    doc = _doc(tmp_path, REGIONS["四川"][0])
    claims = extract_claims(doc)
    assert [c for c in claims if c.part_name == "决算情况说明"]
    assert not [c for c in claims if c.part_name == "名词解释"]
    assert not [s for s in doc.narrative(3) if "指单位本年度" in s.text]


@pytest.mark.parametrize("style", ["sichuan", "yunnan"])
def test_generated_regional_narrative_read(tmp_path, style):
    """The regional 决算 (generated) have their narrative read as the 情况说明 (before, the 四川 第二部分 gave 7 claims
    where a 云南 document of the same size gave 128), and no claim from their 名词解释."""
    g = generate(3, style, "txt")
    p = tmp_path / f"{style}.txt"
    p.write_bytes(g.content)
    doc = load_document(p)
    claims = extract_claims(doc)
    by_part = Counter(c.part for c in claims)
    assert by_part[3] >= 100 and not by_part[4] and not by_part[2]  # 名词解释 and the tables: no claims
    assert {p.number for p in doc.parts} == {1, 2, 3, 4} | ({5} if style == "sichuan" else set())
    if style == "yunnan":  # 第四部分 其他重要事项: 机关运行经费, 政府采购, 国有资产 are narrative too
        other = [c for c in claims if c.part_name == "其他重要事项"]
        assert other and any("机关运行经费" in (c.subject or "") for c in other)


def test_seed_and_shanghai_parts_unchanged():
    seed = load_document(ROOT / "corpus" / "luoyang-xigong-2023.txt")
    assert [p.number for p in seed.parts] == [1, 2, 3, 4]
    assert Counter(s.paragraph.part_name for s in seed.sentences if s.part == 3).keys() == {"决算情况说明", "部门整体绩效自评"}


def test_year_of_a_document_whose_tables_come_last(tmp_path):
    """四川 prints its tables last (第五部分 附表), so the first year-bearing heading is the 情况说明's: a year planted
    there ("第二部分 2024 年度部门决算情况说明" in a 2023 document) was taken for the document's year. Every table
    header ("部门名称：… 2023 年度") votes for the year too."""
    import juesuan

    g = generate(74, "sichuan", "txt")
    planted = [p for p in g.labels["planted"] if p["kind"] == "year_heading"]
    assert planted and planted[0]["planted"] == "2024"
    p = tmp_path / "sc.txt"
    p.write_bytes(g.content)
    x022 = [f for f in juesuan.check(str(p)).findings if f.rule == "X022"]
    assert [(f.stated, f.expected) for f in x022 if "第二部分" in f.text] == [("2024", "2023")]
