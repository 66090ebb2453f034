"""The full-text index over stored paragraphs: its tables, and keeping it in step with `paragraphs`.

SQLite: an FTS5 virtual table `paragraph_fts` (tokenize='trigram'), rowid = paragraphs.id, holding each
paragraph's search form (normalize.fold: NFKC, lower case, no whitespace), so 指 标 in PDF text matches 指标.
PostgreSQL: a table `paragraph_search` (paragraph_id → paragraphs.id ON DELETE CASCADE, text = search form)
with a pg_trgm GIN index, which serves LIKE '%…%' for terms of 3+ characters.

Rows are written by `index_document` in the loading transaction (store/load.py; folding is Python, so it is done
ahead by `load.prepare`, on a Dask worker in a bulk ingest); they go away with their paragraph (a trigger on
SQLite, the foreign key's cascade on PostgreSQL). The migration (0002) creates the objects and indexes what is
already stored; `rebuild` does the same for any store.

Bulk loads (planscope.scale) defer the index, the standard bulk-load technique (`suspend` … `catch_up`):
- SQLite: a writing session with `session.info[DEFER]` set puts the folded rows in `paragraph_fts_pending`
  (a plain table, in the same transaction as the document) instead of the FTS5 table; `catch_up` moves the
  pending rows into FTS5 in large chunks, with FTS5's in-memory hash enlarged and its merging deferred to one
  pass per chunk (about a third of the CPU of per-document inserts). A crash between the two leaves the rows
  pending, never lost: every ingest ends with `catch_up`; `rebuild` (`planscope search --reindex`) indexes all.
- PostgreSQL: `suspend` drops the pg_trgm GIN index (rows keep going into `paragraph_search`, now without index
  maintenance) and `catch_up` creates it once at the end (CREATE INDEX sorts once: far cheaper than maintaining
  the GIN entry by entry). Bulk loaders hold a shared advisory lock meanwhile; `catch_up` builds the index only
  when it can take that lock exclusively, so a store whose loader crashed gets its index back on the next open
  or ingest, while a running load is left alone. Without the index, search is still right, just slower.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection, Engine, text
from sqlalchemy.orm import Session


def fold(text: str) -> str:
    """The form the index stores (search/normalize.py puts queries in the same form). Whole-string NFKC (C speed:
    this runs on every paragraph stored) equals the per-character folding of search.normalize.fold_with_map except
    around combining marks, which Chinese plan text does not use; there a snippet may miss a mark, the search itself
    is unaffected."""
    return "".join(unicodedata.normalize("NFKC", text).lower().split())


# Every indexed paragraph ends with END, so that any 2-character term (绿道, 5g) begins at least one of the
# trigrams FTS5 indexes, even at a paragraph's very end: search finds short terms through the index's vocabulary
# (the trigrams that start with them) instead of scanning every paragraph. A control character: never in text.
END = "\x1f"


def index_form(text: str) -> str:
    """What the index stores for a paragraph: its search form (`fold`) and END."""
    return fold(text) + END



FTS_TABLE = "paragraph_fts"
PG_TABLE = "paragraph_search"
BATCH = 2000

_SQLITE_CREATE = [
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5(text, tokenize='trigram')",
    f"""CREATE TRIGGER IF NOT EXISTS paragraphs_fts_delete AFTER DELETE ON paragraphs BEGIN
        DELETE FROM {FTS_TABLE} WHERE rowid = old.id; END""",
]
PENDING_TABLE = "paragraph_fts_pending"  # SQLite bulk loads: rows waiting for the FTS5 table (see `catch_up`)
DEFER = "planscope.fts.defer"  # Session.info key: index_document records rows as pending (SQLite)
PG_INDEX = f"ix_{PG_TABLE}_trgm"
_PG_LOCK = 0x706C_7366  # advisory lock key of bulk loads that suspended the GIN index ("plsf")
_SQLITE_DROP = ["DROP TRIGGER IF EXISTS paragraphs_fts_delete", f"DROP TABLE IF EXISTS {FTS_TABLE}",
                f"DROP TABLE IF EXISTS {PENDING_TABLE}"]
_PG_CREATE = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    f"""CREATE TABLE IF NOT EXISTS {PG_TABLE} (
        paragraph_id INTEGER PRIMARY KEY REFERENCES paragraphs(id) ON DELETE CASCADE,
        text TEXT NOT NULL)""",
    f"CREATE INDEX IF NOT EXISTS {PG_INDEX} ON {PG_TABLE} USING gin (text gin_trgm_ops)",
]
_PG_DROP = [f"DROP TABLE IF EXISTS {PG_TABLE}"]  # the extension stays: other objects may use it


def is_index_table(name: str | None) -> bool:
    """True for the index's tables (FTS5 adds shadow tables paragraph_fts_data, _idx, …): they are not in the
    SQLAlchemy metadata, so autogenerate and schema comparisons must leave them alone."""
    return bool(name) and (name in (PG_TABLE, FTS_TABLE) or str(name).startswith(FTS_TABLE + "_"))


def include_name(name: str | None, type_: str, parent_names: dict) -> bool:  # type: ignore[type-arg]
    """Alembic `include_name` hook: skip the search index's tables."""
    return not (type_ == "table" and is_index_table(name))


