"""QA follow-up regressions: units of entered values, years outside a plan's period, the plan id in reports, what a
no-data explanation says is missing, the projects summary line, one default year everywhere, `| head`, and usage
errors on one line. All on 花都区's real plan (corpus 000), which prints its own base and target values."""

from __future__ import annotations

import csv
import json
import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

import planscope
from conftest import corpus_file
from planscope.api import create_app
from planscope.cli import app
from planscope.cli.projects_cmd import counts_line
from planscope.model import CellValue, IndicatorRow, Role, Span, Status
from planscope.monitor import methods
from planscope.monitor.assess import assess_row
from planscope.monitor.service import build_evaluation, default_year, plan_status
from planscope.monitor.spec import specs_from_row
from planscope.parse.values import parse_value
from planscope.store import auth
from planscope.store import entries as E

runner = CliRunner()
HTML = {"accept": "text/html"}
# Rows of 花都区's main table used below: 4 常住人口城镇化率 (%), 19 基本养老保险参保人数 (万人),
# 2 全员劳动生产率 (万元/人; base 21.2 printed, no actual anywhere in a store holding only the plan).
PERCENT_ROW, PEOPLE_ROW, RATE_ROW = "4", "19", "2"


def run(*args: object):  # type: ignore[no-untyped-def]
    return runner.invoke(app, [str(a) for a in args])


