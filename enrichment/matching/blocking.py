"""Blocking: which stored candidates a profile is compared with at all.

Comparing every profile with every candidate costs profiles x candidates; blocking keeps the
cost about linear. Every stored candidate is filed under a few keys; a profile looks up its
own keys and is compared only with the candidates found there.

Keys, in the order a profile's lookups are used (tight keys combine the name with a second
signal, so their buckets stay small however many people are stored):

=========  ==============================================================================
employer   surname sound (Soundex) x employer; current employer x first initial (a changed
           surname)
extra      a strong extra signal (exact weight >= 6 bits, e.g. a date of birth) x initial
           or x surname sound; alone when it identifies (>= 9 bits)
city       surname sound x city x first initial
domain     a personal web domain (a site's, an e-mail address's): loose, small buckets only
name       the exact normalised ``first last``
loose      surname sound x first name, looked up under every nickname variant (a "bob"
           profile looks up bob, robert, rob ...); surname sound x initial for initials.
           Looked up only while a bucket holds at most
           ``LOOSE_LIMIT`` candidates: past that, the tight keys must find the person.
wide       surname sound x initial for a full first name: a misspelt first name ("Jhon");
           looked up only when nothing else fits, and only for small buckets
=========  ==============================================================================
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from functools import lru_cache

from enrichment.matching.features import Person
from enrichment.matching.names import PersonName, nicknames, soundex

#: loose and wide buckets larger than this are not looked up
LOOSE_LIMIT = 40
#: extra signals this strong (exact weight in bits) are blocking keys too
BLOCKING_EXTRA = 6.0
#: ... and this strong, a blocking key on their own (identifier-like signals)
IDENTIFYING_EXTRA = 9.0


def _first(name: PersonName) -> str:
    """The first-name part of a loose key: the name, ``#x`` for an initial, empty for none."""
    return f"#{name.first}" if name.first_is_initial else name.first


@lru_cache(maxsize=131_072)
def _variants(name: PersonName) -> tuple[str, ...]:
    """First names a profile's first name may be stored as: itself and its nicknames."""
    if not name.first or name.first_is_initial:
        return (_first(name),)
    return tuple(sorted(nicknames().variants(name.first)))


_SURNAME_CODES: dict[frozenset[str], tuple[str, ...]] = {}


def _surname_codes(parts: frozenset[str]) -> tuple[str, ...]:
    """Soundex codes of a surname's parts, sorted; kept per surname (few, unlike names)
    in a bounded plain dict, which is cheaper than ``lru_cache`` for a set argument."""
    codes = _SURNAME_CODES.get(parts)
    if codes is None:
        found = {soundex(p) for p in parts}
        found.discard("")
        codes = tuple(sorted(found))
        if len(_SURNAME_CODES) < 131_072:
            _SURNAME_CODES[parts] = codes
    return codes


def _codes(name: PersonName, lookup: bool) -> tuple[str, ...]:
    """The surname's codes; a profile's lookups add its last middle name's."""
    codes = _surname_codes(name.last_parts)
    if lookup and name.middles:
        extra = soundex(name.middles[-1])
        if extra and extra not in codes:
            return tuple(sorted((*codes, extra)))
    return codes


def _readings(person: Person) -> list[PersonName]:
    return [person.name] if person.alt_name is None else [person.name, person.alt_name]


def _extra_keys(person: Person, name: PersonName, strong: Mapping[str, float]) -> Iterator[str]:
    for k, v in person.extras.items():
        weight = strong.get(k, 0.0)
        if weight < BLOCKING_EXTRA:
            continue
        if weight >= IDENTIFYING_EXTRA:
            yield f"x|{k}|{v}"
        yield f"x|{k}|{v}|{name.initial}"
        for code in _codes(name, False):
            yield f"x|{k}|{v}|{code}"


