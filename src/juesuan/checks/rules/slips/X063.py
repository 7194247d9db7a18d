"""科目 codes and their official names (``patterns/kemu.toml``: 支出功能分类 and 支出经济分类, with former names).

X063 reads every coded row of the tables and the 科目 named with level markers in the narrative: a code printed with
a name the catalogue contradicts is a warning naming the official name; a former name is an info.
"""

from __future__ import annotations

from collections.abc import Iterable

from ...base import Context, Evidence, Finding, Msg, Rule, place_location, row_location, row_text
from ...kemu_catalogue import CODED, _n, catalogue, verdict


def _other_scheme(verdicts: list[str]) -> bool:
    """A table whose codes contradict the catalogue by the handful (3 or more, a third of those judged) follows
    another code scheme (a local or older 经济分类), not a misprint: its rows are not judged one by one."""
    wrong = verdicts.count("wrong")
    return wrong >= 3 and 3 * wrong >= len([v for v in verdicts if v != "unknown"])


class OfficialKemuName(Rule):
    """A 科目 code printed with a name the catalogue (patterns/kemu.toml) contradicts: a warning naming the
    official name; a former name of the code: an info. A code the catalogue does not hold is not judged, nor a
    name whose code prints the official name in another table (a wrapped or misread cell). A table whose codes
    follow another scheme (a local 部门预算经济分类: 3 or more, a third of those judged, contradict the catalogue) is
    one info saying so, its rows not judged one by one.

    Bad:  "2101101 事业单位医疗" in every table (expected "行政单位医疗"); "207 文化体育与传媒支出" in a 2023
          document (info: the name until 2018).
    Good: "2101101 行政单位医疗"; "2080505 机关事业单位基本养老保险缴费支出".
    """

    id = "X063"
    severity = "warning"
    summary = "a 科目 code printed with a name the official catalogue contradicts (former name: info)"
    compares = "narrative"

    def check(self, ctx: Context) -> Iterable[Finding]:
        year = ctx.facts.year or ctx.doc.year
        rows: dict[str, list] = {}
        for kind in CODED:
            t = ctx.as_read(kind)
            if t is None:
                continue
            for r in t.rows:
                if r.code and r.name and r.code in catalogue():
                    rows.setdefault(r.code, []).append((r, t))
        out = []
        judged: dict[str, list[str]] = {}  # table label → the verdicts of its codes
        for rts in rows.values():
            for r, t in rts:
                judged.setdefault(t.label, []).append(verdict(r.code, r.name, year))
        for code, rts in rows.items():
            verdicts = [verdict(code, r.name, year) for r, _ in rts]
            if "ok" in verdicts:
                continue  # the document prints the official name: other prints of it are cells misread
            for (r, t), v in zip(rts, verdicts):
                if v in ("former", "wrong") and not _other_scheme(judged[t.label]):
                    out.append(self._finding(code, r.name, v, t.label, row_text(r), row_location(t, r), r))
                    break
        out.extend(self._other_schemes(ctx, judged))
        out.extend(self._narrative(ctx, year))
        return out

    def _other_schemes(self, ctx: Context, judged: dict[str, list[str]]) -> list[Finding]:
        """A table whose codes follow another scheme: one info saying its pairs were not judged one by one."""
        out = []
        for kind in CODED:
            t = ctx.as_read(kind)
            if t is None or t.label not in judged or not _other_scheme(judged[t.label]):
                continue
            n = judged[t.label].count("wrong")
            first = next(r for r in t.rows if r.code)
            out.append(Finding(self.id, "info", Msg("rule.X063.other_scheme", table=t.label, n=n,
                                                     judged=len([v for v in judged.pop(t.label) if v != "unknown"])),
                               row_text(first), stated="", expected="", location=row_location(t, first)))
        return out

    def _finding(self, code, name, v, label, text, loc, row=None) -> Finding:
        k = catalogue()[code]
        msg = Msg("rule.X063.former" if v == "former" else "rule.X063.wrong", code=code, stated=name, name=k.name)
        ev = [Evidence("table", name, label, f"{code} {name}", None)] if row is not None else []
        return Finding(self.id, "info" if v == "former" else "", msg, text, stated=name, expected=k.name,
                       location=loc, evidence=ev)

    def _narrative(self, ctx: Context, year: int | None) -> list[Finding]:
        """A 类 or 款 named in the narrative ("…（类）…（款）") by a former name of a catalogue code: an info."""
        formers: dict[str, str] = {}
        for k in catalogue().values():
            if len(k.code) in (3, 5) and k.code.startswith("2"):
                for f in k.former:
                    formers[_n(f)] = k.code
        out, seen = [], set()
        for sm in ctx.facts.subjects:
            for name in (sm.lei, sm.kuan):
                code = formers.get(_n(name))
                if code is None or verdict(code, name, year) != "former" or (code, sm.line) in seen:
                    continue
                seen.add((code, sm.line))
                out.append(self._finding(code, name, "former", None, sm.text,
                                         place_location(ctx, "narrative", sm.line, sm.page)))
        return out
