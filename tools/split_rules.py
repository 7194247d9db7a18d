"""Codemod: one rule per module, the folder is the family (issue 20, item 4) — ``checks/rules/<family>/<ID>.py``.

Re-runnable on any tree where rules still live in flat modules of ``src/juesuan/checks/`` (a module with a top-level
``RULES = [...]`` list): the whole old layout, or flat rule modules added after a first run. For each such module:

* every Rule class of ``RULES`` goes to ``checks/rules/<family>/<ID>.py``, its family the value of its ``group``
  attribute (resolved through a module constant such as ``GROUP``; renamed by ``FAMILY_RENAME``), with the module's
  top-level definitions (functions, classes, constants) that this rule alone uses, transitively;
* definitions two or more rules use, or that product code outside the module imports, go to a helper module of
  ``checks/`` (``HELPER_HOME`` names it; not a rule folder); definitions no rule uses go there too (nothing is lost);
* the ``group = …`` line leaves the class (the family is read from the folder) and the engine's declarations are
  written on it, migrated once from what the engine inferred from the rule's id letter: ``compares`` (T: "tables",
  N and C: "narrative_tables", X: "narrative", Y: "previous"), ``decides_verdicts = False`` (every C-rule but
  C001), ``reports_table_diagnosis = True`` (T010), ``reports_unchecked = True`` (the C-rules: never grouped by
  cause), ``one_finding_per_document = True`` (X033);
* imports are rewritten everywhere (src, tests, tools): ``from .narrative_table import _base_what`` becomes an
  import from the module the name now lives in; ``registry.RUN_ORDER`` keeps the run order of the old registry
  (new rules are appended); a family package ``rules/<family>/__init__.py`` gets the docstring of the module named
  after the family (or of the module of its first rule);
* rule cases move to ``tests/rules/<family>/<ID>.toml``; ``[rules.group]`` of the message catalogues becomes
  ``[rules.family]`` (renamed families renamed, merged ones dropped); a renamed family's vocabulary file follows
  it (``VOCABULARY_RENAME``).

Usage::

    python tools/split_rules.py            # rewrite the tree, then: ruff check --fix src tests tools
    python tools/split_rules.py --dry-run  # say what would move where

Only the standard library (``ast``); the source of every moved definition is copied verbatim (comments included).
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
import textwrap
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src"
CHECKS = SRC / "juesuan" / "checks"
RULES_DIR = CHECKS / "rules"
CASES = ROOT / "tests" / "rules"
PKG = "juesuan.checks"

# one word per concept: T011 said "table_identity" where its siblings say "table_identities"; "facts" names the
# claims layer's document facts (claims/mentions.py, facts_of) as well, so the family of X040-X044 is renamed
FAMILY_RENAME = {"table_identity": "table_identities", "facts": "restatements"}
# the vocabulary files of a renamed family follow it (patterns/facts.toml → patterns/restatements.toml)
VOCABULARY_RENAME = {"facts": "restatements"}
# where the definitions shared by the rules of a flat module go (a helper module of checks/, not a rule folder);
# a module not listed gets "<module>_helpers"
HELPER_HOME = {
    "narrative_table": "ratios",
    "table_identities": "table_sums",
    "slips": "slip_helpers",
    "facts": "restatement_helpers",
    "reliability": "repairs",
    "previous": "pairing",
    "kemu": "kemu_catalogue",
    "completeness": "completeness_helpers",
    "coherence": "coherence_helpers",
    "narrative_budget_changes": "budget_changes",
    "narrative_narrative": "narrative_helpers",
    "narrative_projects": "project_helpers",
}
# modules of checks/ that are not rule modules
ENGINE = {"__init__", "base", "registry", "docs", "grouping", "claimutil", "tableutil"}
WRITTEN: list[Path] = []  # the Python files written or rewritten (their imports sorted at the end)
# the engine's declarations, migrated from the id letters the engine read before (issue 20)
COMPARES = {"T": "tables", "N": "narrative_tables", "C": "narrative_tables", "X": "narrative", "Y": "previous"}


def decides_verdicts(rule_id: str) -> bool:
    return rule_id[:1] in "TNXY" or rule_id == "C001"


# ---- reading a module ------------------------------------------------------------------------------------------------


@dataclass
class Stmt:
    node: ast.stmt
    start: int  # first line (1-based) with its decorators and the comment lines directly above
    end: int
    kind: str  # doc | future | import | def | rules | group | other
    binds: set[str] = field(default_factory=set)
    uses: set[str] = field(default_factory=set)


@dataclass
class Module:
    name: str
    path: Path
    lines: list[str]
    stmts: list[Stmt]
    doc: str | None
    imports: dict[str, tuple[Stmt, ast.alias]]  # bound name → the import statement and its alias
    defs: dict[str, Stmt]  # bound name → the definition
    rules: list[str]  # class names of RULES, in order


def _names_in(node: ast.AST) -> set[str]:
    """The names a statement uses, quoted annotations ("Table", "list[Claim]") included (other strings not)."""
    out: set[str] = set()
    for n in ast.walk(node):
        if isinstance(n, ast.Name):
            out.add(n.id)
        notes: list[ast.expr | None] = []
        if isinstance(n, ast.arg):
            notes.append(n.annotation)
        elif isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)):
            notes.append(n.returns)
        elif isinstance(n, ast.AnnAssign):
            notes.append(n.annotation)
        for a in notes:
            for c in ast.walk(a) if a is not None else ():
                if isinstance(c, ast.Constant) and isinstance(c.value, str):
                    out.update(re.findall(r"[A-Za-z_]\w*", c.value))
    return out


def _binds(node: ast.stmt) -> set[str]:
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return {node.name}
    if isinstance(node, ast.Assign):
        return {n.id for t in node.targets for n in ast.walk(t) if isinstance(n, ast.Name)}
    if isinstance(node, (ast.AnnAssign, ast.AugAssign)) and isinstance(node.target, ast.Name):
        return {node.target.id}
    return set()


def _is_type_checking(node: ast.stmt) -> bool:
    return isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)


def read_module(path: Path) -> Module:
    text = path.read_text(encoding="utf-8")
    tree = ast.parse(text)
    lines = text.splitlines()
    stmts: list[Stmt] = []
    prev_end = 0
    doc = ast.get_docstring(tree, clean=False)
    for node in tree.body:
        first = min([node.lineno] + [d.lineno for d in getattr(node, "decorator_list", [])])
        start = first
        while start - 1 > prev_end and lines[start - 2].lstrip().startswith("#"):
            start -= 1  # the comment lines directly above belong to the statement
        end = node.end_lineno or node.lineno
        s = Stmt(node, start, end, "other")
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str) \
                and not stmts:
            s.kind = "doc"
        elif isinstance(node, ast.ImportFrom) and node.module == "__future__":
            s.kind = "future"
        elif isinstance(node, (ast.Import, ast.ImportFrom)) or _is_type_checking(node):
            s.kind = "import"
        elif isinstance(node, ast.Assign) and _binds(node) == {"RULES"}:
            s.kind = "rules"
        elif isinstance(node, ast.Assign) and _binds(node) == {"GROUP"}:
            s.kind = "group"
        elif _binds(node):
            s.kind = "def"
            s.binds = _binds(node)
            s.uses = _names_in(node) - s.binds if not isinstance(node, ast.ClassDef) else _names_in(node) - {node.name}
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                s.uses = _names_in(node) - {node.name}
        stmts.append(s)
        prev_end = end
    imports: dict[str, tuple[Stmt, ast.alias]] = {}
    for s in stmts:
        if s.kind != "import":
            continue
        for n in ast.walk(s.node):
            if isinstance(n, (ast.Import, ast.ImportFrom)):
                for a in n.names:
                    imports[(a.asname or a.name).split(".")[0]] = (s, a)
    defs = {b: s for s in stmts if s.kind == "def" for b in s.binds}
    rules: list[str] = []
    for s in stmts:
        if s.kind == "rules":
            value = s.node.value  # type: ignore[attr-defined]
            rules = [e.id for e in value.elts if isinstance(e, ast.Name)]
    return Module(path.stem, path, lines, stmts, doc, imports, defs, rules)


def class_attr(mod: Module, cls: str, attr: str) -> str | None:
    node = mod.defs[cls].node
    assert isinstance(node, ast.ClassDef)
    for b in node.body:
        if isinstance(b, ast.Assign) and any(isinstance(t, ast.Name) and t.id == attr for t in b.targets):
            v = b.value
            if isinstance(v, ast.Constant):
                return str(v.value)
            if isinstance(v, ast.Name):  # group = GROUP
                for s in mod.stmts:
                    if s.kind == "group" and isinstance(s.node, ast.Assign):
                        return str(s.node.value.value)  # type: ignore[attr-defined]
    for base in node.bases:  # inherited from a class of the same module
        if isinstance(base, ast.Name) and base.id in mod.defs:
            got = class_attr(mod, base.id, attr)
            if got is not None:
                return got
    return None


# ---- planning the move -----------------------------------------------------------------------------------------------


@dataclass
class RulePlan:
    module: str
    cls: str
    id: str
    family: str
    own: list[str] = field(default_factory=list)  # definitions that move with it

    @property
    def target(self) -> str:
        return f"{PKG}.rules.{self.family}.{self.id}"


@dataclass
class ModulePlan:
    mod: Module
    rules: list[RulePlan]
    helper: str | None  # the helper module of checks/ that receives the shared definitions
    shared: list[str]  # definitions that go to it
    home: dict[str, str]  # every name the module defined → its new module (dotted)


def closure(mod: Module, name: str, stop: set[str]) -> set[str]:
    """The module's definitions ``name`` uses, transitively (not through the names in ``stop``)."""
    seen: set[str] = set()
    todo = [name]
    while todo:
        n = todo.pop()
        for u in mod.defs[n].uses:
            if u in mod.defs and u not in seen and u != name and u not in stop:
                seen.add(u)
                todo.append(u)
    return seen


