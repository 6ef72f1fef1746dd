"""The matcher: exact identifiers, fuzzy levels, guards and remembered decisions."""

from __future__ import annotations

from typing import Any

import pytest

from enrichment.matching import CandidateIndex, Decisions, normalise_url, profile_key
from enrichment.model import Candidate, ProfileRecord

ADA: dict[str, Any] = {
    "external_id": "ats-123",
    "full_name": "Ada Lovelace",
    "emails": ["Ada@Example.com"],
    "location": "London, UK",
    "profiles": [
        {"kind": "website", "url": "https://ada.example/"},
        {"kind": "orcid", "id": "0000-0002-1825-0097"},
        {"kind": "github", "id": "AdaL"},
        {"kind": "wikidata", "id": "Q7259"},
    ],
    "positions": [{"title": "Software Engineer", "company": "Acme", "start": "2019-03"}],
    "education": [{"institution": "UCL", "degree": "BSc"}],
}
OTHERS: list[dict[str, Any]] = [
    {
        "external_id": "ats-200",
        "full_name": "Robert Smith",
        "location": "Austin, TX",
        "positions": [{"title": "Data Engineer", "company": "Google LLC"}],
    },
    {
        "external_id": "ats-300",
        "full_name": "Elizabeth Taylor",
        "location": "Leeds, UK",
        "positions": [{"title": "Accountant", "company": "Deloitte"}],
    },
    {
        "external_id": "ats-400",
        "full_name": "José García-Márquez",
        "location": "Madrid, Spain",
        "positions": [{"title": "Architect", "company": "Telefónica S.A."}],
    },
    {
        "external_id": "ats-500",
        "full_name": "William Brown",
        "location": "Boston, MA",
        "positions": [{"title": "Nurse", "company": "Mass General"}],
    },
    {
        "external_id": "ats-600",
        "full_name": "Hans Müller",
        "location": "Berlin, Germany",
        "positions": [{"title": "Engineer", "company": "Siemens AG"}],
    },
]


@pytest.fixture(scope="module")
def index() -> CandidateIndex:
    return CandidateIndex.build(Candidate.from_dict(c) for c in [ADA, *OTHERS])


def profile(**data: Any) -> ProfileRecord:
    data.setdefault("full_name", "Someone Else")
    return ProfileRecord.from_dict(data)


@pytest.mark.parametrize(
    ("data", "method"),
    [
        ({"identifiers": {"orcid": "0000-0002-1825-0097"}}, "orcid"),
        ({"identifiers": {"orcid": "https://orcid.org/0000-0002-1825-0097"}}, "orcid"),
        ({"kind": "orcid", "url": "https://orcid.org/0000-0002-1825-0097"}, "orcid"),
        ({"identifiers": {"github": "adal"}}, "github"),
        ({"kind": "github", "url": "https://github.com/AdaL/"}, "github"),
        ({"identifiers": {"wikidata": "Q7259"}}, "wikidata"),
        ({"url": "http://www.ADA.example?utm_source=news&fbclid=x"}, "profile_url"),
        ({"url": "https://ada.example/?gclid=1&ref=home"}, "profile_url"),
        ({"emails": ["ADA@example.com"]}, "email"),
    ],
)
def test_exact_identifiers_link(index: CandidateIndex, data: dict[str, Any], method: str) -> None:
    result = index.match(profile(full_name="Ada King", **data))
    assert (result.decision, result.candidate_id, result.method) == ("link", "ats-123", method)
    assert result.score == 1.0


def test_index_keeps_only_email_hashes(index: CandidateIndex) -> None:
    assert not any("@" in value for _, value in index._exact)


def test_url_normalisation() -> None:
    assert normalise_url("https://www.Ada.example/about/?utm_medium=x&b=2&a=1#top") == (
        "ada.example/about?a=1&b=2"
    )
    assert normalise_url("http://ada.example/about") == normalise_url("ada.example/about/")


def test_team_page_url_is_not_an_identifier() -> None:
    other = Candidate.from_dict(
        {
            "external_id": "x",
            "full_name": "Zed Zulu",
            "profiles": [{"kind": "website", "url": "https://acme.example/team"}],
        }
    )
    index = CandidateIndex.build([other])
    result = index.match(
        profile(kind="team_page", url="https://acme.example/team", full_name="Ada Lovelace")
    )
    assert result.decision == "reject"


