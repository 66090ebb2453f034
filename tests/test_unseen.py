"""Extraction on documents PlanScope has never seen (tests/unseen/builders.py): other regions, years, formats
and table layouts. Every indicator row is checked in full: name, unit, attribute, category, seq and each value's
role, year and raw text; parsed values (qualifier, number, cumulative) are checked where the grammar matters."""

from __future__ import annotations

import unicodedata
from decimal import Decimal
from pathlib import Path

import pytest

from planscope.ingest import read_document
from planscope.ingest.script import to_simplified
from planscope.model import Extraction, IndicatorRow, Level, Role
from planscope.parse.extract import extract_source
from unseen.builders import (
    BUILDERS,
    COUNTY_HEADER,
    COUNTY_ROWS,
    FIFTEENTH_ROWS,
    PDF_ROWS,
)

D = Decimal


@pytest.fixture(scope="module")
def docs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Extraction]:
    d: Path = tmp_path_factory.mktemp("unseen")
    return {name: extract_source(read_document(build(d))) for name, build in BUILDERS.items()}


def nfkc(s: str) -> str:
    """Names are compared as the scorer does: NFKC (（→(, Ⅲ→III), the parser's comparison form."""
    return unicodedata.normalize("NFKC", s)


def _meta(ex: Extraction) -> tuple:
    m = ex.document
    return m.title, m.region, m.level, str(m.kind), m.period


def _outline(ex: Extraction) -> list[tuple]:
    return [(h.level, h.kind, h.number, h.title) for h in ex.outline]


def _row(r: IndicatorRow) -> tuple:
    return (r.category, r.seq, r.name, r.unit, r.attribute,
            [(str(v.role), v.year, v.raw) for v in r.values])


def _parsed(r: IndicatorRow, role: Role) -> tuple:
    v = r.value(role)
    assert v is not None, (r.name, role)
    p = v.parsed
    if p is None:
        return (None,)
    number = p.value if p.parts is None else tuple(p.parts)
    return str(p.qualifier), number, p.cumulative


def _one_table(ex: Extraction):
    assert len(ex.indicator_tables) == 1, [t.title for t in ex.indicator_tables]
    t = ex.indicator_tables[0]
    assert t.problems == []
    return t


# 1. provincial outline, HTML <table> with rowspan categories and a combined 年均增长/累计 column
def test_province_html(docs: dict[str, Extraction]) -> None:
    ex = docs["province_html"]
    assert _meta(ex) == ("江西省国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要", "江西省", Level.PROVINCE,
                         "five_year_plan", (2021, 2025))
    assert _outline(ex) == [
        (1, "chapter", "第一章", "开启全面建设社会主义现代化江西新征程"), (2, "section", "第一节", "发展基础"),
        (2, "section", "第二节", "发展环境"), (1, "chapter", "第二章", "“十四五”时期经济社会发展主要目标"),
        (2, "box", "专栏1", "“十四五”时期经济社会发展主要指标"), (3, "notes", None, "注"),
        (1, "chapter", "第三章", "坚持创新驱动发展"), (2, "section", "第一节", "提升科技创新能力")]
    t = _one_table(ex)
    assert t.title == "专栏1 “十四五”时期经济社会发展主要指标" and t.kind == "main"
    assert t.columns == ["类别", "指标", "单位", "2020年", "2025年", "年均增长/累计", "属性"]
    assert t.notes == ["注：1.[ ]内为五年累计数。", "2.地区生产总值增长按可比价格计算。"]

    def vals(base: str, target: str, growth: str) -> list[tuple]:
        return [("base", 2020, base), ("target", 2025, target), ("growth", None, growth)]

    E, C, L, G, S = "经济发展", "创新驱动", "民生福祉", "绿色生态", "安全保障"
    assert [_row(r) for r in t.rows] == [
        (E, None, "地区生产总值增长", "%", "预期性", vals("3.8", "—", "6.5左右")),
        (E, None, "全员劳动生产率增长", "%", "预期性", vals("4.1", "—", "高于地区生产总值增长")),
        (E, None, "常住人口城镇化率", "%", "预期性", vals("60.4", "66", "[5.6]")),
        (E, None, "数字经济增加值占地区生产总值比重", "%", "预期性", vals("30", "45", "[15]")),
        (C, None, "研究与试验发展经费投入增长", "%", "预期性", vals("15.1", "—", "12以上")),
        (C, None, "每万人口高价值发明专利拥有量", "件", "预期性", vals("2.3", "5", "—")),
        (L, None, "居民人均可支配收入增长", "%", "预期性", vals("6.7", "—", "与经济增长基本同步")),
        (L, None, "城镇调查失业率", "%", "预期性", vals("4.9", "<5.5", "—")),
        (G, None, "单位地区生产总值能源消耗降低", "%", "约束性", vals("—", "—", "[完成国家下达任务]")),
        (G, None, "森林覆盖率", "%", "约束性", vals("63.1", "63.1以上", "—")),
        (G, None, "设区市城市空气质量优良天数比率", "%", "约束性", vals("94.7", "≥92", "—")),
        (S, None, "粮食综合生产能力", "亿斤", "约束性", vals("432.2", "430以上", "—")),
    ]
    rows = {r.name: r for r in t.rows}
    assert all(r.parent_name is None for r in t.rows)
    assert _parsed(rows["地区生产总值增长"], Role.GROWTH) == ("about", D("6.5"), False)
    assert _parsed(rows["地区生产总值增长"], Role.TARGET) == (None,)  # "—": printed, no value
    assert _parsed(rows["常住人口城镇化率"], Role.GROWTH) == ("exact", D("5.6"), True)
    assert _parsed(rows["研究与试验发展经费投入增长"], Role.GROWTH) == ("at_least", D("12"), False)
    assert _parsed(rows["城镇调查失业率"], Role.TARGET) == ("less_than", D("5.5"), False)
    assert _parsed(rows["单位地区生产总值能源消耗降低"], Role.GROWTH) == ("qualitative", None, True)
    assert _parsed(rows["居民人均可支配收入增长"], Role.GROWTH) == ("qualitative", None, False)
    assert _parsed(rows["粮食综合生产能力"], Role.TARGET) == ("at_least", D("430"), False)


