"""Round two of unseen documents (tests/unseen/builders.py, 13–16): a 十四五 table that also reports the 十三五
result, two-row headers in flattened and PDF-text tables (one broken by a page), and a county-level city whose
texts never name its prefecture."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from planscope.ingest import read_document
from planscope.model import Extraction, Level, Role
from planscope.parse.extract import extract_source
from planscope.parse.tables.header import classify, unflatten
from test_unseen import _meta, _one_table, _outline, _parsed, _row
from unseen.builders import BUILDERS, CELLS_TWO_ROW_ROWS, MIXED_ROWS

D = Decimal
ROUND2 = ("mixed_years_html", "cells_two_row_txt", "county_city_report_txt", "paged_two_row_txt")


@pytest.fixture(scope="module")
def docs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Extraction]:
    d: Path = tmp_path_factory.mktemp("unseen2")
    return {name: extract_source(read_document(BUILDERS[name](d))) for name in ROUND2}


# 13. 2020年目标 / 2020年完成 beside 2025年目标: the new plan's main table, its own target first
def test_main_table_with_previous_result(docs: dict[str, Extraction]) -> None:
    ex = docs["mixed_years_html"]
    assert _meta(ex) == ("宜春市国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要", "宜春市", Level.CITY,
                         "five_year_plan", (2021, 2025))
    t = _one_table(ex)
    assert (t.kind, t.title) == ("main", "专栏1 “十四五”时期经济社会发展主要指标")
    assert t.columns == ["类别", "指标", "单位", "2020年目标", "2020年完成", "2025年目标", "属性"]
    assert [_row(r) for r in t.rows] == [
        (cat, None, name, unit, attr, [("actual", 2020, done), ("target", 2025, new), ("target", 2020, old)])
        for cat, name, unit, old, done, new, attr in MIXED_ROWS]
    rows = {r.name: r for r in t.rows}
    assert rows["地区生产总值"].value(Role.TARGET).year == 2025
    assert _parsed(rows["城镇调查失业率"], Role.TARGET) == ("less_than", D("5.5"), False)
    assert _parsed(rows["森林覆盖率"], Role.ACTUAL) == ("exact", D("46.2"), False)


def test_annual_next_year_target_stays_completion(tmp_path: Path) -> None:
    """One year on (2023年完成, 2024年目标) is an annual report, not a later plan period."""
    ex = extract_source(read_document(BUILDERS["annual_table_html"](tmp_path)))
    assert _one_table(ex).kind == "completion"


# 14. a two-row header flattened one cell per line: 规划值 over 2020年 / 2025年
def test_cells_two_row_header(docs: dict[str, Extraction]) -> None:
    ex = docs["cells_two_row_txt"]
    assert _meta(ex)[1:3] == ("九江市", Level.CITY)
    t = _one_table(ex)
    assert t.columns == ["类别", "序号", "指标", "单位", "2020年", "2025年", "属性"]
    assert (t.kind, t.span.line_start, t.span.line_end) == ("main", 9, 79)
    assert t.notes == ["注：[ ]内为五年累计数。"]
    expected, category = [], None
    for r in CELLS_TWO_ROW_ROWS:
        if len(r) == 7:
            category, r = r[0], r[1:]
        seq, name, unit, base, target, attr = r
        expected.append((category, seq, name, unit, attr, [("base", 2020, base), ("target", 2025, target)]))
    assert [_row(r) for r in t.rows] == expected
    assert _parsed(t.rows[1], Role.TARGET) == ("about", D("8"), False)
    assert _parsed(t.rows[3], Role.TARGET) == ("qualitative", None, True)


@pytest.mark.parametrize("labels, columns", [
    (["类别", "指标", "单位", "规划值", "属性", "2020年", "2025年"],
     ["类别", "指标", "单位", "2020年", "2025年", "属性"]),
    (["序号", "指标", "单位", "2015年", "2020年", "备注", "目标", "完成"],
     ["序号", "指标", "单位", "2015年", "2020年目标", "2020年完成", "备注"]),
    # one-row headers are left alone, whatever their order
    (["指标名称", "属性", "单位", "现状值(2020年)", "目标值(2025年)"],
     ["指标名称", "属性", "单位", "现状值(2020年)", "目标值(2025年)"]),
    (["指标", "单位", "2020年", "2025年", "属性"], ["指标", "单位", "2020年", "2025年", "属性"]),
])
def test_unflatten(labels: list[str], columns: list[str]) -> None:
    assert unflatten(labels) == columns
    cols = classify(labels, completion=False)
    assert [c.label for c in cols] == columns and "extra" not in {c.role for c in cols}


# 15. a county-level city (县级市) whose texts never name its prefecture
def test_county_level_city_without_parent(docs: dict[str, Extraction]) -> None:
    ex = docs["county_city_report_txt"]
    assert _meta(ex) == ("政府工作报告", "义乌市", Level.DISTRICT, "work_report", (2023, 2024))
    assert ex.document.parent_region is None


def test_prefecture_mentioning_county_level_cities_stays_city(tmp_path: Path) -> None:
    """A prefecture-level city's text may name the 县级市 under it; its 县（市、区） keep it a city."""
    text = ("政府工作报告\n\n——2024年1月20日在金华市第八届人民代表大会第三次会议上\n\n"
            "各位代表：\n\n过去一年，全市各县（市、区）竞相发展，义乌、永康、东阳、兰溪4个县级市全部进入全国百强。\n")
    p = tmp_path / "jinhua.txt"
    p.write_text(text, encoding="utf-8")
    ex = extract_source(read_document(p))
    assert _meta(ex)[1:3] == ("金华市", Level.CITY)


# 16. PDF text: a two-row header (2020年 over 目标/完成) repeated after a page break
def test_paged_two_row_header(docs: dict[str, Extraction]) -> None:
    ex = docs["paged_two_row_txt"]
    assert _outline(ex) == [(1, "chapter", "第一章", "发展基础"), (2, "box", "专栏1", "“十三五”规划主要指标完成情况"),
                            (3, "notes", None, "注"), (1, "chapter", "第二章", "主要目标")]
    t = _one_table(ex)
    assert (t.kind, t.columns) == ("completion", ["序号", "指标", "单位", "2015年", "2020年目标", "2020年完成", "属性"])
    assert (t.span.line_start, t.span.line_end) == (7, 23)
    assert t.notes == ["注：地区生产总值按当年价格计算。"]

    def v(base: str, target: str, actual: str) -> list[tuple]:
        return [("base", 2015, base), ("target", 2020, target), ("actual", 2020, actual)]

    assert [_row(r) for r in t.rows] == [
        (None, "1", "地区生产总值", "亿元", "预期性", v("1590.5", "2400", "1929.8")),
        (None, "2", "规模以上工业增加值年均增长", "%", "预期性", v("11.2", "9", "2.5")),
        (None, "3", "常住人口城镇化率", "%", "预期性", v("53.3", "60", "58.2")),
        (None, "4", "城镇登记失业率", "%", "预期性", v("2.9", "<4.5", "2.8")),
        (None, "5", "森林覆盖率", "%", "约束性", v("38.2", "≥39", "39.1")),
    ]
    assert [(r.span.line_start, r.span.line_end) for r in t.rows] == [(11, 11), (12, 14), (15, 15), (21, 21),
                                                                      (22, 22)]
    assert _parsed(t.rows[3], Role.TARGET) == ("less_than", D("4.5"), False)
    assert _parsed(t.rows[4], Role.TARGET) == ("at_least", D("39"), False)
