"""A planning office of a region the project never saw, end to end (tests/fixtures_region): 岚州市's 十四五 plan
(DOCX), the plans of 青溪区 (a web page) and 白石县 (PDF), and the city's 2023 (GB18030 text) and 2024 (text with a
completion table) execution reports. Everything a user does — ingest, plans, show, indicators, status, evaluate,
align, search, commitments, projects, export, observe, and the REST API — is checked for what a planning officer
reads in it: the right indicators with their base, target, unit and type; actuals on the right indicators with
their source line; statuses that follow from them; the looser district targets and the tasks the city assigns."""

from __future__ import annotations

import csv
import gzip
import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook
from typer.testing import CliRunner

import planscope
from fixtures_region.build import FILES, build_all, table_rows
from planscope.api import create_app
from planscope.cli import app
from planscope.store import auth

runner = CliRunner()
CITY, QINGXI, BAISHI = "岚州市", "青溪区", "白石县"


def cli(db: str, *args: object) -> Any:
    out = runner.invoke(app, [*(str(a) for a in args), "--db", db])
    assert "Traceback" not in out.output, out.output
    return out


def cli_json(db: str, *args: object) -> Any:
    out = cli(db, *args, "--json")
    assert out.exit_code == 0, out.output
    return json.loads(out.stdout)


