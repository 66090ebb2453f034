"""Prose figures: targets and observations, on the real corpus and on hand-written documents."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from conftest import corpus_file
from planscope.ingest import Paragraph, SourceText, read_document
from planscope.ingest.source import Removal
from planscope.model import DocumentKind, DocumentMeta, Figure
from planscope.parse.figures import extract_figures
from planscope.parse.figures.context import doc_context
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
    assert len(targets) > 25 and obs  # 000 has 29 once its 专栏 project descriptions are not taken as targets
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


# --- round three: styles the unseen documents of round three brought (tests/test_figures_unseen.py) -------------

def _text(lines: list[str], meta: DocumentMeta | None = None) -> tuple[list[Figure], list[Figure]]:
    return extract_figures(SourceText("t.txt", "txt", "utf-8", "simplified", list(lines), list(lines)),
                           meta or _meta())


def _phrase(text: str) -> list[tuple[str, Decimal | None, str | None, Decimal | None]]:
    return [(p.raw, p.value, p.unit, p.high) for p in find_phrases(text)]


def test_ranges_are_one_phrase_with_both_ends():
    assert _phrase("地区生产总值增长5.5%—6%") == [("5.5%—6%", Decimal("5.5"), "%", Decimal(6))]
    assert _phrase("固定资产投资增长5～6%") == [("5～6%", Decimal(5), "%", Decimal(6))]
    assert _phrase("社会消费品零售总额增长6%到6.5%") == [("6%到6.5%", Decimal(6), "%", Decimal("6.5"))]
    assert _phrase("新增院士2—3名")[0][3] == Decimal(3)
    # a change is not a range, nor are numbers in another order
    assert len(_phrase("比重从5%到6%")) == 2 and len(_phrase("增长6%—5%")) == 2
    targets, _ = _text(["某某区2026年国民经济和社会发展计划", "一、2026年主要预期目标", "地区生产总值增长5.5%—6%。"])
    assert [(f.qualifier, f.value, f.raw, f.year) for f in targets] == [("range", Decimal("5.5"), "5.5%—6%", 2026)]


def test_written_out_percentages_doublings_and_negative_numbers():
    assert _phrase("比重为百分之四十五点三") == [("百分之四十五点三", Decimal("45.3"), "%", None)]
    assert _phrase("按年增长百分之三至百分之五")[0][3] == Decimal(5)
    assert _phrase("比2020年翻一番以上") == [("翻一番以上", Decimal(2), "倍", None)]
    assert _phrase("翻两番")[0][1] == Decimal(4)
    assert _phrase("实现地区生产总值翻一番的目标") == []  # names a goal
    assert _phrase("肉类总产量增长-2.1%")[0][:2] == ("-2.1%", Decimal("-2.1"))
    assert _phrase("人口自然增长率-0.67‰")[0][1] == Decimal("-0.67")
    assert [p[1] for p in _phrase("2021-2025年增长5%-6%")] == [Decimal(5)]  # dashes between numbers


def test_full_width_digits_read_as_ascii_and_quoted_as_printed():
    _, obs = _text(["某某市２０２５年国民经济和社会发展统计公报", "全年地区生产总值１２３５６．７８亿元，增长５．８％；"
                    "人口自然增长率为－０．２３‰。"])
    gdp = _find(obs, 2, "12356.78", "地区生产总值")
    assert (gdp.raw, gdp.year) == ("１２３５６．７８亿元", 2025)
    assert _find(obs, 2, "5.8").measure == "growth_rate"
    assert _find(obs, 2, "-0.23").unit == "‰"


def test_thousands_separators_and_base_years():
    _, obs = _text(["某某省2020年交通运输统计公报", "年末，高速公路通车里程由2015年的4,280公里增加到6,512公里。"],
                   _meta(DocumentKind.STATISTICAL_BULLETIN))
    assert [(f.indicator, f.value, f.year) for f in obs] == [("高速公路通车里程", Decimal(6512), 2020)]


def test_milestones_count_unless_the_figure_is_next_to_them():
    assert _phrase("规模以上工业总产值首次突破千亿元大关")[0][1] == Decimal(1000)
    assert [p[1] for p in _phrase("进出口总额1023.6亿元，首次突破千亿元大关")] == [Decimal("1023.6")]


def _ctx(lines: list[str]):
    paras = [Paragraph(t, [i + 1], [0]) for i, t in enumerate(lines)]
    return doc_context(_meta(), paras)


def test_evaluations_and_special_plans_know_their_years():
    ev = _ctx(["某某市国民经济和社会发展第十四个五年规划纲要实施中期评估报告", "一、规划实施总体进展情况",
               "2023年全市地区生产总值达到3618.4亿元，2021—2023年年均增长6.2%。", "到2025年，力争达到4200亿元。"])
    assert (ev.kind, ev.obs_year, ev.target_year) == ("evaluation", 2023, 2025)
    macau = _ctx(["澳门特别行政区经济和社会发展第二个五年规划（2021-2025年）", "2025年度实施情况报告"])
    assert (macau.kind, macau.obs_year, macau.target_year) == ("evaluation", 2025, 2026)
    special = _ctx(["某某市“十四五”生态环境保护规划", "第一章　规划基础", "“十三五”以来，全市生态环境质量持续改善。"])
    assert (special.kind, special.target_year) == ("five_year_plan", 2025)
    targets, _ = _text(["某某省“十四五”综合交通运输发展规划", "第二章　发展目标",
                        "“十四五”期间，完成投资约1.2万亿元，较“十三五”时期增长30%左右。"])
    assert {(f.indicator, f.year) for f in targets} == {("投资", 2025), ("投资增长", 2025)}  # 较“十三五”: a base


# --- round four: a held-out set (tests/test_figures_unseen.py) and three reports from another tester -----------

_REPORT = "某某区2025年国民经济和社会发展计划执行情况"


def test_a_new_count_does_not_carry_into_the_total():
    _, obs = _text([_REPORT, "全年新增高新技术企业236家，总数达到1420家。"])
    assert [f.indicator for f in obs] == ["新增高新技术企业", "高新技术企业总数"]
    _, obs = _text([_REPORT, "新开工项目60个，总投资120亿元。"])  # a project's investment is still that of the new ones
    assert obs[1].indicator == "新开工项目总投资"


@pytest.mark.parametrize("span", ["五年", "5年", "近五年", "五年来", "五年间", "过去五年"])
def test_a_span_of_years_before_a_rate_is_not_its_subject(span):
    _, obs = _text([_REPORT, f"地区生产总值达到3200亿元，{span}年均增长6.8%。"])
    assert obs[1].indicator == "地区生产总值年均增长" and obs[1].measure == "growth_rate"
    _, obs = _text([_REPORT, "地区生产总值达到3200亿元，五年平均增长6.8%。"])
    assert obs[1].indicator == "地区生产总值平均增长"


def test_project_descriptions_in_a_box_are_not_targets():
    plan = ["某某市“十五五”乡村振兴规划", "第三章　提升农业综合生产能力", "专栏1　农业现代化重点工程",
            "1.现代农业产业园。建设省级现代农业产业园8个。某某产业园规划面积52平方公里，总投资18.6亿元。",
            "2.冷链物流。某某冷链物流园占地面积320亩，建筑面积12万平方米。",
            "3.信息基础设施。到2030年，建成5G基站3万座。",
            "第四章　建设宜居宜业和美乡村", "到2030年，新建农村公路1500公里，总投资18.6亿元。"]
    targets, _ = _text(plan)
    assert [(f.indicator, f.value) for f in targets] == [
        ("建设省级现代农业产业园", 8), ("建成5G基站", 3),
        ("新建农村公路", 1500), ("新建农村公路总投资", Decimal("18.6"))]  # outside the box: the plan's own figure


def test_tenths_per_mille_decimals_doubling_and_no_change_written_out():
    assert _phrase("九成三的规模以上工业企业") == [("九成三", Decimal(93), "%", None)]
    assert _phrase("占比提高到一成五以上")[0][:3] == ("一成五以上", Decimal(15), "%")
    assert _phrase("城镇化率达到八成左右")[0][1] == Decimal(80)
    assert _phrase("全省八成以上行政村")[0][:2] == ("八成以上", Decimal(80))
    assert _phrase("统一成立协调机构") == [] and _phrase("全省唯一成功获批") == [] and _phrase("五成为") == []
    assert _phrase("自然增长率保持在千分之三以内") == [("千分之三以内", Decimal(3), "‰", None)]
    assert _phrase("城镇化率提高五点八个百分点") == [("五点八个百分点", Decimal("5.8"), "个百分点", None)]
    assert _phrase("经济总量实现翻番")[0][1:3] == (Decimal(2), "倍")
    assert [(p.kind, p.value) for p in find_phrases("零售额与上年同期持平")] == [("flat", 0)]
    assert find_phrases("经济保持平稳增长") == [] and find_phrases("满意度与中心城区平均水平持平") == []  # a peer
    _, obs = _text([_REPORT, "金银珠宝类零售额同比基本持平。"])
    assert [(f.indicator, f.value, f.measure, f.qualifier) for f in obs] == [
        ("金银珠宝类零售额", 0, "growth_rate", "about")]


def test_units_of_livestock_trains_and_working_days():
    assert _phrase("年末牲畜存栏486.2万头（只）")[0][2] == "万头（只）"
    assert _phrase("中欧班列开行386列")[0][2] == "列" and _phrase("3列入省重点项目") == []
    _, obs = _text([_REPORT, "企业开办时间压缩至1个工作日以内。"])
    assert [(f.indicator, f.unit, f.measure, f.qualifier) for f in obs] == [
        ("企业开办时间", "个工作日", "other", "at_most")]


def test_a_month_range_is_a_date_and_its_news_takes_the_page_date():
    assert _phrase("1—10月，规模以上工业增加值同比增长6.4%") == [("6.4%", Decimal("6.4"), "%", None)]
    body = "1—10月，全市规模以上工业增加值同比增长6.4%。其中，10月份当月增长7.1%，环比增长0.52%。"
    title = "1—10月全市经济运行稳中有升"
    src = SourceText("t.txt", "txt", "utf-8", "simplified", [title, "发布时间：2025-11-18", body],
                     [title, "", body])  # ingest drops the date line as page furniture
    src.removed = [Removal(2, "web_junk", "发布时间：2025-11-18")]
    _, obs = extract_figures(src, _meta())
    growth, month = "规模以上工业增加值增长", "规模以上工业增加值环比增长"  # 全市: the scope, not the subject
    assert [(f.indicator, f.year) for f in obs] == [(growth, 2025), (growth, 2025), (month, 2025)]


def test_a_speech_without_years_in_its_headings_dates_by_its_session():
    lines = ["政府工作报告", "——2026年1月16日在某某市第十届人民代表大会第六次会议上", "一、过去一年工作回顾",
             "过去一年，地区生产总值完成486.3亿元，增长6.1%。", "二、今年主要预期目标",
             "地区生产总值增长6%左右，一般公共预算收入同口径增长3%。"]
    targets, obs = _text(lines)
    assert {f.year for f in obs} == {2025} and {f.year for f in targets} == {2026}
    assert targets[1].indicator == "一般公共预算收入同口径增长"


# --- speed shortcuts of round three give the answers of the plain definitions -----------------------------------

_BITS = [
    "2025年", "12", "3.5", "1,234", "-", "—", "～", "到", "%", "‰", "亿元", "万人",
    "个", "一", "十", "二十", "百", "千", "两", "三", "万", "余", "多", "以上",
    "左右", "第", "前", "连续", "连", "增", "首位", "百分之", "百分点", "翻", "番", "经济增长",
    "同步", "完成", "省下达", "目标", "任务", "增长", "下降", "比", "较", "由", "提高到", "，",
    "、", "“", "”", "《", "》", "年", "的", "地区生产总值", "全市", "位居", "名", "点",
    "五", "了", "G", "+", "成", "九成", "持平", "千分之", "翻番", "头", "（只）", "列", "1—10月",
]


def _random_texts(seed: int, n: int) -> list[str]:
    import random

    rng = random.Random(seed)
    return ["".join(rng.choice(_BITS) for _ in range(rng.randrange(0, 16))) for _ in range(n)]


def test_phrase_prefilter_never_drops_a_phrase():
    from planscope.parse.figures.phrases import all_phrases, may_hold_phrase

    for text in _random_texts(31, 6000):
        if all_phrases(text):
            assert may_hold_phrase(text), text


def test_arabic_only_scan_finds_the_same_numbers():
    from planscope.parse.figures import phrases

    def spans(rx):
        return [(m.span(), m.groupdict()) for m in rx.finditer(text) if m.group("num")[0].isdigit()]

    for text in _random_texts(32, 6000):
        if not phrases._CN_BEFORE_UNIT.search(text):
            assert spans(phrases.NUMBER_AR_RE) == spans(phrases.NUMBER_RE), text
        assert bool(phrases._CN_BEFORE_UNIT.search(text)) >= any(
            m.group("unit") and not m.group("num")[0].isdigit() for m in phrases.NUMBER_RE.finditer(text)), text


def test_bare_phrases_are_exact_by_the_grammar():
    from planscope.parse.values import parse_value

    for text in _random_texts(33, 3000):
        for p in find_phrases(text):
            if p.kind == "number" and p.pre is None and p.post is None and p.high is None:
                pv = parse_value(p.raw)
                assert pv is None or pv.qualifier in ("exact", "qualitative"), p.raw


def test_subject_cleaning_shortcuts_match_the_plain_rules():
    from re import _parser

    from planscope.parse.figures import subjects
    from planscope.parse.figures.classify import GROWTH_VERB

    assert _parser.parse(subjects._TRAIL_ONE.pattern).getwidth()[1] == subjects._TRAIL_WIDTH
    assert _parser.parse(GROWTH_VERB.pattern).getwidth()[1] == subjects._VERB_WIDTH

    def plain(before: str) -> tuple[str, str | None, bool]:
        s = subjects._ORDINAL.sub("", subjects._BASELINE.sub("", before))
        verb = None
        for _ in range(3):
            s = subjects._TRAIL.sub("", s)
            if m := GROWTH_VERB.search(s):
                verb = verb or m.group("verb")
                s = s[: m.start()]
        s = subjects._TRAIL.sub("", s)
        s = subjects._LEAD.sub("", s)
        if (t := subjects._TIME_LEAD.sub("", s)) != s:
            s = subjects._LEAD.sub("", t)
        s = subjects.tidy(s)
        examples = s.endswith("等")
        s = "" if examples else s
        if len(s) > subjects._MAX:
            cut = max(s.rfind(ch, 0, len(s) - 4) for ch in "，,；;：:")
            s = s[cut + 1:] if cut >= 0 else s[-subjects._MAX:]
        return s, verb, examples

    extra = ["达到", "实现", "已经", "均为", "比上年", "同比增长", "年均增长", "五年", "5年来", "10月份", "当月",
             "1—10月",
             "下降", "增", "排", "减排", "分别", "的", "为"]
    import random

    rng = random.Random(34)
    for _ in range(6000):
        s = "".join(rng.choice(_BITS + extra) for _ in range(rng.randrange(0, 12)))
        assert subjects.clean_before(s) == plain(s), s
        assert subjects.without_comparison(s) == (subjects._COMPARISON.sub("", s) or s), s


def test_paragraph_prefilter_keeps_every_sentence_with_a_phrase():
    from planscope.parse.figures.phrases import may_hold_phrase
    from planscope.parse.figures.sentences import split_sentences

    for text in _random_texts(35, 3000):
        para = Paragraph(text + "。" + text[::-1], [1], [0])
        kept = split_sentences(para, may_hold_phrase)
        assert kept in ([], split_sentences(para)), text
        if not kept:
            assert not any(find_phrases(s.text) for s in split_sentences(para)), text


def test_an_amount_without_a_subject_is_the_last_thing_named() -> None:
    # 到2025年突破5000亿元 says nothing of its own subject: it is the GDP of the clause before, not that clause
    targets, _ = _text(["第二节 主要目标",
                        "地区生产总值年均增长6.5%左右，到2025年突破5000亿元，人均地区生产总值达到10万元以上。"],
                       _meta(DocumentKind.FIVE_YEAR_PLAN, (2021, 2025)))
    assert [(f.indicator, f.raw) for f in targets] == [
        ("地区生产总值年均增长", "6.5%左右"), ("地区生产总值", "突破5000亿元"), ("人均地区生产总值", "10万元以上")]


def test_the_whole_region_is_a_scope_not_part_of_the_subject() -> None:
    _, obs = _text(["2024年国民经济和社会发展计划执行情况",
                    "2024年，全县实现地区生产总值356.8亿元，全区完成固定资产投资86亿元，全社会研发经费投入12亿元。"],
                   _meta(DocumentKind.ANNUAL_PLAN_REPORT, (2024, 2025)))
    assert [f.indicator for f in obs] == ["地区生产总值", "固定资产投资", "全社会研发经费投入"]
