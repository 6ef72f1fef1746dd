"""Minimal retention: what the purge removes (``medalist purge``, and the scheduler's daily
``medalist.purge`` job).

- Snapshots: the diff reads only the newest of each source, so the older ones go; the newest
  goes too once older than ``MEDALIST_RETENTION_DAYS`` (its source then forgets its validators,
  so the next fetch reads the page in full). Page bodies are never stored at all.
- Webhook deliveries still pending for a person who opted out.
- The profile kept with a rejected match, once the rejection is older than the retention:
  the decision is remembered by its key, the stranger's profile is not needed.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from enrichment.model import utcnow
from medalist.services import Sessions
from medalist.services.schemas import Purged
from storage.unit_of_work import UnitOfWork


def purge(sessions: Sessions, *, retention_days: int, now: datetime | None = None) -> Purged:
    """One purge, in one transaction."""
    before = (now or utcnow()) - timedelta(days=retention_days)
    with UnitOfWork(sessions) as uow:
        snapshots = uow.snapshots.purge(before)
        deliveries = uow.webhooks.drop_pending_not_processable()
        forgotten = uow.matches.forget_rejected(before)
        uow.commit()
    return Purged(
        snapshots_superseded=snapshots.superseded,
        snapshots_expired=snapshots.expired,
        deliveries_dropped=deliveries,
        profiles_forgotten=forgotten,
    )


def summary(purged: Purged) -> str:
    return (
        f"purged {purged.snapshots_superseded} superseded and {purged.snapshots_expired} "
        f"expired snapshot(s), {purged.deliveries_dropped} undeliverable webhook "
        f"deliver{'y' if purged.deliveries_dropped == 1 else 'ies'}, "
        f"{purged.profiles_forgotten} rejected profile(s)"
    )
