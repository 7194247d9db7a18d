"""X005: a statement and its negation (or a statement the tables deny)."""

from __future__ import annotations

from collections.abc import Iterable

from ....patterns import load
from ...base import ZERO, Cell, Context, Evidence, Finding, Join, Msg, Rule, fmt
from ...claimutil import _sentence_location


class StatementNegation(Rule):
    """A statement and its negation in the same document, or a statement the tables deny
    ("年末结转和结余资金数额较大" vs "年末无结转结余资金" and a 年末结转和结余 of 0).

    Bad:  "智慧西工项目等项目年末结转和结余资金数额较大 … 年末无结转结余资金。"
    Good: "… 年末无结转结余资金。" alone, with 年末结转和结余 0 in the table.
    """

    id = "X005"
    severity = "error"
    summary = "a statement and its negation (or a statement the tables deny)"
    compares = "narrative"

    def check(self, ctx: Context) -> Iterable[Finding]:
        out = []
        said = ctx.facts.statements  # the claims layer's statements of each [[negation]] entry
        for k, neg in enumerate(load("rules").get("negation", [])):
            pos = [st for st in said if st.entry == k and st.positive]
            negs = [st for st in said if st.entry == k and not st.positive]
            if not pos:
                continue
            cells: list[Cell] = []
            for kind, col in neg.get("tables", []):
                t = ctx.table(kind)
                if t is None:
                    continue
                for r in t.rows:
                    if "年末" in neg["topic"] and "年末" not in r.name and r.name not in ("合计",):
                        continue
                    v = r.values.get(col)
                    if v is not None and (r.name == "合计" or "年末" in r.name or r.is_total):
                        cells.append(Cell(t, r, col, v))
                        break
                if t.empty and not cells and t.rows:
                    cells.append(Cell(t, t.rows[0], col, ZERO))
            table_zero = bool(cells) and all(x.value == 0 for x in cells)
            if not negs and not table_zero:
                continue
            s = pos[0].sentence
            ev = [Evidence("narrative", s.text, None, neg["topic"], None)]
            ev += [Evidence("narrative", n.sentence.text, None, neg["topic"], None) for n in negs[:2]]
            ev += [x.evidence() for x in cells[:2]]
            why = []
            if negs:
                why.append(Msg("rule.X005.opposite", line=negs[0].sentence.line))
            if table_zero:
                why.append(Msg("rule.X005.table", table=cells[0].table.label, printed=fmt(cells[0].value),
                               column=cells[0].column))
            claims: list[int] = []  # the assertion itself is no claim; the negative statement agrees with the tables
            out.append(Finding(
                rule=self.id, severity="", message=Msg("rule.X005.negated", topic=neg["topic"], why=Join(why)),
                text=s.text, stated=pos[0].stated,
                expected=negs[0].sentence.text if negs else "0", location=_sentence_location(s), evidence=ev, claims=claims))
        return out
