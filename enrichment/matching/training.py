"""Level weights from data: m and u per comparison level, Fellegi-Sunter style.

For each level (signal + label, values left out: "first name: nickname-equivalent"),

- ``m`` = how often the level is seen between two records of one person, counted on labelled
  pairs (a review queue's link decisions, or a benchmark's dev part);
- ``u`` = how often it is seen between two records of different people, counted on random
  pairs of a profile and a stored record (almost all random pairs are two people, as in
  Splink's ``estimate_u_using_random_sampling``);

and its weight is ``log2(m / u)`` (u smoothed by half a pair). A level seen on fewer than
``min_matches`` labelled pairs keeps its hand-set weight, and a trained weight keeps the
hand-set one's sign (a disagreement is never evidence for). Frequency-adjusted levels
(an exact surname, first name, employer, city) keep their weights: their ``u`` is the value's
frequency in the store, which is better than a level-wide average.

Without labels, :func:`estimate_em` counts m by expectation maximisation over the pairs
blocking proposes (``index.candidates(person)``), the names left out of its E-step.

Use::

    index = CandidateIndex.build(candidates)
    trained = estimate(index.compare, labelled_pairs, profiles, stored_people)
    index.use(trained)
    trained.table()   # [(level, m, u, weight)], to print or keep

Every decision still lists its levels with the weights that decided it.
"""

from __future__ import annotations

import math
import random
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from enrichment.matching.comparisons import NAME_SIGNALS, Level
from enrichment.matching.features import Person, gc_paused

_VALUES = re.compile(r"\s*\([^)]*\)")
#: trained weights stay within these bits
LOW, HIGH = -12.0, 14.0
#: levels whose weight is a modelling choice, not a frequency: a missing value is no
#: evidence either way, reading a name another way round costs a fixed penalty
UNTRAINED = frozenset({"missing", "read another way"})


def level_key(level: Level) -> tuple[str, str]:
    """The level without the values it shows: ``("location", "different city")``."""
    return level.signal, _VALUES.sub("", level.label).strip()


@dataclass(slots=True)
class LevelStats:
    m: float
    u: float
    weight: float
    matches: int
    others: int


@dataclass(slots=True)
class TrainedWeights:
    """Weight per level key; ``apply`` swaps a level's hand-set weight for the trained one."""

    levels: dict[tuple[str, str], LevelStats] = field(default_factory=dict)
    #: id(level) -> (level, trained level); holding the level keeps its id from being reused
    _cache: dict[int, tuple[Level, Level]] = field(default_factory=dict)

    def apply(self, level: Level) -> Level:
        cached = self._cache.get(id(level))
        if cached is not None:
            return cached[1]
        stats = None if level.value else self.levels.get(level_key(level))
        out = level
        if stats is not None and not math.isclose(stats.weight, level.weight, abs_tol=0.05):
            out = Level(level.signal, level.label, stats.weight, level.contradicts, level.value)
        if len(self._cache) < 200_000:
            self._cache[id(level)] = (level, out)
        return out

    def table(self) -> list[tuple[str, float, float, float]]:
        """``(level, m, u, weight)`` rows, strongest first."""
        return sorted(
            (
                (f"{signal}: {label}", s.m, s.u, s.weight)
                for (signal, label), s in self.levels.items()
            ),
            key=lambda row: -abs(row[3]),
        )


Compare = Callable[[Person, Person], list[Level]]


Key = tuple[str, str]


def _random_counts(
    compare: Compare,
    profiles: Sequence[Person],
    stored: Sequence[Person],
    random_pairs: int,
    seed: int,
    hand: dict[Key, float],
) -> tuple[Counter[Key], int]:
    """Level counts on random (profile, stored) pairs: almost all two different people."""
    rng = random.Random(seed)
    counts: Counter[Key] = Counter()
    n = 0
    if profiles and stored:
        for _ in range(random_pairs):
            person = profiles[rng.randrange(len(profiles))]
            other = stored[rng.randrange(len(stored))]
            n += 1
            for level in compare(person, other):
                if level.value:
                    continue  # frequency-adjusted: its u is the value's share of the store
                key = level_key(level)
                counts[key] += 1
                hand.setdefault(key, level.weight)
    return counts, n


def _weights(
    match_counts: Mapping[Key, float],
    n_match: float,
    other_counts: Counter[Key],
    n_other: int,
    hand: Mapping[Key, float],
    min_matches: float,
) -> TrainedWeights:
    out = TrainedWeights()
    if not n_match or not n_other:
        return out
    for key, prior in hand.items():
        seen = match_counts.get(key, 0.0)
        if key[1] in UNTRAINED or seen < min_matches:
            continue  # a modelling choice, or too few pairs of one person to say
        m = seen / n_match
        u = (other_counts[key] + 0.5) / (n_other + 1.0)
        weight = max(LOW, min(HIGH, math.log2(m / u)))
        # the sign is structural: a disagreement is never evidence for, an agreement never
        # evidence against (a few pairs must not turn one round)
        weight = min(weight, 0.0) if prior < 0 else max(weight, 0.0) if prior > 0 else weight
        out.levels[key] = LevelStats(
            round(m, 6), round(u, 6), round(weight, 2), round(seen), other_counts[key]
        )
    return out


