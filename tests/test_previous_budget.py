"""Year over year for a 预算 (issue 17, item 8) on a real pair: 江苏省人民检察院 2018 预算 with its 2017 预算 as
--previous (../shared/corpus-budget). Every Y001 below was checked against the printed pages (pdftotext -layout):

- 财政拨款收、支总计 / 财政拨款支出 / 一般公共预算财政拨款支出 "增加 3,958.98 万元": 2018 公开04表 收入合计 21,940.96,
  2017 四、财政拨款收支预算总表 收入合计 17,981.68 (its narrative: "财政拨款收、支总预算 17981.68"); 21,940.96 −
  17,981.68 = 3,959.28 (as the 2018 narrative itself says of 一般公共预算收入) ≠ 3,958.98: three errors.
- 因公出国（境）费 "与上年预算数相等" 100 万元: 2017 三公 table 因公出国（境）费 110.00 (narrative "110 万元"): error.
- 基本支出 "增加 1,670.85 万元": 2017 prints 12,323.48 in its 支出预算总表 but 12323.46 in its narrative; 13,994.31 −
  12,323.46 = 1,670.85: the statement agrees with a figure the previous document prints, so a warning.
- 2040405 "减少 134 万元": 2017's 2040405 is 公诉和审判监督 150.00, another 项 than 2018's 公诉、审判、侦查、执行等
  检察监督支出 (134 = 2017's 480 + 150 + 100 + 1,299 − 1,895): no Y001 (N003 keeps 134 / 2,029 = 6.60% ≠ 0.66%).
- the rates 21.95% (3,958.67 / 17,996.68 = 22.00%), 36.58% (2,915.22 / 7,968.14 = 36.59%) and 0.06% (21.8 / 3,644.20 =
  0.60%) are wrong, but N003 says so from the sentence alone: one finding each (Y001 its related).
"""

from __future__ import annotations

from pathlib import Path

import pytest

import juesuan

SHARED = Path(__file__).resolve().parents[2] / "shared" / "corpus-budget"
CUR, PREV = SHARED / "js-jianchayuan-2018.pdf", SHARED / "js-jianchayuan-2017.pdf"

pytestmark = pytest.mark.skipif(not CUR.exists() or not PREV.exists(), reason="shared 预算 corpus not present")


@pytest.fixture(scope="module")
def report():
    return juesuan.check(str(CUR), previous=str(PREV))


def _y(report, severity=None):
    return [f for f in report.findings if f.rule == "Y001" and (severity is None or f.severity == severity)]


def test_errors_are_the_proved_ones(report):
    errs = _y(report, "error")
    assert len(errs) == 4
    assert [f.expected for f in errs if "3,958.98" in f.text] == ["3959.28 万元"] * 3
    assert [f.expected for f in errs if "因公出国" in f.message] == ["减少/下降"]
    for f in errs:
        assert "17981.68" in f.message or "110.00" in f.message


def test_previous_printed_two_ways_is_a_warning(report):
    w = [f for f in _y(report, "warning") if "1,670.85" in f.text]
    assert len(w) == 1 and "12323.46" in w[0].message and "12323.48" in w[0].message


def test_same_code_other_name_not_compared(report):
    assert not [f for f in _y(report) if "检察监督" in f.message]
    n003 = [f for f in report.findings if f.rule == "N003" and "检察监督" in f.message]
    assert len(n003) == 1 and n003[0].expected.startswith("6.60")


def test_wrong_rate_reported_once(report):
    # 36.58 % is 2915.22 / 7968.14 = 36.586% cut off, not rounded: a warning saying so (issue 18, family 11), its
    # Y001 twin too; 21.95 % (21.997%) and 0.06 % (0.598%) are errors
    for rate, severity in (("21.95", "error"), ("36.58", "warning"), ("0.06", "error")):
        hits = [f for f in report.findings if f.severity in ("error", "warning") and rate in (f.stated or "")
                and f.rule in ("N003", "Y001")]
        assert [(f.rule, f.severity) for f in hits] == [("N003", severity)], rate
        assert [(r.rule, r.severity) for r in hits[0].related] == [("Y001", severity)]


def test_agreeing_changes_verified(report):
    """Good cases of the same pair: 一般公共预算收入 "增加 3,959.28 万元" (21,940.96 − 17,981.68), 公务接待费 "小于上年预算数
    40.05 万元" (156.55 − 116.50) and 会议费 "增加 32.44 万元" (200.44 − 168.00) hold."""
    status = {c.values["change"].raw.replace(",", "").replace(" ", ""): c.status
              for c in report.claims if c.kind == "change" and "change" in c.values}
    assert [status[k] for k in ("3959.28万元", "40.05万元", "32.44万元")] == ["verified"] * 3
