"""The client's job: write parsed documents into the store, a batch of files per transaction.

Each file is loaded inside its own SAVEPOINT, so a file that fails to store rolls back alone (the per-file
all-or-nothing of `Database.load`), while the batch pays for one commit instead of one per file. A crash
mid-batch loses only that uncommitted batch; everything committed before is skipped by content hash on rerun.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Engine, event, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from planscope.scale.work import Parsed
from planscope.store import db as dbmod
from planscope.store import fts, load
from planscope.store import schema as s
from planscope.store.api import ERROR, LOADED, NEW_VERSION, UNCHANGED, FileResult

HASH_CHUNK = 500  # hashes per IN (...) query: well under every backend's parameter limit


# Settings of the bulk writer's own sessions (nothing else's): see writer_engine.
SQLITE_BULK_PRAGMAS = (
    "PRAGMA synchronous=NORMAL",  # under WAL: no fsync per commit, still consistent after a crash (see below)
    "PRAGMA cache_size=-65536",  # 64 MB page cache (default 2 MB): the index and B-tree pages stay in memory
)
# (maintenance_work_mem above its 64 MB default does not make the GIN build at the end faster: measured, 256 MB
# took 10% more server CPU; gin_pending_list_limit raised instead of dropping the index costs more in all.)
PG_BULK_SETTINGS = ("SET synchronous_commit = off",)  # commit without waiting for the WAL flush (see below)


def writer_engine(url: str) -> Engine:
    """An engine for batched writes. On SQLite, pysqlite's own transaction handling would let the first
    SAVEPOINT start (and its RELEASE commit) the transaction, so hand BEGIN to SQLAlchemy (its documented recipe).
    On PostgreSQL, large values (each document's text, twice) are compressed with lz4 rather than pglz where the
    server has it: ~12% less server CPU in a bulk load; reading either is transparent.

    Durability is relaxed for this session only (SQLite synchronous=NORMAL under WAL, PostgreSQL
    synchronous_commit=off): an operating-system crash or power loss may undo the last committed batches, never
    leave a half-written one (both keep the database consistent), and a rerun loads those files again because
    their hashes are not stored. A crash of the loader itself loses nothing committed."""
    engine = dbmod.make_engine(url)
    if engine.dialect.name == "postgresql":
        @event.listens_for(engine, "connect")
        def _pg_session(dbapi_conn, _record) -> None:  # type: ignore[no-untyped-def]
            with dbapi_conn.cursor() as cur:
                for stmt in PG_BULK_SETTINGS:
                    cur.execute(stmt)
            dbapi_conn.commit()
            try:
                with dbapi_conn.cursor() as cur:
                    cur.execute("SET default_toast_compression = 'lz4'")
                dbapi_conn.commit()
            except Exception:  # PostgreSQL < 14, or built without lz4: keep the default
                dbapi_conn.rollback()
    if engine.dialect.name == "sqlite":
        @event.listens_for(engine, "connect")
        def _no_pysqlite_transactions(dbapi_conn, _record) -> None:  # type: ignore[no-untyped-def]
            dbapi_conn.isolation_level = None
            for stmt in SQLITE_BULK_PRAGMAS:
                dbapi_conn.execute(stmt)

        @event.listens_for(engine, "begin")
        def _begin(conn) -> None:  # type: ignore[no-untyped-def]
            conn.exec_driver_sql("BEGIN")
    return engine


def stored_hashes(sessions: sessionmaker[Session], hashes: Iterable[str]) -> dict[str, int]:
    """Which of these content hashes are already stored: hash → document id."""
    wanted = list(dict.fromkeys(hashes))
    found: dict[str, int] = {}
    with sessions() as ses:
        for i in range(0, len(wanted), HASH_CHUNK):
            chunk = wanted[i:i + HASH_CHUNK]
            found.update(ses.execute(select(s.Document.sha256, s.Document.id)
                                     .where(s.Document.sha256.in_(chunk))).all())
    return found


def store_batch(sessions: sessionmaker[Session], items: list[Parsed], *, defer_index: bool = False
                ) -> list[FileResult]:
    """Store parsed files in one transaction, one savepoint each. Returns one result per item, in order.
    `defer_index`: inside `fts.suspended` (SQLite: the search rows wait in the pending table for `fts.catch_up`)."""
    try:
        with sessions.begin() as ses:
            if defer_index:
                ses.info[fts.DEFER] = True
            results = [_store_one(ses, it) for it in items]
    except Exception as e:  # the commit itself failed: nothing of this batch is stored
        why = f"could not store (batch rolled back): {type(e).__name__}: {e}"
        return [FileResult(it.path, ERROR, it.error or why) for it in items]
    return results


def _stored(ses: Session, sha: str) -> tuple[int, str] | None:
    """(id, file name) of the stored document with these bytes (a Core query: no ORM object per file)."""
    row = ses.execute(select(s.Document.id, s.Document.file_name).where(s.Document.sha256 == sha).limit(1)).first()
    return (row[0], row[1]) if row else None


def _store_one(ses: Session, it: Parsed, attempts: int = 2) -> FileResult:
    if not it.ok:
        return FileResult(it.path, ERROR, it.error or "not parsed")
    assert it.prepared is not None and it.sha256 is not None
    try:
        with ses.begin_nested():
            if (same := _stored(ses, it.sha256)) is not None:
                return FileResult(it.path, UNCHANGED, f"already stored as document {same[0]} ({same[1]})", same[0])
            done = load.write(ses, it.prepared)  # only inserts: the worker prepared every row
    except IntegrityError as e:
        # Another writer (a second `planscope ingest`) may have stored the same bytes meanwhile, or a row this
        # file shares with others: the first is "unchanged", the second succeeds when tried again (writing the
        # same prepared rows again is safe: `write` sets every id afresh).
        if (same := _stored(ses, it.sha256)) is not None:
            return FileResult(it.path, UNCHANGED, "already stored (by another writer)", same[0])
        if attempts > 1:
            return _store_one(ses, it, attempts - 1)
        return FileResult(it.path, ERROR, f"could not store: {type(e).__name__}: {e.orig}")
    except Exception as e:
        return FileResult(it.path, ERROR, f"could not store: {type(e).__name__}: {e}")
    if done.version_of is not None:
        return FileResult(it.path, NEW_VERSION, f"new version of document {done.version_of}", done.document_id,
                          done.version_of)
    return FileResult(it.path, LOADED, "", done.document_id)
