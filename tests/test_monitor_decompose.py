"""Annual decomposition paths, profiles, and the balance check between years (年度间综合平衡)."""

from __future__ import annotations

import itertools
from decimal import Decimal as D

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planscope.model import CellValue, IndicatorRow, Measure, Qualifier, Role, Span
from planscope.monitor import (
    Direction,
    Path,
    balance,
    decompose,
    guess_direction,
    guess_measure,
    path_for,
    profile,
    specs_from_row,
)
from planscope.parse.values import parse_value


def row(name: str, unit: str | None, base: str | None, target: str | None, **kw) -> IndicatorRow:
    vals = []
    if base is not None:
        vals.append(CellValue(Role.BASE, base, 2020, parse_value(base)))
    if target is not None:
        vals.append(CellValue(Role.TARGET, target, 2025, parse_value(target)))
    return IndicatorRow(name=name, span=Span(1, 1), unit=unit, values=vals, **kw)


def spec(name, unit, base, target, **kw):
    (s,) = specs_from_row(row(name, unit, base, target), **kw)
    return s


# --- profile heuristic -------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "unit", "measure", "reduction", "direction"), [
    ("地区生产总值年均增速", "%", Measure.GROWTH_RATE, False, Direction.HIGHER),
    ("单位地区生产总值能耗累计下降", "%", Measure.GROWTH_RATE, True, Direction.HIGHER),  # the printed number is a cut
    ("單位GDP用水量累計下降", "%", Measure.GROWTH_RATE, True, Direction.HIGHER),  # traditional script
    ("PM2.5年均濃度", "微克/立方米", Measure.LEVEL, False, Direction.LOWER),
    ("城镇登记失业率", "%", Measure.SHARE, False, Direction.LOWER),
    ("嬰兒死亡率", None, Measure.SHARE, False, Direction.LOWER),
    ("全员劳动生产率", "万元/人", Measure.LEVEL, False, Direction.HIGHER),  # 率 with a non-% unit is a level
    ("新增基础教育公办学位数", "个", Measure.COUNT, False, Direction.HIGHER),
    ("森林覆盖率", "%", Measure.SHARE, False, Direction.HIGHER),
])
def test_guess_measure_and_direction(name, unit, measure, reduction, direction):
    assert guess_measure(name, unit) == (measure, reduction)
    assert guess_direction(name, reduction) == direction


def test_target_qualifier_and_given_values_decide_direction():
    # a cap (≤, 以下) makes an unknown indicator lower-is-better
    assert guess_direction("某指标", target_qualifier=Qualifier.AT_MOST) == Direction.LOWER
    p = profile("常住人口", "万人", measure=Measure.LEVEL, direction=Direction.LOWER)
    assert (p.measure, p.direction, p.guessed) == (Measure.LEVEL, Direction.LOWER, False)
    assert profile("常住人口", "万人").guessed


# --- paths -------------------------------------------------------------------------------------------------------

def test_compound_path_for_a_level_ends_at_target_with_constant_growth():
    # Huadu 14th plan row 2: 全员劳动生产率 21.2 → 24.8 万元/人
    s = spec("全员劳动生产率", "万元/人", "21.2", "24.8")
    d = decompose(s)
    assert d.path == Path.COMPOUND
    values = [s.base] + [a.value for a in d.annual]
    assert [a.year for a in d.annual] == [2021, 2022, 2023, 2024, 2025]
    assert d.annual[-1].value == D("24.8")
    growth = [b / a for a, b in itertools.pairwise(values)]
    assert max(growth) - min(growth) < D("1e-25")
    assert abs(growth[0] ** 5 - D("24.8") / D("21.2")) < D("1e-25")


def test_linear_path_for_a_share():
    s = spec("数字经济核心产业增加值占地区生产总值比重", "%", "27.4", "30")
    d = decompose(s)
    assert d.path == Path.LINEAR
    assert [a.value for a in d.annual] == [D("27.92"), D("28.44"), D("28.96"), D("29.48"), D("30")]


