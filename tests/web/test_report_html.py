"""``medalist report --format html``: one self-contained file from the pages' templates,
grouped by person, with confidence and dates; scraped text escaped."""

from __future__ import annotations

import base64
import copy
import hashlib
import re
from collections.abc import Callable
from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path

from click.testing import Result
from sqlalchemy.orm import Session, sessionmaker
from web_support import JS_URL, SCRIPT, events, seed

from medalist.report import render_html

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


class _Tags(HTMLParser):
    """The tags of a page that would load or run something, and its links."""

    def __init__(self) -> None:
        super().__init__()
        self.loading: list[str] = []
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = {name for name, _ in attrs}
        if tag in ("script", "img", "link", "iframe", "object", "embed") or "src" in names:
            self.loading.append(tag)
        if any(name.startswith("on") for name in names):
            self.loading.append(f"{tag} with a handler")
        self.links.extend(str(v) for name, v in attrs if name == "href")


def test_the_report_is_one_file_that_fetches_nothing() -> None:
    page = render_html(events(NOW), generated_at=NOW)
    tags = _Tags()
    tags.feed(page)
    assert not tags.loading, tags.loading  # no tag loads or runs anything
    assert "@import" not in page and "url(" not in page
    assert all(h.startswith("https://") or h.startswith("http://") for h in tags.links)
    style = re.search(r"<style>(.*?)</style>", page, re.S)
    assert style is not None
    digest = base64.b64encode(hashlib.sha256(style.group(1).encode()).digest()).decode()
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page)
    assert policy is not None
    assert f"style-src 'sha256-{digest}'" in policy.group(1)  # the inline CSS, and only it
    assert "default-src 'none'" in policy.group(1)


def test_the_report_groups_by_person_with_confidence_and_dates() -> None:
    page = render_html(events(NOW), generated_at=NOW)
    assert page.count('<article class="card"') == 3  # Ada's two promotions share a card
    assert "3 people, 4 changes" in page
    ada = page[page.index("Ada Lovelace") : page.index("Mallory")]
    assert ada.count('class="change ') == 2
    assert ada.index("event-evt_TEST0002") < ada.index("event-evt_TEST0001")  # newest first
    assert "Certain: the same profile URL as on file" in ada
    assert "since <strong>Jun 2025</strong>" in ada and "read 30 Nov 2026" in ada
    assert "Likely (86%)" in page and "Low (62%)" in page
    assert "written 1 Dec 2026, 09:00 UTC" in page
    assert "/ui/" not in page  # no links to pages the reader of a mailed file cannot open


def test_the_report_escapes_scraped_text_and_links_only_http() -> None:
    page = render_html(events(NOW), generated_at=NOW)
    assert SCRIPT not in page and "&lt;script&gt;" in page
    assert "<img" not in page
    assert f'href="{JS_URL}' not in page and 'href="data:' not in page
    assert 'href="https://ada.example/resume.json"' in page


def test_an_event_of_an_odd_shape_still_renders() -> None:
    odd = copy.deepcopy(events(NOW)[0])
    odd.update(before=None, after={"skills": ["rust"]}, match=None, evidence=[{"url": 5}])
    odd["candidate"] = {"external_id": "x-1"}
    page = render_html([odd], generated_at=NOW)
    assert "rust" in page and "Unknown: no match details were stored" in page


def test_the_command_writes_the_html_report(
    medalist: Callable[..., Result], session_factory: sessionmaker[Session], tmp_path: Path
) -> None:
    seed(session_factory)
    out = tmp_path / "leveled-up.html"
    result = medalist("report", "--format", "html", "--out", out)
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert page.count('<article class="card"') == 3
    # the command adds what is stored: the application each person came from
    assert "R-7 · Backend Engineer — reached <strong>final interview</strong>" in page
    assert "reached <strong>&lt;script&gt;" in page  # a stage is escaped like all else
    assert out.stat().st_mode & 0o777 == 0o600
