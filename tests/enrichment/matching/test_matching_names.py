"""Name and employer normalisation: every variation the matcher must see through."""

from __future__ import annotations

import pytest

from enrichment.matching.employers import employer_key, institution_key, place_key
from enrichment.matching.names import nicknames, parse_name, soundex


@pytest.mark.parametrize(
    ("raw", "first", "last"),
    [
        ("Ada Lovelace", "ada", "lovelace"),
        ("ADA  LOVELACE", "ada", "lovelace"),
        ("Lovelace, Ada", "ada", "lovelace"),
        ("Dr. Ada Lovelace", "ada", "lovelace"),
        ("Prof. Dr. Hans Müller", "hans", "muller"),
        ("Mr John Smith Jr.", "john", "smith"),
        ("Mrs. Jane Smith, PhD", "jane", "smith"),
        ("John Smith III", "john", "smith"),
        ("Jane Doe MBA", "jane", "doe"),
        ("Sr. Juan Pérez Sr", "juan", "perez"),
        ("José García-Márquez", "jose", "garcia marquez"),
        ("Zoë Ñúñez", "zoe", "nunez"),
        ("Ludwig van Beethoven", "ludwig", "van beethoven"),
        ("Robert 'Bob' Smith", "robert", "smith"),
        ("Пётр Чайковский", "petr", "chaykovskiy"),
    ],
)
def test_parse_name_variations(raw: str, first: str, last: str) -> None:
    name = parse_name(raw)
    assert (name.first, name.last) == (first, last)


def test_initials_and_middle_names() -> None:
    name = parse_name("A. M. Turing")
    assert name.first == "a" and name.first_is_initial and name.middles == ("m",)
    assert parse_name("Alan Mathison Turing").middles == ("mathison",)


def test_double_surname_parts() -> None:
    hyphen = parse_name("Gabriel García-Márquez")
    assert {"garcia", "marquez", "garciamarquez"} <= hyphen.last_parts
    spaced = parse_name("Gabriel García Márquez")
    assert spaced.middles == ("garcia",) and spaced.last == "marquez"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("bob", "robert"),
        ("robert", "bob"),
        ("liz", "elizabeth"),
        ("bill", "william"),
        ("peggy", "margaret"),
        ("liz", "beth"),
    ],
)
def test_nicknames_equivalent(a: str, b: str) -> None:
    assert nicknames().equivalent(a, b)
    assert nicknames().groups(a) & nicknames().groups(b)


def test_unrelated_names_are_not_nicknames() -> None:
    assert not nicknames().equivalent("john", "mary")


def test_soundex() -> None:
    assert soundex("robert") == soundex("rupert") == "r163"
    assert soundex("ashcraft") == "a261"
    assert soundex("") == ""


@pytest.mark.parametrize(
    "raw",
    ["Google", "Google LLC", "Google Inc.", "@google", "Alphabet Inc.", "GOOGLE, INC"],
)
def test_employer_variations(raw: str) -> None:
    assert employer_key(raw) == "google"


@pytest.mark.parametrize(
    "raw", ["Acme", "Acme Ltd", "ACME GmbH", "Acme S.A.", "Acme LLC", "Acme plc", "Acme AG"]
)
def test_legal_suffixes(raw: str) -> None:
    assert employer_key(raw) == "acme"


def test_places_and_schools() -> None:
    assert place_key("London, UK") == ("london", "gb")
    assert place_key("London, United Kingdom") == ("london", "gb")
    assert place_key("Austin, TX") == ("austin", "us")
    assert place_key("Germany") == ("", "de")
    assert institution_key("University of Oxford") == institution_key("Oxford University")
