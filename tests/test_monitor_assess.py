"""Progress assessment: every status of every method, direction, qualifiers, growth-rate and cumulative targets."""

from __future__ import annotations

import json
from decimal import Decimal as D

import pytest

from conftest import corpus_file
from planscope.model import CellValue, IndicatorRow, Measure, Qualifier, Role, Span, Status
from planscope.monitor import (
    Direction,
    Goal,
    Method,
    Reading,
    assess,
    assess_row,
    default_method,
    meets,
    profile,
    specs_from_row,
)
from planscope.parse.values import parse_value


def row(name: str, unit: str | None, base: str | None, target: str | None, base_year: int = 2020) -> IndicatorRow:
    vals = []
    if base is not None:
        vals.append(CellValue(Role.BASE, base, base_year, parse_value(base)))
    if target is not None:
        vals.append(CellValue(Role.TARGET, target, 2025, parse_value(target)))
    return IndicatorRow(name=name, span=Span(1, 1), unit=unit, values=vals)


def spec(name, unit, base, target, **kw):
    (s,) = specs_from_row(row(name, unit, base, target), **kw)
    return s


SHARE = spec("某产业增加值占地区生产总值比重", "%", "50", "60")
LEVEL = spec("某产业增加值", "亿元", "100", "161.051")  # exactly 10 % a year
PM25 = spec("PM2.5年均浓度", "微克/立方米", "39", "≤30")
GDP_GROWTH = spec("地区生产总值年均增速", "%", "3", "6左右")  # Huadu 14th plan, row 1
JOBS = spec("新增城镇就业人数", "万人", "[161.5]", "[≥110]")  # Guangzhou 14th plan, row 17
ENERGY = spec("单位地区生产总值能源消耗降低", "%", None, "[14.5]")


def test_default_method_by_kind_of_target():
    assert default_method(SHARE) == Method.TIME_ELAPSED
    assert default_method(LEVEL) == Method.GROWTH_RATIO
    assert default_method(GDP_GROWTH) == Method.AVERAGE_GROWTH
    assert default_method(JOBS) == Method.CUMULATIVE
    assert default_method(ENERGY) == Method.CUMULATIVE


# --- 序时进度 -----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("actual", "status"), [
    ("56.2", Status.ON_TRACK), ("55", Status.LAGGING), ("52", Status.AT_RISK), ("49", Status.AT_RISK),
    ("60.5", Status.ACHIEVED),
])
def test_time_elapsed_statuses(actual, status):
    a = assess(SHARE, {2023: D(actual)}, 2023, Method.TIME_ELAPSED)
    assert a.status == status
    assert a.regression == (D(actual) < 50)
    if status != Status.ACHIEVED:  # the numbers recompute the verdict
        assert a.ratios["progress"] == (D(actual) - 50) / 10
        assert a.ratios["elapsed"] == D("0.6")
        assert a.ratios["ratio"] == a.ratios["progress"] / a.ratios["elapsed"]


def test_time_elapsed_explanation_reads_like_a_report():
    a = assess(SHARE, {2023: D("56.2")}, 2023)
    assert a.explanation.startswith("按序时进度：")
    assert "已完成目标进度的62%" in a.explanation and "时间进度60%" in a.explanation
    assert a.explanation.endswith("进度正常")
    json.dumps(a.to_json(), ensure_ascii=False)  # plain JSON for reports and the API


def test_final_year_and_no_data():
    assert assess(SHARE, {2025: D("59")}, 2025).status == Status.NOT_ACHIEVED
    assert assess(SHARE, {2025: D("60")}, 2025).status == Status.ACHIEVED
    assert assess(SHARE, {}, 2023).status == Status.NO_DATA
    assert assess(SHARE, {2026: D("70")}, 2023).status == Status.NO_DATA  # a later year is not seen early


# --- growth ratio (SDG) ------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("actual", "status", "regression"), [
    ("133.1", Status.ON_TRACK, False), ("120", Status.LAGGING, False), ("105", Status.AT_RISK, False),
    ("95", Status.AT_RISK, True), ("170", Status.ACHIEVED, False),
])
def test_growth_ratio_statuses(actual, status, regression):
    a = assess(LEVEL, {2023: D(actual)}, 2023)
    assert a.method == Method.GROWTH_RATIO
    assert (a.status, a.regression) == (status, regression)


def test_growth_ratio_numbers():
    a = assess(LEVEL, {2023: D("120")}, 2023)
    assert abs(a.ratios["required_cagr"] - D("0.1")) < D("1e-25")
    assert abs(a.ratios["actual_cagr"] - (D("1.2") ** (D(1) / 3) - 1)) < D("1e-25")
    assert D("0.6") < a.ratios["ratio"] < D("0.95")


