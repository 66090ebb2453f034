"""The search index stores each paragraph with an end mark (store.fts.END), so short terms are found through
the index's vocabulary: rebuild it once in the new form.

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    from planscope.store import fts as index

    index.rebuild(op.get_bind())


def downgrade() -> None:
    from planscope.store import fts as index

    index.rebuild(op.get_bind())  # the mark does no harm to older code: searches still match
