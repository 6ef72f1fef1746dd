"""Reading the labelled titles and pairs (tab-separated files beside this module)."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

DATA = Path(__file__).with_name("data")
#: ``dev``: tune on it. ``heldout``: 30% of the first batch, by a hash of the row.
#: ``blind``: a second batch labelled after the first rules were written, never tuned on.
#: ``blind2``, ``blind3``: later batches, each labelled before the classifier was run on it;
#: ``blind3`` after the last rule change. See README.md.
SPLITS = ("dev", "heldout", "blind", "blind2", "blind3")


@dataclass(frozen=True, slots=True)
class LabelledTitle:
    title: str
    company: str | None
    level: int
    source: str
    split: str


@dataclass(frozen=True, slots=True)
class LabelledPair:
    before: tuple[str, str | None]
    after: tuple[str, str | None]
    direction: str
    split: str


def _rows(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def load_titles() -> list[LabelledTitle]:
    return [
        LabelledTitle(
            title=row["title"],
            company=row["company"] or None,
            level=int(row["level"]),
            source=row["source"],
            split=row["split"],
        )
        for row in _rows("titles.tsv")
    ]


def load_pairs() -> list[LabelledPair]:
    return [
        LabelledPair(
            before=(row["before_title"], row["before_company"] or None),
            after=(row["after_title"], row["after_company"] or None),
            direction=row["direction"],
            split=row["split"],
        )
        for row in _rows("pairs.tsv")
    ]
