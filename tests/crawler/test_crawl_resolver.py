"""Names are judged after DNS resolution, and the connection only gets the checked addresses."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from crawl_loopback import Reply, Site, run_crawl
from twisted.internet.address import IPv4Address, IPv6Address

from crawler.addresses import AddressPolicy
from crawler.resolver import GuardedResolver


class _Receiver:
    def __init__(self) -> None:
        self.addresses: list[Any] = []
        self.complete = False

    def resolutionBegan(self, resolution: Any) -> None:
        pass

    def addressResolved(self, address: Any) -> None:
        self.addresses.append(address)

    def resolutionComplete(self) -> None:
        self.complete = True


class _RebindingResolver:
    """A DNS answer that changed since the guard looked: a private address among public ones."""

    def resolveHostName(self, receiver: Any, name: str, port: int = 0, *args: Any) -> Any:
        receiver.resolutionBegan(None)
        receiver.addressResolved(IPv4Address("TCP", "10.0.0.7", port))
        receiver.addressResolved(IPv4Address("TCP", "93.184.216.34", port))
        receiver.addressResolved(IPv6Address("TCP", "::ffff:127.0.0.1", port))
        receiver.resolutionComplete()
        return receiver


class _Reactor:
    nameResolver = _RebindingResolver()


def test_the_resolver_drops_refused_addresses() -> None:
    resolver = GuardedResolver(_Reactor(), 0, AddressPolicy.from_entries(""))
    receiver = _Receiver()
    resolver.resolveHostName(receiver, "rebinding.example", 443)
    assert [a.host for a in receiver.addresses] == ["93.184.216.34"]
    assert receiver.complete


def test_a_name_is_judged_by_the_addresses_it_resolves_to(site: Site, tmp_path: Path) -> None:
    site.route("/hello", Reply(200, b"<html><body><h1>Hello</h1></body></html>"))
    url = f"http://localhost:{site.port}/hello"
    refused = run_crawl(
        tmp_path / "refused",
        [{"source_id": "1", "kind": "website", "url": url, "render": "never"}],
        {"MEDALIST_ALLOW_HOSTS": ""},
    )["1"]
    assert refused["status"] == "refused"
    assert "localhost resolves to" in refused["error"]
    assert "a loopback address; allow it with MEDALIST_ALLOW_HOSTS" in refused["error"]
    assert "/hello" not in site.paths

    allowed = run_crawl(
        tmp_path / "allowed",
        [{"source_id": "1", "kind": "website", "url": url, "render": "never"}],
        {"MEDALIST_ALLOW_HOSTS": "127.0.0.0/8,::1"},
    )["1"]
    assert allowed["status"] == "ok", allowed
    assert "/hello" in site.paths
