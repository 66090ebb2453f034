"""Project tables and box entries written for these tests: a county's 重大建设项目表 as TSV and as a flattened
web table (one cell per line, empty cells dropped), each with deliberate subtotal mismatches."""

from __future__ import annotations

from decimal import Decimal

import pytest

from planscope.ingest import SourceText
from planscope.parse.projects import check_totals, find_project_tables
from planscope.parse.projects.boxes import project_from_entry


def _src(text: str) -> SourceText:
    lines = text.split("\n")
    return SourceText(name="t.txt", format="txt", encoding="utf-8", script="simplified", original_lines=lines,
                      lines=list(lines))


# 产业发展类 says 90,000 but its projects sum to 92,000; 合计 says 160,000 but the two groups give 90,000 + 68,000
# (民生类 prints no figure of its own: its 小计 row stands for it). The 十四五 column is consistent.
TSV = """附表2 某县“十四五”重大建设项目表（万元）
序号\t项目名称\t建设内容及规模\t建设性质\t建设起止年限\t总投资\t“十四五”投资\t责任单位
一、\t产业发展类（3个）\t\t\t\t90,000\t60,000\t
1\t某县智能制造产业园\t建设标准厂房20万平方米\t新建\t2021-2025\t50,000\t40,000\t县工信局
2\t某县物流园二期\t建设仓储设施\t续建\t2019—2023\t30,000\t15,000\t县商务局
3\t某县数据中心\t建设机柜3000个\t新建\t2022-2024\t12,000\t5,000\t县政数局
二、\t社会民生类\t\t\t\t\t\t
4\t某县人民医院新院\t床位800张\t新建\t2021-2024\t60,000\t60,000\t县卫健局
5\t某县第一中学扩建\t新增学位3000个\t扩建\t2022-2023\t8,000\t8,000\t县教育局
\t小计\t\t\t\t68,000\t68,000\t
\t合计\t\t\t\t160,000\t128,000\t
注：投资额以实际为准。

第三章 下一章"""


def _flatten(tsv: str) -> str:
    """The same table as a scraped web page prints it: one cell per line, blank lines between, empty cells gone,
    two header cells split over two lines."""
    out: list[str] = []
    for line in tsv.split("\n"):
        out += [c for c in line.split("\t") if c.strip()] if "\t" in line else [line]
    text = "\n\n".join(out)
    return text.replace("建设内容及规模", "建设内容\n\n及规模").replace("“十四五”投资", "“十四五”\n\n投资")


@pytest.fixture(params=["tsv", "cells"])
def table(request):
    text = TSV if request.param == "tsv" else _flatten(TSV.replace("\t2019—2023\t", "\t\t"))
    (t,) = find_project_tables(_src(text))
    assert t.layout == request.param
    return t


def test_columns_unit_and_title(table):
    assert table.title == "附表2 某县“十四五”重大建设项目表（万元）" and table.unit == "万元"
    assert [c.label for c in table.columns] == ["序号", "项目名称", "建设内容及规模", "建设性质", "建设起止年限",
                                              "总投资", "“十四五”投资", "责任单位"]
    assert [c.role for c in table.columns] == ["seq", "name", "content", "status", "period", "total", "period_inv",
                                             "owner"]


def test_rows_cells_by_content_and_tree(table):
    ps = table.projects
    assert [(p.kind, p.seq, p.name) for p in ps] == [
        ("group", "一、", "产业发展类（3个）"), ("item", "1", "某县智能制造产业园"), ("item", "2", "某县物流园二期"),
        ("item", "3", "某县数据中心"), ("group", "二、", "社会民生类"), ("item", "4", "某县人民医院新院"),
        ("item", "5", "某县第一中学扩建"), ("subtotal", None, "小计"), ("total", None, "合计")]
    park = ps[1]
    assert (park.total_investment, park.period_investment, park.period, park.status, park.content) == (
        Decimal(50000), Decimal(40000), "2021-2025", "新建", "建设标准厂房20万平方米")
    assert park.extra == {"建设内容及规模": "建设标准厂房20万平方米", "建设性质": "新建", "建设起止年限": "2021-2025",
                          "责任单位": "县工信局"}
    assert park.group == ["产业发展类（3个）"] and park.level == 2 and ps[0].stated_count == 3
    assert ps[8].level == 0 and ps[0].parent_id == ps[8].id  # 合计 printed last still heads the table
    assert ps[7].parent_id == ps[4].id  # 小计 belongs to 社会民生类


