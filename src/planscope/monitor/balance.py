"""年度间综合平衡: given the years already fixed (actuals, or annual plans' own targets), can the remaining years
still reach the five-year target, and at what pace compared with the plan's own even pace?

    effort = required pace for the remaining years / planned even pace
    met          the fixed years already reach the target (nothing more needed)
    balanced     effort ≤ 1: the rest can reach the target at no more than the planned pace
    accelerate   1 < effort ≤ 1.5: reachable, but faster than planned
    strained     effort > 1.5, or the pace must turn round: only an exceptional effort reaches it
    unreachable  no year is left and the target was missed
The 1.5 bound is a convention of this tool (documented in docs/monitoring.md), not an official threshold.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from planscope.model import dec_json
from planscope.monitor.decompose import HUNDRED, Path, factor_rate, path_for, power, rate_factor
from planscope.monitor.goals import fmt, meets
from planscope.monitor.profile import Direction
from planscope.monitor.spec import TargetSpec

ACCELERATE_LIMIT = Decimal("1.5")

_PACE_UNIT = {Path.COMPOUND: "年均增长（%）", Path.LINEAR: "年均变动", Path.CONSTANT_RATE: "年均增速（%）",
              Path.CUMULATIVE_SUM: "年均增量", Path.CUMULATIVE_RATE: "年均变动率（%）"}


@dataclass
class BalanceCheck:
    verdict: str  # met | balanced | accelerate | strained | unreachable
    reachable: bool
    path: Path
    fixed_years: list[int]
    remaining_years: list[int]
    required_pace: Decimal | None  # per remaining year, in the unit of `pace_unit`
    planned_pace: Decimal | None
    effort: Decimal | None  # required / planned
    pace_unit: str
    explanation: str

    def to_json(self) -> dict[str, Any]:
        return {"verdict": self.verdict, "reachable": self.reachable, "path": str(self.path),
                "fixed_years": self.fixed_years, "remaining_years": self.remaining_years,
                "required_pace": dec_json(self.required_pace), "planned_pace": dec_json(self.planned_pace),
                "effort": dec_json(self.effort), "pace_unit": self.pace_unit, "explanation": self.explanation}


def balance(spec: TargetSpec, fixed: Mapping[int, Decimal]) -> BalanceCheck:
    """`fixed`: year → the year's value in the path's terms (a level, a rate in %, or a year's increment)."""
    path = path_for(spec)
    years = list(range(spec.base_year + 1, spec.target_year + 1))
    fx = {y: Decimal(v) for y, v in fixed.items() if y in years}
    n = len(years)
    if path in (Path.COMPOUND, Path.LINEAR):
        last = max(fx) if fx else spec.base_year
        remaining = [y for y in years if y > last]
    else:
        remaining = [y for y in years if y not in fx]
    m = len(remaining)
    required, planned, reached = _paces(spec, path, fx, n, m)
    effort = None
    if reached:
        verdict = "met"
    elif m == 0:
        verdict = "unreachable"
    else:
        effort = _effort(spec, path, required, planned)
        if effort is None:
            verdict = "strained"
        elif effort <= 1:
            verdict = "balanced"
        elif effort <= ACCELERATE_LIMIT:
            verdict = "accelerate"
        else:
            verdict = "strained"
    check = BalanceCheck(verdict, verdict != "unreachable", path, sorted(fx), remaining, required, planned, effort,
                         _PACE_UNIT[path], "")
    check.explanation = _explain(check, spec)
    return check


def _paces(spec: TargetSpec, path: Path, fx: dict[int, Decimal], n: int,
           m: int) -> tuple[Decimal | None, Decimal | None, bool]:
    """(required pace, planned pace, already reached)."""
    t, b = spec.goal.value, spec.base
    if path in (Path.COMPOUND, Path.LINEAR):
        assert b is not None
        last_year = max(fx) if fx else spec.base_year
        v = fx.get(last_year, b)
        reached = bool(fx) and meets(v, spec.goal, spec.profile) is True
        if path == Path.COMPOUND:
            planned = (power(t / b, Decimal(1) / n) - 1) * HUNDRED
            required = (power(t / v, Decimal(1) / m) - 1) * HUNDRED if m and v > 0 else None
        else:
            planned = (t - b) / n
            required = (t - v) / m if m else None
        return required, planned, reached
    if path == Path.CUMULATIVE_SUM:
        done = sum(fx.values(), Decimal(0))
        return ((t - done) / m if m else None), t / n, meets(done, spec.goal, spec.profile) is True
    # rates: what the free years must compound to
    total = power(rate_factor(spec, t), Decimal(n)) if path == Path.CONSTANT_RATE else rate_factor(spec, t)
    done = Decimal(1)
    for v in fx.values():
        done *= rate_factor(spec, v)
    planned = t if path == Path.CONSTANT_RATE else factor_rate(spec, power(total, Decimal(1) / n))
    required = factor_rate(spec, power(total / done, Decimal(1) / m)) if m else None
    so_far = factor_rate(spec, done)
    if path == Path.CONSTANT_RATE:
        reached = not m and meets(factor_rate(spec, power(done, Decimal(1) / n)), spec.goal, spec.profile) is True
    else:
        reached = meets(so_far, spec.goal, spec.profile) is True
    return required, planned, reached


def _effort(spec: TargetSpec, path: Path, required: Decimal | None, planned: Decimal | None) -> Decimal | None:
    """How much harder than planned: required/planned; for a ceiling on a rate, planned/required."""
    if required is None or planned is None:
        return None
    if planned == 0:
        # a "hold the level" target: any move in the good direction (or none) is enough
        good = required <= 0 if spec.profile.direction == Direction.HIGHER else required >= 0
        return Decimal(0) if good else None
    if path == Path.CONSTANT_RATE and spec.profile.direction == Direction.LOWER:
        return planned / required if required > 0 else None
    ratio = required / planned
    return ratio if ratio >= 0 else Decimal(0)


def _explain(c: BalanceCheck, spec: TargetSpec) -> str:
    fixed = "、".join(str(y) for y in c.fixed_years) or "无"
    head = f"已定年份：{fixed}；"
    if c.verdict == "met":
        return head + "已达到五年目标，余下年份保持即可"
    if c.verdict == "unreachable":
        return head + "规划期已无剩余年份，五年目标未能实现"
    pace = f"余下{len(c.remaining_years)}年需{c.pace_unit}{fmt(c.required_pace)}，规划均速{fmt(c.planned_pace)}"
    if c.effort is not None:
        pace += f"（为规划均速的{fmt(c.effort)}倍）"
    verdict = {"balanced": "按规划均速即可实现五年目标", "accelerate": "需加快进度方能实现五年目标",
               "strained": "所需速度远超规划均速，实现五年目标难度很大"}[c.verdict]
    return head + pace + "，" + verdict
