"""Employer names compared as a recruiter would: "Acme Ltd" is "Acme", "@heroku" is "Heroku".

:func:`company_key` folds a name to a comparison key:

1. accents, case and a GitHub-style ``@handle`` are dropped (``@acme-corp`` reads ``acme corp``);
2. a trailing parenthetical goes (``Acme (acquired by Globex)``), and so does a leading "The";
3. a bare domain loses its top-level domain (``Taskforce.is``, ``Salesforce.com``);
4. ``&`` reads "and", other punctuation is a space;
5. legal-form suffixes are removed from the end, repeatedly (``Acme Holdings Pty Ltd`` keeps
   "holdings": only legal forms go, never descriptive words);
6. the remaining words are joined without spaces (``BackboneTutorials`` == ``Backbone Tutorials``).

A name that is nothing but a legal form keeps it, so the key is never empty for a non-empty name.
:func:`company_display` is the name to show: as given, without the handle's ``@``.
"""

from __future__ import annotations

import re
import unicodedata

#: Legal forms removed from the end of a name (lower case, punctuation already turned to spaces).
LEGAL_SUFFIXES: tuple[tuple[str, ...], ...] = tuple(
    tuple(form.split())
    for form in (
        "private limited",
        "pvt ltd",
        "pty ltd",
        "gmbh and co kg",
        "and co kg",
        "and co",
        "co ltd",
        "s a",
        "s p a",
        "s r l",
        "b v",
        "n v",
        "l l c",
        "l l p",
        "ltd",
        "limited",
        "llc",
        "llp",
        "lp",
        "inc",
        "incorporated",
        "corp",
        "corporation",
        "co",
        "plc",
        "gmbh",
        "ag",
        "kg",
        "sa",
        "sas",
        "sarl",
        "srl",
        "spa",
        "bv",
        "nv",
        "oy",
        "oyj",
        "ab",
        "as",
        "asa",
        "aps",
        "pty",
        "pvt",
        "kk",
        "se",
    )
)
_SUFFIXES_LONGEST_FIRST = sorted(LEGAL_SUFFIXES, key=len, reverse=True)

_DOMAIN = re.compile(r"^([\w-]+)\.(?:com|io|is|org|net|co|ai|dev|app|me|biz|info)$")
_PARENTHETICAL = re.compile(r"\s*\([^)]*\)\s*$")
_NON_WORD = re.compile(r"[^\w]+")
_TLD = re.compile(r"(?<=\w)\.(?:com|io|org|net)\b")


def fold(text: str) -> str:
    """Lower case without accents: ``Zürich`` -> ``zurich``."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def company_words(name: str | None) -> list[str]:
    """The words of a company name that identify it (steps 1-5 of the module doc)."""
    if not name:
        return []
    text = fold(name).strip()
    if text.startswith("@"):
        text = text[1:].replace("-", " ").replace("_", " ")
    text = _PARENTHETICAL.sub("", text).strip()
    domain = _DOMAIN.match(text.rstrip(",. "))
    text = domain.group(1) if domain else _TLD.sub("", text)  # "Salesforce.com, Inc." too
    text = text.replace("&", " and ").replace("+", " and ")
    words = [w for w in _NON_WORD.sub(" ", text).split() if w != "_"]
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    changed = True
    while changed:
        changed = False
        for suffix in _SUFFIXES_LONGEST_FIRST:
            n = len(suffix)
            if len(words) > n and tuple(words[-n:]) == suffix:
                words = words[:-n]
                changed = True
                break
    return words


def company_key(name: str | None) -> str:
    """The comparison key of an employer name; ``""`` for a missing name."""
    return "".join(company_words(name))


def same_company(a: str | None, b: str | None) -> bool:
    """True when both names are given and name the same employer."""
    key_a, key_b = company_key(a), company_key(b)
    return bool(key_a) and key_a == key_b


def company_display(name: str | None) -> str | None:
    """The name to show: stripped, without a GitHub handle's ``@``."""
    if name is None:
        return None
    text = " ".join(name.split())
    return text[1:] if text.startswith("@") and len(text) > 1 else text or None
