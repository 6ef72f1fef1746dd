"""Scale run: 10k, 100k and 1M stored candidates against 100k profiles, seeded and synthetic.

Person ``i`` is a pure function of ``(seed, i)``, so candidates stream into the index without
being held in memory, and a profile of a stored person re-creates that person and varies it:
nicknames, typos, "Surname, First", honorifics, a promotion at the same employer, a move with
the old employer kept in the career, or a move with nothing kept. A share of the profiles are
people who are not stored at all. Each size runs in its own process so its peak memory is its
own.
"""

from __future__ import annotations

import random
import resource
import subprocess
import sys
import time
from collections.abc import Iterator
from functools import lru_cache

from enrichment.dates import PartialDate
from enrichment.matching import CandidateIndex
from enrichment.matching.names import nicknames
from enrichment.model import Candidate, Position, ProfileRecord, ProfileRef

SEED = 20261126
SIZES = (10_000, 100_000, 1_000_000)
TITLES = [
    "Software Engineer",
    "Data Scientist",
    "Product Manager",
    "Accountant",
    "Nurse",
    "Registered Nurse",
    "Teacher",
    "Sales Manager",
    "Account Executive",
    "Designer",
    "Mechanical Engineer",
    "Civil Engineer",
    "Analyst",
    "Financial Analyst",
    "Recruiter",
    "Marketing Manager",
    "Operations Manager",
    "Consultant",
    "Lawyer",
    "Pharmacist",
    "Research Scientist",
    "DevOps Engineer",
    "QA Engineer",
    "Architect",
    "Electrician",
]
CITIES = [
    ("London", "UK"),
    ("Manchester", "UK"),
    ("Leeds", "UK"),
    ("Glasgow", "UK"),
    ("Bristol", "UK"),
    ("New York", "USA"),
    ("Austin", "TX"),
    ("Seattle", "WA"),
    ("Chicago", "USA"),
    ("Boston", "MA"),
    ("San Francisco", "CA"),
    ("Toronto", "Canada"),
    ("Berlin", "Germany"),
    ("Munich", "Germany"),
    ("Paris", "France"),
    ("Lyon", "France"),
    ("Madrid", "Spain"),
    ("Barcelona", "Spain"),
    ("Amsterdam", "Netherlands"),
    ("Dublin", "Ireland"),
    ("Sydney", "Australia"),
    ("Melbourne", "Australia"),
    ("Bangalore", "India"),
    ("Singapore", "Singapore"),
    ("Warsaw", "Poland"),
]
SUFFIXES = ["Ltd", "Inc.", "LLC", "GmbH", "plc", "S.A.", "", "", "Group", "AG"]
SYLLABLES = [
    "ka",
    "lo",
    "mi",
    "ra",
    "ve",
    "to",
    "na",
    "su",
    "per",
    "dex",
    "ion",
    "tri",
    "sol",
    "bri",
    "cor",
    "max",
    "lux",
    "nov",
    "zen",
    "ark",
]


@lru_cache(maxsize=1)
def _names() -> tuple[list[str], list[int], list[str], list[int]]:
    """First names and surnames with realistic frequencies (the historical set), or a fallback."""
    try:
        import pandas as pd

        from benchmarks.matching.datasets import HISTORICAL

        df = pd.read_parquet(HISTORICAL, columns=["first_name", "surname", "cluster"])
        df = df.drop_duplicates("cluster")
        plain = r"^[a-z][a-z'-]{1,}$"
        first = df["first_name"].dropna()
        last = df["surname"].dropna()
        firsts = first[first.str.match(plain)].str.title().value_counts()
        lasts = last[last.str.match(plain)].str.title().value_counts()
        return list(firsts.index), list(firsts.values), list(lasts.index), list(lasts.values)
    except Exception:  # pragma: no cover - no pandas or no data: a synthetic list
        heads = sorted({h for h in nicknames()._nicks})
        rng = random.Random(SEED)
        lasts = sorted({"".join(rng.choices(SYLLABLES, k=3)).title() for _ in range(20000)})
        return ([h.title() for h in heads], [1] * len(heads), lasts, [1] * len(lasts))


@lru_cache(maxsize=1)
def _places() -> tuple[list[tuple[str, str]], list[int]]:
    """The big cities, and 300 made-up towns in the same countries, ten times less likely."""
    rng = random.Random(SEED + 2)
    countries = sorted({region for _, region in CITIES})
    towns = sorted({"".join(rng.choices(SYLLABLES, k=3)).title() for _ in range(300)})
    places = CITIES + [(town, rng.choice(countries)) for town in towns]
    return places, [10] * len(CITIES) + [1] * len(towns)


@lru_cache(maxsize=1)
def _companies() -> list[str]:
    rng = random.Random(SEED + 1)
    words = sorted(
        {"".join(rng.choices(SYLLABLES, k=rng.choice((2, 3)))).title() for _ in range(30000)}
    )
    return [f"{w} {rng.choice(SUFFIXES)}".strip() for w in words[:20000]]


