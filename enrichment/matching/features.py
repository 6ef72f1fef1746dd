"""What the matcher compares: a person's normalised features, from a Candidate or a Profile.

:class:`Person` is the adapter between the domain model and the comparisons. Signals the model
has no field for (a date of birth, a postcode) can be passed as ``extras``: a mapping of signal
name to value, compared exactly or closely by the same name on both sides.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from types import MappingProxyType

from enrichment.matching.employers import employer_key, institution_key, place_key, title_key
from enrichment.matching.identifiers import candidate_domains, domain_key, profile_domains
from enrichment.matching.names import PersonName, fold, parse_name, swapped_name
from enrichment.model import Candidate, Education, Position, ProfileRecord

_EMPTY: frozenset[str] = frozenset()
_NO_EXTRAS: Mapping[str, str] = MappingProxyType({})
_SHARED: dict[frozenset[str], frozenset[str]] = {}
_SHARED_MAX = 65_536


@contextmanager
def gc_paused() -> Iterator[None]:
    """No cyclic garbage collection while indexing, training or matching in bulk.

    Each makes millions of small objects and no reference cycles (reference counting frees
    all their garbage), but each object counts towards the collector's thresholds, and at a
    million stored candidates every full collection walks the whole index for nothing.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@dataclass(slots=True)
class Person:
    name: PersonName
    employers: frozenset[str]
    current_employers: frozenset[str]
    titles: frozenset[str]
    city: str
    country: str
    schools: frozenset[str]
    extras: Mapping[str, str]
    #: the record lists a career (a past position), so an unknown employer history contradicts
    has_history: bool = False
    #: the same tokens read the other way round, when the order is uncertain (profiles only)
    alt_name: PersonName | None = None
    #: when the latest current position started, as year * 100 + month (0: unknown)
    started: int = 0
    #: personal web domains (site, e-mail, GitHub Pages), as :func:`domain_key` hashes
    domains: tuple[str, ...] = ()
    #: a profile's domains as written, by hash (to show which one agreed)
    domain_names: Mapping[str, str] | None = None

    @classmethod
    def of_candidate(cls, candidate: Candidate, extras: Mapping[str, str] | None = None) -> Person:
        person = cls._build(
            candidate.full_name,
            candidate.location,
            candidate.positions,
            candidate.education,
            extras,
        )
        if not person.name.first:
            person.alt_name = swapped_name(person.name)
        if candidate.emails or candidate.profiles:
            found = candidate_domains(candidate)
            if found:
                person.domains = _shared_tuple(tuple(sorted(domain_key(d) for d in found)))
        return person

    @classmethod
    def of_profile(cls, profile: ProfileRecord, extras: Mapping[str, str] | None = None) -> Person:
        person = cls._build(
            profile.full_name, profile.location, profile.positions, profile.education, extras
        )
        person.has_history = any(p.end is not None for p in profile.positions)
        person.alt_name = swapped_name(person.name)
        found = profile_domains(profile)
        if found:
            person.domain_names = {domain_key(d): d for d in found}
            person.domains = tuple(sorted(person.domain_names))
        return person

    @classmethod
    def _build(
        cls,
        full_name: str,
        location: str | None,
        positions: Iterable[Position],
        education: Iterable[Education],
        extras: Mapping[str, str] | None,
    ) -> Person:
        employers: set[str] = set()
        current: set[str] = set()
        titles: set[str] = set()
        started = 0
        for position in positions:
            if position.end is None and position.start is not None:
                started = max(started, position.start.year * 100 + (position.start.month or 0))
            if position.company and (key := employer_key(position.company)):
                employers.add(key)
                if position.end is None:
                    current.add(key)
            if position.title and (key := title_key(position.title)):
                titles.add(key)
        schools = {institution_key(e.institution) for e in education if e.institution}
        city, country = place_key(location) if location else ("", "")
        clean_extras = (
            {k: fold(v) for k, v in extras.items() if v and fold(v)} if extras else _NO_EXTRAS
        )
        now = _shared(current) if current else _EMPTY
        return cls(
            name=parse_name(full_name),
            employers=now if employers == current else frozenset(employers),
            current_employers=now,
            titles=_shared(titles) if titles else _EMPTY,
            city=city,
            country=country,
            schools=_shared(schools) if schools else _EMPTY,
            extras=clean_extras,
            started=started,
        )


def _shared(values: set[str]) -> frozenset[str]:
    """One object for equal small sets (a current employer, a title): a million stored
    candidates hold a few thousand distinct ones. A plain dict, bounded, is the cheapest."""
    key = frozenset(values)
    shared = _SHARED.get(key)
    if shared is None:
        if len(_SHARED) < _SHARED_MAX:
            _SHARED[key] = key
        return key
    return shared


_TUPLES: dict[tuple[str, ...], tuple[str, ...]] = {}


def _shared_tuple(values: tuple[str, ...]) -> tuple[str, ...]:
    """One object for equal domain tuples (a company's mail domain, held by thousands)."""
    shared = _TUPLES.get(values)
    if shared is None:
        if len(_TUPLES) < _SHARED_MAX:
            _TUPLES[values] = values
        return values
    return shared
