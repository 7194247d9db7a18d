"""The package's import layers (issue 13): each module imports only from its own layer or the layers below
it, as written in DESIGN.md ("Layers"), and no two modules import each other, directly or around a loop.
Imports inside functions count: a late import is still a dependency.

    base      version, numbers, patterns, errors, text, catalogue, i18n (Msg and the
              message catalogue): helpers every layer may use
    ingest    ingest/
    document  document.py
    tables    tables/
    claims    claims/
    checks    checks/
    report    report/
    app       the package (its API front door), pipeline (ingest → document → tables: load_document, build_document), cli, cli_batch, api,
              batch, evaluate, baseline, config, web/ (the workbench of `juesuan serve`)
    synth     synth/ (the generator: separate, may import the model layers, never imported by them)
"""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src" / "juesuan"

LAYERS = ["base", "ingest", "document", "tables", "claims", "checks", "report", "app"]
BASE = {"juesuan.version", "juesuan.numbers", "juesuan.patterns", "juesuan.errors", "juesuan.text", "juesuan.catalogue",
        "juesuan.i18n"}
# config reads juesuan.toml for the CLI and the API (it validates rule ids against checks/)
APP = {"juesuan", "juesuan.pipeline", "juesuan.cli", "juesuan.cli_batch", "juesuan.api", "juesuan.batch", "juesuan.evaluate",
       "juesuan.baseline", "juesuan.config", "juesuan.__main__", "juesuan.cli_help"}
APP_PACKAGES = {"web"}  # juesuan/web/: the workbench (`juesuan serve`) wires every layer together, as cli does

# Imports against the order that other steps of issue 13 remove; every other import must follow the order.
EXCEPTIONS: set[tuple[str, str]] = set()
# The package itself (juesuan/__init__.py) is the front door of the API (``juesuan.check`` resolves to api.check
# on first use): it belongs to the app layer, and no module imports it (the version lives in juesuan.version).
CYCLE_EXCEPTIONS: set[frozenset] = set()


def module_name(path: Path) -> str:
    rel = path.relative_to(SRC.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in SRC.rglob("*.py")}


def imports(name: str, path: Path, known: set[str]) -> set[str]:
    """The juesuan modules ``name`` imports, at module level or inside functions."""
    pkg = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = pkg.split(".")[: len(pkg.split(".")) - node.level + 1]
                mod = ".".join(base + ([node.module] if node.module else []))
            else:
                mod = node.module or ""
            targets = [f"{mod}.{a.name}" if f"{mod}.{a.name}" in known else mod for a in node.names]
        else:
            continue
        for t in targets:
            while t and t not in known:
                t = t.rpartition(".")[0]
            if t.startswith("juesuan") and t != name:
                out.add(t)
    return out


def layer(name: str) -> str:
    if name in BASE:
        return "base"
    if name in APP:
        return "app"
    part = name.split(".")[1]
    if part in APP_PACKAGES:
        return "app"
    return "document" if part == "document" else part


def graph() -> dict[str, set[str]]:
    mods = modules()
    return {n: imports(n, p, set(mods)) for n, p in mods.items()}


def test_every_module_has_a_layer():
    for name in modules():
        assert layer(name) in LAYERS + ["synth"], name


def test_imports_follow_the_layer_order():
    bad = []
    for a, targets in graph().items():
        la = layer(a)
        for b in targets:
            lb = layer(b)
            if (a, b) in EXCEPTIONS:
                continue
            if la == "synth":
                ok = lb != "app"
            elif lb == "synth":
                ok = la == "app"
            else:
                ok = LAYERS.index(lb) <= LAYERS.index(la)
            if not ok:
                bad.append(f"{a} ({la}) imports {b} ({lb})")
    assert not bad, "\n".join(bad)


def test_exceptions_are_still_needed():
    g = graph()
    stale = [e for e in EXCEPTIONS if e[1] not in g.get(e[0], set())]
    assert not stale, f"remove from EXCEPTIONS: {stale}"


