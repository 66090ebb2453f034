"""QA regressions of the command line as a first-time user meets it: every error one line on stderr with a
non-zero exit, help texts that say their defaults, and tables that keep the plan id on an 80-column terminal."""

from __future__ import annotations

import json
import re
import socket
from pathlib import Path

import pytest
from typer.testing import CliRunner

import planscope
from conftest import corpus_file
from planscope.cli import app, common
from planscope.cli.store_cmds import _plan_columns

runner = CliRunner()

# A small plan written for these tests: title, two headings and a main indicator table.
TINY_PLAN = """甲市乙区国民经济和社会发展第十四个五年规划纲要
第一章 发展基础
到2025年，地区生产总值达到800亿元左右。
专栏1 “十四五”时期主要指标
序号 指标 单位 2020年 2025年 属性
1 地区生产总值年均增速 % 6 6左右 预期性
2 森林覆盖率 % 35 ≥36 约束性
"""


def run(*args: object):  # type: ignore[no-untyped-def]
    return runner.invoke(app, [str(a) for a in args])


def assert_one_line_error(result, *words: str) -> None:  # type: ignore[no-untyped-def]
    assert result.exit_code == 1, result.output
    lines = [ln for ln in result.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    assert "Traceback" not in result.output
    for w in words:
        assert w in lines[0], (w, lines[0])


@pytest.fixture(scope="module")
def huadu_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('qa') / 'qa.db'}"
    assert planscope.open(url).ingest([corpus_file("000")]).summary()["loaded"] == 1
    return url


def test_plans_keeps_ids_on_an_80_column_terminal(huadu_db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(common.console, "width", 80)
    out = run("plans", "--db", huadu_db)
    assert out.exit_code == 0, out.output
    assert max(len(ln) for ln in out.stdout.splitlines()) <= 80
    header = out.stdout.splitlines()[1]
    assert "id" in header and "region" in header and "period" in header
    first_row = out.stdout.splitlines()[3]
    assert re.match(r"│\s+1 │ 花都区 │", first_row), first_row  # the id the other verbs take, and the region


def test_plan_columns_drop_counts_before_the_essentials() -> None:
    rows = [{"id": "12", "region": "花都区", "title": "规划", "kind": "five_year_plan", "period": "2021–2025",
             "parent": "2", "headings": "196", "tables": "1", "indicators": "23", "targets": "44",
             "observations": "54"}]
    narrow, wide = _plan_columns(rows, 50), _plan_columns(rows, 300)
    assert narrow[:3] == ["id", "region", "title"] and "observations" not in narrow
    assert set(wide) == set(rows[0])


def _help_text(*verb: str) -> str:
    out = run(*verb, "--help")
    assert out.exit_code == 0
    return re.sub(r"[\s│]+", " ", out.stdout)  # the panel's borders and wrapping out of the way


@pytest.mark.parametrize(("verb", "phrase"), [
    (("indicators",), "(default: the main one)"),
    (("plans",), "SQLite file path (default: ./planscope.db)"),
    (("evaluate",), "Year to evaluate (default: latest year with data)"),
    (("evaluate",), "File to write (json: stdout when omitted)"),
    (("figures",), "target or observation (default: both)"),
    (("serve",), "(default: beside the database)"),
    (("observe", "add"), "(default: the row's unit)"),
])
def test_help_texts_keep_their_defaults(verb: tuple[str, ...], phrase: str) -> None:
    # "[default: …]" in a help string was read as rich markup and vanished ("SQLite file path .").
    assert phrase in _help_text(*verb)


@pytest.mark.parametrize("verb", ["status", "evaluate"])
@pytest.mark.parametrize("year", [1990, 2030])
def test_a_year_outside_the_plan_period_is_refused(huadu_db: str, verb: str, year: int) -> None:
    out = run(verb, "花都区", "--year", year, "--db", huadu_db)
    assert_one_line_error(out, f"year {year}", "2021–2025")
    assert out.stdout == ""


def test_a_year_inside_the_period_still_works(huadu_db: str) -> None:
    out = run("evaluate", "花都区", "--year", 2021, "--db", huadu_db)
    assert out.exit_code == 0, out.output
    assert json.loads(out.stdout)["year"] == 2021


def test_output_in_a_missing_folder_is_one_clear_line(huadu_db: str, tmp_path: Path) -> None:
    target = tmp_path / "no" / "such" / "report.html"
    out = run("evaluate", "花都区", "--year", 2024, "--format", "html", "-o", target, "--db", huadu_db)
    assert_one_line_error(out, "cannot write", "does not exist")
    out = run("indicators", "花都区", "--csv", tmp_path / "nope" / "x.csv", "--db", huadu_db)
    assert_one_line_error(out, "does not exist")
    out = run("export", tmp_path, "--db", huadu_db)  # a folder, not a file
    assert_one_line_error(out, "is a folder")
    assert "Errno" not in out.stderr


def test_database_errors_are_one_line(tmp_path: Path) -> None:
    out = run("plans", "--db", "foo://bar")
    assert_one_line_error(out, "unsupported database URL", "sqlite:///")
    with socket.socket() as s:  # a port nobody listens on: the connection is refused at once
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    out = run("plans", "--db", f"postgresql+psycopg://u:p@127.0.0.1:{port}/x")
    assert_one_line_error(out, "database error", "connection")
    assert "sqlalche.me" not in out.stderr


def test_extract_reads_folders_like_ingest(tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    (folder / "sub").mkdir(parents=True)
    (folder / "sub" / "plan.txt").write_text(TINY_PLAN, encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "notes.md").write_text("not a plan document", encoding="utf-8")  # unsupported: skipped, as ingest does
    out = run("extract", folder, "--json")
    assert out.exit_code == 1  # one file could not be read
    data = json.loads(out.stdout)
    assert [d["source"] for d in data] == ["empty.txt", "plan.txt"]
    assert "error" in data[0] and data[1]["document"]["region"] == "乙区"
    assert [r["name"] for r in data[1]["indicator_tables"][0]["rows"]] == ["地区生产总值年均增速", "森林覆盖率"]
    assert "no such file" not in out.stderr


def test_extract_of_an_empty_folder_says_so(tmp_path: Path) -> None:
    out = run("extract", tmp_path, "--json")
    assert out.exit_code == 1
    (entry,) = json.loads(out.stdout)
    assert "no supported files" in entry["error"]


def test_extract_summary_says_unknown_region_not_none(tmp_path: Path) -> None:
    doc = tmp_path / "untitled.txt"
    doc.write_text("第一章 总则\n到2025年，森林覆盖率达到36%。\n", encoding="utf-8")
    out = run("extract", doc)
    assert "None" not in out.stdout and "region unknown" in out.stdout


def test_serve_on_a_busy_port_is_one_line(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import uvicorn

    def must_not_start(*_a: object, **_k: object) -> None:
        raise AssertionError("uvicorn started on a busy port")

    monkeypatch.setattr(uvicorn, "run", must_not_start)
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        out = run("serve", "--port", port, "--db", f"sqlite:///{tmp_path / 's.db'}")
    assert_one_line_error(out, f"127.0.0.1:{port}", "--port")