def test_period_cell_missing_in_the_flattened_table_shifts_nothing():
    (t,) = find_project_tables(_src(_flatten(TSV.replace("\t2019—2023\t", "\t\t"))))
    logistics = t.projects[2]
    assert logistics.period is None and logistics.status == "续建"
    assert (logistics.total_investment, logistics.period_investment) == (Decimal(30000), Decimal(15000))
    assert logistics.extra["责任单位"] == "县商务局"


def test_mismatches_are_reported_with_lines_and_both_figures(table):
    ms = check_totals(table.projects)
    assert [(m.name, m.column, m.stated, m.computed) for m in ms] == [
        ("产业发展类（3个）", "total_investment", Decimal(90000), Decimal(92000)),
        ("合计", "total_investment", Decimal(160000), Decimal(158000))]
    group = ms[0]
    assert group.lines == table.projects[0].span.lines()
    assert group.child_lines == [p.span.line_start for p in table.projects[1:4]]
    assert group.to_json()["difference"] == -2000


def test_count_mismatch():
    text = TSV.replace("产业发展类（3个）", "产业发展类（4个）")
    (t,) = find_project_tables(_src(text))
    counts = [(m.name, m.stated, m.computed) for m in check_totals(t.projects) if m.column == "count"]
    assert counts == [("产业发展类（4个）", Decimal(4), Decimal(3))]


def test_consistent_table_has_no_mismatch():
    text = TSV.replace("90,000", "92,000")  # now 92,000 + 68,000 = 160,000 as stated
    (t,) = find_project_tables(_src(text))
    assert check_totals(t.projects) == []


def test_indicator_table_is_not_a_project_table():
    text = "附表1 主要指标\n序号\t指标名称\t单位\t2020年\t2025年\t属性\n1\t地区生产总值\t亿元\t300\t450\t预期性\n"
    assert find_project_tables(_src(text)) == []


@pytest.mark.parametrize(("entry", "name", "figures"), [
    ("某区中心医院新院。总用地面积约 60 亩，规划床位 800 张，总投资约 12.5 亿元。",
     "某区中心医院新院", {"beds": "800", "总用地面积": "60亩", "investment": "总投资约 12.5 亿元"}),
    ("某镇污水处理厂扩建工程：新增处理规模5万吨/日。建设周期：2022—2024年。",
     "某镇污水处理厂扩建工程", {"规模": "5万吨/日"}),
])
def test_box_entries_with_figures(entry, name, figures):
    p = project_from_entry(entry)
    assert p is not None and p.name == name and p.confidence == "prose"
    assert p.extra == figures


def test_box_entry_investment_and_period():
    p = project_from_entry("某镇污水处理厂扩建工程：总投资3.2亿元，新增处理规模5万吨/日。建设周期：2022—2024年。")
    assert (p.total_investment, p.unit, p.period) == (Decimal("3.2"), "亿元", "2022—2024")


@pytest.mark.parametrize("entry", [
    "新建：赤坭镇卫生院住院大楼、宝华路社区卫生服务中心。",  # a list of names, no figure
    "某特色小镇。立足本地，打造全国先进的制造基地。",  # a named project, but nothing quantified
    "推进23所公办幼儿园建设工作：项目计划总投资约5.45亿元。",  # a task, not a named facility
    "城市轨道规划建设项目：地铁18号线、22号线。",
])
def test_box_entries_that_are_not_taken(entry):
    assert project_from_entry(entry) is None
