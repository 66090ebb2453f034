"""Evaluation gaps closed: prose targets when the table is lost (004), the balance check in reports, a/b rows
read per number, and annual plans' own targets (from 002's prose, entered by a person, imported from CSV)."""

from __future__ import annotations

import json
from decimal import Decimal
from html import escape
from pathlib import Path

import pytest
from typer.testing import CliRunner

import planscope
from conftest import CORPUS
from planscope.cli import app
from planscope.monitor.service import build_evaluation, plan_status
from planscope.report import render
from planscope.store import entries


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> tuple[planscope.store.Database, str]:
    url = f"sqlite:///{tmp_path_factory.mktemp('gaps') / 'corpus.db'}"
    db = planscope.open(url)
    assert db.ingest([CORPUS]).count("error") == 0
    return db, url


def _row(db: planscope.store.Database, plan: str, seq: str, year: int):  # type: ignore[no-untyped-def]
    return next(s for s in plan_status(db, plan, year) if s.evaluation.seq == seq)


def test_conghua_without_a_table_is_evaluated_on_its_prose_targets(store, tmp_path: Path) -> None:
    db, _ = store
    report = build_evaluation(db, "从化区", 2024)
    by_name = {i.name: i for i in report.indicators}
    # the 主要目标 sentences of lines 43–44 (the table itself was lost in scraping)
    assert {"地区生产总值年均增长", "人均预期寿命", "居民人均可支配收入增长"} <= set(by_name)
    assert all(i.source == "prose" for i in report.indicators)
    gdp, life, income = by_name["地区生产总值年均增长"], by_name["人均预期寿命"], by_name["居民人均可支配收入增长"]
    assert (gdp.line, life.line, income.line) == (43, 44, 44)
    assert gdp.target.raw == "6%左右" and gdp.target.value == 6 and life.target.value == Decimal("80.09")
    assert income.target.qualifier == "qualitative"
    assert report.summary.by_status == {"no_data": len(report.indicators)}  # no 从化 report is in the corpus
    assert "source=prose" in report.notes[0] and "未找到主要指标表" in report.notes[0]
    data = json.loads(render(report, "json", tmp_path / "c.json").read_text(encoding="utf-8"))
    assert {i["source"] for i in data["indicators"]} == {"prose"}
    # an actual for a prose indicator is linked through the catalogue (no table row to name)
    with db.session() as s:
        entries.add_observation(s, "从化区", "地区生产总值年均增长", 2021, "8.1", by="t", source="区统计公报")
        s.commit()
    gdp = next(i for i in build_evaluation(db, "从化区", 2021).indicators if i.name == "地区生产总值年均增长")
    assert gdp.status == "on_track" and gdp.actuals[2021].value == Decimal("8.1")
    assert gdp.balance[0]["verdict"] == "balanced"  # 5.48 % a year for 2022–2025 against the planned 6 %


def test_balance_check_gives_the_required_pace_and_warns(store, tmp_path: Path) -> None:
    db, _ = store
    report = build_evaluation(db, "花都区", 2024)
    places = next(i for i in report.indicators if i.seq == "17")
    # 2021–2023 unknown: the pace of a five-year total cannot be computed, and the report says why
    assert places.balance[0]["verdict"] is None and "缺少2021、2022、2023年" in places.balance[0]["explanation"]
    with db.session() as s:  # the years before 2024 (illustrative values, monitoring.md's example)
        for year, value in ((2021, "8.6"), (2022, "1.1"), (2023, "4.5")):
            entries.add_observation(s, "花都区", "1", year, value, by="t")
        s.commit()
    report = build_evaluation(db, "花都区", 2024)
    gdp = report.indicators[0]
    b = gdp.balance[0]
    assert b["verdict"] == "strained" and b["exceeds_limit"] and b["remaining_years"] == [2025]
    assert round(Decimal(str(b["required_pace"])), 2) == Decimal("13.24") and b["planned_pace"] == 6
    warning = next(w for w in report.warnings if "地区生产总值年均增速" in w)
    assert "13.24" in warning and "1.5倍" in warning
    data = json.loads(render(report, "json", tmp_path / "h.json").read_text(encoding="utf-8"))
    assert data["indicators"][0]["balance"][0]["verdict"] == "strained"
    html = render(report, "html", tmp_path / "h.html").read_text(encoding="utf-8")
    assert escape(warning) in html and "年度间平衡" in html


