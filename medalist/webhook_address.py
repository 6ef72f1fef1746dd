"""Where a webhook delivery may connect: the URL's host resolved once, every address checked
against the address policy, and the connection pinned to the checked address.

A check that resolves the name and a client that resolves it again leave a window for DNS
rebinding: a name that answers a public address to the check and ``127.0.0.1`` to the
connection would reach the loopback interface. So the name is resolved once per attempt
(:func:`resolve_url`); the delivery connects to that :attr:`PinnedUrl.address`, sending the
name in ``Host`` and, for https, as the TLS server name (the certificate is verified against
the name, not the address).

A host is refused when any of its addresses is private, loopback, link-local or otherwise
special-use, unless ``MEDALIST_ALLOW_HOSTS`` lists the host or a network holding the address.
"""

from __future__ import annotations

import socket
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

from crawler.addresses import AddressPolicy, Refusal, parse_ip

#: ``(host, port) -> addresses``: the system resolver by default, a fake in tests.
Resolver = Callable[[str, int], list[str]]


def system_resolver(host: str, port: int) -> list[str]:
    return [str(info[4][0]) for info in socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)]


@dataclass(frozen=True, slots=True)
class PinnedUrl:
    """A URL whose host was resolved and checked: connect to ``address``, name ``host``."""

    url: str
    scheme: str
    host: str
    port: int
    address: str

    @property
    def host_header(self) -> str:
        shown = f"[{self.host}]" if ":" in self.host else self.host
        default = 443 if self.scheme == "https" else 80
        return shown if self.port == default else f"{shown}:{self.port}"

    @property
    def server_name(self) -> str | None:
        """The TLS server name (SNI, and the name the certificate must carry)."""
        if self.scheme != "https" or parse_ip(self.host) is not None:
            return None
        return self.host


def resolve_url(url: str, policy: AddressPolicy, resolve: Resolver | None = None) -> PinnedUrl:
    """``url`` pinned to an address that ``policy`` lets a delivery reach; :class:`Refusal`
    when the URL, its host or any of the host's addresses may not be reached."""
    host = policy.check_url(url)
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    try:
        port = parts.port or (443 if scheme == "https" else 80)
    except ValueError:
        raise Refusal(f"{url}: the port is not a number from 0 to 65535") from None
    literal = parse_ip(host)
    if literal is not None:
        policy.check_address(host, literal)
        return PinnedUrl(url, scheme, host, port, str(literal))
    try:
        answers = (resolve or system_resolver)(host, port)
    except (OSError, UnicodeError) as error:
        raise Refusal(f"{url}: cannot resolve the host {host!r} ({error})") from None
    addresses = [a for a in (parse_ip(answer) for answer in answers) if a is not None]
    if not addresses:
        raise Refusal(f"{url}: the host {host!r} has no address")
    for address in addresses:
        policy.check_address(host, address)
    return PinnedUrl(url, scheme, host, port, str(addresses[0]))
