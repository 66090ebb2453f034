"""`planscope catalog list|show|unmatched`."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from conftest import GOLD
from planscope.cli import app

runner = CliRunner()


def test_list_and_show():
    r = runner.invoke(app, ["catalog", "list", "--json"])
    assert r.exit_code == 0
    ids = {i["id"] for i in json.loads(r.stdout)}
    assert {"gdp", "rd_intensity", "patents_high_value_per_10k"} <= ids
    r = runner.invoke(app, ["catalog", "list", "--category", "green", "--json"])
    assert r.exit_code == 0
    green = {i["id"] for i in json.loads(r.stdout)}
    assert "forest_coverage" in green and "gdp" not in green
    r = runner.invoke(app, ["catalog", "list"])
    assert r.exit_code == 0 and f"{len(ids)} indicators" in r.stdout
    r = runner.invoke(app, ["catalog", "show", "patents_high_value_per_10k", "--json"])
    assert r.exit_code == 0
    assert "patents_invention_per_10k" in json.loads(r.stdout)["not_same_as"]


def test_show_unknown_is_one_line_error():
    r = runner.invoke(app, ["catalog", "show", "no_such_indicator"])
    assert r.exit_code == 1 and "Traceback" not in r.output


def test_unmatched_on_gold_tables_and_observations():
    r = runner.invoke(app, ["catalog", "unmatched", str(GOLD / "001_13th_completion.json"), "--json"])
    assert r.exit_code == 0
    out = json.loads(r.stdout)
    assert out["names"] == out["matched"] == 44 and out["results"] == []
    r = runner.invoke(app, ["catalog", "unmatched", str(GOLD / "002_huadu_2024_actuals_2025_targets.json"), "--json"])
    out = json.loads(r.stdout)
    listed = {x["name"] for x in out["results"]}
    assert "植树" in listed and "地区生产总值" not in listed


def test_unmatched_with_user_catalogue(tmp_path):
    f = tmp_path / "extra.csv"
    f.write_text("id,name,unit,measure,direction,category\ntree_planting,植树,万株,count,higher,green\n",
                 encoding="utf-8")
    gold = str(GOLD / "002_huadu_2024_actuals_2025_targets.json")
    r = runner.invoke(app, ["catalog", "unmatched", gold, "--json", "--catalog", str(f)])
    assert r.exit_code == 0
    assert "植树" not in {x["name"] for x in json.loads(r.stdout)["results"]}


def test_unmatched_missing_file(tmp_path):
    r = runner.invoke(app, ["catalog", "unmatched", str(tmp_path / "nope.json")])
    assert r.exit_code == 1
