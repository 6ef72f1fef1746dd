"""Distributed crawls: several processes, on several machines, share one run through Redis.

With ``MEDALIST_REDIS_URL`` set, the spiders use scrapy-redis's scheduler: requests go to a
Redis queue per spider (``{MEDALIST_REDIS_PREFIX}:{kind}:requests``) that every process pops
from. The process started with the targets (``python -m crawler --targets ...``) is the
coordinator: it queues the targets' requests, works like any other process, then collects the
run's results from the Redis list ``{prefix}:results:{run}`` while it crawls, writing each to
the results file as it arrives (so the application applies it at once), until every target is
answered (other processes get at most ``MEDALIST_REDIS_WAIT`` more seconds once its own crawl
is done). Each target's result is written once, however many processes answered it. Workers
(``python -m crawler --worker``) take requests of any run and push each result to its run's list.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterable, Iterator
from typing import Any, cast

import redis

from crawler.items import Ledger, Result, Target

#: How long a run's results stay in Redis after the last push.
RESULTS_TTL = 24 * 3600


def results_key(prefix: str, run: str) -> str:
    return f"{prefix}:results:{run}"


def push_result(url: str, prefix: str, run: str, result: dict[str, Any]) -> None:
    client = redis.Redis.from_url(url)
    key = results_key(prefix, run)
    client.rpush(key, json.dumps(result, ensure_ascii=False))
    client.expire(key, RESULTS_TTL)


def collect_results(
    url: str,
    prefix: str,
    run: str,
    targets: Iterable[Target],
    *,
    wait: float,
    poll: float = 0.5,
    crawling: threading.Event | None = None,
) -> Iterator[dict[str, Any]]:
    """Yield one result per target from the run's list as each arrives (each target once,
    however many processes answered it). While ``crawling`` is set the coordinator's own crawl
    is still going; after it ends, other processes get ``wait`` more seconds."""
    ledger = Ledger(targets)
    client = redis.Redis.from_url(url)
    key = results_key(prefix, run)
    deadline: float | None = None
    seen = 0
    try:
        while len(ledger):
            raws = cast(list[bytes], client.lrange(key, seen, -1))
            for raw in raws:
                seen += 1
                result = Result.from_dict(json.loads(raw))
                if ledger.accept(result):
                    yield result.to_dict()
            if raws:
                continue
            if crawling is None or not crawling.is_set():
                deadline = deadline or time.monotonic() + wait
                if time.monotonic() >= deadline:
                    break
            time.sleep(poll)
    finally:
        client.delete(key)
    message = f"no crawler process answered within MEDALIST_REDIS_WAIT ({wait:g}s)"
    for failure in ledger.owed(message):
        yield failure.to_dict()
