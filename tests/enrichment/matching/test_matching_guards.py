"""Guards that hold a strong-looking match back, and frequencies taken from the store."""

from __future__ import annotations

from enrichment.matching import CandidateIndex, Weights
from enrichment.model import Candidate, Position, ProfileRecord

FIRST = ["Aino", "Bruno", "Cecile", "Dario", "Elin", "Fabian", "Greta", "Hugo", "Ines", "Jonas"]
LAST = ["Aalto", "Bergmann", "Castellano", "Dufresne", "Eklund", "Falk", "Gassmann", "Horvat"]


def _crowd(n: int, company: str, location: str, prefix: str = "c") -> list[Candidate]:
    """``n`` different people at one employer and place (names from two short lists)."""
    return [
        Candidate(
            external_id=f"{prefix}-{i}",
            full_name=f"{FIRST[i % len(FIRST)]} {LAST[(i // len(FIRST)) % len(LAST)]}{i}",
            location=location,
            positions=(Position(title="Engineer", company=company),),
        )
        for i in range(n)
    ]


def _profile(name: str, company: str | None, location: str | None = None) -> ProfileRecord:
    positions = (Position(title="Account Manager", company=company),) if company else ()
    return ProfileRecord(full_name=name, kind="team_page", location=location, positions=positions)


def test_name_and_a_large_employer_are_not_enough() -> None:
    stored = Candidate(
        external_id="ats-1",
        full_name="Tobias Lindqvist",
        positions=(Position(title="Buyer", company="Siemens AG"),),
    )
    # 100 of 3,100 stored people work at Siemens: a large employer (at 100, for the test)
    others = [
        c
        for n, town in enumerate(["Graz", "Linz", "Basel", "Bern", "Gent", "Lille"] * 50)
        for c in _crowd(10, f"{town} Werkzeugbau {n}", f"{town}, Europe", prefix=f"o{n}")
    ]
    crowd = _crowd(100, "Siemens AG", "Munich, Germany")
    weights = Weights(large_employer=100)
    index = CandidateIndex.build([stored, *crowd, *others], weights=weights)
    result = index.match(_profile("Tobias Lindqvist", "Siemens"))
    assert result.decision == "review"
    assert any("large employer" in r for r in result.reasons)

    small = CandidateIndex.build(
        [
            Candidate(
                external_id="ats-1",
                full_name="Tobias Lindqvist",
                positions=(Position(title="Buyer", company="Lindholm Tryck AB"),),
            ),
            *crowd,
            *others,
        ],
        weights=weights,
    )
    assert small.match(_profile("Tobias Lindqvist", "Lindholm Tryck AB")).decision == "link"


def test_same_city_counts_less_where_many_stored_people_live() -> None:
    people = [
        Candidate(external_id="ats-1", full_name="Marta Kowalczyk", location="Warsaw, Poland"),
        Candidate(external_id="ats-2", full_name="Pavel Dvorak", location="Tabor, Czechia"),
        *_crowd(400, "Orlen", "Warsaw, Poland"),
    ]
    index = CandidateIndex.build(people)

    def city_weight(name: str, location: str) -> float:
        result = index.match(_profile(name, None, location))
        [level] = [r for r in result.reasons if r.startswith("location: same city")]
        return float(level.rsplit("(", 1)[1].rstrip(")"))

    assert city_weight("Pavel Dvorak", "Tabor, Czechia") > city_weight(
        "Marta Kowalczyk", "Warsaw, Poland"
    )


def test_several_people_who_could_be_the_profile_ask_for_more() -> None:
    # five Wei Zhangs at one employer in one city: no one of them is linked on that alone
    same = [
        Candidate(
            external_id=f"z-{i}",
            full_name="Wei Zhang",
            location="Shenzhen, China",
            positions=(Position(title=title, company="Huawei"),),
        )
        for i, title in enumerate(["Engineer", "Analyst", "Designer", "Manager", "Buyer"])
    ]
    index = CandidateIndex.build(same)
    result = index.match(_profile("Wei Zhang", "Huawei", "Shenzhen, China"))
    assert result.decision == "review"
    assert any(r.startswith(("crowded", "namesake")) for r in result.reasons)


def test_a_lone_name_needs_more_than_one_agreeing_signal() -> None:
    stored = {"birth_place": "Tampere", "postcode": "33100"}
    index = CandidateIndex.build(
        [Candidate(external_id="ats-1", full_name="Oskari")], extras_of=lambda c: stored
    )
    profile = ProfileRecord(full_name="Oskari", kind="feed")
    weak = index.match(profile, extras={"birth_place": "Tampere"})
    assert weak.decision == "review"
    assert any(r.startswith("one name only") for r in weak.reasons)
    assert index.match(profile, extras=stored).decision == "link"


def test_a_household_address_does_not_outweigh_a_different_first_name() -> None:
    stored = {"dob": "1931-04-02", "postcode": "EH41 4QA", "birth_place": "Haddington"}
    index = CandidateIndex.build(
        [Candidate(external_id="ats-1", full_name="Walter Dunbar")],
        extras_of=lambda c: stored,
    )
    sister = index.match(
        ProfileRecord(full_name="Isobel Dunbar", kind="feed"),
        extras={"postcode": "EH41 4QA", "birth_place": "Haddington"},
    )
    assert sister.decision != "link"
    assert any(r.startswith("first names differ") for r in sister.reasons)
    typo = index.match(
        ProfileRecord(full_name="Qalter Dunbar", kind="feed"),
        extras={"dob": "1931-04-02", "postcode": "EH41 4QA"},
    )
    assert typo.decision == "link"


def test_a_job_begun_after_the_stored_one_is_a_move_and_one_begun_before_is_not() -> None:
    from enrichment.dates import PartialDate

    stored = Candidate(
        external_id="ats-1",
        full_name="Ingrid Solheim",
        location="Stavanger, Norway",
        positions=(Position(title="Geologist", company="Equinor", start=PartialDate(2018, 2)),),
    )
    index = CandidateIndex.build([stored])

    def employer_level(start: PartialDate) -> str:
        profile = ProfileRecord(
            full_name="Ingrid Solheim",
            kind="team_page",
            location="Stavanger, Norway",
            positions=(Position(title="Geologist", company="Aker BP", start=start),),
        )
        [level] = [r for r in index.match(profile).reasons if r.startswith("employer:")]
        return level

    assert employer_level(PartialDate(2022, 5)) == (
        "employer: moved on: a later job (aker bp vs equinor) (-0.5)"
    )
    assert employer_level(PartialDate(2015)).startswith(
        "employer: different employer, held before the stored job"
    )