# 2. county plan as DOCX: merged category and attribute cells, years in parentheses after the column words
def test_county_docx(docs: dict[str, Extraction]) -> None:
    ex = docs["county_docx"]
    assert _meta(ex) == ("阜阳市临泉县国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要", "临泉县",
                         Level.DISTRICT, "five_year_plan", (2021, 2025))
    assert ex.document.parent_region == "阜阳市"
    assert _outline(ex) == [
        (1, "chapter", "第一章", "发展基础和发展环境"), (2, "section", "第一节", "“十三五”时期发展成就"),
        (2, "section", "第二节", "“十四五”时期发展环境"), (1, "chapter", "第二章", "总体要求和主要目标"),
        (2, "section", "第一节", "指导思想"), (2, "section", "第二节", "主要目标"), (3, "notes", None, "注"),
        (1, "chapter", "第三章", "加快建设现代产业体系"), (2, "section", "第一节", "做强先进制造业")]
    t = _one_table(ex)
    assert t.title == "表1 临泉县“十四五”经济社会发展主要指标"
    assert t.columns == COUNTY_HEADER
    assert t.notes == ["注：[ ]内为五年累计数。"]
    expected, category, attribute = [], None, None
    for cat, seq, name, unit, base, target, growth, attr in COUNTY_ROWS:
        category, attribute = cat or category, attr or attribute  # merged cells: the text of the first row
        expected.append((category, seq, name, unit, attribute,
                         [("base", 2020, base), ("target", 2025, target), ("growth", None, growth)]))
    assert [_row(r) for r in t.rows] == expected
    rows = {r.name: r for r in t.rows}
    assert "attribute" in rows["固定资产投资增速"].inherited
    assert _parsed(rows["城镇新增就业人数"], Role.TARGET) == ("exact", D("5.5"), True)
    assert _parsed(rows["研发经费投入强度"], Role.GROWTH) == ("exact", D("0.8"), True)
    assert _parsed(rows["高新技术企业数"], Role.TARGET) == ("at_least", D("100"), False)
    assert _parsed(rows["森林覆盖率"], Role.TARGET) == ("at_least", D("19"), False)
    assert _parsed(rows["单位地区生产总值二氧化碳排放降低"], Role.TARGET) == ("qualitative", None, False)


