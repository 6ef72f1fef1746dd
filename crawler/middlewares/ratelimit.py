"""Politeness towards APIs: each API in its own download slot, and its rate-limit headers obeyed.

Two components, wired in crawler/settings.py:

* :class:`ApiSlotMiddleware` (a spider middleware) puts every request for a documented API
  (:mod:`crawler.apis`) in that API's download slot, ``api:<name>``, before it reaches the
  scheduler. ``DOWNLOAD_SLOTS`` gives those slots the concurrency and delay the API documents,
  and the scheduler's ``DownloaderAwarePriorityQueue`` then sees the API as one busy "host", so
  a held or slow API never fills the downloader and starves the personal sites.
* :class:`RateLimitMiddleware` (a downloader middleware) reads the answers. When a server says
  its budget is spent (``X-RateLimit-Remaining: 0`` with ``X-RateLimit-Reset``, or a 403/429 with
  ``Retry-After``: GitHub's primary and secondary limits, and any API answering 429), the slot is
  held until then if that is at most ``MEDALIST_RATE_LIMIT_WAIT`` seconds away and the refused
  request is sent again after it; otherwise every further request for that API (or host) is
  answered at once with an error, "rate limited by api.github.com until 14:05 UTC", so its
  targets are retried next run. Nothing is sent to a server while it has said no.

A plain 429 or 503 with ``Retry-After`` from a site that is not an API, and sends no rate-limit
headers, is left to :class:`~crawler.middlewares.retry.BackoffRetryMiddleware`.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime
from typing import Any

from scrapy import Request
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response
from scrapy.spidermiddlewares.base import BaseSpiderMiddleware
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.httpobj import urlparse_cached
from twisted.internet.task import deferLater

from crawler.apis import Api, ApiDirectory
from crawler.middlewares.retry import retry_after_seconds

#: What the meta of a request put in an API's slot carries (so a redirect away can undo it).
API_META = "medalist_api"
SLOT_META = "download_slot"
#: How often one request is held and sent again before its target gets an error.
MAX_HOLDS = 3
#: GitHub: "wait at least one minute" after a secondary rate limit that names no time.
DEFAULT_WAIT = 60.0
#: A reset below this is seconds from now, not a Unix time.
_EPOCH_FLOOR = 1_000_000_000


class RateLimited(IgnoreRequest):
    """A server's rate limit is spent for longer than we wait; the target is retried next run."""


def _mark(request: Request, api: Api | None) -> None:
    if api is not None:
        request.meta[SLOT_META] = api.slot
        request.meta[API_META] = api.name
        # the API's documented pace is fixed in DOWNLOAD_SLOTS; AutoThrottle must not lower it
        request.meta["autothrottle_dont_adjust_delay"] = True
    elif request.meta.pop(API_META, None) is not None:  # a redirect away from the API
        request.meta.pop(SLOT_META, None)
        request.meta.pop("autothrottle_dont_adjust_delay", None)


class ApiSlotMiddleware(BaseSpiderMiddleware):
    """Spider middleware: requests for an API go to its slot before they are scheduled."""

    def __init__(self, crawler: Any):
        super().__init__(crawler)
        self.apis = ApiDirectory.from_settings(crawler.settings)

    def get_processed_request(self, request: Request, response: Response | None) -> Request:
        _mark(request, self.apis.find(request.url))
        return request


def _header_float(response: Response, name: bytes) -> float | None:
    value = response.headers.get(name)
    if value is None:
        return None
    try:
        return float(value.decode("latin-1").strip())
    except ValueError:
        return None


def limit_until(response: Response, now: float, *, is_api: bool) -> tuple[float | None, bool]:
    """When the server's rate limit lets us ask again (a Unix time), and whether ``response``
    itself was refused for it; ``(None, False)`` when the response says nothing about a limit.
    """
    remaining = _header_float(response, b"X-RateLimit-Remaining")
    reset = _header_float(response, b"X-RateLimit-Reset")
    if reset is not None and reset < _EPOCH_FLOOR:
        reset = now + reset
    retry_after = retry_after_seconds(response.headers.get(b"Retry-After"))
    speaks_limits = remaining is not None or reset is not None
    refused = response.status == 429 or (response.status == 403 and (speaks_limits or is_api))
    if refused and (retry_after is not None or remaining == 0 or response.status == 429):
        if not (is_api or speaks_limits):
            return None, False  # an ordinary site's 429: BackoffRetryMiddleware's business
        if retry_after is not None:
            return now + retry_after, True
        if remaining == 0 and reset is not None:
            return reset, True
        return now + DEFAULT_WAIT, True
    if remaining is not None and remaining <= 0 and reset is not None:
        return reset, False  # this answer is good, the next one would be refused
    return None, False


