"""The pages over HTTP (SQLite and PostgreSQL): sign-in redirects, cookies, CSRF, headers,
redirect targets, and the pages' content for a seeded database."""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator

import pytest
from sqlalchemy.orm import Session, sessionmaker
from web_support import HOSTILE_NAME, PASSWORD, SCRIPT, USER, seed

from medalist.api.app import create_app
from medalist.settings import load_settings

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

CSRF = re.compile(r'name="csrf" value="([^"]+)"')


@pytest.fixture
def client(database_url: str, session_factory: sessionmaker[Session]) -> Iterator[TestClient]:
    seed(session_factory)
    app = create_app(load_settings(database_url=database_url), session_factory)
    with TestClient(app, base_url="http://testserver", follow_redirects=False) as client:
        yield client


def _csrf(html: str) -> str:
    found = CSRF.search(html)
    assert found, "no CSRF field in the page"
    return found.group(1)


def sign_in(client: TestClient, next_path: str = "/ui/") -> str:
    """Sign in; the session's CSRF token."""
    token = _csrf(client.get("/ui/login").text)
    answer = client.post(
        "/ui/login", data={"csrf": token, "name": USER, "password": PASSWORD, "next": next_path}
    )
    assert answer.status_code == 303, answer.text
    return _csrf(client.get("/ui/").text)


@pytest.mark.parametrize("path", ["/ui/", "/ui/review", "/ui/candidates/ats-101", "/ui/runs"])
def test_a_visitor_without_a_session_is_sent_to_the_login_form(
    client: TestClient, path: str
) -> None:
    answer = client.get(path)
    assert answer.status_code == 303
    assert answer.headers["location"].startswith("/ui/login")
    assert "ats-101" not in answer.text


def test_the_login_sets_a_hardened_cookie_and_returns_to_the_page_asked_for(
    client: TestClient,
) -> None:
    token = _csrf(client.get("/ui/login?next=/ui/runs").text)
    answer = client.post(
        "/ui/login", data={"csrf": token, "name": USER, "password": PASSWORD, "next": "/ui/runs"}
    )
    assert answer.status_code == 303 and answer.headers["location"] == "/ui/runs"
    cookie = next(c for c in answer.headers.get_list("set-cookie") if "medalist_session=" in c)
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie and "Path=/ui" in cookie
    assert "Secure" not in cookie  # plain http on loopback
    assert client.get("/ui/runs").status_code == 200


def test_over_https_the_cookie_is_secure(
    database_url: str, session_factory: sessionmaker[Session]
) -> None:
    seed(session_factory)
    app = create_app(load_settings(database_url=database_url), session_factory)
    with TestClient(app, base_url="https://testserver", follow_redirects=False) as client:
        token = _csrf(client.get("/ui/login").text)
        answer = client.post("/ui/login", data={"csrf": token, "name": USER, "password": PASSWORD})
    cookies = answer.headers.get_list("set-cookie")
    assert any("medalist_session=" in c and "Secure" in c for c in cookies)


def test_a_wrong_password_or_a_forged_login_gets_no_session(client: TestClient) -> None:
    token = _csrf(client.get("/ui/login").text)
    wrong = client.post("/ui/login", data={"csrf": token, "name": USER, "password": "nope-nope"})
    assert wrong.status_code == 303 and "failed=1" in wrong.headers["location"]
    client.cookies.clear()
    forged = client.post("/ui/login", data={"csrf": token, "name": USER, "password": PASSWORD})
    assert forged.status_code == 403
    assert "medalist_session" not in forged.headers.get("set-cookie", "")


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/ui/", "/v1/events"])
def test_the_login_never_redirects_off_the_pages(client: TestClient, target: str) -> None:
    token = _csrf(client.get("/ui/login").text)
    answer = client.post(
        "/ui/login", data={"csrf": token, "name": USER, "password": PASSWORD, "next": target}
    )
    assert answer.headers["location"] == "/ui/"


