"""Comparisons as ordered, labelled levels (Fellegi-Sunter, as Splink draws them).

Each signal (surname, first name, employer, location ...) is compared by walking its levels in
order; the first that applies wins and contributes its weight, a log2 Bayes factor
``log2(m / u)``: how much likelier this agreement is between records of one person than between
records of two. Name and employer agreement are frequency-adjusted: sharing a rare surname says
more than sharing "Smith". The sum of the weights and the prior is the match weight; the score
is its probability ``1 / (1 + 2 ** -weight)``.

Levels, first match wins (weights in bits):

=============  ==========================================================================
surname        missing 0 · exact (tf, 2..14) · double-surname part (60% of exact) ·
               jaro-winkler >= 0.92 +5 · sounds alike (Soundex, jw >= 0.8) +3.5 ·
               jaro-winkler >= 0.88 +3 · different -6
first name     missing 0 · exact (tf, 2..10) · nickname-equivalent +4 · jaro-winkler >= 0.92
               +3.5 · goes by middle name +2 · jaro-winkler >= 0.85 +2 · jaro-winkler >= 0.75
               with the same initial 0 · initial-compatible +1 · different -5
middle name    same middle name in full (tf, 2..10) · agree (an initial) +1 · initials
               differ -1.5 (only when both have one)
employer       same current employer (tf, 2..10) · stored employer in career (tf) ·
               similar employer (jaro-winkler >= 0.92) +3 · one named in short ("Acme" of
               "Acme Software") +2 · different employers: -3 and a
               contradiction when the profile lists a career, else -0.5 when the profile's
               job began after the stored one (moved on), -2.5 when before, -1 undated
title          same title +2
location       same city (tf, 1..5) · similar city (jaro-winkler >= 0.92) +2 · same country +0.5 ·
               other city, same country -1 ·
               different country -4 (a contradiction)
education      same school +3 · different schools -0.5
web domain     same personal web domain, in any field (a site, an e-mail address, GitHub
               Pages of a login; tf, 3..10; none past ``shared_domain`` stored people)
extras         exact +6 (or the weight given) · close (one edit or swap) half of exact, at most +4 ·
               same first part (postcode district, year) a third, at most +2 · different -4
=============  ==========================================================================

Corroboration: a link needs evidence beyond the name, positive non-name weights adding up to
at least ``corroboration`` bits.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz.distance import OSA, JaroWinkler

from enrichment.matching.features import Person
from enrichment.matching.names import (
    PersonName,
    given_name,
    nicknames,
    romanised_systems,
    soundex,
)
from enrichment.matching.syllables import common_reading, same_syllable

#: the signals a name is compared by (blocking picks pairs by them)
NAME_SIGNALS = frozenset({"surname", "first name", "middle name", "name order"})


@dataclass(frozen=True, slots=True)
class Level:
    """One comparison's outcome: the signal, the level's label, its weight."""

    signal: str
    label: str
    weight: float
    contradicts: bool = False
    #: the value agreed on, for frequency-adjusted levels (an employer, a city)
    value: str = ""

    def __str__(self) -> str:
        return f"{self.signal}: {self.label} ({self.weight:+.1f})"


@dataclass(slots=True)
class Weights:
    """The model's parameters; the defaults are hand-set m/u ratios, checked on the benchmark."""

    #: log2 prior odds that a profile is a given candidate, for a small index; each
    #: doubling past ``prior_scale`` stored candidates takes a bit off (more namesakes)
    prior: float = -10.0
    prior_scale: float = 50_000.0
    swap_penalty: float = 2.0
    link_score: float = 0.99
    review_score: float = 0.5
    #: a second candidate within this many bits of the best makes the match a namesake case
    namesake_margin: float = 3.0
    corroboration: float = 3.5
    surname_m: float = 0.9
    surname_u: float = 1 / 2000
    first_m: float = 0.85
    first_u: float = 1 / 300
    employer_m: float = 0.6
    employer_u: float = 1 / 500
    city_m: float = 0.7
    city_u: float = 1 / 100
    #: an employer with at least this many stored people is large: agreeing on it is no
    #: corroboration of a name (thousands work at Samsung or Fujitsu)
    large_employer: int = 1000
    #: a profile with nothing but a name links only when its full name agrees (first name,
    #: surname, middle names consistent), no other stored person shares the surname with a
    #: compatible first name, and the frequency-adjusted name weight reaches this many bits
    #: (about one person in 40,000 bears such a name). Set on the benchmark's dev parts: the
    #: most demanding whole number of bits that keeps every dev data set within 0.01 of its
    #: best F1
    name_alone_bits: float = 16.0
    #: extra bits a name alone needs when it is written less than fully on one side (each
    #: chosen on the benchmark's dev parts, see benchmarks/matching/README.md): a middle
    #: name on one side only ("Robert McDaniel" / "Robert G. McDaniel"; its own level
    #: weight and the namesake scan already count against it: 0 since 2026-12-05) ...
    name_alone_one_middle: float = 0.0
    #: ... a first initial on a side, the given name that follows agreeing in full
    #: ("C. Kent Osborne" / "C. Kent Osborne"; the first initial is not a first name) ...
    name_alone_initial: float = 0.0
    #: ... a nickname or a transposed letter of the first name ("Steve" / "Steven",
    #: "Jospeh" / "Joseph"), whose own weight is already lower than an exact first name's
    name_alone_variant: float = 0.0
    #: the score a name alone must reach to link (its rules, not the generic
    #: ``link_score``, decide it: the prior counts every stored person as a possible match,
    #: the namesake scan has shown that no other could bear the name)
    name_alone_score: float = 0.95
    #: a web domain shared by more stored people than this is an organisation's (a company's
    #: mail domain, a university's site), not a person's: the employer signal's business
    shared_domain: int = 20
    domain_m: float = 0.8
    domain_u: float = 1 / 100_000
    #: pseudo-records that pull a small index's frequencies toward the defaults above
    smoothing: float = 1000.0
    extra_exact: Mapping[str, float] = field(default_factory=dict)
    extra_default: float = 6.0
    extra_differs: float = -4.0


