"""Alembic environment for the PlanScope store (used by `planscope.store.db.migrate` and by `alembic -c`)."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from planscope.store import schema_commitments, schema_entry, schema_projects  # noqa: F401  (register their tables on Base)
from planscope.store.fts import include_name
from planscope.store.schema import Base

config = context.config
target_metadata = Base.metadata


def _run(connection) -> None:  # type: ignore[no-untyped-def]
    # render_as_batch: SQLite cannot ALTER most things; batch mode copies the table, PostgreSQL alters in place.
    # include_name: the full-text index's tables are made by raw DDL (0002), not by the metadata.
    context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True,
                      compare_type=True, include_name=include_name)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:  # called from planscope.store.db.migrate
        _run(connection)
        return
    url = context.get_x_argument(as_dictionary=True).get("url") or config.get_main_option("sqlalchemy.url")
    engine = create_engine(url)
    with engine.begin() as conn:
        _run(conn)


if context.is_offline_mode():
    context.configure(url=config.get_main_option("sqlalchemy.url"), target_metadata=target_metadata,
                      literal_binds=True, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()
else:
    run_migrations_online()
