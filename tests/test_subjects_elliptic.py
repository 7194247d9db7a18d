"""A bare 收入/支出 takes the owner of the sentence's previous subject (claims/subjects.py ``_elliptic``).

Generated seed 181 (上海) planted "政府性基金预算财政拨款收入 1040.24 万元，支出 1223.73 万元" against 表 本年支出合计
1595.45: the 支出 was "no table row known for '支出'" and the plant went unfound; now N001 sees 1223.73 ≠ 1595.45.
"""

from juesuan.checks import Config, check_document
from juesuan.checks.registry import all_rules
from juesuan.claims.model import Claim, Span, Value
from juesuan.claims.subjects import resolve_all
from decimal import Decimal

from test_checks_rules import build_doc


def _claim(subject, raw, start):
    v = Value(raw=raw, value=Decimal(raw.split()[0]), unit="万元", role="amount")
    return Claim(kind="amount", subject=subject, text=f"{subject} {raw}", line=400, page=None, part=3,
                 part_name="决算情况说明", section="八、政府性基金", values={"amount": v}, sentence_index=0,
                 span=Span(start, start + 10))


CASE = {"sentences": ["政府性基金预算财政拨款收入 1040.24 万元，支出 1223.73 万元。"],
        "table": [{"kind": "fund", "title": "政府性基金预算财政拨款收入支出决算表",
                   "columns": ["年初结转和结余", "本年收入", "本年支出合计", "基本支出", "项目支出", "年末结转和结余"],
                   "rows": [["", "合计", "555.21", "1040.24", "1595.45", "0.00", "1595.45", "0.00"]]}]}


def test_bare_expense_takes_the_fund_owner():
    doc = build_doc(CASE)
    claims = [_claim("政府性基金预算财政拨款收入", "1040.24 万元", 0), _claim("支出", "1223.73 万元", 20)]
    resolve_all(doc, claims)
    assert claims[1].ref is not None and claims[1].ref.table == "fund" and claims[1].ref.column == "本年支出合计"
    others = {r.id for r in all_rules()} - {"N001"}
    result = check_document(doc, Config(disable=others), claims=claims)
    assert [f.rule for f in result.findings if f.severity == "error"] == ["N001"]  # 1223.73 vs 1595.45


def test_bare_word_alone_stays_unresolved():
    doc = build_doc(CASE)
    claims = [_claim("支出", "1595.45 万元", 0)]
    resolve_all(doc, claims)
    assert claims[0].ref is None
