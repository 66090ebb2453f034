"""Round three of outline and metadata on documents the parser had never seen (tests/fixtures_outline/): 第一部分
above 一、, decimal outlines (1 / 1.1 / 1.1.1), headings without a space or wrapped by PDF extraction, 专栏 variants
(专栏1-1, 专栏 二, 【专栏2】, 专栏3：), 附件/附表/附录 with or without numbers and with years in their titles, chapters
numbered afresh in each 篇 (in the TOC too), titles over two lines or after web chrome, regions named only by the
issuing body, towns, special plans, annual plans, evaluations, Big5.

The expectations were written by hand from the documents before the parser was run on them (r3_*), or after the
fixes they led to but before running them (r3b_*, the held-out check of those fixes)."""

from __future__ import annotations

from pathlib import Path

import pytest

from planscope.ingest import SourceText, read_document
from planscope.model import Level
from planscope.parse.footnotes import parse_footnotes
from planscope.parse.metadata import detect_metadata
from planscope.parse.outline import parse_outline
from planscope.parse.outline_toc import toc_lines

FIXTURES = Path(__file__).parent / "fixtures_outline"

# name: ((title, region, kind, period, script), [(level, kind, number, title, line), ...])
EXPECTED: dict[str, tuple[tuple, list[tuple]]] = {
    'r3_01_city_digital_decimal': (
        ('宁德市“十四五”数字经济发展规划',
         '宁德市', 'other', (2021, 2025), 'simplified'),
        [
            (1, 'chapter', '1', '发展基础与形势', 7),
            (2, 'section', '1.1', '发展基础', 9),
            (3, 'item', '1.1.1', '产业数字化加快推进', 13),
            (3, 'item', '1.1.2', '数字政府建设成效明显', 17),
            (2, 'section', '1.2', '面临形势', 21),
            (1, 'chapter', '2', '总体要求', 25),
            (2, 'section', '2.1', '指导思想', 27),
            (2, 'section', '2.2', '基本原则', 31),
            (2, 'section', '2.3', '发展目标', 35),
            (1, 'chapter', '3', '重点任务', 45),
            (2, 'section', '3.1', '夯实数字基础设施', 47),
            (3, 'item', '3.1.1', '加快5G网络建设', 49),
            (3, 'item', '3.1.2', '布局数据中心', 53),
            (2, 'section', '3.2', '推动数字产业化', 57),
            (3, 'box', '专栏1', '数字经济重点项目', 61),
            (1, 'chapter', '4', '保障措施', 66),
            (2, 'section', '4.1', '加强组织领导', 68),
            (2, 'section', '4.2', '强化要素保障', 72),
        ]),
    'r3_02_county_work_report_junk': (
        ('政府工作报告', '德清县', 'work_report', (2024, 2025), 'simplified'),
        [
            (3, 'item', '一、', '2024年工作回顾', 15),
            (3, 'item', '二、', '2025年总体要求和目标任务', 27),
            (3, 'item', '三、', '2025年重点工作', 31),
            (4, 'subitem', '（一）', '聚焦扩大有效需求，推动经济持续回升向好', 33),
            (4, 'subitem', '（二）', '聚焦产业转型升级，加快构建现代化产业体系', 37),
            (4, 'subitem', '（三）', '聚焦共同富裕，持续增进民生福祉', 41),
            (3, 'item', '四、', '全面加强政府自身建设', 46),
        ]),
    'r3_03_province_fyp15_parts': (
        ('江西省国民经济和社会发展第十五个五年规划纲要',
         '江西省', 'five_year_plan', (2026, 2030), 'simplified'),
        [
            (0, 'part', '第一部分', '开启全面建设现代化新征程', 11),
            (3, 'item', '一、', '发展基础', 13),
            (4, 'subitem', '（一）', '综合实力跃上新台阶', 17),
            (4, 'subitem', '（二）', '创新能力显著增强', 21),
            (3, 'item', '二、', '发展环境', 25),
            (1, 'box', '专栏一', '“十五五”时期经济社会发展主要指标', 29),
            (0, 'part', '第二部分', '加快建设现代化产业体系', 35),
            (3, 'item', '一、', '推进新型工业化', 37),
            (4, 'subitem', '（一）', '做强先进制造业集群', 39),
            (4, 'subitem', '（二）', '加快传统产业转型升级', 43),
            (1, 'box', '专栏2', '先进制造业集群重点工程', 47),
            (3, 'item', '二、', '大力发展现代服务业', 51),
            (0, 'part', '第三部分', '保障措施', 55),
            (3, 'item', '一、', '加强党的全面领导', 57),
            (3, 'item', '二、', '健全规划实施机制', 61),
        ]),
    'r3_04_county_13th_variants': (
        ('莲花县国民经济和社会发展第十三个五年规划纲要',
         '莲花县', 'five_year_plan', (2016, 2020), 'simplified'),
        [
            (1, 'chapter', '第一章', '总体要求', 12),
            (2, 'section', '第一节', '发展基础', 16),
            (2, 'section', '第二节', '指导思想', 20),
            (1, 'chapter', '第二章', '发展目标', 24),
            (2, 'box', '专栏1-1', '“十三五”时期主要指标', 28),
            (1, 'chapter', '第三章', '加快推进新型工业化，建设赣西特色产业基地', 33),
            (2, 'section', '第一节', '做大做强主导产业', 38),
            (3, 'box', '专栏二', '工业重点项目', 42),
            (2, 'section', '第二节', '推进工业园区建设', 47),
            (1, 'chapter', '第四章', '完善基础设施', 51),
            (2, 'box', '专栏3', '重点交通项目', 55),
            (1, 'chapter', '第五章', '保障规划实施', 59),
            (1, 'appendix', '附件', '莲花县“十三五”重大项目表', 63),
        ]),
    'r3_05_district_annual_report_appendix': (
        ('关于青山湖区2024年国民经济和社会发展计划执行情况与2025年国民经济和社会发展计划草案的报告',
         '青山湖区', 'annual_plan_report', (2024, 2025), 'simplified'),
        [
            (3, 'item', '一、', '2024年国民经济和社会发展计划执行情况', 11),
            (3, 'item', '二、', '2025年经济社会发展的总体要求和主要目标', 19),
            (3, 'item', '三、', '2025年重点工作任务', 23),
            (4, 'subitem', '（一）', '着力扩大有效投资', 25),
            (4, 'subitem', '（二）', '着力培育新质生产力', 29),
            (1, 'appendix', '附表', '2024年主要指标完成情况', 35),
            (1, 'appendix', '附件1', '2025年重点项目表', 41),
            (1, 'appendix', '附表2', '2025年主要预期目标', 46),
        ]),
    'r3_06_town_bulletin': (
        ('塘厦镇2024年国民经济和社会发展统计公报',
         '塘厦镇', 'statistical_bulletin', (2024, 2024), 'simplified'),
        [
            (3, 'item', '一、', '综合', 8),
            (3, 'item', '二、', '农业', 12),
            (3, 'item', '三、', '工业和建筑业', 16),
            (3, 'item', '四、', '固定资产投资', 20),
            (3, 'item', '五、', '国内贸易', 24),
            (3, 'item', '六、', '人民生活', 28),
            (1, 'notes', None, '注', 32),
        ]),
    'r3_07_city_midterm_big5': (
        ('泉州市国民经济和社会发展第十四个五年规划纲要实施中期评估报告',
         '泉州市', 'evaluation', (2021, 2025), 'traditional'),
        [
            (3, 'item', '一、', '规划实施总体情况', 5),
            (4, 'subitem', '（一）', '经济实力稳步提升', 9),
            (4, 'subitem', '（二）', '创新能力持续增强', 13),
            (3, 'item', '二、', '主要指标完成情况', 17),
            (1, 'box', '专栏1', '主要指标实施进展情况', 21),
            (3, 'item', '三、', '存在的主要问题', 26),
            (3, 'item', '四、', '下一步工作建议', 30),
            (4, 'subitem', '（一）', '全力稳住经济基本盘', 32),
            (4, 'subitem', '（二）', '加快推动产业转型升级', 36),
        ]),
    'r3_08_county_tourism_special': (
        ('婺源县“十五五”文化和旅游发展规划',
         '婺源县', 'other', (2026, 2030), 'simplified'),
        [
            (1, 'chapter', '第一章', '规划背景', 6),
            (2, 'section', '第一节', '发展基础', 10),
            (2, 'section', '第二节', '面临形势', 14),
            (1, 'chapter', '第二章', '总体思路', 18),
            (2, 'box', '专栏1', '“十五五”时期文化和旅游发展主要指标', 22),
            (1, 'chapter', '第三章', '重点任务', 28),
            (2, 'section', '第一节', '打造精品旅游线路', 30),
            (3, 'box', '专栏2', '重点文旅项目', 34),
            (2, 'section', '第二节', '提升公共文化服务', 40),
            (1, 'chapter', '第四章', '保障措施', 44),
            (1, 'appendix', '附录', '名词解释', 48),
        ]),
    'r3_09_county_region_in_body_restart': (
        ('国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要',
         '泰和县', 'five_year_plan', (2021, 2025), 'simplified'),
        [
            (1, 'preface', None, '前言', 16),
            (0, 'part', '第一篇', '开启全面建设社会主义现代化新征程', 20),
            (1, 'chapter', '第一章', '发展基础', 22),
            (1, 'chapter', '第二章', '总体要求', 26),
            (0, 'part', '第二篇', '构建现代产业体系', 30),
            (1, 'chapter', '第一章', '做强先进制造业', 32),
            (2, 'section', '第一节', '壮大电子信息产业', 36),
            (1, 'chapter', '第二章', '发展现代农业', 40),
        ]),
    'r3_10_city_annual_plan_parts': (
        ('芜湖市2025年国民经济和社会发展计划',
         '芜湖市', 'annual_plan_report', (2025, 2025), 'simplified'),
        [
            (0, 'part', '第一部分', '2024年国民经济和社会发展计划执行情况', 5),
            (3, 'item', '一、', '经济运行稳中向好', 9),
            (3, 'item', '二、', '产业转型步伐加快', 13),
            (0, 'part', '第二部分', '2025年经济社会发展的总体要求和主要目标', 17),
            (3, 'item', '一、', '总体要求', 19),
            (3, 'item', '二、', '主要预期目标', 23),
            (0, 'part', '第三部分', '2025年国民经济和社会发展的主要任务', 27),
            (3, 'item', '一、', '着力扩大国内需求', 29),
            (4, 'subitem', '（一）', '扩大有效投资', 31),
            (4, 'subitem', '（二）', '提振消费需求', 35),
            (3, 'item', '二、', '加快建设现代化产业体系', 39),
        ]),
    'r3_11_district_pdf_wrapped': (
        ('赣州市章贡区国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要',
         '章贡区', 'five_year_plan', (2021, 2025), 'simplified'),
        [
            (1, 'chapter', '第一章', '发展基础', 7),
            (2, 'section', '第一节', '“十三五”发展成就', 13),
            (1, 'chapter', '第二章', '坚持创新驱动发展，全面塑造发展新优势', 20),
            (2, 'section', '第一节', '强化创新平台建设', 26),
            (1, 'chapter', '第三章', '推进以人为核心的新型城镇化', 32),
            (1, 'appendix', '附件1', '章贡区“十四五”重大项目表', 37),
            (1, 'appendix', '附件2', '名词解释', 42),
        ]),
    'r3b_01_district_final_evaluation': (
        ('深圳市福田区国民经济和社会发展第十三个五年规划纲要实施总结评估报告',
         '福田区', 'evaluation', (2016, 2020), 'simplified'),
        [
            (3, 'item', '一、', '规划实施总体情况', 9),
            (4, 'subitem', '（一）', '主要指标完成情况', 13),
            (1, 'box', '专栏1-2', '“十三五”规划主要指标完成情况', 17),
            (4, 'subitem', '（二）', '重大项目建设情况', 22),
            (3, 'item', '二、', '存在的问题和不足', 26),
            (3, 'item', '三、', '“十四五”时期的工作建议', 30),
        ]),
    'r3b_02_county_arabic_chapters': (
        ('宜丰县国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要',
         '宜丰县', 'five_year_plan', (2021, 2025), 'simplified'),
        [
            (1, 'chapter', '第1章', '发展基础与环境', 3),
            (2, 'section', '第1节', '发展基础', 7),
            (2, 'section', '第2节', '发展环境', 11),
            (1, 'chapter', '第2章', '总体要求和发展目标', 15),
            (2, 'box', '专栏1-2', '主要指标', 19),
            (1, 'chapter', '第3章', '构建现代产业体系', 23),
            (2, 'section', '第1节', '做强锂电新能源产业', 25),
            (2, 'section', '第2节', '发展全域旅游', 29),
            (1, 'appendix', '附件', '宜丰县“十四五”重大项目表', 33),
        ]),
    'r3b_03_town_work_report': (
        ('2025年洋溪乡政府工作报告',
         '洋溪乡', 'work_report', (2024, 2025), 'simplified'),
        [
            (3, 'item', '一、', '2024年工作回顾', 11),
            (4, 'subitem', '（一）', '产业发展提质增效', 15),
            (4, 'subitem', '（二）', '乡村建设扎实推进', 19),
            (3, 'item', '二、', '2025年工作安排', 23),
            (4, 'subitem', '（一）', '推动特色产业提档升级', 27),
            (4, 'subitem', '（二）', '持续改善人居环境', 31),
        ]),
    'r3b_04_prefecture_fyp15_trad': (
        ('延边朝鲜族自治州国民经济和社会发展第十五个五年规划纲要',
         '延边朝鲜族自治州', 'five_year_plan', (2026, 2030), 'traditional'),
        [
            (1, 'preface', None, '序言', 4),
            (0, 'part', '第一篇', '总体战略', 8),
            (1, 'chapter', '第一章', '发展基础', 10),
            (1, 'chapter', '第二章', '指导思想和主要目标', 14),
            (2, 'box', '专栏1', '“十五五”时期主要指标', 18),
            (0, 'part', '第二篇', '建设现代化产业体系', 22),
            (1, 'chapter', '第三章', '做强特色优势产业', 24),
            (2, 'section', '第一节', '发展医药健康产业', 26),
            (2, 'section', '第二节', '壮大文化旅游产业', 30),
            (1, 'appendix', '附表', '延边州“十五五”重大工程项目表', 34),
        ]),
    'r3b_05_city_bulletin_page': (
        ('衢州市2024年国民经济和社会发展统计公报',
         '衢州市', 'statistical_bulletin', (2024, 2024), 'simplified'),
        [
            (3, 'item', '一、', '综合', 6),
            (3, 'item', '二、', '农业', 8),
            (3, 'item', '三、', '工业和建筑业', 10),
            (1, 'notes', None, '注', 12),
        ]),
}


