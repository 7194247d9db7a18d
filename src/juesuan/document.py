"""The document model: department, year, parts, sections, located sentences, and where each table is.

``parse_document(source)`` walks the ingested items in reading order: part headings (第一部分…) split the
document, table titles (:mod:`juesuan.catalogue`) open table regions, kept as :class:`TableRegion`s, and
every other line is prose, rejoined into paragraphs and split into sentences that remember the line each
character came from. The document layer does not parse tables: :func:`juesuan.tables.build.attach_tables`
turns the regions into ``Document.tables`` (and sets ``Document.unit``); :mod:`juesuan.pipeline` runs
ingest → document → tables (``load_document``, ``build_document``).
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Any, Generic, Protocol, TypeVar

import regex as re

from .catalogue import NUMBER_LINE_RE as NUMBER_RE
from .catalogue import TableSpec, match_title
from .ingest.model import Grid, Item, Line, Source
from .patterns import compiled, load
from .text import squash as _squash

SENTENCE_END = "。！？!?"


@dataclass
class Span:
    """Where a piece of text came from: page (PDF; None for text input), line, and the verbatim text."""

    text: str
    line: int
    page: int | None = None


@dataclass
class Section:
    level: int  # 1: 一、  2: （一）  3: 1.
    number: str
    title: str
    line: int
    page: int | None
    part: int | None
    parent: Section | None = None

    @property
    def path(self) -> str:
        parts = []
        s: Section | None = self
        while s is not None:
            parts.append(s.title)
            s = s.parent
        return " > ".join(reversed(parts))


@dataclass
class Paragraph:
    """Running text rejoined from wrapped lines; ``offsets`` maps character offsets to source lines."""

    text: str
    part: int | None
    part_name: str
    section: Section | None
    offsets: list[tuple[int, int, int | None]]  # (char offset, line, page), ascending

    def locate(self, start: int) -> tuple[int, int | None]:
        i = bisect_right([o[0] for o in self.offsets], start) - 1
        _, line, page = self.offsets[max(i, 0)]
        return line, page


@dataclass
class Sentence:
    text: str
    paragraph: Paragraph
    start: int  # offset in the paragraph
    line: int
    page: int | None

    @property
    def part(self) -> int | None:
        return self.paragraph.part

    @property
    def section(self) -> Section | None:
        return self.paragraph.section

    def locate(self, offset: int) -> tuple[int, int | None]:
        """Line and page of the character at ``offset`` within this sentence."""
        return self.paragraph.locate(self.start + offset)


@dataclass
class Part:
    number: int
    title: str
    line: int
    page: int | None


@dataclass
class TableRegion:
    """Where one table is: the spec its title matched, the title line, and the items up to the next table
    title with a body, part heading or extra part (the table number printed above the title comes first)."""

    spec: TableSpec
    title: Line
    items: list[Line | Grid]


class _Kinded(Protocol):
    kind: str


T = TypeVar("T", bound=_Kinded)


@dataclass
class Document(Generic[T]):
    """The document. ``kind`` is "决算" or "预算" (:func:`document_kind`: from its table titles, else its cover
    and title); ``source_kind`` the file it was read from ("pdf" | "txt" | "docx"). ``tables``
    (``Document[Table]``) and ``unit`` are set by the tables layer from ``regions``
    (:func:`juesuan.tables.build.attach_tables`); the document layer leaves them empty / "万元"."""

    path: str
    kind: str
    department: str | None
    year: int | None
    unit: str
    parts: list[Part]
    sections: list[Section]
    paragraphs: list[Paragraph]
    sentences: list[Sentence]
    tables: list[T]
    pages: int | None = None
    lines: list[Line] = field(default_factory=list)
    regions: list[TableRegion] = field(default_factory=list)
    source_kind: str = "txt"
    # a document read from two files (``--with``): [(file, offset)] in order, pages (PDF) or lines (text) of a file
    # numbered on after the previous file's (``files_by`` says which); empty for one file
    files: list[tuple[str, int]] = field(default_factory=list)
    files_by: str = "page"
    scope: str = "部门"  # 部门 or 单位: whose 决算 / 预算 the cover says it is (document_scope: "2024年单位预算")

    @property
    def is_budget(self) -> bool:
        return self.kind == "预算"
    engine: str | None = None  # the PDF engine that read a PDF (ingest.model.Source.engine)

    def table(self, kind: str) -> T | None:
        for t in self.tables:
            if t.kind == kind:
                return t
        return None

    def narrative(self, part: int | None = 3) -> list[Sentence]:
        return [s for s in self.sentences if part is None or s.part == part]


# ------------------------------------------------------------------------------------------------


def _toc_end(items: list[Any], start: int, toc: dict[str, str]) -> int:
    """The index after a page-less table of contents opened at ``start``: its entries ("五、部门预算表",
    "1．2025年部门收入预算总表 …… 12") and their wrapped tails ("分类预算表") run on; blank lines are ignored."""
    entry_re, tail_re = re.compile(toc["entry"]), re.compile(toc["continuation"])
    end, prev_entry = start + 1, False
    for j in range(start + 1, len(items)):
        x = items[j]
        if not isinstance(x, Line):
            break
        t = _squash(x.text)
        if not t:
            continue
        if entry_re.match(t):
            prev_entry = True
        elif not (prev_entry and tail_re.match(t)):
            break
        else:
            prev_entry = False
        end = j + 1
    return end


def _part_role(items: list[Any], i: int, title: str, roles: list[tuple[re.Pattern[str], int, str | None]],
               printed: int, names: list[str]) -> tuple[int, str]:
    """The part a 第X部分 heading at ``items[i]`` opens and its name, from its ``title`` ([parts] roles), else from
    the number it prints. A title that matches nothing is joined with up to three following short lines (a title
    wrapped, "第三部分 …部门决算情况" / "说明", or printed on the next line, "第一部分" / "…概况")."""
    def match(text: str) -> tuple[int, str] | None:
        for rx, role, name in roles:
            if rx.search(text):
                return role, name or (names[role - 1] if role <= len(names) else "")
        return None

    text, found, joined = title, match(title) if title else None, 0
    for x in items[i + 1 : i + 8]:
        if found or joined == 3 or not isinstance(x, Line):
            break
        nxt = _squash(x.text)
        if not nxt:
            continue  # a blank line between "第一部分" and its title
        if len(nxt) > 40 or re.search(r"[，。；：:,;]", nxt):
            break
        text, joined = text + nxt, joined + 1
        found = match(text)
    return found or (printed, names[printed - 1] if printed <= len(names) else "")


def parse_document(source: Source) -> Document[Any]:
    """The document's structure and table regions (no tables yet: see :mod:`juesuan.pipeline`)."""
    layout = load("layout")
    part_re = re.compile(layout["parts"]["pattern"])
    toc_re = re.compile(layout["toc"]["heading"])
    extra_parts = [(re.compile(p["pattern"]), p["name"]) for p in layout.get("extra_parts", [])]
    sec_res = [re.compile(layout["sections"][k]) for k in ("level1", "level2", "level3")]

    cn = "一二三四五六"

    items = _lift_grid_titles(source.items)
    skip = _toc_lines(items, layout, part_re, toc_re)

    dept, year = _meta(items, layout)
    # the table spec each line is the title of (None: not a title), asked once per line; a title wrapped
    # onto a short next line ("十一、一般公共预算“三公”经费、会议费、培训费支出预" / "算表") is read joined
    titles, tails = _titles(items)
    kind = document_kind([t for t in titles if t is not None], items)
    names = layout["parts"]["budget_names" if kind == "预算" else "names"]  # what each part is called

    st = _Structure()
    # without any 第X部分 heading, a part is opened by a heading of its own ([parts] headings)
    has_parts = any(isinstance(x, Line) and part_re.match(_squash(x.text)) for x in items)
    headings = [] if has_parts else [(re.compile(p), n) for p, n in layout["parts"].get("headings", [])]
    roles = [(re.compile(r[0]), int(r[1]), r[2] if len(r) > 2 else None) for r in layout["parts"].get("roles", [])]
    i = 0
    while i < len(items):
        it = items[i]
        if i in skip:
            i += 1
            continue
        if isinstance(it, Grid):
            i += 1  # a ruled grid outside any titled table: not text, not a known table
            continue
        t = _squash(it.text)
        m = part_re.match(t)
        heading: int | None = next((n for p, n in headings if p.match(t)), None) if titles[i] is None else None
        if m or heading:
            part_no = cn.index(m.group("n")) + 1 if m else int(heading or 0)
            part_name = names[part_no - 1] if part_no <= len(names) else ""
            if m:  # what the part is, by its title, whatever number it prints (a region's own numbering)
                part_no, part_name = _part_role(items, i, t[m.end():], roles, part_no, names)
            st.open_part(part_no, part_name, it)
            i += 1
            continue
        for pat, name in extra_parts:
            if pat.match(t) and titles[i] is None:
                st.open_part(None, name)
                break
        spec = titles[i]
        if spec is not None and _has_table_body(items, i, titles):
            st.flush()
            j = _region_end(items, i, titles, tails, part_re, extra_parts, headings)
            st.regions.append(_region(items, i, j, skip, tails, spec))
            i = j
            continue
        st.prose(it, t, sec_res, source.kind)
        i += 1
    st.flush()

    sentences = _split_sentences(st.paragraphs)
    lines = [x for x in items if isinstance(x, Line)]
    return Document(
        path=source.path,
        kind=document_kind([r.spec for r in st.regions], items) if st.regions else kind,
        source_kind=source.kind,
        scope=document_scope(items),
        department=dept,
        year=year,
        unit="万元",
        parts=st.parts,
        sections=st.sections,
        paragraphs=st.paragraphs,
        sentences=sentences,
        tables=[],
        pages=source.pages,
        lines=lines,
        regions=st.regions,
        engine=source.engine,
    )


