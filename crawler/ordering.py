"""The order of a night's targets: round-robin across hosts and APIs, so none starves the run.

The crawler takes its targets in file order, and the scheduler can only choose among those it
has been handed. A plan that lists 5,000 GitHub logins before the personal sites would keep the
whole run at GitHub's pace (one request at a time, and a wait when its budget is spent) while
every other host sat idle. :func:`interleave` deals the targets out one host at a time instead:
``a1 b1 c1 a2 b2 c2 a3 ...``, each host's targets in their own order.

It is a generator over any iterable. With ``window=None`` it reads everything first (a perfect
round-robin); with ``window=N`` it looks at most ``N`` items ahead and deals among those, so a
plan streamed from the database needs memory for ``N`` targets only.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping, Sequence
from typing import Any, TypeVar
from urllib.parse import urlsplit

T = TypeVar("T")
#: Kinds addressed by an identifier through one API: each API is one "host" of the plan.
API_KINDS = frozenset({"orcid", "github", "wikidata"})


def _field(target: Any, name: str) -> Any:
    if isinstance(target, Mapping):
        return target.get(name)
    return getattr(target, name, None)


def host_of(target: Any) -> str:
    """The host a target will be fetched from: ``api:<kind>`` for the APIs, else the URL's host.

    ``target`` is a target dict of the targets file or any object with ``kind`` and ``url``.
    A target without a usable URL is its own group, ``kind:<kind>``.
    """
    kind = str(_field(target, "kind") or "")
    if kind in API_KINDS:
        return f"api:{kind}"
    url = _field(target, "url")
    try:
        host = urlsplit(str(url)).hostname if url else None
    except ValueError:
        host = None
    return host or f"kind:{kind}"


def interleave(
    items: Iterable[T],
    key: Callable[[T], Hashable] = host_of,
    *,
    window: int | None = None,
) -> Iterator[T]:
    """``items`` dealt round-robin across ``key`` (hosts by default), each key's in order.

    Keys take turns in the order they first appear; a key first seen later joins at the end of
    the round. ``window`` bounds how many items are read ahead (``None``: all of them).
    """
    if window is not None and window < 1:
        raise ValueError(f"interleave: window must be at least 1, got {window}")
    source = iter(items)
    queues: dict[Hashable, deque[T]] = {}
    turns: deque[Hashable] = deque()
    buffered = 0
    exhausted = False
    while True:
        while not exhausted and (window is None or buffered < window):
            try:
                item = next(source)
            except StopIteration:
                exhausted = True
                break
            group = key(item)
            queue = queues.get(group)
            if queue is None:
                queue = queues[group] = deque()
                turns.append(group)
            queue.append(item)
            buffered += 1
        if not turns:
            return
        group = turns.popleft()
        queue = queues[group]
        yield queue.popleft()
        buffered -= 1
        if queue:
            turns.append(group)
        else:
            del queues[group]


def deal(groups: Iterable[Sequence[T]]) -> Iterator[T]:
    """Items already grouped (by host, the groups in order of first appearance) dealt
    round-robin: the order :func:`interleave` gives. The groups may be compact arrays (a
    night's plan keeps only file offsets)."""
    turns: deque[tuple[Sequence[T], int]] = deque((group, 0) for group in groups if group)
    while turns:
        group, k = turns.popleft()
        yield group[k]
        if k + 1 < len(group):
            turns.append((group, k + 1))
