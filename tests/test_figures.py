"""Prose figures: targets and observations, on the real corpus and on hand-written documents."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from conftest import corpus_file
from planscope.ingest import read_document
from planscope.model import DocumentKind, DocumentMeta, Figure
from planscope.parse.figures import extract_figures
from planscope.parse.figures.phrases import find_phrases

FIXTURES = Path(__file__).parent / "fixtures_text"


def _meta(kind: DocumentKind = DocumentKind.OTHER, period: tuple[int, int] | None = None) -> DocumentMeta:
    return DocumentMeta(title=None, region=None, kind=kind, period=period, script="simplified")


def _run(path: Path, meta: DocumentMeta | None = None) -> tuple[list[Figure], list[Figure]]:
    return extract_figures(read_document(path), meta or _meta())


def _find(figs: list[Figure], line: int, value: str, indicator: str | None = None) -> Figure:
    hits = [f for f in figs if f.span.line_start == line and f.value == Decimal(value)
            and (indicator is None or indicator in f.indicator)]
    near = [(f.indicator, f.raw) for f in figs if f.span.line_start == line]
    assert hits, f"no figure {value} ({indicator}) on line {line}: {near}"
    return hits[0]


@pytest.fixture(scope="module")
def huadu_report() -> tuple[list[Figure], list[Figure]]:
    # kind OTHER on purpose: the report's own headings must decide 执行情况 vs 计划草案
    return _run(corpus_file("002"))


def test_002_carried_subject_and_measures(huadu_report):
    _, obs = huadu_report
    gdp = _find(obs, 27, "1860.06", "地区生产总值")
    assert (gdp.unit, gdp.measure, gdp.year) == ("亿元", "level", 2024)
    growth = _find(obs, 27, "3", "地区生产总值")  # '…1860.06亿元,增长3%': the subject carries over
    assert growth.measure == "growth_rate" and growth.unit == "%"
    rank = next(f for f in obs if f.span.line_start == 27 and f.measure == "rank" and "地区生产总值" in f.indicator)
    assert rank.value == 3 and rank.scope == "全市"


def test_002_shared_and_respective_subjects(huadu_report):
    _, obs = huadu_report
    firsts = {f.indicator for f in obs if f.span.line_start == 27 and f.measure == "rank" and f.value == 1}
    assert any("规上营利性服务业营收" in i for i in firsts) and any("建筑业总产值" in i for i in firsts)
    assert "化妆品产业" in _find(obs, 39, "16.2").indicator  # 分别增长26.3%、16.2%、3.0%
    assert _find(obs, 39, "16.2").measure == "growth_rate"
    assert "死亡人数" in _find(obs, 81, "28.1").indicator


def test_002_qualifiers_units_and_chinese_numerals(huadu_report):
    _, obs = huadu_report
    cards = _find(obs, 37, "3.2", "人才绿卡")
    assert (cards.unit, cards.qualifier, cards.measure) == ("万张", "more_than", "count")
    assert _find(obs, 75, "1000").raw == "超千场"
    assert _find(obs, 81, "8").measure == "other"  # 连续八年
    assert _find(obs, 79, "15").raw == "十五连增"
    assert "5G基站" in _find(obs, 41, "7763").indicator  # 总量 belongs to the 5G stations
    assert _find(obs, 35, "9").year == 2023  # '2023年全区R&D经费投入增长9%' in a 2024 report


def test_002_targets_come_from_the_plan_section(huadu_report):
    targets, obs = huadu_report
    assert all(f.span.line_start >= 83 for f in targets) and all(f.span.line_start < 83 for f in obs)
    places = _find(targets, 179, "9540")
    assert "公办中小学学位" in places.indicator and places.year == 2025 and places.measure == "count"
    assert _find(targets, 135, "210").qualifier == "at_least"
    assert _find(targets, 177, "1.1").unit == "万人"


@pytest.mark.parametrize(("line", "text"), [
    (21, "1310"), (27, "18"), (31, "27"), (31, "3"), (39, "380"), (39, "12"), (41, "5"), (57, "135"),
    (57, "136"), (65, "8"), (69, "2"), (53, "2035"),
])
def test_002_names_labels_ordinals_dates_are_not_figures(huadu_report, line, text):
    targets, obs = huadu_report
    # “1310”, 1+1+1+18, 第27届, 3A级, A380, 12年检, 5G, 第135、136两届, 8号线, 2号楼, (2023—2035年)
    assert not [f for f in targets + obs if f.span.line_start == line and f.value == Decimal(text)]


@pytest.mark.parametrize("text", ["“十四五”规划", "二十届三中全会", "十大项目", "3A级旅游景区", "“1+4+4”商圈",
                                  "十五运会", "第27届", "A380飞机", "5G基站建设", "2024年", "地铁8号线", "六镇四街"])
def test_exclusion_classes(text):
    assert find_phrases(text) == []


def test_004_prose_targets():
    targets, _ = _run(corpus_file("004"), _meta(DocumentKind.FIVE_YEAR_PLAN, (2021, 2025)))
    gdp = _find(targets, 43, "6", "地区生产总值")
    assert (gdp.qualifier, gdp.measure, gdp.year) == ("about", "growth_rate", 2025)
    life = _find(targets, 44, "80.09", "人均预期寿命")
    assert (life.unit, life.year) == ("岁", 2025)
    income = next(f for f in targets if f.span.line_start == 44 and f.qualifier == "qualitative")
    assert "居民人均可支配收入" in income.indicator and "基本同步" in income.raw


def test_004_achievements_are_observations_of_the_base_year():
    _, obs = _run(corpus_file("004"))  # no metadata: the title says it is a five-year plan
    gdp = _find(obs, 11, "386.31", "地区生产总值")
    assert gdp.year == 2020


@pytest.mark.parametrize("prefix", ["000", "001", "003"])
def test_plans_run_and_date_their_targets(prefix):
    targets, obs = _run(corpus_file(prefix), _meta(DocumentKind.FIVE_YEAR_PLAN, (2021, 2025)))
    assert len(targets) > 30 and obs
    years = [f.year for f in targets]
    assert years.count(2025) / len(years) > 0.8
    assert all(y is None or 2021 <= y <= 2050 for y in years)
    assert all(f.year is None or f.year <= 2020 for f in obs)


def test_provincial_work_report():
    targets, obs = _run(FIXTURES / "provincial_work_report.txt")
    assert _find(obs, 11, "5.62", "地区生产总值").unit == "万亿元"
    assert _find(obs, 11, "5.3").year == 2024
    assert _find(obs, 11, "8").measure == "other"  # 连续八年
    assert _find(obs, 13, "1000").qualifier == "more_than"  # 超千个
    assert not [f for f in obs if f.value == 10 or (f.value == 3 and f.span.line_start == 13)]  # 十大, 第三届
    gdp = _find(targets, 17, "5.5", "地区生产总值")
    assert (gdp.year, gdp.qualifier, gdp.measure) == (2025, "about", "growth_rate")
    assert _find(targets, 17, "5.5", "失业率").qualifier == "at_most"
    assert any(f.qualifier == "qualitative" and "居民收入" in f.indicator for f in targets)
    assert _find(targets, 19, "120", "高标准农田").unit == "万亩"  # 一百二十万亩
    assert _find(targets, 19, "12").year == 2027  # 到2027年


def test_city_statistical_bulletin():
    targets, obs = _run(FIXTURES / "city_statistical_bulletin.txt")
    assert not targets
    assert {f.year for f in obs} == {2024}
    assert _find(obs, 8, "5.8", "地区生产总值").measure == "growth_rate"
    assert _find(obs, 8, "1287.66", "第二产业增加值").unit == "亿元"
    assert "常住人口" in _find(obs, 10, "2.4").indicator  # 比上年末增加2.4万人
    assert _find(obs, 10, "0.8").unit == "个百分点"
    assert _find(obs, 14, "2.3").indicator.endswith("下降")


def test_traditional_news():
    src = read_document(FIXTURES / "traditional_news.txt")
    assert src.script == "traditional"
    targets, obs = extract_figures(src, _meta())
    assert _find(obs, 1, "31032.5", "地区生产总值").year == 2024
    assert "第三产业增加值" in _find(obs, 2, "73.9").indicator
    assert _find(obs, 3, "8").measure == "other"  # 連續八年
    assert _find(obs, 4, "1", "高新技术企业").measure == "rank"
    assert not [f for f in obs if f.value == 20]  # 第二十屆
    assert _find(targets, 3, "5").year == 2025  # 今年…目标为5%左右, in a piece on 2024


def test_county_annual_plan_report():
    targets, obs = _run(FIXTURES / "county_annual_plan_report.txt")
    assert _find(obs, 9, "4.6").year == 2024
    assert _find(obs, 9, "2").measure == "rank"
    assert _find(obs, 11, "42", "粮食播种面积").unit == "万亩"  # 四十二万亩
    assert _find(obs, 11, "1200").qualifier == "more_than"  # 一千二百余公里
    assert _find(targets, 15, "8", "固定资产投资").qualifier == "at_least"
    assert all(f.year == 2025 for f in targets)
    assert any(f.qualifier == "qualitative" and "能耗" in f.indicator for f in targets)
    assert _find(targets, 17, "150").raw == "一百五十公里"
