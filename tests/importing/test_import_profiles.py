"""Profile URLs from an ATS export: the kind is inferred."""

from __future__ import annotations

import pytest

from enrichment.errors import InvalidInput
from enrichment.model import ProfileRef
from medalist.importing.profiles import github_login, orcid_id, profile_from_url


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://orcid.org/0000-0002-1825-0097", ProfileRef("orcid", id="0000-0002-1825-0097")),
        (
            "http://www.orcid.org/0000-0001-5109-3700/",
            ProfileRef("orcid", id="0000-0001-5109-3700"),
        ),
        ("https://github.com/adal", ProfileRef("github", id="adal")),
        ("https://github.com/adal/", ProfileRef("github", id="adal")),
        ("https://github.com/adal/repo", ProfileRef("website", url="https://github.com/adal/repo")),
        (
            "https://ada.example/resume.json",
            ProfileRef("jsonresume", url="https://ada.example/resume.json"),
        ),
        ("https://ada.example/", ProfileRef("website", url="https://ada.example/")),
    ],
)
def test_kind_is_inferred(url: str, expected: ProfileRef) -> None:
    assert profile_from_url(url) == expected


@pytest.mark.parametrize(
    "url", ["ada.example", "ftp://ada.example/", "https://orcid.org/0000-0002-1825-0098"]
)
def test_bad_urls_are_refused(url: str) -> None:
    with pytest.raises(InvalidInput):
        profile_from_url(url)


def test_identifiers() -> None:
    assert orcid_id("0000-0002-1694-233x") == "0000-0002-1694-233X"
    assert github_login("@adal") == "adal"
    with pytest.raises(InvalidInput):
        github_login("-bad-")