def _src(name: str) -> SourceText:
    return read_document(next(FIXTURES.glob(name + ".*")))


@pytest.fixture(scope="module")
def sources() -> dict[str, SourceText]:
    return {name: _src(name) for name in EXPECTED}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_outline(sources: dict[str, SourceText], name: str) -> None:
    got = [(h.level, h.kind, h.number, h.title, h.span.line_start) for h in parse_outline(sources[name])]
    assert got == EXPECTED[name][1]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_metadata(sources: dict[str, SourceText], name: str) -> None:
    m = detect_metadata(sources[name])
    assert (m.title, m.region, str(m.kind), m.period, m.script) == EXPECTED[name][0]


def _heads(sources: dict[str, SourceText], name: str) -> dict[int, tuple]:
    return {h.span.line_start: (h.kind, h.span.line_end) for h in parse_outline(sources[name])}


def test_wrapped_headings_keep_both_lines(sources: dict[str, SourceText]) -> None:
    assert _heads(sources, "r3_02_county_work_report_junk")[41] == ("subitem", 42)  # …增进民生 / 福祉
    assert _heads(sources, "r3_04_county_13th_variants")[33] == ("chapter", 34)  # …建设赣西 / 特色产业基地
    pdf = _heads(sources, "r3_11_district_pdf_wrapped")
    assert pdf[7] == ("chapter", 8) and pdf[20] == ("chapter", 21)  # 第一章 / 发展基础; …塑造发展 / 新优势
    assert pdf[37][0] == "appendix" and pdf[37][1] < 42  # 附件 1 / 章贡区…表: the table is the appendix's, not 附件 2