def _toc_lines(items: list[Item], layout: dict[str, Any], part_re: re.Pattern[str], toc_re: re.Pattern[str]) -> set[int]:
    """The items of a table of contents, to skip: from "目录" to the first part heading seen twice."""
    skip: set[int] = set()
    for i, it in enumerate(items):
        if isinstance(it, Line) and toc_re.match(_squash(it.text)):
            seen: set[str] = set()
            repeated = False
            for j in range(i, len(items)):
                x = items[j]
                if isinstance(x, Line):
                    m = part_re.match(_squash(x.text))
                    if m and m.group("n") in seen:
                        repeated = True
                        break
                    if m:
                        seen.add(m.group("n"))
                skip.add(j)
            if not repeated and it.page is not None:
                # no part heading printed twice (a 上海 预算 has no 第X部分): the contents are their own page
                skip = {j for j in skip if getattr(items[j], "page", None) == it.page}
            elif not repeated:
                # no pages either (a text): the contents end at the first line that is no entry of them
                skip = set(range(i, _toc_end(items, i, layout["toc"])))
            break
    return skip


def _region_end(items: list[Item], i: int, titles: list[TableSpec | None], tails: set[int], part_re: re.Pattern[str],
                extra_parts: list[tuple[re.Pattern[str], str]], headings: list[tuple[re.Pattern[str], int]]) -> int:
    """Where the table region opened by the title at ``items[i]`` ends: at the next part heading, or the next
    title with a table body."""
    j = i + 2 if i + 1 in tails else i + 1
    while j < len(items):
        x = items[j]
        if isinstance(x, Line):
            xt = _squash(x.text)
            if part_re.match(xt) or (titles[j] and _has_table_body(items, j, titles)):
                break
            if any(p.match(xt) for p, _ in extra_parts) or any(p.match(xt) for p, _ in headings):
                break  # a part heading of its own (上海 预算 "其他相关情况说明" after the last table)
        j += 1
    return j