# 3. 十三五 plan: 2015年基数 / 2020年目标 drive role and year
def test_thirteenth_plan_years(docs: dict[str, Extraction]) -> None:
    ex = docs["thirteenth_txt"]
    assert _meta(ex) == ("荆门市国民经济和社会发展第十三个五年规划纲要", "荆门市", Level.CITY, "five_year_plan",
                         (2016, 2020))
    assert ex.document.plan_number == "十三五"
    assert [h.span.line_start for h in ex.outline] == [5, 7, 11, 13, 28, 30, 32]
    t = _one_table(ex)
    assert (t.title, t.kind, t.span.line_start, t.span.line_end) == (
        "表2 荆门市“十三五”经济社会发展主要指标", "main", 17, 28)

    def vals(base: str, target: str, growth: str) -> list[tuple]:
        return [("base", 2015, base), ("target", 2020, target), ("growth", None, growth)]

    assert [_row(r) for r in t.rows] == [
        (None, "1", "地区生产总值", "亿元", "预期性", vals("1388.5", "2100", "8.5")),
        (None, "2", "人均地区生产总值", "元", "预期性", vals("48000", "72000左右", "8")),
        (None, "3", "服务业增加值比重", "%", "预期性", vals("36.2", "42", "[5.8]")),
        (None, "4", "常住人口城镇化率", "%", "预期性", vals("55.1", "60", "[4.9]")),
        (None, "5", "城镇登记失业率", "%", "预期性", vals("2.4", "<4.5", "—")),
        (None, "6", "耕地保有量", "万亩", "约束性", vals("493.5", "≥490", "—")),
        (None, "7", "万元地区生产总值能耗降低", "%", "约束性", vals("—", "—", "[16]")),
        (None, "8", "化学需氧量排放总量减少", "%", "约束性", vals("—", "—", "[完成省下达任务]")),
    ]
    assert [r.span.line_start for r in t.rows] == list(range(20, 28))
    rows = {r.name: r for r in t.rows}
    assert _parsed(rows["人均地区生产总值"], Role.TARGET) == ("about", D("72000"), False)
    assert _parsed(rows["耕地保有量"], Role.TARGET) == ("at_least", D("490"), False)
    assert _parsed(rows["化学需氧量排放总量减少"], Role.GROWTH) == ("qualitative", None, True)


# 4. PDF: the table breaks over three pages with the header repeated; the title wraps over two lines
def test_pdf_table_across_pages(docs: dict[str, Extraction]) -> None:
    ex = docs["paged_pdf"]
    assert _meta(ex) == ("汉中市国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要", "汉中市", Level.CITY,
                         "five_year_plan", (2021, 2025))
    assert _outline(ex) == [
        (1, "chapter", "第一章", "发展基础"), (1, "chapter", "第二章", "主要目标"),
        (2, "box", "专栏1", "汉中市“十四五”时期经济社会发展主要指标"), (3, "notes", None, "注"),
        (1, "chapter", "第三章", "创新驱动")]
    t = _one_table(ex)
    expected = [(None, seq, nfkc(name), unit, attr, [("base", 2020, base), ("target", 2025, target)])
                for seq, name, unit, base, target, attr in PDF_ROWS]
    assert [_row(r) for r in t.rows] == expected
    assert (t.span.line_start, t.span.line_end) == (21, 52)
    assert t.notes == ["注：[ ]内为五年累计数。"]
    rows = {r.seq: r for r in t.rows}
    assert _parsed(rows["2"], Role.TARGET) == ("about", D("6.5"), False)
    assert _parsed(rows["13"], Role.TARGET) == ("less_than", D("5.5"), False)
    assert _parsed(rows["19"], Role.TARGET) == ("qualitative", None, True)
    assert _parsed(rows["24"], Role.TARGET) == ("at_least", D("95"), False)
    assert rows["25"].unit == "万吨标准煤"


