"""The recruiter pages in a real Chromium against a real ``medalist serve`` on loopback.

A seeded database (``web_support``): sign in, the leveled-up page, its filters, dismiss an
event, link a review, a candidate, a requisition, the runs. Each page is photographed at
1366 px and 390 px wide into ``artifacts/screenshots/`` (``MEDALIST_ARTIFACTS`` moves the
``artifacts`` folder). Script payloads planted in scraped fields must never run: every
dialog and console message is recorded, and the DOM is checked for what they would add.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
from web_support import HOSTILE_NAME, ONERROR, PASSWORD, SCRIPT, USER, events, seed

from crawler.browser import find_chromium
from medalist.report import render_html, write_private
from storage.engine import create_engine_for, create_session_factory
from storage.migrate import upgrade

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
SHOTS = Path(os.environ.get("MEDALIST_ARTIFACTS", ROOT / "artifacts")) / "screenshots"
WIDTHS = {"laptop": (1366, 900), "phone": (390, 844)}
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``medalist serve`` in its own process over a seeded SQLite database."""
    url = f"sqlite:///{tmp_path_factory.mktemp('ui') / 'ui.db'}"
    upgrade(url)
    engine = create_engine_for(url)
    seed(create_session_factory(engine))
    engine.dispose()
    port = _free_port()
    env = {**os.environ, "MEDALIST_DATABASE_URL": url, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen(
        [sys.executable, "-m", "medalist", "serve", "--port", str(port)],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                err = process.stderr.read().decode() if process.stderr else ""
                pytest.fail(f"medalist serve did not start: {err[-2000:]}")
            time.sleep(0.1)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    sync_api = pytest.importorskip("playwright.sync_api")
    path = find_chromium(os.environ.get("MEDALIST_BROWSER")) or "/usr/bin/chromium"
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class Watched:
    """A signed-in page at one width, recording every dialog, console message and error."""

    def __init__(self, browser: Any, base: str, width: str) -> None:
        w, h = WIDTHS[width]
        self.width = width
        self.base = base
        self.context = browser.new_context(viewport={"width": w, "height": h})
        self.page = self.context.new_page()
        self.dialogs: list[str] = []
        self.console: list[str] = []
        self.page.on("dialog", self._dialog)
        self.page.on("console", lambda m: self.console.append(m.text))
        self.page.on("pageerror", lambda e: self.console.append(str(e)))

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def goto(self, path: str) -> Any:
        response = self.page.goto(self.base + path)
        assert response is not None
        return response

    def sign_in(self) -> None:
        self.goto("/ui/")
        assert "/ui/login" in self.page.url
        self.page.get_by_label("User name").fill(USER)
        self.page.get_by_label("Password").fill(PASSWORD)
        self.page.get_by_role("button", name="Sign in").click()
        self.page.wait_for_url(self.base + "/ui/")

    def shot(self, name: str) -> Path:
        SHOTS.mkdir(parents=True, exist_ok=True)
        path = SHOTS / f"{name}-{self.width}-{WIDTHS[self.width][0]}.png"
        self.page.screenshot(path=str(path), full_page=True)
        return path

    def assert_nothing_ran(self) -> None:
        assert self.dialogs == [], f"a planted payload opened a dialog: {self.dialogs}"
        assert not [m for m in self.console if "xss" in m], self.console
        dom = self.page.evaluate(
            """() => ({
                scripts: document.querySelectorAll('script').length,
                handlers: [...document.querySelectorAll('*')].filter(
                    el => [...el.attributes].some(a => a.name.startsWith('on'))).length,
                badLinks: [...document.querySelectorAll('a[href]')].filter(
                    a => !/^https?:/i.test(a.href)).map(a => a.href),
                imgs: document.querySelectorAll('img').length,
            })"""
        )
        assert dom == {"scripts": 0, "handlers": 0, "badLinks": [], "imgs": 0}, dom

    def close(self) -> None:
        self.context.close()


@pytest.fixture(params=list(WIDTHS))
def page(request: pytest.FixtureRequest, browser: Any, server: str) -> Iterator[Watched]:
    watched = Watched(browser, server, request.param)
    try:
        yield watched
    finally:
        watched.close()


def test_a_visitor_signs_in_and_sees_who_leveled_up(page: Watched) -> None:
    response = page.goto("/ui/runs")
    assert "/ui/login?next=%2Fui%2Fruns" in page.page.url
    assert "script-src 'none'" in response.headers["content-security-policy"]
    page.shot("01-login")
    page.page.get_by_label("User name").fill(USER)
    page.page.get_by_label("Password").fill("wrong password")
    page.page.get_by_role("button", name="Sign in").click()
    assert page.page.get_by_role("alert").inner_text().startswith("That name and password")
    page.sign_in()
    cards = page.page.locator("article.card")
    names = [n.strip() for n in cards.locator("h2").all_inner_texts()]
    # newest first, one card per person (Ada's two promotions share a card)
    assert names == ["Ada Lovelace", HOSTILE_NAME, "Linus Chen"]
    ada = cards.nth(0)
    assert ada.locator("section.change").count() == 2
    text = ada.inner_text()
    assert "Staff Software Engineer" in text and "+1 level" in text
    assert "R-7 · Backend Engineer — reached final interview" in text
    assert "Certain: the same profile URL as on file" in text
    assert "R-9 · Senior Backend Engineer" in text
    page.shot("02-leveled-up")
    page.assert_nothing_ran()
    page.goto("/ui/review")  # before any test decides one
    assert page.page.locator("article.review").count() == 2
    page.shot("05-review")


def test_filters_narrow_the_list(page: Watched) -> None:
    page.sign_in()

    def apply(**choices: str) -> list[str]:
        for label, value in choices.items():
            page.page.get_by_label(label.replace("_", " ")).select_option(value)
        page.page.get_by_role("button", name="Apply").click()
        page.page.wait_for_url("**/ui/?*")
        return [n.strip() for n in page.page.locator("article.card h2").all_inner_texts()]

    # Mallory and Linus now qualify (Linus also applied to it); Ada does not
    assert apply(Role="R-12") == [HOSTILE_NAME, "Linus Chen"]
    assert apply(Level_now="6") == [HOSTILE_NAME]
    page.shot("03-filtered")
    assert apply(Track="ic") == []
    assert "Nobody matches these filters" in page.page.locator("main").inner_text()


def test_dismissing_an_event_takes_it_off_the_list(page: Watched) -> None:
    page.sign_in()
    # each width dismisses its own event: Linus's job change, Ada's older promotion
    who, change = (
        ("Linus Chen", "Job change")
        if page.width == "laptop"
        else (
            "Ada Lovelace",
            "Software Engineer",
        )
    )
    card = page.page.locator("article.card", has_text=who)
    before = card.locator("section.change").count()
    card.locator("section.change", has_text=change).last.get_by_role(
        "button", name="Dismiss"
    ).click()
    page.page.wait_for_url("**done=dismissed**")
    assert "Dismissed" in page.page.get_by_role("status").inner_text()
    after = page.page.locator("article.card", has_text=who).locator("section.change").count()
    assert after == before - 1
    page.shot("04-after-dismiss")
    page.page.get_by_label("Showing").select_option("dismissed")
    page.page.get_by_role("button", name="Apply").click()
    page.page.wait_for_url("**status=dismissed**")
    assert page.page.locator("article.card", has_text=who).count() == 1


def test_a_review_is_decided_in_one_click(page: Watched) -> None:
    page.sign_in()
    page.goto("/ui/review")
    # the laptop links Margaret; the phone rejects the profile full of payloads
    found, button, done = ("Margaret H. Hamilton", "Link: same person", "linked")
    if page.width == "phone":
        found, button, done = ("xss-onerror", "Reject: someone else", "rejected")
    item = page.page.locator("article.review", has_text=found)
    text = item.inner_text()
    if page.width == "laptop":
        agreed, disagreed = text.split("\nDisagreed\n", 1)
        assert "surname" in agreed.split("\nAgreed\n", 1)[1], text
        assert "employer: differs" in disagreed.split("The matcher's levels")[0], text
    item.get_by_role("button", name=button).click()
    page.page.wait_for_url(f"**done={done}**")
    assert page.page.locator("article.review", has_text=found).count() == 0
    page.shot("09-after-review")
    page.assert_nothing_ran()


def test_a_candidate_and_a_requisition(page: Watched) -> None:
    page.sign_in()
    page.page.locator("article.card", has_text="Ada Lovelace").get_by_role(
        "link", name="Open candidate"
    ).click()
    page.page.wait_for_url("**/ui/candidates/ats-101")
    main = page.page.locator("main").inner_text()
    assert "Staff Software Engineer" in main and "Sources" in main and "Events" in main
    assert page.page.locator("svg.chart line[stroke-width='6']").count() == 3
    page.shot("06-candidate")
    page.goto("/ui/reqs/R-9")
    ranked = page.page.locator("ol.ranked > li.card")
    names = [n.strip() for n in ranked.locator("h3").all_inner_texts()]
    assert "Ada Lovelace" in names and "Linus Chen" in names
    fits = [int(t.split()[1].rstrip("%")) for t in ranked.locator(".conf").all_inner_texts()]
    assert fits == sorted(fits, reverse=True)  # best first
    page.shot("07-requisition")
    page.goto("/ui/runs")
    assert page.page.locator("svg.chart rect").count() == 14
    page.shot("08-runs")
    page.assert_nothing_ran()


def test_planted_payloads_never_run(page: Watched) -> None:
    page.sign_in()
    for path in (
        "/ui/",
        "/ui/?status=all",
        "/ui/review",
        "/ui/candidates/ats-102",
        "/ui/reqs/R-12",
    ):
        page.goto(path)
        page.page.wait_for_load_state("load")
        page.assert_nothing_ran()
    page.goto("/ui/?status=all")
    mallory = page.page.locator("article.card", has_text="Mallory").inner_text()
    assert SCRIPT in mallory and ONERROR in mallory  # shown as text, not markup
    page.goto("/ui/candidates/ats-102")
    assert SCRIPT in page.page.locator("main").inner_text()


@pytest.mark.parametrize("width", list(WIDTHS))
def test_the_html_report_opens_offline_as_one_file(
    browser: Any, tmp_path: Path, width: str
) -> None:
    report = tmp_path / "leveled-up.html"
    write_private(report, render_html(events(datetime.now(UTC))))
    w, h = WIDTHS[width]
    context = browser.new_context(viewport={"width": w, "height": h}, offline=True)
    page = context.new_page()
    requests: list[str] = []
    dialogs: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(report.as_uri())
    assert requests == [report.as_uri()]  # the file itself, nothing else
    assert dialogs == []
    assert page.locator("article.card").count() == 3
    # the inline stylesheet applied (allowed by its hash): cards have a border radius
    radius = page.locator("article.card").first.evaluate(
        "el => getComputedStyle(el).borderTopLeftRadius"
    )
    assert radius == "12px"
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"10-report-{width}-{w}.png"), full_page=True)
    context.close()
