"""Project register: subtotal checks of project tables and manual project statuses.

Tables: project_checks (stated subtotal vs the sum of its rows, for every mismatch the parser's checker found),
project_status (statuses set by editors, append-only history). Report mentions are computed when asked.

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def _doc_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(["document_id"], ["documents.id"], name=op.f(f"fk_{table}_document_id_documents"),
                                   ondelete="CASCADE")


def upgrade() -> None:
    op.create_table(
        "project_checks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("table_title", sa.Text(), nullable=True),
        sa.Column("project_key", sa.String(length=50), nullable=True),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("column", sa.String(length=100), nullable=False),
        sa.Column("stated", sa.String(length=40), nullable=False),
        sa.Column("computed", sa.String(length=40), nullable=False),
        sa.Column("line_start", sa.Integer(), nullable=False),
        sa.Column("line_end", sa.Integer(), nullable=False),
        sa.Column("child_lines", sa.JSON(), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        _doc_fk("project_checks"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_project_checks")),
    )
    op.create_index(op.f("ix_project_checks_document_id"), "project_checks", ["document_id"])
    op.create_table(
        "project_status",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("project_key", sa.String(length=50), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("set_by", sa.String(length=200), nullable=False),
        sa.Column("set_at", sa.DateTime(timezone=True), nullable=False),
        _doc_fk("project_status"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_project_status")),
    )
    op.create_index(op.f("ix_project_status_document_id"), "project_status", ["document_id"])
    op.create_index(op.f("ix_project_status_project_key"), "project_status", ["project_key"])


def downgrade() -> None:
    op.drop_table("project_status")
    op.drop_table("project_checks")
