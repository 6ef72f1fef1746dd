"""The candidate index: exact identifiers, blocks, and the decision for each profile."""

from __future__ import annotations

import heapq
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from itertools import islice
from typing import Any

from rapidfuzz.distance import OSA

from enrichment.matching.blocking import (
    LOOSE_LIMIT,
    Blocks,
    lookup_keys,
    namesake_keys,
    stored_keys,
)
from enrichment.matching.comparisons import (
    NAME_SIGNALS,
    Frequencies,
    Level,
    Model,
    Weights,
    probability,
)
from enrichment.matching.features import Person, gc_paused
from enrichment.matching.identifiers import (
    EXACT_METHODS,
    candidate_identifiers,
    profile_identifiers,
    profile_key,
)
from enrichment.matching.names import PersonName, romanised_systems
from enrichment.matching.result import Decision, DecisionsLike, MatchResult, verdicts_for
from enrichment.matching.training import TrainedWeights
from enrichment.model import Candidate, ProfileRecord

ExtrasOf = Callable[[Any], Mapping[str, str]]
#: a scored stored person: match weight, position, its levels as scored, and the same levels
#: with their hand-set weights (what the guards read; the same list when nothing is trained)
Scored = tuple[float, int, list[Level], list[Level]]
#: at most this many stored candidates are scored for one profile (tight keys first)
MAX_SCORED = 80
#: of a name borne by more than LOOSE_LIMIT stored people, this many are compared
NAMESAKE_SAMPLE = 5
MODEL_SIGNALS = NAME_SIGNALS | {"employer", "title", "location", "education", "web domain"}
#: bits of extra-signal agreement that let a link stand although the first names differ
IDENTIFYING_SUPPORT = 8.0
#: stored people looked at for a namesake before a lone-name link is called ambiguous
NAMESAKE_SCAN = 5_000


class _ExtraWeights(dict[str, float]):
    """Exact weight of each extra signal, the default for unnamed ones."""

    def __init__(self, weights: Weights) -> None:
        super().__init__(weights.extra_exact)
        self.default = weights.extra_default

    def get(self, key: str, default: float | None = None) -> float:  # type: ignore[override]
        return super().get(key, self.default)


