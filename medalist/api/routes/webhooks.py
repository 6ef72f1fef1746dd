"""``/v1/webhooks``: subscriptions and their deliveries."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query, Request, Response

from crawler.addresses import AddressPolicy
from medalist.api.routes._common import MAX_ID, answer, errors, sessions, settings
from medalist.services import webhooks as service
from medalist.services.schemas import DeliveryList, WebhookIn, WebhookList, WebhookOut

router = APIRouter(prefix="/v1/webhooks", tags=["webhooks"])
WebhookId = Annotated[int, Path(ge=1, le=MAX_ID)]


@router.post("", response_model=WebhookOut, status_code=201, responses=errors(422))
def subscribe(request: Request, webhook: WebhookIn) -> Response:
    """Push events (all, or the listed types) to a URL, each signed with the secret:
    ``X-Medalist-Signature: sha256=<hex HMAC-SHA256 of the body>``."""
    policy = AddressPolicy.from_entries(settings(request).allowed_hosts)
    out = service.subscribe(
        sessions(request), webhook.url, webhook.secret, webhook.types, policy=policy
    )
    return answer(out, 201)


@router.get("", response_model=WebhookList)
def list_webhooks(request: Request) -> Response:
    return answer(WebhookList(webhooks=service.listed(sessions(request))))


@router.get("/{webhook_id}", response_model=WebhookOut, responses=errors(404))
def get_webhook(request: Request, webhook_id: WebhookId) -> Response:
    return answer(service.get(sessions(request), webhook_id))


@router.delete("/{webhook_id}", status_code=204, responses=errors(404))
def unsubscribe(request: Request, webhook_id: WebhookId) -> Response:
    """Stop the subscription; its pending deliveries are given up."""
    service.unsubscribe(sessions(request), webhook_id)
    return Response(status_code=204)


@router.get("/{webhook_id}/deliveries", response_model=DeliveryList, responses=errors(404, 422))
def deliveries(
    request: Request,
    webhook_id: WebhookId,
    status: Annotated[Literal["pending", "delivered", "failed"] | None, Query()] = None,
    after: Annotated[int, Query(ge=0, le=MAX_ID, description="a delivery id")] = 0,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> Response:
    """Deliveries oldest first: pending (with the next attempt), delivered, and given up."""
    found = service.deliveries(
        sessions(request), webhook_id, status=status, after=after, limit=limit
    )
    return answer(DeliveryList(deliveries=found))
