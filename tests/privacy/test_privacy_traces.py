"""What an erasure recognises as the person in stored records and log lines, and what the
suppression list recognises on crawled pages: enough to forget them, not a stranger."""

from __future__ import annotations

from enrichment.model import ProfileRecord
from medalist.importing.erasure import ErasureKey, normalise_name, profile_forms
from medalist.services.privacy import REDACTED, Traces

KEY = ErasureKey(b"unit-test-key")


def _traces() -> Traces:
    return Traces(
        ["ats-7", "Ada Lovelace", "ada@lovelace.example", "https://ada.example/cv"],
        identifiers=["ada", "0000-0002-1694-233X"],
        name="Ada Lovelace",
    )


def test_a_record_about_her_is_recognised_by_name_email_url_or_identifier() -> None:
    traces = _traces()
    assert traces.in_json({"full_name": "ADA  LOVELACE"})
    assert traces.in_json({"full_name": "Ada Lovélace"}), "accents are folded"
    assert traces.in_json({"full_name": "A. King", "emails": ["Ada@Lovelace.example"]})
    assert traces.in_json({"full_name": "A. King", "url": "https://ada.example/cv"})
    assert traces.in_json({"full_name": "A. King", "identifiers": {"github": "ADA"}})
    assert traces.in_json({"full_name": "Babbage", "excerpt": "worked with Ada Lovelace"})


def test_a_stranger_whose_text_holds_her_short_login_is_not() -> None:
    traces = _traces()
    assert not traces.in_json({"full_name": "Ada Smith", "excerpt": "ada joins the team"})
    assert not traces.in_json({"full_name": "Grace", "url": "https://ada.example/cv2"})
    assert not traces.in_json({"full_name": "Grace", "emails": ["xada@lovelace.example"]})


def test_log_lines_lose_every_trace_and_keep_the_rest() -> None:
    line = "ats-7: GET https://api.github.com/users/ada answered 404 for Ada Lovelace; ats-70 ok"
    assert _traces().redact(line) == (
        f"{REDACTED}: GET https://api.github.com/users/{REDACTED} answered 404 for {REDACTED}; "
        "ats-70 ok"
    )


def test_suppression_digests_are_keyed_and_normalised() -> None:
    person = dict(
        KEY.person(
            "ats-7",
            emails=["Ada@Lovelace.example"],
            profiles=[("orcid", "https://orcid.org/0000-0002-1694-233x"), ("github", "@ADA")],
            name="Ada Lovelace",
        )
    )
    assert set(person) == {"external_id", "email", "profile", "name"}
    found = ProfileRecord.from_dict(
        {
            "full_name": "Ada Lovélace",
            "kind": "team_page",
            "url": "https://corp.example/team",
            "identifiers": {"orcid": "0000-0002-1694-233X"},
            "emails": ["ada@lovelace.example"],
        }
    )
    record = KEY.record(found)
    assert {d for _, d in record} >= {person["email"], person["name"]}
    assert any(d == KEY.digest("profile", "orcid:0000-0002-1694-233X") for _, d in record)
    assert profile_forms("team_page", "https://corp.example/team") == [], "no one's identifier"
    assert profile_forms("website", "https://www.Ada.example/cv/") == ["url:ada.example/cv"]
    other = ErasureKey(b"another-key")
    assert other.digest("email", "ada@lovelace.example") != person["email"]
    assert KEY.key_id != other.key_id and KEY.key_id is not None
    assert normalise_name("Dr. María  García-López") == "dr maria garcia lopez"