def stored_keys(person: Person, strong: Mapping[str, float]) -> set[str]:
    """Every key a stored candidate is filed under (about seven)."""
    keys: set[str] = set()
    for name in _readings(person):
        first, initial = _first(name), name.initial
        for code in _codes(name, False):
            keys.add(f"{code}|{first}")
            keys.add(f"{code}|*{initial}")
            for employer in person.employers:
                keys.add(f"{code}|e|{employer}")
            if person.city:
                keys.add(f"{code}|c|{person.city}|{initial}")
        if name.first and name.last_key:
            keys.add(f"n|{name.first}|{name.last_key}")
        for employer in person.current_employers:
            keys.add(f"e|{employer}|{initial}")
        if person.extras:
            keys.update(_extra_keys(person, name, strong))
    keys.update(f"w|{d}" for d in person.domains)
    return keys


def lookup_keys(
    person: Person, strong: Mapping[str, float], wide: bool = False
) -> tuple[list[str], list[str]]:
    """A profile's keys: ``(tight, loose)``, tight ones in order of use."""
    employer: list[str] = []
    city: list[str] = []
    exact: list[str] = []
    loose: list[str] = []
    # (each kind of key only when the profile has that signal: most profiles lack several,
    # and an empty generator still costs a call per reading and code)
    employers, town = person.employers, person.city
    for name in _readings(person):
        variants = _variants(name)
        initial = name.initial
        for code in _codes(name, True):
            if employers:
                employer.extend([f"{code}|e|{e}" for e in employers])
            if name.first_is_initial:
                loose.append(f"{code}|*{initial}")
                continue
            if town:
                city.append(f"{code}|c|{town}|{initial}")
            loose.extend([f"{code}|{v}" for v in variants])
            if initial:
                loose.append(f"{code}|#{initial}")
                loose.append(f"{code}|")
            if wide:
                loose.append(f"{code}|*{initial}")
        if name.first and name.last_key:
            exact.append(f"n|{name.first}|{name.last_key}")
        if person.current_employers:
            employer.extend([f"e|{e}|{initial}" for e in person.current_employers])
        if person.extras:
            employer.extend(_extra_keys(person, name, strong))
    # a personal web domain finds a person whose name changed (a small bucket only: a
    # company's mail domain is looked up, and scored, by the employer keys)
    if person.domains:
        loose = [*(f"w|{d}" for d in person.domains), *loose]
    return employer + city + exact, loose


def namesake_keys(name: PersonName) -> list[str]:
    """The keys under which every stored person with this surname's sound is filed who may
    bear this name: the same first initial, no first name at all, or a nickname of the first
    name with another initial ("Peggy" of "Margaret")."""
    keys = []
    others = [v for v in _variants(name) if v[:1] != name.initial] if name.initial else []
    for code in _codes(name, False):
        keys.append(f"{code}|*{name.initial}")
        if name.initial:
            keys.append(f"{code}|*")
        keys.extend(f"{code}|{v}" for v in others)
    return keys


class Blocks:
    """Key -> positions of the stored candidates filed under it.

    A bucket of one is kept as a bare int: most tight keys name one person, and a list each
    would cost a million small lists at scale.
    """

    def __init__(self) -> None:
        self._buckets: dict[str, int | list[int]] = {}

    def add(self, key: str, position: int) -> None:
        bucket = self._buckets.get(key)
        if bucket is None:
            self._buckets[key] = position
        elif isinstance(bucket, int):
            self._buckets[key] = [bucket, position]
        else:
            bucket.append(position)

    def add_all(self, keys: Iterable[str], position: int) -> None:
        """File one position under each of ``keys`` (``add`` in a loop, without the calls)."""
        buckets = self._buckets
        for key in keys:
            bucket = buckets.get(key)
            if bucket is None:
                buckets[key] = position
            elif isinstance(bucket, int):
                buckets[key] = [bucket, position]
            else:
                bucket.append(position)

    @property
    def raw(self) -> dict[str, int | list[int]]:
        """Key -> bucket (one position, or a list): to read, never to change."""
        return self._buckets

    def bucket(self, key: str) -> int | list[int] | None:
        """The raw bucket: ``None``, one position, or a list (do not change it)."""
        return self._buckets.get(key)

    def get(self, key: str) -> Sequence[int]:
        bucket = self._buckets.get(key)
        if bucket is None:
            return ()
        return (bucket,) if isinstance(bucket, int) else bucket

    def __len__(self) -> int:
        return len(self._buckets)
