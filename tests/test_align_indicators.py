"""Indicator verdicts, built from model objects (the table parser's output is not needed)."""

from __future__ import annotations

from decimal import Decimal

from planscope.align.indicators import compare_indicators, guess_direction
from planscope.model import CellValue, IndicatorRow, IndicatorTable, Role, Span
from planscope.parse.values import parse_value


def row(name: str, unit: str | None, base: str | None, target: str | None, canonical: str | None = None,
        line: int = 1, base_year: int = 2020) -> IndicatorRow:
    values = []
    if base is not None:
        values.append(CellValue(Role.BASE, base, base_year, parse_value(base)))
    if target is not None:
        values.append(CellValue(Role.TARGET, target, 2025, parse_value(target)))
    return IndicatorRow(name, Span(line, line), unit=unit, values=values, canonical=canonical)


def table(*rows: IndicatorRow) -> IndicatorTable:
    return IndicatorTable("主要指标", Span(1, 99), list(rows))


def verdicts(parent, child, **kw) -> dict[str, str]:
    out = compare_indicators(table(*parent), {"花都区": table(*child)}, **kw)
    return {a.canonical: a.children["花都区"].verdict for a in out}


def test_same_stricter_looser_direction_aware() -> None:
    parent = [row("研发经费支出占地区生产总值比重", "%", "3.1", "3.6", "rd"),
              row("单位地区生产总值能耗下降", "%", None, "完成省下达目标", "energy"),
              row("城镇调查失业率", "%", "2.5", "<5.5", "unemp"),
              row("常住人口城镇化率", "%", "86.2", "88", "urban"),
              row("PM2.5年均浓度", "微克/立方米", "23", "25", "pm25")]
    child = [row("R&D经费投入强度", "%", "2.0", "3.6", "rd"),
             row("单位GDP能耗降低", "%", None, "完成省下达目标", "energy"),
             row("城镇调查失业率", "%", "2.4", "<5", "unemp"),
             row("城镇化率", "%", "70", "80左右", "urban"),
             row("细颗粒物浓度", "微克/立方米", "25", "28", "pm25")]
    v = verdicts(parent, child, direction_of=lambda k: "lower" if k in ("unemp", "pm25") else "higher")
    assert v == {"rd": "same", "energy": "same", "unemp": "stricter", "urban": "looser", "pm25": "looser"}


def test_guess_direction_for_declines_and_emissions() -> None:
    assert guess_direction("单位地区生产总值能耗下降") == "lower"
    assert guess_direction("婴儿死亡率") == "lower"
    assert guess_direction("森林覆盖率") == "higher"


def test_pairs_and_totals() -> None:
    parent = [row("城镇/农村居民人均可支配收入", "元", "68304/31266", "90000/45000", "income"),
              row("机场旅客/货邮吞吐量", "万人次/万吨", "7339/192* (2019年)", "10000/350", "airport"),
              row("地区生产总值", "亿元", "25019", "35000", "gdp")]
    child = [row("城镇/农村居民人均可支配收入", "元", "50000/30000", "95000/40000", "income"),
             row("机场旅客货邮吞吐量", "万人次/万吨", "7339/192", "12000/300", "airport"),
             row("地区生产总值", "亿元", "1600", "2000", "gdp")]
    out = {a.canonical: a for a in compare_indicators(table(*parent), {"花都区": table(*child)},
                                                      canonical_of=lambda r: r.canonical)}
    assert out["income"].verdict == "mixed"  # urban target higher, rural lower
    # totals: a district's level is not the city's, unless both print the same figure
    assert out["gdp"].verdict == "not_comparable" and out["airport"].verdict == "not_comparable"


def test_different_definition_via_related_pairs() -> None:
    parent = [row("每万人口高价值发明专利拥有量", "件", "15.8", "40", "high_value_patents")]
    child = [row("每万人有效发明专利拥有量", "件", "10", "20", "patents_per_10k")]
    out = compare_indicators(table(*parent), {"花都区": table(*child)},
                             related=[("high_value_patents", "patents_per_10k")])
    assert len(out) == 1
    c = out[0].children["花都区"]
    assert c.verdict == "different_definition" and c.side.name.startswith("每万人有效")
    # without the relation they are two unrelated concepts
    v = verdicts(parent, child)
    assert v == {"high_value_patents": "parent_only", "patents_per_10k": "child_only"}


def test_units_converted_when_possible() -> None:
    parent = [row("人均地区生产总值", "万元", "15", "20", "gdp_pc")]
    child = [row("人均地区生产总值", "元", "90000", "180000", "gdp_pc")]

    def convert(x: Decimal, src: str, dst: str) -> Decimal | None:
        return x / 10000 if (src, dst) == ("元", "万元") else None

    assert verdicts(parent, child) == {"gdp_pc": "different_unit"}
    out = compare_indicators(table(*parent), {"花都区": table(*child)}, convert=convert)
    c = out[0].children["花都区"]
    assert c.verdict == "looser"  # 18万元 < 20万元
    assert any("converted" in f for f in c.flags)


