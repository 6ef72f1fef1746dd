"""Level weights estimated from labelled pairs (m) and random pairs (u)."""

from __future__ import annotations

from enrichment.matching import CandidateIndex, Person
from enrichment.matching.comparisons import Level
from enrichment.matching.training import LevelStats, TrainedWeights, estimate, level_key
from enrichment.model import Candidate, ProfileRecord

GIVEN = ["Amara", "Bjorn", "Chidi", "Dagny", "Emeka", "Freya", "Goran", "Halla", "Ivo", "Jurgis"]
FAMILY = ["Okafor", "Lindgren", "Novak", "Haugen", "Petrovic", "Mbeki", "Sorensen", "Kalnins"]


def _people(n: int) -> list[tuple[Candidate, dict[str, str]]]:
    return [
        (
            Candidate(
                external_id=f"ats-{i}",
                full_name=f"{GIVEN[i % 10]} {FAMILY[(i // 10) % 8]}",
            ),
            {"dob": f"{1940 + (i * 13) % 61}-{1 + i % 12:02d}-{1 + i % 28:02d}"},
        )
        for i in range(n)
    ]


def test_m_and_u_from_pairs_give_the_level_its_weight_and_keep_its_sign() -> None:
    people = _people(400)
    extras = {c.external_id: e for c, e in people}
    index = CandidateIndex.build([c for c, _ in people], extras_of=lambda c: extras[c.external_id])
    stored = [Person.of_candidate(c, e) for c, e in people]
    # later mentions: the same name and date of birth, or a date one digit off
    mentions = []
    for i, (c, e) in enumerate(people):
        dob = e["dob"] if i % 4 else e["dob"][:-1] + str((int(e["dob"][-1]) + 1) % 10)
        mentions.append(Person.of_profile(ProfileRecord(c.full_name, "feed"), {"dob": dob}))
    pairs = list(zip(mentions, stored, strict=True))
    trained = estimate(index.compare, pairs, mentions, stored, random_pairs=4000)
    exact = trained.levels[("dob", "exact")]
    assert exact.matches == 300 and 0.7 < exact.m < 0.8
    assert exact.weight > 6  # seen in three matches of four, in few random pairs
    close = trained.levels[("dob", "close")]
    assert close.matches == 100 and 2 < close.weight < exact.weight
    # never seen between two records of one person: too few labelled pairs, hand-set kept
    assert ("dob", "different") not in trained.levels
    # frequency-adjusted and modelling levels are not trained
    assert ("surname", "exact") not in trained.levels
    assert ("surname", "missing") not in trained.levels
    assert trained.table()[0][0] in ("dob: exact", "dob: close")


def test_apply_swaps_only_trained_levels() -> None:
    trained = estimate(lambda a, b: [], [], [], [])
    assert trained.levels == {}
    table = TrainedWeights()
    table.levels[("location", "different city")] = LevelStats(0.1, 0.6, -2.5, 40, 600)
    level = Level("location", "different city (osaka vs tokyo)", -1.0)
    assert level_key(level) == ("location", "different city")
    assert table.apply(level).weight == -2.5
    assert table.apply(level).label == level.label
    tf = Level("surname", "exact", 9.0, value="kowalczyk")
    assert table.apply(tf) is tf


def test_em_without_labels_finds_the_agreement_that_marks_one_person() -> None:
    from enrichment.matching.training import estimate_em

    people = _people(400)
    extras = {c.external_id: e for c, e in people}
    index = CandidateIndex.build([c for c, _ in people], extras_of=lambda c: extras[c.external_id])
    stored = [Person.of_candidate(c, e) for c, e in people]
    mentions = [
        Person.of_profile(ProfileRecord(c.full_name, "feed"), {"dob": e["dob"]})
        for c, e in people[::2]
    ]
    # the pairs blocking proposes: each mention's own record and its namesakes
    pairs = [(m, other) for m in mentions for other in index.candidates(m)]
    assert len(pairs) > len(mentions)
    trained = estimate_em(index.compare, pairs, mentions, stored, random_pairs=4000)
    exact = trained.levels[("dob", "exact")]
    assert exact.m > 0.8 and exact.weight > 6
    # namesakes with another date of birth are (by EM's weights) almost never one person:
    # too few expected matches to train that level, it keeps its hand-set weight
    assert ("dob", "different") not in trained.levels
