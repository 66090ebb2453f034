"""The indicator catalogue: coverage of every gold table row, near-miss distinctions, threshold, user files."""

from __future__ import annotations

import json

import pytest

from conftest import GOLD
from planscope.catalog import THRESHOLD, Catalogue, CatalogueError, load_catalogue, match, normalize_name, similarity


def _gold_rows() -> list[tuple[str, dict]]:
    out = []
    for f in sorted(GOLD.glob("*_main_indicators.json")) + sorted(GOLD.glob("*_completion.json")):
        d = json.loads(f.read_text(encoding="utf-8"))
        out += [(f.name, r) for r in d["rows"]]
        out += [(f.name, {"name": x["name"]}) for x in d.get("implied_indicators", [])]
    return out


GOLD_ROWS = _gold_rows()
# Rows that legitimately have no canonical concept: none so far (keep this list honest if one is added).
NO_CONCEPT: set[str] = set()


def test_gold_files_are_there():
    assert len(GOLD_ROWS) >= 160


def test_every_gold_table_row_maps():
    missing = []
    for doc, r in GOLD_ROWS:
        res = match(r["name"], parent=r.get("parent_name"), unit=r.get("unit"))
        if not res.matched and r["name"] not in NO_CONCEPT:
            missing.append((doc, r["name"], res.reason))
    assert missing == []


@pytest.mark.parametrize(("name", "parent", "expected"), [
    ("每万人口高价值发明专利拥有量*", None, "patents_high_value_per_10k"),
    ("每万人有效发明专利拥有量", None, "patents_invention_per_10k"),
    ("每萬人發明專利批準量(件)", None, "patents_granted_per_10k"),
    ("常住人口城镇化率*", None, "urbanisation_rate"),
    ("户籍人口城镇化率", None, "urbanisation_rate_registered"),
    ("研发经费支出（R&D）占地区生产总值比重", None, "rd_intensity"),
    ("研究與試驗發展經費(R&D)支出占GDP比重", None, "rd_intensity"),
    ("R&D经费投入强度", None, "rd_intensity"),
    ("全社会研发经费支出占GDP比重", None, "rd_intensity"),
    ("单位地区生产总值能源消耗降低", None, "energy_intensity_reduction"),
    ("單位GDP能耗累計下降", None, "energy_intensity_reduction"),
    ("可吸入颗粒物（PM_{2.5}）年均浓度", None, "pm25_concentration"),
    ("细颗粒物（PM₂.₅）年均浓度", None, "pm25_concentration"),
    ("可吸入颗粒物年均浓度", None, "pm10_concentration"),
    ("铁路旅客到发量", None, "rail_passenger_arrivals_departures"),
    ("铁路旅客发送量", None, "rail_passenger_departures"),
    ("二氧化硫", "主要污染物排放累计减少", "so2_reduction"),
    ("氨氮", "主要污染物排放削減量", "ammonia_nitrogen_reduction"),
    ("城市常住居民人均可支配收入", "人均收入年均增长", "disposable_income_urban_growth"),
    ("城鎮居民人均可支配收入(元)", "城鄉居民收入", "disposable_income_urban"),
    ("地区生产总值年均增长", None, "gdp_growth"),
    ("城镇调查失业率", None, "unemployment_surveyed"),
    ("城镇登记失业率（%）", None, "unemployment_registered"),
    ("粮食综合生产能力", None, "grain_capacity"),
    ("政策性储备粮规模（万吨）", None, "policy_grain_reserves"),
    ("5岁以下儿童死亡率", None, "under5_mortality"),
])
def test_distinctions(name, parent, expected):
    assert match(name, parent=parent).id == expected


def test_not_same_as_pairs_never_match_each_other():
    cat = load_catalogue()
    for ind in cat:
        for n in ind.names:
            res = cat.match(n)
            assert res.id == ind.id, (n, ind.id, res.id)  # every name maps to its own indicator
            assert not set(res.ids) & set(ind.not_same_as)
    # and the declared pairs are real, distinct indicators
    pairs = {(a.id, b) for a in cat for b in a.not_same_as}
    assert ("patents_high_value_per_10k", "patents_invention_per_10k") in pairs
    assert ("urbanisation_rate", "urbanisation_rate_registered") in pairs