def _region(items: list[Item], i: int, j: int, skip: set[int], tails: set[int], spec: TableSpec) -> TableRegion:
    """The table region of the title at ``items[i]`` (its body up to ``items[j]``)."""
    it = items[i]
    region = [x for k, x in enumerate(items[i + 1 : j], start=i + 1) if k not in skip]
    prev = items[i - 1] if i > 0 else None
    if isinstance(prev, Line) and NUMBER_RE.fullmatch(_squash(prev.text)):
        region.insert(0, prev)  # the table's number printed above its title ("公开05表")
    title = Line(it.text + items[i + 1].text, it.page, it.line, it.continues) if i + 1 in tails else it  # type: ignore[union-attr]
    return TableRegion(spec, title, region)  # type: ignore[arg-type]  # a title is a Line (titles[i] is None for a Grid)


class _Structure:
    """What :func:`parse_document` builds while it walks the items: the parts, sections, paragraphs and table
    regions, the part and sections open, and the prose lines of the paragraph being read."""

    def __init__(self) -> None:
        self.parts: list[Part] = []
        self.sections: list[Section] = []
        self.paragraphs: list[Paragraph] = []
        self.regions: list[TableRegion] = []
        self.part_no: int | None = None
        self.part_name = ""
        self.current: dict[int, Section | None] = {1: None, 2: None, 3: None}
        self.buf: list[Line] = []

    def flush(self) -> None:
        """The prose lines read so far become a paragraph."""
        if not self.buf:
            return
        text, offsets = "", []
        for ln in self.buf:
            offsets.append((len(text), ln.line, ln.page))
            text += ln.text
        sec = self.current[3] or self.current[2] or self.current[1]
        self.paragraphs.append(Paragraph(text=text, part=self.part_no, part_name=self.part_name, section=sec,
                                         offsets=offsets))
        self.buf.clear()

    def open_part(self, part_no: int | None, part_name: str, heading: Line | None = None) -> None:
        """A part opens: by its heading (第X部分, or a heading of its own: a Part), or as a named stretch of a
        part ([[extra_parts]]: the part's number is kept, nothing is added to ``parts``)."""
        self.flush()
        if heading is not None:
            self.part_no = part_no
            self.parts.append(Part(part_no, heading.text, heading.line, heading.page))  # type: ignore[arg-type]
        self.part_name = part_name
        self.current = {1: None, 2: None, 3: None}

    def prose(self, it: Line, t: str, sec_res: list[re.Pattern[str]], source_kind: str) -> None:
        """A line of prose (``t``: squashed): a section heading opens its section; the line joins the paragraph,
        which ends after a heading, a sentence that ends a PDF line, or a Word paragraph."""
        level = None
        for lv, pat in enumerate(sec_res, start=1):
            mm = pat.match(t)
            if mm:
                level = lv
                number = mm.group("num")
                break
        if level is not None:
            self.flush()
            parent = self.current[level - 1] if level > 1 else None
            if level > 1 and parent is None:
                parent = self.current[1] if level == 3 else None
            sec = Section(level, number, it.text, it.line, it.page, self.part_no, parent)
            self.sections.append(sec)
            self.current[level] = sec
            for deeper in range(level + 1, 4):
                self.current[deeper] = None
        self.buf.append(it)
        if level in (1, 2) and not re.search(r"[，。；：:,;]", it.text):
            self.flush()  # a heading line is a paragraph of its own
        elif it.continues is False and source_kind == "pdf" and it.text.rstrip()[-1:] in SENTENCE_END:
            self.flush()
        elif source_kind == "docx" and not it.continues:
            self.flush()  # a Word paragraph ends here


