"""Final evaluation of the 十三五 plans from their completion tables (corpus 001 and 003).

The table parser is written elsewhere; these tests build IndicatorRows from the hand-checked gold rows, parsing
each raw cell with the one value grammar, and hold the computed verdicts against what the documents say.
"""

from __future__ import annotations

import json
from decimal import Decimal as D

from conftest import GOLD, corpus_file
from planscope.model import CellValue, IndicatorRow, IndicatorTable, Role, Span, Status
from planscope.monitor import Method, evaluate_completion, evaluate_row, gdp_growth_of
from planscope.parse.values import parse_value

# gold field → (role, column year)
FIELDS = {"target_2020": (Role.TARGET, 2020), "actual_2020": (Role.ACTUAL, 2020), "value_2015": (Role.BASE, 2015),
          "expected_2020": (Role.ACTUAL, 2020), "avg_growth_2016_2020_pct": (Role.GROWTH, None)}


def gold_table(name: str) -> IndicatorTable:
    """TEST INPUT only: a gold completion table as the parser would hand it over (raw cells → parse_value)."""
    d = json.loads((GOLD / name).read_text(encoding="utf-8"))
    rows = []
    for g in d["rows"]:
        values = [CellValue(role, g[f], year, parse_value(g[f]))
                  for f, (role, year) in FIELDS.items() if g.get(f) is not None]
        rows.append(IndicatorRow(name=g["name"], span=Span(*g["lines"]), category=g["category"], seq=g["seq"],
                                 parent_name=g["parent_name"], unit=g["unit"], attribute=g["attribute"],
                                 values=values))
    return IndicatorTable(d["table_title"], Span(d["line_start"], d["line_end"]), rows, d["notes"], d["columns"],
                          kind="completion")


def by_seq(summary, seq, name=None):
    return next(r for r in summary.rows if r.seq == seq and (name is None or r.name == name))


def test_guangzhou_binding_indicators_all_met_as_the_plan_says():
    # 001 line 154: "“十三五”规划纲要 36 项主要指标中，约束性指标全部完成，预期性指标较好完成"
    line = corpus_file("001").read_text(encoding="utf-8").splitlines()[153]
    assert "36 项主要指标中，约束性指标全部完成，预期性指标较好完成" in line
    s = evaluate_completion(gold_table("001_13th_completion.json"))
    assert len({r.seq for r in s.rows}) == 36  # the "36 项" of the sentence: 36 numbered rows (44 with sub-rows)
    binding = [r for r in s.rows if r.attribute == "约束性"]
    assert len(binding) == 19
    assert s.by_attribute["约束性"] == {"achieved": 19}  # agrees with "约束性指标全部完成"
    # …but three of the 19 pass only on a bound or an exact tie, which the sentence does not show:
    co2 = by_seq(s, "16")  # target [23], reported "[≥23]": met at the boundary, on a lower bound
    assert co2.parts[0]["actual_qualifier"] == "at_least" and co2.parts[0]["actual"] == co2.parts[0]["target"]
    water = by_seq(s, "14")  # "[>27.6]" against [20]: only a lower bound is reported
    assert water.parts[0]["actual_qualifier"] == "more_than"
    pension = by_seq(s, "31")  # "98以上" against "98以上"
    assert pension.parts[0]["actual_qualifier"] == "at_least"
    # lower-is-better rows are judged as such (a ceiling), not as floors
    assert by_seq(s, "18", "可吸入颗粒物（PM_{2.5}）年均浓度").parts[0]["direction"] == "lower_is_better"
    assert by_seq(s, "20").parts[0]["direction"] == "lower_is_better"  # 劣V类水体比例 0 → 0


def test_guangzhou_expected_indicators_mostly_met_and_the_misses_explained():
    s = evaluate_completion(gold_table("001_13th_completion.json"))
    missed = {r.seq for r in s.rows if r.status == Status.NOT_ACHIEVED}
    assert missed == {"1", "2", "4", "8", "9", "11", "13"}  # all 预期性: "预期性指标较好完成" (18 of 25 met)
    assert s.by_attribute["预期性"] == {"achieved": 18, "not_achieved": 7}
    gdp = by_seq(s, "1")  # "年均 7.5 以上 /28000" vs "年均 6/ 25019": both parts missed
    assert [p["met"] for p in gdp.parts] == [False, False]
    assert [p["target_qualifier"] for p in gdp.parts] == ["at_least", "exact"]  # 以上 belongs to 7.5 only
    port = by_seq(s, "9")  # 6.36 ≥ 6 亿吨 but 2351 < 2500 万标箱
    assert [p["met"] for p in port.parts] == [True, False]
    # Reference-year actuals: judged on the older figure, and the result says which year it is.
    services = by_seq(s, "4")
    assert services.ref_year == 2019 and "2019年数据" in services.explanation
    trade = by_seq(s, "12")  # 10001 (2019) ≥ 10000: note 6 confirms "提前完成"
    assert trade.status == Status.ACHIEVED and trade.ref_year == 2019
    culture = by_seq(s, "34")
    assert culture.ref_year == 2018 and culture.status == Status.ACHIEVED


