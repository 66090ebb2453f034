# ruff: noqa: E501  (alembic autogenerate output; long constraint lines kept as generated)
"""Observations entered by people (and imported), revisions of targets, and the audit trail.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('entered_observations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('row_id', sa.Integer(), nullable=True),
    sa.Column('seq', sa.String(length=20), nullable=True),
    sa.Column('indicator', sa.Text(), nullable=False),
    sa.Column('canonical', sa.String(length=100), nullable=True),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('value', sa.String(length=40), nullable=False),
    sa.Column('raw', sa.String(length=100), nullable=False),
    sa.Column('unit', sa.String(length=100), nullable=True),
    sa.Column('source', sa.Text(), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('origin', sa.String(length=20), nullable=False),
    sa.Column('batch', sa.String(length=500), nullable=True),
    sa.Column('entered_by', sa.String(length=100), nullable=False),
    sa.Column('entered_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('supersedes_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['plan_id'], ['documents.id'], name=op.f('fk_entered_observations_plan_id_documents'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['row_id'], ['indicator_rows.id'], name=op.f('fk_entered_observations_row_id_indicator_rows'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['supersedes_id'], ['entered_observations.id'], name=op.f('fk_entered_observations_supersedes_id_entered_observations'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_entered_observations'))
    )
    with op.batch_alter_table('entered_observations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_entered_observations_canonical'), ['canonical'], unique=False)
        batch_op.create_index(batch_op.f('ix_entered_observations_plan_id'), ['plan_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_entered_observations_row_id'), ['row_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_entered_observations_supersedes_id'), ['supersedes_id'], unique=False)

    op.create_table('target_revisions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('row_id', sa.Integer(), nullable=True),
    sa.Column('seq', sa.String(length=20), nullable=True),
    sa.Column('indicator', sa.Text(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('value', sa.String(length=40), nullable=True),
    sa.Column('raw', sa.Text(), nullable=False),
    sa.Column('parsed', sa.JSON(), nullable=True),
    sa.Column('unit', sa.String(length=100), nullable=True),
    sa.Column('source', sa.Text(), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('entered_by', sa.String(length=100), nullable=False),
    sa.Column('entered_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('supersedes_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['plan_id'], ['documents.id'], name=op.f('fk_target_revisions_plan_id_documents'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['row_id'], ['indicator_rows.id'], name=op.f('fk_target_revisions_row_id_indicator_rows'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['supersedes_id'], ['target_revisions.id'], name=op.f('fk_target_revisions_supersedes_id_target_revisions'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_target_revisions'))
    )
    with op.batch_alter_table('target_revisions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_target_revisions_plan_id'), ['plan_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_target_revisions_row_id'), ['row_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_target_revisions_supersedes_id'), ['supersedes_id'], unique=False)

    # No foreign keys: the log outlives the rows it describes.
    op.create_table('audit_log',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('actor', sa.String(length=100), nullable=False),
    sa.Column('action', sa.String(length=30), nullable=False),
    sa.Column('table_name', sa.String(length=50), nullable=False),
    sa.Column('record_id', sa.Integer(), nullable=True),
    sa.Column('plan_id', sa.Integer(), nullable=True),
    sa.Column('before', sa.JSON(), nullable=True),
    sa.Column('after', sa.JSON(), nullable=True),
    sa.Column('detail', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_log'))
    )
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_log_actor'), ['actor'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_log_at'), ['at'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_log_plan_id'), ['plan_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_log_table_name'), ['table_name'], unique=False)


def downgrade() -> None:
    op.drop_table('audit_log')
    op.drop_table('target_revisions')
    op.drop_table('entered_observations')