@pytest.mark.parametrize(("name", "forbidden"), [
    ("每万人口高价值发明专利数量", {"patents_invention_per_10k", "patents_granted_per_10k"}),
    ("每万人发明专利批准数量", {"patents_invention_per_10k", "patents_high_value_per_10k"}),
    ("户籍人口城镇化水平率", {"urbanisation_rate"}),
    ("农村家庭宽带接入速度", {"broadband_access_urban"}),
])
def test_fuzzy_near_misses_do_not_cross(name, forbidden):
    assert match(name).id not in forbidden


def test_threshold_behaviour():
    # fuzzy results are accepted exactly when the similarity reaches THRESHOLD
    probes = ["每万人发明专利批准数量", "常住人口城镇化水平提高", "城镇生活污水集中处理率", "森林覆盖率提高",
              "集中式饮用水源水质达标比例", "城市常住人口城镇化率", "高价值发明专利拥有量"]
    seen = {True: 0, False: 0}
    for p in probes:
        res = match(p)
        if res.reason.startswith("exact"):
            continue
        assert res.matched == (res.score >= THRESHOLD), (p, res)
        seen[res.matched] += 1
    assert seen[True] and seen[False]  # the probes exercise both sides
    assert THRESHOLD == 0.8


def test_unrelated_names_are_unmatched_not_guessed():
    for n in ["植树", "全区国企资产总额", "文化惠民活动", "高价值发明专利拥有量", "广交会展位数"]:
        res = match(n)
        assert not res.matched and res.id is None and "threshold" in res.reason


def test_fuzzy_match_must_fit_the_unit():
    assert match("筹集保障性租赁住房项目").id == "affordable_rental_housing"  # name alone is close enough
    assert match("筹集保障性租赁住房项目", unit="个").id is None  # but projects are not flats


def test_normalisation():
    _full, bare = normalize_name("研發經費支出（R&D）占地區生產總值比重(%)*")
    assert bare == "研发经费支出占地区生产总值比重"
    assert normalize_name("PM _{2.5} 年均浓度（微克/立方米）")[0] == "PM2.5年均浓度"
    assert normalize_name("单位GDP能耗累计下降")[0] == normalize_name("单位地区生产总值能源消耗降低")[0]
    assert similarity("城镇化率", "城镇化率") == 1.0


def test_pairs_and_growth_rows():
    r = match("地区生产总值年均增速/总量", unit="%/亿元")
    assert r.matched and r.parts == ("gdp_growth", "gdp")
    r = match("机场旅客/货邮吞吐量")
    assert r.id == "airport_passenger_cargo_throughput"
    assert load_catalogue()[r.id].parts == ("airport_passenger_throughput", "airport_cargo_throughput")
    assert match("地区生产总值", unit="%").id == "gdp_growth"
    r = match("固定资产投资增速")
    assert (r.id, r.measure) == ("fixed_asset_investment", "growth_rate")


# 002 observations: those with a natural concept must map (my reading of each, not the gold's answer)
OBS_EXPECTED = {
    "地区生产总值": "gdp", "一般公共预算收入": "fiscal_revenue", "固定资产投资": "fixed_asset_investment",
    "房地产开发投资": "real_estate_investment", "基础设施投资": "infrastructure_investment",
    "工业投资": "industrial_investment", "民间投资": "private_investment", "社会消费品零售增速": "retail_sales",
    "高新技术企业": "high_tech_enterprises", "国家级专精特新“小巨人”企业": "little_giant_enterprises",
    "省级“专精特新”中小企业": "specialised_smes", "新增5G基站": "new_base_stations_5g",
    "5G基站总量": "base_stations_5g", "商品进出口总值": "foreign_trade", "全区农业总产值": "agricultural_output",
    "环境空气综合指数": "air_quality_composite_index", "饮用水源水质达标": "drinking_water_quality_ratio",
    "受污染耕地安全利用率": "contaminated_farmland_safe_use_rate",
    "重点建设用地安全利用率": "contaminated_land_safe_use_rate", "新增中小学学位数": "new_school_places",
    "新增幼儿园学位": "new_kindergarten_places", "全区城镇新增就业": "new_urban_jobs",
    "建成幼儿托位": "childcare_places",
    "筹集保障性租赁住房": "affordable_rental_housing", "储备粮油规模": "grain_oil_reserves",
    "城镇新增就业": "new_urban_jobs", "新增公办中小学学位": "new_school_places",
    "新增公办幼儿园学位": "new_kindergarten_places", "认定高新技术企业": "high_tech_enterprises",
    "全区生产安全事故死亡人数": "production_safety_deaths", "建筑业总产值增速": "construction_output",
}


