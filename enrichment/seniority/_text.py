"""Normalising a title: plain English words in lower case, segments split by `` , ``.

``normalise("Sr. SWE @ Meta (m/w/d)")`` gives ``"senior software engineer"`` and notes saying
what was done (abbreviations expanded, employer tail and gender marker dropped, words translated
from German, French or Spanish). The rules in :mod:`enrichment.seniority.rules` read only this
form. Results are cached: the same title is normalised once per process.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from enrichment.seniority._lexicon import (
    ABBREVIATIONS,
    GERMAN_LEADS,
    GERMAN_PREFIXES,
    GERMAN_SUFFIXES,
    PHRASES,
    WORDS,
)

#: Separator between the parts of a title ("Engineer, Payments" has two segments).
SEP = ","

_GENDER = re.compile(
    r"\(\s*(?:[mwfdxh]|div|all genders?)\s*(?:[/|,*]\s*(?:[mwfdxh]|div)\s*)+\)"
    r"|(?<![\w/])(?:[mwfh]\s*/\s*[mwfh](?:\s*/\s*[dx])?)(?![\w/])",
    re.IGNORECASE,
)
_EMPLOYER_TAIL = re.compile(r"(?:\s*@\s*|\s+(?:at|bei|chez)\s+)(?P<tail>\S.*)$", re.IGNORECASE)
_SUPPORTS = (
    r"ceo|cfo|coo|cto|president|founders?|chairman|chair|board|managing director|vp|svp|evp|"
    r"director|partners?|principal|dean|executive|chief\b.*|head\b.*|c suite|c-suite|"
    r"vice president|owner|senior leadership|leadership team|general manager|gm"
)
_TO_THE = re.compile(rf"\s+to\s+(?:the\s+)?(?:{_SUPPORTS})\b.*$", re.IGNORECASE)
_SEPARATORS = re.compile(r"\s+[-–—]\s+|[,;|/()\[\]:·•–—]")
_NON_WORD = re.compile(r"[^a-z0-9, ]+")
_SPACES = re.compile(r"\s+")
_COMMAS = re.compile(r"(?:\s*,\s*)+")

#: Abbreviations that mean something else unless they are the whole title ("ED nurse").
_WHOLE_TITLE_ONLY = frozenset({"md", "ed", "dg"})
#: Abbreviations read only as the last word of a segment ("Senior PM", not "PM shift").
_LAST_WORD_ONLY = frozenset({"pm", "em", "gm", "np", "ta", "ra", "pi", "sen"})
#: Position-dependent: the last word names a person, an earlier one a field.
_BY_POSITION: dict[str, tuple[str, str]] = {
    "eng": ("engineer", "engineering"),
    "admin": ("administrator", "administrative"),
    "dev": ("developer", "development"),
}

_PHRASE_RE = re.compile(
    r"\b(" + "|".join(re.escape(k) for k in sorted(PHRASES, key=len, reverse=True)) + r")\b"
)


@dataclass(frozen=True, slots=True)
class Normalised:
    """A title in the rules' form, and what was done to get there (for reasons)."""

    text: str
    notes: tuple[str, ...] = ()

    @property
    def segments(self) -> tuple[str, ...]:
        return tuple(s.strip() for s in self.text.split(SEP) if s.strip())


def fold(text: str) -> str:
    """Lower case, no accents, punctuation as spaces: the form every table uses."""
    text = unicodedata.normalize("NFKD", text.casefold().replace("ß", "ss"))
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("&", " and ")
    text = _NON_WORD.sub(" ", text.replace(",", " "))
    return _SPACES.sub(" ", text).strip()


def _punctuate(text: str) -> str:
    """Fold, keeping the separators between segments as ``,``."""
    text = unicodedata.normalize("NFKD", text.casefold().replace("ß", "ss"))
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("&", " and ").replace("+", " ")
    text = re.sub(r"\bph\.?\s?d\b\.?", "phd", text)
    text = _SEPARATORS.sub(" , ", text)
    text = _NON_WORD.sub(" ", text)
    text = _COMMAS.sub(" , ", _SPACES.sub(" ", text)).strip(" ,")
    return text


