"""The store verbs through the real CLI (typer's CliRunner): ingest, plans, show, indicators, figures, regions."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

import planscope
from conftest import CORPUS
from planscope.cli import app
from planscope.ingest import read_document
from test_store_synthetic import CITY_LINES, city_extraction, district_extraction, write_doc

runner = CliRunner()


@pytest.fixture(autouse=True)
def wide_console(monkeypatch: pytest.MonkeyPatch) -> None:
    # The consoles are made at import time with the test runner's width; tables must not wrap in assertions.
    from planscope.cli import common

    monkeypatch.setattr(common.console, "width", 200)


def run(*args: str, env: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    return runner.invoke(app, [str(a) for a in args], env=env)


@pytest.fixture
def synthetic_db(tmp_path: Path) -> tuple[str, int]:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    db = planscope.open(url)
    c = write_doc(tmp_path, "city.txt", CITY_LINES)
    d = write_doc(tmp_path, "district.txt", ["甲市乙区国民经济和社会发展第十四个五年规划纲要"])
    city = db.load(read_document(c), city_extraction("city.txt"), path=str(c))
    db.load(read_document(d), district_extraction("district.txt"), path=str(d))
    return url, city.document_id


def test_ingest_corpus_then_again(tmp_path: Path) -> None:
    db = str(tmp_path / "c.db")
    first = run("ingest", CORPUS, "--db", db)
    assert first.exit_code == 0, first.output
    assert "5 loaded, 0 new versions, 0 unchanged, 0 failed" in first.stdout
    again = run("ingest", CORPUS, "--json", "--db", db)
    assert again.exit_code == 0
    assert json.loads(again.stdout)["summary"] == {"loaded": 0, "new_version": 0, "unchanged": 5, "error": 0}
    listed = run("plans", "--all", "--json", env={"PLANSCOPE_DB": db})  # PLANSCOPE_DB works like --db
    assert sorted(p["file_name"][:3] for p in json.loads(listed.stdout)) == ["000", "001", "002", "003", "004"]


def test_ingest_reports_each_bad_file_and_exit_status(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "junk.txt").write_bytes(bytes(range(256)) * 8)
    db = str(tmp_path / "e.db")
    good = next(CORPUS.glob("004_*.txt"))
    mixed = run("ingest", tmp_path / "empty.txt", tmp_path / "junk.txt", good, "--db", db)
    assert mixed.exit_code == 0
    errors = [line for line in mixed.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 2 and "empty.txt" in errors[0] and "junk.txt" in errors[1]
    assert "Traceback" not in mixed.output
    none = run("ingest", tmp_path / "empty.txt", "--db", db)
    assert none.exit_code != 0
    assert "nothing could be read" in none.stderr


def test_plans_table_and_json(synthetic_db) -> None:
    url, city_id = synthetic_db
    table = run("plans", "--db", url)
    assert table.exit_code == 0 and "甲市" in table.stdout and "乙区" in table.stdout
    data = json.loads(run("plans", "--json", "--db", url).stdout)
    district = next(p for p in data if p["region"] == "乙区")
    assert district["parent_plan_id"] == city_id and district["period"] == [2021, 2025]


def test_show_outline_tree(synthetic_db) -> None:
    url, city_id = synthetic_db
    out = run("show", "甲市", "--db", url)
    assert out.exit_code == 0
    assert "第一章" in out.stdout and "主要成就" in out.stdout and "12" in out.stdout  # line numbers shown
    j = json.loads(run("show", str(city_id), "--json", "--db", url).stdout)
    assert [h["number"] for h in j["outline"]] == ["第一章", "一、", "专栏1", "第二章"]


def test_indicators_table_csv_xlsx(synthetic_db, tmp_path: Path) -> None:
    url, _ = synthetic_db
    shown = run("indicators", "甲市", "--db", url)
    assert shown.exit_code == 0 and "7339/192" in shown.stdout
    j = json.loads(run("indicators", "甲市", "--json", "--db", url).stdout)
    assert [r["seq"] for r in j["rows"]] == ["1", "2", "3"]
    csv_path, xlsx_path = tmp_path / "t.csv", tmp_path / "t.xlsx"
    out = run("indicators", "甲市", "--csv", csv_path, "--xlsx", xlsx_path, "--db", url)
    assert out.exit_code == 0, out.output
    with csv_path.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0][:6] == ["category", "seq", "name", "parent_name", "unit", "attribute"]
    assert "base 2020" in rows[0] and "target 2025" in rows[0]
    assert rows[2][2:5] == ["旅客/货邮吞吐量", "", "万人次/万吨"]
    assert rows[3][rows[0].index("base 2020")] == "[16.4]"
    ws = load_workbook(xlsx_path)["indicators"]
    sheet = [[c for c in r] for r in ws.iter_rows(values_only=True)]
    assert sheet[0] == rows[0]
    assert sheet[2][rows[0].index("target 2025")] == "10000/350"


def test_indicators_explain_shows_source_lines(synthetic_db) -> None:
    url, _ = synthetic_db
    out = run("indicators", "甲市", "--explain", "3", "--db", url)
    assert out.exit_code == 0
    assert "10 " in out.stdout and "完成省下达目标" in out.stdout and "cumulative" in out.stdout
    j = json.loads(run("indicators", "甲市", "--explain", "3", "--json", "--db", url).stdout)
    assert j[0]["source"] == [{"line": 10, "text": CITY_LINES[9]}]


def test_figures(synthetic_db) -> None:
    url, city_id = synthetic_db
    j = json.loads(run("figures", "甲市", "--json", "--db", url).stdout)
    assert j["plan"] == city_id and j["observations"] == []
    assert [(t["raw"], t["value"], t["line"]) for t in j["targets"]] == [("6%左右", 6, 5)]
    assert "6%左右" in run("figures", "甲市", "--db", url).stdout


def test_regions_tree(synthetic_db) -> None:
    url, _ = synthetic_db
    j = json.loads(run("regions", "--json", "--db", url).stdout)
    assert [(r["name"], [c["name"] for c in r["children"]]) for r in j] == [("甲市", ["乙区"])]


@pytest.mark.parametrize(("args", "message"), [
    (("show", "999"), "no plan with id 999"),
    (("indicators", "丙县"), "no plan id or region named '丙县'"),
    (("indicators", "乙区"), "has no indicator table"),
    (("indicators", "甲市", "--explain", "42"), "no row with seq '42'"),
    (("figures", "甲市", "--kind", "wish"), "--kind must be target or observation"),
])
def test_errors_are_one_line_and_non_zero(synthetic_db, args: tuple[str, ...], message: str) -> None:
    url, _ = synthetic_db
    out = run(*args, "--db", url)
    assert out.exit_code != 0
    assert message in out.stderr
    assert len(out.stderr.strip().splitlines()) == 1 and "Traceback" not in out.output
