"""Conditional GET: ask only for what changed since the last fetch.

The spider puts the target's stored ``etag`` and ``last_modified`` in the request's meta
(``medalist_etag``, ``medalist_last_modified``); this middleware turns them into
``If-None-Match`` and ``If-Modified-Since``. A ``304 Not Modified`` answer then reaches the
spider, which reports the target ``not_modified`` without parsing anything.
"""

from __future__ import annotations

from scrapy import Request


class ConditionalRequestMiddleware:
    def process_request(self, request: Request) -> None:
        etag = request.meta.get("medalist_etag")
        last_modified = request.meta.get("medalist_last_modified")
        if etag and b"If-None-Match" not in request.headers:
            request.headers[b"If-None-Match"] = str(etag)
        if last_modified and b"If-Modified-Since" not in request.headers:
            request.headers[b"If-Modified-Since"] = str(last_modified)