# 5. 十五五 plan: years 2025/2030, a table flattened one cell per line with empty cells dropped
def test_fifteenth_plan_cells(docs: dict[str, Extraction]) -> None:
    ex = docs["fifteenth_cells_txt"]
    assert _meta(ex) == ("常州市国民经济和社会发展第十五个五年规划纲要", "常州市", Level.CITY, "five_year_plan",
                         (2026, 2030))
    assert ex.document.plan_number == "十五五"
    assert _outline(ex) == [
        (1, "chapter", "第一章", "发展基础和发展环境"), (1, "chapter", "第二章", "“十五五”时期经济社会发展主要目标"),
        (2, "box", "专栏1", "“十五五”时期经济社会发展主要指标"), (3, "notes", None, "注"),
        (1, "chapter", "第三章", "建设具有国际竞争力的先进制造业基地")]
    t = _one_table(ex)
    assert t.columns == ["类别", "序号", "指标", "单位", "2025年", "2030年", "属性"]
    expected, category = [], None
    for r in FIFTEENTH_ROWS:
        if len(r) == 7:
            category, r = r[0], r[1:]
        seq, name, unit, base, target, attr = r
        expected.append((category, seq, nfkc(name), unit, attr,
                         [("base", 2025, base), ("target", 2030, target)]))
    assert [_row(r) for r in t.rows] == expected
    rows = {r.seq: r for r in t.rows}
    assert _parsed(rows["1"], Role.TARGET) == ("about", D("5"), False)
    assert _parsed(rows["2"], Role.TARGET) == ("qualitative", None, False)
    assert _parsed(rows["9"], Role.TARGET) == ("qualitative", None, True)
    assert _parsed(rows["10"], Role.TARGET) == ("at_most", D("25"), False)
    assert rows["10"].unit == "微克/立方米"


# 6. Big5, traditional characters, 專欄 boxes, tab-separated table
def test_big5_traditional(docs: dict[str, Extraction]) -> None:
    ex = docs["big5_txt"]
    assert _meta(ex) == ("厦门市思明区国民经济和社会发展第十四个五年规划和二○三五年远景目标纲要", "思明区",
                         Level.DISTRICT, "five_year_plan", (2021, 2025))
    assert ex.document.script == "traditional" and ex.document.parent_region == "厦门市"
    assert [(h.kind, h.number, h.title, h.span.line_start, h.span.line_end) for h in ex.outline] == [
        ("chapter", "第一章", "发展基础", 3, 3), ("box", "专栏1", "“十三五”时期主要成就", 7, 10),
        ("chapter", "第二章", "主要目标", 12, 12), ("box", "专栏2", "思明区“十四五”时期经济社会发展主要指标", 14, 23),
        ("notes", None, "注", 23, 23), ("chapter", "第三章", "建设高水平创新型城区", 25, 25),
        ("box", "专栏3", "科技创新重点工程", 27, 30)]
    t = _one_table(ex)
    assert [to_simplified(n) for n in t.notes] == ["注：人均预期寿命为2019年数据。"]

    def vals(base: str, target: str) -> list[tuple]:
        return [("base", 2020, base), ("target", 2025, target)]

    rows = [(*_row(r)[:2], to_simplified(r.name), *_row(r)[3:]) for r in t.rows]
    assert rows == [
        ("经济发展", "1", "地区生产总值年均增长", "%", "预期性", vals("3.6", "6左右")),
        ("经济发展", "2", "服务业增加值占地区生产总值比重", "%", "预期性", vals("76.5", "78")),
        ("创新驱动", "3", "研究与试验发展经费投入强度", "%", "预期性", vals("2.1", "2.8")),
        ("民生福祉", "4", "每千人口拥有3岁以下婴幼儿托位数", "个", "预期性", vals("1.5", "4.5")),
        ("民生福祉", "5", "人均预期寿命", "岁", "预期性", vals("81.2", "81.5以上")),
        ("绿色生态", "6", "空气质量优良天数比例", "%", "约束性", vals("99.2", "≧98")),
    ]
    assert _parsed(t.rows[5], Role.TARGET) == ("at_least", D("98"), False)  # ≧: the Big5 form of ≥
    assert _parsed(t.rows[4], Role.TARGET) == ("at_least", D("81.5"), False)


# 7. GB18030 text whose table of contents (dot leaders, page numbers) must not become headings
def test_gb18030_toc(docs: dict[str, Extraction]) -> None:
    ex = docs["gb18030_toc_txt"]
    assert _meta(ex) == ("淄博市国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要", "淄博市", Level.CITY,
                         "five_year_plan", (2021, 2025))
    assert [(h.number, h.title, h.span.line_start) for h in ex.outline] == [
        ("第一章", "发展基础与发展环境", 13), ("第一节", "发展基础", 15), ("第二节", "发展环境", 19),
        ("第二章", "总体要求与主要目标", 23), ("第一节", "指导思想", 25), ("第二节", "主要目标", 29),
        ("第三章", "建设现代产业体系", 33)]
    assert ex.indicator_tables == []


