"""Privacy: the audit log, opt-out time, location provenance, the erasure key's id

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02

"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0007'
down_revision: str | None = '0006'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BigId = sa.BigInteger().with_variant(sa.Integer(), 'sqlite')


def upgrade() -> None:
    op.create_table('audit_log',
    sa.Column('id', BigId, nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('actor', sa.String(length=255), nullable=False),
    sa.Column('action', sa.String(length=32), nullable=False),
    sa.Column('subject', sa.String(length=255), nullable=True),
    sa.Column('target', sa.String(length=255), nullable=True),
    sa.Column('detail', sa.JSON(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_log'))
    )
    op.create_index(op.f('ix_audit_log_at'), 'audit_log', ['at'], unique=False)
    op.create_index(op.f('ix_audit_log_action'), 'audit_log', ['action'], unique=False)
    op.create_index('ix_audit_log_subject', 'audit_log', ['subject'], unique=False)
    with op.batch_alter_table('candidates') as batch:
        batch.add_column(sa.Column('opted_out_at', sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column('location_source_kind', sa.String(length=32), nullable=True))
        batch.add_column(sa.Column('location_source_url', sa.Text(), nullable=True))
        batch.add_column(
            sa.Column('location_fetched_at', sa.DateTime(timezone=True), nullable=True)
        )
    with op.batch_alter_table('erased_people') as batch:
        batch.add_column(sa.Column('key_id', sa.String(length=32), nullable=True))
        batch.create_index(batch.f('ix_erased_people_key_id'), ['key_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('erased_people') as batch:
        batch.drop_index(batch.f('ix_erased_people_key_id'))
        batch.drop_column('key_id')
    with op.batch_alter_table('candidates') as batch:
        batch.drop_column('location_fetched_at')
        batch.drop_column('location_source_url')
        batch.drop_column('location_source_kind')
        batch.drop_column('opted_out_at')
    op.drop_index('ix_audit_log_subject', table_name='audit_log')
    op.drop_index(op.f('ix_audit_log_action'), table_name='audit_log')
    op.drop_index(op.f('ix_audit_log_at'), table_name='audit_log')
    op.drop_table('audit_log')
