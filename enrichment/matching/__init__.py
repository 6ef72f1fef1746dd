"""Identity matching: which stored candidate a profile record is, and why.

A false link writes a stranger's career into a candidate's record; a missed link loses the
update. So linking is exact where identifiers exist, careful where they do not, and always
explains itself.

Use::

    index = CandidateIndex.build(candidates)            # Iterable[Candidate]
    result = index.match(profile)                        # ProfileRecord -> MatchResult
    results = index.match_all(profiles)                  # list[MatchResult], in order
    result.decision, result.candidate_id, result.score, result.method, result.reasons

:class:`MatchResult` has ``profile_id``, ``candidate_id`` (only for ``link``), ``score`` in
[0, 1], ``decision`` (``link`` / ``review`` / ``reject``), ``method`` (``orcid``, ``github``,
``wikidata``, ``profile_url``, ``email``, ``fuzzy``, ``reviewer`` or ``none``), ``reasons`` and,
for ``review``, ``proposed_candidate_id``.

How a profile is decided, in order:

1. **Remembered review decisions.** ``index.match(profile, decisions=...)`` takes a
   :class:`Decisions` (or a mapping ``profile_key -> {candidate_id: "link" | "reject"}``). A
   profile a person linked is linked again (method ``reviewer``); a candidate a person rejected
   is never proposed again for it. :func:`profile_key` (kind + strongest identifier or
   normalised URL + normalised name) is the stable key the storage layer keeps them under.
2. **Exact identifiers**: ORCID iD, GitHub login, Wikidata item, normalised profile URL
   (:func:`normalise_url`: no scheme, ``www.``, trailing slash, fragment or tracking
   parameters; host lower-cased), e-mail compared as the SHA-256 of the lower-cased address
   (the index holds only hashes). One candidate hit links (score 1.0); hits on two different
   candidates, or an identifier whose name disagrees entirely, go to ``review``. The URL of a
   many-person source (``team_page``, ``feed``) is no identifier.
3. **Fuzzy matching** of everything else. *Blocking* (:mod:`enrichment.matching.blocking`)
   picks who is compared at all: surname Soundex x employer, x city, x first name and its
   nicknames; exact name; employer x initial; strong extra signals. Keys that pair the name
   with a second signal keep buckets small at any size, so cost grows about linearly with
   the number of stored candidates.
   Each pair is compared as ordered, labelled levels with log2 Bayes-factor weights
   (:mod:`enrichment.matching.comparisons`): names (Unicode folding via anyascii, honorifics
   and suffixes, initials, middle names, hyphenated and double surnames, "Surname, First",
   nicknames from a maintained list), employers (legal suffixes, ``@handle``, aliases),
   career continuity, title, location, education, and co-located identifiers: a personal
   web domain behind two different fields (a stored e-mail address at ``lovelace.dev`` and
   a profile on ``blog.lovelace.dev``; a GitHub login and its ``<login>.github.io`` site;
   :func:`~enrichment.matching.identifiers.web_domain`), held as hashes, saying nothing for
   mail providers, platforms or a domain many stored people share. The score is the
   probability of the summed weight. ``link`` needs score >= 0.99 *and* none of these guards:

   - name-only: nothing beyond the name agrees; agreeing on a large employer
     (``Weights.large_employer`` stored people or more) does not count. A name alone links
     only when it is overwhelming and unambiguous: the full name agrees (given names as
     given names, middle names on both sides or neither, consistent; the same generational
     suffix, Jr or none), nothing else on the profile disagrees, its frequency-adjusted
     weight reaches ``Weights.name_alone_bits`` (rare in the store), its score
     ``Weights.name_alone_score``, and no other stored person has the surname with a
     compatible first name (the same, a nickname, an initial, or none) and middle names
     that do not contradict it. A middle name on one side only, a first initial followed by
     the same given name in full, or a nickname or swapped letter of the first name are
     less complete and can be asked for ``name_alone_one_middle``, ``name_alone_initial``
     or ``name_alone_variant`` bits more (none by default). Everything less goes to review;
   - first names differ (not a nickname, initial or near spelling), unless one extra signal
     that identifies a person (a date of birth, an id number: 8 bits or more on its own)
     agrees; a household's shared postcode and birth place do not;
   - one name only (no surname or no first name) with less than twice the corroboration;
   - contradiction: the profile's career or country contradicts the stored one;
   - namesake: a second stored candidate scores within 3 bits of the best;
   - crowded: with N stored people of positive weight, a link needs log2(N) bits more.

   The prior falls as the index grows (more stored people, more namesakes), and a name read
   the other way round ("Garcia Maria") or a lone name ("Fowler") counts for less.

   Otherwise ``review`` (score >= 0.5) or ``reject``.

**Weights from data** (:mod:`enrichment.matching.training`): ``estimate`` counts m per
level on labelled pairs (review decisions, a benchmark's dev part), ``estimate_em`` by EM
over the pairs blocking proposes when there are no labels, and u on random pairs;
``index.use(trained)`` scores with ``log2(m / u)`` instead of the hand-set weights. Surname,
first name, employer and city agreement are frequency-adjusted from the store itself. The
guards always read the hand-set levels (they are rules, not weights).

**In words** (:mod:`enrichment.matching.explanation`): ``in_words(result.reasons)`` sorts the
reasons into what agreed, what disagreed and what held the link back, in words a recruiter
reads ("same first name and surname", "different city: Osaka vs Tokyo").

Signals the domain model has no field for (date of birth, postcode) can be given as
``extras`` (``build(..., extras_of=...)``, ``match(..., extras=...)``): compared by name,
exact / close / same first part / different.

Pure Python with rapidfuzz and anyascii; no I/O beyond reading the bundled nickname list.
"""

from __future__ import annotations

from enrichment.matching.comparisons import Level, Weights
from enrichment.matching.features import Person
from enrichment.matching.identifiers import email_hash, normalise_url, profile_key
from enrichment.matching.index import CandidateIndex
from enrichment.matching.names import PersonName, parse_name
from enrichment.matching.result import Decision, Decisions, MatchResult

__all__ = [
    "CandidateIndex",
    "Decision",
    "Decisions",
    "Level",
    "MatchResult",
    "Person",
    "PersonName",
    "Weights",
    "email_hash",
    "normalise_url",
    "parse_name",
    "profile_key",
]
