"""Distributed crawls: several processes, on several machines, share one run through Redis.

With ``MEDALIST_REDIS_URL`` set, the spiders use scrapy-redis's scheduler: requests go to a
Redis queue per spider (``{MEDALIST_REDIS_PREFIX}:{kind}:requests``) that every process pops
from. The process started with the targets (``python -m crawler --targets ...``) is the
coordinator: it queues the targets' requests, works like any other process, then collects the
run's results from the Redis list ``{prefix}:results:{run}`` until every target is answered
(at most ``MEDALIST_REDIS_WAIT`` seconds) and writes the results file. Workers
(``python -m crawler --worker``) take requests of any run and push each result to its run's list.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable
from typing import Any, cast

import redis

from crawler.items import Result, Target

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
    url: str, prefix: str, run: str, targets: Iterable[Target], *, wait: float, poll: float = 0.5
) -> list[dict[str, Any]]:
    """One result per target from the run's list, waiting up to ``wait`` seconds for them."""
    targets = list(targets)
    wanted = {t.source_id for t in targets}
    client = redis.Redis.from_url(url)
    key = results_key(prefix, run)
    found: dict[str, dict[str, Any]] = {}
    deadline = time.monotonic() + wait
    seen = 0
    while True:
        for raw in cast(list[bytes], client.lrange(key, seen, -1)):
            seen += 1
            result = json.loads(raw)
            if result.get("source_id") in wanted:
                found.setdefault(result["source_id"], result)
        if len(found) >= len(wanted) or time.monotonic() >= deadline:
            break
        time.sleep(poll)
    client.delete(key)
    out = []
    for target in targets:
        if target.source_id in found:
            out.append(found.pop(target.source_id))
        else:
            message = f"no crawler process answered within MEDALIST_REDIS_WAIT ({wait:g}s)"
            out.append(Result.failure(target.source_id, target.kind, target.url, message).to_dict())
    return out
