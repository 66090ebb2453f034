"""Indicator tables rendered as TSV (how the HTML/DOCX/PDF readers print a real table: one line per row, TAB
between cells, a rowspan cell on its first row and empty below). Small tables written for these tests."""

from __future__ import annotations

from decimal import Decimal

import pytest

from planscope.ingest import SourceText
from planscope.model import Role
from planscope.parse.tables import find_indicator_tables


def _src(text: str) -> SourceText:
    lines = text.split("\n")
    return SourceText(name="t.txt", format="txt", encoding="utf-8", script="simplified", original_lines=lines,
                      lines=list(lines))


COUNTY = """某县国民经济和社会发展第十四个五年规划纲要

附表1 某县“十四五”时期主要指标
指标名称\t单位\t2020年基数\t2025年目标\t年均增长\t指标属性
地区生产总值\t亿元\t300\t450\t8.5\t预期性
城镇居民人均可支配收入\t元\t45000\t66000\t8左右\t预期性
单位地区生产总值能耗降低\t%\t—\t完成市下达目标\t\t约束性
注：[]为五年累计数。

第二章 创新驱动"""


def test_county_table_without_category_or_seq_columns():
    (t,) = find_indicator_tables(_src(COUNTY))
    assert t.title.startswith("附表1") and t.kind == "main"
    assert [r.name for r in t.rows] == ["地区生产总值", "城镇居民人均可支配收入", "单位地区生产总值能耗降低"]
    gdp = t.rows[0]
    assert gdp.unit == "亿元" and gdp.attribute == "预期性" and gdp.seq is None and gdp.category is None
    assert (gdp.value(Role.BASE).raw, gdp.value(Role.BASE).year) == ("300", 2020)
    assert (gdp.value(Role.TARGET).raw, gdp.value(Role.TARGET).year) == ("450", 2025)
    assert gdp.value(Role.GROWTH).parsed.value == Decimal("8.5")
    energy = t.rows[2]
    assert energy.value(Role.TARGET).parsed.qualifier == "qualitative"
    assert energy.value(Role.GROWTH) is None and energy.value(Role.BASE).raw == "—"
    assert t.notes == ["注：[]为五年累计数。"]
    assert (t.span.line_start, t.span.line_end) == (3, 8)


BASE_TARGET = """专栏3 发展主要指标
序号\t指标\t单位\t基期值\t规划目标值\t属性
1\t新增城镇就业人数\t万人\t[12.1]\t[≥10]\t预期性
2\t森林覆盖率\t%\t41.6\t≥42\t约束性
3\t人均预期寿命\t岁\t80.5\t81左右\t预期性"""


def test_header_with_base_and_plan_target_words():
    (t,) = find_indicator_tables(_src(BASE_TARGET))
    assert [c for c in t.columns] == ["序号", "指标", "单位", "基期值", "规划目标值", "属性"]
    jobs = t.rows[0]
    assert jobs.seq == "1" and jobs.value(Role.BASE).parsed.cumulative
    assert jobs.value(Role.TARGET).parsed.qualifier == "at_least"
    assert [r.value(Role.TARGET).raw for r in t.rows] == ["[≥10]", "≥42", "81左右"]
    assert t.notes == []


ROWSPAN = """表1 主要指标
类别\t序号\t指标\t\t单位\t2020年\t2025年\t属性
经济发展\t1\t居民人均可支配收入\t城镇\t元\t50000\t与经济增长同步\t预期性
\t\t\t农村\t元\t30000\t\t
\t2\t全员劳动生产率\t\t万元/人\t20\t25\t预期性
民生福祉\t3\t常住人口城镇化率\t\t%\t70\t75\t预期性
\t\t户籍人口城镇化率\t\t%\t50\t55\t
4\t人均预期寿命\t岁\t80\t81\t预期性"""


def test_rowspan_cells_sub_rows_and_shifted_row():
    (t,) = find_indicator_tables(_src(ROWSPAN))
    names = [(r.seq, r.parent_name, r.name) for r in t.rows]
    assert names == [("1", "居民人均可支配收入", "城镇"), ("1", "居民人均可支配收入", "农村"),
                     ("2", None, "全员劳动生产率"), ("3", None, "常住人口城镇化率"), ("3", None, "户籍人口城镇化率"),
                     ("4", None, "人均预期寿命")]
    rural = t.rows[1]
    assert rural.attribute == "预期性" and {"seq", "attribute", "target"} <= set(rural.inherited)
    assert rural.value(Role.TARGET).raw == "与经济增长同步" and rural.value(Role.BASE).raw == "30000"
    assert t.rows[2].category == "经济发展" and "category" in t.rows[2].inherited
    # the last line lost its two leading empty cells: aligned by content, not position
    life = t.rows[5]
    assert (life.category, life.unit, life.attribute) == ("民生福祉", "岁", "预期性")
    assert (life.value(Role.BASE).raw, life.value(Role.TARGET).raw) == ("80", "81")
    assert t.problems == []


PROJECTS = """附件3 重大项目表
序号\t项目名称\t建设内容\t总投资\t“十四五”投资
1\t某某大道\t新建道路10公里\t50\t40"""


def test_project_table_is_not_an_indicator_table():
    assert find_indicator_tables(_src(PROJECTS)) == []


def test_prose_only_document_has_no_table():
    assert find_indicator_tables(_src("第一章 总体要求\n到2025年，地区生产总值年均增长6%左右。")) == []