class CandidateIndex:
    """Stored candidates, ready to be matched against profile records.

    ``CandidateIndex.build(candidates)`` reads every candidate once and keeps only what
    matching needs: identifier maps (emails as SHA-256 hashes), blocking keys and normalised
    features. ``index.match(profile)`` answers one :class:`MatchResult`; ``match_all`` many.
    """

    def __init__(self, weights: Weights | None = None) -> None:
        self.weights = weights or Weights()
        self._ids: list[str] = []
        self._people: list[Person] = []
        self._position: dict[str, int] = {}
        self._exact: dict[tuple[str, str], list[int]] = {}
        self._blocks = Blocks()
        self._freq = Frequencies()
        self._model = Model(self.weights, self._freq)
        self._extra_weights = _ExtraWeights(self.weights)
        self._trained: TrainedWeights | None = None

    @classmethod
    def build(
        cls,
        candidates: Iterable[Candidate],
        *,
        weights: Weights | None = None,
        extras_of: ExtrasOf | None = None,
        trained: TrainedWeights | None = None,
    ) -> CandidateIndex:
        """Index candidates; ``extras_of(candidate)`` may add signals the model lacks;
        ``trained`` (:func:`enrichment.matching.training.estimate`) replaces hand-set level
        weights with ones estimated from data."""
        index = cls(weights)
        index._trained = trained
        with gc_paused():
            for candidate in candidates:
                index.add(candidate, extras_of(candidate) if extras_of else None)
        return index

    def __len__(self) -> int:
        return len(self._ids)

    @property
    def prior(self) -> float:
        """Log2 prior odds of a match: lower as more people are stored (more namesakes)."""
        return self.weights.prior - math.log2(1 + len(self._ids) / self.weights.prior_scale)

    def use(self, trained: TrainedWeights | None) -> None:
        """Score with ``trained`` level weights from now on (``None``: the hand-set ones)."""
        self._trained = trained

    def compare(self, person: Person, stored: Person) -> list[Level]:
        """The levels of a profile's person against a stored one, with the hand-set
        weights and this index's frequencies: what training counts."""
        return [*self._model.names(person, stored), *self._model.others(person, stored)]

    def candidates(self, person: Person) -> list[Person]:
        """The stored people blocking proposes for this profile's person (what EM counts)."""
        return [self._people[i] for i in self._blocked(person, set())]

    def stored_person(self, external_id: str) -> Person:
        return self._people[self._position[external_id]]

    def people(self) -> Sequence[Person]:
        """Every stored person, in the order indexed (what training samples random pairs of)."""
        return self._people

    def __contains__(self, external_id: object) -> bool:
        return external_id in self._position

    def add(self, candidate: Candidate, extras: Mapping[str, str] | None = None) -> None:
        if candidate.external_id in self._position:
            raise ValueError(f"candidate {candidate.external_id!r} is already indexed")
        i = len(self._ids)
        self._ids.append(candidate.external_id)
        self._position[candidate.external_id] = i
        person = Person.of_candidate(candidate, extras)
        self._people.append(person)
        self._freq.add(person)
        for ident in set(candidate_identifiers(candidate)):
            self._exact.setdefault(ident, []).append(i)
        self._blocks.add_all(stored_keys(person, self._extra_weights), i)

    # -- matching ----------------------------------------------------------------------------

    def match(
        self,
        profile: ProfileRecord,
        *,
        decisions: DecisionsLike | None = None,
        extras: Mapping[str, str] | None = None,
    ) -> MatchResult:
        """Which stored candidate this profile is: ``link``, ``review`` or ``reject``."""
        identifiers = list(profile_identifiers(profile))
        key = profile_key(profile, identifiers)
        verdicts = verdicts_for(decisions, key)
        for candidate_id, verdict in verdicts.items():
            if verdict == "link" and candidate_id in self._position:
                return MatchResult(
                    profile.profile_id,
                    candidate_id,
                    1.0,
                    "link",
                    "reviewer",
                    (f"a reviewer linked this profile to {candidate_id}",),
                    profile_key=key,
                )
        rejected = {
            self._position[c] for c, v in verdicts.items() if v == "reject" and c in self._position
        }
        notes = tuple(f"a reviewer rejected {self._ids[i]}" for i in sorted(rejected))
        person = Person.of_profile(profile, extras)
        exact = self._match_exact(profile, identifiers, person, rejected, key, notes)
        if exact is not None:
            return exact
        return self._match_fuzzy(profile, person, rejected, key, notes)

    def match_all(
        self,
        profiles: Iterable[ProfileRecord],
        *,
        decisions: DecisionsLike | None = None,
        extras_of: ExtrasOf | None = None,
    ) -> list[MatchResult]:
        with gc_paused():
            return [
                self.match(p, decisions=decisions, extras=extras_of(p) if extras_of else None)
                for p in profiles
            ]

    def _match_exact(
        self,
        profile: ProfileRecord,
        identifiers: list[tuple[str, str]],
        person: Person,
        rejected: set[int],
        key: str,
        notes: tuple[str, ...],
    ) -> MatchResult | None:
        hits: dict[int, list[str]] = {}
        for kind, value in identifiers:
            for i in self._exact.get((kind, value), ()):
                if i not in rejected and kind not in hits.setdefault(i, []):
                    hits[i].append(kind)
        if not hits:
            return None
        order = {m: n for n, m in enumerate(EXACT_METHODS)}
        ranked = sorted(hits, key=lambda i: min(order[k] for k in hits[i]))
        best = ranked[0]
        method = min(hits[best], key=order.__getitem__)
        reasons = [f"{kind}: exact" for kind in sorted(hits[best], key=order.__getitem__)]
        if len(ranked) > 1:
            others = ", ".join(self._ids[i] for i in ranked[1:])
            reasons.append(f"identifiers also point to {others}: a person must choose")
            return MatchResult(
                profile.profile_id,
                None,
                0.9,
                "review",
                method,
                (*reasons, *notes),
                self._ids[best],
                key,
            )
        names = self._model.names(person, self._people[best])
        if all(level.label == "different" for level in names[:2]):
            reasons.extend(str(level) for level in names)
            reasons.append("identifier matches but the name does not")
            return MatchResult(
                profile.profile_id,
                None,
                0.9,
                "review",
                method,
                (*reasons, *notes),
                self._ids[best],
                key,
            )
        return MatchResult(
            profile.profile_id,
            self._ids[best],
            1.0,
            "link",
            method,
            (*reasons, *notes),
            profile_key=key,
        )

    def _blocked(self, person: Person, skip: set[int], wide: bool = False) -> list[int]:
        """Candidates to score: tight buckets first, then loose ones that are small."""
        tight, loose = lookup_keys(person, self._extra_weights, wide)
        out: dict[int, None] = {}
        get = self._blocks.raw.get  # the dict itself: one call less per key
        for key in tight:
            bucket = get(key)
            if bucket is None:
                continue
            if isinstance(bucket, int):
                out[bucket] = None
            else:
                if key.startswith("n|") and len(bucket) > LOOSE_LIMIT:
                    # a very common name: a few of its bearers are enough to see namesakes
                    bucket = bucket[:NAMESAKE_SAMPLE]
                out.update(dict.fromkeys(bucket))
            if len(out) >= MAX_SCORED:
                break
        for key in loose:
            if len(out) >= MAX_SCORED:
                break
            bucket = get(key)
            if bucket is None:
                continue
            if isinstance(bucket, int):
                out[bucket] = None
            elif len(bucket) <= LOOSE_LIMIT:
                out.update(dict.fromkeys(bucket))
        return [i for i in islice(out, MAX_SCORED) if i not in skip]

    def _score(self, person: Person, ids: list[int], into: list[Scored]) -> None:
        model, prior, trained = self._model, self.prior, self._trained
        floor = -prior - model.best_other(person)  # names must reach this to matter
        # namesakes share one parsed name object: compare each distinct name once (keyed by
        # identity, which is cheaper than hashing the names; equal names that are distinct
        # objects are merely compared twice, with the same outcome)
        by_name: dict[tuple[int, int], tuple[list[Level], float, list[Level]]] = {}
        people = self._people
        for i in ids:
            stored = people[i]
            name_key = (id(stored.name), id(stored.alt_name))
            cached = by_name.get(name_key)
            if cached is None:
                hand_names = name_levels = model.names(person, stored)
                if trained is not None:
                    name_levels = [trained.apply(x) for x in name_levels]
                cached = by_name[name_key] = (
                    name_levels,
                    sum([x.weight for x in name_levels]),
                    hand_names,
                )
            if cached[1] < floor:
                continue
            hand_others = others = model.others(person, stored)
            if trained is not None:
                others = [trained.apply(x) for x in others]
                levels = [*cached[0], *others]
                hand = [*cached[2], *hand_others]
            else:
                levels = hand = [*cached[0], *others]
            into.append((prior + sum([level.weight for level in levels]), i, levels, hand))

    def _match_fuzzy(
        self,
        profile: ProfileRecord,
        person: Person,
        rejected: set[int],
        key: str,
        notes: tuple[str, ...],
    ) -> MatchResult:
        w = self.weights
        scored: list[Scored] = []
        first = self._blocked(person, rejected)
        self._score(person, first, scored)
        if not any(item[0] >= 0 for item in scored):
            self._score(person, self._blocked(person, rejected | set(first), wide=True), scored)
        if not scored:
            return MatchResult(
                profile.profile_id,
                None,
                0.0,
                "reject",
                "none",
                ("no stored candidate with a compatible name", *notes),
                profile_key=key,
            )
        # only the best two are looked at (the best, and a namesake within reach of it)
        ids = self._ids
        plausible = sum(1 for item in scored if item[0] >= 0)
        scored = heapq.nsmallest(2, scored, key=lambda item: (-item[0], ids[item[1]]))
        total, best, levels, hand = scored[0]
        score = probability(total)
        reasons = [str(level) for level in sorted(levels, key=lambda x: -abs(x.weight))]
        reasons.append(f"match weight {total:+.1f} (prior {self.prior:+.1f})")
        decision: Decision
        if score < w.review_score:
            decision = "reject"
            reasons.append(f"score below review threshold {w.review_score}")
        else:
            # the guards are rules about the hand-set levels (what agreed, how strongly by
            # structure), whatever weights the score was trained to
            blockers, by_name = self._blockers(person, hand, scored, plausible, reasons)
            needed = w.name_alone_score if by_name else w.link_score
            if score >= needed and not blockers:
                decision = "link"
            else:
                decision = "review"
                reasons.extend(blockers or [f"score below link threshold {needed}"])
        return MatchResult(
            profile.profile_id,
            self._ids[best] if decision == "link" else None,
            score,
            decision,
            "fuzzy",
            (*reasons, *notes),
            self._ids[best] if decision == "review" else None,
            key,
        )

    def _name_decides(self, person: Person, best: int, levels: list[Level]) -> tuple[bool, str]:
        """Whether the name alone may decide this match, and why (or why not) in words.

        A profile that carries nothing to compare but a name links only when the name is
        overwhelming and unambiguous: the full name agrees, nothing else on the profile
        disagrees, the frequency-adjusted weight of the name reaches
        ``Weights.name_alone_bits`` (rare in the store), and no other stored person has the
        surname with a compatible first name and compatible middle names (the same, a
        nickname or near spelling of it, an initial of it, or none).

        "The full name agrees", level by level: the surname exactly; the first name exactly
        (East Asian given names compared as given names) with middle names on both sides or
        neither, each the same or an initial of it. Three less complete forms may be asked
        for more bits (``name_alone_one_middle``, ``name_alone_initial``,
        ``name_alone_variant``; none by default, their own level weights being lower):
        a middle name on one side only; a first initial with the given names after it
        agreeing in full ("C. Kent Osborne"); a nickname or one transposed letter of the
        first name ("Steve" / "Steven", "Jospeh" / "Joseph") with consistent middle names.
        """
        a, b = person.name, self._people[best].name
        w = self.weights
        if not a.first or not b.first or not a.last_key:
            return False, "the full first name is not known on both sides"
        if a.generation != b.generation:
            # "William C. Ward Jr." / "William C. Ward": a father and his son
            shown = " vs ".join(g or "none" for g in (a.generation, b.generation))
            return False, f"the generational suffixes differ ({shown})"
        name_weight, extra, form = 0.0, 0.0, "full name"
        for level in levels:
            if level.signal == "surname":
                if level.label != "exact":
                    return False, "the surnames are not the same"
            elif level.signal == "first name":
                if level.label.startswith("same given name"):
                    pass  # an East Asian given name, its syllables compared as one name
                elif level.label == "exact":
                    if not _middles_consistent(a.middles, b.middles):
                        if a.middles and b.middles:
                            return False, "the middle names do not agree on both sides"
                        form, extra = "a middle name on one side only", w.name_alone_one_middle
                elif level.label == "same initial" or level.label == "initial-compatible":
                    anchor = _anchor(a, b)
                    if anchor is None:
                        return False, "the full first name is not known on both sides"
                    form = f"an initial, then the same given name ({anchor})"
                    extra = w.name_alone_initial
                elif _variant(level, a.first, b.first):
                    if not _middles_consistent(a.middles, b.middles):
                        return False, "the middle names do not agree on both sides"
                    form, extra = (
                        f"a variant of the first name ({level.label})",
                        (w.name_alone_variant),
                    )
                else:
                    return False, "the first names are not the same"
            elif level.signal == "middle name":
                if level.weight < 0:
                    return False, "the middle names do not agree on both sides"
            elif level.signal == "name order":
                return False, "the name fits only read the other way round"
            elif level.weight < 0 or level.contradicts:
                return False, f"the {level.signal} disagrees"
            if level.signal in NAME_SIGNALS:
                name_weight += level.weight
        needed = w.name_alone_bits + extra
        if name_weight < needed:
            return False, (
                f"the name is not rare enough in the store (weight {name_weight:.1f} bits, "
                f"{needed:.0f} needed{'' if form == 'full name' else ' for ' + form})"
            )
        namesake = self._namesake(a, best)
        if namesake == "?":
            return False, "too many stored people bear the surname to rule out a namesake"
        if namesake is not None:
            return False, f"another stored person could bear the name ({namesake})"
        shown = "" if form == "full name" else f"; {form}"
        return True, (
            f"rare full name: weight {name_weight:.1f} bits in this store (at least "
            f"{needed:.0f}), and no other stored person has the surname with a compatible "
            f"first name{shown}"
        )

    def _namesake(self, name: PersonName, best: int) -> str | None:
        """Another stored person who bears this surname with a first name compatible with
        ``name``'s (the same, a nickname or near spelling of it, an initial of it, or none)
        and middle names that do not contradict its own ("Robert K. Anderson" is no
        namesake of "Robert G. Anderson"; "Robert Anderson" is), or ``None``. ``"?"`` when
        there are too many bearers to look at."""
        if self._freq.surnames.get(name.last_key, 0) <= 1:
            return None  # the best is the only bearer of the surname
        people, seen, first_name = self._people, 0, self._model.first_name
        for key in namesake_keys(name):
            bucket = self._blocks.get(key)
            seen += len(bucket)
            if seen > NAMESAKE_SCAN:
                return "?"  # too many to look at: call it ambiguous
            for i in bucket:
                other = people[i].name
                if (
                    i != best
                    and other.last_key == name.last_key
                    and (not other.first or first_name(name, other).weight >= 0)
                    and not _middles_contradict(name, other)
                    and not (name.generation and other.generation != name.generation)
                ):
                    return self._ids[i]
        return None

    def _blockers(
        self,
        person: Person,
        levels: list[Level],
        scored: list[Scored],
        plausible: int,
        reasons: list[str],
    ) -> tuple[list[str], bool]:
        """Why an otherwise strong match must not link automatically, and whether the
        name alone decides it (:meth:`_name_decides`).

        ``plausible``: how many scored stored people have a positive match weight (could be
        this profile). Each doubling of them asks one bit more: the prior odds of any one of
        them are shared among all. When little beyond the name agrees but the name alone is
        overwhelming (:meth:`_name_decides`), that is said in ``reasons`` instead, and its
        namesake scan (every stored bearer of the surname whose first and middle names are
        compatible) takes the place of the crowded and namesake-margin guards: those count
        stored people the scan has ruled out ("Robert K. Anderson" for "Robert G. Anderson").
        """
        w = self.weights
        out = []
        large = [
            x
            for x in levels
            if x.signal == "employer"
            and x.value
            and self._model.stored_at(x.value) >= w.large_employer
        ]
        support = sum(
            x.weight
            for x in levels
            if x.signal not in NAME_SIGNALS and x.weight > 0 and x not in large
        )
        name_decides, why = False, ""
        if support < w.corroboration and not large:
            # (a large employer agreeing keeps its own rule: name + large employer never links)
            name_decides, why = self._name_decides(person, scored[0][1], levels)
            if name_decides:
                reasons.append(why)
        if support < w.corroboration and not name_decides:
            if large and support + sum(x.weight for x in large) >= w.corroboration:
                out.append(
                    f"name and a large employer only ({large[0].value}: "
                    f"{self._model.stored_at(large[0].value)} stored people): not enough to link"
                )
            else:
                out.append(
                    "name-only match: nothing beyond the name agrees, and the name alone does "
                    f"not decide: {why or 'it is not rare and unambiguous enough'}"
                )
        if plausible > 1 and not name_decides:
            total = scored[0][0]
            needed = math.log2(plausible)
            if probability(total - needed) < w.link_score:
                out.append(
                    f"crowded: {plausible} stored people could be this profile; "
                    f"a link needs {needed:.1f} bits more (weight {total:+.1f})"
                )
        # one identifying extra signal (a date of birth, an id number) agreeing exactly can
        # outweigh a differing first name; several weak ones cannot (a household shares its
        # postcode and birth place)
        identified = (
            max(
                (x.weight for x in levels if x.signal not in MODEL_SIGNALS and x.weight > 0),
                default=0.0,
            )
            >= IDENTIFYING_SUPPORT
        )
        first_differs = any(x.signal == "first name" and x.weight <= -3 for x in levels)
        if first_differs and not identified:
            out.append("first names differ: not linked automatically")
        lone = any(
            x.signal in ("surname", "first name") and x.label.startswith("missing") for x in levels
        ) or any(x.signal == "surname" and "one side has no first name" in x.label for x in levels)
        if lone and not identified and support < 2 * w.corroboration:
            out.append(
                "one name only (no surname or no first name) and little else agrees: "
                "not linked automatically"
            )
        for level in levels:
            if level.contradicts:
                out.append(f"contradiction: {level.signal} {level.label}")
        if len(scored) > 1 and not name_decides:
            best_total, runner_total = scored[0][0], scored[1][0]
            if runner_total >= max(0.0, best_total - w.namesake_margin):
                out.append(
                    f"namesake: {self._ids[scored[1][1]]} also fits "
                    f"(weight {runner_total:+.1f} vs {best_total:+.1f})"
                )
        return out, name_decides


