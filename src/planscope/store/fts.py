"""The full-text index over stored paragraphs: its tables, and keeping it in step with `paragraphs`.

SQLite: an FTS5 virtual table `paragraph_fts` (tokenize='trigram'), rowid = paragraphs.id, holding each
paragraph's search form (normalize.fold: NFKC, lower case, no whitespace), so 指 标 in PDF text matches 指标.
PostgreSQL: a table `paragraph_search` (paragraph_id → paragraphs.id ON DELETE CASCADE, text = search form)
with a pg_trgm GIN index, which serves LIKE '%…%' for terms of 3+ characters.

Rows are written by `index_document` in the loading transaction (store/load.py; folding is Python, so it is done
ahead by `load.prepare`, on a Dask worker in a bulk ingest); they go away with their paragraph (a trigger on
SQLite, the foreign key's cascade on PostgreSQL). The migration (0002) creates the objects and indexes what is
already stored; `rebuild` does the same for any store.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence

from sqlalchemy import Connection, text
from sqlalchemy.orm import Session


def fold(text: str) -> str:
    """The form the index stores (search/normalize.py puts queries in the same form). Whole-string NFKC (C speed:
    this runs on every paragraph stored) equals the per-character folding of search.normalize.fold_with_map except
    around combining marks, which Chinese plan text does not use; there a snippet may miss a mark, the search itself
    is unaffected."""
    return "".join(unicodedata.normalize("NFKC", text).lower().split())



FTS_TABLE = "paragraph_fts"
PG_TABLE = "paragraph_search"
BATCH = 2000

_SQLITE_CREATE = [
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5(text, tokenize='trigram')",
    f"""CREATE TRIGGER IF NOT EXISTS paragraphs_fts_delete AFTER DELETE ON paragraphs BEGIN
        DELETE FROM {FTS_TABLE} WHERE rowid = old.id; END""",
]
_SQLITE_DROP = ["DROP TRIGGER IF EXISTS paragraphs_fts_delete", f"DROP TABLE IF EXISTS {FTS_TABLE}"]
_PG_CREATE = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    f"""CREATE TABLE IF NOT EXISTS {PG_TABLE} (
        paragraph_id INTEGER PRIMARY KEY REFERENCES paragraphs(id) ON DELETE CASCADE,
        text TEXT NOT NULL)""",
    f"CREATE INDEX IF NOT EXISTS ix_{PG_TABLE}_trgm ON {PG_TABLE} USING gin (text gin_trgm_ops)",
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
        batch.append({"id": pid, "text": fold(body)})
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
    with `folded` — (paragraph id, text already in `fold`'s form) for each of the document's paragraphs, as
    store/load.py's `prepare` makes them on a worker — only inserts."""
    if folded is not None:
        from planscope.store.rows import insert_rows  # COPY / plain executemany: no per-row binding in Python

        pg = _dialect(session) == "postgresql"
        insert_rows(session, PG_TABLE if pg else FTS_TABLE, ["paragraph_id" if pg else "rowid", "text"], folded)
        return len(folded)
    session.flush()
    rows = session.execute(text("SELECT id, text FROM paragraphs WHERE document_id = :d ORDER BY id"),
                           {"d": document_id})
    return _insert(session, list(rows))


def rebuild(conn: Connection) -> int:
    """(Re)create the index objects and index every stored paragraph. Returns how many were indexed."""
    drop(conn)  # dropping is much faster than deleting every row of an FTS5 table
    create(conn)
    n, last = 0, -1
    while True:  # keyset pages: never a cursor open while writing, never the whole table in memory
        rows = list(conn.execute(text("SELECT id, text FROM paragraphs WHERE id > :last ORDER BY id LIMIT :n"),
                                 {"last": last, "n": BATCH}))
        if not rows:
            return n
        n += _insert(conn, rows)
        last = rows[-1][0]


def exists(bind: Connection | Session) -> bool:
    name = PG_TABLE if _dialect(bind) == "postgresql" else FTS_TABLE
    if _dialect(bind) == "postgresql":
        return bind.execute(text("SELECT to_regclass(:n) IS NOT NULL"), {"n": name}).scalar() is True
    return bind.execute(text("SELECT count(*) FROM sqlite_master WHERE name = :n"), {"n": name}).scalar() == 1
