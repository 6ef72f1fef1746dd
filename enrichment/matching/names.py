"""Person names brought to one comparable form.

``parse_name("Dr. José García-Márquez Jr.")`` folds Unicode (anyascii), lower-cases, drops
punctuation, honorifics (Dr, Prof, Mr, Mrs ...) and suffixes (Jr, Sr, III, PhD, MBA ...),
reads "Lovelace, Ada" as surname first, keeps surname particles (van, de, al ...) with the
surname and splits hyphenated or double surnames into parts. Nicknames come from the
maintained list in ``nicknames.csv`` (see its header for source and licence).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from anyascii import anyascii

HONORIFICS = frozenset(
    [
        "dr",
        "doctor",
        "prof",
        "professor",
        "mr",
        "mrs",
        "ms",
        "miss",
        "mx",
        "sir",
        "dame",
        "lord",
        "lady",
        "rev",
        "sr",
        "sra",
        "srta",
        "herr",
        "frau",
        "mme",
        "mlle",
        "revd",
        "fr",
        "hon",
    ]
)
SUFFIXES = frozenset(
    [
        "jr",
        "jnr",
        "sr",
        "snr",
        "ii",
        "iii",
        "iv",
        "v",
        "phd",
        "dphil",
        "md",
        "mba",
        "msc",
        "bsc",
        "ba",
        "ma",
        "esq",
        "cpa",
        "obe",
        "mbe",
        "cbe",
        "frs",
        "rn",
        "pe",
        "dds",
        "jd",
        "llb",
        "llm",
    ]
)
PARTICLES = frozenset(
    [
        "van",
        "von",
        "der",
        "den",
        "de",
        "del",
        "della",
        "di",
        "da",
        "dos",
        "das",
        "du",
        "la",
        "le",
        "bin",
        "ibn",
        "al",
        "el",
        "ter",
        "ten",
        "st",
        "mac",
    ]
)
#: suffixes that tell a father from a son: a name alone with another one (or one on one
#: side only) may be another person of the family
GENERATIONS = {"jr": "jr", "jnr": "jr", "sr": "sr", "snr": "sr", "ii": "ii", "iii": "iii",
               "iv": "iv", "v": "v"}  # fmt: skip
_DROP = re.compile(r"[^\w\s,\-']")
_QUOTED = re.compile(r"[\"“”‘’(].*?[\"“”’)]")
_SOUNDEX = str.maketrans("bfpvcgjkqsxzdtlmnr", "111122222222334556")


@dataclass(frozen=True, slots=True)
class PersonName:
    """A parsed name. ``last`` is the whole surname (parts joined by a space).

    ``last_key`` is the surname without spaces; ``last_parts`` each part of a double or
    hyphenated surname and the whole. Build one with :meth:`of`.
    """

    first: str
    middles: tuple[str, ...]
    last: str
    swapped: bool
    last_key: str
    last_parts: frozenset[str]
    #: a generational suffix the name was written with ("jr", "sr", "ii", "iii" ...), or ""
    generation: str = ""
    #: :func:`romanised_systems`, worked out the first time it is asked for
    systems: frozenset[str] | None = field(default=None, compare=False, repr=False)

    @classmethod
    def of(
        cls,
        first: str,
        middles: tuple[str, ...],
        last: str,
        swapped: bool,
        generation: str = "",
    ) -> PersonName:
        key = last.replace(" ", "")
        parts = {p for p in last.split() if p not in PARTICLES}
        if key:
            parts.add(key)
        return cls(first, middles, last, swapped, key, frozenset(parts), generation)

    @property
    def initial(self) -> str:
        return self.first[:1]

    @property
    def first_is_initial(self) -> bool:
        return len(self.first) == 1

    @property
    def key(self) -> str:
        """``first last``: the short form used for string similarity and review keys."""
        return f"{self.first} {self.last_key}".strip()


def fold(text: str) -> str:
    """ASCII, lower case, single spaces."""
    if not text.isascii():
        text = anyascii(text)
    return " ".join(text.lower().split())


@lru_cache(maxsize=1_048_576)
def parse_name(full_name: str) -> PersonName:
    text = fold(_QUOTED.sub(" ", full_name))
    text = _DROP.sub(" ", text).replace("'", "")
    swapped = False
    pieces = [p.strip() for p in text.split(",") if p.strip()]
    generation = ""
    kept = []
    for piece in pieces:
        words = [t.strip("-") for t in piece.split()]
        if all(t in SUFFIXES for t in words):
            generation = generation or next((GENERATIONS[t] for t in words if t in GENERATIONS), "")
        else:
            kept.append(piece)
    pieces = kept
    if len(pieces) >= 2:
        # "Lovelace, Ada": surname first. Anything after a second comma is dropped.
        text = f"{pieces[1]} {pieces[0]}"
        swapped = True
    elif pieces:
        text = pieces[0]
    else:
        text = ""
    tokens = [t.strip("-") for t in text.split()]
    tokens = [t for t in tokens if t]
    while tokens and tokens[0] in HONORIFICS and len(tokens) > 1:
        tokens.pop(0)
    while len(tokens) > 1 and tokens[-1] in SUFFIXES:
        generation = generation or GENERATIONS.get(tokens.pop(), "")
    # a suffix inside the name ("John Jr Smith"), but never a single letter there: the
    # "V." of "Peter V. Wright" is a middle initial, not the fifth
    inside = [t for t in tokens[1:] if t in SUFFIXES and len(t) > 1]
    if inside:
        generation = generation or next((GENERATIONS[t] for t in inside if t in GENERATIONS), "")
        tokens = [t for i, t in enumerate(tokens) if i == 0 or t not in inside]
    if not tokens:
        return PersonName.of("", (), "", swapped, generation)
    if len(tokens) == 1:
        return PersonName.of("", (), tokens[0].replace("-", " "), swapped, generation)
    first = tokens[0].replace("-", "")
    rest = tokens[1:]
    # the surname is the last token with any particles right before it
    start = len(rest) - 1
    while start > 0 and rest[start - 1] in PARTICLES:
        start -= 1
    last = " ".join(t.replace("-", " ") for t in rest[start:])
    middles = tuple(t.replace("-", "") for t in rest[:start])
    return PersonName.of(first, middles, last, swapped, generation)


def swapped_name(name: PersonName) -> PersonName | None:
    """The name read another way when its order is uncertain.

    Two tokens without a comma ("Garcia Maria") may be surname first; a single token may be
    a first name rather than a surname.
    """
    if name.swapped or name.middles:
        return None
    if not name.first:
        return PersonName.of(name.last_key, (), "", True, name.generation) if name.last else None
    if " " in name.last:
        return None
    return PersonName.of(name.last, (), name.first, True, name.generation)


@lru_cache(maxsize=65_536)
def soundex(word: str) -> str:
    """American Soundex of a folded word (``robert`` -> ``r163``); empty for empty input."""
    word = "".join(c for c in word if c.isalpha())
    if not word:
        return ""
    codes = word.translate(_SOUNDEX)
    out = [word[0]]
    last = codes[0]
    for char, code in zip(word[1:], codes[1:], strict=True):
        if code.isdigit() and code != last:
            out.append(code)
        if char not in "hw":
            last = code
        if len(out) == 4:
            break
    return "".join(out).ljust(4, "0")


class Nicknames:
    """The nickname relation: ``equivalent("bob", "robert")``, and blocking groups."""

    def __init__(self, pairs: list[tuple[str, str]]) -> None:
        self._nicks: dict[str, set[str]] = {}
        self._heads: dict[str, set[str]] = {}
        self._variants: dict[str, frozenset[str]] = {}
        for name, nick in pairs:
            self._nicks.setdefault(name, set()).add(nick)
            self._heads.setdefault(nick, set()).add(name)

    @classmethod
    def bundled(cls) -> Nicknames:
        text = resources.files("enrichment.matching").joinpath("nicknames.csv").read_text("utf-8")
        pairs = []
        for line in text.splitlines():
            if not line or line.startswith("#") or line.startswith("name1,"):
                continue
            name, relation, nick = line.split(",")
            if relation == "has_nickname":
                pairs.append((name.strip(), nick.strip()))
        return cls(pairs)

    def groups(self, name: str) -> frozenset[str]:
        """The name and every name it is a nickname of: two equivalent names share one."""
        return frozenset({name, *self._heads.get(name, ())})

    def variants(self, name: str) -> frozenset[str]:
        """Every name equivalent to this one (itself, its nicknames, what it is a nickname
        of, and the other nicknames of those)."""
        cached = self._variants.get(name)
        if cached is None:
            heads = self._heads.get(name, set())
            out = {name, *self._nicks.get(name, ()), *heads}
            for head in heads:
                out.update(self._nicks.get(head, ()))
            cached = self._variants[name] = frozenset(out)
        return cached

    def known(self, name: str) -> bool:
        """Whether the list knows this name at all."""
        return name in self._nicks or name in self._heads

    def equivalent(self, a: str, b: str) -> bool:
        if a == b:
            return True
        if b in self._nicks.get(a, ()) or a in self._nicks.get(b, ()):
            return True
        return bool(self._heads.get(a, set()) & self._heads.get(b, set()))


@lru_cache(maxsize=1)
def nicknames() -> Nicknames:
    return Nicknames.bundled()


def given_name(name: PersonName) -> str:
    """The whole given name, every given token joined (``jeong ju`` -> ``jeongju``)."""
    return name.first + "".join(name.middles)


@lru_cache(maxsize=262_144)
def _romanised(first: str, middles: tuple[str, ...], last: str) -> frozenset[str]:
    if len(first) < 2 or not last or nicknames().known(first):
        return frozenset()
    from enrichment.matching.syllables import systems_of

    systems = systems_of(first + "".join(middles)) & systems_of(last.replace(" ", ""))
    return systems


def romanised_systems(name: PersonName) -> frozenset[str]:
    """The East Asian romanisation systems a name is written in: the surname and the whole
    given name both spell out as syllables of it, and the first name is no Western name the
    nickname list knows. Empty for most names; then the name is compared the Western way.

    For such a name the tokens between first name and surname are parts of the given name
    ("Young Do Jung", "Jeong Ju Kim"), never the first half of a double surname.
    """
    systems = name.systems
    if systems is None:
        systems = _romanised(name.first, name.middles, name.last_key)
        object.__setattr__(name, "systems", systems)  # a cache, not part of the value
    return systems
