"""预算 claims: the [[budget_subject]] vocabulary, the stray-digit reading, and the shared budget documents read
end to end (claims verified or contradicted, every error proved: /work/coord/budget-claims.md)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
import regex as re

from juesuan.checks.narrative_budget_changes import stray_digit
from juesuan.claims.budget import base_of_basis, budget_subject
from juesuan.claims.patterns import spec
from juesuan.numbers import Interval

BUDGETS = Path(__file__).resolve().parents[2] / "shared" / "corpus-budget"


def test_budget_subject_examples_change_under_their_rule():
    for e in spec()["budget_subject"]:
        assert re.search(e["match"], e["example"]), e["example"]


@pytest.mark.parametrize("subject,name", [
    ("基本支出预算数", "基本支出"),
    ("收、支预算总计", "收、支总计"),
    ("一般公共预算拨款支出预算", "一般公共预算拨款支出"),
    ("财政拨款收、支总预算", "财政拨款收、支总计"),
    ("“社会保障和就业支出（类）行政事业单位养老支出（款）事业单位离退休（项）”",
     "社会保障和就业支出（类）行政事业单位养老支出（款）事业单位离退休（项）"),
    ("“住房保障支出-住房改革支出-住房公积金”科目", "住房保障支出（类）住房改革支出（款）住房公积金（项）"),
    ("公共安全（类）支出", "公共安全（类）"),
    ("主要原因是基本支出", "基本支出"),
    ("“三公”经费", "“三公”经费"),
])
def test_budget_subject(subject, name):
    assert budget_subject(subject) == name


@pytest.mark.parametrize("basis,expected", [
    ("比2024年预算执行数", ("2024年预算执行数", 2024, "执行数")),
    ("与上年预算数", ("上年预算", None, "预算")),
    ("比 2024 年预算", ("2024年预算", 2024, "预算")),
    ("本年数等于上年预算数", ("上年预算", None, "预算")),
    ("与上年相比", ("上年度", None, None)),
    ("比2023年决算数", ("2023年决算数", 2023, "决算")),
])
def test_base_of_basis(basis, expected):
    assert base_of_basis(basis) == expected


def test_stray_digit():
    # 53.84 against 154.60 says −1.39%: only 54.60 (one digit removed) gives it
    rate = Interval.of(Decimal("-1.39")).scale(Decimal("0.01"))
    assert stray_digit("154.60万元", Interval.of(Decimal("53.84")), rate) == "54.60"
    assert stray_digit("54.60万元", Interval.of(Decimal("53.84")), rate) is None  # already fits: nothing to remove
    assert stray_digit("711.34万元", Interval.of(Decimal("738.66")), rate) is None