def _german_compound(word: str) -> tuple[str, str] | None:
    """``vertriebsleiter`` -> "head of sales", ``softwareentwickler`` -> "software developer"."""
    for suffix in ("leiterin", "leiter", "leitung"):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            first = word[: -len(suffix)]
            english = GERMAN_LEADS.get(first) or GERMAN_LEADS.get(first.rstrip("s"))
            return word, english or f"head of {first}"
    for suffix, english in GERMAN_SUFFIXES:
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            first = word[: -len(suffix)]
            first = GERMAN_PREFIXES.get(first, first)
            return word, f"{first} {english}"
    return None


def _words(segment: str, whole_title: bool, notes: list[str], show: dict[str, str]) -> str:
    tokens = segment.split()
    out: list[str] = []
    for i, token in enumerate(tokens):
        last = i == len(tokens) - 1
        if token in _BY_POSITION:
            english = _BY_POSITION[token][0 if last else 1]
            notes.append(f"abbreviation '{show.get(token, token)}' → '{english}'")
            out.append(english)
        elif token in ABBREVIATIONS and (
            (token not in _WHOLE_TITLE_ONLY or whole_title)
            and (token not in _LAST_WORD_ONLY or last)
        ):
            english = ABBREVIATIONS[token]
            if english != token:
                notes.append(f"abbreviation '{show.get(token, token)}' → '{english}'")
            out.append(english)
        elif token in WORDS:
            language, english = WORDS[token]
            notes.append(f"{language} '{show.get(token, token)}' → '{english}'")
            out.append(english)
        elif len(token) > 8 and (compound := _german_compound(token)):
            notes.append(f"German '{show.get(token, token)}' → '{compound[1]}'")
            out.append(compound[1])
        else:
            out.append(token)
    return " ".join(out)


@lru_cache(maxsize=65536)
def normalise(title: str, company: str | None = None) -> Normalised:
    """The title in the rules' form. ``company`` helps drop it when the title repeats it."""
    notes: list[str] = []
    text = unicodedata.normalize("NFKC", title).strip()
    if gender := _GENDER.search(text):
        notes.append(f"dropped gender marker '{gender.group(0)}'")
        text = _GENDER.sub(" ", text)
    tail = _EMPLOYER_TAIL.search(text)
    if tail and tail.start() > 0:
        notes.append(f"dropped employer '{text[tail.start() :].strip()}'")
        text = text[: tail.start()]
    to_the = _TO_THE.search(text)
    if to_the and to_the.start() > 0:
        notes.append(f"dropped '{text[to_the.start() :].strip()}' (whom the role supports)")
        text = text[: to_the.start()]
    #: folded word -> the word as written, so reasons quote the title ("Geschäftsführer").
    show = {fold(word): word.strip(".") for word in text.split() if " " not in fold(word)}
    text = _punctuate(text)
    if company:
        name = fold(company)
        if len(name) >= 3:
            pattern = re.compile(rf"(?:^|, )(?:at )?{re.escape(name)}(?= ,|$)")
            if pattern.search(text) and pattern.sub("", text).strip(" ,"):
                notes.append(f"dropped employer '{company}' from the title")
                text = pattern.sub("", text).strip(" ,")

    def phrase(match: re.Match[str]) -> str:
        language, english = PHRASES[match.group(1)]
        original = " ".join(show.get(w, w) for w in match.group(1).split())
        notes.append(f"{language} '{original}' → '{english}'")
        return english

    text = _PHRASE_RE.sub(phrase, text)
    whole = " " not in text.strip() and "," not in text
    segments = [_words(s.strip(), whole, notes, show) for s in text.split(SEP)]
    text = " , ".join(s for s in segments if s)
    return Normalised(_SPACES.sub(" ", text).strip(" ,"), tuple(notes))
