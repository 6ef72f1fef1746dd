"""A small static web server on loopback for the demo site (and tests that need one).

It serves a folder, answers conditional requests (ETag and Last-Modified, so a second run sees
304s), guesses JSON for extension-less files that hold JSON (the saved API answers under
``github/`` and ``orcid/``), and replaces ``{site}`` in every document with its own base URL so
pages can link to each other wherever it listens.
"""

from __future__ import annotations

import hashlib
import mimetypes
import threading
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from urllib.parse import unquote, urlsplit


class SiteServer:
    """Serve ``root`` on loopback in a background thread: ``with SiteServer(p) as s: s.url``."""

    def __init__(self, root: Path, host: str = "127.0.0.1", port: int = 0) -> None:
        self.root = root.resolve()
        self.requests: list[tuple[str, str]] = []
        self._mtime = formatdate(1764115200, usegmt=True)  # fixed: 2025-11-26, stable across runs
        server = self

        class Handler(BaseHTTPRequestHandler):
            server_version = "medalist-demo"

            def log_message(self, format: str, *args: object) -> None:
                return

            def do_GET(self) -> None:
                server.requests.append((self.path, self.headers.get("User-Agent", "")))
                found = server.document(self.path)
                if found is None:
                    self.send_error(404, "not found")
                    return
                body, content_type = found
                etag = '"' + hashlib.sha256(body).hexdigest()[:20] + '"'
                if self.headers.get("If-None-Match") == etag or (
                    self.headers.get("If-None-Match") is None
                    and self.headers.get("If-Modified-Since") == server._mtime
                ):
                    self.send_response(304)
                    self.send_header("ETag", etag)
                    self.end_headers()
                    return
                self.send_response(200)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.send_header("ETag", etag)
                self.send_header("Last-Modified", server._mtime)
                self.end_headers()
                self.wfile.write(body)

        self._httpd = ThreadingHTTPServer((host, port), Handler)
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host!s}:{port}"

    def document(self, path: str) -> tuple[bytes, str] | None:
        """The body and content type served at ``path``, or None."""
        relative = unquote(urlsplit(path).path).lstrip("/")
        target = (self.root / relative).resolve()
        if not target.is_relative_to(self.root):
            return None
        if target.is_dir():
            target = target / "index.html"
        if not target.is_file():
            return None
        body = target.read_bytes().replace(b"{site}", self.url.encode())
        content_type = mimetypes.guess_type(target.name)[0]
        if content_type is None:
            content_type = "application/json" if body.lstrip()[:1] in (b"{", b"[") else "text/plain"
        if content_type.startswith("text/") or content_type == "application/json":
            content_type += "; charset=utf-8"
        return body, content_type

    def start(self) -> SiteServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def __enter__(self) -> SiteServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()
