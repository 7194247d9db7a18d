"""`juesuan eval`: precision, recall and F1 of the checker on labelled documents.

A labelled document is ``NAME.txt``, ``NAME.pdf`` or ``NAME.docx`` with a sidecar ``NAME.labels.json`` (written by
:mod:`juesuan.synth`): ``{"seed", "style", "format", "planted": [{"kind", "group", "text", ...}], ...}``.
Only findings of error or warning severity count (infos are notes, not alarms).

Recall: a planted discrepancy counts as found when an error/warning finding quotes it: the finding's text
contains the planted text, or the planted text contains the finding's text (whitespace ignored). A changed
table cell (kinds table_cell, cross_table, basic_sangong_line; the label's ``cell``) is also found by a finding
that cites that exact cell in its evidence: the same table (printed title; a 预算 prints it after its number or
year, "公开08表：…", "2025年部门…", which the label's title leaves out), the same row (its 科目 code; without
a code its name; the 三公 table's single row needs neither), a column whose every header part is one of the
cell's header parts, and the planted value. A reviewer handed T004's failed sum (which lists every part) or
N001's narrative figure against the cell is pointed at the cell; a finding on a neighbour, on the original value
or without a column is not. cross_table moves a 表五 项 together with its 款, 类 and 合计 (every sum of 表五
holds): a finding citing one of those changed cells at its new value (``cells``) found it too.

Undetectable plants: the generator labels a plant ``"detectable": false`` with a ``reason`` when it can prove
that the document does not show it (e.g. a change clause replaced by 持平 where no other statement, part/whole
relation or table fixes the previous year: see synth/errors.py ``_derivable``). They are not scored: recall,
per group and per kind, is over detectable plants; the report lists the undetectable ones with their reasons.

Precision — which findings the plants caused (the *clean-twin* attribution). The generator renders
every document from its seed; rendering the same seed, style and format with no plants gives the
document's clean twin, identical except for the planted changes. The twin is checked too, and each
finding is keyed by (rule, quoted text with whitespace removed). A finding on the planted document is
*caused by the plants* iff its key does not occur on the twin (as a multiset: if a key occurs twice on
the planted document and once on the twin, one of the two is caused). Everything else is a false
alarm, in particular a finding that fires on the planted document and, identically quoted, on its twin
— the tool would have raised it without the plant. On a clean document (no plants) every finding is a
false alarm. A sidecar without a seed (not written by the generator) has no twin: there a finding is
caused only if it quotes a planted text (the recall test), a stricter rule.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from .numbers import normalize
from .text import squash as _squash

GROUPS = ("table", "narrative_table", "narrative_narrative", "completeness")
RULE_GROUP = {"T": "table", "N": "narrative_table", "X": "narrative_narrative", "C": "completeness"}


def labelled_documents(directory: Path) -> list[tuple[Path, Path]]:
    out = []
    for lab in sorted(Path(directory).rglob("*.labels.json")):
        stem = lab.name[: -len(".labels.json")]
        for ext in (".pdf", ".txt", ".docx"):
            doc = lab.with_name(stem + ext)
            if doc.exists():
                out.append((doc, lab))
                break
    return out


def quotes(finding_text: str, planted_text: str) -> bool:
    """The finding quotes the planted text (whitespace ignored). Both are compared as the reader reads text: ingest
    turns full-width digits, ％ and ． into ASCII (numbers.normalize), so a finding on "2．…（项）支出 256.74 万元" quotes
    it as "2.…"; nothing else is equated."""
    f, p = _squash(normalize(finding_text or "")), _squash(normalize(planted_text or ""))
    if not f or not p:
        return False
    return p in f or (len(f) >= 4 and f in p)


_NUM = re.compile(r"-?\d[\d,]*(?:\.\d+)?")
# header names the checker and the generator give the same column (表五's first amount column: 合计 or 小计)
_COLUMN_ALIAS = {"小计": "合计", "本年支出合计": "合计"}


def _number(text: str) -> str | None:
    m = _NUM.search(text or "")
    if not m:
        return None
    n = m.group(0).replace(",", "")
    return n.rstrip("0").rstrip(".") if "." in n else n


def _column_parts(text: str) -> set[str]:
    return {_COLUMN_ALIAS.get(p, p) for p in (_squash(x) for x in (text or "").split("|")) if p}


def cites_cell(finding: dict, cell: dict) -> bool:
    """The finding's evidence names the planted cell: same table (printed title), same row (its 科目 code, else
    its name; a table with one body row and neither — the 三公 table — any row), a column whose every header
    part is one of the cell's header parts, and the planted value."""
    title, value = _squash(cell.get("title")), _number(cell.get("value", ""))
    want_cols = _column_parts(cell.get("column", ""))
    code, name = cell.get("code"), _squash(cell.get("name"))
    for ev in finding.get("evidence", []):
        if len(ev) < 4:
            continue
        table, val, row, column = ev[:4]
        t = _squash(table)  # a table's label is its number and title ("公开05表 一般公共预算…"), the cell names its title
        if not table or not (t == title or (title and t.endswith(title))) or value is None or _number(val) != value:
            continue
        cols = _column_parts(column)
        if not cols or not cols <= want_cols:
            continue
        r = _squash(row)
        if code and not re.search(rf"(?<!\d){code}(?!\d)", r):
            continue
        if not code and name and name not in r:
            continue
        return True
    return False


