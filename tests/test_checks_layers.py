"""checks/: a rule module imports only checks/base.py and the shared helpers (claimutil, tableutil), never another
rule module, and nothing in checks/ imports the report layer (issue 13)."""

import ast
from pathlib import Path

CHECKS = Path(__file__).resolve().parents[1] / "src" / "juesuan" / "checks"
SHARED = {"base", "claimutil", "tableutil"}
ENGINE = {"__init__", "registry", "docs"}  # the engine and the catalogue see every rule


def _imports(path: Path) -> list[tuple[int, str]]:
    out = []
    for n in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(n, ast.ImportFrom):
            out.append((n.level, n.module or ""))
            if n.level == 1 and not n.module:  # from . import x, y
                out += [(1, a.name) for a in n.names]
    return out


def test_rule_modules_do_not_import_each_other():
    rules = {p.stem for p in CHECKS.glob("*.py")} - SHARED - ENGINE
    assert {"narrative_table", "table_identities", "narrative_narrative"} <= rules
    bad = {}
    for p in CHECKS.glob("*.py"):
        if p.stem in ENGINE:
            continue
        hits = [m for level, m in _imports(p) if level == 1 and m.split(".")[0] in rules]
        if hits:
            bad[p.stem] = hits
    assert not bad, bad


def test_checks_do_not_import_report_or_extractor():
    bad = {p.stem: m for p in CHECKS.glob("*.py") for level, m in _imports(p)
           if (level == 2 and (m == "report" or m.startswith("report.") or m == "claims.extract"))}
    assert not bad, bad
