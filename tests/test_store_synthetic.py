"""The store on small plans written here: a city plan and a district plan with a full extraction each, so that
indicator rows, values, figures, outline nesting, region hierarchy and parent plans are checked exactly."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

import planscope
from planscope.ingest import read_document
from planscope.model import (
    CellValue,
    DocumentKind,
    DocumentMeta,
    Extraction,
    Figure,
    Footnote,
    Heading,
    IndicatorRow,
    IndicatorTable,
    Level,
    Measure,
    Qualifier,
    Role,
    Span,
)
from planscope.parse.values import parse_value

CITY_LINES = [
    "甲市国民经济和社会发展第十四个五年规划纲要",  # 1
    "",
    "第一章 发展基础",  # 3
    "一、主要成就",  # 4
    "到2025年，地区生产总值年均增长6%左右。",  # 5
    "专栏1 主要指标",  # 6
    "序号\t指标\t单位\t2020年\t2025年\t属性",  # 7
    "1\t地区生产总值增速\t%\t5.9\t6左右\t预期性",  # 8
    "2\t旅客/货邮吞吐量\t万人次/万吨\t7339/192\t10000/350\t预期性",  # 9
    "3\t单位能耗降低\t%\t[16.4]\t完成省下达目标\t约束性",  # 10
    "注：[ ]为五年累计数。",  # 11
    "第二章 发展目标",  # 12
    "①数字经济：以数据为关键要素的经济形态。",  # 13
]


def _row(seq: str, name: str, unit: str, line: int, base: str, target: str, attr: str) -> IndicatorRow:
    return IndicatorRow(name=name, span=Span(line, line), category="经济发展", seq=seq, unit=unit, attribute=attr,
                        values=[CellValue(Role.BASE, base, 2020, parse_value(base), Span(line, line)),
                                CellValue(Role.TARGET, target, 2025, parse_value(target), Span(line, line))])


def city_extraction(src_name: str, region: str = "甲市", title: str | None = None) -> Extraction:
    meta = DocumentMeta(title=title or f"{region}国民经济和社会发展第十四个五年规划纲要", region=region,
                        kind=DocumentKind.FIVE_YEAR_PLAN, period=(2021, 2025), script="simplified",
                        level=Level.CITY, parent_region=None, plan_number="十四五")
    table = IndicatorTable(title="专栏1 主要指标", span=Span(6, 11), notes=["[ ]为五年累计数。"],
                           columns=["序号", "指标", "单位", "2020年", "2025年", "属性"], kind="main",
                           rows=[_row("1", "地区生产总值增速", "%", 8, "5.9", "6左右", "预期性"),
                                 _row("2", "旅客/货邮吞吐量", "万人次/万吨", 9, "7339/192", "10000/350", "预期性"),
                                 _row("3", "单位能耗降低", "%", 10, "[16.4]", "完成省下达目标", "约束性")])
    target = Figure(indicator="地区生产总值年均增长", raw="6%左右", value=Decimal("6"), unit="%",
                    qualifier=Qualifier.ABOUT, measure=Measure.GROWTH_RATE, year=2025, sentence=CITY_LINES[4],
                    span=Span(5, 5))
    return Extraction(
        source=src_name, document=meta,
        outline=[Heading(1, "chapter", "第一章", "发展基础", Span(3, 3)),
                 Heading(3, "item", "一、", "主要成就", Span(4, 4)),
                 Heading(2, "box", "专栏1", "主要指标", Span(6, 11)),
                 Heading(1, "chapter", "第二章", "发展目标", Span(12, 12))],
        indicator_tables=[table], targets=[target],
        footnotes=[Footnote("1", "数字经济：以数据为关键要素的经济形态。", Span(13, 13), uses=[5])],
        warnings=["a warning the parser gave"])


def district_extraction(src_name: str) -> Extraction:
    meta = DocumentMeta(title="甲市乙区国民经济和社会发展第十四个五年规划纲要", region="乙区",
                        kind=DocumentKind.FIVE_YEAR_PLAN, period=(2021, 2025), script="simplified",
                        level=Level.DISTRICT, parent_region="甲市")
    return Extraction(source=src_name, document=meta)


def write_doc(folder: Path, name: str, lines: list[str]) -> Path:
    p = folder / name
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return p


@pytest.fixture
def city_and_district(tmp_path: Path) -> tuple[planscope.store.Database, int, int]:
    db = planscope.open(tmp_path / "s.db")
    dpath = write_doc(tmp_path, "district.txt", ["甲市乙区国民经济和社会发展第十四个五年规划纲要", "第一章 总体要求"])
    cpath = write_doc(tmp_path, "city.txt", CITY_LINES)
    # The district is loaded first: its parent plan must be linked when the city plan arrives.
    d = db.load(read_document(dpath), district_extraction("district.txt"), path=str(dpath))
    c = db.load(read_document(cpath), city_extraction("city.txt"), path=str(cpath))
    assert (d.status, c.status) == ("loaded", "loaded"), (d, c)
    return db, c.document_id, d.document_id


def test_region_hierarchy_and_parent_plan(city_and_district) -> None:
    db, city_id, district_id = city_and_district
    (root,) = db.regions()
    assert (root.name, root.level) == ("甲市", "city")
    assert [(c.name, c.level) for c in root.children] == [("乙区", "district")]
    assert db.plan("乙区").id == district_id
    assert db.plan("甲市").id == city_id
    assert db.plan(str(district_id)).parent().id == city_id
    assert db.plan(city_id).parent() is None
    by_id = {p.id: p for p in db.plans()}
    assert by_id[district_id].parent_region == "甲市"
    assert by_id[district_id].parent_plan_id == city_id


def test_indicator_table_round_trips_exactly(city_and_district) -> None:
    db, city_id, _ = city_and_district
    plan = db.plan("甲市")
    expected = city_extraction("city.txt")
    t = plan.indicators()
    assert t.to_json() == expected.indicator_tables[0].to_json()
    (gdp, air, energy) = t.rows
    assert gdp.value(Role.TARGET).parsed.value == Decimal("6")
    assert gdp.value(Role.BASE).parsed.value == Decimal("5.9")  # exact, not 5.900000000000000355
    assert air.value(Role.BASE).parsed.parts == [Decimal("7339"), Decimal("192")]
    assert energy.value(Role.BASE).parsed.cumulative is True
    assert energy.value(Role.TARGET).parsed.text == "完成省下达目标"
    summary = next(p for p in db.plans() if p.id == city_id)
    assert summary.counts["indicators"] == 3 and summary.counts["targets"] == 1 and summary.counts["headings"] == 4


def test_outline_figures_footnotes_and_text(city_and_district) -> None:
    db, city_id, _ = city_and_district
    plan = db.plan(city_id)
    assert [h.to_json() for h in plan.outline()] == [h.to_json() for h in city_extraction("x").outline]
    # Nesting by level: 一、 (level 3) and 专栏 (level 2) sit under 第一章; 第二章 is a new top.
    assert plan.outline_parents() == [None, 0, 0, None]
    (fig,) = plan.figures()
    assert (fig.kind, fig.raw, fig.value, fig.span.line_start) == ("target", "6%左右", Decimal("6"), 5)
    assert plan.observations() == []
    assert plan.footnotes()[0].uses == [5]
    assert plan.warnings() == ["a warning the parser gave"]
    assert plan.lines(8, 8, original=True) == [CITY_LINES[7]]
    assert plan.text().splitlines()[:1] == [CITY_LINES[0]]
    j = plan.to_json()
    assert j["document"]["region"] == "甲市" and j["plan"]["id"] == city_id and len(j["indicator_tables"]) == 1


def test_explain_gives_the_source_lines(city_and_district) -> None:
    db, city_id, _ = city_and_district
    (e,) = db.plan(city_id).explain("2")
    assert e.source == [(9, CITY_LINES[8])]
    assert e.row.name == "旅客/货邮吞吐量"
    with pytest.raises(LookupError, match="no row with seq"):
        db.plan(city_id).explain("99")


def test_new_version_by_identity_keeps_the_old(city_and_district, tmp_path: Path) -> None:
    db, city_id, district_id = city_and_district
    other = write_doc(tmp_path, "city_revised.txt", [*CITY_LINES, "（修订）"])
    r = db.load(read_document(other), city_extraction("city_revised.txt"), path=str(other))
    assert (r.status, r.version_of) == ("new_version", city_id)
    assert db.plan("甲市").id == r.document_id  # the region name now means the new version
    assert city_id not in {p.id for p in db.plans()}
    assert city_id in {p.id for p in db.plans(include_old_versions=True)}
    assert db.plan(city_id).indicators() is not None  # old version kept whole
    # The district plan now points at the current city plan.
    assert db.plan(district_id).parent().id == r.document_id


def test_unknown_plan_and_region(city_and_district) -> None:
    db, _, _ = city_and_district
    with pytest.raises(LookupError, match="no plan with id 999"):
        db.plan(999)
    with pytest.raises(LookupError, match="known regions: 乙区, 甲市"):
        db.plan("丙县")


def test_a_range_keeps_both_ends_through_the_store(tmp_path: Path) -> None:
    # 5%—6%: value is the lower end, high the upper; the JSON gives low and high, and so does the stored figure
    lines = ["甲市国民经济和社会发展第十五个五年规划纲要", "到2030年，地区生产总值年均增长5%—6%。"]
    path = write_doc(tmp_path, "range.txt", lines)
    ex = city_extraction("range.txt")
    ex.targets = [Figure(indicator="地区生产总值年均增长", raw="5%—6%", value=Decimal("5"), unit="%",
                         qualifier=Qualifier.RANGE, measure=Measure.GROWTH_RATE, year=2030, sentence=lines[1],
                         span=Span(2, 2), high=Decimal("6"))]
    assert {k: ex.targets[0].to_json()[k] for k in ("value", "low", "high")} == {"value": 5, "low": 5, "high": 6}
    db = planscope.open(tmp_path / "r.db")
    doc_id = db.load(read_document(path), ex, path=str(path)).document_id
    (fig,) = db.plan(doc_id).figures()
    assert (fig.qualifier, fig.value, fig.high) == (Qualifier.RANGE, Decimal("5"), Decimal("6"))
