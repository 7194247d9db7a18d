"""The rule framework: findings, the rule base class, and the context every rule reads.

A rule is a small class with a stable ``id`` (T001, N003 …), a ``family`` (its folder), a default ``severity``, a
one-line ``summary`` and a docstring with a bad and a good example. ``check(ctx)`` yields :class:`Finding` objects
and may record that a claim was verified (``ctx.verify``); a claim cited by an error or warning finding of a rule
that decides verdicts is contradicted. Everything numeric goes through :class:`~juesuan.numbers.Interval`: a
displayed figure with d decimals stands for ±0.5·10^-d, so a recomputation is judged against what its rounded
inputs allow.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any, ClassVar

from ..catalogue import kind_name
from ..claims.meaning import norm_name  # names compared loosely: one definition for the extractor and the rules
from ..i18n import Join, Msg
from ..numbers import Interval, decimals_of, fmt_amount
from ..patterns import compiled

if TYPE_CHECKING:  # pragma: no cover
    from ..claims.mentions import DocFacts
    from ..claims.model import Claim, TableRef
    from ..document import Document, Paragraph
    from ..tables.model import Row, Table
    from ..tables.reading import Readings
    from ..tables.reliability import Diagnosis
    from . import Config

SEVERITIES = ("error", "warning", "info")
RANK = {"error": 0, "warning": 1, "info": 2}
ZERO = Decimal(0)
HUNDRED = Decimal(100)
WAN = Decimal(10000)


@dataclass
class Evidence:
    source: str  # "table" | "narrative"
    value: str
    table: str | None = None
    row: str | None = None
    column: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"source": self.source, "table": self.table, "row": self.row, "column": self.column, "value": self.value}


@dataclass
class Location:
    part: str | None = None
    section: str | None = None
    table: str | None = None
    page: int | None = None
    line: int | None = None
    file: str | None = None  # a document read from two files (``--with``): the file the page is of

    def to_dict(self) -> dict[str, Any]:
        d = {"part": self.part, "section": self.section, "table": self.table, "page": self.page, "line": self.line}
        if self.file is not None:
            d["file"] = self.file
        return d


@dataclass
class Finding:
    """``message`` is given as a :class:`~juesuan.i18n.Msg` (key + parameters); it is kept in ``msg``
    and ``message`` holds its rendering in the default language until :meth:`localize` renders it in another."""

    rule: str
    severity: str
    message: str | Msg | Join
    text: str
    stated: str | None = None
    expected: str | None = None
    location: Location = field(default_factory=Location)
    evidence: list[Evidence] = field(default_factory=list)
    claims: list[int] = field(default_factory=list)  # indexes into Result.claims
    msg: Msg | Join | None = None
    related: list[Finding] = field(default_factory=list)  # the same cause found by other rules (checks.grouping)

    def __post_init__(self) -> None:
        if isinstance(self.message, (Msg, Join)):
            self.set_message(self.message)

    def set_message(self, msg: Msg | Join, lang: str | None = None) -> None:
        self.msg = msg
        self.message = msg.render(lang)

    def localize(self, lang: str | None = None) -> None:
        """Render ``message`` in ``lang`` (the default language when None)."""
        if self.msg is not None:
            self.message = self.msg.render(lang)
        for r in self.related:
            r.localize(lang)

    def to_dict(self) -> dict[str, Any]:
        d = {
            "rule": self.rule,
            "severity": self.severity,
            "message": self.message,
            "text": self.text,
            "stated": self.stated,
            "expected": self.expected,
            "location": self.location.to_dict(),
            "evidence": [e.to_dict() for e in self.evidence],
            "claims": list(self.claims),
        }
        if self.related:  # present only when other rules found the same cause
            d["related"] = [{"rule": r.rule, "severity": r.severity, "message": r.message, "text": r.text,
                             "stated": r.stated, "expected": r.expected, "location": r.location.to_dict()}
                            for r in self.related]
        return d


def document_key(f: Finding) -> tuple[int, int, int, int, str]:
    """Document order: page, then line on the page, then position (the first claim a finding cites, in the
    claims' reading order), then severity and rule. Findings without a page (text input, or document-wide
    findings) sort by line. Used by the engine (``Result.findings``) and by every report."""
    loc = f.location
    pos = min(f.claims) if f.claims else -1
    return (loc.page if loc.page is not None else 0, loc.line or 0, pos, RANK.get(f.severity, 9), f.rule)


RULES_PACKAGE = f"{__package__}.rules."
# what a rule's findings rest on (Rule.compares), in the order a finding is preferred as the one reported for a
# cause several rules found (checks.grouping): against the tables, last year's document, the narrative, the tables
COMPARES = ("narrative_tables", "previous", "narrative", "tables")
# what a finding that a printed 科目 name differs rests on (Rule.names_kemu), the closer to the row first
KEMU_EVIDENCE = ("row", "code")


class Rule:
    """Base class of every rule: one class in ``checks/rules/<family>/<ID>.py``. Subclasses set the class
    attributes and implement :meth:`check`; the family is the folder (``family``, set when the class is made).

    What the engine must know about a rule is declared here, never read from its id:

    * ``phase``: when it runs — ``"rules"`` (first, all together) or ``"after_verdicts"`` (once the findings have
      decided which claims are contradicted and the unreliable tables are set aside: it reads ctx.contradicted);
    * ``decides_verdicts``: an error or warning of this rule makes the claims it cites contradicted (False: the
      rule reports what could not be checked, not that the document is wrong);
    * ``compares``: what its findings rest on — ``"tables"`` (the tables against themselves: a finding on a table
      the tool misread is folded into the table's T010 warning as a table finding), ``"narrative_tables"`` (the
      narrative against the tables: a finding whose claims refer to a table read after a repair is at most a
      warning), ``"narrative"`` (the narrative against itself) or ``"previous"`` (against last year's document);
    * ``reports_table_diagnosis``: the rule reports the table diagnosis (T010; the tables' reading is a pipeline
      step, run whatever rules are enabled): its findings are never set aside, and the findings resting on an
      unreliable table are folded into its finding on that table;
    * ``reports_unchecked``: the rule reports what could not be checked or is ill-defined (the completeness
      rules), not that a stated figure is wrong: its findings are never grouped with others of the same cause;
    * ``one_finding_per_document``: all the rule's findings in a document are reported as one, at the first
      place, listing the others (X033: a template left unfilled);
    * ``names_kemu``: the rule says a 科目 name printed in the narrative differs from the tables', and how close its
      evidence comes to the row (``KEMU_EVIDENCE``): ``"row"`` (X065: the one table row the item is tied to),
      ``"code"`` (X034: the tables' name for the 科目 its parent's names point to). Two such findings on one name
      in one sentence are one cause (checks.grouping), reported by the closer evidence.
    """

    id: ClassVar[str] = ""
    family: ClassVar[str] = ""  # the folder the rule's module is in (rules/<family>/<ID>.py)
    severity: ClassVar[str] = "error"
    summary: ClassVar[str] = ""
    phase: ClassVar[str] = "rules"
    decides_verdicts: ClassVar[bool] = True
    compares: ClassVar[str] = "narrative"
    reports_table_diagnosis: ClassVar[bool] = False
    reports_unchecked: ClassVar[bool] = False
    one_finding_per_document: ClassVar[bool] = False
    names_kemu: ClassVar[str | None] = None

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        module = cls.__module__
        if module.startswith(RULES_PACKAGE):  # juesuan.checks.rules.<family>.<ID>
            cls.family = module[len(RULES_PACKAGE):].split(".")[0]

    def check(self, ctx: Context) -> Iterable[Finding]:  # pragma: no cover - abstract
        raise NotImplementedError


# ---- numbers ---------------------------------------------------------------------------------


def fmt(value: Decimal | None) -> str:
    """A Decimal as printed: its own decimals, derived values rounded to 2."""
    if value is None:
        return "—"
    if decimals_of(value) <= 2:
        return f"{value:f}"
    return fmt_amount(value, 2)


def fmt_pct(value: Decimal | None, places: int = 2) -> str:
    if value is None:
        return "—"
    return fmt_amount(value * HUNDRED, places) + "%"


def interval_of(value: Decimal, places: int | None = None) -> Interval:
    """The rounding interval of a printed figure; ``places`` overrides its own decimals (a "0" in a
    2-decimal table is 0.00, not 0 ± 0.5)."""
    if places is None or places <= decimals_of(value):
        return Interval.of(value)
    r = Decimal(5).scaleb(-places - 1)
    return Interval(value - r, value + r)


def pct_interval(value: Decimal) -> Interval:
    """A stated percentage (25.68) as a fraction interval [0.25675, 0.25685]."""
    return Interval.of(value).scale(Decimal("0.01"))


def fmt_interval_pct(iv: Interval) -> str:
    return fmt_pct(iv.mid)


def wan(value: Decimal, unit: str) -> Decimal:
    return value / WAN if unit == "元" else value


def no_rule(claim: Claim) -> Msg:
    """The reason of a claim no rule decided: "没有规则核对此类表述（原因说明）"."""
    return Msg("reason.no_rule", kind=Msg(f"kind.{claim.kind}"))


# ---- context ---------------------------------------------------------------------------------


@dataclass
class Cell:
    table: Table
    row: Row
    column: str
    value: Decimal

    @property
    def interval(self) -> Interval:
        """Interval in 万元."""
        iv = interval_of(self.value, table_places(self.table))
        return iv.scale(Decimal(1) / WAN) if self.table.unit == "元" else iv

    @property
    def wan(self) -> Decimal:
        return wan(self.value, self.table.unit)

    def evidence(self) -> Evidence:
        row = f"{self.row.code} {self.row.name}".strip()
        money = not compiled("得分|率|偏差").search(self.column)
        unit = f" {self.table.unit}" if self.table.unit and money else ""
        return Evidence("table", f"{fmt(self.value)}{unit}", self.table.label, row, printed_column(self.table, self.column))


def printed_column(table: Table, column: str) -> str:
    """A column as the table prints it (a 预算 table's one amount column: "金额" for the canonical 合计)."""
    return (table.extra.get("printed_columns") or {}).get(column, column)


@dataclass
class GroupCell(Cell):
    """人员经费 or 公用经费 of a 基本支出 table printed with one amount column (江苏): the sum of its 经济分类 classes
    of that group (``patterns/econ.toml`` personnel_prefixes), each within its own rounding."""

    parts: list[Row] = field(default_factory=list)

    @property
    def interval(self) -> Interval:
        places = table_places(self.table)
        iv = Interval.point(Decimal(0))
        for r in self.parts:
            iv = iv + interval_of(r.values[self.column] or Decimal(0), places)
        return iv.scale(Decimal(1) / WAN) if self.table.unit == "元" else iv



def group_cell(table: Table, total: Row, group: str) -> GroupCell | None:
    """``group`` (人员经费 / 公用经费) of a 基本支出 table that has no such column: Σ of its 经济分类 classes (3-digit
    codes) of that group, read from the table's one amount column — only when the classes are all 经济分类 and add
    up to the table's 合计 (so none was lost in reading)."""
    from ..tables.model import econ_group

    if group not in ("人员经费", "公用经费") or not total.is_total:
        return None
    cols = [c for c, v in total.values.items() if v is not None]
    coded = [r for r in table.rows if r.code.isdigit()]
    classes = [r for r in coded if len(r.code) == 3]
    if len(cols) != 1 or not classes or any(not r.code.startswith("3") for r in coded):
        return None
    col = cols[0]
    if any(r.values.get(col) is None for r in classes):
        return None
    places = table_places(table)
    whole = Interval.point(Decimal(0))
    for r in classes:
        whole = whole + interval_of(r.values[col] or Decimal(0), places)
    if not whole.overlaps(interval_of(total.values[col] or Decimal(0), places)):
        return None
    parts = [r for r in classes if econ_group(r.code, r.name) == group]
    if not parts:
        return None
    from ..tables.model import Row

    value = sum((r.values[col] or Decimal(0) for r in parts), Decimal(0))
    # the row as the evidence names it: "人员经费（301 工资福利支出 + 303 对个人和家庭的补助）"
    name = f"{group}（{' + '.join(f'{r.code} {r.name}' for r in parts)}）"
    row = Row(code="", name=name, values={col: value}, line=parts[0].line, page=parts[0].page)
    return GroupCell(table, row, col, value, parts)


def table_places(table: Table) -> int:
    """The decimals a table prints its amounts with (the most seen): a bare "0" then means 0.00. Cached here by
    the table's identity (a rule never writes to a table; the entry goes when the table does)."""
    hit = _PLACES.get(id(table))
    if hit is not None and hit[0]() is table:
        return hit[1]
    places = 0
    for r in table.rows:
        for v in r.values.values():
            if v is not None:
                places = max(places, decimals_of(v))
    key = id(table)

    def gone(_ref: weakref.ref[Table], key: int = key) -> None:
        _PLACES.pop(key, None)

    _PLACES[key] = (weakref.ref(table, gone), places)
    return places


_PLACES: dict[int, tuple[weakref.ref[Table], int]] = {}  # id(table) → (the table, its decimals)


class Context:
    """What a rule sees: the document, its claims, its tables as read, lookups, and the verdict book.

    The tables as read (``readings``, :mod:`juesuan.tables.reading`): ``tables`` are the document's tables with a
    table read after a complete repair in place of the printed one; ``table(kind)`` / ``cell`` refuse an unreliable
    table, ``as_read(kind)`` gives it (the engine sets aside what a rule draws from it). A rule reads tables
    through these, never through ``doc.tables``, and changes neither the document nor its claims."""

    def __init__(self, doc: Document[Table], claims: list[Claim], cfg: Config | None = None,
                 readings: Readings | None = None) -> None:
        if readings is None:
            from ..tables.reading import readings_of

            readings = readings_of(doc)
        self.doc = doc
        self.claims = claims
        self.cfg = cfg
        self.readings = readings
        self.tables: list[Table] = list(readings.as_read)  # the document's tables as read (repaired, in order)
        self.verified: dict[int, list[str]] = {}  # claim index → the rules that confirmed it
        self.unverifiable: dict[int, Msg | str] = {}  # claim index → why no rule could check it
        self.unreliable: dict[str, Diagnosis] = dict(readings.unreliable)  # table label → Diagnosis of a table not read reliably
        self.misread_claims: dict[int, Msg | str] = {}  # claim index → "表…未能可靠读取" (set by the engine)
        self.contradicted: set[int] = set()  # claims cited by an error/warning T/N/X/Y finding (set by the engine
        # before the rules of phase "after_verdicts" run)
        self.extraction_error: str | None = None  # why the claim extractor failed, if it did
        self.previous: Document[Table] | None = None  # last year's document (rule Y001), or None
        self.previous_claims: list[Claim] = []  # the claims of its narrative (extracted by the app layer)
        self.base_unreadable: dict[int, Msg] = {}  # claim index → why its resolved base's cell cannot be read
        self.repaired: dict[str, Diagnosis] = dict(readings.repaired)  # table label → Diagnosis of a table checked as read after a complete repair
        self._facts: DocFacts | None = None
        self._index = {id(c): i for i, c in enumerate(claims)}
        self._by_sentence: dict[int, list[Claim]] | None = None
        self._by_line: dict[int, list[Claim]] = {}
        self._name_index: dict[int, dict[str, list[Row]]] = {}  # id(table) → its rows by normalised name

    @classmethod
    def as_printed(cls, doc: Document[Table], claims: list[Claim]) -> Context:
        """A context over the tables as printed, none set aside or repaired (the reports link a claim to the
        printed cell it refers to)."""
        from ..tables.reading import as_printed

        return cls(doc, claims, readings=as_printed(doc.tables))

    @property
    def facts(self) -> DocFacts:
        """The document-level facts of the claims layer (names, years, slips, statements): read once per check."""
        if self._facts is None:
            from ..claims.mentions import facts_of

            self._facts = facts_of(self.doc)
        return self._facts

    # -- claims ---------------------------------------------------------------------------------
    def idx(self, claim: Claim) -> int:
        return self._index[id(claim)]

    def verify(self, claim: Claim, rule: str) -> None:
        self.verified.setdefault(self.idx(claim), []).append(rule)

    def cannot(self, claim: Claim, reason: Msg | str) -> None:
        """Record why a claim could not be checked (kept only if nothing else decides it)."""
        self.unverifiable.setdefault(self.idx(claim), reason)

    def of_kind(self, *kinds: str) -> list[Claim]:
        return [c for c in self.claims if c.kind in kinds]

    def neighbours(self, claim: Claim) -> list[Claim]:
        """Claims of the same sentence (or, without a sentence index, the same line), in order."""
        if self._by_sentence is None:  # indexed once per document, not scanned per claim (linear work)
            self._by_sentence, self._by_line = {}, {}
            for c in self.claims:
                if c.sentence_index is not None:
                    self._by_sentence.setdefault(c.sentence_index, []).append(c)
                self._by_line.setdefault(c.line, []).append(c)
        if claim.sentence_index is not None:
            return list(self._by_sentence.get(claim.sentence_index, []))
        return list(self._by_line.get(claim.line, []))

    def paragraph_of(self, claim: Claim) -> Paragraph | None:
        si = claim.sentence_index
        if si is not None and 0 <= si < len(self.doc.sentences):
            return self.doc.sentences[si].paragraph
        return None

    # -- tables ---------------------------------------------------------------------------------
    def _rows_by_name(self, t: Table) -> dict[str, list[Row]]:
        """The table's rows by normalised name, in order: built once per table, not scanned per claim."""
        index = self._name_index
        if id(t) not in index:
            by: dict[str, list[Row]] = {}
            for r in t.rows:
                by.setdefault(norm_name(r.name), []).append(r)
            index[id(t)] = by
        return index[id(t)]

    def as_read(self, kind: str) -> Table | None:
        """The document's table of ``kind`` as read (after a complete repair, if any), reliable or not."""
        return self.readings.table(kind)

    def table(self, kind: str) -> Table | None:
        """The document's table of ``kind`` as read — None for a table found unreliable (``self.unreliable``,
        the readings): no verdict may rest on a table the tool misread."""
        t = self.as_read(kind)
        if t is not None and t.label in self.unreliable:
            return None
        return t

    def _locate(self, ref: TableRef | None, column: str | None) -> tuple[Table, Row, str] | Cell | Msg:
        """The (table, row, column) a claim refers to, a group cell, or why there is none."""
        if ref is None:
            return Msg("reason.cell.no_ref")
        printed = self.as_read(ref.table)
        if printed is not None and printed.label in self.unreliable:
            return Msg("reason.misread", table=printed.label)
        t = self.table(ref.table)
        if t is None:
            return Msg("reason.cell.no_table", table=ref.table, name=kind_name(ref.table, self.doc.kind))
        row = t.find(code=ref.code, side=ref.side) if ref.code else None
        if row is None and ref.row:
            row = t.find(name=ref.row, side=ref.side)
            if row is None:
                key = norm_name(ref.row)
                row = next((r for r in self._rows_by_name(t).get(key, []) if ref.side is None or r.side == ref.side), None)
        if row is None and not ref.code and not ref.row:
            row = t.total_row(ref.side)
            if row is None and len([r for r in t.rows if ref.side is None or r.side == ref.side]) == 1:
                row = next(r for r in t.rows if ref.side is None or r.side == ref.side)  # a one-row table (三公)
        if row is None:
            return Msg("reason.cell.no_row", row=ref.code or ref.row or "合计", table=t.label)
        col = column or ref.column or default_column(t, row)
        if col not in row.values:
            g = group_cell(t, row, col)
            return g if g is not None else Msg("reason.cell.no_column", column=col, table=t.label)
        return t, row, col

    def cell(self, ref: TableRef | None, column: str | None = None) -> tuple[Cell | None, Msg | None]:
        """The cell a claim refers to, or (None, reason); an unreliable table gives none ("表…未能可靠读取")."""
        found = self._locate(ref, column)
        if isinstance(found, Msg):
            return None, found
        if isinstance(found, Cell):
            return found, None
        t, row, col = found
        v = row.values.get(col)
        if v is None and row.partial and col in row.extra.get("agreed", {}):
            v = row.extra["agreed"][col] or ZERO  # every placement of the row's figures gives this cell (tables/place)
        if v is None:
            if t.empty or row.partial:
                return None, Msg("reason.cell.blank", table=t.label, row=row.name, column=col)
            v = ZERO
        return Cell(t, row, col, v), None

    def cell_options(self, ref: TableRef | None, column: str | None = None) -> list[Cell]:
        """The values a cell takes over the placements of its row's figures, when the row's blank cells vanished and
        several placements hold (:mod:`juesuan.tables.place`; blank = 0): one Cell per value, least first. Empty when
        the cell is read (:meth:`cell`) or its row's placements are not known."""
        found = self._locate(ref, column)
        if not isinstance(found, tuple):
            return []
        t, row, col = found
        return [] if row.values.get(col) is not None else option_cells(t, row, col)


def option_cells(t: Table, row: Row, col: str) -> list[Cell]:
    """The cell (``row``, ``col``) of ``t`` in each satisfying placement of a row whose blank cells vanished, least
    first, unless every placement agrees on it (``extra["agreed"]``) or the placements are not known: none."""
    if not row.partial or col in row.extra.get("agreed", {}):
        return []
    return [Cell(t, row, col, v) for v in row.options(col)]


def default_column(table: Table, row: Row | None = None) -> str:
    """The first column that holds a value for this row (the table's main total column)."""
    if row is not None:
        for c in table.columns:
            if row.values.get(c) is not None:
                return c
    return table.columns[0] if table.columns else ""


def claim_location(claim: Claim, table: str | None = None) -> Location:
    part = claim.part_name or (f"第{claim.part}部分" if claim.part else None)
    return Location(part=part, section=claim.section, table=table, page=claim.page, line=claim.line,
                    file=getattr(claim, "file", None))


# where a line outside the narrative stands, as a report names it (a narrative line: the part it is in)
_PLACE_PART = {"toc": "目录", "cover": "封面", "part_heading": "部分标题", "table_title": "决算表",
               "table_header": "决算表", "table_row": "决算表"}


def part_at(ctx: Context, line: int, page: int | None) -> str | None:
    """The part (第三部分 …) of the last sentence at or before ``line`` (``page``)."""
    best = None
    for s in ctx.doc.sentences:
        if (s.page, s.line) <= (page, line) if page is not None and s.page is not None else s.line <= line:
            best = s
    if best is None:
        return None
    return best.paragraph.part_name or (f"第{best.part}部分" if best.part else None)


def place_location(ctx: Context, where: str, line: int, page: int | None) -> Location:
    """The location of a mention or slip found at ``where`` (cover, 目录, table title …, narrative)."""
    part = _PLACE_PART.get(where) or part_at(ctx, line, page)
    return Location(part=part, section=None, table=None, page=page, line=line)


def row_location(table: Table, row: Row | None = None) -> Location:
    return Location(
        part="决算表",
        section=None,
        table=table.label,
        page=(row.page if row is not None else table.page),
        line=(row.line if row is not None else table.line),
    )


def row_text(row: Row) -> str:
    if row.text:
        return row.text
    vals = " ".join(fmt(v) if v is not None else "" for v in row.values.values())
    return f"{row.code} {row.name} {vals}".strip()


def claim_evidence(claim: Claim, role: str | None, label: str | None = None) -> Evidence:
    """The narrative evidence of a claim's figure in ``role`` ("—" when the claim states none)."""
    v = claim.values.get(role) if role is not None else None
    return Evidence("narrative", v.raw if v else "—", None, label or claim.subject, role)
