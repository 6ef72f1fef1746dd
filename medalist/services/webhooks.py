"""Webhook subscriptions (the deliveries are :mod:`medalist.webhooks`).

A URL must be http(s) and its host must not be private, loopback or link-local (checked after
DNS resolution, again at each delivery, which connects to the address it checked:
:mod:`medalist.webhook_address`) unless ``MEDALIST_ALLOW_HOSTS`` allows it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from crawler.addresses import AddressPolicy, Refusal
from enrichment.model import format_timestamp
from medalist.services import Sessions
from medalist.services.errors import InvalidRequest, NotFound
from medalist.services.schemas import DeliveryOut, WebhookOut
from medalist.webhook_address import Resolver, resolve_url
from storage.models import MAX_URL_LENGTH, WebhookDeliveryRow, WebhookRow
from storage.unit_of_work import UnitOfWork


def check_url(url: str, policy: AddressPolicy, resolve: Resolver | None = None) -> None:
    """Raise :class:`Refusal` unless ``url`` may receive deliveries
    (:func:`medalist.webhook_address.resolve_url`)."""
    resolve_url(url, policy, resolve)


def _out(row: WebhookRow) -> WebhookOut:
    return WebhookOut(
        id=row.id,
        url=row.url,
        types=[str(t) for t in row.types or ()],
        created_at=format_timestamp(row.created_at),
    )


def _ts(value: object) -> str | None:
    return format_timestamp(value) if isinstance(value, datetime) else None


def delivery_out(row: WebhookDeliveryRow) -> DeliveryOut:
    return DeliveryOut(
        id=row.id,
        event_id=row.event_id,
        status=row.status,  # type: ignore[arg-type]
        attempts=row.attempts,
        next_attempt_at=_ts(row.next_attempt_at) if row.status == "pending" else None,
        last_attempt_at=_ts(row.last_attempt_at),
        last_http_status=row.last_http_status,
        last_error=row.last_error,
        delivered_at=_ts(row.delivered_at),
    )


def _missing(webhook_id: int) -> NotFound:
    return NotFound(f"no webhook #{webhook_id}", code="webhook_not_found")


def subscribe(
    sessions: Sessions,
    url: str,
    secret: str,
    types: Sequence[str] | None,
    *,
    policy: AddressPolicy,
    resolve: Resolver | None = None,
) -> WebhookOut:
    if len(url) > MAX_URL_LENGTH:
        raise InvalidRequest(f"a URL is at most {MAX_URL_LENGTH} characters", field="url")
    try:
        check_url(url, policy, resolve)
    except Refusal as error:
        raise InvalidRequest(str(error), code="webhook_url_refused", field="url") from None
    with UnitOfWork(sessions) as uow:
        row = uow.webhooks.add(url, secret, list(dict.fromkeys(types or ())))
        uow.commit()
        return _out(row)


def listed(sessions: Sessions) -> list[WebhookOut]:
    with UnitOfWork(sessions) as uow:
        return [_out(r) for r in uow.webhooks.active()]


def get(sessions: Sessions, webhook_id: int) -> WebhookOut:
    with UnitOfWork(sessions) as uow:
        row = uow.webhooks.get(webhook_id)
        if row is None:
            raise _missing(webhook_id)
        return _out(row)


def unsubscribe(sessions: Sessions, webhook_id: int) -> None:
    with UnitOfWork(sessions) as uow:
        if not uow.webhooks.deactivate(webhook_id):
            raise _missing(webhook_id)
        uow.commit()


def deliveries(
    sessions: Sessions,
    webhook_id: int,
    *,
    status: str | None = None,
    after: int = 0,
    limit: int = 100,
) -> list[DeliveryOut]:
    """A subscription's deliveries, oldest first: pending, delivered and given up."""
    if not 1 <= limit <= 1000:
        raise InvalidRequest(f"limit must be 1 to 1000, not {limit}", field="limit")
    with UnitOfWork(sessions) as uow:
        if uow.webhooks.get(webhook_id) is None:
            raise _missing(webhook_id)
        rows = uow.webhooks.deliveries(webhook_id, status=status, limit=limit, after=after)
        return [delivery_out(r) for r in rows]
