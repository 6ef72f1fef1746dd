"""A real HTTP server on loopback for the crawl tests, and a way to run a crawl.

Imported by the crawl tests as ``crawl_loopback`` (pytest puts this folder on ``sys.path``).

The server serves routes the tests register (saved pages and scripted faults) and records
every request it answered, so a test can prove a URL was never requested.
"""

from __future__ import annotations

import json
import os
import socket
import struct
import subprocess
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"
#: -s settings every test crawl uses: reach loopback, no waiting.
FAST = {
    "MEDALIST_ALLOW_HOSTS": "127.0.0.1",
    "AUTOTHROTTLE_ENABLED": "False",
    "DOWNLOAD_DELAY": "0",
    "CONCURRENT_REQUESTS_PER_DOMAIN": "16",
    "DOWNLOAD_TIMEOUT": "5",
    "RETRY_BACKOFF_BASE": "0.1",
    "LOG_LEVEL": "INFO",
}


def fixture_path(*names: str) -> Path:
    """A saved document of the project's tests/fixtures (see its MANIFEST.md)."""
    path = FIXTURES.joinpath(*names)
    assert path.is_file(), f"missing test fixture {path}"
    return path


@dataclass
class Reply:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)


Handler = Callable[["_Handler"], Reply | None]


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        self.server.log.append((self.path, dict(self.headers.items())))
        route = self.server.routes.get(self.path.split("?", 1)[0])
        if route is None:
            reply: Reply | None = Reply(404, b"not found")
        elif isinstance(route, Reply):
            reply = route
        else:
            reply = route(self)
        if reply is None:  # the route answered (or broke the connection) itself
            return
        self.send_response(reply.status)
        headers = {"Content-Type": "text/html; charset=utf-8", **reply.headers}
        for name, value in headers.items():
            self.send_header(name, value)
        if "Content-Length" not in headers:
            self.send_header("Content-Length", str(len(reply.body)))
        self.end_headers()
        self.wfile.write(reply.body)

    def log_message(self, format: str, *args: Any) -> None:
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, host: str):
        super().__init__((host, 0), _Handler)
        self.routes: dict[str, Reply | Handler] = {}
        self.log: list[tuple[str, dict[str, str]]] = []


class Site:
    """One loopback server: ``route`` what it serves, ``url`` to address it, ``paths`` served."""

    def __init__(self, host: str = "127.0.0.1"):
        self.server = _Server(host)
        self.host = host
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self.thread.start()

    def url(self, path: str = "/") -> str:
        return f"http://{self.host}:{self.port}{path}"

    def route(self, path: str, reply: Reply | Handler) -> str:
        self.server.routes[path] = reply
        return self.url(path)

    @property
    def paths(self) -> list[str]:
        return [path for path, _ in self.server.log]

    def headers_of(self, path: str) -> list[dict[str, str]]:
        return [headers for p, headers in self.server.log if p == path]

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def reset_connection(handler: _Handler) -> None:
    """Break the connection with a TCP reset before any response."""
    handler.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    handler.connection.close()
    handler.close_connection = True


def run_crawl(
    tmp_path: Path,
    targets: list[dict[str, Any]],
    settings: dict[str, str] | None = None,
    *,
    timeout: float = 120,
) -> dict[str, dict[str, Any]]:
    """Run ``python -m crawler`` on ``targets``; the results by ``source_id``."""
    tmp_path.mkdir(parents=True, exist_ok=True)
    targets_file, out = tmp_path / "targets.jsonl", tmp_path / "results.jsonl"
    targets_file.write_text("".join(json.dumps(t) + "\n" for t in targets))
    args = [sys.executable, "-m", "crawler", "--targets", str(targets_file), "--out", str(out)]
    for name, value in {**FAST, **(settings or {})}.items():
        args += ["-s", f"{name}={value}"]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout)
    (tmp_path / "crawler.log").write_text(done.stderr)  # for a failing test's diagnosis
    assert done.returncode == 0, done.stderr[-3000:]
    results = [json.loads(line) for line in out.read_text().splitlines() if line.strip()]
    by_id = {r["source_id"]: r for r in results}
    assert len(by_id) == len(results) == len(targets), (results, done.stderr[-3000:])
    return by_id