def test_growth_ratio_for_a_lower_is_better_indicator():
    assert PM25.profile.direction == Direction.LOWER
    falling = assess(PM25, {2023: D("33")}, 2023)  # falling faster than the required −5.1 % a year
    assert falling.status == Status.ON_TRACK and falling.ratios["ratio"] > 1
    rising = assess(PM25, {2023: D("40")}, 2023)
    assert rising.status == Status.AT_RISK and rising.regression
    assert assess(PM25, {2023: D("29")}, 2023).status == Status.ACHIEVED


def test_growth_ratio_falls_back_when_a_value_is_zero():
    s = spec("省控断面劣V类水体比例", "个", "2", "0", measure=Measure.LEVEL)
    a = assess(s, {2023: D("1")}, 2023, Method.GROWTH_RATIO)
    assert a.method == Method.TIME_ELAPSED and any("改用序时进度" in n for n in a.notes)


# --- projection --------------------------------------------------------------------------------------------------

def test_projection_linear_and_cagr():
    s = spec("某产业增加值", "亿元", "100", "150")
    slow = assess(s, {2021: D(105), 2022: D(110)}, 2022, Method.PROJECTION_LINEAR)
    assert slow.ratios["projected"] == 125 and slow.status == Status.AT_RISK
    fast = assess(s, {2021: D(110), 2022: D(120)}, 2022, Method.PROJECTION_LINEAR)
    assert fast.ratios["projected"] == 150 and fast.status == Status.ON_TRACK
    mid = assess(s, {2021: D(106), 2022: D(114)}, 2022, Method.PROJECTION_LINEAR)
    assert mid.status == Status.LAGGING
    c = assess(s, {2022: D(121)}, 2022, Method.PROJECTION_CAGR)
    assert abs(c.ratios["projected"] - D("161.051")) < D("1e-20") and c.status == Status.ON_TRACK


# --- growth-rate targets -----------------------------------------------------------------------------------------

def test_huadu_gdp_growth_2024_against_6_about():
    # corpus 002 (Huadu report on 2024): "全年地区生产总值1860.06亿元,增长3%"
    line27 = corpus_file("002").read_text(encoding="utf-8").splitlines()[26]
    assert "增长3%" in line27
    a = assess(GDP_GROWTH, {2024: D(3)}, 2024)
    assert a.method == Method.AVERAGE_GROWTH
    assert a.status == Status.AT_RISK
    assert a.ratios["ratio"] == D("0.5")
    assert "2024年实际增速3%" in a.explanation and "目标≥5.5（6左右，容差±0.5）" in a.explanation
    assert any("2021、2022、2023" in n for n in a.notes)  # the years it did not see


@pytest.mark.parametrize(("rates", "year", "status"), [
    ({2021: "5.6"}, 2021, Status.ON_TRACK),  # within the ±0.5 pp of 左右
    ({2021: "5.4"}, 2021, Status.LAGGING),
    ({2021: "-1"}, 2021, Status.AT_RISK),
    ({y: "6" for y in range(2021, 2026)}, 2025, Status.ACHIEVED),
    ({y: "5" for y in range(2021, 2026)}, 2025, Status.NOT_ACHIEVED),
])
def test_average_growth_statuses(rates, year, status):
    a = assess(GDP_GROWTH, {y: D(v) for y, v in rates.items()}, year)
    assert a.status == status
    assert a.regression == (status == Status.AT_RISK)


def test_average_growth_is_the_geometric_mean_and_gives_the_required_pace():
    a = assess(GDP_GROWTH, {2021: D(8), 2022: D(2)}, 2022)
    assert abs(a.ratios["average"] - ((D("1.08") * D("1.02")).sqrt() - 1) * 100) < D("1e-25")
    need = ((D("1.06") ** 5 / (D("1.08") * D("1.02"))) ** (D(1) / 3) - 1) * 100
    assert abs(a.ratios["required_remaining"] - need) < D("1e-20")


# --- cumulative --------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("increments", "status"), [
    ({2021: 25, 2022: 20}, Status.ON_TRACK), ({2021: 15, 2022: 15}, Status.LAGGING),
    ({2021: 5, 2022: 5}, Status.AT_RISK), ({2021: 60, 2022: 55}, Status.ACHIEVED),
])
def test_cumulative_sum_statuses(increments, status):
    a = assess(JOBS, {y: D(v) for y, v in increments.items()}, 2022)
    assert a.status == status
    assert a.ratios["total"] == sum(increments.values())


def test_cumulative_running_total_and_missing_years():
    a = assess(JOBS, {2023: D(70)}, 2023, running_total=True)
    assert a.ratios["progress"] == D(70) / 110 and a.status == Status.ON_TRACK
    gap = assess(JOBS, {2021: D(25), 2023: D(25)}, 2023)
    assert gap.inputs["missing_years"] == [2022] and any("缺少2022年" in n for n in gap.notes)


