"""Match weights: the comparison levels' weights estimated from the review queue's decisions,
one set per training (``medalist.weights``); the newest set is the one in use."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import NamedTuple

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from storage.models import MatchWeightRow
from storage.repositories._common import utcnow

#: sets kept besides the newest (to see how the weights moved); older ones are deleted
KEEP_SETS = 10


class LevelWeight(NamedTuple):
    signal: str
    label: str
    m: float
    u: float
    weight: float
    matches: int
    others: int


class MatchWeightRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def save(
        self,
        levels: Iterable[LevelWeight],
        *,
        pairs: int,
        run_id: int | None = None,
        now: datetime | None = None,
    ) -> datetime:
        """Store a new set (it becomes the one in use); returns its ``trained_at``."""
        when = now or utcnow()
        self.session.add_all(
            MatchWeightRow(trained_at=when, run_id=run_id, pairs=pairs, **level._asdict())
            for level in levels
        )
        self.session.flush()
        self._prune()
        return when

    def current(self) -> tuple[datetime, int, list[LevelWeight]] | None:
        """The newest set: when it was trained, from how many pairs, its levels (strongest
        first); None before any training."""
        newest = self.session.scalar(select(func.max(MatchWeightRow.trained_at)))
        if newest is None:
            return None
        rows = list(
            self.session.scalars(
                select(MatchWeightRow)
                .where(MatchWeightRow.trained_at == newest)
                .order_by(func.abs(MatchWeightRow.weight).desc(), MatchWeightRow.id)
            )
        )
        levels = [
            LevelWeight(r.signal, r.label, r.m, r.u, r.weight, r.matches, r.others) for r in rows
        ]
        return newest, rows[0].pairs, levels

    def clear(self) -> int:
        """Forget every set (back to the hand-set weights); returns the rows deleted."""
        result = self.session.execute(delete(MatchWeightRow))
        return int(getattr(result, "rowcount", 0) or 0)

    def _prune(self) -> None:
        kept = (
            select(MatchWeightRow.trained_at)
            .group_by(MatchWeightRow.trained_at)
            .order_by(MatchWeightRow.trained_at.desc())
            .limit(KEEP_SETS + 1)
        )
        oldest = self.session.scalar(select(func.min(kept.subquery().c.trained_at)))
        if oldest is not None:
            self.session.execute(delete(MatchWeightRow).where(MatchWeightRow.trained_at < oldest))
