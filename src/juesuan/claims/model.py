"""A claim: one assertion of the narrative, with its values, subject, basis and exact source span."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from ..i18n import Msg

KINDS = ("amount", "share", "change", "completion", "reason", "count", "zero", "list", "score")


@dataclass
class Value:
    """A figure as written in the claim.

    ``raw`` is verbatim ("449.76 万元", "25.68%", "十七个"); ``value`` exact; ``unit`` one of 万元, 元, %,
    个, 辆, 人次, 台, 分 …; ``role`` what the figure is in this claim: "amount", "change", "rate", "share",
    "budget" (年初/全年预算), "actual" (决算), "completion", "count", "previous", "score".
    """

    raw: str
    value: Decimal
    unit: str
    role: str

    @property
    def places(self) -> int:
        exp = self.value.as_tuple().exponent
        return -exp if isinstance(exp, int) and exp < 0 else 0


@dataclass
class TableRef:
    """Where the tables hold the claim's subject: table kind, row (code or name), column, side."""

    table: str
    column: str | None = None
    code: str | None = None
    row: str | None = None
    side: str | None = None

    def describe(self) -> str:
        where = self.code or self.row or ""
        return f"{self.table}[{where}]{'.' + self.column if self.column else ''}"


@dataclass
class BaseRef:
    """The base (denominator) of a share, a completion rate or a growth rate, and where it was found.

    ``what`` names the base ("本年支出合计", "预算数 of 公务用车购置及运行维护费", "上年数"); ``source`` is
    "table" (``ref`` is the cell), "narrative" (``claim`` is the index of the claim that states it and
    ``role`` the value's role there), "self" (the claim's own value of ``role``, e.g. its 年初预算) or
    "derived" (a growth rate's previous-year value = current ∓ change; ``ref``/``claim`` locate the
    current amount). ``value`` is the figure as printed or stated, when known; ``how`` says which rule of
    resolution found it ("basis named", "head of the 其中 list", "the 三公 item's own 预算数" …).
    """

    what: str
    source: str
    how: str = ""
    ref: TableRef | None = None
    claim: int | None = None
    role: str | None = None
    value: Value | None = None

    def describe(self) -> str:
        where = self.ref.describe() if self.ref else (f"claim #{self.claim}" if self.claim is not None else "this claim")
        val = f" = {self.value.raw}" if self.value else ""
        return f"{self.what} ({self.source}: {where}{'.' + self.role if self.role and self.source != 'table' else ''}){val}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "what": self.what, "source": self.source, "how": self.how,
            "table": self.ref.table if self.ref else None,
            "row": (self.ref.code or self.ref.row) if self.ref else None,
            "column": self.ref.column if self.ref else None,
            "claim": self.claim, "role": self.role,
            "value": self.value.raw if self.value else None,
        }


class Span(NamedTuple):
    """Where a claim's text sits in its sentence: character offsets into ``Sentence.text`` (end exclusive)."""

    start: int
    end: int


