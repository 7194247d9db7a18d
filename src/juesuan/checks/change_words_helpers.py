"""A change word stated without its figure (与上年持平, 略有增加, 小幅下降) against the previous year that the rest
of the document lets one derive.

* X045 the previous year of the word's subject is derived from another statement — the same subject's change
  stated with its figure elsewhere (current ∓ change), the identity 基本支出 = 人员经费 + 公用经费 (each stated
  with its change), or the 三公 total's change as the sum of its parts' changes — and the word must agree with
  current − previous: 持平 → 0 within rounding, 略有增加 → > 0, 略有下降 → < 0.

"基本持平" (about the same) is never checked: no threshold for it is defined (patterns/claims.toml, ``flat``);
the claim stays unverifiable and says so. A 持平 against a same-subject change stated elsewhere is X003's, a 三公
total's 持平 against its parts' changes X042's; X045 takes the cases they leave: the directions without a
figure, and a 持平 or a direction inside the 基本 = 人员 + 公用 identity (quoting the figure-less statement).

* X067 (issue 18, family 7) a 持平 said of a total whose change another section states with its figure under a name
  that differs only by a word naming no other quantity (一般公共预算财政拨款支出 / …支出决算 / …支出决算数;
  patterns/rules.toml ``[flat_same]``): X003 and X045 pair statements by their exact subject only. An error when
  both statements print the current figure (equal within rounding) or refer to one table cell; a warning when one
  current figure is only assumed (taken from a table or an earlier statement).

Helpers shared by the rules X067, X045 (and by what imports them from here).
"""

from __future__ import annotations

from decimal import Decimal

from ..numbers import Interval
from .base import Context
from .claimutil import current_amount, money, previous_interval

WORDS = {1: "增加", -1: "减少", 0: "持平"}


def figureless(c) -> bool:
    """A change against the year before stated by its word only (持平, 略有增加 …), not 基本持平."""
    return (c.kind == "change" and c.direction is not None and "change" not in c.values and "rate" not in c.values
            and not c.approx and "预算" not in (c.basis or ""))


def _previous(ctx: Context, c) -> tuple[Interval, Decimal, object] | None:
    """The previous-year value a change claim with a figure implies: (interval, value, the current's source)."""
    ch = money(c, "change")
    if ch is None or c.direction not in (1, -1):
        return None
    cur = current_amount(ctx, c)
    if cur is None:
        return None
    return previous_interval(c, cur.interval, ch.interval), cur.value - c.direction * ch.value, cur.source