def test_identifier_with_an_unrelated_name_goes_to_review(index: CandidateIndex) -> None:
    result = index.match(profile(full_name="Zygmunt Kowalczyk", identifiers={"github": "adal"}))
    assert result.decision == "review" and result.proposed_candidate_id == "ats-123"


def test_identifiers_pointing_to_two_people_go_to_review(index: CandidateIndex) -> None:
    index2 = CandidateIndex.build(
        [
            Candidate.from_dict(ADA),
            Candidate.from_dict(
                {
                    "external_id": "b",
                    "full_name": "Ada Byron",
                    "profiles": [{"kind": "github", "id": "ada-b"}],
                }
            ),
        ]
    )
    result = index2.match(
        profile(
            full_name="Ada Lovelace",
            identifiers={"orcid": "0000-0002-1825-0097", "github": "ada-b"},
        )
    )
    assert result.decision == "review"


@pytest.mark.parametrize(
    ("name", "company", "expected"),
    [
        ("Lovelace, Ada", "Acme Ltd", "ats-123"),  # name order, legal suffix
        ("Dr. Ada Lovelace PhD", "@acme", "ats-123"),  # honorific, suffix, handle
        ("ADA LOVELACE", "ACME GmbH", "ats-123"),
        ("A. Lovelace", "Acme", "ats-123"),  # initial
        ("Ada Augusta Lovelace", "Acme", "ats-123"),  # middle name
        ("Bob Smith", "Alphabet", "ats-200"),  # nickname, employer alias
        ("Robert Smyth", "Google", "ats-200"),  # surname typo
        ("Liz Taylor", "Deloitte LLP", "ats-300"),  # nickname
        ("Jose Garcia Marquez", "Telefonica", "ats-400"),  # accents, double surname
        ("José García", "Telefónica", "ats-400"),  # one part of a double surname
        ("Bill Brown", "Mass General", "ats-500"),
        ("Hans Mueller", "Siemens", "ats-600"),  # transliteration variant
    ],
)
def test_fuzzy_variations_link(
    index: CandidateIndex, name: str, company: str, expected: str
) -> None:
    result = index.match(
        profile(
            kind="team_page",
            url="https://t.example/team",
            full_name=name,
            positions=[{"title": "Lead", "company": company}],
        )
    )
    assert result.decision == "link", result.reasons
    assert result.candidate_id == expected and result.method == "fuzzy"
    assert any("employer" in reason for reason in result.reasons)


def test_career_continuity_links(index: CandidateIndex) -> None:
    result = index.match(
        profile(
            full_name="Ada Lovelace",
            positions=[
                {"title": "CTO", "company": "Babbage Engines", "start": "2024"},
                {"title": "Software Engineer", "company": "Acme", "start": "2019", "end": "2023"},
            ],
        )
    )
    assert result.decision == "link"
    assert any("stored employer in career" in r for r in result.reasons)


def test_location_and_education_corroborate(index: CandidateIndex) -> None:
    result = index.match(
        profile(
            full_name="Ada Lovelace",
            location="London, United Kingdom",
            education=[{"institution": "UCL"}],
        )
    )
    assert result.decision == "link", result.reasons


def test_a_name_only_with_an_initial_never_links(index: CandidateIndex) -> None:
    # (a full name alone may link when it is rare and unambiguous: test_matching_name_alone)
    result = index.match(profile(kind="feed", full_name="A. Lovelace"))
    assert result.decision == "review" and result.candidate_id is None
    assert result.proposed_candidate_id == "ats-123"
    assert any("name-only" in r for r in result.reasons)


def test_contradicting_career_does_not_link(index: CandidateIndex) -> None:
    result = index.match(
        profile(
            full_name="Ada Lovelace",
            location="London, UK",
            positions=[
                {"title": "Chef", "company": "Le Gavroche", "start": "2010"},
                {"title": "Cook", "company": "The Ivy", "start": "2005", "end": "2009"},
            ],
        )
    )
    assert result.decision != "link"


def test_other_country_does_not_link(index: CandidateIndex) -> None:
    result = index.match(
        profile(
            full_name="Ada Lovelace",
            location="Sydney, Australia",
            positions=[{"title": "Engineer", "company": "Acme"}],
        )
    )
    assert result.decision == "review"
    assert any("contradiction: location" in r for r in result.reasons)