class Frequencies:
    """How often each surname, first name and employer occurs among the stored candidates."""

    def __init__(self) -> None:
        self.total = 0
        self.surnames: Counter[str] = Counter()
        self.firsts: Counter[str] = Counter()
        self.employers: Counter[str] = Counter()
        self.cities: Counter[str] = Counter()
        self.domains: Counter[str] = Counter()

    def add(self, person: Person) -> None:
        self.total += 1
        name = person.name
        if name.last:
            surnames = self.surnames
            surnames[name.last_key] = surnames.get(name.last_key, 0) + 1
        if len(name.first) > 1:  # a first name, not an initial
            firsts = self.firsts
            firsts[name.first] = firsts.get(name.first, 0) + 1
        employers = self.employers
        for employer in person.employers:
            employers[employer] = employers.get(employer, 0) + 1
        if person.city:
            cities = self.cities
            cities[person.city] = cities.get(person.city, 0) + 1
        if person.domains:
            domains = self.domains
            for domain in person.domains:
                domains[domain] = domains.get(domain, 0) + 1


def _tf_weight(
    m: float, u0: float, count: int, total: int, smoothing: float, lo: float, hi: float
) -> float:
    u = (count + smoothing * u0) / (total + smoothing)
    return max(lo, min(hi, math.log2(m / u)))


