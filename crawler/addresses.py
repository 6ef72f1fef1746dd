"""Which hosts and addresses the crawler may reach: the policy of the address guard.

URLs come from data (an ATS export, a profile page's links), so a URL could point the crawler
at the operator's own network. Every address a request would connect to is classified here;
private, loopback, link-local, multicast, reserved and unspecified addresses, and every other
entry of the IANA special-purpose registries that is not globally reachable, are refused
(IPv6 forms that embed an IPv4 address are judged by that address too) unless
``MEDALIST_ALLOW_HOSTS`` lists the host, the address or a network holding it. LinkedIn is never
fetched, whatever the allow list says.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network

SCHEMES = frozenset({"http", "https"})
#: Hosts never fetched, and why.
FORBIDDEN_DOMAINS = {
    "linkedin.com": "LinkedIn's User Agreement forbids crawling its pages; medalist never "
    "fetches linkedin.com (use the person's own page, ORCID or GitHub instead)",
    "lnkd.in": "lnkd.in is LinkedIn's link shortener; medalist never fetches LinkedIn",
}
_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")

#: Every entry of the IANA IPv4 and IPv6 Special-Purpose Address Registries that is not
#: globally reachable (RFC 6890 and its updates), with the registry's name. Python's
#: ``is_global`` misses some of them (all of 192.0.0.0/24, 100::/64 at some versions,
#: 3fff::/20, 5f00::/16), so the guard checks this table too. The few globally reachable
#: anycast assignments inside these blocks (192.0.0.9, 192.0.0.10, 2001:1::1-3, AMT, AS112)
#: are refused with their block: no career page is served from a protocol anycast address.
SPECIAL_PURPOSE: tuple[tuple[IPNetwork, str], ...] = tuple(
    (ipaddress.ip_network(cidr), name)
    for cidr, name in (
        ("0.0.0.0/8", "'this network'"),
        ("10.0.0.0/8", "private-use"),
        ("100.64.0.0/10", "shared address space (carrier-grade NAT)"),
        ("127.0.0.0/8", "loopback"),
        ("169.254.0.0/16", "link-local"),
        ("172.16.0.0/12", "private-use"),
        ("192.0.0.0/24", "IETF protocol assignments"),
        ("192.0.2.0/24", "documentation (TEST-NET-1)"),
        ("192.88.99.0/24", "deprecated 6to4 relay anycast"),
        ("192.168.0.0/16", "private-use"),
        ("198.18.0.0/15", "benchmarking"),
        ("198.51.100.0/24", "documentation (TEST-NET-2)"),
        ("203.0.113.0/24", "documentation (TEST-NET-3)"),
        ("240.0.0.0/4", "reserved"),
        ("255.255.255.255/32", "limited broadcast"),
        ("::1/128", "loopback"),
        ("::/128", "unspecified"),
        ("64:ff9b:1::/48", "local-use IPv4/IPv6 translation"),
        ("100::/64", "discard-only"),
        ("100:0:0:1::/64", "dummy IPv6 prefix"),
        ("2001::/23", "IETF protocol assignments"),
        ("2001:2::/48", "benchmarking"),
        ("2001:db8::/32", "documentation"),
        ("3fff::/20", "documentation"),
        ("5f00::/16", "segment routing (SRv6) SIDs"),
        ("fc00::/7", "unique-local"),
        ("fe80::/10", "link-local"),
        ("fec0::/10", "deprecated site-local"),
    )
)
_IPV4_COMPATIBLE = ipaddress.IPv6Network("::/96")


class Refusal(Exception):
    """A URL or address the crawler must not reach; the message says why and what to do."""


def parse_ip(text: str) -> IPAddress | None:
    """The address in ``text`` (brackets and an IPv6 zone allowed), or ``None`` for a name."""
    text = text.strip().strip("[]").split("%", 1)[0]
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        return None


def embedded_ipv4(address: IPAddress) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 address carries (mapped, 6to4, Teredo, NAT64, compatible)."""
    if isinstance(address, ipaddress.IPv4Address):
        return None
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address.sixtofour is not None:
        return address.sixtofour
    if address.teredo is not None:
        return address.teredo[1]
    if address in _NAT64 or (address in _IPV4_COMPATIBLE and int(address) > 1):
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