def _lift_grid_titles(items: list[Item]) -> list[Item]:
    """A grid whose first rows hold the table's title (and its "编制单位：… 单位：元" line) inside the ruling
    (上海 单位预算): those rows become text lines before the grid, so the title opens the table as printed."""
    out: list[Item] = []
    for it in items:
        if not isinstance(it, Grid) or not any(
            match_title(" ".join(c for c in r if c)) for r in it.rows[:4] if len([c for c in r if c]) == 1
        ):
            out.append(it)
            continue
        k = 0
        while k < min(len(it.rows), 6):
            cells = [c for c in it.rows[k] if c]
            text = " ".join(cells)
            if cells and not (len(cells) == 1 and match_title(text)) and not re.search(r"单位[:：]|部门[:：]", text):
                break
            if cells:
                line = it.row_lines[k] if k < len(it.row_lines) else it.line + k
                out.append(Line(text, it.page, line))
            k += 1
        rest = Grid(it.rows[k:], it.page, it.row_lines[k] if k < len(it.row_lines) else it.line, it.row_lines[k:],
                    it.row_pages[k:], it.table_no)
        out.append(rest)
    return out


def _titles(items: list[Item]) -> tuple[list[TableSpec | None], set[int]]:
    """Per item, the table spec its line is the title of, and the indices of lines that end the title above."""
    titles: list[TableSpec | None] = [match_title(x.text) if isinstance(x, Line) else None for x in items]
    tails: set[int] = set()
    for i, x in enumerate(items[:-1]):
        nxt = items[i + 1]
        if titles[i] is None and isinstance(x, Line) and isinstance(nxt, Line) and x.text.rstrip()[-1:] not in "。；;，,":
            tail = _squash(nxt.text)
            if 0 < len(tail) <= 6 and not compiled(r"\d").search(tail):
                spec = match_title(x.text + tail)
                if spec is not None:
                    titles[i] = spec
                    tails.add(i + 1)
    return titles, tails


