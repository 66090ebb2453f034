"""Bulk ingest defers the full-text index (store/fts.py: SQLite pending rows moved into FTS5 at the end,
PostgreSQL's GIN index dropped and built once): search then finds exactly what it finds after a plain ingest, and
a load that crashes before the index is caught up leaves its documents findable after the next ingest, open
(PostgreSQL) or reindex."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

import planscope
from conftest import CORPUS
from pg import pg_server  # noqa: F401
from planscope.scale import bulk_ingest, dask_client
from planscope.scale.write import writer_engine
from planscope.store import fts

# 3+ characters (FTS5 MATCH / the GIN index), 2 characters (SQLite's instr() path), a traditional form, and a
# query with two terms
QUERIES = ["高质量发展", "研發經費", "绿道", "新能源 汽车", "营商环境"]


@pytest.fixture(scope="module")
def client():
    with dask_client(2, processes=False) as c:  # threads: the process-based cluster is tested in test_scale_bulk
        yield c


def hits(db: Any) -> dict[str, list[tuple[str, int, float]]]:
    """Every query's hits, by file and line (ids depend on the order files finish in a bulk load)."""
    out = {}
    for q in QUERIES:
        out[q] = sorted((h.file_name, h.line_start, round(h.score, 6)) for h in db.search(q, limit=200))
    return out


@pytest.fixture(scope="module")
def plain_hits(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[tuple[str, int, float]]]:
    db = planscope.open(tmp_path_factory.mktemp("plain") / "plain.db")
    assert db.ingest([CORPUS]).summary()["loaded"] == 5
    found = hits(db)
    assert all(found.values())  # every query finds something in the corpus, or the comparisons prove nothing
    return found


@pytest.fixture(scope="module")
def pg_plain_hits(pg_server) -> dict[str, list[tuple[str, int, float]]]:  # noqa: F811
    """PostgreSQL scores differently from SQLite's bm25 (store/fts.py): its own plain ingest is the reference."""
    db = planscope.open(pg_server.new_database())
    assert db.ingest([CORPUS]).summary()["loaded"] == 5
    found = hits(db)
    db.close()
    assert all(found.values())
    return found


def index_rows(db: Any) -> tuple[int, int]:
    """(paragraphs stored, rows in the search index)."""
    with db.engine.connect() as conn:
        table = fts.PG_TABLE if db.engine.dialect.name == "postgresql" else fts.FTS_TABLE
        return (conn.execute(text("SELECT count(*) FROM paragraphs")).scalar(),
                conn.execute(text(f"SELECT count(*) FROM {table}")).scalar())


def gin_exists(db: Any) -> bool:
    with db.engine.connect() as conn:
        return bool(conn.execute(text("SELECT to_regclass(:n) IS NOT NULL"), {"n": fts.PG_INDEX}).scalar())


def crash_after(n: int):  # type: ignore[no-untyped-def]
    done: list[str] = []

    def progress(result, _done, _total) -> None:  # type: ignore[no-untyped-def]
        done.append(result.path)
        if len(done) == n:
            raise KeyboardInterrupt  # the client dies here: no catching up at the end

    return progress


# --- SQLite ------------------------------------------------------------------------------------------------------

def test_sqlite_bulk_ingest_searches_like_plain_ingest(client, plain_hits, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'bulk.db'}"
    report = bulk_ingest(url, [CORPUS], client=client)
    assert report.summary()["loaded"] == 5 and report.stats["index_s"] > 0
    db = planscope.open(url)
    paragraphs, indexed = index_rows(db)
    assert indexed == paragraphs > 0
    with db.engine.connect() as conn:
        assert fts.pending(conn) == 0
        # FTS5's merging is back to its default once the deferred rows are in
        config = dict(conn.execute(text(f"SELECT k, v FROM {fts.FTS_TABLE}_config")).all())
        assert config["automerge"] == 4 and config["hashsize"] == 1 << 20  # FTS5's defaults are back
    assert hits(db) == plain_hits


def test_sqlite_bulk_ingest_without_deferring_writes_the_index_per_document(client, plain_hits, tmp_path) -> None:
    url = f"sqlite:///{tmp_path / 'direct.db'}"
    report = bulk_ingest(url, [CORPUS], client=client, defer_index=False)
    assert report.summary()["loaded"] == 5
    db = planscope.open(url)
    with db.engine.connect() as conn:
        assert not conn.execute(text("SELECT count(*) FROM sqlite_master WHERE name = :n"),
                                {"n": fts.PENDING_TABLE}).scalar()
    assert hits(db) == plain_hits


@pytest.mark.parametrize("recover", ["plain ingest", "reindex", "bulk ingest"])
def test_sqlite_crash_before_indexing_is_caught_up(client, plain_hits, tmp_path: Path, recover: str) -> None:
    url = f"sqlite:///{tmp_path / 'crash.db'}"
    with pytest.raises(KeyboardInterrupt):
        bulk_ingest(url, [CORPUS], client=client, batch_size=1, progress=crash_after(2))
    db = planscope.open(url)
    stored = {d.file_name for d in db.documents()}
    assert 2 <= len(stored) < 5
    with db.engine.connect() as conn:
        assert fts.pending(conn) == index_rows(db)[0] > 0  # stored, committed, not yet searchable
    assert db.search("高质量发展") == []

    if recover == "plain ingest":  # any ingest catches up, even one with nothing new to load
        assert db.ingest([]).summary() == {"loaded": 0, "new_version": 0, "unchanged": 0, "error": 0}
    elif recover == "reindex":
        db.reindex()
    else:  # the rerun loads the rest and indexes them with the ones left pending
        assert bulk_ingest(url, [CORPUS], client=client).summary()["unchanged"] == len(stored)
        stored = {d.file_name for d in db.documents()}
    paragraphs, indexed = index_rows(db)
    assert indexed == paragraphs
    with db.engine.connect() as conn:
        assert fts.pending(conn) == 0
    found = {f for q in QUERIES for f, _, _ in hits(db)[q]}
    assert found and found <= stored
    if recover != "bulk ingest":
        db.ingest([CORPUS])
    assert hits(db) == plain_hits