def external_imports(skip: set[Path]) -> dict[str, set[str]]:
    """Names imported from each flat checks module elsewhere (``{module: {name}}``): by product code any name, by
    tests and tools a public one (a test may import a rule's private helper from the rule's module)."""
    out: dict[str, set[str]] = {}
    files = [*sorted((SRC / "juesuan").rglob("*.py")), *sorted((ROOT / "tests").rglob("*.py")),
             *sorted((ROOT / "tools").glob("*.py"))]
    for path in files:
        if path in skip or path.resolve() == Path(__file__).resolve():
            continue
        product = path.is_relative_to(SRC)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                target = resolve(path, node) if product else node.module
                if target and target.startswith(PKG + ".") and target.count(".") == 2:
                    names = {a.name for a in node.names if product or not a.name.startswith("_")}
                    out.setdefault(target.rsplit(".", 1)[1], set()).update(names)
    return out


def plan_module(mod: Module, exported: set[str]) -> ModulePlan:
    rule_names = set(mod.rules)
    plans = []
    users: dict[str, set[str]] = {}
    for cls in mod.rules:
        rid = class_attr(mod, cls, "id")
        group = class_attr(mod, cls, "group")
        if not rid or not group:
            raise SystemExit(f"{mod.name}.{cls}: no id or group")
        family = FAMILY_RENAME.get(group, group)
        plans.append(RulePlan(mod.name, cls, rid, family))
        for d in closure(mod, cls, rule_names):
            users.setdefault(d, set()).add(cls)
    for cls in mod.rules:
        for d in closure(mod, cls, set()) & rule_names:
            raise SystemExit(f"{mod.name}.{cls} uses the rule class {d}: split it by hand first")
    shared = []
    for name, s in mod.defs.items():
        if name in rule_names or s.binds & rule_names:
            continue
        u = users.get(name, set())
        if len(u) == 1 and not (s.binds & exported):
            owner = next(p for p in plans if p.cls == next(iter(u)))
            if name not in owner.own:
                owner.own.append(name)
        elif name not in shared:
            shared.append(name)
    # what a shared definition uses is shared too (a helper module never imports a rule module)
    todo = list(shared)
    while todo:
        for dep in closure(mod, todo.pop(), rule_names):
            if dep not in shared:
                shared.append(dep)
                todo.append(dep)
                for p in plans:
                    if dep in p.own:
                        p.own.remove(dep)
    # a statement binding several names moves as a whole: where any of its names is shared, all are
    for s in mod.stmts:
        if s.kind == "def" and len(s.binds) > 1 and s.binds & set(shared):
            for p in plans:
                p.own = [n for n in p.own if n not in s.binds]
            shared += [n for n in s.binds if n not in shared]
    helper = (HELPER_HOME.get(mod.name) or f"{mod.name}_helpers") if shared else None
    home: dict[str, str] = {}
    for p in plans:
        home[p.cls] = p.target
        for n in p.own:
            home[n] = p.target
    for n in shared:
        home[n] = f"{PKG}.{helper}"
    return ModulePlan(mod, plans, helper, shared, home)