def test_every_form_needs_the_session_csrf_token(client: TestClient) -> None:
    token = sign_in(client)
    for path, data in (
        ("/ui/events/evt_TEST0004/dismiss", {}),
        ("/ui/events/evt_TEST0004/dismiss", {"csrf": "forged"}),
        ("/ui/review/1", {"decision": "link"}),
        ("/ui/logout", {}),
    ):
        answer = client.post(path, data=data)
        assert answer.status_code == 403, (path, data)
        assert "The form expired" in answer.text
    assert "evt_TEST0004" in client.get("/ui/").text  # nothing was dismissed
    done = client.post(
        "/ui/events/evt_TEST0004/dismiss", data={"csrf": token, "back": "/ui/?req=R-12"}
    )
    assert done.status_code == 303
    assert done.headers["location"] == "/ui/?req=R-12&done=dismissed"
    assert "evt_TEST0004" not in client.get("/ui/").text
    assert "evt_TEST0004" in client.get("/ui/?status=dismissed").text


def test_logout_ends_the_session_on_the_server(client: TestClient) -> None:
    token = sign_in(client)
    cookie = client.cookies.get("medalist_session")
    assert client.post("/ui/logout", data={"csrf": token}).status_code == 303
    client.cookies.set("medalist_session", str(cookie), path="/ui")
    assert client.get("/ui/").status_code == 303  # the old cookie opens nothing


def test_every_page_has_a_strict_content_security_policy(client: TestClient) -> None:
    assert "script-src 'none'" in client.get("/ui/login").headers["content-security-policy"]
    sign_in(client)
    for path in (
        "/ui/",
        "/ui/review",
        "/ui/candidates/ats-102",
        "/ui/reqs",
        "/ui/reqs/R-9",
        "/ui/runs",
        "/ui/candidates/nobody",
    ):
        answer = client.get(path)
        policy = answer.headers["content-security-policy"]
        assert "default-src 'none'" in policy and "script-src 'none'" in policy
        assert "frame-ancestors 'none'" in policy
        assert answer.headers["x-content-type-options"] == "nosniff"
        assert "<script" not in answer.text.lower()
    assert client.get("/ui/candidates/nobody").status_code == 404


def test_scraped_text_is_escaped_and_only_http_links_are_made(client: TestClient) -> None:
    sign_in(client)
    page = client.get("/ui/?status=all").text
    assert SCRIPT not in page and "&lt;script&gt;" in page
    assert "<img" not in page and HOSTILE_NAME not in page
    assert 'href="javascript:' not in page.lower() and 'href="data:' not in page.lower()
    assert 'href="https://ada.example/resume.json"' in page


def test_the_api_still_needs_its_key(client: TestClient) -> None:
    sign_in(client)
    assert client.get("/v1/events").status_code == 401  # a page session is no API key
    assert client.get("/healthz").status_code == 200


def test_filters_and_bad_dates(client: TestClient) -> None:
    sign_in(client)
    page = client.get("/ui/?since=yesterday&level=6").text
    assert "is not a date" in page
    assert page.count('class="card"') == 1  # only the director
    assert client.get("/ui/?req=R-7").text.count('class="card"') == 1  # Ada applied to R-7


def test_unknown_pages_and_bad_queries_answer_in_html_and_the_api_in_json(
    client: TestClient,
) -> None:
    sign_in(client)
    missing = client.get("/ui/no-such-page")
    assert missing.status_code == 404 and "There is no such page" in missing.text
    assert "content-security-policy" in missing.headers
    bad = client.get("/ui/?level=" + "9" * 5)
    assert bad.status_code == 422 and "out of range" in bad.text
    assert client.get("/v1/nothing").json()["error"]["code"] == "unauthorized"
    assert client.get("/nothing").json()["error"]["code"] == "not_found"


def test_repeated_failed_sign_ins_are_refused_for_a_while(client: TestClient) -> None:
    token = _csrf(client.get("/ui/login").text)
    for _ in range(10):
        client.post("/ui/login", data={"csrf": token, "name": USER, "password": "wrong-one"})
    refused = client.post("/ui/login", data={"csrf": token, "name": USER, "password": PASSWORD})
    assert "failed=wait" in refused.headers["location"]
    assert "medalist_session" not in refused.headers.get("set-cookie", "")
    assert "Too many failed sign-ins" in client.get(refused.headers["location"]).text
