"""The address guard: the first downloader middleware, for every request and every redirect.

A redirect is a new request that passes through the downloader middlewares again, so each hop
is checked. The host is resolved here (in a thread, not blocking the reactor), every address is
checked against :class:`~crawler.addresses.AddressPolicy`, and the checked addresses are pinned
in Scrapy's DNS cache for :class:`~crawler.resolver.GuardedResolver`, so the connection uses
exactly them.
"""

from __future__ import annotations

import socket
from typing import Any

from scrapy import Request
from scrapy.exceptions import IgnoreRequest
from scrapy.resolver import dnscache
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet.address import IPv4Address, IPv6Address
from twisted.internet.threads import deferToThread

from crawler.addresses import AddressPolicy, IPAddress, Refusal, parse_ip


class RequestRefused(IgnoreRequest):
    """The guard or robots.txt said no; the result's status is ``refused``."""


def _getaddrinfo(host: str, port: int) -> list[str]:
    if host.rstrip(".").lower().rsplit(".", 1)[-1] == "invalid":
        # RFC 6761 section 6.4: resolvers answer names under .invalid negatively at once
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


class AddressGuardMiddleware:
    def __init__(self, policy: AddressPolicy):
        self.policy = policy

    @classmethod
    def from_crawler(cls, crawler: Any) -> AddressGuardMiddleware:
        return cls(AddressPolicy.from_entries(crawler.settings.getlist("MEDALIST_ALLOW_HOSTS")))

    async def process_request(self, request: Request) -> None:
        try:
            host = self.policy.check_url(request.url)
        except Refusal as refusal:
            raise RequestRefused(str(refusal)) from None
        literal = parse_ip(host)
        if literal is not None:
            self._check(host, [literal])
            return
        if self.policy.host_allowed(host):
            return
        port = 443 if request.url.lower().startswith("https:") else 80
        try:
            found = await maybe_deferred_to_future(deferToThread(_getaddrinfo, host, port))
        except OSError as error:
            raise IgnoreRequest(f"cannot resolve {host}: {error}") from None
        addresses = [a for a in (parse_ip(text) for text in found) if a is not None]
        self._check(host, addresses)
        dnscache[host] = [
            (IPv4Address if a.version == 4 else IPv6Address)("TCP", str(a), 0) for a in addresses
        ]

    def _check(self, host: str, addresses: list[IPAddress]) -> None:
        if not addresses:
            raise IgnoreRequest(f"{host} has no address")
        for address in addresses:
            try:
                self.policy.check_address(host, address)
            except Refusal as refusal:
                raise RequestRefused(str(refusal)) from None