@pytest.fixture(scope="module")
def region(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    root = tmp_path_factory.mktemp("region")
    docs = root / "docs"
    docs.mkdir()
    build_all(docs)
    db = f"sqlite:///{root / 'region.db'}"
    out = cli(db, "ingest", docs)
    assert out.exit_code == 0, out.output
    return {"root": root, "docs": docs, "db": db}


@pytest.fixture(scope="module")
def plans(region: dict[str, Any]) -> dict[str, dict[str, Any]]:
    items = cli_json(region["db"], "plans")
    items = items["plans"] if isinstance(items, dict) else items
    return {p["file_name"]: p for p in items}


@pytest.fixture(scope="module")
def evaluation(region: dict[str, Any]) -> dict[str, Any]:
    out = region["root"] / "eval.json"
    res = cli(region["db"], "evaluate", CITY, "--year", 2024, "--format", "json", "-o", out)
    assert res.exit_code == 0, res.output
    report = json.loads(out.read_text(encoding="utf-8"))
    return {"report": report, "rows": {i["name"]: i for i in report["indicators"]}}


# --- ingest: every document read, in every format, with its region, kind and parent -------------------------

def test_every_document_is_loaded_with_its_region_and_kind(plans: dict[str, dict[str, Any]]) -> None:
    got = {name: (p["region"], p["kind"], tuple(p["period"] or ()), p.get("parent_region"))
           for name, p in plans.items()}
    assert got == {
        FILES["city_plan.txt"]: (CITY, "five_year_plan", (2021, 2025), None),
        FILES["qingxi_plan.txt"]: (QINGXI, "five_year_plan", (2021, 2025), CITY),
        FILES["baishi_plan.txt"]: (BAISHI, "five_year_plan", (2021, 2025), CITY),
        FILES["report_2023.txt"]: (CITY, "annual_plan_report", (2023, 2024), None),
        FILES["report_2024.txt"]: (CITY, "annual_plan_report", (2024, 2025), None),
    }
    city = plans[FILES["city_plan.txt"]]["id"]
    assert {plans[FILES[k]]["parent_plan_id"] for k in ("qingxi_plan.txt", "baishi_plan.txt")} == {city}


def test_reingest_is_a_no_op(region: dict[str, Any]) -> None:
    out = cli(region["db"], "ingest", region["docs"])
    assert out.exit_code == 0 and "0 loaded" in out.stdout and "5 unchanged" in out.stdout, out.stdout


def test_show_gives_the_outline_with_parts_chapters_sections_and_boxes(region: dict[str, Any]) -> None:
    out = cli(region["db"], "show", CITY)
    assert out.exit_code == 0, out.output
    for line, heading in ((3, "第一篇 开启全面建设社会主义现代化岚州新征程"), (38, "第三章 打造高能级创新平台"),
                          (39, "第一节 建设岚州科学城"), (14, "专栏1 “十四五”时期岚州市经济社会发展主要指标"),
                          (43, "专栏2 科技创新重大平台")):
        assert any(f"{line} {heading}" in " ".join(ln.split()) for ln in out.stdout.splitlines()), heading


# --- indicators: the main table of each plan, as the planning office printed it ----------------------------------

def _values(row: dict[str, Any]) -> dict[str, str]:
    return {v["role"]: v["raw"] for v in row["values"]}


def test_city_main_table_from_the_word_document(region: dict[str, Any]) -> None:
    table = cli_json(region["db"], "indicators", CITY)
    assert table["kind"] == "main" and table["title"] == "专栏1 “十四五”时期岚州市经济社会发展主要指标"
    rows = table["rows"]
    source = table_rows("city_plan.txt")[1:]
    assert [r["seq"] for r in rows] == [s[1] for s in source]  # all 18 rows, in order
    assert [r["unit"] for r in rows] == [s[3] for s in source]
    assert [r["attribute"] for r in rows] == [s[7] for s in source]
    by = {r["name"]: r for r in rows}
    assert by["地区生产总值增长"]["category"] == "经济发展"
    assert by["森林覆盖率"]["category"] == "绿色生态"  # a merged category cell reaches every row it spans
    assert _values(by["人均地区生产总值"]) == {"base": "6.8", "target": "9.2", "growth": "6.2"}
    assert _values(by["城镇调查失业率"])["target"] == "<5.5"
    assert _values(by["人均预期寿命"])["target"] == "79左右"
    energy = next(v for v in by["单位地区生产总值能源消耗降低"]["values"] if v["role"] == "growth")
    assert energy["raw"] == "〔14〕" and energy["parsed"]["cumulative"] is True
    assert table["notes"][0] == "注：1.〔 〕内为五年累计数。"


def test_district_tables_from_the_web_page_and_the_pdf(region: dict[str, Any]) -> None:
    qingxi = cli_json(region["db"], "indicators", QINGXI)
    assert len(qingxi["rows"]) == 10 and qingxi["title"] == "专栏1 青溪区“十四五”时期经济社会发展主要指标"
    q = {r["name"]: _values(r) for r in qingxi["rows"]}
    assert q["研究与试验发展经费投入强度"] == {"base": "2.6", "target": "3.2", "growth": "〔0.6〕"}
    baishi = cli_json(region["db"], "indicators", BAISHI)
    assert [r["name"] for r in baishi["rows"]] == [s[2] for s in table_rows("baishi_plan.txt")[1:]]
    b = {r["name"]: r for r in baishi["rows"]}
    assert _values(b["森林覆盖率"]) == {"base": "61.3", "target": "≥62", "growth": "—"}
    assert (b["粮食综合生产能力"]["unit"], b["粮食综合生产能力"]["attribute"]) == ("万吨", "约束性")


def test_indicator_exports(region: dict[str, Any]) -> None:
    root = region["root"]
    assert cli(region["db"], "indicators", CITY, "--csv", root / "city.csv").exit_code == 0
    with (root / "city.csv").open(encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 18 and rows[0]["name"] == "地区生产总值增长" and rows[0]["growth"] == "6左右"
    assert cli(region["db"], "indicators", CITY, "--xlsx", root / "city.xlsx").exit_code == 0
    sheet = load_workbook(root / "city.xlsx", read_only=True).worksheets[0]
    cells = [str(c) for r in sheet.iter_rows(values_only=True) for c in r if c is not None]
    assert "研究与试验发展经费投入强度" in cells and "〔0.65〕" in cells


# --- monitoring: actuals from both reports, in prose and in the 2024 table; statuses that follow ------------------

def _actual(ev: dict[str, Any], name: str, year: int) -> tuple[float, str, int]:
    a = ev["rows"][name]["actuals"][str(year)]
    return a["value"], a["source"], a["line"]


def test_actuals_come_from_the_right_report_lines(evaluation: dict[str, Any]) -> None:
    r23, r24 = FILES["report_2023.txt"], FILES["report_2024.txt"]
    assert _actual(evaluation, "地区生产总值增长", 2023) == (5.8, r23, 10)
    assert _actual(evaluation, "地区生产总值增长", 2024) == (5.2, r24, 9)
    assert _actual(evaluation, "研究与试验发展经费投入强度", 2024) == (2.18, r24, 11)
    # a per-10,000 rate and a per-1,000 rate printed with count units, a duration in years
    assert _actual(evaluation, "每万人口高价值发明专利拥有量", 2024) == (3.9, r24, 11)
    assert _actual(evaluation, "每千人口拥有执业(助理)医师数", 2024) == (2.9, r24, 13)
    assert _actual(evaluation, "劳动年龄人口平均受教育年限", 2024) == (10.9, r24, 13)
    # only in the 2024 report's table (附表 2024年主要指标完成情况): 65.6 and 156.1
    assert _actual(evaluation, "常住人口城镇化率", 2024) == (65.6, r24, 20)
    assert _actual(evaluation, "粮食综合生产能力", 2024) == (156.1, r24, 25)
    # grain output (粮食产量) is not grain capacity: 2023 stays unknown
    assert "2023" not in evaluation["rows"]["粮食综合生产能力"]["actuals"]
    assert evaluation["rows"]["数字经济核心产业增加值占地区生产总值比重"]["actuals"] == {}


def test_statuses_and_their_reasons(evaluation: dict[str, Any]) -> None:
    rows = evaluation["rows"]

    def st(name: str) -> tuple[str, str]:
        return rows[name]["status"], rows[name]["method"]

    # the GDP growth target is printed under 年均增长 ("—" under 目标值): 6左右 a year, 5.8 and 5.2 realised
    assert rows["地区生产总值增长"]["target"]["raw"] == "6左右"
    assert st("地区生产总值增长") == ("lagging", "average_growth")
    assert st("居民人均可支配收入增长") == ("on_track", "synchronous")
    assert "2024年增长5.1%，同期经济增长5.2%，同步" in rows["居民人均可支配收入增长"]["explanation"]
    assert st("城镇调查失业率")[0] == "achieved"
    assert st("森林覆盖率")[0] == "achieved"
    assert st("粮食综合生产能力")[0] == "achieved"
    assert st("地表水达到或好于III类水体比例")[0] == "on_track"
    # a binding indicator moving away from its target (90.1 → 89.6 against ≥92)
    air = rows["城市空气质量优良天数比率"]
    assert (air["status"], air["attribute"]) == ("at_risk", "约束性") and "与目标方向相反" in air["explanation"]
    # a five-year cut of 14 % with only 2023 and 2024 reported: the explanation says the total lacks years
    energy = rows["单位地区生产总值能源消耗降低"]
    assert (energy["status"], energy["method"]) == ("at_risk", "cumulative")
    assert "缺少2021、2022年数据，累计值偏小" in energy["explanation"]
    assert st("研究与试验发展经费投入强度") == ("lagging", "time_elapsed")
    assert st("数字经济核心产业增加值占地区生产总值比重")[0] == "no_data"
    summary = evaluation["report"]["summary"]["by_status"]
    assert sum(summary.values()) == 18 and summary.get("no_data") == 2


def test_annual_targets_hold_a_bound_and_take_the_annual_plans(evaluation: dict[str, Any]) -> None:
    rows = evaluation["rows"]
    # "<5.5" from 4.8 is a ceiling to stay under, not a level to climb to
    assert set(rows["城镇调查失业率"]["annual_targets"].values()) == {5.5}
    # the 2024 annual plan's own targets (2023 report's prose, 2024 report's table) are that year's targets
    assert rows["地区生产总值增长"]["annual_targets"]["2024"] == 5.5
    assert rows["常住人口城镇化率"]["annual_targets"]["2024"] == 65.5


def test_status_command_prints_unit_and_source(region: dict[str, Any]) -> None:
    out = cli(region["db"], "status", CITY, "--year", 2024)
    assert out.exit_code == 0, out.output
    text = "".join(out.stdout.split())
    assert "156.1万吨" in text and "进度滞后" in text and "难以完成" in text


def test_evaluation_reports_in_every_format(region: dict[str, Any]) -> None:
    root = region["root"]
    for fmt in ("html", "xlsx", "pdf"):
        res = cli(region["db"], "evaluate", CITY, "--year", 2024, "--format", fmt, "-o", root / f"eval.{fmt}")
        assert res.exit_code == 0, res.output
    html = (root / "eval.html").read_text(encoding="utf-8")
    assert "岚州市" in html and "城市空气质量优良天数比率" in html and "与经济增长基本同步" in html
    assert (root / "eval.pdf").read_bytes().startswith(b"%PDF")
    wb = load_workbook(root / "eval.xlsx", read_only=True)
    cells = {str(c) for ws in wb.worksheets for r in ws.iter_rows(values_only=True) for c in r if c is not None}
    assert "粮食综合生产能力" in cells


# --- alignment: the districts' targets against the city's, and the tasks the city gives them by name ------------

@pytest.fixture(scope="module")
def alignment(region: dict[str, Any]) -> dict[str, Any]:
    return cli_json(region["db"], "align", CITY, QINGXI, BAISHI)


def test_alignment_verdicts(alignment: dict[str, Any]) -> None:
    by = {i["canonical"]: i for i in alignment["indicators"]}

    def verdicts(cid: str) -> dict[str, str]:
        return {k: v["verdict"] for k, v in by[cid]["children"].items()}

    assert verdicts("gdp_growth") == {QINGXI: "stricter", BAISHI: "same"}  # 7左右 / 6左右 vs 6左右
    assert verdicts("rd_intensity") == {QINGXI: "stricter", BAISHI: "looser"}  # 3.2 / 1.8 vs 2.5
    assert verdicts("energy_intensity_reduction") == {QINGXI: "stricter", BAISHI: "looser"}  # 〔15〕/〔12〕 vs 〔14〕
    assert verdicts("forest_coverage") == {QINGXI: "looser", BAISHI: "stricter"}
    assert verdicts("unemployment_surveyed") == {QINGXI: "same", BAISHI: "same"}
    assert verdicts("grain_capacity")[BAISHI] == "not_comparable"  # a county's tonnage is not the city's
    assert by["energy_intensity_reduction"]["children"][BAISHI]["target"]["raw"] == "〔12〕"
    # a level judged by effort too: Baishi plans +6.4 points of urbanisation against the city's +5.5
    assert by["urbanisation_rate"]["children"][BAISHI]["effort"]["verdict"] == "stricter"


def test_tasks_assigned_by_name_are_found_in_the_district_plans(alignment: dict[str, Any]) -> None:
    tasks = [(t["child"], t["parent_text"], t["child_text"], t["score"]) for t in alignment["tasks"]]
    science = [t for t in tasks if t[0] == QINGXI and t[1].startswith("支持青溪区建设岚州科学城")]
    assert science and "高水平建设岚州科学城" in science[0][2]
    tourism = [t for t in tasks if t[0] == BAISHI and "全域旅游示范区" in t[1]]
    assert tourism and "推动创建国家全域旅游示范区" in tourism[0][2] and tourism[0][3] >= 0.9
    assert all(t[0] == QINGXI for t in tasks if "青溪区" in t[1] and "白石" not in t[1])


# --- search, commitments, projects, export ---------------------------------------------------------------------

def _hits(db: str, q: str) -> list[tuple[int, int]]:
    return [(r["plan_id"], r["line_start"]) for r in cli_json(db, "search", q)["results"]]


def test_search_short_long_and_traditional(region: dict[str, Any], plans: dict[str, dict[str, Any]]) -> None:
    city, baishi = plans[FILES["city_plan.txt"]]["id"], plans[FILES["baishi_plan.txt"]]["id"]
    assert (city, 46) in _hits(region["db"], "园区") and (baishi, 27) in _hits(region["db"], "园区")
    assert (city, 40) in _hits(region["db"], "岚州科学城集聚高新技术企业")
    forest = _hits(region["db"], "森林覆蓋率")  # traditional input finds the simplified text
    assert (city, 30) in forest and (baishi, 21) in forest


def test_commitments_are_followed_in_both_reports(region: dict[str, Any]) -> None:
    cs = {c["id"]: c for c in cli_json(region["db"], "commitments", CITY)["commitments"]}
    science = next(c for c in cs.values() if c["text"].startswith("第一节 建设岚州科学城"))
    assert {(m["source"], m["year"], m["line"]) for m in science["mentions"]} >= {
        (FILES["report_2023.txt"], 2023, 11), (FILES["report_2024.txt"], 2024, 11)}
    farm = next(c for c in cs.values() if "国家现代农业产业园" in c["text"])
    assert [(m["year"], m["line"], m["state"]) for m in farm["mentions"]] == [(2023, 12, "approved")]


def test_projects_and_export(region: dict[str, Any]) -> None:
    projects = cli_json(region["db"], "projects", CITY)
    assert projects["plan"]["region"] == CITY and projects["summary"]["items"] == 0  # no 重大项目 list
    backup = region["root"] / "backup.jsonl.gz"
    assert cli(region["db"], "export", backup).exit_code == 0
    with gzip.open(backup, "rt", encoding="utf-8") as f:
        text = f.read()
    assert "岚州科学城" in text and "lanzhou_report_2024.txt" in text


# --- the REST API over the same store ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def api(region: dict[str, Any]) -> tuple[TestClient, str]:
    db = planscope.open(region["db"])
    with db.session() as s:
        token = auth.add_user(s, "li", "editor")[1]
        s.commit()
    return TestClient(create_app(region["db"], data_dir=region["root"] / "data")), token


def test_api_reads_the_same_plan(api: tuple[TestClient, str], plans: dict[str, dict[str, Any]]) -> None:
    c, _ = api
    city = plans[FILES["city_plan.txt"]]["id"]
    ind = c.get(f"/api/plans/{city}/indicators").json()
    assert len(ind["table"]["rows"]) == 18
    status = {i["name"]: i for i in c.get(f"/api/plans/{city}/status", params={"year": 2024}).json()["indicators"]}
    assert status["城市空气质量优良天数比率"]["status"] == "at_risk"
    assert status["居民人均可支配收入增长"]["status"] == "on_track"
    al = c.get("/api/align", params={"parent": CITY, "child": [QINGXI, BAISHI]}).json()
    gdp = next(i for i in al["indicators"] if i["canonical"] == "gdp_growth")
    assert gdp["children"][QINGXI]["verdict"] == "stricter"
    assert c.get("/api/search", params={"q": "森林覆蓋率"}).json()["results"]
    assert c.get("/api/plans/9999").status_code == 404


# --- values the office enters: a name that is no indicator is refused with suggestions ---------------------------

def _csv(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([["indicator", "year", "value", "unit", "source", "note"], *rows])
    return path


def test_observe_import_reports_every_unmatched_row(region: dict[str, Any], tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'copy.db'}"
    with sqlite3.connect(region["db"].removeprefix("sqlite:///")) as src, sqlite3.connect(tmp_path / "copy.db") as dst:
        src.backup(dst)  # a store of its own: the entries below must not change the other tests' store
    f = _csv(tmp_path / "actuals.csv", [
        ["4", "2024", "8.9", "%", "2024年统计公报", ""],
        ["研发投入强度", "2023", "2.12", "%", "2023年统计公报", ""],  # the catalogue's R&D intensity: row 5
        ["全社会研发投入", "2024", "96", "亿元", "", ""],              # no such indicator in the plan
        ["新增城镇就业人数", "2024", "6.2", "万人", "", ""],            # nor this
    ])
    out = cli(db, "observe", "import", f, "--plan", CITY, "--by", "张三")
    assert out.exit_code == 1
    assert ("row 4: '全社会研发投入' matches no indicator of the plan; nearest: 5 研究与试验发展经费投入强度"
            in out.stderr)
    assert "row 5: '新增城镇就业人数' matches no indicator of the plan" in out.stderr
    assert out.stderr.strip().splitlines()[-1].startswith("error: nothing stored: 2 indicator names")
    assert cli(db, "observe", "history", CITY).stderr.strip() == "nothing entered yet"

    ok = cli(db, "observe", "import", f, "--plan", CITY, "--by", "张三", "--allow-unlinked")
    assert ok.exit_code == 0, ok.output
    assert "4 new" in ok.stdout and "created 研究与试验发展经费投入强度 2023 = 2.12%" in ok.stdout
    assert "row 3: '研发投入强度' matched 5 研究与试验发展经费投入强度 through the indicator catalogue" in ok.stderr
    note = next(ln for ln in ok.stderr.splitlines() if "'新增城镇就业人数'" in ln)
    assert note.startswith("note: row 5: '新增城镇就业人数' matches no indicator of the plan")
    assert note.endswith("stored unlinked under that name")
    history = cli_json(db, "observe", "history", CITY)["entries"]
    assert {(e["seq"], e["indicator"], e["year"]) for e in history} == {
        ("4", "数字经济核心产业增加值占地区生产总值比重", 2024), ("5", "研究与试验发展经费投入强度", 2023),
        (None, "全社会研发投入", 2024), (None, "新增城镇就业人数", 2024)}

    refused = cli(db, "observe", "add", CITY, "--indicator", "婴幼儿托位总数", "--year", 2024, "--value", "3",
                  "--by", "张三")
    assert refused.exit_code == 1 and "nearest:" in refused.stderr
    assert "11 每千人口拥有3岁以下婴幼儿托位数" in refused.stderr
    linked = cli(db, "observe", "add", CITY, "--indicator", "每千人口托位数", "--year", 2024, "--value", "3.5",
                 "--by", "张三")
    assert linked.exit_code == 0 and "created 每千人口拥有3岁以下婴幼儿托位数 2024 = 3.5个" in linked.stdout


def test_api_refuses_an_unknown_indicator_with_suggestions(api: tuple[TestClient, str], tmp_path: Path) -> None:
    c, token = api
    h = {"Authorization": f"Bearer {token}"}
    body = {"plan_id": CITY, "indicator": "全社会研发投入", "year": 2024, "value": "96"}
    r = c.post("/api/observations", json=body, headers=h)
    assert r.status_code == 422
    assert r.json()["unmatched"] == [{"name": "全社会研发投入", "line": None,
                                      "suggestions": ["5 研究与试验发展经费投入强度"]}]
    f = _csv(tmp_path / "bad.csv", [["全社会研发投入", "2024", "96", "亿元", "", ""]])
    with f.open("rb") as fh:
        r = c.post(f"/api/plans/{CITY}/observations/import", files={"file": ("bad.csv", fh, "text/csv")}, headers=h)
    assert r.status_code == 422 and r.json()["unmatched"][0]["line"] == 2
    r = c.post("/api/observations", json={**body, "allow_unlinked": True}, headers=h)
    assert r.status_code == 201 and r.json()["linked"] is False


def test_dashboard_pages_take_region_names(api: tuple[TestClient, str], plans: dict[str, dict[str, Any]]) -> None:
    c, _ = api
    page = c.get("/align", params={"parent": CITY, "child": BAISHI})
    assert page.status_code == 200 and "〔12〕" in page.text and "白石县" in page.text
    assert "没有找到规划：江州市" in c.get("/align", params={"parent": "江州市"}).text
    city = plans[FILES["city_plan.txt"]]["id"]
    monitor = c.get(f"/plans/{city}/monitor", params={"year": 2024})
    assert monitor.status_code == 200 and "城市空气质量优良天数比率" in monitor.text
