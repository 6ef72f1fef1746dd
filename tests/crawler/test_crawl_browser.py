"""JavaScript pages: detected, rendered in a real Chromium, guarded, or a clear error."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from crawl_loopback import Reply, Site, run_crawl

from crawler.browser import launch_options

PERSON = b"""{"@context": "https://schema.org", "@type": "Person", "name": "Ada King",
 "jobTitle": "Senior Software Engineer", "worksFor": {"@type": "Organization", "name": "Acme Ltd"},
 "address": {"@type": "PostalAddress", "addressLocality": "Leeds"}}"""

APP = """<!doctype html>
<html><head><title>Profile</title></head>
<body><div id="app">Loading...</div>
<noscript>Please enable JavaScript to see this profile.</noscript>
<script>
  new Image().src = "%(pixel)s";
  fetch("/data/person.json").then(r => r.json()).then(person => {
    const ld = document.createElement("script");
    ld.type = "application/ld+json";
    ld.text = JSON.stringify(person);
    document.head.appendChild(ld);
    document.getElementById("app").innerHTML =
      "<h1>" + person.name + "</h1><p>" + person.jobTitle + " at " + person.worksFor.name + "</p>";
  });
</script>
</body></html>
"""


@pytest.fixture(scope="module")
def private_site() -> Any:
    server = Site("127.0.0.2")
    server.route("/pixel.png", Reply(200, b"GIF89a", {"Content-Type": "image/gif"}))
    yield server
    server.close()


def _app(site: Site, private_site: Site) -> str:
    site.route("/data/person.json", Reply(200, PERSON, {"Content-Type": "application/json"}))
    page = APP % {"pixel": private_site.url("/pixel.png")}
    return site.route("/ada", Reply(200, page.encode()))


@pytest.mark.browser
@pytest.mark.parametrize("render", ["auto", "always"])
def test_a_javascript_profile_is_rendered_and_parsed(
    site: Site, private_site: Site, tmp_path: Path, render: str
) -> None:
    if launch_options(None) is None:
        pytest.fail(
            "no Chromium: run `python -m playwright install chromium` or apt install chromium"
        )
    url = _app(site, private_site)
    result = run_crawl(
        tmp_path, [{"source_id": "ada", "kind": "website", "url": url, "render": render}]
    )["ada"]
    assert result["status"] == "ok", result
    (record,) = result["records"]
    assert record["full_name"] == "Ada King"
    assert record["positions"][0]["title"] == "Senior Software Engineer"
    assert record["positions"][0]["company"] == "Acme Ltd"
    assert "/data/person.json" in site.paths  # the page's own request, allowed
    assert private_site.paths == []  # the page's request to a refused address, aborted


def test_a_page_with_content_is_not_rendered(site: Site, tmp_path: Path) -> None:
    page = (
        b"""<html><head><script type="application/ld+json">%s</script>
    <script src="/app.js"></script></head><body><h1>Ada King</h1></body></html>"""
        % PERSON
    )
    url = site.route("/ada-static", Reply(200, page))
    result = run_crawl(
        tmp_path,
        [{"source_id": "s", "kind": "website", "url": url}],
        {"MEDALIST_BROWSER": "/nonexistent/chromium"},
    )["s"]
    assert result["status"] == "ok", result
    assert result["records"][0]["full_name"] == "Ada King"


def test_a_missing_browser_is_a_clear_error_only_when_needed(
    site: Site, private_site: Site, tmp_path: Path
) -> None:
    url = _app(site, private_site)
    result = run_crawl(
        tmp_path,
        [{"source_id": "ada", "kind": "website", "url": url}],
        {"MEDALIST_BROWSER": "/nonexistent/chromium"},
    )["ada"]
    assert result["status"] == "error"
    assert "needs JavaScript" in result["error"]
    assert "playwright install chromium" in result["error"]
    assert "apt install chromium" in result["error"]
    assert "MEDALIST_BROWSER=/nonexistent/chromium" in result["error"]


def test_render_never_parses_what_was_served(
    site: Site, private_site: Site, tmp_path: Path
) -> None:
    url = _app(site, private_site)
    result = run_crawl(
        tmp_path,
        [{"source_id": "ada", "kind": "website", "url": url, "render": "never"}],
        {"MEDALIST_BROWSER": "/nonexistent/chromium"},
    )["ada"]
    assert result["status"] == "ok"
    assert all(r["full_name"] != "Ada King" for r in result["records"])


@pytest.mark.browser
def test_a_rendered_page_cannot_reach_refused_addresses_through_redirects(
    site: Site, private_site: Site, tmp_path: Path
) -> None:
    site.route("/bounce.png", Reply(302, b"", {"Location": private_site.url("/pixel.png")}))
    site.route("/data/person.json", Reply(200, PERSON, {"Content-Type": "application/json"}))
    site.route("/go-private", Reply(302, b"", {"Location": private_site.url("/pixel.png")}))
    page = APP % {"pixel": site.url("/bounce.png")}
    page = page.replace("</body>", f'<iframe src="{site.url("/go-private")}"></iframe></body>')
    url = site.route("/ada-bounce", Reply(200, page.encode()))
    result = run_crawl(
        tmp_path, [{"source_id": "ada", "kind": "website", "url": url, "render": "always"}]
    )["ada"]
    assert result["status"] == "ok", result
    assert "/bounce.png" in site.paths
    assert "/go-private" in site.paths
    assert private_site.paths == []


def test_render_always_without_a_browser_is_a_clear_error(site: Site, tmp_path: Path) -> None:
    url = site.route("/plain", Reply(200, b"<html><body><h1>Ada King</h1></body></html>"))
    result = run_crawl(
        tmp_path,
        [{"source_id": "p", "kind": "website", "url": url, "render": "always"}],
        {"MEDALIST_BROWSER": "/nonexistent/chromium"},
    )["p"]
    assert result["status"] == "error"
    assert "playwright install chromium" in result["error"]
    assert "/plain" not in site.paths
