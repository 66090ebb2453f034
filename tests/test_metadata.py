"""Document metadata from title grammar: the corpus and titles of other regions and kinds."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import corpus_file
from planscope.ingest import read_document
from planscope.ingest.script import to_traditional
from planscope.model import DocumentKind, Level
from planscope.parse.metadata import (
    detect_metadata,
    document_kind,
    find_title,
    plan_years,
    region_chain,
    region_level,
)

HUADU_14 = "广州市花都区国民经济和社会发展第十四个五年规划和2035年远景目标纲要"


@pytest.mark.parametrize(("prefix", "title", "region", "parent", "level", "kind", "period", "script"), [
    ("000", HUADU_14, "花都区", "广州市", Level.DISTRICT, DocumentKind.FIVE_YEAR_PLAN, (2021, 2025), "simplified"),
    ("001", "广州市国民经济和社会发展第十四个五年规划和2035年远景目标纲要", "广州市", "广东省", Level.CITY,
     DocumentKind.FIVE_YEAR_PLAN, (2021, 2025), "simplified"),
    ("002", "关于广州市花都区2024年国民经济和社会发展计划执行情况与2025年国民经济和社会发展计划草案的报告",
     "花都区", "广州市", Level.DISTRICT, DocumentKind.ANNUAL_PLAN_REPORT, (2024, 2025), "simplified"),
    ("003", "广州市番禺区国民经济和社会发展第十四个五年规划和2035年远景目标纲要", "番禺区", "广州市",
     Level.DISTRICT, DocumentKind.FIVE_YEAR_PLAN, (2021, 2025), "traditional"),
    ("004", "广州市从化区国民经济和社会发展第十四个五年规划和2035年远景目标纲要", "从化区", "广州市",
     Level.DISTRICT, DocumentKind.FIVE_YEAR_PLAN, (2021, 2025), "simplified"),
])
def test_corpus_metadata(prefix, title, region, parent, level, kind, period, script) -> None:
    meta = detect_metadata(read_document(corpus_file(prefix)))
    assert (meta.title, meta.region, meta.parent_region, meta.level, meta.kind, meta.period, meta.script) == (
        title, region, parent, level, kind, period, script)
    if kind == DocumentKind.FIVE_YEAR_PLAN:
        assert meta.plan_number == "十四五"
    assert meta.to_json()["region"] == region


def test_003_title_is_the_plan_not_the_notice() -> None:
    src = read_document(corpus_file("003"))
    assert "印发" in src.line(5)  # 关于印发…的通知 comes first in the file
    assert "印发" not in (detect_metadata(src).title or "")


def test_000_title_from_preface_quote() -> None:
    # 000 opens with 前言; its title is only quoted, wrapped over two lines: 《花都区…规划和 / 2035 年远景目标纲要》
    lines = read_document(corpus_file("000")).lines
    assert find_title(lines) == "花都区国民经济和社会发展第十四个五年规划和2035年远景目标纲要"


@pytest.mark.parametrize(("title", "chain", "level"), [
    ("广州市花都区国民经济和社会发展第十四个五年规划和2035年远景目标纲要", ["广州市", "花都区"], Level.DISTRICT),
    ("内蒙古自治区呼和浩特市国民经济和社会发展第十四个五年规划", ["内蒙古自治区", "呼和浩特市"], Level.CITY),
    ("杭州市西湖区2023年国民经济和社会发展统计公报", ["杭州市", "西湖区"], Level.DISTRICT),
    ("广东省国民经济和社会发展第十四个五年规划和2035年远景目标纲要", ["广东省"], Level.PROVINCE),
    ("上海市国民经济和社会发展第十四个五年规划", ["上海市"], Level.PROVINCE),
    ("甘孜藏族自治州国民经济和社会发展第十四个五年规划", ["甘孜藏族自治州"], Level.CITY),
    ("锡林郭勒盟阿巴嘎旗国民经济和社会发展第十四个五年规划", ["锡林郭勒盟", "阿巴嘎旗"], Level.DISTRICT),
    ("苏州市昆山市国民经济和社会发展第十四个五年规划", ["苏州市", "昆山市"], Level.DISTRICT),  # 县级市
    ("关于某某县2024年国民经济和社会发展计划执行情况的报告", ["某某县"], Level.DISTRICT),
    ("东莞市塘厦镇2024年国民经济和社会发展统计公报", ["东莞市", "塘厦镇"], Level.TOWN),
    ("2025年洋溪乡政府工作报告", ["洋溪乡"], Level.TOWN),
    ("深圳市福田区福田街道2024年国民经济和社会发展统计公报", ["深圳市", "福田区", "福田街道"], Level.TOWN),
    ("宁德市“十四五”数字经济发展规划", ["宁德市"], Level.CITY),
    ("某某县十五五综合交通运输发展规划", ["某某县"], Level.DISTRICT),
])
def test_region_chain(title: str, chain: list[str], level: Level) -> None:
    assert region_chain(title) == chain
    assert region_level(chain) == level


def test_plan_years() -> None:
    assert plan_years(14) == (2021, 2025)
    assert plan_years(13) == (2016, 2020)
    assert plan_years(3) == (1966, 1970)
    assert plan_years(1) == (1953, 1957)


def _doc(tmp_path: Path, text: str, name: str = "doc.txt"):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return detect_metadata(read_document(p))


def test_work_report(tmp_path: Path) -> None:
    meta = _doc(tmp_path, "首页 > 政务公开\n\n政府工作报告\n\n"
                          "——2024年1月20日在某某市第十六届人民代表大会第四次会议上\n\n"
                          "某某市人民政府市长 张三\n\n各位代表：现在，我代表市人民政府，向大会报告工作，请予审议。\n")
    assert meta.kind == DocumentKind.WORK_REPORT and meta.title == "政府工作报告"
    assert meta.period == (2023, 2024)  # reviews 2023, plans 2024


def test_statistical_bulletin(tmp_path: Path) -> None:
    meta = _doc(tmp_path, "某某省某某市2023年国民经济和社会发展统计公报\n\n某某市统计局\n\n"
                          "初步核算，全年地区生产总值1000亿元。\n")
    assert (meta.kind, meta.region, meta.parent_region, meta.level, meta.period) == (
        DocumentKind.STATISTICAL_BULLETIN, "某某市", "某某省", Level.CITY, (2023, 2023))


def test_evaluation_and_13th_plan(tmp_path: Path) -> None:
    meta = _doc(tmp_path, "某某县国民经济和社会发展第十三个五年规划纲要实施中期评估报告\n\n一、总体情况\n")
    assert meta.kind == DocumentKind.EVALUATION and meta.period == (2016, 2020) and meta.plan_number == "十三五"


def test_traditional_county_plan_with_notice(tmp_path: Path) -> None:
    text = ("某某縣人民政府關于印發某某縣國民經濟和社會發展第十四個五年規劃和二〇三五年遠景目標綱要的通知\n\n"
            "各鄉鎮人民政府：現將《綱要》印發給你們，請認真貫徹執行。\n\n"
            + to_traditional("某某市某某县国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要") + "\n\n"
            + to_traditional("第一章 发展基础\n\n“十三五”时期，全县经济社会发展取得显著成就，综合实力明显增强。\n") * 3)
    meta = _doc(tmp_path, text)
    assert meta.script == "traditional"
    assert meta.title == "某某市某某县国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要"
    assert (meta.region, meta.parent_region, meta.period) == ("某某县", "某某市", (2021, 2025))


@pytest.mark.parametrize(("title", "kind"), [
    ("某某市2025年国民经济和社会发展计划", DocumentKind.ANNUAL_PLAN_REPORT),  # the year's plan itself
    ("某某县2025年国民经济和社会发展计划（草案）", DocumentKind.ANNUAL_PLAN_REPORT),
    ("某某市“十四五”生态环境保护规划", DocumentKind.OTHER),  # a special plan: not the region's five-year plan
    ("某某市国民经济和社会发展“十四五”规划", DocumentKind.FIVE_YEAR_PLAN),
    ("某某区国民经济和社会发展第十三个五年规划纲要实施总结评估报告", DocumentKind.EVALUATION),
    ("某某特别行政区经济和社会发展第二个五年规划（2021-2025年）2025年度实施情况报告", DocumentKind.EVALUATION),
])
def test_document_kind(title: str, kind: DocumentKind) -> None:
    assert document_kind(title) == kind


@pytest.mark.parametrize(("lines", "title"), [
    (["首页 > 政务公开 > 政府工作报告", "政 府 工 作 报 告"], "政府工作报告"),  # a breadcrumb names it, is not it
    (["某某省国民经济和社会发展", "第十五个五年规划纲要"], "某某省国民经济和社会发展第十五个五年规划纲要"),
    (["某某县国民经济和社会发展第十四个五年规划", "和二〇三五年远景目标纲要"],
     "某某县国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要"),
    (["某某区国民经济和社会发展第十三个五年规划纲要", "实施中期评估报告"],
     "某某区国民经济和社会发展第十三个五年规划纲要实施中期评估报告"),
    (["聚焦广州“十四五”规划", "广州市某某区“十四五”现代物流发展规划"], "广州市某某区“十四五”现代物流发展规划"),
    # a full title on each line: the line before is another document's, not this one's first part
    (["(广东省)某某区国民经济和社会发展十四五规划(2022年更新)", "某某区国民经济和社会发展第十四个五年规划纲要"],
     "某某区国民经济和社会发展第十四个五年规划纲要"),
])
def test_title_lines(lines: list[str], title: str) -> None:
    assert find_title(lines) == title


def test_region_from_the_issuing_body(tmp_path: Path) -> None:
    meta = _doc(tmp_path, "国民经济和社会发展第十四个五年规划\n和二〇三五年远景目标纲要\n\n"
                          "某某县人民政府\n二〇二一年三月\n")
    assert (meta.region, meta.level, meta.period) == ("某某县", Level.DISTRICT, (2021, 2025))
