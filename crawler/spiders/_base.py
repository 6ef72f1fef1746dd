"""The shared spiders: a concrete spider only says which kind it reads and how to reach it.

:class:`TargetSpider` reads targets (docs/architecture.md, "The crawl"), requests each one
(conditionally, when the target carries an ``etag`` or ``last_modified``), turns the response
into a :class:`~crawler.parsers.Document`, fetches what the parser ``requires`` and ``follow``\\ s
(through the same middlewares, so the address guard and robots.txt hold for them too), calls the
parser and yields exactly one :class:`~crawler.items.Result` per target. :class:`PageSpider`
adds rendering in a browser for pages that need JavaScript; :class:`ApiSpider` builds the URL
from an identifier and a base-URL setting.
"""

from __future__ import annotations

import re
import time
from collections.abc import AsyncIterator, Iterable, Iterator, Mapping
from dataclasses import replace
from importlib import import_module
from typing import Any, ClassVar
from urllib.parse import quote

import scrapy
from scrapy import signals
from scrapy.exceptions import DontCloseSpider
from scrapy.http import Response, TextResponse
from twisted.python.failure import Failure

from crawler.browser import missing_message, needs_javascript
from crawler.budget import parse_budget
from crawler.failures import describe
from crawler.items import BadTarget, FetchStatus, Result, Target, content_hash
from crawler.parsers import Document, parser_for
from crawler.targets import TargetFile
from enrichment.errors import SourceError
from enrichment.model import ProfileRecord, utcnow

HANDLED_STATUSES = [304, 404, 410]
#: A request rendered in the browser: wait until the page's own requests have settled.
RENDER_META = {"playwright": True, "playwright_page_goto_kwargs": {"wait_until": "networkidle"}}


class FetchFailed(SourceError):
    """A document the parser needs or follows could not be fetched."""


def load_targets(value: Any, kind: str) -> Iterable[Target]:
    """This kind's targets: a :class:`TargetFile` (the runner: read as the crawl goes), a JSON
    Lines path (``scrapy crawl -a targets=``), or targets or their dicts."""
    if isinstance(value, str):
        value = TargetFile(value)
    if isinstance(value, TargetFile):
        return value.of_kind(kind)
    targets = [t if isinstance(t, Target) else Target.from_dict(t) for t in value or ()]
    return [t for t in targets if t.kind == kind]


def _document(response: Response, context: Mapping[str, str]) -> Document:
    """The parser's view of a response, fetched now."""
    encoding = response.encoding if isinstance(response, TextResponse) else None
    return Document(
        url=response.url,
        body=response.body,
        fetched_at=utcnow(),
        content_type=_header(response, b"Content-Type") or "",
        encoding=encoding,
        context=context,
    )