def test_sqlite_pending_rows_go_with_their_document(client, tmp_path: Path, monkeypatch) -> None:
    """A pending paragraph deleted before the catch-up (its document deleted) is not indexed afterwards; the
    catch-up works through the rest in chunks, one transaction each."""
    url = f"sqlite:///{tmp_path / 'del.db'}"
    with pytest.raises(KeyboardInterrupt):
        bulk_ingest(url, [CORPUS], client=client, batch_size=1, progress=crash_after(2))
    monkeypatch.setattr(fts, "CATCH_UP_CHUNK", 20)
    engine = writer_engine(url)
    with engine.begin() as conn:
        doc = conn.execute(text("SELECT min(id) FROM documents")).scalar()
        conn.execute(text("DELETE FROM paragraphs WHERE document_id = :d"), {"d": doc})
    with engine.connect() as conn:
        left = fts.pending(conn)
    assert left > 2 * 20  # several chunks
    assert fts.catch_up(engine) == left
    engine.dispose()
    db = planscope.open(url)
    paragraphs, indexed = index_rows(db)
    assert indexed == paragraphs
    assert {f for f, _, _ in hits(db)["高质量发展"]} == {d.file_name for d in db.documents() if d.id != doc}


# --- PostgreSQL --------------------------------------------------------------------------------------------------

def test_postgresql_bulk_ingest_searches_like_plain_ingest(client, pg_plain_hits, pg_server) -> None:  # noqa: F811
    url = pg_server.new_database()
    report = bulk_ingest(url, [CORPUS], client=client)
    assert report.summary()["loaded"] == 5
    db = planscope.open(url)
    assert gin_exists(db)
    paragraphs, indexed = index_rows(db)
    assert indexed == paragraphs > 0
    assert hits(db) == pg_plain_hits
    with db.engine.connect() as conn:  # the bulk writer compresses the documents' text with lz4 (scale/write.py)
        assert conn.execute(text("SELECT DISTINCT pg_column_compression(original) FROM document_texts")).all() \
            == [("lz4",)]
    db.close()


def test_postgresql_crash_leaves_index_missing_and_open_rebuilds_it(client, pg_plain_hits, pg_server) -> None:  # noqa: F811
    url = pg_server.new_database()
    with pytest.raises(KeyboardInterrupt):
        bulk_ingest(url, [CORPUS], client=client, batch_size=1, progress=crash_after(2))
    raw = planscope.open(url, migrate=False)  # no repair without migrate: see the state the crash left
    assert not gin_exists(raw)
    raw.close()
    db = planscope.open(url)  # opening notices the missing index and builds it (no bulk load holds the lock)
    assert gin_exists(db)
    assert {f for q in QUERIES for f, _, _ in hits(db)[q]} <= {d.file_name for d in db.documents()}
    db.ingest([CORPUS])
    assert hits(db) == pg_plain_hits
    db.close()


def test_postgresql_running_load_keeps_index_off_until_it_ends(pg_server) -> None:  # noqa: F811
    url = pg_server.new_database()
    db = planscope.open(url)
    assert gin_exists(db)
    with fts.suspended(db.engine):  # a bulk load in progress (holding the shared lock)
        assert not gin_exists(db)
        other = planscope.open(url)  # another process opening the store leaves the running load alone
        assert not gin_exists(other)
        other.close()
    assert fts.catch_up(db.engine) == 1 and gin_exists(db)
    assert fts.catch_up(db.engine) == 0  # nothing left to do
    db.close()


def test_postgresql_small_load_into_a_big_store_keeps_the_index(pg_server, monkeypatch) -> None:  # noqa: F811
    """Rebuilding the whole GIN index for a few files would cost more than maintaining it as they load."""
    from planscope.scale import bulk

    url = pg_server.new_database()
    db = planscope.open(url)
    db.ingest([CORPUS / name for name in sorted(p.name for p in CORPUS.glob("00[0-3]_*"))])
    dropped: list[bool] = []
    real = fts.suspended
    monkeypatch.setattr(bulk.fts, "suspended", lambda e: (dropped.append(True), real(e))[1])
    with dask_client(1, processes=False) as c:
        assert bulk_ingest(url, [CORPUS], client=c).summary()["loaded"] == 1  # 1 new file, 4 stored
    assert dropped == [] and gin_exists(db)
    db.close()


def test_sqlite_long_load_is_indexed_chunk_by_chunk(client, plain_hits, tmp_path: Path, monkeypatch) -> None:
    """A load with more pending paragraphs than a chunk indexes them as it goes: a crash leaves only the last
    chunk's worth unindexed."""
    monkeypatch.setattr(fts, "CATCH_UP_CHUNK", 500)
    url = f"sqlite:///{tmp_path / 'chunks.db'}"
    with pytest.raises(KeyboardInterrupt):
        bulk_ingest(url, [CORPUS], client=client, batch_size=1, progress=crash_after(3))
    db = planscope.open(url)
    paragraphs, indexed = index_rows(db)
    with db.engine.connect() as conn:
        left = fts.pending(conn)
    assert indexed > 0 and left < 500 and indexed + left == paragraphs
    assert bulk_ingest(url, [CORPUS], client=client).stats["index_s"] > 0
    assert hits(db) == plain_hits