def _middles_consistent(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Middle names that say one person: none on either side, or as many on both, each the
    same name or an initial of it ("John A Smith" / "John Alan Smith"). A middle name on one
    side only is not enough for a name alone: "Robert G. McDaniel" and "Robert McDaniel" were
    two people in the benchmark's dev part (a father and son share all but the middle)."""
    if len(a) != len(b):
        return False
    for x, y in zip(a, b, strict=True):
        if x == y:
            continue
        if (len(x) == 1 or len(y) == 1) and x[0] == y[0]:
            continue
        return False
    return True


def _middles_contradict(a: PersonName, b: PersonName) -> bool:
    """Given names after the first that say two people: both sides have one at the same
    place and they differ (other initials, or two different full names). Compared as parts
    of one given name for East Asian names, so never here."""
    if not a.middles or not b.middles or romanised_systems(a) or romanised_systems(b):
        return False
    for x, y in zip(a.middles, b.middles, strict=False):
        if x[0] != y[0] or (len(x) > 1 and len(y) > 1 and x != y):
            return True
    return False


def _anchor(a: PersonName, b: PersonName) -> str | None:
    """The given name two names agree on in full when one starts with an initial ("C. Kent
    Osborne" / "C. Kent Osborne", "J. Paul Thaxton" / "John Paul Thaxton"): as many given
    names on both sides, each the same or an initial of the other, and at least one after
    the first the same in full on both sides; ``None`` otherwise."""
    ga, gb = (a.first, *a.middles), (b.first, *b.middles)
    if len(ga) != len(gb) or len(ga) < 2:
        return None
    anchor = None
    for n, (x, y) in enumerate(zip(ga, gb, strict=True)):
        if x == y:
            if n and len(x) > 1 and anchor is None:
                anchor = x
        elif x[0] != y[0] or (len(x) > 1 and len(y) > 1):
            return None
    return anchor


def _variant(level: Level, a: str, b: str) -> bool:
    """A first name written as a nickname of the other (``nickname-equivalent``) or with two
    neighbouring letters swapped (``jospeh`` / ``joseph``: a typing slip, not another name,
    unlike one letter more or less: "Michel" / "Michael")."""
    if level.label.startswith("nickname-equivalent"):
        return True
    return (
        len(a) >= 4
        and len(a) == len(b)
        and sorted(a) == sorted(b)
        and OSA.distance(a, b, score_cutoff=1) == 1
    )
