"""The table catalogue (patterns/tables.toml through juesuan.catalogue): totals and parts name real columns."""

from juesuan.catalogue import kind_name, match_title, row_identities, specs, total_column


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
    assert set(ids) == {"income", "gpb_expense", "expense", "fund", "soe"}


def test_every_example_title_is_recognised():
    for spec in specs():
        assert match_title(spec.raw["example"]) is spec, spec.id
        assert kind_name(spec.id) == spec.name
