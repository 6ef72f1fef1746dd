"""A fast generated site on loopback: personal pages and JSON Resume files for N candidates.

``python -m benchmarks.nightly.site --candidates N --hosts H --port P`` serves, on every address
127.0.0.2 ... 127.0.0.(H+1) at port P (many hosts without DNS: one loopback address each):

* ``/p/{i}.html``: candidate i's personal page, schema.org ``Person`` in JSON-LD for even i,
  microformats ``h-card`` for odd i;
* ``/r/{i}.json``: a JSON Resume for every third candidate;
* ``/robots.txt``: allows everything.

Every page has a strong ``ETag`` and a ``Last-Modified``; a request with a matching
``If-None-Match`` (or ``If-Modified-Since`` not before it) gets ``304``. Pages are generated
from i on each request, so memory is flat in N. ``GET /__stats`` (any host) answers the counts
of requests by status and kind as JSON; ``POST``-free, no state but the counters. HTTP/1.1
keep-alive on asyncio streams.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
from collections import Counter
from email.utils import formatdate, parsedate_to_datetime

#: All pages were "last modified" at this instant.
MODIFIED = 1_767_225_600  # 2026-01-01T00:00:00Z
LAST_MODIFIED = formatdate(MODIFIED, usegmt=True)
COMPANIES = ["Acme", "Globex", "Initech", "Umbrella", "Hooli", "Stark Industries", "Wayne Corp"]
TITLES = [
    "Software Engineer",
    "Senior Software Engineer",
    "Staff Engineer",
    "Data Scientist",
    "Engineering Manager",
    "Product Manager",
    "Director of Engineering",
]
FIRST = ["Ada", "Grace", "Alan", "Barbara", "Edsger", "Frances", "Donald", "Margaret", "Ken"]
LAST = ["Lovelace", "Hopper", "Turing", "Liskov", "Dijkstra", "Allen", "Knuth", "Hamilton"]


def host_of(i: int, hosts: int) -> str:
    return f"127.0.0.{2 + i % hosts}"


def name_of(i: int) -> str:
    return f"{FIRST[i % len(FIRST)]} {LAST[(i // len(FIRST)) % len(LAST)]} {i}"


def person(i: int) -> dict[str, str]:
    return {
        "name": name_of(i),
        "title": TITLES[i % len(TITLES)],
        "company": COMPANIES[(i // 3) % len(COMPANIES)],
        "city": ["London", "Berlin", "Austin", "Toronto"][i % 4],
    }


def page(i: int) -> bytes:
    p = person(i)
    filler = "".join(
        f"<p>Notes on project {n}: distributed systems, testing, mentoring.</p>" for n in range(12)
    )
    if i % 2 == 0:
        data = {
            "@context": "https://schema.org",
            "@type": "Person",
            "name": p["name"],
            "jobTitle": p["title"],
            "worksFor": {"@type": "Organization", "name": p["company"]},
            "address": {"@type": "PostalAddress", "addressLocality": p["city"]},
            "knowsAbout": ["python", "sql", "kubernetes"],
        }
        body = (
            f'<script type="application/ld+json">{json.dumps(data)}</script>'
            f"<h1>{p['name']}</h1>{filler}"
        )
    else:
        body = (
            f'<div class="h-card"><h1 class="p-name">{p["name"]}</h1>'
            f'<p><span class="p-job-title">{p["title"]}</span> at '
            f'<span class="p-org">{p["company"]}</span>, '
            f'<span class="p-locality">{p["city"]}</span></p></div>{filler}'
        )
    return (
        f"<!doctype html><html><head><meta charset='utf-8'><title>{p['name']}</title>"
        f"</head><body>{body}</body></html>"
    ).encode()


def resume(i: int) -> bytes:
    p = person(i)
    data = {
        "basics": {"name": p["name"], "location": {"city": p["city"]}},
        "work": [
            {"name": p["company"], "position": p["title"], "startDate": "2021-04"},
            {
                "name": "Previous Co",
                "position": "Software Engineer",
                "startDate": "2017-01",
                "endDate": "2021-03",
            },
        ],
        "skills": [{"name": "python"}, {"name": "sql"}],
    }
    return json.dumps(data).encode()


class Site:
    def __init__(self, candidates: int):
        self.candidates = candidates
        self.counts: Counter[str] = Counter()

    def answer(self, path: str, headers: dict[str, str]) -> tuple[int, str, bytes, str | None]:
        """``(status, content type, body, etag)`` for a GET of ``path``."""
        if path == "/__stats":
            return 200, "application/json", json.dumps(self.counts).encode(), None
        if path == "/robots.txt":
            self.counts["robots"] += 1
            return 200, "text/plain", b"User-agent: *\nAllow: /\n", None
        body, kind = None, "text/html; charset=utf-8"
        try:
            if path.startswith("/p/") and path.endswith(".html"):
                i = int(path[3:-5])
                body = page(i) if 0 <= i < self.candidates else None
            elif path.startswith("/r/") and path.endswith(".json"):
                i = int(path[3:-5])
                body = resume(i) if 0 <= i < self.candidates and i % 3 == 0 else None
                kind = "application/json"
        except ValueError:
            body = None
        if body is None:
            self.counts["404"] += 1
            return 404, "text/plain", b"not found", None
        self.counts["pages"] += 1
        etag = '"' + hashlib.blake2b(body, digest_size=8).hexdigest() + '"'
        if headers.get("if-none-match") == etag or self._not_modified_since(headers):
            self.counts["304"] += 1
            return 304, kind, b"", etag
        self.counts["200"] += 1
        return 200, kind, body, etag

    @staticmethod
    def _not_modified_since(headers: dict[str, str]) -> bool:
        since = headers.get("if-modified-since")
        if not since or "if-none-match" in headers:
            return False
        try:
            return parsedate_to_datetime(since).timestamp() >= MODIFIED
        except (TypeError, ValueError):
            return False

    async def serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                line = await reader.readline()
                if not line:
                    return
                parts = line.decode("latin-1").split()
                headers: dict[str, str] = {}
                while True:
                    raw = await reader.readline()
                    if raw in (b"\r\n", b"\n", b""):
                        break
                    name, _, value = raw.decode("latin-1").partition(":")
                    headers[name.strip().lower()] = value.strip()
                path = parts[1].split("?", 1)[0] if len(parts) >= 2 else "/"
                status, kind, body, etag = self.answer(path, headers)
                reason = {200: "OK", 304: "Not Modified", 404: "Not Found"}[status]
                head = [
                    f"HTTP/1.1 {status} {reason}",
                    f"Content-Type: {kind}",
                    f"Content-Length: {len(body)}",
                    f"Last-Modified: {LAST_MODIFIED}",
                ]
                if etag:
                    head.append(f"ETag: {etag}")
                writer.write(("\r\n".join(head) + "\r\n\r\n").encode("latin-1") + body)
                await writer.drain()
        except (ConnectionError, asyncio.IncompleteReadError):
            return
        finally:
            writer.close()


async def main_async(candidates: int, hosts: int, port: int) -> None:
    site = Site(candidates)
    addresses = [f"127.0.0.{2 + n}" for n in range(hosts)]
    server = await asyncio.start_server(site.serve, host=addresses, port=port, backlog=1024)
    print(f"serving {candidates} candidates on {hosts} hosts, port {port}", flush=True)
    async with server:
        await server.serve_forever()


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.nightly.site")
    parser.add_argument("--candidates", type=int, required=True)
    parser.add_argument("--hosts", type=int, default=50)
    parser.add_argument("--port", type=int, required=True)
    args = parser.parse_args()
    asyncio.run(main_async(args.candidates, args.hosts, args.port))


if __name__ == "__main__":
    main()
