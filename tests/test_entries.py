"""Data entry on the real corpus: observations entered and imported (CSV, XLSX), corrections that keep history,
target revisions, the audit trail, the migrations that create these tables, and the `observe` CLI."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from openpyxl import Workbook
from sqlalchemy import func, select
from typer.testing import CliRunner

import planscope
from conftest import corpus_file
from pg import module_store_url, pg_server, store_url  # noqa: F401  (fixtures used by name)
from planscope.cli import app
from planscope.store import entries as E
from planscope.store.queries import NotFound
from planscope.store.schema import Base
from planscope.store.schema_entry import AuditEntry, EnteredObservation

MY_TABLES = {"entered_observations", "target_revisions", "audit_log", "users", "api_tokens"}


@pytest.fixture(scope="module")
def store(module_store_url: str):  # noqa: F811  (parametrised: every test runs on SQLite and on PostgreSQL)
    db = planscope.open(module_store_url)
    report = db.ingest([corpus_file(p) for p in ("000", "001", "002", "003", "004")])
    assert report.summary()["loaded"] == 5, [f.message for f in report.errors]
    yield db, module_store_url
    db.close()


@pytest.fixture
def session(store):
    db, _ = store
    with db.session() as s:
        yield s
        s.rollback()  # each test starts from the ingested corpus


def _count(session, model) -> int:
    return session.execute(select(func.count()).select_from(model)).scalar_one()


def test_migrations_create_the_entry_and_auth_tables_as_modelled(store) -> None:
    db, _ = store  # migrated to head when opened
    with db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata)
    mine = [d for d in diff if any(t in repr(d) for t in MY_TABLES)]
    assert mine == []


def test_enter_then_same_again_then_correct_keeps_history(session) -> None:
    first = E.add_observation(session, "花都区", "1", 2024, "3.0", source="2024年统计公报", by="wang")
    assert first.status == "created" and first.linked
    rec = first.record
    assert (rec["seq"], rec["indicator"], rec["value"], rec["unit"]) == ("1", "地区生产总值年均增速", "3.0", "%")
    assert first.audit["action"] == "create" and first.audit["before"] is None and first.audit["actor"] == "wang"

    again = E.add_observation(session, "花都区", "1", 2024, "3.0", source="2024年统计公报", by="li")
    assert again.status == "unchanged" and again.audit is None and again.record["id"] == rec["id"]

    fix = E.add_observation(session, "花都区", "地区生产总值年均增速", 2024, "3.1", source="修订公报", by="li")
    assert fix.status == "corrected"
    assert fix.record["supersedes_id"] == rec["id"]
    assert fix.audit["before"]["value"] == "3.0" and fix.audit["after"]["value"] == "3.1"
    assert fix.audit["before"]["superseded_by"] == fix.record["id"]

    h = E.observation_history(session, "花都区", "1")
    assert [(e["value"], e["current"], e["entered_by"]) for e in h["entries"]] == [("3.0", False, "wang"),
                                                                                  ("3.1", True, "li")]
    assert [a["action"] for e in h["entries"] for a in e["audit"]] == ["create", "correct"]
    # Only the correction is current; nothing was deleted or overwritten.
    plan_id = h["plan_id"]
    assert [e["value"] for e in E.entered_observations(session, plan_id, year=2024)] == ["3.1"]
    assert len(E.entered_observations(session, plan_id, include_superseded=True)) == 2


def test_indicator_references(session) -> None:
    huadu, city = (planscope.store.queries.resolve_plan(session, r) for r in ("花都区", "广州市"))
    by_seq = E.resolve_indicator(session, huadu, "5")
    assert by_seq.name.startswith("研发经费支出")
    # Whitespace, full-width brackets and a trailing * do not matter in a name.
    by_name = E.resolve_indicator(session, huadu, "研发经费支出（R&D） 占地区生产总值比重")
    assert by_name.row_id == by_seq.row_id
    assert E.resolve_indicator(session, huadu, f"row:{by_seq.row_id}").row_id == by_seq.row_id
    assert E.resolve_indicator(session, huadu, by_seq.row_id).row_id == by_seq.row_id  # an int is a row id
    with pytest.raises(E.EntryError, match="seq 16 has 2 rows"):  # 城市/农村 income share seq 16 in 广州市
        E.resolve_indicator(session, city, "16")
    with pytest.raises(E.EntryError, match="no indicator with seq 99"):
        E.resolve_indicator(session, huadu, "99")
    with pytest.raises(E.EntryError, match="no indicator row"):
        E.resolve_indicator(session, huadu, "row:999999")


def test_traditional_plan_names_match_simplified_input(session) -> None:
    panyu = planscope.store.queries.resolve_plan(session, "番禺区")
    ind = E.resolve_indicator(session, panyu, "森林覆盖率")
    assert ind.row_id is not None and ind.seq


def test_indicator_outside_the_table_is_stored_unlinked(session) -> None:
    # 从化区's table was lost in scraping: values can still be entered, under the name given.
    res = E.add_observation(session, "从化区", "地区生产总值", 2024, "456.7", unit="亿元", by="zhao")
    assert res.status == "created" and not res.linked
    assert res.record["row_id"] is None and res.record["indicator"] == "地区生产总值"


@pytest.mark.parametrize(("year", "value", "message"), [
    (2024, "3,0x", "not a decimal"), (2024, "NaN", "not a finite"), (2024, "", "not a decimal"),
    ("二〇二四", "3", "not a year"), (1800, "3", "between"), ("2024.5", "3", "between"),
])
def test_bad_values_and_years_are_refused(session, year, value, message) -> None:
    with pytest.raises(E.EntryError, match=message):
        E.add_observation(session, "花都区", "1", year, value, by="wang")


def test_unknown_plan_and_missing_person(session) -> None:
    with pytest.raises(NotFound):
        E.add_observation(session, "不存在区", "1", 2024, "3", by="wang")
    with pytest.raises(E.EntryError, match="who"):
        E.add_observation(session, "花都区", "1", 2024, "3", by=" ")


def test_text_longer_than_its_column_is_refused_on_every_backend(session) -> None:
    # SQLite stores any length in a VARCHAR(n); PostgreSQL raises. Both must refuse with the same message.
    with pytest.raises(E.EntryError, match="unit is too long"):
        E.add_observation(session, "花都区", "1", 2024, "3", unit="万" * 101, by="wang")
    with pytest.raises(E.EntryError, match="name is too long"):
        E.add_observation(session, "花都区", "1", 2024, "3", by="w" * 101)
    with pytest.raises(E.EntryError, match="unit is too long"):
        E.revise_target(session, "花都区", "1", 2025, "5", unit="%" * 101, by="wang")
    # a name in no table (no row unit to convert to), since "万"*100 is no unit a % row's value converts from
    ok = E.add_observation(session, "花都区", "某项未列入指标表的指标", 2024, "3", unit="万" * 100, by="w" * 100)
    assert ok.status == "created" and ok.record["unit"] == "万" * 100


def test_decimal_kept_exact(session) -> None:
    res = E.add_observation(session, "花都区", "19", 2024, "1,234.50", by="wang")
    assert res.record["raw"] == "1,234.50" and res.record["value"] == "1234.50"
    assert E.value_number(res.record["value"]) == 1234.5


def _write_csv(path: Path, rows: list[list[str]], encoding: str = "utf-8-sig") -> Path:
    with path.open("w", encoding=encoding, newline="") as f:
        csv.writer(f).writerows(rows)
    return path


def test_csv_import_is_idempotent_and_accepts_chinese_headers(session, tmp_path: Path) -> None:
    f = _write_csv(tmp_path / "观测.csv", [["指标", "年份", "数值", "单位", "来源", "备注"],
                                          ["2", "2024", "25.5", "", "区统计局", ""],
                                          ["人均预期寿命", "2024", "82.1", "岁", "区卫健局", "初步数"]],
                   encoding="gb18030")
    rep = E.import_observations(session, "花都区", f, by="wang")
    assert rep.summary() == {"created": 2, "corrected": 0, "unchanged": 0}
    assert {r.record["batch"] for r in rep.results} == {"观测.csv"}
    assert {r.record["origin"] for r in rep.results} == {"import"}
    again = E.import_observations(session, "花都区", f, by="wang")
    assert again.summary() == {"created": 0, "corrected": 0, "unchanged": 2}
    audits = session.scalars(select(AuditEntry).where(AuditEntry.action == "import")).all()
    assert [a.after for a in audits] == [rep.summary(), again.summary()]


def test_xlsx_import_with_numbers_and_a_correction(session, tmp_path: Path) -> None:
    E.add_observation(session, "花都区", "21", 2023, "82.0", by="wang")
    wb = Workbook()
    ws = wb.active
    ws.append(["indicator", "year", "value", "unit", "source", "note"])
    ws.append([21, 2023, 82.3, None, "卫健局年报", "更正"])  # spreadsheet cells are numbers, not text
    ws.append(["全员劳动生产率", 2024, 25, "万元/人", "统计局", None])
    path = tmp_path / "values.xlsx"
    wb.save(path)
    rep = E.import_observations(session, "花都区", path, by="li")
    assert rep.summary() == {"created": 1, "corrected": 1, "unchanged": 0}
    fixed = next(r for r in rep.results if r.status == "corrected")
    assert fixed.record["value"] == "82.3" and fixed.audit["before"]["value"] == "82.0"
    assert next(r for r in rep.results if r.status == "created").record["value"] == "25"


def test_bad_import_stores_nothing_and_lists_every_bad_row(session, tmp_path: Path) -> None:
    before = _count(session, EnteredObservation)
    f = _write_csv(tmp_path / "bad.csv", [["indicator", "year", "value"], ["1", "2024", "3.0"], ["99", "2024", "1"],
                                          ["2", "abc", "1"], ["1", "2024", "3.5"]])
    with pytest.raises(E.ImportFileError) as e:
        E.import_observations(session, "花都区", f, by="wang")
    assert [n for n, _ in e.value.problems] == [3, 4, 5]  # row 5 repeats row 2's indicator and year
    assert "nothing imported" in str(e.value)
    assert _count(session, EnteredObservation) == before


def test_import_file_shape_errors(session, tmp_path: Path) -> None:
    with pytest.raises(E.EntryError, match="needs columns year"):
        E.import_observations(session, "花都区", _write_csv(tmp_path / "h.csv", [["indicator", "value"], ["1", "2"]]),
                              by="w")
    with pytest.raises(E.EntryError, match=r"csv or \.xlsx"):
        E.import_observations(session, "花都区", tmp_path / "x.json", by="w")
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"not a zip")
    with pytest.raises(E.EntryError, match="not a readable XLSX"):
        E.import_observations(session, "花都区", broken, by="w")


def test_target_revision_parses_and_supersedes(session) -> None:
    r1 = E.revise_target(session, "花都区", "1", 2025, "5.5左右", source="中期评估调整", by="admin")
    assert r1.status == "created"
    assert r1.record["parsed"]["qualifier"] == "about" and r1.record["value"] == "5.5"
    r2 = E.revise_target(session, "花都区", "1", 2025, "≥5", source="再次调整", by="admin")
    assert r2.status == "corrected" and r2.record["supersedes_id"] == r1.record["id"]
    assert r2.record["parsed"]["qualifier"] == "at_least"
    current = E.target_revisions(session, r1.record["plan_id"])
    assert [r["raw"] for r in current] == ["≥5"]
    q = E.revise_target(session, "花都区", "11", 2025, "完成广州市下达目标", by="admin")
    assert q.record["value"] is None and q.record["parsed"]["qualifier"] == "qualitative"


def test_audit_listing_filters(session) -> None:
    E.add_observation(session, "花都区", "3", 2024, "28", by="audit-a")
    E.add_observation(session, "花都区", "3", 2024, "28.5", by="audit-b")
    total, items = E.list_audit(session, table="entered_observations", limit=1)
    assert total >= 2 and len(items) == 1 and items[0]["actor"] == "audit-b"  # newest first
    total_a, items_a = E.list_audit(session, actor="audit-a")
    assert total_a == 1 and items_a[0]["action"] == "create"


# --- CLI -------------------------------------------------------------------------------------------------------
runner = CliRunner()


@pytest.fixture(autouse=True)
def wide_console(monkeypatch: pytest.MonkeyPatch) -> None:
    from planscope.cli import common

    monkeypatch.setattr(common.console, "width", 220)


def test_observe_cli_add_import_history(tmp_path: Path, store_url: str) -> None:  # noqa: F811
    db = store_url
    assert runner.invoke(app, ["ingest", str(corpus_file("000")), "--db", db]).exit_code == 0
    r = runner.invoke(app, ["observe", "add", "花都区", "--indicator", "1", "--year", "2024", "--value", "3.0",
                            "--source", "统计公报", "--note", "初值", "--by", "wang", "--db", db])
    assert r.exit_code == 0, r.output
    assert "created 地区生产总值年均增速 2024 = 3.0%" in r.stdout
    r = runner.invoke(app, ["observe", "add", "花都区", "--indicator", "地区生产总值年均增速", "--year", "2024",
                            "--value", "3.2", "--by", "li", "--db", db])
    assert "corrected" in r.stdout and "supersedes 1" in r.stdout
    f = _write_csv(tmp_path / "v.csv", [["indicator", "year", "value", "unit", "source", "note"],
                                        ["4", "2024", "70.1", "", "公报", ""]])
    r = runner.invoke(app, ["observe", "import", str(f), "--plan", "花都区", "--by", "wang", "--db", db])
    assert r.exit_code == 0 and "1 new, 0 corrected, 0 unchanged" in r.stdout
    bad = _write_csv(tmp_path / "bad.csv", [["indicator", "year", "value"], ["99", "2024", "1"]])
    r = runner.invoke(app, ["observe", "import", str(bad), "--plan", "花都区", "--by", "wang", "--db", db])
    assert r.exit_code == 1 and "row 2" in r.output and "Traceback" not in r.output
    r = runner.invoke(app, ["observe", "history", "花都区", "--indicator", "1", "--db", db])
    assert r.exit_code == 0
    assert "superseded by 2" in r.stdout and "3.0 → 3.2" in r.stdout
    r = runner.invoke(app, ["observe", "add", "花都区", "--indicator", "1", "--year", "2024", "--value", "abc",
                            "--by", "wang", "--db", db])
    assert r.exit_code == 1 and "not a decimal" in r.output
