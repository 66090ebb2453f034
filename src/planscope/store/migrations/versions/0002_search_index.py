"""Full-text search index over paragraphs (FTS5 trigram on SQLite, pg_trgm on PostgreSQL).

The objects and how they are kept in step live in planscope.store.fts (one place for the migration, for
`rebuild`, and for the loader); this revision creates them and indexes any paragraphs already stored.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    from planscope.store import fts as index

    index.rebuild(op.get_bind())


def downgrade() -> None:
    from planscope.store import fts as index

    index.drop(op.get_bind())
