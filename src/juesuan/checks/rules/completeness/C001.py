"""C001: a completion/growth rate or share stated against a zero base (and the base it fits)."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from ...base import ZERO, Context, Finding, Join, Msg, Rule, claim_evidence, fmt
from ...claimutil import budget_of, claim_finding, current_amount, money, percent


class ZeroBase(Rule):
    """A completion or growth rate (or a share) stated against a zero base is undefined. When the claim states
    another budget (年初 and 全年) and the rate fits it, the finding says which base the rate fits. A rate of 0%
    on a 0 base (0/0) is undefined too: one warning per claim.

    Bad:  "年初预算数为 0.00 万元，决算数 5.00 万元，完成年初预算的 0.00%"; "增长 100.00%" from 0;
          "年初预算为0万元，全年预算为321.02万元，支出决算为307.82万元，完成年初预算的95.89%" (307.82 / 321.02 =
          95.89%: the rate is of the 全年预算); "年初预算为 0 万元，决算为 0 万元，完成预算的 0%" (0/0).
    Good: "年初预算数为 0.00 万元，决算数 5.00 万元，为年中追加预算" (no rate).
    """

    id = "C001"
    severity = "warning"
    summary = "a completion/growth rate or share stated against a zero base (and the base it fits)"
    compares = "narrative_tables"
    reports_unchecked = True

    def check(self, ctx: Context) -> Iterable[Finding]:
        out: list[Finding] = []
        zeros: dict[str, list] = {}
        for c in ctx.claims:
            rate_role, base, num = None, None, None
            if percent(c, "completion"):
                rate_role = "completion"
                b = budget_of(ctx, c)
                cur = current_amount(ctx, c)
                base, num = (b.value if b else None), (cur.value if cur else None)
            elif percent(c, "rate") and (ch := money(c, "change")):
                rate_role = "rate"
                cur = current_amount(ctx, c)
                if cur is not None:
                    d = c.direction if c.direction is not None else 1
                    base, num = cur.value - d * ch.value, ch.value
            if rate_role is None or base is None or base != ZERO:
                continue
            ctx.cannot(c, Msg("rule.C001.completion_undefined" if rate_role == "completion" else "rule.C001.growth_undefined"))
            p = percent(c, rate_role)
            raw = c.values[rate_role].raw
            if num == 0 and p is not None and p.value == 0:
                zeros.setdefault((c.section or "").split(" > ")[0], []).append(c)
                continue
            fits = _other_base(c, p, num) if rate_role == "completion" and p is not None and num is not None else None
            if fits is not None:
                role, value = fits
                msg = Msg("rule.C001.fits_other", rate=raw, num=fmt(num), other=Msg(f"rule.C001.{role}"),
                          base=fmt(value), stated_base=c.basis or Msg("rule.C001.budget_initial"))
                out.append(claim_finding(self, ctx, c, msg, stated=raw, expected=f"无定义（基数为 0）；按{_ROLE_ZH[role]} {fmt(value)} 计算相符",
                                         evidence=[claim_evidence(c, rate_role), claim_evidence(c, role)]))
                continue
            out.append(claim_finding(
                self, ctx, c,
                Msg("rule.C001.zero_base", rate=raw, num=fmt(num) if num is not None else "?"),
                stated=raw, expected="无定义（基数为 0）", evidence=[claim_evidence(c, rate_role)]))
        for cs in zeros.values():  # 0/0: one warning per section, naming every line
            c = cs[0]
            raw = c.values["completion" if "completion" in c.values else "rate"].raw
            msg = (Msg("rule.C001.zero_zero_one", rate=raw) if len(cs) == 1 else
                   Msg("rule.C001.zero_zero", n=len(cs), lines=Join((str(z.line) for z in cs[:12]), "enum")))
            out.append(claim_finding(self, ctx, c, msg, stated=raw, expected="无定义（0/0）", extra_claims=cs[1:],
                                     evidence=[claim_evidence(z, "completion" if "completion" in z.values else "rate")
                                               for z in cs[:12]]))
        return out


_ROLE_ZH = {"budget_annual": "全年预算", "budget_initial": "年初预算"}


def _other_base(c, p, num) -> tuple[str, Decimal] | None:
    """The other budget the claim states (全年 when the base was 年初, or the reverse) when the stated rate is the
    actual over it, within the rounding of every figure: (its role, its value)."""
    for role in ("budget_annual", "budget_initial"):
        m = money(c, role)
        if m is None or m.value == ZERO:
            continue
        cur = money(c, "actual") or money(c, "amount")
        num_iv = cur.interval if cur is not None else None
        if num_iv is None:
            continue
        q = num_iv / m.interval
        if q is not None and q.overlaps(p.interval):
            return role, m.value
    return None
