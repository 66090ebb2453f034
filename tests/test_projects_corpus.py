"""Major projects in the real corpus: 001's 十大工程 appendix (TSV, 亿元), 003's 附件3 (flattened cells, 万元,
traditional) and the projects named in 000's 专栏 boxes. Figures below were read from the source lines."""

from __future__ import annotations

from decimal import Decimal

import pytest

from conftest import corpus_file
from planscope.ingest import read_document
from planscope.parse.extract import extract
from planscope.parse.projects import check_totals, find_project_tables, find_projects


@pytest.fixture(scope="module")
def t001():
    (t,) = find_project_tables(read_document(corpus_file("001")))
    return t


@pytest.fixture(scope="module")
def t003():
    (t,) = find_project_tables(read_document(corpus_file("003")))
    return t


def _by_seq(projects, seq):
    return next(p for p in projects if p.seq == seq and p.kind == "item")


def test_001_table_header_unit_and_page_break_repeats(t001):
    assert t001.title == "附件1 广州市“十四五”时期十大工程表"
    assert t001.unit == "亿元" and t001.layout == "tsv"
    assert [c.role for c in t001.columns] == ["seq", "name", "total", "period_inv"]
    assert t001.header_lines == [2163, 2185, 2213, 2240]  # the header is printed again after each page break
    assert t001.problems == []


def test_001_has_58_items_in_order_with_their_figures(t001):
    items = [p for p in t001.projects if p.kind == "item"]
    assert [p.seq for p in items] == [str(n) for n in range(1, 59)]
    assert all(p.unit == "亿元" and p.confidence == "table" for p in items)
    first, last = items[0], items[-1]
    assert (first.name, first.total_investment, first.period_investment, first.span.lines()) == (
        "重大科技基础设施", Decimal(141), Decimal(112), [2166, 2166])
    assert (last.name, last.total_investment, last.period_investment, last.span.lines()) == (
        "粮食供应", Decimal(57), Decimal(53), [2260, 2260])
    assert _by_seq(items, "4").total_investment == Decimal(2936)  # "2,936"


def test_001_groups_nest_three_levels_under_the_grand_total(t001):
    ps = {p.id: p for p in t001.projects}
    total = next(p for p in t001.projects if p.kind == "total")
    assert total.span.lines() == [2164, 2164] and total.stated_count == 58
    assert (total.total_investment, total.period_investment) == (Decimal(50394), Decimal(26788))
    tops = [p for p in t001.projects if p.parent_id == total.id]
    assert [p.seq for p in tops] == list("一二三四五六七八九十")
    assert [p.stated_count for p in tops] == [4, 13, 2, 10, 5, 2, 5, 2, 9, 6]
    # an unnumbered group row (新兴支柱产业) sits under （一） and holds items 5–7
    item5 = _by_seq(t001.projects, "5")
    assert item5.group == ["现代产业工程（13 个大项）", "战略性新兴产业和先进制造业", "新兴支柱产业"]
    assert ps[item5.parent_id].kind == "group" and ps[item5.parent_id].level == 3
    # (二) 现代服务业 closes the unnumbered group; item 46 follows a repeated header and stays under 教育
    assert _by_seq(t001.projects, "14").group == ["现代产业工程（13 个大项）", "现代服务业"]
    assert _by_seq(t001.projects, "46").group == ["民生福祉工程（9 个大项）", "教育"]


def test_001_every_subtotal_and_the_grand_total_add_up(t001):
    assert check_totals(t001.projects) == []
    items = [p for p in t001.projects if p.kind == "item"]
    assert sum(p.total_investment for p in items) == Decimal(50394)
    assert sum(p.period_investment for p in items) == Decimal(26788)
    # the test's own reading of the source: every item line's tab cells
    lines = read_document(corpus_file("001")).lines
    raw = [lines[p.span.line_start - 1].split("\t") for p in items]
    assert sum(Decimal(c[2].replace(",", "")) for c in raw) == Decimal(50394)


