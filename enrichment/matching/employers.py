"""Employer, school and place names brought to one comparable form.

``employer_key("Google LLC")`` and ``employer_key("@google")`` and ``employer_key("Alphabet Inc.")``
are all ``google``: Unicode folded, punctuation and legal suffixes (Inc, Ltd, GmbH, S.A., LLC,
plc, AG ...) dropped, ``@handle`` forms read as the name, and a short list of known aliases
mapped to one name. ``place_key("London, UK")`` splits a location into city and country.
"""

from __future__ import annotations

import re
from functools import lru_cache

from enrichment.companies import company_words
from enrichment.matching.names import fold

#: Words that name a company's structure rather than the company, dropped from the end for
#: matching ("Acme Group" is Acme). Legal forms are dropped by :func:`company_words`.
STRUCTURE_WORDS = frozenset(["group", "holdings", "holding", "company"])
#: Names that mean the same employer (parent and brand, old and new names).
EMPLOYER_ALIASES = {
    "alphabet": "google",
    "google deepmind": "google",
    "meta": "facebook",
    "meta platforms": "facebook",
    "x corp": "twitter",
    "amazon web services": "amazon",
    "aws": "amazon",
    "amazoncom": "amazon",
    "microsoft research": "microsoft",
    "ibm research": "ibm",
    "international business machines": "ibm",
    "hewlett packard": "hp",
    "hewlettpackard": "hp",
    "pricewaterhousecoopers": "pwc",
    "ernst young": "ey",
    "j p morgan": "jpmorgan",
    "jp morgan": "jpmorgan",
    "jpmorgan chase": "jpmorgan",
}
COUNTRIES = {
    "uk": "gb",
    "united kingdom": "gb",
    "great britain": "gb",
    "gb": "gb",
    "england": "gb",
    "scotland": "gb",
    "wales": "gb",
    "northern ireland": "gb",
    "britain": "gb",
    "us": "us",
    "usa": "us",
    "united states": "us",
    "united states of america": "us",
    "america": "us",
    "germany": "de",
    "deutschland": "de",
    "de": "de",
    "france": "fr",
    "fr": "fr",
    "spain": "es",
    "espana": "es",
    "es": "es",
    "italy": "it",
    "italia": "it",
    "netherlands": "nl",
    "the netherlands": "nl",
    "holland": "nl",
    "nl": "nl",
    "ireland": "ie",
    "canada": "ca",
    "ca": "ca",
    "australia": "au",
    "au": "au",
    "new zealand": "nz",
    "india": "in",
    "china": "cn",
    "japan": "jp",
    "brazil": "br",
    "mexico": "mx",
    "portugal": "pt",
    "switzerland": "ch",
    "austria": "at",
    "belgium": "be",
    "sweden": "se",
    "norway": "no",
    "denmark": "dk",
    "finland": "fi",
    "poland": "pl",
    "israel": "il",
    "singapore": "sg",
    "south africa": "za",
    "argentina": "ar",
    "colombia": "co",
    "chile": "cl",
    "nigeria": "ng",
    "kenya": "ke",
    "egypt": "eg",
    "south korea": "kr",
    "korea": "kr",
    "taiwan": "tw",
    "hong kong": "hk",
    "russia": "ru",
    "ukraine": "ua",
    "turkey": "tr",
    "greece": "gr",
    "czech republic": "cz",
    "czechia": "cz",
    "romania": "ro",
    "hungary": "hu",
    "uae": "ae",
    "united arab emirates": "ae",
}
#: A few US states and provinces, so "Austin, TX" reads as the US.
REGIONS = {
    "ca": "us",
    "california": "us",
    "ny": "us",
    "new york": "us",
    "tx": "us",
    "texas": "us",
    "wa": "us",
    "washington": "us",
    "ma": "us",
    "massachusetts": "us",
    "il": "us",
    "illinois": "us",
    "fl": "us",
    "florida": "us",
    "ga": "us",
    "co": "us",
    "colorado": "us",
    "on": "ca",
    "ontario": "ca",
    "bc": "ca",
    "quebec": "ca",
    "nsw": "au",
    "vic": "au",
}
_PUNCT = re.compile(r"[^\w\s]")
_UNIVERSITY = re.compile(r"\b(the|of|at|university|univ|college|school|institute)\b")


@lru_cache(maxsize=262_144)
def employer_key(name: str) -> str:
    """The comparable form of an employer name; empty when nothing is left.

    The words :func:`enrichment.companies.company_words` keeps (the diff engine's employer
    comparison), less structure words, with known aliases mapped to one name.
    """
    words = company_words(name)
    while len(words) > 1 and words[-1] in STRUCTURE_WORDS:
        words.pop()
    key = " ".join(words)
    return EMPLOYER_ALIASES.get(key, key)


@lru_cache(maxsize=65_536)
def institution_key(name: str) -> str:
    """A school's comparable form: "University of Oxford" and "Oxford University" agree."""
    text = _PUNCT.sub(" ", fold(name))
    tokens = sorted(set(_UNIVERSITY.sub(" ", text).split()))
    return " ".join(tokens) or " ".join(text.split())


@lru_cache(maxsize=65_536)
def title_key(title: str) -> str:
    return " ".join(_PUNCT.sub(" ", fold(title)).split())


@lru_cache(maxsize=65_536)
def place_key(location: str) -> tuple[str, str]:
    """``(city, country code)`` of a location string; either may be empty."""
    parts = [" ".join(_PUNCT.sub(" ", p).split()) for p in fold(location).split(",")]
    parts = [p for p in parts if p]
    if not parts:
        return "", ""
    country = ""
    if len(parts) > 1:
        tail = parts[-1]
        country = COUNTRIES.get(tail) or REGIONS.get(tail, "")
        if country or len(parts) > 2:
            parts = parts[:-1]
        if not country and len(parts) > 1:
            country = REGIONS.get(parts[-1], "")
    elif parts[0] in COUNTRIES:
        return "", COUNTRIES[parts[0]]
    city = parts[0]
    if city in COUNTRIES and not country:
        return "", COUNTRIES[city]
    return city, country