class RateLimitMiddleware:
    """Downloader middleware: hold an API's slot until its reset, or answer its targets at once."""

    def __init__(self, crawler: Any):
        self.crawler = crawler
        settings = crawler.settings
        self.apis = ApiDirectory.from_settings(settings)
        self.wait_max = settings.getfloat("MEDALIST_RATE_LIMIT_WAIT", 300.0)
        self.has_github_token = bool(settings.get("MEDALIST_GITHUB_TOKEN"))
        #: slot key -> Unix time before which nothing is sent (a hold we wait out)
        self.held: dict[str, float] = {}
        #: slot key -> Unix time before which every request is answered with an error
        self.closed: dict[str, float] = {}

    @classmethod
    def from_crawler(cls, crawler: Any) -> RateLimitMiddleware:
        return cls(crawler)

    async def process_request(self, request: Request) -> None:
        _mark(request, self.apis.find(request.url))
        key = self._key(request)
        now = time.time()
        closed = self.closed.get(key)
        if closed is not None and closed > now:
            raise RateLimited(self._message(request, closed))
        held = self.held.get(key)
        if held is not None and held > now and not self._hold_slot(key, held):
            # the slot is gone (idle for a while): wait here instead
            from twisted.internet import reactor  # the running one, installed by Scrapy

            await maybe_deferred_to_future(deferLater(reactor, held - now))

    def process_response(self, request: Request, response: Response) -> Request | Response:
        api = self.apis.find(request.url)
        now = time.time()
        until, refused = limit_until(response, now, is_api=api is not None)
        if until is None:
            return response
        key = self._key(request)
        if until - now > self.wait_max:
            self.closed[key] = max(until, self.closed.get(key, 0.0))
            self._fail_queued(key, self.closed[key])
            if refused:
                raise RateLimited(self._message(request, until))
            return response
        self.held[key] = max(until, self.held.get(key, 0.0))
        self._hold_slot(key, self.held[key])
        if not refused:
            return response
        holds = int(request.meta.get("medalist_rate_limit_holds", 0)) + 1
        if holds > MAX_HOLDS:
            raise RateLimited(self._message(request, until, tried=holds))
        again = request.replace(dont_filter=True)
        again.meta["medalist_rate_limit_holds"] = holds
        return again

    # -- slots -----------------------------------------------------------------------------

    def _key(self, request: Request) -> str:
        slot = request.meta.get(SLOT_META)
        if slot:
            return str(slot)
        return urlparse_cached(request).hostname or ""

    def _hold_slot(self, key: str, until: float) -> bool:
        """Make the downloader send nothing from slot ``key`` before ``until`` (Unix time).

        The downloader waits ``slot.delay`` after ``slot.lastseen`` (monotonic) before the next
        request of a slot; setting ``lastseen`` ahead holds the queue without a request of ours
        sitting in the downloader. False when the slot does not exist (yet, or any more).
        """
        engine = getattr(self.crawler, "engine", None)
        slot = engine.downloader.slots.get(key) if engine is not None else None
        if slot is None:
            return False
        slot.delay = max(slot.delay, 0.001)  # no delay: the downloader never looks at lastseen
        # the small margin covers the delay's jitter and a reset counted in whole seconds
        ahead = until - time.time() + 0.5 + slot.delay * float(getattr(slot, "jitter", 0.5))
        slot.lastseen = max(slot.lastseen, time.monotonic() + ahead - slot.delay)
        return True

    def _fail_queued(self, key: str, until: float) -> None:
        """Answer the requests already waiting in slot ``key``: none of them is sent now."""
        engine = getattr(self.crawler, "engine", None)
        slot = engine.downloader.slots.get(key) if engine is not None else None
        while slot is not None and slot.queue:
            request, waiting = slot.queue.popleft()
            waiting.errback(RateLimited(self._message(request, until)))

    def _message(self, request: Request, until: float, tried: int = 0) -> str:
        host = urlparse_cached(request).hostname or "the server"
        when = datetime.fromtimestamp(until, UTC)
        text = f"rate limited by {host} until {when:%H:%M} UTC"
        if when.date() != datetime.now(UTC).date():
            text = f"rate limited by {host} until {when:%Y-%m-%d %H:%M} UTC"
        if tried:
            text += f" (still refused after waiting {tried - 1} times)"
        api = self.apis.find(request.url)
        if api is not None and api.name == "github" and not self.has_github_token:
            text += "; set MEDALIST_GITHUB_TOKEN"
        return text
