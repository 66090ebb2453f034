"""The major-projects register on the real corpus: projects and subtotals stored and read back exactly, the
subtotal check (corpus and a planted mismatch), links from the Huadu 2024 report (002) to the Huadu plan's
专栏 projects (000) with their states, manual statuses with audit, and the CLI, API and web pages."""

from __future__ import annotations

import json
import warnings
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

import planscope
from conftest import corpus_file
from planscope.cli import app
from planscope.monitor.projects import ProjectRegister
from planscope.parse import extract
from planscope.store import auth
from planscope.store.entries import list_audit

# A county plan whose project table states a 产业发展类 subtotal (90,000) its rows do not give (92,000).
PLANTED = """某县国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要

附表 某县“十四五”重大建设项目表（万元）
序号\t项目名称\t建设内容及规模\t建设性质\t建设起止年限\t总投资\t“十四五”投资
一、\t产业发展类（3个）\t\t\t\t90,000\t60,000
1\t某县智能制造产业园\t建设标准厂房20万平方米\t新建\t2021-2025\t50,000\t40,000
2\t某县物流园二期\t建设仓储设施\t续建\t2019—2023\t30,000\t15,000
3\t某县数据中心\t建设机柜3000个\t新建\t2022-2024\t12,000\t5,000
\t合计\t\t\t\t90,000\t60,000
"""

runner = CliRunner()


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("projects")
    planted = root / "planted.txt"
    planted.write_text(PLANTED, encoding="utf-8")
    url = f"sqlite:///{root / 'p.db'}"
    db = planscope.open(url)
    report = db.ingest([corpus_file(c) for c in ("000", "001", "002", "003")] + [planted])
    assert report.summary()["error"] == 0
    ids = {Path(f.path).name[:3]: f.document_id for f in report.files}
    return {"db": db, "url": url, "ids": ids, "root": root}


@pytest.fixture(autouse=True)
def wide_console(monkeypatch: pytest.MonkeyPatch) -> None:
    from planscope.cli import common

    monkeypatch.setattr(common.console, "width", 250)


def test_001_projects_and_subtotals_read_back_exactly(store) -> None:
    parsed = extract(corpus_file("001")).projects
    stored = store["db"].plan(store["ids"]["001"]).projects()
    table = [p for p in stored if p.confidence == "table"]
    assert sum(p.kind == "item" for p in table) == 58
    assert [p.to_json() for p in stored] == [p.to_json() for p in parsed]
    for a, b in zip(parsed, stored, strict=True):  # exact Decimals, hierarchy and lines
        assert (b.total_investment, b.period_investment, b.unit) == (a.total_investment, a.period_investment, a.unit)
        assert (b.id, b.parent_id, b.kind, b.level, b.confidence) == (a.id, a.parent_id, a.kind, a.level,
                                                                       a.confidence)
    total = next(p for p in table if p.kind == "total")
    assert (total.total_investment, total.period_investment, total.stated_count) == (Decimal(50394),
                                                                                     Decimal(26788), 58)
    assert total.span.lines() == [2164, 2164]


@pytest.mark.parametrize("code", ["001", "003"])
def test_corpus_subtotals_agree_and_no_mismatch_is_reported(store, code) -> None:
    projects = store["db"].plan(store["ids"][code]).projects()
    rows = [p for p in projects if p.confidence == "table"]
    kids: dict[str, list] = {}
    for p in rows:
        kids.setdefault(p.parent_id or "", []).append(p)
    checked = 0
    for p in rows:
        under = kids.get(p.id or "", [])
        if p.total_investment is not None and under and all(c.total_investment is not None for c in under):
            assert sum(c.total_investment for c in under) == p.total_investment, p.name
            checked += 1
    assert checked >= (33 if code == "001" else 3)
    view = ProjectRegister(store["db"]).view(store["ids"][code], mentions=False)
    assert view.checks == [] and view.to_json()["summary"]["mismatches"] == 0