def one_error_line(result, code: int = 1) -> str:  # type: ignore[no-untyped-def]
    assert result.exit_code == code, result.output
    lines = [ln for ln in result.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    return lines[0]


def _store(root: Path) -> str:
    url = f"sqlite:///{root / 'qa.db'}"
    assert planscope.open(url).ingest([corpus_file("000")]).summary()["loaded"] == 1
    return url


@pytest.fixture()
def huadu(tmp_path: Path) -> str:
    """A store of its own per test: several tests enter values, and the default year depends on them."""
    return _store(tmp_path)


@pytest.fixture(scope="module")
def huadu_read(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A store nobody writes to."""
    return _store(tmp_path_factory.mktemp("qa_read"))


def _api(url: str, root: Path) -> tuple[TestClient, dict[str, str]]:
    with planscope.open(url).session() as s:
        token = auth.add_user(s, "qa", "editor")[1]
        s.commit()
    return TestClient(create_app(url, data_dir=root / "data")), {"Authorization": f"Bearer {token}"}


# --- 1. units ------------------------------------------------------------------------------------------------------
def test_a_value_in_a_unit_of_another_kind_is_refused(huadu: str) -> None:
    db = planscope.open(huadu)
    with db.session() as s, pytest.raises(E.EntryError, match=r"^单位不符：指标单位为%，录入单位为亿元"):
        E.add_observation(s, "花都区", PERCENT_ROW, 2024, "3", unit="亿元", by="wang")
    out = run("observe", "add", "花都区", "--indicator", PERCENT_ROW, "--year", 2024, "--value", 3, "--unit", "亿元",
              "--by", "wang", "--db", huadu)
    assert "单位不符：指标单位为%，录入单位为亿元" in one_error_line(out)
    with db.session() as s:
        assert E.entered_observations(s, db.plan("花都区").id) == []  # nothing stored, nothing monitored


def test_a_value_in_a_convertible_unit_is_stored_in_the_rows_unit(huadu: str) -> None:
    db = planscope.open(huadu)
    with db.session() as s:
        res = E.add_observation(s, "花都区", PEOPLE_ROW, 2023, "650,000", unit="人", by="wang")
        rate = E.add_observation(s, "花都区", RATE_ROW, 2023, "232000", unit="元/人", by="wang")
        s.commit()
    # the value in the row's unit (万人, 万元/人), the number and unit as typed kept with it
    assert (res.record["value"], res.record["raw"], res.record["unit"]) == ("65", "650,000", "人")
    assert res.converted == "650000人 = 65万人"
    assert rate.record["value"] == "23.2" and rate.record["unit"] == "元/人"
    # the same unit as the row, or none, is stored as entered
    with db.session() as s:
        same = E.add_observation(s, "花都区", PERCENT_ROW, 2023, "70.10", unit="%", by="wang")
        assert same.record["value"] == "70.10" and same.converted is None
    # monitoring uses the converted value, and shows what was typed
    rows = {r.evaluation.seq: r for r in plan_status(db, "花都区", 2023)}
    people = rows[PEOPLE_ROW].evaluation.actuals[2023]
    assert people.value == Decimal("65") and people.raw == "650,000人"
    assert rows[PEOPLE_ROW].status != str(Status.NO_DATA)
    assert rows[RATE_ROW].evaluation.actuals[2023].value == Decimal("23.2")


def test_the_cli_says_what_it_converted(huadu: str) -> None:
    out = run("observe", "add", "花都区", "--indicator", PEOPLE_ROW, "--year", 2022, "--value", "640000", "--unit",
              "人", "--by", "wang", "--db", huadu)
    assert out.exit_code == 0, out.output
    assert "640000人 (stored as 64万人)" in out.stdout


def test_an_import_checks_units_row_by_row(huadu: str, tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    with bad.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([["指标", "年份", "数值", "单位"], [PEOPLE_ROW, "2023", "650000", "人"],
                                 [PERCENT_ROW, "2023", "3", "亿元"]])
    db = planscope.open(huadu)
    with db.session() as s, pytest.raises(E.ImportFileError) as err:
        E.import_observations(s, "花都区", bad, by="wang")
    assert [(n, m.split("，")[0]) for n, m in err.value.problems] == [(3, "单位不符：指标单位为%")]
    good = tmp_path / "good.csv"
    good.write_text(f"指标,年份,数值,单位\n{PEOPLE_ROW},2023,650000,人\n", encoding="utf-8")
    with db.session() as s:
        rep = E.import_observations(s, "花都区", good, by="wang")
    assert rep.results[0].record["value"] == "65"


def test_the_api_refuses_a_unit_of_another_kind(huadu: str, tmp_path: Path) -> None:
    client, headers = _api(huadu, tmp_path)
    r = client.post("/api/observations", json={"plan_id": "花都区", "indicator": PERCENT_ROW, "year": 2024,
                                               "value": "3", "unit": "亿元"}, headers=headers)
    assert r.status_code == 422 and r.json()["detail"].startswith("单位不符：指标单位为%，录入单位为亿元")
    r = client.post("/api/observations", json={"plan_id": "花都区", "indicator": PEOPLE_ROW, "year": 2024,
                                               "value": "660000", "unit": "人"}, headers=headers)
    assert r.status_code == 201 and r.json()["record"]["value"] == "66"


# --- 2. years outside the plan's period ---------------------------------------------------------------------------
def test_the_base_year_and_the_period_are_accepted_other_years_refused(huadu: str, tmp_path: Path) -> None:
    db = planscope.open(huadu)
    with db.session() as s:
        for year in (2020, 2021, 2025):  # 2020: the base year the table's base column reports
            assert E.add_observation(s, "花都区", PERCENT_ROW, year, "70", by="wang").status == "created"
        for year in (2019, 2026):
            with pytest.raises(E.EntryError, match=f"year {year} is outside the plan's period 2021–2025"):
                E.add_observation(s, "花都区", PERCENT_ROW, year, "70", by="wang")
    out = run("observe", "add", "花都区", "--indicator", PERCENT_ROW, "--year", 2030, "--value", 70, "--by", "wang",
              "--db", huadu)
    assert "year 2030 is outside the plan's period 2021–2025" in one_error_line(out)
    client, headers = _api(huadu, tmp_path)
    r = client.post("/api/observations", json={"plan_id": "花都区", "indicator": PERCENT_ROW, "year": 2019,
                                               "value": "70"}, headers=headers)
    assert r.status_code == 422 and "2020, the base year, to 2025" in r.json()["detail"]


# --- 3. plan.id is the integer id ---------------------------------------------------------------------------------
def test_evaluate_json_gives_the_plan_id_as_an_integer(huadu_read: str, tmp_path: Path) -> None:
    plan_id = planscope.open(huadu_read).plan("花都区").id
    out = run("evaluate", "花都区", "--year", 2023, "--db", huadu_read)
    assert out.exit_code == 0, out.output
    assert json.loads(out.stdout)["plan"]["id"] == plan_id and isinstance(plan_id, int)
    client = TestClient(create_app(huadu_read, data_dir=tmp_path / "data"))
    assert client.get(f"/api/plans/{plan_id}/report", params={"year": 2023}).json()["plan"]["id"] == plan_id
    html = client.get(f"/api/plans/{plan_id}/report", params={"year": 2023, "format": "html"})
    assert html.status_code == 200 and f'<td class="muted">{plan_id}</td>' in html.text
    assert client.get(f"/plans/{plan_id}/monitor", params={"year": 2023}, headers=HTML).status_code == 200
    xlsx = tmp_path / "r.xlsx"
    assert run("evaluate", "花都区", "--year", 2023, "-f", "xlsx", "-o", xlsx, "--db", huadu_read).exit_code == 0


# --- 4. what a no-data explanation says is missing ----------------------------------------------------------------
def _row(base: str | None, target: str | None, unit: str = "万人") -> IndicatorRow:
    values = [CellValue(role, raw, year, parse_value(raw)) for role, raw, year in
              ((Role.BASE, base, 2020), (Role.TARGET, target, 2025)) if raw is not None]
    return IndicatorRow(name="基本养老保险参保人数", span=Span(1, 1), unit=unit, values=values)


@pytest.mark.parametrize(("base", "actuals", "said", "not_said"), [
    ("63.28", {}, "缺少2021—2024年实际值", "基期值"),
    (None, {2023: Decimal(66)}, "缺少基期值", "实际值"),
    (None, {}, "缺少基期值和2021—2024年实际值", "或"),
])
def test_no_data_names_exactly_what_is_missing(base: str | None, actuals: dict[int, Decimal], said: str,
                                               not_said: str) -> None:
    (spec,) = specs_from_row(_row(base, "67.38"), base_year=2020, target_year=2025)
    for method in (methods.growth_ratio, methods.time_elapsed, methods.projection):
        a = method(spec, actuals, 2024)
        assert a.status == Status.NO_DATA and said in a.explanation, (method, a.explanation)
        assert not_said not in a.explanation.replace(said, ""), (method, a.explanation)


def test_a_row_without_target_says_the_target_is_missing() -> None:
    (a,) = assess_row(_row("63.28", None), {}, 2024)
    assert a.status == Status.NO_DATA and a.explanation == "缺少目标值"


def test_the_real_plan_never_says_base_or_actual_when_the_base_is_printed(huadu_read: str) -> None:
    rows = {r.evaluation.seq: r.evaluation for r in plan_status(planscope.open(huadu_read), "花都区", 2024)}
    assert rows[RATE_ROW].base is not None and rows[RATE_ROW].base.value == Decimal("21.2")
    assert rows[RATE_ROW].explanation.startswith("缺少2021—2024年实际值")
    assert not any("或实际值" in e.explanation for e in rows.values())


# --- 5. the projects summary --------------------------------------------------------------------------------------
def test_projects_prints_its_counts_as_a_sentence(huadu_read: str) -> None:
    out = run("projects", "花都区", "--db", huadu_read)
    assert out.exit_code == 0, out.output
    first = out.stdout.splitlines()[0]
    assert re.search(r"（共 \d+ 项，其中储备 \d+ 项）$", first), first
    assert "{" not in out.stdout
    assert counts_line(5, {"储备": 3, "在建": 2}) == "共 5 项，其中储备 3 项、在建 2 项"
    assert counts_line(0, {}) == "共 0 项"


# --- 6. one default year ------------------------------------------------------------------------------------------
def _web_year(url: str, plan_id: int, page: str) -> int:
    from planscope.web import create_web_app

    html = TestClient(create_web_app(url)).get(f"/plans/{plan_id}/{page}", headers=HTML).text
    (year,) = re.findall(r'<option (?:value="\d{4}" )?selected>(\d{4})</option>', html)
    return int(year)


def test_cli_web_and_library_open_on_the_same_year(huadu: str) -> None:
    db = planscope.open(huadu)
    plan_id = db.plan("花都区").id
    # no actual value anywhere: the period's first year (not "last finished year", not the period's end)
    assert default_year(db, plan_id) == 2021
    assert json.loads(run("status", "花都区", "--json", "--db", huadu).stdout)["year"] == 2021
    with db.session() as s:
        E.add_observation(s, "花都区", PERCENT_ROW, 2023, "72", by="wang")
        E.add_observation(s, "花都区", PERCENT_ROW, 2020, "69", by="wang")  # the base year is not a year to evaluate
        s.commit()
    assert default_year(db, plan_id) == 2023  # the latest year with data, seen at once (the cache is versioned)
    assert build_evaluation(db, plan_id).year == 2023
    assert json.loads(run("status", "花都区", "--json", "--db", huadu).stdout)["year"] == 2023
    assert json.loads(run("evaluate", "花都区", "--db", huadu).stdout)["year"] == 2023
    assert _web_year(huadu, plan_id, "monitor") == 2023
    assert _web_year(huadu, plan_id, "reports") == 2023


# --- 7. a reader that stops early ---------------------------------------------------------------------------------
CLI = [sys.executable, "-c", "from planscope.cli import main; main()"]


@pytest.mark.parametrize("verb", [["indicators", "花都区"], ["status", "花都区", "--year", "2023"],
                                  ["evaluate", "花都区", "--year", "2023"]])
def test_piping_into_head_exits_0_quietly(huadu_read: str, verb: list[str]) -> None:
    producer = subprocess.Popen([*CLI, *verb, "--db", huadu_read], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    head = subprocess.Popen(["head", "-1"], stdin=producer.stdout, stdout=subprocess.PIPE)
    assert producer.stdout is not None and producer.stderr is not None
    producer.stdout.close()  # head holds the only read end: when it exits, the producer's pipe is broken
    first, _ = head.communicate(timeout=120)
    err = producer.stderr.read().decode()
    assert producer.wait(timeout=120) == 0, err
    assert first.strip() and err == ""


def test_a_reader_gone_before_the_first_write_is_no_error(huadu_read: str) -> None:
    # Deterministic: the read end is closed before the command writes, so every write meets a broken pipe
    # (rich's own handling of it exits 1).
    p = subprocess.Popen([*CLI, "indicators", "花都区", "--db", huadu_read], stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE)
    assert p.stdout is not None
    p.stdout.close()
    _, err = p.communicate(timeout=120)
    assert p.returncode == 0 and err.decode() == ""


# --- 8. usage errors ----------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("args", "words"), [
    (["status"], ["Missing argument", "(see planscope status --help)"]),
    (["status", "花都区", "--year", "abc"], ["'--year'", "(see planscope status --help)"]),
    (["plans", "--db"], ["'--db' requires an argument", "(see planscope plans --help)"]),
    (["observe", "add", "花都区", "--year", "2024"], ["Missing option", "(see planscope observe add --help)"]),
    (["no-such-verb"], ["No such command", "(see planscope --help)"]),
])
def test_usage_errors_are_one_line_with_exit_2(args: list[str], words: list[str]) -> None:
    line = one_error_line(run(*args), code=2)
    assert "╭" not in line and "│" not in line
    for w in words:
        assert w in line, (w, line)


def test_usage_errors_of_the_installed_command_are_one_line() -> None:
    p = subprocess.run([*CLI, "status", "--year", "x"], capture_output=True, text=True, timeout=120)
    assert p.returncode == 2 and p.stdout == ""
    assert p.stderr.strip().count("\n") == 0 and p.stderr.startswith("error: "), p.stderr


def test_help_stays_rich_and_no_arguments_still_show_it() -> None:
    out = run("status", "--help")
    assert out.exit_code == 0 and "╭─ Options" in out.stdout and "--year" in out.stdout
    bare = run("observe")
    assert bare.exit_code == 2 and "add" in bare.stdout and "error" not in bare.stderr
