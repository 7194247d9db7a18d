"""Mutation suite: plant one discrepancy at a time in a real document and assert the checker reports it;
plant harmless changes and assert no new error.

Cases are data (``tests/mutations/seed.toml`` and ``tests/mutations/shanghai.toml``)::

    [[case]]
    id      = "seed-N002-share-basic"        # unique; the pytest id
    find    = "占 39.21%"                     # verbatim snippet, must occur exactly once
    replace = "占 39.12%"
    expect  = "finding"                       # or "harmless"
    group   = "N"                             # rule group prefix (T/N/X/C) or a full rule id
    quote   = "39.12%"                        # the new finding's text or stated (or expected) contains this
    quote_in = ["message"]                    # optional: look for `quote` in these fields instead
    note    = "176.37 / 449.76 = 39.21%; …"   # the arithmetic: why the planted value is wrong
    xfail   = "why"                           # optional: a capability gap of the checker (strict xfail)

Several edits can be applied together with ``edits = [{find = …, replace = …}, …]`` (e.g. moving a line break).

*Seed* cases edit the text file (``corpus/luoyang-xigong-2023.txt``): the snippet may span lines (``\\n``).
*Shanghai* cases edit the document extracted from the PDF (``ingest.read`` → ``Source.items``): a snippet is
replaced inside one ``Line``; a grid cell is addressed with ``table`` (the title line the grid follows),
``row`` (a cell of the row, e.g. its 科目编码, unique in that table; or a 0-based index) and ``col`` (0-based);
``find`` must then equal the cell.

A planted case passes when a finding of severity error or warning appears that is NEW (its (rule, severity,
squashed text, stated) is not among the baseline's: a 尾差 info turned error counts as new), belongs to
``group`` and quotes ``quote``. A harmless case passes when the set of error findings equals the baseline's.
"""

from __future__ import annotations

import copy
import functools
import tomllib
from pathlib import Path

import pytest
import regex as re

from juesuan.checks import Config, check_document
from juesuan.pipeline import build_document, load_document

HERE = Path(__file__).parent
REPO = HERE.parent
DATA = HERE / "mutations"
SEED = REPO / "corpus" / "luoyang-xigong-2023.txt"

_WS = re.compile(r"\s+")


class SnippetError(Exception):
    """The case's snippet does not address exactly one place: the case is wrong, not the checker."""


def _squash(s: str | None) -> str:
    return _WS.sub("", s or "")


def _load(name: str) -> list[dict]:
    with open(DATA / name, "rb") as fh:
        cases = tomllib.load(fh)["case"]
    for c in cases:
        c["_file"] = name
    return cases


SEED_CASES = _load("seed.toml")
SHANGHAI_CASES = _load("shanghai.toml")
ALL_CASES = SEED_CASES + SHANGHAI_CASES


def _edits(case: dict) -> list[dict]:
    if "edits" in case:
        return case["edits"]
    return [{k: case[k] for k in ("find", "replace", "table", "row", "col") if k in case}]


# -- running the checker ------------------------------------------------------------------------------------

def _run(doc):
    # English messages: cases may quote a message (quote_in = ["message"], e.g. the table kind "expense").
    # Every discrepancy counts, also one reported under another finding of the same cause (``related``:
    # checks/grouping.py): a planted figure found by N001 and X001 is one finding with X001 related.
    return [g for f in check_document(doc, Config(), lang="en").findings for g in (f, *f.related)]


def _key(f) -> tuple:
    return (f.rule, f.severity, _squash(f.text), _squash(f.stated))


# -- seed: text mutations -------------------------------------------------------------------------------------

@functools.cache
def _seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@functools.cache
def _seed_baseline() -> tuple:
    return tuple(_run(load_document(SEED)))


def _mutate_text(text: str, case: dict) -> str:
    for e in _edits(case):
        n = text.count(e["find"])
        if n != 1:
            raise SnippetError(f"{case['id']}: snippet {e['find']!r} occurs {n} times in {SEED.name}")
        text = text.replace(e["find"], e["replace"])
    return text


def _seed_findings(case: dict, tmp_path: Path) -> list:
    path = tmp_path / SEED.name
    path.write_text(_mutate_text(_seed_text(), case), encoding="utf-8")
    return _run(load_document(path))


# -- Shanghai: mutations of the extracted document ------------------------------------------------------------

@functools.cache
def _shanghai_source(path: Path):
    """The extracted PDF, read once per session (the ``shanghai_pdf`` fixture supplies the path, or skips)."""
    from juesuan.ingest import read

    return read(path)


@functools.cache
def _shanghai_baseline(path: Path) -> tuple:
    return tuple(_run(build_document(_shanghai_source(path))))


def _table_rows(items: list, title: str) -> list[list]:
    """The rows of the grid(s) that follow the title line ``title`` (a table continued over pages is several
    grids in a row)."""
    from juesuan.ingest.model import Grid, Line

    starts = [i for i, it in enumerate(items) if isinstance(it, Line) and it.text.strip() == title]
    starts = [i for i in starts if any(isinstance(x, Grid) for x in items[i + 1 : i + 3])]
    if len(starts) != 1:
        raise SnippetError(f"table title {title!r} followed by a grid occurs {len(starts)} times")
    rows: list[list] = []
    j = starts[0] + 1
    while j < len(items) and not isinstance(items[j], Grid):
        j += 1  # e.g. the "单位：万元" line
    while j < len(items) and isinstance(items[j], Grid):
        rows.extend(items[j].rows)  # the row lists themselves, so assignment mutates the grid
        j += 1
    return rows