def test_planted_mismatch_is_stored_served_and_in_extract_json(store) -> None:
    view = ProjectRegister(store["db"]).view(store["ids"]["pla"], mentions=False)
    (c,) = [c for c in view.checks if c["column"] == "total_investment"]
    assert (c["name"], c["stated"], c["computed"], c["difference"]) == ("产业发展类（3个）", Decimal(90000),
                                                                        Decimal(92000), Decimal(-2000))
    assert c["lines"] == [5, 5] and c["child_lines"] == [6, 7, 8]
    group = view.entry(c["row_id"])
    assert group.checks == [c]
    out = runner.invoke(app, ["extract", str(store["root"] / "planted.txt"), "--json"])
    data = json.loads(out.stdout)
    assert [(m["name"], m["stated"], m["computed"]) for m in data["project_checks"]
            if m["column"] == "total_investment"] == [("产业发展类（3个）", 90000, 92000)]


def _huadu(store):
    return ProjectRegister(store["db"]).view(store["ids"]["000"])


def test_huadu_projects_linked_to_the_2024_report(store) -> None:
    view = _huadu(store)
    assert [r["source"] for r in view.reports] == ["002_93660639172b0191.txt"]
    hospital = next(e for e in view.entries if e.project.name == "广州市妇女儿童医疗中心花都院区")
    first = hospital.mentions[0]
    assert (first.year, first.kind, first.line, first.status) == (2024, "execution", 77, "在建")
    assert "主体结构基本封顶" in first.text
    assert hospital.timeline() == {2024: "在建"} and hospital.status == "在建"
    assert any(m.year == 2025 and m.kind == "plan" and m.line == 181 for m in hospital.mentions)
    roads = {e.project.name: e for e in view.entries if e.project.confidence == "listed"}
    for name in ("机场北进场路（花都大道—山前旅游大道）", "平石路（莲山路—G106国道）工程"):
        (m,) = roads[name].mentions
        assert (m.year, m.line, m.status) == (2024, 65, "竣工") and roads[name].status == "竣工"
    # 莲山路 is an end point of 平石路 and a different section at line 65: not this project's mention
    assert roads["莲山路（永安路-商业大道）工程"].mentions == []
    # the report's 市中西医结合医院 and 区人民医院 are the existing hospitals, not the plan's new branches
    for name in ("广州市中西医结合医院汽车城分院", "花都区人民医院新院"):
        assert next(e for e in view.entries if e.project.name == name).mentions == []
    silent = next(e for e in view.entries if e.project.name == "花都区脑科康复医院")
    assert silent.status == "储备" and silent.derived() == ("储备", "default")


def test_manual_status_wins_and_is_audited(store) -> None:
    reg = ProjectRegister(store["db"])
    plan = store["ids"]["000"]
    key = next(e.key for e in _huadu(store).entries if e.project.name == "花都区脑科康复医院")
    e = reg.set_status(plan, key, "新开工", by="王工", note="区卫健局报送")
    assert e.status == "新开工" and e.manual and e.manual.by == "王工"
    assert reg.entry(plan, key).to_json(mentions=False)["status_source"] == "editor"
    with pytest.raises(ValueError, match="unknown status"):
        reg.set_status(plan, key, "差不多", by="王工")
    with store["db"].session() as s:
        total, entries = list_audit(s, table="project_status", plan_id=plan)
    assert total >= 1 and entries[0]["after"]["status"] == "新开工" and entries[0]["actor"] == "王工"


