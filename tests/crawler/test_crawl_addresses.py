"""The address guard's judgement, without a network: IPv4, IPv6, embedded forms, allow lists."""

from __future__ import annotations

import ipaddress
from datetime import UTC, datetime

import pytest

from crawler.addresses import AddressPolicy, Refusal, embedded_ipv4, special_use
from crawler.browser import needs_javascript
from crawler.middlewares.retry import retry_after_seconds

POLICY = AddressPolicy.from_entries("")


@pytest.mark.parametrize(
    ("address", "reason"),
    [
        ("127.0.0.1", "a loopback address"),
        ("10.0.0.1", "a private address"),
        ("172.16.5.4", "a private address"),
        ("192.168.1.1", "a private address"),
        ("169.254.169.254", "a link-local address"),  # cloud metadata
        ("0.0.0.0", "an unspecified address"),
        ("224.0.0.1", "a multicast address"),
        ("240.0.0.1", "a private address"),  # reserved, and listed as non-global
        ("100.64.0.1", "a special-purpose (non-global) address"),  # carrier-grade NAT
        ("255.255.255.255", "a private address"),
        ("::1", "a loopback address"),
        ("::", "an unspecified address"),
        ("fe80::1", "a link-local address"),
        ("fc00::1", "a private address"),
        ("ff02::1", "a multicast address"),
        ("::ffff:127.0.0.1", "a loopback address (embedded as ::ffff:7f00:1)"),
        ("::ffff:10.0.0.1", "a private address (embedded as ::ffff:a00:1)"),
        ("2002:7f00:1::", "a loopback address (embedded as 2002:7f00:1::)"),  # 6to4
        ("64:ff9b::a9fe:a9fe", "a link-local address (embedded as 64:ff9b::a9fe:a9fe)"),  # NAT64
        ("::127.0.0.1", "a loopback address (embedded as ::7f00:1)"),  # IPv4-compatible
    ],
)
def test_special_addresses_are_named(address: str, reason: str) -> None:
    assert special_use(ipaddress.ip_address(address)) == reason


@pytest.mark.parametrize(
    "address", ["93.184.216.34", "8.8.8.8", "2606:4700:4700::1111", "::ffff:8.8.8.8"]
)
def test_public_addresses_pass(address: str) -> None:
    assert special_use(ipaddress.ip_address(address)) is None


def test_embedded_ipv4_forms() -> None:
    assert embedded_ipv4(ipaddress.ip_address("::ffff:1.2.3.4")) == ipaddress.ip_address("1.2.3.4")
    teredo = ipaddress.ip_address("2001:0:4136:e378:8000:63bf:3fff:fdd2")
    assert embedded_ipv4(teredo) == ipaddress.ip_address("192.0.2.45")
    assert embedded_ipv4(ipaddress.ip_address("::1")) is None
    assert embedded_ipv4(ipaddress.ip_address("1.2.3.4")) is None


def test_refusal_message_says_what_to_do() -> None:
    with pytest.raises(
        Refusal, match=r"^127\.0\.0\.1 is a loopback address; allow it with MEDALIST_ALLOW_HOSTS$"
    ):
        POLICY.check_address("127.0.0.1", ipaddress.ip_address("127.0.0.1"))
    with pytest.raises(
        Refusal, match=r"^intranet\.example resolves to 10\.1\.2\.3, a private address"
    ):
        POLICY.check_address("intranet.example", ipaddress.ip_address("10.1.2.3"))