# ---- writing ---------------------------------------------------------------------------------------------------------


def resolve(path: Path, node: ast.ImportFrom) -> str | None:
    """The absolute module an ImportFrom in ``path`` names."""
    if node.level == 0:
        return node.module
    rel = path.relative_to(SRC).with_suffix("")
    parts = list(rel.parts)
    pkg = parts[:-1]  # a module and a package's __init__ both resolve against their folder
    if node.level - 1 > len(pkg):
        return None
    base = pkg[: len(pkg) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def relative(from_module: str, target: str, is_package: bool = False) -> tuple[int, str]:
    """(level, module) of ``target`` written relative to the module ``from_module``."""
    here = from_module.split(".") if is_package else from_module.split(".")[:-1]
    there = target.split(".")
    common = 0
    while common < min(len(here), len(there)) and here[common] == there[common]:
        common += 1
    return len(here) - common + 1, ".".join(there[common:])


def _import_line(level: int, module: str, names: list[str]) -> str:
    head = f"from {'.' * level}{module} import "
    line = head + ", ".join(names)
    if len(line) <= 120:
        return line
    return head + "(\n" + "".join(f"    {n},\n" for n in names) + ")"


def _alias_text(a: ast.alias) -> str:
    return f"{a.name} as {a.asname}" if a.asname else a.name


def imports_for(mod: Module, names: set[str], new_module: str, home: dict[str, str], is_package: bool = False,
                type_checking: set[str] | None = None) -> list[str]:
    """The import lines a new module built from ``mod`` needs for the names its code uses."""
    by_target: dict[tuple[str, bool], list[str]] = {}
    plain: list[str] = []
    tc_names = type_checking or set()
    for n in sorted(names):
        if n in home and home[n] != new_module:
            by_target.setdefault((home[n], False), []).append(n)
            continue
        if n not in mod.imports:
            continue
        s, a = mod.imports[n]
        node = s.node
        in_tc = _is_type_checking(node)
        if in_tc:
            node = next(x for x in ast.walk(node) if isinstance(x, (ast.Import, ast.ImportFrom)) and a in x.names)
        if isinstance(node, ast.Import):
            plain.append(f"import {_alias_text(a)}")
            continue
        assert isinstance(node, ast.ImportFrom)
        target = resolve(mod.path, node) or ""
        if node.module is None:  # from . import base
            target = f"{target}.{a.name}" if target else a.name
            by_target.setdefault((target.rsplit(".", 1)[0] + "|" + _alias_text(a), in_tc or n in tc_names), [])
            continue
        by_target.setdefault((target, in_tc or n in tc_names), []).append(_alias_text(a))
    out = sorted(set(plain))
    late: list[str] = []
    for (target, tc), al in sorted(by_target.items()):
        if "|" in target:  # from <package> import <module>
            pkg, name = target.split("|")
            level, m = relative(new_module, pkg, is_package)
            (late if tc else out).append(f"from {'.' * level}{m} import {name}")
            continue
        if target.startswith("juesuan."):
            level, m = relative(new_module, target, is_package)
            line = _import_line(level, m, al)
        else:
            line = _import_line(0, target, al)
        (late if tc else out).append(line)
    if late:
        out.append("\nif TYPE_CHECKING:  # pragma: no cover\n" + "\n".join("    " + x.replace("\n", "\n    ")
                                                                      for x in late))
        if "TYPE_CHECKING" not in " ".join(out[:-1]):
            out.insert(0, "from typing import TYPE_CHECKING")
    return out


def late_imports(mod: Module, s: Stmt, new_module: str, home: dict[str, str]) -> dict[int, list[str] | None]:
    """The relative imports inside a definition (``from ..tables.model import Row`` in a function), written for
    its new module: {first line: the new lines, following lines of the statement: None}."""
    out: dict[int, list[str] | None] = {}
    for n in ast.walk(s.node):
        if not isinstance(n, ast.ImportFrom) or n.level == 0 or n is s.node:
            continue
        target = resolve(mod.path, n) or ""
        indent = mod.lines[n.lineno - 1][: n.col_offset]
        by: dict[str, list[str]] = {}
        for a in n.names:
            if n.module is None:
                raise SystemExit(f"{mod.name}:{n.lineno}: a late 'from . import' — rewrite by hand")
            new = home.get(a.name) if target == f"{PKG}.{mod.name}" else None
            by.setdefault(new or target, []).append(_alias_text(a))
        lines = []
        for t, names in sorted(by.items()):
            level, m = relative(new_module, t)
            lines += [indent + ln for ln in _import_line(level, m, names).split("\n")]
        out[n.lineno] = lines
        for i in range(n.lineno + 1, (n.end_lineno or n.lineno) + 1):
            out[i] = None
    return out


def _text(mod: Module, s: Stmt, new_module: str = "", home: dict[str, str] | None = None) -> str:
    late = late_imports(mod, s, new_module, home or {}) if new_module else {}
    out: list[str] = []
    for i in range(s.start, s.end + 1):
        if i in late:
            out += late[i] or []
        else:
            out.append(mod.lines[i - 1])
    return "\n".join(out)


def rule_class_text(mod: Module, p: RulePlan, home: dict[str, str]) -> str:
    """The class's source without ``group = …``, with the engine's declarations after its attributes."""
    s = mod.defs[p.cls]
    node = s.node
    assert isinstance(node, ast.ClassDef)
    drop: set[int] = set()
    last_attr = None
    indent = "    "
    for b in node.body:
        if isinstance(b, ast.Assign) and len(b.targets) == 1 and isinstance(b.targets[0], ast.Name):
            name = b.targets[0].id
            if name == "group":
                drop.update(range(b.lineno, (b.end_lineno or b.lineno) + 1))
            if name in ("id", "group", "severity", "summary", "phase"):
                last_attr = b.end_lineno or b.lineno
                indent = mod.lines[b.lineno - 1][: b.col_offset]
    declared = {b.targets[0].id for b in node.body if isinstance(b, ast.Assign) and isinstance(b.targets[0], ast.Name)}
    decl = []
    if "compares" not in declared:
        decl.append(f'{indent}compares = "{COMPARES[p.id[:1]]}"')
    if "decides_verdicts" not in declared and not decides_verdicts(p.id):
        decl.append(f"{indent}decides_verdicts = False")
    if "reports_table_diagnosis" not in declared and p.id == "T010":
        decl.append(f"{indent}reports_table_diagnosis = True")
    if "reports_unchecked" not in declared and p.id[:1] == "C":
        decl.append(f"{indent}reports_unchecked = True")
    if "one_finding_per_document" not in declared and p.id == "X033":
        decl.append(f"{indent}one_finding_per_document = True")
    late = late_imports(mod, s, p.target, home)
    out = []
    for i in range(s.start, s.end + 1):
        if i in late:
            out += late[i] or []
        elif i not in drop:
            out.append(mod.lines[i - 1])
        if i == last_attr:
            out.extend(decl)
    return "\n".join(out)


def _doc(text: str | None) -> str:
    """A module docstring: without the old "(<name> group)" (the folder says the family), lines over 116 wrapped."""
    if not text:
        return ""
    text = re.sub(r"\s*\(\w+ group\)", "", text)
    lines = []
    for line in text.split("\n"):
        lines += textwrap.wrap(line, 116, subsequent_indent=" " * (len(line) - len(line.lstrip()))) or [""] \
            if len(line) > 116 else [line]
    return '"""' + "\n".join(lines) + '"""\n\n'


def _layout(doc: str, imports: list[str], blocks: list[str]) -> str:
    std = [i for i in imports if not i.startswith("from .") and "TYPE_CHECKING:" not in i]
    local = [i for i in imports if i.startswith("from .")]
    tc = [i for i in imports if "TYPE_CHECKING:" in i]
    head = doc + "from __future__ import annotations\n\n"
    if std:
        head += "\n".join(std) + "\n\n"
    if local:
        head += "\n".join(local) + "\n"
    if tc:
        head += "\n".join(tc).lstrip("\n") + "\n"
    return head + "\n\n" + "\n\n\n".join(b.strip("\n") for b in blocks) + "\n"


def rule_module_text(mp: ModulePlan, p: RulePlan, family_doc_module: str | None) -> str:
    mod = mp.mod
    keep = set(p.own)
    blocks = []
    uses: set[str] = set()
    for s in mod.stmts:
        if s.kind != "def" or not (s.binds & keep or p.cls in s.binds):
            continue
        blocks.append(rule_class_text(mod, p, mp.home) if p.cls in s.binds else _text(mod, s, p.target, mp.home))
        uses |= s.uses
    uses -= keep | {p.cls}
    summary = class_attr(mod, p.cls, "summary") or ""
    if len(mp.rules) == 1 and mod.doc and family_doc_module != mod.name:
        doc = mod.doc  # the module held this rule alone: its docstring is the rule's
    else:
        doc = f"{p.id}: {summary}." if summary else p.id
    imports = imports_for(mod, uses, p.target, mp.home)
    return _layout(_doc(doc), imports, blocks)


def helper_module_text(mp: ModulePlan, family_doc_module: set[str]) -> str:
    mod = mp.mod
    keep = set(mp.shared)
    target = f"{PKG}.{mp.helper}"
    blocks = [_text(mod, s, target, mp.home) for s in mod.stmts if s.kind == "def" and s.binds & keep]
    uses = set().union(*(s.uses for s in mod.stmts if s.kind == "def" and s.binds & keep)) - keep
    ids = ", ".join(p.id for p in mp.rules)
    doc = textwrap.fill(f"Helpers shared by the rules {ids} (and by what imports them from here).", 116)
    if mod.doc and mod.name not in family_doc_module:
        doc = mod.doc.rstrip() + f"\n\n{doc}\n"
    imports = imports_for(mod, uses, target, mp.home)
    return _layout(_doc(doc), imports, blocks)


# ---- the registry, the family packages, the other modules ----------------------------------------------------------


REGISTRY = '''"""The rule catalogue: every rule is a module ``rules/<family>/<ID>.py`` holding one :class:`~.base.Rule`
class; its family is the folder (``Rule.family``), never a second list. ``RUN_ORDER`` is the order the engine runs
them in (a rule of ``phase = "after_verdicts"``, C003, runs after the others whatever its place): a rule whose
reason for an unverifiable claim is recorded first keeps it (``Context.cannot``), so the order is kept as it was.
A rule module not listed runs after the listed ones (tests/test_rule_families.py asks that every rule be listed).
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache

from . import rules as _rules
from .base import Rule

RUN_ORDER = (
{order}
)


@cache
def discovered() -> tuple[type[Rule], ...]:
    """Every rule class under ``rules/``, one per module (folder = family, module = id), in folder order."""
    found: list[type[Rule]] = []
    for fam in sorted(m.name for m in pkgutil.iter_modules(_rules.__path__) if m.ispkg):
        package = importlib.import_module(f"{{_rules.__name__}}.{{fam}}")
        for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name):
            module = importlib.import_module(f"{{package.__name__}}.{{info.name}}")
            found += [c for c in vars(module).values()
                      if isinstance(c, type) and issubclass(c, Rule) and c.__module__ == module.__name__ and c.id]
    return tuple(found)


def all_rules() -> list[type[Rule]]:
    rank = {{rid: i for i, rid in enumerate(RUN_ORDER)}}
    return sorted(discovered(), key=lambda r: rank.get(r.id, len(rank)))


@cache
def by_id() -> dict[str, type[Rule]]:
    return {{r.id: r for r in all_rules()}}


def families() -> list[str]:
    """The families in the order their first rule runs."""
    return list(dict.fromkeys(r.family for r in all_rules()))
'''


def old_run_order() -> list[tuple[str, list[str]]]:
    """[(module, [class names])] in the old registry's order, or [] when the registry is the new one."""
    tree = ast.parse((CHECKS / "registry.py").read_text(encoding="utf-8"))
    order: list[str] = []
    for n in ast.walk(tree):
        if isinstance(n, ast.Starred) and isinstance(n.value, ast.Attribute) and n.value.attr == "RULES":
            order.append(ast.unparse(n.value.value))
    return [(m, read_module(CHECKS / f"{m}.py").rules) for m in order]


def current_run_order() -> list[str]:
    tree = ast.parse((CHECKS / "registry.py").read_text(encoding="utf-8"))
    for n in tree.body:
        if isinstance(n, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "RUN_ORDER" for t in n.targets):
            return [e.value for e in n.value.elts]  # type: ignore[attr-defined]
    return []


def rewrite_imports(path: Path, homes: dict[str, dict[str, str]], helpers_origin: dict[str, str]) -> bool:
    """Rewrite every ``from <flat module> import names`` of ``path`` to the names' new modules."""
    text = path.read_text(encoding="utf-8")
    tree = ast.parse(text)
    lines = text.splitlines()
    edits: list[tuple[int, int, str]] = []
    module = ".".join(path.relative_to(SRC).with_suffix("").parts) if path.is_relative_to(SRC) else None
    is_pkg = path.name == "__init__.py"
    if module and is_pkg:
        module = module.rsplit(".", 1)[0]
    for node in ast.walk(tree):
        if not isinstance(node, ast.ImportFrom):
            continue
        target = resolve(path, node) if path.is_relative_to(SRC) else node.module
        if target is None:
            continue
        flat = target.rsplit(".", 1)[1] if target.startswith(PKG + ".") and target.count(".") == 2 else None
        if node.module is None and target == PKG:  # from . import narrative_table
            if any(a.name in homes for a in node.names):
                raise SystemExit(f"{path}: imports a flat rule module as a whole ({ast.unparse(node)}): rewrite by hand")
            continue
        if flat not in homes:
            continue
        by: dict[str, list[str]] = {}
        for a in node.names:
            new = homes[flat].get(a.name) or helpers_origin.get(f"{flat}.{a.name}")
            if new is None:
                raise SystemExit(f"{path}:{node.lineno}: {a.name} of {flat} has no new home")
            by.setdefault(new, []).append(_alias_text(a))
        indent = lines[node.lineno - 1][: node.col_offset]
        new_lines = []
        for new, names in sorted(by.items()):
            if module is not None and node.level > 0:
                level, m = relative(module, new, is_pkg)
                new_lines.append(_import_line(level, m, names))
            else:
                new_lines.append(_import_line(0, new, names))
        block = "\n".join(indent + ln.replace("\n", "\n" + indent) for ln in new_lines)
        edits.append((node.lineno, node.end_lineno or node.lineno, block))
    if not edits:
        return False
    for first, last, block in sorted(edits, reverse=True):
        lines[first - 1: last] = block.split("\n")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return True


def reexports(mod: Module) -> dict[str, str]:
    """Names the module imported (and others may have imported from it) → their source module."""
    out = {}
    for n, (s, a) in mod.imports.items():
        node = s.node
        if _is_type_checking(node):
            continue
        if isinstance(node, ast.ImportFrom) and node.module is not None:
            src = resolve(mod.path, node)
            if src:
                out[f"{mod.name}.{n}"] = src
    return out


def move_cases(plans: list[RulePlan], dry: bool) -> None:
    for p in plans:
        old = CASES / f"{p.id}.toml"
        new = CASES / p.family / f"{p.id}.toml"
        if old.exists():
            print(f"  case {old.relative_to(ROOT)} → {new.relative_to(ROOT)}")
            if not dry:
                new.parent.mkdir(parents=True, exist_ok=True)
                old.rename(new)


def rename_catalogue_families(dry: bool) -> None:
    """``[rules.group]`` → ``[rules.family]`` in both catalogues; a renamed family's entry renamed, a family merged
    into another (its target already described) dropped."""
    for path in sorted((ROOT / "patterns").glob("messages.*.toml")):
        text = path.read_text(encoding="utf-8")
        new = text.replace("\n[rules.group]\n", "\n[rules.family]\n")
        m = re.search(r"\n\[rules\.family\]\n(.*?)(?=\n\[|\Z)", new, re.DOTALL)
        if m:
            body = m.group(1)
            have = set(re.findall(r"^(\w+) = ", body, re.MULTILINE))
            for old, to in FAMILY_RENAME.items():
                if old not in have:
                    continue
                if to in have:
                    body = re.sub(rf"^{old} = .*\n", "", body, flags=re.MULTILINE)
                else:
                    body = re.sub(rf"^{old} = ", f"{to} = ", body, flags=re.MULTILINE)
            new = new[: m.start(1)] + body + new[m.end(1):]
        if new != text:
            print(f"  catalogue {path.relative_to(ROOT)}: [rules.family]")
            if not dry:
                path.write_text(new, encoding="utf-8")


def flat_rule_modules() -> tuple[list[str], list[tuple[str, str]]]:
    """The flat rule modules and [(module, rule class)] in run order: the old registry's, or (the new registry)
    the flat modules added since, in name order."""
    old = old_run_order()
    if old:
        return list(dict.fromkeys(m for m, _ in old)), [(m, cls) for m, classes in old for cls in classes]
    modules = sorted(p.stem for p in CHECKS.glob("*.py") if p.stem not in ENGINE and read_module(p).rules)
    return modules, [(m, cls) for m in modules for cls in read_module(CHECKS / f"{m}.py").rules]


def family_doc_modules(families: dict[str, list[RulePlan]], mods: dict[str, Module]) -> dict[str, str]:
    """The module whose docstring becomes each family's: the one named after the family (before a rename), else
    the module of its first rule."""
    out: dict[str, str] = {}
    for fam, ps in families.items():
        names = [fam] + [o for o, n in FAMILY_RENAME.items() if n == fam]
        out[fam] = next((n for n in names if n in mods), ps[0].module)
    return out


def write_packages(families: dict[str, list[RulePlan]], mods: dict[str, Module], doc_of: dict[str, str]) -> None:
    for fam in families:
        folder = RULES_DIR / fam
        folder.mkdir(parents=True, exist_ok=True)
        init = folder / "__init__.py"
        if not init.exists():
            init.write_text(_doc(mods[doc_of[fam]].doc or f"The rules of the family {fam}.").rstrip() + "\n",
                            encoding="utf-8")
    if not (RULES_DIR / "__init__.py").exists():
        (RULES_DIR / "__init__.py").write_text(
            '"""The rules, one module per rule: ``rules/<family>/<ID>.py`` (the folder is the family; see\n'
            ':mod:`juesuan.checks.registry`)."""\n', encoding="utf-8")


def write_modules(plans: dict[str, ModulePlan], doc_of: dict[str, str]) -> None:
    """Every rule module and helper module; the flat modules go."""
    helper_docs = set(doc_of.values())
    for m, mp in plans.items():
        for p in mp.rules:
            out = RULES_DIR / p.family / f"{p.id}.py"
            if out.exists():
                raise SystemExit(f"{out} exists already")
            out.write_text(rule_module_text(mp, p, doc_of[p.family]), encoding="utf-8")
            WRITTEN.append(out)
        if mp.helper:
            hp = CHECKS / f"{mp.helper}.py"
            if hp.exists() and mp.helper not in plans:
                raise SystemExit(f"{hp.name} exists: name another helper module for {m}.py in HELPER_HOME")
            hp.write_text(helper_module_text(mp, helper_docs), encoding="utf-8")
            WRITTEN.append(hp)
    for m, mp in plans.items():
        if mp.helper != m:
            (CHECKS / f"{m}.py").unlink()


def rename_vocabularies(dry: bool) -> None:
    """patterns/<old>.toml → patterns/<new>.toml, and every ``load("<old>")`` and "patterns/<old>.toml" with it."""
    for old, new in VOCABULARY_RENAME.items():
        src, dst = ROOT / "patterns" / f"{old}.toml", ROOT / "patterns" / f"{new}.toml"
        if not src.exists():
            continue
        print(f"  vocabulary patterns/{old}.toml → patterns/{new}.toml")
        if dry:
            continue
        src.rename(dst)
        files = [*SRC.rglob("*.py"), *(ROOT / "tests").rglob("*.py"), *(ROOT / "tools").glob("*.py"),
                 *(ROOT / "patterns").glob("*.toml"), *ROOT.glob("*.md")]
        for path in files:
            if path.resolve() == Path(__file__).resolve():
                continue
            text = path.read_text(encoding="utf-8")
            changed = text.replace(f'load("{old}")', f'load("{new}")').replace(f"patterns/{old}.toml",
                                                                               f"patterns/{new}.toml")
            if changed != text:
                path.write_text(changed, encoding="utf-8")


def main(argv: list[str]) -> int:
    dry = "--dry-run" in argv
    modules, order = flat_rule_modules()
    if not modules:
        print("nothing to split: no flat rule module in checks/")
        return 0
    exported = external_imports(set())  # imports between flat rule modules count: such a name goes to a helper
    mods = {m: read_module(CHECKS / f"{m}.py") for m in modules}
    plans = {m: plan_module(mods[m], exported.get(m, set())) for m in modules}
    rule_plans = {(p.module, p.cls): p for mp in plans.values() for p in mp.rules}
    families: dict[str, list[RulePlan]] = {}
    for k in order:
        families.setdefault(rule_plans[k].family, []).append(rule_plans[k])
    for m, mp in plans.items():
        print(f"{m}.py → " + ", ".join(f"{p.family}/{p.id}" + (f" (+{', '.join(p.own)})" if p.own else "")
                                     for p in mp.rules)
              + (f"; shared → {mp.helper}.py: {', '.join(mp.shared)}" if mp.shared else ""))
    if not dry:
        doc_of = family_doc_modules(families, mods)
        write_packages(families, mods, doc_of)
        write_modules(plans, doc_of)
        previous = current_run_order()
        run = previous + [rule_plans[k].id for k in order if rule_plans[k].id not in previous]
        (CHECKS / "registry.py").write_text(REGISTRY.format(order="\n".join(f'    "{i}",' for i in run)),
                                            encoding="utf-8")
        origin = {k: v for m in modules for k, v in reexports(mods[m]).items()}
        homes = {m: mp.home for m, mp in plans.items()}
        for base in (SRC, ROOT / "tests", ROOT / "tools"):
            for path in sorted(base.rglob("*.py")):
                if path.resolve() != Path(__file__).resolve() and rewrite_imports(path, homes, origin):
                    WRITTEN.append(path)
                    print(f"  imports rewritten: {path.relative_to(ROOT)}")
    move_cases([rule_plans[k] for k in order], dry)
    rename_catalogue_families(dry)
    rename_vocabularies(dry)
    if not dry:  # the import blocks as the project's lint sorts them (ruff's isort), when ruff is installed
        subprocess.run([sys.executable, "-m", "ruff", "check", "--fix", "--select", "I", "-q", *map(str, WRITTEN)],
                       check=False)
    return 0

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
