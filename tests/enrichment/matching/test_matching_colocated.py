"""Co-located identifiers: one personal web domain behind two different fields.

A stored e-mail address at ``lovelace.dev`` and a profile published at
``https://blog.lovelace.dev/``; a stored GitHub login ``adal`` and a site at
``adal.github.io``. A mail provider's or a platform's domain is no one's own, and a domain
many stored people share is an organisation's: neither says anything here.
"""

from __future__ import annotations

from typing import Any

import pytest

from enrichment.matching import CandidateIndex
from enrichment.matching.explanation import in_words
from enrichment.matching.identifiers import candidate_domains, profile_domains, web_domain
from enrichment.model import Candidate, ProfileRecord


@pytest.mark.parametrize(
    ("host", "domain"),
    [
        ("blog.lovelace.dev", "lovelace.dev"),
        ("WWW.Lovelace.Dev.", "lovelace.dev"),
        ("adal.github.io", "adal.github.io"),
        ("docs.adal.github.io", "adal.github.io"),
        ("cs.ox.ac.uk", "ox.ac.uk"),
        ("shop.example.co.jp", "example.co.jp"),
        ("github.com", None),
        ("gmail.com", None),
        ("mail.google.com", None),
        ("127.0.0.1", None),
        ("localhost", None),
    ],
)
def test_the_domain_one_owner_controls(host: str, domain: str | None) -> None:
    assert web_domain(host) == domain


def test_domains_from_every_field() -> None:
    stored = Candidate.from_dict(
        {
            "external_id": "ats-1",
            "full_name": "Ada Lovelace",
            "emails": ["ada@lovelace.dev", "ada.l@gmail.com"],
            "profiles": [
                {"kind": "github", "id": "AdaL"},
                {"kind": "website", "url": "https://github.com/byron-ada"},
            ],
        }
    )
    assert candidate_domains(stored) == {"lovelace.dev", "adal.github.io", "byron-ada.github.io"}
    profile = ProfileRecord.from_dict(
        {
            "full_name": "Ada Lovelace",
            "kind": "website",
            "url": "https://blog.lovelace.dev/about",
            "identifiers": {"github": "adal", "email": "me@ada.example"},
        }
    )
    assert profile_domains(profile) == {"lovelace.dev", "adal.github.io", "ada.example"}
    # a many-person page's own address is nobody's site
    page = ProfileRecord.from_dict(
        {"full_name": "Ada Lovelace", "kind": "team_page", "url": "https://acme.example/team"}
    )
    assert profile_domains(page) == set()


def _index(*extra: dict[str, Any]) -> CandidateIndex:
    people = [
        {
            "external_id": "ats-1",
            "full_name": "Ada Lovelace",
            "emails": ["ada@lovelace.dev"],
            "profiles": [{"kind": "github", "id": "adal"}],
            "location": "London, UK",
        },
        {"external_id": "ats-2", "full_name": "Robert Smith", "location": "Austin, TX"},
        *extra,
    ]
    return CandidateIndex.build(Candidate.from_dict(p) for p in people)


def test_a_site_on_the_stored_mail_domain_corroborates_the_name() -> None:
    index = _index()
    profile = ProfileRecord.from_dict(
        {"full_name": "Ada Lovelace", "kind": "website", "url": "https://blog.lovelace.dev/"}
    )
    result = index.match(profile)
    assert result.decision == "link" and result.candidate_id == "ats-1", result.reasons
    assert any(
        r.startswith("web domain: same personal web domain (lovelace.dev)") for r in result.reasons
    )
    assert "the same personal web domain (Lovelace.dev)" in in_words(result.reasons).agreed


def test_github_pages_of_the_stored_login_corroborates_the_name() -> None:
    profile = ProfileRecord.from_dict(
        {"full_name": "Ada Lovelace", "kind": "website", "url": "https://adal.github.io/cv"}
    )
    result = _index().match(profile)
    assert result.decision == "link" and result.method == "fuzzy", result.reasons
    assert any("adal.github.io" in r for r in result.reasons)


def test_a_changed_surname_is_found_through_the_domain() -> None:
    profile = ProfileRecord.from_dict(
        {"full_name": "Ada King", "kind": "website", "url": "https://lovelace.dev/"}
    )
    result = _index().match(profile)
    # the name disagrees: a person decides, but the right candidate is proposed
    assert result.decision == "review" and result.proposed_candidate_id == "ats-1"


def test_a_domain_many_stored_people_share_says_nothing() -> None:
    staff = [
        {"external_id": f"s-{i}", "full_name": f"Staff Member{i}", "emails": [f"s{i}@bigco.com"]}
        for i in range(30)
    ]
    index = _index(
        {"external_id": "ats-3", "full_name": "Grace Hopper", "emails": ["grace@bigco.com"]},
        *staff,
    )
    profile = ProfileRecord.from_dict(
        {"full_name": "Grace Hopper", "kind": "website", "url": "https://bigco.com/people/grace"}
    )
    result = index.match(profile)
    assert not any(r.startswith("web domain") for r in result.reasons)


def test_a_mail_provider_is_no_personal_domain() -> None:
    index = CandidateIndex.build(
        [Candidate(external_id="ats-1", full_name="Ada Lovelace", emails=("ada@gmail.com",))]
    )
    profile = ProfileRecord.from_dict(
        {"full_name": "Ada Lovelace", "kind": "website", "emails": ["lovelace@gmail.com"]}
    )
    assert not any(r.startswith("web domain") for r in index.match(profile).reasons)


def test_an_identifier_in_another_field_is_still_exact() -> None:
    # the stored "website" is a GitHub profile; the profile names the login
    index = CandidateIndex.build(
        [
            Candidate.from_dict(
                {
                    "external_id": "ats-1",
                    "full_name": "Ada Lovelace",
                    "profiles": [{"kind": "website", "url": "https://github.com/AdaL"}],
                }
            )
        ]
    )
    profile = ProfileRecord.from_dict(
        {"full_name": "Ada Lovelace", "kind": "website", "identifiers": {"github": "adal"}}
    )
    result = index.match(profile)
    assert result.decision == "link" and result.method == "github"
