"""A claim: one assertion of the narrative, with its values, subject, basis and exact source span."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import FrozenInstanceError, dataclass, field, fields, replace
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Generic, NamedTuple, TypeVar, overload

from ..numbers import Interval

if TYPE_CHECKING:
    from ..i18n import Msg

KINDS = ("amount", "share", "change", "completion", "reason", "count", "zero", "list", "score")


@dataclass(frozen=True)
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


@dataclass(frozen=True)
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


@dataclass(frozen=True)
class BaseRef:
    """The base (denominator) of a share, a completion rate or a growth rate, and where it was found.

    ``what`` names the base ("本年支出合计", "预算数 of 公务用车购置及运行维护费", "上年数"); ``source`` is
    "table" (``ref`` is the cell), "narrative" (``claim`` is the index of the claim that states it and
    ``role`` the value's role there), "self" (the claim's own value of ``role``, e.g. its 年初预算) or
    "derived" (a growth rate's previous-year value = current ∓ change; ``ref``/``claim`` locate the
    current amount). ``value`` is the figure as printed or stated, when known; ``how`` says which rule of
    resolution found it ("basis named", "head of the 其中 list", "the 三公 item's own 预算数" …); ``item`` the
    item of an item's own 预算数 (a message says "ITEM预算数").
    """

    what: str
    source: str
    how: str = ""
    ref: TableRef | None = None
    claim: int | None = None
    role: str | None = None
    value: Value | None = None
    item: str | None = None  # an item's own budget: the item whose 预算数 the base is (``what`` = "预算数 of ITEM")

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


class Amount(NamedTuple):
    """A stated figure read as money in 万元 (or a percentage as a fraction) with its rounding interval."""

    value: Decimal
    interval: Interval


class Quantity(NamedTuple):
    """A figure a rule reasons with: its value in 万元 (or a fraction), its rounding interval, and where it was read
    (``source``: the claim that states it, or the table cell — the checks' ``Cell``)."""

    value: Decimal
    interval: Interval
    source: Any


class Span(NamedTuple):
    """Where a claim's text sits in its sentence: character offsets into ``Sentence.text`` (end exclusive)."""

    start: int
    end: int


# ---- what only one kind of claim has: its payload ---------------------------------------------------------


@dataclass(frozen=True)
class ReasonFacts:
    """A reason (主要原因是…): what it says and which statement it explains."""

    polarity: int | None = None  # +1 pushes spending up, −1 down, 0 neutral
    about: int | None = None  # the change / completion / zero statement it explains (None: none found)
    explains_direction: int | None = None  # without 大于/小于: the direction of the change it explains
    reason_text: str | None = None  # the reason as written (after "主要原因是…")
    variance: bool | None = None  # explains a budget variance (True) or a year-on-year change (False)
    terms: Sequence[str] = ()  # the vocabulary phrases that gave its polarity


@dataclass(frozen=True)
class ChangeFacts:
    """A change (增加/减少 …, 增长/下降 …%): how it is worded and what it is measured against."""

    each: bool = False  # "各增加" (the change applies to each of the subjects named)
    rate_direction: int | None = None  # the rate's direction word when it differs from the amount's
    rate_incomparable: bool = False  # "增长率无可比性" (no previous-year figure)
    approx: bool = False  # "基本持平" (about the same; no threshold is defined, so never checked)
    slight: bool = False  # "略有增加" / "小幅下降" (a direction word without its figure)
    basis_year: int | None = None  # against a named year (basis other than 上年度)
    basis_kind: str | None = None  # 预算 document: what the base is — "预算", "执行数" (预算执行数), "决算"; None unnamed
    headline: int | None = None  # 预算 item form: the claim stating the item's headline figure ("1.“…（项）”53.84万元")


@dataclass(frozen=True)
class CountFacts:
    """A count (17 个项目, 2 辆 …): what bounds and what aggregates it."""

    threshold: Value | None = None  # the amount bounding what is counted ("单价 100 万元以上设备 0 台")
    aggregate: str | None = None  # of 项目自评: what it counts ("rows", "grade:优", "deviation", "no_deviation")


@dataclass(frozen=True)
class ScoreFacts:
    """A score (自评得分 90.01 分)."""

    grade: str | None = None  # the grade stated with it ("评价等级为优" → "优")


@dataclass(frozen=True)
class CompletionFacts:
    """A completion rate (完成年初预算的 …%)."""

    subject_from: str | None = None  # "text" (words before the figures), "heading", "part", "none"


Payload = ReasonFacts | ChangeFacts | CountFacts | ScoreFacts | CompletionFacts
PAYLOADS: dict[str, type[Payload]] = {"reason": ReasonFacts, "change": ChangeFacts, "count": CountFacts,
                                      "score": ScoreFacts, "completion": CompletionFacts}
PAYLOAD_FIELDS: dict[str, type[Payload]] = {f.name: cls for cls in PAYLOADS.values() for f in fields(cls)}

V = TypeVar("V")


class _KindField(Generic[V]):
    """A field only claims of one kind have: read from (and, before the claim is sealed, written to) the claim's
    payload of that kind; a claim of another kind reads the field's default and cannot be given another value."""

    def __init__(self, cls: type[Payload]) -> None:
        self.cls = cls

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name
        self.default: Any = next(f.default for f in fields(self.cls) if f.name == name)

    @overload
    def __get__(self, obj: None, owner: type | None = None) -> _KindField[V]: ...
    @overload
    def __get__(self, obj: Claim, owner: type | None = None) -> V: ...

    def __get__(self, obj: Claim | None, owner: type | None = None) -> V | _KindField[V]:
        if obj is None:
            return self
        p = obj.payload
        got: V = getattr(p, self.name) if isinstance(p, self.cls) else self.default
        return got

    def __set__(self, obj: Claim, value: V) -> None:
        p = obj.payload
        if not isinstance(p, self.cls):
            if value == self.default:
                return  # nothing to record on a claim of another kind
            raise TypeError(f"{self.name} is a field of {self.cls.__name__} ({obj.kind} claim given)")
        changed: dict[str, Any] = {self.name: value}
        obj.payload = replace(p, **changed)


@dataclass
class Claim:
    """One assertion of the narrative: the extraction record.

    The common fields say what is claimed (kind, subject, values, basis, direction) and where (text, line,
    page, part, section, ``sentence_index`` and ``span``). Links to other claims are indices into the
    document's claim list (``parts_of``, ``about``, ``base.claim``). What only one kind has is its
    ``payload`` (:class:`ReasonFacts`, :class:`ChangeFacts`, :class:`CountFacts`, :class:`ScoreFacts`,
    :class:`CompletionFacts`), read as attributes of the claim too (``c.polarity``, ``c.rate_direction`` …: the
    default for a claim of another kind). Build a claim with payload fields by :meth:`build`.

    The extractor builds a claim and then seals it (:func:`seal`): from then on no field can be assigned
    (``FrozenInstanceError``), so no rule, engine or report changes what was extracted. What the checks decide
    about a claim (verified / contradicted / unverifiable and why) is not here: it is the result's verdict
    (``checks.Result.verdicts``, by claim index), and the reports join the two.
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
    items: Sequence[str] = field(default_factory=list)  # list claims: the items named (a tuple once sealed)
    qualifier: str | None = None  # count claims: what is counted (个项目, 辆, 人次 …); zero: what is absent
    ref: TableRef | None = None
    ref_reason: str | Msg | None = None  # why no table reference could be resolved
    sentence_index: int | None = None  # index into Document.sentences (None: text extracted without a document)
    span: Span | None = None  # offsets of ``text`` in that sentence (None: built without the extractor)
    base: BaseRef | None = None  # share / completion / growth: the resolved base and its source
    base_reason: str | Msg | None = None  # why no base could be resolved (the claim is then unverifiable)
    # the current-year figure the claim is about (claims/bases.py): its own money value ("self", ``role``), else
    # its table cell (``ref``), else (the cell unreadable, or no ref) the amount claim ``claim`` states (``role``)
    current: BaseRef | None = None

    # -- the subject: how it was found ------------------------------------------------------------
    qualifier_from: str | None = None  # the lead words that qualified the subject ("…中，采购金额" → "（小微企业预留）")
    subject_resolved: str | None = None  # a bare 收入/支出 completed by the sentence's previous owner (subjects.py)
    budget_ref: TableRef | None = None  # where the tables hold the item's 预算数 (a completion's base)
    tie: str | None = None  # a 科目 path tied to its row other than by its printed names: "code" | "renamed" | "similar" | "amount"

    # -- links to other claims (indices into the document's claim list) ------------------------------
    parts_of: int | None = None  # amount / count / share after 其中: the claim stating its total
    base_subject: str | None = None  # share: the total it is a share of, as named (basis, list head, "…决算中")

    # -- kind-specific values ---------------------------------------------------------------------
    comparator: str | None = None  # amount / share / score stated as a bound: "超过", "不低于", "未到达" …
    as_of: str | None = None  # 预算 count/amount of assets: the date it is stated at ("截至2024年8月31日" → "2024-08-31")

    # -- facts of its sentence (set by the extractor from ``[sentence]`` of patterns/claims.toml, so that rules
    # -- read a field, never the sentence's text; without a sentence they describe the claim's own text) -----
    unspent: bool = False  # its sentence says an amount was left unspent ("未形成支出", "未支出", "未使用")
    numbered_item: bool = False  # its sentence opens with an item number ("1.", "2、", "三、")
    opens_sentence: bool = False  # its text opens its sentence (first 8 characters, whitespace aside)
    breakdown: bool = False  # its sentence has "其中" or an opening bracket (its figures may be parts of a total)

    file: str | None = None  # a document read from two files (``--with``): the file its page or line is of
    payload: Payload | None = None  # what only its kind has (None: a kind with none; set from ``kind`` when omitted)

    # -- kind-specific fields, read through the payload (a claim of another kind reads the default) -------------
    polarity = _KindField[int | None](ReasonFacts)
    about = _KindField[int | None](ReasonFacts)
    explains_direction = _KindField[int | None](ReasonFacts)
    reason_text = _KindField[str | None](ReasonFacts)
    variance = _KindField[bool | None](ReasonFacts)
    terms = _KindField[Sequence[str]](ReasonFacts)
    each = _KindField[bool](ChangeFacts)
    rate_direction = _KindField[int | None](ChangeFacts)
    rate_incomparable = _KindField[bool](ChangeFacts)
    approx = _KindField[bool](ChangeFacts)
    slight = _KindField[bool](ChangeFacts)
    basis_year = _KindField[int | None](ChangeFacts)
    basis_kind = _KindField[str | None](ChangeFacts)
    headline = _KindField[int | None](ChangeFacts)
    threshold = _KindField[Value | None](CountFacts)
    aggregate = _KindField[str | None](CountFacts)
    grade = _KindField[str | None](ScoreFacts)
    subject_from = _KindField[str | None](CompletionFacts)

    def __post_init__(self) -> None:
        if self.payload is None and self.kind in PAYLOADS:
            self.payload = PAYLOADS[self.kind]()

    @classmethod
    def build(cls, **kw: Any) -> Claim:
        """A claim from keyword fields, the kind-specific ones (``polarity=…``, ``grade=…``) into its payload."""
        kind_cls = PAYLOADS.get(kw["kind"])
        own = {k: kw.pop(k) for k in list(kw) if k in PAYLOAD_FIELDS}
        wrong = sorted(k for k, v in own.items() if PAYLOAD_FIELDS[k] is not kind_cls and v != getattr(cls, k).default)
        if wrong:  # (a default value for another kind's field says nothing: dropped)
            raise TypeError(f"{', '.join(wrong)}: not fields of a {kw['kind']} claim")
        mine = {k: v for k, v in own.items() if PAYLOAD_FIELDS[k] is kind_cls}
        if mine and kind_cls is not None:
            kw["payload"] = kind_cls(**mine)
        return cls(**kw)

    def __setattr__(self, name: str, value: Any) -> None:
        if self.__dict__.get("_sealed"):
            raise FrozenInstanceError(f"cannot assign to field {name!r}: a claim is immutable once extracted")
        object.__setattr__(self, name, value)

    @property
    def sealed(self) -> bool:
        return bool(self.__dict__.get("_sealed"))

    def value(self, role: str) -> Decimal | None:
        v = self.values.get(role)
        return v.value if v else None


def seal(claims: Iterable[Claim]) -> None:
    """Make each claim immutable (the end of extraction): its fields can no longer be assigned, and its lists
    (``items``, a reason's ``terms``) become tuples. A sealed claim is copied with ``dataclasses.replace``."""
    for c in claims:
        if not c.sealed:
            object.__setattr__(c, "items", tuple(c.items))
            if isinstance(c.payload, ReasonFacts):
                object.__setattr__(c, "payload", replace(c.payload, terms=tuple(c.payload.terms)))
            object.__setattr__(c, "_sealed", True)