def _dialect(bind: Connection | Session) -> str:
    return bind.get_bind().dialect.name if isinstance(bind, Session) else bind.dialect.name


def create(conn: Connection) -> None:
    for stmt in _PG_CREATE if _dialect(conn) == "postgresql" else _SQLITE_CREATE:
        conn.execute(text(stmt))


def drop(conn: Connection) -> None:
    for stmt in _PG_DROP if _dialect(conn) == "postgresql" else _SQLITE_DROP:
        conn.execute(text(stmt))


def _insert(bind: Connection | Session, rows: Iterable[tuple[int, str]]) -> int:
    sql = (f"INSERT INTO {PG_TABLE} (paragraph_id, text) VALUES (:id, :text)" if _dialect(bind) == "postgresql"
           else f"INSERT INTO {FTS_TABLE} (rowid, text) VALUES (:id, :text)")
    batch: list[dict[str, object]] = []
    n = 0
    for pid, body in rows:
        batch.append({"id": pid, "text": index_form(body)})
        if len(batch) >= BATCH:
            bind.execute(text(sql), batch)
            n += len(batch)
            batch = []
    if batch:
        bind.execute(text(sql), batch)
        n += len(batch)
    return n


def index_document(session: Session, document_id: int,
                   folded: Sequence[tuple[int, str]] | None = None) -> int:
    """Index the paragraphs of one document. Returns how many. Without `folded`, flushes and reads them back;
    with `folded` — (paragraph id, text already in `index_form`) for each of the document's paragraphs, as
    store/load.py's `prepare` makes them on a worker — only inserts."""
    if folded is not None:
        from planscope.store.rows import insert_rows  # COPY / plain executemany: no per-row binding in Python

        pg = _dialect(session) == "postgresql"
        if pg:
            insert_rows(session, PG_TABLE, ["paragraph_id", "text"], folded)
        elif session.info.get(DEFER):  # a bulk load: FTS5 gets these rows in one go at its end (`catch_up`)
            insert_rows(session, PENDING_TABLE, ["paragraph_id", "text"], folded)
        else:
            insert_rows(session, FTS_TABLE, ["rowid", "text"], folded)
        return len(folded)
    session.flush()
    rows = session.execute(text("SELECT id, text FROM paragraphs WHERE document_id = :d ORDER BY id"),
                           {"d": document_id})
    return _insert(session, list(rows))


def rebuild(conn: Connection) -> int:
    """(Re)create the index objects and index every stored paragraph. Returns how many were indexed."""
    pg = _dialect(conn) == "postgresql"
    drop(conn)  # dropping is much faster than deleting every row of an FTS5 table
    create(conn)
    if pg:  # the GIN index is built once the rows are in: much cheaper than maintaining it row by row
        conn.execute(text(f"DROP INDEX IF EXISTS {PG_INDEX}"))
    n, last = 0, -1
    while True:  # keyset pages: never a cursor open while writing, never the whole table in memory
        rows = list(conn.execute(text("SELECT id, text FROM paragraphs WHERE id > :last ORDER BY id LIMIT :n"),
                                 {"last": last, "n": BATCH}))
        if not rows:
            break
        n += _insert(conn, rows)
        last = rows[-1][0]
    if pg:
        create(conn)
    return n


# --- bulk loads: defer the index, catch up once (see the module's docstring) -------------------------------------

@contextmanager
def suspended(engine: Engine) -> Iterator[None]:
    """Index maintenance off for a bulk load by this process: on PostgreSQL the GIN index is dropped (under a
    shared advisory lock held until the block ends); on SQLite the pending table is made, and the loader's
    sessions must set `session.info[DEFER] = True`. Call `catch_up` after the block (not done on an error: a
    crashed loader's work is caught up by the next ingest, open or reindex all the same)."""
    if engine.dialect.name != "postgresql":
        with engine.begin() as conn:
            if exists(conn):
                conn.execute(text(f"""CREATE TABLE IF NOT EXISTS {PENDING_TABLE} (
                    paragraph_id INTEGER PRIMARY KEY REFERENCES paragraphs(id) ON DELETE CASCADE,
                    text TEXT NOT NULL)"""))
        yield
        return
    with engine.connect() as lock:
        lock.execute(text("SELECT pg_advisory_lock_shared(:k)"), {"k": _PG_LOCK})
        lock.commit()  # the lock is the session's: it outlives this transaction, and dies with the process
        try:
            with engine.begin() as conn:
                conn.execute(text(f"DROP INDEX IF EXISTS {PG_INDEX}"))
            yield
        finally:
            lock.execute(text("SELECT pg_advisory_unlock_shared(:k)"), {"k": _PG_LOCK})
            lock.commit()


