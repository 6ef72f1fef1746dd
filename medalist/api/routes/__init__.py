"""The routers, one per area. Each route parses its input, calls one service, returns."""

from __future__ import annotations

from fastapi import APIRouter

from medalist.api.routes import audit, candidates, events, requisitions, review, runs, webhooks

ROUTERS: tuple[APIRouter, ...] = (
    events.router,
    candidates.router,
    requisitions.router,
    review.router,
    runs.router,
    webhooks.router,
    audit.router,
)