class Model:
    """Compares a profile's person with a stored candidate's, level by level."""

    def __init__(self, weights: Weights, frequencies: Frequencies) -> None:
        self.w = weights
        self.freq = frequencies
        self.nick = nicknames()
        self._cache: dict[tuple[str, str], float] = {}
        self._levels: dict[tuple[str, str, str], Level] = {}

    def _tf(self, kind: str, value: str) -> float:
        cached = self._cache.get((kind, value))
        if cached is not None:
            return cached
        w, f = self.w, self.freq
        if kind == "surname":
            weight = _tf_weight(
                w.surname_m, w.surname_u, f.surnames[value], f.total, w.smoothing, 2, 14
            )
        elif kind == "first":
            weight = _tf_weight(w.first_m, w.first_u, f.firsts[value], f.total, w.smoothing, 2, 10)
        elif kind == "city":
            weight = _tf_weight(w.city_m, w.city_u, f.cities[value], f.total, w.smoothing, 1, 5)
        else:
            weight = _tf_weight(
                w.employer_m, w.employer_u, f.employers[value], f.total, w.smoothing, 2, 10
            )
        self._cache[(kind, value)] = weight
        return weight

    def stored_at(self, employer: str) -> int:
        """How many stored people name this employer."""
        return self.freq.employers.get(employer, 0)

    def _tf_level(self, signal: str, label: str, kind: str, value: str) -> Level:
        """A frequency-adjusted level, made once per value: ``exact``, or ``label (value)``."""
        key = (signal, label, value)
        level = self._levels.get(key)
        if level is None:
            text = label if label == "exact" else f"{label} ({value})"
            level = self._levels[key] = Level(signal, text, self._tf(kind, value), value=value)
        return level

    # -- names ---------------------------------------------------------------------------

    def surname(self, a: PersonName, b: PersonName) -> Level:
        if not a.last or not b.last:
            return _fixed("surname", "missing", 0.0)
        ka, kb = a.last_key, b.last_key
        if ka == kb:
            return self._tf_level("surname", "exact", "surname", ka)
        # (an East Asian name's middle tokens are given-name syllables, never the first half
        # of a double surname: "Young Do Jung" is not a Jung of "Yun Jung Lee"; that is
        # asked only when a double surname would otherwise be read, most pairs never do)
        if (a.middles and a.middles[-1] + ka == kb) or (b.middles and b.middles[-1] + kb == ka):
            if not (romanised_systems(a) or romanised_systems(b)):
                return Level("surname", "exact (double surname)", self._tf("surname", kb), value=kb)
            return self._surname_similarity(ka, kb)
        if len(a.last_parts) > 1 or len(b.last_parts) > 1 or a.middles or b.middles:
            pa, pb = a.last_parts, b.last_parts
            if a.middles:
                pa = pa | {a.middles[-1]}
            if b.middles:
                pb = pb | {b.middles[-1]}
            shared = (a.last_parts & pb) | (b.last_parts & pa)
            if shared and not (romanised_systems(a) or romanised_systems(b)):
                part = min(shared)
                return Level(
                    "surname",
                    f"double-surname part ({part})",
                    0.6 * self._tf("surname", part),
                    value=part,
                )
        return self._surname_similarity(ka, kb)

    def _surname_similarity(self, ka: str, kb: str) -> Level:
        sim = JaroWinkler.normalized_similarity(ka, kb)
        if sim >= 0.92:
            return _fixed("surname", "jaro-winkler >= 0.92", 5.0)
        if sim >= 0.8 and soundex(ka) == soundex(kb):
            return _fixed("surname", "sounds alike (soundex)", 3.5)
        if sim >= 0.88:
            return _fixed("surname", "jaro-winkler >= 0.88", 3.0)
        return _fixed("surname", "different", -6.0)

    def first_name(self, a: PersonName, b: PersonName) -> Level:
        fa, fb = a.first, b.first
        if not fa or not fb:
            return _fixed("first name", "missing", 0.0)
        if len(fa) > 1 and len(fb) > 1 and (fa != fb or a.middles != b.middles):
            syllables = self._syllables(a, b)
            if syllables is not None:
                return syllables
        if fa == fb:
            if len(fa) == 1:
                return _fixed("first name", "same initial", 1.0)
            return self._tf_level("first name", "exact", "first", fa)
        if len(fa) > 1 and len(fb) > 1:
            if self.nick.equivalent(fa, fb):
                if (
                    a.middles
                    and b.middles
                    and not {m[0] for m in a.middles} & {m[0] for m in b.middles}
                ):
                    # "John Paul Drake" / "Jonathon Stuart Drake": a nickname alone is
                    # weak, and the middle names say these are two people
                    return Level(
                        "first name",
                        f"nickname ({fa} ~ {fb}) but middle names differ "
                        f"({a.middles[0]} vs {b.middles[0]})",
                        -3.0,
                    )
                return Level("first name", f"nickname-equivalent ({fa} ~ {fb})", 4.0)
            sim = JaroWinkler.normalized_similarity(fa, fb)
            if sim >= 0.92:
                return _fixed("first name", "jaro-winkler >= 0.92", 3.5)
            if fa in b.middles or fb in a.middles:
                return _fixed("first name", "goes by middle name", 2.0)
            if sim >= 0.85:
                return _fixed("first name", "jaro-winkler >= 0.85", 2.0)
            if sim >= 0.75 and fa[0] == fb[0]:
                return _fixed("first name", "jaro-winkler >= 0.75, same initial", 0.0)
        elif fa[0] == fb[0]:
            return _fixed("first name", "initial-compatible", 1.0)
        return _fixed("first name", "different", -5.0)

    def _syllables(self, a: PersonName, b: PersonName) -> Level | None:
        """Romanised East Asian given names compared syllable by syllable, or ``None``
        when the two names are not both written in one romanisation system."""
        systems = romanised_systems(a)
        if not systems:
            return None
        systems = systems & romanised_systems(b)
        if not systems:
            return None
        ga, gb = given_name(a), given_name(b)
        if ga == gb:
            return Level(
                "first name", f"same given name ({ga})", self._tf("first", a.first), value=ga
            )
        reading = common_reading(ga, gb, systems)
        if reading is None:
            return None
        sa, sb = reading
        shown = f"{'-'.join(sa)} vs {'-'.join(sb)}"
        if len(sa) == len(sb) and all(same_syllable(x, y) for x, y in zip(sa, sb, strict=True)):
            return Level("first name", f"same syllables, other spelling ({shown})", 2.5)
        short, long = sorted((sa, sb), key=len)
        if long[: len(short)] == short or long[-len(short) :] == short:
            return Level("first name", f"one given name is part of the other ({shown})", -1.0)
        return Level("first name", f"different given name, syllable by syllable ({shown})", -5.0)

    def middle(self, a: PersonName, b: PersonName) -> Level | None:
        if not a.middles or not b.middles:
            return None
        if romanised_systems(a) and romanised_systems(b):
            return None  # the middle tokens were compared as parts of the given name
        full = [m for m in a.middles if len(m) > 1 and m in b.middles]
        if full:
            # a given name written in full on both sides ("C. Kent Osborne"): as telling as
            # a first name of its frequency
            return self._tf_level("middle name", "same middle name", "first", min(full))
        if {m[0] for m in a.middles} & {m[0] for m in b.middles}:
            return _fixed("middle name", "agree", 1.0)
        return _fixed("middle name", "initials differ", -1.5)

    def names(self, a: Person, b: Person) -> list[Level]:
        """Name levels, reading either name another way round when that fits better.

        Another reading costs ``swap_penalty`` bits, so it wins only when it fits clearly
        better; it is tried only when the straight reading's surname is not exact.
        """
        levels = self._names(a.name, b.name)
        if (a.alt_name is None and b.alt_name is None) or levels[0].label == "exact":
            return levels
        best = sum(x.weight for x in levels)
        penalty = self.w.swap_penalty
        for x, y in ((a.alt_name, b.name), (a.name, b.alt_name), (a.alt_name, b.alt_name)):
            if x is None or y is None or not _may_fit(x, y):
                continue
            alt = self._names(x, y)
            if (total := sum(level.weight for level in alt) - penalty) > best:
                best = total
                levels = [*alt, _fixed("name order", "read another way", -penalty)]
        return levels

    def _names(self, a: PersonName, b: PersonName) -> list[Level]:
        surname = self.surname(a, b)
        if surname.weight > 0 and bool(a.first) != bool(b.first):
            # one side is a single name ("Fowler"): a surname alone says less
            surname = Level(
                "surname", f"{surname.label}, one side has no first name", surname.weight / 2
            )
        out = [surname, self.first_name(a, b)]
        middle = self.middle(a, b)
        if middle:
            out.append(middle)
        return out

    # -- the rest --------------------------------------------------------------------------

    def employer(self, a: Person, b: Person) -> Level | None:
        if not a.employers or not b.employers:
            return None
        same_now = a.current_employers & b.current_employers
        if same_now:
            name = min(same_now)
            return self._tf_level("employer", "same current employer", "employer", name)
        shared = a.employers & b.employers
        if shared:
            name = min(shared)
            return self._tf_level("employer", "stored employer in career", "employer", name)
        for x in a.employers:
            for y in b.employers:
                if JaroWinkler.normalized_similarity(x, y, score_cutoff=0.92) >= 0.92:
                    return Level("employer", f"similar employer ({x} ~ {y})", 3.0)
        for x in a.employers:
            for y in b.employers:
                if _leading_words(x, y):
                    return Level("employer", f"employer named in short ({x} ~ {y})", 2.0)
        if a.has_history:
            return _fixed("employer", "career differs from the stored one", -3.0, True)
        shown = f"{min(a.current_employers or a.employers)} vs {min(b.employers)}"
        if a.started and b.started and a.current_employers:
            # a later record of one person shows a job begun after the stored one; a job
            # that began before it, elsewhere, is more likely someone else's
            if a.started >= b.started:
                return _fixed("employer", f"moved on: a later job ({shown})", -0.5)
            return _fixed(
                "employer", f"different employer, held before the stored job ({shown})", -2.5
            )
        return _fixed("employer", f"different employer ({shown})", -1.0)

    def title(self, a: Person, b: Person) -> Level | None:
        if a.titles and b.titles and a.titles & b.titles:
            return _fixed("title", f"same title ({min(a.titles & b.titles)})", 2.0)
        return None

    def location(self, a: Person, b: Person) -> Level | None:
        if a.country and b.country and a.country != b.country:
            shown = f"{a.country} vs {b.country}"
            return _fixed("location", f"different country ({shown})", -4.0, True)
        if a.city and b.city:
            if a.city == b.city:
                return self._tf_level("location", "same city", "city", a.city)
            if JaroWinkler.normalized_similarity(a.city, b.city) >= 0.92:
                return Level("location", f"similar city ({a.city} ~ {b.city})", 2.0)
            if a.country and a.country == b.country:
                return _fixed("location", f"other city, same country ({a.city} vs {b.city})", -1.0)
            return _fixed("location", f"different city ({a.city} vs {b.city})", -1.0)
        if a.country and a.country == b.country:
            return _fixed("location", "same country", 0.5)
        return None

    def education(self, a: Person, b: Person) -> Level | None:
        if not a.schools or not b.schools:
            return None
        if a.schools & b.schools:
            return Level("education", f"same school ({min(a.schools & b.schools)})", 3.0)
        return _fixed("education", "different schools", -0.5)

    def domain(self, a: Person, b: Person) -> Level | None:
        """A personal web domain both records show, in any field: the profile's site and
        the stored e-mail address, a GitHub login and a GitHub Pages site ..."""
        if not a.domains or not b.domains:
            return None
        shared = set(a.domains).intersection(b.domains)
        if not shared:
            return None  # people have many sites and addresses: a different one says little
        key = min(shared, key=lambda d: self.freq.domains.get(d, 0))
        count = self.freq.domains.get(key, 0)
        if count > self.w.shared_domain:
            return None
        shown = (a.domain_names or {}).get(key) or (b.domain_names or {}).get(key) or key
        w, f = self.w, self.freq
        weight = _tf_weight(w.domain_m, w.domain_u, count, f.total, w.smoothing, 3, 10)
        return Level("web domain", f"same personal web domain ({shown})", weight, value=shown)

    def extras(self, a: Person, b: Person) -> list[Level]:
        out = []
        for key, va in a.extras.items():
            vb = b.extras.get(key)
            if vb is None:
                continue
            exact = self.w.extra_exact.get(key, self.w.extra_default)
            if va == vb:
                out.append(Level(key, "exact", exact))
            elif OSA.distance(va, vb, score_cutoff=1) <= 1:
                out.append(Level(key, "close (one edit or swap)", min(4.0, exact / 2)))
            elif _head(va) and _head(va) == _head(vb):
                out.append(Level(key, f"same first part ({_head(va)})", min(2.0, exact / 3)))
            else:
                out.append(Level(key, "different", self.w.extra_differs))
        return out

    def others(self, a: Person, b: Person) -> list[Level]:
        if not (a.employers or a.titles or a.city or a.country or a.schools or a.domains) and (
            not a.extras
        ):
            return []  # a profile with nothing but a name: nothing else to compare
        out = [
            level
            for level in (
                self.employer(a, b),
                self.title(a, b),
                self.location(a, b),
                self.education(a, b),
                self.domain(a, b),
            )
            if level is not None
        ]
        out.extend(self.extras(a, b))
        return out

    def best_other(self, a: Person) -> float:
        """An upper bound of what the non-name signals can add for this profile."""
        bound = 0.0
        if a.employers:
            bound += 10.0
        if a.titles:
            bound += 2.0
        if a.city or a.country:
            bound += 5.0
        if a.schools:
            bound += 3.0
        if a.domains:
            bound += 10.0
        for key in a.extras:
            bound += max(self.w.extra_exact.get(key, self.w.extra_default), 0.0)
        return bound