CELLS = """附件1 某区“十三五”主要指标完成情况表
指标
名称
单位
2015年
完成值
2020年
完成值
指标
属性
经济发展
1
地区生产总值
亿元
1000
1500
预期性
2
人均地区生产总值
80000
暂无核定数
预期性
  注:1.部分指标暂无核定数。"""


def test_one_cell_per_line_with_empty_cells_dropped():
    (t,) = find_indicator_tables(_src(CELLS))
    assert t.kind == "completion"
    gdp, per_capita = t.rows
    assert (gdp.category, gdp.seq, gdp.unit) == ("经济发展", "1", "亿元")
    assert gdp.value(Role.BASE).year == 2015 and gdp.value(Role.ACTUAL).raw == "1500"
    assert per_capita.unit is None and per_capita.value(Role.ACTUAL).raw == "暂无核定数"
    assert per_capita.value(Role.ACTUAL).parsed is None
    assert t.notes == ["注:1.部分指标暂无核定数。"]


GROUPS = """某市国民经济和社会发展第十四个五年规划纲要
第一章 发展目标
表1 “十四五”时期经济社会发展主要指标
{header}
{g1}
{lead}1\t地区生产总值\t亿元\t3000\t4200\t7%左右\t预期性
{lead}2\t常住人口城镇化率\t%\t60\t65\t[5]\t预期性
{g2}
{lead}3\t研发经费投入强度\t%\t2.1\t2.8\t[0.7]\t预期性
注：[ ]内为五年累计数。"""


@pytest.mark.parametrize("numbered", [True, False])
@pytest.mark.parametrize("category_column", [True, False])
def test_group_names_on_lines_of_their_own(numbered: bool, category_column: bool) -> None:
    # a row spanning the table, copied out without its TABs: 一、经济发展 or a bare 经济发展 on its own line
    from planscope.parse.extract import extract_source

    header = ("类别\t" if category_column else "") + "序号\t指标\t单位\t2020年\t2025年\t年均增长\t属性"
    g1, g2 = ("一、经济发展", "二、创新驱动") if numbered else ("经济发展", "创新驱动")
    text = GROUPS.format(header=header, g1=g1, g2=g2, lead="\t" if category_column else "")
    ex = extract_source(_src(text))
    (table,) = ex.indicator_tables
    rows = [(r.category, r.seq, r.name, r.span.line_start) for r in table.rows]
    assert rows == [("经济发展", "1", "地区生产总值", 6), ("经济发展", "2", "常住人口城镇化率", 7),
                    ("创新驱动", "3", "研发经费投入强度", 9)]
    assert table.rows[2].value(Role.TARGET).raw == "2.8"
    # the group names are the rows' categories, not headings of the document
    assert [(h.number, h.title) for h in ex.outline if h.kind in ("chapter", "item")] == [("第一章", "发展目标")]


PDF_DOTTED = """某市国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要
第三章 主要目标
表 1 某市“十四五”时期经济社会发展主要指标
类别 指标 单位 2020 年 2025 年 年均增长 属性
经济发展 1.地区生产总值增长 % 3.5 — 6.5 左右 预期性
2.全员劳动生产率增长 % 4.1 — 高于GDP增长 预期性
3.常住人口城镇化率 % 68.5 72 — 预期性
民生福祉 4.城镇调查失业率 % 5.2 <5.5 — 预期性
绿色生态 5.单位地区生产总值能源消耗降低 % — — 完成省下达任务 约束性
注：1. 地区生产总值增速按可比价计算。"""


def test_pdf_text_rows_whose_number_is_glued_to_the_name() -> None:
    # PDF text: cells apart by single spaces, "1.地区生产总值增长" one token, the header's years spaced (2020 年)
    (table,) = find_indicator_tables(_src(PDF_DOTTED))
    got = [(r.category, r.seq, r.name, r.unit, r.attribute, [v.raw for v in r.values]) for r in table.rows]
    assert got == [
        ("经济发展", "1", "地区生产总值增长", "%", "预期性", ["3.5", "—", "6.5 左右"]),
        ("经济发展", "2", "全员劳动生产率增长", "%", "预期性", ["4.1", "—", "高于GDP增长"]),
        ("经济发展", "3", "常住人口城镇化率", "%", "预期性", ["68.5", "72", "—"]),
        ("民生福祉", "4", "城镇调查失业率", "%", "预期性", ["5.2", "<5.5", "—"]),
        ("绿色生态", "5", "单位地区生产总值能源消耗降低", "%", "约束性", ["—", "—", "完成省下达任务"]),
    ]


COMPLETION = """某区国民经济和社会发展第十四个五年规划纲要
专栏1 “十三五”规划主要指标完成情况
序号\t指标\t单位\t2015年\t2020年规划目标\t2020年完成情况\t属性\t完成情况
1\t地区生产总值\t亿元\t820\t1200\t1156\t预期性\t基本完成
2\t单位GDP能耗下降\t%\t—\t[16]\t[18.5]\t约束性\t超额完成"""


def test_a_years_completion_column_holds_its_values_and_the_verdict_is_apart() -> None:
    # 2020年完成情况 holds what was achieved (numbers); a bare 完成情况 the verdict (完成, 超额完成)
    (table,) = find_indicator_tables(_src(COMPLETION))
    assert table.kind == "completion"
    got = [[(v.role.value, v.year, v.raw) for v in r.values] for r in table.rows]
    assert got[0] == [("base", 2015, "820"), ("target", 2020, "1200"), ("actual", 2020, "1156"),
                      ("status", None, "基本完成")]
    assert got[1][2:] == [("actual", 2020, "[18.5]"), ("status", None, "超额完成")]
    assert table.rows[1].value(Role.ACTUAL).parsed.cumulative
