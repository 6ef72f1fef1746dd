"""The http(s) download handler of the page spiders: a browser only when a request asks for one.

Requests go through Scrapy's HTTP handler; a request whose meta has ``"playwright": True`` goes
to scrapy-playwright's handler, which is created, and its Playwright driver started, on the
first such request (starting it costs about a second and a half, which a crawl without
JavaScript pages should not pay). The http and https handlers of one crawler share it.
Chromium is launched behind :class:`~crawler.proxy.GuardProxy`, so the page's own requests and
their redirects are held to the address guard too.
"""

from __future__ import annotations

import asyncio
from typing import Any
from weakref import WeakKeyDictionary

from scrapy.core.downloader.handlers.http11 import HTTP11DownloadHandler
from scrapy.http import Response

from crawler.addresses import AddressPolicy
from crawler.proxy import GuardProxy

_SHARED: WeakKeyDictionary[Any, _Browser] = WeakKeyDictionary()


class _Browser:
    def __init__(self, crawler: Any):
        self.crawler = crawler
        self.handler: Any = None
        self.proxy: GuardProxy | None = None
        self.lock = asyncio.Lock()
        self.closed = False

    async def get(self) -> Any:
        async with self.lock:
            if self.handler is None:
                from scrapy_playwright.handler import ScrapyPlaywrightDownloadHandler

                handler = ScrapyPlaywrightDownloadHandler.from_crawler(self.crawler)
                settings = self.crawler.settings
                policy = AddressPolicy.from_entries(settings.getlist("MEDALIST_ALLOW_HOSTS"))
                self.proxy = GuardProxy(policy)
                options = dict(handler.config.launch_options)
                options["proxy"] = {"server": await self.proxy.start()}
                options["args"] = [*options.get("args", []), "--proxy-bypass-list=<-loopback>"]
                handler.config.launch_options = options
                # it starts on engine_started, which has passed by now: start it here
                await handler._maybe_launch_in_thread()
                self.handler = handler
            return self.handler

    async def close(self) -> None:
        if self.handler is not None and not self.closed:
            self.closed = True
            await self.handler.close()
        if self.proxy is not None:
            await self.proxy.close()


class OnDemandBrowserHandler(HTTP11DownloadHandler):
    lazy = False

    def __init__(self, crawler: Any):
        super().__init__(crawler=crawler)
        self._crawler_ref = crawler

    def _browser(self) -> _Browser:
        if self._crawler_ref not in _SHARED:
            _SHARED[self._crawler_ref] = _Browser(self._crawler_ref)
        return _SHARED[self._crawler_ref]

    async def download_request(self, request: Any) -> Response:
        if request.meta.get("playwright"):
            handler = await self._browser().get()
            response: Response = await handler.download_request(request)
            return response
        return await super().download_request(request)

    async def close(self) -> None:
        await super().close()
        await self._browser().close()
