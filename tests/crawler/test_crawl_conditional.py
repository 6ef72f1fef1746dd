"""Conditional GET: the second fetch sends the validators of the first and gets a 304."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from crawl_loopback import Reply, Site, fixture_path, run_crawl

ETAG = '"73ff57ac"'
LAST_MODIFIED = "Mon, 01 Sep 2014 15:37:46 GMT"


def _conditional(site: Site, path: str, body: bytes, header: str, value: str) -> str:
    """A route answering 304 when the request carries ``header: value``."""

    def handler(request: Any) -> Reply:
        if request.headers.get(header) == value:
            return Reply(304, b"", {"ETag": ETAG} if header == "If-None-Match" else {})
        validator = {"ETag": ETAG} if header == "If-None-Match" else {"Last-Modified": value}
        return Reply(200, body, {"Content-Type": "application/json", **validator})

    return site.route(path, handler)


def test_etag_round_trip(site: Site, tmp_path: Path) -> None:
    body = fixture_path(
        "github_users", "github3.py_GET_users_sigmavirus24_2014-09-01_Rackspace.json"
    )
    _conditional(site, "/users/sigmavirus24", body.read_bytes(), "If-None-Match", ETAG)
    api = {"MEDALIST_GITHUB_API": site.url("")}
    target = {"source_id": "42", "kind": "github", "url": None, "identifier": "sigmavirus24"}

    first = run_crawl(tmp_path / "1", [target], api)["42"]
    assert first["status"] == "ok"
    assert first["etag"] == ETAG
    assert first["records"][0]["positions"][0]["company"] == "Rackspace"

    second = run_crawl(tmp_path / "2", [{**target, "etag": first["etag"]}], api)["42"]
    assert second["status"] == "not_modified"
    assert second["http_status"] == 304
    assert second["records"] == []
    assert second["etag"] == ETAG
    sent = site.headers_of("/users/sigmavirus24")
    assert "If-None-Match" not in sent[0]
    assert sent[1]["If-None-Match"] == ETAG


def test_last_modified_round_trip(site: Site, tmp_path: Path) -> None:
    body = fixture_path("jsonresume", "thomasdavis_resume_2023-05-18_1bbc4c6.json").read_bytes()
    url = _conditional(site, "/thomas/resume.json", body, "If-Modified-Since", LAST_MODIFIED)
    target = {"source_id": "7", "kind": "jsonresume", "url": url}

    first = run_crawl(tmp_path / "1", [target])["7"]
    assert first["status"] == "ok"
    assert first["last_modified"] == LAST_MODIFIED

    second = run_crawl(tmp_path / "2", [{**target, "last_modified": LAST_MODIFIED}])["7"]
    assert second["status"] == "not_modified"
    assert second["last_modified"] == LAST_MODIFIED
    assert site.headers_of("/thomas/resume.json")[1]["If-Modified-Since"] == LAST_MODIFIED
