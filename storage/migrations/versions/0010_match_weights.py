"""Match weights estimated from the review queue's decisions

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-03

``match_weights`` keeps every set of comparison-level weights a run estimated from the links
people confirmed (``medalist.weights``); the newest set is the one the matcher uses.
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0010'
down_revision: str | None = '0009'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        'match_weights',
        sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
        sa.Column('trained_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('run_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True),
        sa.Column('pairs', sa.Integer(), nullable=False),
        sa.Column('signal', sa.String(length=64), nullable=False),
        sa.Column('label', sa.String(length=255), nullable=False),
        sa.Column('m', sa.Float(), nullable=False),
        sa.Column('u', sa.Float(), nullable=False),
        sa.Column('weight', sa.Float(), nullable=False),
        sa.Column('matches', sa.Integer(), nullable=False),
        sa.Column('others', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ['run_id'], ['runs.id'], name=op.f('fk_match_weights_run_id_runs'), ondelete='SET NULL'
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_match_weights')),
    )
    with op.batch_alter_table('match_weights', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_match_weights_trained_at'), ['trained_at'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('match_weights', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_match_weights_trained_at'))
    op.drop_table('match_weights')
