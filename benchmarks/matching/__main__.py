"""``python -m benchmarks.matching [--scale]``: see the package docstring and README.md."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Mapping
from functools import partial

from benchmarks.matching import datasets
from benchmarks.matching.metrics import score
from enrichment.model import Candidate, ProfileRecord


def _extras_of_candidate(
    extras: Mapping[str, Mapping[str, str]], c: Candidate
) -> Mapping[str, str]:
    return extras[c.external_id]


def _extras_of_profile(
    extras: Mapping[str, Mapping[str, str]], p: ProfileRecord
) -> Mapping[str, str]:
    return extras[p.profile_id or ""]


def accuracy(splink: bool = True) -> None:
    from enrichment.matching import CandidateIndex, Weights

    for loader in (datasets.historical, datasets.febrl4):
        data = loader()
        positives = sum(1 for v in data.truth.values() if v is not None)
        print(
            f"{data.name}: {len(data.candidates)} stored, {len(data.profiles)} mentions "
            f"({positives} of a stored person, {len(data.profiles) - positives} of nobody stored)"
        )
        extras = data.extras
        started = time.perf_counter()
        index = CandidateIndex.build(
            data.candidates,
            weights=Weights(extra_exact=data.extra_weights),
            extras_of=partial(_extras_of_candidate, extras),
        )
        results = index.match_all(data.profiles, extras_of=partial(_extras_of_profile, extras))
        seconds = time.perf_counter() - started
        links = {r.profile_id or "": r.candidate_id for r in results}
        reviews = sum(r.decision == "review" for r in results)
        print(score(links, data.truth, reviews).row("medalist (link)", seconds))
        if splink:
            thresholds = (0.99, 0.9)
            started = time.perf_counter()
            by_threshold = __import__(
                "benchmarks.matching.splink_run", fromlist=["run_splink"]
            ).run_splink(data, thresholds)
            seconds = time.perf_counter() - started
            for threshold in thresholds:
                label = f"splink 5 (p >= {threshold})"
                print(score(by_threshold[threshold], data.truth).row(label, seconds))
        sys.stdout.flush()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.matching")
    parser.add_argument("--scale", action="store_true", help="time and memory at scale")
    parser.add_argument("--scale-one", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--profiles", type=int, default=100_000, help="profiles for --scale")
    parser.add_argument("--no-splink", action="store_true", help="only medalist's matcher")
    args = parser.parse_args(argv)
    if args.scale_one:
        from benchmarks.matching.scale import run_one

        run_one(args.scale_one, args.profiles)
    elif args.scale:
        from benchmarks.matching.scale import run_all

        run_all(args.profiles)
    else:
        accuracy(splink=not args.no_splink)


if __name__ == "__main__":
    main()