def _mutate_items(items: list, case: dict) -> list:
    from juesuan.ingest.model import Line

    items = copy.deepcopy(items)
    for e in _edits(case):
        find, repl = e["find"], e["replace"]
        if "table" in e:
            rows = _table_rows(items, e["table"])
            if isinstance(e["row"], int):
                row = rows[e["row"]]
            else:
                hits = [r for r in rows if e["row"] in [(c or "").strip() for c in r]]
                if len(hits) != 1:
                    raise SnippetError(f"{case['id']}: row {e['row']!r} matches {len(hits)} rows of {e['table']}")
                row = hits[0]
            if (row[e["col"]] or "").strip() != find:
                raise SnippetError(f"{case['id']}: cell {e['col']} of row {row} is not {find!r}")
            row[e["col"]] = repl
            continue
        hits = [it for it in items if isinstance(it, Line) and find in it.text]
        n = sum(it.text.count(find) for it in hits)
        if n != 1:
            raise SnippetError(f"{case['id']}: snippet {find!r} occurs {n} times in the extracted lines")
        hits[0].text = hits[0].text.replace(find, repl)
    return items


def _shanghai_findings(case: dict, path: Path) -> list:
    src = copy.copy(_shanghai_source(path))
    src.items = _mutate_items(src.items, case)
    return _run(build_document(src))


# -- the test -------------------------------------------------------------------------------------------------

def _params(cases: list[dict]) -> list:
    out = []
    for c in cases:
        marks = []
        if c.get("xfail"):
            marks.append(pytest.mark.xfail(reason=c["xfail"], strict=True, raises=AssertionError))
        out.append(pytest.param(c, id=c["id"], marks=marks))
    return out


def _describe(findings) -> str:
    return "\n".join(f"  {f.rule} {f.severity}: {f.text[:70]!r} stated={f.stated!r} expected={f.expected!r}"
                     for f in findings) or "  (none)"


def _verify(case: dict, findings: list, baseline: tuple) -> None:
    base_keys = {_key(f) for f in baseline}
    if case["expect"] == "harmless":
        errs = sorted({_key(f) for f in findings if f.severity == "error"})
        base_errs = sorted({_key(f) for f in baseline if f.severity == "error"})
        new = [f for f in findings if f.severity == "error" and _key(f) not in set(base_errs)]
        gone = sorted(set(base_errs) - set(errs))
        assert errs == base_errs, (
            f"{case['id']}: a harmless change altered the errors\nnew:\n{_describe(new)}\ngone: {gone}")
        return
    assert case["expect"] == "finding", case["expect"]
    group, quote = case["group"], _squash(case["quote"])
    new = [f for f in findings if f.severity in ("error", "warning") and _key(f) not in base_keys]
    fields = case.get("quote_in", ["text", "stated", "expected"])
    ok = [f for f in new if f.rule.startswith(group)
          and any(quote in _squash(getattr(f, name)) for name in fields)]
    assert ok, (f"{case['id']}: no new {group} finding quoting {case['quote']!r}\n"
                f"new error/warning findings:\n{_describe(new)}")


def _check_case_shape(case: dict) -> None:
    assert case["expect"] in ("finding", "harmless"), case
    assert case.get("note"), f"{case['id']}: every case explains itself (note)"
    if case["expect"] == "finding":
        assert case.get("group") and case.get("quote"), f"{case['id']}: a planted case names group and quote"
        assert case["group"][:1] in "TNXC", case["group"]
    else:
        assert "xfail" not in case or case["xfail"], case


@pytest.mark.parametrize("case", _params(SEED_CASES))
def test_seed_mutation(case, tmp_path):
    try:
        findings = _seed_findings(case, tmp_path)
    except SnippetError as exc:
        pytest.fail(str(exc), pytrace=False)  # Failed is not an AssertionError: never hidden by xfail
    _verify(case, findings, _seed_baseline())


@pytest.mark.parametrize("case", _params(SHANGHAI_CASES))
def test_shanghai_mutation(case, shanghai_pdf):
    try:
        findings = _shanghai_findings(case, shanghai_pdf)
    except SnippetError as exc:
        pytest.fail(str(exc), pytrace=False)
    _verify(case, findings, _shanghai_baseline(shanghai_pdf))


# -- the data itself ------------------------------------------------------------------------------------------

def test_case_ids_unique_and_shaped():
    ids = [c["id"] for c in ALL_CASES]
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})
    for c in ALL_CASES:
        _check_case_shape(c)


def test_enough_cases():
    planted = [c for c in ALL_CASES if c["expect"] == "finding"]
    harmless = [c for c in ALL_CASES if c["expect"] == "harmless"]
    assert len(planted) >= 40
    assert len(harmless) >= 8
    assert {c["group"][:1] for c in planted} == set("TNXC")


@pytest.mark.parametrize("case", [pytest.param(c, id=c["id"]) for c in SEED_CASES])
def test_seed_snippets_address_one_place(case):
    """Validated apart from the checker, so that an xfail case can never hide a broken snippet."""
    try:
        out = _mutate_text(_seed_text(), case)
    except SnippetError as exc:
        pytest.fail(str(exc), pytrace=False)
    assert out != _seed_text()


@pytest.mark.parametrize("case", [pytest.param(c, id=c["id"]) for c in SHANGHAI_CASES])
def test_shanghai_snippets_address_one_place(case, shanghai_pdf):
    try:
        _mutate_items(_shanghai_source(shanghai_pdf).items, case)
    except SnippetError as exc:
        pytest.fail(str(exc), pytrace=False)
