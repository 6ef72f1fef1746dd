"""Retries with backoff, honouring ``Retry-After`` on 429 and 503 (within a bound).

Scrapy's :class:`~scrapy.downloadermiddlewares.retry.RetryMiddleware` retries at once; this one
waits first: the server's ``Retry-After`` (seconds or an HTTP date) when it sends one, else
``RETRY_BACKOFF_BASE * 2**(attempt - 1)`` seconds, at most ``RETRY_BACKOFF_MAX``. A server that
asks for more than ``MEDALIST_RETRY_AFTER_MAX`` seconds is not retried: the target gets an error
saying so, and the next run tries again.
"""

from __future__ import annotations

from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any

from scrapy import Request
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.http import Response
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet.task import deferLater


def retry_after_seconds(value: bytes | str | None, now: datetime | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header, or ``None`` when absent or unreadable."""
    if not value:
        return None
    text = value.decode("latin-1") if isinstance(value, bytes) else value
    text = text.strip()
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


class BackoffRetryMiddleware(RetryMiddleware):
    def __init__(self, settings: Any):
        super().__init__(settings)
        self.backoff_base = settings.getfloat("RETRY_BACKOFF_BASE", 1.0)
        self.backoff_max = settings.getfloat("RETRY_BACKOFF_MAX", 30.0)
        self.retry_after_max = settings.getfloat("MEDALIST_RETRY_AFTER_MAX", 60.0)

    async def process_response(  # type: ignore[override]
        self, request: Request, response: Response
    ) -> Request | Response:
        if request.meta.get("dont_retry") or response.status not in self.retry_http_codes:
            return response
        asked = retry_after_seconds(response.headers.get(b"Retry-After"))
        if asked is not None and asked > self.retry_after_max:
            request.meta["medalist_retry_note"] = (
                f"the server asked to retry after {asked:.0f}s, more than "
                f"MEDALIST_RETRY_AFTER_MAX ({self.retry_after_max:.0f}s)"
            )
            return response
        retry = self._retry(request, f"HTTP {response.status}")
        if retry is None:
            return response
        await self._wait(asked if asked is not None else self._backoff(retry))
        return retry

    async def process_exception(  # type: ignore[override]
        self, request: Request, exception: Exception
    ) -> Request | Response | None:
        if request.meta.get("dont_retry") or not isinstance(exception, self.exceptions_to_retry):
            return None
        retry = self._retry(request, exception)
        if retry is not None:
            await self._wait(self._backoff(retry))
        return retry

    def _backoff(self, retry: Request) -> float:
        attempt = int(retry.meta.get("retry_times", 1))
        return float(min(self.backoff_max, self.backoff_base * 2 ** (attempt - 1)))

    async def _wait(self, seconds: float) -> None:
        if seconds > 0:
            from twisted.internet import reactor  # the running one, installed by Scrapy

            await maybe_deferred_to_future(deferLater(reactor, seconds))
