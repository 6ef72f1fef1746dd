"""Feed indexes: one candidate's events in feed order, and the opted-out candidates

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03

``/v1/events?candidate=`` (and a candidate record's latest events) read one candidate's events
in ``(tx, seq)`` order: ``(candidate_id, tx, seq)`` replaces ``(candidate_id, seq)``. Every
feed page leaves out the people who opted out; a partial index of those few candidates makes
that a probe of an almost empty index instead of a scan of all candidates on every page
(see ``storage/repositories/feed.py``).
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0009'
down_revision: str | None = '0008'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.create_index('ix_events_candidate_id_tx_seq', ['candidate_id', 'tx', 'seq'], unique=False)
        batch_op.drop_index('ix_events_candidate_id_seq')
    op.create_index(
        'ix_candidates_opted_out',
        'candidates',
        ['id'],
        unique=False,
        postgresql_where=sa.text('opted_out IS NOT false'),
        sqlite_where=sa.text('opted_out IS NOT 0'),
    )


def downgrade() -> None:
    op.drop_index('ix_candidates_opted_out', table_name='candidates')
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.create_index('ix_events_candidate_id_seq', ['candidate_id', 'seq'], unique=False)
        batch_op.drop_index('ix_events_candidate_id_tx_seq')