@gc_paused()
def estimate(
    compare: Compare,
    pairs: Iterable[tuple[Person, Person]],
    profiles: Sequence[Person],
    stored: Sequence[Person],
    *,
    random_pairs: int = 10_000,
    min_matches: int = 20,
    seed: int = 1,
) -> TrainedWeights:
    """m from labelled ``pairs`` (a profile's person, the stored person it is), u from
    ``random_pairs`` random pairs of ``profiles`` and ``stored`` people; ``compare`` is a
    :class:`~enrichment.matching.CandidateIndex`'s ``compare`` (its levels, hand-set)."""
    match_counts: Counter[Key] = Counter()
    hand: dict[Key, float] = {}
    n_match = 0
    for person, same in pairs:
        n_match += 1
        for level in compare(person, same):
            if level.value:
                continue
            key = level_key(level)
            match_counts[key] += 1
            hand.setdefault(key, level.weight)
    other_counts, n_other = _random_counts(compare, profiles, stored, random_pairs, seed, hand)
    return _weights(match_counts, n_match, other_counts, n_other, hand, min_matches)


@gc_paused()
def estimate_em(
    compare: Compare,
    candidate_pairs: Iterable[tuple[Person, Person]],
    profiles: Sequence[Person],
    stored: Sequence[Person],
    *,
    iterations: int = 10,
    random_pairs: int = 10_000,
    min_matches: float = 20.0,
    seed: int = 1,
) -> TrainedWeights:
    """Without labels: m by expectation maximisation over ``candidate_pairs`` (the pairs
    blocking proposes, e.g. ``index.candidates(person)`` for each profile), u from random
    pairs as in :func:`estimate`.

    Each round weighs every pair by its current match probability and counts m from those
    weights. The probability is read from the levels other than the name's (their current
    weights, plus the share of matches among the pairs): blocking chose the pairs by their
    names, so the names cannot also say which pairs are one person (Splink leaves a
    blocking rule's own columns out of its EM for the same reason). Pairs with nothing but
    names are left out.
    """
    hand: dict[Key, float] = {}
    vectors: list[tuple[list[Key], list[tuple[Key | None, float]]]] = []
    for person, other in candidate_pairs:
        keys: list[Key] = []
        evidence: list[tuple[Key | None, float]] = []
        for level in compare(person, other):
            key = None if level.value else level_key(level)
            if key is not None:
                hand.setdefault(key, level.weight)
                keys.append(key)
            if level.signal not in NAME_SIGNALS:
                evidence.append((key, level.weight))
        if evidence:  # a pair of names alone says nothing about which pairs are one person
            vectors.append((keys, evidence))
    other_counts, n_other = _random_counts(compare, profiles, stored, random_pairs, seed, hand)
    trained = TrainedWeights()
    share = 0.1
    for _ in range(iterations):
        if not vectors or not 0 < share < 1:
            break
        prior = math.log2(share / (1 - share))
        current = {k: s.weight for k, s in trained.levels.items()}
        counts: Counter[Key] = Counter()
        total = 0.0
        for keys, evidence in vectors:
            weight = prior + sum(current.get(k, w) if k else w for k, w in evidence)
            p = 1.0 / (1.0 + 2.0 ** max(-60.0, min(60.0, -weight)))
            total += p
            for key in keys:
                counts[key] += p
        share = min(max(total / len(vectors), 1e-6), 1 - 1e-6)
        trained = _weights(counts, total, other_counts, n_other, hand, min_matches)
    return trained


#: Below this many profiles EM has too few pairs to learn from: keep the hand-set weights.
EM_MIN_PROFILES = 500


@gc_paused()
def estimate_unlabelled(
    compare: Compare,
    candidates_of: Callable[[Person], Sequence[Person]],
    profiles: Sequence[Person],
    stored: Sequence[Person],
    *,
    sample: int = 2_000,
    per_profile: int = 10,
    random_people: int = 5_000,
    seed: int = 3,
) -> TrainedWeights | None:
    """Level weights from the data being linked, with no labels: EM (:func:`estimate_em`)
    over the pairs blocking proposes (``candidates_of``, e.g. ``index.candidates``) for a
    sample of ``profiles``, u on random pairs. ``None`` when there are fewer than
    :data:`EM_MIN_PROFILES` profiles (the hand-set weights are then the better guess)."""
    if len(profiles) < EM_MIN_PROFILES or not stored:
        return None
    rng = random.Random(seed)
    people = rng.sample(list(profiles), min(len(profiles), sample))
    pairs = [(person, other) for person in people for other in candidates_of(person)[:per_profile]]
    others = rng.sample(list(stored), min(len(stored), random_people))
    return estimate_em(compare, pairs, people, others, random_pairs=2 * len(others))