def test_gb18030_toc_lines_removed(tmp_path: Path) -> None:
    src = read_document(BUILDERS["gb18030_toc_txt"](tmp_path))
    assert src.encoding == "gb18030"
    assert [(r.line, r.reason) for r in src.removed] == [(n, "toc") for n in (3, 5, 6, 7, 8, 9, 10, 11)]


# 8. tables without 类别/序号, attributes written 预期性指标 / 约束性指标 and 预期 / 约束, 属性 before the values
def test_prefecture_attribute_forms(docs: dict[str, Extraction]) -> None:
    ex = docs["prefecture_html"]
    assert _meta(ex) == ("黔东南苗族侗族自治州国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要",
                         "黔东南苗族侗族自治州", Level.CITY, "five_year_plan", (2021, 2025))
    assert _outline(ex) == [(1, "chapter", "第一章", "发展基础"), (1, "chapter", "第二章", "主要目标"),
                            (2, "notes", None, "注"), (1, "chapter", "第三章", "推进新型工业化")]
    t1, t2 = ex.indicator_tables
    assert t1.title == "表1 黔东南州“十四五”经济发展主要指标" and t1.notes == [] and t1.problems == []

    def v3(base: str, target: str, growth: str) -> list[tuple]:
        return [("base", 2020, base), ("target", 2025, target), ("growth", None, growth)]

    assert [_row(r) for r in t1.rows] == [
        (None, None, "地区生产总值", "亿元", "预期性", v3("1191.5", "1700", "7.5")),
        (None, None, "一般公共预算收入", "亿元", "预期性", v3("71.3", "95", "6")),
        (None, None, "耕地保有量", "万亩", "约束性", v3("—", "不低于省下达任务", "—")),
        (None, None, "森林覆盖率", "%", "约束性", v3("67.7", "68以上", "—")),
    ]
    assert t2.title == "表2 黔东南州“十四五”民生和生态主要指标" and t2.problems == []
    assert t2.columns == ["指标名称", "属性", "单位", "现状值(2020年)", "目标值(2025年)"]
    assert t2.notes == ["注：[ ]内为五年累计数。"]

    def v2(base: str, target: str) -> list[tuple]:
        return [("base", 2020, base), ("target", 2025, target)]

    assert [_row(r) for r in t2.rows] == [
        (None, None, "城镇新增就业", "万人", "预期性", v2("[20.1]", "[20]")),
        (None, None, "城镇调查失业率", "%", "预期性", v2("4.5", "≤5.5")),
        (None, None, "县城空气质量优良天数比率", "%", "约束性", v2("99.6", "98以上")),
        (None, None, "主要河流出境断面水质达标率", "%", "约束性", v2("100", "100")),
    ]
    assert _parsed(t2.rows[0], Role.BASE) == ("exact", D("20.1"), True)
    assert _parsed(t2.rows[1], Role.TARGET) == ("at_most", D("5.5"), False)
    assert _parsed(t1.rows[2], Role.TARGET) == ("qualitative", None, False)


# 9. 篇 above 章, 一、 items and （一） sub-items
def test_parts_and_items(docs: dict[str, Extraction]) -> None:
    ex = docs["parts_txt"]
    assert _meta(ex) == ("云南省国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要", "云南省", Level.PROVINCE,
                         "five_year_plan", (2021, 2025))
    assert [(h.level, h.kind, h.number, h.title, h.span.line_start) for h in ex.outline] == [
        (0, "part", "第一篇", "开启全面建设社会主义现代化新征程", 3), (1, "chapter", "第一章", "发展基础", 5),
        (3, "item", "一、", "“十三五”发展成就", 7), (3, "item", "二、", "发展环境", 11),
        (4, "subitem", "（一）", "国际环境", 13), (4, "subitem", "（二）", "国内环境", 17),
        (1, "chapter", "第二章", "指导思想和主要目标", 21), (0, "part", "第二篇", "坚持创新驱动发展", 25),
        (1, "chapter", "第三章", "提升科技创新能力", 27), (2, "section", "第一节", "强化战略科技力量", 29),
        (3, "item", "一、", "建设重大创新平台", 31), (3, "item", "二、", "加强基础研究", 35),
        (2, "section", "第二节", "激发人才创新活力", 39)]


