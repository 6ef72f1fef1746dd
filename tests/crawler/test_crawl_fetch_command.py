"""``medalist fetch`` end to end on saved documents served from loopback, and ``crawl()``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from crawl_loopback import Reply, Site, fixture_path

from enrichment.errors import InvalidInput
from medalist.cli import cli
from medalist.cli.fetch import failure_text, infer_kind, target_of
from medalist.crawling import crawl, scrapy_settings
from medalist.settings import Settings

TEST_CRAWL = {"AUTOTHROTTLE_ENABLED": "False", "DOWNLOAD_DELAY": "0"}


@pytest.fixture()
def settings(site: Site) -> Settings:
    return Settings(
        allow_hosts="127.0.0.1",
        github_api=site.url("/api"),
        orcid_api=site.url("/orcid/v3.0"),
        wikidata_api=site.url("/wiki/Special:EntityData"),
        contact="https://example.invalid/ops",
    )


def _fetch(settings: Settings, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["fetch", *args], obj=settings)
    return result.exit_code, result.stdout, result.stderr


def test_fetch_json_prints_profile_records(site: Site, settings: Settings) -> None:
    body = fixture_path(
        "github_users", "github3.py_GET_users_sigmavirus24_2013-12-14_Bendyworks.json"
    )
    site.route(
        "/api/users/sigmavirus24",
        Reply(200, body.read_bytes(), {"Content-Type": "application/json"}),
    )
    code, out, err = _fetch(settings, "github:sigmavirus24", "--json")
    assert code == 0, err
    (line,) = out.splitlines()
    record = json.loads(line)
    assert record["full_name"] == "Ian Cordasco"
    assert record["kind"] == "github"
    assert record["positions"][0]["company"] == "Bendyworks"
    user_agent = site.headers_of("/api/users/sigmavirus24")[-1]["User-Agent"]
    assert user_agent == settings.identity


def test_fetch_a_page_prints_a_summary(site: Site, settings: Settings) -> None:
    page = fixture_path("schemaorg_person", "schemaorg_eg-0206_jsonld.html")
    url = site.route("/people/joe", Reply(200, page.read_bytes()))
    code, out, err = _fetch(settings, url, "--render", "never")
    assert code == 0, err
    assert "Joe Montana" in out
    assert "position:" in out


def test_fetch_a_json_resume_url(site: Site, settings: Settings) -> None:
    resume = fixture_path("jsonresume", "thomasdavis_resume_2018-10-10_a2707c3.json")
    url = site.route(
        "/thomas/resume.json", Reply(200, resume.read_bytes(), {"Content-Type": "application/json"})
    )
    code, out, err = _fetch(settings, url, "--json")
    assert code == 0, err
    assert json.loads(out.splitlines()[0])["kind"] == "jsonresume"


def test_fetch_a_team_page_with_kind(site: Site, settings: Settings) -> None:
    page = fixture_path("appointments", "chocolatey.org_about_team-section.html")
    url = site.route("/about", Reply(200, page.read_bytes()))
    code, out, err = _fetch(settings, url, "--kind", "team_page", "--json", "--render", "never")
    assert code == 0, err
    records = [json.loads(line) for line in out.splitlines()]
    assert len(records) > 1
    assert {r["kind"] for r in records} == {"team_page"}


def test_fetch_failure_exits_1_with_the_error(site: Site, settings: Settings) -> None:
    code, _, err = _fetch(settings, site.url("/nobody-here"))
    assert code == 1
    assert "gone: HTTP 404" in err


def test_fetch_refused(settings: Settings) -> None:
    code, _, err = _fetch(settings, "http://10.1.2.3/profile")
    assert code == 1
    assert "refused: 10.1.2.3 is a private address" in err


def test_fetch_bad_target(settings: Settings) -> None:
    code, _, err = _fetch(settings, "not a url")
    assert code == 2  # an input error
    assert "is not a URL or one of orcid:ID" in err


@pytest.mark.parametrize(
    ("url", "kind"),
    [
        ("https://orcid.org/0000-0002-1825-0097", "orcid"),
        ("https://github.com/sigmavirus24", "github"),
        ("https://github.com/sigmavirus24/github3.py", "website"),
        ("https://www.wikidata.org/wiki/Q42", "wikidata"),
        ("https://ada.example/resume.json", "jsonresume"),
        ("https://ada.example/", "website"),
    ],
)
def test_infer_kind(url: str, kind: str) -> None:
    assert infer_kind(url) == kind


def test_target_of() -> None:
    assert target_of("orcid:0000-0002-1825-0097")["identifier"] == "0000-0002-1825-0097"
    assert target_of("https://orcid.org/0000-0002-1825-0097")["identifier"] == "0000-0002-1825-0097"
    assert target_of("https://www.wikidata.org/wiki/Q42")["identifier"] == "Q42"
    assert target_of("https://acme.example/team", "team_page")["kind"] == "team_page"
    with pytest.raises(InvalidInput):
        target_of("github:x", "orcid")


def test_settings_reach_the_crawler(settings: Settings) -> None:
    values = scrapy_settings(settings)
    assert values["USER_AGENT"].startswith("medalist/")
    assert values["USER_AGENT"].endswith("(+https://example.invalid/ops)")
    assert values["MEDALIST_ALLOW_HOSTS"] == "127.0.0.1"
    assert "MEDALIST_REDIS_URL" not in values


def test_crawl_returns_one_result_per_target_in_order(site: Site, settings: Settings) -> None:
    targets = [
        {"source_id": "b", "kind": "website", "url": site.url("/gone-1"), "render": "never"},
        {"source_id": "a", "kind": "website", "url": "ftp://x.example/", "render": "never"},
    ]
    results = crawl(targets, settings, timeout=60, scrapy_overrides=TEST_CRAWL)
    assert [(r["source_id"], r["status"]) for r in results] == [("b", "gone"), ("a", "refused")]


def test_a_crashing_crawler_gives_errors_with_its_stderr(settings: Settings) -> None:
    targets = [
        {"source_id": "1", "kind": "github", "identifier": "x"},
        {"source_id": "2", "kind": "orcid", "identifier": "y"},
    ]
    results = crawl(targets, settings, scrapy_overrides={"LOG_LEVEL": "NOPE"})
    assert [(r["source_id"], r["status"]) for r in results] == [("1", "error"), ("2", "error")]
    assert "the crawler process failed (exit status 1)" in results[0]["error"]
    assert "Unknown level: 'NOPE'" in results[0]["error"]  # the end of the child's stderr


def test_a_spider_that_cannot_start_answers_its_targets(settings: Settings) -> None:
    targets = [{"source_id": "1", "kind": "github", "identifier": "x"}]
    (result,) = crawl(targets, settings, scrapy_overrides={"TWISTED_REACTOR": "no.such.Reactor"})
    assert result["status"] == "error"
    assert "the github spider could not run" in result["error"]


def test_a_crawl_that_takes_too_long_gives_errors(site: Site, settings: Settings) -> None:
    targets = [{"source_id": "1", "kind": "website", "url": site.url("/x")}]
    (result,) = crawl(targets, settings, timeout=0.2)
    assert result["status"] == "error"
    assert "did not finish within 0.2s" in result["error"]


def test_no_targets_no_process(settings: Settings, tmp_path: Path) -> None:
    assert crawl([], settings) == []


def test_fetch_unknown_host_reads_cleanly(settings: Settings) -> None:
    code, out, err = _fetch(settings, "http://no-such-host.invalid/profile", "--render", "never")
    assert code == 1
    assert err.strip() == "Error: could not resolve host no-such-host.invalid"
    assert out == ""


def test_fetch_json_prints_a_json_error(settings: Settings) -> None:
    code, out, err = _fetch(
        settings, "http://no-such-host.invalid/profile", "--render", "never", "--json"
    )
    assert code == 1
    error = json.loads(out)
    assert error["error"] == "could not resolve host no-such-host.invalid"
    assert error["url"] == "http://no-such-host.invalid/profile"
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("error", "said"),
    [
        (
            "cannot resolve h.example: [Errno -2] Name or service not known",
            "could not resolve host",
        ),
        (
            "cannot resolve h.example: [Errno -3] Temporary failure in name resolution",
            "could not resolve host",
        ),
        (
            "http://h.example/p: robots.txt of h.example could not be read (cannot resolve "
            "h.example: [Errno -3] Temporary failure in name resolution); RFC 9309 says ...",
            "could not resolve host",
        ),
        ("DNS lookup failed: no results for hostname lookup: h.example.", "could not resolve host"),
        (
            "Connection was refused by other side: 111: Connection refused.",
            "refused the connection",
        ),
        (
            "User timeout caused connection failure: Getting h.example took longer than 5 s.",
            "did not answer in time",
        ),
    ],
)
def test_failure_text_names_the_network_fault(error: str, said: str) -> None:
    text = failure_text({"url": "http://h.example/p", "status": "error", "error": error})
    assert said in text
    assert "h.example" in text


def test_a_name_under_invalid_is_never_looked_up(monkeypatch: pytest.MonkeyPatch) -> None:
    import socket

    from crawler.middlewares import guard

    def no_lookup(*_: object, **__: object) -> None:
        raise AssertionError("getaddrinfo was called for a .invalid name")

    monkeypatch.setattr(socket, "getaddrinfo", no_lookup)
    with pytest.raises(socket.gaierror) as raised:
        guard._getaddrinfo("No-Such-Host.INVALID.", 80)
    assert raised.value.errno == socket.EAI_NONAME


def test_fetch_strips_terminal_escapes(site: Site, settings: Settings) -> None:
    hostile = (
        b"<html><body><script type='application/ld+json'>"
        b'{"@context": "https://schema.org", "@type": "Person",'
        b' "name": "Ada \\u001b[2J\\u001b]0;owned\\u0007\\u001b]8;;https://evil.example\\u001b\\\\'
        b'King\\u001b]8;;\\u001b\\\\", "jobTitle": "\\u001b[31mCTO\\u001b[0m"}'
        b"</script></body></html>"
    )
    url = site.route("/people/hostile", Reply(200, hostile))
    code, out, err = _fetch(settings, url, "--render", "never")
    assert code == 0, err
    assert "\x1b" not in out and "\x07" not in out
    assert "Ada King" in out.replace("  ", " ")
