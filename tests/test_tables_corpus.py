"""Indicator tables of the real corpus, checked against rows read from the source lines (sed -n)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from planscope.ingest import read_document
from planscope.model import IndicatorTable, Role
from planscope.parse.tables import find_indicator_tables
from planscope.parse.tables.content import squash


@pytest.fixture(scope="module")
def tables(corpus) -> dict[str, list[IndicatorTable]]:
    return {k: find_indicator_tables(read_document(path)) for k, path in corpus.items()}


def _row(table: IndicatorTable, seq: str, name_part: str = ""):
    return next(r for r in table.rows if r.seq == seq and name_part in r.name)


def test_tables_found_with_kinds_spans_and_row_counts(tables):
    got = {k: [(t.kind, t.span.line_start, t.span.line_end, len(t.rows)) for t in ts] for k, ts in tables.items()}
    assert got == {
        "000": [("main", 596, 770, 23)],
        "001": [("completion", 156, 228, 44), ("main", 314, 365, 25)],
        "002": [],
        "003": [("completion", 1625, 2191, 44), ("main", 2194, 2492, 26)],
        "004": [],
    }
    assert all(not t.problems for ts in tables.values() for t in ts)


def test_001_airport_row_values_and_ref_year(tables):
    row = _row(tables["001"][1], "8")
    assert (row.name, row.unit, row.category) == ("机场旅客/货邮吞吐量", "万人次/万吨", "枢纽功能")
    assert row.attribute == "预期性"
    base, target = row.value(Role.BASE), row.value(Role.TARGET)
    assert base.raw == "7339/192* (2019年)" and base.year == 2020
    assert base.parsed.parts == [7339, 192] and base.parsed.ref_year == 2019 and base.parsed.footnote_mark
    assert target.raw == "10000/350" and target.year == 2025 and row.span.lines() == [324, 324]


def test_001_completion_shifted_sub_rows_and_merged_cells(tables):
    t13 = tables["001"][0]
    ammonia = next(r for r in t13.rows if r.name == "氨氮")  # line 180: shifted left, name in column 0
    assert (ammonia.seq, ammonia.parent_name, ammonia.attribute) == ("17", "主要污染物排放累计减少", "约束性")
    assert "attribute" in ammonia.inherited and ammonia.value(Role.ACTUAL).raw == "[18.4]"
    rural = next(r for r in t13.rows if r.name.startswith("农村常住"))  # line 197: parent cell wraps two rows
    assert rural.parent_name == "人均收入年均增长" and rural.value(Role.TARGET).raw == "与经济 增长保 持同步"
    assert "target" in rural.inherited and rural.value(Role.ACTUAL).raw == "10.1"
    row32 = _row(t13, "32")  # line 202: seq in column 0, no category cell
    assert row32.category == "民生福祉持续改善" and row32.unit == "万套"
    assert {v.role for r in t13.rows for v in r.values} == {Role.TARGET, Role.ACTUAL}
    assert len(t13.notes) == 10 and t13.notes[0] == "1. []为 2016 年至 2020 年累计数。"
    t14 = tables["001"][1]
    assert t14.notes[5].endswith("176 万吨；铁路旅客发送量、货运量分别为 0.87 亿人次、1793 万吨。")
    assert len(t14.notes) == 9


def test_000_rows_wrapped_over_many_lines(tables):
    (t,) = tables["000"]
    assert t.notes == [] and t.columns[-3:] == ["2020年完成值", "2025年目标值", "属性"]
    r11 = _row(t, "11")
    assert r11.span.lines() == [668, 681] and r11.unit == "%" and r11.category == "绿色转型"
    assert [squash(v.raw) for v in r11.values] == ["完成广州市下达目标", "完成广州市下达目标"]
    r23 = _row(t, "23")
    assert r23.span.lines() == [760, 770] and r23.unit == "立方米"
    assert r23.value(Role.BASE).raw == "1200（标方 72万立方米）"
    assert squash(r23.value(Role.TARGET).raw) == "3000(标方180万立方米)"
    r9 = _row(t, "9")
    assert (r9.name, r9.unit, r9.value(Role.BASE).raw) == ("港口货物/集装箱吞吐量", "万吨/万标箱", "550.42/12.47")
    r15 = _row(t, "15")  # the category is repeated after the page-break header (706-714)
    assert (r15.name, r15.category, r15.value(Role.BASE).raw) == ("居民人均可支配收入年均增速", "民生福祉", "—")


def test_003_cells_layout_units_in_names_and_dropped_cells(tables):
    t13, t14 = tables["003"]
    gdp = _row(t14, "1")
    assert (gdp.name, gdp.unit, gdp.category) == ("地区生产总值总量(亿元)", "亿元", "经济发展")
    pension = _row(t14, "19")
    assert pension.unit == "万人"
    digital = _row(t14, "7")  # a single value: the target of a new indicator
    assert digital.value(Role.BASE) is None and digital.value(Role.TARGET).raw == "25"
    energy = _row(t14, "10")
    assert energy.value(Role.TARGET).raw == "完成市下達目標" and energy.span.lines() == [2312, 2320]
    incomes = [r for r in t14.rows if r.seq == "17"]
    assert [r.parent_name for r in incomes] == ["城乡居民收入"] * 2
    assert incomes[1].value(Role.TARGET).parsed.qualifier == "qualitative"
    per_capita = _row(t13, "2")
    assert per_capita.unit is None and [v.role for v in per_capita.values] == [Role.BASE, Role.ACTUAL, Role.GROWTH]
    gdp13 = _row(t13, "1")
    assert gdp13.value(Role.BASE).year == 2015 and gdp13.value(Role.GROWTH).parsed.value == Decimal("5.7")
    pollutants = [r for r in t13.rows if r.seq == "27"]
    assert [r.name for r in pollutants] == ["二氧化硫", "化学需氧量", "氨氮", "氮氧化物"]
    assert {r.parent_name for r in pollutants} == {"主要污染物排放削减量"}
    assert _row(t13, "14").category == "创新能力显著增强"
    assert _row(t13, "38").unit == "1/10万"
    assert len(t13.notes) == 7 and t13.notes[0].startswith("注:1.") and len(t14.notes) == 3
