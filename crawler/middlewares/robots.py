"""robots.txt, read as RFC 9309 says: an unreachable robots.txt means "disallow everything".

Scrapy's :class:`~scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware` allows everything
when robots.txt cannot be fetched. RFC 9309 (section 2.3.1.4) says a crawler must assume a
complete disallow when robots.txt is unreachable through a server (5xx) or network error, and
may crawl freely when it is simply missing (4xx). This middleware does that, and says which
case refused a request.
"""

from __future__ import annotations

from typing import Any

from scrapy import Request
from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
from scrapy.http import Response
from scrapy.utils.httpobj import urlparse_cached

from crawler.middlewares.guard import RequestRefused


class Unreachable:
    """The parser standing in for a robots.txt that could not be read."""

    def __init__(self, reason: str):
        self.reason = reason

    def allowed(self, url: str | bytes, user_agent: str | bytes) -> bool:
        return False


class StrictRobotsTxtMiddleware(RobotsTxtMiddleware):
    async def _parse_robots(self, response: Response, netloc: str, request: Request) -> None:
        if response.status >= 500:
            self._stats.inc_value(f"robotstxt/response_status_count/{response.status}")
            self._settle(netloc, Unreachable(f"it answered HTTP {response.status}"))
            return
        await super()._parse_robots(response, netloc, request)

    def _robots_error(self, exc: Exception, netloc: str) -> None:
        self._stats.inc_value("robotstxt/unreachable")
        self._settle(netloc, Unreachable(str(exc) or type(exc).__name__))

    def _settle(self, netloc: str, parser: Unreachable) -> None:
        waiting: Any = self._parsers[netloc]
        parsers: dict[str, Any] = self._parsers
        parsers[netloc] = parser
        if hasattr(waiting, "callback"):
            waiting.callback(parser)

    def process_request_2(self, rp: Any, request: Request) -> None:
        if isinstance(rp, Unreachable):
            host = urlparse_cached(request).netloc
            raise RequestRefused(
                f"{request.url}: robots.txt of {host} could not be read ({rp.reason}); "
                "RFC 9309 says to assume it disallows everything until it can"
            )
        super().process_request_2(rp, request)