def _cycles(g: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    out: list[list[str]] = []
    counter = [0]

    def visit(v: str) -> None:
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in sorted(g.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in sorted(g):
        if v not in index:
            visit(v)
    return out


def test_no_import_cycle():
    # a package importing its own modules (juesuan.checks → juesuan.checks.base) and a module importing
    # its package (a rule registering itself) is no cycle of the design: package edges are left out
    g = {a: {b for b in bs if not (a.startswith(b + ".") or b.startswith(a + "."))} for a, bs in graph().items()}
    cycles = [c for c in _cycles(g) if frozenset(c) not in CYCLE_EXCEPTIONS]
    assert not cycles, cycles


# ---- the checks read, they never write (issue 20) ------------------------------------------------------------------

# what checks/ may import of the tables layer: the model, the readings (the pipeline step after the tables) and the
# identities the diagnosis shares with the T-rules; never a parser (build, the shapes, cells, grids, place …)
TABLE_READINGS = {"juesuan.tables.model", "juesuan.tables.reading", "juesuan.tables.reliability"}


def test_checks_import_no_table_parser():
    bad = [f"{a} imports {b}" for a, targets in graph().items() if layer(a) == "checks"
           for b in sorted(targets) if layer(b) == "tables" and b not in TABLE_READINGS]
    assert not bad, "\n".join(bad)


def _chain(node: ast.AST) -> list[str]:
    """The names along an assignment target: ``ctx.doc.tables[0]`` → ["ctx", "doc", "tables"]."""
    out: list[str] = []
    while isinstance(node, (ast.Attribute, ast.Subscript)):
        if isinstance(node, ast.Attribute):
            out.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        out.append(node.id)
    return out[::-1]


def test_checks_assign_to_no_document():
    """No assignment in checks/ writes through a document (``doc.x = …``, ``ctx.doc.tables[i] = …``), and no
    rule writes around the frozen records (setattr, object.__setattr__, __dict__)."""
    bad = []
    for name, path in modules().items():
        if layer(name) != "checks":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets: list[ast.AST] = []
            if isinstance(node, ast.Assign):
                targets = list(node.targets)
            elif isinstance(node, (ast.AugAssign, ast.AnnAssign)):
                targets = [node.target]
            flat = [e for t in targets for e in (t.elts if isinstance(t, ast.Tuple) else [t])]
            for t in flat:
                chain = _chain(t)
                if len(chain) > 1 and ({"doc", "document", "prev"} & set(chain[:-1])):
                    bad.append(f"{name}:{node.lineno} assigns {'.'.join(chain)}")
            if isinstance(node, ast.Call) and isinstance(node.func, (ast.Name, ast.Attribute)):
                fn = node.func.id if isinstance(node.func, ast.Name) else node.func.attr
                if fn in ("setattr", "__setattr__", "delattr"):
                    bad.append(f"{name}:{node.lineno} calls {fn}")
            if isinstance(node, ast.Attribute) and node.attr == "__dict__":
                bad.append(f"{name}:{node.lineno} reads __dict__")
    assert not bad, "\n".join(bad)


def test_claims_are_frozen_records():
    """A claim is immutable once extracted (what checks/ receives): assigning any field raises, its figures and
    references are frozen too, and the verdicts live in the result, not on the claim."""
    import dataclasses

    import pytest

    from juesuan.checks import check_document
    from juesuan.claims.model import Claim
    from juesuan.pipeline import load_document

    seed = SRC.parents[1] / "corpus" / "luoyang-xigong-2023.txt"
    doc = load_document(seed)
    result = check_document(doc)
    assert result.claims and len(result.verdicts) == len(result.claims)
    before = [dataclasses.astuple(c) for c in result.claims]
    for c in result.claims:
        assert c.sealed
        with pytest.raises(dataclasses.FrozenInstanceError):
            c.subject = "x"
        with pytest.raises(dataclasses.FrozenInstanceError):
            c.base_reason = "x"
        for v in c.values.values():
            with pytest.raises(dataclasses.FrozenInstanceError):
                v.value = 0  # type: ignore[misc]
        if c.ref is not None:
            with pytest.raises(dataclasses.FrozenInstanceError):
                c.ref.row = "x"  # type: ignore[misc]
    assert not {"status", "reason", "reason_msg"} & {f.name for f in dataclasses.fields(Claim)}
    # what only one kind has is its payload (frozen too), not a field every claim carries
    from juesuan.claims.model import PAYLOAD_FIELDS, PAYLOADS

    assert not set(PAYLOAD_FIELDS) & {f.name for f in dataclasses.fields(Claim)}
    for c in result.claims:
        assert type(c.payload) is PAYLOADS[c.kind] if c.kind in PAYLOADS else c.payload is None
        if c.payload is not None:
            with pytest.raises(dataclasses.FrozenInstanceError):
                setattr(c.payload, dataclasses.fields(c.payload)[0].name, None)
    reason = next(c for c in result.claims if c.kind == "reason")
    change = next(c for c in result.claims if c.kind == "change")
    assert reason.polarity is not None and change.polarity is None and reason.rate_direction is None
    again = check_document(doc, claims=result.claims)  # checking the same claims again changes none of them
    assert [dataclasses.astuple(c) for c in result.claims] == before
    assert [v.status for v in again.verdicts] == [v.status for v in result.verdicts]