def kind_part(doc_kind: str, name: str | None) -> str | None:
    """A part's name as a document of ``doc_kind`` calls it (patterns/layout.toml [parts] names / budget_names):
    a 预算's 决算表 is its 预算表, its 决算情况说明 its 预算情况说明; any other name as it is."""
    parts = load("layout")["parts"]
    if doc_kind != "预算" or name not in parts["names"]:
        return name
    return parts["budget_names"][parts["names"].index(name)]


def document_scope(items: list[Item]) -> str:
    """单位 when the cover or title names a 单位预算 / 单位决算 (layout.toml [meta] kind), else 部门."""
    head = "".join(_squash(x.text) for x in items[:12] if isinstance(x, Line))
    cover = re.search(load("layout")["meta"]["kind"], head)
    return "单位" if cover is not None and cover.group(0).startswith("单位") else "部门"


def document_kind(tables: list[TableSpec], items: list[Item]) -> str:
    """"预算" or "决算": the kind most of its table titles are of; without tables (or as many of each), what the
    cover and title say (the first lines naming 预算 but not 决算 make a 预算)."""
    kinds = [t.doc_kind for t in tables]
    if kinds:
        budget = kinds.count("预算")
        if budget != len(kinds) - budget:
            return "预算" if budget > len(kinds) - budget else "决算"
    head = "".join(_squash(x.text) for x in items[:12] if isinstance(x, Line))
    cover = re.search(load("layout")["meta"]["kind"], head)
    return "预算" if cover is not None and "预算" in cover.group(0) else "决算"


def _has_table_body(items: list[Item], i: int, titles: list[TableSpec | None]) -> bool:
    """A title line opens a table only if a grid, a unit line, a table number or a header follows soon."""
    unit_re = compiled(load("layout")["meta"]["unit"])
    for k, x in enumerate(items[i + 1 : i + 7], start=i + 1):
        if isinstance(x, Grid):
            return True
        t = _squash(x.text)
        if unit_re.search(x.text) or compiled(r"公开\d+表|表[一二三四五六七八九十\d]+").fullmatch(t) or t.startswith(("部门名称", "单位名称", "编制单位")):
            return True
        if titles[k]:
            return True
    return False


def _meta(items: list[Item], layout: dict[str, Any]) -> tuple[str | None, int | None]:
    meta = layout["meta"]
    dept_re = re.compile(meta["department_line"])
    title_re = re.compile(meta["title"])
    year_re = re.compile(meta["year"])
    dept: str | None = None
    year: int | None = None
    for it in items:
        if isinstance(it, Line):
            m = dept_re.search(it.text)
            # "单位：万元" is a unit, not a department; "所属单位：甲宾馆、乙宾馆。" is a sentence
            if m and m.group("dept") not in ("万元", "元") and not re.search(r"[。，、；,;]", m.group("dept")):
                dept = m.group("dept")
                if m.group("year"):
                    year = int(m.group("year"))
                break
    head = ""
    for it in items[:8]:
        # the cover's title, as a line or ruled into a grid ("江苏省人民检察院2018年部门预算" in a frame)
        texts = [it.text] if isinstance(it, Line) else [c for r in it.rows for c in r if c]
        for text in texts:
            head += _squash(text)
            m = title_re.match(head)
            if m:
                dept = dept or m.group("dept")
                if m.group("year") and year is None:
                    year = int(m.group("year"))
                break
    if year is None:
        for it in items[:200]:
            if isinstance(it, Line):
                m = year_re.search(it.text)
                if m:
                    year = int(m.group("year"))
                    break
    return dept, year


def split_sentences(p: Paragraph) -> list[Sentence]:
    """The sentences of a paragraph: cut after each of SENTENCE_END (the one sentence splitter of the package)."""
    out: list[Sentence] = []
    start = 0
    text = p.text
    for k, ch in enumerate(text):
        if ch in SENTENCE_END or k == len(text) - 1:
            seg = text[start : k + 1]
            if seg.strip():
                lead = len(seg) - len(seg.lstrip())
                line, page = p.locate(start + lead)
                out.append(Sentence(seg.strip(), p, start + lead, line, page))
            start = k + 1
    return out


def _split_sentences(paragraphs: list[Paragraph]) -> list[Sentence]:
    return [s for p in paragraphs for s in split_sentences(p)]

