"""Fast multi-row writes for the loader: rows as lists in a table's column order, holding the values exactly as the
database stores them (JSON already encoded, decimals as strings), so writing them costs no Python per row.

- `encoder(table)`: dict → list in the form SQLAlchemy itself would have bound (json.dumps for JSON columns, None
  included, as SQLAlchemy's JSON type does; ExactDecimal's string; missing columns → their scalar default).
  Runs where the rows are prepared (a Dask worker in a bulk ingest).
- `new_ids(session, table, n)`: n ids for rows about to be inserted, in increasing order, so children can point
  at parents before anything is sent.
- `insert_rows(session, table, columns, rows)`: COPY on PostgreSQL (psycopg), one executemany on SQLite, both
  inside the session's transaction (and savepoint).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any

from sqlalchemy import JSON, Boolean, Table, func, select, text
from sqlalchemy.orm import Session

from planscope.store.schema import ExactDecimal


def _convert(column: Any) -> Callable[[Any], Any]:
    t = column.type
    if isinstance(t, JSON):
        return json.dumps  # SQLAlchemy's JSON stores None as 'null' too (none_as_null is off)
    if isinstance(t, ExactDecimal):
        return lambda v: None if v is None else str(Decimal(v))
    if isinstance(t, Boolean):
        return lambda v: None if v is None else bool(v)
    return lambda v: v


def encoder(table: Table) -> Callable[[dict[str, Any]], list[Any]]:
    """A function turning a dict of column values into the stored row (a list in `table.columns` order)."""
    plan = []
    for c in table.columns:
        default = c.default.arg if c.default is not None and c.default.is_scalar else None
        plan.append((c.name, _convert(c), default))

    def encode(values: dict[str, Any]) -> list[Any]:
        return [conv(values.get(name, default)) for name, conv, default in plan]

    return encode


def columns(table: Table) -> list[str]:
    return [c.name for c in table.columns]


def new_ids(session: Session, table: Table, n: int) -> list[int]:
    """Ids for n new rows of `table`. PostgreSQL: from the id sequence (safe with concurrent writers). SQLite:
    after max(id), which is what SQLite itself would give: the caller has already written in this transaction,
    so it holds SQLite's single write lock and no other writer can take these ids meanwhile."""
    if n == 0:
        return []
    if session.get_bind().dialect.name == "postgresql":
        got = session.execute(text("SELECT nextval(pg_get_serial_sequence(:t, 'id')) FROM generate_series(1, :n)"),
                              {"t": table.name, "n": n}).scalars()
        return sorted(got)
    start = session.execute(select(func.max(table.c.id))).scalar() or 0
    return list(range(start + 1, start + n + 1))


def insert_rows(session: Session, table: str, cols: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    """Insert stored-form rows (each in `cols` order) in the session's transaction."""
    if not rows:
        return
    conn = session.connection()
    dialect = conn.dialect
    names = ", ".join(dialect.identifier_preparer.quote(c) for c in cols)
    if dialect.name == "postgresql" and dialect.driver == "psycopg":
        raw = conn.connection.driver_connection
        with raw.cursor() as cur, cur.copy(f"COPY {table} ({names}) FROM STDIN") as copy:  # type: ignore[union-attr]
            for r in rows:
                copy.write_row(r)
        return
    marks = {"qmark": "?", "format": "%s", "pyformat": "%s"}.get(dialect.paramstyle)
    if marks is None:  # another driver: let SQLAlchemy bind the values (slower, same result)
        binds = ", ".join(f":p{i}" for i in range(len(cols)))
        conn.execute(text(f"INSERT INTO {table} ({names}) VALUES ({binds})"),
                     [{f"p{i}": v for i, v in enumerate(r)} for r in rows])
        return
    # the DB-API cursor itself: SQLAlchemy would copy every row into a tuple first
    cur = conn.connection.cursor()
    try:
        cur.executemany(f"INSERT INTO {table} ({names}) VALUES ({', '.join([marks] * len(cols))})", rows)
    finally:
        cur.close()
