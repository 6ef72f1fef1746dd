"""Precision, recall, F1, the false-link rate and the namesake figure of a set of links."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

#: a person's name key: (surname, first initial), folded; None when the record has no surname
NameKey = tuple[str, str]


@dataclass(frozen=True)
class Scores:
    precision: float
    recall: float
    f1: float
    false_link_rate: float
    links: int
    wrong: int
    reviews: int = 0
    #: mentions whose store holds another person with the same surname and first initial
    namesake_exposed: int = 0
    #: of those, linked to such a namesake (a different real person)
    namesake_linked: int = 0

    @property
    def namesake_rate(self) -> float:
        return self.namesake_linked / self.namesake_exposed if self.namesake_exposed else 0.0

    def row(self, label: str, seconds: float) -> str:
        return (
            f"  {label:<30} P {self.precision:.4f}  R {self.recall:.4f}  "
            f"F1 {self.f1:.4f}  false-link {self.false_link_rate:.4f}  "
            f"namesake {self.namesake_rate:.4f} ({self.namesake_linked}/{self.namesake_exposed})  "
            f"links {self.links:>5}  wrong {self.wrong:>3}  review {self.reviews:>5}  "
            f"time {seconds:7.2f}s"
        )


def namesake_keys(
    first: Mapping[str, str | None], surname: Mapping[str, str | None]
) -> dict[str, NameKey]:
    """Record id -> (surname, first initial), both case-folded, for records with a surname."""
    out: dict[str, NameKey] = {}
    for uid, last in surname.items():
        if not last:
            continue
        given = (first.get(uid) or "").strip()
        out[uid] = (" ".join(last.casefold().split()), given[:1].casefold())
    return out


def score(
    links: Mapping[str, str | None],
    truth: Mapping[str, str | None],
    reviews: int = 0,
    names: Mapping[str, NameKey] | None = None,
) -> Scores:
    """``links``: mention -> linked stored id (None: not linked). A review is not a link.

    false-link rate = wrong links / all mentions (a wrong link is one to the wrong stored
    record, or any link for a person who is not stored). With ``names`` (record id -> name
    key, stored and mentions), the namesake figure: of the mentions for which the store holds
    a different person with the same surname and first initial, how many are linked to one.
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
    exposed = linked = 0
    if names is not None:
        stored_by_key: dict[NameKey, set[str]] = {}
        for uid, key in names.items():
            if uid not in truth:  # a stored record (mentions are the truth's keys)
                stored_by_key.setdefault(key, set()).add(uid)
        for mention, expected in truth.items():
            key = names.get(mention)
            if key is None:
                continue
            others = stored_by_key.get(key, set()) - {expected}
            if not others:
                continue
            exposed += 1
            if links.get(mention) in others:
                linked += 1
    positives = sum(1 for v in truth.values() if v is not None)
    precision = right / (right + wrong) if right + wrong else 1.0
    recall = right / positives if positives else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Scores(
        precision,
        recall,
        f1,
        wrong / len(truth),
        right + wrong,
        wrong,
        reviews,
        exposed,
        linked,
    )
