"""The browser's proxy applies the address guard to every request, redirects included."""

from __future__ import annotations

import asyncio

from crawl_loopback import Reply, Site

from crawler.addresses import AddressPolicy
from crawler.proxy import GuardProxy


async def _ask(proxy_url: str, request: bytes) -> bytes:
    host, port = proxy_url.removeprefix("http://").split(":")
    reader, writer = await asyncio.open_connection(host, int(port))
    writer.write(request)
    await writer.drain()
    answer = await asyncio.wait_for(reader.read(), 5)
    writer.close()
    return answer


def test_the_proxy_forwards_allowed_and_refuses_the_rest(site: Site) -> None:
    site.route("/hello", Reply(200, b"hello from loopback"))
    private = Site("127.0.0.2")
    private.route("/secret", Reply(200, b"internal"))

    async def scenario() -> tuple[bytes, bytes, bytes, bytes, list[str]]:
        proxy = GuardProxy(AddressPolicy.from_entries("127.0.0.1"))
        url = await proxy.start()
        try:
            hello = site.url("/hello")
            get = f"GET {hello} HTTP/1.1\r\nHost: x\r\nProxy-Connection: keep-alive\r\n\r\n"
            allowed = await _ask(url, get.encode())
            secret = private.url("/secret")
            refused = await _ask(url, f"GET {secret} HTTP/1.1\r\nHost: x\r\n\r\n".encode())
            mapped = f"GET http://[::ffff:127.0.0.2]:{private.port}/secret HTTP/1.1\r\n\r\n"
            refused_mapped = await _ask(url, mapped.encode())
            tunnel = await _ask(url, b"CONNECT 10.0.0.1:443 HTTP/1.1\r\nHost: 10.0.0.1:443\r\n\r\n")
        finally:
            await proxy.close()
        return allowed, refused, refused_mapped, tunnel, proxy.refused

    try:
        allowed, refused, refused_mapped, tunnel, reasons = asyncio.run(scenario())
    finally:
        private.close()
    assert allowed.startswith(b"HTTP/1.1 200") or allowed.startswith(b"HTTP/1.0 200")
    assert allowed.endswith(b"hello from loopback")
    assert refused.startswith(b"HTTP/1.1 403")
    assert b"127.0.0.2 is a loopback address" in refused
    assert refused_mapped.startswith(b"HTTP/1.1 403")
    assert tunnel.startswith(b"HTTP/1.1 403")
    assert b"10.0.0.1 is a private address" in tunnel
    assert private.paths == []
    assert len(reasons) == 3
    assert site.headers_of("/hello")[-1]["Connection"] == "close"
