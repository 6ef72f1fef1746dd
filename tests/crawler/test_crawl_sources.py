"""Each API kind end to end on loopback: the URL built from the base setting, the parser run."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from crawl_loopback import Reply, Site, fixture_path, run_crawl

JSON = {"Content-Type": "application/json"}


def _labels(request: Any) -> Reply:
    ids = parse_qs(urlsplit(request.path).query)["ids"][0].split("|")
    entities = {
        i: {"id": i, "labels": {"en": {"language": "en", "value": f"label of {i}"}}} for i in ids
    }
    return Reply(200, json.dumps({"entities": entities}).encode(), JSON)


def test_api_kinds(site: Site, tmp_path: Path) -> None:
    wikidata = fixture_path(
        "wikidata", "wikibase-sdk_Q646148_Henning-Christophersen_rev2101106611_2024-03-13.json"
    )
    orcid = fixture_path("orcid", "orcid-v3.0_record_0000-0002-1825-0097_josiah-carberry.json")
    github = fixture_path("github_users", "octokit.rb_GET_users_sferik_2013-06-24.json")
    site.route("/wiki/Special:EntityData/Q646148.json", Reply(200, wikidata.read_bytes(), JSON))
    site.route("/w/api.php", _labels)
    site.route("/v3.0/0000-0002-1825-0097/record", Reply(200, orcid.read_bytes(), JSON))
    # robots.txt (Disallow: /private/) governs page crawling, not a documented API
    site.route("/private/gh/users/sferik", Reply(200, github.read_bytes(), JSON))
    results = run_crawl(
        tmp_path,
        [
            {"source_id": "w", "kind": "wikidata", "identifier": "Q646148"},
            {"source_id": "o", "kind": "orcid", "identifier": "0000-0002-1825-0097"},
            {"source_id": "g", "kind": "github", "url": "https://github.com/sferik"},
            {"source_id": "bad", "kind": "orcid", "identifier": "1234"},
        ],
        {
            "MEDALIST_WIKIDATA_API": site.url("/wiki/Special:EntityData"),
            "MEDALIST_ORCID_API": site.url("/v3.0"),
            "MEDALIST_GITHUB_API": site.url("/private/gh"),
        },
    )
    wiki = results["w"]
    assert wiki["status"] == "ok", wiki
    assert wiki["url"] == site.url("/wiki/Special:EntityData/Q646148.json")
    titles = {p["title"] for p in wiki["records"][0]["positions"]}
    assert "label of Q5449541" in titles  # a label fetched through `requires`
    assert results["o"]["status"] == "ok"
    assert results["o"]["records"][0]["full_name"] == "Josiah Carberry"
    orcid_requests = site.headers_of("/v3.0/0000-0002-1825-0097/record")
    assert orcid_requests[0]["Accept"] == "application/json"
    assert results["g"]["status"] == "ok"
    assert results["g"]["url"] == site.url("/private/gh/users/sferik")
    assert results["bad"]["status"] == "error"
    assert "'1234' is not a valid ORCID iD" in results["bad"]["error"]