def test_linear_path_downwards_for_lower_is_better():
    s = spec("PM2.5年均浓度", "微克/立方米", "39", "≤30", measure=Measure.SHARE)
    d = decompose(s)
    assert s.profile.direction == Direction.LOWER
    assert [a.value for a in d.annual] == [D("37.2"), D("35.4"), D("33.6"), D("31.8"), D("30")]


def test_growth_rate_target_is_the_same_rate_every_year():
    s = spec("地区生产总值年均增速", "%", "3", "6左右")  # Huadu row 1
    d = decompose(s)
    assert d.path == Path.CONSTANT_RATE
    assert all(a.value == 6 for a in d.annual)
    assert d.annual[-1].to_date == (D("1.06") ** 5 - 1) * 100


def test_cumulative_total_shares_add_up_even_and_weighted():
    s = spec("新增城镇就业人数", "万人", "[161.5]", "[≥110]")  # Guangzhou 14th plan row 17
    assert s.cumulative and s.base == D("161.5") and path_for(s) == Path.CUMULATIVE_SUM
    even = decompose(s)
    assert [a.value for a in even.annual] == [D(22)] * 5
    assert even.annual[-1].to_date == 110
    weighted = decompose(s, weights=[1, 2, 3, 2, 1])
    assert sum(a.value for a in weighted.annual) == 110
    assert abs(weighted.annual[2].value - 3 * weighted.annual[0].value) < D("1e-25")
    with pytest.raises(ValueError):
        decompose(s, weights=[1, 2])


@settings(max_examples=60, deadline=None)
@given(total=st.decimals(min_value=D("0.1"), max_value=D("100000"), places=2),
       weights=st.lists(st.integers(min_value=0, max_value=9), min_size=5, max_size=5).filter(lambda w: sum(w) > 0))
def test_cumulative_shares_always_sum_to_the_total(total, weights):
    s = spec("累计新增城镇就业人数", "万人", None, f"[{total}]")
    d = decompose(s, weights=weights)
    assert sum(a.value for a in d.annual) == total
    assert d.annual[-1].to_date == total


def test_cumulative_reduction_compounds_back_to_the_five_year_cut():
    s = spec("单位地区生产总值能源消耗降低", "%", "[19.4]", "[14.5]")
    # the bracketed base is the previous plan's five-year cut: shown, but no starting point for this path
    assert s.profile.reduction and s.base == D("19.4")
    d = decompose(s)
    assert d.path == Path.CUMULATIVE_RATE
    factor = D(1)
    for a in d.annual:
        factor *= 1 - a.value / 100
    assert abs(factor - D("0.855")) < D("1e-25")
    assert d.annual[-1].to_date == D("14.5")
    # an even pace: every year cuts by the same 3.08 %, not 14.5/5 = 2.9
    assert all(abs(a.value - d.annual[0].value) < D("1e-25") for a in d.annual)
    assert D("3.08") < d.annual[0].value < D("3.09")


def test_override_keeps_the_annual_plan_and_rebalances_the_rest():
    s = spec("新增城镇就业人数", "万人", None, "[110]")
    d = decompose(s, overrides={2021: D(30)})
    assert d.annual[0].value == 30 and d.annual[0].source == "override"
    assert [a.value for a in d.annual[1:]] == [D(20)] * 4
    lvl = spec("全员劳动生产率", "万元/人", "21.2", "24.8")
    d2 = decompose(lvl, overrides={2022: D("22")})
    assert d2.annual[1].value == D("22")
    assert d2.annual[-1].value == D("24.8")
    assert d2.annual[0].value ** 2 - D("21.2") * D("22") < D("1e-20")  # 2021 is the geometric middle


# --- balance -----------------------------------------------------------------------------------------------------

def test_balance_verdicts_for_a_cumulative_total():
    s = spec("新增城镇就业人数", "万人", None, "[110]")
    ahead = balance(s, {2021: D(30), 2022: D(30)})
    assert ahead.verdict == "balanced" and ahead.remaining_years == [2023, 2024, 2025]
    assert ahead.required_pace == D(50) / 3 and ahead.planned_pace == 22
    behind = balance(s, {2021: D(10), 2022: D(10)})
    assert behind.verdict == "accelerate" and behind.required_pace == 30
    assert behind.effort == D(30) / D(22)
    assert "余下3年" in behind.explanation and "需加快进度" in behind.explanation
    assert balance(s, {2021: D(60), 2022: D(55)}).verdict == "met"
    missed = balance(s, {y: D(20) for y in range(2021, 2026)})
    assert (missed.verdict, missed.reachable) == ("unreachable", False)


