"""The facts of the narrative's sentences (claims/sentence_facts.py) that X005 and X006 read instead of the text,
and the layer split they rest on: the document layer keeps table regions, the tables layer parses them."""

from __future__ import annotations

from pathlib import Path

import pytest

from juesuan.claims.mentions import facts_of
from juesuan.document import parse_document
from juesuan.errors import InputError
from juesuan.ingest.text import source_from_text
from juesuan.pipeline import load_document
from juesuan.tables.build import attach_tables

SEED = Path(__file__).resolve().parents[1] / "corpus" / "luoyang-xigong-2023.txt"


@pytest.fixture(scope="module")
def seed_facts():
    return facts_of(load_document(SEED))


def test_seed_statements(seed_facts):
    # 七、政府性基金…: "…项目年末结转和结余资金数额较大 … 年末无结转结余资金。" says both sides (X005); the
    # 第五部分's "结转结余率较高" is a second positive; 八、: "没有国有资本经营收入" only the negative side
    said = [(s.topic, s.positive, s.stated) for s in seed_facts.statements]
    assert said == [("年末结转和结余", True, "年末结转和结余资金数额较大"), ("年末结转和结余", True, "结转结余率较高"),
                    ("年末结转和结余", False, "年末无结转结余"), ("国有资本经营预算支出", False, "没有国有资本经营收入")]
    assert seed_facts.statements[0].sentence.text.startswith("主要用于智慧西工项目")


def test_seed_years_and_departments(seed_facts):
    assert {y.year for y in seed_facts.years_stated} == {2023}
    assert [h.name for h in seed_facts.header_departments] == ["洛阳市西工区政务服务和大数据管理局"]
    assert "洛阳市西工区政务服务和大数据管理局" in {d.name for d in seed_facts.departments_named}


TEXT = """第三部分 测试局2024年度部门决算情况说明
一、收入支出决算总体情况说明
2024年度收、支总计100.00万元。与2023年度相比，增加10.00万元。2023年度收入90.00万元。
本报告于2025年6月13日公开。
"""


def test_year_roles_and_no_tables():
    doc = parse_document(source_from_text(TEXT, "t.txt"))
    assert doc.tables == [] and doc.regions == []  # the document layer parses no table
    got = [(y.year, y.comparison, y.date) for y in facts_of(doc).years_stated]
    # "与2023年度相比": a comparison basis; the bare "2023年度收入" none; "2025年6月13日" is no year of the facts
    # (no 年度 / 年末)
    assert got == [(2024, False, False), (2023, True, False), (2023, False, False)]
    with pytest.raises(InputError):
        attach_tables(doc)  # no table region: not a 决算 document


def test_a_toc_without_part_headings_ends_at_prose(tmp_path):
    # 上海 预算: "目 录" lists "一、部门主要职能 … 六、其他相关情况说明" and no "第N部分" follows, so the 目录 ran to the
    # end of the document: every sentence was read as a 目录 line (a slip quoted half a line, a phrase split over
    # two lines was never seen). The 目录 ends at the first line of prose.
    from juesuan.synth import generate

    g = generate(50004, "sh-budget", "txt", plant=("fused_short",))
    p = tmp_path / "d.txt"
    p.write_bytes(g.content)
    facts = facts_of(load_document(p))
    assert facts.toc_found and all(e.line < 40 for e in facts.toc)
    (slip,) = [s for s in facts.slips if s.kind == "fused"]
    assert slip.where == "narrative" and "比2024年预算执行数增加减6.05%" in slip.text