def found_by(finding: dict, planted: dict) -> bool:
    """A finding found a plant when it quotes it, or — a changed table cell — cites that exact cell (or, for a
    branch moved as one, one of its cells) in its evidence."""
    if quotes(finding["text"], planted.get("text", "")):
        return True
    cells = ([planted["cell"]] if isinstance(planted.get("cell"), dict) else []) + list(planted.get("cells") or [])
    return any(cites_cell(finding, c) for c in cells if isinstance(c, dict))


class WorkerDied(Exception):
    """A worker process of ``eval --jobs N`` died (killed, out of memory): the run fails with one line."""


def _read_labels(lab_path: str) -> tuple[dict | None, str | None]:
    """The labels of a document, or (None, why they cannot be used)."""
    try:
        labels = json.loads(Path(lab_path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        return None, f"labels file unreadable: {exc}"
    except json.JSONDecodeError as exc:
        return None, f"labels file is not valid JSON: {exc}"
    if not isinstance(labels, dict):
        return None, "labels file must hold a JSON object"
    planted = labels.get("planted", [])
    if not isinstance(planted, list) or not all(isinstance(p, dict) and isinstance(p.get("text", ""), str) for p in planted):
        return None, "labels file: 'planted' must be a list of objects with a 'text'"
    return labels, None


def _check(doc_path: str | Path):
    """The result of one labelled document with the default settings of the one config loader (no file: a
    benchmark measures every rule, whatever config lies around)."""
    from .checks import check_document
    from .config import load
    from .pipeline import load_document

    settings = load()
    return check_document(load_document(doc_path, engine=settings.engine, limits=settings.limits), settings.rules)


def _alarms(result) -> list[dict]:
    return [
        {
            "rule": f.rule,
            "severity": f.severity,
            "text": f.text,
            "stated": f.stated,
            "expected": f.expected,
            "evidence": [(e.table or "", e.value or "", e.row or "", e.column or "") for e in f.evidence],
        }
        for g in result.findings
        for f in (g, *g.related)  # a rule's detection counts also when listed under the same cause's finding
        if f.severity in ("error", "warning")
    ]


def finding_key(f: dict) -> tuple[str, str]:
    """What makes two findings the same alarm: the rule and the quoted text (whitespace ignored)."""
    return (f["rule"], _squash(f["text"]))


def twin_findings(labels: dict, suffix: str) -> list[dict] | None:
    """The error/warning findings on the clean twin (same seed, style and format, no plants), or None."""
    if not labels.get("planted") or labels.get("seed") is None or not labels.get("style"):
        return None
    import tempfile

    from .synth import generate

    fmt = labels.get("format") or suffix.lstrip(".")
    twin = generate(int(labels["seed"]), labels["style"], fmt, n_errors=0)
    with tempfile.TemporaryDirectory() as tmp:
        p = Path(tmp) / f"twin.{fmt}"
        p.write_bytes(twin.content)
        return _alarms(_check(p))


def attribute(findings: list[dict], twin: list[dict] | None, planted: list[dict]) -> None:
    """Set ``caused`` on each finding (see the module docstring: clean-twin attribution)."""
    if not planted:
        for f in findings:
            f["caused"] = False
        return
    if twin is None:
        for f in findings:
            f["caused"] = any(found_by(f, p) for p in planted)
        return
    left: dict[tuple[str, str], int] = defaultdict(int)
    for f in twin:
        left[finding_key(f)] += 1
    for f in findings:
        k = finding_key(f)
        if left[k] > 0:
            left[k] -= 1
            f["caused"] = False
        else:
            f["caused"] = True


def _evaluate_one(args: tuple[str, str]) -> dict:
    """One document → its findings; a bad labels file or a failing document is a row with an error."""
    from .errors import InputError

    doc_path, lab_path = args
    labels, why = _read_labels(lab_path)
    if labels is None:
        return {"path": doc_path, "error": " ".join(str(why).split()), "label_error": True, "planted": [], "findings": []}
    planted = labels.get("planted", [])
    tag = {"doc_kind": _doc_kind(labels), "style": labels.get("style")}
    try:
        return {**_run_one(doc_path, labels, planted), **tag}
    except InputError as exc:
        return {"path": doc_path, "error": str(exc), "planted": planted, "findings": [], **tag}
    except Exception as exc:  # noqa: BLE001  # a failing document is reported as a row; the run goes on
        msg = " ".join(f"{type(exc).__name__}: {exc}".split())[:300]
        return {"path": doc_path, "error": f"internal error: {msg}", "planted": planted, "findings": [], **tag}


def _doc_kind(labels: dict) -> str:
    """决算 or 预算: the label's ``kind`` (sidecars written before 预算 existed have none: 决算)."""
    k = labels.get("kind")
    return k if k in ("决算", "预算") else "决算"


def _run_one(doc_path: str, labels: dict, planted: list) -> dict:
    result = _check(doc_path)
    twin = twin_findings(labels, Path(doc_path).suffix)
    findings = _alarms(result)
    attribute(findings, twin, planted)
    s = result.summary
    return {
        "path": doc_path,
        "style": labels.get("style"),
        "format": labels.get("format"),
        "planted": planted,
        "findings": findings,
        "claims": s["claims"],
        "checked": s["verified"] + s["contradicted"],
    }


def evaluate(directory: Path, jobs: int = 1) -> dict:
    pairs = [(str(d), str(lab)) for d, lab in labelled_documents(directory)]
    if jobs > 1:
        try:
            with ProcessPoolExecutor(max_workers=jobs) as ex:
                runs = list(ex.map(_evaluate_one, pairs, chunksize=4))
        except BrokenProcessPool:
            raise WorkerDied(
                "eval: a worker process died (killed or out of memory?); no report was written — rerun with --jobs 1 "
                "to find the document"
            ) from None
    else:
        runs = [_evaluate_one(p) for p in pairs]
    return score(runs)


def _prf(tp_found: int, planted: int, tp_findings: int, findings: int) -> dict:
    recall = tp_found / planted if planted else None
    precision = tp_findings / findings if findings else None
    if precision is None or recall is None or precision + recall == 0:
        f1 = None
    else:
        f1 = 2 * precision * recall / (precision + recall)
    return {"precision": precision, "recall": recall, "f1": f1, "planted": planted, "found": tp_found, "findings": findings, "true_findings": tp_findings}


def score(runs: list[dict]) -> dict:
    planted_by: dict[str, int] = defaultdict(int)
    found_in: dict[str, int] = defaultdict(int)
    findings_by: dict[str, int] = defaultdict(int)
    true_by: dict[str, int] = defaultdict(int)
    by_kind: dict[str, dict[str, int]] = defaultdict(lambda: {"planted": 0, "found": 0})
    per_doc: dict[str, dict] = defaultdict(_doc_kind_tally)
    per_style: dict[str, dict] = defaultdict(_doc_kind_tally)
    clean_docs = clean_false_errors = unreadable = 0
    claims = checked = 0
    misses: list[dict] = []
    undetectable: list[dict] = []
    false_alarms: list[dict] = []
    errors: list[dict] = []
    for run in runs:
        if "error" in run:
            errors.append({"path": run["path"], "error": run["error"]})
            if run.get("label_error"):
                continue  # nothing to score against
            unreadable += 1
        dk = _Tallies(per_doc[run.get("doc_kind", "决算")], per_style[str(run.get("style") or "?")])
        dk["documents"] += 1
        dk["unreadable"] += "error" in run
        claims += run.get("claims", 0)
        checked += run.get("checked", 0)
        planted = run["planted"]
        if not planted:
            clean_docs += 1
            errs = sum(1 for f in run["findings"] if f["severity"] == "error")
            clean_false_errors += errs
            dk["clean_documents"] += 1
            dk["clean_false_errors"] += errs
        for p in planted:
            if p.get("detectable", True) is False:
                undetectable.append({"path": run["path"], **p})
                continue
            g = p.get("group", "unknown")
            planted_by[g] += 1
            by_kind[p.get("kind", "?")]["planted"] += 1
            dk.kind(p.get("kind", "?"), "planted")
            dk["planted"] += 1
            if any(found_by(f, p) for f in run["findings"]):
                found_in[g] += 1
                by_kind[p.get("kind", "?")]["found"] += 1
                dk.kind(p.get("kind", "?"), "found")
                dk["found"] += 1
            else:
                misses.append({"path": run["path"], **p})
        for f in run["findings"]:
            g = RULE_GROUP.get(f["rule"][:1], "unknown")
            findings_by[g] += 1
            dk["findings"] += 1
            if f.get("caused", False):
                true_by[g] += 1
                dk["true_findings"] += 1
            else:
                false_alarms.append({"path": run["path"], **f})
    groups = sorted(set(planted_by) | set(findings_by) | set(GROUPS))
    by_group = {g: _prf(found_in[g], planted_by[g], true_by[g], findings_by[g]) for g in groups}
    overall = _prf(sum(found_in.values()), sum(planted_by.values()), sum(true_by.values()), sum(findings_by.values()))
    return {
        "documents": len(runs),
        "errors": errors,
        "clean_documents": clean_docs,
        "clean_false_errors": clean_false_errors,
        "unreadable": unreadable,
        "overall": overall,
        "by_group": by_group,
        "by_kind": dict(by_kind),
        "by_document_kind": {k: _doc_kind_summary(v) for k, v in sorted(per_doc.items())},
        "by_style": {k: _doc_kind_summary(v) for k, v in sorted(per_style.items())},
        "figures_checked_share": checked / claims if claims else None,
        "misses": misses,
        "undetectable": undetectable,
        "false_alarms": false_alarms,
    }


class _Tallies:
    """Counts kept at once for a document's kind (决算 / 预算) and its generator style: ``t["x"] += n`` adds to
    both."""

    def __init__(self, *tallies: dict):
        self.tallies = tallies

    def __getitem__(self, key: str) -> int:
        return self.tallies[0][key]

    def __setitem__(self, key: str, value: int) -> None:
        add = value - self.tallies[0][key]
        for t in self.tallies:
            t[key] += add

    def kind(self, kind: str, what: str) -> None:
        for t in self.tallies:
            t["by_kind"][kind][what] += 1


def _doc_kind_tally() -> dict:
    return {"documents": 0, "unreadable": 0, "clean_documents": 0, "clean_false_errors": 0, "planted": 0,
            "found": 0, "findings": 0, "true_findings": 0,
            "by_kind": defaultdict(lambda: {"planted": 0, "found": 0})}


def _doc_kind_summary(t: dict) -> dict:
    """One document kind's (决算 / 预算) tallies with its precision and recall."""
    prf = _prf(t["found"], t["planted"], t["true_findings"], t["findings"])
    return {**{k: v for k, v in t.items() if k != "by_kind"}, **prf, "by_kind": dict(t["by_kind"])}


def _f(x) -> str:
    return "—" if x is None else f"{x:.3f}"


def render_eval(report: dict, fmt: str = "text") -> str:
    if fmt == "json":
        return json.dumps(report, ensure_ascii=False, indent=1)
    o = report["overall"]
    lines = [
        f"documents {report['documents']} (clean {report['clean_documents']}, unreadable {report['unreadable']})",
        f"error-level findings on clean documents: {report['clean_false_errors']}",
        (f"overall  precision {_f(o['precision'])}  recall {_f(o['recall'])}  f1 {_f(o['f1'])}  "
         f"(planted {o['planted']}, found {o['found']}, findings {o['findings']})"),
        f"claims checked (verified or contradicted): {_f(report['figures_checked_share'])}",
        "",
        f"{'group':22} {'precision':>9} {'recall':>7} {'f1':>6} {'planted':>8} {'findings':>9}",
    ]
    for g, m in report["by_group"].items():
        lines.append(f"{g:22} {_f(m['precision']):>9} {_f(m['recall']):>7} {_f(m['f1']):>6} {m['planted']:>8} {m['findings']:>9}")
    lines.append("")
    lines.append(f"{'planted kind':22} {'found':>6} / planted")
    for k, m in sorted(report["by_kind"].items()):
        lines.append(f"{k:22} {m['found']:>6} / {m['planted']}")
    per = report.get("by_document_kind") or {}
    if len(per) > 1 or "预算" in per:
        for dk, m in per.items():
            lines.append("")
            lines.append(f"{dk}: documents {m['documents']} (clean {m['clean_documents']}, unreadable "
                         f"{m['unreadable']}), error-level findings on clean documents {m['clean_false_errors']}, "
                         f"precision {_f(m['precision'])}, recall {_f(m['recall'])}")
            for k, km in sorted(m["by_kind"].items()):
                lines.append(f"  {k:22} {km['found']:>6} / {km['planted']}")
    styles = report.get("by_style") or {}
    if set(styles) - {"henan", "shanghai"}:
        lines.append("")
        lines.append(f"{'style':12} {'documents':>9} {'unreadable':>10} {'clean errors':>12} {'precision':>9} {'recall':>7}")
        for st, m in styles.items():
            lines.append(f"{st:12} {m['documents']:>9} {m['unreadable']:>10} {m['clean_false_errors']:>12} "
                         f"{_f(m['precision']):>9} {_f(m['recall']):>7}")
    und = report.get("undetectable") or []
    if und:
        lines.append("")
        lines.append(f"undetectable plants (not scored, {len(und)}):")
        for p in und:
            lines.append(f"  {Path(p['path']).name} {p.get('kind')}: {p.get('reason', '')}")
    if report.get("errors"):
        lines.append("")
        lines.append(f"documents not scored or unreadable ({len(report['errors'])}):")
        for e in report["errors"]:
            lines.append(f"  {e['path']}: {e['error']}")
    return "\n".join(lines)