@dataclass
class Claim:
    """One assertion of the narrative.

    The common fields say what is claimed (kind, subject, values, basis, direction) and where (text, line,
    page, part, section, ``sentence_index`` and ``span``). Links to other claims are indices into the
    document's claim list (``parts_of``, ``about``, ``base.claim``). The fields after ``base_reason`` are
    set for some kinds only and stay at their default otherwise.
    """

    kind: str
    subject: str | None
    text: str  # verbatim span of the document (whitespace aside)
    line: int
    page: int | None
    part: int | None
    part_name: str
    section: str | None
    values: dict[str, Value] = field(default_factory=dict)
    basis: str | None = None  # "上年度", "年初预算", "全年预算", "支出合计", …
    direction: int | None = None  # +1 增加/增长, −1 减少/下降, 0 持平
    polarity: int | None = None  # reason: +1 pushes spending up, −1 down, 0 neutral
    items: list[str] = field(default_factory=list)  # list claims: the items named
    qualifier: str | None = None  # count claims: what is counted (个项目, 辆, 人次 …); zero: what is absent
    ref: TableRef | None = None
    ref_reason: str | Msg | None = None  # why no table reference could be resolved
    status: str = "unverifiable"  # verified | contradicted | unverifiable (set by checks)
    reason: str | Msg | None = None  # why unverifiable (set by checks)
    reason_msg: str | Msg | None = None  # the same reason as a message, re-rendered in each report language (checks)
    sentence_index: int | None = None  # index into Document.sentences (None: text extracted without a document)
    span: Span | None = None  # offsets of ``text`` in that sentence (None: built without the extractor)
    base: BaseRef | None = None  # share / completion / growth: the resolved base and its source
    base_reason: str | Msg | None = None  # why no base could be resolved (the claim is then unverifiable)

    # -- the subject: how it was found ------------------------------------------------------------
    subject_from: str | None = None  # completion: "text" (words before the figures), "heading", "part", "none"
    qualifier_from: str | None = None  # the lead words that qualified the subject ("…中，采购金额" → "（小微企业预留）")
    subject_resolved: str | None = None  # a bare 收入/支出 completed by the sentence's previous owner (subjects.py)
    aggregate: str | None = None  # count of 项目自评: what the table counts ("rows", "grade:优")
    budget_ref: TableRef | None = None  # where the tables hold the item's 预算数 (a completion's base)
    tie: str | None = None  # a 科目 path tied to its row other than by its printed names: "code" | "renamed" | "similar" | "amount"

    # -- links to other claims (indices into the document's claim list) ------------------------------
    parts_of: int | None = None  # amount / count / share after 其中: the claim stating its total
    base_subject: str | None = None  # share: the total it is a share of, as named (basis, list head, "…决算中")
    about: int | None = None  # reason: the change / completion / zero statement it explains (None: none found)
    explains_direction: int | None = None  # reason without 大于/小于: the direction of the change it explains

    # -- kind-specific values ---------------------------------------------------------------------
    comparator: str | None = None  # amount / share / score stated as a bound: "超过", "不低于", "未到达" …
    threshold: Value | None = None  # count: the amount bounding what is counted ("单价 100 万元以上设备 0 台")
    grade: str | None = None  # score: the grade stated with it ("评价等级为优" → "优")
    each: bool = False  # change: "各增加" (the change applies to each of the subjects named)
    rate_direction: int | None = None  # change: the rate's direction word when it differs from the amount's
    rate_incomparable: bool = False  # change: "增长率无可比性" (no previous-year figure)
    approx: bool = False  # change: "基本持平" (about the same; no threshold is defined, so never checked)
    slight: bool = False  # change: "略有增加" / "小幅下降" (a direction word without its figure)
    basis_year: int | None = None  # change against a named year (basis other than 上年度)
    basis_kind: str | None = None  # 预算 document: what the base is — "预算", "执行数" (预算执行数), "决算"; None unnamed
    headline: int | None = None  # 预算 item form: the claim stating the item's headline figure ("1.“…（项）”53.84万元")
    as_of: str | None = None  # 预算 count/amount of assets: the date it is stated at ("截至2024年8月31日" → "2024-08-31")
    reason_text: str | None = None  # reason: the reason as written (after "主要原因是…")
    variance: bool | None = None  # reason: explains a budget variance (True) or a year-on-year change (False)
    terms: list[str] = field(default_factory=list)  # reason: the vocabulary phrases that gave its polarity

    # -- facts of its sentence (set by the extractor from ``[sentence]`` of patterns/claims.toml, so that rules
    # -- read a field, never the sentence's text; without a sentence they describe the claim's own text) -----
    unspent: bool = False  # its sentence says an amount was left unspent ("未形成支出", "未支出", "未使用")
    numbered_item: bool = False  # its sentence opens with an item number ("1.", "2、", "三、")
    opens_sentence: bool = False  # its text opens its sentence (first 8 characters, whitespace aside)
    breakdown: bool = False  # its sentence has "其中" or an opening bracket (its figures may be parts of a total)

    def value(self, role: str) -> Decimal | None:
        v = self.values.get(role)
        return v.value if v else None