def test_unknown_person_is_rejected(index: CandidateIndex) -> None:
    result = index.match(
        profile(
            full_name="Xavier Quintanilla", positions=[{"title": "Engineer", "company": "Acme"}]
        )
    )
    assert result.decision == "reject" and result.candidate_id is None


def test_two_maria_garcias_and_a_third() -> None:
    index = CandidateIndex.build(
        [
            Candidate.from_dict(
                {
                    "external_id": "m1",
                    "full_name": "María García",
                    "location": "Madrid, Spain",
                    "positions": [{"title": "Engineer", "company": "Telefónica"}],
                }
            ),
            Candidate.from_dict(
                {
                    "external_id": "m2",
                    "full_name": "Maria Garcia",
                    "location": "Madrid, Spain",
                    "positions": [{"title": "Accountant", "company": "Santander"}],
                }
            ),
        ]
    )
    third = profile(
        kind="team_page",
        url="https://bbva.example/team",
        full_name="Maria Garcia",
        location="Madrid, Spain",
        positions=[{"title": "CFO", "company": "BBVA"}],
    )
    result = index.match(third)
    assert result.decision in ("review", "reject") and result.candidate_id is None
    assert any("namesake" in r for r in result.reasons)
    # even the right employer does not settle it when both are close... it does here:
    own = index.match(
        profile(
            kind="team_page",
            full_name="Maria Garcia",
            positions=[{"title": "Senior Engineer", "company": "Telefonica"}],
        )
    )
    assert own.decision == "link" and own.candidate_id == "m1"


def test_review_decisions_are_remembered(index: CandidateIndex) -> None:
    feed = profile(kind="feed", url="https://news.example/feed", full_name="Ada Lovelace")
    key = profile_key(feed)
    assert key == "feed|url:news.example/feed|ada lovelace"
    decisions = Decisions()
    decisions.link(key, "ats-123")
    result = index.match(feed, decisions=decisions)
    assert (result.decision, result.candidate_id, result.method) == ("link", "ats-123", "reviewer")
    rejected = index.match(feed, decisions={key: {"ats-123": "reject"}})
    assert rejected.decision == "reject" and rejected.proposed_candidate_id is None
    assert "a reviewer rejected ats-123" in rejected.reasons


def test_match_all_keeps_order(index: CandidateIndex) -> None:
    profiles = [
        profile(profile_id=str(i), full_name=n)
        for i, n in enumerate(["Ada Lovelace", "Nobody Atall", "Bob Smith"])
    ]
    assert [r.profile_id for r in index.match_all(profiles)] == ["0", "1", "2"]


def test_extras_signal() -> None:
    index = CandidateIndex.build(
        [Candidate.from_dict({"external_id": "h1", "full_name": "Thomas Clifford"})],
        extras_of=lambda c: {"dob": "1630-08-01"},
    )
    same = index.match(profile(full_name="Tom Clifford"), extras={"dob": "1630-08-01"})
    assert same.decision == "link" and any(r.startswith("dob: exact") for r in same.reasons)
    other = index.match(profile(full_name="Tom Clifford"), extras={"dob": "1702-01-09"})
    assert other.decision != "link"


def test_surname_first_without_comma(index: CandidateIndex) -> None:
    result = index.match(
        profile(full_name="Lovelace Ada", positions=[{"title": "Engineer", "company": "Acme"}])
    )
    assert result.decision == "link" and result.candidate_id == "ats-123"
    assert any(r.startswith("name order") for r in result.reasons)


def test_different_first_name_never_links(index: CandidateIndex) -> None:
    result = index.match(
        profile(
            full_name="Zachary Lovelace",
            location="London, UK",
            positions=[{"title": "Software Engineer", "company": "Acme"}],
        )
    )
    assert result.decision != "link"
    assert any("first names differ" in r for r in result.reasons)


def test_single_name_is_weak_evidence(index: CandidateIndex) -> None:
    result = index.match(
        profile(full_name="Lovelace", positions=[{"title": "Engineer", "company": "Acme"}])
    )
    assert result.decision != "link"


def test_prior_falls_as_the_index_grows() -> None:
    small = CandidateIndex.build([Candidate.from_dict(ADA)])
    assert small.prior > -10.1
    assert small.prior > CandidateIndex().weights.prior - 1
