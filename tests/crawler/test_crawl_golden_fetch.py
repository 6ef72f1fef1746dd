"""Every saved profile document, served from loopback and fetched by the real crawler (one
child process, as ``medalist fetch`` and ``medalist run`` do), yields what the golden files say
a careful reader finds in it: names, positions, dates, employers, education, skills."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from crawl_loopback import FAST, Reply, Site, fixture_path, run_crawl

GOLDEN = Path(__file__).resolve().parent / "golden"
JSON = {"Content-Type": "application/json"}
HTML = {"Content-Type": "text/html; charset=utf-8"}
TEXT = {"Content-Type": "text/plain; charset=utf-8"}
#: What a careful reader takes from a document; URLs and fetch times depend on where it is served.
COMPARED = ("full_name", "location", "positions", "education", "skills")

#: (target kind, fixture, how it is served: a page path, or an API identifier)
CASES: list[tuple[str, str, str]] = [
    ("website", "schemaorg_person/schemaorg_eg-0001_jsonld.html", "/p/eg-0001-jsonld"),
    ("website", "schemaorg_person/schemaorg_eg-0001_microdata.html", "/p/eg-0001-microdata"),
    ("website", "schemaorg_person/schemaorg_eg-0204_jsonld.html", "/p/eg-0204-jsonld"),
    ("website", "schemaorg_person/schemaorg_eg-0204_microdata.html", "/p/eg-0204-microdata"),
    ("website", "schemaorg_person/schemaorg_eg-0206_jsonld.html", "/p/eg-0206"),
    ("website", "schemaorg_person/schemaorg_eg-0250_jsonld.html", "/p/eg-0250"),
    ("website", "schemaorg_person/schemaorg_eg-0276_jsonld.html", "/p/eg-0276"),
    ("website", "microformats/mftests_microformats-v2_h-resume_work.html", "/p/h-resume-work"),
    ("website", "microformats/mftests_microformats-v2_h-resume_education.html", "/p/h-resume-edu"),
    ("website", "microformats/mftests_microformats-v1_hresume_work.html", "/p/hresume-v1"),
    ("jsonresume", "jsonresume/thomasdavis_resume_2016-04-27_9f9b1cc.json", "/r/td-2016.json"),
    ("jsonresume", "jsonresume/thomasdavis_resume_2018-10-10_a2707c3.json", "/r/td-2018.json"),
    ("jsonresume", "jsonresume/thomasdavis_resume_2023-05-18_1bbc4c6.json", "/r/td-2023.json"),
    ("jsonresume", "jsonresume/resume-schema_sample.resume.json", "/r/sample.json"),
    ("jsonresume", "jsonresume/jsonresume.org_examples_senior-engineer.resume.json", "/r/se.json"),
    ("jsonresume", "jsonresume/jsonresume.org_examples_career-changer.resume.json", "/r/cc.json"),
    ("team_page", "appointments/chocolatey.org_about_team-section.html", "/about"),
    ("github", "github_users/github3.py_GET_users_sigmavirus24_2013-12-14_Bendyworks.json", "s1"),
    ("github", "github_users/github3.py_GET_users_sigmavirus24_2014-09-01_Rackspace.json", "s2"),
    ("github", "github_users/github3.py_GET_users_sigmavirus24_2018-08-18_heroku.json", "s3"),
    ("github", "github_users/octokit.rb_GET_users_sferik_2013-06-24.json", "sferik"),
    ("github", "github_users/octokit.rb_GET_users_shipit-bot_2018-04-18.json", "shipit-bot"),
    (
        "orcid",
        "orcid/orcid-v3.0_record_0000-0002-1825-0097_josiah-carberry.json",
        "0000-0002-1825-0097",
    ),
    ("orcid", "orcid/orcid-model_record-full-3.0.json", "0000-0002-7319-2192"),
]


def _golden(fixture: str) -> list[dict[str, Any]]:
    name = fixture.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    expected: list[dict[str, Any]] = json.loads((GOLDEN / f"{name}.expected.json").read_text())
    return expected


def _served(site: Site, kind: str, fixture: str, where: str) -> dict[str, Any]:
    body = fixture_path(*fixture.split("/")).read_bytes()
    if kind == "github":
        site.route(f"/gh/users/{where}", Reply(200, body, JSON))
        return {"kind": kind, "identifier": where}
    if kind == "orcid":
        site.route(f"/orcid/{where}/record", Reply(200, body, JSON))
        return {"kind": kind, "identifier": where}
    headers = JSON if fixture.endswith(".json") else HTML
    return {"kind": kind, "url": site.route(where, Reply(200, body, headers))}


@pytest.fixture(scope="module")
def fetched(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    site = Site()
    try:
        site.route("/robots.txt", Reply(200, b"User-agent: *\nAllow: /\n", TEXT))
        targets = [
            {"source_id": str(i), **_served(site, kind, fixture, where)}
            for i, (kind, fixture, where) in enumerate(CASES)
        ]
        settings = {
            **FAST,
            "MEDALIST_GITHUB_API": site.url("/gh"),
            "MEDALIST_ORCID_API": site.url("/orcid"),
        }
        return run_crawl(tmp_path_factory.mktemp("golden-fetch"), targets, settings)
    finally:
        site.close()


@pytest.mark.parametrize(("index", "case"), list(enumerate(CASES)), ids=[c[1] for c in CASES])
def test_fetched_from_loopback_as_the_golden_file_reads(
    fetched: dict[str, dict[str, Any]], index: int, case: tuple[str, str, str]
) -> None:
    _, fixture, _ = case
    result = fetched[str(index)]
    assert result["status"] == "ok", result.get("error")
    got = [{k: r.get(k) for k in COMPARED} for r in result["records"]]
    expected = [{k: r.get(k) for k in COMPARED} for r in _golden(fixture)]
    assert got == expected
