"""City–district alignment of stored plans: 广州市 (001) against 花都区 (000), 番禺区 (003) and 从化区 (004).

Every verdict below was checked by reading both documents' source lines (`sed -n` on the corpus files); the
line numbers are cited next to each assertion as file:line.
"""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

import planscope
from conftest import corpus_file
from planscope.align import Alignment, align_plans
from planscope.cli import app


@pytest.fixture(scope="module")
def db_path(tmp_path_factory) -> str:
    path = str(tmp_path_factory.mktemp("align") / "plans.db")
    with planscope.open(path) as db:
        report = db.ingest([corpus_file(n) for n in ("001", "000", "003", "004")])
        assert report.count("error") == 0
    return path


@pytest.fixture(scope="module")
def aligned(db_path) -> Alignment:
    return align_plans(db_path, "广州市", ["花都区", "番禺区", "从化区"], with_coverage=False)


@pytest.fixture(scope="module")
def by_key(aligned):
    return {i.canonical: i for i in aligned.indicators}


def verdict(by_key, key: str, child: str) -> str:
    return by_key[key].children[child].verdict


def test_regions_and_warnings(aligned) -> None:
    assert aligned.parent == "广州市" and list(aligned.children) == ["花都区", "番禺区", "从化区"]
    # 004 lost its tables in scraping (only their notes survive at 46-47): prose stands in
    assert any(w.startswith("从化区") and "prose" in w for w in aligned.warnings)


def test_same_concept_worded_differently_is_one_row(by_key) -> None:
    # 001:321 研发经费支出（R&D）占地区生产总值比重 3.4左右; 000:628-632 the same name wrapped, 3.4;
    # 003:2260-2268 研發經費支出占地區生產總值比重(%) 3.4左右 (traditional, no "(R&D)")
    rd = by_key["rd_intensity"]
    assert rd.parent.lines == (321, 321)
    assert rd.children["花都区"].side.lines == (628, 632) and rd.children["番禺区"].side.lines[0] == 2260
    assert {k: c.verdict for k, c in rd.children.items()} == {
        "花都区": "same", "番禺区": "same", "从化区": "parent_only"}


def test_verdicts_checked_against_the_documents(by_key) -> None:
    # GDP growth: 001:317 6左右; 000:612 6左右; 004:43 (prose) 地区生产总值年均增长6%左右
    assert verdict(by_key, "gdp_growth", "花都区") == "same"
    assert verdict(by_key, "gdp_growth", "从化区") == "same"
    assert by_key["gdp_growth"].children["从化区"].side.source == "prose"
    # 003's table sets the level (2218-2226 地区生产总值总量 3000亿元, vs the city's 约3.5万亿元 at 001:296), its
    # prose the rate: 003:266 全區地區生產總值邁向3000億元新臺階,年均增長6%左右
    panyu = by_key["gdp_growth"].children["番禺区"]
    assert panyu.verdict == "same" and panyu.side.source == "prose" and panyu.side.lines == (266, 266)
    assert verdict(by_key, "gdp", "番禺区") == "not_comparable"  # a district's total is not the city's
    # digital economy core share: 001:319 25; 000:616-620 30; 003:2280-2286 25
    assert verdict(by_key, "digital_economy_core_share", "花都区") == "stricter"
    assert verdict(by_key, "digital_economy_core_share", "番禺区") == "same"
    # urbanisation: 001:320 87 → 87.5; 000:622 69.02 → 75 (lower level, bigger planned rise); 003:2248-2256 90
    urb = by_key["urbanisation_rate"].children
    assert urb["花都区"].verdict == "looser" and urb["花都区"].effort["verdict"] == "stricter"
    assert urb["番禺区"].verdict == "stricter"
    # doctors per 1000: 001:338 4; 000:734-738 3.5; 003:2436-2444 2.82
    assert verdict(by_key, "doctors_per_1000", "花都区") == "looser"
    assert verdict(by_key, "doctors_per_1000", "番禺区") == "looser"
    # labour productivity (万元/人, per head): 001:318 26; 000:614 24.8
    assert verdict(by_key, "labour_productivity", "花都区") == "looser"
    # strategic emerging industries: 001:323 35; 000:640-644 35
    assert verdict(by_key, "strategic_emerging_share", "花都区") == "same"


def test_life_expectancy_and_forest_including_prose(by_key) -> None:
    # life expectancy: 001:341 83 (base 82.5* (2019 年)); 000:748 83; 003:2466-2474 ≥81; 004:44 (prose) 80.09岁
    life = by_key["life_expectancy"].children
    assert life["花都区"].verdict == "same"
    assert any(f.startswith("ref_year") and "2019" in f for f in life["花都区"].flags)
    assert life["番禺区"].verdict == "looser" and life["从化区"].verdict == "looser"
    assert life["从化区"].side.lines == (44, 44) and "80.09" in life["从化区"].side.target.raw
    # forest coverage: 001:333 41.6 → 41.65; 000:705 37.58 → 37.63 (same +0.05 effort);
    # 003:2372-2382 完成市下達目標; 004:57 (prose) 确保森林覆盖率不低于69.1%
    forest = by_key["forest_coverage"].children
    assert forest["花都区"].verdict == "looser" and forest["花都区"].effort == {
        "parent": "0.05", "child": "0.05", "verdict": "same"}
    assert forest["番禺区"].verdict == "follows_parent"
    assert forest["从化区"].verdict == "stricter" and forest["从化区"].side.source == "prose"


