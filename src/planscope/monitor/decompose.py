"""Annual targets: how a five-year target splits into one target per year (指标年度分解).

Paths, chosen from the indicator's measure and the [ ] flag:
  compound         levels and counts: base·(target/base)^(k/n), the same growth every year
  linear           shares, rates, ranks: base + (target−base)·k/n
  constant_rate    growth-rate targets ("年均增速6左右"): each year the target rate
  cumulative_sum   [ ] totals of increments ("新增就业[110]"): the total in even or user-weighted shares
  cumulative_rate  [ ] % changes ("能耗累计下降[19.3]"): shares of the total change compounded, so the annual rates
                   multiply back to exactly the five-year change (1−19.3 % = Π(1−r_k))

Overrides are an annual plan's own target for a year (年度计划目标). They are kept as given and the other years
are re-planned so the five-year target is still met: for levels the path runs through the overridden points,
for rates and totals the rest of the five-year target is shared among the years not fixed (年度间综合平衡).
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, localcontext
from enum import StrEnum
from typing import Any

from planscope.model import Measure, Qualifier, dec_json
from planscope.monitor.spec import TargetSpec

HUNDRED = Decimal(100)


class Path(StrEnum):
    COMPOUND = "compound"
    LINEAR = "linear"
    CONSTANT_RATE = "constant_rate"
    CUMULATIVE_SUM = "cumulative_sum"
    CUMULATIVE_RATE = "cumulative_rate"


@dataclass(frozen=True)
class AnnualTarget:
    year: int
    value: Decimal  # level (compound/linear), the year's rate in % (rates), or the year's increment (sums)
    to_date: Decimal | None = None  # since the base year: running total, or compounded % change
    source: str = "plan"  # plan (from the five-year target) | override (an annual plan's own target)

    def to_json(self) -> dict[str, Any]:
        return {"year": self.year, "value": dec_json(self.value), "to_date": dec_json(self.to_date),
                "source": self.source}


@dataclass
class Decomposition:
    spec: TargetSpec
    path: Path
    annual: list[AnnualTarget] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def by_year(self) -> dict[int, Decimal]:
        return {a.year: a.value for a in self.annual}

    def to_json(self) -> dict[str, Any]:
        return {"path": str(self.path), "annual_targets": {str(a.year): dec_json(a.value) for a in self.annual},
                "annual": [a.to_json() for a in self.annual], "notes": self.notes}


def path_for(spec: TargetSpec) -> Path:
    m = spec.profile.measure
    if spec.cumulative:
        return Path.CUMULATIVE_RATE if m == Measure.GROWTH_RATE else Path.CUMULATIVE_SUM
    if m == Measure.GROWTH_RATE:
        return Path.CONSTANT_RATE
    if m in (Measure.LEVEL, Measure.COUNT) and spec.base is not None and spec.base > 0 and spec.goal.value > 0:
        return Path.COMPOUND
    return Path.LINEAR


def power(x: Decimal, y: Decimal) -> Decimal:
    with localcontext() as ctx:
        ctx.prec = 34
        return +(x**y)


def rate_factor(spec: TargetSpec, pct: Decimal) -> Decimal:
    """The multiplier a % figure stands for: a reduction of 19.3 → 0.807, a growth of 6 → 1.06."""
    return (1 - pct / HUNDRED) if spec.profile.reduction else (1 + pct / HUNDRED)


def factor_rate(spec: TargetSpec, factor: Decimal) -> Decimal:
    return (1 - factor) * HUNDRED if spec.profile.reduction else (factor - 1) * HUNDRED


def _weights(years: Sequence[int], weights: Mapping[int, Decimal] | Sequence[Decimal] | None) -> list[Decimal]:
    if weights is None:
        return [Decimal(1)] * len(years)
    if isinstance(weights, Mapping):
        w = [Decimal(weights.get(y, 0)) for y in years]
    else:
        w = [Decimal(x) for x in weights]
        if len(w) != len(years):
            raise ValueError(f"{len(w)} weights for {len(years)} years")
    if any(x < 0 for x in w) or sum(w) == 0:
        raise ValueError("weights must be non-negative and not all zero")
    return w


def decompose(spec: TargetSpec, *, weights: Mapping[int, Decimal] | Sequence[Decimal] | None = None,
              overrides: Mapping[int, Decimal] | None = None) -> Decomposition:
    """Annual targets for base_year+1 … target_year. `weights` share a cumulative target between years."""
    path = path_for(spec)
    years = list(range(spec.base_year + 1, spec.target_year + 1))
    fixed = {y: Decimal(v) for y, v in (overrides or {}).items() if y in years}
    dec = Decomposition(spec, path)
    if not years:
        dec.notes.append("目标年不晚于基期年，无需分解")
        return dec
    if path in (Path.COMPOUND, Path.LINEAR):
        if spec.base is None:
            dec.notes.append("缺少基期值，无法按路径分解")
            return dec
        if _holds(spec):
            # a bound the base already meets ("<5.5" from 4.8, "≥150" from 152) is a line to stay on the right
            # side of every year, not a level to move towards: a path rising to 5.5 would read as a target of 4.98;
            # an annual plan's own target for a year stays that year's
            dec.annual = [AnnualTarget(y, fixed[y], source="override") if y in fixed else
                          AnnualTarget(y, spec.goal.value) for y in years]
            dec.notes.append("基期值已满足目标界限，各年目标为保持在界限内")
            return dec
        dec.annual = _level_path(spec, path, years, fixed)
        if spec.profile.measure in (Measure.LEVEL, Measure.COUNT) and path == Path.LINEAR:
            dec.notes.append("基期或目标值不为正，改用线性路径")
    elif path == Path.CONSTANT_RATE:
        dec.annual = _rate_path(spec, years, fixed, None)
    elif path == Path.CUMULATIVE_RATE:
        dec.annual = _rate_path(spec, years, fixed, _weights(years, weights))
    else:
        dec.annual = _sum_path(spec, years, fixed, _weights(years, weights))
    if fixed:
        dec.notes.append("年度目标 " + "、".join(str(y) for y in sorted(fixed)) + " 年按年度计划设定，其余年份重新平衡")
    return dec


_BOUNDS = {Qualifier.AT_LEAST: "min", Qualifier.MORE_THAN: "min", Qualifier.AT_MOST: "max", Qualifier.LESS_THAN: "max"}


def _holds(spec: TargetSpec) -> bool:
    """The target is a floor or ceiling (≥, 以上, <, 以内) that the base value already satisfies."""
    side = _BOUNDS.get(spec.goal.qualifier)
    if side is None or spec.base is None:
        return False
    return spec.base >= spec.goal.value if side == "min" else spec.base <= spec.goal.value


def _level_path(spec: TargetSpec, path: Path, years: list[int], fixed: dict[int, Decimal]) -> list[AnnualTarget]:
    """Piecewise between anchors (base, each override, target): compound or linear within each piece."""
    assert spec.base is not None
    anchors = [(spec.base_year, spec.base), *sorted(fixed.items())]
    if spec.target_year not in fixed:
        anchors.append((spec.target_year, spec.goal.value))
    out = []
    for y in years:
        if y in fixed:
            out.append(AnnualTarget(y, fixed[y], source="override"))
            continue
        (y0, v0), (y1, v1) = next((a, b) for a, b in itertools.pairwise(anchors) if a[0] < y <= b[0])
        share = Decimal(y - y0) / Decimal(y1 - y0)
        if y == y1:
            v = v1
        elif path == Path.COMPOUND and v0 > 0 and v1 > 0:
            v = v0 * power(v1 / v0, share)
        else:
            v = v0 + (v1 - v0) * share
        out.append(AnnualTarget(y, v))
    return out


def _rate_path(spec: TargetSpec, years: list[int], fixed: dict[int, Decimal],
               weights: list[Decimal] | None) -> list[AnnualTarget]:
    """Rates that compound to the five-year change; free years share what the fixed years left (in log terms)."""
    n = len(years)
    if weights is None:  # an average annual rate: the five-year factor is the rate compounded n times
        total = power(rate_factor(spec, spec.goal.value), Decimal(n))
        weights = [Decimal(1)] * n
    else:  # a [ ] five-year change
        total = rate_factor(spec, spec.goal.value)
    done = Decimal(1)
    for v in fixed.values():
        done *= rate_factor(spec, v)
    free = [(y, w) for y, w in zip(years, weights, strict=True) if y not in fixed]
    free_w = sum((w for _, w in free), Decimal(0))
    remaining = total / done
    last_free = free[-1][0] if free else None
    out, factor_to_date, free_done = [], Decimal(1), Decimal(1)
    for y, w in zip(years, weights, strict=True):
        if y in fixed:
            f, src = rate_factor(spec, fixed[y]), "override"
        elif y == last_free:  # absorbs the rounding, so the factors multiply back to the total exactly
            f, src = remaining / free_done, "plan"
        else:
            f, src = (power(remaining, w / free_w) if free_w else Decimal(1)), "plan"
            free_done *= f
        factor_to_date *= f
        out.append(AnnualTarget(y, factor_rate(spec, f), factor_rate(spec, factor_to_date), src))
    return out


def _sum_path(spec: TargetSpec, years: list[int], fixed: dict[int, Decimal],
              weights: list[Decimal]) -> list[AnnualTarget]:
    remaining = spec.goal.value - sum(fixed.values(), Decimal(0))
    free_w = sum((w for y, w in zip(years, weights, strict=True) if y not in fixed), Decimal(0))
    free_years = [y for y in years if y not in fixed]
    out, running, given = [], Decimal(0), Decimal(0)
    for y, w in zip(years, weights, strict=True):
        if y in fixed:
            v, src = fixed[y], "override"
        elif y == free_years[-1]:  # absorbs the rounding, so the shares add up to the total exactly
            v, src = remaining - given, "plan"
        else:
            v, src = (remaining * w / free_w if free_w else Decimal(0)), "plan"
            given += v
        running += v
        out.append(AnnualTarget(y, v, running, src))
    return out
