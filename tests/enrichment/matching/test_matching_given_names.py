"""Given names compared as given names: syllables, double surnames, nicknames with middles."""

from __future__ import annotations

import pytest

from enrichment.matching import CandidateIndex, parse_name
from enrichment.matching.comparisons import Frequencies, Model, Weights
from enrichment.matching.names import romanised_systems
from enrichment.matching.syllables import segment
from enrichment.model import Candidate, Position, ProfileRecord


def _candidate(cid: str, name: str, company: str, city: str, title: str) -> Candidate:
    return Candidate(
        external_id=cid,
        full_name=name,
        location=city,
        positions=(Position(title=title, company=company),),
    )


def _profile(name: str, company: str, city: str, title: str) -> ProfileRecord:
    return ProfileRecord(
        full_name=name,
        kind="website",
        profile_id="p",
        location=city,
        positions=(Position(title=title, company=company),),
    )


FILLER = [
    _candidate(f"f{i}", f"{first} {last}", "Acme", "Leeds, UK", "Analyst")
    for i, (first, last) in enumerate(
        (f, s) for f in ("Anna", "Peter", "Olga", "Ravi") for s in ("Stone", "Berg", "Patel")
    )
]

# pairs that share the surname, the employer, the city and the title, but are two people
DIFFERENT = [
    ("Masashi Sano", "Masahiro Sano"),
    ("Nobuhide Kato", "Nobuyuki Kato"),
    ("Takahiro Ito", "Takayuki Ito"),
    ("Ming-Chun Ho", "Min-Hui Ho"),
    ("Hsiao-Wen Chang", "Hsiao-Mei Chang"),
    ("Jeong-Woo Kim", "Jeong Ju Kim"),
    ("Ji-Hoon Choi", "Ji-Hye Choi"),
    ("Young Do Jung", "Young Min Jung"),
    ("John Paul Drake", "Jonathon Stuart Drake"),
]


@pytest.mark.parametrize(("stored", "seen"), DIFFERENT)
def test_different_given_names_never_link(stored: str, seen: str) -> None:
    index = CandidateIndex.build(
        [_candidate("x", stored, "Fujitsu", "Tokyo, Japan", "Engineer"), *FILLER]
    )
    result = index.match(_profile(seen, "Fujitsu", "Tokyo, Japan", "Engineer"))
    assert result.decision != "link", result.reasons
    assert any("first name" in r for r in result.reasons)


@pytest.mark.parametrize(
    ("stored", "seen"),
    [
        ("Masashi Sano", "Masashi Sano"),
        ("Ming-Chun Ho", "Ming Chun Ho"),
        ("Jeong-Woo Kim", "Jeong Woo Kim"),
        ("William Gates", "Bill Gates"),
        ("John Paul Drake", "Johnny Paul Drake"),
    ],
)
def test_the_same_given_name_still_links(stored: str, seen: str) -> None:
    index = CandidateIndex.build(
        [_candidate("x", stored, "Fujitsu", "Tokyo, Japan", "Engineer"), *FILLER]
    )
    result = index.match(_profile(seen, "Fujitsu", "Tokyo, Japan", "Engineer"))
    assert result.decision == "link" and result.candidate_id == "x", result.reasons


def test_a_korean_middle_token_is_no_double_surname() -> None:
    model = Model(Weights(), Frequencies())
    surname = model.surname(parse_name("Young Do Jung"), parse_name("Yun Jung Lee"))
    assert surname.label == "different"
    # where the structure says double surname, the part still counts
    spanish = model.surname(parse_name("Maria Garcia Lopez"), parse_name("Maria Garcia"))
    assert spanish.weight > 0


def test_syllables_follow_each_romanisation_system() -> None:
    assert segment("masahiro", "japanese") == ("ma", "sa", "hi", "ro")
    assert segment("hattori", "japanese") == ("ha", "tto", "ri")
    assert segment("jeongwoo", "korean") == ("jeong", "woo")
    assert segment("hsiaowen", "chinese") == ("hsiao", "wen")
    assert segment("robert", "japanese") is None
    assert romanised_systems(parse_name("Robert Smith")) == frozenset()
    assert "japanese" in romanised_systems(parse_name("Masashi Sano"))
    # a Western first name the nickname list knows is never read as syllables
    assert romanised_systems(parse_name("Ben Lee")) == frozenset()
