"""X031: doubled punctuation (and a bracket pair of mixed widths, a character doubled in a comparative)."""

from __future__ import annotations

from collections.abc import Iterable

from ...base import Context, Finding, Msg
from ...slip_helpers import _corrected, _loc, _SlipRule


class DoubledPunctuation(_SlipRule):
    """A punctuation mark doubled, or two sentence marks in a row; a bracket opened in one width and closed in the
    other; a character doubled in a comparative (``[punctuation]`` of patterns/slips.toml); a closing quotation
    mark without its opening one (claims/mentions.py ``_quotes``).

    Bad:  "主要原因是节约开支，，部分经费未支付。" (expected "，"); "(一）部门资金情况分析" (expected "（一）");
          "结转结余率较高高的问题" (expected "较高"); "活动经费、百合之约情定苏河”2025年" (expected "“百合之约情定苏河”").
    Good: "主要原因是节约开支，部分经费未支付。"; "……" and "——" are single marks; "（一）"; "较高的问题".
    """

    id = "X031"
    severity = "info"
    summary = "doubled or unpaired punctuation, a character doubled in a comparative"
    compares = "narrative"
    kind = "punctuation"
    what = "rule.X031.what"

    def check(self, ctx: Context) -> Iterable[Finding]:
        # the slip's note names its kind: "" a doubled mark, "bracket" a mixed pair, "char" a doubled character,
        # "quote" a closing quotation mark without its opening one
        whats = {"bracket": "rule.X031.bracket", "char": "rule.X031.char", "quote": "rule.X031.quote"}
        out, seen = [], set()
        for s in ctx.facts.slips:
            key = (s.line, s.page, s.text, s.stated)
            if s.kind != self.kind or key in seen:
                continue
            seen.add(key)
            what = Msg(whats.get(s.note, self.what))
            out.append(Finding(self.id, "", Msg("check.slip.found", what=what, stated=s.stated), s.text,
                               stated=s.stated, expected=_corrected(s), location=_loc(ctx, s)))
        return out
