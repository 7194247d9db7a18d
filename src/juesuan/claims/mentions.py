"""Document-level facts: every mention of the department's name and of the year, with where it stands (cover,
目录, part heading, table title, table header, narrative) and its span; the tables the 目录 lists; the tables
declared blank ("本表无数据").

The coherence rules (:mod:`juesuan.checks.rules.coherence`) read these typed facts, never the raw lines. Vocabulary:
``patterns/coherence.toml``. ``facts_of(doc)`` computes them (the check engine once per check: ``Context.facts``), with the
facts of the narrative's sentences (:mod:`juesuan.claims.sentence_facts`: years and departments for X006,
statements and their negation for X005).

Lines are joined into blocks (consecutive lines of the same kind, no separator: a name wrapped over two lines
is one name), so a mention knows its block offset and, through it, its source line and page.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from typing import TYPE_CHECKING

import regex as re

from ..ingest.model import Line
from ..patterns import load
from ..text import squash as _squash
from .budget import document_kind
from .sentence_facts import (
    DepartmentNamed,
    HeaderDepartment,
    Statement,
    YearStated,
    departments_named,
    header_departments,
    statements,
    years_stated,
)
from .toc import TocPairing, pair_toc

if TYPE_CHECKING:
    from ..document import Document

WHERE = ("cover", "toc", "part_heading", "table_title", "table_header", "narrative")
_HEADING_END = re.compile(r"(?:概况|决算表|情况说明|说明|名词解释|附件|附表)$")
_NON_HAN = re.compile(r"[^\p{Han}]")
_PLACE_END = re.compile(r"(?:省|市|区|县|旗|委)$")
_PLACE = re.compile(r"[\p{Han}]+?(?:省|自治区|市|区|县|旗)")
_CLAUSE_MARK = re.compile(r"[，。；：]")
# a line of prose: no entry of a 目录 has a comma or a full stop ("上海市…局是主管全区…的区政府工作部门。")
_PROSE = re.compile(r"[，。]")
_UNITS_LEAD = re.compile(r"(?:编制范围的单位(?:包括|共)|单位包括|具体包含)[:：]?")
_UNIT_NAME = re.compile(r"[\p{Han}（）()]{4,40}?(?:局|委|部|中心|站|队|所|院|馆|办|室|处|会|社|校|园)")
_PH_CORE = re.compile(r"[XxＸｘ×]{2,}|某某")


@dataclass
class Mention:
    """A department name or a year as written. ``kind``: "department" | "year".

    department: ``value`` the name as written; ``status`` "same" (the department's name or a part of it),
    "short" (an abbreviation: its characters in order in the full name), "unit" (a unit listed in the
    单位构成), "placeholder", "variant" (another name for the department's own subject position),
    "other_government" (same kind of body, another government); ``self_ref`` True when the name stands as the
    document's own subject (followed by its year, 部门决算, 内设机构 …).
    year: ``value`` the year as written ("2024", "202", "20XX"); ``role`` "current" | "as_of" | "comparison"
    | "placeholder"; ``expected`` the year the role requires.
    """

    kind: str
    value: str
    where: str
    text: str  # the block text the mention stands in (a heading, a sentence, a title)
    line: int
    page: int | None
    status: str = ""
    role: str = ""
    expected: str | None = None
    self_ref: bool = False
    region: str = ""
    body: str = ""


@dataclass
class TocEntry:
    title: str
    kind: str
    line: int
    page: int | None
    text: str


@dataclass
class TableFact:
    kind: str
    label: str
    declared_blank: bool
    note: str
    line: int
    page: int | None


@dataclass
class Slip:
    """A slip: ``kind`` "fused" | "punctuation" | "rate" | "residue" | "lookalike" | "dropped" | "purpose";
    ``stated`` as written, ``expected`` the correction (for residue: the text without it, or the alternatives to
    choose from; for purpose: what the item's own purpose names). ``note`` names what the correction rests on
    (the phrase a character was dropped from, the item whose purpose was copied)."""

    kind: str
    stated: str
    expected: str
    where: str
    text: str
    line: int
    page: int | None
    note: str = ""


@dataclass
class SubjectMention:
    """A 科目 named with its level markers in the narrative: 类, 款 and (optional) 项 names as written."""

    lei: str
    kuan: str
    xiang: str | None
    text: str
    line: int
    page: int | None


@dataclass
class DocFacts:
    department: str | None
    year: int | None
    mentions: list[Mention] = field(default_factory=list)
    toc: list[TocEntry] = field(default_factory=list)
    toc_found: bool = False
    body_text: str = ""  # squashed text outside the 目录 (to tell a missing table from a misread one)
    toc_pairs: list[TocPairing] = field(default_factory=list)  # 目录 entries printed otherwise or absent (X025)
    tables: list[TableFact] = field(default_factory=list)
    slips: list[Slip] = field(default_factory=list)
    subjects: list[SubjectMention] = field(default_factory=list)
    years_stated: list[YearStated] = field(default_factory=list)  # X006
    departments_named: list[DepartmentNamed] = field(default_factory=list)  # X006
    header_departments: list[HeaderDepartment] = field(default_factory=list)  # X006
    statements: list[Statement] = field(default_factory=list)  # X005

    def of(self, kind: str) -> list[Mention]:
        return [m for m in self.mentions if m.kind == kind]


@dataclass
class _Block:
    where: str
    text: str = ""
    offsets: list = field(default_factory=list)  # (offset, line, page)

    def add(self, ln: Line, squashed: str | None = None) -> None:
        self.offsets.append((len(self.text), ln.line, ln.page))
        self.text += _squash(ln.text) if squashed is None else squashed

    def locate(self, pos: int) -> tuple[int, int | None]:
        best = self.offsets[0]
        for o in self.offsets:
            if o[0] <= pos:
                best = o
        return best[1], best[2]

    def sentence(self, start: int, end: int) -> str:
        """The sentence/clause around [start, end) (a heading block is quoted whole)."""
        if self.where != "narrative":
            return self.text
        a = max(self.text.rfind(c, 0, start) for c in "。！？；") + 1
        b = min([i for i in (self.text.find(c, end) for c in "。！？；") if i >= 0] or [len(self.text) - 1]) + 1
        return self.text[a:b]


@cache
@cache
def _pat() -> dict:
    """The coherence patterns, compiled once."""
    p = load("coherence")
    return {
        "ph_dept": re.compile(p["placeholder"]["department"]),
        "ph_year": re.compile(p["placeholder"]["year"]),
        "self_after": re.compile(p["name"]["self_after"]),
        "lead": re.compile(p["name"]["lead_words"]),
        "cited": re.compile(p["name"]["cited_before"]),
        "head": re.compile(p["name"]["head"]),
        "pronoun": re.compile(p["name"]["pronoun"]),
        "region": re.compile(p["region"]["pattern"]),
        "as_of": re.compile(p["year"]["as_of"]),
        "comparison": re.compile(p["year"]["comparison"]),
        "change": re.compile(p["year"]["change_words"]),
        "current": re.compile(p["year"]["current"]),
        "toc": re.compile(p["toc"]["heading"]),
        "blank": re.compile(p["toc"]["blank_note"]),
    }


def split_name(name: str) -> tuple[str, str, str]:
    """(party "中共" or "", region "上海市普陀区", body "社会工作部") of an organisation's name."""
    m = _pat()["region"].match(name)
    if not m:
        return "", "", name
    party = (m.group("party") or "") + (m.group("committee") or "")
    return party, m.group("region") or "", m.group("body")


def _subsequence(short: str, full: str) -> bool:
    it = iter(full)
    return all(ch in it for ch in short)


def _same_region(a: str, b: str) -> bool:
    return not a or not b or a == b or a.endswith(b) or b.endswith(a)


def classify_name(name: str, dept: str, units: Collection[str] = frozenset()) -> str:
    """How a name written in the document relates to the department's full name (see :class:`Mention`)."""
    if _pat()["ph_dept"].search(name):
        return "placeholder"
    if not dept or name in dept or dept in name and len(name) - len(dept) <= 2:
        return "same"
    if name in units or any(name in u for u in units):
        return "unit"
    _, r1, b1 = split_name(name)
    _, r2, b2 = split_name(dept)
    if not _same_region(r1, r2):
        return "other_government" if b1 and b1 == b2 else "other"
    if _subsequence(name, dept) and name[-1:] == dept[-1:]:
        return "short"
    return "variant"


def _cut_name(text: str, end: int) -> tuple[int, str]:
    """The organisation name that ends at ``end`` (start, name): back to punctuation, a digit or a lead word."""
    pat = _pat()
    lo = max(0, end - 30)
    window = text[lo:end]
    cut = 0
    for m in _NON_HAN.finditer(window):
        cut = m.end()
    for m in pat["lead"].finditer(window):
        if m.end() > cut and m.end() < len(window):
            cut = max(cut, m.end())
    return lo + cut, window[cut:]


def _trim_name(start: int, name: str, dept: str) -> tuple[int, str]:
    """Drop words glued before a name (a heading run into its paragraph, "无" before a signature): start at
    the department's region or party prefix when the name holds it, else at the longest ending that is part of
    the department's name."""
    if not name or not dept or name in dept:
        return start, name
    party, region, _ = split_name(dept)
    for anchor in (party[:2] if party else "", region[:3] if region else ""):
        if anchor:
            k = name.rfind(anchor)  # the last one: a listed unit's name may run into the next sentence's
            if k > 0:
                return start + k, name[k:]
            if k == 0:
                break
    for form in _short_forms(dept):  # longest first
        # … unless what comes before is itself a place ("上海市杨浦区" + "财政局": another government's body)
        if name.endswith(form) and len(name) > len(form) and not _PLACE_END.search(name[: -len(form)]):
            return start + len(name) - len(form), form
    return start, name


def _short_forms(dept: str) -> list[str]:
    """The department's name without its leading region parts: "上海市普陀区生态环境局" → itself, "普陀区生态环境局",
    "生态环境局"; "中共上海市普陀区委社会工作部" → also "上海市普陀区委社会工作部", "普陀区委社会工作部"."""
    party, region, body = split_name(dept)
    comps = _PLACE.findall(region)
    committee = "委" if party.endswith("委") else ""
    forms = [dept, dept.removeprefix("中共")]
    for k in range(len(comps)):
        forms.append("".join(comps[k:]) + committee + body)
    forms.append(body)
    return sorted({f for f in forms if len(f) >= 3}, key=len, reverse=True)


def _regions(doc: Document) -> list[tuple[Line, str]]:
    """Every text line with what it is part of (cover, toc, part_heading, table_title, table_header, narrative)."""
    from ..catalogue import match_title

    pat = _pat()
    layout = load("layout")
    part_re = re.compile(layout["parts"]["pattern"])
    dept_re = re.compile(layout["meta"]["department_line"])
    lines = list(getattr(doc, "lines", None) or [])
    out: list[tuple[Line, str]] = []
    toc: set[int] = set()
    start = next((i for i, ln in enumerate(lines) if pat["toc"].match(_squash(ln.text))), None)
    if start is not None:
        seen: set[str] = set()
        for j in range(start, len(lines)):
            t = _squash(lines[j].text)
            m = part_re.match(t)
            if (m and m.group("n") in seen) or (not seen and _PROSE.search(t)):
                break  # the body: a part heading again, or (a 目录 of no part heading: 上海 预算) a line of prose
            if m:
                seen.add(m.group("n"))
            toc.add(j)
    first_part = next((i for i, ln in enumerate(lines) if i not in toc and part_re.match(_squash(ln.text))), len(lines))
    cover_end = min(start if start is not None else first_part, first_part, 10)
    if start is None and first_part == len(lines):
        cover_end = 0  # no 目录 and no part heading: no cover to tell apart either
    heading_left = 0
    rows = {(r.page, r.line) for t in getattr(doc, "tables", []) for r in t.rows}
    for i, ln in enumerate(lines):
        t = _squash(ln.text)
        if (ln.page, ln.line) in rows and i not in toc:
            out.append((ln, "table_row"))
            heading_left = 0
            continue
        if i in toc:
            where = "toc"
        elif i < cover_end and not match_title(ln.text):
            where = "cover"
        elif part_re.match(t):
            where = "part_heading"
            heading_left = 0 if _HEADING_END.search(t) else 3
        elif heading_left and t and not _CLAUSE_MARK.search(t):
            where = "part_heading"
            heading_left = 0 if _HEADING_END.search(t) else heading_left - 1
        elif dept_re.search(ln.text):
            where, heading_left = "table_header", 0
        elif "表" in t and (match_title(ln.text) is not None or (t.endswith("决算表") and len(t) <= 60)):
            where, heading_left = "table_title", 0
        else:
            where, heading_left = "narrative", 0
        out.append((ln, where))
    return out


def _units(blocks: list[_Block], dept: str | None) -> set[str]:
    """Names listed in the 单位构成 / 机构设置 section (a department's own units)."""
    units: set[str] = set()
    for k, b in enumerate(blocks):
        m = _UNITS_LEAD.search(b.text)
        if not m:
            continue
        listing = b.text[m.end():] + "".join(x.text for x in blocks[k + 1: k + 3])
        for n in _UNIT_NAME.findall(listing[:600]):
            units.add(n.strip("（）()"))
    return units


def extract_facts(doc: Document) -> DocFacts:
    pat = _pat()
    budget_doc = document_kind(doc) == "预算"
    regions = _regions(doc)
    blocks = _blocks(regions)
    dept = doc.department
    units = _units(blocks, dept)

    facts = DocFacts(department=dept, year=None)
    mentions: list[Mention] = []
    years_seen: Counter = Counter()

    _slips(facts, blocks)
    # a 预算's headings, titles and headers name its year before 预算 ("第二部分 2017 年度部门预算表"), not 决算
    current = re.compile(load("claims")["budget"]["current_year"]) if budget_doc else pat["current"]
    header_year_re = re.compile(load("layout")["meta"]["department_line"])  # "部门名称：X局 2023 年度 单位：万元"
    for b in blocks:
        if not b.text or b.where == "table_row":
            continue
        if b.where == "table_header":
            # every table's header names the year (a vote each: a region that prints its tables after the
            # narrative, 四川 第五部分 附表, has no year in its table titles, one in each header)
            hm = header_year_re.search(b.text)
            if hm and hm.group("year"):
                years_seen[int(hm.group("year"))] += 1
        _department_mentions(b, pat, dept, units, mentions)
        _year_mentions(b, pat, current, budget_doc, mentions, years_seen)

    _expected_years(facts, doc, mentions, years_seen)
    _toc_and_body(facts, regions)
    _blank_tables(facts, doc, regions, pat)
    facts.years_stated = years_stated(doc)
    facts.departments_named = departments_named(doc)
    facts.header_departments = header_departments(doc)
    facts.statements = statements(doc)
    return facts


def _blocks(regions: list[tuple[Line, str]]) -> list[_Block]:
    """The lines joined into blocks: headings, titles and header lines are blocks of their own; wrapped prose
    joins until a sentence or a heading ends."""
    layout = load("layout")
    part_re = re.compile(layout["parts"]["pattern"])
    sec_res = [re.compile(layout["sections"][k]) for k in ("level1", "level2", "level3")]
    blocks: list[_Block] = []
    prev = ""
    for ln, where in regions:
        t = _squash(ln.text)
        new = (not blocks or blocks[-1].where != where or where in ("table_header", "table_title", "toc")
               or (where == "part_heading" and part_re.match(t))
               or (where == "narrative" and (any(p.match(t) for p in sec_res) or prev[-1:] in ("。", "：", ":", "；", "！", "？")
                                              or any(p.match(prev) for p in sec_res[:2]) and not _CLAUSE_MARK.search(prev))))
        if new:
            blocks.append(_Block(where))
        blocks[-1].add(ln, t)
        prev = t
    return blocks


def _department_mentions(b: _Block, pat: dict, dept: str | None, units: set[str], mentions: list[Mention]) -> None:
    """The department named in a block: its placeholders (XX), and names in the department's own subject
    position."""
    text = b.text
    # -- placeholders (department) ------------------------------------------------------------
    taken: list[tuple[int, int]] = []
    for m in pat["ph_dept"].finditer(text):
        start, _ = _cut_name(text, m.start())  # back over the region written before the XX
        line, page = b.locate(start)
        mentions.append(Mention("department", text[start:m.end()], b.where, b.sentence(start, m.end()), line, page,
                                status="placeholder", expected=dept))
        taken.append((start, m.end()))
    # -- names in the department's own subject position ----------------------------------------
    for m in pat["self_after"].finditer(text):
        s, name = _cut_name(text, m.start())
        s, name = _trim_name(s, name, dept or "")
        if any(a <= s < z or a < m.start() <= z for a, z in taken):
            continue
        if len(name) < 3 or not pat["head"].search(name) or pat["pronoun"].match(name):
            continue
        cited = bool(pat["cited"].search(text[max(0, s - 4): s]))
        line, page = b.locate(s)
        status = classify_name(name, dept or "", units)
        _, region, body = split_name(name)
        mentions.append(Mention("department", name, b.where, b.sentence(s, m.end()), line, page, status=status,
                                expected=dept, self_ref=not cited, region=region, body=body))


def _year_mentions(b: _Block, pat: dict, current: re.Pattern, budget_doc: bool, mentions: list[Mention],
                   years_seen: Counter) -> None:
    """The years a block states: placeholders, as-of dates, comparisons, and the current year (``current``:
    the pattern of this kind of document), counted in ``years_seen`` outside the narrative."""
    text = b.text
    for m in pat["ph_year"].finditer(text):
        line, page = b.locate(m.start())
        mentions.append(Mention("year", m.group(0), b.where, b.sentence(m.start(), m.end()), line, page,
                                role="placeholder"))
    for m in pat["as_of"].finditer(text):
        line, page = b.locate(m.start())
        mentions.append(Mention("year", m.group("y"), b.where, b.sentence(m.start(), m.end()), line, page,
                                role="as_of"))
    for m in pat["comparison"].finditer(text):
        clause_end = min([i for i in (text.find(c, m.end()) for c in "，。；,") if i >= 0] or [len(text)])
        clause_start = max(text.rfind(c, 0, m.start()) for c in "，。；,") + 1
        clause = text[clause_start:clause_end]
        if not (pat["change"].search(clause) or re.search("相比|对比|同期", m.group(0))):
            continue
        line, page = b.locate(m.start())
        mentions.append(Mention("year", m.group("y"), b.where, b.sentence(m.start(), m.end()), line, page,
                                role="comparison"))
    for m in current.finditer(text):
        y = m.group("y")
        if budget_doc and (b.where == "toc" or re.search("[比与较]", text[max(0, m.start() - 3): m.start()])):
            continue  # a 预算 compares with last year's budget in prose that may read as a 目录 line
        if b.where == "narrative" and re.fullmatch(r"20\d\d", y):
            continue  # a four-digit year in prose is X006's; here only headings and broken years
        if "X" in y.upper() and pat["ph_year"].match(text, m.start()):
            continue  # reported as a placeholder
        if b.where == "narrative" and text[max(0, m.start() - 3): m.start()].endswith(("比", "与", "较")):
            continue
        if m.start() > 0 and text[m.start() - 1].isdigit():
            continue
        line, page = b.locate(m.start())
        mentions.append(Mention("year", y, b.where, b.sentence(m.start(), m.end()), line, page, role="current"))
        if b.where != "narrative" and re.fullmatch(r"20\d\d", y):
            years_seen[int(y)] += 1


def _expected_years(facts: DocFacts, doc: Document, mentions: list[Mention], years_seen: Counter) -> None:
    """The document's year: what its headings, titles and table headers say most often (else the parser's);
    each year mention's expected value from it."""
    year = years_seen.most_common(1)[0][0] if years_seen else doc.year
    if doc.year and years_seen and years_seen[doc.year] == years_seen[year]:
        year = doc.year
    facts.year = year
    budget = document_kind(doc) == "预算"
    if budget:
        # a 预算's comparisons are its change claims' named bases (X050); its assets are counted before the budget
        # year begins ("截至2023年12月31日" in a 2024 budget)
        mentions = [mm for mm in mentions if not (mm.kind == "year" and mm.role == "comparison")]
    for mm in mentions:
        if mm.kind != "year" or year is None:
            continue
        as_of = year - 1 if budget else year
        mm.expected = {"current": str(year), "as_of": str(as_of), "comparison": str(year - 1)}.get(mm.role, str(year))
    facts.mentions = mentions


def _toc_and_body(facts: DocFacts, regions: list[tuple[Line, str]]) -> None:
    """目录: the tables it lists; and the text of everything else."""
    from ..catalogue import match_title

    facts.toc_found = any(w == "toc" for _, w in regions)
    for ln, where in regions:
        if where != "toc":
            continue
        spec = match_title(ln.text)
        if spec is not None:
            facts.toc.append(TocEntry(_squash(re.sub(r"^\s*[一二三四五六七八九十]+、", "", ln.text)), spec.id, ln.line, ln.page, ln.text))
    facts.body_text = "".join(_squash(ln.text) for ln, w in regions if w != "toc")
    facts.toc_pairs = pair_toc(regions)


def _blank_tables(facts: DocFacts, doc: Document, regions: list[tuple[Line, str]], pat: dict) -> None:
    """Tables declared blank: a note under the table's title ("本表无数据") or in the table."""
    rx_fund = re.compile(load("claims")["budget"]["fund_named"])
    at: dict = {}
    for i, (ln, _) in enumerate(regions):
        at.setdefault((ln.line, ln.page), i)
    for t in getattr(doc, "tables", []):
        idx = at.get((t.line, t.page))
        if idx is None and t.title:  # located by its title line
            key = _squash(t.title)
            idx = next((i for i, (ln, w) in enumerate(regions) if w == "table_title" and _squash(ln.text).endswith(key)), None)
        note = ""
        if idx is not None:
            for ln, where in regions[idx + 1:]:
                if where in ("table_title", "part_heading"):
                    break
                if pat["blank"].search(_squash(ln.text)):
                    note = ln.text
                    break
        if not note and t.note and pat["blank"].search(_squash(t.note)):
            note = t.note
        fund = rx_fund.search(_squash(note)) if note else None
        if fund and fund.group(0) not in _squash(t.title or t.label):
            note = ""  # "无政府性基金预算…故本表为空表" read past a title printed inside a grid: another table's note
        facts.tables.append(TableFact(t.kind, t.label, bool(note), note, t.line, t.page))


@cache
def _slip_pat() -> dict:
    p = load("slips")
    dropped: dict[str, str] = {}  # variant → phrase: each phrase with one inner character dropped
    for ph in p["dropped"]["phrases"]:
        for i in range(1, len(ph) - 1):
            v = ph[:i] + ph[i + 1:]
            if v not in p["dropped"]["allowed"] and not any(v in q for q in p["dropped"]["phrases"]):
                dropped.setdefault(v, ph)
    return {
        "fused": re.compile(p["fused"]["pattern"]),
        "short": re.compile(p["fused"]["short"]),
        "short_of": p["fused"]["short_of"],
        "opposites": {frozenset(x) for x in p["fused"]["opposites"]},
        "punct": re.compile(p["punctuation"]["pattern"]),
        "rate": re.compile(p["rate"]["pattern"]),
        "residue": [(re.compile(e["pattern"]), e["fix"]) for e in p["residue"]["entry"]],
        "chain": re.compile(p["subject"]["chain"]),
        "lookalike": [(re.compile(e["pattern"]), e["fix"]) for e in p["lookalike"]["entry"]],
        "dropped": dropped,
        "dropped_re": re.compile("|".join(re.escape(v) for v in sorted(dropped, key=len, reverse=True))),
        "dropped_in": [a for a in p["dropped"]["allowed"] if any(v in a for v in dropped)],
        "dropped_rx": [(re.compile(e["pattern"]), e["fix"], e["phrase"]) for e in p["dropped"].get("entry", [])],
        "bracket": re.compile(p["punctuation"]["bracket"]),
        "char": re.compile(p["punctuation"]["char"]),
        "dropped_tail": [(re.compile(e["pattern"]), e["add"]) for e in p["dropped"].get("tail", [])],
        "purpose": [(re.compile(e["item"]), e["own"], e["marks"]) for e in p["purpose"]["entry"]],
        "purpose_at": re.compile(r"主要用于[：:]?(?P<what>[^。；]{2,120})"),
        "selfcontra": re.compile(p["selfcontra"]["pattern"]),
    }


def _slips(facts: DocFacts, blocks: list[_Block]) -> None:
    sp = _slip_pat()
    last_item: tuple[str, str] | None = None  # the 项 named by the latest subject chain, and its sentence
    quote_open = False  # a “ left open by the previous sentence (a quotation of several sentences)
    for b in blocks:
        text = b.text
        if not text:
            continue

        def add(kind: str, m: re.Match, stated: str, expected: str, b: _Block = b, note: str = "") -> None:
            line, page = b.locate(m.start())
            facts.slips.append(Slip(kind, stated, expected, b.where, b.sentence(m.start(), m.end()), line, page, note))

        taken: list[tuple[int, int]] = []
        for rx, fix in sp["residue"]:
            for m in rx.finditer(text):
                if any(a < m.end() and m.start() < z for a, z in taken):
                    continue
                taken.append((m.start(), m.end()))
                exp = fix.format(**{k: v for k, v in m.groupdict().items() if v}) if "{" in fix else fix
                add("residue", m, m.group(0), exp)
        if b.where == "table_row":
            continue
        for m in sp["fused"].finditer(text):
            if frozenset((m.group("a"), m.group("b"))) in sp["opposites"]:
                add("fused", m, m.group(0), f"{m.group('a')} 或 {m.group('b')}")
        for m in sp["short"].finditer(text):
            full, short = (m.group("f1"), m.group("s1")) if m.group("f1") else (m.group("f2"), m.group("s2"))
            other = sp["short_of"][short]
            if frozenset((full, other)) in sp["opposites"]:
                a, c = (other, full) if m.group("s1") else (full, other)
                add("fused", m, m.group(0), f"{a} 或 {c}")
        _punctuation(sp, text, add)
        quote_open = _quotes(text, quote_open, add)
        if b.where in ("table_header",):
            continue
        for rx, fix in sp["lookalike"]:
            for m in rx.finditer(text):
                add("lookalike", m, _around(text, m.start(), m.end()), _around(text, m.start(), m.end(), fix))
        _dropped(sp, text, add)
        if b.where == "narrative":
            for m in sp["rate"].finditer(text):
                add("rate", m, m.group("num"), m.group("num") + "%")
            for m in sp["selfcontra"].finditer(text):
                zero = Decimal(m.group("num").replace(",", "")) == 0 and not m.group("to")
                flat_only = text[m.end("unit"):m.end()].lstrip("，,")  # "与上年持平": the clause without the change
                add("selfcontra", m, m.group(0), flat_only if zero else f"{m.group('dir')} 或 {m.group('flat')}",
                    note=m.group("dir"))
            chains = list(sp["chain"].finditer(text))
            for m in chains:
                line, page = b.locate(m.start())
                facts.subjects.append(SubjectMention(m.group("lei").lstrip("、“”"), m.group("kuan"), m.group("xiang"),
                                                     b.sentence(m.start(), m.end()), line, page))
            last_item = _purposes(facts, b, chains, last_item, add)
        else:
            last_item = None


def _punctuation(sp: dict, text: str, add) -> None:
    """X031: a mark doubled ("，，"), a bracket opened in one width and closed in the other ("(一）"), a character
    doubled in a comparative ("较高高")."""
    for m in sp["punct"].finditer(text):
        add("punctuation", m, m.group(0), m.group(0)[0] if len(set(m.group(0))) == 1 else m.group(0)[-1])
    for m in sp["bracket"].finditer(text):
        add("punctuation", m, m.group(0), f"（{m.group('in') or m.group('in2')}）", note="bracket")
    for m in sp["char"].finditer(text):
        add("punctuation", m, m.group(0), m.group(0)[:2], note="char")


def _quotes(text: str, open_: bool, add) -> bool:
    """X031: a closing ” with no “ before it ("年中新增…活动经费、百合之约情定苏河”2025年…"): the opening mark was
    dropped; the suggestion puts it after the last separator before the closing one. A “ left open carries into the
    next sentence (a quotation of several sentences), so that sentence's ” closes it. Returns whether a “ is open."""
    for i, ch in enumerate(text):
        if ch == "“":
            open_ = True
        elif ch == "”" and open_:
            open_ = False
        elif ch == "”":
            start = max((text.rfind(c, 0, i) for c in "、，,。；;：:（("), default=-1) + 1
            m = re.compile(re.escape(text[start:i + 1])).search(text, start)
            if m is not None and i - start >= 2:
                add("punctuation", m, m.group(0), "“" + m.group(0), note="quote")
    return open_


def _dropped(sp: dict, text: str, add) -> None:
    """X061: a character dropped from a fixed phrase (a variant standing inside an allowed word is no slip), a
    phrase's last character dropped (``[[dropped.tail]]``), or a mark or character a ``[[dropped.entry]]`` regex
    finds missing."""
    if sp["dropped"]:
        for m in sp["dropped_re"].finditer(text):
            if any(text.find(a, max(0, m.end() - len(a)), m.start() + len(a)) != -1 for a in sp["dropped_in"]):
                continue
            add("dropped", m, m.group(0), sp["dropped"][m.group(0)], note=sp["dropped"][m.group(0)])
    for rx, lost in sp["dropped_tail"]:
        for m in rx.finditer(text):
            add("dropped", m, m.group(0), m.group(0) + lost, note=m.group(0) + lost)
    for rx, fix, phrase in sp["dropped_rx"]:
        for m in rx.finditer(text):
            exp = fix.format(**{k: v for k, v in m.groupdict().items() if v is not None})
            add("dropped", m, m.group(0), exp, note=phrase)


def _around(text: str, start: int, end: int, fix: str | None = None) -> str:
    """The misprinted characters with one character of context on each side, or that span corrected."""
    a, z = max(0, start - 2), min(len(text), end + 2)
    return text[a:start] + (text[start:end] if fix is None else fix) + text[end:z]


def _purposes(facts: DocFacts, b: _Block, chains: list, last: tuple[str, str] | None, add) -> tuple[str, str] | None:
    """X062: an item's purpose ("主要用于…") that has the marks of another 项 and none of its own words. The item is
    the 项 of the latest subject chain before the purpose, in this block or the one before (a heading sentence
    "…（项）。" and its purpose "主要用于：…" are two blocks)."""
    sp = _slip_pat()
    text = b.text
    for m in sp["purpose_at"].finditer(text):
        before = [c for c in chains if c.end() <= m.start()]
        item = (before[-1].group("xiang") or "") if before else (last[0] if last else "")
        if not item or (before and m.start() - before[-1].end() > 12) or (not before and m.start() > 12):
            continue  # a purpose far from any item heading belongs to no item ("…支出 X 万元，主要用于以下方面")
        what = m.group("what")
        mine = next(((own, marks) for rx, own, marks in sp["purpose"] if rx.search(item)), None)
        if mine is None or any(w in what for w in mine[0]):
            continue
        other = next((marks for rx, own, marks in sp["purpose"] if marks is not mine[1] and any(w in what for w in marks)), None)
        if other is None:
            continue
        add("purpose", m, what, mine[0][0], note=item)
    if chains:
        c = chains[-1]
        return (c.group("xiang") or "", "") if c.group("xiang") else None
    return last


def facts_of(doc: Document) -> DocFacts:
    """The document's coherence facts (computed on each call; the check engine reads them once per check,
    ``checks.base.Context.facts``, and sets nothing on the document)."""
    return extract_facts(doc)