def test_ref_year_flags() -> None:
    # the city says its 2020 airport figure is 2019 data; the district prints the same figure as 2020
    parent = [row("机场旅客吞吐量", "万人次", "7339* (2019年)", "10000", "pax")]
    child = [row("机场旅客吞吐量", "万人次", "7339", "10000", "pax")]
    out = compare_indicators(table(*parent), {"花都区": table(*child)})
    flags = out[0].children["花都区"].flags
    assert out[0].verdict == "same"
    assert any(f.startswith("ref_year:") and "2019" in f for f in flags)
    assert any(f.startswith("same_value_different_year") for f in flags)
    # both label 2019 data: nothing to flag
    child2 = [row("机场旅客吞吐量", "万人次", "7339 (2019年)", "10000", "pax")]
    assert compare_indicators(table(*parent), {"花都区": table(*child2)})[0].children["花都区"].flags == []


def test_several_children_and_default_canonical_by_name() -> None:
    parent = [row("森林覆盖率", "%", "41.6", "42")]
    out = compare_indicators(table(*parent), {"花都区": table(row("森林覆盖率", "%", "40", "42")),
                                              "番禺区": table(row("森林 覆盖率", "%", "20", "45"))})
    (a,) = out
    assert a.canonical == "森林覆盖率"
    assert a.children["花都区"].verdict == "same" and a.children["番禺区"].verdict == "stricter"
    assert a.verdict == "mixed"
    j = a.to_json()
    assert j["parent"]["target"]["value"] == 42 and j["children"]["番禺区"]["verdict"] == "stricter"


# --- the catalogue as default helpers (align/catalogued.py) ----------------------------------------------------
def test_catalogue_groups_differently_worded_rows_and_converts_units() -> None:
    from planscope.align.catalogued import CatalogueHelpers

    h = CatalogueHelpers()
    parent = [row("研发经费支出（R&D）占地区生产总值比重", "%", "3", "3.4左右"),
              row("地区生产总值", "亿元", "25000", "35000"),
              row("人均地区生产总值", "万元", "15", "20")]
    child = [row("研究与试验发展经费支出占GDP比重", "%", "2.1", "3"),
             row("国内生产总值", "万元", "16000000", "20000000"),
             row("人均GDP", "元", "90000", "210000")]
    out = {a.canonical: a.children["花都区"] for a in compare_indicators(
        table(*parent), {"花都区": table(*child)}, canonical_of=h.canonical_of, direction_of=h.direction_of,
        convert=h.convert, relative_of=h.relative_of)}
    assert out["rd_intensity"].verdict == "looser"
    assert out["gdp"].verdict == "not_comparable"  # 2000亿元 vs 35000亿元: a total, converted and flagged
    assert any("2000" in f for f in out["gdp"].flags)
    assert out["gdp_per_capita"].verdict == "stricter"  # 210000元 = 21万元 > 20万元: per head, comparable
    assert h.convert(Decimal("1.55"), "位", "个") == Decimal("1.55") and h.convert(Decimal(1), "位", "件") is None


def test_pair_row_against_one_half_and_prose_only_when_shared() -> None:
    from planscope.align.catalogued import CatalogueHelpers
    from planscope.align.indicators import Side

    h = CatalogueHelpers()
    parent = [row("机场旅客/货邮吞吐量", "万人次/万吨", "7339/192", "10000/350")]
    child = [row("机场旅客吞吐量", "万人次", "7000", "12000")]
    target = CellValue(Role.TARGET, "42%以上", 2025, parse_value("42以上"))
    lone = Side("人均体育场地面积", "平方米", None, CellValue(Role.TARGET, "2.6", 2025, parse_value("2.6")), (9, 9),
                canonical="sports_area_per_capita", source="prose")
    shared = {"garbage_recycling_rate": Side("生活垃圾回收利用率", "%", None, target, (5, 5),
                                             canonical="garbage_recycling_rate", source="prose")}
    out = compare_indicators(table(*parent), {"花都区": table(*child)}, canonical_of=h.canonical_of,
                             direction_of=h.direction_of, convert=h.convert, parts_of=h.parts_of,
                             relative_of=h.relative_of, parent_prose={**shared, "x": lone},
                             child_prose={"花都区": dict(shared)})
    keys = [a.canonical for a in out]
    assert keys == ["airport_passenger_cargo_throughput", "garbage_recycling_rate"]  # the lone prose figure: no
    half = out[0].children["花都区"]
    assert half.verdict == "not_comparable" and "part 1" in half.explanation  # passenger half; a total
    assert out[1].children["花都区"].verdict == "same"
