"""The browser's only way out: a forward proxy that applies the address guard to every request.

A rendered page's own requests (scripts, images, frames, and every redirect they follow) are
made by Chromium, not by Scrapy, so the downloader middlewares never see them; Playwright's
request interception does not see redirects either. Chromium is therefore started with this
proxy (``--proxy-server``, loopback included with ``--proxy-bypass-list=<-loopback>``): for each
``CONNECT host:port`` or ``GET http://host/...`` it resolves the host itself, checks every
address with :class:`~crawler.addresses.AddressPolicy` and connects to the checked address, or
answers ``403`` with the reason. Name resolution happens here, once, so DNS rebinding cannot
slip past it. Plain-HTTP requests are sent with ``Connection: close``: one request a connection,
so a reused connection cannot reach a second host unchecked.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import socket
from urllib.parse import urlsplit

from crawler.addresses import AddressPolicy, IPAddress, Refusal, parse_ip

logger = logging.getLogger(__name__)
_HEADER_LIMIT = 64 * 1024


class GuardProxy:
    def __init__(self, policy: AddressPolicy):
        self.policy = policy
        self.server: asyncio.Server | None = None
        self.refused: list[str] = []

    async def start(self) -> str:
        """Listen on a free loopback port; the proxy URL for Chromium."""
        self.server = await asyncio.start_server(self._serve, "127.0.0.1", 0)
        port = self.server.sockets[0].getsockname()[1]
        return f"http://127.0.0.1:{port}"

    async def close(self) -> None:
        if self.server is not None:
            self.server.close()
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self.server.wait_closed(), 2)

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            head = await reader.readuntil(b"\r\n\r\n")
        except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, ConnectionError):
            writer.close()
            return
        try:
            await self._forward(head, reader, writer)
        except (ConnectionError, OSError, asyncio.IncompleteReadError):
            pass
        finally:
            with contextlib.suppress(Exception):
                writer.close()

    async def _forward(
        self, head: bytes, reader: asyncio.StreamReader, writer: asyncio.StreamWriter
    ) -> None:
        request_line, _, rest = head.partition(b"\r\n")
        try:
            method, target, version = request_line.decode("latin-1").split(" ", 2)
        except ValueError:
            await _answer(writer, 400, "not an HTTP request")
            return
        if method.upper() == "CONNECT":
            host, _, port_text = target.rpartition(":")
            url = f"https://{host}:{port_text}/"
        else:
            url = target
        parts = urlsplit(url)
        try:
            host = self.policy.check_url(url)
            address = await self._resolve(
                host, parts.port or (443 if parts.scheme == "https" else 80)
            )
        except Refusal as refusal:
            self.refused.append(str(refusal))
            logger.info("the browser may not fetch %s: %s", url, refusal)
            await _answer(writer, 403, str(refusal))
            return
        except OSError as error:
            await _answer(writer, 502, f"cannot resolve {host}: {error}")
            return
        port = parts.port or (443 if parts.scheme == "https" else 80)
        upstream_reader, upstream_writer = await asyncio.open_connection(str(address), port)
        if method.upper() == "CONNECT":
            writer.write(b"HTTP/1.1 200 Connection established\r\n\r\n")
            await writer.drain()
        else:
            path = parts.path or "/"
            if parts.query:
                path += "?" + parts.query
            headers = [
                line
                for line in rest.split(b"\r\n")
                if line and not line.lower().startswith((b"proxy-connection:", b"connection:"))
            ]
            upstream_writer.write(
                f"{method} {path} {version}\r\n".encode("latin-1")
                + b"\r\n".join([*headers, b"Connection: close"])
                + b"\r\n\r\n"
            )
        await asyncio.gather(
            _pipe(reader, upstream_writer), _pipe(upstream_reader, writer), return_exceptions=True
        )

    async def _resolve(self, host: str, port: int) -> IPAddress:
        literal = parse_ip(host)
        if literal is not None:
            self.policy.check_address(host, literal)
            return literal
        infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
        addresses = [a for a in (parse_ip(str(info[4][0])) for info in infos) if a is not None]
        if not addresses:
            raise OSError(f"{host} has no address")
        for address in addresses:
            if not self.policy.host_allowed(host):
                self.policy.check_address(host, address)
        return addresses[0]


async def _pipe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    try:
        while chunk := await reader.read(65536):
            writer.write(chunk)
            await writer.drain()
    finally:
        with contextlib.suppress(Exception):
            writer.close()


async def _answer(writer: asyncio.StreamWriter, status: int, reason: str) -> None:
    body = reason.encode("utf-8", "replace")
    writer.write(
        f"HTTP/1.1 {status} Refused\r\nContent-Type: text/plain; charset=utf-8\r\n"
        f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n".encode("latin-1")
        + body
    )
    with contextlib.suppress(Exception):
        await writer.drain()