@lru_cache(maxsize=65_536)
def _fixed(signal: str, label: str, weight: float, contradicts: bool = False) -> Level:
    """A level made once and then shared (levels are immutable; most recur for every pair)."""
    return Level(signal, label, weight, contradicts)


def _may_fit(a: PersonName, b: PersonName) -> bool:
    """Whether reading names this way can help: an initial in common, or a lone name."""
    if not a.last_key or not b.last_key:
        return a.first == b.first or not a.first or not b.first
    return a.last_key[0] == b.last_key[0] or a.first[:1] == b.first[:1]


def _head(value: str) -> str:
    """The first part of a value written in parts: a postcode's district, a date's year."""
    for sep in (" ", "-", "/"):
        if sep in value:
            return value.split(sep, 1)[0]
    return ""


def probability(weight: float) -> float:
    return 1.0 / (1.0 + 2.0 ** (-weight))


def _leading_words(x: str, y: str) -> bool:
    """One employer name is the other's first words ("chocolatey" of "chocolatey software")."""
    if x[:1] != y[:1] and x.lstrip()[:1] != y.lstrip()[:1]:
        return False  # the first words differ (a quick answer for most pairs)
    short, long = sorted((x.split(), y.split()), key=len)
    return len(" ".join(short)) >= 4 and len(short) < len(long) and long[: len(short)] == short
