"""The DNS resolver the connections use: it never hands out an address the guard refuses.

:class:`~crawler.middlewares.guard.AddressGuardMiddleware` resolves each request's host before
it is sent, checks every address and pins the checked addresses in Scrapy's DNS cache, which
this resolver reads first; so the connection goes to the addresses that were checked (no DNS
rebinding between the check and the connection). On a cache miss it resolves and drops any
refused address, so nothing reaches a refused address even if the middleware were bypassed.
Installed with ``TWISTED_DNS_RESOLVER``.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

import attr
from scrapy.resolver import CachingHostnameResolver, dnscache
from twisted.internet.interfaces import IAddress, IHostResolution, IResolutionReceiver
from zope.interface import implementer, provider

from crawler.addresses import AddressPolicy, parse_ip

logger = logging.getLogger(__name__)


@provider(IResolutionReceiver)
class _Filter:
    def __init__(self, receiver: Any, host: str, policy: AddressPolicy):
        self.receiver: Any = receiver
        self.host, self.policy = host, policy
        self.kept: list[IAddress] = []

    def resolutionBegan(self, resolution: Any) -> None:
        self.receiver.resolutionBegan(resolution)

    def addressResolved(self, address: IAddress) -> None:
        ip = parse_ip(getattr(address, "host", ""))
        if ip is None or not self.policy.allows(self.host, ip):
            logger.warning("dropped %s for %s: the address guard refuses it", ip, self.host)
            return
        self.kept.append(address)
        self.receiver.addressResolved(address)

    def resolutionComplete(self) -> None:
        self.receiver.resolutionComplete()


@implementer(IHostResolution)
class _Resolution:
    def __init__(self, name: str):
        self.name = name

    def cancel(self) -> None:  # pragma: no cover - nothing to cancel
        pass


class GuardedResolver(CachingHostnameResolver):
    """IPv4 and IPv6, cached, filtered through :class:`~crawler.addresses.AddressPolicy`."""

    def __init__(self, reactor: Any, cache_size: int, policy: AddressPolicy):
        super().__init__(reactor, cache_size)
        self.policy = policy

    @classmethod
    def from_crawler(cls, crawler: Any, reactor: Any) -> GuardedResolver:
        size = crawler.settings.getint("DNSCACHE_SIZE") or 10000
        policy = AddressPolicy.from_entries(crawler.settings.getlist("MEDALIST_ALLOW_HOSTS"))
        return cls(reactor, size, policy)

    def resolveHostName(
        self,
        resolutionReceiver: IResolutionReceiver,
        hostName: str,
        portNumber: int = 0,
        addressTypes: Sequence[type[IAddress]] | None = None,
        transportSemantics: str = "TCP",
    ) -> IHostResolution:
        receiver = _Filter(resolutionReceiver, hostName, self.policy)
        if hostName in dnscache:
            receiver.resolutionBegan(_Resolution(hostName))
            for address in dnscache[hostName]:
                receiver.addressResolved(attr.evolve(address, port=portNumber))
            receiver.resolutionComplete()
            return resolutionReceiver  # as Scrapy's CachingHostnameResolver does
        original: Any = self.original_resolver
        return original.resolveHostName(
            receiver, hostName, portNumber, addressTypes, transportSemantics
        )
