"""The GitHub token goes to the GitHub API and nowhere else.

With ``MEDALIST_GITHUB_TOKEN`` set, every request under ``MEDALIST_GITHUB_API`` carries
``Authorization: Bearer <token>`` (5,000 requests an hour instead of 60). Every other request,
including a redirect from the API to another host, leaves without it: a redirected request is a
new request that passes through here again, and the header is taken off when its URL is not the
API's. The token is a setting only; nothing here logs it.
"""

from __future__ import annotations

from typing import Any

from scrapy import Request

from crawler.apis import ApiDirectory

AUTHORIZATION = b"Authorization"


class ApiTokenMiddleware:
    def __init__(self, apis: ApiDirectory, github_token: str | None):
        self.apis = apis
        self.bearer = f"Bearer {github_token}".encode() if github_token else None

    @classmethod
    def from_crawler(cls, crawler: Any) -> ApiTokenMiddleware:
        settings = crawler.settings
        token = str(settings.get("MEDALIST_GITHUB_TOKEN") or "").strip() or None
        return cls(ApiDirectory.from_settings(settings), token)

    def process_request(self, request: Request) -> None:
        if self.bearer is None:
            return
        api = self.apis.find(request.url)
        if api is not None and api.name == "github":
            request.headers[AUTHORIZATION] = self.bearer
        elif request.headers.get(AUTHORIZATION) == self.bearer:
            del request.headers[AUTHORIZATION]
