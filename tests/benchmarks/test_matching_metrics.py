"""The matching benchmark's figures: precision, recall, false links, namesakes, parts."""

from __future__ import annotations

from benchmarks.matching.datasets import part_of
from benchmarks.matching.metrics import namesake_keys, score


def test_namesake_figure_counts_links_to_another_person_of_the_same_surname_and_initial() -> None:
    names = namesake_keys(
        {"s1": "Masahiro", "s2": "Masashi", "s3": "Karen", "m1": "Masashi", "m2": "Karl"},
        {"s1": "Sano", "s2": "Sano", "s3": "Olsen", "m1": "Sano", "m2": "Olsen"},
    )
    truth = {"m1": "s2", "m2": None}  # m2's person (Karl Olsen) is not stored
    wrong = score({"m1": "s1", "m2": "s3"}, truth, names=names)
    assert (wrong.namesake_exposed, wrong.namesake_linked) == (2, 2)
    assert wrong.precision == 0.0 and wrong.false_link_rate == 1.0
    right = score({"m1": "s2", "m2": None}, truth, names=names)
    assert (right.namesake_exposed, right.namesake_linked) == (2, 0)
    assert right.precision == 1.0 and right.recall == 1.0 and right.false_link_rate == 0.0


def test_a_review_is_no_link() -> None:
    result = score({"m1": None}, {"m1": "s1"}, reviews=1)
    assert (result.links, result.recall, result.precision, result.reviews) == (0, 0.0, 1.0, 1)


def test_parts_split_people_not_records_and_are_stable() -> None:
    parts = [part_of("febrl4", c) for c in range(2000)]
    assert parts == [part_of("febrl4", c) for c in range(2000)]
    assert 800 < parts.count("dev") < 1200
    assert part_of("a", 1) in ("dev", "eval")