def test_allow_list_of_hosts_addresses_and_networks() -> None:
    policy = AddressPolicy.from_entries("127.0.0.1, 10.0.0.0/8; fd00::/8, Intranet.Example, [::1]")
    allowed = [
        ("127.0.0.1", "127.0.0.1"),
        ("x", "::ffff:127.0.0.1"),  # the same address, mapped
        ("x", "10.200.3.4"),
        ("x", "fd12::5"),
        ("intranet.example", "192.168.0.9"),  # the host itself is allowed
        ("x", "::1"),
    ]
    for host, address in allowed:
        assert policy.allows(host, ipaddress.ip_address(address)), (host, address)
    for host, address in [("x", "127.0.0.2"), ("x", "192.168.0.9"), ("x", "::ffff:127.0.0.2")]:
        assert not policy.allows(host, ipaddress.ip_address(address)), (host, address)


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("ftp://example.org/x", "only http and https"),
        ("file:///etc/passwd", "only http and https"),
        ("https://www.linkedin.com/in/someone", "LinkedIn"),
        ("https://LINKEDIN.COM./in/someone", "LinkedIn"),
        ("https://lnkd.in/abc", "LinkedIn"),
        ("http:///nohost", "no host"),
    ],
)
def test_urls_refused_before_any_lookup(url: str, message: str) -> None:
    with pytest.raises(Refusal, match=message):
        AddressPolicy.from_entries("linkedin.com").check_url(url)


def test_check_url_returns_the_host() -> None:
    assert POLICY.check_url("https://Ada.Example:8443/x") == "ada.example"
    assert POLICY.check_url("http://[::ffff:127.0.0.2]:80/") == "::ffff:127.0.0.2"


def test_retry_after() -> None:
    now = datetime(2026, 11, 26, 2, 0, 0, tzinfo=UTC)
    assert retry_after_seconds(b"120") == 120
    assert retry_after_seconds("Thu, 26 Nov 2026 02:00:30 GMT", now) == 30
    assert retry_after_seconds("Thu, 26 Nov 2026 01:00:00 GMT", now) == 0
    assert retry_after_seconds(None) is None
    assert retry_after_seconds(b"soon") is None


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        (b"<html><body><div id=root></div><script src=app.js></script></body></html>", True),
        (b"<body><noscript>You need to enable JavaScript to run this app.</noscript></body>", True),
        (
            b"<body><h1>Ada</h1>"
            + b"<p>Engineer at Acme. </p>" * 20
            + b"<script>x()</script></body>",
            False,
        ),
        (b"<body><div id=root></div></body>", False),  # nothing to run: nothing to render
        (
            b'<head><script type="application/ld+json">{"@type": "Person"}</script></head>'
            b"<body><script src=app.js></script></body>",
            False,
        ),
    ],
)
def test_needs_javascript(html: bytes, expected: bool) -> None:
    assert needs_javascript(html) is expected


@pytest.mark.parametrize(
    "address",
    [
        "0.1.2.3",
        "10.1.1.1",
        "100.64.0.1",
        "127.0.0.2",
        "169.254.1.1",
        "172.31.255.255",
        "192.0.0.1",
        "192.0.0.9",
        "192.0.0.100",  # in 192.0.0.0/24 but outside the /29 Python knows about
        "192.0.0.255",
        "192.0.2.1",
        "192.88.99.1",
        "192.168.0.1",
        "198.18.0.1",
        "198.19.255.255",
        "198.51.100.1",
        "203.0.113.1",
        "240.0.0.1",
        "255.255.255.255",
        "::1",
        "::",
        "64:ff9b:1::1",
        "100::1",
        "100:0:0:1::1",
        "2001:1::1",
        "2001:2::1",
        "2001:10::1",
        "2001:db8::1",
        "3fff::1",
        "5f00::1",
        "fc00::1",
        "fd12:3456::1",
        "fe80::1",
        "fec0::1",
    ],
)
def test_every_non_global_registry_entry_is_refused(address: str) -> None:
    ip = ipaddress.ip_address(address)
    assert special_use(ip) is not None
    with pytest.raises(Refusal, match="MEDALIST_ALLOW_HOSTS"):
        POLICY.check_address(address, ip)


def test_registry_table_names_the_block() -> None:
    assert special_use(ipaddress.ip_address("192.0.0.100")) == (
        "a special-purpose address (IETF protocol assignments, 192.0.0.0/24)"
    )