def ensure_index(engine: Engine) -> bool:
    """PostgreSQL: build the GIN index if a bulk load dropped it and no bulk load is running (a crashed one
    holds no lock). Returns True when it was built. Cheap when there is nothing to do (one catalog query);
    nothing to do on SQLite."""
    if engine.dialect.name != "postgresql":
        return False
    with engine.begin() as conn:
        if not exists(conn) or conn.execute(text("SELECT to_regclass(:n) IS NOT NULL"), {"n": PG_INDEX}).scalar():
            return False
        if not conn.execute(text("SELECT pg_try_advisory_xact_lock(:k)"), {"k": _PG_LOCK}).scalar():
            return False  # a bulk load is running: it builds the index when it ends
        conn.execute(text(_PG_CREATE[-1]))
        return True


def pending(bind: Connection | Session) -> int:
    """SQLite: paragraphs stored but not yet in the FTS5 table (a bulk load running, or one that crashed)."""
    if _dialect(bind) == "postgresql":
        return 0
    if not bind.execute(text("SELECT count(*) FROM sqlite_master WHERE name = :n"), {"n": PENDING_TABLE}).scalar():
        return 0
    return int(bind.execute(text(f"SELECT count(*) FROM {PENDING_TABLE}")).scalar() or 0)


def catch_up(engine: Engine) -> int:
    """Bring the index up to date after bulk loads, finished or crashed. SQLite: the pending rows go into FTS5
    (returns how many), a chunk per transaction so other writers wait seconds at most; PostgreSQL:
    `ensure_index` (returns 1 when the index was built)."""
    if engine.dialect.name == "postgresql":
        return int(ensure_index(engine))
    with engine.connect() as c:
        if not pending(c):
            return 0
    n = 0
    with engine.connect() as c:  # a fresh connection, no transaction begun through SQLAlchemy
        raw: Any = c.connection.driver_connection  # sqlite3: BEGIN IMMEDIATE, and total_changes for the merges
        level = raw.isolation_level
        raw.isolation_level = None
        try:
            while True:
                raw.execute("BEGIN IMMEDIATE")  # the write lock first: no other writer adds pending rows meanwhile
                try:
                    moved = _move_pending(raw, CATCH_UP_CHUNK)
                    raw.execute("COMMIT")
                except BaseException:
                    raw.execute("ROLLBACK")
                    raise
                n += moved
                if moved < CATCH_UP_CHUNK:
                    return n
        finally:
            raw.isolation_level = level


CATCH_UP_CHUNK = 50_000  # paragraphs per catch-up transaction (~65 typical plans, ~0.6 s of FTS5 work)
_HASH_BULK = 64 << 20  # FTS5 'hashsize' while catching up: segments flushed per chunk, not per megabyte
_HASH_DEFAULT = 1 << 20  # FTS5's own default


def _move_pending(raw: Any, limit: int) -> int:
    # FTS5 keeps new terms in an in-memory hash and writes a segment whenever it passes 'hashsize' (1 MB by
    # default: several times per document), then merges segments as they pile up. Here the hash takes a whole
    # chunk and automatic merging waits for one merge pass at the end: about a third of the CPU of per-document
    # inserts (docs/scale.md), the same index. Both settings are stored in the table inside this transaction and
    # set back before it commits, so a crash leaves the defaults in place.
    ft = FTS_TABLE
    last = raw.execute(f"SELECT max(paragraph_id), count(*) FROM (SELECT paragraph_id FROM {PENDING_TABLE} "
                       "ORDER BY paragraph_id LIMIT ?)", (limit,)).fetchone()
    if not last[1]:
        return 0
    raw.execute(f"INSERT INTO {ft}({ft}, rank) VALUES('automerge', 0)")
    raw.execute(f"INSERT INTO {ft}({ft}, rank) VALUES('hashsize', {_HASH_BULK})")
    raw.execute(f"INSERT INTO {ft}(rowid, text) SELECT paragraph_id, text FROM {PENDING_TABLE} "
                "WHERE paragraph_id <= ? ORDER BY paragraph_id", (last[0],))
    raw.execute(f"INSERT INTO {ft}({ft}, rank) VALUES('hashsize', {_HASH_DEFAULT})")  # flushes the hash
    raw.execute(f"INSERT INTO {ft}({ft}, rank) VALUES('automerge', 4)")  # FTS5's default
    while True:
        before = raw.total_changes
        raw.execute(f"INSERT INTO {ft}({ft}, rank) VALUES('merge', 500)")
        if raw.total_changes - before < 2:  # FTS5's documented test for "no merge work left"
            break
    raw.execute(f"DELETE FROM {PENDING_TABLE} WHERE paragraph_id <= ?", (last[0],))
    return int(last[1])


def exists(bind: Connection | Session) -> bool:
    name = PG_TABLE if _dialect(bind) == "postgresql" else FTS_TABLE
    if _dialect(bind) == "postgresql":
        return bind.execute(text("SELECT to_regclass(:n) IS NOT NULL"), {"n": name}).scalar() is True
    return bind.execute(text("SELECT count(*) FROM sqlite_master WHERE name = :n"), {"n": name}).scalar() == 1