def test_cli_tree_json_check_xlsx_and_status(store) -> None:
    env = {"PLANSCOPE_DB": store["url"]}
    out = runner.invoke(app, ["projects", "广州市"], env=env)
    assert out.exit_code == 0, out.output
    assert "十大工程合计 58 个大项" in out.output and "总投资 50394 / 期内投资 26788 亿元" in out.output
    out = runner.invoke(app, ["projects", "广州市", "--check"], env=env)
    assert out.exit_code == 0 and "every subtotal agrees" in out.output
    out = runner.invoke(app, ["projects", str(store["ids"]["pla"]), "--check"], env=env)
    assert out.exit_code == 1 and "列明 90000，各行合计 92000" in out.output
    out = runner.invoke(app, ["projects", "花都区", "--json"], env=env)
    data = json.loads(out.stdout)
    hosp = next(p for p in data["projects"] if p["name"] == "广州市妇女儿童医疗中心花都院区")
    assert hosp["mentions"][0]["line"] == 77 and hosp["uid"] == f"{store['ids']['000']}:{hosp['id']}"
    out = runner.invoke(app, ["projects", "花都区", "--mentions"], env=env)
    assert "行 77" in out.output
    xlsx = store["root"] / "p.xlsx"
    assert runner.invoke(app, ["projects", "广州市", "--xlsx", str(xlsx)], env=env).exit_code == 0
    city = json.loads(runner.invoke(app, ["projects", "广州市", "--json"], env=env).stdout)["projects"]
    ws = load_workbook(xlsx)["projects"]
    assert ws.max_row == 1 + len(city) and ws.cell(2, 6).value == "十大工程合计 58 个大项"
    out = runner.invoke(app, ["projects", "status", "花都区", hosp["id"], "--set", "竣工", "--by", "李"], env=env)
    assert out.exit_code == 0 and "竣工" in out.output
    out = runner.invoke(app, ["projects", "status", "花都区", "nope", "--set", "竣工", "--by", "李"], env=env)
    assert out.exit_code != 0 and "no project" in out.output


def _client(store):
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

    from planscope.api import create_app

    return TestClient(create_app(store["url"], data_dir=store["root"] / "data"))


def test_api_tree_project_and_status(store) -> None:
    c = _client(store)
    plan = store["ids"]["000"]
    r = c.get(f"/api/plans/{store['ids']['001']}/projects")
    assert r.status_code == 200
    (root,) = [n for n in r.json()["tree"] if n.get("kind") == "total"]
    assert root["total_investment"] == 50394 and len(root["children"]) == 10
    key = next(p["id"] for p in c.get(f"/api/plans/{plan}/projects").json()["projects"]
               if p["name"] == "机场北进场路（花都大道—山前旅游大道）")
    r = c.get(f"/api/projects/{plan}:{key}")
    assert r.status_code == 200
    body = r.json()
    assert body["promise"]["lines"][0] <= 2015 <= body["promise"]["lines"][1]
    assert [(m["line"], m["status"]) for m in body["project"]["mentions"]] == [(65, "竣工")]
    assert c.get(f"/api/projects/{plan}:zz9").status_code == 404
    assert c.post(f"/api/projects/{plan}:{key}/status", json={"status": "在建"}).status_code == 401
    with store["db"].session() as s:
        token = auth.add_user(s, "editor-p", "editor")[1]
        s.commit()
    h = {"Authorization": f"Bearer {token}"}
    assert c.post(f"/api/projects/{plan}:{key}/status", json={"status": "乱写"}, headers=h).status_code == 422
    r = c.post(f"/api/projects/{plan}:{key}/status", json={"status": "在建", "note": "复核"}, headers=h)
    assert r.status_code == 200 and r.json()["status_now"] == "在建"
    assert r.json()["manual_status"]["by"] == "editor-p"


def test_web_pages(store) -> None:
    c = _client(store)
    plan = store["ids"]["000"]
    r = c.get(f"/plans/{plan}/projects")
    assert r.status_code == 200 and "广州市妇女儿童医疗中心花都院区" in r.text and "各项合计与分项之和一致" in r.text
    key = next(e.key for e in _huadu(store).entries if e.project.name == "广州市妇女儿童医疗中心花都院区")
    r = c.get(f"/plans/{plan}/projects/{key}")
    assert r.status_code == 200 and "主体结构基本封顶" in r.text and "<td>77</td>" in r.text
    assert "规划承诺" in r.text and "3833" in r.text
    r = c.get(f"/plans/{store['ids']['pla']}/projects")
    assert "列明 90000，各行合计 92000" in r.text
    assert c.get("/projects").status_code == 200
    assert c.get(f"/plans/{plan}/projects/zz9").status_code == 404
