"""``python -m benchmarks.matching [--scale]``: see the package docstring and README.md."""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Callable, Mapping
from functools import partial

from benchmarks.matching import datasets
from benchmarks.matching.metrics import score
from enrichment.matching import CandidateIndex, MatchResult, Person, Weights
from enrichment.matching.features import gc_paused
from enrichment.matching.training import TrainedWeights, estimate, estimate_unlabelled
from enrichment.model import Candidate, ProfileRecord

#: Splink's match-probability thresholds; its best F1 among them is the one compared
SPLINK_THRESHOLDS = (0.5, 0.8, 0.9, 0.95, 0.99, 0.999)


def _extras_of_candidate(
    extras: Mapping[str, Mapping[str, str]], c: Candidate
) -> Mapping[str, str]:
    return extras[c.external_id]


def _extras_of_profile(
    extras: Mapping[str, Mapping[str, str]], p: ProfileRecord
) -> Mapping[str, str]:
    return extras[p.profile_id or ""]


def loaders(only: list[str] | None = None) -> list[tuple[str, Callable[[str], datasets.Dataset]]]:
    out: list[tuple[str, Callable[[str], datasets.Dataset]]] = [
        ("historical_50k", datasets.historical),
        ("febrl4", datasets.febrl4),
    ]
    out.extend((f"inventors_{k}", partial(datasets.inventors, k)) for k in datasets.PV_SETS)
    return [(n, f) for n, f in out if not only or n in only]


#: labelled dev pairs that m is counted on (a seeded sample; more change little)
TRAINING_PAIRS = 2_000
#: EM counts the first (tightest-blocked) stored people proposed for each sampled profile
EM_CANDIDATES = 10
#: profiles and stored people drawn for the random pairs that u is counted on
RANDOM_PEOPLE = 5_000


@gc_paused()
def train(index: CandidateIndex, data: datasets.Dataset) -> TrainedWeights:
    """Level weights from a dev part: m on its labelled pairs, u on random pairs (compared
    the way ``index`` compares)."""
    rng = random.Random(3)
    stored = {c.external_id: c for c in data.candidates}
    profiles = {p.profile_id: p for p in data.profiles}

    def stored_person(uid: str) -> Person:
        return Person.of_candidate(stored[uid], data.extras[uid])

    def profile_person(uid: str | None) -> Person:
        return Person.of_profile(profiles[uid], data.extras[uid or ""])

    labelled = [(m, s) for m, s in data.truth.items() if s is not None]
    labelled = rng.sample(labelled, min(TRAINING_PAIRS, len(labelled)))
    pairs = [(profile_person(m), stored_person(s)) for m, s in labelled]
    sample = max(1, min(len(profiles), len(stored), RANDOM_PEOPLE))
    people = [profile_person(uid) for uid in rng.sample(sorted(profiles, key=str), sample)]
    others = [stored_person(uid) for uid in rng.sample(sorted(stored), sample)]
    return estimate(index.compare, pairs, people, others, random_pairs=2 * RANDOM_PEOPLE)


@gc_paused()
def train_em(index: CandidateIndex, data: datasets.Dataset) -> TrainedWeights | None:
    """Level weights without labels, from the data being linked: what ``medalist match``
    does (:func:`enrichment.matching.training.estimate_unlabelled`)."""
    people = [Person.of_profile(p, data.extras[p.profile_id or ""]) for p in data.profiles]
    stored = [Person.of_candidate(c, data.extras[c.external_id]) for c in data.candidates]
    return estimate_unlabelled(
        index.compare,
        index.candidates,
        people,
        stored,
        sample=TRAINING_PAIRS,
        per_profile=EM_CANDIDATES,
        random_people=RANDOM_PEOPLE,
    )


def _medalist(
    data: datasets.Dataset, mode: str, dev: datasets.Dataset | None
) -> tuple[list[MatchResult], float]:
    """medalist's answers for every mention, and the wall time (index, training, matching)."""
    started = time.perf_counter()
    index = CandidateIndex.build(
        data.candidates,
        weights=Weights(extra_exact=data.extra_weights),
        extras_of=partial(_extras_of_candidate, data.extras),
    )
    if mode == "dev" and dev is not None:
        index.use(train(index, dev))
    elif mode == "em":
        index.use(train_em(index, data))
    results = index.match_all(data.profiles, extras_of=partial(_extras_of_profile, data.extras))
    return results, time.perf_counter() - started


def accuracy(
    splink: bool = True, part: str = "eval", only: list[str] | None = None, mode: str = "dev"
) -> None:
    print(f"part: {part} (people split by a hash of their cluster id; tune on dev only)")
    for _, loader in loaders(only):
        data = loader(part)
        dev = loader("dev") if mode == "dev" else None  # loading is not timed (nor for Splink)
        positives = sum(1 for v in data.truth.values() if v is not None)
        print(
            f"{data.name}: {len(data.candidates)} stored, {len(data.profiles)} mentions "
            f"({positives} of a stored person, {len(data.profiles) - positives} of nobody stored)"
            + ("; names only" if data.names_only else "")
        )
        names = data.name_keys()
        modes = [mode, "em"] if mode == "dev" else [mode]
        for each in modes:
            results, seconds = _medalist(data, each, dev)
            links = {r.profile_id or "": r.candidate_id for r in results}
            proposed = {
                r.profile_id or "": r.candidate_id or r.proposed_candidate_id for r in results
            }
            reviews = sum(r.decision == "review" for r in results)
            label = {"dev": "", "em": ", EM no labels", "hand": ", hand-set"}[each]
            print(score(links, data.truth, reviews, names).row(f"medalist (link{label})", seconds))
            if each == mode:
                row = score(proposed, data.truth, reviews, names).row(
                    "medalist (link or review)", 0.0
                )
                print(row)
        if splink:
            from benchmarks.matching.splink_run import run_splink

            started = time.perf_counter()
            by_threshold = run_splink(data, SPLINK_THRESHOLDS)
            seconds = time.perf_counter() - started
            scored = {t: score(by_threshold[t], data.truth, 0, names) for t in SPLINK_THRESHOLDS}
            best = max(SPLINK_THRESHOLDS, key=lambda t: (scored[t].f1, t))
            print(scored[best].row(f"splink 5 (best, p >= {best})", seconds))
            if best != 0.99:
                print(scored[0.99].row("splink 5 (p >= 0.99)", seconds))
        sys.stdout.flush()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.matching")
    parser.add_argument("--scale", action="store_true", help="time and memory at scale")
    parser.add_argument("--scale-one", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--profiles", type=int, default=100_000, help="profiles for --scale")
    parser.add_argument("--no-splink", action="store_true", help="only medalist's matcher")
    parser.add_argument(
        "--part",
        choices=("dev", "eval", "all"),
        default="eval",
        help="which people: dev (tune on it), eval (held out, reported), all",
    )
    parser.add_argument("--only", nargs="*", help="data set names (default: all)")
    parser.add_argument(
        "--weights",
        choices=("dev", "em", "hand"),
        default="dev",
        help="medalist's level weights: trained on the dev part's labels (default), by EM "
        "on the linked part itself without labels, or hand-set",
    )
    args = parser.parse_args(argv)
    if args.scale_one:
        from benchmarks.matching.scale import run_one

        run_one(args.scale_one, args.profiles)
    elif args.scale:
        from benchmarks.matching.scale import run_all

        run_all(args.profiles)
    else:
        accuracy(
            splink=not args.no_splink,
            part=args.part,
            only=args.only,
            mode=args.weights,
        )


if __name__ == "__main__":
    main()
