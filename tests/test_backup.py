"""`planscope export` / `planscope import`: the whole store round-trips losslessly, SQLite ↔ PostgreSQL.

The proof is export → import into a fresh store → export again → byte-identical archives, over a store holding
every kind of row: documents and their facts, entered values with a correction, a target revision, the audit
history, users and token hashes (and the tokens still work after the move).
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from sqlalchemy import text
from typer.testing import CliRunner

import planscope
from conftest import corpus_file
from pg import pg_server  # noqa: F401
from planscope.cli import app
from planscope.store import auth, entries
from planscope.store.backup import BackupError, export_store, import_store, tables


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """A SQLite store with two real plans and one of every kind of entered row."""
    d = tmp_path_factory.mktemp("backup")
    url = f"sqlite:///{d / 'source.db'}"
    db = planscope.open(url)
    assert db.ingest([corpus_file("000"), corpus_file("001")]).count("error") == 0
    plan = db.plans()[0].id
    with db.session() as s:
        _, admin_token = auth.add_user(s, "admin1", "admin")
        auth.add_user(s, "编辑-王", "editor", actor="admin1")
        auth.create_token(s, "编辑-王", label="second", actor="admin1")
        auth.revoke_tokens(s, "编辑-王", actor="admin1")
        ind = next(r for r in db.plan(plan).indicators().rows if r.seq).seq
        entries.add_observation(s, plan, ind, 2021, "3.0", by="admin1", source="统计公报", note="含\"引号\"\n换行")
        entries.add_observation(s, plan, ind, 2021, "3.10", by="admin1")  # a correction: supersedes the first
        entries.revise_target(s, plan, ind, 2025, "6左右", by="admin1", source="中期评估")
        s.commit()
    db.close()
    return {"url": url, "dir": d, "token": admin_token, "plan": plan}


def _export(url: str, path: Path) -> bytes:
    db = planscope.open(url)
    try:
        export_store(db, path)
    finally:
        db.close()
    return path.read_bytes()


def _import(url: str, path: Path) -> None:
    db = planscope.open(url)
    try:
        import_store(db, path)
    finally:
        db.close()


def test_sqlite_round_trip_is_identical(source: dict, tmp_path: Path) -> None:
    first = _export(source["url"], tmp_path / "a.jsonl")
    target = f"sqlite:///{tmp_path / 'copy.db'}"
    _import(target, tmp_path / "a.jsonl")
    assert _export(target, tmp_path / "b.jsonl") == first
    lines = first.decode().splitlines()
    header = json.loads(lines[0])
    assert header["tables"] == [t.name for t in tables()]
    # every table of the store is in the archive, and the interesting ones are not empty
    counts = {json.loads(x)["table"]: json.loads(x)["rows"] for x in lines if x.startswith('{"table"')}
    for name in ("documents", "document_texts", "indicator_values", "paragraphs", "entered_observations",
                 "target_revisions", "audit_log", "users", "api_tokens"):
        assert counts[name] > 0, name
    copy = planscope.open(target)
    with copy.session() as s:
        assert auth.authenticate(s, source["token"]) is not None  # the token hash came along, still valid
        assert copy.search("地区生产总值")  # the full-text index was rebuilt
    copy.close()


def test_round_trip_through_postgresql(source: dict, pg_server, tmp_path: Path) -> None:  # noqa: F811
    first = _export(source["url"], tmp_path / "a.jsonl.gz")
    pg = pg_server.new_database()
    _import(pg, tmp_path / "a.jsonl.gz")
    assert gzip.decompress(_export(pg, tmp_path / "b.jsonl.gz")) == gzip.decompress(first)
    back = f"sqlite:///{tmp_path / 'back.db'}"
    _import(back, tmp_path / "b.jsonl.gz")
    assert gzip.decompress(_export(back, tmp_path / "c.jsonl.gz")) == gzip.decompress(first)
    # sequences moved past the imported ids: new rows get fresh ids, no collision
    db = planscope.open(pg)
    with db.session() as s:
        before = s.execute(text("SELECT max(id) FROM audit_log")).scalar_one()
        auth.add_user(s, "newcomer", "viewer")
        s.commit()
        assert s.execute(text("SELECT max(id) FROM audit_log")).scalar_one() > before
    db.close()


def test_sql_null_and_json_null_stay_apart(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'n.db'}"
    db = planscope.open(url)
    with db.engine.begin() as c:
        c.execute(text("INSERT INTO audit_log (at, actor, action, table_name, before, after) VALUES "
                       "('2026-01-01 00:00:00', 'x', 'create', 't', NULL, 'null')"))
    db.close()
    _export(url, tmp_path / "n.jsonl")
    _import(f"sqlite:///{tmp_path / 'm.db'}", tmp_path / "n.jsonl")
    db = planscope.open(tmp_path / "m.db")
    with db.engine.connect() as c:
        row = c.execute(text("SELECT before IS NULL, after FROM audit_log")).one()
    db.close()
    assert row == (1, "null")


def test_import_refuses_a_store_that_is_not_empty(source: dict, tmp_path: Path) -> None:
    _export(source["url"], tmp_path / "a.jsonl")
    with pytest.raises(BackupError, match="not empty"):
        _import(source["url"], tmp_path / "a.jsonl")


def test_truncated_archive_imports_nothing(source: dict, tmp_path: Path) -> None:
    data = _export(source["url"], tmp_path / "a.jsonl")
    cut = tmp_path / "cut.jsonl"
    cut.write_bytes(data[: len(data) * 2 // 3].rsplit(b"\n", 1)[0] + b"\n")
    target = f"sqlite:///{tmp_path / 't.db'}"
    with pytest.raises(BackupError, match="truncated"):
        _import(target, cut)
    db = planscope.open(target)
    assert sum(db.table_counts().values()) == 0  # all or nothing
    db.close()


def test_not_an_archive_is_refused(tmp_path: Path) -> None:
    junk = tmp_path / "junk.jsonl"
    junk.write_text('{"hello": 1}\n')
    with pytest.raises(BackupError, match="not a PlanScope backup"):
        _import(f"sqlite:///{tmp_path / 'j.db'}", junk)


def test_cli_export_import(source: dict, tmp_path: Path) -> None:
    runner = CliRunner()
    archive = tmp_path / "cli.jsonl.gz"
    r = runner.invoke(app, ["export", str(archive), "--db", source["url"], "--json"])
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["total_rows"] > 1000
    target = tmp_path / "cli.db"
    r = runner.invoke(app, ["import", str(archive), "--db", str(target)])
    assert r.exit_code == 0, r.output
    r = runner.invoke(app, ["import", str(archive), "--db", str(target)])
    assert r.exit_code == 1 and "not empty" in r.output