def _obs_rows() -> list[dict]:
    return json.loads((GOLD / "002_huadu_2024_actuals_2025_targets.json").read_text(encoding="utf-8"))["rows"]


def test_002_observations_with_a_concept_map():
    names = {r["indicator"] for r in _obs_rows()}
    assert set(OBS_EXPECTED) <= names
    for r in _obs_rows():
        if r["indicator"] in OBS_EXPECTED:
            res = match(r["indicator"], unit=r.get("unit"), measure=r.get("measure"))
            want = OBS_EXPECTED[r["indicator"]]
            cat = load_catalogue()
            assert res.id == want or cat[res.id].growth_of == want, (r["indicator"], res)


def test_002_links_to_the_plan_table_are_the_same_or_related_concepts():
    cat = load_catalogue()
    for r in _obs_rows():
        if not r.get("matches_000"):
            continue
        obs = match(r["indicator"], unit=r.get("unit"), measure=r.get("measure")).id
        plan = match(r["matches_000"]).id
        assert obs == plan or plan in cat[obs].related, (r["indicator"], obs, plan)


# ---------------------------------------------------------------- user files
def test_user_yaml_merges_over_shipped(tmp_path):
    f = tmp_path / "mine.yaml"
    f.write_text("""
indicators:
  - id: rd_intensity
    synonyms: [研发强度]
  - id: night_lights
    name: 夜间灯光指数
    synonyms: [夜光指数]
    unit: ""
    measure: level
    direction: higher
    category: economy
""", encoding="utf-8")
    cat = Catalogue.load(f)
    assert len(cat) == len(load_catalogue()) + 1
    assert cat.match("研发强度").id == "rd_intensity"
    assert cat.match("夜光指数").id == "night_lights"
    assert "研发投入强度" in cat["rd_intensity"].synonyms  # shipped synonyms kept
    assert cat["rd_intensity"].source == str(f)
    assert match("研发强度").id is None  # the shipped catalogue is untouched


def test_user_csv_merges_over_shipped(tmp_path):
    f = tmp_path / "mine.csv"
    f.write_text("id,name,synonyms,unit,measure,direction,category\n"
                 "forest_coverage,,林木覆盖比重,,,,\n"
                 "ev_charging_piles,充电桩数量,公共充电桩;充电基础设施数量,个,count,higher,green\n", encoding="utf-8")
    cat = load_catalogue(f)
    assert cat.match("林木覆盖比重").id == "forest_coverage"
    assert cat.match("公共充电桩").id == "ev_charging_piles"
    assert cat["ev_charging_piles"].unit == "个"


def test_user_file_errors(tmp_path):
    clash = tmp_path / "clash.yaml"
    clash.write_text("- id: forest_stock\n  synonyms: [森林覆盖率]\n", encoding="utf-8")
    with pytest.raises(CatalogueError, match="collision"):
        Catalogue.load(clash).matcher  # noqa: B018
    bad_ref = tmp_path / "ref.yaml"
    bad_ref.write_text("- id: gdp\n  not_same_as: [no_such_thing]\n", encoding="utf-8")
    with pytest.raises(CatalogueError, match="no_such_thing"):
        Catalogue.load(bad_ref)
    bad_field = tmp_path / "field.yaml"
    bad_field.write_text("- id: gdp\n  colour: red\n", encoding="utf-8")
    with pytest.raises(CatalogueError, match="colour"):
        Catalogue.load(bad_field)
    with pytest.raises(CatalogueError, match="not found"):
        Catalogue.load(tmp_path / "missing.yaml")


def test_shipped_catalogue_shape():
    cat = load_catalogue()
    assert 80 <= len(cat) <= 170
    for ind in cat:
        assert ind.id.isascii() and ind.id == ind.id.lower()
        assert ind.name and ind.category
    assert cat["energy_intensity"].direction == "lower"
    assert cat["energy_intensity_reduction"].reduction_of == "energy_intensity"
    assert cat["cpi"].direction == "band"
