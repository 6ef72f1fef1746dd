"""Romanised East Asian names read as syllables.

A Japanese, Chinese or Korean given name written in Latin letters is a sequence of syllables
of one romanisation system: Hepburn for Japanese (``ma-sa-shi``), pinyin or Wade-Giles for
Chinese (``ming-chun``), Revised Romanization or McCune-Reischauer (and the common informal
spellings such as ``young``, ``woo``, ``lee``) for Korean (``jeong-woo``). Two such names are
the same name only when their syllables are: "Masashi" and "Masahiro" share most letters (a
Jaro-Winkler similarity of about 0.9) but are different names, as are "Nobuhide" and
"Nobuyuki" or "Ming-Chun" and "Min-Hui".

The inventories are built from each system's initials and finals (structure, not lists of
names); they generate a few combinations no language uses, which only makes a string a little
likelier to read as a romanisation. :func:`segment` splits a folded word into the fewest
syllables of a system, or answers ``None`` when the word is not written in it.
"""

from __future__ import annotations

from functools import lru_cache
from itertools import product

VOWELS = "aeiou"


def _hepburn() -> frozenset[str]:
    vowels = ["a", "i", "u", "e", "o"]
    out = set(vowels) | {"n"}
    for c in "kstnhmyrwgzdbp":
        out.update(c + v for v in vowels)
    out -= {"si", "ti", "tu", "hu", "zi", "di", "du", "yi", "ye", "wi", "wu", "we"}
    out |= {"shi", "chi", "tsu", "fu", "ji"}
    for c in ("k", "n", "h", "m", "r", "g", "b", "p"):
        out.update(c + "y" + v for v in ("a", "u", "o"))
    for c in ("sh", "ch", "j"):
        out.update(c + v for v in ("a", "u", "o", "e"))
    return frozenset(out)


def _pinyin() -> frozenset[str]:
    initials = [
        "", "b", "p", "m", "f", "d", "t", "n", "l", "g", "k", "h", "j", "q", "x", "zh", "ch",
        "sh", "r", "z", "c", "s", "y", "w",
        # Wade-Giles (apostrophes are dropped by folding) and common Taiwanese spellings
        "hs", "ts", "tz",
    ]  # fmt: skip
    finals = [
        "a", "o", "e", "i", "u", "v", "ai", "ei", "ao", "ou", "an", "en", "ang", "eng", "ong",
        "er", "ia", "ie", "iao", "iu", "ian", "in", "iang", "ing", "iong", "ua", "uo", "uai",
        "ui", "uan", "un", "uang", "ue", "ueng", "van", "vn",
        # Wade-Giles finals
        "ih", "eh", "ieh", "ung", "iung", "ueh", "uei", "ien", "uen", "u", "ssu", "szu",
    ]  # fmt: skip
    out = {i + f for i, f in product(initials, finals)}
    out |= {"ssu", "szu", "tzu", "er", "erh"}
    return frozenset(x for x in out if x)


def _korean() -> frozenset[str]:
    initials = [
        "", "g", "k", "kk", "n", "d", "t", "tt", "r", "l", "m", "b", "p", "pp", "s", "ss",
        "sh", "j", "jj", "ch", "h", "y", "w",
    ]  # fmt: skip
    vowels = [
        "a", "ae", "eo", "e", "o", "u", "eu", "ui", "i", "oe", "wa", "wae", "wo", "we", "wi",
        "ya", "yae", "yeo", "ye", "yo", "yu",
        # McCune-Reischauer without breves, and the informal spellings in wide use
        "oo", "ee", "ou", "you", "yoo", "ea", "ei", "ai", "eu", "uh", "eon", "yeu",
    ]  # fmt: skip
    finals = ["", "k", "n", "t", "l", "m", "p", "ng", "g", "b", "kk"]
    return frozenset(i + v + f for i, v, f in product(initials, vowels, finals))


SYSTEMS: dict[str, frozenset[str]] = {
    "japanese": _hepburn(),
    "chinese": _pinyin(),
    "korean": _korean(),
}
_LONGEST = max(len(s) for inventory in SYSTEMS.values() for s in inventory)


def _pairs(inventory: frozenset[str], geminates: bool) -> frozenset[str]:
    """Every two-letter sequence a word spelt in syllables of ``inventory`` can contain:
    inside a syllable, or the last letter of one and the first of the next."""
    inside = {x[i : i + 2] for x in inventory for i in range(len(x) - 1)}
    ends, starts = {x[-1] for x in inventory}, {x[0] for x in inventory}
    across = {e + b for e in ends for b in starts}
    if geminates:
        across |= {c + c for c in starts if c not in VOWELS + "n"}
    return frozenset(inside | across)


#: a quick test before segmenting: most Western names hold a pair of letters no syllable
#: sequence of a system can ("christopher": "hr" for Hepburn and Korean)
PAIRS = {name: _pairs(inventory, name == "japanese") for name, inventory in SYSTEMS.items()}


@lru_cache(maxsize=262_144)
def segment(word: str, system: str) -> tuple[str, ...] | None:
    """The fewest syllables of ``system`` that spell ``word``, or ``None``.

    Japanese doubled consonants (``hattori``, ``ippei``) are read as the first syllable's
    lengthening: the repeated letter joins the syllable after it.
    """
    inventory = SYSTEMS[system]
    n = len(word)
    if not n or not word.isalpha():
        return None
    pairs = PAIRS[system]
    for i in range(n - 1):
        if word[i : i + 2] not in pairs:
            return None
    best: list[tuple[str, ...] | None] = [None] * (n + 1)
    best[0] = ()
    for start in range(n):
        here = best[start]
        if here is None:
            continue
        lead = ""
        if (
            system == "japanese"
            and start + 1 < n
            and word[start] == word[start + 1]
            and word[start] not in VOWELS + "n"
        ):
            lead = word[start]  # a geminate: "t" of "hattori" belongs to "tori"
        for end in range(start + 1, min(n, start + _LONGEST + len(lead)) + 1):
            piece = word[start + len(lead) : end]
            if piece in inventory:
                candidate = (*here, lead + piece)
                current = best[end]
                if current is None or len(candidate) < len(current):
                    best[end] = candidate
    return best[n]


@lru_cache(maxsize=262_144)
def systems_of(word: str) -> frozenset[str]:
    """The romanisation systems ``word`` can be read in (none for most Western names)."""
    return frozenset(s for s in SYSTEMS if segment(word, s) is not None)


def common_reading(a: str, b: str, systems: frozenset[str]) -> tuple[tuple[str, ...], ...] | None:
    """Both words as syllables of the system in ``systems`` that spells both in the fewest."""
    best: tuple[tuple[str, ...], ...] | None = None
    for system in SYSTEMS:
        if system not in systems:
            continue
        sa, sb = segment(a, system), segment(b, system)
        if (
            sa is not None
            and sb is not None
            and (best is None or len(sa) + len(sb) < len(best[0]) + len(best[1]))
        ):
            best = (sa, sb)
    return best


def same_syllable(x: str, y: str) -> bool:
    """One syllable spelt two ways by two systems (``jeong`` / ``jung``, ``chun`` / ``chuen``):
    the same first and last letter and at most two letters apart in length."""
    return x == y or (x[0] == y[0] and x[-1] == y[-1] and abs(len(x) - len(y)) <= 2)
