"""Commitments register, places, ownership and links to report paragraphs.

Tables: commitments (parsed commitments of a plan, keyed by their stable id), ownerships (department and due
year of a commitment or an indicator), commitment_audit (one row per changed ownership field). Links to report
paragraphs are computed when asked (monitor/commitments.py), not stored.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def _doc_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(["document_id"], ["documents.id"], name=op.f(f"fk_{table}_document_id_documents"),
                                   ondelete="CASCADE")


def upgrade() -> None:
    op.create_table(
        "commitments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=100), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("path", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("line_start", sa.Integer(), nullable=False),
        sa.Column("line_end", sa.Integer(), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        _doc_fk("commitments"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_commitments")),
        sa.UniqueConstraint("document_id", "key", name="uq_commitments_document_key"),
    )
    op.create_index(op.f("ix_commitments_document_id"), "commitments", ["document_id"])
    op.create_table(
        "ownerships",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("target_kind", sa.String(length=20), nullable=False),
        sa.Column("target_key", sa.String(length=200), nullable=False),
        sa.Column("department", sa.String(length=200), nullable=True),
        sa.Column("due_year", sa.Integer(), nullable=True),
        sa.Column("assigned_by", sa.String(length=200), nullable=False),
        sa.Column("assigned_at", sa.DateTime(timezone=True), nullable=False),
        _doc_fk("ownerships"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ownerships")),
        sa.UniqueConstraint("document_id", "target_kind", "target_key", name="uq_ownerships_document_target"),
    )
    op.create_index(op.f("ix_ownerships_document_id"), "ownerships", ["document_id"])
    op.create_index(op.f("ix_ownerships_department"), "ownerships", ["department"])
    op.create_table(
        "commitment_audit",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("target_kind", sa.String(length=20), nullable=False),
        sa.Column("target_key", sa.String(length=200), nullable=False),
        sa.Column("field", sa.String(length=50), nullable=False),
        sa.Column("old_value", sa.Text(), nullable=True),
        sa.Column("new_value", sa.Text(), nullable=True),
        sa.Column("changed_by", sa.String(length=200), nullable=False),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
        _doc_fk("commitment_audit"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_commitment_audit")),
    )
    op.create_index(op.f("ix_commitment_audit_document_id"), "commitment_audit", ["document_id"])


def downgrade() -> None:
    op.drop_table("commitment_audit")
    op.drop_table("ownerships")
    op.drop_table("commitments")
