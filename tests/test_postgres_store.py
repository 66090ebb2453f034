"""The store on a real PostgreSQL (a throwaway server from tests/pg.py): the corpus loads with the same counts as
on SQLite, re-ingest is a no-op, indicator values come back as the exact Decimals parsed, versions are kept, and
the Dask bulk ingest writes the same into PostgreSQL."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

import planscope
from conftest import CORPUS
from pg import pg_server  # noqa: F401
from planscope.scale import bulk_ingest, dask_client
from test_store import assert_new_version_keeps_the_old


@pytest.fixture(scope="module")
def sqlite_counts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, int]:
    db = planscope.open(tmp_path_factory.mktemp("ref") / "ref.db")
    db.ingest([CORPUS])
    return db.table_counts()


@pytest.fixture(scope="module")
def pg_db(pg_server):  # noqa: F811
    db = planscope.open(pg_server.new_database())
    report = db.ingest([CORPUS])
    yield db, report
    db.close()


def test_corpus_loads_into_postgresql_like_sqlite(pg_db, sqlite_counts) -> None:
    db, report = pg_db
    assert db.engine.dialect.name == "postgresql"
    assert report.summary() == {"loaded": 5, "new_version": 0, "unchanged": 0, "error": 0}
    assert db.table_counts() == sqlite_counts
    assert sorted(d.file_name[:3] for d in db.documents()) == ["000", "001", "002", "003", "004"]


def test_reingest_is_a_noop(pg_db) -> None:
    db, _ = pg_db
    before = db.table_counts()
    assert db.ingest([CORPUS]).summary()["unchanged"] == 5
    assert db.table_counts() == before


def test_indicators_read_back_exactly(pg_db) -> None:
    db, _ = pg_db
    for d in db.documents():
        ex = planscope.extract(next(CORPUS.glob(d.file_name)))
        stored = db.plan(d.id).indicator_tables()
        assert [t.to_json() for t in stored] == [t.to_json() for t in ex.indicator_tables]
        for got_t, want_t in zip(stored, ex.indicator_tables, strict=True):
            for got_r, want_r in zip(got_t.rows, want_t.rows, strict=True):
                for got, want in zip(got_r.values, want_r.values, strict=True):
                    if want.parsed is None or want.parsed.value is None:
                        continue
                    # Exact decimals (NUMERIC), not floats: 5.9 stays 5.9, with its scale.
                    assert isinstance(got.parsed.value, Decimal)
                    assert (got.parsed.value, str(got.parsed.value)) == (want.parsed.value, str(want.parsed.value))
    assert sum(len(db.plan(d.id).indicator_tables()) for d in db.documents()) > 0


def test_versions_are_kept(pg_server, tmp_path: Path) -> None:  # noqa: F811
    db = planscope.open(pg_server.new_database())
    assert_new_version_keeps_the_old(db, tmp_path)
    db.close()


def test_bulk_ingest_into_postgresql(pg_server, sqlite_counts) -> None:  # noqa: F811
    url = pg_server.new_database()
    with dask_client(2, processes=False) as client:  # threads: the process-based cluster is tested on SQLite
        report = bulk_ingest(url, [CORPUS], client=client)
        assert report.summary()["loaded"] == 5
        assert bulk_ingest(url, [CORPUS], client=client).summary()["unchanged"] == 5
    db = planscope.open(url)
    assert db.table_counts() == sqlite_counts
    db.close()
