"""The matcher's level weights, estimated from the review queue's decisions.

Every link a person confirms in the review queue is a labelled pair: a found profile and the
stored candidate it is. Once there are ``MEDALIST_MATCH_MIN_PAIRS`` of them, each nightly run
(and ``medalist weights train``) estimates the comparison levels' weights from them,
Fellegi-Sunter style (:func:`enrichment.matching.training.estimate`): ``m`` is a level's share
among the confirmed pairs, ``u`` its share among random pairs of those profiles and stored
candidates, the weight ``log2(m / u)``. A level seen on fewer than 20 confirmed pairs keeps its
hand-set weight, a trained weight keeps the hand-set one's sign, and the frequency-adjusted
levels (an exact surname, first name, employer or city) keep the store's frequencies.

The set is stored (``match_weights``, one set per training, the newest in use), so what the
matcher weighed can always be read back (``medalist weights``), and every decision still
lists its levels with the weights that decided it. ``MEDALIST_MATCH_WEIGHTS=hand`` keeps the
hand-set weights whatever the queue holds.
"""

from __future__ import annotations

import logging
import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from enrichment.errors import MedalistError
from enrichment.matching import CandidateIndex
from enrichment.matching.features import Person
from enrichment.matching.training import LevelStats, TrainedWeights, estimate
from enrichment.model import ProfileRecord, format_timestamp
from medalist.services import Sessions
from medalist.services.errors import InvalidRequest
from medalist.services.schemas import LevelWeightOut, MatchWeights
from medalist.settings import Settings
from storage.models import MatchRow
from storage.repositories import LevelWeight
from storage.unit_of_work import UnitOfWork

log = logging.getLogger(__name__)

#: confirmed links read at most (the newest): enough for every level's m, bounded in memory
MAX_PAIRS = 5_000
#: random (profile, stored candidate) pairs counted for u
RANDOM_PAIRS = 10_000


@dataclass(frozen=True, slots=True)
class Training:
    """What a training found: the weights (None when there were too few pairs) and why."""

    trained: TrainedWeights | None
    pairs: int
    needed: int
    trained_at: datetime | None = None

    @property
    def message(self) -> str:
        if self.trained is None:
            return (
                f"{self.pairs} confirmed link(s) in the review queue, {self.needed} needed: "
                "the hand-set weights stay in use"
            )
        return (
            f"weights of {len(self.trained.levels)} level(s) estimated from "
            f"{self.pairs} confirmed link(s)"
        )


def labelled_pairs(
    rows: Sequence[MatchRow], index: CandidateIndex, external_ids: dict[int, str]
) -> list[tuple[Person, Person]]:
    """(profile's person, stored person) for each confirmed link whose candidate is still
    indexed (not erased or opted out) and whose stored profile still reads."""
    pairs = []
    for row in rows:
        external_id = external_ids.get(row.candidate_id or -1)
        if external_id is None or external_id not in index:
            continue
        try:
            profile = ProfileRecord.from_dict(row.profile)
        except (MedalistError, ValueError, TypeError, KeyError) as error:
            log.warning("confirmed match %d is not a readable profile: %s", row.id, error)
            continue
        pairs.append((Person.of_profile(profile), index.stored_person(external_id)))
    return pairs


def train(uow: UnitOfWork, index: CandidateIndex, *, min_pairs: int, seed: int = 7) -> Training:
    """Estimate the weights from the confirmed links in ``uow`` against ``index`` (the stored
    candidates, hand-set weights); nothing is stored (:func:`save`)."""
    rows = uow.matches.confirmed_links(limit=MAX_PAIRS)
    ids = {row.candidate_id for row in rows if row.candidate_id is not None}
    external_ids = uow.candidates.external_ids_of(sorted(ids))
    pairs = labelled_pairs(rows, index, external_ids)
    if len(pairs) < min_pairs or len(index) < 2:
        return Training(None, len(pairs), min_pairs)
    stored = index.people()
    rng = random.Random(seed)
    others = [stored[rng.randrange(len(stored))] for _ in range(min(len(stored), 5_000))]
    trained = estimate(
        index.compare,
        pairs,
        [person for person, _ in pairs],
        others,
        random_pairs=RANDOM_PAIRS,
        seed=seed,
    )
    return Training(trained, len(pairs), min_pairs)


def save(uow: UnitOfWork, training: Training, *, run_id: int | None = None) -> Training:
    """Store a training's weights as the set in use (nothing when it found none)."""
    if training.trained is None:
        return training
    when = uow.weights.save(
        (
            LevelWeight(signal, label, s.m, s.u, s.weight, s.matches, s.others)
            for (signal, label), s in training.trained.levels.items()
        ),
        pairs=training.pairs,
        run_id=run_id,
    )
    return Training(training.trained, training.pairs, training.needed, when)


def load(uow: UnitOfWork) -> TrainedWeights | None:
    """The stored set in use, or None (hand-set weights) before any training."""
    current = uow.weights.current()
    if current is None:
        return None
    _, _, levels = current
    return TrainedWeights(
        levels={
            (lv.signal, lv.label): LevelStats(lv.m, lv.u, lv.weight, lv.matches, lv.others)
            for lv in levels
        }
    )


# -- the service: what `medalist weights` calls -----------------------------------------------


def _out(uow: UnitOfWork, settings: Settings, message: str | None = None) -> MatchWeights:
    confirmed = uow.matches.count_confirmed()
    needed = settings.match_min_pairs
    current = uow.weights.current()
    if settings.match_weights == "hand" or current is None:
        why = (
            "MEDALIST_MATCH_WEIGHTS=hand"
            if settings.match_weights == "hand"
            else f"{confirmed} confirmed link(s), {needed} needed before weights are estimated"
        )
        return MatchWeights(
            source="hand-set",
            pairs=confirmed,
            needed=needed,
            message=message or f"hand-set weights in use ({why})",
        )
    trained_at, pairs, levels = current
    return MatchWeights(
        source="trained",
        trained_at=format_timestamp(trained_at),
        pairs=pairs,
        needed=needed,
        levels=[
            LevelWeightOut(
                level=f"{lv.signal}: {lv.label}", m=lv.m, u=lv.u, weight=lv.weight, pairs=lv.matches
            )
            for lv in levels
        ],
        message=message
        or f"weights estimated {format_timestamp(trained_at)} from {pairs} confirmed link(s)",
    )


def show(sessions: Sessions, settings: Settings) -> MatchWeights:
    """The weights in use."""
    with UnitOfWork(sessions) as uow:
        return _out(uow, settings)


def train_now(sessions: Sessions, settings: Settings) -> MatchWeights:
    """Estimate the weights from the review queue now and store them (what each nightly run
    does first); the hand-set ones stay when there are too few confirmed links."""
    if settings.match_weights == "hand":
        raise InvalidRequest(
            "MEDALIST_MATCH_WEIGHTS=hand: the weights are hand-set; set it to 'auto' to train"
        )
    with UnitOfWork(sessions) as uow:
        index = CandidateIndex.build(uow.candidates.iter_active())
        training = save(uow, train(uow, index, min_pairs=settings.match_min_pairs))
        uow.commit()
        return _out(uow, settings, training.message)


def clear(sessions: Sessions, settings: Settings) -> MatchWeights:
    """Forget every estimated set: the hand-set weights until the next training."""
    with UnitOfWork(sessions) as uow:
        deleted = uow.weights.clear()
        uow.commit()
        return _out(uow, settings, f"{deleted} stored weight(s) forgotten; hand-set weights in use")