def test_different_definitions(by_key) -> None:
    # 001:322 每万人口高价值发明专利拥有量; 000:634-638 每万人有效发明专利拥有量; 003:2270-2278 每万人發明專利批准量
    pat = by_key["patents_high_value_per_10k"].children
    assert pat["花都区"].verdict == "different_definition" and pat["花都区"].side.name.startswith("每万人有效")
    assert pat["番禺区"].verdict == "different_definition"
    # 001:326 铁路旅客发送量/货运量 vs 000:662 铁路旅客到发量 (arrivals and departures)
    assert verdict(by_key, "rail_passenger_freight", "花都区") == "different_definition"
    # 001:339 基本养老保险参保率 (%) vs 000:740 / 003:2416-2424 基本养老保险参保人数 (万人)
    assert verdict(by_key, "pension_coverage_rate", "花都区") == "different_definition"
    # 001:334 城市居民收入增速 与经济增长基本同步 vs 003:2386-2396 城镇居民人均可支配收入 (元) 與經濟增長基本同步
    inc = by_key["disposable_income_urban_growth"].children["番禺区"]
    assert inc.verdict == "different_definition" and "经济增长基本同步" in inc.explanation


def test_pairs_units_and_reference_years(by_key) -> None:
    # airport: 001:324 7339/192* (2019年) → 10000/350; 000:650-654 7339/192 in the 2020 column → 10000/350
    air = by_key["airport_passenger_cargo_throughput"].children["花都区"]
    assert air.verdict == "same"
    assert any(f.startswith("same_value_different_year") for f in air.flags)  # 000 labels 2019 data as 2020
    # port: 001:325 6.8/2800 (亿吨/万标箱) vs 000:656-660 700/25 (万吨/万标箱): converted part by part; a total
    port = by_key["port_cargo_container_throughput"].children["花都区"]
    assert port.verdict == "not_comparable" and any("0.07/25" in f for f in port.flags)
    # childcare places per 1000: 001:340 4 (个) vs 000:742-746 1.55 (位): counts of places, compared one to one
    child = by_key["childcare_places_per_1000"].children["花都区"]
    assert child.verdict == "looser" and any("位" in f for f in child.flags)


def test_targets_handed_down(by_key) -> None:
    # energy intensity: 001:327 完成省下达目标; 000:668-681 完成广州市下达目标; 003:2312-2320 完成市下達目標
    assert verdict(by_key, "energy_intensity_reduction", "花都区") == "follows_parent"
    assert verdict(by_key, "energy_intensity_reduction", "番禺区") == "follows_parent"
    # air quality: 001:331 88; 000:683-692 完成广州市下达目标; 003:2332-2340 ≥88
    assert verdict(by_key, "air_quality_good_days_ratio", "花都区") == "follows_parent"
    assert verdict(by_key, "air_quality_good_days_ratio", "番禺区") == "same"
    # new jobs: 001:336 [≥110] 万人; 000:726-730 完成广州市下达任务; 003:2406-2414 [8] 万人 (a district total)
    assert verdict(by_key, "new_urban_jobs", "花都区") == "follows_parent"
    assert verdict(by_key, "new_urban_jobs", "番禺区") == "not_comparable"


def test_child_only_and_prose_shared_only(by_key) -> None:
    # 003:2342-2350 PM2.5年均浓度 ≤30: the city's 14th-plan table (001:314-365) has no PM2.5 row
    assert by_key["pm25_concentration"].parent is None
    assert by_key["pm25_concentration"].children["番禺区"].verdict == "child_only"
    # garbage recycling, prose on both sides: 001:1538 到2025年…达42.8%; 004:77 到2025年…达42%以上
    g = by_key["garbage_recycling_rate"]
    assert g.parent.source == "prose" and g.children["从化区"].verdict == "looser"
    # a prose target no other plan states is not an indicator row (001:1297 城市轨道交通运营里程 900公里)
    assert "urban_rail_mileage" not in by_key
    # 004 has no table: indicators it does not state in prose say why
    assert "no indicator table" in by_key["doctors_per_1000"].children["从化区"].explanation


def test_named_assignments_for_panyu_and_conghua(db_path) -> None:
    a = align_plans(db_path, "广州市", ["番禺区", "从化区"], with_coverage=False)
    # 001:872-874 names 番禺化龙物流枢纽; 003:722 以我區化龍物流樞紐、南村配送中心為重要節點
    t = next(t for t in a.tasks if t.child == "番禺区" and "化龙物流枢纽" in t.parent_text)
    assert t.child_lines[0] <= 722 <= t.child_lines[1]
    # 001:700 names 黄埔—从化产业共建合作区; 004:123-124 二、大力推动黄埔—从化产业共建合作区建设
    t = next(t for t in a.tasks if t.child == "从化区" and t.parent_text == "黄埔—从化产业共建合作区")
    assert t.parent_lines == (700, 700) and t.child_lines[0] in (123, 124)


def test_cli_accepts_region_names_and_ids(db_path) -> None:
    runner = CliRunner()
    r = runner.invoke(app, ["align", "广州市", "花都区", "--db", db_path, "--json", "--no-coverage"])
    assert r.exit_code == 0, r.output
    out = json.loads(r.stdout)
    rd = next(i for i in out["indicators"] if i["canonical"] == "rd_intensity")
    assert rd["children"]["花都区"]["verdict"] == "same" and rd["parent"]["source"] == "table"
    with planscope.open(db_path) as db:
        ids = {p.region: p.id for p in db.plans()}
    r = runner.invoke(app, ["align", str(ids["广州市"]), str(corpus_file("000")), "--db", db_path, "--json",
                            "--no-coverage"])  # a stored id and a file, mixed
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["children"][0]["region"] == "花都区"
    r = runner.invoke(app, ["align", "广州市", "不存在区", "--db", db_path])
    assert r.exit_code != 0 and "Traceback" not in r.output