def test_003_category_table_from_flattened_cells(t003):
    assert t003.title == "附件3 番禺区“十四五”时期经济社会发展重大项目表"
    assert t003.unit == "万元" and t003.layout == "cells"
    assert [c.label for c in t003.columns] == ["序号", "项目类别", "总投资", "到2020年底累计完成投资",
                                             "“十四五”计划投资额"]
    assert [c.role for c in t003.columns] == ["seq", "name", "total", "amount", "period_inv"]
    assert len(t003.projects) == 12
    total = t003.projects[0]
    assert (total.kind, total.name, total.span.lines()) == ("total", "合计(五大工程)", [2517, 2523])
    assert (total.total_investment, total.period_investment) == (Decimal(40603752), Decimal(30479561))
    assert total.extra == {"到2020年底累计完成投资": "8124190"}
    tops = [p for p in t003.projects if p.parent_id == total.id]
    assert [p.name for p in tops] == ["现代产业工程", "基础建设提升工程", "城市更新工程", "文化强市工程",
                                      "民生保障工程"]
    rail = next(p for p in t003.projects if p.name == "轨道交通工程")
    assert (rail.seq, rail.group, rail.span.lines()) == ("(一)", ["基础建设提升工程"], [2560, 2566])
    assert (rail.total_investment, rail.period_investment, rail.extra["到2020年底累计完成投资"]) == (
        Decimal(6262472), Decimal(4816567), "1445905")
    # the web page's widget line after the table is not a row, and is said so
    assert any("扫一扫" in m for m in t003.problems)


def test_003_subtotals_add_up_in_all_three_columns(t003):
    assert check_totals(t003.projects) == []
    tops = [p for p in t003.projects if p.level == 1]
    assert sum(p.total_investment for p in tops) == Decimal(40603752)
    assert sum(Decimal(p.extra["到2020年底累计完成投资"]) for p in tops) == Decimal(8124190)
    assert sum(p.period_investment for p in tops) == Decimal(30479561)


def test_000_box_projects_hospitals_and_towns():
    prose = [p for p in find_projects(read_document(corpus_file("000"))) if p.confidence == "prose"]
    assert all(p.kind == "item" and p.id.startswith("b") for p in prose)
    hospitals = [p for p in prose if p.source_title.startswith("专栏8")]
    assert [(p.name, p.extra["beds"]) for p in hospitals] == [
        ("中山大学附属仁济医院", "1000"), ("广州市妇女儿童医疗中心花都院区", "800"), ("花都区人民医院新院", "1500"),
        ("异地新建区第二人民医院", "500"), ("广州市中西医结合医院汽车城分院", "500"), ("花都区脑科康复医院", "300")]
    second = hospitals[3]
    assert (second.total_investment, second.unit, second.span.lines()) == (Decimal("8.5"), "亿元", [3843, 3845])
    assert second.group == ["专栏8 “十四五”时期医疗服务领域重点项目", "综合及专科医院建设"]
    assert hospitals[0].extra["总建筑面积"] == "17万平方米"
    towns = [p for p in prose if p.source_title.startswith("专栏6")]
    # only the towns with a figure: 狮岭、梯面、岭南盆景 are described without one
    assert [(p.name, p.total_investment, p.unit) for p in towns] == [
        ("新能源智能网联汽车小镇", Decimal(30), "亿元"), ("花东七溪地芳香小镇", Decimal(25), "亿元")]
    # lists of names without figures (专栏4 transport) give nothing
    assert not [p for p in prose if p.source_title.startswith("专栏4")]


def test_003_box_projects_with_investment_in_wan_yuan():
    prose = [p for p in find_projects(read_document(corpus_file("003"))) if p.confidence == "prose"]
    lib = next(p for p in prose if p.name == "番禺区图书馆新馆")
    assert (lib.total_investment, lib.unit, lib.span.lines()) == (Decimal(49993), "万元", [1304, 1304])
    substation = next(p for p in prose if p.name == "500千伏番南变电站项目")
    assert substation.period == "2021—2025" and substation.total_investment is None


def test_extract_pipeline_carries_projects():
    ex = extract(corpus_file("001"))
    table_rows = [p for p in ex.projects if p.confidence == "table"]
    assert len([p for p in table_rows if p.kind == "item"]) == 58
    j = ex.to_json()["projects"][0]
    assert j["kind"] == "total" and j["total_investment"] == 50394 and j["lines"] == [2164, 2164]


@pytest.mark.parametrize("prefix", ["002", "004"])
def test_documents_without_project_tables(prefix):
    assert find_project_tables(read_document(corpus_file(prefix))) == []