class People:
    """Seeded synthetic people: ``person(i)`` is always the same person."""

    def __init__(self, seed: int = SEED) -> None:
        self.generating = 0.0  # seconds spent making candidates, not indexing them
        self.generating_cpu = 0.0  # the same, in CPU seconds of this process
        self.seed = seed
        firsts, fw, lasts, lw = _names()
        rng = random.Random(seed)
        # cumulative weights drawn once, so each person costs two bisects
        self.firsts, self.lasts = firsts, lasts
        self.first_pool = rng.choices(range(len(firsts)), weights=fw, k=200_000)
        self.last_pool = rng.choices(range(len(lasts)), weights=lw, k=200_000)
        self.companies = _companies()
        places, weights = _places()
        self.place_pool = rng.choices(places, weights=weights, k=100_000)

    def person(self, i: int) -> Candidate:
        rng = random.Random(self.seed * 1_000_003 + i)
        first = self.firsts[self.first_pool[rng.randrange(200_000)]]
        last = self.lasts[self.last_pool[rng.randrange(200_000)]]
        middle = f" {rng.choice('ABCDEFGHJKLMNPRSTW')}." if rng.random() < 0.2 else ""
        city, region = self.place_pool[rng.randrange(100_000)]
        n_jobs = 1 + rng.randrange(3)
        positions = [
            Position(
                title=TITLES[rng.randrange(len(TITLES))],
                company=self.companies[rng.randrange(len(self.companies))],
                start=PartialDate(2024 - 4 * k),
                # the first position is current; the others ended
                end=None if k == 0 else PartialDate(2024 - 4 * k + 3),
            )
            for k in range(n_jobs)
        ]
        profiles = (
            (ProfileRef("github", id=f"{first[:3]}{last[:5]}{i}".lower()),)
            if rng.random() < 0.1
            else ()
        )
        emails = (f"{first}.{last}.{i}@example.com".lower(),) if rng.random() < 0.5 else ()
        return Candidate(
            external_id=f"c{i}",
            full_name=f"{first}{middle} {last}",
            emails=emails,
            location=f"{city}, {region}",
            profiles=profiles,
            positions=tuple(positions),
        )

    def candidates(self, n: int) -> Iterator[Candidate]:
        clock, cpu = time.perf_counter, time.process_time
        for i in range(n):
            started, cpu_started = clock(), cpu()
            person = self.person(i)
            self.generating += clock() - started
            self.generating_cpu += cpu() - cpu_started
            yield person

    def profiles(self, n_stored: int, n: int) -> Iterator[tuple[ProfileRecord, str | None]]:
        """``n`` profiles with their truth: 60% of stored people, 40% of people never stored."""
        rng = random.Random(self.seed + 99)
        nick = nicknames()
        for j in range(n):
            stored = rng.random() < 0.6
            i = rng.randrange(n_stored) if stored else n_stored + 10_000_000 + j
            c = self.person(i)
            first, *rest = c.full_name.split(" ")
            last = rest[-1]
            roll = rng.random()
            if roll < 0.15 and (alts := sorted(nick._nicks.get(first.lower(), ()))):
                first = rng.choice(alts).title()
            elif roll < 0.25 and len(last) > 4:
                k = rng.randrange(1, len(last) - 1)
                last = last[:k] + last[k + 1] + last[k] + last[k + 2 :]
            name = f"{first} {last}"
            roll = rng.random()
            if roll < 0.1:
                name = f"{last}, {first}"
            elif roll < 0.15:
                name = f"Dr. {name}"
            current = c.positions[0]
            roll = rng.random()
            positions: tuple[Position, ...]
            if roll < 0.5:  # promotion at the same employer
                positions = (Position(f"Senior {current.title}", current.company),)
            elif roll < 0.8:  # a move, the old employer kept in the career
                positions = (
                    Position(current.title, self.companies[rng.randrange(len(self.companies))]),
                    Position(current.title, current.company, current.start, PartialDate(2025)),
                )
            else:  # a move, nothing kept
                positions = (
                    Position(current.title, self.companies[rng.randrange(len(self.companies))]),
                )
            identifiers = {}
            if c.profiles and rng.random() < 0.5:
                identifiers["github"] = c.profiles[0].id or ""
            profile = ProfileRecord(
                full_name=name,
                kind="team_page",
                profile_id=f"p{j}",
                location=c.location if rng.random() < 0.7 else None,
                identifiers=identifiers,
                positions=positions,
                emails=c.emails if rng.random() < 0.1 else (),
            )
            yield profile, (c.external_id if stored else None)


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_one(n_stored: int, n_profiles: int) -> None:
    people = People()
    profiles = list(people.profiles(n_stored, n_profiles))
    started, cpu = time.perf_counter(), time.process_time()
    index = CandidateIndex.build(people.candidates(n_stored))
    built = time.perf_counter() - started - people.generating
    built_cpu = time.process_time() - cpu - people.generating_cpu
    started, cpu = time.perf_counter(), time.process_time()
    results = index.match_all(p for p, _ in profiles)
    matched = time.perf_counter() - started
    matched_cpu = time.process_time() - cpu
    right = wrong = reviews = 0
    for result, (_, truth) in zip(results, profiles, strict=True):
        reviews += result.decision == "review"
        if result.candidate_id is not None:
            if result.candidate_id == truth:
                right += 1
            else:
                wrong += 1
    positives = sum(1 for _, t in profiles if t is not None)
    print(
        f"  {n_stored:>9,} stored x {n_profiles:,} profiles: build {built:6.1f}s "
        f"(+{people.generating:.1f}s making them)  "
        f"match {matched:6.1f}s  total {built + matched:6.1f}s  "
        f"(CPU {built_cpu:.1f}s + {matched_cpu:.1f}s = {built_cpu + matched_cpu:.1f}s)  "
        f"peak RSS {_peak_mib():7.0f} MiB  "
        f"| links {right + wrong} (wrong {wrong}, precision "
        f"{right / max(1, right + wrong):.4f}, recall {right / max(1, positives):.4f}), "
        f"review {reviews}",
        flush=True,
    )


def run_all(n_profiles: int) -> None:
    print(f"scale: synthetic people (seed {SEED}), {n_profiles:,} profiles, one process per size")
    for size in SIZES:
        subprocess.run(
            [
                sys.executable,
                "-m",
                "benchmarks.matching",
                "--scale-one",
                str(size),
                "--profiles",
                str(n_profiles),
            ],
            check=True,
        )
