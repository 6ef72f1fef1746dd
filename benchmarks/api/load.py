"""A lean load generator: keep-alive HTTP/1.1 over asyncio streams on loopback (little CPU, so
the server gets the cores), open loop at a fixed rate or closed loop flat out.

Latency is measured from each request's scheduled time, so a server that falls behind shows it
in the percentiles (no coordinated omission).
"""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class LoadResult:
    requests: int = 0
    seconds: float = 0.0
    latencies: list[float] = field(default_factory=list)
    statuses: Counter[int] = field(default_factory=Counter)
    bytes: int = 0

    @property
    def rate(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def percentile(self, p: float) -> float:
        ordered = sorted(self.latencies)
        if not ordered:
            return float("nan")
        return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


async def _read_response(reader: asyncio.StreamReader) -> tuple[int, int]:
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.split(b"\r\n")
    status = int(lines[0].split(b" ", 2)[1])
    length = 0
    for line in lines[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
    if length:
        await reader.readexactly(length)
    return status, length


async def _run(
    host: str,
    port: int,
    headers: str,
    path_of: Callable[[int], str],
    total: int,
    rate: float | None,
    connections: int,
) -> LoadResult:
    clock = time.perf_counter  # uvloop's loop.time() counts whole milliseconds
    result = LoadResult()
    state = {"next": 0}
    start = clock() + 0.2
    interval = 1.0 / rate if rate else 0.0

    async def worker() -> None:
        reader, writer = await asyncio.open_connection(host, port)
        try:
            while state["next"] < total:
                index = state["next"]
                state["next"] += 1
                scheduled = start + index * interval if rate else clock()
                delay = scheduled - clock()
                if delay > 0:
                    await asyncio.sleep(delay)
                request = f"GET {path_of(index)} HTTP/1.1\r\nHost: {host}\r\n{headers}\r\n"
                writer.write(request.encode())
                status, length = await _read_response(reader)
                result.latencies.append(clock() - scheduled)
                result.statuses[status] += 1
                result.bytes += length
                result.requests += 1
        finally:
            writer.close()

    began = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(connections)))
    result.seconds = time.perf_counter() - began - (0.2 if rate else 0.0)
    return result


def run_load(
    host: str,
    port: int,
    key: str,
    path_of: Callable[[int], str],
    *,
    total: int,
    rate: float | None,
    connections: int,
) -> LoadResult:
    """Send ``total`` GETs (``path_of(i)``) at ``rate`` per second (None: as fast as the
    server answers) over ``connections`` keep-alive connections."""
    headers = f"Authorization: Bearer {key}\r\nAccept: application/json\r\n"
    try:  # uvicorn[standard] brings uvloop: a cheaper loop leaves more CPU to the server
        import uvloop
    except ImportError:  # pragma: no cover
        return asyncio.run(_run(host, port, headers, path_of, total, rate, connections))
    return uvloop.run(_run(host, port, headers, path_of, total, rate, connections))