def test_cumulative_reduction_on_the_compound_scale():
    even = D(1) - D("0.855") ** (D(1) / 5)
    on_pace = assess(ENERGY, {2021: even * 100, 2022: even * 100}, 2022)
    assert abs(on_pace.ratios["ratio"] - 1) < D("1e-20") and on_pace.status == Status.ON_TRACK
    slow = assess(ENERGY, {2021: D(3), 2022: D("2.5")}, 2022)
    assert slow.ratios["total"] == (1 - D("0.97") * D("0.975")) * 100
    assert slow.status == Status.LAGGING


# --- qualifiers and rows -----------------------------------------------------------------------------------------

def test_meets_with_qualifiers_on_both_sides():
    up, down = profile("x", "%", direction=Direction.HIGHER), profile("x", "%", direction=Direction.LOWER)
    assert meets(Reading(D(23), Qualifier.AT_LEAST), Goal(D(23), Qualifier.EXACT), up) is True  # [≥23] vs [23]
    assert meets(Reading(D("27.6"), Qualifier.MORE_THAN), Goal(D(20), Qualifier.EXACT), up) is True
    assert meets(Reading(D(5), Qualifier.AT_LEAST), Goal(D(6), Qualifier.EXACT), up) is None  # cannot tell
    assert meets(D(30), Goal(D(30), Qualifier.AT_MOST), down) is True
    assert meets(D(30), Goal(D(30), Qualifier.LESS_THAN), down) is False
    assert meets(D(31), Goal(D(30), Qualifier.ABOUT, tolerance=D("0.5")), down) is False
    assert meets(D("30.5"), Goal(D(30), Qualifier.ABOUT, tolerance=D("0.5")), down) is True


def test_range_and_at_least_targets():
    rng = spec("地区生产总值增速", "%", "6", "5-8")
    assert assess(rng, {2021: D(5)}, 2021).status == Status.ON_TRACK
    assert assess(rng, {2021: D("4.9")}, 2021).status == Status.LAGGING
    floor = spec("基本养老保险参保率", "%", "98.3", "≥99")
    assert assess(floor, {2022: D(99)}, 2022).status == Status.ACHIEVED
    assert assess(floor, {2025: D("98.9")}, 2025).status == Status.NOT_ACHIEVED


def test_assess_row_pairs_qualitative_and_missing_targets():
    airport = row("机场旅客/货邮吞吐量", "万人次/万吨", "7339/192* (2019年)", "10000/350")
    specs = specs_from_row(airport)
    assert [(s.unit, s.base, s.base_year, s.goal.value) for s in specs] == [
        ("万人次", D(7339), 2019, D(10000)), ("万吨", D(192), 2019, D(350))]
    results = assess_row(airport, {2023: [D(7500), D(300)]}, 2023)
    assert [r.status for r in results] == [Status.AT_RISK, Status.ON_TRACK]
    words = row("地表水达到或好于Ⅲ类水体比例", "%", "76.9", "完成省下达目标")
    (q,) = assess_row(words, {2023: D(80)}, 2023)
    assert q.status == Status.QUALITATIVE and "完成省下达目标" in q.explanation
    (none,) = assess_row(row("某指标", "%", "1", None), {2023: D(2)}, 2023)
    assert none.status == Status.NO_DATA


# --- 与经济增长同步, and a cumulative total that lacks years ---------------------------------------------------------

def test_synchronous_target_judged_year_by_year():
    from planscope.monitor.synchronous import assess_synchronous, is_synchronous_target

    assert is_synchronous_target("与经济增长基本同步") and not is_synchronous_target("完成省下达目标")
    a = assess_synchronous("与经济增长基本同步", {2023: D("5.6"), 2024: D("5.1")}, {2023: D("5.8"), 2024: D("5.2")},
                           2024, 2025)
    assert a.status == Status.ON_TRACK and a.method == Method.SYNCHRONOUS
    assert "2024年增长5.1%，同期经济增长5.2%，同步" in a.explanation
    behind = assess_synchronous("与经济增长同步", {2024: D("4.1")}, {2024: D("5.2")}, 2024, 2025)
    assert behind.status == Status.LAGGING and "低于经济增长" in behind.explanation
    assert assess_synchronous("与经济增长同步", {2024: D("5")}, {2025: D("5")}, 2024, 2025) is None
    assert assess_synchronous("与经济增长同步", {2025: D("5")}, {2025: D("5.2")}, 2025, 2025).status == \
        Status.ACHIEVED


def test_cumulative_explanation_says_which_years_are_missing():
    a = assess(ENERGY, {2023: D("3.1"), 2024: D("2.6")}, 2024)
    assert "缺少2021、2022年数据，累计值偏小" in a.explanation
