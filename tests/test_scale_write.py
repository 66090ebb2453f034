"""The two-step loader (store.load.prepare on a worker, store.load.write on the client) on SQLite and PostgreSQL:
ids handed out by the writer link every child to the right parent, the full-text index holds each paragraph's
folded text under its id, and a prepared document can be written again after a rollback (the retry path)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text

import planscope
from conftest import corpus_file
from pg import pg_server, store_url  # noqa: F401
from planscope.scale import parse_file
from planscope.scale.write import store_batch, writer_engine
from planscope.store import load
from planscope.store.db import session_factory
from planscope.store.fts import index_form


def _expected_parents(levels: list[int]) -> list[int | None]:
    """The nesting rule, restated: a heading's parent is the nearest earlier heading of a smaller level."""
    out: list[int | None] = []
    for i, lv in enumerate(levels):
        out.append(next((j for j in range(i - 1, -1, -1) if levels[j] < lv), None))
    return out


def _check_links(db: planscope.Database, doc_id: int, key: str) -> None:
    ex = planscope.extract(corpus_file(key))
    values_per_row = [len(r.values) for t in ex.indicator_tables for r in t.rows]
    with db.engine.connect() as c:
        q = lambda sql: list(c.execute(text(sql), {"d": doc_id}))  # noqa: E731
        secs = q("SELECT id, position, parent_id, level FROM sections WHERE document_id = :d ORDER BY position")
        assert secs and [s.id for s in secs] == sorted(s.id for s in secs)  # ids follow positions
        pos_of = {s.id: s.position for s in secs}
        assert [pos_of.get(s.parent_id) if s.parent_id else None for s in secs] == \
            _expected_parents([s.level for s in secs])
        # every value hangs off a row of the same document, every row off a table of the same document
        assert q("SELECT count(*) FROM indicator_values v JOIN indicator_rows r ON r.id = v.row_id JOIN "
                 "indicator_tables t ON t.id = r.table_id WHERE r.document_id = :d AND t.document_id <> :d") == [(0,)]
        per_row = q("SELECT count(v.id) FROM indicator_rows r LEFT JOIN indicator_values v ON v.row_id = r.id "
                    "JOIN indicator_tables t ON t.id = r.table_id WHERE r.document_id = :d "
                    "GROUP BY t.position, r.position ORDER BY t.position, r.position")
        assert [n for (n,) in per_row] == values_per_row
        paras = q("SELECT id, text FROM paragraphs WHERE document_id = :d ORDER BY id")
        index = ("SELECT paragraph_id, text FROM paragraph_search WHERE paragraph_id IN "
                 "(SELECT id FROM paragraphs WHERE document_id = :d) ORDER BY 1"
                 if db.engine.dialect.name == "postgresql" else
                 "SELECT rowid, text FROM paragraph_fts WHERE rowid IN "
                 "(SELECT id FROM paragraphs WHERE document_id = :d) ORDER BY 1")
        assert [(i, index_form(t)) for i, t in paras] == [tuple(r) for r in q(index)]


def test_prepared_rows_link_up_after_plain_and_batched_writes(store_url: str) -> None:  # noqa: F811
    db = planscope.open(store_url)
    plain = db.ingest([corpus_file("001")]).files[0]  # a plain ingest first: ids must continue after its rows
    engine = writer_engine(store_url)
    results = store_batch(session_factory(engine), [parse_file(str(corpus_file(k))) for k in ("000", "002")])
    engine.dispose()
    assert plain.status == "loaded" and [r.status for r in results] == ["loaded", "loaded"]
    for key, r in zip(("001", "000", "002"), (plain, *results), strict=True):
        assert r.document_id is not None
        _check_links(db, r.document_id, key)
    # What came through prepare/write reads back as what the parser found.
    plan = db.plan(results[0].document_id)  # type: ignore[arg-type]
    assert plan.indicators().to_json() == planscope.extract(corpus_file("000")).indicator_tables[0].to_json()
    db.close()


def test_a_prepared_document_can_be_written_again_after_a_rollback(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'again.db'}"
    db = planscope.open(url)
    empty = db.table_counts()
    it = parse_file(str(corpus_file("002")))
    assert it.prepared is not None
    sessions = session_factory(db.engine)
    with sessions() as ses:
        load.write(ses, it.prepared)
        ses.rollback()  # as a failed savepoint would
    assert db.table_counts() == empty
    with sessions.begin() as ses:
        done = load.write(ses, it.prepared)
    _check_links(db, done.document_id, "002")
    reference = planscope.open(tmp_path / "ref.db")
    reference.ingest([corpus_file("002")])
    assert db.table_counts() == reference.table_counts()
