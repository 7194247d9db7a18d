"""Per-document baseline: accept the findings recorded in a previous JSON report, report only new ones.

A PDF cannot carry inline suppressions, so a department that has reviewed its findings keeps the JSON report
(``juesuan check FILE --format json --output baseline.json``) and checks later drafts with
``--baseline baseline.json``. A finding is accepted when the baseline holds a finding of the same rule quoting
the same text (whitespace ignored); each baseline entry accepts one finding, so a second identical finding
is still new. Claim verdicts are unchanged: the baseline hides findings, it does not make them right.

A reviewed workbook works as a baseline too: the 问题清单 sheet of ``check --format xlsx`` has a 状态 drop-down
(待处理 / 已整改 / 不予采纳 / 需说明) and a 处理意见 column; ``--baseline reviewed.xlsx`` accepts exactly the
findings a reviewer marked 不予采纳 (matched by 规则 and 原文 as above). Columns are found by their header (either
language), so a reviewer may reorder or add columns.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import regex as re

from .i18n import REVIEW_STATUSES

__all__ = ["REVIEW_STATUSES", "apply_baseline", "read_baseline", "read_workbook"]


def _key(rule: str, text: str | None) -> tuple[str, str]:
    return rule, re.sub(r"\s+", "", text or "")




def _labels(key: str) -> set[str]:
    from .i18n import LANGS, messages

    return {messages(lang)(key) for lang in LANGS}


def read_workbook(path: str | Path) -> Counter:
    """The (rule, text) pairs a reviewer marked 不予采纳 (rejected) in the 问题清单 sheet of a juesuan workbook.
    Raises ValueError when the file is not such a workbook."""
    try:
        from openpyxl import load_workbook
    except ImportError:  # pragma: no cover - openpyxl is a dependency
        raise ValueError(_msg("err.xlsx_needs_openpyxl")) from None
    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - a broken or foreign file is "not a workbook", one line
        raise ValueError(_msg("baseline.not_workbook", error=type(exc).__name__)) from None
    try:
        names = _labels("xlsx.findings_sheet")
        ws = next((wb[n] for n in wb.sheetnames if n in names), None)
        if ws is None:
            raise ValueError(_msg("baseline.no_sheet"))
        rows = ws.iter_rows(values_only=True)
        head = [str(h).strip() if h is not None else "" for h in next(rows, ())]
        col: dict[str, int] = {}
        for key in ("col.rule", "col.quote", "col.review"):
            labels = _labels(key)
            j = next((j for j, h in enumerate(head) if h in labels), None)
            if j is None:
                raise ValueError(_msg("baseline.no_columns"))
            col[key] = j
        rejected = _labels("review.rejected")
        keys: Counter = Counter()
        for row in rows:
            cells = list(row) + [None] * len(head)
            rule, text, status = (cells[col[k]] for k in ("col.rule", "col.quote", "col.review"))
            if rule and status is not None and str(status).strip() in rejected:
                keys[_key(str(rule).strip(), None if text is None else str(text))] += 1
        return keys
    finally:
        wb.close()


def _msg(key: str, **kw) -> str:
    from .i18n import ui

    return ui()(key, **kw)


def read_baseline(source) -> Counter:
    """The accepted (rule, text) pairs of a JSON report (a path, a JSON string's dict, or a list of reports), or
    of a reviewed workbook (a path ending in .xlsx: the findings marked 不予采纳).
    Raises ValueError when the file is not a juesuan JSON report or workbook."""
    if isinstance(source, (str, Path)) and str(source).lower().endswith(".xlsx"):
        return read_workbook(source)
    if isinstance(source, (str, Path)):
        try:
            data = json.loads(Path(source).read_text(encoding="utf-8"))
        except OSError as exc:
            raise ValueError(_msg("baseline.unreadable", path=source, error=exc.strerror or exc)) from None
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise ValueError(_msg("baseline.not_json", path=source, error=str(exc).splitlines()[0])) from None
    else:
        data = source
    reports = data if isinstance(data, list) else [data]
    keys: Counter = Counter()
    for rep in reports:
        if not isinstance(rep, dict) or not isinstance(rep.get("findings"), list):
            # ValueError, not TypeError: the caller reports every ValueError as "not a baseline"
            raise ValueError(_msg("baseline.no_findings"))  # noqa: TRY004
        for f in rep["findings"]:
            if isinstance(f, dict) and "rule" in f:
                keys[_key(f["rule"], f.get("text"))] += 1
    return keys


def apply_baseline(result, keys: Counter) -> int:
    """Drop the findings the baseline accepts; return how many were dropped (``result.baselined``)."""
    left = Counter(keys)
    kept, dropped = [], 0
    for f in result.findings:
        k = _key(f.rule, f.text)
        if left[k] > 0:
            left[k] -= 1
            dropped += 1
        else:
            kept.append(f)
    result.findings = kept
    result.baselined = dropped
    return dropped
