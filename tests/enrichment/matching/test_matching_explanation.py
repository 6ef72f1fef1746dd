"""A match's reasons in words a recruiter reads."""

from __future__ import annotations

from enrichment.matching import CandidateIndex
from enrichment.matching.explanation import in_words
from enrichment.model import Candidate, Position, ProfileRecord


def test_agreements_and_disagreements_in_words_with_both_values() -> None:
    words = in_words(
        [
            "surname: exact (+9.3)",
            "first name: exact (+5.6)",
            "location: different city (osaka vs tokyo) (-1.0)",
            "employer: same current employer (fujitsu) (+7.6)",
            "surname: missing (+0.0)",
            "match weight +5.1 (prior -10.1)",
            "namesake: ats-77 also fits (weight +4.0 vs +5.1)",
        ]
    )
    assert words.agreed == ["same first name and surname", "same current employer (Fujitsu)"]
    assert words.disagreed == ["different city: Osaka vs Tokyo"]
    assert words.held_back == ["another stored person (ats-77) fits almost as well"]


def test_given_names_syllables_nicknames_and_extra_signals() -> None:
    words = in_words(
        [
            "first name: different given name, syllable by syllable (masa-shi vs masa-hiro) (-5.0)",
            "first name: nickname (bill ~ william) but middle names differ (paul vs henry) (-3.0)",
            "dob: close (one edit or swap) (+4.0)",
            "postcode: different (-4.0)",
            "location: different country (jp vs us) (-4.0)",
            "orcid: exact",
            "first names differ: not linked automatically",
        ]
    )
    assert words.disagreed == [
        "different given name: Masa-shi vs Masa-hiro",
        "first names are nicknames of one another (Bill ~ William), but different middle "
        "names: Paul vs Henry",
        "different postcode",
        "different country: JP vs US",
    ]
    assert words.agreed == ["dob differs by one character", "same orcid"]
    assert words.held_back == ["the first names differ"]


def test_an_unknown_label_is_shown_as_it_is() -> None:
    assert in_words(["hobby: both sail (+1.0)"]).agreed == ["hobby: both sail"]


def test_every_reason_of_a_real_review_reads_as_words() -> None:
    index = CandidateIndex.build(
        [
            Candidate(
                external_id="ats-1",
                full_name="Keiko Watanabe",
                location="Osaka, Japan",
                positions=(Position(title="Engineer", company="Kubota"),),
            )
        ]
    )
    result = index.match(
        ProfileRecord(
            full_name="Keiko Watanabe",
            kind="team_page",
            location="Tokyo, Japan",
            positions=(Position(title="Engineer", company="Kubota"),),
        )
    )
    words = in_words(result.reasons)
    shown = words.agreed + words.disagreed + words.held_back
    assert "same first name and surname" in words.agreed
    assert "different city in the same country: Osaka vs Tokyo" not in shown  # profile first
    assert "different city in the same country: Tokyo vs Osaka" in words.disagreed
    assert not any("(+" in w or "(-" in w for w in shown)