class TargetSpider(scrapy.Spider):
    #: The profile kind this spider reads; also its name.
    kind: ClassVar[str]
    accept: ClassVar[str] = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    #: Whether robots.txt applies. It governs crawling web pages; a documented API is used on
    #: its own terms (rate limits, User-Agent policy), and API hosts often disallow everything
    #: in robots.txt to keep page crawlers off (api.github.com does).
    obey_robots: ClassVar[bool] = True
    #: The parser module: ``crawler.parsers.<kind>`` unless a spider names another.
    parser_module: ClassVar[str | None] = None

    def __init__(
        self, targets: Any = None, run_id: str | None = None, worker: bool = False, **kwargs: Any
    ):
        super().__init__(name=self.kind, **kwargs)
        self.targets: Iterable[Target] = load_targets(targets, self.kind)
        self.reported: set[int] = set()
        #: Distributed crawls: the run the results belong to; a worker serves every run.
        self.run_id = run_id
        self.worker = worker
        self._idle_since: float | None = None

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> Any:
        spider = super().from_crawler(crawler, *args, **kwargs)
        if spider.worker:
            crawler.signals.connect(spider._stay_open, signal=signals.spider_idle)
            crawler.signals.connect(spider._busy, signal=signals.request_reached_downloader)
        return spider

    def _busy(self) -> None:
        self._idle_since = None

    def _stay_open(self) -> None:
        """A worker waits for requests from other processes (``MEDALIST_WORKER_IDLE_EXIT``)."""
        limit = self.settings.getfloat("MEDALIST_WORKER_IDLE_EXIT", 0)
        now = time.monotonic()
        if self._idle_since is None:
            self._idle_since = now
        if limit and now - self._idle_since >= limit:
            return
        raise DontCloseSpider

    # -- what a concrete spider may change ---------------------------------------------------

    def url_for(self, target: Target) -> str:
        if not target.url:
            raise BadTarget(f"a {self.kind} target needs 'url'")
        return target.url

    def wants_browser(self, target: Target) -> bool:
        return False

    # -- the crawl ------------------------------------------------------------------------------

    async def start(self) -> AsyncIterator[Any]:
        for index, target in enumerate(self.targets):
            try:
                url = self.url_for(target)
                always = self.wants_browser(target) and target.render == "always"
                if always and not self.has_browser:
                    configured = self.settings.get("MEDALIST_BROWSER")
                    message = f"{url}: {missing_message(configured)}"
                    yield self.result(index, target, url, "error", error=message)
                    continue
                request = self.target_request(index, target, url)
            except Exception as error:  # one target's bad data must not stop the others
                message = f"invalid target: {error}"
                yield self.result(index, target, target.url, "error", error=message)
                continue
            yield request

    @property
    def has_browser(self) -> bool:
        return bool(self.settings.getdict("PLAYWRIGHT_LAUNCH_OPTIONS"))

    def target_request(self, index: int, target: Target, url: str) -> scrapy.Request:
        meta: dict[str, Any] = {
            "medalist_index": index,
            "medalist_target": target,
            "medalist_run": self.run_id,
            "handle_httpstatus_list": HANDLED_STATUSES,
            "dont_obey_robotstxt": not self.obey_robots,
        }
        if self.wants_browser(target) and target.render == "always":
            meta.update(RENDER_META)
        else:
            meta["medalist_etag"] = target.etag
            meta["medalist_last_modified"] = target.last_modified
        return scrapy.Request(
            url,
            callback=self.parse_target,
            errback=self.failed,
            meta=meta,
            headers={"Accept": self.accept},
            dont_filter=True,
        )

    def result(
        self, index: int, target: Target, url: str | None, status: str, **fields: Any
    ) -> Result:
        self.reported.add(index)
        fields["run"] = fields.get("run") or self.run_id
        return Result(
            source_id=target.source_id,
            kind=target.kind,
            url=url,
            status=FetchStatus(status),
            **fields,
        )

    async def parse_target(self, response: Response) -> AsyncIterator[Result]:
        index, target = response.meta["medalist_index"], response.meta["medalist_target"]
        headers: dict[str, Any] = {
            "run": response.meta.get("medalist_run"),
            "http_status": response.status,
            "etag": _header(response, b"ETag") or (target.etag if response.status == 304 else None),
            "last_modified": _header(response, b"Last-Modified")
            or (target.last_modified if response.status == 304 else None),
        }
        if response.status == 304:
            yield self.result(index, target, response.url, "not_modified", **headers)
            return
        if response.status in (404, 410):
            yield self.result(
                index, target, response.url, "gone", error=f"HTTP {response.status}", **headers
            )
            return
        headers["content_hash"] = content_hash(response.body)
        warnings: list[str] = []
        try:
            document = self.document(target, response)
            if self.should_render(target, response):
                document = self.document(target, await self.render(response.url))
            records = await self.extract(document, depth=0, warnings=warnings)
        except SourceError as error:
            yield self.result(index, target, response.url, "error", error=str(error), **headers)
            return
        except Exception as error:  # a parser bug must not cost the other targets their results
            self.logger.exception("parser of %s failed on %s", self.kind, response.url)
            message = (
                f"{response.url}: the {self.kind} parser failed ({type(error).__name__}: {error})"
            )
            yield self.result(index, target, response.url, "error", error=message, **headers)
            return
        yield self.result(
            index,
            target,
            response.url,
            "ok",
            records=list(records),
            warnings=warnings,
            **headers,
        )

    def failed(self, failure: Failure) -> Iterator[Result]:
        request = failure.request  # type: ignore[attr-defined]
        index, target = request.meta["medalist_index"], request.meta["medalist_target"]
        exception = failure.value or Exception(failure.getErrorMessage())
        status, error = describe(exception, request.url, self.settings)
        run = request.meta.get("medalist_run")
        yield self.result(index, target, request.url, status, error=error, run=run)

    # -- documents --------------------------------------------------------------------------

    def should_render(self, target: Target, response: Response) -> bool:
        return False

    async def render(self, url: str) -> Response:
        raise SourceError(f"{url}: {self.kind} pages are not rendered in a browser")

    def document(self, target: Target, response: Response) -> Document:
        return _document(response, self.context_for(target))

    def context_for(self, target: Target) -> dict[str, str]:
        """What the parser is told besides the document: the kind, the identifier asked for."""
        context = {**target.context, "kind": target.kind, "source_id": target.source_id}
        if target.url:
            context["target_url"] = target.url
        if target.identifier:
            context["identifier"] = target.identifier
            context[target.kind] = target.identifier
        return context

    async def fetch(self, url: str, *, meta: dict[str, Any] | None = None) -> Response:
        """``url`` through the downloader middlewares; not a 200: :class:`FetchFailed`."""
        meta = {"dont_obey_robotstxt": not self.obey_robots, **(meta or {})}
        request = scrapy.Request(url, meta=meta, headers={"Accept": self.accept}, dont_filter=True)
        assert self.crawler.engine is not None
        try:
            response = await self.crawler.engine.download_async(request)
        except Exception as error:
            raise FetchFailed(describe(error, url, self.settings)[1]) from None
        if response.status != 200:
            raise FetchFailed(f"{url}: HTTP {response.status}")
        return response

    async def extract(
        self, document: Document, *, depth: int, warnings: list[str]
    ) -> list[ProfileRecord]:
        module = import_module(self.parser_module or f"crawler.parsers.{self.kind}")
        limit = self.settings.getint("MEDALIST_LINKS_MAX", 20)
        requires = getattr(module, "requires", None)
        if requires is not None:
            related: dict[str, Document] = {}
            for url in list(requires(document))[:limit]:
                try:
                    related[url] = self.document_for_url(document, await self.fetch(url))
                except FetchFailed as error:
                    warnings.append(str(error))
            document = replace(document, related=related)
        parse = module.parse if self.parser_module else parser_for(self.kind)
        with parse_budget(self.settings.getfloat("MEDALIST_PARSE_BUDGET", 10.0), document.url):
            records = list(parse(document))
        follow = getattr(module, "follow", None)
        if follow is not None and depth < self.settings.getint("MEDALIST_FOLLOW_DEPTH", 2):
            for url in list(follow(document))[:limit]:
                try:
                    followed = self.document_for_url(document, await self.fetch(url))
                    records.extend(await self.extract(followed, depth=depth + 1, warnings=warnings))
                except SourceError as error:
                    warnings.append(str(error))
        return records

    def document_for_url(self, parent: Document, response: Response) -> Document:
        """A document fetched for ``parent`` (required or followed): it shares its context."""
        return _document(response, parent.context)


