"""Assess an indicator in a year: pick the method that fits its measure, or use the one asked for.

Default method by kind of target:
  [ ] cumulative                → cumulative
  growth-rate target (年均增速) → average_growth
  level or count                → growth_ratio (falls back to time_elapsed when a value is not positive)
  share, rate, rank, other      → time_elapsed
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal

from planscope.model import IndicatorRow, Measure, Qualifier, Status
from planscope.monitor import methods
from planscope.monitor.profile import Direction
from planscope.monitor.result import Assessment, Method
from planscope.monitor.spec import TargetSpec, specs_from_row, split_cell, target_cell


def default_method(spec: TargetSpec) -> Method:
    if spec.cumulative:
        return Method.CUMULATIVE
    if spec.profile.measure == Measure.GROWTH_RATE:
        return Method.AVERAGE_GROWTH
    if spec.profile.measure in (Measure.LEVEL, Measure.COUNT):
        return Method.GROWTH_RATIO
    return Method.TIME_ELAPSED


def assess(spec: TargetSpec, actuals: Mapping[int, Decimal], year: int, method: Method | None = None, *,
           running_total: bool = False) -> Assessment:
    """Status of one target in `year` from the actual values by year (see methods.py for what each expects)."""
    m = method or default_method(spec)
    if m == Method.TIME_ELAPSED:
        return methods.time_elapsed(spec, actuals, year)
    if m == Method.GROWTH_RATIO:
        return methods.growth_ratio(spec, actuals, year)
    if m == Method.PROJECTION_LINEAR:
        return methods.projection(spec, actuals, year, "linear")
    if m == Method.PROJECTION_CAGR:
        return methods.projection(spec, actuals, year, "cagr")
    if m == Method.AVERAGE_GROWTH:
        return methods.average_growth(spec, actuals, year)
    if m == Method.CUMULATIVE:
        return methods.cumulative(spec, actuals, year, running_total=running_total)
    raise ValueError(f"method {m} does not assess a target in a year")


def assess_row(row: IndicatorRow, actuals: Mapping[int, Decimal | Sequence[Decimal]], year: int, *,
               base_year: int | None = None, target_year: int | None = None, measure: Measure | None = None,
               direction: Direction | None = None, method: Method | None = None) -> list[Assessment]:
    """One assessment per targeted number of the row (two for an "a/b" row); a sequence in `actuals` gives one
    value per part. A qualitative target gives one `qualitative` result, a missing target one `no_data`."""
    target = target_cell(row)
    parsed = split_cell(target)
    if not parsed or parsed[0] is None:
        return [Assessment(Status.NO_DATA, Method.NONE, year, "缺少目标值", {"name": row.name})]
    if parsed[0].qualifier == Qualifier.QUALITATIVE:
        text = parsed[0].text or (target.raw if target else "")
        return [Assessment(Status.QUALITATIVE, Method.NONE, year, f"目标为定性表述“{text}”，需人工判断",
                           {"name": row.name, "target_text": text})]
    specs = specs_from_row(row, base_year=base_year, target_year=target_year, measure=measure, direction=direction)
    out = []
    for spec in specs:
        series: dict[int, Decimal] = {}
        for y, v in actuals.items():
            if isinstance(v, Sequence):
                idx = spec.part or 0
                if idx < len(v):
                    series[y] = Decimal(v[idx])
            else:
                series[y] = Decimal(v)
        out.append(assess(spec, series, year, method))
    return out