def test_boxes_end_at_the_next_part_or_decimal_heading(sources: dict[str, SourceText]) -> None:
    assert _heads(sources, "r3_01_city_digital_decimal")[61] == ("box", 64)  # before 4 保障措施
    parts = _heads(sources, "r3_03_province_fyp15_parts")
    assert parts[29] == ("box", 33) and parts[47] == ("box", 49)  # before 第二部分; 【专栏2】 before 二、


def test_appendix_number_is_not_the_year_of_its_title(tmp_path: Path) -> None:
    # the tester's case: "附表 2024年主要指标完成情况" was number 附表2024, title 年主要指标完成情况
    p = tmp_path / "a.txt"
    p.write_text("附表 2024年主要指标完成情况\n\n序号\t指标\n\n附件1 2025年重点项目表\n\n附表2025年主要预期目标\n",
                 encoding="utf-8")
    got = [(h.number, h.title) for h in parse_outline(read_document(p))]
    assert got == [("附表", "2024年主要指标完成情况"), ("附件1", "2025年重点项目表"), ("附表", "2025年主要预期目标")]


def test_sentences_opening_with_appendix_words_are_not_appendices(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_text("第一章 总体要求\n\n附件 所列项目由各部门分别负责组织实施。\n\n附录：各项指标以统计部门数据为准。\n",
                 encoding="utf-8")
    assert [h.kind for h in parse_outline(read_document(p))] == ["chapter"]


def test_decimal_numbers_outside_a_decimal_outline_are_not_headings(tmp_path: Path) -> None:
    # a flattened table (space-separated cells) and one lone '3 重点任务' are no decimal outline
    text = ("第一章 主要指标\n\n"
            "1 地区生产总值 亿元 1000 1500 预期性\n2 常住人口城镇化率 % 65 70 预期性\n\n"
            "3 重点任务\n\n全面推进各项工作，确保目标任务如期完成，切实提高人民群众的获得感和幸福感。\n\n"
            "2.5 万人次的游客量，较上年增长明显。\n")
    p = tmp_path / "t.txt"
    p.write_text(text, encoding="utf-8")
    assert [(h.kind, h.number) for h in parse_outline(read_document(p))] == [("chapter", "第一章")]


def test_chapters_numbered_afresh_in_each_part_toc(sources: dict[str, SourceText]) -> None:
    src = sources["r3_09_county_region_in_body_restart"]
    toc = toc_lines(src.lines)
    assert set(range(7, 15)) <= toc  # 目录 and all six entries, 第二篇's 第一章 and 第二章 too
    assert 16 not in toc  # 前言 right after the TOC starts the body


def test_levels_and_special_plans(sources: dict[str, SourceText]) -> None:
    town = detect_metadata(sources["r3_06_town_bulletin"])
    assert town.level == Level.TOWN
    assert detect_metadata(sources["r3b_03_town_work_report"]).level == Level.TOWN
    special = detect_metadata(sources["r3_08_county_tourism_special"])
    # a special plan keeps its period but is not the county's five-year plan (a region name resolves to that)
    assert (str(special.kind), special.plan_number, special.level) == ("other", "十五五", Level.DISTRICT)
    assert detect_metadata(sources["r3_04_county_13th_variants"]).plan_number == "十三五"


def test_glossary_footnotes_of_a_special_plan(sources: dict[str, SourceText]) -> None:
    notes = parse_footnotes(sources["r3_08_county_tourism_special"])
    assert [(f.mark, f.span.line_start, f.uses) for f in notes] == [("1", 50, [8]), ("2", 51, [12]), ("3", 52, [32])]
    assert notes[1].text.startswith("非遗工坊：")