class PageSpider(TargetSpider):
    """A web page, rendered in a browser when it needs JavaScript (``render`` of the target)."""

    custom_settings = {
        "DOWNLOAD_HANDLERS": {
            "http": "crawler.handlers.OnDemandBrowserHandler",
            "https": "crawler.handlers.OnDemandBrowserHandler",
        }
    }

    def wants_browser(self, target: Target) -> bool:
        return target.render != "never"

    def should_render(self, target: Target, response: Response) -> bool:
        if target.render != "auto" or response.meta.get("playwright"):
            return False
        content_type = (_header(response, b"Content-Type") or "text/html").lower()
        return "html" in content_type and needs_javascript(response.body)

    async def render(self, url: str) -> Response:
        if not self.has_browser:
            configured = self.settings.get("MEDALIST_BROWSER") or None
            raise SourceError(f"{url}: {missing_message(configured)}")
        return await self.fetch(url, meta=RENDER_META)


class ApiSpider(TargetSpider):
    """A JSON API addressed by an identifier: ``{setting}{path}`` with the identifier filled in."""

    accept = "application/json"
    obey_robots = False
    #: The Scrapy setting holding the API's base URL, and the path under it.
    api_setting: ClassVar[str]
    path: ClassVar[str]
    #: What a valid identifier looks like (after :meth:`identifier_of`), and its name.
    identifier_pattern: ClassVar[re.Pattern[str]]
    identifier_name: ClassVar[str]

    def identifier_of(self, target: Target) -> str:
        return (target.identifier or target.url or "").strip().rstrip("/").rsplit("/", 1)[-1]

    def context_for(self, target: Target) -> dict[str, str]:
        context = super().context_for(target)
        context[self.kind] = self.identifier_of(target)
        return context

    def url_for(self, target: Target) -> str:
        identifier = self.identifier_of(target)
        if not self.identifier_pattern.fullmatch(identifier):
            raise BadTarget(f"{identifier!r} is not a valid {self.identifier_name}")
        base = str(self.settings.get(self.api_setting) or "").rstrip("/")
        if not base:
            raise BadTarget(f"the setting {self.api_setting} is empty")
        return base + self.path.format(identifier=quote(identifier, safe=""))


def _header(response: Response, name: bytes) -> str | None:
    value = response.headers.get(name)
    return value.decode("latin-1") if value else None
