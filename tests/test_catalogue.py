"""The table catalogue (patterns/tables.toml through juesuan.catalogue): totals and parts name real columns."""

import regex as re

from juesuan.catalogue import (
    carry_over,
    column_of,
    fund_types,
    kind_name,
    match_title,
    row_identities,
    sangong_counted,
    sangong_item_parts,
    sangong_items,
    sangong_said,
    specs,
    total_column,
)


def test_total_and_parts_are_columns_of_their_table():
    for spec in specs():
        cols = [c for c, _ in spec.columns] + [c for c, _ in spec.raw.get("right_columns", [])]
        total = total_column(spec.id)
        assert total is None or total in cols, spec.id
        for part in spec.raw.get("parts", []):
            assert part in cols, (spec.id, part)


def test_row_identities_of_the_coded_tables():
    ids = row_identities()
    assert ids["expense"][0] == "本年支出合计" and ids["gpb_expense"] == ("合计", ["基本支出", "项目支出"])
    # the 决算 coded tables, and the 预算 tables that add columns up in every row (issue 17)
    assert set(ids) == {"income", "gpb_expense", "expense", "fund", "soe", "fiscal_expense", "fiscal_basic", "gpb_basic"}
    assert ids["expense"][1] == ["基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出", "单位预留机动经费"]
    assert ids["gpb_basic"] == ("合计", ["人员经费", "公用经费"])


def test_every_example_title_is_recognised():
    for spec in specs():
        if spec.raw.get("variant_only"):
            continue  # reached through another title's variants
        assert match_title(spec.raw["example"]) is spec, spec.id
        assert kind_name(spec.id, spec.doc_kind) == spec.name


def test_sangong_vocabulary_names_the_tables_items():
    items = sangong_items()
    assert items[0] == "合计" and len(items) == 6
    for whole, parts in sangong_item_parts():
        assert whole in items and parts and all(p in items for p in parts), whole
    assert all(item in items for _, item in sangong_said() + sangong_counted())
    # the first word found decides: a longer word stands before any word it contains
    said = [w for w, _ in sangong_said()]
    assert all(not (said[j] in said[i]) for i in range(len(said)) for j in range(i))
    assert next(it for rx, it in sangong_counted() if re.search(rx, "接待国内来访团组3个")) == "公务接待费"


def test_fund_types_are_the_fiscal_totals_fund_columns():
    assert fund_types() == ["一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款"]


def test_carry_over_columns_are_columns_of_their_table():
    for spec in specs():
        cols = spec.raw.get("carry_over")  # a 预算 table of the same id has none (issue 17)
        if cols is not None:
            assert set(cols) == {"begin", "income", "end"}
            assert all(c in [n for n, _ in spec.columns] for c in cols.values()), spec.id
    assert carry_over("fund") and carry_over("soe") and carry_over("expense") is None


def test_column_roles_are_columns_of_their_table():
    for spec in specs():
        for role, col in spec.raw.get("roles", {}).items():
            assert col in [n for n, _ in spec.columns] and column_of(spec.id, role) == col, (spec.id, role)
    assert column_of("project_eval", "score") == "自评得分"
