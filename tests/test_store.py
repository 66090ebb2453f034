"""The store on the real corpus: ingest, idempotence, versions, bad inputs, rollback, migrations, SQLite settings."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text

import planscope
from conftest import CORPUS
from planscope.parse import extract
from planscope.store import load as load_mod
from planscope.store.api import Database
from planscope.store.db import current_revision, head_revision
from planscope.store.fts import include_name
from planscope.store.schema import Base


@pytest.fixture(scope="module")
def corpus_db(tmp_path_factory: pytest.TempPathFactory):
    db = planscope.open(tmp_path_factory.mktemp("store") / "corpus.db")
    report = db.ingest([CORPUS])
    return db, report


def test_corpus_loads_all_five(corpus_db) -> None:
    db, report = corpus_db
    assert report.summary() == {"loaded": 5, "new_version": 0, "unchanged": 0, "error": 0}
    docs = db.documents()
    assert sorted(d.file_name[:3] for d in docs) == ["000", "001", "002", "003", "004"]
    for d in docs:
        path = next(CORPUS.glob(d.file_name))
        ex = extract(path)
        # What the store says about each document is what the parser found (title, region, kind, period).
        assert (d.title, d.region, d.kind) == (ex.document.title, ex.document.region, str(ex.document.kind))
        assert d.period == ex.document.period
        assert d.counts["headings"] == len(ex.outline)
        assert d.counts["indicators"] == sum(len(t.rows) for t in ex.indicator_tables)
        # The original lines are kept exactly, one per line of the file, for `--explain` and search.
        original = path.read_bytes().decode("utf-8-sig").splitlines()
        assert db.plan(d.id).lines(original=True) == original


def test_corpus_plans_are_the_plan_kinds(corpus_db) -> None:
    db, _ = corpus_db
    plan_ids = {p.id for p in db.plans()}
    assert plan_ids == {d.id for d in db.documents() if d.kind in ("five_year_plan", "annual_plan_report")}


def test_reingest_changes_nothing(corpus_db) -> None:
    db, _ = corpus_db
    before = db.table_counts()
    again = db.ingest([CORPUS])
    assert again.summary()["unchanged"] == 5
    assert db.table_counts() == before
    assert before["documents"] == 5 and before["document_texts"] == 5 and before["paragraphs"] > 1000


def test_modified_copy_is_a_new_version(tmp_path: Path) -> None:
    assert_new_version_keeps_the_old(planscope.open(tmp_path / "v.db"), tmp_path)


def assert_new_version_keeps_the_old(db: Database, tmp_path: Path) -> None:
    """A changed copy of a stored file becomes version 2; version 1 stays, marked not current (any backend)."""
    original = next(CORPUS.glob("004_*.txt"))
    first = db.ingest([original]).files[0]
    copy_dir = tmp_path / "v2"
    copy_dir.mkdir()
    copy = copy_dir / original.name
    shutil.copy(original, copy)
    with copy.open("a", encoding="utf-8") as f:
        f.write("\n（本文件于发布后修订）\n")
    second = db.ingest([copy]).files[0]
    assert second.status == "new_version" and second.version_of == first.document_id
    docs = db.documents(include_old_versions=True)
    assert [(d.id, d.current, d.version) for d in docs] == [(first.document_id, False, 1),
                                                            (second.document_id, True, 2)]
    assert [d.id for d in db.documents()] == [second.document_id]


def test_bad_inputs_are_reported_and_the_rest_loads(tmp_path: Path) -> None:
    bad = tmp_path / "batch"
    bad.mkdir()
    (bad / "empty.txt").write_bytes(b"")
    (bad / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (bad / "corrupt.pdf").write_bytes(b"%PDF-1.4\n\xff\xfe not really a pdf \x00\x01")
    good = next(CORPUS.glob("002_*.txt"))
    db = planscope.open(tmp_path / "b.db")
    report = db.ingest([bad / "empty.txt", bad / "binary.txt", bad / "corrupt.pdf", good, tmp_path / "missing.txt"])
    status = {Path(f.path).name: f.status for f in report.files}
    assert status == {"empty.txt": "error", "binary.txt": "error", "corrupt.pdf": "error", good.name: "loaded",
                      "missing.txt": "error"}
    assert all(f.message for f in report.errors)
    assert report.ok
    assert [d.file_name for d in db.documents()] == [good.name]
    all_bad = db.ingest([bad / "empty.txt"])
    assert not all_bad.ok


def test_failure_mid_load_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = planscope.open(tmp_path / "r.db")
    empty = db.table_counts()

    def boom(*_a: object, **_k: object) -> None:
        raise RuntimeError("disk on fire")

    # Figures are written after the document, its text, paragraphs, outline and tables: all must roll back.
    monkeypatch.setattr(load_mod, "_load_figures", boom)
    result = db.ingest([next(CORPUS.glob("001_*.txt"))]).files[0]
    assert result.status == "error" and "disk on fire" in result.message
    assert db.table_counts() == empty
    monkeypatch.undo()
    assert db.ingest([next(CORPUS.glob("001_*.txt"))]).files[0].status == "loaded"


def test_schema_comes_from_migrations_and_matches_models(tmp_path: Path) -> None:
    db = planscope.open(f"sqlite:///{tmp_path / 'm.db'}")
    assert current_revision(db.engine) == head_revision() != ""
    with db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True,
                                                                      "include_name": include_name}), Base.metadata)
        assert diff == []
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
    db.close()
    again = planscope.open(tmp_path / "m.db")  # re-opening an up-to-date store is a no-op
    assert again.table_counts()["documents"] == 0


def test_default_location_from_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLANSCOPE_DB", str(tmp_path / "env.db"))
    db = planscope.open()
    assert db.url == f"sqlite:///{tmp_path / 'env.db'}"
    monkeypatch.delenv("PLANSCOPE_DB")
    monkeypatch.chdir(tmp_path)
    assert planscope.open().url == f"sqlite:///{tmp_path / 'planscope.db'}"


def test_missing_folder_for_db_is_one_clear_error(tmp_path: Path) -> None:
    with pytest.raises(OSError, match="does not exist"):
        planscope.open(tmp_path / "nope" / "x.db")
