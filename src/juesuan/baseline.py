"""Per-document baseline: accept the findings recorded in a previous JSON report, report only new ones.

A PDF cannot carry inline suppressions, so a department that has reviewed its findings keeps the JSON report
(``juesuan check FILE --format json --output baseline.json``) and checks later drafts with
``--baseline baseline.json``. A finding is accepted when the baseline holds a finding of the same rule quoting
the same text (whitespace ignored); each baseline entry accepts one finding, so a second identical finding
is still new. Claim verdicts are unchanged: the baseline hides findings, it does not make them right.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import regex as re


def _key(rule: str, text: str | None) -> tuple[str, str]:
    return rule, re.sub(r"\s+", "", text or "")


def read_baseline(source) -> Counter:
    """The accepted (rule, text) pairs of a JSON report (a path, a JSON string's dict, or a list of reports).
    Raises ValueError when the file is not a juesuan JSON report."""
    if isinstance(source, (str, Path)):
        try:
            data = json.loads(Path(source).read_text(encoding="utf-8"))
        except OSError as exc:
            raise ValueError(f"cannot read the baseline {source}: {exc.strerror or exc}") from None
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise ValueError(f"the baseline {source} is not JSON ({exc})".splitlines()[0]) from None
    else:
        data = source
    reports = data if isinstance(data, list) else [data]
    keys: Counter = Counter()
    for rep in reports:
        if not isinstance(rep, dict) or not isinstance(rep.get("findings"), list):
            # ValueError, not TypeError: the caller reports every ValueError as "not a baseline"
            raise ValueError("the baseline is not a juesuan JSON report (no \"findings\" list)")  # noqa: TRY004
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