# 10. documents that are not five-year plans
@pytest.mark.parametrize("name, title, region, level, kind, period", [
    ("annual_report_txt",
     "关于阳朔县2023年国民经济和社会发展计划执行情况与2024年国民经济和社会发展计划草案的报告",
     "阳朔县", Level.DISTRICT, "annual_plan_report", (2023, 2024)),
    ("work_report_txt", "政府工作报告", "攸县", Level.DISTRICT, "work_report", (2023, 2024)),
    ("bulletin_txt", "2023年衡阳市国民经济和社会发展统计公报", "衡阳市", Level.CITY, "statistical_bulletin",
     (2023, 2023)),
])
def test_other_kinds_metadata(docs: dict[str, Extraction], name: str, title: str, region: str, level: Level,
                              kind: str, period: tuple[int, int]) -> None:
    ex = docs[name]
    assert _meta(ex) == (title, region, level, kind, period)
    assert ex.document.plan_number is None and ex.indicator_tables == []
    assert [(h.number, h.span.line_start) for h in ex.outline][:1] in ([("一、", 11)], [("一、", 7)])


# 11. two-row headers: a group cell (2020年 / 规划值) over its sub-columns
def test_two_row_headers(docs: dict[str, Extraction]) -> None:
    ex = docs["two_row_header_html"]
    assert _meta(ex) == ("绵阳市国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要", "绵阳市", Level.CITY,
                         "five_year_plan", (2021, 2025))
    done, main = ex.indicator_tables
    assert done.problems == [] and main.problems == []
    assert (done.kind, done.columns) == ("completion", ["序号", "指标", "单位", "2015年", "2020年目标", "2020年完成",
                                                        "属性"])

    def v(base: str, target: str, actual: str) -> list[tuple]:
        return [("base", 2015, base), ("target", 2020, target), ("actual", 2020, actual)]

    assert [_row(r) for r in done.rows] == [
        (None, "1", "地区生产总值", "亿元", "预期性", v("1700.3", "2500", "3010.1")),
        (None, "2", "城镇化率", "%", "预期性", v("47.1", "54左右", "52.7")),
        (None, "3", "森林覆盖率", "%", "约束性", v("51.6", "≥53", "55.1")),
    ]
    assert (main.kind, main.columns) == ("main", ["类别", "指标", "单位", "2020年", "2025年", "属性"])
    assert [_row(r) for r in main.rows] == [
        ("经济发展", None, "地区生产总值", "亿元", "预期性", [("base", 2020, "3010.1"), ("target", 2025, "4500")]),
        ("经济发展", None, "地区生产总值年均增长", "%", "预期性", [("base", 2020, "4.1"), ("target", 2025, "7左右")]),
        ("民生福祉", None, "每千人口拥有执业(助理)医师数", "人", "预期性",
         [("base", 2020, "2.9"), ("target", 2025, "3.4")]),
    ]
    assert _parsed(done.rows[1], Role.TARGET) == ("about", D("54"), False)


# 12. an annual plan report's table: 计划 is that year's target, 完成 its actual
def test_annual_report_table(docs: dict[str, Extraction]) -> None:
    ex = docs["annual_table_html"]
    assert _meta(ex)[1:] == ("博罗县", Level.DISTRICT, "annual_plan_report", (2023, 2024))
    t = _one_table(ex)
    assert t.title == "附表 博罗县国民经济和社会发展主要指标"

    def v(plan: str, done: str, target: str) -> list[tuple]:
        return [("target", 2023, plan), ("actual", 2023, done), ("target", 2024, target)]

    assert [_row(r) for r in t.rows] == [
        (None, None, "地区生产总值增长", "%", None, v("6.5", "5.8", "6左右")),
        (None, None, "一般公共预算收入", "亿元", None, v("21.5", "22.03", "23")),
        (None, None, "城镇居民人均可支配收入增长", "%", None, v("6", "4.9", "与经济增长同步")),
    ]
    assert _parsed(t.rows[2], Role.TARGET) == ("exact", D("6"), False)  # the first target: 2023's plan
