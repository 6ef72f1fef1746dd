"""Precision, recall, F1 and the false-link rate of a set of links against the truth."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Scores:
    precision: float
    recall: float
    f1: float
    false_link_rate: float
    links: int
    wrong: int
    reviews: int = 0

    def row(self, label: str, seconds: float) -> str:
        return (
            f"  {label:<28} precision {self.precision:.4f}  recall {self.recall:.4f}  "
            f"F1 {self.f1:.4f}  false-link rate {self.false_link_rate:.4f}  "
            f"links {self.links:>5}  wrong {self.wrong:>3}  review {self.reviews:>5}  "
            f"time {seconds:7.2f}s"
        )


def score(
    links: Mapping[str, str | None], truth: Mapping[str, str | None], reviews: int = 0
) -> Scores:
    """``links``: mention -> linked stored id (None: not linked). A review is not a link.

    false-link rate = wrong links / all mentions (a wrong link is one to the wrong stored
    record, or any link for a person who is not stored).
    """
    right = wrong = 0
    for mention, expected in truth.items():
        got = links.get(mention)
        if got is None:
            continue
        if got == expected:
            right += 1
        else:
            wrong += 1
    positives = sum(1 for v in truth.values() if v is not None)
    precision = right / (right + wrong) if right + wrong else 1.0
    recall = right / positives if positives else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Scores(precision, recall, f1, wrong / len(truth), right + wrong, wrong, reviews)