def special_use(address: IPAddress) -> str | None:
    """Why ``address`` is not a public internet address (``"a loopback address"``), or None."""
    embedded = embedded_ipv4(address)
    if embedded is not None:
        inner = special_use(embedded)
        if inner:
            return f"{inner} (embedded as {address})"
        if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
            return None  # a mapped address is the IPv4 address itself
    checks = (
        (address.is_unspecified, "an unspecified address"),
        (address.is_loopback, "a loopback address"),
        (address.is_link_local, "a link-local address"),
        (address.is_multicast, "a multicast address"),
        (address.is_private, "a private address"),
        (address.is_reserved, "a reserved address"),
        (
            isinstance(address, ipaddress.IPv6Address) and address.is_site_local,
            "a site-local address",
        ),
        (not address.is_global, "a special-purpose (non-global) address"),
    )
    for hit, reason in checks:
        if hit:
            return reason
    for network, name in SPECIAL_PURPOSE:
        if address.version == network.version and address in network:
            return f"a special-purpose address ({name}, {network})"
    return None


def forbidden_domain(host: str) -> str | None:
    host = host.lower().rstrip(".")
    for domain, reason in FORBIDDEN_DOMAINS.items():
        if host == domain or host.endswith("." + domain):
            return reason
    return None


@dataclass(frozen=True)
class AddressPolicy:
    """The allow list (``MEDALIST_ALLOW_HOSTS``) and the checks built on it."""

    hosts: frozenset[str] = frozenset()
    networks: tuple[IPNetwork, ...] = ()

    @classmethod
    def from_entries(cls, entries: Iterable[str] | str | None) -> AddressPolicy:
        """Hostnames, addresses and CIDRs; a string may list them separated by commas."""
        if isinstance(entries, str):
            entries = entries.replace(";", ",").split(",")
        hosts: set[str] = set()
        networks: list[IPNetwork] = []
        for raw in entries or ():
            entry = raw.strip()
            if not entry:
                continue
            try:
                networks.append(ipaddress.ip_network(entry.strip("[]"), strict=False))
            except ValueError:
                hosts.add(entry.lower().rstrip("."))
        return cls(frozenset(hosts), tuple(networks))

    def host_allowed(self, host: str) -> bool:
        return host.lower().rstrip(".") in self.hosts

    def address_allowed(self, address: IPAddress) -> bool:
        candidates = [address]
        embedded = embedded_ipv4(address)
        if embedded is not None:
            candidates.append(embedded)
        return any(a.version == n.version and a in n for a in candidates for n in self.networks)

    def check_url(self, url: str) -> str:
        """The URL's host, once its scheme and name are acceptable; else :class:`Refusal`."""
        parts = urlsplit(url)
        if parts.scheme.lower() not in SCHEMES:
            raise Refusal(f"{url}: only http and https URLs are fetched, not {parts.scheme!r}")
        host = parts.hostname or ""
        if not host:
            raise Refusal(f"{url}: the URL has no host")
        reason = forbidden_domain(host)
        if reason:
            raise Refusal(f"{url}: {reason}")
        return host

    def check_address(self, host: str, address: IPAddress) -> None:
        """Raise :class:`Refusal` when ``host`` resolving to ``address`` must not be reached."""
        if self.host_allowed(host) or self.address_allowed(address):
            return
        reason = special_use(address)
        if reason is None:
            return
        if parse_ip(host) is not None:
            raise Refusal(f"{host} is {reason}; allow it with MEDALIST_ALLOW_HOSTS")
        raise Refusal(f"{host} resolves to {address}, {reason}; allow it with MEDALIST_ALLOW_HOSTS")

    def allows(self, host: str, address: IPAddress) -> bool:
        try:
            self.check_address(host, address)
        except Refusal:
            return False
        return True
