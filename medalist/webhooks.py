"""Webhook deliveries: the outbox (written with each event) POSTed to the subscribers.

:func:`deliver_due` is what the scheduler calls periodically (``medalist schedule``)::

    counts = deliver_due(settings, session_factory)

Each due delivery is claimed (a lease on its ``next_attempt_at``, so two deliverers never send
the same one at once), POSTed outside any database transaction, and recorded: ``delivered`` on
a 2xx answer, else retried after ``MEDALIST_WEBHOOK_BACKOFF_SECONDS`` x 2^(attempts-1) (at most
six hours), and given up (``failed``, shown by ``GET /v1/webhooks/{id}/deliveries``) after
``MEDALIST_WEBHOOK_MAX_ATTEMPTS``. At least once: a receiver may see an event twice (a lost
answer) and should use ``X-Medalist-Event-Id`` to tell. In order per candidate: a candidate's
next event waits until the one before it is delivered or given up. A run only writes the
outbox rows, so a slow or dead receiver never slows a run.

The request: ``POST url`` with the event JSON as body, ``Content-Type: application/json``,
``X-Medalist-Event-Id`` and ``X-Medalist-Signature: sha256=<hex HMAC-SHA256 of the body with
the subscription's secret>``. Redirects are not followed; the host is resolved and checked
against the address policy again before each attempt, and the attempt connects to the address
that was checked (:mod:`medalist.webhook_address`: no DNS-rebinding window).
"""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
from sqlalchemy.orm import Session, sessionmaker

from crawler.addresses import AddressPolicy, Refusal
from medalist.services.schemas import Event
from medalist.settings import Settings
from medalist.webhook_address import Resolver, resolve_url
from storage.repositories import EventRepository
from storage.unit_of_work import UnitOfWork

MAX_BACKOFF = timedelta(hours=6)
#: Rounds of claiming per call: each round sends at most one event per (webhook, candidate).
MAX_ROUNDS = 50


@dataclass(slots=True)
class DeliveryCounts:
    """What one :func:`deliver_due` call did."""

    attempted: int = 0
    delivered: int = 0
    retrying: int = 0
    failed: int = 0


@dataclass(frozen=True, slots=True)
class _Job:
    delivery_id: int
    attempts: int
    url: str
    secret: str
    event_id: str
    body: bytes


def sign(body: bytes, secret: str) -> str:
    """The ``X-Medalist-Signature`` header value of ``body``."""
    return "sha256=" + hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()


def event_body(event: dict[str, Any]) -> bytes:
    """The event's JSON, as the API serves it."""
    data = Event.model_validate(event).model_dump(mode="json")
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _clock() -> datetime:
    return datetime.now(UTC)


def retry_delay(settings: Settings, attempts: int) -> timedelta:
    """The wait after the ``attempts``-th failed attempt."""
    seconds = settings.webhook_backoff_seconds * (2 ** max(0, attempts - 1))
    return min(timedelta(seconds=seconds), MAX_BACKOFF)


def _claim(
    sessions: sessionmaker[Session], settings: Settings, now: datetime, limit: int
) -> list[_Job]:
    lease = now + timedelta(seconds=settings.webhook_timeout_seconds * 4 + 60)
    jobs: list[_Job] = []
    with UnitOfWork(sessions) as uow:
        for delivery, webhook, event in uow.webhooks.due(now, limit):
            if not uow.webhooks.claim(delivery.id, delivery.next_attempt_at, lease):
                continue
            jobs.append(
                _Job(
                    delivery_id=delivery.id,
                    attempts=delivery.attempts,
                    url=webhook.url,
                    secret=webhook.secret,
                    event_id=event.id,
                    body=event_body(EventRepository.to_dict(event)),
                )
            )
        uow.commit()
    return jobs


def _post(
    client: httpx.Client,
    job: _Job,
    policy: AddressPolicy,
    settings: Settings,
    resolve: Resolver | None,
) -> tuple[int | None, str | None]:
    """``(http_status, error)``; error None means delivered."""
    try:
        pinned = resolve_url(job.url, policy, resolve)
    except Refusal as error:
        return None, f"refused: {error}"
    headers = {
        "Host": pinned.host_header,
        "Content-Type": "application/json",
        "User-Agent": settings.identity,
        "X-Medalist-Event-Id": job.event_id,
        "X-Medalist-Signature": sign(job.body, job.secret),
    }
    # connect to the address just checked, not to a second resolution of the name
    target = httpx.URL(job.url).copy_with(host=pinned.address)
    extensions = {"sni_hostname": pinned.server_name} if pinned.server_name else None
    try:
        response = client.post(target, content=job.body, headers=headers, extensions=extensions)
    except httpx.HTTPError as error:
        return None, f"{type(error).__name__}: {error}"[:500]
    if 200 <= response.status_code < 300:
        return response.status_code, None
    return response.status_code, f"answered HTTP {response.status_code}"


def deliver_due(
    settings: Settings,
    session_factory: sessionmaker[Session],
    *,
    now: datetime | None = None,
    limit: int = 100,
    client: httpx.Client | None = None,
    resolve: Resolver | None = None,
) -> DeliveryCounts:
    """Attempt every delivery due at ``now`` (default: the clock), in order per candidate.
    Returns what was attempted, delivered, left to retry and given up. ``resolve`` names
    hosts (the system resolver by default)."""
    counts = DeliveryCounts()
    policy = AddressPolicy.from_entries(settings.allowed_hosts)
    own = client is None
    http = client or httpx.Client(
        timeout=settings.webhook_timeout_seconds, follow_redirects=False, trust_env=False
    )
    try:
        for _ in range(MAX_ROUNDS):
            when = now or _clock()
            jobs = _claim(session_factory, settings, when, limit)
            if not jobs:
                break
            for job in jobs:
                http_status, error = _post(http, job, policy, settings, resolve)
                attempts = job.attempts + 1
                counts.attempted += 1
                retry_at: datetime | None = None
                if error is None:
                    counts.delivered += 1
                elif attempts >= settings.webhook_max_attempts:
                    counts.failed += 1
                else:
                    counts.retrying += 1
                    retry_at = (now or _clock()) + retry_delay(settings, attempts)
                with UnitOfWork(session_factory) as uow:
                    uow.webhooks.record_attempt(
                        job.delivery_id,
                        now=now or _clock(),
                        delivered=error is None,
                        http_status=http_status,
                        error=error,
                        retry_at=retry_at,
                    )
                    uow.commit()
    finally:
        if own:
            http.close()
    return counts