def test_balance_for_a_growth_rate_target_after_slow_years():
    s = spec("地区生产总值年均增速", "%", "3", "6左右")
    c = balance(s, {2021: D(3), 2022: D(3), 2023: D(3), 2024: D(3)})
    # 2025 would need 1.06^5 / 1.03^4 − 1 ≈ 18.9 %: three times the planned pace
    assert D("18.8") < c.required_pace < D("18.9")
    assert c.verdict == "strained"
    assert balance(s, {2021: D(7), 2022: D(6)}).verdict == "balanced"


def test_balance_for_a_level_uses_the_last_fixed_year():
    s = spec("全员劳动生产率", "万元/人", "21.2", "24.8")
    c = balance(s, {2022: D("21.6")})
    assert c.remaining_years == [2023, 2024, 2025]
    assert c.verdict == "strained" or c.verdict == "accelerate"
    expected = ((D("24.8") / D("21.6")) ** (D(1) / 3) - 1) * 100
    assert abs(c.required_pace - expected) < D("1e-20")
    # the decomposition with the same override grows at exactly that pace afterwards
    d = decompose(s, overrides={2022: D("21.6")})
    assert abs((d.annual[2].value / D("21.6") - 1) * 100 - expected) < D("1e-20")
    assert balance(s, {2022: D("25")}).verdict == "met"


# --- bounds the base already meets, and targets printed in the growth column ----------------------------------

@pytest.mark.parametrize(("name", "unit", "base", "target", "bound"), [
    ("城镇调查失业率", "%", "4.8", "<5.5", D("5.5")),      # a ceiling already kept: stay under it every year
    ("粮食综合生产能力", "万吨", "152", "≥150", D("150")),  # a floor already passed: stay above it
])
def test_a_bound_the_base_meets_is_held_every_year(name, unit, base, target, bound):
    d = decompose(spec(name, unit, base, target))
    assert d.by_year() == {y: bound for y in range(2021, 2026)}
    assert any("保持在界限内" in n for n in d.notes)


def test_a_bound_not_yet_reached_is_still_approached():
    d = decompose(spec("森林覆盖率", "%", "45.2", "≥46"))
    assert d.by_year()[2021] == D("45.36") and d.by_year()[2025] == D("46")


def _growth_row(name: str, unit: str, base: str, target: str, growth: str) -> IndicatorRow:
    r = row(name, unit, base, target)
    r.values.append(CellValue(Role.GROWTH, growth, None, parse_value(growth)))
    return r


def test_a_rate_row_with_its_target_in_the_growth_column():
    from planscope.catalog.rows import target_cell

    gdp = _growth_row("地区生产总值增长", "%", "3.6", "—", "6左右")
    cell = target_cell(gdp)
    assert (cell.role, cell.raw, cell.year) == (Role.TARGET, "6左右", 2025)
    (s,) = specs_from_row(gdp)
    assert s.goal.qualifier == Qualifier.ABOUT and s.goal.value == 6 and not s.cumulative
    energy = _growth_row("单位地区生产总值能源消耗降低", "%", "—", "—", "〔14〕")
    (e,) = specs_from_row(energy)
    assert e.cumulative and e.goal.value == 14 and path_for(e) == Path.CUMULATIVE_RATE
    # a level row keeps its target; its growth column is not a target
    level = _growth_row("人均地区生产总值", "万元", "6.8", "9.2", "6.2")
    assert target_cell(level).raw == "9.2"
    # a share with "—" under 目标值 and a cumulative change beside it has no target of its own
    share = _growth_row("常住人口城镇化率", "%", "62.5", "—", "〔5.5〕")
    assert target_cell(share).raw == "—" and specs_from_row(share) == []
