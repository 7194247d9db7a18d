"""Checks: rules over the tables and the claims → findings with evidence, and a verdict for every claim.

``check_document(doc, cfg)`` runs every enabled rule (see :mod:`.registry`), then decides each claim:
*contradicted* when an error or warning finding of a rule that decides verdicts (``Rule.decides_verdicts``) cites
it, *verified* when some rule confirmed it, otherwise *unverifiable* with the reason. What the engine does with a
rule's findings it reads from the rule's declarations (:class:`~.base.Rule`), never from its id. The
:class:`Config` (rules turned off, severities changed) comes from the one config loader, :func:`juesuan.config.load`;
last year's document, for rule Y001, is an argument of ``check_document``.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from ..document import kind_part
from ..i18n import Msg, render_text
from .base import RANK, Context, Evidence, Finding, Location, Rule, document_key, no_rule
from .registry import all_rules

if TYPE_CHECKING:  # pragma: no cover
    from ..claims.model import Claim
    from ..document import Document
    from ..tables.model import Table

__all__ = ["Config", "Evidence", "Finding", "Judged", "Location", "Result", "Rule", "Verdict", "all_rules", "check_document",
           "document_key"]


@dataclass
class Config:
    disable: set[str] = field(default_factory=set)
    severity: dict[str, str] = field(default_factory=dict)

    def enabled(self, rule: type[Rule]) -> bool:
        return not ({rule.id, rule.family, rule.id[:1]} & self.disable)


@dataclass(frozen=True)
class Verdict:
    """What the checks decided about one claim: ``status`` (verified | contradicted | unverifiable), ``why``
    (the reason of an unverifiable claim, a catalogue message), ``rules`` (the rules that verified it, or whose
    findings contradicted it) and ``reason`` (``why`` rendered in the result's language)."""

    status: str
    why: Msg | str | None = None
    rules: tuple[str, ...] = ()
    reason: str | None = None


@dataclass(frozen=True)
class Judged:
    """A claim joined with its verdict, as the reports read it: ``status``, ``reason``, ``verdict``, ``claim``,
    ``index``; every other attribute is the claim's (``text``, ``kind``, ``values`` …). Read-only."""

    claim: Claim
    verdict: Verdict
    index: int

    @property
    def status(self) -> str:
        return self.verdict.status

    @property
    def reason(self) -> str | None:
        return self.verdict.reason

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(object.__getattribute__(self, "claim"), name)


@dataclass
class Result:
    """The claims (the extraction record, unchanged by the checks), the findings, and a verdict for each claim
    (``verdicts[i]`` is claim ``i``'s, the index the findings cite); ``judged`` joins claims and verdicts."""

    doc: Document[Table]
    claims: list[Claim]
    findings: list[Finding]
    rules: list[type[Rule]]
    extraction_error: str | None = None
    baselined: int | None = None  # findings a --baseline suppressed (None: no baseline)
    verdicts: list[Verdict] = field(default_factory=list)  # by claim index

    @property
    def judged(self) -> list[Judged]:
        """Every claim with its verdict, in order."""
        return [Judged(c, v, i) for i, (c, v) in enumerate(zip(self.claims, self.verdicts))]

    def verdict(self, claim: Claim | int) -> Verdict:
        """The verdict on a claim (or on the claim of that index)."""
        if isinstance(claim, int):
            return self.verdicts[claim]
        return self.verdicts[next(i for i, c in enumerate(self.claims) if c is claim)]

    @property
    def summary(self) -> dict[str, int]:
        st = [v.status for v in self.verdicts]
        sev = [f.severity for f in self.findings]
        extra = {} if self.baselined is None else {"suppressed": self.baselined}
        return {
            "claims": len(self.claims),
            "verified": st.count("verified"),
            "contradicted": st.count("contradicted"),
            "unverifiable": st.count("unverifiable"),
            "errors": sev.count("error"),
            "warnings": sev.count("warning"),
            "infos": sev.count("info"),
        } | extra

    def localize(self, lang: str | None = None) -> None:
        """Render every finding's message and every claim's reason in ``lang`` (default: Chinese)."""
        for f in self.findings:
            f.localize(lang)
        self.verdicts = [replace(v, reason=render_text(v.why, lang)) if v.why is not None else v for v in self.verdicts]

    def exit_code(self, fail_on: str = "error") -> int:
        """1 when a finding at or above ``fail_on`` exists ("never": always 0)."""
        if fail_on == "never":
            return 0
        limit = RANK.get(fail_on, 0)
        return 1 if any(RANK[f.severity] <= limit for f in self.findings) else 0


def _extract(doc: Document[Table]) -> tuple[list[Claim], str | None]:
    try:
        from ..claims import extract_claims
    except ImportError as exc:
        return [], f"claim extractor unavailable: {exc}"
    try:
        return list(extract_claims(doc)), None
    except Exception as exc:  # noqa: BLE001 - a failing extractor must not hide the table checks
        return [], f"{type(exc).__name__}: {exc}".splitlines()[0]


def check_document(doc: Document[Table], cfg: Config | None = None, claims: list[Claim] | None = None,
                   lang: str | None = None, previous: Document[Table] | None = None,
                   previous_claims: list[Claim] | None = None) -> Result:
    """Run every enabled rule on ``doc`` (claims extracted unless given) and decide every claim; ``previous``:
    last year's document of the same department (rule Y001), or None, and ``previous_claims`` the claims of its
    narrative (extracted by the app layer: checks never run the extractor).

    Messages and reasons are kept as catalogue keys (:class:`~juesuan.i18n.Msg`) and rendered in
    ``lang`` (default Chinese); :meth:`Result.localize` renders them in another language later.

    The rules read the tables as read (:mod:`juesuan.tables.reading`, the pipeline step after the tables:
    a table read after a complete repair is checked as so read), whatever rules are enabled; nothing drawn
    from an unreliable table is reported as the document's error (see :func:`_set_aside`). The document is not
    changed."""
    cfg = cfg or Config()
    err = None
    if claims is None:
        claims, err = _extract(doc)
    else:  # claims built without the extractor (tools, tests): complete records, immutable from here on
        from ..claims.model import seal

        seal(claims)
    ctx = Context(doc, claims, cfg)
    ctx.extraction_error = err
    ctx.previous, ctx.previous_claims = previous, list(previous_claims or [])
    rules = [r for r in all_rules() if cfg.enabled(r)]
    return _run(ctx, doc, claims, cfg, rules, err, lang)


def _run(ctx: Context, doc: Document[Table], claims: list[Claim], cfg: Config, rules: list[type[Rule]], err: str | None,
         lang: str | None) -> Result:
    findings: list[Finding] = []
    late = [r for r in rules if r.phase == "after_verdicts"]
    for rule_cls in [r for r in rules if r.phase != "after_verdicts"]:
        rule = rule_cls()
        sev = cfg.severity.get(rule.id, rule.severity)
        for f in rule.check(ctx) or []:
            # "" = the rule's (configured) severity; an explicit info (尾差, 0/0) stays info
            if not f.severity:
                f.severity = sev
            elif f.severity != "info" and rule.id in cfg.severity:
                f.severity = cfg.severity[rule.id]
            findings.append(f)
    of = {r.id: r for r in rules}  # a finding's rule: what it declared
    findings = _set_aside(ctx, findings, of)
    _through_repairs(ctx, findings, of)
    # an error or warning of a rule that decides verdicts makes its claims contradicted (README: the JSON contract)
    contradicted = {i for f in findings if f.severity in ("error", "warning") and of[f.rule].decides_verdicts
                    for i in f.claims}
    ctx.contradicted = contradicted
    why: Msg | str | None
    for i, why in ctx.misread_claims.items():
        ctx.verified.pop(i, None)
        ctx.unverifiable[i] = why  # C003 tallies the reason
    for rule_cls in late:
        for f in rule_cls().check(ctx) or []:
            f.severity = f.severity or cfg.severity.get(rule_cls.id, rule_cls.severity)
            findings.append(f)
    for f in findings:  # a part named in code (row_location: 决算表) as this document calls it (预算表)
        f.location.part = kind_part(doc.kind, f.location.part)
    findings.sort(key=document_key)
    from .grouping import group_findings

    findings = group_findings(findings)
    verdicts = _verdicts(ctx, findings, contradicted)
    result = Result(doc=doc, claims=claims, findings=findings, rules=rules, extraction_error=err, verdicts=verdicts)
    result.localize(lang)
    return result


def _verdicts(ctx: Context, findings: list[Finding], contradicted: set[int]) -> list[Verdict]:
    """Each claim's verdict: contradicted (an error or warning cites it), else unverifiable when read only
    through a misread table, else verified (some rule confirmed it), else unverifiable with the reason."""
    by: dict[int, list[str]] = {}
    for f in findings:
        for g in (f, *f.related):
            if g.severity in ("error", "warning"):
                for i in g.claims:
                    if i in contradicted and g.rule not in by.setdefault(i, []):
                        by[i].append(g.rule)
    out = []
    for i, c in enumerate(ctx.claims):
        if i in contradicted:
            out.append(Verdict("contradicted", None, tuple(by.get(i, ()))))
        elif i in ctx.misread_claims:
            out.append(Verdict("unverifiable", ctx.misread_claims[i]))
        elif i in ctx.verified:
            out.append(Verdict("verified", None, tuple(dict.fromkeys(ctx.verified[i]))))
        else:
            out.append(Verdict("unverifiable", ctx.unverifiable.get(i) or c.ref_reason or no_rule(c)))
    return out


def _through_repairs(ctx: Context, findings: list[Finding], of: dict[str, type[Rule]]) -> None:
    """Every finding drawn from a table read after a repair (its location or evidence is that table, or — a rule
    that compares the narrative with the tables — one of its claims refers to it, unless all its evidence is
    narrative) is at most a warning and names the repair: the document is never said wrong from a table the tool
    had to repair. The diagnosis's own findings (T010) are left as they are."""
    fixed = ctx.repaired
    if not fixed:
        return
    from .repairs import through_repair

    by_kind = {d.table.kind: label for label, d in fixed.items()}
    for f in findings:
        if of[f.rule].reports_table_diagnosis or f.severity == "info":
            continue
        labels = {f.location.table} | {e.table for e in f.evidence}
        hit = next((lb for lb in fixed if lb in labels), None)
        from_narrative = bool(f.evidence) and all(e.source == "narrative" for e in f.evidence)
        if hit is None and of[f.rule].compares == "narrative_tables" and not from_narrative:
            refs = [getattr(ctx.claims[i], "ref", None) for i in f.claims]
            hit = next((by_kind[r.table] for r in refs if r is not None and r.table in by_kind), None)
        if hit is not None:
            through_repair(f, hit, fixed[hit].repair)


def _set_aside(ctx: Context, findings: list[Finding], of: dict[str, type[Rule]]) -> list[Finding]:
    """Drop every finding that rests on an unreliable table and fold it into that table's T010 warning (the
    finding of the rule that reports the diagnosis: ``Rule.reports_table_diagnosis``).

    The rules cannot read an unreliable table through the context (:meth:`Context.table` and
    :meth:`Context.cell` refuse it), so a finding rests on it only when its location or any of its evidence
    is that table (a rule that walks ``ctx.tables``: those that compare the tables). A claim that refers to an
    unreliable table and that no rule verified, or that a dropped finding cited, becomes unverifiable with the reason
    "表…未能可靠读取"; a claim verified or contradicted from the narrative alone (a share recomputed from two
    stated figures) or from another table keeps its verdict."""
    bad = ctx.unreliable
    ctx.misread_claims = {}
    if not bad:
        return findings
    by_kind = {d.table.kind: label for label, d in bad.items()}

    def reason(label: str) -> Msg:
        return Msg("reason.misread", table=label)

    for i, c in enumerate(ctx.claims):
        ref = getattr(c, "ref", None)
        # the rules could not read the table (Context.table / Context.cell refuse it): a claim some rule
        # verified was verified from elsewhere (the narrative, another table) and keeps its verdict
        if ref is not None and ref.table in by_kind and i not in ctx.verified:
            ctx.misread_claims[i] = reason(by_kind[ref.table])
    kept: list[Finding] = []
    folded: dict[str, tuple[list[Finding], list[Finding]]] = {label: ([], []) for label in bad}
    for f in findings:
        if of[f.rule].reports_table_diagnosis:
            kept.append(f)
            continue
        # a finding rests on the table when its location or evidence is the table (a rule that iterates
        # ctx.tables); through Context.table / Context.cell no rule reads it, so a finding whose claims merely
        # refer to it rests on the narrative or on another table and stands
        labels = {f.location.table} | {e.table for e in f.evidence}
        hit = next((lb for lb in bad if lb in labels), None)
        if hit is None:
            kept.append(f)
            continue
        folded[hit][0 if of[f.rule].compares == "tables" else 1].append(f)
        for i in f.claims:
            ctx.misread_claims.setdefault(i, reason(hit))
    from .repairs import fold

    for f in kept:
        if of[f.rule].reports_table_diagnosis and f.location.table in folded:
            fold(f, *folded[f.location.table])
    return kept
