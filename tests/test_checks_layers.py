"""checks/: a rule module (rules/<family>/<ID>.py) imports checks/base.py and the shared helper modules of checks/,
never another rule module; a helper module imports no rule module; nothing in checks/ imports the report layer or
the claim extractor (issues 13 and 20)."""

import ast
from pathlib import Path

CHECKS = Path(__file__).resolve().parents[1] / "src" / "juesuan" / "checks"
RULES = CHECKS / "rules"
PKG = "juesuan.checks"


def _module(path: Path) -> str:
    parts = list(path.relative_to(CHECKS.parents[1]).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> list[str]:
    """The absolute modules ``path`` imports from (relative imports resolved; ``from . import x`` gives ``.x``)."""
    here = _module(path).split(".")
    package = here if path.name == "__init__.py" else here[:-1]
    out = []
    for n in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(n, ast.ImportFrom):
            base = n.module or "" if n.level == 0 else ".".join(package[: len(package) - n.level + 1] +
                                                                 ([n.module] if n.module else []))
            out.append(base)
            if not n.module:
                out += [f"{base}.{a.name}" for a in n.names]
        elif isinstance(n, ast.Import):
            out += [a.name for a in n.names]
    return out


def _rule_modules() -> list[Path]:
    return [p for p in RULES.glob("*/*.py") if p.name != "__init__.py"]


def test_rule_modules_do_not_import_each_other():
    rules = {_module(p) for p in _rule_modules()}
    assert len(rules) > 50
    bad = {p.stem: [m for m in _imports(p) if m.startswith(f"{PKG}.rules")] for p in _rule_modules()}
    assert not {k: v for k, v in bad.items() if v}, bad


def test_helpers_do_not_import_rules():
    """A helper module of checks/ (ratios, tableutil …) holds what several rules share: it never reaches into a
    rule. The registry alone finds the rules (by their folders)."""
    helpers = [p for p in CHECKS.glob("*.py") if p.stem not in ("registry",)]
    bad = {p.stem: [m for m in _imports(p) if m.startswith(f"{PKG}.rules")] for p in helpers}
    assert not {k: v for k, v in bad.items() if v}, bad


def test_rule_folders_hold_only_rules():
    """No helper lives in a rule folder: every module of rules/<family>/ is one rule, named by its id."""
    for p in _rule_modules():
        tree = ast.parse(p.read_text(encoding="utf-8"))
        classes = [n for n in tree.body if isinstance(n, ast.ClassDef)
                   and any(isinstance(b, ast.Assign) and ast.unparse(b) == f"id = {p.stem!r}" for b in n.body)]
        assert len(classes) == 1, p


def test_checks_do_not_import_report_or_extractor():
    paths = [*CHECKS.glob("*.py"), *RULES.rglob("*.py")]
    bad = {p.stem: m for p in paths for m in _imports(p)
           if m == "juesuan.report" or m.startswith("juesuan.report.") or m == "juesuan.claims.extract"}
    assert not bad, bad