def test_pair_row_is_read_per_number(store, tmp_path: Path) -> None:
    db, _ = store
    with db.session() as s:
        entries.add_observation(s, "花都区", "机场旅客吞吐量", 2023, "6000", unit="万人次", by="t")
        entries.add_observation(s, "花都区", "机场货邮吞吐量", 2023, "205", unit="万吨", by="t")
        s.commit()
    airport = _row(db, "花都区", "8", 2023).evaluation  # 7339/192 → 10000/350
    assert [(p.name, p.target, p.actuals[2023].value) for p in airport.parts] == [
        ("机场旅客吞吐量", "10000", Decimal("6000")), ("机场货邮吞吐量", "350", Decimal("205"))]
    passengers, cargo = airport.parts
    # passengers fell since 2019 (moving away from the target); cargo grew, but too slowly
    assert passengers.status == "at_risk" and "与目标方向相反" in passengers.explanation
    assert cargo.method == "growth_ratio" and cargo.status in ("at_risk", "lagging")
    assert "6000" in airport.actuals[2023].raw and "205" in airport.actuals[2023].raw
    assert "机场旅客吞吐量：" in airport.explanation and "机场货邮吞吐量：" in airport.explanation
    assert [b["name"] for b in airport.balance] == ["机场旅客吞吐量", "机场货邮吞吐量"]
    report = build_evaluation(db, "花都区", 2023)
    data = json.loads(render(report, "json", tmp_path / "p.json").read_text(encoding="utf-8"))
    row = next(i for i in data["indicators"] if i["seq"] == "8")
    assert [p["actuals"]["2023"]["value"] for p in row["parts"]] == [6000, 205]


def test_annual_targets_from_the_annual_plan_report_and_from_people(store, tmp_path: Path) -> None:
    db, url = store
    places = _row(db, "花都区", "17", 2024).evaluation
    # 002 line 179 (the 2025 plan): 9540 + 540 places; the plan's even path is 7164 a year
    assert places.annual_plan_targets[2025].raw == "9540个+540个" and places.annual_plan_targets[2025].line == 179
    assert places.planned_path == {y: Decimal("7164") for y in range(2021, 2026)}
    assert places.annual_targets[2025] == Decimal("10080")
    runner = CliRunner()
    res = runner.invoke(app, ["observe", "target", "花都区", "--indicator", "1", "--year", "2024", "--value", "5左右",
                              "--source", "2024年国民经济和社会发展计划", "--by", "wang", "--db", url])
    assert res.exit_code == 0, res.output
    csv = tmp_path / "targets.csv"
    csv.write_text("指标,年份,目标值,来源\n2,2023,23,2023年计划\n", encoding="utf-8")
    res = runner.invoke(app, ["observe", "target", "花都区", "--file", str(csv), "--by", "wang", "--db", url])
    assert res.exit_code == 0 and "1 created" in res.stdout, res.output
    gdp = _row(db, "花都区", "1", 2024).evaluation
    assert gdp.planned_path[2024] == 6 and gdp.annual_targets[2024] == 5  # the set target, the rest re-planned
    assert gdp.annual_plan_targets[2024].entered_by == "wang" and gdp.annual_plan_targets[2024].raw == "5左右"
    labour = _row(db, "花都区", "2", 2024).evaluation  # 全员劳动生产率 21.2 → 24.8
    assert labour.annual_targets[2023] == 23 and labour.planned_path[2023] != 23
    assert labour.annual_targets[2025] == Decimal("24.8")
    res = runner.invoke(app, ["evaluate", "花都区", "--year", "2024", "--format", "json", "--db", url])
    data = json.loads(res.stdout)
    assert data["indicators"][0]["annual_plan_targets"]["2024"]["source"] == "2024年国民经济和社会发展计划"
