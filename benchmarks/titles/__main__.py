"""``python -m benchmarks.titles [--errors dev|heldout]``: accuracy, confusion, speed."""

from __future__ import annotations

import argparse
import time
from collections.abc import Sequence

from benchmarks.titles.data import (
    SPLITS,
    LabelledPair,
    LabelledTitle,
    load_pairs,
    load_titles,
)
from enrichment.seniority import LEVEL_NAMES, classify
from enrichment.seniority._text import normalise
from enrichment.seniority.classifier import _classify


def _direction(before: int, after: int) -> str:
    return "up" if after > before else "down" if after < before else "same"


def _report(name: str, titles: Sequence[LabelledTitle], pairs: Sequence[LabelledPair]) -> None:
    predicted = [classify(t.title, t.company).level for t in titles]
    exact = sum(p == t.level for p, t in zip(predicted, titles, strict=True))
    near = sum(abs(p - t.level) <= 1 for p, t in zip(predicted, titles, strict=True))
    right = sum(
        _direction(classify(*p.before).level, classify(*p.after).level) == p.direction
        for p in pairs
    )
    print(f"== {name}: {len(titles)} titles, {len(pairs)} pairs")
    print(f"exact-level accuracy   {exact / len(titles):.3f}  ({exact}/{len(titles)})")
    print(f"within-one accuracy    {near / len(titles):.3f}  ({near}/{len(titles)})")
    print(f"direction accuracy     {right / len(pairs):.3f}  ({right}/{len(pairs)})")


def _confusion(titles: Sequence[LabelledTitle]) -> None:
    size = len(LEVEL_NAMES)
    grid = [[0] * size for _ in range(size)]
    for t in titles:
        grid[t.level][classify(t.title, t.company).level] += 1
    print("confusion matrix (rows: label, columns: predicted)")
    print("      " + "".join(f"{i:>5}" for i in range(size)))
    for i, row in enumerate(grid):
        print(f"{i} {LEVEL_NAMES[i][:4]:<4}" + "".join(f"{n:>5}" for n in row))


def _speed(titles: Sequence[LabelledTitle], rounds: int = 5) -> None:
    inputs = [(t.title, t.company) for t in titles]
    started = time.perf_counter()
    for _ in range(rounds):
        _classify.cache_clear()
        normalise.cache_clear()
        for title, company in inputs:
            classify(title, company)
    cold = len(inputs) * rounds / (time.perf_counter() - started)
    started = time.perf_counter()
    for _ in range(rounds * 20):
        for title, company in inputs:
            classify(title, company)
    warm = len(inputs) * rounds * 20 / (time.perf_counter() - started)
    print(f"titles/second          {cold:,.0f} uncached, {warm:,.0f} cached")
    distinct = [(f"Senior Software Engineer {i}", "Acme") for i in range(3000)]
    _classify.cache_clear()
    normalise.cache_clear()
    started = time.perf_counter()
    for title, company in distinct:
        classify(title, company)
    fresh = len(distinct) / (time.perf_counter() - started)
    print(f"titles/second          {fresh:,.0f} on 3,000 distinct titles (none seen before)")


def _errors(titles: Sequence[LabelledTitle], pairs: Sequence[LabelledPair]) -> None:
    for t in titles:
        result = classify(t.title, t.company)
        if result.level != t.level:
            where = f" @ {t.company}" if t.company else ""
            print(f"{t.level} -> {result.level}  {t.title}{where}  {list(result.reasons)}")
    for p in pairs:
        got = _direction(classify(*p.before).level, classify(*p.after).level)
        if got != p.direction:
            print(f"pair {p.direction} -> {got}: {p.before} -> {p.after}")


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.titles", description=__doc__)
    parser.add_argument(
        "--errors",
        choices=SPLITS,
        help="list the misclassified titles and pairs of one split (tune on dev only)",
    )
    args = parser.parse_args(argv)
    titles, pairs = load_titles(), load_pairs()
    _report("all", titles, pairs)
    for split in SPLITS:
        _report(
            split,
            [t for t in titles if t.split == split],
            [p for p in pairs if p.split == split],
        )
    _confusion(titles)
    _speed(titles)
    if args.errors:
        print(f"== errors on {args.errors}")
        _errors(
            [t for t in titles if t.split == args.errors],
            [p for p in pairs if p.split == args.errors],
        )


if __name__ == "__main__":
    main()