def test_income_in_step_with_the_economy_is_judged_from_the_gdp_row():
    table = gold_table("001_13th_completion.json")
    assert gdp_growth_of(table.rows) == D(6)  # "年均 6/ 25019"
    s = evaluate_completion(table)
    urban = by_seq(s, "27", "城市常住居民人均可支配收入")
    assert urban.method == Method.SYNCHRONOUS and urban.status == Status.ACHIEVED
    assert "7.9%" in urban.explanation and "6%" in urban.explanation
    # without the GDP figure the same row needs a person
    alone = evaluate_row(next(r for r in table.rows if r.name == "城市常住居民人均可支配收入"))
    assert alone.status == Status.QUALITATIVE


def test_panyu_table_has_no_target_column_so_nothing_can_be_judged_achieved():
    table = gold_table("003_13th_completion.json")
    s = evaluate_completion(table)
    # 003's 附1 gives 2015 value, 2020 预计完成值 and growth, but no 2020 target: every row is no_data, by design
    assert s.by_status == {"no_data": 44}
    assert all("未列目标值" in r.explanation and r.expected for r in s.rows)
    assert gdp_growth_of(table.rows) == D("5.7")  # from the growth column of 地區生產總值
    assert by_seq(s, "26").change == "改善"  # PM2.5 39 → 23, lower is better
    assert by_seq(s, "38").change == "恶化"  # 孕產婦死亡率 0 → 8.63
    assert by_seq(s, "19").change == "恶化"  # 旅游總收入 358.56 → 318.27
    assert by_seq(s, "24").change is None  # base "[39]*" is the 2011–2015 total: not comparable
    assert by_seq(s, "7").change is None  # base "113.4(億美元)" is in another unit
    assert by_seq(s, "2").change is None and "暫無核定數" in by_seq(s, "2").explanation


def test_small_completion_table_with_words_and_missing_values():
    def r(name, unit, target, actual, attribute="约束性"):
        vals = [CellValue(Role.TARGET, target, 2020, parse_value(target)),
                CellValue(Role.ACTUAL, actual, 2020, parse_value(actual))]
        return IndicatorRow(name=name, span=Span(1, 1), unit=unit, attribute=attribute, values=vals)

    table = IndicatorTable("完成情况", Span(1, 4), [
        r("单位地区生产总值能耗降低", "%", "完成省下达目标", "[17.5]"),
        r("城镇登记失业率", "%", "3.5以内", "2.4", "预期性"),
        r("常住人口", "万人", "1550左右", "暂无核定数", "预期性"),
        r("森林覆盖率", "%", "42", "≥41"),
    ], columns=["指标", "单位", "2020年目标值", "2020年预计完成值", "属性"])
    s = evaluate_completion(table)
    assert [x.status for x in s.rows] == [Status.QUALITATIVE, Status.ACHIEVED, Status.NO_DATA, Status.QUALITATIVE]
    assert "需人工判断" in s.rows[0].explanation
    assert s.rows[1].parts[0]["direction"] == "lower_is_better"
    assert "无法判断" in s.rows[3].explanation  # "≥41" may or may not reach 42
    assert all(x.expected for x in s.rows)
    assert s.by_attribute == {"约束性": {"qualitative": 2}, "预期性": {"achieved": 1, "no_data": 1}}
    assert "约束性指标2项" in s.sentence()
    json.dumps(s.to_json(), ensure_ascii=False)


def test_same_verdicts_from_the_parsed_document():
    """End to end: the table parser's own 001 completion table gives the same verdicts as the gold rows."""
    from planscope.parse.extract import extract

    (table,) = [t for t in extract(corpus_file("001")).indicator_tables if t.kind == "completion"]
    parsed, gold = evaluate_completion(table), evaluate_completion(gold_table("001_13th_completion.json"))
    assert parsed.by_attribute == gold.by_attribute == {"预期性": {"not_achieved": 7, "achieved": 18},
                                                        "约束性": {"achieved": 19}}


def test_every_14th_plan_row_decomposes_to_its_target():
    """All numeric rows of the parsed 14th-plan tables (000, 001, 003) get annual targets ending at the target."""
    from planscope.monitor import Path, decompose, specs_from_row
    from planscope.parse.extract import extract

    seen = 0
    for prefix in ("000", "001", "003"):
        (table,) = [t for t in extract(corpus_file(prefix)).indicator_tables if t.kind == "main"]
        for row in table.rows:
            for spec in specs_from_row(row, base_year=2020, target_year=2025):
                d = decompose(spec)
                if d.path in (Path.COMPOUND, Path.LINEAR) and spec.base is None:
                    assert d.annual == [] and d.notes  # e.g. 003 rows 10–11 have no 2020 cell
                    continue
                seen += 1
                assert [a.year for a in d.annual][-1] == spec.target_year
                end = d.annual[-1].to_date if d.path in (Path.CUMULATIVE_SUM, Path.CUMULATIVE_RATE) else (
                    d.annual[-1].value)
                if d.path != Path.CONSTANT_RATE:
                    assert abs(end - spec.goal.value) < D("1e-20"), (prefix, row.name)
    assert seen >= 50
